/* text_query.c - questions plugins ask of a litx_text: where is this byte in the
 * source, which sentence holds it, which citations does that sentence carry. */
#include <litx/doc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include "hash.h"
#include "sentence_index.h"
#include "swar.h"

void litx_text_locate(const litx_text *t, size_t off, uint32_t *line, size_t *src_off)
{
	size_t lo = 0, hi = t->n_anchors;
	/* the last anchor whose text_off <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->anchors[mid].text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	const litx_anchor *a = t->n_anchors ? &t->anchors[lo] : NULL;
	if (!a) {
		*line = 0;
		*src_off = 0;
		return;
	}
	*line = a->line;
	*src_off = a->src_off + (off > a->text_off ? off - a->text_off : 0);
}

const litx_span *litx_text_span_at(const litx_text *t, size_t off, litx_span_kind kind)
{
	const litx_span *best = NULL;
	for (size_t i = 0; i < t->n_spans && t->spans[i].start <= off; i++) {
		const litx_span *s = &t->spans[i];
		if (s->kind == kind && off < s->end)
			best = s;
	}
	return best;
}

/* The running maximum of the span ends, maxend[i] = max(spans[0..i].end), lets a
 * lookup walk back from the last span starting at or before `off` and stop as soon
 * as no earlier span can reach `off`: the same answer as litx_text_span_at (the
 * last covering span in start order) without a walk from the first span, which
 * made a sentence pass over a text with many spans cost its length times its
 * spans. NULL maxend: the plain walk. */
static const litx_span *span_at_bounded(const litx_text *t, const size_t *maxend, size_t off,
					litx_span_kind kind)
{
	if (!maxend)
		return litx_text_span_at(t, off, kind);
	size_t lo = 0, hi = t->n_spans;
	/* hi: the number of spans starting at or before off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->spans[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0 && maxend[i] > off;) {
		const litx_span *s = &t->spans[i];
		if (s->kind == kind && off < s->end)
			return s;
	}
	return NULL;
}

#define AB(w) { w, sizeof w - 1 }
static const struct { const char *w; size_t n; } abbr[] = { AB("et al"), AB("Fig"),
	AB("Figs"), AB("ref"), AB("Ref"), AB("refs"), AB("Refs"), AB("e.g"), AB("i.e"),
	AB("vs"), AB("ca"), AB("approx"), AB("Eq"), AB("eq"), AB("No"), AB("etc"),
	AB("cf"), AB("Tab"), AB("Sect"), AB("Dr"), AB("Prof"), AB("resp"),
	AB("viz"), AB("al") };
#undef AB
_Static_assert(sizeof abbr / sizeof *abbr <= 32, "abbr_by_last holds a bit per abbreviation");

/* The abbreviations by their last byte (every one ends in an ASCII letter), one
 * bit each, built once per process: a '.' is compared with the few that end in
 * the byte before it, not with all of them. */
static uint32_t abbr_by_last[128];
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

static void abbr_build(void)
{
	for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
		abbr_by_last[(unsigned char)abbr[i].w[abbr[i].n - 1] & 127] |= (uint32_t)1 << i;
}

static int is_abbrev_before(const char *s, size_t dot)
{
	pthread_once(&abbr_once, abbr_build);
	unsigned char last = dot >= 1 ? (unsigned char)s[dot - 1] : 0;
	uint32_t m = last < 128 ? abbr_by_last[last] : 0;
	for (size_t i = 0; m; i++, m >>= 1) {
		size_t n = abbr[i].n;
		if ((m & 1) && dot >= n && memcmp(s + dot - n, abbr[i].w, n) == 0 &&
		    (dot == n || !((s[dot - n - 1] | 32) >= 'a' && (s[dot - n - 1] | 32) <= 'z')))
			return 1;
	}
	/* a single capital initial: "J. Smith" (but not a unit after a number:
	 * "at -0.57 V. The") */
	if (dot >= 1 && s[dot - 1] >= 'A' && s[dot - 1] <= 'Z' &&
	    (dot == 1 || s[dot - 2] == ' ' || s[dot - 2] == '.' || s[dot - 2] == '-') &&
	    !(dot >= 3 && s[dot - 2] == ' ' && s[dot - 3] >= '0' && s[dot - 3] <= '9'))
		return 1;
	return 0;
}

/* Is there a sentence end at byte i (the '.', '?' or '!')? It returns the index of
 * the first byte of the next sentence, or 0 when not an end. */
static size_t sentence_end(const litx_text *t, const size_t *maxend, size_t i)
{
	const char *s = t->s;
	char c = s[i];
	if (c != '.' && c != '?' && c != '!')
		return 0;
	if (c == '.' && is_abbrev_before(s, i))
		return 0;
	/* a decimal point (but not the digits of a citation right after a full stop) */
	if (c == '.' && i + 1 < t->len && s[i + 1] >= '0' && s[i + 1] <= '9' &&
	    !span_at_bounded(t, maxend, i + 1, LITX_SPAN_CITE) &&
	    !span_at_bounded(t, maxend, i + 1, LITX_SPAN_SUP))
		return 0;
	size_t j = i + 1;
	/* a citation superscript closing the sentence belongs to it */
	const litx_span *cs;
	while (j < t->len && ((cs = span_at_bounded(t, maxend, j, LITX_SPAN_CITE)) ||
			      (cs = span_at_bounded(t, maxend, j, LITX_SPAN_SUP))))
		j = cs->end;
	while (j < t->len && (s[j] == '"' || s[j] == ')' || s[j] == '\''))
		j++;
	if (j >= t->len)
		return 0;
	if (s[j] != ' ' && s[j] != '\n')
		return 0;
	while (j < t->len && (s[j] == ' ' || s[j] == '\n'))
		j++;
	if (j >= t->len)
		return 0;
	/* the next sentence starts with a capital, a digit, a bracket or a non-ASCII char */
	unsigned char n = (unsigned char)s[j];
	if ((n >= 'a' && n <= 'z'))
		return 0;
	return j;
}

/* The end of the sentence that starts at st: where the next one starts, trailing
 * white space trimmed, or the end of the text. */
static size_t trim_end(const litx_text *t, size_t st, size_t next)
{
	size_t e = next;
	while (e > st + 1 && (t->s[e - 1] == ' ' || t->s[e - 1] == '\n'))
		e--;
	return e;
}

/* Below this many spans a lookup walks them from the first; above it the running
 * maximum of their ends is worth its allocation. */
#define SPAN_WALK_MAX 16

/* The first '.', '?' or '!' at or after i, or len, looking eight bytes at a time. */
static size_t next_stop(const char *s, size_t i, size_t len)
{
	for (; i + 8 <= len; i += 8) {
		uint64_t w = swar_load(s + i);
		if (swar_eq(w, '.') | swar_eq(w, '?') | swar_eq(w, '!'))
			break;
	}
	for (; i < len; i++)
		if (s[i] == '.' || s[i] == '?' || s[i] == '!')
			return i;
	return len;
}

size_t litx_text_sentence_starts(const litx_text *t, size_t *out, size_t cap)
{
	size_t *maxend = NULL;
	/* without the array (allocation failed) the answer is the same, only slower */
	if (t->n_spans > SPAN_WALK_MAX && (maxend = malloc(t->n_spans * sizeof *maxend))) {
		size_t m = 0;
		for (size_t i = 0; i < t->n_spans; i++)
			maxend[i] = m = t->spans[i].end > m ? t->spans[i].end : m;
	}
	size_t n = 0;
	for (size_t i = next_stop(t->s, 0, t->len); i < t->len; i = next_stop(t->s, i + 1, t->len)) {
		size_t nx = sentence_end(t, maxend, i);
		if (!nx)
			continue;
		if (out && n < cap)
			out[n] = nx;
		n++;
		i = nx - 1;
	}
	free(maxend);
	return n;
}

void litx_text_sentence(const litx_text *t, size_t off, size_t *start, size_t *end)
{
	if (t->sentences) {
		if (off > t->len)
			off = t->len;
		/* the number of sentence starts <= off */
		size_t lo = 0, hi = t->n_sentences;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (t->sentences[mid] <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		*start = lo ? t->sentences[lo - 1] : 0;
		*end = lo < t->n_sentences ? trim_end(t, *start, t->sentences[lo]) : t->len;
		return;
	}
	if (off > t->len)
		off = t->len;
	size_t st = 0;
	size_t i = 0;
	for (; i < t->len; i++) {
		size_t nx = sentence_end(t, NULL, i);
		if (!nx)
			continue;
		if (nx > off) {
			*start = st;
			/* the end includes the closing citation */
			size_t e = nx;
			while (e > i + 1 && (t->s[e - 1] == ' ' || t->s[e - 1] == '\n'))
				e--;
			*end = e;
			return;
		}
		st = nx;
		i = nx - 1;
	}
	*start = st;
	*end = t->len;
}

/* The labels already listed by litx_text_refs, as (offset, length) into its
 * output. A sentence usually carries a few labels: they are compared one by one,
 * and only past REFS_LINEAR labels does an open-addressing set take over (so a
 * sentence of many callouts costs its length, not its square, and a sentence of
 * three does not pay for clearing a thousand slots). */
#define REFS_SLOTS 1024
#define REFS_LINEAR 16
typedef struct refs_set {
	uint32_t off[REFS_SLOTS]; /* offset + 1 in the output; 0: empty */
	uint32_t len[REFS_SLOTS];
	size_t n;
	int hashed;               /* off/len are the hash slots; else the first n entries */
} refs_set;

static uint32_t label_hash(const char *p, size_t len)
{
	return (uint32_t)litx_hash(p, len);
}

/* The slot of label [p, p+len): where it is, or the empty slot it would take. */
static uint32_t refs_slot(const refs_set *set, const char *buf, const char *p, size_t len)
{
	uint32_t k = label_hash(p, len) % REFS_SLOTS;
	while (set->off[k] &&
	       !(set->len[k] == len && memcmp(buf + set->off[k] - 1, p, len) == 0))
		k = (k + 1) % REFS_SLOTS;
	return k;
}

static int refs_seen(const refs_set *set, const char *buf, const char *p, size_t len)
{
	if (set->hashed)
		return set->off[refs_slot(set, buf, p, len)] != 0;
	for (size_t i = 0; i < set->n; i++)
		if (set->len[i] == len && memcmp(buf + set->off[i] - 1, p, len) == 0)
			return 1;
	return 0;
}

/* Record the label just written at buf[at, at+len). */
static void refs_add(refs_set *set, const char *buf, size_t at, size_t len)
{
	if (!set->hashed && set->n == REFS_LINEAR) {
		uint32_t off[REFS_LINEAR], ln[REFS_LINEAR];
		memcpy(off, set->off, sizeof off);
		memcpy(ln, set->len, sizeof ln);
		memset(set->off, 0, sizeof set->off);
		set->hashed = 1;
		for (size_t i = 0; i < REFS_LINEAR; i++) {
			uint32_t k = refs_slot(set, buf, buf + off[i] - 1, ln[i]);
			set->off[k] = off[i];
			set->len[k] = ln[i];
		}
	}
	uint32_t k = set->hashed ? refs_slot(set, buf, buf + at, len) : (uint32_t)set->n;
	set->off[k] = (uint32_t)at + 1;
	set->len[k] = (uint32_t)len;
	set->n++;
}

size_t litx_text_refs(const litx_text *t, size_t start, size_t end, char *buf, size_t cap)
{
	size_t n = 0, used = 0;
	if (!cap)
		return 0;
	buf[0] = '\0';
	refs_set set;
	set.n = 0;
	set.hashed = 0;
	/* spans are sorted by start: none after the first that starts at `end` overlaps */
	for (size_t i = 0; i < t->n_spans && t->spans[i].start < end; i++) {
		const litx_span *s = &t->spans[i];
		if (s->kind != LITX_SPAN_CITE || !s->labels || s->end <= start)
			continue;
		for (const char *p = s->labels; *p;) {
			const char *q = strchr(p, ';');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len && !refs_seen(&set, buf, p, len)) {
				size_t at = used ? used + 1 : 0;
				/* truncated at cap; the set stays at most half full, so a probe
				 * ends quickly */
				if (at + len + 1 > cap || set.n >= REFS_SLOTS / 2)
					return n;
				if (used)
					buf[used] = ';';
				memcpy(buf + at, p, len);
				used = at + len;
				buf[used] = '\0';
				refs_add(&set, buf, at, len);
				n++;
			}
			if (!q)
				break;
			p = q + 1;
		}
	}
	return n;
}
