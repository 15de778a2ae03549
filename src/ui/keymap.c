/* keymap.c - requests, key names and the fondsrc parser.
 *
 * The defaults are share/fondsrc, turned into a C string at build time
 * (src/ui/fondsrc.inc) and read by the same parser as the user's file.
 * Nothing here draws: it includes curses only for the KEY_ constants.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/curs.h"
#include "ui/internal.h"

const char keymap_default_text[] =
#include "src/ui/fondsrc.inc"
	;

static const struct {
	const char *name, *label, *help;
} requests[REQ_COUNT] = {
	{ "none", "", "" },
#define REQ_ROW_(id, name, label, help) { name, label, help },
	REQ_INFO(REQ_ROW_)
#undef REQ_ROW_
};

const char *request_name(enum request r)
{
	return (unsigned)r < REQ_COUNT ? requests[r].name : "none";
}

const char *request_label(enum request r)
{
	return (unsigned)r < REQ_COUNT ? requests[r].label : "";
}

const char *request_help(enum request r)
{
	return (unsigned)r < REQ_COUNT ? requests[r].help : "";
}

enum request request_parse(const char *name, int *ok)
{
	int i;

	for (i = 0; i < REQ_COUNT; i++) {
		if (strcmp(requests[i].name, name) == 0) {
			if (ok)
				*ok = 1;
			return (enum request)i;
		}
	}
	if (ok)
		*ok = 0;
	return REQ_NONE;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", KEY_ENTER_ },
	{ "Return", KEY_ENTER_ },
	{ "Tab", '\t' },
	{ "Space", ' ' },
	{ "Esc", KEY_ESC_ },
	{ "Escape", KEY_ESC_ },
	{ "Hash", '#' },
	{ "Backspace", KEY_SPECIAL | KEY_BACKSPACE },
	{ "BackTab", KEY_SPECIAL | KEY_BTAB },
	{ "Up", KEY_SPECIAL | KEY_UP },
	{ "Down", KEY_SPECIAL | KEY_DOWN },
	{ "Left", KEY_SPECIAL | KEY_LEFT },
	{ "Right", KEY_SPECIAL | KEY_RIGHT },
	{ "PgUp", KEY_SPECIAL | KEY_PPAGE },
	{ "PageUp", KEY_SPECIAL | KEY_PPAGE },
	{ "PgDn", KEY_SPECIAL | KEY_NPAGE },
	{ "PageDown", KEY_SPECIAL | KEY_NPAGE },
	{ "Home", KEY_SPECIAL | KEY_HOME },
	{ "End", KEY_SPECIAL | KEY_END },
	{ "Insert", KEY_SPECIAL | KEY_IC },
	{ "Delete", KEY_SPECIAL | KEY_DC },
};

/* Decode one UTF-8 character of s (which must be exactly one); -1 if not. */
static int utf8_one(const char *s)
{
	size_t n = strlen(s), len;
	uint32_t c;

	if (!n)
		return -1;
	len = text_next(s, n, &c);
	if (len != n || ((unsigned char)s[0] >= 0x80 && len == 1))
		return -1;
	return (int)c;
}

int keymap_key_parse(const char *name)
{
	size_t i;

	if (!name || !*name)
		return -1;
	for (i = 0; i < ARRAY_LEN(key_names); i++)
		if (strcmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'C' && name[1] == '-' && name[2] && !name[3]) ||
	    (name[0] == '^' && name[1] && !name[2])) {
		int c = toupper((unsigned char)name[name[0] == '^' ? 1 : 2]);

		if (c == '?')
			return KEY_SPECIAL | KEY_BACKSPACE;
		if (c >= '@' && c <= '_')
			return c - '@';
		return -1;
	}
	if (name[0] == 'F' && isdigit((unsigned char)name[1])) {
		char *end;
		long n = strtol(name + 1, &end, 10);

		if (!*end && n >= 1 && n <= 12)
			return KEY_SPECIAL | KEY_F((int)n);
		return -1;
	}
	i = (size_t)utf8_one(name);
	if ((int)i <= ' ' || (int)i == 127)
		return -1;
	return (int)i;
}

char *keymap_key_name(int key, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(key_names); i++) {
		if (key_names[i].key == key && strcmp(key_names[i].name, "Return") &&
		    strcmp(key_names[i].name, "Escape") &&
		    strcmp(key_names[i].name, "PageUp") &&
		    strcmp(key_names[i].name, "PageDown") &&
		    strcmp(key_names[i].name, "Hash")) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	}
	if (key & KEY_SPECIAL) {
		int k = key & ~KEY_SPECIAL;

		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, n, "F%d", k - KEY_F0);
		else
			snprintf(buf, n, "key%d", k);
	} else if (key >= 0 && key < ' ') {
		snprintf(buf, n, "C-%c", tolower(key + '@'));
	} else {
		char u[5] = "";

		u[text_put(u, (uint32_t)key)] = '\0';
		snprintf(buf, n, "%s", u);
	}
	return buf;
}

int keymap_section(const char *name)
{
	int v;

	if (strcmp(name, "generic") == 0)
		return KM_GENERIC;
	for (v = 0; v < BV_NVIEWS; v++)
		if (strcmp(browse_view_name((enum browse_view)v), name) == 0)
			return v;
	if (strcmp(name, "detail") == 0)
		return BV_DOC;
	if (strcmp(name, "filter") == 0)
		return BV_FILTER;
	return -1;
}

void keymap_bind(struct keymap *km, int section, int key, enum request req)
{
	size_t i;

	if (section < 0 || section >= KM_NSECTIONS)
		return;
	for (i = 0; i < km->n[section]; i++) {
		if (km->v[section][i].key == key) {
			km->v[section][i].req = req;
			return;
		}
	}
	ARRAY_RESERVE(km->v[section], km->n[section], km->cap[section]);
	km->v[section][km->n[section]].key = key;
	km->v[section][km->n[section]].req = req;
	km->n[section]++;
}

/* Split s into at most max words (white space separated, '#' at a word's
 * start ends the line); returns the count, or max + 1 if there are more. */
static int split_words(char *s, char **w, int max)
{
	int n = 0;

	for (;;) {
		while (*s && isspace((unsigned char)*s))
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

void config_defaults(struct ui_config *c)
{
	memset(c, 0, sizeof *c);
	c->layout = LAYOUT_SPLIT;
	c->preview_delay_ms = 150;
	c->accessible = -1;
	c->mouse = 0;
	c->ambiwidth = -1;
}

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") ||
	    !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") ||
	         !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* The areas of color lines, in enum sattr's order. */
static const char *const area_names[UI_NAREAS] = {
	"default", "selected", "cursor", "status", "hint", "title", "heading",
	"label", "match", "dim", "bar", "marker", "error", "facet",
};

const char *config_area_name(int i)
{
	return i >= 0 && i < UI_NAREAS ? area_names[i] : NULL;
}

int config_area_parse(const char *name)
{
	static const struct { const char *alias; int area; } aliases[] = {
		{ "normal", 0 }, { "list", 0 }, { "selection", 1 },
		{ "highlight", 8 }, { "timeline", 10 }, { "mark", 11 },
		{ "markers", 11 }, { "headings", 6 }, { "facets", 13 },
	};
	int i;

	for (i = 0; i < UI_NAREAS; i++)
		if (!strcmp(name, area_names[i]))
			return i;
	for (i = 0; i < (int)ARRAY_LEN(aliases); i++)
		if (!strcmp(name, aliases[i].alias))
			return aliases[i].area;
	return -1;
}

/* A colour: default, a name (bright-red), colorN or N (0-255); -2 when
 * it is none of them. */
static int color_parse(const char *v)
{
	static const char *const names[8] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
	};
	char *end;
	long n;
	int i;

	if (!strcmp(v, "default") || !strcmp(v, "-1"))
		return -1;
	for (i = 0; i < 8; i++) {
		if (!strcmp(v, names[i]))
			return i;
		if (!strncmp(v, "bright-", 7) && !strcmp(v + 7, names[i]))
			return i + 8;
	}
	if (!strncmp(v, "color", 5))
		v += 5;
	if (!isdigit((unsigned char)*v))
		return -2;
	n = strtol(v, &end, 10);
	return *end || n < 0 || n > 255 ? -2 : (int)n;
}

static int attr_parse(const char *v, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } attrs[] = {
		{ "normal", 0 }, { "bold", CA_BOLD }, { "dim", CA_DIM },
		{ "underline", CA_UNDERLINE }, { "reverse", CA_REVERSE },
		{ "blink", CA_BLINK }, { "italic", CA_ITALIC },
		{ "standout", CA_STANDOUT },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(attrs); i++) {
		if (!strcmp(v, attrs[i].name)) {
			*out |= attrs[i].bit;
			return 0;
		}
	}
	return -1;
}

/* "color AREA FG BG [ATTRS...]": into c, or a message into msg. */
static void color_line(struct ui_config *c, char **w, int n, struct sbuf *msg)
{
	struct color_spec cs = { 1, -1, -1, 0 };
	int area, fg, bg, i;

	if (n < 4 || n > 8) {
		sbuf_printf(msg, "color needs an area, a foreground and a background, "
		            "then attributes: color selected black cyan bold");
		return;
	}
	if ((area = config_area_parse(w[1])) < 0) {
		sbuf_printf(msg, "unknown area \"%s\" (try default, selected, cursor, "
		            "status, hint, title, heading, label, match, dim, bar, "
		            "marker, error, facet)", w[1]);
		return;
	}
	if ((fg = color_parse(w[2])) < -1 || (bg = color_parse(w[3])) < -1) {
		sbuf_printf(msg, "unknown colour \"%s\" (try default, black, red, "
		            "green, yellow, blue, magenta, cyan, white, bright-red, "
		            "color0..color255)", fg < -1 ? w[2] : w[3]);
		return;
	}
	cs.fg = (short)fg;
	cs.bg = (short)bg;
	for (i = 4; i < n; i++) {
		if (attr_parse(w[i], &cs.attrs) < 0) {
			sbuf_printf(msg, "unknown attribute \"%s\" (try normal, bold, dim, "
			            "underline, reverse, blink, italic, standout)", w[i]);
			return;
		}
	}
	c->color[area] = cs;
}

/* "set NAME VALUE" (w[1], w[2]): into c, or a message into msg. */
static void set_line(struct ui_config *c, char **w, int n, struct sbuf *msg)
{
	const char *name = n > 1 ? w[1] : "", *v = n > 2 ? w[2] : "";
	char *end;
	long ms;
	int b;

	if (n != 3) {
		sbuf_printf(msg, "set needs a name and a value: set layout list");
	} else if (!strcmp(name, "layout")) {
		if (!strcmp(v, "split"))
			c->layout = LAYOUT_SPLIT;
		else if (!strcmp(v, "list"))
			c->layout = LAYOUT_LIST;
		else
			sbuf_printf(msg, "layout is split or list, not \"%s\"", v);
	} else if (!strcmp(name, "preview-delay")) {
		ms = strtol(v, &end, 10);
		if (!*v || *end || ms < 0 || ms > 10000)
			sbuf_printf(msg, "preview-delay is milliseconds, 0 to 10000, "
			            "not \"%s\"", v);
		else
			c->preview_delay_ms = (int)ms;
	} else if (!strcmp(name, "accessible") || !strcmp(name, "mouse") ||
	           !strcmp(name, "osc52")) {
		if (parse_bool(v, &b) < 0)
			sbuf_printf(msg, "%s is on or off, not \"%s\"", name, v);
		else if (!strcmp(name, "mouse"))
			c->mouse = b;
		else if (!strcmp(name, "osc52"))
			c->osc52 = b;
		else
			c->accessible = b;
	} else if (!strcmp(name, "ambiwidth")) {
		if (!strcmp(v, "1") || !strcmp(v, "2"))
			c->ambiwidth = v[0] - '0';
		else
			sbuf_printf(msg, "ambiwidth is 1 or 2, not \"%s\"", v);
	} else {
		sbuf_printf(msg, "unknown setting \"%s\" (try layout, preview-delay, "
		            "accessible, mouse, ambiwidth, osc52)", name);
	}
}

int keymap_parse(struct keymap *km, const char *text, const char *name,
                 struct strlist *errors)
{
	const char *p = text;
	long line = 0;
	int bad = 0;
	struct sbuf msg = {0};

	if (!km->cfg_init) {
		config_defaults(&km->cfg);
		km->cfg_init = 1;
	}
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *copy = xstrndup(p, len), *w[8];
		int n = split_words(copy, w, 8), section, key, ok;
		enum request req;

		line++;
		sbuf_reset(&msg);
		if (n == 0) {
			/* blank or comment */
		} else if (strcmp(w[0], "set") == 0) {
			set_line(&km->cfg, w, n, &msg);
		} else if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0) {
			color_line(&km->cfg, w, n, &msg);
		} else if (strcmp(w[0], "bind") != 0) {
			sbuf_printf(&msg, "unknown directive \"%s\" (try bind, set or "
			            "color)", w[0]);
		} else if (n != 4) {
			sbuf_printf(&msg, "bind needs a section, a key and a request: "
			            "bind generic j move-down");
		} else if ((section = keymap_section(w[1])) < 0) {
			sbuf_printf(&msg, "unknown section \"%s\" (try generic, list, "
			            "document, timeline, related, filters, help, person, "
			            "people)", w[1]);
		} else if ((key = keymap_key_parse(w[2])) < 0) {
			sbuf_printf(&msg, "unknown key \"%s\" (try a character, C-x, "
			            "Enter, Space, PgDn, F1, ...)", w[2]);
		} else {
			req = request_parse(w[3], &ok);
			if (!ok)
				sbuf_printf(&msg, "unknown request \"%s\" (the help view, "
				            "?, lists them)", w[3]);
			else
				keymap_bind(km, section, key, req);
		}
		if (msg.len) {
			bad++;
			if (errors) {
				struct sbuf full = {0};

				sbuf_printf(&full, "%s:%ld: %s", name, line, sbuf_str(&msg));
				strlist_take(errors, sbuf_take(&full));
			}
		}
		free(copy);
		p += len;
		if (*p == '\n')
			p++;
	}
	sbuf_free(&msg);
	return bad;
}

static enum request lookup_in(const struct keymap *km, int section, int key,
                              int *found)
{
	size_t i;

	for (i = 0; i < km->n[section]; i++) {
		if (km->v[section][i].key == key) {
			*found = 1;
			return km->v[section][i].req;
		}
	}
	*found = 0;
	return REQ_NONE;
}

enum request keymap_lookup(const struct keymap *km, enum browse_view v,
                           int key)
{
	int found;
	enum request r;

	if ((unsigned)v < BV_NVIEWS) {
		r = lookup_in(km, v, key, &found);
		if (found)
			return r;
	}
	return lookup_in(km, KM_GENERIC, key, &found);
}

int keymap_keys(const struct keymap *km, int section, enum request req,
                char *buf, size_t n)
{
	size_t i, len = 0;
	int count = 0;
	char name[32];

	if (n)
		buf[0] = '\0';
	if (section < 0 || section >= KM_NSECTIONS)
		return 0;
	for (i = 0; i < km->n[section]; i++) {
		if (km->v[section][i].req != req)
			continue;
		keymap_key_name(km->v[section][i].key, name, sizeof name);
		if (len < n)
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
			                        count ? ", " : "", name);
		count++;
	}
	return count;
}

int keymap_first_key(const struct keymap *km, enum browse_view v,
                     enum request req, char *buf, size_t n)
{
	int sections[2], s, found;
	size_t i;

	sections[0] = v;
	sections[1] = KM_GENERIC;
	for (s = 0; s < 2; s++) {
		for (i = 0; i < km->n[sections[s]]; i++) {
			const struct binding *bd = &km->v[sections[s]][i];

			if (bd->req != req)
				continue;
			/* a view binding may hide a generic one */
			if (s == 1 && (unsigned)v < BV_NVIEWS) {
				lookup_in(km, v, bd->key, &found);
				if (found)
					continue;
			}
			keymap_key_name(bd->key, buf, n);
			return 1;
		}
	}
	return 0;
}

void keymap_free(struct keymap *km)
{
	int i;

	for (i = 0; i < KM_NSECTIONS; i++)
		free(km->v[i]);
	memset(km, 0, sizeof *km);
}
