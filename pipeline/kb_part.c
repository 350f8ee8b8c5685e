/* kb_part.c - see kb_part.h. A record's CSV fields are made when it arrives,
 * while `litx run -j N` still extracts: the columns are only known at the end,
 * so each field is stored with the id of its key and the end only places them.
 * Cells file, per record: u32 length of the rest, u32 field count, then per
 * field u32 key id, u32 length, the field's bytes (quoted as CSV wants). */
#include "kb_part.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int kb_part_init(kb_part *p, const char *table)
{
	memset(p, 0, sizeof *p);
	p->table = strdup(table);
	p->json = tmpfile();
	p->cells = tmpfile();
	p->bufs = malloc(KB_PART_BUF);
	if (!p->table || !p->json || !p->cells || !p->bufs)
		return -1;
	/* records are written past stdio (jbuf, cbuf); only the cells are read
	 * back through it, record by record */
	return setvbuf(p->json, NULL, _IONBF, 0) || setvbuf(p->cells, p->bufs, _IOFBF, KB_PART_BUF) ? -1 : 0;
}

void kb_part_free(kb_part *p)
{
	free(p->table);
	if (p->json)
		fclose(p->json);
	if (p->cells)
		fclose(p->cells);
	free(p->bufs); /* after the files that used it */
	for (size_t k = 0; k < p->n_keys; k++)
		free(p->keys[k].name);
	free(p->keys);
	free(p->ids);
	kb_buf_free(&p->jbuf);
	kb_buf_free(&p->cbuf);
	litx_csv_scratch_free(&p->sc);
	memset(p, 0, sizeof *p);
}

/* The key id of every member of m into p->ids, adding new keys to the union.
 * Members and keys are both sorted, so one merge walk does it; records of a
 * table mostly share their keys, and then it only compares. */
static int key_ids(kb_part *p, const kb_members *m)
{
	if (m->n > p->cap_ids) {
		uint32_t *ids = realloc(p->ids, m->n * sizeof *ids);
		if (!ids)
			return -1;
		p->ids = ids;
		p->cap_ids = m->n;
	}
	size_t j = 0;
	for (size_t i = 0; i < m->n; i++) {
		const kb_span *k = &m->v[i].key;
		int c = 1;
		while (j < p->n_keys && (c = kb_key_cmp(p->keys[j].name, p->keys[j].len, k->p, k->n)) < 0)
			j++;
		if (j < p->n_keys && c == 0) {
			p->ids[i] = p->keys[j++].id;
			continue;
		}
		if (p->n_keys == UINT32_MAX)
			return -1;
		if (p->n_keys == p->cap_keys) {
			size_t cap = p->cap_keys ? p->cap_keys * 2 : 32;
			kb_part_key *nk = realloc(p->keys, cap * sizeof *nk);
			if (!nk)
				return -1;
			p->keys = nk;
			p->cap_keys = cap;
		}
		char *name = malloc(k->n + 1);
		if (!name)
			return -1;
		memcpy(name, k->p, k->n);
		name[k->n] = '\0';
		memmove(&p->keys[j + 1], &p->keys[j], (p->n_keys - j) * sizeof *p->keys);
		p->keys[j] = (kb_part_key){ name, k->n, (uint32_t)p->n_keys };
		p->ids[i] = p->keys[j++].id;
		p->n_keys++;
	}
	return 0;
}

static int put_u32(kb_buf *b, size_t v)
{
	if (v > UINT32_MAX)
		return -1;
	uint32_t u = (uint32_t)v;
	return kb_buf_put(b, &u, sizeof u);
}

static void set_u32(kb_buf *b, size_t at, size_t v)
{
	uint32_t u = (uint32_t)v;
	memcpy(b->p + at, &u, sizeof u);
}

/* Write out what b gathered to f's file, past stdio: nothing is ever written
 * through f itself, and reading it back starts with a seek. 0 or -1. */
static int spill(kb_buf *b, FILE *f)
{
	if (b->len && kb_fd_write(fileno(f), b->p, b->len))
		return -1;
	b->len = 0;
	return 0;
}

int kb_part_add(kb_part *p, kb_span rec, const kb_members *m)
{
	if (key_ids(p, m))
		return -1;
	/* both files gather in buffers of this part, written out by the block */
	kb_buf *j = &p->jbuf;
	if ((p->n && kb_buf_put(j, ",\n", 2)) || kb_buf_put(j, rec.p, rec.n) ||
	    (j->len >= KB_PART_BUF && spill(j, p->json)))
		return -1;
	kb_buf *b = &p->cbuf;
	size_t start = b->len;
	if (put_u32(b, 0) || put_u32(b, m->n))
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		size_t at = b->len;
		if (put_u32(b, p->ids[i]) || put_u32(b, 0) || litx_csv_cell(b, m->v[i].val, &p->sc))
			return -1;
		size_t len = b->len - at - 8;
		if (len > UINT32_MAX)
			return -1;
		set_u32(b, at + 4, len);
	}
	if (b->len - start - 4 > UINT32_MAX)
		return -1;
	set_u32(b, start, b->len - start - 4);
	if (b->len >= KB_PART_BUF && spill(b, p->cells))
		return -1;
	p->n++;
	return 0;
}

int kb_part_write_json(kb_part *p, FILE *out)
{
	return spill(&p->jbuf, p->json) ? -1 : kb_file_copy(p->json, out);
}

static uint32_t get_u32(const char *s)
{
	uint32_t u;
	memcpy(&u, s, sizeof u);
	return u;
}

/* The rows: each record's fields placed in their columns. col[id] is the column
 * of key id. */
static int write_rows(kb_part *p, FILE *f, const size_t *col, size_t n_cols)
{
	kb_span *cell = calloc(n_cols ? n_cols : 1, sizeof *cell);
	kb_buf body = { NULL, 0, 0 }, row = { NULL, 0, 0 };
	int rc = cell && !spill(&p->cbuf, p->cells) && !fflush(p->cells) && !fseek(p->cells, 0, SEEK_SET) ? 0 : -1;
	for (size_t r = 0; rc == 0 && r < p->n; r++) {
		char head[4];
		if (fread(head, 1, 4, p->cells) != 4) {
			rc = -1;
			break;
		}
		body.len = 0;
		uint32_t len = get_u32(head);
		if (len < 4 || kb_buf_reserve(&body, len) || fread(body.p, 1, len, p->cells) != len) {
			rc = -1;
			break;
		}
		memset(cell, 0, n_cols * sizeof *cell);
		uint32_t n = get_u32(body.p);
		size_t at = 4;
		for (uint32_t i = 0; i < n; i++) {
			if (len - at < 8) {
				rc = -1;
				break;
			}
			uint32_t id = get_u32(body.p + at), fl = get_u32(body.p + at + 4);
			at += 8;
			if (id >= p->n_keys || len - at < fl) {
				rc = -1;
				break;
			}
			cell[col[id]] = (kb_span){ body.p + at, fl };
			at += fl;
		}
		for (size_t c = 0; rc == 0 && c < n_cols; c++)
			if ((c && kb_buf_putc(&row, ',')) || kb_buf_put(&row, cell[c].p, cell[c].n))
				rc = -1;
		if (rc == 0 && kb_buf_put(&row, "\r\n", 2))
			rc = -1;
		if (rc == 0 && row.len >= (1 << 16)) {
			if (fwrite(row.p, 1, row.len, f) != row.len)
				rc = -1;
			row.len = 0;
		}
	}
	if (rc == 0 && row.len && fwrite(row.p, 1, row.len, f) != row.len)
		rc = -1;
	free(cell);
	kb_buf_free(&body);
	kb_buf_free(&row);
	return rc;
}

int kb_part_write_csv(kb_part *p, const char *path)
{
	json_t *keys = json_object();
	for (size_t i = 0; keys && i < p->n_keys; i++)
		if (json_object_set_new(keys, p->keys[i].name, json_true())) {
			json_decref(keys);
			keys = NULL;
		}
	json_t *cols = keys ? litx_csv_columns(p->table, keys) : NULL;
	json_decref(keys);
	size_t n_cols = json_array_size(cols);
	size_t *col = cols ? calloc(p->n_keys ? p->n_keys : 1, sizeof *col) : NULL;
	FILE *f = col ? fopen(path, "w") : NULL;
	/* unbuffered: the header and the rows go in blocks of 64 KB already, each
	 * then one write(2) instead of stdio's 4 KB piece and the rest */
	int rc = f && setvbuf(f, NULL, _IONBF, 0) == 0 ? 0 : -1;
	/* every key is a column: the columns are the documented ones, then the keys */
	for (size_t k = 0; rc == 0 && k < p->n_keys; k++) {
		size_t c = 0;
		while (c < n_cols && strcmp(json_string_value(json_array_get(cols, c)), p->keys[k].name))
			c++;
		if (c == n_cols)
			rc = -1;
		col[p->keys[k].id] = c;
	}
	if (rc == 0)
		rc = litx_csv_header(f, cols);
	if (rc == 0)
		rc = write_rows(p, f, col, n_cols);
	if (f && fclose(f))
		rc = -1;
	free(col);
	json_decref(cols);
	return rc;
}
