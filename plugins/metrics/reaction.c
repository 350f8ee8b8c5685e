/* reaction.c - which reaction a value belongs to. The reaction is named in the
 * sentence more often than not ("HER activity (η = 125 mV ...)"), otherwise earlier
 * in the paragraph or in the section heading ("3.2 ... in the oxygen evolution
 * reaction"). Names and acronyms are one PCRE2 alternation, scanned once per block;
 * a photocatalytic context turns HER, NRR and CO2RR into their photocatalytic
 * kind. */
#include "mx.h"
#include <string.h>

typedef struct reaction {
	const char *name;
	const char *photo;   /* the name in a photocatalytic context, NULL: unchanged */
	const char *pattern;
} reaction;

static const reaction REACTIONS[] = {
	{ "OWS", NULL, "(?i:\\boverall\\s+water[- ]splitting\\b|\\bwater\\s+electrolysis\\b)|\\bOWS\\b" },
	{ "HER", "photocatalytic HER", "(?i:\\bhydrogen\\s+evolution\\b|\\b(?:H2|hydrogen)\\s+(?:production|generation)\\b)|\\bp?HER\\b" },
	{ "OER", NULL, "(?i:\\boxygen\\s+evolution\\b)|\\bOER\\b" },
	{ "ORR", NULL, "(?i:\\boxygen\\s+reduction\\b)|\\bORR\\b" },
	{ "CO2RR", "photocatalytic CO2RR", "(?i:\\b(?:CO2|carbon\\s+dioxide)\\s+(?:electro-?)?reduction\\b"
		"|\\bCO2\\s+electro-?reduction\\b|\\belectro(?:chemical|catalytic)\\s+CO2\\s+reduction\\b)"
		"|\\bCO2-?RR\\b|\\beCO2RR\\b|\\bCO2-to-" },
	{ "NRR", "photocatalytic NRR", "(?i:\\b(?:N2|nitrogen|dinitrogen)\\s+(?:electro-?)?reduction\\b)|\\be?NRR\\b" },
	{ "NO3RR", NULL, "(?i:\\bnitrate\\s+(?:electro-?)?reduction\\b|\\bNO3-?\\s+(?:electro-?)?reduction\\b)|\\bNO3-?RR\\b" },
	{ "EOR", NULL, "(?i:\\bethanol\\s+(?:electro-?)?oxidation\\b)|\\bEOR\\b" },
	{ "MOR", NULL, "(?i:\\bmethanol\\s+(?:electro-?)?oxidation\\b)|\\bMOR\\b" },
	{ "FAO", NULL, "(?i:\\bformic\\s+acid\\s+(?:electro-?)?oxidation\\b)|\\bFAOR?\\b" },
	{ "HOR", NULL, "(?i:\\bhydrogen\\s+oxidation\\b)|\\bHOR\\b" },
};

#define N_REACTIONS (sizeof REACTIONS / sizeof *REACTIONS)

/* Every way a reaction name above can start (see mx_heads). */
static const char *const RX_HEADS[] = {
	"overall", "water", "hydrogen", "h2", "her", "pher", "oxygen", "oer", "orr", "co2",
	"carbon", "electrochemical", "electrocatalytic", "eco2rr", "n2", "nitrogen",
	"dinitrogen", "nrr", "enrr", "nitrate", "no3", "ethanol", "eor", "methanol", "mor",
	"formic", "fao", "hor", "ows",
};

int mx_reactions_compile(mx_state *st, char *err, size_t cap)
{
	char pat[4096];
	size_t n = 0;
	for (size_t i = 0; i < N_REACTIONS; i++) {
		int k = snprintf(pat + n, sizeof pat - n, "%s(%s)", i ? "|" : "", REACTIONS[i].pattern);
		if (k < 0 || (size_t)k >= sizeof pat - n) {
			snprintf(err, cap, "%s:%d: reaction patterns too long", __FILE__, __LINE__);
			return -1;
		}
		n += (size_t)k;
	}
	st->rx = mx_compile(pat, 0, err, cap);
	st->rx_a = st->rx ? mx_compile(pat, PCRE2_ANCHORED, err, cap) : NULL;
	mx_heads_init(&st->rx_heads, RX_HEADS, sizeof RX_HEADS / sizeof *RX_HEADS);
	return st->rx_a ? 0 : -1;
}

int mx_scan_reactions(mx_state *st, const char *s, size_t len)
{
	return mx_scan_groups(st, st->rx, st->rx_a, &st->rx_heads, N_REACTIONS, s, len);
}

const char *mx_reaction_name(int rule)
{
	return rule >= 0 && (size_t)rule < N_REACTIONS ? REACTIONS[rule].name : NULL;
}

static int has_photo(const char *s, size_t ss, size_t se)
{
	static const char *const CUES[] = { "photocataly", "Photocataly", "light-driven",
		"solar-driven", "photo-driven", "visible-light", "light irradiation" };
	for (size_t i = 0; i < sizeof CUES / sizeof *CUES; i++)
		if (se > ss && memmem(s + ss, se - ss, CUES[i], strlen(CUES[i])))
			return 1;
	return 0;
}

const char *mx_reaction_for(mx_state *st, const litx_text *t, size_t ss, size_t se, size_t pos,
			    const char *section_title)
{
	int best = -1, after = -1, earlier = -1;
	for (size_t i = 0; i < st->rhits.n; i++) {
		const mx_hit *h = &st->rhits.v[i];
		if (h->start < ss)
			earlier = h->rule;
		else if (h->start < pos)
			best = h->rule;
		else if (h->start < se && after < 0)
			after = h->rule;
	}
	int r = best >= 0 ? best : after >= 0 ? after : earlier;
	if (r < 0 && section_title && *section_title) {
		size_t ms, me, tl = strlen(section_title);
		if (mx_utf8_valid(section_title, tl) &&
		    mx_match(st, st->rx, section_title, tl, 0, &ms, &me))
			r = mx_matched_group(st, N_REACTIONS);
	}
	if (r < 0)
		return NULL;
	if (REACTIONS[r].photo && has_photo(t->s, ss, se))
		return REACTIONS[r].photo;
	return REACTIONS[r].name;
}
