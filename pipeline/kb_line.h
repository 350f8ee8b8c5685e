/* kb_line.h - one shard line read back for the assembly: its table, its record's
 * JSON text and the record's members, without building jansson objects. */
#ifndef LITX_KB_LINE_H
#define LITX_KB_LINE_H
#include "kb_jscan.h"
#include "kb_json.h"

typedef struct kb_line {
	const char *table; /* decoded, NUL-terminated */
	kb_span record;    /* the record's JSON text, in kb_json's form */
	kb_members m;      /* its members */
	kb_buf tname;
	kb_jw jw;          /* the record rewritten, for a line not in kb_json's form */
} kb_line;

/* Read the line s[0..n) (its newline optional), as litx_kb_parse_line accepts
 * it: an object with a string "table" and an object "record". A line exactly as
 * litx writes it is checked and used in place; any other is parsed by jansson
 * and its record rewritten in kb_json's form. 0; -1 when it is not a litx record
 * line; -2 when out of memory. The spans point into s or into l: valid until
 * the next read. */
int kb_line_read(kb_line *l, const char *s, size_t n);

/* The same for a line this process has just written with kb_json_line: its form
 * is known, so the record is walked, not checked (the check was a tenth of a
 * run). -1 when the line is not of that form. */
int kb_line_read_own(kb_line *l, const char *s, size_t n);
/* The same with the record's members taken from its marks (kb_json_line_marked):
 * n_members entries at mk, or KB_MARKS_NONE to walk the record. */
int kb_line_read_marked(kb_line *l, const char *s, size_t n, const char *mk, size_t n_members);
void kb_line_free(kb_line *l);
#endif
