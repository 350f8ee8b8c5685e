/* jats_tags.c - element name -> tag. Done once per element in pass 1 (the tag is
 * cached in the node), so a sorted table and a binary search are plenty. JATS
 * elements are matched by local name whatever their namespace, the way an XPath
 * local-name() count sees them; MathML ones by namespace or the mml: prefix. */
#include "jats.h"
#include <stdlib.h>
#include <string.h>

typedef struct { const char *name; jtag tag; } entry;

/* Sorted by name (strcmp order). */
static const entry jats_names[] = {
	{ "abbrev-journal-title", J_ABBREV_JOURNAL_TITLE }, { "abstract", J_ABSTRACT },
	{ "ack", J_ACK }, { "alternatives", J_ALTERNATIVES }, { "app", J_APP },
	{ "app-group", J_APP_GROUP }, { "article", J_ARTICLE }, { "article-id", J_ARTICLE_ID },
	{ "article-meta", J_ARTICLE_META }, { "article-title", J_ARTICLE_TITLE },
	{ "attrib", J_ATTRIB }, { "back", J_BACK }, { "body", J_BODY }, { "bold", J_BOLD },
	{ "boxed-text", J_BOXED_TEXT }, { "break", J_BREAK }, { "caption", J_CAPTION },
	{ "chapter-title", J_CHAPTER_TITLE }, { "citation", J_CITATION },
	{ "citation-alternatives", J_CITATION_ALTERNATIVES }, { "col", J_COL },
	{ "colgroup", J_COLGROUP }, { "collab", J_COLLAB }, { "date", J_DATE },
	{ "def", J_DEF }, { "def-item", J_DEF_ITEM }, { "def-list", J_DEF_LIST },
	{ "disp-formula", J_DISP_FORMULA }, { "disp-quote", J_DISP_QUOTE },
	{ "element-citation", J_ELEMENT_CITATION }, { "elocation-id", J_ELOCATION_ID },
	{ "email", J_EMAIL }, { "etal", J_ETAL }, { "ext-link", J_EXT_LINK }, { "fig", J_FIG },
	{ "fig-group", J_FIG_GROUP }, { "floats-group", J_FLOATS_GROUP }, { "fn", J_FN },
	{ "fn-group", J_FN_GROUP }, { "fpage", J_FPAGE }, { "front", J_FRONT },
	{ "front-stub", J_FRONT_STUB }, { "given-names", J_GIVEN_NAMES },
	{ "glossary", J_GLOSSARY }, { "graphic", J_GRAPHIC }, { "hr", J_HR },
	{ "inline-formula", J_INLINE_FORMULA }, { "inline-graphic", J_INLINE_GRAPHIC },
	{ "issue", J_ISSUE }, { "italic", J_ITALIC }, { "journal-id", J_JOURNAL_ID },
	{ "journal-meta", J_JOURNAL_META }, { "journal-title", J_JOURNAL_TITLE },
	{ "label", J_LABEL }, { "list", J_LIST }, { "list-item", J_LIST_ITEM },
	{ "lpage", J_LPAGE }, { "media", J_MEDIA }, { "mixed-citation", J_MIXED_CITATION },
	{ "name", J_NAME }, { "nlm-citation", J_NLM_CITATION }, { "notes", J_NOTES },
	{ "object-id", J_OBJECT_ID }, { "p", J_P }, { "person-group", J_PERSON_GROUP },
	{ "pub-date", J_PUB_DATE }, { "pub-id", J_PUB_ID }, { "ref", J_REF },
	{ "ref-list", J_REF_LIST }, { "response", J_RESPONSE }, { "sec", J_SEC },
	{ "self-uri", J_SELF_URI }, { "source", J_SOURCE }, { "statement", J_STATEMENT },
	{ "string-name", J_STRING_NAME }, { "sub", J_SUB }, { "sub-article", J_SUB_ARTICLE },
	{ "suffix", J_SUFFIX }, { "sup", J_SUP },
	{ "supplementary-material", J_SUPPLEMENTARY }, { "surname", J_SURNAME },
	{ "table", J_TABLE }, { "table-wrap", J_TABLE_WRAP },
	{ "table-wrap-foot", J_TABLE_WRAP_FOOT }, { "table-wrap-group", J_TABLE_WRAP_GROUP },
	{ "tbody", J_TBODY }, { "td", J_TD }, { "tex-math", J_TEX_MATH }, { "tfoot", J_TFOOT },
	{ "th", J_TH }, { "thead", J_THEAD }, { "title", J_TITLE }, { "tr", J_TR },
	{ "trans-abstract", J_TRANS_ABSTRACT }, { "uri", J_URI }, { "volume", J_VOLUME },
	{ "xref", J_XREF }, { "year", J_YEAR },
};

static const entry mml_names[] = {
	{ "annotation", J_M_ANNOTATION }, { "annotation-xml", J_M_ANNOTATION_XML },
	{ "math", J_M_MATH }, { "mfenced", J_M_MFENCED }, { "mfrac", J_M_MFRAC },
	{ "mmultiscripts", J_M_MMULTISCRIPTS }, { "mover", J_M_MOVER }, { "mroot", J_M_MROOT },
	{ "mspace", J_M_MSPACE }, { "msqrt", J_M_MSQRT }, { "msub", J_M_MSUB },
	{ "msubsup", J_M_MSUBSUP }, { "msup", J_M_MSUP }, { "munder", J_M_MUNDER },
	{ "munderover", J_M_MUNDEROVER },
};

static int cmp(const void *k, const void *e)
{
	return strcmp(k, ((const entry *)e)->name);
}

static jtag lookup(const entry *t, size_t n, const char *name, jtag dflt)
{
	const entry *e = bsearch(name, t, n, sizeof *t, cmp);
	return e ? e->tag : dflt;
}

jtag jats_classify(const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return J_OTHER;
	const char *name = (const char *)n->name;
	int mathml = 0;
	if (n->ns) {
		if (n->ns->href && strcmp((const char *)n->ns->href,
					  "http://www.w3.org/1998/Math/MathML") == 0)
			mathml = 1;
		else if (n->ns->prefix && strcmp((const char *)n->ns->prefix, "mml") == 0)
			mathml = 1;
	}
	if (!mathml && strncmp(name, "mml:", 4) == 0) { /* prefix never declared */
		mathml = 1;
		name += 4;
	}
	if (mathml)
		return lookup(mml_names, sizeof mml_names / sizeof *mml_names, name, J_M_OTHER);
	return lookup(jats_names, sizeof jats_names / sizeof *jats_names, name, J_OTHER);
}
