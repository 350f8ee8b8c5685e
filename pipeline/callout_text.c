/* callout_text.c - callouts written in words: "ref. 87", "refs. 12 and 13", "[3–5]".
 *
 * One PCRE2 pattern with two alternatives finds both in one pass over a text; as
 * every match starts with 'R', 'r' or '[', the JIT skips to those bytes. (Author-year
 * callouts are found from their year instead, callout_ay.c.) It is compiled and JIT-compiled once per process (pthread_once), with a
 * match limit so a pathological text cannot stall a batch; each document brings
 * its own match data. The pattern only finds candidates: whether the numbers are
 * labels of the list is decided by the caller (callout.c). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "callout.h"
#include <litx/pattern.h>
#include <pthread.h>
#include <stdlib.h>

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

int litx_tc_next(litx_tc_scan *sc, const char *s, size_t len, size_t *pos, litx_tc_match *m)
{
	if (*pos >= len)
		return 0;
	int rc = pcre2_match(code, (PCRE2_SPTR)s, len, *pos, 0, sc->md, mctx);
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
