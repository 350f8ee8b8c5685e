/* text_heading.c - what a line of a text article says it is by its form: a
 * numbered section heading ("3.1 Title"), a named one ("Acknowledgements"), a
 * figure or table caption ("Fig. 3 ...", "Table 1 ..."), a table continuation
 * marker ("Table 1 (Contd.)").
 *
 * A numbered heading is short, starts its title with a capital, ends without
 * sentence punctuation and has few commas; whether its number may follow the
 * previous heading's is a separate question (text_heading_follows), because a
 * sentence cut by a page break can start with a number ("3.7 A mg⁻¹, which ...").
 * Named headings come from a fixed list of the section names articles use; a
 * markdown '#' line is a heading whatever its words. */
#include "text_int.h"
#include <stdio.h>
#include <string.h>

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* Strip markdown decoration: leading '#'s, "**" around the line, white space. */
static const char *undecorate(const char *s, size_t *n, int *hashes)
{
	size_t a = 0, e = *n;
	*hashes = 0;
	while (a < e && is_ws((unsigned char)s[a]))
		a++;
	while (a < e && s[a] == '#' && *hashes < 7) {
		a++;
		(*hashes)++;
	}
	if (*hashes && (a >= e || s[a] != ' '))
		*hashes = 0; /* "#1" is not a markdown heading */
	while (a < e && is_ws((unsigned char)s[a]))
		a++;
	while (e > a && is_ws((unsigned char)s[e - 1]))
		e--;
	if (e - a >= 4 && s[a] == '*' && s[a + 1] == '*' && s[e - 1] == '*' && s[e - 2] == '*') {
		a += 2;
		e -= 2;
	}
	while (e > a && is_ws((unsigned char)s[e - 1]))
		e--;
	*n = e - a;
	return s + a;
}

static int eq_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n != k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		unsigned char a = (unsigned char)s[i];
		if (is_upper(a))
			a |= 32;
		if (a != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

static const struct named {
	const char *name;
	int cls;
} named[] = {
	{ "abstract", THC_ABSTRACT }, { "summary", THC_BODY }, { "keywords", THC_KEYWORDS },
	{ "key words", THC_KEYWORDS }, { "introduction", THC_BODY }, { "background", THC_BODY },
	{ "results", THC_BODY }, { "discussion", THC_BODY }, { "results and discussion", THC_BODY },
	{ "experimental", THC_BODY }, { "experimental section", THC_BODY },
	{ "experimental details", THC_BODY }, { "methods", THC_BODY },
	{ "materials and methods", THC_BODY }, { "conclusion", THC_BODY },
	{ "conclusions", THC_BODY }, { "conclusions and outlook", THC_BODY },
	{ "conclusion and outlook", THC_BODY }, { "summary and outlook", THC_BODY },
	{ "outlook", THC_BODY }, { "data availability", THC_BODY },
	{ "data availability statement", THC_BODY }, { "author contributions", THC_BODY },
	{ "credit authorship contribution statement", THC_BODY },
	{ "conflicts of interest", THC_BODY }, { "conflict of interest", THC_BODY },
	{ "competing interests", THC_BODY }, { "declaration of competing interest", THC_BODY },
	{ "acknowledgements", THC_BODY }, { "acknowledgments", THC_BODY },
	{ "acknowledgement", THC_BODY }, { "acknowledgment", THC_BODY }, { "funding", THC_BODY },
	{ "abbreviations", THC_BODY }, { "appendix", THC_BODY }, { "supporting information", THC_BODY },
	{ "supplementary information", THC_BODY }, { "supplementary material", THC_BODY },
	{ "electronic supplementary information", THC_BODY }, { "notes", THC_BODY },
	{ "references", THC_REFS }, { "notes and references", THC_REFS },
	{ "references and notes", THC_REFS }, { "bibliography", THC_REFS },
	{ "literature cited", THC_REFS }, { "reference", THC_REFS },
};

#define PLAIN_MAX 80          /* bytes of a heading known by its form only */
#define PLAIN_MAX_WORDS 10

static void set_title(text_heading *h, const char *s, size_t n)
{
	h->title = s;
	h->title_len = n;
}

/* "3.1 Title", "2. Title", "## 4 Title". */
static int numbered(const char *s, size_t n, int hashes, text_heading *h)
{
	size_t i = 0;
	h->n_nums = 0;
	while (h->n_nums < TH_MAX_LEVELS) {
		size_t d = i;
		int v = 0;
		while (i < n && is_digit((unsigned char)s[i]) && i - d < 2)
			v = v * 10 + (s[i++] - '0');
		if (i == d || (i < n && is_digit((unsigned char)s[i])))
			return 0;
		h->nums[h->n_nums++] = v;
		if (i + 1 < n && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	size_t num_end = i;
	if (i < n && s[i] == '.')
		i++;
	if (i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	const char *t = s + i;
	size_t tn = n - i;
	if (tn < 2 || !is_upper((unsigned char)t[0]) || h->nums[0] == 0 || h->nums[0] > 30)
		return 0;
	unsigned char last = (unsigned char)t[tn - 1];
	if (last == '.' || last == ',' || last == ';' || last == ':')
		return 0;
	size_t words = 1, commas = 0;
	for (size_t k = 0; k < tn; k++) {
		words += t[k] == ' ';
		commas += t[k] == ',';
		if (t[k] == '\t')
			return 0;
	}
	if (words > 30 || commas > 3)
		return 0;
	/* "2 W. Zhang" (a reference): an initial after the number */
	if (tn >= 2 && t[1] == '.' && !hashes)
		return 0;
	if (num_end >= sizeof h->number)
		return 0;
	memcpy(h->number, s, num_end);
	h->number[num_end] = '\0';
	h->kind = TH_NUMBERED;
	h->cls = THC_BODY;
	set_title(h, t, tn);
	return 1;
}

int text_heading_parse(const char *s, size_t n, text_heading *h)
{
	memset(h, 0, sizeof *h);
	if (n > TEXT_MAX_HEADING || n == 0 || memchr(s, '\t', n))
		return TH_NONE;
	int hashes;
	const char *t = undecorate(s, &n, &hashes);
	if (n == 0)
		return TH_NONE;
	h->hashes = hashes;
	if (is_digit((unsigned char)t[0]))
		return numbered(t, n, hashes, h) ? TH_NUMBERED : TH_NONE;
	/* named: the words alone, maybe with a colon or full stop */
	size_t m = n;
	while (m > 0 && (t[m - 1] == ':' || t[m - 1] == '.' || t[m - 1] == ' '))
		m--;
	for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
		if (eq_ci(t, m, named[k].name) && is_upper((unsigned char)t[0])) {
			h->kind = TH_NAMED;
			h->cls = named[k].cls;
			set_title(h, t, m);
			return TH_NAMED;
		}
	}
	/* "Appendix A", "Appendix 1: Title" */
	if (m > 9 && memcmp(t, "Appendix ", 9) == 0 && m < 80) {
		h->kind = TH_NAMED;
		h->cls = THC_BODY;
		set_title(h, t, m);
		return TH_NAMED;
	}
	/* a markdown heading names itself */
	if (hashes && m >= 2 && m <= 150 && t[n - 1] != '.') {
		h->kind = TH_NAMED;
		h->cls = THC_BODY;
		h->generic = 1;
		set_title(h, t, m);
		return TH_NAMED;
	}
	return TH_NONE;
}

int text_heading_follows(const text_heading *prev, const text_heading *cur)
{
	const int *c = cur->nums;
	int m = cur->n_nums;
	if (!prev || prev->n_nums == 0)
		return (m == 1 && c[0] <= 2) || (m == 2 && c[0] == 1 && c[1] == 1);
	const int *p = prev->nums;
	int k = prev->n_nums;
	/* one level deeper, first child */
	if (m == k + 1 && c[k] == 1 && memcmp(c, p, (size_t)k * sizeof *c) == 0)
		return 1;
	/* the next sibling at some level at or above the previous one */
	if (m <= k && c[m - 1] == p[m - 1] + 1 && memcmp(c, p, (size_t)(m - 1) * sizeof *c) == 0)
		return 1;
	return 0;
}

/* ---- captions ---- */

static const struct cap_kw {
	const char *kw;
	int table;
	int need_space;
} cap_kws[] = {
	{ "Figure", 0, 0 }, { "FIGURE", 0, 0 }, { "Fig.", 0, 0 }, { "FIG.", 0, 0 }, { "Fig", 0, 1 },
	{ "Scheme", 0, 0 }, { "Chart", 0, 1 }, { "Table", 1, 1 }, { "TABLE", 1, 1 },
};

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

static int contd_marker(const char *s, size_t n, size_t i)
{
	static const char *const marks[] = { "(contd.)", "(contd)", "(cont.)", "(cont'd)",
		"(continued)", "continued", "(cont.d)", "contd." };
	i = skip_spaces(s, n, i);
	if (i < n && (s[i] == '.' || s[i] == ':'))
		i = skip_spaces(s, n, i + 1);
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
		size_t l = strlen(marks[k]);
		if (n - i < l)
			continue;
		size_t q = 0;
		while (q < l && ((unsigned char)s[i + q] | (is_upper((unsigned char)s[i + q]) ? 32 : 0)) ==
					(unsigned char)marks[k][q])
			q++;
		if (q == l)
			return 1;
	}
	return 0;
}

int text_caption_parse(const char *s, size_t n, text_caption *c)
{
	memset(c, 0, sizeof *c);
	size_t i = 0;
	if (n >= 2 && s[0] == '*' && s[1] == '*')
		i = 2;
	const struct cap_kw *kw = NULL;
	for (size_t k = 0; k < sizeof cap_kws / sizeof *cap_kws; k++) {
		size_t l = strlen(cap_kws[k].kw);
		if (n - i > l && memcmp(s + i, cap_kws[k].kw, l) == 0) {
			kw = &cap_kws[k];
			break;
		}
	}
	if (!kw)
		return CAP_NONE;
	size_t kl = strlen(kw->kw), j = i + kl;
	if (kw->need_space && s[j] != ' ')
		return CAP_NONE;
	j = skip_spaces(s, n, j);
	size_t num = j;
	if (j < n && s[j] == 'S' && j + 1 < n && is_digit((unsigned char)s[j + 1]))
		j++;
	size_t d = j;
	while (j < n && is_digit((unsigned char)s[j]) && j - d < 3)
		j++;
	if (j == d)
		return CAP_NONE;
	if (j < n && is_digit((unsigned char)s[j]))
		return CAP_NONE;
	if (!kw->table && j < n && is_lower((unsigned char)s[j]) &&
	    (j + 1 >= n || !is_lower((unsigned char)s[j + 1])) && (j + 1 >= n || s[j + 1] != '.'))
		j++; /* "Fig. 3a" */
	if (j < n && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'))
		return CAP_NONE;
	size_t num_end = j;
	if (j + 1 < n && s[j] == '*' && s[j + 1] == '*')
		j += 2;
	if (kl + 1 + (num_end - num) >= sizeof c->label)
		return CAP_NONE;
	snprintf(c->label, sizeof c->label, "%.*s %.*s", (int)kl, kw->kw, (int)(num_end - num), s + num);
	if (kw->table && contd_marker(s, n, j)) {
		c->kind = CAP_TABLE_CONTD;
		c->body = n;
		return c->kind;
	}
	int sep = 0;
	size_t k = skip_spaces(s, n, j);
	if (k < n && (s[k] == '.' || s[k] == ':' || s[k] == '|')) {
		sep = 1;
		k++;
	} else if (n - k >= 3 && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
		   ((unsigned char)s[k + 2] == 0x94 || (unsigned char)s[k + 2] == 0x93)) {
		sep = 1; /* — or – */
		k += 3;
	}
	if (!sep && k == j && k < n)
		return CAP_NONE; /* "Figure 1x..." glued to a word */
	if (k + 1 < n && s[k] == '*' && s[k + 1] == '*')
		k += 2;
	k = skip_spaces(s, n, k);
	if (!sep && k < n && is_lower((unsigned char)s[k]))
		return CAP_NONE; /* "Fig. 3 shows ..." is a sentence */
	c->kind = kw->table ? CAP_TABLE : CAP_FIGURE;
	c->body = k;
	return c->kind;
}

/* ---- headings known by form only ---- */

int text_heading_plain(const char *s, size_t n, text_heading *h)
{
	static const char *const weak[] = { "and", "or", "of", "the", "in", "on", "for", "with",
		"to", "a", "an", "by", "from", "as", "at", "that", "which", "is", "are", "was", "were",
		"than", "its", "their", "via", "into" };
	memset(h, 0, sizeof *h);
	if (n < 3 || n > PLAIN_MAX || !is_upper((unsigned char)s[0]) || memchr(s, '\t', n))
		return TH_NONE;
	unsigned char last = (unsigned char)s[n - 1];
	if (last == '.' || last == ',' || last == ';' || last == ':' || last == '-')
		return TH_NONE;
	size_t words = 1, w = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ') {
			words++;
			w = i + 1;
		}
		if (s[i] == '.' && i + 1 < n && s[i + 1] == ' ')
			return TH_NONE; /* two sentences */
	}
	if (words > PLAIN_MAX_WORDS)
		return TH_NONE;
	for (size_t k = 0; k < sizeof weak / sizeof *weak; k++)
		if (n - w == strlen(weak[k]) && memcmp(s + w, weak[k], n - w) == 0)
			return TH_NONE; /* "... and": a sentence cut short */
	h->kind = TH_NAMED;
	h->cls = THC_BODY;
	h->generic = 1;
	set_title(h, s, n);
	return TH_NAMED;
}
