/* metric_rules.c - which words name which metric, and what kind of value each
 * metric takes. The rules are one table; at init they are joined into a single
 * PCRE2 alternation (one capturing group per rule) and JIT-compiled, so a block of
 * text is scanned once for all of them whatever the number of rules. A rule takes
 * values of its `classes` anywhere in the sentence and values of its `near` classes
 * only when written right next to it ("Tafel slope of 45 mV"). Where two rules
 * could match at the same place the more specific one comes first. */
#include "mx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B(c) MX_BIT(MX_##c)

const mx_rule mx_rules[] = {
	/* conditions of a test, never a result */
	{ NULL, "(?i:\\b(?:applied|impressed|imposed)\\s+(?:anodic\\s+|cathodic\\s+)?current"
		"(?:\\s+densit(?:y|ies))?\\b)|\\bi\\s?app\\b",
	  B(CURRENT_DENSITY) | B(CURRENT), 0, MX_KW_COND },
	{ "faradaic_efficiency", "(?i:\\bfarad(?:a)?ic\\s+efficienc(?:y|ies)\\b)|\\bFEs?\\b|\\bFE(?=[A-Z])",
	  B(PERCENT), 0, MX_KW_METRIC },
	{ "overpotential", "(?i:\\bover-?potentials?\\b)|\\x{03B7}|\\beta\\b",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "tafel_slope", "(?i:\\btafel\\s+slopes?\\b|\\btafel\\b)|[\\x{03B2}\\x{0392}]\\s?[ac]\\b",
	  B(TAFEL), B(POTENTIAL), MX_KW_METRIC },
	{ "turnover_frequency", "(?i:\\bturn-?over\\s+frequenc(?:y|ies)\\b)|\\bTOFs?\\b",
	  B(RATE), 0, MX_KW_METRIC },
	{ "onset_potential", "(?i:\\bonset\\s+potentials?\\b)|\\bE\\s?onset\\b",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "half_wave_potential", "(?i:\\bhalf-?wave\\s+potentials?\\b)|\\bE1/2\\b",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "corrosion_potential", "(?i:\\bcorrosion\\s+potentials?\\b)|\\bE\\s?corr\\b",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "current_density", "(?i:\\bcorrosion\\s+current(?:\\s+densit(?:y|ies))?\\b)|\\b[ij]\\s?corr\\b",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "partial_current_density", "(?i:\\bpartial\\s+current\\s+densit(?:y|ies)\\b)",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "exchange_current_density", "(?i:\\bexchange\\s+current\\s+densit(?:y|ies)\\b)",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "limiting_current_density",
	  "(?i:\\b(?:diffusion[- ])?limit(?:ing|ed)\\s+current\\s+densit(?:y|ies)\\b)",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "current_density", "(?i:\\bcurrent\\s+densit(?:y|ies)\\b)|\\bj\\b",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "mass_activity", "(?i:\\bmass\\s+activit(?:y|ies)\\b)",
	  B(MASS_ACTIVITY), 0, MX_KW_METRIC },
	{ "specific_activity", "(?i:\\bspecific\\s+activit(?:y|ies)\\b)",
	  B(CURRENT_DENSITY), 0, MX_KW_METRIC },
	{ "cell_voltage", "(?i:\\bcell\\s+(?:voltage|potential)s?\\b|\\b(?:applied|operating|working)"
		"\\s+voltages?\\b|\\bfull-?cell\\s+(?:potential|voltage)s?\\b)",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "rate_constant", "(?i:\\brate\\s+constants?\\b)|\\bk(?:obs|app|ET)\\b",
	  B(RATE), 0, MX_KW_METRIC },
	{ "production_rate", "(?i:\\b(?:production|evolution|generation|formation)\\s+rates?\\b"
		"|\\byield\\s+rates?\\b|\\byields?\\b)",
	  B(PRODUCTION_RATE), 0, MX_KW_METRIC },
	{ "electron_transfer_number", "(?i:\\belectron[- ]transfer(?:red)?\\s+numbers?\\b"
		"|\\bnumbers?\\s+of\\s+(?:the\\s+)?(?:transferred\\s+)?electrons?(?:\\s+transferred)?\\b)",
	  B(NONE), 0, MX_KW_METRIC },
	{ "stability_duration", "(?i:\\bstab(?:ility|le|ly)\\b|\\bdurab(?:ility|le)\\b"
		"|\\bchrono(?:amperometr|potentiometr)\\w*|\\blong-term\\b|\\blast(?:s|ed|ing)?\\b"
		"|\\bcontinuous(?:ly)?\\s+(?:operation|electrolysis|operat\\w*)\\b)",
	  B(TIME), 0, MX_KW_METRIC },
	{ "power_density", "(?i:\\b(?:peak\\s+|maximum\\s+)?power\\s+densit(?:y|ies)\\b)",
	  B(POWER_DENSITY), 0, MX_KW_METRIC },
	{ "homo_lumo_gap", "(?i:\\bHOMO\\s*[-\\x{2013}\\x{2212}]\\s*LUMO\\b(?:\\s*\\([^()]{0,120}\\))?"
		"\\s*(?:energy\\s+)?gaps?\\b)",
	  B(POTENTIAL) | B(ENERGY), 0, MX_KW_METRIC },
	{ "potential_gap", "(?i:\\bpotential\\s+gaps?\\b|\\belectrochemical\\s+gaps?\\b"
		"|\\bgaps?\\s+between\\b[^.;]{0,80}?\\bpotentials?\\b)",
	  B(POTENTIAL), 0, MX_KW_METRIC },
	{ "band_gap", "(?i:\\b(?:band|optical)\\s*gaps?\\b)|\\bEg\\b",
	  B(ENERGY), 0, MX_KW_METRIC },
};

const size_t mx_n_rules = sizeof mx_rules / sizeof *mx_rules;

/* Every way a rule above can start (lowercased ASCII; Greek as written; a final
 * '$' asks for the whole word: "e$" is the symbol E, not every word in e). */
static const char *const KW_HEADS[] = {
	"applied", "impressed", "imposed", "i$", "iapp", "icorr", "jcorr", "j$",
	"fara", "fe", "over", "\xCE\xB7", "eta", "tafel", "\xCE\xB2", "\xCE\x92",
	"turn", "tof", "onset", "e$", "eonset", "ecorr", "e1", "eg", "half", "corrosion",
	"partial", "exchange", "limit", "diffusion", "current", "mass", "specific", "cell",
	"operating", "working", "full", "rate", "kobs", "kapp", "ket", "production",
	"evolution", "generation", "formation", "yield", "electron", "number", "stab",
	"durab", "chrono", "long", "last", "continuous", "peak", "maximum", "power", "homo",
	"potential", "electrochemical", "gap", "band", "optical",
};

/* Lowercase ASCII byte. */
static unsigned char low(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned tri_hash(unsigned char b0, unsigned char b1, unsigned char b2)
{
	return ((unsigned)b0 * 961u + (unsigned)b1 * 31u + b2) & 8191u;
}

static int head_cmp(const void *a, const void *b)
{
	return (int)(unsigned char)(*(const char *const *)a)[0] -
	       (int)(unsigned char)(*(const char *const *)b)[0];
}

void mx_heads_init(mx_heads *h, const char *const *v, size_t n)
{
	if (n > MX_MAX_HEADS)
		n = MX_MAX_HEADS;
	memcpy(h->v, v, n * sizeof *v);
	qsort(h->v, n, sizeof *h->v, head_cmp);
	h->n = n;
	size_t k = 0;
	for (unsigned b = 0; b < 257; b++) {
		while (k < n && (unsigned char)h->v[k][0] < b)
			k++;
		h->at[b] = (unsigned short)k;
	}
	for (unsigned b = 0; b < 256; b++) {
		unsigned char l = low((unsigned char)b);
		int word = word_char((unsigned char)b);
		h->byte[b] = (unsigned char)((word ? MX_WORD : 0) |
					     (word && (b & 0xC0) != 0x80 && h->at[l] < h->at[l + 1] ? MX_FIRST : 0));
	}
	memset(h->pair, 0, sizeof h->pair);
	memset(h->pair_short, 0, sizeof h->pair_short);
	memset(h->tri, 0, sizeof h->tri);
	for (size_t i = 0; i < n; i++) {
		unsigned char b0 = (unsigned char)h->v[i][0], b1 = (unsigned char)h->v[i][1];
		/* shorter than three plain bytes: the third byte may be anything */
		int short_head = !b1 || b1 == '$' || !h->v[i][2] || h->v[i][2] == '$';
		for (unsigned b = 0; b < 256; b++)
			if (b == b1 || !b1 || (b1 == '$' && !is_letter((unsigned char)b))) {
				h->pair[b0][b >> 3] |= (unsigned char)(1u << (b & 7));
				if (short_head)
					h->pair_short[b0][b >> 3] |= (unsigned char)(1u << (b & 7));
			}
		if (!short_head) {
			unsigned k = tri_hash(b0, b1, (unsigned char)h->v[i][2]);
			h->tri[k >> 3] |= (unsigned char)(1u << (k & 7));
		}
	}
}

/* Can a head begin at s[p] (its first byte has MX_FIRST)? A look at two bytes,
 * then three, that rejects most words before head_at compares them with every
 * head. */
static inline int pair_at(const mx_heads *h, const char *s, size_t len, size_t p)
{
	if (p + 1 >= len)
		return 1;
	unsigned char b0 = low((unsigned char)s[p]), b1 = low((unsigned char)s[p + 1]);
	if (!(h->pair[b0][b1 >> 3] >> (b1 & 7) & 1))
		return 0;
	/* and the third byte, unless a short head begins with the pair */
	if (p + 2 >= len || (h->pair_short[b0][b1 >> 3] >> (b1 & 7) & 1))
		return 1;
	unsigned k = tri_hash(b0, b1, low((unsigned char)s[p + 2]));
	return h->tri[k >> 3] >> (k & 7) & 1;
}

/* Does a word of s start at p, with one of the heads? */
static int head_at(const mx_heads *h, const char *s, size_t len, size_t p)
{
	unsigned char c = low((unsigned char)s[p]);
	for (size_t i = h->at[c]; i < h->at[c + 1]; i++) {
		const char *w = h->v[i];
		size_t k = 0;
		while (w[k] && w[k] != '$' && p + k < len &&
		       low((unsigned char)s[p + k]) == (unsigned char)w[k])
			k++;
		if (!w[k])
			return 1;
		if (w[k] == '$' && !w[k + 1] &&
		    (p + k >= len || !((s[p + k] >= 'a' && s[p + k] <= 'z') || (s[p + k] >= 'A' && s[p + k] <= 'Z'))))
			return 1;
	}
	return 0;
}

int mx_vec_grow(void **v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 32;
	void *p = realloc(*v, nc * elem);
	if (!p)
		return -1;
	*v = p;
	*cap = nc;
	return 0;
}

pcre2_code *mx_compile(const char *pattern, uint32_t extra, char *err, size_t cap)
{
	return litx_pattern_compile(pattern, extra, err, cap);
}

int mx_match(mx_state *st, pcre2_code *re, const char *s, size_t len, size_t off,
	     size_t *ms, size_t *me)
{
	/* the JIT entry skips pcre2_match's own checks (the text is valid UTF-8) */
	size_t jit = 0;
	int rc;
	if (pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &jit) == 0 && jit)
		rc = pcre2_jit_match(re, (PCRE2_SPTR)s, len, off, 0, st->md, st->mctx);
	else
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, off, PCRE2_NO_UTF_CHECK, st->md, st->mctx);
	if (rc < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
	*ms = ov[0];
	*me = ov[1];
	return 1;
}

int mx_rules_compile(mx_state *st, char *err, size_t cap)
{
	size_t need = 1;
	for (size_t i = 0; i < mx_n_rules; i++)
		need += strlen(mx_rules[i].pattern) + 4;
	char *pat = malloc(need);
	if (!pat) {
		snprintf(err, cap, "%s:%d: out of memory", __FILE__, __LINE__);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < mx_n_rules; i++) {
		n += (size_t)snprintf(pat + n, need - n, "%s(%s)", i ? "|" : "", mx_rules[i].pattern);
	}
	st->kw_pat = pat;
	st->kw_a = mx_compile(pat, PCRE2_ANCHORED, err, cap);
	if (!st->kw_a)
		return -1;
	mx_heads_init(&st->kw_heads, KW_HEADS, sizeof KW_HEADS / sizeof *KW_HEADS);
	return 0;
}

/* Which capturing group took part in the last match: the rule index. */
int mx_matched_group(mx_state *st, size_t n_groups)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
	uint32_t pairs = pcre2_get_ovector_count(st->md);
	for (size_t g = 1; g <= n_groups && g < pairs; g++)
		if (ov[2 * g] != PCRE2_UNSET)
			return (int)g - 1;
	return -1;
}

/* Does s[0, len) end inside a UTF-8 character? Only the last bytes are looked at:
 * the document's text is valid UTF-8 (the core checks it, include/litx/doc.h), so a
 * cut at a character boundary leaves a valid subject for PCRE2_NO_UTF_CHECK. */
static int cut_inside_char(const char *s, size_t len)
{
	size_t k = 0;
	while (k < len && k < 4 && ((unsigned char)s[len - 1 - k] & 0xC0) == 0x80)
		k++;
	if (k == len)
		return k > 0;
	unsigned char lead = (unsigned char)s[len - 1 - k];
	size_t need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
	return need != k;
}

/* All matches of a pattern in s into a hit vector. The text is valid UTF-8 (the
 * core's guarantee), so every match skips PCRE2's own check. */
static int push_hit(mx_hits *hits, int g, size_t ms, size_t me)
{
	mx_hit *h;
	if (!MX_PUSH(*hits, h))
		return -1;
	h->rule = g;
	h->start = ms;
	h->end = me;
	return 0;
}

/* The pattern run at every byte (tests only): compiled on first use. */
static int full_scan(mx_state *st, const mx_groups *g, const char *s, size_t len, mx_hits *hits)
{
	char err[512];
	if (!*g->full && !(*g->full = mx_compile(g->pat, 0, err, sizeof err)))
		return -1;
	size_t off = 0, ms, me;
	while (off < len && mx_match(st, *g->full, s, len, off, &ms, &me)) {
		int k = mx_matched_group(st, g->n_groups);
		if (k >= 0 && push_hit(hits, k, ms, me))
			return -1;
		off = me > ms ? me : ms + 1;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	return 0;
}

/* The first position from p where a pattern set may start a match, len when
 * none: an ASCII letter or digit after a non-word byte, or any non-ASCII byte (a
 * Greek symbol may sit inside a word). The rest of an ASCII word is skipped at
 * once. Whether p is one depends only on s[p - 1] and s[p], so a walk may resume
 * anywhere. */
static size_t word_start(const unsigned char *byte, const char *s, size_t len, size_t p)
{
	while (p < len) {
		unsigned char c = (unsigned char)s[p];
		if (c >= 0x80)
			return p;
		if (!(byte[c] & MX_WORD)) {
			p++;
			continue;
		}
		if (p == 0 || !(byte[(unsigned char)s[p - 1]] & MX_WORD))
			return p;
		while (++p < len && (unsigned char)s[p] < 0x80 && (byte[(unsigned char)s[p]] & MX_WORD))
			;
	}
	return len;
}

/* Does the pattern set g try a match at the word start p (its first byte has
 * MX_FIRST)? Then the hit goes to hits and *next past the match. */
static int try_at(mx_state *st, const mx_groups *g, mx_hits *hits, const char *s, size_t len,
		  size_t p, size_t *next)
{
	size_t ms, me;
	const mx_heads *heads = g->heads;
	if (!pair_at(heads, s, len, p) || !head_at(heads, s, len, p))
		return 0;
	if (mx_match(st, g->anchored, s, len, p, &ms, &me)) {
		int k = mx_matched_group(st, g->n_groups);
		if (k >= 0 && push_hit(hits, k, ms, me))
			return -1;
		if (me > p)
			*next = me;
	}
	return 0;
}

int mx_scan_groups(mx_state *st, const mx_groups *g, const char *s, size_t len, mx_hits *hits)
{
	if (!st->full_scan)
		return mx_scan_groups2(st, g, hits, NULL, NULL, s, len);
	hits->n = 0;
	return cut_inside_char(s, len) ? 0 : full_scan(st, g, s, len, hits);
}

int mx_scan_groups2(mx_state *st, const mx_groups *g1, mx_hits *h1, const mx_groups *g2,
		    mx_hits *h2, const char *s, size_t len)
{
	if (st->full_scan)
		return mx_scan_groups(st, g1, s, len, h1) || (g2 && mx_scan_groups(st, g2, s, len, h2)) ? -1 : 0;
	h1->n = 0;
	if (g2)
		h2->n = 0;
	if (cut_inside_char(s, len))
		return 0;
	/* mx_scan_groups, once for both: the positions it looks at are the word starts
	 * (MX_WORD is the same whatever the heads) from where the set's last match
	 * ended, so each set keeps its own "from"; the walk over the words is shared */
	const unsigned char *byte = g1->heads->byte, *byte2 = g2 ? g2->heads->byte : NULL;
	size_t next1 = 0, next2 = 0;
	for (size_t p = word_start(byte, s, len, 0); p < len; p = word_start(byte, s, len, p + 1)) {
		unsigned char c = (unsigned char)s[p];
		if ((p >= next1 && (byte[c] & MX_FIRST) && try_at(st, g1, h1, s, len, p, &next1)) ||
		    (g2 && p >= next2 && (byte2[c] & MX_FIRST) && try_at(st, g2, h2, s, len, p, &next2)))
			return -1;
	}
	return 0;
}

int mx_scan_keywords(mx_state *st, const char *s, size_t len)
{
	mx_groups g = { st->kw_a, &st->kw, st->kw_pat, &st->kw_heads, mx_n_rules };
	return mx_scan_groups(st, &g, s, len, &st->hits);
}
