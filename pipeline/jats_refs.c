/* jats_refs.c - <ref> elements to litx_ref, wherever they stand (every ref-list of
 * the article and of its sub-articles, in document order).
 *
 * label: the <label> as printed, less a trailing '.' and enclosing brackets; the
 * 1-based position (label_printed = 0) when there is none. raw: the citation's text
 * normalized - a mixed-citation carries its own punctuation; an element-citation
 * has none, so its parts are joined the way a reference list prints them
 * ("Smith J, Doe A. Title. Journal. 2019. 12. 33–45"). The tagged fields come from
 * the first citation of the ref: authors "Surname, G." (initials from given-names)
 * joined "; ", article-title, source, year, volume, issue, fpage–lpage (or
 * elocation-id), and the DOI from pub-id or a DOI ext-link. */
#include "jats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_citation(jtag t)
{
	return t == J_ELEMENT_CITATION || t == J_MIXED_CITATION || t == J_CITATION ||
	       t == J_NLM_CITATION;
}

static const xmlNode *child(const xmlNode *n, jtag t)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (jats_tag(k) == t)
			return k;
	return NULL;
}

/* The first citation of a ref (inside <citation-alternatives> too). */
static const xmlNode *primary_citation(const xmlNode *ref)
{
	for (const xmlNode *k = ref->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (is_citation(t))
			return k;
		if (t == J_CITATION_ALTERNATIVES)
			for (const xmlNode *g = k->children; g; g = g->next)
				if (is_citation(jats_tag(g)))
					return g;
	}
	return NULL;
}

static int has_text(const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_TEXT_NODE && k->content)
			for (const xmlChar *p = k->content; *p; p++)
				if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
					return 1;
	return 0;
}

/* Separator before the next part of a structured citation. */
static void sep(jats_ctx *c, jats_out *o, const char *s)
{
	if (o->tb.len == 0)
		return;
	char last = o->tb.s[o->tb.len - 1];
	if (s[0] == '.' && (last == '.' || last == '?' || last == '!'))
		s++;
	jats_out_put(c, o, s);
}

static void name_parts(jats_ctx *c, jats_out *o, const xmlNode *name)
{
	const xmlNode *sur = child(name, J_SURNAME), *giv = child(name, J_GIVEN_NAMES);
	const xmlNode *suf = child(name, J_SUFFIX);
	if (!sur && !giv) {
		jats_inline_children(c, o, name);
		return;
	}
	if (sur)
		jats_inline(c, o, sur);
	if (giv) {
		jats_out_space(o);
		jats_inline(c, o, giv);
	}
	if (suf) {
		jats_out_space(o);
		jats_inline(c, o, suf);
	}
}

static void person_group(jats_ctx *c, jats_out *o, const xmlNode *pg)
{
	int first = 1;
	for (const xmlNode *k = pg->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_NAME || t == J_STRING_NAME || t == J_COLLAB) {
			if (!first)
				jats_out_put(c, o, ", ");
			name_parts(c, o, k);
			first = 0;
		} else if (t == J_ETAL) {
			jats_out_put(c, o, first ? "et al." : ", et al.");
			first = 0;
		}
	}
}

/* An element-citation as a printed line. */
static void structured(jats_ctx *c, jats_out *o, const xmlNode *cit)
{
	jtag prev = J_OTHER;
	for (const xmlNode *k = cit->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		jtag t = jats_tag(k);
		if (t == J_PERSON_GROUP) {
			sep(c, o, ". ");
			person_group(c, o, k);
		} else if (t == J_NAME || t == J_STRING_NAME || t == J_COLLAB) {
			sep(c, o, prev == J_NAME || prev == J_STRING_NAME || prev == J_COLLAB ? ", " : ". ");
			name_parts(c, o, k);
		} else if (t == J_ETAL) {
			jats_out_put(c, o, ", et al.");
		} else if (t == J_LPAGE && prev == J_FPAGE) {
			jats_out_put(c, o, "\xE2\x80\x93");
			jats_inline(c, o, k);
		} else {
			size_t before = o->tb.len;
			sep(c, o, ". ");
			size_t after = o->tb.len;
			jats_inline(c, o, k);
			if (o->tb.len == after && after > before) { /* nothing came: undo */
				o->tb.len = before;
				o->tb.s[before] = '\0';
			}
		}
		prev = t;
	}
}

/* Initials of given names: "Yuanxin" -> "Y.", "G.-F." -> "G.-F.",
 * "L. Y. S." -> "L. Y. S.", "JP" -> "J. P.", "Jean-Pierre" -> "J.-P.". */
static void initials(jats_ctx *c, const char *g)
{
	size_t n = strlen(g);
	int all_caps = n >= 2 && n <= 3;
	for (size_t i = 0; i < n && all_caps; i++)
		all_caps = g[i] >= 'A' && g[i] <= 'Z';
	if (all_caps) {
		for (size_t i = 0; i < n; i++) {
			char b[4] = { g[i], '.', 0, 0 };
			if (i)
				jats_sbuf_put(c, " ", 1, JATS_MAX_FIELD);
			jats_sbuf_put(c, b, 2, JATS_MAX_FIELD);
		}
		return;
	}
	int first = 1, hyphen = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char ch = (unsigned char)g[i];
		if (ch == ' ' || ch == '.' || ch == ',') {
			i++;
			continue;
		}
		if (ch == '-') {
			hyphen = 1;
			i++;
			continue;
		}
		size_t k = 1;
		if (ch >= 0xC0)
			while (i + k < n && ((unsigned char)g[i + k] & 0xC0) == 0x80)
				k++;
		if (!first)
			jats_sbuf_put(c, hyphen ? "-" : " ", 1, JATS_MAX_FIELD);
		jats_sbuf_put(c, g + i, k, JATS_MAX_FIELD);
		jats_sbuf_put(c, ".", 1, JATS_MAX_FIELD);
		first = 0;
		hyphen = 0;
		i += k;
		while (i < n && g[i] != ' ' && g[i] != '.' && g[i] != '-' && g[i] != ',')
			i++;
	}
}

/* The text of n as the inline walk gives it, in f; a plain name (one text node,
 * jats_plain_text) is its own text, with no walk. *len gets its length. */
static const char *name_text(jats_ctx *c, jats_out *f, const xmlNode *n, size_t *len)
{
	const char *s = jats_plain_text(n, len);
	if (s)
		return s;
	jats_out_begin(c, f, n);
	jats_inline_children(c, f, n);
	s = jats_out_str(f);
	*len = strlen(s);
	return s;
}

static void author(jats_ctx *c, const xmlNode *name)
{
	if (c->sbuf_len)
		jats_sbuf_put(c, "; ", 2, JATS_MAX_FIELD);
	const xmlNode *sur = jats_tag(name) == J_COLLAB ? NULL : child(name, J_SURNAME);
	jats_out *f = &c->fld;
	size_t n;
	const char *s = name_text(c, f, sur ? sur : name, &n);
	jats_sbuf_put(c, s, n, JATS_MAX_FIELD);
	const xmlNode *giv = sur ? child(name, J_GIVEN_NAMES) : NULL;
	if (giv) {
		const char *g = name_text(c, f, giv, &n);
		if (*g) {
			jats_sbuf_put(c, ", ", 2, JATS_MAX_FIELD);
			initials(c, g);
		}
	}
}

static const char *authors(jats_ctx *c, const xmlNode *cit)
{
	const xmlNode *holder = NULL;
	for (const xmlNode *k = cit->children; k; k = k->next) {
		if (jats_tag(k) != J_PERSON_GROUP)
			continue;
		const char *type = jats_attr(k, "person-group-type");
		if (!type || strcmp(type, "author") == 0) {
			holder = k;
			break;
		}
	}
	if (!holder)
		holder = cit;
	c->sbuf_len = 0;
	if (c->sbuf)
		c->sbuf[0] = '\0';
	for (const xmlNode *k = holder->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_NAME || t == J_STRING_NAME || t == J_COLLAB)
			author(c, k);
	}
	jats_out_reset(&c->fld);
	return c->sbuf_len ? docb_strndup(c->b, c->sbuf, c->sbuf_len) : NULL;
}

static char *strip_doi(jats_ctx *c, char *d)
{
	if (!d)
		return NULL;
	static const char *const pre[] = { "https://doi.org/", "http://doi.org/",
		"https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "DOI:", "doi: ",
		"DOI: " };
	for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
		size_t n = strlen(pre[i]);
		if (strncmp(d, pre[i], n) == 0) {
			d += n;
			break;
		}
	}
	while (*d == ' ')
		d++;
	(void)c;
	return *d ? d : NULL;
}

typedef struct fields {
	const xmlNode *title, *chapter, *source, *year, *volume, *issue, *fpage, *lpage, *eloc;
	const xmlNode *doi_id, *doi_link;
} fields;

static int is_doi_link(const xmlNode *k)
{
	const char *t = jats_attr(k, "ext-link-type");
	if (t && strcmp(t, "doi") == 0)
		return 1;
	const char *h = jats_attr(k, "href");
	return h && strstr(h, "doi.org/") != NULL;
}

static void find_fields(const xmlNode *n, fields *f, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		switch (jats_tag(k)) {
		case J_ARTICLE_TITLE: if (!f->title) f->title = k; break;
		case J_CHAPTER_TITLE: if (!f->chapter) f->chapter = k; break;
		case J_SOURCE: if (!f->source) f->source = k; break;
		case J_YEAR: if (!f->year) f->year = k; break;
		case J_VOLUME: if (!f->volume) f->volume = k; break;
		case J_ISSUE: if (!f->issue) f->issue = k; break;
		case J_FPAGE: if (!f->fpage) f->fpage = k; break;
		case J_LPAGE: if (!f->lpage) f->lpage = k; break;
		case J_ELOCATION_ID: if (!f->eloc) f->eloc = k; break;
		case J_PUB_ID: {
			const char *t = jats_attr(k, "pub-id-type");
			if (!f->doi_id && t && strcmp(t, "doi") == 0)
				f->doi_id = k;
			break;
		}
		case J_EXT_LINK:
		case J_URI:
			if (!f->doi_link && is_doi_link(k))
				f->doi_link = k;
			break;
		case J_PERSON_GROUP:
		case J_NAME:
		case J_STRING_NAME:
			break;
		default:
			if (depth < 3)
				find_fields(k, f, depth + 1);
		}
	}
}

static void read_fields(jats_ctx *c, size_t i, const xmlNode *cit)
{
	fields f = { 0 };
	find_fields(cit, &f, 1);
	const char *au = authors(c, cit);
	char *title = f.title ? jats_plain(c, f.title) : NULL;
	if (!title && f.chapter)
		title = jats_plain(c, f.chapter);
	char *journal = f.source ? jats_plain(c, f.source) : NULL;
	char *year = f.year ? jats_plain(c, f.year) : NULL;
	char *volume = f.volume ? jats_plain(c, f.volume) : NULL;
	char *issue = f.issue ? jats_plain(c, f.issue) : NULL;
	char *fp = f.fpage ? jats_plain(c, f.fpage) : NULL;
	char *lp = f.lpage ? jats_plain(c, f.lpage) : NULL;
	char *pages = NULL;
	if (fp && lp && strcmp(fp, lp) != 0) {
		size_t nf = strlen(fp), nl = strlen(lp);
		pages = arena_alloc(c->b->a, nf + nl + 4);
		if (pages) { /* fp "–" lp */
			memcpy(pages, fp, nf);
			memcpy(pages + nf, "\xE2\x80\x93", 3);
			memcpy(pages + nf + 3, lp, nl + 1);
		} else {
			c->oom = 1;
		}
	} else if (fp) {
		pages = fp;
	} else if (f.eloc) {
		pages = jats_plain(c, f.eloc);
	}
	char *doi = NULL;
	if (f.doi_id)
		doi = strip_doi(c, jats_plain(c, f.doi_id));
	if (!doi && f.doi_link) {
		doi = strip_doi(c, jats_plain(c, f.doi_link));
		if (!doi || !strchr(doi, '/')) {
			const char *h = jats_attr(f.doi_link, "href");
			doi = h ? strip_doi(c, docb_strdup(c->b, h)) : NULL;
		}
	}
	litx_ref *r = &c->b->ref[i];
	r->authors = au;
	r->title = title;
	r->journal = journal;
	r->year = year;
	r->volume = volume;
	r->issue = issue;
	r->pages = pages;
	r->doi = doi;
}

/* "12." -> "12", "[12]" -> "12"; NULL when nothing is left. */
static char *clean_label(char *l)
{
	if (!l)
		return NULL;
	size_t n = strlen(l);
	for (int pass = 0; pass < 2; pass++) {
		while (n && (l[n - 1] == '.' || l[n - 1] == ' '))
			l[--n] = '\0';
		if (n >= 2 && ((l[0] == '[' && l[n - 1] == ']') || (l[0] == '(' && l[n - 1] == ')'))) {
			l[--n] = '\0';
			l++;
			n--;
		}
	}
	return n ? l : NULL;
}

int jats_read_refs(jats_ctx *c)
{
	if (!c->n_refs)
		return 0;
	c->ref_label = calloc(c->n_refs, sizeof *c->ref_label);
	if (!c->ref_label) {
		c->oom = 1;
		return -1;
	}
	c->refs_mode = 1;
	size_t first = c->b->n_ref;
	for (size_t i = 0; i < c->n_refs; i++) {
		const xmlNode *ref = c->refs[i];
		litx_ref *r = docb_add_ref(c->b);
		if (!r) {
			c->oom = 1;
			return -1;
		}
		const char *id = jats_attr(ref, "id");
		r->id = id ? docb_strdup(c->b, id) : NULL;
		const xmlNode *lab = child(ref, J_LABEL);
		char *label = lab ? clean_label(jats_plain(c, lab)) : NULL;
		r = &c->b->ref[first + i];
		if (label) {
			r->label = label;
			r->label_printed = 1;
		} else {
			char pos[24];
			snprintf(pos, sizeof pos, "%zu", i + 1);
			r->label = docb_strdup(c->b, pos);
			r->label_printed = 0;
		}
		c->ref_label[i] = r->label ? r->label : "";
		const xmlNode *cit = primary_citation(ref);
		jats_out *o = &c->out;
		jats_out_begin(c, o, ref);
		if (cit) {
			/* a citation without text of its own has no punctuation either */
			if (has_text(cit))
				jats_inline_children(c, o, cit);
			else
				structured(c, o, cit);
		} else {
			for (const xmlNode *k = ref->children; k; k = k->next)
				if (jats_tag(k) != J_LABEL)
					jats_inline(c, o, k);
		}
		litx_text raw;
		if (jats_out_finish(c, o, &raw))
			return -1;
		c->b->ref[first + i].raw = raw;
		if (cit)
			read_fields(c, first + i, cit);
		if (c->oom)
			return -1;
	}
	c->refs_mode = 0;
	return 0;
}
