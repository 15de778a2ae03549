/* test_people.c - the name authority and the recognition of people
 * (src/people/authority.c, recognize.c). */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/people.h"
#include "fonds/text.h"
#include "fonds/util.h"
#include "people/internal.h"
#include "tap.h"

/* Warnings collected from a load. */
struct warnings {
	struct strlist msgs;
};

static void collect(void *ctx, const char *msg)
{
	strlist_add(&((struct warnings *)ctx)->msgs, msg);
}

/* Whether some warning starts with prefix and holds part. */
static int warned(const struct warnings *w, const char *prefix, const char *part)
{
	for (size_t i = 0; i < w->msgs.n; i++)
		if (strncmp(w->msgs.v[i], prefix, strlen(prefix)) == 0 &&
		    strstr(w->msgs.v[i], part))
			return 1;
	return 0;
}

/* The canonical name authority_find() gives for form, or "(none)". */
static const char *who(const struct authority *a, const char *form)
{
	const struct person_entry *p = authority_find(a, form);

	return p ? p->name : "(none)";
}

static void resolves(const struct authority *a, const char *form, const char *name)
{
	char label[256];

	snprintf(label, sizeof label, "\"%s\" is %s", form, name);
	is_str(who(a, form), name, label);
}

/* The lists joined as "A; B" for comparisons. */
static char *joined(const struct strlist *l)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sbuf_add(&b, "; ");
		sbuf_add(&b, l->v[i]);
	}
	return sbuf_take(&b);
}

/* Recognize title and summary with empty lists and compare both results
 * with want_people and want_uncertain ("A; B", "" for none). */
static void recognizes(const struct authority *a, const char *title, const char *summary,
		       const char *want_people, const char *want_uncertain)
{
	struct strlist people = { 0 }, uncertain = { 0 };
	const char *shown = title ? title : summary;
	char label[512], *got;

	if (!text_is_valid(shown, strlen(shown)))
		shown = "(invalid UTF-8)";
	people_recognize(a, title, summary, &people, &uncertain);
	got = joined(&people);
	snprintf(label, sizeof label, "people of \"%.60s\"", shown);
	is_str(got, want_people, label);
	free(got);
	got = joined(&uncertain);
	snprintf(label, sizeof label, "uncertain of \"%.60s\"", shown);
	is_str(got, want_uncertain, label);
	free(got);
	strlist_clear(&people);
	strlist_clear(&uncertain);
}

static char *path_join(const char *dir, const char *name)
{
	struct sbuf b = { 0 };

	sbuf_printf(&b, "%s/%s", dir, name);
	return sbuf_take(&b);
}

static long find_in(const struct strlist *l, const char *s)
{
	return strlist_find(l, s);
}

/* ---- the bundled authority ---------------------------------------------- */

static void test_bundled(const struct authority *a, const struct warnings *w)
{
	const struct person_entry *p;
	struct strlist aliases = { 0 };

	is_int(w->msgs.n, 0, "the bundled authority loads without warnings");
	if (w->msgs.n)
		printf("#   first: %s\n", w->msgs.v[0]);
	is_int(a->n, 37, "37 people in share/people.txt");

	/* every variant and cover name the issue lists */
	resolves(a, "Shtykov", "Terentii Shtykov");
	resolves(a, "Shytkov", "Terentii Shtykov");
	resolves(a, "SHTYKOV", "Terentii Shtykov");
	resolves(a, "shytkov", "Terentii Shtykov");
	resolves(a, "T.F. Shtykov", "Terentii Shtykov");
	resolves(a, "Штыков", "Terentii Shtykov");
	resolves(a, "ШТЫКОВ", "Terentii Shtykov");
	resolves(a, "Gromyko", "Andrei Gromyko");
	resolves(a, "Gromkyo", "Andrei Gromyko");
	resolves(a, "gromkyo", "Andrei Gromyko");
	resolves(a, "Громыко", "Andrei Gromyko");
	resolves(a, "Razuvaev", "Vladimir Razuvaev");
	resolves(a, "Razuvayev", "Vladimir Razuvaev");
	resolves(a, "Razuvayev V.N.", "Vladimir Razuvaev");
	resolves(a, "V.N. Razuvaev", "Vladimir Razuvaev");
	resolves(a, "Lt. Gen. V.N. Razuvaev", "Vladimir Razuvaev");
	resolves(a, "Matveyev", "Vladimir Razuvaev");
	resolves(a, "Разуваев", "Vladimir Razuvaev");
	resolves(a, "Choe Yong-geon", "Choe Yong-geon");
	resolves(a, "Choe Yeonggeon", "Choe Yong-geon");
	resolves(a, "choe yong geon", "Choe Yong-geon");
	resolves(a, "최용건", "Choe Yong-geon");
	resolves(a, "Feng Xi", "Joseph Stalin");
	resolves(a, "Filippov", "Joseph Stalin");
	resolves(a, "Instantsia", "Joseph Stalin");
	resolves(a, "Stalin", "Joseph Stalin");
	resolves(a, "Сталин", "Joseph Stalin");
	resolves(a, "스탈린", "Joseph Stalin");
	resolves(a, "Chanfu", "Nikolai Bulganin");
	resolves(a, "Bulganin", "Nikolai Bulganin");
	resolves(a, "Kim Il Sung", "Kim Il Sung");
	resolves(a, "Kim Il-sung", "Kim Il Sung");
	resolves(a, "김일성", "Kim Il Sung");
	resolves(a, "Mao", "Mao Zedong");
	resolves(a, "毛泽东", "Mao Zedong");
	resolves(a, "Khrushchev", "Nikita Khrushchev");
	resolves(a, "Хрущёв", "Nikita Khrushchev");
	resolves(a, "Puzanov", "Aleksandr Puzanov");
	resolves(a, "A.M. Puzanov", "Aleksandr Puzanov");
	resolves(a, "Pak Heon-yeong", "Pak Heon-yeong");
	resolves(a, "박헌영", "Pak Heon-yeong");
	resolves(a, "Pasztor", "Károly Pásztor");
	resolves(a, "L.P. Beria", "Lavrentiy Beria");
	resolves(a, "Poskrebyshevu", "Aleksandr Poskrebyshev");
	is_str(who(a, "Kim"), "(none)", "\"Kim\" alone is nobody");
	is_str(who(a, ""), "(none)", "the empty string is nobody");
	is_str(who(a, "Embassy"), "(none)", "\"Embassy\" is nobody");
	ok(authority_find(NULL, "Stalin") == NULL, "no authority finds nobody");

	/* life spans and roles */
	p = authority_find(a, "Kim Il Sung");
	ok(p && p->born && strcmp(p->born, "1912") == 0 && p->died &&
		   strcmp(p->died, "1994") == 0, "Kim Il Sung 1912-1994");
	p = authority_find(a, "Mao Zedong");
	ok(p && p->born && strcmp(p->born, "1893") == 0 && p->died &&
		   strcmp(p->died, "1976") == 0, "Mao Zedong 1893-1976");
	p = authority_find(a, "Khrushchev");
	ok(p && p->born && strcmp(p->born, "1894") == 0 && p->died &&
		   strcmp(p->died, "1971") == 0, "Khrushchev 1894-1971");
	p = authority_find(a, "Razuvaev");
	ok(p && !p->born && !p->died && p->role && *p->role,
	   "Razuvaev has a role and no guessed dates");
	ok(p && find_in(&p->covers, "Matveyev") >= 0, "Matveyev is a cover name of Razuvaev");
	ok(p && find_in(&p->variants, "Matveyev") < 0, "... and not a variant");

	/* aliases: every form but the name, each once */
	p = authority_find(a, "Stalin");
	if (p)
		person_aliases(p, &aliases);
	ok(find_in(&aliases, "Feng Xi") >= 0 && find_in(&aliases, "Instantsia") >= 0 &&
		   find_in(&aliases, "Сталин") >= 0 && find_in(&aliases, "I.V. Stalin") >= 0,
	   "Stalin's aliases hold covers, variants and scripts");
	ok(find_in(&aliases, "Joseph Stalin") < 0, "... but not the name itself");
	is_int(aliases.n, p ? p->variants.n + p->covers.n + p->scripts.n : 0,
	       "... each form once");
	strlist_clear(&aliases);
}

/* ---- loading and merging ------------------------------------------------ */

static void test_missing(void)
{
	struct authority a = { 0 };
	struct err e = { "" };

	is_int(authority_load(&a, "/nonexistent/fonds/people.txt", 0, NULL, NULL, &e), 1,
	       "a missing optional file is not an error");
	is_int(a.n, 0, "... and adds nobody");
	is_int(authority_load(&a, "/nonexistent/fonds/people.txt", 1, NULL, NULL, &e), -1,
	       "a missing required file is an error");
	ok(strstr(e.msg, "/nonexistent/fonds/people.txt") != NULL, "... naming the file: %s",
	   e.msg);
	is_int(authority_load(&a, "/", 0, NULL, NULL, &e), -1,
	       "a directory cannot be read, even when optional");
	authority_free(&a);
}

static void test_user(const char *datadir, const char *srcdir)
{
	struct authority a = { 0 };
	struct warnings w = { { 0 } };
	struct err e;
	char *bundled = path_join(datadir, "people.txt");
	char *user = path_join(srcdir, "tests/data/people/user.txt");
	const struct person_entry *p;
	int rc;

	rc = authority_load(&a, bundled, 1, collect, &w, &e);
	is_int(rc, 0, "bundled authority loads before the user's");
	strlist_clear(&w.msgs);
	rc = authority_load(&a, user, 0, collect, &w, &e);
	is_int(rc, 0, "the user's file loads despite bad lines");
	for (size_t i = 0; i < w.msgs.n; i++)
		printf("# warning: %s\n", w.msgs.v[i]);
	is_int(w.msgs.n, 6, "six warnings for six bad lines");
	ok(warned(&w, "", "user.txt:22: "), "line 22 (no key) is reported with file:line");
	ok(warned(&w, "", "user.txt:23: ") && warned(&w, "", "must start with \"name:\""),
	   "line 23 (a block without a name) is reported");
	ok(!warned(&w, "", "user.txt:24: "), "... once for the whole block");
	ok(warned(&w, "", "user.txt:27: ") && warned(&w, "", "sometime in the sixties"),
	   "line 27 (a bad died) is reported with its value");
	ok(warned(&w, "", "user.txt:29: ") && warned(&w, "", "inside a block"),
	   "line 29 (a name: not first) is reported");
	ok(warned(&w, "", "user.txt:31: "), "line 31 (no key before the colon) is reported");
	ok(warned(&w, "", "user.txt:32: ") && warned(&w, "", "empty value"),
	   "line 32 (an empty variant) is reported");
	ok(!warned(&w, "", "colour"), "an unknown key is ignored silently");

	is_int(a.n, 39, "two new people added");
	p = authority_find(&a, "Stalin");
	ok(p && strcmp(p->role, "Soviet leader, as a user describes him") == 0,
	   "the user changes Stalin's role");
	ok(p && p->born && strcmp(p->born, "1878") == 0, "... and keeps his birth year");
	resolves(&a, "Dzhugashvili", "Joseph Stalin");
	resolves(&a, "Feng Xi", "Joseph Stalin");
	resolves(&a, "Instantsia", "Joseph Stalin");
	resolves(&a, "Сталин", "Joseph Stalin");
	resolves(&a, "J.V. Stalin", "Joseph Stalin");
	ok(p && p->variants.n == 6, "the user's variant lines replace the bundled ones");

	resolves(&a, "Zhou Enlai", "Zhou Enlai");
	resolves(&a, "Chou En-lai", "Zhou Enlai");
	resolves(&a, "周恩来", "Zhou Enlai");
	p = authority_find(&a, "Zhou Enlai");
	ok(p && p->born && strcmp(p->born, "1898") == 0 && p->died &&
		   strcmp(p->died, "1976") == 0, "a new person has the user's dates");

	p = authority_find(&a, "Shtykov");
	ok(p && strcmp(p->role, "Soviet general and diplomat, as a user describes him") == 0,
	   "Shtykov's role changed in a block with a bad line");
	ok(p && p->died && strcmp(p->died, "1964") == 0, "... and a bad died keeps the old one");
	resolves(&a, "Shytkov", "Terentii Shtykov");

	p = authority_find(&a, "Peng Dehuai");
	ok(p && p->born && strcmp(p->born, "1898") == 0 && p->died &&
		   strcmp(p->died, "1974-11-29") == 0,
	   "a block started by a misplaced name: is applied, with a full date");
	resolves(&a, "Peng the Marshal", "Peng Dehuai");
	ok(!authority_find(&a, "a block without a name"), "the block without a name is skipped");

	resolves(&a, "Kim the Elder", "Kim Il-sung");
	resolves(&a, "Kim Il Sung", "Kim Il-sung");
	resolves(&a, "김일성", "Kim Il-sung");
	is_str(who(&a, "Kim Ir Sen"), "(none)", "a replaced variant no longer resolves");

	authority_free(&a);
	ok(a.n == 0 && a.v == NULL && a.nslots == 0, "authority_free empties it");
	strlist_clear(&w.msgs);
	free(bundled);
	free(user);
}

static void test_buffers(const char *srcdir)
{
	struct authority a = { 0 };
	struct warnings w = { { 0 } };
	struct err e;
	char *garbage = path_join(srcdir, "tests/data/people/garbage.txt");
	const struct person_entry *p;
	const char *twice = "name: Ann Example\nvariant: Annie\n\nname: ANN EXAMPLE\nborn: 1901\n";
	const char *clash = "name: First One\nvariant: Shared\n\nname: Second One\nvariant: Shared\n"
			    "\nname: Annie\n";

	is_int(authority_load(&a, garbage, 1, collect, &w, &e), 0, "a file with a BOM, CRLF, "
	       "NUL and invalid bytes loads");
	for (size_t i = 0; i < w.msgs.n; i++)
		printf("# warning: %s\n", w.msgs.v[i]);
	is_int(a.n, 2, "... both of its people");
	ok(warned(&w, "", "garbage.txt:2: ") && warned(&w, "", "invalid UTF-8"),
	   "invalid UTF-8 is reported at its line");
	ok(warned(&w, "", "garbage.txt:3: "), "a NUL byte is reported at its line");
	ok(warned(&w, "", "garbage.txt:6: ") && warned(&w, "", "1950-02-30"),
	   "a day that does not exist is a bad date");
	ok(warned(&w, "", "garbage.txt:8: ") && warned(&w, "", "second \"born:\""),
	   "a repeated born: is reported");
	resolves(&a, "Test Person", "Test Person");
	resolves(&a, "Te\xef\xbf\xbdst", "Test Person");
	p = authority_find(&a, "Other");
	ok(p && p->born && strcmp(p->born, "1952") == 0, "the last born: wins");
	ok(p && strchr(p->name, '\r') == NULL, "CR is not part of a value");
	strlist_clear(&w.msgs);
	authority_free(&a);

	authority_load_buffer(&a, "mem", twice, strlen(twice), collect, &w);
	is_int(a.n, 1, "a name given twice in one file is one person");
	ok(warned(&w, "mem:4: ", "already defined at line 1"),
	   "... with a warning pointing at the first");
	p = authority_find(&a, "Annie");
	ok(p && p->born && strcmp(p->born, "1901") == 0 &&
		   strcmp(p->name, "ANN EXAMPLE") == 0,
	   "... its keys merged, its name respelled");
	strlist_clear(&w.msgs);
	authority_free(&a);

	authority_load_buffer(&a, "mem", clash, strlen(clash), collect, &w);
	resolves(&a, "Shared", "First One");
	resolves(&a, "Annie", "Annie");
	is_int(w.msgs.n, 0, "shared forms are no error");
	strlist_clear(&w.msgs);
	authority_free(&a);

	authority_load_buffer(&a, "empty", "", 0, collect, &w);
	is_int(a.n, 0, "an empty buffer adds nobody");
	is_str(who(&a, "Stalin"), "(none)", "an empty authority finds nobody");
	authority_free(&a);
	free(garbage);
}

static void test_user_path(void)
{
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	char *p;

	setenv("XDG_CONFIG_HOME", "/tmp/xdg", 1);
	p = authority_default_user_path();
	is_str(p, "/tmp/xdg/fonds/people.txt", "the user's file under XDG_CONFIG_HOME");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/someone", 1);
	p = authority_default_user_path();
	is_str(p, "/home/someone/.config/fonds/people.txt",
	       "a relative XDG_CONFIG_HOME is ignored for ~/.config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	ok(authority_default_user_path() == NULL, "no HOME, no XDG_CONFIG_HOME: no path");
	if (home)
		setenv("HOME", home, 1);
	if (xdg)
		setenv("XDG_CONFIG_HOME", xdg, 1);
	free(home);
	free(xdg);
}

/* ---- recognition -------------------------------------------------------- */

static void test_recognize(const struct authority *a)
{
	struct strlist people = { 0 }, uncertain = { 0 };
	char *got;

	/* the shapes of the seed titles, in new sentences */
	recognizes(a, "Cable from Matveyev (Razuvayev V.N.) to Stalin about supplies", NULL,
		   "Vladimir Razuvaev; Joseph Stalin", "");
	recognizes(a, "Coded Telegram No. 12 from Shtykov to Feng Xi [Stalin], with a note", NULL,
		   "Terentii Shtykov; Joseph Stalin", "");
	recognizes(a, "Coded Telegram, Shtykov to Deputy Foreign Minister Andrei Gromyko and "
		      "Instantsia (Stalin)", NULL,
		   "Terentii Shtykov; Andrei Gromyko; Joseph Stalin", "");
	recognizes(a, "Note from Chanfu (Bulganin) to Matveyev (Razuvayev)", NULL,
		   "Nikolai Bulganin; Vladimir Razuvaev", "");
	recognizes(a, "Report from Lt. Gen. V.N. Razuvaev to L.P. Beria, 1953", NULL,
		   "Vladimir Razuvaev; Lavrentiy Beria", "");
	recognizes(a, "Report from Lieutenant Selivanov to L.P. Beria", NULL,
		   "Selivanov; Lavrentiy Beria", "");
	recognizes(a, "Letter from Kim Il Sung to Comrade Stalin I.V.", NULL,
		   "Kim Il Sung; Joseph Stalin", "");
	recognizes(a, "Cable from Gromkyo to Shytkov", "Gromkyo asks Shytkov for news.",
		   "Andrei Gromyko; Terentii Shtykov", "");
	recognizes(a, "Talks of Enver Hoxha and Choe Yeonggeon", NULL,
		   "Enver Hoxha; Choe Yong-geon", "");
	recognizes(a, "Message from Czech Embassy in Pyongyang to Foreign Ministry", NULL, "", "");
	recognizes(a, "Report, Embassy of Hungary in Mongolia to the Hungarian Foreign Ministry",
		   "The Hungarian Embassy reports to the Soviet Ministry of Foreign Affairs and the "
		   "Soviet leadership on the DPRK.", "", "");
	recognizes(a, "Kim Il Sung's speech", "Kim Il Sung and Kim Il-sung and Kim Ir Sen.",
		   "Kim Il Sung", "");
	recognizes(a, "Minister Károly Pásztor reports", "Pasztor met Chairman Mao.",
		   "Károly Pásztor; Mao Zedong", "");

	/* names the authority does not know */
	recognizes(a, "Memorandum from Comrade Ivashko and Gen. Sokolovsky to Molotov", NULL,
		   "Vyacheslav Molotov", "Ivashko; Sokolovsky");
	recognizes(a, "Cable from Fyn Xu (Stalin) to Kim Il Sung (via Shtykov)", NULL,
		   "Joseph Stalin; Kim Il Sung; Terentii Shtykov", "Fyn Xu");
	recognizes(a, "Letter, Ivan Petrov to Comrade Stalin I.V.", NULL, "Joseph Stalin",
		   "Ivan Petrov");
	recognizes(a, "Conversation with Premier Zhou Enlai and Marshal Peng Dehuai", NULL, "",
		   "Zhou Enlai; Peng Dehuai");
	recognizes(a, "Prime Minister Nehru's note", "Ambassador Panikkar's staff in Beijing.",
		   "", "Nehru; Panikkar");
	recognizes(a, "Letter from Charles de Gaulle to President Eisenhower", NULL, "",
		   "Charles de Gaulle; Eisenhower");
	recognizes(a, "Record of Conversation between Deputy Foreign Minister Fedorenko and "
		      "Counselor Ri Sin-pal", NULL, "", "Fedorenko; Ri Sin-pal");
	recognizes(a, "Stalin (Filippov) and Fyn Si [Kuznetsov]", NULL, "Joseph Stalin",
		   "Kuznetsov");
	recognizes(a, "Telegram from Ambassador Petrov", "Comrade Petrov's reply",
		   "", "Petrov");

	/* never people */
	recognizes(a, "Cable from January to March 1951", "troops moved from Moscow to "
		   "Pyongyang and from North Korea to China.", "", "");
	recognizes(a, "Talks with Choe Yong-geon (Excerpt), 2 May 1958", NULL,
		   "Choe Yong-geon", "");
	recognizes(a, "A Letter From The People To The Government", NULL, "", "");
	recognizes(a, "The Ambassador of the DPRK to the Soviet Union", "the General Assembly "
		   "and the Secretary of State; Minister of Trade", "", "");
	recognizes(a, "Report from the Hungarian Legation to the Soviet Ministry", NULL, "", "");
	recognizes(a, "Telegram from DPRK leader Kim Il Sung and South Korean Communist Leader "
		      "Pak Heon-yeong to Stalin (via Shtykov)", NULL,
		   "Kim Il Sung; Pak Heon-yeong; Joseph Stalin; Terentii Shtykov", "");

	/* other scripts, inflections, odd input */
	recognizes(a, "스탈린에게 보낸 김일성의 편지", NULL, "Joseph Stalin; Kim Il Sung", "");
	recognizes(a, "毛泽东主席的电报", NULL, "Mao Zedong", "");
	recognizes(a, "Письмо Штыкову от Громыко и Сталина", NULL,
		   "Terentii Shtykov; Andrei Gromyko; Joseph Stalin", "");
	recognizes(a, "Стали известны", NULL, "", "");
	recognizes(a, "Shtykov\xff\xfe to \x01Stalin\xc3", NULL, "Terentii Shtykov; Joseph Stalin",
		   "");
	recognizes(a, "", "", "", "");
	recognizes(a, NULL, "From Shtykov to Stalin.", "Terentii Shtykov; Joseph Stalin", "");
	recognizes(a, "(((((([[[[", ") from to and , ( [ Lt. Gen.", "", "");
	recognizes(NULL, "Letter from Comrade Ivashko to Stalin", NULL, "", "Ivashko; Stalin");

	/* structured names are canonicalized and kept first */
	strlist_add(&people, "Shytkov");
	strlist_add(&people, "Selivanov");
	strlist_add(&people, "Someone Unknown");
	strlist_add(&people, "Terentii Shtykov");
	strlist_add(&people, "someone unknown");
	strlist_add(&uncertain, "Ivashko");
	people_recognize(a, "Cable from Comrade Ivashko and Comrade Someone Unknown to Stalin",
			 "Shtykov forwards it.", &people, &uncertain);
	got = joined(&people);
	is_str(got, "Terentii Shtykov; Selivanov; Someone Unknown; Joseph Stalin",
	       "structured names canonicalized, repeats dropped, found ones appended");
	free(got);
	got = joined(&uncertain);
	is_str(got, "Ivashko", "an uncertain name is neither repeated nor a known one");
	free(got);
	strlist_clear(&people);
	strlist_clear(&uncertain);
}

/* The recognizer's own folding and word tables. */
static void test_internals(void)
{
	static const char *const samples[] = {
		"Telegram from Shtykov to Feng Xi [Stalin]",
		"  Kim’s  Pásztor, ШТЫКОВ; 김일성의 毛泽东主席 ",
		"Stra\xc3\x9f" "e \xef\xac\x81le \xe2\x91\xb4x \xe2\x84\xa2",
		"Zusam\xc2\xad" "menarbeit a\xcc\x81" "b \xe1\x84\x80\xe1\x85\xa1 x",
		"bad \xff\xfe bytes\xc3 here\xe2\x82",
		"...", "", "A.I Mikoyan's", "\xcc\x81.x\xcc\x81", "caf\xc3\xa9" "Bar \xe1\x84\x80" "A",
	};

	is_int(people_check_tables(), 0, "the word tables are sorted for bsearch");
	for (size_t i = 0; i < ARRAY_LEN(samples); i++) {
		size_t len;
		char *want = text_fold(samples[i]);
		char *got = people_fold(samples[i], &len);

		is_str(got, want, "people_fold() is text_fold()");
		is_int(len, strlen(want), "... and gives its length");
		free(want);
		free(got);
	}
}

/* Whether l has no two entries that fold the same. */
static int no_repeats(const struct strlist *l)
{
	int ok_ = 1;

	for (size_t i = 0; i < l->n && ok_; i++) {
		char *fi = text_fold(l->v[i]);

		for (size_t j = i + 1; j < l->n && ok_; j++) {
			char *fj = text_fold(l->v[j]);

			ok_ = strcmp(fi, fj) != 0;
			free(fj);
		}
		free(fi);
	}
	return ok_;
}

/* Random texts from pieces the patterns react to: nothing may crash, and
 * every result is valid UTF-8, unrepeated and never in both lists. */
static void test_random(const struct authority *a)
{
	static const char *const pieces[] = {
		"from ", "to ", "and ", ", ", "(", ")", "[", "]", "Lt. ", "Gen. ", "V.N. ",
		"Razuvaev ", "Matveyev ", "Kim ", "Il ", "Sung ", "Comrade ", "Ambassador ",
		"Deputy ", "Foreign ", "Minister ", "Embassy ", "Ivashko ", "Petrov's ",
		"\xff", "\xc3", "김일성", "의 ", "Штыкову ", "毛泽东", "de ", "A.", "I ", ". ",
		"’s ", "-", "Stalin", "Feng Xi ", "Instantsia", "Zhou ", "\n", "\t", "X",
	};
	uint32_t seed = 12345;
	int valid = 1, unrepeated = 1, disjoint = 1;

	for (int round = 0; round < 300; round++) {
		struct sbuf text = { 0 };
		struct strlist people = { 0 }, uncertain = { 0 };
		int len = 1 + round % 40;

		for (int k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			sbuf_add(&text, pieces[(seed >> 8) % ARRAY_LEN(pieces)]);
		}
		people_recognize(round % 7 ? a : NULL, sbuf_str(&text),
				 round % 3 ? sbuf_str(&text) : NULL, &people, &uncertain);
		for (size_t i = 0; i < people.n; i++)
			valid &= text_is_valid(people.v[i], strlen(people.v[i]));
		for (size_t i = 0; i < uncertain.n; i++) {
			valid &= text_is_valid(uncertain.v[i], strlen(uncertain.v[i]));
			disjoint &= strlist_find(&people, uncertain.v[i]) < 0;
		}
		unrepeated &= no_repeats(&people) && no_repeats(&uncertain);
		strlist_clear(&people);
		strlist_clear(&uncertain);
		sbuf_free(&text);
	}
	ok(valid, "random texts: every name found is valid UTF-8");
	ok(unrepeated, "random texts: no name is found twice");
	ok(disjoint, "random texts: no name is both known and uncertain");

	/* random authority files load without crashing */
	for (int round = 0; round < 100; round++) {
		static const char *const lines[] = {
			"name: A B\n", "variant: C\n", "cover: D E F G H I J K L M\n",
			"\n", "born: 19\n", "died: 2000-13-01\n", "# x\n", "script: 김\n",
			"role:\n", "x\n", "name:\n", "\xff: y\n", ": :\n", "name: 毛\n",
		};
		struct authority r = { 0 };
		struct sbuf buf = { 0 };
		int n_lines = 1 + round % 30;

		for (int k = 0; k < n_lines; k++) {
			seed = seed * 1103515245u + 12345u;
			sbuf_add(&buf, lines[(seed >> 8) % ARRAY_LEN(lines)]);
		}
		authority_load_buffer(&r, "random", sbuf_str(&buf), buf.len, NULL, NULL);
		for (size_t i = 0; i < r.n; i++)
			valid &= authority_find(&r, r.v[i].name) == &r.v[i];
		authority_free(&r);
		sbuf_free(&buf);
	}
	ok(valid, "random authorities: every person is found by its name");
}

/* Many patterns across the window of tokens the recognizer slides over
 * a long text: each one is found, in order. */
static void test_windows(void)
{
	struct sbuf text = { 0 };
	struct strlist people = { 0 }, uncertain = { 0 };
	int in_order = 1;

	for (int i = 0; i < 1000; i++) {
		/* unique names of letters: Kaaaov, Kaabov, ... */
		char name[8] = { 'K', (char)('a' + i / 676), (char)('a' + i / 26 % 26),
				 (char)('a' + i % 26), 'o', 'v', 0 };

		sbuf_printf(&text, "word word %s from Comrade Ivan %s to Marshal Olga %s (and "
			    "others) were met, etc. ", i % 3 ? "" : ", , (", name, name);
	}
	people_recognize(NULL, NULL, sbuf_str(&text), &people, &uncertain);
	is_int(uncertain.n, 2000, "2000 names found over many windows of tokens");
	for (size_t i = 0; i + 1 < uncertain.n && i < 2000; i += 2) {
		char want[32];

		snprintf(want, sizeof want, "Ivan K%c%c%cov", (char)('a' + i / 2 / 676),
			 (char)('a' + i / 2 / 26 % 26), (char)('a' + i / 2 % 26));
		in_order &= strcmp(uncertain.v[i], want) == 0;
	}
	ok(in_order, "... in the order of the text");
	is_int(people.n, 0, "... and no known people without an authority");
	strlist_clear(&people);
	strlist_clear(&uncertain);
	sbuf_reset(&text);

	/* one trigger per name, densely: no token may be skipped */
	for (int i = 0; i < 3000; i++)
		sbuf_printf(&text, "Comrade Z%c%c%c, ", (char)('a' + i / 676),
			    (char)('a' + i / 26 % 26), (char)('a' + i % 26));
	people_recognize(NULL, sbuf_str(&text), NULL, &people, &uncertain);
	is_int(uncertain.n, 3000, "3000 densely packed names over many windows");
	strlist_clear(&people);
	strlist_clear(&uncertain);
	sbuf_free(&text);
}

/* ---- recognising in several threads ------------------------------------ */

/* Texts for the threads: every script and pattern the recognizer has. */
static const char *const thread_texts[] = {
	"Cable from Matveyev (Razuvayev V.N.) to Stalin about supplies",
	"Memorandum from Comrade Ivashko and Gen. Sokolovsky to Molotov",
	"스탈린에게 보낸 김일성의 편지",
	"毛泽东主席的电报",
	"Письмо Штыкову от Громыко и Сталина",
	"Cable from Fyn Xu (Stalin) to Kim Il Sung (via Shtykov)",
	"Prime Minister Nehru's note, and Ambassador Panikkar's staff in Beijing.",
};

#define THREAD_ROUNDS 200

struct recognizer {
	const struct authority *a;
	char *got[ARRAY_LEN(thread_texts)]; /* of the last round */
	int differ;                                             /* rounds that differed */
};

/* What people_recognize finds in text, as "people / uncertain". */
static char *recognized(const struct authority *a, const char *text)
{
	struct strlist people = { 0 }, uncertain = { 0 };
	struct sbuf b = { 0 };
	char *p, *u;

	people_recognize(a, text, text, &people, &uncertain);
	p = joined(&people);
	u = joined(&uncertain);
	sbuf_printf(&b, "%s / %s", p, u);
	free(p);
	free(u);
	strlist_clear(&people);
	strlist_clear(&uncertain);
	return sbuf_take(&b);
}

static void *recognize_rounds(void *arg)
{
	struct recognizer *r = arg;

	for (int round = 0; round < THREAD_ROUNDS; round++)
		for (size_t i = 0; i < ARRAY_LEN(thread_texts); i++) {
			char *got = recognized(r->a, thread_texts[i]);

			if (r->got[i] && strcmp(r->got[i], got) != 0)
				r->differ++;
			free(r->got[i]);
			r->got[i] = got;
		}
	return NULL;
}

/* The importer recognises people in the parser's thread while the store
 * may recognise others in its own: people_recognize only reads the
 * authority, so threads sharing one find what one thread alone finds. */
static void test_threads(const struct authority *a)
{
	struct recognizer r[2] = { { .a = a }, { .a = a } };
	pthread_t tid;
	int same = 1;

	if (pthread_create(&tid, NULL, recognize_rounds, &r[0]) != 0) {
		skip("no thread");
		return;
	}
	recognize_rounds(&r[1]);
	pthread_join(tid, NULL);
	for (size_t i = 0; i < ARRAY_LEN(thread_texts); i++) {
		char *alone = recognized(a, thread_texts[i]);

		same &= strcmp(r[0].got[i], alone) == 0 && strcmp(r[1].got[i], alone) == 0;
		free(alone);
		free(r[0].got[i]);
		free(r[1].got[i]);
	}
	is_int(r[0].differ + r[1].differ, 0, "two threads: every round finds the same");
	ok(same, "two threads find what one finds");
}

/* A long summary: a word soup with names, repeated to about 10 MB. */
static void test_large(const struct authority *a)
{
	const char *chunk = "Telegram from Comrade Ivashko to Shytkov (via Feng Xi) about "
			    "the Korean War; Kim Il Sung 김일성의 Штыкову and Zhou (Stalin) ";
	size_t n = strlen(chunk), reps = (10u << 20) / n;
	char *big = xmalloc(n * reps + 1);
	struct strlist people = { 0 }, uncertain = { 0 };
	int64_t t0;
	double secs;
	char *got;

	for (size_t i = 0; i < reps; i++)
		memcpy(big + i * n, chunk, n);
	big[n * reps] = '\0';
	t0 = clock_usec();
	people_recognize(a, NULL, big, &people, &uncertain);
	secs = (double)(clock_usec() - t0) / 1e6;
	got = joined(&people);
	is_str(got, "Terentii Shtykov; Joseph Stalin; Kim Il Sung", "people of a 10 MB summary");
	free(got);
	got = joined(&uncertain);
	is_str(got, "Ivashko; Zhou", "uncertain people of a 10 MB summary");
	free(got);
	if (getenv("FONDS_SLOW"))
		skip("timing under a slow tool");
	else
		ok(secs < 4.0, "a 10 MB summary takes %.2f s", secs);
	strlist_clear(&people);
	strlist_clear(&uncertain);
	free(big);
}

/* ---- the seed pages ----------------------------------------------------- */

/* The results of every line of the seed pages. */
struct seed_line {
	char *text;
	char *people, *uncertain;
};

struct seed_lines {
	struct seed_line *v;
	size_t n, cap;
};

static const struct seed_line *seed_find(const struct seed_lines *s, const char *text)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].text, text) == 0)
			return &s->v[i];
	return NULL;
}

static void seed_is(const struct seed_lines *s, const char *text, const char *want_people,
		    const char *want_uncertain)
{
	const struct seed_line *l = seed_find(s, text);
	char label[256];

	snprintf(label, sizeof label, "seed line \"%.50s\": people", text);
	is_str(l ? l->people : NULL, want_people, label);
	snprintf(label, sizeof label, "seed line \"%.50s\": uncertain", text);
	is_str(l ? l->uncertain : NULL, want_uncertain, label);
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void test_seeds(const struct authority *a, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct strlist files = { 0 };
	struct seed_lines s = { 0 };
	size_t n_uncertain = 0, n_found = 0, shytkov = 0, shytkov_ok = 0;

	if (!d) {
		skip("no seed pages");
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] >= '0' && de->d_name[0] <= '9' && strstr(de->d_name, ".txt"))
			strlist_take(&files, path_join(dir, de->d_name));
	closedir(d);
	qsort(files.v, files.n, sizeof *files.v, cmp_name);
	is_int(files.n, 5, "five seed pages");

	for (size_t i = 0; i < files.n; i++) {
		FILE *f = fopen(files.v[i], "r");
		char line[65536];

		if (!f)
			continue;
		while (fgets(line, sizeof line, f)) {
			struct strlist people = { 0 }, uncertain = { 0 };
			struct seed_line *l;

			line[strcspn(line, "\r\n")] = '\0';
			if (!*line)
				continue;
			people_recognize(a, line, NULL, &people, &uncertain);
			if (s.n == s.cap) {
				s.cap = s.cap ? 2 * s.cap : 64;
				s.v = xrealloc(s.v, s.cap * sizeof *s.v);
			}
			l = &s.v[s.n++];
			l->text = xstrdup(line);
			l->people = joined(&people);
			l->uncertain = joined(&uncertain);
			n_uncertain += uncertain.n;
			n_found += people.n;
			if (strstr(line, "Shytkov")) {
				shytkov++;
				shytkov_ok += strlist_find(&people, "Terentii Shtykov") >= 0;
			}
			strlist_clear(&people);
			strlist_clear(&uncertain);
		}
		fclose(f);
	}
	ok(n_found > 100, "people found in the seed pages (%zu)", n_found);
	is_int(n_uncertain, 0, "with the bundled authority no seed name is uncertain");
	ok(shytkov > 0 && shytkov == shytkov_ok, "every line saying Shytkov names Shtykov (%zu)",
	   shytkov);
	seed_is(&s, "Telegram from Matveyev (Razuvayev V.N.) to Stalin",
		"Vladimir Razuvaev; Joseph Stalin", "");
	seed_is(&s, "Explanatory Note from Lt. Gen. V.N. Razuvaev to L.P. Beria",
		"Vladimir Razuvaev; Lavrentiy Beria", "");
	seed_is(&s, "Explanatory Note from Lieutenant Selivanov to L.P. Beria",
		"Selivanov; Lavrentiy Beria", "");
	seed_is(&s, "Telegram from Czech Embassy in Pyongyang to Foreign Ministry", "", "");
	seed_is(&s, "Draft Telegram from Chanfu (Bulganin) to Matveyev (Razuvayev)",
		"Nikolai Bulganin; Vladimir Razuvaev", "");
	seed_is(&s, "Ciphered Telegram, Feng Xi (Stalin) to Kim Il Sung (via Shtykov)",
		"Joseph Stalin; Kim Il Sung; Terentii Shtykov", "");
	seed_is(&s, "Report, Legation of Hungary in North Korea to the Hungarian Foreign Ministry",
		"", "");

	for (size_t i = 0; i < s.n; i++) {
		free(s.v[i].text);
		free(s.v[i].people);
		free(s.v[i].uncertain);
	}
	free(s.v);
	strlist_clear(&files);

	/* without the authority, the patterns alone find the seed's people */
	{
		struct strlist people = { 0 }, uncertain = { 0 };
		char *got;

		people_recognize(NULL, "Explanatory Note from Lieutenant Selivanov to L.P. Beria",
				 NULL, &people, &uncertain);
		got = joined(&uncertain);
		is_str(got, "Selivanov; L.P. Beria", "patterns alone: from Lieutenant X to Y");
		free(got);
		strlist_clear(&people);
		strlist_clear(&uncertain);
	}
}

int main(void)
{
	const char *datadir = getenv("FONDS_DATADIR");
	const char *srcdir = getenv("FONDS_SRCDIR");
	const char *seeds = getenv("FONDS_SEEDS");
	struct authority a = { 0 };
	struct warnings w = { { 0 } };
	struct err e;
	char *path;

	if (!datadir || !srcdir)
		skip_all("FONDS_DATADIR and FONDS_SRCDIR are not set (run through make check)");
	path = path_join(datadir, "people.txt");
	if (authority_load(&a, path, 1, collect, &w, &e) < 0) {
		ok(0, "load %s: %s", path, e.msg);
		free(path);
		return done_testing();
	}
	free(path);

	test_bundled(&a, &w);
	test_missing();
	test_user(datadir, srcdir);
	test_buffers(srcdir);
	test_user_path();
	test_recognize(&a);
	test_internals();
	test_random(&a);
	test_windows();
	test_large(&a);
	test_threads(&a);
	if (seeds)
		test_seeds(&a, seeds);
	else
		skip_seeds("FONDS_SEEDS is not set");

	strlist_clear(&w.msgs);
	authority_free(&a);
	return done_testing();
}
