/* unit.c - unit expressions after a number, read as a product of atoms
 * (prefix + base + exponent, "/" negating the next atom) and classified by the
 * dimensions they add up to. Working by dimension rather than by a list of
 * spellings means "mA cm-2", "mA/cm2", "mA·cm−2", "μA cm-2" and "A m-2" are all
 * the same current density, each with its own factor to mA/cm^2, and "mol_CO
 * mol_NC-1 s-1" is a rate because the moles cancel. Attached capitals after a mass,
 * amount or area ("mgPt+Au", "molCO", "cmPd") are the basis the quantity is
 * normalized by, and capitals after a volt ("VRHE") are the potential scale. */
#include "unit.h"
#include "byte_index.h"
#include <pthread.h>
#include <stdint.h>
#include <string.h>

enum dim {
	D_V, D_A, D_W, D_G, D_MOL, D_S, D_M, D_DEC, D_L, D_MOLAR, D_EV, D_TEMP, D_PRESS,
	D_PCT, D_TIMES, D_SIEMENS, D_OHM, D_PPM, D_CYCLE, D_FARAD, D_HZ, D_COMP, D_N
};

#define PFX 1      /* takes an SI prefix */
#define BASIS 2    /* may carry an attached basis ("mgPt", "molCO", "cmPd") */
#define SOLO 4     /* only right after the number (ambiguous as a word later) */

typedef struct atom {
	const char *text;
	size_t len;
	enum dim d;
	double si;     /* value of one of this atom in the base unit of its dimension */
	int flags;
} atom;

/* Longer spellings first where one is a prefix of another. */
#define A(t, d, si, fl) { t, sizeof t - 1, d, si, fl }
static const atom ATOMS[] = {
	A("decades", D_DEC, 1, 0), A("decade", D_DEC, 1, 0), A("Decade", D_DEC, 1, 0),
	A("dec.", D_DEC, 1, 0),
	A("dec", D_DEC, 1, 0),
	A("mol", D_MOL, 1, PFX | BASIS),
	A("eV", D_EV, 1, PFX),
	A("V", D_V, 1, PFX),
	A("A", D_A, 1, PFX),
	A("W", D_W, 1, PFX),
	A("g", D_G, 1, PFX | BASIS),
	A("seconds", D_S, 1, 0), A("second", D_S, 1, 0), A("sec", D_S, 1, 0),
	A("s", D_S, 1, PFX),
	A("hours", D_S, 3600, 0), A("hour", D_S, 3600, 0), A("hrs", D_S, 3600, 0),
	A("hr", D_S, 3600, 0), A("h", D_S, 3600, 0),
	A("minutes", D_S, 60, 0), A("minute", D_S, 60, 0), A("mins", D_S, 60, 0),
	A("min", D_S, 60, 0),
	A("days", D_S, 86400, 0), A("day", D_S, 86400, 0), A("d", D_S, 86400, SOLO),
	A("m", D_M, 1, PFX | BASIS),
	A("\xC3\x85", D_M, 1e-10, 0),            /* Å */
	A("\xE2\x84\xAB", D_M, 1e-10, 0),        /* Å (angstrom sign) */
	A("L", D_L, 1, PFX),
	A("M", D_MOLAR, 1, PFX | SOLO),
	A("\xC2\xB0" "C", D_TEMP, 1, 0),         /* °C */
	A("\xE2\x84\x83", D_TEMP, 1, 0),         /* ℃ */
	A("K", D_TEMP, 1, SOLO),
	A("Pa", D_PRESS, 1, PFX), A("bar", D_PRESS, 1e5, PFX), A("atm", D_PRESS, 101325, 0),
	A("Torr", D_PRESS, 133.3, 0),
	A("wt.%", D_COMP, 1, 0), A("wt%", D_COMP, 1, 0), A("wt %", D_COMP, 1, 0),
	A("at.%", D_COMP, 1, 0), A("at%", D_COMP, 1, 0), A("vol%", D_COMP, 1, 0),
	A("%", D_PCT, 1, 0), A("\\%", D_PCT, 1, 0), /* "\%" left over from LaTeX */
	A("times", D_TIMES, 1, SOLO), A("-fold", D_TIMES, 1, SOLO), A("fold", D_TIMES, 1, SOLO),
	A("S", D_SIEMENS, 1, PFX | SOLO),
	A("\xCE\xA9", D_OHM, 1, PFX),            /* Ω */
	A("ppm", D_PPM, 1, 0), A("ppb", D_PPM, 1e-3, 0),
	A("cycles", D_CYCLE, 1, 0), A("cycle", D_CYCLE, 1, 0),
	A("F", D_FARAD, 1, PFX | SOLO),
	A("Hz", D_HZ, 1, PFX),
	A("rpm", D_HZ, 1.0 / 60, 0),
};

typedef struct prefix {
	const char *text;
	size_t len;
	double f;
} prefix;

#define P(t, f) { t, sizeof t - 1, f }
static const prefix PREFIXES[] = {
	P("\xCE\xBC", 1e-6), P("\xC2\xB5", 1e-6), /* μ (Greek mu), µ (micro sign) */
	P("u", 1e-6), P("m", 1e-3), P("n", 1e-9), P("k", 1e3), P("c", 1e-2),
	P("p", 1e-12), P("M", 1e6),
};

typedef struct scale_name {
	const char *text;
	const char *name;
} scale_name;

static const scale_name SCALES[] = {
	{ "reversible hydrogen electrode", "RHE" }, { "RHE", "RHE" },
	{ "saturated calomel electrode", "SCE" }, { "SCE", "SCE" },
	{ "standard hydrogen electrode", "SHE" }, { "SHE", "SHE" }, { "NHE", "NHE" },
	{ "Ag/AgCl", "Ag/AgCl" }, { "Hg/HgO", "Hg/HgO" }, { "Hg/Hg2SO4", "Hg/Hg2SO4" },
	{ "Fc/Fc+", "Fc/Fc+" }, { "Fc+/Fc", "Fc/Fc+" }, { "Fc", "Fc/Fc+" },
	{ "Li/Li+", "Li/Li+" }, { "Li+/Li", "Li/Li+" }, { "MSE", "MSE" },
};

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t mx_minus_at(const char *s, size_t len, size_t pos, int superscript)
{
	if (pos < len && s[pos] == '-')
		return 1;
	if (pos >= len || (unsigned char)s[pos] != 0xE2) /* the lead byte of all three */
		return 0;
	if (mx_starts(s, len, pos, "\xE2\x88\x92") || mx_starts(s, len, pos, "\xE2\x80\x93") ||
	    (superscript && mx_starts(s, len, pos, "\xE2\x81\xBB")))
		return 3; /* − – ⁻ */
	return 0;
}

static size_t minus_at(const char *s, size_t len, size_t pos)
{
	return mx_minus_at(s, len, pos, 1);
}


/* One digit, ASCII or superscript, at s[pos]: its value in *d and its length. */
static size_t digit_at(const char *s, size_t len, size_t pos, int *d)
{
	if (pos >= len)
		return 0;
	if (is_digit(s[pos])) {
		*d = s[pos] - '0';
		return 1;
	}
	if (mx_starts(s, len, pos, "\xC2\xB9")) { *d = 1; return 2; }
	if (mx_starts(s, len, pos, "\xC2\xB2")) { *d = 2; return 2; }
	if (mx_starts(s, len, pos, "\xC2\xB3")) { *d = 3; return 2; }
	if (pos + 2 < len && (unsigned char)s[pos] == 0xE2 && (unsigned char)s[pos + 1] == 0x81) {
		unsigned char c = (unsigned char)s[pos + 2];
		if (c == 0xB0 || (c >= 0xB4 && c <= 0xB9)) {
			*d = c == 0xB0 ? 0 : c - 0xB0;
			return 3;
		}
	}
	return 0;
}

/* An exponent at s[pos]: "-2", "2", "^-1", "^{-1}", "⁻¹". Returns the end or pos. */
static size_t read_exponent(const char *s, size_t len, size_t pos, int *e)
{
	size_t p = pos;
	int brace = 0;
	if (p < len && s[p] == '^') {
		p++;
		if (p < len && s[p] == '{') {
			brace = 1;
			p++;
		}
	}
	int neg = 0;
	size_t m = minus_at(s, len, p);
	if (m) {
		neg = 1;
		p += m;
	}
	int d, val = 0, nd = 0;
	size_t k;
	while (nd < 2 && (k = digit_at(s, len, p, &d))) {
		val = val * 10 + d;
		p += k;
		nd++;
	}
	if (!nd || val == 0 || val > 4)
		return pos;
	/* "cm-2" yes, but "10-20" (a range) is not an exponent of anything */
	if (p < len && is_digit(s[p]))
		return pos;
	if (brace) {
		if (p >= len || s[p] != '}')
			return pos;
		p++;
	}
	*e = neg ? -val : val;
	return p;
}

/* An attached basis at s[pos]: a capital and then letters, digits, '+' ("Pt+Au",
 * "CO", "NC", "AuPd"), or the word "cat". Returns the end or pos. */
static size_t read_basis(const char *s, size_t len, size_t pos)
{
	size_t p = pos;
	if (mx_starts(s, len, p, "cat") && (p + 3 >= len || !is_alpha(s[p + 3])))
		return p + 3;
	if (p >= len || !(s[p] >= 'A' && s[p] <= 'Z'))
		return pos;
	p++;
	while (p < len && (is_alpha(s[p]) || is_digit(s[p]) || s[p] == '+'))
		p++;
	/* keep a trailing exponent out of the basis: "NC-1" stops before "-" already;
	 * but "Pt2" would swallow an exponent-like digit, which is fine for a basis */
	return p;
}

size_t mx_scale_parse(const char *s, size_t len, size_t pos, const char **scale)
{
	size_t p = pos;
	int paren = 0;
	if (p < len && s[p] == ' ')
		p++;
	if (p < len && s[p] == '(') {
		paren = 1;
		p++;
	}
	int vs = 0;
	if (mx_starts(s, len, p, "vs.")) {
		p += 3;
		vs = 1;
	} else if (mx_starts(s, len, p, "vs") && !(p + 2 < len && is_alpha(s[p + 2]))) {
		p += 2;
		vs = 1;
	} else if (mx_starts(s, len, p, "versus")) {
		p += 6;
		vs = 1;
	}
	if (vs && p < len && s[p] == ' ')
		p++;
	if (vs && mx_starts(s, len, p, "the "))
		p += 4;
	if (!vs && !paren && p != pos)
		return 0; /* a bare scale must be attached ("VRHE") */
	for (size_t i = 0; i < sizeof SCALES / sizeof *SCALES; i++) {
		if (!mx_starts(s, len, p, SCALES[i].text))
			continue;
		size_t e = p + strlen(SCALES[i].text);
		if (e < len && (is_alpha(s[e]) || is_digit(s[e])))
			continue;
		if (paren) {
			if (e < len && s[e] == ')')
				e++;
			else
				continue;
		}
		*scale = SCALES[i].name;
		return e;
	}
	return 0;
}

/* ATOMS by first byte, in their order (ties go to the first listed), built once
 * per process: read_atom is tried at every byte of every unit. */
#define N_ATOMS (sizeof ATOMS / sizeof *ATOMS)
static struct {
	uint8_t start[257];        /* atoms with first byte k: at[start[k] .. start[k + 1]) */
	uint8_t at[N_ATOMS];
} atom_index;
static pthread_once_t atom_once = PTHREAD_ONCE_INIT;
_Static_assert(N_ATOMS < 256, "atom_index holds ATOMS");

static void atom_build(void)
{
	size_t count[256] = { 0 };
	for (size_t i = 0; i < N_ATOMS; i++)
		count[(unsigned char)ATOMS[i].text[0]]++;
	size_t fill[256];
	byte_index_starts(count, atom_index.start, fill);
	for (size_t i = 0; i < N_ATOMS; i++)
		atom_index.at[fill[(unsigned char)ATOMS[i].text[0]]++] = (uint8_t)i;
}

/* The atom at s[pos] with an optional prefix: the longest that ends at a word
 * boundary. Returns the end (before any exponent) or 0. */
static size_t read_atom(const char *s, size_t len, size_t pos, int first, const atom **out,
			double *pf)
{
	size_t best = 0;
	pthread_once(&atom_once, atom_build);
	for (size_t pi = 0; pi <= sizeof PREFIXES / sizeof *PREFIXES; pi++) {
		size_t p = pos;
		double f = 1;
		if (pi < sizeof PREFIXES / sizeof *PREFIXES) {
			const prefix *px = &PREFIXES[pi];
			if (p + px->len > len || s[p] != px->text[0] ||
			    memcmp(s + p, px->text, px->len) != 0)
				continue;
			p += px->len;
			f = px->f;
		}
		if (p >= len)
			continue;
		unsigned k0 = (unsigned char)s[p];
		for (size_t ai = atom_index.start[k0]; ai < atom_index.start[k0 + 1]; ai++) {
			const atom *a = &ATOMS[atom_index.at[ai]];
			if (p != pos && !(a->flags & PFX))
				continue;
			if ((a->flags & SOLO) && !first)
				continue;
			/* the only prefix of molarity and siemens that reads safely is m/μ */
			if (p != pos && (a->d == D_MOLAR || a->d == D_SIEMENS) && f > 1e-3)
				continue;
			if (p + a->len > len || memcmp(s + p, a->text, a->len) != 0)
				continue;
			size_t e = p + a->len;
			char nx = e < len ? s[e] : ' ';
			/* attached capitals: a basis, a scale, or simply another word */
			if (is_alpha(nx)) {
				int ok = 0;
				if ((a->flags & BASIS) && read_basis(s, len, e) > e)
					ok = 1;
				const char *sc;
				if (a->d == D_V && mx_scale_parse(s, len, e, &sc))
					ok = 1;
				if (!ok)
					continue;
			}
			/* "d-band", "8-electron": a hyphenated word, not a unit */
			if (nx == '-' && e + 1 < len && is_alpha(s[e + 1]) && a->d != D_TIMES)
				continue;
			/* "d" for days only as a word of its own: "6 d", not "Fig. 6d" */
			if (a->d == D_S && a->si == 86400 && !strcmp(a->text, "d") &&
			    (nx == '-' || pos == 0 || s[pos - 1] != ' '))
				continue;
			if (e > best) {
				best = e;
				*out = a;
				*pf = f;
			}
		}
	}
	return best;
}

static double pow_i(double b, int e)
{
	double r = 1;
	int n = e < 0 ? -e : e;
	while (n--)
		r *= b;
	return e < 0 ? 1 / r : r;
}

/* A separator between atoms at s[pos]: returns its end, or pos when none; *div is
 * set when it divides ("/", " per "). */
static size_t read_sep(const char *s, size_t len, size_t pos, int *div)
{
	*div = 0;
	size_t p = pos;
	if (p < len && s[p] == ' ')
		p++;
	if (p < len && s[p] == '/') {
		*div = 1;
		p++;
		if (p < len && s[p] == ' ')
			p++;
		return p;
	}
	if (mx_starts(s, len, p, "per ")) {
		*div = 1;
		return p + 4;
	}
	if (mx_starts(s, len, p, "\xC2\xB7") || mx_starts(s, len, p, "\xE2\x8B\x85") ||
	    mx_starts(s, len, p, "\xE2\x88\x99") || (p < len && s[p] == '*')) {
		p += s[p] == '*' ? 1 : ((unsigned char)s[p] == 0xC2 ? 2 : 3);
		if (p < len && s[p] == ' ')
			p++;
		return p;
	}
	return p; /* a single space, or nothing */
}

typedef struct dims {
	int num[D_N], den[D_N];
	double si;
} dims;

static int only(const dims *d, const int *want)
{
	for (int i = 0; i < D_N; i++)
		if (d->num[i] - d->den[i] != want[i])
			return 0;
	return 1;
}

static void classify(const dims *d, mx_unit *u)
{
	int w[D_N];
	memset(w, 0, sizeof w);
#define NET(x) (d->num[x] - d->den[x])
	u->cls = MX_OTHER;
	u->canon = "";
	double c = 1; /* the canonical unit's value in base units */
	w[D_V] = 1;
	if (only(d, w)) { u->cls = MX_POTENTIAL; u->canon = "V"; goto done; }
	w[D_DEC] = -1;
	if (only(d, w)) { u->cls = MX_TAFEL; u->canon = "mV/dec"; c = 1e-3; goto done; }
	memset(w, 0, sizeof w);
	w[D_A] = 1; w[D_M] = -2;
	if (only(d, w)) { u->cls = MX_CURRENT_DENSITY; u->canon = "mA/cm^2"; c = 10; goto done; }
	w[D_M] = 0;
	if (only(d, w)) { u->cls = MX_CURRENT; u->canon = "mA"; c = 1e-3; goto done; }
	w[D_G] = -1;
	if (only(d, w)) { u->cls = MX_MASS_ACTIVITY; u->canon = "A/mg"; c = 1e3; goto done; }
	memset(w, 0, sizeof w);
	w[D_W] = 1; w[D_M] = -2;
	if (only(d, w)) { u->cls = MX_POWER_DENSITY; u->canon = "mW/cm^2"; c = 10; goto done; }
	memset(w, 0, sizeof w);
	w[D_EV] = 1;
	if (only(d, w)) { u->cls = MX_ENERGY; u->canon = "eV"; goto done; }
	memset(w, 0, sizeof w);
	w[D_PCT] = 1;
	if (only(d, w)) { u->cls = MX_PERCENT; u->canon = "%"; goto done; }
	memset(w, 0, sizeof w);
	w[D_TIMES] = 1;
	if (only(d, w)) { u->cls = MX_TIMES; u->canon = "times"; goto done; }
	memset(w, 0, sizeof w);
	w[D_S] = 1;
	if (only(d, w)) { u->cls = MX_TIME; u->canon = "h"; c = 3600; goto done; }
	/* per time: a rate (TOF, k) unless product is counted per time */
	if (NET(D_S) == -1 && d->num[D_S] == 0) {
		int product = d->num[D_MOL] || d->num[D_G] || d->num[D_L];
		/* moles per mole per time; "mol_CO mol_NC s-1" (the -1 of the second mole
		 * lost in print: moles squared are no product) reads the same */
		int turnover = d->num[D_MOL] && !d->den[D_G] && !d->den[D_M] &&
			       (d->den[D_MOL] || (d->num[D_MOL] >= 2 && !d->num[D_G]));
		int other = 0;
		for (int i = 0; i < D_N; i++)
			if (i != D_S && i != D_MOL && i != D_G && i != D_M && i != D_L &&
			    (d->num[i] || d->den[i]))
				other = 1;
		if (!other && (!product || turnover) && (NET(D_MOL) == 0 || turnover) &&
		    NET(D_G) == 0 && NET(D_M) == 0 && NET(D_L) == 0) {
			u->cls = MX_RATE;
			u->canon = "s^-1";
			goto done;
		}
		/* a product counted per time: moles (per mass or area), or a mass per mass
		 * or area of catalyst ("μg h-1 mg-1"); a bare mass or volume flow ("g/min",
		 * "mL min-1") is not */
		int counted = d->num[D_MOL] ||
			      (d->num[D_G] && (d->den[D_G] || d->den[D_M]) && !d->num[D_L]);
		if (!other && product && counted && !d->num[D_L] && !d->den[D_L]) {
			u->cls = MX_PRODUCTION_RATE;
			/* one canonical spelling for the common shape, the written one otherwise */
			if (NET(D_MOL) == 1 && NET(D_G) == -1 && !d->num[D_M] && !d->den[D_M]) {
				u->canon = "umol g^-1 h^-1";
				c = 1e-6 / 3600;
			} else if (NET(D_MOL) == 1 && !d->num[D_G] && !d->den[D_G] && !d->den[D_M]) {
				u->canon = "umol h^-1";
				c = 1e-6 / 3600;
			} else {
				u->canon = NULL; /* the caller keeps the written unit */
				c = d->si;
			}
			goto done;
		}
	}
	memset(w, 0, sizeof w);
	w[D_M] = 1;
	if (only(d, w)) { u->cls = MX_LENGTH; u->canon = "nm"; c = 1e-9; goto done; }
	memset(w, 0, sizeof w);
	w[D_TEMP] = 1;
	if (only(d, w)) { u->cls = MX_TEMPERATURE; u->canon = ""; c = d->si; goto done; }
	w[D_TEMP] = 0; w[D_PRESS] = 1;
	if (only(d, w)) { u->cls = MX_PRESSURE; u->canon = "Pa"; goto done; }
	w[D_PRESS] = 0; w[D_MOLAR] = 1;
	if (only(d, w)) { u->cls = MX_CONCENTRATION; u->canon = "M"; goto done; }
	w[D_MOLAR] = 0; w[D_PPM] = 1;
	if (only(d, w)) { u->cls = MX_CONCENTRATION; u->canon = "ppm"; goto done; }
	w[D_PPM] = 0; w[D_G] = 1;
	if (only(d, w)) { u->cls = MX_MASS; u->canon = "mg"; c = 1e-3; goto done; }
	w[D_G] = 0; w[D_SIEMENS] = 1; w[D_M] = -1;
	if (only(d, w)) { u->cls = MX_CONDUCTIVITY; u->canon = "S/cm"; c = 100; goto done; }
	c = d->si;
#undef NET
done:
	u->factor = d->si / c;
}

size_t mx_unit_parse(const char *s, size_t len, size_t pos, mx_unit *u)
{
	memset(u, 0, sizeof *u);
	dims d;
	memset(&d, 0, sizeof d);
	d.si = 1;
	size_t p = pos, end = 0;
	int n_atoms = 0, div = 0;
	if (p < len && s[p] == ' ')
		p++;
	u->start = p;
	for (;;) {
		const atom *a = NULL;
		double pf = 1;
		size_t e = read_atom(s, len, p, n_atoms == 0, &a, &pf);
		if (!e)
			break;
		/* a word that is also a unit ("A", "S", "K", "M") only right after a number */
		size_t q = e;
		size_t bs = q, be = q;
		if ((a->flags & BASIS) && read_basis(s, len, q) > q) {
			bs = q;
			be = q = read_basis(s, len, q);
		}
		const char *sc = NULL;
		size_t se;
		/* an attached scale only ("VRHE"); "V vs. RHE" is read after the unit */
		if (a->d == D_V && q < len && s[q] >= 'A' && s[q] <= 'Z' &&
		    (se = mx_scale_parse(s, len, q, &sc)) > q && sc) {
			u->scale = sc;
			q = se;
		}
		int ex = 1;
		q = read_exponent(s, len, q, &ex);
		if ((a->flags & BASIS) && be == bs && read_basis(s, len, q) > q) {
			bs = q;
			be = q = read_basis(s, len, q);
		}
		if (div)
			ex = -ex;
		if (ex > 0)
			d.num[a->d] += ex;
		else
			d.den[a->d] += -ex;
		d.si *= pow_i(a->si * pf, ex);
		if (be > bs && u->basis_end == u->basis_start) {
			u->basis_start = bs;
			u->basis_end = be;
		}
		n_atoms++;
		end = q;
		/* these never take a second atom */
		if (a->d == D_PCT || a->d == D_TIMES || a->d == D_COMP || a->d == D_TEMP)
			break;
		size_t sp = read_sep(s, len, q, &div);
		if (sp == q)
			break;
		p = sp;
		/* a division sign must be followed by an atom; a space may end the unit */
		const atom *a2 = NULL;
		double f2;
		if (!read_atom(s, len, p, 0, &a2, &f2))
			break;
	}
	if (!n_atoms)
		return 0;
	u->end = end;
	classify(&d, u);
	if (u->cls == MX_POTENTIAL && !u->scale) {
		const char *sc = NULL;
		size_t se = mx_scale_parse(s, len, end, &sc);
		if (se && sc) {
			u->scale = sc;
			u->scale_end = se;
		}
	}
	if (u->scale_end < u->end)
		u->scale_end = u->end;
	return end;
}

const char *mx_class_name(mx_class c)
{
	static const char *const names[] = { "none", "percent", "potential", "energy", "current",
		"current_density", "power_density", "tafel", "rate", "time", "mass_activity",
		"production_rate", "times", "length", "temperature", "pressure", "concentration",
		"mass", "conductivity", "other" };
	return (unsigned)c < sizeof names / sizeof *names ? names[c] : "?";
}
