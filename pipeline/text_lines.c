/* text_lines.c - the text reader's view of its source: lines, running heads and
 * page furniture, and the helpers the other files share: trimming, a prefix test
 * without case, and turning a piece of a line into document text.
 *
 * Lines are found with memchr in one pass. A running head is recognised by
 * repetition, not by its wording: a short line seen three times or more is page
 * furniture. The repeats are counted in an open-addressing table of 64-bit
 * FNV-1a hashes (a collision could only make a short line furniture), so the
 * whole step is linear in the source. The other furniture rules look at one line:
 * page numbers, copyright and licence lines, e-mail and affiliation lines, the
 * journal's banner phrases, a bare URL. */
#include "hash.h"
#include "text_int.h"
#include <stdlib.h>
#include <string.h>

#define REP_MAX_LEN 100   /* longest line counted as a possible running head */
#define REP_MIN_COUNT 3

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *text_trim(const char *s, size_t *n)
{
	size_t a = 0, e = *n;
	while (a < e && is_ws((unsigned char)s[a]))
		a++;
	while (e > a && is_ws((unsigned char)s[e - 1]))
		e--;
	*n = e - a;
	return s + a;
}

static uint64_t fnv(const char *s, size_t n)
{
	return litx_hash(s, n) | 1; /* 0 marks an empty slot */
}

typedef struct rep_slot {
	uint64_t h;
	uint32_t count;
} rep_slot;

static int mark_repeats(text_rd *r)
{
	size_t cand = 0;
	for (size_t i = 0; i < r->n_ln; i++) {
		size_t n = r->ln[i].len;
		text_trim(tl_s(r, i), &n);
		if (!r->ln[i].blank && !r->ln[i].tab && n <= REP_MAX_LEN)
			cand++;
	}
	if (cand < REP_MIN_COUNT)
		return 0;
	size_t cap = 64;
	while (cap < cand * 2)
		cap *= 2;
	rep_slot *t = calloc(cap, sizeof *t);
	if (!t)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < r->n_ln; i++) {
			size_t n = r->ln[i].len;
			const char *s = text_trim(tl_s(r, i), &n);
			if (r->ln[i].blank || r->ln[i].tab || n > REP_MAX_LEN)
				continue;
			uint64_t h = fnv(s, n);
			size_t k = (size_t)h & (cap - 1);
			while (t[k].h && t[k].h != h)
				k = (k + 1) & (cap - 1);
			if (pass == 0) {
				t[k].h = h;
				if (t[k].count < UINT32_MAX)
					t[k].count++;
			} else if (t[k].count >= REP_MIN_COUNT) {
				r->ln[i].rep = 1;
			}
		}
	}
	free(t);
	return 0;
}

int text_lines_split(text_rd *r)
{
	size_t n = 1;
	for (const char *p = r->buf, *e = r->buf + r->len; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		n++;
	r->ln = calloc(n, sizeof *r->ln);
	if (!r->ln)
		return -1;
	size_t k = 0, off = 0;
	while (off <= r->len && k < n) {
		const char *p = memchr(r->buf + off, '\n', r->len - off);
		size_t end = p ? (size_t)(p - r->buf) : r->len;
		tline *l = &r->ln[k++];
		l->off = off;
		l->len = end - off;
		if (k == 1 && l->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
			l->off += 3; /* a byte-order mark */
			l->len -= 3;
		}
		if (l->len && r->buf[end - 1] == '\r')
			l->len--;
		l->tab = memchr(r->buf + l->off, '\t', l->len) != NULL;
		l->blank = 1;
		for (size_t i = l->off; i < l->off + l->len && l->blank; i++)
			l->blank = is_ws((unsigned char)r->buf[i]);
		if (!p)
			break;
		off = end + 1;
	}
	r->n_ln = k;
	return mark_repeats(r);
}

int text_prefix_ci(const char *s, size_t n, const char *p)
{
	/* no strlen first: most calls differ in the first byte */
	for (size_t i = 0;; i++) {
		unsigned char a, b = (unsigned char)p[i];
		if (!b)
			return 1;
		if (i == n)
			return 0;
		a = (unsigned char)s[i];
		if (a >= 'A' && a <= 'Z')
			a |= 32;
		if (b >= 'A' && b <= 'Z')
			b |= 32;
		if (a != b)
			return 0;
	}
}

static int contains(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memmem(s, n, w, k) != NULL;
}

static int is_page_number(const char *s, size_t n)
{
	size_t i = 0;
	if (text_prefix_ci(s, n, "page "))
		i = 5;
	size_t d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == d || i - d > 5)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n)
		return 1;
	if (text_prefix_ci(s + i, n - i, "of ") || s[i] == '/' || s[i] == '|') {
		i += s[i] == '/' || s[i] == '|' ? 1 : 3;
		while (i < n && s[i] == ' ')
			i++;
		d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		return i > d && i == n;
	}
	return 0;
}

static size_t count_char(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* An affiliation: it opens with an institution word and reads like an address. */
static int is_affiliation(const char *s, size_t n)
{
	static const char *const open[] = { "Department ", "Dept. ", "School ", "College ",
		"Institute ", "Faculty ", "Laboratory ", "Key Laboratory", "State Key", "Centre ",
		"Center ", "Division ", "University ", "Graduate School", "National ", "Research Center",
		"Research Centre" };
	size_t i = 0;
	/* a marker first: "a ", "ᵃ", "1", "*", "†" */
	if (n > 2 && s[1] == ' ' && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9') ||
				      s[0] == '*'))
		i = 2;
	int ok = 0;
	for (size_t k = 0; k < sizeof open / sizeof *open; k++)
		if (text_prefix_ci(s + i, n - i, open[k]) && s[i] >= 'A' && s[i] <= 'Z')
			ok = 1;
	if (!ok || n > 1000 || count_char(s, n, ',') < 2)
		return 0;
	return contains(s, n, "Universit") || contains(s, n, "Institut") || contains(s, n, "Academy") ||
	       contains(s, n, "College") || contains(s, n, "Laborator") || contains(s, n, "Centre") ||
	       contains(s, n, "Center");
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* An e-mail address somewhere in s: x@host.tld */
static int has_email(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '@', n - (size_t)(p - s))); p++) {
		size_t at = (size_t)(p - s), j = at + 1, dots = 0;
		if (at == 0 || !is_alnum((unsigned char)s[at - 1]))
			continue;
		while (j < n && j - at < 256 && (is_alnum((unsigned char)s[j]) || s[j] == '-' ||
						 s[j] == '.')) {
			dots += s[j] == '.' && j + 1 < n && is_alnum((unsigned char)s[j + 1]);
			j++;
		}
		if (dots)
			return 1;
		if (j >= n)
			break;
	}
	return 0;
}

int text_is_furniture(const text_rd *r, size_t i)
{
	static const char *const banner[] = { "This journal is", "Open Access Article",
		"View Article Online", "View Journal", "This article is licensed under",
		"Published on ", "Downloaded on ", "Check for updates", "All publication charges",
		"Received ", "Accepted ", "First published", "Cite this:", "Electronic supplementary",
		"Copyright", "(c) ", "Corresponding author", "Correspondence", "E-mail", "Email:",
		"*E-mail", "Tel:", "Fax:", "ORCID" };
	const tline *l = &r->ln[i];
	if (l->blank)
		return 1;
	if (l->rep)
		return 1;
	size_t n = l->len;
	const char *s = text_trim(tl_s(r, i), &n);
	if (is_page_number(s, n))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9) /* © */
		return 1;
	if (n < 200 && contains(s, n, "\xC2\xA9"))
		return 1;
	if (n < 300)
		for (size_t k = 0; k < sizeof banner / sizeof *banner; k++)
			if (text_prefix_ci(s, n, banner[k]))
				return 1;
	if (n < 300 && count_char(s, n, ' ') < 8 && has_email(s, n))
		return 1;
	if (!l->tab && is_affiliation(s, n))
		return 1;
	/* a URL or journal site on its own */
	if (n < 120 && !memchr(s, ' ', n) && memchr(s, '.', n) &&
	    (memchr(s, '/', n) || text_prefix_ci(s, n, "www.")))
		return 1;
	return 0;
}

void text_piece_tmp(text_rd *r, size_t i, const char *s, size_t n, unsigned flags)
{
	tbuf_reset(&r->tb);
	text_inl_begin(&r->inl, &r->tb, flags);
	tbuf_mark(&r->tb, (uint32_t)(i + 1), (size_t)(s - r->buf));
	text_inl_add(&r->inl, s, n, (uint32_t)(i + 1), (size_t)(s - r->buf));
	text_inl_end(&r->inl);
}

int text_piece(text_rd *r, size_t i, const char *s, size_t n, unsigned flags, litx_text *out)
{
	text_piece_tmp(r, i, s, n, flags);
	if (tbuf_finish(&r->tb, r->b->a, out)) {
		r->oom = 1;
		return -1;
	}
	return 0;
}
