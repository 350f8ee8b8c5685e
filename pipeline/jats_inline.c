/* jats_inline.c - mixed content to normalized text with spans. One emitter serves
 * paragraphs, captions, table cells, references and short fields, so every piece
 * of an article follows the shared normalization rules:
 *  - white space runs become one space (written lazily, so a text never starts or
 *    ends with one, and a span opened after it starts at the next word);
 *  - <sub>/<sup>, Unicode sub/superscript characters (₂₄, ⁻²) and LaTeX left in
 *    the XML (_{24}, ^{2+}, _x) become plain characters under one SUB/SUP span,
 *    with U+2212 turned into '-' inside them; white space before them is dropped
 *    (script_squeeze.c drops what is left around them once the text is complete);
 *    LaTeX escapes left in the XML lose their backslash ("90\%" -> "90%");
 *  - <italic>/<bold> give spans, formulas a FORMULA span over their text (MathML
 *    gives its text: msub is the base and a SUB span);
 *  - <xref ref-type="bibr"> gives a CITE span whose labels are the references it
 *    cites, and "<xref>1</xref>–<xref>5</xref>" one span citing the whole range.
 * Anchors: a text node knows the line it ends on; its first line is that minus
 * its newlines, and each newline starts an anchor on the next line. Runs of
 * ordinary bytes are copied in one call; nothing is allocated per node. */
#include "jats.h"
#include "readers.h"
#include "unichar.h"
#include <libxml/HTMLparser.h>
#include <string.h>
#include "simd.h"

void jats_out_init(jats_out *o)
{
	memset(o, 0, sizeof *o);
	tbuf_init(&o->tb);
}

void jats_out_free(jats_out *o)
{
	tbuf_free(&o->tb);
}

void jats_out_reset(jats_out *o)
{
	tbuf_reset(&o->tb);
	o->pending = 0;
	o->need_mark = 0;
	o->in_sub = o->in_sup = 0;
	o->no_latex = 0;
	o->defer_blocks = o->saw_blocks = 0;
	o->uni_kind = 0;
	o->range_end = NULL;
	o->marked_line = 0;
}

static void mark(jats_ctx *c, jats_out *o)
{
	tbuf_mark(&o->tb, o->line, jats_line_offset(c, o->line));
	o->marked_line = o->line;
	o->need_mark = 0;
}

void jats_out_begin(jats_ctx *c, jats_out *o, const xmlNode *at)
{
	jats_out_reset(o);
	o->no_latex = c->refs_mode;
	o->line = at ? jats_line(at) : 0;
	mark(c, o);
}

static inline void close_uni(jats_out *o)
{
	if (o->uni_kind) {
		tbuf_span_add(&o->tb, (litx_span_kind)o->uni_kind, o->uni_start, o->uni_end,
			      LITX_CITE_NONE, NULL);
		o->uni_kind = 0;
	}
}

/* Before ordinary text: the pending space, then the anchor. */
static inline void flush(jats_ctx *c, jats_out *o)
{
	close_uni(o);
	if (o->pending) {
		if (!tbuf_at_space(&o->tb))
			tbuf_putc(&o->tb, ' ');
		o->pending = 0;
	}
	if (o->need_mark)
		mark(c, o);
}

/* Before a sub/superscript: the pending space is dropped. */
static void flush_tight(jats_ctx *c, jats_out *o)
{
	close_uni(o);
	o->pending = 0;
	if (o->need_mark)
		mark(c, o);
}

void jats_out_space(jats_out *o)
{
	o->pending = 1;
}

void jats_out_put(jats_ctx *c, jats_out *o, const char *s)
{
	flush_tight(c, o);
	tbuf_puts(&o->tb, s);
}

const char *jats_out_str(jats_out *o)
{
	close_uni(o);
	return o->tb.s && o->tb.len ? o->tb.s : "";
}

static long open_script(jats_ctx *c, jats_out *o, litx_span_kind k)
{
	flush_tight(c, o);
	if (k == LITX_SPAN_SUB)
		o->in_sub++;
	else
		o->in_sup++;
	return tbuf_span_open(&o->tb, k);
}

static void close_script(jats_out *o, litx_span_kind k, long idx)
{
	close_uni(o);
	tbuf_span_close(&o->tb, idx);
	if (k == LITX_SPAN_SUB)
		o->in_sub--;
	else
		o->in_sup--;
}

static int is_alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

static void emit(jats_ctx *c, jats_out *o, const char *s, size_t n);

/* Bytes for emit()'s runs: 0 for an ASCII character copied as it is (not white
 * space, not the start of a LaTeX script or escape), 1 for a space, 2 for the
 * rest (other white space, '_', '^', '\\', any byte of a non-ASCII character). */
#define RUN_REST16 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
static const unsigned char run_class[256] = {
	['\t'] = 2, ['\n'] = 2, ['\r'] = 2, [' '] = 1, ['\\'] = 2, ['^'] = 2, ['_'] = 2,
	[0x80] = RUN_REST16, RUN_REST16, RUN_REST16, RUN_REST16,
	RUN_REST16, RUN_REST16, RUN_REST16, RUN_REST16,
};
#undef RUN_REST16

#ifdef LITX_SSE2
/* Sixteen bytes at a time: the bytes run_class does not call 0, as a bit mask,
 * and the spaces among them. */
static unsigned run_stops(__m128i v, unsigned *spaces)
{
	*spaces = simd_eq(v, ' ');
	return *spaces | simd_eq(v, '\t') | simd_eq(v, '\n') | simd_eq(v, '\r') | simd_eq(v, '\\') |
	       simd_eq(v, '^') | simd_eq(v, '_') | simd_high(v);
}
#endif

/* The end of a run of plain characters from j: it goes on over single spaces
 * between plain characters (see emit). */
static size_t run_end(const char *s, size_t j, size_t n)
{
#ifdef LITX_SSE2
	/* the run ends at the first byte that is not plain and not a space, or at a
	 * space followed by a byte that is not plain: the same first stop as the
	 * loop below, whose j += 2 only steps over a plain byte */
	while (n - j > 16) {
		unsigned spaces, stops = run_stops(simd_load(s + j), &spaces);
		unsigned next = (stops >> 1) | (run_class[(unsigned char)s[j + 16]] ? 0x8000u : 0);
		unsigned bad = (stops & ~spaces) | (spaces & next);
		if (bad)
			return j + simd_first(bad);
		j += 16;
	}
#endif
	for (;;) {
		while (j < n && run_class[(unsigned char)s[j]] == 0)
			j++;
		if (j + 1 < n && s[j] == ' ' && run_class[(unsigned char)s[j + 1]] == 0) {
			j += 2;
			continue;
		}
		return j;
	}
}

/* LaTeX left in the XML: "_{24}", "^{2+}", "_x". Returns the bytes consumed, 0
 * when s does not start a subscript or superscript. */
static size_t latex_script(jats_ctx *c, jats_out *o, const char *s, size_t n)
{
	litx_span_kind k = s[0] == '_' ? LITX_SPAN_SUB : LITX_SPAN_SUP;
	if (n >= 3 && s[1] == '{') {
		size_t j = 2;
		while (j < n && j < 2 + 48 && s[j] != '}' && s[j] != '{' && s[j] != '\n')
			j++;
		if (j >= n || s[j] != '}' || j == 2)
			return 0;
		long idx = open_script(c, o, k);
		emit(c, o, s + 2, j - 2);
		close_script(o, k, idx);
		return j + 1;
	}
	if (n >= 2 && is_alnum((unsigned char)s[1]) && o->tb.len > 0 &&
	    (n == 2 || !(is_alnum((unsigned char)s[2]) || s[2] == '_'))) {
		long idx = open_script(c, o, k);
		flush(c, o);
		tbuf_putc(&o->tb, s[1]);
		close_script(o, k, idx);
		return 2;
	}
	return 0;
}

static void emit_script_char(jats_ctx *c, jats_out *o, int kind, char a)
{
	if ((kind == LITX_SPAN_SUB && o->in_sub) || (kind == LITX_SPAN_SUP && o->in_sup)) {
		flush(c, o);
		tbuf_putc(&o->tb, a);
		return;
	}
	if (o->uni_kind == kind && o->uni_end == o->tb.len) {
		o->pending = 0; /* "Pt ₁ ₂" style gaps inside one run */
	} else {
		close_uni(o);
		o->pending = 0;
		o->uni_kind = kind;
		o->uni_start = o->tb.len;
	}
	if (o->need_mark)
		mark(c, o);
	tbuf_putc(&o->tb, a);
	o->uni_end = o->tb.len;
}

/* Append raw text (already decoded by libxml2) with normalization. */
static void emit(jats_ctx *c, jats_out *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			o->pending = 1;
			o->line++;
			o->need_mark = 1;
			i++;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r') {
			o->pending = 1;
			i++;
			continue;
		}
		if (ch == '\\' && !o->no_latex && i + 1 < n && s[i + 1] &&
		    strchr("%&#$_", s[i + 1])) {
			/* a LaTeX escape left in the XML: "90\%" */
			flush(c, o);
			tbuf_putc(&o->tb, s[i + 1]);
			i += 2;
			continue;
		}
		if (ch < 0x80) {
			if ((ch == '_' || ch == '^') && !o->no_latex) {
				size_t k = latex_script(c, o, s + i, n - i);
				if (k) {
					i += k;
					continue;
				}
			}
			/* The run goes on over single spaces between plain characters: each
			 * would set `pending` and the next word's flush would write one space
			 * after a non-space, which is the space itself. So a line of words is
			 * one put, not two calls per word. */
			size_t j = run_end(s, i + 1, n);
			flush(c, o);
			tbuf_put(&o->tb, s + i, j - i);
			i = j;
			continue;
		}
		size_t k;
		uint32_t cp = unichar_decode((const unsigned char *)s + i, n - i, &k);
		if (!k) { /* libxml2 hands out valid UTF-8; be safe anyway */
			i++;
			continue;
		}
		char a;
		int kind;
		if (unichar_is_space(cp)) {
			o->pending = 1;
		} else if (unichar_is_dropped(cp)) {
			/* nothing */
		} else if (cp == 0x2212 && (o->in_sub || o->in_sup)) {
			flush(c, o);
			tbuf_putc(&o->tb, '-');
		} else if ((kind = unichar_script(cp, &a))) {
			emit_script_char(c, o, kind, a);
		} else {
			flush(c, o);
			tbuf_put(&o->tb, s + i, k);
		}
		i += k;
	}
}

static void text_node(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	const char *s = (const char *)n->content;
	if (!s || !*s)
		return;
	size_t len = strlen(s);
	uint32_t end = jats_line(n);
	if (end) {
		uint32_t nl = 0;
		for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))); p++)
			nl++;
		uint32_t start = end > nl ? end - nl : 1;
		if (start != o->marked_line) {
			o->line = start;
			o->need_mark = 1;
		} else {
			o->line = start;
		}
	}
	emit(c, o, s, len);
}

/* An entity reference left by a parse that substitutes nothing: a short internal
 * entity gives its text, an undeclared HTML name (&nbsp;) its character. */
static void entity_ref(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	const xmlEntity *e = (const xmlEntity *)n->children;
	if (e && e->type == XML_ENTITY_DECL && e->etype == XML_INTERNAL_GENERAL_ENTITY &&
	    e->content) {
		const char *v = (const char *)e->content;
		size_t l = strlen(v);
		if (l > 256 || memchr(v, '<', l) || memchr(v, '&', l))
			return;
		if (c->entity_bytes + l > LITX_MAX_ENTITY_BYTES) {
			if (!c->over_limit) {
				uint32_t line = jats_line(n);
				litx_err_set(c->err, line, "internal entities expand to more than %zu bytes "
					     "at line %u (refused)", LITX_MAX_ENTITY_BYTES, line);
				c->over_limit = 1;
			}
			return;
		}
		c->entity_bytes += l;
		emit(c, o, v, l);
		return;
	}
	if (!n->name)
		return;
	const htmlEntityDesc *d = htmlEntityLookup(n->name);
	if (d) {
		char u[4];
		size_t k = unichar_encode(d->value, u);
		emit(c, o, u, k);
	}
}

/* ---- citations ---------------------------------------------------------- */

static int is_bibr(const xmlNode *x)
{
	const char *t = jats_attr(x, "ref-type");
	return t && strcmp(t, "bibr") == 0;
}

static int is_blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

/* The one element child of p, when everything else in p is white space. */
static const xmlNode *sole_child(const xmlNode *p)
{
	const xmlNode *one = NULL;
	for (const xmlNode *k = p->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			if (one)
				return NULL;
			one = k;
		} else if (k->type == XML_TEXT_NODE) {
			if (!is_blank((const char *)k->content))
				return NULL;
		}
	}
	return one;
}

/* A text node holding one dash (hyphen, en/em dash, minus), maybe spaced. */
static int is_dash_text(const xmlNode *t)
{
	if (!t || t->type != XML_TEXT_NODE || !t->content)
		return 0;
	const char *s = (const char *)t->content;
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	size_t k = 0;
	if (*s == '-')
		k = 1;
	else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
		 (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x94)
		k = 3;
	else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
		 (unsigned char)s[2] == 0x92)
		k = 3;
	if (!k)
		return 0;
	return is_blank(s + k);
}

/* "<xref>1</xref>–<xref>5</xref>" (or each in its own <sup>): the second xref. */
static const xmlNode *range_partner(const xmlNode *x)
{
	const xmlNode *u = x;
	if (x->parent && jats_tag(x->parent) == J_SUP && sole_child(x->parent) == x)
		u = x->parent;
	const xmlNode *s = u->next;
	if (!is_dash_text(s))
		return NULL;
	const xmlNode *v = s->next;
	if (!v || v->type != XML_ELEMENT_NODE)
		return NULL;
	if (jats_tag(v) == J_SUP)
		v = sole_child(v);
	if (v && jats_tag(v) == J_XREF && is_bibr(v))
		return v;
	return NULL;
}

/* First or last id of a rid list, as a ref index; -1 when unknown. */
static long rid_index(const jats_ctx *c, const char *rid, int last)
{
	if (!rid)
		return -1;
	const char *best = NULL;
	size_t best_n = 0;
	for (const char *p = rid; *p;) {
		const char *q = jats_rid_next(&p);
		if (q > p) {
			best = p;
			best_n = (size_t)(q - p);
			if (!last)
				break;
		}
		p = q;
	}
	return best ? jats_ref_index(c, best, best_n) : -1;
}

static void xref(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	if (!is_bibr(n)) {
		jats_inline_children(c, o, n);
		return;
	}
	if (n == o->range_end) {
		jats_inline_children(c, o, n);
		close_uni(o);
		tbuf_span_add(&o->tb, LITX_SPAN_CITE, o->range_start, o->tb.len, o->range_kind,
			      o->range_labels);
		o->range_end = NULL;
		return;
	}
	size_t start = o->tb.len;
	jats_inline_children(c, o, n);
	close_uni(o);
	litx_cite_kind kind = o->in_sup ? LITX_CITE_SUPERSCRIPT : LITX_CITE_XREF;
	const char *rid = jats_attr(n, "rid");
	const xmlNode *y = o->range_end ? NULL : range_partner(n);
	if (y) {
		long i = rid_index(c, rid, 0), j = rid_index(c, jats_attr(y, "rid"), 1);
		if (i >= 0 && j > i && j - i < JATS_MAX_RANGE &&
		    jats_cite_range(c, (size_t)i, (size_t)j, o->range_labels)) {
			o->range_end = y;
			o->range_start = start;
			o->range_kind = kind;
			return;
		}
	}
	const char *t = o->tb.s ? o->tb.s + start : "";
	if (jats_cite_labels(c, t, o->tb.len - start, rid, c->labels))
		tbuf_span_add(&o->tb, LITX_SPAN_CITE, start, o->tb.len, kind, c->labels);
}

/* ---- elements ------------------------------------------------------------ */

/* <alternatives>: MathML first, then TeX, then whatever comes first. */
static const xmlNode *pick_alternative(const xmlNode *n)
{
	const xmlNode *tex = NULL, *first = NULL;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		jtag t = jats_tag(k);
		if (t == J_M_MATH)
			return k;
		if (t == J_TEX_MATH && !tex)
			tex = k;
		if (!first && t != J_GRAPHIC && t != J_INLINE_GRAPHIC && t != J_MEDIA)
			first = k;
	}
	return tex ? tex : first;
}

/* <tex-math>: the formula between \begin{document} and \end{document} (PMC wraps
 * it in a whole LaTeX file), dollars dropped; sub/superscripts as in text. */
static void tex_math(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	xmlChar *all = xmlNodeGetContent((xmlNode *)n);
	if (!all)
		return;
	const char *s = (const char *)all, *e = s + strlen(s);
	const char *b = strstr(s, "\\begin{document}");
	if (b) {
		s = b + 16;
		const char *d = strstr(s, "\\end{document}");
		if (d)
			e = d;
	}
	const char *p = s;
	while (p < e) {
		const char *q = memchr(p, '$', (size_t)(e - p));
		const char *stop = q ? q : e;
		emit(c, o, p, (size_t)(stop - p));
		p = q ? q + 1 : e;
	}
	xmlFree(all);
}

/* MathML scripts: the base as is, then each script in its span. */
static void mml_scripts(jats_ctx *c, jats_out *o, const xmlNode *n, litx_span_kind k1,
			litx_span_kind k2)
{
	int i = 0;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (i == 0) {
			jats_inline(c, o, k);
		} else {
			litx_span_kind kind = i == 1 ? k1 : k2;
			long idx = open_script(c, o, kind);
			jats_inline(c, o, k);
			close_script(o, kind, idx);
		}
		i++;
	}
}

static void mml_frac(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	int i = 0;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (i++ == 1)
			jats_out_put(c, o, "/");
		jats_inline(c, o, k);
	}
}

static void mml_fenced(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	const char *open = jats_attr(n, "open"), *close = jats_attr(n, "close");
	const char *sep = jats_attr(n, "separators");
	flush(c, o);
	tbuf_puts(&o->tb, open ? open : "(");
	int i = 0;
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (i++ > 0) {
			char sp[2] = { sep ? sep[0] : ',', 0 };
			if (sp[0])
				jats_out_put(c, o, sp);
		}
		jats_inline(c, o, k);
	}
	jats_out_put(c, o, close ? close : ")");
}

static void boundary(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	o->pending = 1;
	jats_inline_children(c, o, n);
	o->pending = 1;
}

static void styled(jats_ctx *c, jats_out *o, const xmlNode *n, litx_span_kind k)
{
	close_uni(o);
	long idx = tbuf_span_open(&o->tb, k);
	jats_inline_children(c, o, n);
	close_uni(o);
	tbuf_span_close(&o->tb, idx);
}

void jats_inline_children(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		jats_inline(c, o, k);
}

void jats_inline(jats_ctx *c, jats_out *o, const xmlNode *n)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		text_node(c, o, n);
		return;
	case XML_ENTITY_REF_NODE:
		entity_ref(c, o, n);
		return;
	case XML_ELEMENT_NODE:
		break;
	default:
		return;
	}
	jtag t = jats_tag(n);
	long idx;
	switch (t) {
	case J_SUB:
	case J_SUP: {
		litx_span_kind k = t == J_SUB ? LITX_SPAN_SUB : LITX_SPAN_SUP;
		idx = open_script(c, o, k);
		jats_inline_children(c, o, n);
		close_script(o, k, idx);
		return;
	}
	case J_ITALIC:
		styled(c, o, n, LITX_SPAN_ITALIC);
		return;
	case J_BOLD:
		styled(c, o, n, LITX_SPAN_BOLD);
		return;
	case J_XREF:
		xref(c, o, n);
		return;
	case J_NAME:
	case J_STRING_NAME: /* "<surname>Peters</surname><given-names>K. E.</given-names>" */
		for (const xmlNode *k = n->children; k; k = k->next) {
			if (k->type == XML_ELEMENT_NODE && k != n->children)
				o->pending = 1;
			jats_inline(c, o, k);
		}
		return;
	case J_BREAK:
		o->pending = 1;
		return;
	case J_INLINE_FORMULA:
		styled(c, o, n, LITX_SPAN_FORMULA);
		return;
	case J_DISP_FORMULA:
		o->pending = 1;
		styled(c, o, n, LITX_SPAN_FORMULA);
		o->pending = 1;
		return;
	case J_P: case J_TITLE: case J_CAPTION: case J_LABEL: case J_LIST_ITEM:
	case J_DEF_ITEM: case J_DEF: case J_TD: case J_TH: case J_TR: case J_ATTRIB:
		boundary(c, o, n);
		return;
	case J_GRAPHIC: case J_INLINE_GRAPHIC: case J_MEDIA: case J_OBJECT_ID: case J_HR:
	case J_COL: case J_COLGROUP: case J_REF_LIST: case J_M_ANNOTATION:
	case J_M_ANNOTATION_XML:
		return;
	case J_FIG: case J_FIG_GROUP: case J_TABLE_WRAP: case J_TABLE_WRAP_GROUP:
	case J_BOXED_TEXT: case J_SUPPLEMENTARY: case J_SEC:
		if (o->defer_blocks)
			o->saw_blocks = 1;
		return;
	case J_LIST: case J_DEF_LIST: case J_DISP_QUOTE: case J_STATEMENT: case J_FN:
		if (o->defer_blocks) {
			o->saw_blocks = 1;
			return;
		}
		boundary(c, o, n);
		return;
	case J_EXT_LINK: case J_URI: case J_EMAIL: case J_SELF_URI: case J_PUB_ID:
		o->no_latex++;
		jats_inline_children(c, o, n);
		o->no_latex--;
		return;
	case J_ALTERNATIVES: {
		const xmlNode *k = pick_alternative(n);
		if (k)
			jats_inline(c, o, k);
		return;
	}
	case J_TEX_MATH:
		tex_math(c, o, n);
		return;
	case J_M_MSUB:
		mml_scripts(c, o, n, LITX_SPAN_SUB, LITX_SPAN_SUB);
		return;
	case J_M_MSUP:
		mml_scripts(c, o, n, LITX_SPAN_SUP, LITX_SPAN_SUP);
		return;
	case J_M_MSUBSUP:
		mml_scripts(c, o, n, LITX_SPAN_SUB, LITX_SPAN_SUP);
		return;
	case J_M_MFRAC:
		mml_frac(c, o, n);
		return;
	case J_M_MSQRT:
	case J_M_MROOT:
		flush(c, o);
		tbuf_puts(&o->tb, "\xE2\x88\x9A"); /* √ */
		jats_inline_children(c, o, n);
		return;
	case J_M_MFENCED:
		mml_fenced(c, o, n);
		return;
	case J_M_MSPACE:
		o->pending = 1;
		return;
	default:
		jats_inline_children(c, o, n);
		return;
	}
}

int jats_out_finish(jats_ctx *c, jats_out *o, litx_text *t)
{
	close_uni(o);
	o->range_end = NULL;
	script_squeeze(&o->tb, &c->sc);
	int r = tbuf_finish(&o->tb, c->b->a, t);
	jats_out_reset(o);
	if (r)
		c->oom = 1;
	return r;
}

/* A text that emit() copies as it is: single spaces inside, every other byte one
 * run_class copies (so not white space, a LaTeX script or escape, or non-ASCII)
 * and printable (control bytes are emit()'s to judge). */
static int copied_as_is(const char *s, size_t *len)
{
	size_t i = 0;
	for (; s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ') {
			if (i == 0 || s[i + 1] == ' ' || !s[i + 1])
				return 0;
		} else if (run_class[ch] || ch < 0x21 || ch == 0x7F) {
			return 0;
		}
	}
	*len = i;
	return i > 0;
}

const char *jats_plain_text(const xmlNode *n, size_t *len)
{
	const xmlNode *k = n->children;
	if (k && !k->next && k->type == XML_TEXT_NODE && k->content &&
	    copied_as_is((const char *)k->content, len))
		return (const char *)k->content;
	return NULL;
}

char *jats_plain(jats_ctx *c, const xmlNode *n)
{
	/* a field that is one plain text node (a year, a page, most names): what the
	 * walk below would give is the text itself (no span, so nothing to squeeze) */
	size_t len;
	const char *plain = jats_plain_text(n, &len);
	if (plain)
		return docb_strndup(c->b, plain, len);
	jats_out *o = &c->fld;
	jats_out_begin(c, o, n);
	jats_inline_children(c, o, n);
	close_uni(o);
	script_squeeze(&o->tb, &c->sc);
	char *r = NULL;
	if (o->tb.failed)
		c->oom = 1;
	else if (o->tb.len)
		r = docb_strndup(c->b, o->tb.s, o->tb.len);
	jats_out_reset(o);
	return r;
}
