/* check_count.c - the arithmetic of numbers as tables print them.
 *
 * An appendix table writes a doping number as "6", "16, 17", "0–8" or "24–28", and
 * a formula writes counts as "17-x" with "x = 0, 1" somewhere in the cell. The
 * checker compares such things as sets: a printed number is a union of intervals,
 * a count is c + k*x, and x's printed values map through it. Two sets agree when
 * they meet, which reads "AuxAg17-x, x = 0, 1" and "Ag 16, 17" as agreeing without
 * demanding the same order or spelling. Also the element table and a string
 * builder the other checker files share.
 */
#include "check_int.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

/* ---- chk_buf ----------------------------------------------------------- */

static int buf_grow(chk_buf *b, size_t need)
{
	if (b->oom)
		return -1;
	if (b->len + need + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 128;
	while (cap < b->len + need + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void chk_buf_putn(chk_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Print into the room the buffer has; only when that is too small, grow and
 * print again (most pieces fit, so most are formatted once). */
void chk_buf_printf(chk_buf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	size_t room = b->s ? b->cap - b->len : 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room)
		b->s[b->len] = '\0'; /* drop what did not fit */
	if (n < 0 || buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *chk_buf_str(const chk_buf *b)
{
	return b->s && !b->oom ? b->s : "";
}

void chk_buf_free(chk_buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* ---- elements ---------------------------------------------------------- */

/* Symbols of the elements, fixed width so a lookup is two byte compares. */
static const char metals[][3] = {
	"Li", "Be", "Na", "Mg", "Al", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni",
	"Cu", "Zn", "Ga", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
	"In", "Sn", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho",
	"Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb",
	"Bi", "Po", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Ge", "Sb",
};
static const char nonmetals[][3] = {
	"H", "He", "B", "C", "N", "O", "F", "Ne", "Si", "P", "S", "Cl", "Ar", "As", "Se", "Br",
	"Kr", "Te", "I", "Xe", "At", "Rn",
};

/* kind[first - 'A'][second - 'a' + 1, 0 = none]: 2 a metal, 1 another element.
 * Built on first use (pthread_once, thread-safe) since the checker asks for every
 * capital letter of every cell and formula. */
static unsigned char el_kind[26][27];
static pthread_once_t el_once = PTHREAD_ONCE_INIT;

static void put_kind(const char (*tab)[3], size_t n_tab, unsigned char kind)
{
	for (size_t i = 0; i < n_tab; i++)
		el_kind[tab[i][0] - 'A'][tab[i][1] ? tab[i][1] - 'a' + 1 : 0] = kind;
}

static void build_kinds(void)
{
	put_kind(nonmetals, sizeof nonmetals / sizeof *nonmetals, 1);
	put_kind(metals, sizeof metals / sizeof *metals, 2);
}

int chk_element(const char *s, size_t n)
{
	if (n < 1 || n > 2 || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	/* a second byte NUL reads as a one-letter symbol, as the table compare did */
	int b = n == 2 ? s[1] : '\0';
	if (b && (b < 'a' || b > 'z'))
		return 0;
	(void)pthread_once(&el_once, build_kinds);
	return el_kind[s[0] - 'A'][b ? b - 'a' + 1 : 0];
}

int chk_word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t l = strlen(w);
	return i + l <= n && !strncmp(s + i, w, l) && (i == 0 || !isalpha((unsigned char)s[i - 1])) &&
	       (i + l == n || !isalpha((unsigned char)s[i + l]));
}

size_t chk_find(const char *s, size_t n, size_t i, const char *w)
{
	size_t wl = strlen(w);
	while (i + wl <= n) {
		const char *p = strstr(s + i, w);
		if (p)
			return (size_t)(p - s) + wl <= n ? (size_t)(p - s) : n;
		i += strlen(s + i) + 1; /* stopped at a NUL inside the text: go past it */
	}
	return n;
}

size_t chk_next_digit(const char *s, size_t n, size_t i)
{
	while (i < n) {
		i += strcspn(s + i, "0123456789");
		if (i >= n)
			return n;
		if (s[i])
			return i;
		i++; /* a NUL inside the text */
	}
	return n;
}

size_t chk_dash(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '-')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x94))
		return 3; /* hyphen, non-breaking hyphen, figure dash, en dash, em dash */
	if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
	    (unsigned char)s[2] == 0x92)
		return 3; /* minus sign */
	return 0;
}

/* ---- sets -------------------------------------------------------------- */

void chk_set_add(chk_set *s, double lo, double hi)
{
	if (s->n >= CHK_SET_MAX)
		return;
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	s->lo[s->n] = lo;
	s->hi[s->n] = hi;
	s->n++;
}

int chk_set_meets(const chk_set *a, const chk_set *b)
{
	for (int i = 0; i < a->n; i++)
		for (int j = 0; j < b->n; j++)
			if (a->lo[i] <= b->hi[j] + 1e-9 && b->lo[j] <= a->hi[i] + 1e-9)
				return 1;
	return 0;
}

size_t chk_fmt_whole(double v, char *buf, size_t cap)
{
	/* a whole number of up to 15 digits prints the same through either path;
	 * everything else (fractions, -0, huge) goes to snprintf */
	if (cap >= 17 && !signbit(v) && v < 1e15 && v == (double)(long long)v) {
		char d[16];
		size_t n = 0;
		long long x = (long long)v;
		do
			d[n++] = (char)('0' + x % 10);
		while ((x /= 10) > 0);
		for (size_t i = 0; i < n; i++)
			buf[i] = d[n - 1 - i];
		buf[n] = '\0';
		return n;
	}
	int w = snprintf(buf, cap, "%.0f", v);
	return w < 0 ? 0 : (size_t)w;
}

static void fmt_num(double v, char *buf, size_t cap)
{
	if (fabs(v - round(v)) < 1e-9)
		chk_fmt_whole(v, buf, cap);
	else
		snprintf(buf, cap, "%g", v);
}

void chk_set_format(const chk_set *s, char *buf, size_t cap)
{
	size_t used = 0;
	if (cap)
		buf[0] = '\0';
	for (int i = 0; i < s->n && used + 1 < cap; i++) {
		char a[32], b[32];
		fmt_num(s->lo[i], a, sizeof a);
		fmt_num(s->hi[i], b, sizeof b);
		int w = s->lo[i] == s->hi[i]
			? snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", a)
			: snprintf(buf + used, cap - used, "%s%s-%s", i ? ", " : "", a, b);
		if (w < 0 || (size_t)w >= cap - used)
			break;
		used += (size_t)w;
	}
}

static size_t skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A number at s[i]; returns the index after it, or i when there is none. */
static size_t read_num(const char *s, size_t n, size_t i, double *v)
{
	size_t j = i;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == i)
		return i;
	if (j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
		j++;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
	}
	char tmp[40];
	size_t len = j - i < sizeof tmp - 1 ? j - i : sizeof tmp - 1;
	memcpy(tmp, s + i, len);
	tmp[len] = '\0';
	*v = strtod(tmp, NULL);
	return j;
}

int chk_set_parse(const char *s, size_t n, chk_set *out)
{
	memset(out, 0, sizeof *out);
	size_t i = skip_space(s, n, 0);
	int got = 0;
	for (;;) {
		double a, b;
		size_t j = read_num(s, n, i, &a);
		if (j == i)
			break;
		/* a digit glued to a letter is not a number list ("2x", "10a") */
		if (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
			break;
		i = skip_space(s, n, j);
		size_t d = chk_dash(s + i, n - i);
		int range = 0;
		if (d || (i < n && s[i] == '~'))
			range = 1, i += d ? d : 1;
		else if (i + 2 <= n && !memcmp(s + i, "to", 2) && (i + 2 == n || s[i + 2] == ' '))
			range = 1, i += 2;
		if (range) {
			i = skip_space(s, n, i);
			size_t k = read_num(s, n, i, &b);
			if (k == i)
				break;
			chk_set_add(out, a, b);
			i = skip_space(s, n, k);
		} else {
			chk_set_add(out, a, a);
		}
		got++;
		/* list separators */
		if (i < n && (s[i] == ',' || s[i] == '/' || s[i] == ';'))
			i = skip_space(s, n, i + 1);
		else if (i + 3 <= n && !memcmp(s + i, "and", 3))
			i = skip_space(s, n, i + 3);
		else if (i + 2 <= n && !memcmp(s + i, "or", 2))
			i = skip_space(s, n, i + 2);
		else
			break;
	}
	return got;
}

/* ---- linear counts ----------------------------------------------------- */

int chk_lin_parse(const char *s, size_t n, chk_lin *out)
{
	memset(out, 0, sizeof *out);
	size_t i = skip_space(s, n, 0);
	int sign = 1, any = 0;
	while (i < n) {
		double v = 1;
		int have_num = 0;
		size_t j = read_num(s, n, i, &v);
		if (j > i)
			have_num = 1, i = j;
		i = skip_space(s, n, i);
		if (i < n && s[i] >= 'a' && s[i] <= 'z' &&
		    (i + 1 == n || !(s[i + 1] >= 'a' && s[i + 1] <= 'z'))) {
			if (out->var && out->var != s[i])
				return 0; /* two variables */
			out->var = s[i];
			out->k += sign * v;
			i++;
		} else if (have_num) {
			out->c += sign * v;
		} else {
			return 0;
		}
		any = 1;
		i = skip_space(s, n, i);
		if (i >= n)
			break;
		size_t d = chk_dash(s + i, n - i);
		if (d)
			sign = -1, i += d;
		else if (s[i] == '+')
			sign = 1, i++;
		else
			return 0;
		i = skip_space(s, n, i);
	}
	if (out->var && fabs(out->k) < 1e-12)
		out->var = 0;
	return any;
}

int chk_lin_from_json(const json_t *v, chk_lin *out)
{
	memset(out, 0, sizeof *out);
	if (json_is_integer(v)) {
		out->c = (double)json_integer_value(v);
		return 1;
	}
	if (json_is_real(v)) {
		out->c = json_real_value(v);
		return 1;
	}
	if (json_is_string(v))
		return chk_lin_parse(json_string_value(v), json_string_length(v), out);
	return 0;
}

int chk_lin_add(chk_lin *a, const chk_lin *b)
{
	if (a->var && b->var && a->var != b->var)
		return 0;
	a->c += b->c;
	if (b->var)
		a->var = b->var;
	a->k += b->k;
	if (fabs(a->k) < 1e-12) {
		a->k = 0;
		a->var = 0;
	}
	return 1;
}

int chk_lin_values(const chk_lin *l, const chk_set *var_vals, chk_set *out)
{
	memset(out, 0, sizeof *out);
	if (!l->var) {
		chk_set_add(out, l->c, l->c);
		return 1;
	}
	if (!var_vals || !var_vals->n)
		return 0;
	for (int i = 0; i < var_vals->n; i++)
		chk_set_add(out, l->c + l->k * var_vals->lo[i], l->c + l->k * var_vals->hi[i]);
	return 1;
}

void chk_lin_format(const chk_lin *l, char *buf, size_t cap)
{
	char c[32];
	fmt_num(l->c, c, sizeof c);
	if (!l->var) {
		snprintf(buf, cap, "%s", c);
		return;
	}
	char k[32] = "";
	if (fabs(fabs(l->k) - 1) > 1e-9)
		fmt_num(fabs(l->k), k, sizeof k);
	if (fabs(l->c) < 1e-12)
		snprintf(buf, cap, "%s%s%c", l->k < 0 ? "-" : "", k, l->var);
	else
		snprintf(buf, cap, "%s%s%s%c", c, l->k < 0 ? "-" : "+", k, l->var);
}
