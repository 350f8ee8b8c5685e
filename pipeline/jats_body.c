/* jats_body.c - metadata, abstract, sections, paragraphs, figure captions and the
 * place of each table, in document order.
 *
 * Sections: <sec>, <app>, <ack> and <notes> open a section whose level is its
 * nesting depth. Its number is the <label> ("3.1", trailing '.' dropped), else a
 * leading "3.1" of the title (taken off the title). When no section of the main
 * body prints a number at all - many publishers leave numbering to the style
 * sheet - body sections are numbered by position ("1", "2", "2.1"...), as the
 * rendered article shows them; back matter stays unnumbered.
 *
 * Blocks: each <p> is a paragraph (abstract paragraphs are LITX_BLOCK_ABSTRACT,
 * footnote ones LITX_BLOCK_FOOTNOTE). Figures, tables, lists and boxes inside a
 * <p> are left out of its text and read right after it. A figure gives a
 * LITX_BLOCK_CAPTION block labelled with its <label> ("Fig. 2"). */
#include "jats.h"
#include <stdio.h>
#include <string.h>

static const xmlNode *child(const xmlNode *n, jtag t)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (jats_tag(k) == t)
			return k;
	return NULL;
}

/* ---- metadata ------------------------------------------------------------ */

static int date_rank(const xmlNode *d)
{
	const char *t = jats_attr(d, "pub-type");
	if (!t)
		t = jats_attr(d, "date-type");
	if (!t)
		return 4;
	if (strcmp(t, "epub") == 0)
		return 0;
	if (strcmp(t, "ppub") == 0)
		return 1;
	if (strcmp(t, "epub-ppub") == 0 || strcmp(t, "pub") == 0)
		return 2;
	return 3;
}

static const xmlNode *journal_title(const xmlNode *jm)
{
	const xmlNode *abbrev = NULL;
	for (const xmlNode *k = jm->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_JOURNAL_TITLE)
			return k;
		if (t == J_ABBREV_JOURNAL_TITLE && !abbrev)
			abbrev = k;
		if (t == J_OTHER && k->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)k->name, "journal-title-group") == 0) {
			const xmlNode *j = journal_title(k);
			if (j && jats_tag(j) == J_JOURNAL_TITLE)
				return j;
			if (j && !abbrev)
				abbrev = j;
		}
	}
	return abbrev;
}

void jats_read_meta(jats_ctx *c, const xmlNode *article)
{
	const xmlNode *front = child(article, J_FRONT);
	if (!front)
		return;
	litx_meta *m = &c->b->doc.meta;
	const xmlNode *jm = child(front, J_JOURNAL_META);
	const xmlNode *am = child(front, J_ARTICLE_META);
	if (jm) {
		const xmlNode *j = journal_title(jm);
		if (j)
			m->journal = jats_plain(c, j);
		if (!m->journal)
			for (const xmlNode *k = jm->children; k; k = k->next)
				if (jats_tag(k) == J_JOURNAL_ID) {
					const char *t = jats_attr(k, "journal-id-type");
					if (t && (strcmp(t, "nlm-ta") == 0 || strcmp(t, "iso-abbrev") == 0)) {
						m->journal = jats_plain(c, k);
						break;
					}
				}
	}
	if (!am)
		return;
	const xmlNode *best = NULL;
	int rank = 99;
	for (const xmlNode *k = am->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_ARTICLE_ID && !m->doi) {
			const char *ty = jats_attr(k, "pub-id-type");
			if (ty && strcmp(ty, "doi") == 0)
				m->doi = jats_plain(c, k);
		} else if (t == J_OTHER && k->type == XML_ELEMENT_NODE && !m->title &&
			   strcmp((const char *)k->name, "title-group") == 0) {
			const xmlNode *at = child(k, J_ARTICLE_TITLE);
			if (at)
				m->title = jats_plain(c, at);
		} else if (t == J_PUB_DATE && child(k, J_YEAR)) {
			int r = date_rank(k);
			if (r < rank) {
				rank = r;
				best = k;
			}
		}
	}
	if (best)
		m->year = jats_plain(c, child(best, J_YEAR));
}

/* ---- blocks -------------------------------------------------------------- */

static void blocks(jats_ctx *c, const xmlNode *parent, int level, litx_block_kind kind);
static void block(jats_ctx *c, const xmlNode *k, int level, litx_block_kind kind);

/* Publish c->out as a block (nothing when empty). */
static void emit_block(jats_ctx *c, litx_block_kind kind, const char *label)
{
	jats_out *o = &c->out;
	if (o->tb.len == 0) {
		jats_out_reset(o);
		return;
	}
	litx_text t;
	if (jats_out_finish(c, o, &t) || t.len == 0)
		return;
	litx_block *blk = docb_add_block(c->b, kind);
	if (!blk) {
		c->oom = 1;
		return;
	}
	blk->section = c->cur_sec;
	blk->label = label;
	blk->text = t;
}

static int is_deferred(jtag t)
{
	switch (t) {
	case J_FIG: case J_FIG_GROUP: case J_TABLE_WRAP: case J_TABLE_WRAP_GROUP:
	case J_BOXED_TEXT: case J_SUPPLEMENTARY: case J_SEC: case J_LIST: case J_DEF_LIST:
	case J_DISP_QUOTE: case J_STATEMENT: case J_FN:
		return 1;
	default:
		return 0;
	}
}

/* The figures, tables, lists... a paragraph left out of its text. */
static void nested(jats_ctx *c, const xmlNode *n, int level, litx_block_kind kind)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		jtag t = jats_tag(k);
		if (is_deferred(t))
			block(c, k, level, t == J_FN ? LITX_BLOCK_FOOTNOTE : kind);
		else if (t != J_XREF)
			nested(c, k, level, kind);
	}
}

static void paragraph(jats_ctx *c, const xmlNode *p, int level, litx_block_kind kind)
{
	jats_out *o = &c->out;
	jats_out_begin(c, o, p);
	o->defer_blocks = 1;
	jats_inline_children(c, o, p);
	int saw = o->saw_blocks;
	emit_block(c, kind, NULL);
	if (saw)
		nested(c, p, level, kind);
}

static void caption_block(jats_ctx *c, const xmlNode *fig)
{
	const xmlNode *cap = child(fig, J_CAPTION), *lab = child(fig, J_LABEL);
	if (!cap) {
		/* supplementary material often puts its caption inside <media> */
		for (const xmlNode *k = fig->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && jats_tag(k) == J_MEDIA && child(k, J_CAPTION))
				caption_block(c, k);
		return;
	}
	char *label = lab ? jats_plain(c, lab) : NULL;
	jats_out *o = &c->out;
	jats_out_begin(c, o, cap);
	jats_inline_children(c, o, cap);
	emit_block(c, LITX_BLOCK_CAPTION, label);
}

/* "3.1 Title" / "3.1. Title": the length of the number (0 when none) and where the
 * title proper starts. */
static size_t title_number(const char *s, const char **rest)
{
	size_t i = 0;
	if (!(s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (;;) {
		size_t d = i;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d || i - d > 3)
			return 0;
		if (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
			i++;
			continue;
		}
		break;
	}
	size_t n = i;
	if (s[i] == '.')
		i++;
	if (s[i] != ' ')
		return 0;
	while (s[i] == ' ')
		i++;
	if (!s[i])
		return 0;
	*rest = s + i;
	return n;
}

static int prints_numbers(const xmlNode *n, int depth)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (jats_tag(k) != J_SEC)
			continue;
		const xmlNode *lab = child(k, J_LABEL), *ti = child(k, J_TITLE);
		if (lab) {
			for (const xmlNode *t = lab->children; t; t = t->next)
				if (t->type != XML_TEXT_NODE || (t->content && t->content[strspn((const char *)t->content, " \t\r\n")]))
					return 1;
		}
		if (ti && ti->children && ti->children->type == XML_TEXT_NODE &&
		    ti->children->content) {
			const char *s = (const char *)ti->children->content, *rest;
			s += strspn(s, " \t\r\n");
			if (title_number(s, &rest))
				return 1;
		}
		if (depth < 32 && prints_numbers(k, depth + 1))
			return 1;
	}
	return 0;
}

static void section(jats_ctx *c, const xmlNode *sec, int level, litx_block_kind kind)
{
	const xmlNode *ti = child(sec, J_TITLE), *lab = child(sec, J_LABEL);
	char *title = ti ? jats_plain(c, ti) : NULL;
	char *label = lab ? jats_plain(c, lab) : NULL;
	char num[96] = "";
	if (label) {
		size_t n = strlen(label);
		while (n && (label[n - 1] == '.' || label[n - 1] == ' '))
			label[--n] = '\0';
		snprintf(num, sizeof num, "%s", label);
	} else if (title) {
		const char *rest;
		size_t n = title_number(title, &rest);
		if (n && n < sizeof num) {
			memcpy(num, title, n);
			num[n] = '\0';
			title += rest - title;
		}
	}
	jtag t = jats_tag(sec);
	if (c->autonum && t == J_SEC && level >= 1 && level <= 16) {
		c->secnum[level - 1]++;
		for (int i = level; i < 16; i++)
			c->secnum[i] = 0;
		size_t len = 0;
		for (int i = 0; i < level && len + 12 < sizeof num; i++)
			len += (size_t)snprintf(num + len, sizeof num - len, i ? ".%d" : "%d",
						c->secnum[i]);
	}
	if (!title && t == J_ACK)
		title = "Acknowledgements";
	uint32_t line = jats_line(ti ? ti : sec);
	if (!docb_add_section(c->b, num, title ? title : "", level, line,
			      jats_line_offset(c, line))) {
		c->oom = 1;
		return;
	}
	int saved = c->cur_sec;
	c->cur_sec = docb_section(c->b);
	blocks(c, sec, level, kind);
	c->cur_sec = saved;
}

static int has_child_p(const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_P || t == J_SEC || t == J_LIST || t == J_DEF_LIST || t == J_DISP_QUOTE ||
		    t == J_FIG || t == J_TABLE_WRAP || t == J_BOXED_TEXT)
			return 1;
	}
	return 0;
}

static void block(jats_ctx *c, const xmlNode *k, int level, litx_block_kind kind)
{
	if (c->oom)
		return;
	switch (jats_tag(k)) {
	case J_SEC: case J_APP: case J_ACK: case J_NOTES:
		if (kind == LITX_BLOCK_PARAGRAPH)
			section(c, k, level + 1, kind);
		else
			blocks(c, k, level, kind);
		return;
	case J_P:
		paragraph(c, k, level, kind);
		return;
	case J_FIG:
	case J_SUPPLEMENTARY:
		caption_block(c, k);
		return;
	case J_TABLE_WRAP:
		if (!jats_done(k) && jats_read_table(c, (xmlNode *)k))
			c->oom = 1;
		return;
	case J_DISP_FORMULA:
	case J_DEF_ITEM:
		paragraph(c, k, level, kind);
		return;
	case J_FN:
	case J_LIST_ITEM:
	case J_ABSTRACT:
		if (has_child_p(k))
			blocks(c, k, level, jats_tag(k) == J_FN ? LITX_BLOCK_FOOTNOTE : kind);
		else
			paragraph(c, k, level, jats_tag(k) == J_FN ? LITX_BLOCK_FOOTNOTE : kind);
		return;
	case J_FN_GROUP:
		blocks(c, k, level, LITX_BLOCK_FOOTNOTE);
		return;
	case J_REF_LIST: case J_TITLE: case J_LABEL: case J_CAPTION: case J_FRONT:
	case J_FRONT_STUB: case J_TRANS_ABSTRACT: case J_GRAPHIC: case J_MEDIA: case J_TABLE:
	case J_ATTRIB: case J_OBJECT_ID: case J_ALTERNATIVES:
		return;
	default:
		if (k->type == XML_ELEMENT_NODE)
			blocks(c, k, level, kind);
		return;
	}
}

static void blocks(jats_ctx *c, const xmlNode *parent, int level, litx_block_kind kind)
{
	for (const xmlNode *k = parent->children; k && !c->oom; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			block(c, k, level, kind);
}

int jats_read_body(jats_ctx *c, const xmlNode *article)
{
	for (const xmlNode *k = article->children; k && !c->oom; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		switch (jats_tag(k)) {
		case J_FRONT: {
			const xmlNode *am = child(k, J_ARTICLE_META);
			for (const xmlNode *a = am ? am->children : NULL; a; a = a->next)
				if (jats_tag(a) == J_ABSTRACT)
					block(c, a, 0, LITX_BLOCK_ABSTRACT);
			break;
		}
		case J_BODY:
			c->autonum = !prints_numbers(k, 0);
			memset(c->secnum, 0, sizeof c->secnum);
			blocks(c, k, 0, LITX_BLOCK_PARAGRAPH);
			c->autonum = 0;
			break;
		default:
			block(c, k, 0, LITX_BLOCK_PARAGRAPH);
		}
	}
	return c->oom ? -1 : 0;
}
