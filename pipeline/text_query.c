/* text_query.c - questions plugins ask of a litx_text: where is this byte in the
 * source, which sentence holds it, which citations does that sentence carry. */
#include <litx/doc.h>
#include <stdint.h>
#include <string.h>
#include "sentence_index.h"

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

static int is_abbrev_before(const char *s, size_t dot)
{
	static const char *const abbr[] = { "et al", "Fig", "Figs", "ref", "Ref", "refs", "Refs",
		"e.g", "i.e", "vs", "ca", "approx", "Eq", "eq", "No", "Ref", "etc", "cf", "Tab", "Sect",
		"Dr", "Prof", "resp", "ca", "viz", "al" };
	for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++) {
		size_t n = strlen(abbr[i]);
		if (dot >= n && memcmp(s + dot - n, abbr[i], n) == 0 &&
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
static size_t sentence_end(const litx_text *t, size_t i)
{
	const char *s = t->s;
	char c = s[i];
	if (c != '.' && c != '?' && c != '!')
		return 0;
	if (c == '.' && is_abbrev_before(s, i))
		return 0;
	/* a decimal point (but not the digits of a citation right after a full stop) */
	if (c == '.' && i + 1 < t->len && s[i + 1] >= '0' && s[i + 1] <= '9' &&
	    !litx_text_span_at(t, i + 1, LITX_SPAN_CITE) && !litx_text_span_at(t, i + 1, LITX_SPAN_SUP))
		return 0;
	size_t j = i + 1;
	/* a citation superscript closing the sentence belongs to it */
	const litx_span *cs;
	while (j < t->len && ((cs = litx_text_span_at(t, j, LITX_SPAN_CITE)) ||
			      (cs = litx_text_span_at(t, j, LITX_SPAN_SUP))))
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

size_t litx_text_sentence_starts(const litx_text *t, size_t *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < t->len; i++) {
		size_t nx = sentence_end(t, i);
		if (!nx)
			continue;
		if (out && n < cap)
			out[n] = nx;
		n++;
		i = nx - 1;
	}
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
		size_t nx = sentence_end(t, i);
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

/* The labels already listed by litx_text_refs, as an open-addressing set of
 * (offset, length) into its output, so a sentence of many callouts costs its
 * length, not its square. */
#define REFS_SLOTS 1024
typedef struct refs_set {
	uint32_t off[REFS_SLOTS]; /* offset + 1 in the output; 0: empty */
	uint32_t len[REFS_SLOTS];
	size_t n;
} refs_set;

static uint32_t label_hash(const char *p, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
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

size_t litx_text_refs(const litx_text *t, size_t start, size_t end, char *buf, size_t cap)
{
	size_t n = 0, used = 0;
	if (!cap)
		return 0;
	buf[0] = '\0';
	refs_set set;
	int set_ready = 0;
	/* spans are sorted by start: none after the first that starts at `end` overlaps */
	for (size_t i = 0; i < t->n_spans && t->spans[i].start < end; i++) {
		const litx_span *s = &t->spans[i];
		if (s->kind != LITX_SPAN_CITE || !s->labels || s->end <= start)
			continue;
		if (!set_ready) {
			memset(&set, 0, sizeof set);
			set_ready = 1;
		}
		for (const char *p = s->labels; *p;) {
			const char *q = strchr(p, ';');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			uint32_t k = len ? refs_slot(&set, buf, p, len) : 0;
			if (len && !set.off[k]) {
				size_t at = used ? used + 1 : 0;
				/* truncated at cap; the set stays at most half full, so a probe
				 * ends quickly */
				if (at + len + 1 > cap || set.n >= REFS_SLOTS / 2)
					return n;
				set.off[k] = (uint32_t)at + 1;
				set.len[k] = (uint32_t)len;
				set.n++;
				if (used)
					buf[used] = ';';
				memcpy(buf + at, p, len);
				used = at + len;
				buf[used] = '\0';
				n++;
			}
			if (!q)
				break;
			p = q + 1;
		}
	}
	return n;
}
