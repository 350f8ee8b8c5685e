/* fuzz_refparse.c - libFuzzer target: the reference-entry parser (refparse.h).
 * The first byte gives the number of spans (0-15) and the next 3 bytes per span
 * its kind, start and length (scaled to the entry); the rest is the entry. The
 * spans are sorted by start, as the parser expects. Checks: every range lies in
 * the entry, names kept never exceed LITX_RF_MAX_NAMES or the names seen, and the
 * writers (authors, one name, one field) always terminate within cap, into a
 * roomy and a tiny buffer; on document-like text (valid UTF-8, no NUL) what they
 * write is valid UTF-8 (a field cut at cap must not split a character). */
#include "common.h"
#include "refparse.h"
#include <stdlib.h>
#include <string.h>

static int span_cmp(const void *a, const void *b)
{
	const litx_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void check_range(litx_rf_range r, size_t len, const char *what)
{
	FZ_ASSERT(r.start <= r.end && r.end <= len, what);
}

static void check_out(const char *buf, size_t n, size_t cap, int utf8, const char *what)
{
	FZ_ASSERT(n < cap && buf[n] == '\0', what);
	if (utf8)
		FZ_ASSERT(strlen(buf) == n && fz_utf8_valid(buf, n), what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t n_spans = data[0] & 15;
	if (size < 1 + 3 * n_spans)
		n_spans = (size - 1) / 3;
	const uint8_t *sp = data + 1;
	const char *s = (const char *)(data + 1 + 3 * n_spans);
	size_t len = size - 1 - 3 * n_spans;
	litx_span spans[16];
	for (size_t i = 0; i < n_spans; i++) {
		size_t st = len ? (size_t)sp[3 * i + 1] * len / 256 : 0;
		size_t ln = sp[3 * i + 2];
		spans[i] = (litx_span){ .kind = (litx_span_kind)(1 + sp[3 * i] % 6), .start = st,
			.end = st + ln < len ? st + ln : len };
	}
	qsort(spans, n_spans, sizeof *spans, span_cmp);
	/* an exact-size copy of the entry, so a read past its end shows */
	char *e = malloc(len ? len : 1);
	if (!e)
		return 0;
	memcpy(e, s, len);
	litx_refparsed p;
	if (litx_refparse(e, len, n_spans ? spans : NULL, n_spans, &p) == 0) {
		/* document text: valid UTF-8 without NUL bytes */
		int utf8 = fz_utf8_valid(e, len) && !memchr(e, '\0', len);
		for (int f = 0; f < LITX_RF_N; f++)
			check_range(p.f[f], len, "field range");
		check_range(p.author_list, len, "author list range");
		FZ_ASSERT(p.n_names <= LITX_RF_MAX_NAMES && p.n_names <= p.n_authors, "name count");
		char big[1024], tiny[5];
		/* A name cut at cap may split a character, and litx_refparse_authors cuts a
		 * name longer than its 512-byte scratch (both reported, see
		 * tests/test_regress.c refparse_name_cut_splits_utf8 and
		 * refparse_authors_long_name_cut): UTF-8 is checked only where nothing
		 * was cut. */
		int cut_name = 0;
		for (size_t k = 0; k < p.n_names; k++) {
			check_range(p.names[k].surname, len, "surname range");
			check_range(p.names[k].given, len, "given range");
			size_t m = litx_refparse_name(e, &p.names[k], big, sizeof big);
			cut_name |= m >= 511;
			check_out(big, m, sizeof big, utf8 && m < sizeof big - 1, "name (big)");
			m = litx_refparse_name(e, &p.names[k], tiny, sizeof tiny);
			check_out(tiny, m, sizeof tiny, 0, "name (tiny)");
		}
		size_t m = litx_refparse_authors(e, &p, big, sizeof big);
		check_out(big, m, sizeof big, utf8 && !cut_name, "authors (big)");
		m = litx_refparse_authors(e, &p, tiny, sizeof tiny);
		check_out(tiny, m, sizeof tiny, utf8 && !cut_name, "authors (tiny)");
		for (int f = 0; f < LITX_RF_N; f++) {
			m = litx_refparse_field(e, &p, (litx_rf_field)f, big, sizeof big);
			check_out(big, m, sizeof big, utf8, "field (big)");
			m = litx_refparse_field(e, &p, (litx_rf_field)f, tiny, sizeof tiny);
			check_out(tiny, m, sizeof tiny, utf8, "field (tiny)");
		}
	}
	free(e);
	return 0;
}
