/* callout_ay.c - which reference does "Smith et al., 2019" name?
 *
 * The reference list is indexed once per document by first author and year (the
 * JATS reader's tagged fields when there are any, else the reference-entry parser
 * on the raw entry). An author-year callout resolves to the one entry with that
 * surname and year; "and Jones", "et al." or a single name break ties between
 * entries of one first author and year, and a suffix letter ("2019b") picks the
 * entry by its own suffix or, when the list prints none, by its order. A callout
 * that fits no entry or several is not a callout of this document.
 *
 * Candidates are found from their year (a 4-digit run is cheap to spot) and read
 * backward to the name, so the text is scanned once without a pattern that would
 * have to try every capital letter. */
#include "callout.h"
#include "refparse.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "simd.h"

static int parse_year(const char *s, size_t n, int *year, char *suffix)
{
	/* the first 4-digit run 1600-2099, with a letter right after it */
	for (size_t i = 0; i + 4 <= n; i++) {
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		int ok = 1, v = 0;
		for (size_t k = 0; k < 4; k++) {
			if (s[i + k] < '0' || s[i + k] > '9') {
				ok = 0;
				break;
			}
			v = v * 10 + (s[i + k] - '0');
		}
		if (!ok || (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9') || v < 1600 || v > 2099)
			continue;
		*year = v;
		*suffix = (i + 4 < n && s[i + 4] >= 'a' && s[i + 4] <= 'z' &&
			   !(i + 5 < n && s[i + 5] >= 'a' && s[i + 5] <= 'z')) ? s[i + 4] : 0;
		return 1;
	}
	return 0;
}

/* Surnames of a tagged author list "Surname, G.; Surname, G.". */
static void tagged_names(const char *a, const char **s1, size_t *l1, const char **s2, size_t *l2,
			 size_t *n)
{
	*s1 = *s2 = NULL;
	*l1 = *l2 = 0;
	*n = 0;
	const char *p = a;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ',' && *e != ';')
			e++;
		if (e > p) {
			if (*n == 0) {
				*s1 = p;
				*l1 = (size_t)(e - p);
			} else if (*n == 1) {
				*s2 = p;
				*l2 = (size_t)(e - p);
			}
			(*n)++;
		}
		const char *q = strchr(e, ';');
		if (!q)
			break;
		p = q + 1;
	}
}

int litx_ay_build(litx_ay_index *ix, const litx_ref *refs, size_t n_refs)
{
	memset(ix, 0, sizeof *ix);
	if (!n_refs)
		return 0;
	size_t bytes = 0;
	for (size_t i = 0; i < n_refs; i++)
		bytes += (refs[i].authors ? strlen(refs[i].authors) : 0) + refs[i].raw.len + 2;
	ix->v = calloc(n_refs, sizeof *ix->v);
	ix->buf = malloc(bytes + 1);
	litx_refparsed *rp = malloc(sizeof *rp);
	if (!ix->v || !ix->buf || !rp) {
		free(rp);
		litx_ay_free(ix);
		return -1;
	}
	size_t used = 0;
	for (size_t i = 0; i < n_refs; i++) {
		const litx_ref *r = &refs[i];
		litx_ay_entry e = { 0 };
		e.ref = i;
		const char *s1 = NULL, *s2 = NULL;
		size_t l1 = 0, l2 = 0, na = 0;
		int parsed = 0;
		if (r->authors && *r->authors) {
			tagged_names(r->authors, &s1, &l1, &s2, &l2, &na);
		} else if (r->raw.s && r->raw.len) {
			if (litx_refparse(r->raw.s, r->raw.len, r->raw.spans, r->raw.n_spans, rp)) {
				free(rp);
				litx_ay_free(ix);
				return -1;
			}
			parsed = 1;
			if (rp->n_names) {
				s1 = r->raw.s + rp->names[0].surname.start;
				l1 = rp->names[0].surname.end - rp->names[0].surname.start;
			}
			if (rp->n_names > 1) {
				s2 = r->raw.s + rp->names[1].surname.start;
				l2 = rp->names[1].surname.end - rp->names[1].surname.start;
			}
			na = rp->n_authors;
			if (rp->et_al && na < 3)
				na = 3;
		}
		if (!s1 || !l1)
			continue;
		const char *ys = r->year;
		size_t yl = ys ? strlen(ys) : 0;
		if (!ys && r->raw.s) {
			if (!parsed) {
				if (litx_refparse(r->raw.s, r->raw.len, r->raw.spans, r->raw.n_spans, rp)) {
					free(rp);
					litx_ay_free(ix);
					return -1;
				}
			}
			if (rp->f[LITX_RF_YEAR].end > rp->f[LITX_RF_YEAR].start) {
				ys = r->raw.s + rp->f[LITX_RF_YEAR].start;
				yl = rp->f[LITX_RF_YEAR].end - rp->f[LITX_RF_YEAR].start;
			}
		}
		if (!ys || !parse_year(ys, yl, &e.year, &e.suffix))
			continue;
		memcpy(ix->buf + used, s1, l1);
		e.sur = ix->buf + used;
		e.sur_len = l1;
		used += l1;
		if (s2 && l2) {
			memcpy(ix->buf + used, s2, l2);
			e.sur2 = ix->buf + used;
			e.sur2_len = l2;
			used += l2;
		}
		e.n_auth = na;
		ix->v[ix->n++] = e;
	}
	free(rp);
	return 0;
}

void litx_ay_free(litx_ay_index *ix)
{
	free(ix->v);
	free(ix->buf);
	memset(ix, 0, sizeof *ix);
}

static int same(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && strncasecmp(a, b, al) == 0;
}

long litx_ay_resolve(const litx_ay_index *ix, const char *sur, size_t sur_len, const char *sur2,
		     size_t sur2_len, int et_al, int year, char suffix)
{
	long pick[16];
	size_t n = 0;
	for (size_t i = 0; i < ix->n && n < 16; i++) {
		const litx_ay_entry *e = &ix->v[i];
		if (e->year == year && same(e->sur, e->sur_len, sur, sur_len))
			pick[n++] = (long)i;
	}
	if (!n)
		return -1;
	/* the suffix letter: the entry's own, else its place among the candidates */
	if (suffix) {
		for (size_t k = 0; k < n; k++)
			if (ix->v[pick[k]].suffix == suffix)
				return (long)ix->v[pick[k]].ref;
		int any_suffix = 0;
		for (size_t k = 0; k < n; k++)
			any_suffix |= ix->v[pick[k]].suffix != 0;
		size_t pos = (size_t)(suffix - 'a');
		return !any_suffix && pos < n ? (long)ix->v[pick[pos]].ref : -1;
	}
	if (n == 1)
		return (long)ix->v[pick[0]].ref;
	/* several: the second author, "et al." or a single name decide */
	long found = -1;
	size_t fits = 0;
	for (size_t k = 0; k < n; k++) {
		const litx_ay_entry *e = &ix->v[pick[k]];
		int ok;
		if (sur2)
			ok = e->n_auth == 2 && e->sur2 && same(e->sur2, e->sur2_len, sur2, sur2_len);
		else if (et_al)
			ok = e->n_auth >= 3;
		else
			ok = e->n_auth == 1;
		if (ok) {
			found = (long)e->ref;
			fits++;
		}
	}
	return fits == 1 ? found : -1;
}

/* ---- finding author-year callouts from their year ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The code point ending just before s[j] and where it starts. */
static int32_t cp_before(const char *s, size_t j, size_t *start)
{
	size_t k = j;
	while (k > 0 && j - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		k--;
	utf8proc_int32_t c;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s + k, (utf8proc_ssize_t)(j - k), &c) !=
	    (utf8proc_ssize_t)(j - k))
		c = -1;
	*start = k;
	return c;
}

static int letter_cp(int32_t c)
{
	if (c < 0)
		return 0;
	if (c < 128)
		return ((c | 32) >= 'a' && (c | 32) <= 'z');
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

static int upper_cp(int32_t c)
{
	if (c < 0)
		return 0;
	if (c < 128)
		return c >= 'A' && c <= 'Z';
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int lower_cp(int32_t c)
{
	if (c < 0)
		return 0;
	if (c < 128)
		return c >= 'a' && c <= 'z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* A surname ending at s[j]: capitalised, with a lowercase letter, hyphens and
 * apostrophes inside ("Lopez-Acevedo", "O'Brien"), particles before it ("van der
 * Berg"). Returns its start, or j when there is none. */
static size_t surname_before(const char *s, size_t j)
{
	size_t k = j, first = j;
	int lower = 0;
	while (k > 0) {
		size_t st;
		int32_t c = cp_before(s, k, &st);
		if (letter_cp(c)) {
			lower |= lower_cp(c);
			first = st;
			k = st;
			continue;
		}
		/* inner hyphen or apostrophe, with a letter on both sides */
		if ((c == '-' || c == '\'' || c == 0x2019) && k < j && st > 0) {
			size_t st2;
			if (letter_cp(cp_before(s, st, &st2))) {
				k = st;
				continue;
			}
		}
		break;
	}
	if (first == j || !lower)
		return j;
	int32_t fc;
	utf8proc_iterate((const utf8proc_uint8_t *)s + first, (utf8proc_ssize_t)(j - first), &fc);
	if (!upper_cp(fc))
		return j;
	/* the word must start at a word boundary */
	if (first > 0) {
		size_t st;
		int32_t c = cp_before(s, first, &st);
		if (letter_cp(c) || (c >= '0' && c <= '9'))
			return j;
	}
	/* particles */
	static const char *const PART[] = { "van", "von", "de", "der", "den", "da", "di", "du", "dos",
		"del", "la", "le", "ten", "ter", NULL };
	for (;;) {
		if (first < 2 || s[first - 1] != ' ')
			break;
		size_t e = first - 1, b = e;
		while (b > 0 && s[b - 1] >= 'a' && s[b - 1] <= 'z')
			b--;
		if (b == e || (b > 0 && ascii_alnum((unsigned char)s[b - 1])))
			break;
		int hit = 0;
		for (const char *const *q = PART; *q; q++)
			hit |= strlen(*q) == e - b && !memcmp(*q, s + b, e - b);
		if (!hit)
			break;
		first = b;
	}
	return first;
}

static int ends_with(const char *s, size_t j, const char *w)
{
	size_t n = strlen(w);
	return j >= n && !memcmp(s + j - n, w, n);
}

/* The first digit in [i, end), end when none (sixteen bytes at a time where SSE2
 * is: a year is looked for in every text). */
static size_t next_digit(const char *s, size_t i, size_t end)
{
	return simd_find_range(s, i, end, '0', '9');
}

int litx_ay_next(const char *s, size_t len, size_t *pos, litx_tc_match *m)
{
	size_t i = *pos;
	while (i + 4 <= len) {
		i = next_digit(s, i, len - 3);
		if (i + 4 > len)
			break;
		size_t d = i;
		while (d < len && is_digit(s[d]))
			d++;
		size_t y0 = i;
		i = d;
		if (d - y0 != 4 || (y0 > 0 && ascii_alnum((unsigned char)s[y0 - 1]) ) ||
		    (y0 > 0 && s[y0 - 1] == '.'))
			continue;
		int year = (s[y0] - '0') * 1000 + (s[y0 + 1] - '0') * 100 + (s[y0 + 2] - '0') * 10 +
			   (s[y0 + 3] - '0');
		if (year < 1600 || year > 2099)
			continue;
		size_t end = d;
		char suffix = 0;
		if (end < len && s[end] >= 'a' && s[end] <= 'z' &&
		    (end + 1 >= len || !ascii_alnum((unsigned char)s[end + 1]))) {
			suffix = s[end];
			end++;
		} else if (end < len && ascii_alnum((unsigned char)s[end])) {
			continue;
		}
		/* backward: "(", spaces, ",", then "et al." or a name */
		size_t j = y0;
		int paren = 0;
		if (j > 0 && s[j - 1] == '(') {
			paren = 1;
			j--;
		}
		while (j > 0 && s[j - 1] == ' ')
			j--;
		if (j > 0 && s[j - 1] == ',')
			j--;
		int et_al = 0;
		if (ends_with(s, j, " et al.") || ends_with(s, j, " et al")) {
			et_al = 1;
			j -= ends_with(s, j, " et al.") ? 7 : 6;
		}
		size_t n_end = j, n_start = surname_before(s, j);
		if (n_start == n_end)
			continue;
		litx_tc_match r = { 0 };
		r.kind = LITX_TC_AUTHOR_YEAR;
		r.s1 = n_start;
		r.e1 = n_end;
		r.s2 = r.e2 = n_end;
		if (!et_al) {
			size_t k = n_start;
			size_t sep = ends_with(s, k, " and ") ? 5 : ends_with(s, k, " & ") ? 3 : 0;
			if (sep) {
				size_t s1e = k - sep, s1s = surname_before(s, s1e);
				if (s1s < s1e) {
					r.s2 = n_start;
					r.e2 = n_end;
					r.s1 = s1s;
					r.e1 = s1e;
				}
			}
		}
		r.et_al = et_al;
		r.year = year;
		r.suffix = suffix;
		r.start = r.s1;
		r.end = end;
		if (paren && end < len && s[end] == ')')
			r.end++;
		*m = r;
		*pos = r.end;
		return 1;
	}
	*pos = len;
	return 0;
}
