/* recognize.c - finding the people a document names.
 *
 * Each text is read twice. First its folded form (text_fold()) is looked
 * up in the authority's index: at each word the longest run of words that
 * is an indexed form wins and the scan goes on after it, so "Kim Il Sung"
 * is one person and "Matveyev (Razuvayev V.N.)" is two forms of one. Words
 * of Han or Hangul characters, which are not separated from what follows
 * them, are also searched for forms inside them. Then the original text is
 * read as tokens (words with their case, initials such as "V.N.", single
 * punctuation characters) and a few patterns find names the authority
 * does not know: "from X and Y to Z", "Telegram, X to Y", a rank or
 * office before a name ("Lt. Gen. X"), and "X (Y)" where one side is a
 * known person. Word lists keep institutions, places, months and kinds of
 * documents from being taken for people.
 *
 * Both passes are linear: the first looks up one word at each position,
 * and up to max_words words only where a longer form starts with that
 * word; the second keeps a window of tokens and every pattern reads a
 * bounded number of them. A 10 MB summary takes a fraction of a second.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>

#include "fonds/people.h"
#include "fonds/text.h"
#include "fonds/util.h"
#include "people/internal.h"

/* ---- word lists --------------------------------------------------------- */

/* What a word is to the patterns. */
enum word_class {
	W_NONE,  /* maybe part of a name */
	W_STOP,  /* ends a name: function words, pronouns, the verbs that follow
		  * names in titles ("Relaying", "Transmitting", "Meets") */
	W_TITLE, /* a rank or office that announces a name ("Comrade", "Lt.") */
	W_MOD,   /* qualifies a rank or office ("Deputy", "Foreign") */
	W_NAT,   /* a country, people, place or acronym: may describe a person
		  * ("Soviet Ambassador X") but is never one */
	W_INST   /* an institution, kind of document, month, day or other
		  * capitalised word that is never part of a person's name */
};

#define S W_STOP
#define T W_TITLE
#define M W_MOD
#define N W_NAT
#define I W_INST

/* The words with a class, lowercase, in strcmp() order (for bsearch()). */
static const struct word {
	const char *w;
	unsigned char cls;
} words[] = {
	{ "a", S }, { "about", S }, { "abridged", I }, { "academy", I },
	{ "accepted", S }, { "accepts", S }, { "according", S }, { "across", S },
	{ "acting", M }, { "address", I }, { "addressed", S }, { "adm", T },
	{ "administration", I }, { "admiral", T }, { "adviser", T }, { "advisor", T },
	{ "affairs", I }, { "afghan", N }, { "african", N }, { "after", S },
	{ "against", S }, { "agency", I }, { "agreed", S }, { "agreement", I },
	{ "agrees", S }, { "airport", I }, { "albania", N }, { "albanian", N },
	{ "albanians", N }, { "all", S }, { "alliance", I }, { "also", S },
	{ "although", S }, { "amb", T }, { "ambassador", T }, { "ambassadors", T },
	{ "america", N }, { "american", N }, { "americans", N }, { "among", S },
	{ "amongst", S }, { "an", S }, { "and", S }, { "andong", N }, { "any", S },
	{ "appeal", I }, { "appendix", I }, { "approving", S }, { "apr", I },
	{ "april", I }, { "are", S }, { "armistice", I }, { "army", I },
	{ "around", S }, { "arrived", S }, { "arrives", S }, { "as", S },
	{ "asia", N }, { "asian", N }, { "asian-african", N }, { "asked", S },
	{ "asking", S }, { "asks", S }, { "assembly", I }, { "assistant", M },
	{ "at", S }, { "attache", T }, { "attached", S }, { "attaching", S },
	{ "attachment", I }, { "aug", I }, { "august", I }, { "authorities", I },
	{ "authority", I }, { "bank", I }, { "banquet", I }, { "base", I },
	{ "because", S }, { "before", S }, { "behind", S }, { "beijing", N },
	{ "being", S }, { "berlin", N }, { "between", S }, { "beyond", S },
	{ "border", I }, { "both", S }, { "branch", I }, { "brigade", I },
	{ "britain", N }, { "british", N }, { "budapest", N }, { "bulgaria", N },
	{ "bulgarian", N }, { "bulletin", I }, { "bureau", I }, { "busan", N },
	{ "but", S }, { "by", S }, { "cabinet", I }, { "cable", I }, { "called", S },
	{ "calls", S }, { "camp", I }, { "capt", T }, { "captain", T }, { "ccp", N },
	{ "cease-fire", I }, { "ceasefire", I }, { "center", I }, { "centre", I },
	{ "chairman", T }, { "chairwoman", T }, { "chamber", I }, { "chancellor", T },
	{ "charge", T }, { "chief", M }, { "china", N }, { "chinese", N },
	{ "cipher", I }, { "ciphered", I }, { "city", I }, { "cmdr", T },
	{ "coded", I }, { "col", T }, { "cold", I }, { "colonel", T },
	{ "command", I }, { "commander", T }, { "commander-in-chief", T },
	{ "commission", I }, { "committee", I }, { "communication", I },
	{ "communique", I }, { "communist", I }, { "communists", I }, { "company", I },
	{ "comrade", T }, { "comrades", T }, { "concerning", S }, { "conference", I },
	{ "confidential", I }, { "congratulates", S }, { "congress", I },
	{ "consul", T }, { "consulate", I }, { "containing", S }, { "continued", I },
	{ "convention", I }, { "conversation", I }, { "conversations", I },
	{ "copy", I }, { "corps", I }, { "council", I }, { "councillor", T },
	{ "counsellor", T }, { "counselor", T }, { "county", I }, { "court", I },
	{ "cpc", N }, { "cpsu", N }, { "crisis", I }, { "cuba", N }, { "cuban", N },
	{ "czech", N }, { "czechoslovak", N }, { "czechoslovakia", N },
	{ "czechs", N }, { "d.p.r.k.", N }, { "daegu", N }, { "daejeon", N },
	{ "daily", I }, { "dandong", N }, { "dear", S }, { "dec", I },
	{ "december", I }, { "decision", I }, { "declaration", I }, { "decree", I },
	{ "defence", M }, { "defense", M }, { "delegate", T }, { "delegation", I },
	{ "delegations", I }, { "demanded", S }, { "demands", S }, { "democratic", I },
	{ "department", I }, { "deputy", M }, { "describing", S }, { "despite", S },
	{ "detailing", S }, { "development", I }, { "diary", I }, { "dinner", I },
	{ "directive", I }, { "director", T }, { "discussed", S }, { "discusses", S },
	{ "discussing", S }, { "discussion", I }, { "discussions", I },
	{ "district", I }, { "division", I }, { "document", I }, { "documents", I },
	{ "dprk", N }, { "dr", T }, { "draft", I }, { "during", S }, { "each", S },
	{ "east", N }, { "east-west", N }, { "eastern", N }, { "economic", I },
	{ "economy", I }, { "egypt", N }, { "either", S }, { "embassies", I },
	{ "embassy", I }, { "emperor", T }, { "enclosing", S }, { "enclosure", I },
	{ "england", N }, { "english", N }, { "envoy", T }, { "europe", N },
	{ "european", N }, { "every", S }, { "excerpt", I }, { "excerpts", I },
	{ "executive", M }, { "explained", S }, { "explains", S }, { "expressed", S },
	{ "expresses", S }, { "extract", I }, { "far", N }, { "feb", I },
	{ "february", I }, { "federation", I }, { "first", M }, { "fleet", I },
	{ "for", S }, { "force", I }, { "forces", I }, { "foreign", M },
	{ "former", M }, { "forwarding", S }, { "france", N }, { "french", N },
	{ "frg", N }, { "friday", I }, { "from", S }, { "front", I }, { "gate", I },
	{ "gdr", N }, { "gen", T }, { "general", T }, { "german", N },
	{ "germans", N }, { "germany", N }, { "god", I }, { "government", I },
	{ "governments", I }, { "governor", T }, { "greeted", S }, { "greetings", I },
	{ "greets", S }, { "group", I }, { "had", S }, { "hamhung", N },
	{ "hanoi", N }, { "harbin", N }, { "has", S }, { "havana", N }, { "have", S },
	{ "he", S }, { "head", M }, { "headquarters", I }, { "heaven", I },
	{ "her", S }, { "herald", I }, { "here", S }, { "his", S }, { "house", I },
	{ "how", S }, { "however", S }, { "hungarian", N }, { "hungarians", N },
	{ "hungary", N }, { "i", S }, { "if", S }, { "in", S }, { "incheon", N },
	{ "inchon", N }, { "incident", I }, { "including", S }, { "independence", I },
	{ "india", N }, { "indian", N }, { "information", I }, { "informed", S },
	{ "informing", S }, { "informs", S }, { "institute", I }, { "instruction", I },
	{ "instructions", I }, { "interior", M }, { "interview", I }, { "into", S },
	{ "is", S }, { "issue", I }, { "issues", I }, { "it", S }, { "its", S },
	{ "izvestia", I }, { "jan", I }, { "january", I }, { "japan", N },
	{ "japanese", N }, { "journal", I }, { "jul", I }, { "july", I }, { "jun", I },
	{ "june", I }, { "junior", M }, { "kaesong", N }, { "kcna", I }, { "king", T },
	{ "kingdom", I }, { "korea", N }, { "korean", N }, { "koreans", N },
	{ "kpa", N }, { "kremlin", I }, { "kwp", N }, { "labor", I }, { "labour", I },
	{ "laos", N }, { "late", M }, { "later", S }, { "leader", T },
	{ "leadership", I }, { "leaves", S }, { "left", S }, { "legation", I },
	{ "letter", I }, { "letters", I }, { "liberation", I }, { "lieutenant", T },
	{ "lieutenant-general", T }, { "list", I }, { "lt", T }, { "lunch", I },
	{ "madam", S }, { "maj", T }, { "major", T }, { "major-general", T },
	{ "manchuria", N }, { "manila", N }, { "many", S }, { "mar", I },
	{ "march", I }, { "marshal", T }, { "materials", I }, { "matter", I },
	{ "may", I }, { "meeting", I }, { "meetings", I }, { "meets", S },
	{ "memo", I }, { "memoir", I }, { "memoirs", I }, { "memoranda", I },
	{ "memorandum", I }, { "memorial", I }, { "message", I }, { "messages", I },
	{ "met", S }, { "middle", N }, { "military", M }, { "minister", T },
	{ "ministries", I }, { "ministry", I }, { "minutes", I }, { "mission", I },
	{ "monday", I }, { "mongolia", N }, { "mongolian", N }, { "mongolians", N },
	{ "more", S }, { "moscow", N }, { "moscow-beijing", N }, { "most", S },
	{ "movement", I }, { "mr", T }, { "mrs", T }, { "ms", T }, { "my", S },
	{ "nampo", N }, { "nations", I }, { "nato", N }, { "navy", I }, { "near", S },
	{ "negotiations", I }, { "neither", S }, { "news", I }, { "no", S },
	{ "nodong", I }, { "nor", S }, { "north", N }, { "northeast", N },
	{ "northern", N }, { "not", S }, { "note", I }, { "notebook", I },
	{ "noted", S }, { "notes", S }, { "nov", I }, { "november", I }, { "now", S },
	{ "nuclear", I }, { "oct", I }, { "october", I }, { "of", S }, { "office", I },
	{ "officer", T }, { "official", T }, { "on", S }, { "once", S }, { "one", S },
	{ "only", S }, { "or", S }, { "order", I }, { "orders", I },
	{ "organisation", I }, { "organization", I }, { "original", I },
	{ "other", S }, { "our", S }, { "over", S }, { "p.r.c.", N }, { "pacific", N },
	{ "panmunjom", N }, { "parliament", I }, { "part", I }, { "party", I },
	{ "peace", I }, { "peking", N }, { "peninsula", I }, { "people", I },
	{ "peoples", I }, { "per", S }, { "permanent", M }, { "personal", I },
	{ "plan", I }, { "plenum", I }, { "poland", N }, { "polish", N },
	{ "politburo", I }, { "political", M }, { "post", I }, { "prague", N },
	{ "pravda", I }, { "prc", N }, { "premier", T }, { "president", T },
	{ "presidium", I }, { "press", I }, { "prime", M }, { "prince", T },
	{ "principal", M }, { "private", I }, { "problem", I }, { "problems", I },
	{ "prof", T }, { "professor", T }, { "program", I }, { "programme", I },
	{ "proposal", I }, { "proposed", S }, { "proposes", S }, { "protested", S },
	{ "protests", S }, { "protocol", I }, { "province", I }, { "pueblo", I },
	{ "pyongyang", N }, { "queen", T }, { "question", I }, { "questions", I },
	{ "r.o.k.", N }, { "radio", I }, { "re", S }, { "received", S },
	{ "receives", S }, { "reception", I }, { "recollections", I }, { "record", I },
	{ "records", I }, { "regarding", S }, { "regiment", I }, { "region", I },
	{ "rejected", S }, { "rejects", S }, { "relaying", S }, { "replied", S },
	{ "replies", S }, { "reply", I }, { "report", I }, { "reporting", S },
	{ "reports", I }, { "representative", T }, { "republic", I }, { "request", I },
	{ "requesting", S }, { "requests", I }, { "requiring", S },
	{ "resolution", I }, { "response", I }, { "returned", S }, { "returns", S },
	{ "reunification", I }, { "review", I }, { "revolution", I }, { "river", I },
	{ "rok", N }, { "romania", N }, { "romanian", N }, { "russia", N },
	{ "russian", N }, { "russians", N }, { "said", S }, { "saturday", I },
	{ "says", S }, { "school", I }, { "sea", I }, { "second", M }, { "secret", I },
	{ "secretariat", I }, { "secretary", T }, { "section", I }, { "senate", I },
	{ "sends", S }, { "senior", M }, { "sent", S }, { "seoul", N }, { "sep", I },
	{ "sept", I }, { "september", I }, { "sergeant", T }, { "service", I },
	{ "services", I }, { "session", I }, { "sgt", T }, { "shanghai", N },
	{ "she", S }, { "shenyang", N }, { "signed", S }, { "since", S },
	{ "sinmun", I }, { "sino", N }, { "sino-soviet", N }, { "sinuiju", N },
	{ "sir", S }, { "situation", I }, { "socialist", I }, { "some", S },
	{ "south", N }, { "southern", N }, { "soviet", N }, { "soviets", N },
	{ "speaks", S }, { "special", M }, { "speech", I }, { "spoke", S },
	{ "spokesman", T }, { "square", I }, { "staff", I }, { "state", I },
	{ "stated", S }, { "statement", I }, { "states", S }, { "stating", S },
	{ "station", I }, { "strictly", I }, { "such", S }, { "suggested", S },
	{ "suggests", S }, { "summary", I }, { "sunday", I }, { "supreme", M },
	{ "taejon", N }, { "taiwan", N }, { "talks", I }, { "tass", I },
	{ "telegram", I }, { "telegrams", I }, { "tells", S }, { "text", I },
	{ "than", S }, { "thanked", S }, { "thanks", S }, { "that", S }, { "the", S },
	{ "their", S }, { "them", S }, { "then", S }, { "there", S }, { "these", S },
	{ "they", S }, { "this", S }, { "those", S }, { "though", S },
	{ "through", S }, { "throughout", S }, { "thursday", I }, { "thus", S },
	{ "times", I }, { "to", S }, { "tokyo", N }, { "told", S }, { "top", I },
	{ "tour", I }, { "toward", S }, { "towards", S }, { "trade", M },
	{ "transcript", I }, { "translated", S }, { "translation", I },
	{ "transmitting", S }, { "treaty", I }, { "tribune", I }, { "trip", I },
	{ "truce", I }, { "tuesday", I }, { "tumen", N }, { "two", S }, { "u.k.", N },
	{ "u.n.", N }, { "u.s.", N }, { "u.s.s.r.", N }, { "uk", N },
	{ "ulaanbaatar", N }, { "un", N }, { "under", S }, { "unification", I },
	{ "union", I }, { "united", I }, { "university", I }, { "until", S },
	{ "upon", S }, { "urged", S }, { "urgent", I }, { "urges", S }, { "us", N },
	{ "usa", N }, { "ussr", N }, { "version", I }, { "versus", S }, { "via", S },
	{ "vice", M }, { "vice-chairman", T }, { "vice-premier", T },
	{ "vice-president", T }, { "vietnam", N }, { "vietnamese", N }, { "visit", I },
	{ "visited", S }, { "visits", S }, { "vs", S }, { "war", I }, { "warned", S },
	{ "warns", S }, { "warsaw", N }, { "was", S }, { "washington", N },
	{ "we", S }, { "wednesday", I }, { "were", S }, { "west", N },
	{ "western", N }, { "what", S }, { "when", S }, { "where", S },
	{ "whether", S }, { "which", S }, { "while", S }, { "who", S }, { "whom", S },
	{ "whose", S }, { "why", S }, { "with", S }, { "within", S }, { "without", S },
	{ "wonsan", N }, { "worker", I }, { "workers", I }, { "world", I },
	{ "writes", S }, { "written", S }, { "wrote", S }, { "xinhua", I },
	{ "yalu", N }, { "yet", S }, { "you", S }, { "your", S }, { "yugoslav", N },
	{ "yugoslavia", N }, { "zone", I },
};

#undef S
#undef T
#undef M
#undef N
#undef I

/* Longest word in words[]: longer ones are not looked up. */
#define WORD_MAX 18

/* Lowercase words that may join the parts of a name ("Charles de Gaulle"). */
static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "del", "den", "der", "di", "dos", "du", "el",
	"ibn", "la", "le", "ter", "van", "von",
};

/* Abbreviations written with a dot that is not the end of a sentence. */
static const char *const abbrevs[] = {
	"adm", "amb", "capt", "cmdr", "col", "dr", "gen", "gov", "jr", "lt", "maj",
	"mr", "mrs", "ms", "no", "prof", "sgt", "sr", "st",
};

static int cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int in_list(const char *const *list, size_t n, const char *w)
{
	return bsearch(w, list, n, sizeof *list, cmp_word) != NULL;
}

#define IN(list, w) in_list(list, ARRAY_LEN(list), w)

/* ---- tokens ------------------------------------------------------------- */

enum tok_kind { TK_WORD, TK_INITIALS, TK_NUMBER, TK_PUNCT };

/* Words the patterns look for. */
enum { SP_NONE, SP_FROM, SP_TO, SP_AND, SP_PARTICLE };

/* One token of the original text. */
struct tok {
	size_t off;         /* first byte in the text */
	size_t len;         /* bytes of its name part: "Kim" of "Kim's", "V.N." */
	uint32_t punct;     /* TK_PUNCT: the character */
	unsigned char kind; /* enum tok_kind */
	unsigned char cls;  /* enum word_class */
	unsigned char sp;   /* SP_* */
	unsigned char cap;  /* starts with a capital letter */
	unsigned char poss; /* ends in a possessive "'s" */
};

static int is_letter(uint32_t uc)
{
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z');
	return uc_is_general_category(uc, UC_CATEGORY_L) ||
	       uc_is_general_category(uc, UC_CATEGORY_M);
}

static int is_digit(uint32_t uc)
{
	if (uc < 0x80)
		return uc >= '0' && uc <= '9';
	return uc_is_general_category(uc, UC_CATEGORY_N);
}

static int is_upper(uint32_t uc)
{
	if (uc < 0x80)
		return uc >= 'A' && uc <= 'Z';
	return uc_is_general_category(uc, UC_CATEGORY_Lu) ||
	       uc_is_general_category(uc, UC_CATEGORY_Lt);
}

static int is_lower(uint32_t uc)
{
	if (uc < 0x80)
		return uc >= 'a' && uc <= 'z';
	return uc_is_general_category(uc, UC_CATEGORY_Ll);
}

static int is_apostrophe(uint32_t uc)
{
	return uc == '\'' || uc == 0x2019 || uc == 0x02BC;
}

static int is_hyphen(uint32_t uc)
{
	return uc == '-' || uc == 0x2010 || uc == 0x2011;
}

/* Punctuation and symbols become tokens; spaces, controls and other
 * characters only separate them. */
static int is_punct(uint32_t uc)
{
	if (uc < 0x80)
		return uc > ' ' && uc < 0x7F && !is_letter(uc) && !is_digit(uc);
	return uc_is_general_category(uc, UC_CATEGORY_P) ||
	       uc_is_general_category(uc, UC_CATEGORY_S) || uc == 0xFFFD;
}

/* The character at s[pos] (0 past the end) and its length in *len. */
static uint32_t peek(const char *s, size_t n, size_t pos, size_t *len)
{
	uint32_t uc;

	if (pos >= n) {
		*len = 0;
		return 0;
	}
	if ((unsigned char)s[pos] < 0x80) {
		*len = 1;
		return (unsigned char)s[pos];
	}
	*len = text_next(s + pos, n - pos, &uc);
	return uc;
}

/* A run of 1 or 2 letters at pos that can be an initial ("V", "Ya"): a
 * capital, then a small letter. Returns its length in bytes or 0. */
static size_t initial_at(const char *s, size_t n, size_t pos)
{
	size_t l1, l2, l3;
	uint32_t c1 = peek(s, n, pos, &l1), c2, c3;

	if (!l1 || !is_upper(c1))
		return 0;
	c2 = peek(s, n, pos + l1, &l2);
	if (!l2 || !is_letter(c2))
		return l1;
	if (is_upper(c2))
		return 0;
	c3 = peek(s, n, pos + l1 + l2, &l3);
	if (l3 && is_letter(c3))
		return 0;
	return l1 + l2;
}

/* The ASCII lowercase copy of s[0..n) into buf (of size bufn); 0 when s
 * is not ASCII or too long. */
static int ascii_lower(const char *s, size_t n, char *buf, size_t bufn)
{
	if (n + 1 > bufn)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80)
			return 0;
		buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	buf[n] = '\0';
	return 1;
}

int people_check_tables(void)
{
	for (size_t i = 1; i < ARRAY_LEN(words); i++)
		if (strcmp(words[i - 1].w, words[i].w) >= 0)
			return -1;
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strlen(words[i].w) > WORD_MAX)
			return -1;
	for (size_t i = 1; i < ARRAY_LEN(particles); i++)
		if (strcmp(particles[i - 1], particles[i]) >= 0)
			return -1;
	for (size_t i = 1; i < ARRAY_LEN(abbrevs); i++)
		if (strcmp(abbrevs[i - 1], abbrevs[i]) >= 0)
			return -1;
	return 0;
}

static int cmp_word_entry(const void *key, const void *elem)
{
	return strcmp(key, ((const struct word *)elem)->w);
}

static int word_class(const char *w)
{
	const struct word *found;

	if (strlen(w) > WORD_MAX)
		return W_NONE;
	found = bsearch(w, words, ARRAY_LEN(words), sizeof *words, cmp_word_entry);
	return found ? found->cls : W_NONE;
}

/* Classify the word t (its name part): its list, and for a hyphenated
 * word that no list holds, the list of its first part ("Sino-Korean"). */
static void tok_classify(const char *s, struct tok *t)
{
	char w[40];
	char *dash;

	if (!ascii_lower(s + t->off, t->len, w, sizeof w))
		return;
	if (t->kind == TK_WORD && w[t->len - 1] == '.')
		w[t->len - 1] = '\0'; /* "lt." is "lt" */
	t->cls = (unsigned char)word_class(w);
	if (t->cls == W_NONE && (dash = strchr(w, '-')) != NULL) {
		*dash = '\0';
		t->cls = (unsigned char)word_class(w);
	}
	if (strcmp(w, "from") == 0)
		t->sp = SP_FROM;
	else if (strcmp(w, "to") == 0)
		t->sp = SP_TO;
	else if (strcmp(w, "and") == 0)
		t->sp = SP_AND;
	else if (!t->cap && IN(particles, w))
		t->sp = SP_PARTICLE;
}

/* Read the word that starts at *pos (a letter or a digit). */
static void lex_word(const char *s, size_t n, size_t *pos, struct tok *t)
{
	size_t i = *pos, l, apos = 0, aposl = 0, letters = 0, upper = 0, lower = 0;
	int digits = 0, joined = 0, acronym;
	uint32_t uc = peek(s, n, i, &l);
	char w[8];

	t->off = i;
	t->cap = (unsigned char)is_upper(uc);
	for (;;) {
		uc = peek(s, n, i, &l);
		if (!l)
			break;
		if (is_letter(uc)) {
			letters++;
			upper += is_upper(uc);
			lower += is_lower(uc);
		} else if (is_digit(uc)) {
			digits = 1;
		} else if (is_hyphen(uc) || is_apostrophe(uc)) {
			size_t l2;
			uint32_t next = peek(s, n, i + l, &l2);

			if (!l2 || !is_letter(next))
				break;
			if (is_apostrophe(uc)) {
				apos = i;
				aposl = l;
			}
			joined = 1;
		} else {
			break;
		}
		i += l;
	}
	t->len = i - t->off;
	t->kind = digits ? TK_NUMBER : TK_WORD;
	/* "Kim's", "Matveyev’s": the name is the part before the apostrophe */
	if (aposl && i == apos + aposl + 1 && (s[apos + aposl] | 0x20) == 's') {
		t->poss = 1;
		t->len = apos - t->off;
	}
	if (!t->poss && !digits && i < n && s[i] == '.') {
		if (ascii_lower(s + t->off, t->len, w, sizeof w) && IN(abbrevs, w)) {
			i++; /* "Lt.", "Mr.", "No." */
			t->len++;
		} else if (!joined && initial_at(s, n, t->off) == t->len) {
			/* initials: "V.N.", "A.", "Ya.A.", "A.I" (no final dot) */
			t->kind = TK_INITIALS;
			i++;
			for (;;) {
				size_t k = initial_at(s, n, i);

				if (!k)
					break;
				if (i + k < n && s[i + k] == '.') {
					i += k + 1;
					continue;
				}
				if (k == 1 && !is_letter(peek(s, n, i + k, &l)) &&
				    !is_digit(peek(s, n, i + k, &l)))
					i += k;
				break;
			}
			t->len = i - t->off;
		}
	}
	/* an acronym ("DPRK", "USSR") may describe a person but is not a name */
	acronym = t->kind == TK_WORD && letters >= 2 && lower == 0 && upper == letters;
	if (acronym)
		t->cap = 0;
	*pos = i;
	tok_classify(s, t);
	if (acronym && t->cls == W_NONE)
		t->cls = W_NAT;
}

/* Read the next token from *pos; 0 at the end of the text. */
static int lex_next(const char *s, size_t n, size_t *pos, struct tok *t)
{
	memset(t, 0, sizeof *t);
	while (*pos < n) {
		size_t l;
		uint32_t uc = peek(s, n, *pos, &l);

		if (is_letter(uc) || is_digit(uc)) {
			lex_word(s, n, pos, t);
			return 1;
		}
		if (is_punct(uc)) {
			t->kind = TK_PUNCT;
			t->off = *pos;
			t->len = l;
			t->punct = uc;
			*pos += l;
			return 1;
		}
		*pos += l;
	}
	return 0;
}

/* ---- a set of strings --------------------------------------------------- */

/* Copies of strings, for "already appended" tests in constant time. */
struct strset {
	char **v;  /* open addressing; NULL for an empty slot */
	size_t cap; /* a power of two or 0 */
	size_t n;
};

static size_t strset_slot(char **v, size_t cap, const char *k)
{
	size_t mask = cap - 1, i = (size_t)hash64(k, strlen(k), 0) & mask;

	while (v[i] && strcmp(v[i], k) != 0)
		i = (i + 1) & mask;
	return i;
}

static int strset_has(const struct strset *set, const char *k)
{
	return set->cap && set->v[strset_slot(set->v, set->cap, k)];
}

/* Add a copy of k; returns 1 when it was not there. */
static int strset_add(struct strset *set, const char *k)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 32;
		char **v = xcalloc(cap, sizeof *v);

		for (size_t j = 0; j < set->cap; j++)
			if (set->v[j])
				v[strset_slot(v, cap, set->v[j])] = set->v[j];
		free(set->v);
		set->v = v;
		set->cap = cap;
	}
	i = strset_slot(set->v, set->cap, k);
	if (set->v[i])
		return 0;
	set->v[i] = xstrdup(k);
	set->n++;
	return 1;
}

static void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof *set);
}

/* ---- results ------------------------------------------------------------ */

/* What one call of people_recognize() collects. */
struct found {
	const struct authority *a;
	struct strlist *people, *uncertain;
	unsigned char *known;  /* per person of a: already in people */
	struct strset in_people;    /* folded forms of people's names */
	struct strset in_uncertain; /* folded forms of uncertain names */
};

static void add_person(struct found *fd, size_t idx)
{
	const char *name = fd->a->v[idx].name;
	char *f;

	if (fd->known[idx])
		return;
	fd->known[idx] = 1;
	f = text_fold(name);
	if (strset_add(&fd->in_people, f))
		strlist_add(fd->people, name);
	free(f);
}

static void add_uncertain(struct found *fd, const char *name)
{
	char *f = text_fold(name);

	if (*f && !strset_has(&fd->in_people, f) && strset_add(&fd->in_uncertain, f))
		strlist_add(fd->uncertain, name);
	free(f);
}

/* ---- known forms -------------------------------------------------------- */

/* Look for Han and Hangul forms inside the folded word w[0..n): a Hangul
 * form at the start of a Hangul run ("김일성" in "김일성은"), a Han form
 * anywhere in a Han run. Returns the forms found; adds them when report. */
static size_t scan_ideo(struct found *fd, const char *w, size_t n, int report)
{
	const struct authority *a = fd->a;
	size_t q = 0, hits = 0;
	int prev_hangul = 0;

	if (a->max_ideo < 2)
		return 0;
	while (q < n) {
		unsigned char lead = (unsigned char)w[q];
		uint32_t uc;
		size_t l;
		int hangul;

		if (lead < 0xE1) {
			/* below U+1100: neither Han nor Hangul */
			q += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : 3;
			prev_hangul = 0;
			continue;
		}
		l = text_next(w + q, n - q, &uc);
		hangul = people_is_hangul(uc);

		if (people_is_han(uc) || (hangul && !prev_hangul)) {
			size_t ends[PEOPLE_MAX_IDEO], k = 0, r = q, m;
			long idx = -1;

			while (k < a->max_ideo && r < n) {
				uint32_t c;
				size_t cl = text_next(w + r, n - r, &c);

				if (!people_is_han(c) && !people_is_hangul(c))
					break;
				r += cl;
				ends[k++] = r;
			}
			for (m = k; m >= 2; m--)
				if ((idx = authority_lookup(a, w + q, ends[m - 1] - q)) >= 0)
					break;
			if (idx >= 0) {
				hits++;
				if (report)
					add_person(fd, (size_t)idx);
				q = ends[m - 1];
				prev_hangul = 0;
				continue;
			}
		}
		prev_hangul = hangul;
		q += l;
	}
	return hits;
}

/* Russian case endings, folded ("й" folds to "и"), longest first: a
 * Cyrillic word that is no form may be one in another case ("Штыкову",
 * "Громыко и Сталину"). */
static const char *const cyrillic_endings[] = {
	"ами", "ого", "ому", "его", "ему", "ом", "ым", "ои", "ою", "еи", "им", "их",
	"ых", "ем", "ах", "ям", "а", "у", "е", "ю", "я",
};

/* The person named by the folded Cyrillic word w[0..n) in another case
 * than the one the authority lists, or -1. */
static long lookup_inflected(const struct authority *a, const char *w, size_t n)
{
	uint32_t uc;

	text_next(w, n, &uc);
	if (uc < 0x0400 || uc > 0x04FF)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(cyrillic_endings); i++) {
		size_t el = strlen(cyrillic_endings[i]);
		long idx;

		/* keep at least three letters (two bytes each) of the stem */
		if (n < el + 6 || memcmp(w + n - el, cyrillic_endings[i], el) != 0)
			continue;
		if ((idx = authority_lookup(a, w, n - el)) >= 0)
			return idx;
	}
	return -1;
}

/* Find the authority's forms in the folded text f[0..len): at each word
 * the longest form of up to max_words words. Returns the forms found;
 * adds their persons to people when report. */
static size_t scan_known(struct found *fd, const char *f, size_t len, int report)
{
	const struct authority *a = fd->a;
	size_t p = 0, hits = 0;

	if (!a || a->nslots == 0)
		return 0;
	while (p < len) {
		const char *sp = memchr(f + p, ' ', len - p);
		size_t end = sp ? (size_t)(sp - f) : len, word_end = end;
		int prefix;
		long idx = authority_probe(a, f + p, end - p, &prefix);

		if (prefix) {
			/* the word starts longer forms: try those, longest first */
			size_t ends[PEOPLE_MAX_WORDS], k = 1, q = end;

			ends[0] = end;
			while (k < a->max_words && q < len) {
				sp = memchr(f + q + 1, ' ', len - q - 1);
				q = sp ? (size_t)(sp - f) : len;
				ends[k++] = q;
			}
			for (size_t nw = k; nw > 1; nw--) {
				long longer = authority_lookup(a, f + p, ends[nw - 1] - p);

				if (longer >= 0) {
					idx = longer;
					end = ends[nw - 1];
					break;
				}
			}
		}
		if (idx < 0)
			idx = lookup_inflected(a, f + p, end - p);
		if (idx >= 0) {
			hits++;
			if (report)
				add_person(fd, (size_t)idx);
		} else {
			hits += scan_ideo(fd, f + p, end - p, report);
		}
		p = (idx >= 0 ? end : word_end) + 1;
	}
	return hits;
}

/* Size of the cache of folded words in people_fold(). */
#define FOLD_CACHE 1024

/* One cached word and its folded form. */
struct fold_slot {
	char *word;
	char *fold;
};

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ASCII punctuation and spaces separate words in every case, so the text
 * is cut there, runs of ASCII letters and digits are lowercased in place,
 * and only the other runs go through text_fold(), with a small cache
 * because words repeat. */
char *people_fold(const char *s, size_t *len)
{
	struct sbuf out = { 0 };
	struct fold_slot *cache = NULL;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t j = i;
		int ascii = 1;

		if ((unsigned char)s[i] < 0x80 && !ascii_alnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		while (j < n && ((unsigned char)s[j] >= 0x80 || ascii_alnum((unsigned char)s[j]))) {
			ascii &= (unsigned char)s[j] < 0x80;
			j++;
		}
		if (ascii) {
			size_t at;

			if (out.len)
				sbuf_addc(&out, ' ');
			at = out.len;
			sbuf_addn(&out, s + i, j - i);
			for (size_t k = at; k < out.len; k++)
				if (out.s[k] >= 'A' && out.s[k] <= 'Z')
					out.s[k] = (char)(out.s[k] - 'A' + 'a');
		} else {
			struct fold_slot *slot;

			if (!cache)
				cache = xcalloc(FOLD_CACHE, sizeof *cache);
			slot = &cache[hash64(s + i, j - i, 0) & (FOLD_CACHE - 1)];
			if (!slot->word || strlen(slot->word) != j - i ||
			    memcmp(slot->word, s + i, j - i) != 0) {
				free(slot->word);
				free(slot->fold);
				slot->word = xstrndup(s + i, j - i);
				slot->fold = text_fold(slot->word);
			}
			if (*slot->fold) {
				if (out.len)
					sbuf_addc(&out, ' ');
				sbuf_add(&out, slot->fold);
			}
		}
		i = j;
	}
	if (cache) {
		for (size_t k = 0; k < FOLD_CACHE; k++) {
			free(cache[k].word);
			free(cache[k].fold);
		}
		free(cache);
	}
	*len = out.len;
	return sbuf_take(&out);
}

/* ---- patterns ----------------------------------------------------------- */

/* Tokens a pattern may read ahead of and behind its start. */
#define LOOK_AHEAD 192
#define LOOK_BEHIND 8
/* Tokens held at once: a window that slides over the text. */
#define WINDOW 2048
/* Names in one "from" or "to" list. */
#define MAX_ITEMS 6

/* A range of tokens that is a name. */
struct span {
	size_t s, e;
};

/* The tokens of the text being read. */
struct scan {
	struct found *fd;
	const char *text;
	const struct tok *tk;
};

static int tok_is_name(const struct tok *t)
{
	return ((t->kind == TK_WORD && t->cap) || t->kind == TK_INITIALS) &&
	       t->cls == W_NONE;
}

/* A word that may stand before a name: a rank, office, qualifier or
 * nationality ("Soviet Deputy Foreign Minister"). */
static int tok_is_desc(const struct tok *t)
{
	return (t->kind == TK_WORD || t->kind == TK_INITIALS) &&
	       (t->cls == W_TITLE || t->cls == W_MOD || t->cls == W_NAT);
}

static int tok_is(const struct tok *t, uint32_t punct)
{
	return t->kind == TK_PUNCT && t->punct == punct;
}

static int tok_is_open(const struct tok *t)
{
	return tok_is(t, '(') || tok_is(t, '[');
}

/* The name that starts at token i: 1 to 4 name tokens, possibly joined by
 * lowercase particles, ending at a possessive or before a token that is
 * not a name. Returns the token after it, or i when there is none or the
 * run is too long to be one name (title case: "A Letter From Moscow"). */
static size_t name_run(const struct tok *tk, size_t i, size_t lim)
{
	size_t j = i, names = 0;

	while (j < lim) {
		if (tok_is_name(&tk[j])) {
			if (++names > 4)
				return i;
			if (tk[j++].poss)
				return j;
		} else if (names > 0 && tk[j].sp == SP_PARTICLE && j + 1 < lim &&
			   tok_is_name(&tk[j + 1])) {
			j++;
		} else {
			break;
		}
	}
	return names ? j : i;
}

/* One item of a list of people: optional words before the name that end
 * with a rank or office ("Soviet Ambassador", "Lt. Gen."), then the name,
 * stored in *name. Returns the token after it, or 0 when there is none. */
static size_t list_item(const struct tok *tk, size_t i, size_t lim, struct span *name)
{
	size_t j = i, e;
	int last = W_NONE;

	while (j < lim && j - i < 8 && tok_is_desc(&tk[j]))
		last = tk[j++].cls;
	if (j > i && last != W_TITLE)
		return 0;
	e = name_run(tk, j, lim);
	if (e == j)
		return 0;
	name->s = j;
	name->e = e;
	return e;
}

/* The group that opens at token i ('(' or '['): when it holds exactly one
 * name, *name is set to it, else *name is empty. Returns the token after
 * the closing bracket, or 0 when there is none nearby. */
static size_t bracket(const struct tok *tk, size_t i, size_t lim, struct span *name)
{
	uint32_t close = tk[i].punct == '(' ? ')' : ']';
	size_t e = list_item(tk, i + 1, lim, name);

	if (e && e < lim && tok_is(&tk[e], close))
		return e + 1;
	name->s = name->e = 0;
	for (size_t j = i + 1; j < lim && j < i + 16; j++)
		if (tok_is(&tk[j], close))
			return j + 1;
	return 0;
}

/* A list of people: "A", "A (B)", "A, B and C". Stores the names (items
 * and the names in brackets after them) in out, their number in *nout.
 * Returns the token after the last item, or 0 when there is none. */
static size_t name_list(const struct tok *tk, size_t i, size_t lim, struct span *out,
			size_t *nout)
{
	size_t j = i, end = 0;

	*nout = 0;
	for (size_t items = 0; items < MAX_ITEMS; items++) {
		struct span name, alt;
		size_t e = list_item(tk, j, lim, &name), k;

		if (!e)
			break;
		out[(*nout)++] = name;
		if (e < lim && tok_is_open(&tk[e])) {
			size_t b = bracket(tk, e, lim, &alt);

			if (b) {
				if (alt.e > alt.s)
					out[(*nout)++] = alt;
				e = b;
			}
		}
		end = e;
		k = e;
		if (k < lim && tok_is(&tk[k], ','))
			k++;
		if (k < lim && tk[k].sp == SP_AND)
			k++;
		if (k == e)
			break;
		j = k;
	}
	return end;
}

/* The text of the name sp: its tokens joined by single spaces, without a
 * possessive "'s". Caller frees. */
static char *span_text(const struct scan *sc, struct span sp)
{
	struct sbuf b = { 0 };

	for (size_t i = sp.s; i < sp.e; i++) {
		if (i > sp.s)
			sbuf_addc(&b, ' ');
		sbuf_addn(&b, sc->text + sc->tk[i].off, sc->tk[i].len);
	}
	return sbuf_take(&b);
}

/* Whether the name sp holds a form the authority knows. */
static int span_known(const struct scan *sc, struct span sp)
{
	char *t, *f;
	size_t hits;

	if (!sc->fd->a)
		return 0;
	t = span_text(sc, sp);
	f = text_fold(t);
	hits = scan_known(sc->fd, f, strlen(f), 0);
	free(f);
	free(t);
	return hits > 0;
}

/* Keep the name sp as an uncertain person unless the authority knows it
 * (then the first pass has it) or it is initials alone. */
static void consider(const struct scan *sc, struct span sp)
{
	int word = 0;
	char *t;

	for (size_t i = sp.s; i < sp.e; i++)
		word |= sc->tk[i].kind == TK_WORD;
	if (!word || span_known(sc, sp))
		return;
	t = span_text(sc, sp);
	add_uncertain(sc->fd, t);
	free(t);
}

/* "from X and Y to Z", with the lists starting at token i (after "from",
 * or after the comma of "Telegram, X to Y"). */
static void match_from(const struct scan *sc, size_t i, size_t lim)
{
	struct span x[2 * MAX_ITEMS], y[2 * MAX_ITEMS];
	size_t nx, ny, e;

	while (i < lim && sc->tk[i].sp == SP_FROM) /* "from from" */
		i++;
	e = name_list(sc->tk, i, lim, x, &nx);
	if (!e || e >= lim || sc->tk[e].sp != SP_TO)
		return;
	name_list(sc->tk, e + 1, lim, y, &ny);
	for (size_t k = 0; k < nx; k++)
		consider(sc, x[k]);
	for (size_t k = 0; k < ny; k++)
		consider(sc, y[k]);
}

/* A rank or office at token i followed by a name ("Comrade X",
 * "Deputy Foreign Minister X", "Lt. Gen. X"). */
static void match_title(const struct scan *sc, size_t i, size_t lim)
{
	size_t j = i + 1, e;

	while (j < lim && j - i < 8 &&
	       (sc->tk[j].cls == W_TITLE || sc->tk[j].cls == W_MOD) &&
	       sc->tk[j].kind != TK_PUNCT)
		j++;
	e = name_run(sc->tk, j, lim);
	if (e > j)
		consider(sc, (struct span){ j, e });
}

/* "X (Y)" or "X [Y]" at the bracket i: a cover name and the person it
 * stands for, or two forms of one name. When one side is known, the other
 * is kept. */
static void match_bracket(const struct scan *sc, size_t i, size_t lim, size_t lo)
{
	const struct tok *tk = sc->tk;
	struct span x = { i, i }, y;
	int kx, ky;

	if (!bracket(tk, i, lim, &y) || y.e == y.s)
		return;
	while (x.s > lo && i - x.s < 5 && tok_is_name(&tk[x.s - 1]) && !tk[x.s - 1].poss)
		x.s--;
	if (x.s == x.e || i - x.s > 4)
		return;
	kx = span_known(sc, x);
	ky = span_known(sc, y);
	if (kx && !ky)
		consider(sc, y);
	else if (ky && !kx)
		consider(sc, x);
}

/* Try every pattern that starts at token i; tokens [lo, lim) may be read. */
static void match_at(const struct scan *sc, size_t i, size_t lo, size_t lim, int at_start)
{
	const struct tok *t = &sc->tk[i];

	if (at_start) {
		/* "Ciphered Telegram, X to Y": a few words, a comma, a list */
		size_t k = i;

		while (k < lim && k - i < 3 && sc->tk[k].kind == TK_WORD)
			k++;
		if (k > i && k < lim && tok_is(&sc->tk[k], ','))
			match_from(sc, k + 1, lim);
	}
	if (t->sp == SP_FROM && (i == lo || sc->tk[i - 1].sp != SP_FROM))
		match_from(sc, i + 1, lim);
	else if (t->cls == W_TITLE && (t->kind == TK_WORD))
		match_title(sc, i, lim);
	else if (tok_is_open(t))
		match_bracket(sc, i, lim, lo);
}

/* Find names by the patterns in s, a window of tokens at a time. */
static void scan_patterns(struct found *fd, const char *s)
{
	size_t n = strlen(s), pos = 0, nt = 0, start = 0;
	struct tok *tk = xmalloc(WINDOW * sizeof *tk);
	struct scan sc = { .fd = fd, .text = s, .tk = tk };
	int done = 0, first = 1;

	for (;;) {
		size_t limit, keep;

		while (nt < WINDOW && !done) {
			if (lex_next(s, n, &pos, &tk[nt]))
				nt++;
			else
				done = 1;
		}
		limit = done ? nt : nt - LOOK_AHEAD;
		for (size_t i = start; i < limit; i++) {
			size_t lim = nt - i > LOOK_AHEAD ? i + LOOK_AHEAD : nt;

			match_at(&sc, i, i > LOOK_BEHIND ? i - LOOK_BEHIND : 0, lim,
				 first && i == 0);
		}
		if (done)
			break;
		keep = limit - LOOK_BEHIND;
		memmove(tk, tk + keep, (nt - keep) * sizeof *tk);
		nt -= keep;
		start = limit - keep;
		first = 0;
	}
	free(tk);
}

/* ---- the whole ---------------------------------------------------------- */

/* Replace the names in people by their canonical forms and drop repeats. */
static void canonicalize(struct found *fd)
{
	struct strlist old = *fd->people;

	memset(fd->people, 0, sizeof *fd->people);
	for (size_t i = 0; i < old.n; i++) {
		/* one folding of the name for both the lookup and the set */
		char *f = text_fold(old.v[i]);
		long idx = fd->a && fd->a->nslots ? authority_lookup(fd->a, f, strlen(f)) : -1;
		const struct person_entry *p = idx < 0 ? NULL : &fd->a->v[idx];
		const char *name = p ? p->name : old.v[i];

		if (p) {
			free(f);
			f = text_fold(name);
			fd->known[p - fd->a->v] = 1;
		}
		if (strset_add(&fd->in_people, *f ? f : name))
			strlist_add(fd->people, name);
		free(f);
	}
	strlist_clear(&old);
}

void people_recognize(const struct authority *a, const char *title, const char *summary,
		      struct strlist *people, struct strlist *uncertain)
{
	struct found fd = { .a = a, .people = people, .uncertain = uncertain };
	const char *texts[] = { title, summary };

	if (a && a->n == 0)
		fd.a = a = NULL;
	fd.known = xcalloc(a ? a->n : 1, 1);
	canonicalize(&fd);
	for (size_t i = 0; i < uncertain->n; i++) {
		char *f = text_fold(uncertain->v[i]);

		strset_add(&fd.in_uncertain, f);
		free(f);
	}
	for (size_t k = 0; k < ARRAY_LEN(texts); k++) {
		size_t n;
		char *f;

		if (!texts[k])
			continue;
		f = people_fold(texts[k], &n);
		scan_known(&fd, f, n, 1);
		free(f);
		scan_patterns(&fd, texts[k]);
	}
	free(fd.known);
	strset_free(&fd.in_people);
	strset_free(&fd.in_uncertain);
}
