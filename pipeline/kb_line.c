/* kb_line.c - see kb_line.h. A line litx wrote is {"record":{...},"table":"..."}:
 * "table" sorts last, and no string in kb_json's form holds an unescaped quote,
 * so the last ',"table":"' of the line starts the table; the record is the text
 * between, and it must pass the full check. */
#include "kb_line.h"
#include "kb.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char head[] = "{\"record\":";
static const char tail[] = ",\"table\":\"";
#define HEAD_N (sizeof head - 1)
#define TAIL_N (sizeof tail - 1)

static const char *last_tail(const char *s, size_t n)
{
	for (size_t i = n >= TAIL_N ? n - TAIL_N + 1 : 0; i-- > 0;)
		if (s[i] == ',' && !memcmp(s + i, tail, TAIL_N))
			return s + i;
	return NULL;
}

static int set_table(kb_line *l, kb_span str)
{
	l->tname.len = 0;
	if (kb_jscan_string(str, &l->tname) || kb_buf_putc(&l->tname, '\0'))
		return -1;
	l->table = l->tname.p;
	return 0;
}

/* Split a line of kb_json's form into its record (l->record) and its table's
 * string text (*str). 0 or -1 when it is not of that form. */
static int split_own(kb_line *l, const char *s, size_t n, kb_span *str)
{
	size_t body = n && s[n - 1] == '\n' ? n - 1 : n;
	if (body < HEAD_N + TAIL_N + 3 || memcmp(s, head, HEAD_N) || s[body - 1] != '}')
		return -1;
	const char *t = last_tail(s, body - 1);
	if (!t)
		return -1;
	*str = (kb_span){ t + TAIL_N - 1, (size_t)(s + body - 1 - (t + TAIL_N - 1)) };
	l->record = (kb_span){ s + HEAD_N, (size_t)(t - (s + HEAD_N)) };
	return 0;
}

/* The line as litx writes it, checked; 1 when it is not. */
static int read_fast(kb_line *l, const char *s, size_t n)
{
	kb_span str;
	if (split_own(l, s, n, &str) || kb_jscan_check(str.p, str.n) || str.p[0] != '"' ||
	    kb_members_read(&l->m, l->record, 1))
		return 1;
	return set_table(l, str) ? -2 : 0;
}

int kb_line_read_own(kb_line *l, const char *s, size_t n)
{
	return kb_line_read_marked(l, s, n, NULL, KB_MARKS_NONE);
}

/* l->m from the marks of l->record's n members: two u32 each (kb_json.h). */
static int members_marked(kb_line *l, const char *mk, size_t n)
{
	kb_members *m = &l->m;
	m->n = 0;
	m->keys.len = 0;
	if (n > m->cap) {
		kb_member *v = realloc(m->v, n * sizeof *v);
		if (!v)
			return -2;
		m->v = v;
		m->cap = n;
	}
	const char *rec = l->record.p;
	uint32_t o[2];
	for (size_t i = 0; i < n; i++, mk += 8) {
		memcpy(o, mk, sizeof o);
		/* a key is at least its quotes and the colon; a value at least a byte */
		if ((size_t)o[0] + 3 > o[1] || o[1] >= l->record.n)
			return -1;
		m->v[i] = (kb_member){ { rec + o[0] + 1, o[1] - o[0] - 3 }, { rec + o[1], 0 } };
		if (i) { /* the previous value ends at this key's comma */
			kb_span *v = &m->v[i - 1].val;
			if (rec + o[0] <= v->p + 1)
				return -1;
			v->n = (size_t)(rec + o[0] - 1 - v->p);
		}
	}
	if (n) {
		kb_span *v = &m->v[n - 1].val;
		v->n = (size_t)(rec + l->record.n - 1 - v->p);
	}
	m->n = n;
	return 0;
}

int kb_line_read_marked(kb_line *l, const char *s, size_t n, const char *mk, size_t n_members)
{
	kb_span str;
	if (split_own(l, s, n, &str))
		return -1;
	int rc = n_members == KB_MARKS_NONE ? (kb_members_read(&l->m, l->record, 0) ? -2 : 0)
					    : members_marked(l, mk, n_members);
	if (rc)
		return rc;
	return set_table(l, str) ? -2 : 0;
}

int kb_line_read(kb_line *l, const char *s, size_t n)
{
	size_t body = n && s[n - 1] == '\n' ? n - 1 : n;
	int rc = read_fast(l, s, body);
	if (rc <= 0)
		return rc;
	json_t *j = litx_kb_parse_line(s, n);
	if (!j)
		return -1;
	const char *table = json_string_value(json_object_get(j, "table"));
	l->jw.out.len = 0;
	rc = kb_json_dump(&l->jw, json_object_get(j, "record")) ? -2 : 0;
	if (rc == 0) {
		l->tname.len = 0;
		if (kb_buf_put(&l->tname, table, strlen(table) + 1))
			rc = -2;
		l->table = l->tname.p;
		l->record = (kb_span){ l->jw.out.p, l->jw.out.len };
		if (rc == 0 && kb_members_read(&l->m, l->record, 0))
			rc = -2;
	}
	json_decref(j);
	return rc;
}

void kb_line_free(kb_line *l)
{
	kb_members_free(&l->m);
	kb_buf_free(&l->tname);
	kb_jw_free(&l->jw);
}
