/* test_read_jats.c - the JATS reader on small articles, one feature at a time:
 * metadata, inline spans and their white space, MathML, citation callouts (ranges,
 * dash-joined xrefs, author-year), tables (spans, header rows, foot, hostile
 * sizes), references (element- and mixed-citation fields, labels), sections,
 * captions, positions, and the errors: malformed XML, depth, a non-article root. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "readers.h"

static litx_doc *rd_err(const char *xml, litx_err *err)
{
	docb *b = docb_new("t.xml", LITX_FORMAT_JATS);
	assert_non_null(b);
	*err = (litx_err){ "", 0 };
	if (litx_read_jats(b, xml, strlen(xml), err) || docb_finish(b)) {
		litx_doc_free(&b->doc);
		return NULL;
	}
	return &b->doc;
}

static litx_doc *rd(const char *xml)
{
	litx_err err;
	litx_doc *d = rd_err(xml, &err);
	if (!d)
		fail_msg("read failed: line %u: %s", err.line, err.msg);
	return d;
}

/* An article whose body is `body` and reference list `refs`. */
static litx_doc *art(const char *body, const char *refs)
{
	char *x = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&x, &n);
	assert_non_null(f);
	fprintf(f, "<?xml version=\"1.0\"?>\n<article xmlns:mml=\"http://www.w3.org/1998/Math/MathML\" "
		   "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<body>%s</body>\n<back><ref-list>%s"
		   "</ref-list></back></article>\n", body, refs ? refs : "");
	fclose(f);
	litx_doc *d = rd(x);
	free(x);
	return d;
}

static const char *refs6 =
	"<ref id=\"r1\"><label>1</label><mixed-citation>A</mixed-citation></ref>"
	"<ref id=\"r2\"><label>2</label><mixed-citation>B</mixed-citation></ref>"
	"<ref id=\"r3\"><label>3</label><mixed-citation>C</mixed-citation></ref>"
	"<ref id=\"r4\"><label>4</label><mixed-citation>D</mixed-citation></ref>"
	"<ref id=\"r5\"><label>5</label><mixed-citation>E</mixed-citation></ref>"
	"<ref id=\"r6\"><label>6</label><mixed-citation><person-group><name><surname>Smith"
	"</surname><given-names>J</given-names></name></person-group> (<year>2019</year>)"
	"</mixed-citation></ref>";

/* The n-th span of kind k of t, NULL when there is none. */
static const litx_span *span(const litx_text *t, litx_span_kind k, int nth)
{
	for (size_t i = 0; i < t->n_spans; i++)
		if (t->spans[i].kind == k && nth-- == 0)
			return &t->spans[i];
	return NULL;
}

static void assert_span(const litx_text *t, litx_span_kind k, int nth, const char *text)
{
	const litx_span *s = span(t, k, nth);
	if (!s)
		fail_msg("no span %d of kind %d in \"%s\"", nth, (int)k, t->s);
	char buf[256];
	size_t n = s->end - s->start;
	assert_true(n < sizeof buf);
	memcpy(buf, t->s + s->start, n);
	buf[n] = '\0';
	assert_string_equal(buf, text);
}

static const litx_text *para(const litx_doc *d, size_t i)
{
	assert_true(i < d->n_blocks);
	return &d->blocks[i].text;
}

static void test_meta(void **state)
{
	(void)state;
	litx_doc *d = rd("<article><front><journal-meta><journal-title-group><journal-title>Chem. "
			 "Sci.</journal-title></journal-title-group></journal-meta><article-meta>"
			 "<article-id pub-id-type=\"pmid\">1</article-id><article-id pub-id-type=\"doi\">"
			 "10.1039/x</article-id><title-group><article-title>Au<sub>25</sub> <italic>"
			 "clusters</italic></article-title></title-group><pub-date pub-type=\"collection\">"
			 "<year>2020</year></pub-date><pub-date pub-type=\"ppub\"><year>2021</year>"
			 "</pub-date><pub-date pub-type=\"epub\"><year>2022</year></pub-date><abstract>"
			 "<p>We made it.</p></abstract></article-meta></front><body><p>x</p></body>"
			 "</article>");
	assert_string_equal(d->meta.title, "Au25 clusters");
	assert_string_equal(d->meta.doi, "10.1039/x");
	assert_string_equal(d->meta.journal, "Chem. Sci.");
	assert_string_equal(d->meta.year, "2022");
	assert_int_equal(d->blocks[0].kind, LITX_BLOCK_ABSTRACT);
	assert_string_equal(d->blocks[0].text.s, "We made it.");
	assert_int_equal(d->blocks[1].kind, LITX_BLOCK_PARAGRAPH);
	litx_doc_free(d);
}

static void test_inline_spans(void **state)
{
	(void)state;
	litx_doc *d = art("<p>  Pt<sub>1</sub>Au<sub>24</sub> and SO<sub>4</sub><sup>2\xE2\x88\x92"
			  "</sup> by <italic>et al. </italic> in <bold>48</bold>\n  h.</p>", NULL);
	const litx_text *t = para(d, 0);
	assert_string_equal(t->s, "Pt1Au24 and SO42- by et al. in 48 h.");
	assert_span(t, LITX_SPAN_SUB, 0, "1");
	assert_span(t, LITX_SPAN_SUB, 1, "24");
	assert_span(t, LITX_SPAN_SUB, 2, "4");
	assert_span(t, LITX_SPAN_SUP, 0, "2-");
	assert_span(t, LITX_SPAN_ITALIC, 0, "et al.");
	assert_span(t, LITX_SPAN_BOLD, 0, "48");
	litx_doc_free(d);
}

/* White space around sub/superscripts, as the text reader gives it. */
static void test_script_spacing(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "Au<sub>4</sub> Pd<sub>2</sub> (SR)<sub>8</sub> , SR", "Au4Pd2(SR)8 , SR" },
		{ "O<sub>2</sub> to H<sub>2</sub>O", "O2 to H2O" },
		{ "Au<sub>25</sub> NCs", "Au25 NCs" },
		{ "Au<sub>25</sub> (2019)", "Au25 (2019)" },
		{ "H<sub>2</sub> (see below)", "H2 (see below)" },
		{ "[(Audppy)<sub>3</sub> AgO](BF<sub>4</sub>)<sub>2</sub>", "[(Audppy)3AgO](BF4)2" },
		{ "cm <sup>\xE2\x88\x92" "2</sup> s", "cm-2 s" },
		{ "cm\xE2\x81\xBB\xC2\xB2 and Pt\xE2\x82\x81" "Au\xE2\x82\x82\xE2\x82\x84", "cm-2 and Pt1Au24" },
		{ "Au _{130-x} Ag _x (TBBT)<sub>55</sub>", "Au130-xAgx(TBBT)55" },
		{ "FE_{CO} at 10^{3}", "FECO at 103" },
		{ "<ext-link>http://a.org/x_y</ext-link>", "http://a.org/x_y" },
		{ "a&#xA0;b&#x200B;c", "a bc" },
		{ "FE of &gt;90\\% and 5\\$", "FE of >90% and 5$" },
		{ "<uri>http://a.org/\\%41</uri>", "http://a.org/\\%41" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char body[512];
		snprintf(body, sizeof body, "<p>%s</p>", cases[i].in);
		litx_doc *d = art(body, NULL);
		if (strcmp(para(d, 0)->s, cases[i].out) != 0)
			fail_msg("case %zu: \"%s\" gave \"%s\", want \"%s\"", i, cases[i].in,
				 para(d, 0)->s, cases[i].out);
		litx_doc_free(d);
	}
	litx_doc *d = art("<p>cm\xE2\x81\xBB\xC2\xB2 and Pt\xE2\x82\x81" "Au\xE2\x82\x82\xE2\x82\x84</p>", NULL);
	assert_span(para(d, 0), LITX_SPAN_SUP, 0, "-2");
	assert_span(para(d, 0), LITX_SPAN_SUB, 0, "1");
	assert_span(para(d, 0), LITX_SPAN_SUB, 1, "24");
	litx_doc_free(d);
}

static void test_mathml(void **state)
{
	(void)state;
	litx_doc *d = art("<p>gas <inline-formula><mml:math><mml:msub><mml:mi>H</mml:mi><mml:mn>2"
			  "</mml:mn></mml:msub></mml:math></inline-formula> and <inline-formula>"
			  "<alternatives><tex-math>\\documentclass{x}\\begin{document}$x$\\end{document}"
			  "</tex-math><mml:math><mml:msup><mml:mi>e</mml:mi><mml:mrow><mml:mo>\xE2\x88\x92"
			  "</mml:mo><mml:mn>1</mml:mn></mml:mrow></mml:msup><mml:annotation>TeX"
			  "</mml:annotation></mml:math></alternatives></inline-formula>.</p>", NULL);
	const litx_text *t = para(d, 0);
	assert_string_equal(t->s, "gas H2 and e-1.");
	assert_span(t, LITX_SPAN_FORMULA, 0, "H2");
	assert_span(t, LITX_SPAN_FORMULA, 1, "e-1");
	assert_span(t, LITX_SPAN_SUB, 0, "2");
	assert_span(t, LITX_SPAN_SUP, 0, "-1");
	litx_doc_free(d);
}

static void assert_cite(const litx_text *t, int nth, const char *text, const char *labels,
			litx_cite_kind kind)
{
	assert_span(t, LITX_SPAN_CITE, nth, text);
	const litx_span *s = span(t, LITX_SPAN_CITE, nth);
	assert_string_equal(s->labels, labels);
	assert_int_equal(s->cite, kind);
}

static void test_xref(void **state)
{
	(void)state;
	litx_doc *d = art(
		"<p>One.<sup><xref ref-type=\"bibr\" rid=\"r1\">1\xE2\x80\x93" "3</xref></sup> "
		"Two [<xref ref-type=\"bibr\" rid=\"r2 r4\">2,4</xref>]. "
		"Three [<xref ref-type=\"bibr\" rid=\"r1\">1</xref>\xE2\x80\x93<xref ref-type=\"bibr\" "
		"rid=\"r5\">5</xref>]. Four (<xref ref-type=\"bibr\" rid=\"r6\">Smith et al., 2019"
		"</xref>; <xref ref-type=\"bibr\" rid=\"r3\">2019</xref>). Five <sup><xref "
		"ref-type=\"bibr\" rid=\"r2\">2</xref></sup>-<sup><xref ref-type=\"bibr\" rid=\"r4\">4"
		"</xref></sup>. <xref ref-type=\"fig\" rid=\"f1\">Fig. 1</xref>, "
		"<xref ref-type=\"bibr\" rid=\"nowhere\">x</xref>.</p>", refs6);
	const litx_text *t = para(d, 0);
	assert_cite(t, 0, "1\xE2\x80\x93" "3", "1;2;3", LITX_CITE_SUPERSCRIPT);
	assert_cite(t, 1, "2,4", "2;4", LITX_CITE_XREF);
	assert_cite(t, 2, "1\xE2\x80\x93" "5", "1;2;3;4;5", LITX_CITE_XREF);
	assert_cite(t, 3, "Smith et al., 2019", "6", LITX_CITE_XREF);
	assert_cite(t, 4, "2019", "3", LITX_CITE_XREF);
	assert_cite(t, 5, "2-4", "2;3;4", LITX_CITE_SUPERSCRIPT);
	assert_null(span(t, LITX_SPAN_CITE, 6)); /* fig xrefs and dangling rids give none */
	assert_non_null(strstr(t->s, "Fig. 1, x."));
	litx_doc_free(d);
}

/* Supplementary material whose caption sits inside <media> still gives a caption
 * block, with its callouts. */
static void test_supplementary_caption(void **state)
{
	(void)state;
	litx_doc *d = art("<sec><title>S</title><supplementary-material><media><caption><p>Data from "
			  "Ref. [<xref ref-type=\"bibr\" rid=\"r2\">2</xref>].</p></caption></media>"
			  "</supplementary-material></sec>", refs6);
	size_t n = 0;
	for (size_t i = 0; i < d->n_blocks; i++)
		if (d->blocks[i].kind == LITX_BLOCK_CAPTION) {
			n++;
			assert_non_null(strstr(d->blocks[i].text.s, "Data from"));
			assert_cite(&d->blocks[i].text, 0, "2", "2", LITX_CITE_XREF);
		}
	assert_int_equal(n, 1);
	litx_doc_free(d);
}

/* Without printed labels, a dash range runs over ref-list positions. */
static void test_xref_positions(void **state)
{
	(void)state;
	litx_doc *d = art("<p>See <xref ref-type=\"bibr\" rid=\"a\">Ann</xref>-<xref ref-type=\"bibr\" "
			  "rid=\"c\">Cy</xref>.</p>",
			  "<ref id=\"a\"><mixed-citation>x</mixed-citation></ref>"
			  "<ref id=\"b\"><mixed-citation>y</mixed-citation></ref>"
			  "<ref id=\"c\"><mixed-citation>z</mixed-citation></ref>");
	assert_cite(para(d, 0), 0, "Ann-Cy", "1;2;3", LITX_CITE_XREF);
	assert_int_equal(d->refs[1].label_printed, 0);
	assert_string_equal(d->refs[1].label, "2");
	litx_doc_free(d);
}

static const char *cell(const litx_table *t, int head, size_t r, size_t c)
{
	size_t rows = head ? t->n_head : t->n_rows;
	if (r >= rows || c >= t->n_cols)
		fail_msg("cell %zu,%zu outside %zux%zu", r, c, rows, t->n_cols);
	const litx_text *x = head ? &t->head[r * t->n_cols + c] : &t->cells[r * t->n_cols + c];
	assert_non_null(x->anchors);
	return x->s;
}

static void test_table_spans(void **state)
{
	(void)state;
	litx_doc *d = art(
		"<sec><title>Results</title><table-wrap id=\"t1\"><label>Table 1</label><caption><title>"
		"Summary</title><p>of Au<sub>25</sub></p></caption><table><thead><tr><th rowspan=\"2\">"
		"Series</th><th colspan=\"2\">Doping</th><th rowspan=\"2\">Ref.</th></tr><tr><th>type"
		"</th><th>number</th></tr></thead><tbody><tr><td rowspan=\"3\">M<sub>2</sub> series</td>"
		"<td>Ag</td><td>1</td><td><xref ref-type=\"bibr\" rid=\"r5\">5</xref></td></tr><tr><td>Cu"
		"</td><td>2</td><td>6</td></tr><tr><td>Pd</td></tr><tr><td>lone</td><td colspan=\"3\">"
		"wide</td></tr></tbody></table><table-wrap-foot><fn id=\"n1\"><p>a Note one.</p></fn>"
		"<p>Note two.</p><table><tr><th>dppy</th><td>C<sub>17</sub>H<sub>14</sub>NP</td></tr>"
		"</table></table-wrap-foot></table-wrap></sec>", refs6);
	assert_int_equal(d->n_tables, 1);
	const litx_table *t = &d->tables[0];
	assert_string_equal(t->label, "Table 1");
	assert_string_equal(t->caption.s, "Summary of Au25");
	assert_int_equal(t->section, 0);
	assert_int_equal(t->n_cols, 4);
	assert_int_equal(t->n_head, 2);
	assert_int_equal(t->n_rows, 4);
	assert_string_equal(cell(t, 1, 0, 1), "Doping");
	assert_string_equal(cell(t, 1, 0, 2), "Doping");
	assert_string_equal(cell(t, 1, 1, 0), "Series");
	assert_string_equal(cell(t, 1, 1, 1), "type");
	assert_string_equal(cell(t, 1, 1, 3), "Ref.");
	for (size_t r = 0; r < 3; r++)
		assert_string_equal(cell(t, 0, r, 0), "M2 series");
	assert_string_equal(cell(t, 0, 2, 1), "Pd");
	assert_string_equal(cell(t, 0, 2, 2), ""); /* a short row */
	assert_string_equal(cell(t, 0, 3, 3), "wide");
	assert_cite(&t->cells[0 * t->n_cols + 3], 0, "5", "5", LITX_CITE_XREF);
	assert_span(&t->cells[0], LITX_SPAN_SUB, 0, "2");
	assert_int_equal(t->n_foot, 3);
	assert_string_equal(t->foot[0].s, "a Note one.");
	assert_string_equal(t->foot[1].s, "Note two.");
	assert_string_equal(t->foot[2].s, "dppy\tC17H14NP");
	litx_doc_free(d);
}

static void test_table_no_thead(void **state)
{
	(void)state;
	litx_doc *d = art("<table-wrap><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td>"
			  "</tr><tr><th>C</th><th>D</th></tr></table></table-wrap>"
			  "<table-wrap><table><tbody><tr><th>x</th></tr><tr><th>y</th></tr></tbody>"
			  "</table></table-wrap>", NULL);
	assert_int_equal(d->n_tables, 2);
	assert_int_equal(d->tables[0].n_head, 1);
	assert_int_equal(d->tables[0].n_rows, 2);
	assert_string_equal(cell(&d->tables[0], 0, 1, 0), "C");
	assert_int_equal(d->tables[1].n_head, 1); /* all <th>: only the first is a header */
	assert_int_equal(d->tables[1].n_rows, 1);
	litx_doc_free(d);
}

/* Odd and hostile tables: bounded, never a crash. */
static void test_table_hostile(void **state)
{
	(void)state;
	litx_doc *d = art("<table-wrap><table/></table-wrap>"
			  "<table-wrap><label>T2</label><graphic/></table-wrap>"
			  "<table-wrap><table><tbody><tr><td rowspan=\"0\">g</td><td>a</td></tr><tr>"
			  "<td>b</td></tr><tr><td>c</td></tr></tbody></table></table-wrap>"
			  "<table-wrap><table><tr><td colspan=\"99999999\" rowspan=\"99999999\">w</td>"
			  "</tr><tr><td>z</td></tr></table></table-wrap>"
			  "<table-wrap><table><tr><td colspan=\"-3\" rowspan=\"x\">q</td></tr></table>"
			  "<table-wrap-foot>Bare <italic>note</italic>.</table-wrap-foot></table-wrap>", NULL);
	assert_int_equal(d->n_tables, 5);
	assert_int_equal(d->tables[0].n_cols, 0);
	assert_int_equal(d->tables[0].n_rows, 0);
	assert_string_equal(d->tables[1].label, "T2");
	const litx_table *g = &d->tables[2];
	assert_int_equal(g->n_rows, 3);
	assert_string_equal(cell(g, 0, 2, 0), "g");
	assert_string_equal(cell(g, 0, 2, 1), "c");
	const litx_table *w = &d->tables[3];
	assert_int_equal(w->n_cols, 257); /* 256 columns of "w" (capped), carried down */
	assert_int_equal(w->n_rows, 2);
	assert_string_equal(cell(w, 0, 1, 255), "w");
	assert_string_equal(cell(w, 0, 1, 256), "z");
	assert_int_equal(d->tables[4].n_cols, 1);
	assert_int_equal(d->tables[4].n_foot, 1);
	assert_string_equal(d->tables[4].foot[0].s, "Bare note.");
	litx_doc_free(d);
}

/* A table inside a table cell or a paragraph is still read (one per table-wrap). */
static void test_table_nested(void **state)
{
	(void)state;
	litx_doc *d = art("<p>Before <table-wrap><table><tr><td>in p</td></tr></table></table-wrap> "
			  "after.</p><table-wrap><table><tr><td><table-wrap><table><tr><td>inner</td>"
			  "</tr></table></table-wrap></td></tr></table></table-wrap>", NULL);
	assert_int_equal(d->n_tables, 3);
	assert_string_equal(para(d, 0)->s, "Before after.");
	litx_doc_free(d);
}

static void test_element_citation(void **state)
{
	(void)state;
	litx_doc *d = art("<p>x</p>",
		"<ref id=\"B1\"><label>[12.]</label><element-citation publication-type=\"journal\">"
		"<person-group person-group-type=\"author\"><name><surname>Zhang</surname>"
		"<given-names>Wei</given-names></name><name><surname>Li</surname><given-names>G.-F."
		"</given-names></name><name><surname>Qiao</surname><given-names>SZ</given-names></name>"
		"<name><surname>Du</surname><given-names>Jean-Pierre</given-names></name><etal/>"
		"</person-group><person-group person-group-type=\"editor\"><name><surname>Ed</surname>"
		"</name></person-group><article-title>Gold <italic>clusters</italic></article-title>"
		"<source>Chem. Rev.</source><year>2017</year><volume>117</volume><issue>4</issue>"
		"<fpage>3717</fpage><lpage>3797</lpage><pub-id pub-id-type=\"doi\">10.1021/acs.x_1"
		"</pub-id></element-citation></ref>");
	assert_int_equal(d->n_refs, 1);
	const litx_ref *r = &d->refs[0];
	assert_string_equal(r->label, "12");
	assert_int_equal(r->label_printed, 1);
	assert_string_equal(r->id, "B1");
	assert_string_equal(r->authors, "Zhang, W.; Li, G.-F.; Qiao, S. Z.; Du, J.-P.");
	assert_string_equal(r->title, "Gold clusters");
	assert_string_equal(r->journal, "Chem. Rev.");
	assert_string_equal(r->year, "2017");
	assert_string_equal(r->volume, "117");
	assert_string_equal(r->issue, "4");
	assert_string_equal(r->pages, "3717\xE2\x80\x93" "3797");
	assert_string_equal(r->doi, "10.1021/acs.x_1");
	assert_non_null(strstr(r->raw.s, "Zhang Wei, Li G.-F., Qiao SZ, Du Jean-Pierre, et al. "));
	assert_non_null(strstr(r->raw.s, "Gold clusters. Chem. Rev. 2017. 117. 4. 3717\xE2\x80\x93" "3797."));
	assert_span(&r->raw, LITX_SPAN_ITALIC, 0, "clusters");
	litx_doc_free(d);
}

static void test_mixed_citation(void **state)
{
	(void)state;
	litx_doc *d = art("<p>x</p>",
		"<ref id=\"cit1\"><label>1</label><mixed-citation publication-type=\"journal\">"
		"<person-group person-group-type=\"author\"><name><given-names>W.</given-names> "
		"<surname>Zhang</surname></name>, <name><given-names>L. Y. S.</given-names> "
		"<surname>Lee</surname></name></person-group>, <source>Chem. Rev.</source>, <year>2017"
		"</year>, <volume>117</volume>, <fpage>3717</fpage>\xE2\x80\x93<lpage>3797</lpage>, "
		"<ext-link ext-link-type=\"doi\" xlink:href=\"https://doi.org/10.1/ab\">doi:10.1/ab"
		"</ext-link></mixed-citation></ref>"
		"<ref id=\"cit2\"><mixed-citation><string-name><surname>Peters</surname><given-names>"
		"K. E.</given-names></string-name> &amp; <collab>WHO</collab>. Book (1993).</mixed-citation>"
		"</ref>"
		"<ref id=\"cit3\"><label>3</label><mixed-citation>Plain text only, 2001.</mixed-citation>"
		"</ref>");
	assert_int_equal(d->n_refs, 3);
	const litx_ref *r = &d->refs[0];
	assert_string_equal(r->raw.s, "W. Zhang, L. Y. S. Lee, Chem. Rev., 2017, 117, 3717\xE2\x80\x93"
			    "3797, doi:10.1/ab");
	assert_string_equal(r->authors, "Zhang, W.; Lee, L. Y. S.");
	assert_null(r->title);
	assert_string_equal(r->journal, "Chem. Rev.");
	assert_string_equal(r->pages, "3717\xE2\x80\x93" "3797");
	assert_string_equal(r->doi, "10.1/ab");
	r = &d->refs[1];
	assert_string_equal(r->label, "2");
	assert_int_equal(r->label_printed, 0);
	assert_string_equal(r->raw.s, "Peters K. E. & WHO. Book (1993).");
	assert_string_equal(r->authors, "Peters, K. E.; WHO");
	r = &d->refs[2];
	assert_string_equal(r->label, "3");
	assert_null(r->authors);
	assert_null(r->year);
	litx_doc_free(d);
}

static void test_sections(void **state)
{
	(void)state;
	litx_doc *d = art("<sec><title>Intro</title><p>a</p><sec><title>Sub</title><p>b</p></sec>"
			  "<p>c</p></sec><sec><title>Next</title><fig id=\"f1\"><label>Fig. 2</label>"
			  "<caption><title>Cap.</title><p>Body <italic>x</italic>.</p></caption><graphic/>"
			  "</fig></sec>", NULL);
	assert_int_equal(d->n_sections, 3);
	assert_string_equal(d->sections[0].number, "1");
	assert_string_equal(d->sections[1].number, "1.1");
	assert_int_equal(d->sections[1].level, 2);
	assert_string_equal(d->sections[2].number, "2");
	assert_int_equal(d->blocks[2].section, 0); /* "c" is back in section 1 */
	const litx_block *cap = &d->blocks[3];
	assert_int_equal(cap->kind, LITX_BLOCK_CAPTION);
	assert_string_equal(cap->label, "Fig. 2");
	assert_string_equal(cap->text.s, "Cap. Body x.");
	assert_int_equal(cap->section, 2);
	litx_doc_free(d);

	/* printed numbers: from <label> or the title; unlabelled ones stay unnumbered */
	d = art("<sec><label>2.</label><title>Methods</title><sec><title>2.1. Synthesis</title>"
		"<p>x</p></sec></sec><sec><title>Notes</title></sec>", NULL);
	assert_string_equal(d->sections[0].number, "2");
	assert_string_equal(d->sections[1].number, "2.1");
	assert_string_equal(d->sections[1].title, "Synthesis");
	assert_string_equal(d->sections[2].number, "");
	litx_doc_free(d);
}

static void test_positions(void **state)
{
	(void)state;
	const char *x = "<?xml version=\"1.0\"?>\n<article>\n<body>\n<p>first line\nsecond "
			"<italic>line</italic></p>\n</body>\n</article>\n";
	litx_doc *d = rd(x);
	const litx_text *t = para(d, 0);
	uint32_t line;
	size_t off;
	litx_text_locate(t, 0, &line, &off);
	assert_int_equal(line, 4);
	assert_int_equal(off, (size_t)(strstr(x, "<p>") - x));
	litx_text_locate(t, (size_t)(strstr(t->s, "second") - t->s), &line, &off);
	assert_int_equal(line, 5);
	assert_int_equal(off, (size_t)(strstr(x, "second") - x));
	litx_doc_free(d);
}

static void test_entities(void **state)
{
	(void)state;
	/* with an external DTD (not loaded) HTML entities are mapped by name */
	litx_doc *d = rd("<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" \"jats.dtd\" [<!ENTITY au "
			 "\"gold\">]>\n<article><body><p>&au; &nbsp;&ndash; &amp; &#x3bb; &bogus;x"
			 "</p></body></article>");
	assert_string_equal(para(d, 0)->s, "gold \xE2\x80\x93 & \xCE\xBB x");
	litx_doc_free(d);
	/* without one, an undeclared entity is a well-formedness error */
	litx_err err;
	assert_null(rd_err("<article><body><p>&nbsp;</p></body></article>", &err));
	assert_non_null(strstr(err.msg, "nbsp"));
}

/* The tree the reader builds itself (jats_tree.c) has libxml2's shape: character
 * data split by the parser (references, non-ASCII runs, comments and processing
 * instructions in between) is one text, lines past 65535 stay exact, and a
 * document read after a failed one is read whole. */
static void test_tree_shape(void **state)
{
	(void)state;
	litx_doc *d = art("<p>x<!-- c -->y <?pi z?>z a&#38;b &#x3bb;</p>", NULL);
	assert_string_equal(para(d, 0)->s, "xy z a&b \xCE\xBB");
	litx_doc_free(d);

	/* 3000 "é " in one text node: the parser hands it over in many pieces */
	size_t n = 3000;
	char *x = malloc(n * 3 + 200), *p = x;
	assert_non_null(x);
	p += sprintf(p, "<article><body><p>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "\xC3\xA9 ");
	sprintf(p, "</p></body></article>");
	litx_err err;
	assert_null(rd_err("<article><body><p>x</b></body></article>", &err));
	d = rd(x);
	assert_int_equal(para(d, 0)->len, n * 3 - 1);
	litx_doc_free(d);
	free(x);

	size_t lines = 70000;
	x = malloc(lines + 200);
	assert_non_null(x);
	p = x + sprintf(x, "<article><body>");
	memset(p, '\n', lines);
	sprintf(p + lines, "<p>late\ntext</p></body></article>");
	d = rd(x);
	uint32_t line;
	size_t off;
	const litx_text *t = para(d, 0);
	litx_text_locate(t, (size_t)(strstr(t->s, "text") - t->s), &line, &off);
	assert_int_equal(line, lines + 2);
	assert_int_equal(off, (size_t)(strstr(x, "text") - x));
	litx_doc_free(d);
	free(x);
}

static void test_errors(void **state)
{
	(void)state;
	litx_err err;
	assert_null(rd_err("<article>\n<body>\n<p>x</b>\n</body></article>", &err));
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "line 3"));
	assert_non_null(strstr(err.msg, "malformed XML"));

	assert_null(rd_err("<html><body/></html>", &err));
	assert_non_null(strstr(err.msg, "not <article>"));

	assert_null(rd_err("<article><body><p>unclosed", &err));
	assert_non_null(strstr(err.msg, "malformed XML"));

	/* deeper than LITX_MAX_XML_DEPTH */
	size_t depth = LITX_MAX_XML_DEPTH + 10;
	char *deep = malloc(depth * 11 + 64);
	assert_non_null(deep);
	char *p = deep + sprintf(deep, "<article>");
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "<sec>");
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "</sec>");
	sprintf(p, "</article>");
	assert_null(rd_err(deep, &err));
	assert_non_null(strstr(err.msg, "deeper"));
	free(deep);

	/* just under the limit loads */
	deep = malloc(300 * 11 + 64);
	assert_non_null(deep);
	p = deep + sprintf(deep, "<article><body>");
	for (size_t i = 0; i < 200; i++)
		p += sprintf(p, "<sec>");
	p += sprintf(p, "<p>deep</p>");
	for (size_t i = 0; i < 200; i++)
		p += sprintf(p, "</sec>");
	sprintf(p, "</body></article>");
	litx_doc *d = rd(deep);
	assert_int_equal(d->n_sections, 200);
	litx_doc_free(d);
	free(deep);

	/* no network, no external entities */
	d = rd("<!DOCTYPE article SYSTEM \"http://127.0.0.1:9/x.dtd\" [<!ENTITY ext SYSTEM "
	       "\"file:///etc/passwd\">]><article><body><p>a&ext;b</p></body></article>");
	assert_string_equal(para(d, 0)->s, "ab");
	litx_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_inline_spans),
		cmocka_unit_test(test_script_spacing),
		cmocka_unit_test(test_mathml),
		cmocka_unit_test(test_xref),
		cmocka_unit_test(test_supplementary_caption),
		cmocka_unit_test(test_xref_positions),
		cmocka_unit_test(test_table_spans),
		cmocka_unit_test(test_table_no_thead),
		cmocka_unit_test(test_table_hostile),
		cmocka_unit_test(test_table_nested),
		cmocka_unit_test(test_element_citation),
		cmocka_unit_test(test_mixed_citation),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_tree_shape),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
