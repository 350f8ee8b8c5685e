/* jats_table.c - <table-wrap> to litx_table with row and column spans resolved.
 *
 * The grid follows the HTML table model: rows are placed in order; a cell takes
 * the first free column of its row and covers colspan columns and rowspan rows,
 * and its text is repeated in every position it covers, so a group label spanning
 * three rows labels each of them. rowspan="0" and spans past the end of their row
 * group (thead, tbody) stop at the group's end; colspan is capped at
 * JATS_MAX_COLSPAN, the grid at JATS_MAX_COLS columns and JATS_MAX_CELLS
 * positions (rows past that are dropped), so a hostile table costs bounded memory.
 * Rows of <thead> are header rows; a table without <thead> takes its leading
 * all-<th> rows as header. All scratch arrays live in the reader context and are
 * reused from one table to the next.
 *
 * Notes under the table (<table-wrap-foot>) become one text per <fn>, <p> or row
 * of a table inside the foot (cells joined by a tab). */
#include "jats.h"
#include <stdlib.h>
#include <string.h>

static int grow(jats_ctx *c, void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 32;
	while (nc < need)
		nc *= 2;
	void *q = realloc(*p, nc * elem);
	if (!q) {
		c->oom = 1;
		return -1;
	}
	*p = q;
	*cap = nc;
	return 0;
}

void jats_grid_free(jats_grid *g)
{
	free(g->cell);
	free(g->pl);
	free(g->row_line);
	free(g->row_head);
	free(g->occ_rem);
	free(g->occ_cell);
	free(g->stamp);
	free(g->foot);
	memset(g, 0, sizeof *g);
}

static long span_attr(const xmlNode *n, const char *name, long dflt)
{
	const char *v = jats_attr(n, name);
	if (!v)
		return dflt;
	while (*v == ' ')
		v++;
	if (*v < '0' || *v > '9')
		return dflt;
	long x = 0;
	for (; *v >= '0' && *v <= '9'; v++)
		if (x < 10000000)
			x = x * 10 + (*v - '0');
	return x;
}

static int is_cell(jtag t)
{
	return t == J_TD || t == J_TH;
}

static size_t count_rows(const xmlNode *group)
{
	size_t n = 0;
	for (const xmlNode *k = group->children; k; k = k->next)
		if (jats_tag(k) == J_TR)
			n++;
	return n;
}

typedef struct table_state {
	size_t n_cols;
	int full;           /* JATS_MAX_CELLS reached: later rows dropped */
	int any_thead;
} table_state;

static int place(jats_ctx *c, table_state *ts, uint32_t row, uint32_t col, uint32_t cell)
{
	jats_grid *g = &c->g;
	if (g->n_pl >= JATS_MAX_CELLS) {
		ts->full = 1;
		return -1;
	}
	if (grow(c, (void **)&g->pl, &g->cap_pl, g->n_pl + 1, sizeof *g->pl))
		return -1;
	g->pl[g->n_pl++] = (struct jats_place){ row, col, cell };
	return 0;
}

static int ensure_cols(jats_ctx *c, size_t n)
{
	jats_grid *g = &c->g;
	if (n <= g->cap_cols)
		return 0;
	size_t old = g->cap_cols, nc = old;
	if (grow(c, (void **)&g->occ_rem, &nc, n, sizeof *g->occ_rem))
		return -1;
	nc = old;
	if (grow(c, (void **)&g->occ_cell, &nc, n, sizeof *g->occ_cell))
		return -1;
	nc = old;
	if (grow(c, (void **)&g->stamp, &nc, n, sizeof *g->stamp))
		return -1;
	memset(g->occ_rem + old, 0, (nc - old) * sizeof *g->occ_rem);
	memset(g->stamp + old, 0, (nc - old) * sizeof *g->stamp);
	g->cap_cols = nc;
	return 0;
}

/* One row: cells placed after the spans coming down from rows above. */
static int add_row(jats_ctx *c, table_state *ts, const xmlNode *tr, int head, size_t left)
{
	jats_grid *g = &c->g;
	if (ts->full)
		return 0;
	if (g->n_row + 1 > g->cap_row) {
		size_t nc = g->cap_row ? g->cap_row * 2 : 32;
		uint32_t *rl = realloc(g->row_line, nc * sizeof *rl);
		if (rl)
			g->row_line = rl;
		uint8_t *rh = rl ? realloc(g->row_head, nc * sizeof *rh) : NULL;
		if (!rh) {
			c->oom = 1;
			return -1;
		}
		g->row_head = rh;
		g->cap_row = nc;
	}
	uint32_t r = (uint32_t)g->n_row++;
	g->row_line[r] = jats_line(tr);
	g->row_head[r] = 0;
	uint32_t stamp = r + 1;
	/* spans from above */
	for (size_t col = 0; col < ts->n_cols; col++) {
		if (g->occ_rem[col] > 0) {
			g->occ_rem[col]--;
			g->stamp[col] = stamp;
			if (place(c, ts, r, (uint32_t)col, g->occ_cell[col]))
				return c->oom ? -1 : 0;
		}
	}
	size_t col = 0;
	int all_th = 1, cells = 0;
	for (const xmlNode *k = tr->children; k; k = k->next) {
		if (!is_cell(jats_tag(k)))
			continue;
		cells++;
		if (jats_tag(k) != J_TH)
			all_th = 0;
		while (col < JATS_MAX_COLS && col < g->cap_cols && g->stamp[col] == stamp)
			col++;
		if (col >= JATS_MAX_COLS)
			break;
		long cs = span_attr(k, "colspan", 1), rs = span_attr(k, "rowspan", 1);
		if (cs < 1)
			cs = 1;
		if (cs > JATS_MAX_COLSPAN)
			cs = JATS_MAX_COLSPAN;
		if (rs == 0 || rs > (long)left)
			rs = (long)left; /* to the end of the row group */
		if (rs < 1)
			rs = 1;
		if (rs > JATS_MAX_ROWSPAN)
			rs = JATS_MAX_ROWSPAN;
		size_t end = col + (size_t)cs;
		if (end > JATS_MAX_COLS)
			end = JATS_MAX_COLS;
		if (ensure_cols(c, end))
			return -1;
		/* the cell's text */
		if (grow(c, (void **)&g->cell, &g->cap_cell, g->n_cell + 1, sizeof *g->cell))
			return -1;
		jats_out *o = &c->out;
		jats_out_begin(c, o, k);
		jats_inline_children(c, o, k);
		if (jats_out_finish(c, o, &g->cell[g->n_cell]))
			return -1;
		uint32_t cell = (uint32_t)g->n_cell++;
		for (size_t cc = col; cc < end; cc++) {
			if (g->stamp[cc] == stamp)
				continue; /* overlapping spans: the first one keeps it */
			g->stamp[cc] = stamp;
			if (rs > 1) {
				g->occ_rem[cc] = (uint32_t)(rs - 1);
				g->occ_cell[cc] = cell;
			}
			if (place(c, ts, r, (uint32_t)cc, cell))
				return c->oom ? -1 : 0;
		}
		col = end;
		if (end > ts->n_cols)
			ts->n_cols = end;
	}
	/* 1: a <thead> row; 2: a row of <th> only (a header when the table has no thead) */
	g->row_head[r] = head ? 1 : (all_th && cells ? 2 : 0);
	return 0;
}

static int add_group(jats_ctx *c, table_state *ts, const xmlNode *group, int head)
{
	jats_grid *g = &c->g;
	/* row spans do not cross row groups */
	for (size_t i = 0; i < g->cap_cols; i++)
		g->occ_rem[i] = 0;
	size_t left = count_rows(group);
	for (const xmlNode *k = group->children; k; k = k->next) {
		if (jats_tag(k) != J_TR)
			continue;
		if (add_row(c, ts, k, head, left--))
			return -1;
	}
	return 0;
}

/* Every <table> under the wrap (not in its foot, caption or a nested wrap). */
static int add_tables(jats_ctx *c, table_state *ts, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		jtag t = jats_tag(k);
		if (t == J_TABLE) {
			const xmlNode *loose = NULL;
			for (const xmlNode *p = k->children; p; p = p->next) {
				jtag pt = jats_tag(p);
				if (pt == J_THEAD) {
					ts->any_thead = 1;
					if (add_group(c, ts, p, 1))
						return -1;
				} else if (pt == J_TBODY || pt == J_TFOOT) {
					if (add_group(c, ts, p, 0))
						return -1;
				} else if (pt == J_TR && !loose) {
					loose = k; /* rows straight under <table> form one group */
					if (add_group(c, ts, k, 0))
						return -1;
				}
			}
		} else if (t == J_ALTERNATIVES) {
			if (add_tables(c, ts, k))
				return -1;
		}
	}
	return 0;
}

static int add_foot(jats_ctx *c, const litx_text *t)
{
	jats_grid *g = &c->g;
	if (t->len == 0)
		return 0;
	if (grow(c, (void **)&g->foot, &g->cap_foot, g->n_foot + 1, sizeof *g->foot))
		return -1;
	g->foot[g->n_foot++] = *t;
	return 0;
}

static int foot_items(jats_ctx *c, const xmlNode *n, int depth)
{
	jats_out *o = &c->out;
	litx_text t;
	for (const xmlNode *k = n->children; k; k = k->next) {
		switch (jats_tag(k)) {
		case J_FN:
		case J_P:
		case J_ATTRIB:
			jats_out_begin(c, o, k);
			jats_inline_children(c, o, k);
			if (jats_out_finish(c, o, &t) || add_foot(c, &t))
				return -1;
			break;
		case J_TR: {
			jats_out_begin(c, o, k);
			int first = 1;
			for (const xmlNode *d = k->children; d; d = d->next) {
				if (!is_cell(jats_tag(d)))
					continue;
				if (!first)
					jats_out_put(c, o, "\t");
				jats_inline_children(c, o, d);
				first = 0;
			}
			if (jats_out_finish(c, o, &t) || add_foot(c, &t))
				return -1;
			break;
		}
		case J_TABLE_WRAP:
		case J_TITLE:
		case J_LABEL:
			break;
		default:
			if (k->type == XML_ELEMENT_NODE && depth < 8 && foot_items(c, k, depth + 1))
				return -1;
		}
	}
	return 0;
}

static const xmlNode *child(const xmlNode *n, jtag t)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (jats_tag(k) == t)
			return k;
	return NULL;
}

/* An empty position: "" anchored at its row. */
static litx_text empty_text(jats_ctx *c, uint32_t line)
{
	litx_text t = { .s = "" };
	litx_anchor *a = arena_alloc(c->b->a, sizeof *a);
	if (!a) {
		c->oom = 1;
		return t;
	}
	*a = (litx_anchor){ 0, line, jats_line_offset(c, line) };
	t.anchors = a;
	t.n_anchors = 1;
	return t;
}

/* Tables inside this one (in a cell, a note...), read right after it so they
 * share its section. */
static int inner_tables(jats_ctx *c, xmlNode *n)
{
	for (xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (jats_tag(k) == J_TABLE_WRAP) {
			if (!jats_done(k) && jats_read_table(c, k))
				return -1;
		} else if (inner_tables(c, k)) {
			return -1;
		}
	}
	return 0;
}

int jats_read_table(jats_ctx *c, xmlNode *tw)
{
	jats_set_done(tw);
	jats_grid *g = &c->g;
	g->n_cell = g->n_pl = g->n_row = g->n_foot = 0;
	for (size_t i = 0; i < g->cap_cols; i++) {
		g->occ_rem[i] = 0;
		g->stamp[i] = 0;
	}
	uint32_t line = jats_line(tw);
	const xmlNode *lab = child(tw, J_LABEL), *cap = child(tw, J_CAPTION);
	char *label = lab ? jats_plain(c, lab) : NULL;
	litx_text caption;
	jats_out *o = &c->out;
	jats_out_begin(c, o, cap ? cap : tw);
	if (cap)
		jats_inline_children(c, o, cap);
	if (jats_out_finish(c, o, &caption))
		return -1;

	table_state ts = { 0 };
	if (add_tables(c, &ts, tw))
		return -1;
	const xmlNode *foot = child(tw, J_TABLE_WRAP_FOOT);
	if (foot && foot_items(c, foot, 0))
		return -1;
	if (foot && g->n_foot == 0) { /* a foot of bare text: one note */
		litx_text t;
		jats_out_begin(c, o, foot);
		jats_inline_children(c, o, foot);
		if (jats_out_finish(c, o, &t) || add_foot(c, &t))
			return -1;
	}

	/* header rows: <thead>, else the leading rows made of <th> only */
	size_t n_head = 0, n_data = 0;
	for (size_t r = 0; r < g->n_row; r++) {
		if (g->row_head[r] == 2)
			g->row_head[r] = !ts.any_thead && r == n_head;
		if (g->row_head[r])
			n_head++;
	}
	if (!ts.any_thead && n_head == g->n_row && n_head > 1) {
		/* <th> everywhere: only the first row is a header */
		for (size_t r = 1; r < g->n_row; r++)
			g->row_head[r] = 0;
		n_head = 1;
	}
	n_data = g->n_row - n_head;
	size_t n_cols = ts.n_cols;
	litx_table *tab = docb_add_table(c->b);
	if (!tab) {
		c->oom = 1;
		return -1;
	}
	tab->section = c->cur_sec;
	tab->label = label;
	tab->caption = caption;
	tab->line = line;
	tab->offset = jats_line_offset(c, line);
	tab->n_cols = n_cols;
	if (n_cols) {
		litx_text *head = n_head ? arena_alloc(c->b->a, n_head * n_cols * sizeof *head) : NULL;
		litx_text *cells = n_data ? arena_alloc(c->b->a, n_data * n_cols * sizeof *cells) : NULL;
		uint32_t *map = g->n_row ? malloc(g->n_row * sizeof *map) : NULL;
		if ((n_head && !head) || (n_data && !cells) || (g->n_row && !map)) {
			free(map);
			c->oom = 1;
			return -1;
		}
		size_t h = 0, d = 0;
		for (size_t r = 0; r < g->n_row; r++) {
			litx_text *row = g->row_head[r] ? head + h++ * n_cols : cells + d++ * n_cols;
			map[r] = (uint32_t)(g->row_head[r] ? h - 1 : d - 1);
			litx_text e = empty_text(c, g->row_line[r]);
			for (size_t k = 0; k < n_cols; k++)
				row[k] = e;
		}
		for (size_t i = 0; i < g->n_pl; i++) {
			const struct jats_place *p = &g->pl[i];
			litx_text *grid = g->row_head[p->row] ? head : cells;
			grid[(size_t)map[p->row] * n_cols + p->col] = g->cell[p->cell];
		}
		free(map);
		tab->head = head;
		tab->n_head = n_head;
		tab->cells = cells;
		tab->n_rows = n_data;
	}
	if (g->n_foot) {
		litx_text *f = arena_memdup(c->b->a, g->foot, g->n_foot * sizeof *f);
		if (!f) {
			c->oom = 1;
			return -1;
		}
		tab->foot = f;
		tab->n_foot = g->n_foot;
	}
	if (c->oom)
		return -1;
	return inner_tables(c, tw);
}
