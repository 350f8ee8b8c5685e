/* jats_tree.c - the reader's tree builder: libxml2's parser with SAX2 callbacks of
 * our own that build the same tree libxml2's would (xmlNode, xmlAttr, xmlNs), but
 * out of a pool of large blocks instead of one malloc per node, string and
 * attribute. Freeing a document is then resetting the pool, where xmlFreeDoc
 * would walk and free every node; the pool keeps its first blocks for the next
 * document of the thread.
 *
 * The callbacks follow libxml2's SAX2.c (2.9) step by step, so the tree has the
 * same shape: adjacent character data is one text node, comments, processing
 * instructions and entity references are nodes of their own, lines are stored
 * the way xmlGetLineNo reads them, namespaces are found with xmlSearchNs. Two
 * things are left out because the reader never reads them: the namespace of an
 * attribute and the registration of xml:id attributes in the document's table.
 *
 * The tree is not linked into the xmlDoc, which keeps only the DTD (entity
 * declarations): libxml2 frees the document, the pool frees the tree. Entity
 * bodies that libxml2 parses on a context of its own (to check an internal
 * entity the first time it is referenced) go to libxml2's own callbacks, since
 * those nodes end up in the DTD. */
#include "jats.h"
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pool --------------------------------------------------------------- */

#define POOL_CHUNK (64u * 1024u - 64u) /* below malloc's mmap threshold */
#define POOL_BIG   (POOL_CHUNK / 4)    /* larger requests get a block of their own */
#define POOL_KEEP  64u                 /* chunks kept for the next document: 4 MB */

struct jats_chunk {
	struct jats_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void *pool_big(jats_pool *p, size_t n)
{
	if (n > SIZE_MAX - sizeof(struct jats_chunk))
		return NULL;
	struct jats_chunk *c = malloc(sizeof *c + n);
	if (!c)
		return NULL;
	c->used = c->cap = n;
	c->next = p->big;
	p->big = c;
	return c->data;
}

/* The next chunk: one kept from an earlier document, or a new one. */
static void *pool_next(jats_pool *p, size_t n)
{
	struct jats_chunk *c = p->cur ? p->cur->next : p->head;
	if (!c) {
		c = malloc(sizeof *c + POOL_CHUNK);
		if (!c)
			return NULL;
		c->cap = POOL_CHUNK;
		c->next = NULL;
		if (p->cur)
			p->cur->next = c;
		else
			p->head = c;
	}
	c->used = n;
	p->cur = c;
	return c->data;
}

static void *pool_more(jats_pool *p, size_t n)
{
	return n > POOL_BIG ? pool_big(p, n) : pool_next(p, n);
}

/* n bytes aligned for any libxml2 struct, not zeroed; NULL when out of memory.
 * (Inline: it runs for every node, string and attribute.) */
static inline void *pool_alloc(jats_pool *p, size_t n)
{
	if (n > SIZE_MAX - 8)
		return NULL;
	n = round8(n);
	struct jats_chunk *c = p->cur;
	if (c && c->cap - c->used >= n) {
		void *r = c->data + c->used;
		c->used += n;
		return r;
	}
	return pool_more(p, n);
}

/* Room for `need` bytes at s, which holds `have` bytes in a block of *cap: in place
 * when s is the last allocation (the usual case: a text node grows while nothing
 * else is allocated), else a copy. Returns the (maybe moved) string or NULL. */
static char *pool_grow(jats_pool *p, char *s, size_t have, size_t *cap, size_t need)
{
	if (need <= *cap)
		return s;
	if (need > SIZE_MAX / 2)
		return NULL;
	struct jats_chunk *c = p->cur;
	size_t extra = round8(need) - *cap;
	if (c && (unsigned char *)s + *cap == c->data + c->used && c->cap - c->used >= extra) {
		c->used += extra;
		*cap += extra;
		return s;
	}
	if (p->big && (unsigned char *)s == p->big->data) {
		/* a big block of its own: realloc, with room to grow again */
		size_t nc = round8(need + need / 2);
		struct jats_chunk *b = realloc(p->big, sizeof *b + nc);
		if (!b)
			return NULL;
		b->used = b->cap = nc;
		p->big = b;
		*cap = nc;
		return (char *)b->data;
	}
	size_t nc = round8(need > POOL_BIG ? need + need / 2 : need);
	char *q = pool_alloc(p, nc);
	if (!q)
		return NULL;
	if (have)
		memcpy(q, s, have);
	*cap = nc;
	return q;
}

static void free_list(struct jats_chunk *c)
{
	while (c) {
		struct jats_chunk *n = c->next;
		free(c);
		c = n;
	}
}

/* Everything allocated is released; the first POOL_KEEP chunks stay for reuse. */
static void pool_reset(jats_pool *p)
{
	free_list(p->big);
	p->big = NULL;
	p->cur = NULL;
	struct jats_chunk *c = p->head;
	for (unsigned i = 1; c && i < POOL_KEEP; i++)
		c = c->next;
	if (c) {
		free_list(c->next);
		c->next = NULL;
	}
}

static void pool_free(jats_pool *p)
{
	free_list(p->big);
	free_list(p->head);
	memset(p, 0, sizeof *p);
}

/* ---- nodes ------------------------------------------------------------------ */

/* The tree of the parse in progress, or NULL for a context libxml2 made on the
 * side (an entity body), whose callbacks must stay libxml2's. */
static jats_tree *tree_of(void *ctx)
{
	xmlParserCtxtPtr px = ctx;
	jats_tree *t = px ? px->_private : NULL;
	return t && t->px == px ? t : NULL;
}

/* Out of memory: stop the parse the way libxml2's callbacks do. */
static void tree_oom(jats_tree *t)
{
	t->oom = 1;
	xmlStopParser(t->px);
}

static inline xmlNode *new_node(jats_tree *t, xmlElementType type, const xmlChar *name)
{
	xmlNode *n = pool_alloc(&t->pool, sizeof *n);
	if (!n) {
		tree_oom(t);
		return NULL;
	}
	*n = (xmlNode){ .type = type, .name = name, .doc = t->px->myDoc };
	return n;
}

static inline char *pool_strndup(jats_tree *t, const xmlChar *s, size_t n)
{
	char *q = pool_alloc(&t->pool, n + 1);
	if (!q) {
		tree_oom(t);
		return NULL;
	}
	memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

/* The current input line, stored as SAX2 stores it: past 65534 a node keeps
 * 65535, and a text node keeps the real line in psvi (XML_PARSE_BIG_LINES). */
static void set_line(const jats_tree *t, xmlNode *n)
{
	const xmlParserInputPtr in = t->px->input;
	if (!in)
		return;
	if (in->line < 65535) {
		n->line = (unsigned short)in->line;
	} else {
		n->line = 65535;
		if (n->type == XML_TEXT_NODE && (t->px->options & XML_PARSE_BIG_LINES))
			n->psvi = (void *)(ptrdiff_t)in->line;
	}
}

/* Append n to parent's children; with no parent, to the top level. `depth` is
 * the parent's (the root element's is 1): the first element past
 * LITX_MAX_XML_DEPTH that gets a child is kept for the reader to refuse, once
 * the parse has succeeded (a malformed document says so first). */
static void link_node(jats_tree *t, xmlNode *parent, xmlNode *n, int depth)
{
	if (parent && !parent->children && depth >= LITX_MAX_XML_DEPTH && !t->deep)
		t->deep = parent;
	xmlNode **first = parent ? &parent->children : &t->first;
	xmlNode **last = parent ? &parent->last : &t->last;
	n->parent = parent ? parent : (xmlNode *)t->px->myDoc;
	if (*last) {
		(*last)->next = n;
		n->prev = *last;
	} else {
		*first = n;
	}
	*last = n;
}

static xmlNs *new_ns(jats_tree *t, const xmlChar *href, const xmlChar *prefix)
{
	xmlNs *ns = pool_alloc(&t->pool, sizeof *ns);
	if (!ns) {
		tree_oom(t);
		return NULL;
	}
	memset(ns, 0, sizeof *ns);
	ns->type = XML_NAMESPACE_DECL;
	ns->href = href;
	ns->prefix = prefix;
	return ns;
}

static void add_ns_def(xmlNode *n, xmlNs *ns)
{
	xmlNs **p = &n->nsDef;
	while (*p)
		p = &(*p)->next;
	*p = ns;
}

/* The namespace declarations of an element (xmlNewNs skips binding "xml" to its
 * own namespace), then its namespace. */
static int element_ns(jats_tree *t, xmlNode *n, xmlNode *parent, const xmlChar *prefix,
		      const xmlChar *uri, int nb_ns, const xmlChar **nss)
{
	for (int i = 0; i < nb_ns; i++) {
		const xmlChar *pref = nss[2 * i], *href = nss[2 * i + 1];
		if (pref && xmlStrEqual(pref, BAD_CAST "xml") && xmlStrEqual(href, XML_XML_NAMESPACE))
			continue;
		xmlNs *ns = new_ns(t, href, pref);
		if (!ns)
			return -1;
		add_ns_def(n, ns);
		if (uri && prefix == pref)
			n->ns = ns;
	}
	if (!uri || n->ns)
		return 0;
	xmlDoc *doc = t->px->myDoc;
	n->ns = xmlSearchNs(doc, parent, prefix);
	if (!n->ns && xmlStrEqual(prefix, BAD_CAST "xml"))
		n->ns = xmlSearchNs(doc, n, prefix);
	if (!n->ns) {
		/* bound by the parser, not found in the tree: SAX2 declares it empty */
		xmlNs *ns = new_ns(t, NULL, prefix);
		if (!ns)
			return -1;
		add_ns_def(n, ns);
		n->ns = ns;
	}
	return 0;
}

/* An attribute's value: its text as one text node, or, when the parser had to
 * rewrite it (references, normalized white space), the nodes libxml2 makes of
 * it, copied. */
static int attr_value(jats_tree *t, xmlAttr *a, const xmlChar *value, const xmlChar *end)
{
	if (*end != 0) {
		xmlNode *k = new_node(t, XML_TEXT_NODE, xmlStringText);
		if (!k || !(k->content = (xmlChar *)pool_strndup(t, value, (size_t)(end - value))))
			return -1;
		set_line(t, k);
		k->parent = (xmlNode *)a;
		a->children = a->last = k;
		return 0;
	}
	xmlNode *list = xmlStringLenGetNodeList(t->px->myDoc, value, (int)(end - value));
	int rc = 0;
	for (xmlNode *s = list; s; s = s->next) {
		xmlNode *k = new_node(t, s->type, s->name);
		if (!k) {
			rc = -1;
			break;
		}
		if (s->type == XML_ENTITY_REF_NODE) {
			/* the name and the entity belong to the document */
			k->name = s->name ? xmlDictLookup(t->px->dict, s->name, -1) : NULL;
			k->children = k->last = s->children;
			k->content = s->content;
		} else if (s->content &&
			   !(k->content = (xmlChar *)pool_strndup(t, s->content, strlen((const char *)s->content)))) {
			rc = -1;
			break;
		}
		k->parent = (xmlNode *)a;
		if (a->last) {
			a->last->next = k;
			k->prev = a->last;
		} else {
			a->children = k;
		}
		a->last = k;
	}
	xmlFreeNodeList(list);
	return rc;
}

static int add_attrs(jats_tree *t, xmlNode *n, int nb, const xmlChar **attrs)
{
	xmlAttr *last = NULL;
	for (int i = 0; i < nb; i++, attrs += 5) {
		const xmlChar *name = attrs[0];
		if (attrs[1] && !attrs[2]) { /* undeclared prefix: the name keeps it */
			const xmlChar *q = xmlDictQLookup(t->px->dict, attrs[1], name);
			if (q)
				name = q;
		}
		xmlAttr *a = pool_alloc(&t->pool, sizeof *a);
		if (!a) {
			tree_oom(t);
			return -1;
		}
		*a = (xmlAttr){ .type = XML_ATTRIBUTE_NODE, .name = name, .parent = n,
				.doc = t->px->myDoc };
		if (last) {
			last->next = a;
			a->prev = last;
		} else {
			n->properties = a;
		}
		last = a;
		if (attr_value(t, a, attrs[3], attrs[4]))
			return -1;
	}
	return 0;
}

/* ---- callbacks ---------------------------------------------------------------- */

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int nb_ns, const xmlChar **nss, int nb_attrs,
		     int nb_defaulted, const xmlChar **attrs)
{
	jats_tree *t = tree_of(ctx);
	if (!t) {
		xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_ns, nss, nb_attrs,
				      nb_defaulted, attrs);
		return;
	}
	xmlParserCtxtPtr px = t->px;
	if (prefix && !uri) { /* undeclared prefix: the name keeps it */
		const xmlChar *q = xmlDictQLookup(px->dict, prefix, localname);
		if (q)
			localname = q;
	}
	xmlNode *n = new_node(t, XML_ELEMENT_NODE, localname);
	if (!n)
		return;
	set_line(t, n);
	xmlNode *parent = px->node;
	int depth = px->nodeNr;
	if (nodePush(px, n) < 0) /* too deep: the parser has stopped */
		return;
	link_node(t, parent, n, depth);
	if (element_ns(t, n, parent, prefix, uri, nb_ns, nss))
		return;
	if (t->ctx && jats_tag_new(t->ctx, n)) {
		tree_oom(t);
		return;
	}
	/* attributes defaulted by the DTD only with XML_PARSE_DTDATTR */
	if (nb_defaulted && !(px->loadsubset & XML_COMPLETE_ATTRS))
		nb_attrs -= nb_defaulted;
	add_attrs(t, n, nb_attrs, attrs);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *uri)
{
	jats_tree *t = tree_of(ctx);
	if (!t) {
		xmlSAX2EndElementNs(ctx, localname, prefix, uri);
		return;
	}
	nodePop(t->px);
}

/* Character data joins the text node before it, as in SAX2's xmlSAX2Text. */
static void add_text(jats_tree *t, const xmlChar *ch, int len, xmlElementType type)
{
	xmlNode *parent = t->px->node;
	if (!parent || len < 0)
		return;
	xmlNode *last = parent->last;
	size_t n = (size_t)len;
	if (last && last->type == type && (type != XML_TEXT_NODE || last->name == xmlStringText)) {
		if (last != t->text) { /* not one we can grow in place: grow a copy */
			t->text = last;
			t->text_len = last->content ? strlen((const char *)last->content) : 0;
			t->text_cap = 0;
		}
		if (t->text_len + n > XML_MAX_TEXT_LENGTH && !(t->px->options & XML_PARSE_HUGE)) {
			/* SAX2 refuses to grow a text node past this: the parse stops */
			t->px->errNo = XML_ERR_NO_MEMORY;
			t->px->instate = XML_PARSER_EOF;
			t->px->disableSAX = 1;
			return;
		}
		char *s = pool_grow(&t->pool, (char *)last->content, t->text_len, &t->text_cap,
				    t->text_len + n + 1);
		if (!s) {
			tree_oom(t);
			return;
		}
		memcpy(s + t->text_len, ch, n);
		t->text_len += n;
		s[t->text_len] = '\0';
		last->content = (xmlChar *)s;
		return;
	}
	xmlNode *k = new_node(t, type, type == XML_TEXT_NODE ? xmlStringText : NULL);
	if (!k || !(k->content = (xmlChar *)pool_strndup(t, ch, n)))
		return;
	if (type == XML_TEXT_NODE)
		set_line(t, k);
	link_node(t, parent, k, t->px->nodeNr);
	t->text = k;
	t->text_len = n;
	t->text_cap = round8(n + 1);
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
	jats_tree *t = tree_of(ctx);
	if (!t)
		xmlSAX2Characters(ctx, ch, len);
	else
		add_text(t, ch, len, XML_TEXT_NODE);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
	jats_tree *t = tree_of(ctx);
	if (!t)
		xmlSAX2CDataBlock(ctx, ch, len);
	else
		add_text(t, ch, len, XML_CDATA_SECTION_NODE);
}

/* Comments and processing instructions of the DTD belong to the DTD. */
static jats_tree *content_tree(void *ctx)
{
	jats_tree *t = tree_of(ctx);
	return t && !t->px->inSubset ? t : NULL;
}

static void on_comment(void *ctx, const xmlChar *value)
{
	jats_tree *t = content_tree(ctx);
	if (!t) {
		xmlSAX2Comment(ctx, value);
		return;
	}
	xmlNode *k = new_node(t, XML_COMMENT_NODE, xmlStringComment);
	if (!k || !(k->content = (xmlChar *)pool_strndup(t, value, strlen((const char *)value))))
		return;
	set_line(t, k);
	link_node(t, t->px->node, k, t->px->nodeNr);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	jats_tree *t = content_tree(ctx);
	if (!t) {
		xmlSAX2ProcessingInstruction(ctx, target, data);
		return;
	}
	xmlNode *k = new_node(t, XML_PI_NODE, xmlDictLookup(t->px->dict, target, -1));
	if (!k)
		return;
	if (data && !(k->content = (xmlChar *)pool_strndup(t, data, strlen((const char *)data))))
		return;
	set_line(t, k);
	link_node(t, t->px->node, k, t->px->nodeNr);
}

/* An entity reference the parser does not substitute; the node points at the
 * entity's declaration, as xmlNewReference does. */
static void on_reference(void *ctx, const xmlChar *name)
{
	jats_tree *t = tree_of(ctx);
	if (!t) {
		xmlSAX2Reference(ctx, name);
		return;
	}
	if (!t->px->node || !name)
		return;
	int charref = name[0] == '#'; /* xmlNewCharRef: no entity to point at */
	xmlNode *k = new_node(t, XML_ENTITY_REF_NODE, xmlDictLookup(t->px->dict, name, -1));
	if (!k)
		return;
	if (!k->name) {
		tree_oom(t);
		return;
	}
	if (!charref) {
		xmlEntity *e = xmlGetDocEntity(t->px->myDoc, k->name);
		if (e) {
			k->content = e->content;
			k->children = k->last = (xmlNode *)e;
		}
	}
	link_node(t, t->px->node, k, t->px->nodeNr);
}

/* ---- the interface -------------------------------------------------------------- */

void jats_tree_sax(xmlSAXHandler *sax)
{
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_chars;
	sax->ignorableWhitespace = on_chars; /* blanks are text (no XML_PARSE_NOBLANKS) */
	sax->cdataBlock = on_cdata;
	sax->comment = on_comment;
	sax->processingInstruction = on_pi;
	sax->reference = on_reference;
}

void jats_tree_begin(jats_tree *t, xmlParserCtxtPtr px)
{
	pool_reset(&t->pool);
	t->px = px;
	t->first = t->last = t->text = NULL;
	t->deep = NULL;
	t->text_len = t->text_cap = 0;
	t->oom = 0;
	px->_private = t;
}

xmlNode *jats_tree_root(const jats_tree *t)
{
	for (xmlNode *n = t->first; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

void jats_tree_end(jats_tree *t)
{
	pool_reset(&t->pool);
	t->first = t->last = t->text = NULL;
}

void jats_tree_free(jats_tree *t)
{
	pool_free(&t->pool);
	t->first = t->last = t->text = NULL;
}
