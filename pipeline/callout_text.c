/* callout_text.c - callouts written in words: "ref. 87", "refs. 12 and 13", "[3–5]".
 *
 * One PCRE2 pattern with two alternatives finds both in one pass over a text; as
 * every match starts with '[' or "Ref"/"ref", memchr skips to those first
 * (next_candidate) and the pattern runs from there. (Author-year
 * callouts are found from their year instead, callout_ay.c.) It is compiled and JIT-compiled once per process (pthread_once), with a
 * match limit so a pathological text cannot stall a batch; each document brings
 * its own match data. The pattern only finds candidates: whether the numbers are
 * labels of the list is decided by the caller (callout.c). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "callout.h"
#include <litx/pattern.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DASHES "\\x{2010}-\\x{2015}\\x{2212}-"

static const char PATTERN[] =
	/* ref. 87 / refs. 12 and 13 / references 3–5 */
	"(?<ref>\\b(?:[Rr]efs?\\b\\.?|[Rr]eferences?\\b)\\s*"
	"(?<rl>\\d{1,4}(?:\\s*(?:[,;&" DASHES "]|and)\\s*\\d{1,4})*)(?!\\d))"
	/* [12] / [3–5] / [1,2] */
	"|(?<br>\\[(?<bl>\\d{1,4}(?:\\s*[,;" DASHES "]\\s*\\d{1,4})*)\\])";

static pcre2_code *code;
static pcre2_match_context *mctx;
static int g_ref, g_rl, g_br, g_bl;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void compile(void)
{
	char err[256];
	pcre2_code *c = litx_pattern_compile(PATTERN, PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, err, sizeof err);
	if (!c)
		return;
	pcre2_match_context *m = litx_pattern_context();
	if (!m) {
		pcre2_code_free(c);
		return;
	}
#define G(v, name) v = pcre2_substring_number_from_name(c, (PCRE2_SPTR)name)
	G(g_ref, "ref"); G(g_rl, "rl"); G(g_br, "br"); G(g_bl, "bl");
#undef G
	mctx = m;
	code = c;
}

struct litx_tc_scan {
	pcre2_match_data *md;
};

litx_tc_scan *litx_tc_scan_new(void)
{
	pthread_once(&once, compile);
	if (!code)
		return NULL;
	litx_tc_scan *sc = malloc(sizeof *sc);
	if (!sc)
		return NULL;
	sc->md = pcre2_match_data_create_from_pattern(code, NULL);
	if (!sc->md) {
		free(sc);
		return NULL;
	}
	return sc;
}

void litx_tc_scan_free(litx_tc_scan *sc)
{
	if (!sc)
		return;
	pcre2_match_data_free(sc->md);
	free(sc);
}

static int group(const PCRE2_SIZE *ov, int g, size_t *s, size_t *e)
{
	if (g < 0 || ov[2 * g] == PCRE2_UNSET)
		return 0;
	*s = ov[2 * g];
	*e = ov[2 * g + 1];
	return 1;
}

/* The first byte at or after pos where a match can start: a '[', or an 'R' or 'r'
 * followed by "ef" (every match starts so); len when there is none. Most texts
 * have no callout: memchr finds these bytes faster than the pattern's own
 * first-byte search, which tries every 'r'. The search goes a window at a time so
 * that a text with many candidates is not scanned to its end for each. */
#define CANDIDATE_WINDOW 4096

static size_t next_candidate(const char *s, size_t pos, size_t len)
{
	while (pos < len) {
		size_t stop = len - pos > CANDIDATE_WINDOW ? pos + CANDIDATE_WINDOW : len;
		const char *b = memchr(s + pos, '[', stop - pos);
		size_t lim = b ? (size_t)(b - s) : stop; /* an 'R' must come before this */
		size_t fend = lim + 2 < len ? lim + 2 : len;  /* ... so its 'f' before this */
		for (size_t f = pos + 2; f < fend; f++) {
			const char *q = memchr(s + f, 'f', fend - f);
			if (!q)
				break;
			f = (size_t)(q - s);
			if (s[f - 1] == 'e' && (s[f - 2] == 'R' || s[f - 2] == 'r'))
				return f - 2;
		}
		if (b)
			return lim;
		pos = stop;
	}
	return len;
}

int litx_tc_next(litx_tc_scan *sc, const char *s, size_t len, size_t *pos, litx_tc_match *m)
{
	size_t start = *pos < len ? next_candidate(s, *pos, len) : len;
	/* a bracket match needs a digit right after the '[' (\d: an ASCII digit or,
	 * with UCP, a character beyond ASCII): a '[' without one ("[Au25(SR)18]")
	 * starts no match, so the leftmost match is at a later candidate */
	while (start + 1 < len && s[start] == '[' &&
	       !((s[start + 1] >= '0' && s[start + 1] <= '9') || (unsigned char)s[start + 1] >= 0x80))
		start = next_candidate(s, start + 1, len);
	if (start >= len)
		return 0;
	int rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, 0, sc->md, mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1;
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	size_t a, b;
	*m = (litx_tc_match){ 0 };
	m->start = ov[0];
	m->end = ov[1];
	*pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	if (group(ov, g_ref, &a, &b)) {
		m->kind = LITX_TC_REF;
		group(ov, g_rl, &m->list_s, &m->list_e);
	} else {
		m->kind = LITX_TC_BRACKET;
		group(ov, g_bl, &m->list_s, &m->list_e);
	}
	return 1;
}
