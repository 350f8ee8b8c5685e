/* text_table.c - tab-separated tables of a text article, continuation pages joined.
 *
 * A table is a "Table N ..." caption followed by rows with tabs (or, without a
 * caption, two such rows in a row). Rows are read in groups; after a page break a
 * group continues the table when a "Table N (Contd.)" marker comes first, when its
 * first row repeats the header, or when its rows have the table's width. Repeated
 * header rows at the top of a continuation page are dropped by comparing cell texts
 * (case and spaces ignored, so "Series NC _s name" matches "Series NCs name") with
 * the first page's header cells, kept as hashes.
 *
 * Header rows: the first row is one; a following row is one too when all its
 * cells sit under a spanning cell of the row above (a cell followed by empty ones,
 * as "Structural characteristic" over "Doping type / number / position"). In the
 * grid, as in a JATS table with spans resolved, a spanning header cell is repeated
 * over the columns and rows it covers, and a group label given only on the first
 * row of its group (empty leading cells below it) is carried down to every row.
 *
 * Bounds: a row has at most TEXT_MAX_COLS cells (the rest join the last one), and
 * the grids of one document hold at most TEXT_MAX_DOC_CELLS positions; past that a
 * table ends and its lines are read as text. */
#include "text_int.h"
#include <stdlib.h>
#include <string.h>

#define LOOKAHEAD 12      /* lines between a caption and its first row */
#define MAX_FOOT 16

typedef struct trow {
	litx_text *c;
	size_t n;
	uint32_t line;
} trow;

typedef struct tbl {
	trow *rows;
	size_t n_rows, cap_rows;
	size_t n_head;
	size_t n_cols;
	uint64_t keys[TEXT_MAX_HEAD_ROWS * TEXT_MAX_COLS];
	size_t n_keys;
	int keyed;
	litx_text foot[MAX_FOOT];
	size_t n_foot;
} tbl;

/* Cells of a tab line, counting the empty ones. */
static size_t count_cells(const char *s, size_t n)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\t';
	return k;
}

static int caption_kind(const text_rd *r, size_t i, text_caption *c)
{
	size_t n = r->ln[i].len;
	const char *s = text_trim(tl_s(r, i), &n);
	return text_caption_parse(s, n, c);
}

static int is_row(const text_rd *r, size_t i)
{
	return i < r->n_ln && r->ln[i].tab && !r->ln[i].blank &&
	       count_cells(tl_s(r, i), r->ln[i].len) >= 2;
}

/* Is there room in the document's grid budget for a table as wide as line i? */
static int room(const text_rd *r, size_t i)
{
	return r->cells_used + 2 * count_cells(tl_s(r, i), r->ln[i].len) <= TEXT_MAX_DOC_CELLS;
}

int text_table_starts(const text_rd *r, size_t i)
{
	if (r->ln[i].tab)
		return is_row(r, i) && is_row(r, i + 1) && room(r, i);
	text_caption c;
	if (caption_kind(r, i, &c) != CAP_TABLE)
		return 0;
	for (size_t j = i + 1; j < r->n_ln && j <= i + LOOKAHEAD; j++) {
		if (is_row(r, j))
			return room(r, j);
		if (r->ln[j].tab && !r->ln[j].blank)
			return 0;
	}
	return 0;
}

/* ---- rows ---- */

static uint64_t cell_key(const litx_text *t)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->s[i];
		if (c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c |= 32;
		h ^= c;
		h *= 1099511628211ull;
	}
	return h | 1;
}

static int read_row(text_rd *r, size_t i, trow *row)
{
	const char *s = tl_s(r, i);
	size_t n = r->ln[i].len, k = count_cells(s, n);
	if (k > TEXT_MAX_COLS)
		k = TEXT_MAX_COLS;
	row->c = docb_texts(r->b, k);
	row->n = k;
	row->line = (uint32_t)(i + 1);
	if (!row->c) {
		r->oom = 1;
		return -1;
	}
	size_t a = 0;
	for (size_t c = 0; c < k; c++) {
		size_t e = a;
		if (c + 1 < k)
			while (e < n && s[e] != '\t')
				e++;
		else
			e = n;
		if (text_piece(r, i, s + a, e - a, 0, &row->c[c]))
			return -1;
		a = e + 1;
	}
	return 0;
}

static size_t eff_width(const trow *row)
{
	size_t w = row->n;
	while (w > 0 && row->c[w - 1].len == 0)
		w--;
	return w;
}

/* Does `row` sit under the spanning cells of `up` (header continuation)? */
static int under_spans(const trow *up, const trow *row)
{
	size_t seen = 0;
	for (size_t c = 0; c < row->n; c++) {
		if (row->c[c].len == 0)
			continue;
		seen++;
		/* c must be covered by a cell of `up` followed by empties up to c */
		if (c < up->n && up->c[c].len) {
			/* the spanning cell itself: it must have an empty right neighbour */
			if (c + 1 >= up->n || up->c[c + 1].len)
				return 0;
			continue;
		}
		size_t k = c < up->n ? c : up->n;
		while (k > 0 && (k >= up->n || up->c[k].len == 0))
			k--;
		if (k >= up->n || up->c[k].len == 0)
			return 0;
	}
	return seen > 0;
}

static void make_keys(tbl *t)
{
	t->n_keys = 0;
	for (size_t r = 0; r < t->n_head; r++)
		for (size_t c = 0; c < t->rows[r].n; c++)
			if (t->rows[r].c[c].len && t->n_keys < sizeof t->keys / sizeof *t->keys)
				t->keys[t->n_keys++] = cell_key(&t->rows[r].c[c]);
	t->keyed = 1;
}

static int header_like(tbl *t, const trow *row)
{
	if (!t->keyed)
		make_keys(t);
	size_t seen = 0;
	for (size_t c = 0; c < row->n; c++) {
		if (row->c[c].len == 0)
			continue;
		uint64_t k = cell_key(&row->c[c]);
		size_t j = 0;
		while (j < t->n_keys && t->keys[j] != k)
			j++;
		if (j == t->n_keys)
			return 0;
		seen++;
	}
	return seen > 0;
}

static int push_row(text_rd *r, tbl *t, const trow *row)
{
	if (t->n_rows == t->cap_rows) {
		size_t nc = t->cap_rows ? t->cap_rows * 2 : 32;
		trow *q = realloc(t->rows, nc * sizeof *q);
		if (!q) {
			r->oom = 1;
			return -1;
		}
		t->rows = q;
		t->cap_rows = nc;
	}
	t->rows[t->n_rows++] = *row;
	if (row->n > t->n_cols)
		t->n_cols = row->n;
	/* header rows: the first, and those under its spanning cells */
	if (t->n_rows == 1)
		t->n_head = 1;
	else if (t->n_head == t->n_rows - 1 && t->n_head < TEXT_MAX_HEAD_ROWS &&
		 under_spans(&t->rows[t->n_rows - 2], row))
		t->n_head++;
	return 0;
}

/* Would one more row of width w overflow the document's grid budget? */
static int over_budget(const text_rd *r, const tbl *t, size_t w)
{
	size_t cols = w > t->n_cols ? w : t->n_cols;
	return r->cells_used + (t->n_rows + 1) * cols > TEXT_MAX_DOC_CELLS;
}

/* ---- the finished table ---- */

static void fill_head(litx_text *h, size_t n_head, size_t cols)
{
	if (n_head < 2)
		return;
	/* a cell spanning columns: repeated to the right over the empties under
	 * which the next row has cells */
	for (size_t r = 0; r + 1 < n_head; r++) {
		size_t left = SIZE_MAX;
		for (size_t c = 0; c < cols; c++) {
			litx_text *x = &h[r * cols + c];
			if (x->len) {
				left = c;
				continue;
			}
			if (left != SIZE_MAX && h[(r + 1) * cols + c].len)
				*x = h[r * cols + left];
		}
	}
	/* a cell spanning rows: repeated down over the empties below it */
	for (size_t r = 1; r < n_head; r++)
		for (size_t c = 0; c < cols; c++)
			if (h[r * cols + c].len == 0 && h[(r - 1) * cols + c].len)
				h[r * cols + c] = h[(r - 1) * cols + c];
}

static void carry_down(litx_text *g, size_t rows, size_t cols)
{
	for (size_t r = 1; r < rows; r++) {
		litx_text *row = &g[r * cols];
		size_t lead = 0;
		while (lead < cols && row[lead].len == 0)
			lead++;
		if (lead == 0 || lead == cols)
			continue;
		for (size_t c = 0; c < lead; c++)
			row[c] = g[(r - 1) * cols + c];
	}
}

static int finish(text_rd *r, tbl *t, const char *label, const litx_text *caption, size_t line)
{
	docb *b = r->b;
	size_t cols = t->n_cols ? t->n_cols : 1;
	size_t nh = t->n_head, nd = t->n_rows - nh;
	litx_text *head = nh ? docb_texts(b, nh * cols) : NULL;
	litx_text *cells = nd ? docb_texts(b, nd * cols) : NULL;
	litx_text *foot = t->n_foot ? docb_texts(b, t->n_foot) : NULL;
	if ((nh && !head) || (nd && !cells) || (t->n_foot && !foot)) {
		r->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		litx_text *dst = i < nh ? &head[i * cols] : &cells[(i - nh) * cols];
		for (size_t c = 0; c < t->rows[i].n && c < cols; c++)
			dst[c] = t->rows[i].c[c];
	}
	fill_head(head, nh, cols);
	carry_down(cells, nd, cols);
	for (size_t i = 0; i < t->n_foot; i++)
		foot[i] = t->foot[i];
	r->cells_used += t->n_rows * cols;
	litx_table *x = docb_add_table(b);
	if (!x) {
		r->oom = 1;
		return -1;
	}
	x->label = label ? docb_strdup(b, label) : NULL;
	if (caption)
		x->caption = *caption;
	else
		x->caption = (litx_text){ .s = "" };
	x->n_cols = cols;
	x->n_head = nh;
	x->head = head;
	x->n_rows = nd;
	x->cells = cells;
	x->foot = foot;
	x->n_foot = t->n_foot;
	x->line = (uint32_t)(line + 1);
	x->offset = r->ln[line].off;
	return b->oom ? -1 : 0;
}

/* A note under a table: "a Measured at ...", "ᵃ ...", "* ...", "† ...". */
static int is_foot_line(const char *s, size_t n)
{
	if (n >= 3 && s[0] >= 'a' && s[0] <= 'z' && (s[1] == ' ' || s[1] == ')') &&
	    ((s[2] >= 'A' && s[2] <= 'Z') || s[2] == ' '))
		return 1;
	if (n >= 2 && (s[0] == '*' || s[0] == '#') && s[1] == ' ')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xA0 || (unsigned char)s[2] == 0xA1)) /* † ‡ */
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE1 && ((unsigned char)s[1] == 0xB5 ||
						     (unsigned char)s[1] == 0xB6)) /* ᵃ ᵇ ... */
		return 1;
	return 0;
}

size_t text_table_read(text_rd *r, size_t i)
{
	tbl t;
	memset(&t, 0, sizeof t);
	text_caption cap;
	const char *label = NULL;
	litx_text caption, *capp = NULL;
	size_t j = i;
	if (caption_kind(r, i, &cap) == CAP_TABLE) {
		label = cap.label;
		/* the caption: the rest of its line and any text lines before the rows */
		size_t n = r->ln[i].len;
		const char *s = text_trim(tl_s(r, i), &n);
		tbuf_reset(&r->tb);
		text_inl_begin(&r->inl, &r->tb, 0);
		tbuf_mark(&r->tb, (uint32_t)(i + 1), (size_t)(s - r->buf) + cap.body);
		text_inl_add(&r->inl, s + cap.body, n - cap.body, (uint32_t)(i + 1),
			     (size_t)(s - r->buf) + cap.body);
		size_t extra = 0;
		for (j = i + 1; j < r->n_ln && j <= i + LOOKAHEAD && !is_row(r, j); j++) {
			if (r->ln[j].blank || text_is_furniture(r, j) || extra >= TEXT_MAX_CAPTION_LINES)
				continue;
			size_t m = r->ln[j].len;
			const char *q = text_trim(tl_s(r, j), &m);
			text_inl_space(&r->inl);
			text_inl_add(&r->inl, q, m, (uint32_t)(j + 1), (size_t)(q - r->buf));
			extra++;
		}
		text_inl_end(&r->inl);
		if (tbuf_finish(&r->tb, r->b->a, &caption)) {
			r->oom = 1;
			return j;
		}
		capp = &caption;
	}
	int contd = 0, skipping = 0;
	size_t last_row = SIZE_MAX, after = j;
	while (j < r->n_ln && !r->oom) {
		if (r->ln[j].blank) {
			j++;
			continue;
		}
		if (is_row(r, j)) {
			trow row;
			int gap = last_row != SIZE_MAX && j != last_row + 1;
			if (over_budget(r, &t, count_cells(tl_s(r, j), r->ln[j].len)) ||
			    read_row(r, j, &row))
				break;
			if (gap && !contd) {
				size_t w = eff_width(&row);
				int head = t.n_rows > t.n_head && header_like(&t, &row);
				if (!head && !(w >= 2 && w <= t.n_cols && w + 1 >= t.n_cols))
					break; /* another table */
				skipping = head;
			}
			if (gap)
				contd = 0;
			if (skipping && t.n_rows > t.n_head && header_like(&t, &row)) {
				last_row = j++;
				continue;
			}
			skipping = 0;
			if (push_row(r, &t, &row))
				break;
			last_row = j++;
			after = j;
			continue;
		}
		text_caption c;
		if (t.n_rows && caption_kind(r, j, &c) == CAP_TABLE_CONTD &&
		    (!label || strcmp(c.label, label) == 0)) {
			contd = skipping = 1;
			j++;
			continue;
		}
		if (t.n_rows && text_is_furniture(r, j)) {
			j++;
			continue;
		}
		break;
	}
	/* notes under the table */
	j = after;
	while (j < r->n_ln && !r->oom && t.n_foot < MAX_FOOT) {
		if (r->ln[j].blank) {
			j++;
			continue;
		}
		size_t m = r->ln[j].len;
		const char *q = text_trim(tl_s(r, j), &m);
		if (r->ln[j].tab || !is_foot_line(q, m))
			break;
		if (text_piece(r, j, q, m, 0, &t.foot[t.n_foot]))
			break;
		t.n_foot++;
		after = ++j;
	}
	if (!r->oom && t.n_rows)
		finish(r, &t, label, capp, i);
	free(t.rows);
	return after > i ? after : i + 1;
}
