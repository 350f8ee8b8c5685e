/* fuzz_quantity.c - libFuzzer target: the number-and-unit parser of the metrics
 * plugin (plugins/metrics/quantity.h, unit.h), compiled into the target from the
 * plugin's sources. The bytes are taken as normalized text when they are valid
 * UTF-8 (the parser's contract: it runs on document text) and scanned the way the
 * plugin scans a sentence: at every position where a number starts, parse the
 * quantity and continue after it; at every position, try a unit and a potential
 * scale. Checks: every offset returned lies in the text and moves forward, at most
 * MX_MAX_VALUES values, ranges ordered as written, factors finite. */
#include "common.h"
#include "quantity.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void check_quantity(const mx_quantity *q, size_t pos, size_t end, size_t len)
{
	FZ_ASSERT(end > pos && end <= len, "quantity end");
	FZ_ASSERT(q->start <= q->end && q->end <= len, "quantity range");
	FZ_ASSERT(q->n >= 1 && q->n <= MX_MAX_VALUES, "value count");
	for (size_t i = 0; i < q->n; i++) {
		const mx_value *v = &q->v[i];
		FZ_ASSERT(v->qstart <= v->start && v->start <= v->end && v->end <= len, "value range");
		FZ_ASSERT(v->ustart <= v->uend && v->uend <= len, "unit range");
		FZ_ASSERT((unsigned)v->qual <= MX_Q_UPTO, "qualifier");
		FZ_ASSERT(mx_qual_str(v->qual) != NULL, "qualifier name");
	}
	FZ_ASSERT((unsigned)q->unit.cls <= MX_OTHER, "unit class");
	FZ_ASSERT(mx_class_name(q->unit.cls) != NULL, "unit class name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_utf8_valid((const char *)data, size) || memchr(data, 0, size))
		return 0;
	/* NUL-terminated, as document text is, but no byte more */
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t pos = 0; pos < size;) {
		if (!mx_number_start(s, size, pos)) {
			pos++;
			continue;
		}
		size_t qs = pos;
		mx_qual ql = mx_qualifier_before(s, pos, &qs);
		FZ_ASSERT(qs <= pos && (unsigned)ql <= MX_Q_UPTO, "qualifier before");
		double v = 0;
		size_t ne = mx_number_read(s, size, pos, &v);
		FZ_ASSERT(ne == 0 || (ne > pos && ne <= size), "number end");
		mx_quantity q;
		memset(&q, 0, sizeof q);
		size_t end = mx_quantity_parse(s, size, pos, &q);
		if (!end) {
			pos++;
			continue;
		}
		check_quantity(&q, pos, end, size);
		pos = end;
	}
	for (size_t pos = 0; pos < size && pos < 4096; pos++) {
		mx_unit u;
		size_t e = mx_unit_parse(s, size, pos, &u);
		if (e) {
			FZ_ASSERT(e > pos && e <= size, "unit end");
			FZ_ASSERT(u.start <= u.end && u.end <= size && u.scale_end <= size, "unit range");
			FZ_ASSERT(u.basis_start <= u.basis_end && u.basis_end <= size, "unit basis");
			FZ_ASSERT(isfinite(u.factor), "unit factor");
		}
		const char *scale = NULL;
		e = mx_scale_parse(s, size, pos, &scale);
		FZ_ASSERT(e == 0 || (e > pos && e <= size && scale), "scale end");
	}
	free(s);
	return 0;
}
