/* rec_locate.c - the provenance every extractor attaches to a record: source line
 * and offset, the sentence as snippet, and the citation labels of that sentence. */
#include <litx/plugin.h>
#include <stdlib.h>
#include <string.h>
#include "unichar.h"

#define SNIPPET_MAX 400

void litx_rec_locate(json_t *rec, const litx_text *t, size_t start, size_t end)
{
	uint32_t line;
	size_t off;
	if (start > t->len)
		start = t->len;
	if (end < start)
		end = start;
	litx_text_locate(t, start, &line, &off);
	json_object_set_new_nocheck(rec, "line", json_integer(line));
	json_object_set_new_nocheck(rec, "offset", json_integer((json_int_t)off));
	size_t ss, se;
	litx_text_sentence(t, start, &ss, &se);
	if (se < end && end <= t->len)
		se = end;
	size_t n = se - ss;
	if (n > SNIPPET_MAX)
		n = unichar_clip(t->s + ss, SNIPPET_MAX);
	/* document text is valid UTF-8 (doc.h) and unichar_clip cuts between
	 * characters: jansson's check of the same bytes again is skipped */
	json_object_set_new_nocheck(rec, "snippet", json_stringn_nocheck(t->s + ss, n));
	char buf[2048];
	litx_text_refs(t, ss, se, buf, sizeof buf);
	json_t *refs = json_array();
	for (char *p = buf; refs && *p;) {
		char *q = strchr(p, ';');
		json_array_append_new(refs, json_stringn_nocheck(p, q ? (size_t)(q - p) : strlen(p)));
		if (!q)
			break;
		p = q + 1;
	}
	json_object_set_new_nocheck(rec, "refs", refs ? refs : json_null());
}
