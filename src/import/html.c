/* html.c - HTML to clean text with libxml2's HTML parser.
 *
 * The archive API hands out descriptions, transcripts and translations as
 * HTML: fragments (<p>...</p>, &quot;) or whole XHTML pages with inline
 * <style>, nested <span>s and entities. This turns them into the plain
 * text fonds stores: paragraphs separated by a blank line, line breaks,
 * list items and table rows on lines of their own, table cells separated
 * by a tab, entities decoded, <style>, <script> and <head> dropped, and
 * links kept as their text, their addresses listed apart.
 *
 * The parser never touches the network or a file (HTML_PARSE_NONET, and
 * it is given memory, not a name), knows only HTML's predefined entities,
 * and is bounded: input beyond IMPORT_HTML_MAX is not parsed, and the
 * tree is walked without recursion, so nesting costs no stack.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "fonds/import.h"
#include "fonds/record.h"
#include "fonds/util.h"
#include "import-int.h"

/* Elements that stand for a paragraph (a blank line around them). */
static const char *const block_tags[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol",
	"dl", "table", "pre", "section", "article", "header", "footer", "address",
	"center", "hr", "form", "fieldset", "figure", "main", "nav", "aside"
};

/* Elements that end a line. */
static const char *const line_tags[] = { "br", "li", "tr", "dt", "dd", "caption" };

/* Elements whose content is not text to read. */
static const char *const drop_tags[] = {
	"style", "script", "head", "noscript", "template", "object", "embed",
	"iframe", "svg", "math", "select", "button"
};

/* Tag names (after '<' or '</') that mark a text as HTML. */
static const char *const known_tags[] = {
	"p", "br", "div", "span", "a", "html", "body", "head", "b", "i", "u", "em",
	"strong", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "h3",
	"h4", "h5", "h6", "style", "script", "font", "sup", "sub", "blockquote",
	"hr", "pre", "small", "big", "center", "title", "meta", "img", "tbody",
	"thead", "dl", "dt", "dd", "s", "strike", "del", "ins", "cite", "q",
	"section", "article", "header", "footer", "address", "abbr", "code", "tt",
	"caption", "link", "noscript", "iframe", "object", "svg"
};

static int in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* 1 when s[0..n) starts with a known tag name followed by '>', '/' or
 * white space. */
static int known_tag_at(const char *s, size_t n)
{
	size_t len = 0;
	char name[16];

	while (len < n && len < sizeof name - 1 &&
	       ((s[len] >= 'a' && s[len] <= 'z') || (s[len] >= 'A' && s[len] <= 'Z') ||
	        (s[len] >= '0' && s[len] <= '9')))
		len++;
	if (len == 0 || len == sizeof name - 1 || len == n)
		return 0;
	if (s[len] != '>' && s[len] != '/' && s[len] != ' ' && s[len] != '\t' &&
	    s[len] != '\n' && s[len] != '\r')
		return 0;
	memcpy(name, s, len);
	name[len] = '\0';
	return in_list(name, known_tags, ARRAY_LEN(known_tags));
}

/* 1 when s[0..n) starts with an entity: &name; or &#NNN; or &#xHH;. */
static int entity_at(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X'))
			i++;
		size_t start = i;
		while (i < n && i - start < 8 &&
		       ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		        (s[i] >= 'A' && s[i] <= 'F')))
			i++;
		return i > start && i < n && s[i] == ';';
	}
	while (i < n && i < 12 && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	                           (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > 1 && i < n && s[i] == ';';
}

int import_html_is_markup(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == '<') {
			size_t j = i + 1;

			if (s[j] == '/')
				j++;
			if (known_tag_at(s + j, n - j))
				return 1;
			if (n - j >= 9 && strncasecmp(s + j, "!DOCTYPE", 8) == 0)
				return 1;
			if (n - j >= 3 && strncmp(s + j, "!--", 3) == 0)
				return 1;
		} else if (s[i] == '&' && entity_at(s + i, n - i))
			return 1;
	}
	return 0;
}

void import_text_break(struct import_text *o, int n)
{
	if (o->b.len == 0)
		return;
	if (n > o->breaks)
		o->breaks = n;
	o->space = 0;
}

void import_text_add(struct import_text *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (!o->pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		                c == '\v')) {
			if (o->b.len && !o->breaks)
				o->space = 1;
			continue;
		}
		/* a no-break space (U+00A0) is a space between words */
		if (!o->pre && c == 0xc2 && (unsigned char)s[1] == 0xa0) {
			s++;
			if (o->b.len && !o->breaks)
				o->space = 1;
			continue;
		}
		if (o->breaks) {
			/* the newlines due, less those already there (<pre>) */
			int have = o->b.len && o->b.s[o->b.len - 1] == '\n';

			have += have && o->b.len > 1 && o->b.s[o->b.len - 2] == '\n';
			for (int k = have; k < o->breaks; k++)
				sbuf_addc(&o->b, '\n');
			o->breaks = 0;
		} else if (o->space)
			sbuf_addc(&o->b, ' ');
		o->space = 0;
		if (o->pre && c == '\n') {
			/* at most one blank line, in <pre> too */
			if (!(o->b.len >= 2 && o->b.s[o->b.len - 1] == '\n' && o->b.s[o->b.len - 2] == '\n'))
				sbuf_addc(&o->b, '\n');
			continue;
		}
		sbuf_addc(&o->b, (char)c);
	}
}

void import_text_cell(struct import_text *o)
{
	if (o->b.len && !o->breaks) {
		sbuf_addc(&o->b, '\t');
		o->space = 0;
	}
}

/* The visible text of a link, with white space collapsed (caller frees). */
static char *link_text(xmlNode *a)
{
	struct import_text o = {0};
	xmlNode *n = a->children;

	while (n && n != a) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			import_text_add(&o, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children &&
		    !in_list((const char *)n->name, drop_tags, ARRAY_LEN(drop_tags))) {
			n = n->children;
			continue;
		}
		while (n && n != a && !n->next)
			n = n->parent;
		if (n && n != a)
			n = n->next;
	}
	return sbuf_take(&o.b);
}

/* Note a link's address (not a page-internal one or a script). */
static void add_link(xmlNode *a, struct strlist *links)
{
	xmlChar *href = xmlGetProp(a, (const xmlChar *)"href");
	const char *h = (const char *)href;

	if (h) {
		while (*h == ' ' || *h == '\t' || *h == '\n' || *h == '\r')
			h++;
		if (*h && *h != '#' && strncasecmp(h, "javascript:", 11) != 0 &&
		    links->n < 2 * RECORD_MAX_TEXTS) {
			char *text = link_text(a);

			strlist_add(links, text);
			strlist_add(links, h);
			free(text);
		}
	}
	xmlFree(href);
}

/* What an element does at its start (enter) or end. */
static void element_edge(struct import_text *o, xmlNode *n, int enter)
{
	const char *name = (const char *)n->name;

	if (in_list(name, block_tags, ARRAY_LEN(block_tags)))
		import_text_break(o, 2);
	else if (in_list(name, line_tags, ARRAY_LEN(line_tags))) {
		if (enter || strcasecmp(name, "br") != 0)
			import_text_break(o, 1);
	} else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0) {
		if (enter)
			import_text_cell(o);
	}
	if (strcasecmp(name, "pre") == 0)
		o->pre = enter;
}

char *import_html_text(const char *s, size_t n, struct strlist *links)
{
	htmlDocPtr doc;
	xmlNode *root, *node;
	struct import_text o = {0};

	if (!s || n == 0 || n > IMPORT_HTML_MAX || !import_html_is_markup(s, n))
		return NULL;
	doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
	                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                     HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);
	if (!doc)
		return xstrdup("");
	root = xmlDocGetRootElement(doc);
	/* with NOIMPLIED a fragment may have several top-level nodes */
	node = root ? root : doc->children;
	while (node && node->prev)
		node = node->prev;
	/* walk the tree depth first with parent and sibling pointers */
	while (node) {
		int descend = 0;

		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
			import_text_add(&o, (const char *)node->content);
		else if (node->type == XML_ELEMENT_NODE && node->name &&
		         !in_list((const char *)node->name, drop_tags, ARRAY_LEN(drop_tags))) {
			element_edge(&o, node, 1);
			if (links && strcasecmp((const char *)node->name, "a") == 0)
				add_link(node, links);
			descend = node->children != NULL;
			if (!descend)
				element_edge(&o, node, 0);
		}
		if (descend) {
			node = node->children;
			continue;
		}
		while (node && !node->next) {
			node = node->parent;
			if (node && node->type == XML_ELEMENT_NODE)
				element_edge(&o, node, 0);
			if (node && (xmlDoc *)node == (xmlDoc *)doc)
				node = NULL;
		}
		if (node)
			node = node->next;
	}
	xmlFreeDoc(doc);
	if (!o.b.s)
		return xstrdup("");
	/* <pre> keeps its white space, but not at the ends of the text */
	{
		char *t = sbuf_take(&o.b);
		size_t a = strspn(t, " \t\n\r"), z = strlen(t);

		while (z > a && strchr(" \t\n\r", t[z - 1]))
			z--;
		memmove(t, t + a, z - a);
		t[z - a] = '\0';
		return t;
	}
}

/* Replace *field with its clean text when it holds HTML; keep_lines 0
 * makes one line of it (a title). Links go to links. */
static void clean_field(char **field, int keep_lines, struct strlist *links)
{
	char *t;

	if (!*field)
		return;
	t = import_html_text(*field, strlen(*field), links);
	if (!t)
		return;
	if (!keep_lines)
		for (char *p = t; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
	free(*field);
	*field = NULL;
	record_set(field, t, strlen(t));
	free(t);
}

void import_html_record(struct record *r)
{
	struct strlist links = {0};

	if (r->flags & RECORD_PLAIN)
		return;
	clean_field(&r->title, 0, NULL);
	clean_field(&r->summary, 1, &links);
	clean_field(&r->body, 1, &links);
	clean_field(&r->source, 0, &links);
	for (size_t i = 0; i < r->texts.n; i++) {
		struct record_text *t = &r->texts.v[i];

		if (strcmp(t->kind, RECORD_TEXT_LINK) != 0)
			clean_field(&t->body, 1, &links);
	}
	/* drop texts that were nothing but markup */
	{
		size_t k = 0;

		for (size_t i = 0; i < r->texts.n; i++) {
			if (r->texts.v[i].body) {
				r->texts.v[k++] = r->texts.v[i];
				continue;
			}
			free(r->texts.v[i].kind);
			free(r->texts.v[i].language);
			free(r->texts.v[i].label);
		}
		r->texts.n = k;
	}
	for (size_t i = 0; i + 1 < links.n; i += 2) {
		int seen = 0;

		for (size_t j = 0; j < r->texts.n && !seen; j++)
			seen = strcmp(r->texts.v[j].kind, RECORD_TEXT_LINK) == 0 &&
			       r->texts.v[j].body && strcmp(r->texts.v[j].body, links.v[i + 1]) == 0;
		if (!seen)
			record_add_text(r, RECORD_TEXT_LINK, NULL, links.v[i], links.v[i + 1]);
	}
	strlist_clear(&links);
}
