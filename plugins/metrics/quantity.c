/* quantity.c - numbers as printed (Unicode minus, en dash, thousands groups,
 * "× 10-6"), their qualifiers, and the ways several values share one unit: lists
 * ("1.67 and 0.73 V", "37.8 and 6 times"), ranges ("0.3–0.9 V", "from −0.3 V to
 * −0.9 V", "between 10 and 20 mV") and repeated units ("1.2 V and 1.3 V"). Numbers
 * are assembled digit by digit rather than with strtod so the result does not
 * depend on the locale. */
#include "quantity.h"
#include <math.h>
#include <string.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A minus sign at s[pos] ('-', U+2212 −, U+2013 –; a number's sign is never a
 * superscript minus here): its length or 0. */
static size_t minus_at(const char *s, size_t len, size_t pos)
{
	return mx_minus_at(s, len, pos, 0);
}

/* The byte before pos, skipping back over a UTF-8 continuation: the lead byte. */
static unsigned char prev_lead(const char *s, size_t pos, size_t *at)
{
	size_t i = pos;
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			break;
	}
	*at = i;
	return (unsigned char)s[i];
}

/* Could the character ending just before pos end a word a number is part of? */
static int glued_before(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	char c = s[pos - 1];
	if (is_alnum(c) || c == '_' || c == '.' || c == '^' || c == ')' || c == ']' ||
	    c == '}' || c == '/' || c == '+' || c == '\'' || c == '#')
		return 1;
	/* "NC-3", "Au–2": a hyphen joining a name to a number */
	size_t m = 0;
	if (c == '-')
		m = 1;
	else if (pos >= 3 && (mx_starts(s, pos, pos - 3, "\xE2\x80\x93") ||
			      mx_starts(s, pos, pos - 3, "\xE2\x88\x92")))
		m = 3;
	if (m && pos > m && (is_alnum(s[pos - m - 1]) || s[pos - m - 1] == ')'))
		return 1;
	size_t at;
	unsigned char l = prev_lead(s, pos, &at);
	/* a letter outside ASCII (Greek, accented): "η10" is a name, "×10" is not */
	if (l >= 0xC3 && l < 0xE0 && !(l == 0xC3 && (unsigned char)s[at + 1] == 0x97) &&
	    !(l == 0xC2))
		return 1;
	return 0;
}

int mx_number_start(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return 0;
	size_t m = minus_at(s, len, pos);
	size_t d = pos + m;
	if (m) {
		/* a sign: "−0.5", "(-1.10", but not "NC-3" or "10-6" */
		if (glued_before(s, pos) || (pos > 0 && s[pos - 1] == '-'))
			return 0;
	} else if (glued_before(s, pos)) {
		return 0;
	}
	if (d < len && s[d] == '.')
		d++;
	return d < len && is_digit(s[d]);
}

/* Digits at s[p] into *acc (mantissa) counting them; returns the end. */
static size_t digits(const char *s, size_t len, size_t p, double *acc, int *nd)
{
	while (p < len && is_digit(s[p])) {
		*acc = *acc * 10 + (s[p] - '0');
		(*nd)++;
		p++;
	}
	return p;
}

static double pow10i(int e)
{
	double r = 1;
	int n = e < 0 ? -e : e;
	while (n--)
		r *= 10;
	return e < 0 ? 1 / r : r;
}

/* "× 10-6", "x10^-6", "×10−6", "e-6": the exponent after a mantissa; end or p. */
static size_t sci_exponent(const char *s, size_t len, size_t p, int *e)
{
	size_t q = p;
	if (q < len && (s[q] == 'e' || s[q] == 'E') && q + 1 < len &&
	    (is_digit(s[q + 1]) || ((s[q + 1] == '-' || s[q + 1] == '+') && q + 2 < len &&
				     is_digit(s[q + 2])))) {
		q++;
		int neg = 0;
		if (s[q] == '-' || s[q] == '+') {
			neg = s[q] == '-';
			q++;
		}
		int v = 0, nd = 0;
		while (q < len && is_digit(s[q]) && nd < 3) {
			v = v * 10 + (s[q++] - '0');
			nd++;
		}
		if (q < len && (is_alnum(s[q])))
			return p;
		*e = neg ? -v : v;
		return q;
	}
	if (q < len && s[q] == ' ')
		q++;
	if (mx_starts(s, len, q, "\xC3\x97"))
		q += 2;
	else if (q < len && s[q] == 'x')
		q++;
	else
		return p;
	if (q < len && s[q] == ' ')
		q++;
	if (!mx_starts(s, len, q, "10"))
		return p;
	q += 2;
	if (q < len && s[q] == '^')
		q++;
	int brace = 0;
	if (q < len && s[q] == '{') {
		brace = 1;
		q++;
	}
	int neg = 0;
	size_t m = minus_at(s, len, q);
	if (!m && mx_starts(s, len, q, "\xE2\x81\xBB"))
		m = 3;
	if (m) {
		neg = 1;
		q += m;
	} else if (q < len && s[q] == '+') {
		q++;
	}
	int v = 0, nd = 0;
	while (q < len && is_digit(s[q]) && nd < 3) {
		v = v * 10 + (s[q++] - '0');
		nd++;
	}
	if (!nd)
		return p;
	if (brace) {
		if (q >= len || s[q] != '}')
			return p;
		q++;
	}
	*e = neg ? -v : v;
	return q;
}

size_t mx_number_read(const char *s, size_t len, size_t pos, double *v)
{
	size_t p = pos;
	int neg = 0;
	size_t m = minus_at(s, len, p);
	if (m) {
		neg = 1;
		p += m;
	} else if (p < len && s[p] == '+') {
		p++;
	}
	double acc = 0;
	int nd = 0, frac = 0;
	size_t ip = p;
	p = digits(s, len, p, &acc, &nd);
	/* thousands groups: "21,900" but not "2,4-" or "1, 2" */
	if (nd >= 1 && nd <= 3) {
		while (p + 3 < len && s[p] == ',' && is_digit(s[p + 1]) && is_digit(s[p + 2]) &&
		       is_digit(s[p + 3]) && (p + 4 >= len || !is_digit(s[p + 4]))) {
			int d2 = 0;
			p = digits(s, len, p + 1, &acc, &d2);
			nd += d2;
		}
	}
	if (p + 1 < len && s[p] == '.' && is_digit(s[p + 1])) {
		size_t f0 = p + 1;
		int fd = 0;
		p = digits(s, len, f0, &acc, &fd);
		frac = fd;
		nd += fd;
	}
	if (nd == 0 || p == ip)
		return 0;
	double val = acc * pow10i(-frac);
	int e = 0;
	size_t q = sci_exponent(s, len, p, &e);
	if (q != p) {
		val *= pow10i(e);
		p = q;
	}
	if (!isfinite(val))
		return 0; /* "1 × 10^999": no quantity anyone measured */
	*v = neg ? -val : val;
	return p;
}

/* Case-insensitive compare of a lowercase literal of n bytes ending exactly at pos,
 * from its last byte (which rejects most words at once). */
static int word_before_n(const char *s, size_t pos, const char *lit, size_t n, size_t *wstart)
{
	if (pos < n)
		return 0;
	size_t b = pos - n;
	for (size_t i = n; i-- > 0;) {
		char c = s[b + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != lit[i])
			return 0;
	}
	if (b > 0 && is_alnum(s[b - 1]))
		return 0;
	*wstart = b;
	return 1;
}

static int word_before(const char *s, size_t pos, const char *lit, size_t *wstart)
{
	return word_before_n(s, pos, lit, strlen(lit), wstart);
}

mx_qual mx_qualifier_before(const char *s, size_t pos, size_t *qstart)
{
	*qstart = pos;
	size_t p = pos;
	while (p > 0 && s[p - 1] == ' ')
		p--;
	/* lengths known at compile time: this runs for every number */
#define QL(t, q) { t, sizeof t - 1, q }
	static const struct { const char *t; size_t n; mx_qual q; } SYM[] = {
		QL("\xE2\x89\x88", MX_Q_APPROX), QL("\xE2\x88\xBC", MX_Q_APPROX),
		QL("\xE2\x89\x83", MX_Q_APPROX), QL("~", MX_Q_APPROX),
		QL("\xE2\x89\xA5", MX_Q_GE), QL("\xE2\xA9\xBE", MX_Q_GE), QL(">=", MX_Q_GE),
		QL("\xE2\x89\xA4", MX_Q_LE), QL("\xE2\xA9\xBD", MX_Q_LE), QL("<=", MX_Q_LE),
		QL(">", MX_Q_GT), QL("<", MX_Q_LT),
	};
	for (size_t i = 0; i < sizeof SYM / sizeof *SYM; i++) {
		size_t n = SYM[i].n;
		if (p >= n && s[p - 1] == SYM[i].t[n - 1] && memcmp(s + p - n, SYM[i].t, n) == 0) {
			*qstart = p - n;
			return SYM[i].q;
		}
	}
	static const struct { const char *t; size_t n; mx_qual q; } WORDS[] = {
		QL("up to", MX_Q_UPTO), QL("as high as", MX_Q_UPTO), QL("as large as", MX_Q_UPTO),
		QL("approximately", MX_Q_APPROX), QL("approx.", MX_Q_APPROX),
		QL("about", MX_Q_APPROX), QL("around", MX_Q_APPROX), QL("nearly", MX_Q_APPROX),
		QL("almost", MX_Q_APPROX), QL("roughly", MX_Q_APPROX), QL("ca.", MX_Q_APPROX),
		QL("circa", MX_Q_APPROX),
		QL("more than", MX_Q_GT), QL("greater than", MX_Q_GT), QL("higher than", MX_Q_GT),
		QL("exceeding", MX_Q_GT), QL("over", MX_Q_GT), QL("above", MX_Q_GT),
		QL("less than", MX_Q_LT), QL("lower than", MX_Q_LT), QL("below", MX_Q_LT),
		QL("at least", MX_Q_GE), QL("no less than", MX_Q_GE),
		QL("at most", MX_Q_LE), QL("no more than", MX_Q_LE),
	};
#undef QL
	if (p == 0)
		return MX_Q_EQ;
	/* the last byte as word_before_n folds it: most numbers follow none of these */
	char last = s[p - 1];
	if (last >= 'A' && last <= 'Z')
		last = (char)(last + 32);
	for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++) {
		size_t ws;
		if (WORDS[i].t[WORDS[i].n - 1] == last && word_before_n(s, p, WORDS[i].t, WORDS[i].n, &ws)) {
			*qstart = ws;
			return WORDS[i].q;
		}
	}
	return MX_Q_EQ;
}

const char *mx_qual_str(mx_qual q)
{
	switch (q) {
	case MX_Q_APPROX: return "~";
	case MX_Q_GT: return ">";
	case MX_Q_LT: return "<";
	case MX_Q_GE: return "\xE2\x89\xA5";
	case MX_Q_LE: return "\xE2\x89\xA4";
	case MX_Q_UPTO: return "up to";
	default: return "=";
	}
}

/* A range separator after a number: " to ", "–", " – ", "-" (no spaces), "~"
 * with no spaces. Returns the position of the second number, or 0. */
static size_t range_sep(const char *s, size_t len, size_t p)
{
	size_t q = p;
	if (mx_starts(s, len, q, " to "))
		q += 4;
	else if (mx_starts(s, len, q, "\xE2\x80\x93"))           /* – */
		q += 3;
	else if (mx_starts(s, len, q, " \xE2\x80\x93 "))
		q += 5;
	else if (q < len && s[q] == '-' && q + 1 < len && (is_digit(s[q + 1]) ||
							   minus_at(s, len, q + 1)))
		q += 1;
	else
		return 0;
	/* the second number may carry its own sign */
	size_t m = minus_at(s, len, q);
	size_t d = q + m;
	if (d < len && is_digit(s[d]))
		return q;
	return 0;
}

/* A list joiner after a value: ", ", " and ", ", and ", " or ", ", or ". Returns
 * the position after it, or 0. */
static size_t list_sep(const char *s, size_t len, size_t p)
{
	static const char *const J[] = { ", and ", ", or ", " and ", " or ", ", " };
	for (size_t i = 0; i < sizeof J / sizeof *J; i++)
		if (mx_starts(s, len, p, J[i]))
			return p + strlen(J[i]);
	return 0;
}

/* One value (number or range) with its optional unit at s[pos]. */
static size_t one_value(const char *s, size_t len, size_t pos, mx_value *v, mx_unit *u,
			int *has_unit)
{
	memset(v, 0, sizeof *v);
	*has_unit = 0;
	double a;
	size_t p = mx_number_read(s, len, pos, &a);
	if (!p)
		return 0;
	v->start = pos;
	v->v = a;
	v->qual = mx_qualifier_before(s, pos, &v->qstart);
	v->factor = 1;
	size_t end = p;
	mx_unit u1;
	size_t ue = mx_unit_parse(s, len, p, &u1);
	size_t after = ue ? ue : p;
	if (ue && u1.scale_end > ue)
		after = u1.scale_end;
	/* a range: "0.3–0.9 V", "−0.3 V to −0.9 V" */
	size_t r = range_sep(s, len, after);
	if (r) {
		double b;
		size_t p2 = mx_number_read(s, len, r, &b);
		mx_unit u2;
		size_t ue2 = p2 ? mx_unit_parse(s, len, p2, &u2) : 0;
		/* "10 mA to 20 mA" or "10 to 20 mA", not "10 mA to 0.5 V" */
		if (p2 && (!ue || (ue2 && u2.cls == u1.cls)) && !(ue && !ue2)) {
			v->range = 1;
			v->lo = a < b ? a : b;
			v->hi = a < b ? b : a;
			v->v = a;
			v->end = p2;
			if (ue2) {
				*u = u2;
				*has_unit = 1;
				v->ustart = u2.start;
				v->uend = u2.end;
				v->factor = u2.factor;
				return u2.scale_end > ue2 ? u2.scale_end : ue2;
			}
			return p2;
		}
	}
	v->end = end;
	if (ue) {
		*u = u1;
		*has_unit = 1;
		v->ustart = u1.start;
		v->uend = u1.end;
		v->factor = u1.factor;
		return after;
	}
	return end;
}

size_t mx_quantity_parse(const char *s, size_t len, size_t pos, mx_quantity *q)
{
	memset(q, 0, sizeof *q);
	if (!mx_number_start(s, len, pos))
		return 0;
	/* "between 10 and 20 mV" is a range, not a list */
	size_t ws;
	int between = word_before(s, pos > 0 && s[pos - 1] == ' ' ? pos - 1 : pos, "between", &ws);
	size_t p = pos;
	size_t pending = 0; /* values still waiting for a unit */
	for (;;) {
		mx_value v;
		mx_unit u;
		int hu;
		size_t e = one_value(s, len, p, &v, &u, &hu);
		if (!e)
			break;
		if (q->n == MX_MAX_VALUES)
			break;
		q->v[q->n++] = v;
		q->end = e;
		if (hu) {
			/* the unit closes every value still waiting for one */
			for (size_t i = q->n - 1 - pending; i < q->n; i++) {
				q->v[i].factor = u.factor;
				q->v[i].ustart = u.start;
				q->v[i].uend = u.end;
			}
			pending = 0;
			q->unit = u;
		} else {
			pending++;
		}
		size_t j = list_sep(s, len, e);
		if (!j || !mx_number_start(s, len, j))
			break;
		/* after a unit the list goes on only with another value of the same kind */
		if (hu) {
			mx_value v2;
			mx_unit u2;
			int hu2;
			if (!one_value(s, len, j, &v2, &u2, &hu2) || !hu2 || u2.cls != u.cls)
				break;
		}
		p = j;
	}
	if (!q->n)
		return 0;
	if (q->unit.cls == MX_NONE)
		q->unit.factor = 1;
	if (between && q->n == 2 && !q->v[0].range) {
		q->v[0].range = 1;
		q->v[0].lo = q->v[0].v < q->v[1].v ? q->v[0].v : q->v[1].v;
		q->v[0].hi = q->v[0].v < q->v[1].v ? q->v[1].v : q->v[0].v;
		q->v[0].end = q->v[1].end;
		q->v[0].factor = q->v[1].factor;
		q->v[0].ustart = q->v[1].ustart;
		q->v[0].uend = q->v[1].uend;
		q->n = 1;
	}
	q->start = q->v[0].qstart;
	return q->end;
}
