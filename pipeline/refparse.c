/* refparse.c - a reference-list entry to its fields, without a model.
 *
 * The entry is cut into tokens (words, numbers, punctuation; each knows whether
 * white space precedes it and whether it is italic or bold). Then, in order:
 *   1. DOIs, URLs and database ids are masked, so their digits are never read as
 *      a volume or a year; a printed label at the start is taken off.
 *   2. The author list is read from the start with a small name grammar. Its
 *      style is decided by the first name: initials first ("W. Zhang"), surname
 *      and comma ("Zhang, W."), or surname and capitals ("Zhang W"). The list
 *      ends where a name no longer parses or after the name that follows "and".
 *   3. The locator cluster - the run of numbers and their punctuation that holds
 *      volume, issue and pages, e.g. "2017, 117, 3717–3797" or "12(3):45-67" - is
 *      the best-scoring such run after the authors; its shape says which number
 *      is which.
 *   4. The year is the best-scoring 4-digit year after the authors: bold, in
 *      parentheses, before ";" or between commas wins; inside a page range loses.
 *   5. The journal is the italic run before the cluster when the reader kept
 *      emphasis, else the words read backward from the cluster until something
 *      that cannot be part of a journal name (a full stop after a whole word, a
 *      lowercase content word, a bare comma). The title is what lies between the
 *      authors (and a year printed right after them) and the journal.
 * Each step looks at the tokens only, so the parser is linear in the entry and
 * needs no allocation except a token array for entries over 512 tokens. */
#include "refparse.h"
#include "byte_index.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "simd.h"

enum { T_WORD = 1, T_NUM, T_PUNCT };

#define F_SP    0x01u /* white space before the token */
#define F_ITAL  0x02u
#define F_BOLD  0x04u
#define F_MASK  0x08u /* inside a DOI, URL or database id */
#define F_UP    0x10u /* word starting with an uppercase letter */
#define F_CAPS  0x20u /* word of uppercase letters only */
#define F_LOW   0x40u /* word starting with a lowercase letter */
#define F_DIGIT 0x80u /* number of digits only */
#define F_ELOC  0x100u /* e-locator: "e1701823", "S77", "eadm6928" */
#define F_LOC   0x200u /* word naming a locator: "vol", "pp", "no" */
#define F_MONTH 0x400u /* month or season name */
#define F_ROMAN 0x800u /* roman numeral, a volume in older styles: "XLII" */

typedef struct tok {
	size_t s, e;
	uint32_t cp;      /* first code point */
	uint16_t kind, flags;
	uint16_t nlet;    /* letters in a word, digits in a number */
} tok;

typedef struct parser {
	const char *s;
	size_t len;
	tok *t;
	size_t n;
	litx_refparsed *out;
} parser;

/* ---- characters ---- */

static inline int dash_cp(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
	       c == 0x2212 || c == 0xFE63 || c == 0xFF0D;
}

static int space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int apos_cp(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Decode one code point; invalid bytes decode as themselves (length 1). */
static size_t decode(const char *s, size_t len, size_t i, uint32_t *cp)
{
	if ((unsigned char)s[i] < 0x80) { /* ASCII: what utf8proc_iterate gives, without the call */
		*cp = (unsigned char)s[i];
		return 1;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(len - i), &c);
	if (k <= 0) {
		*cp = (unsigned char)s[i] | 0x110000u; /* never a letter */
		return 1;
	}
	*cp = (uint32_t)c;
	return (size_t)k;
}

enum { C_OTHER, C_UPPER, C_LOWER, C_LETTER, C_MARK, C_DIGIT };

/* The class of each ASCII character, in one lookup. */
#define CL_U10 C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER
#define CL_L10 C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER
static const unsigned char ascii_class[128] = {
	['0'] = C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
	['A'] = CL_U10, CL_U10, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER, C_UPPER,
	['a'] = CL_L10, CL_L10, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER, C_LOWER,
};
#undef CL_U10
#undef CL_L10

static int cclass_wide(uint32_t c);

static inline int cclass(uint32_t c)
{
	return c < 128 ? ascii_class[c] : cclass_wide(c);
}

static int cclass_wide(uint32_t c)
{
	if (c > 0x10FFFF)
		return C_OTHER;
	switch (utf8proc_category((utf8proc_int32_t)c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	default:
		return C_OTHER;
	}
}

/* ---- tokens ---- */

static size_t tokenize(const char *s, size_t len, tok *t, size_t cap)
{
	size_t n = 0, i = 0;
	int sp = 0;
	while (i < len && n < cap) {
		uint32_t c;
		size_t k = decode(s, len, i, &c);
		if (space_cp(c)) {
			sp = 1;
			i += k;
			continue;
		}
		int cl = cclass(c);
		tok *x = &t[n++];
		memset(x, 0, sizeof *x);
		x->s = i;
		x->cp = c;
		x->flags = sp ? F_SP : 0;
		sp = 0;
		if (cl == C_OTHER || cl == C_MARK) {
			x->kind = T_PUNCT;
			x->e = i + k;
			i += k;
			continue;
		}
		/* a run of letters, digits, marks and inner apostrophes */
		size_t nlet = 0, ndig = 0, nup = 0, lead_let = 0, lead_low = 0;
		int seen_digit = 0, letter_after_digit = 0;
		size_t j = i;
		while (j < len) {
			/* ASCII letters and digits, the bulk of a word, in one lookup each */
			unsigned char b = (unsigned char)s[j];
			if (b < 0x80 && b != '\'') {
				int al = ascii_class[b];
				if (al == C_LOWER || al == C_UPPER) {
					nlet++;
					if (al == C_UPPER)
						nup++;
					if (seen_digit)
						letter_after_digit++;
					else {
						lead_let++;
						if (al == C_LOWER)
							lead_low++;
					}
					j++;
					continue;
				}
				if (al == C_DIGIT) {
					ndig++;
					seen_digit = 1;
					j++;
					continue;
				}
				break; /* any other ASCII byte ends the word */
			}
			uint32_t d;
			size_t m = decode(s, len, j, &d);
			int dl = cclass(d);
			if (dl == C_DIGIT) {
				ndig++;
				seen_digit = 1;
			} else if (dl == C_UPPER || dl == C_LOWER || dl == C_LETTER) {
				nlet++;
				if (dl == C_UPPER)
					nup++;
				if (seen_digit)
					letter_after_digit++;
				else {
					lead_let++;
					if (dl == C_LOWER)
						lead_low++;
				}
			} else if (dl == C_MARK) {
				/* combining accent: part of the word */
			} else if (apos_cp(d) && nlet && j + m < len) {
				uint32_t nx;
				decode(s, len, j + m, &nx);
				int nl = cclass(nx);
				if (nl != C_UPPER && nl != C_LOWER && nl != C_LETTER)
					break;
			} else {
				break;
			}
			j += m;
		}
		x->e = j;
		if (ndig) {
			x->kind = T_NUM;
			x->nlet = (uint16_t)(ndig > 65535 ? 65535 : ndig);
			if (!nlet)
				x->flags |= F_DIGIT;
			else if (!letter_after_digit && lead_let &&
				 ((lead_low == lead_let && lead_let <= 4) || (lead_let == 1 && nup == 1)))
				x->flags |= F_ELOC;
		} else {
			x->kind = T_WORD;
			x->nlet = (uint16_t)(nlet > 65535 ? 65535 : nlet);
			if (cl == C_UPPER)
				x->flags |= F_UP;
			else if (cl == C_LOWER)
				x->flags |= F_LOW;
			if (nup == nlet)
				x->flags |= F_CAPS;
		}
		i = j;
	}
	return n;
}

/* ---- token predicates ---- */

static int is_p(const parser *p, size_t i, uint32_t c)
{
	return i < p->n && p->t[i].kind == T_PUNCT && p->t[i].cp == c;
}

static int is_dash(const parser *p, size_t i)
{
	return i < p->n && p->t[i].kind == T_PUNCT && dash_cp(p->t[i].cp);
}

static int is_word(const parser *p, size_t i)
{
	return i < p->n && p->t[i].kind == T_WORD;
}

static int sp_before(const parser *p, size_t i)
{
	return i < p->n && (p->t[i].flags & F_SP);
}

static inline int word_is(const parser *p, size_t i, const char *w)
{
	if (!is_word(p, i))
		return 0;
	size_t n = strlen(w);
	return p->t[i].e - p->t[i].s == n && strncasecmp(p->s + p->t[i].s, w, n) == 0;
}

/* Is the word w[0..n) the entry e, ignoring ASCII case (what strncasecmp does in
 * the C locale; bytes of other characters compare as they are)? */
static inline int word_eq(const char *w, size_t n, const char *e)
{
	for (size_t k = 0; k < n; k++) {
		char a = w[k], b = e[k];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b || !b)
			return 0;
	}
	return e[n] == '\0';
}

static int word_in(const parser *p, size_t i, const char *const *set)
{
	if (!is_word(p, i))
		return 0;
	const char *w = p->s + p->t[i].s;
	size_t n = p->t[i].e - p->t[i].s;
	char c0 = (char)(w[0] | 32);
	for (; *set; set++)
		if (((*set)[0] | 32) == c0 && word_eq(w, n, *set))
			return 1;
	return 0;
}

static const char *const PARTICLES[] = { "de", "da", "das", "do", "dos", "du", "del", "della",
	"der", "den", "di", "van", "von", "ter", "ten", "le", "la", "al", "el", "bin", "ben", "zu",
	"mac", "st", NULL };
static const char *const SUFFIXES[] = { "Jr", "Sr", "II", "III", "IV", NULL };
static const char *const JOURNAL_LOW[] = { "of", "and", "in", "the", "for", "on", "de", "la",
	"der", "und", "et", "du", "des", "y", "e", "i", "di", "del", "a", "an", "at", "to", "fur",
	"für", "d", "des", "do", "da", NULL };
static const char *const LOCATOR[] = { "vol", "volume", "vols", "v", "no", "nos", "nº", "issue", "iss", "pp",
	"p", "pages", "page", "suppl", "supplement", "pt", "part", "art", "article", NULL };
static const char *const MONTHS[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july",
	"august", "september", "october", "november", "december", "spring", "summer", "autumn",
	"fall", "winter",
	/* French, Spanish, German, Italian */
	"janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
	"septembre", "octobre", "novembre", "décembre", "decembre", "enero", "febrero", "marzo",
	"abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
	"januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "gennaio", "febbraio",
	"aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", NULL };

/* LOCATOR and MONTHS again, by the first byte of each entry as word_in folds it,
 * built once per process: every word of every entry is looked up in both lists,
 * and walking ninety entries per word was a fifth of the parser's time. */
#define LM_MAX 160
static struct {
	uint8_t start[257];        /* entries with first byte k: at[start[k] .. start[k + 1]) */
	const char *at[LM_MAX];
	uint8_t len[LM_MAX];       /* strlen(at[j]): a word of another length is not it */
	uint16_t flag[LM_MAX];     /* F_LOC or F_MONTH */
} lm_index;
static pthread_once_t lm_once = PTHREAD_ONCE_INIT;
_Static_assert(sizeof LOCATOR / sizeof *LOCATOR + sizeof MONTHS / sizeof *MONTHS <= LM_MAX,
	       "LM_MAX holds both lists");

static void lm_build(void)
{
	static const char *const *const lists[] = { LOCATOR, MONTHS };
	static const uint16_t flags[] = { F_LOC, F_MONTH };
	size_t count[256] = { 0 }, n = 0;
	for (size_t l = 0; l < 2; l++)
		for (const char *const *w = lists[l]; *w; w++, n++)
			count[(unsigned char)((*w)[0] | 32)]++;
	/* (n is under LM_MAX, checked when compiled, so start[] stays under 256) */
	size_t fill[256];
	byte_index_starts(count, lm_index.start, fill);
	for (size_t l = 0; l < 2; l++)
		for (const char *const *w = lists[l]; *w; w++) {
			size_t k = (unsigned char)((*w)[0] | 32);
			lm_index.at[fill[k]] = *w;
			lm_index.len[fill[k]] = (uint8_t)strlen(*w);
			lm_index.flag[fill[k]++] = flags[l];
		}
}

/* F_LOC when the word at i is in LOCATOR, else F_MONTH when it is in MONTHS, else 0:
 * what word_in(LOCATOR) then word_in(MONTHS) say, in one look. */
static unsigned loc_or_month(const parser *p, size_t i)
{
	if (!is_word(p, i))
		return 0;
	pthread_once(&lm_once, lm_build);
	const char *w = p->s + p->t[i].s;
	size_t n = p->t[i].e - p->t[i].s;
	unsigned k = (unsigned char)(w[0] | 32), found = 0;
	for (size_t j = lm_index.start[k]; j < lm_index.start[k + 1]; j++)
		if (lm_index.len[j] == n && word_eq(w, n, lm_index.at[j])) {
			if (lm_index.flag[j] == F_LOC)
				return F_LOC;
			found = F_MONTH;
		}
	return found;
}

/* "et al" (with or without its dot) at i: returns the index after it, or 0. */
static inline size_t et_al_at(const parser *p, size_t i)
{
	if (word_is(p, i, "et") && word_is(p, i + 1, "al"))
		return is_p(p, i + 2, '.') ? i + 3 : i + 2;
	if (word_is(p, i, "etal"))
		return is_p(p, i + 1, '.') ? i + 2 : i + 1;
	return 0;
}

static inline int is_and(const parser *p, size_t i)
{
	return word_is(p, i, "and") || is_p(p, i, '&') || word_is(p, i, "und");
}

/* ---- masks: DOI, URL, database ids, label ---- */

static int is_digit_c(char c)
{
	return c >= '0' && c <= '9';
}

static void mask_range(parser *p, size_t a, size_t b)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->t[i].s >= a && p->t[i].s < b)
			p->t[i].flags |= F_MASK;
}

static size_t run_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
	       !(i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0))
		i++;
	return i;
}

static size_t trim_trailing_punct(const char *s, size_t a, size_t b)
{
	while (b > a) {
		char c = s[b - 1];
		if (c == '.' || c == ',' || c == ';' || c == ':')
			b--;
		else if (c == ')' || c == ']') {
			/* drop only when unbalanced inside the run */
			char open = c == ')' ? '(' : '[';
			int depth = 0;
			for (size_t i = a; i < b - 1; i++)
				depth += s[i] == open ? 1 : s[i] == c ? -1 : 0;
			if (depth > 0)
				break;
			b--;
		} else
			break;
	}
	return b;
}

/* The first byte in [i, end) that may start a URL or a DOI ('h', 'w' in either
 * case, '1'), end when none: this runs at every byte of every entry. */
static size_t url_lead(const char *s, size_t i, size_t end)
{
	static const unsigned char LEAD[256] = { ['h'] = 1, ['H'] = 1, ['w'] = 1, ['W'] = 1, ['1'] = 1 };
#ifdef LITX_SSE2
	while (i + 16 <= end) {
		__m128i v = simd_load(s + i);
		__m128i f = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* 'H' -> 'h', 'W' -> 'w' */
		unsigned m = simd_eq(f, 'h') | simd_eq(f, 'w') | simd_eq(v, '1');
		if (m)
			return i + simd_first(m);
		i += 16;
	}
#endif
	while (i < end && !LEAD[(unsigned char)s[i]])
		i++;
	return i;
}

static void find_masks(parser *p)
{
	const char *s = p->s;
	size_t len = p->len;
	litx_refparsed *o = p->out;
	for (size_t i = 0; i + 3 < len; i++) {
		i = url_lead(s, i, len - 3);
		if (i + 3 >= len)
			break;
		/* URLs */
		char c0 = (char)(s[i] | 32);
		if ((c0 == 'h' && ((i + 7 <= len && strncasecmp(s + i, "http://", 7) == 0) ||
				   (i + 8 <= len && strncasecmp(s + i, "https://", 8) == 0))) ||
		    (c0 == 'w' && i + 4 <= len && strncasecmp(s + i, "www.", 4) == 0 &&
		     (i == 0 || s[i - 1] == ' ' || s[i - 1] == '('))) {
			size_t e = run_end(s, len, i);
			mask_range(p, i, e);
			/* a DOI inside the URL is still found below */
			continue;
		}
		/* DOIs: 10.NNNN/suffix at a word start */
		if (s[i] == '1' && s[i + 1] == '0' && s[i + 2] == '.' &&
		    (i == 0 || !(is_digit_c(s[i - 1]) || s[i - 1] == '.' ||
				 ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z')))) {
			size_t j = i + 3, d = 0;
			while (j < len && is_digit_c(s[j])) {
				j++;
				d++;
			}
			while (j + 1 < len && s[j] == '.' && is_digit_c(s[j + 1])) {
				j++;
				while (j < len && is_digit_c(s[j]))
					j++;
			}
			if (d >= 4 && d <= 9 && j + 1 < len && s[j] == '/' && s[j + 1] != ' ') {
				size_t e = trim_trailing_punct(s, i, run_end(s, len, j));
				if (o->f[LITX_RF_DOI].end == o->f[LITX_RF_DOI].start)
					o->f[LITX_RF_DOI] = (litx_rf_range){ i, e };
				size_t from = i;
				/* the "doi:" / "DOI" prefix goes with it */
				size_t k = from;
				while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ':'))
					k--;
				if (k >= 3 && strncasecmp(s + k - 3, "doi", 3) == 0)
					from = k - 3;
				mask_range(p, from, run_end(s, len, j));
				i = j;
			}
		}
	}
	/* database ids: "PMID: 123", "PubMed: 123", "ISBN 978-..." */
	static const char *const IDS[] = { "pmid", "pmcid", "pubmed", "isbn", "issn", "arxiv",
		"doi", NULL };
	for (size_t i = 0; i < p->n; i++) {
		/* the first letters of IDS (word_in folds ASCII case), tested before
		 * word_in walks the list at every word: an entry with another first
		 * letter must be added here */
		char w0 = (char)(s[p->t[i].s] | 32);
		if ((w0 != 'p' && w0 != 'i' && w0 != 'a' && w0 != 'd') || !word_in(p, i, IDS))
			continue;
		size_t j = i + 1;
		while (j < p->n && (is_p(p, j, ':') || is_p(p, j, '.')))
			j++;
		size_t e = j;
		while (e < p->n && !(p->t[e].flags & F_SP && e > j) &&
		       (p->t[e].kind == T_NUM || is_dash(p, e) || p->t[e].kind == T_WORD ||
			is_p(p, e, '.') || is_p(p, e, '/')))
			e++;
		if (e > j)
			for (size_t k = i; k < e; k++)
				p->t[k].flags |= F_MASK;
	}
}

/* A printed label at the start: "12", "12.", "[12]", "(12)", "12a". Returns the
 * first token after it (and a bullet "- " or "•"). */
static size_t skip_label(parser *p)
{
	size_t i = 0;
	if (p->n >= 2 && (is_p(p, 0, '[') || is_p(p, 0, '(')) && p->t[1].kind == T_NUM &&
	    p->t[1].nlet <= 4 && is_p(p, 2, is_p(p, 0, '[') ? ']' : ')')) {
		p->out->f[LITX_RF_LABEL] = (litx_rf_range){ p->t[1].s, p->t[1].e };
		i = 3;
	} else if (p->n >= 2 && p->t[0].kind == T_NUM && p->t[0].nlet <= 4 &&
		   !(p->t[0].flags & F_ELOC) && p->t[1].flags & F_SP &&
		   (p->t[1].kind == T_WORD || is_p(p, 1, '*') ||
		    (p->t[1].kind == T_PUNCT && !is_p(p, 1, ',') && !is_p(p, 1, ')') &&
		     !is_p(p, 1, ';') && !is_p(p, 1, ':') && !is_dash(p, 1)))) {
		p->out->f[LITX_RF_LABEL] = (litx_rf_range){ p->t[0].s, p->t[0].e };
		i = 1;
	} else if (p->n >= 3 && p->t[0].kind == T_NUM && p->t[0].nlet <= 4 && is_p(p, 1, '.') &&
		   p->t[2].flags & F_SP) {
		p->out->f[LITX_RF_LABEL] = (litx_rf_range){ p->t[0].s, p->t[0].e };
		i = 2;
	}
	while (i < p->n && (is_dash(p, i) || p->t[i].cp == 0x2022 || is_p(p, i, '*')) &&
	       sp_before(p, i + 1))
		i++;
	return i;
}

/* ---- author names ---- */

/* Initials from i: "W.", "G.-F.", "L. Y. S.", "H.M.", "W.-x.". Returns the index
 * after them, i when none. */
static size_t parse_initials(const parser *p, size_t i)
{
	size_t j = i;
	int count = 0;
	for (;;) {
		if (!is_word(p, j) || p->t[j].nlet != 1 || !(p->t[j].flags & F_UP) || !is_p(p, j + 1, '.') ||
		    sp_before(p, j + 1) || (count && j != i && !sp_before(p, j) && !is_p(p, j - 1, '.')))
			break;
		j += 2;
		count++;
		/* "G.-F.", "W.-x.", "J.-P." */
		while (is_dash(p, j) && !sp_before(p, j) && is_word(p, j + 1) && p->t[j + 1].nlet == 1 &&
		       !sp_before(p, j + 1)) {
			j += 2;
			if (is_p(p, j, '.') && !sp_before(p, j))
				j++;
		}
	}
	return count ? j : i;
}

/* Capitals standing for initials without dots: "JA", "EPJ", "J-P". */
static size_t parse_caps_initials(const parser *p, size_t i)
{
	if (!is_word(p, i) || !(p->t[i].flags & F_CAPS) || p->t[i].nlet > 4)
		return i;
	size_t j = i + 1;
	while (is_dash(p, j) && !sp_before(p, j) && is_word(p, j + 1) && (p->t[j + 1].flags & F_CAPS) &&
	       p->t[j + 1].nlet <= 2 && !sp_before(p, j + 1))
		j += 2;
	return j;
}

static int is_surname_word(const parser *p, size_t i, int allow_caps)
{
	if (!is_word(p, i) || !(p->t[i].flags & F_UP))
		return 0;
	if (p->t[i].nlet < 2 && !(i + 1 < p->n && apos_cp(p->t[i + 1].cp)))
		return 0;
	if (!allow_caps && (p->t[i].flags & F_CAPS))
		return 0;
	return 1;
}

enum { S_INITIALS_FIRST = 1, S_COMMA, S_CAPS, S_FULL };

/* A surname from i. `style` says what may follow it. Returns the index after
 * the surname (suffixes such as "Jr." and "III" included) and its range without
 * the suffix in *r; i when none. */
static size_t parse_surname(const parser *p, size_t i, int style, litx_rf_range *r)
{
	size_t j = i;
	/* particles: "de Wit", "van der Waals", "dos Santos" */
	while (is_word(p, j) && (p->t[j].flags & F_LOW) && word_in(p, j, PARTICLES) &&
	       is_word(p, j + 1) && sp_before(p, j + 1))
		j++;
	/* "O'Brien", "D'Angelo": the apostrophe splits the word */
	if (is_word(p, j) && p->t[j].nlet == 1 && (p->t[j].flags & F_UP) && j + 2 < p->n &&
	    apos_cp(p->t[j + 1].cp) && !sp_before(p, j + 1) && is_word(p, j + 2) && !sp_before(p, j + 2))
		j += 2;
	if (!is_surname_word(p, j, style != S_CAPS))
		return i;
	j++;
	size_t end = j;
	for (;;) {
		/* "Lopez-Acevedo", "Martin- Facklam" (a line-break hyphen) */
		if (is_dash(p, j) && !sp_before(p, j) && is_word(p, j + 1) &&
		    (p->t[j + 1].flags & (F_UP | F_LOW)) &&
		    (!sp_before(p, j + 1) || p->s[p->t[j].s] == '-')) {
			j += 2;
			end = j;
			continue;
		}
		if (is_word(p, j) && sp_before(p, j) && word_in(p, j, SUFFIXES)) {
			j++;
			if (is_p(p, j, '.') && !sp_before(p, j))
				j++;
			continue;
		}
		/* a second word of the surname: "Asre Hazer", "dos Santos Silva" */
		if (style != S_CAPS && is_surname_word(p, j, 0) && sp_before(p, j) &&
		    (is_p(p, j + 1, ',') || is_and(p, j + 1) || is_p(p, j + 1, ';'))) {
			j++;
			end = j;
			continue;
		}
		if (style == S_CAPS && is_surname_word(p, j, 0) && sp_before(p, j) &&
		    parse_caps_initials(p, j + 1) > j + 1) {
			j++;
			end = j;
			continue;
		}
		break;
	}
	r->start = p->t[i].s;
	r->end = p->t[end - 1].e;
	return j;
}

/* Full given names after "Surname, ": "John", "Mary-Kate A.". */
static size_t parse_given_words(const parser *p, size_t i)
{
	size_t j = i;
	int words = 0;
	while (is_word(p, j) && (p->t[j].flags & F_UP) && !(p->t[j].flags & F_CAPS && p->t[j].nlet > 1) &&
	       p->t[j].nlet >= 2 && words < 3) {
		j++;
		words++;
		while (is_dash(p, j) && !sp_before(p, j) && is_word(p, j + 1) && !sp_before(p, j + 1))
			j += 2;
		size_t k = parse_initials(p, j);
		if (k > j) {
			j = k;
			break;
		}
	}
	if (!words)
		return i;
	/* the next thing must end the name */
	if (j < p->n && !(is_p(p, j, ',') || is_p(p, j, '.') || is_p(p, j, ';') || is_p(p, j, '(') ||
			  is_and(p, j) || et_al_at(p, j)))
		return i;
	return j;
}

typedef struct name_tok {
	size_t end;           /* token after the name */
	litx_rf_name nm;
} name_tok;

static int name_initials_first(const parser *p, size_t i, name_tok *r)
{
	size_t j = parse_initials(p, i);
	if (j == i)
		return 0;
	litx_rf_range sr;
	size_t k = parse_surname(p, j, S_INITIALS_FIRST, &sr);
	if (k == j)
		return 0;
	/* "J. Appl. Phys." is a journal, not J. Appl */
	if (is_p(p, k, '.') && !sp_before(p, k) && is_word(p, k + 1) && is_p(p, k + 2, '.') &&
	    p->t[k - 1].nlet <= 6)
		return 0;
	r->end = k;
	r->nm.given = (litx_rf_range){ p->t[i].s, p->t[j - 1].e };
	r->nm.surname = sr;
	return 1;
}

static int name_comma(const parser *p, size_t i, name_tok *r)
{
	litx_rf_range sr;
	size_t j = parse_surname(p, i, S_COMMA, &sr);
	if (j == i || !is_p(p, j, ','))
		return 0;
	size_t k = parse_initials(p, j + 1);
	if (k == j + 1) {
		k = parse_caps_initials(p, j + 1);
		if (k > j + 1 && k < p->n && !(is_p(p, k, ',') || is_p(p, k, '.') || is_p(p, k, ';') ||
					       is_p(p, k, '(') || is_and(p, k)))
			k = j + 1;
	}
	if (k == j + 1)
		k = parse_given_words(p, j + 1);
	if (k == j + 1)
		return 0;
	r->end = k;
	r->nm.surname = sr;
	r->nm.given = (litx_rf_range){ p->t[j + 1].s, p->t[k - 1].e };
	return 1;
}

static int ends_name(const parser *p, size_t k)
{
	return k >= p->n || is_p(p, k, ',') || is_p(p, k, '.') || is_p(p, k, ';') || is_p(p, k, '(') ||
	       is_p(p, k, ':') || is_and(p, k) || et_al_at(p, k);
}

/* "Smith JA", "de Wit HA", "Harrison R.M.", "DULONG R." */
static int name_caps(const parser *p, size_t i, name_tok *r)
{
	litx_rf_range sr;
	size_t j = parse_surname(p, i, S_CAPS, &sr);
	if (j == i && is_word(p, i) && (p->t[i].flags & F_CAPS) && p->t[i].nlet >= 2 &&
	    parse_initials(p, i + 1) > i + 1) {
		j = i + 1;
		sr = (litx_rf_range){ p->t[i].s, p->t[i].e };
	}
	if (j == i || !sp_before(p, j))
		return 0;
	/* dotted initials end the name by themselves ("Harrell F. The rms ...") */
	size_t k = parse_initials(p, j);
	if (k == j) {
		k = parse_caps_initials(p, j);
		if (k == j || !ends_name(p, k))
			return 0;
	}
	r->end = k;
	r->nm.surname = sr;
	r->nm.given = (litx_rf_range){ p->t[j].s, p->t[k - 1].e };
	return 1;
}

/* Given names first, in full: "Robert C. Allen", "Suk-Hwan Suh", "Paul MB Vitanyi". */
static int name_full(const parser *p, size_t i, name_tok *r)
{
	size_t j = i, words = 0, last = 0, last_end = 0;
	while (j < p->n && words < 5) {
		if (is_word(p, j) && (p->t[j].flags & F_UP) && p->t[j].nlet >= 2 &&
		    !((p->t[j].flags & F_CAPS) && words)) {
			last = j++;
			while (is_dash(p, j) && !sp_before(p, j) && is_word(p, j + 1) && !sp_before(p, j + 1))
				j += 2;
			last_end = j;
			words++;
			continue;
		}
		if (words && j > i && sp_before(p, j)) {
			size_t k = parse_initials(p, j);
			if (k == j && is_word(p, j) && (p->t[j].flags & F_CAPS) && p->t[j].nlet <= 2 &&
			    is_word(p, j + 1))
				k = j + 1;
			if (k > j) {
				j = k;
				continue;
			}
		}
		break;
	}
	if (words < 2 || last_end != j || !ends_name(p, j))
		return 0;
	r->end = j;
	r->nm.surname = (litx_rf_range){ p->t[last].s, p->t[last_end - 1].e };
	r->nm.given = (litx_rf_range){ p->t[i].s, p->t[last - 1].e };
	return 1;
}

/* A single-word name in a list of initials-first names ("A. Devi, Rashi and
 * A. Patra"): only when a separator follows it. */
static int name_single(const parser *p, size_t i, name_tok *r)
{
	if (!is_surname_word(p, i, 0) || !(is_and(p, i + 1) || (is_p(p, i + 1, ',') &&
							       parse_initials(p, i + 2) > i + 2)))
		return 0;
	r->end = i + 1;
	r->nm.surname = (litx_rf_range){ p->t[i].s, p->t[i].e };
	r->nm.given = (litx_rf_range){ p->t[i].s, p->t[i].s };
	return 1;
}

static int parse_name_any(const parser *p, size_t i, int style, int first, name_tok *r)
{
	memset(r, 0, sizeof *r);
	switch (style) {
	case S_INITIALS_FIRST:
		return name_initials_first(p, i, r) || (!first && name_single(p, i, r)) ||
		       (!first && name_comma(p, i, r));
	case S_COMMA:
		return name_comma(p, i, r) || (!first && name_initials_first(p, i, r));
	case S_CAPS:
		return name_caps(p, i, r);
	case S_FULL:
		return name_full(p, i, r) || name_initials_first(p, i, r);
	}
	return 0;
}

/* A name after the first: never in italics or bold (that is the journal, as in
 * "G. J. Hutchings, *J. Catal.*"), and in a list of initials-first names one that
 * runs into a full stop ("J. Catal.") only as the last name, after "and". */
static int parse_name(const parser *p, size_t i, int style, int last, name_tok *r)
{
	if (!parse_name_any(p, i, style, 0, r))
		return 0;
	for (size_t k = i; k < r->end; k++)
		if (p->t[k].flags & (F_ITAL | F_BOLD))
			return 0;
	if (style == S_INITIALS_FIRST && !last && is_p(p, r->end, '.') && !sp_before(p, r->end))
		return 0;
	return 1;
}

static void add_name(parser *p, const name_tok *nt)
{
	litx_refparsed *o = p->out;
	if (o->n_names < LITX_RF_MAX_NAMES)
		o->names[o->n_names++] = nt->nm;
	o->n_authors++;
}

/* An organisation as author: capitalised words (with "of", "on", "and" ...) up
 * to "(", a comma or a full stop. */
static size_t parse_org(parser *p, size_t i)
{
	size_t j = i;
	int words = 0;
	while (j < p->n && words < 12) {
		if (is_word(p, j) && ((p->t[j].flags & F_UP) || word_in(p, j, JOURNAL_LOW)))
			words++;
		else if (!(is_dash(p, j) || is_p(p, j, '&')))
			break;
		j++;
	}
	if (!words || j == i || !(j >= p->n || is_p(p, j, '(') || is_p(p, j, '.') || is_p(p, j, ',')))
		return i;
	if (!(p->t[i].flags & F_UP))
		return i;
	name_tok nt = { j, { { p->t[i].s, p->t[j - 1].e }, { p->t[j - 1].e, p->t[j - 1].e } } };
	add_name(p, &nt);
	return j;
}

/* Read the author list from token i; returns the token after it. */
static size_t parse_authors(parser *p, size_t i)
{
	name_tok nt;
	int style = 0;
	if (name_initials_first(p, i, &nt))
		style = S_INITIALS_FIRST;
	else if (name_comma(p, i, &nt))
		style = S_COMMA;
	else if (name_caps(p, i, &nt))
		style = S_CAPS;
	else if (name_full(p, i, &nt))
		style = S_FULL;
	if (!style) {
		size_t j = parse_org(p, i);
		if (j > i)
			p->out->author_list = (litx_rf_range){ p->t[i].s, p->t[j - 1].e };
		return j;
	}
	size_t end = nt.end;
	add_name(p, &nt);
	size_t j = nt.end;
	int last = 0;
	while (!last && j < p->n) {
		size_t k = j, ea;
		if ((ea = et_al_at(p, k)) || (is_p(p, k, ',') && (ea = et_al_at(p, k + 1)))) {
			p->out->et_al = 1;
			end = ea;
			break;
		}
		if (is_p(p, k, ',') || is_p(p, k, ';'))
			k++;
		if (is_and(p, k) && !(word_is(p, k, "et") && word_is(p, k + 1, "al"))) {
			k++;
			last = 1;
		}
		if (k == j)
			break;
		if (!parse_name(p, k, style, last, &nt))
			break;
		add_name(p, &nt);
		j = end = nt.end;
	}
	p->out->author_list = (litx_rf_range){ p->t[i].s, p->t[end - 1].e };
	return end;
}

/* ---- year ---- */

static inline int year_value(const parser *p, size_t i)
{
	const tok *t = &p->t[i];
	if (t->kind != T_NUM || (t->flags & F_MASK) || t->nlet != 4)
		return 0;
	size_t len = t->e - t->s;
	/* "2019" or "2019a" */
	if (!(t->flags & F_DIGIT) && !(len == 5 && p->s[t->s + 4] >= 'a' && p->s[t->s + 4] <= 'z'))
		return 0;
	int v = 0;
	for (size_t k = 0; k < 4; k++) {
		if (!is_digit_c(p->s[t->s + k]))
			return 0;
		v = v * 10 + (p->s[t->s + k] - '0');
	}
	return v >= 1600 && v <= 2099 ? v : 0;
}

static size_t find_year(const parser *p, size_t from, size_t cl_s, size_t cl_e)
{
	size_t best = (size_t)-1;
	int best_score = -100;
	for (size_t i = from; i < p->n; i++) {
		if (!year_value(p, i))
			continue;
		int sc = 0;
		const tok *t = &p->t[i];
		if (t->flags & F_BOLD)
			sc += 4;
		if (i > 0 && is_p(p, i - 1, '('))
			sc += 2;
		if (is_p(p, i + 1, ')'))
			sc += 2;
		if (is_p(p, i + 1, ';'))
			sc += 3;
		if (i > 0 && (is_p(p, i - 1, ',') || is_p(p, i - 1, '.')))
			sc += 1;
		if (is_p(p, i + 1, ',') || is_p(p, i + 1, '.'))
			sc += 1;
		if (i + 1 >= p->n)
			sc += 1;
		if (is_dash(p, i + 1) && i + 2 < p->n && p->t[i + 2].kind == T_NUM &&
		    !(i > 0 && is_p(p, i - 1, '(')))
			sc -= 4;
		if (i > 0 && is_dash(p, i - 1) && !(i > 1 && year_value(p, i - 2)))
			sc -= 4;
		if (i > 0 && is_p(p, i - 1, ':'))
			sc -= 2;
		if (i > 0 && is_word(p, i - 1) && !(p->t[i - 1].flags & F_MONTH))
			sc -= 2;
		if (i >= cl_s && i < cl_e)
			sc += 1;
		/* right after the author list: APA, PLOS, Harvard */
		size_t k = from;
		while (k < i && p->t[k].kind == T_PUNCT)
			k++;
		if (k == i)
			sc += 2;
		if (sc > best_score) {
			best_score = sc;
			best = i;
		}
	}
	return best;
}

/* ---- locator cluster: volume, issue, pages ---- */

static inline int cluster_tok(const parser *p, size_t i)
{
	const tok *t = &p->t[i];
	if (t->flags & F_MASK)
		return 0;
	if (t->kind == T_NUM)
		return (t->flags & (F_DIGIT | F_ELOC)) != 0;
	if (t->kind == T_PUNCT)
		return t->cp == ',' || t->cp == ';' || t->cp == ':' || t->cp == '(' || t->cp == ')' ||
		       t->cp == '.' || t->cp == '/' || t->cp == 0xB0 || t->cp == 0xBA || dash_cp(t->cp);
	return (t->flags & (F_LOC | F_MONTH | F_ROMAN)) != 0;
}

typedef struct cluster {
	size_t s, e; /* tokens [s, e) */
} cluster;

static cluster find_cluster(const parser *p, size_t from)
{
	cluster best = { 0, 0 };
	int best_score = 0;
	size_t i = from;
	while (i < p->n) {
		if (!cluster_tok(p, i)) {
			i++;
			continue;
		}
		size_t s = i;
		while (i < p->n && cluster_tok(p, i))
			i++;
		size_t e = i;
		/* trim punctuation at both ends (keep a closing parenthesis) */
		while (s < e && p->t[s].kind == T_PUNCT && !is_p(p, s, '('))
			s++;
		while (e > s && p->t[e - 1].kind == T_PUNCT && !is_p(p, e - 1, ')'))
			e--;
		if (s >= e)
			continue;
		/* a run that starts in the middle of a word-number ("Au25(SR)18") is weak */
		int sc = 0, nums = 0, ranges = 0, years = 0, locw = 0;
		for (size_t k = s; k < e; k++) {
			if (p->t[k].flags & F_ROMAN) {
				nums++;
			} else if (p->t[k].kind == T_NUM) {
				if (year_value(p, k))
					years++;
				else
					nums++;
				if (k + 2 < e && is_dash(p, k + 1) && p->t[k + 2].kind == T_NUM)
					ranges++;
			} else if (p->t[k].flags & F_LOC)
				locw++;
		}
		if (!nums && !(years && (s > from)))
			continue;
		/* "Retrieved January 22, 2010": a date of access, not a locator */
		{
			static const char *const ACCESS[] = { "retrieved", "accessed", "available",
				"viewed", "cited", "updated", "consulted", "downloaded", "visited", NULL };
			size_t b = s;
			while (b > from && cluster_tok(p, b - 1))
				b--;
			if (b > from && word_in(p, b - 1, ACCESS))
				continue;
			if (b > from + 1 && word_in(p, b - 2, ACCESS) && word_is(p, b - 1, "on"))
				continue;
		}
		sc = 2 * (nums > 3 ? 3 : nums) + 3 * (ranges ? 1 : 0) + 2 * (years ? 1 : 0) + 2 * (locw ? 1 : 0);
		if (s > 0 && p->t[s].kind == T_NUM && !sp_before(p, s) && p->t[s - 1].kind != T_PUNCT)
			sc -= 3;
		if (e < p->n && !sp_before(p, e) && p->t[e].kind == T_WORD)
			sc -= 3;
		sc += 1; /* later runs win ties */
		if (sc >= best_score && sc > 1) {
			best_score = sc;
			best = (cluster){ s, e };
		}
	}
	return best;
}

typedef struct item {
	size_t s, e;      /* tokens [s, e) */
	int role;         /* 0 unassigned, else field */
	int marker;       /* field named by a word before it, 0 when none */
	int paren;        /* in parentheses right after a number: an issue */
	int after_colon;
	int range, eloc, emph;
} item;

static void set_field(parser *p, litx_rf_field f, size_t ts, size_t te)
{
	p->out->f[f] = (litx_rf_range){ p->t[ts].s, p->t[te - 1].e };
}

static int marker_of(const parser *p, size_t k)
{
	static const char *const VOL[] = { "vol", "volume", "vols", "v", NULL };
	static const char *const ISS[] = { "no", "nos", "n", "issue", "iss", "suppl", "supplement",
		"pt", "part", NULL };
	static const char *const PAG[] = { "pp", "p", "pages", "page", "art", "article", NULL };
	if (word_in(p, k, VOL))
		return LITX_RF_VOLUME;
	if (word_in(p, k, ISS))
		return LITX_RF_ISSUE;
	if (word_in(p, k, PAG))
		return LITX_RF_PAGES;
	return 0;
}

/* Read the numbers of the cluster: words name some ("vol.", "no.", "pp."), the
 * punctuation others ("12(3)": issue, "12:45": pages); the rest are volume then
 * pages, a range being pages whatever its place. */
static void read_cluster(parser *p, cluster c, size_t year_tok)
{
	item it[16];
	size_t n = 0;
	int pending = 0, colon = 0;
	for (size_t k = c.s; k < c.e && n < 16; k++) {
		const tok *t = &p->t[k];
		if (t->kind == T_WORD && !(t->flags & F_ROMAN)) {
			int m = marker_of(p, k);
			if (m)
				pending = m;
			continue;
		}
		if (t->kind == T_PUNCT) {
			if (t->cp == ':')
				colon = 1;
			else if (t->cp == ',' || t->cp == ';')
				colon = 0;
			continue;
		}
		if (k == year_tok) {
			pending = 0;
			continue;
		}
		item x = { k, k + 1, 0, pending, 0, colon, 0, 0, 0 };
		/* a range "45–67", "S77–S81", an issue "3/4" */
		if (k + 2 < c.e && (is_dash(p, k + 1) || is_p(p, k + 1, '/')) && p->t[k + 2].kind == T_NUM &&
		    k + 2 != year_tok) {
			x.e = k + 3;
			x.range = is_dash(p, k + 1);
		}
		x.eloc = (t->flags & F_ELOC) != 0;
		x.emph = (t->flags & (F_BOLD | F_ITAL)) != 0;
		x.paren = k > c.s && is_p(p, k - 1, '(') && n > 0 && it[n - 1].e + 1 == k;
		it[n++] = x;
		k = x.e - 1;
		pending = 0;
		colon = 0;
	}
	int have[LITX_RF_N] = { 0 };
	/* named by a word */
	for (size_t k = 0; k < n; k++) {
		int r = it[k].marker;
		if (r && !have[r]) {
			it[k].role = r;
			have[r] = 1;
		}
	}
	/* "12(3)" */
	for (size_t k = 0; k < n; k++)
		if (!it[k].role && it[k].paren && !have[LITX_RF_ISSUE] && !it[k].range) {
			it[k].role = LITX_RF_ISSUE;
			have[LITX_RF_ISSUE] = 1;
		}
	/* pages: the last range, else the number after a colon */
	if (!have[LITX_RF_PAGES]) {
		for (size_t k = n; k-- > 0;)
			if (!it[k].role && it[k].range) {
				it[k].role = LITX_RF_PAGES;
				have[LITX_RF_PAGES] = 1;
				break;
			}
	}
	for (size_t k = 0; k < n; k++) {
		if (it[k].role || !it[k].after_colon || k == 0)
			continue;
		int r = !have[LITX_RF_PAGES] ? LITX_RF_PAGES : !have[LITX_RF_ISSUE] ? LITX_RF_ISSUE : 0;
		if (r) {
			it[k].role = r;
			have[r] = 1;
		}
	}
	/* the rest in order: volume first, then issue when three remain, then pages */
	size_t un = 0;
	for (size_t k = 0; k < n; k++)
		un += it[k].role == 0;
	for (size_t k = 0; k < n; k++) {
		if (it[k].role)
			continue;
		if (!have[LITX_RF_VOLUME] && !it[k].range && !it[k].eloc) {
			int later = 0;
			for (size_t m = k + 1; m < n; m++)
				later |= it[m].role == 0 || it[m].role == LITX_RF_PAGES ||
					 it[m].role == LITX_RF_ISSUE;
			if (later || have[LITX_RF_PAGES] || it[k].emph ||
			    (p->t[it[k].s].nlet <= 4 && un == 1)) {
				it[k].role = LITX_RF_VOLUME;
				have[LITX_RF_VOLUME] = 1;
				un--;
				continue;
			}
		}
		if (!have[LITX_RF_ISSUE] && have[LITX_RF_VOLUME] && un >= 2 && !it[k].range &&
		    !it[k].eloc) {
			it[k].role = LITX_RF_ISSUE;
			have[LITX_RF_ISSUE] = 1;
			un--;
			continue;
		}
		if (!have[LITX_RF_PAGES]) {
			it[k].role = LITX_RF_PAGES;
			have[LITX_RF_PAGES] = 1;
			un--;
		}
	}
	for (size_t k = 0; k < n; k++)
		if (it[k].role)
			set_field(p, (litx_rf_field)it[k].role, it[k].s, it[k].e);
}

/* ---- journal and title ---- */

/* Words journals abbreviate (ISO 4 style), so a full stop after them is not the
 * end of a title. A word not listed counts as an abbreviation when it is short,
 * capitalised and ends in a consonant ("Geol", "Zool"). */
static const char *const ABBREV[] = { "Acc", "Acad", "Adv", "Am", "Anal", "Angew", "Ann", "Appl",
	"Arch", "Assoc", "Astron", "Astrophys", "Aust", "Biochem", "Biochim", "Biol", "Biomed",
	"Biophys", "Biotechnol", "Br", "Bull", "Can", "Cardiol", "Catal", "Cell", "Chem", "Chim",
	"Clin", "Commun", "Comput", "Coord", "Crystallogr", "Curr", "Dent", "Dev", "Dis", "Ecol",
	"Econ", "Ed", "Educ", "Electrochem", "Electrochim", "Endocrinol", "Energ", "Eng", "Environ",
	"Epidemiol", "Eur", "Evol", "Exp", "Front", "Gastroenterol", "Gen", "Genet", "Geochim",
	"Geol", "Geophys", "Gynecol", "Hist", "Hyg", "Immunol", "Ind", "Infect", "Inf", "Inorg",
	"Inst", "Int", "Invest", "Jpn", "Lab", "Lang", "Lett", "Manag", "Mater", "Math", "Mech",
	"Med", "Metab", "Methods", "Microbiol", "Mol", "Nanotechnol", "Nat", "Natl", "Neurol",
	"Neurosci", "Nucl", "Nutr", "Obstet", "Oncol", "Opin", "Opt", "Org", "Pediatr", "Pharm",
	"Pharmacol", "Philos", "Photochem", "Photobiol", "Phys", "Physiol", "Polym", "Pract", "Proc",
	"Prog", "Psychiatr", "Psychol", "Q", "Radiat", "Rec", "Rep", "Res", "Rev", "Sci", "Sens",
	"Soc", "Stat", "Struct", "Stud", "Surf", "Surg", "Sustain", "Syst", "Technol", "Theor",
	"Ther", "Toxicol", "Trans", "Trop", "Univ", "Vet", "Virol", "Zool", NULL };

static int consonant_end(const parser *p, size_t i)
{
	char c = (char)(p->s[p->t[i].e - 1] | 32);
	return c >= 'a' && c <= 'z' && !strchr("aeiouy", c);
}

/* ABBREV by first byte, with lengths, built once per process (as lm_index). */
#define AB_MAX 256
static struct {
	uint8_t start[257];        /* entries with first byte k: at[start[k] .. start[k + 1]) */
	const char *at[AB_MAX];
	uint8_t len[AB_MAX];
} ab_index;
static pthread_once_t ab_once = PTHREAD_ONCE_INIT;
_Static_assert(sizeof ABBREV / sizeof *ABBREV < AB_MAX, "AB_MAX holds ABBREV");

static void ab_build(void)
{
	size_t count[256] = { 0 };
	for (const char *const *a = ABBREV; *a; a++)
		count[(unsigned char)(*a)[0]]++;
	size_t fill[256];
	byte_index_starts(count, ab_index.start, fill);
	for (const char *const *a = ABBREV; *a; a++) {
		size_t k = (unsigned char)(*a)[0];
		ab_index.at[fill[k]] = *a;
		ab_index.len[fill[k]++] = (uint8_t)strlen(*a);
	}
}

static int abbrev_word(const parser *p, size_t i)
{
	const tok *t = &p->t[i];
	if (t->kind != T_WORD)
		return 0;
	if (t->nlet == 1)
		return 1;
	size_t n = t->e - t->s;
	pthread_once(&ab_once, ab_build);
	unsigned k0 = (unsigned char)p->s[t->s];
	for (size_t j = ab_index.start[k0]; j < ab_index.start[k0 + 1]; j++)
		if (ab_index.len[j] == n && memcmp(ab_index.at[j], p->s + t->s, n) == 0)
			return 1;
	/* an unlisted word: short, ending in a consonant, and following another
	 * abbreviation ("J. Approx.") or an acronym ("IEEE Softw.") - not a title's
	 * last word ("... Decision-Making Under Risk.") */
	if (!(t->flags & F_UP) || (t->flags & F_CAPS) || t->nlet > 6 || !consonant_end(p, i) ||
	    p->s[t->e - 1] == 's' || i == 0)
		return 0;
	return is_p(p, i - 1, '.') || (p->t[i - 1].kind == T_WORD && (p->t[i - 1].flags & F_CAPS) &&
					p->t[i - 1].nlet >= 2);
}

static const char *const PUBLISHER[] = { "press", "publishers", "publishing", "publisher",
	"verlag", "editions", "éditions", "ltd", "inc", "gmbh", "elsevier", "springer", "wiley",
	"routledge", "academic", "university", "universitaires", NULL };

/* The journal read backward from token `end` (exclusive), not before `floor`.
 * Returns its first token, `end` when none. */
static size_t journal_backward(const parser *p, size_t floor, size_t end)
{
	size_t j = end;
	while (j > floor && p->t[j - 1].kind == T_PUNCT &&
	       (is_p(p, j - 1, ',') || is_p(p, j - 1, ';') || is_p(p, j - 1, ':') || is_p(p, j - 1, '.')))
		j--;
	/* a journal abbreviation keeps its final dot: "J. Chem. Educ." */
	size_t last = j;
	if (last < end && is_p(p, last, '.') && last > floor && abbrev_word(p, last - 1))
		last++;
	size_t k = j;
	int words = 0;
	while (k > floor) {
		const tok *t = &p->t[k - 1];
		if (t->flags & F_MASK)
			break;
		if (t->kind == T_WORD) {
			k--;
			words++;
			continue;
		}
		if (t->kind == T_NUM) {
			/* "Nano-Micro Lett." has none, "Appl. Catal., B" neither; numbers end it */
			break;
		}
		if (t->cp == '.') {
			if (k - 1 > floor && abbrev_word(p, k - 2) && !sp_before(p, k - 1)) {
				k--;
				continue;
			}
			break;
		}
		if (t->cp == ',') {
			/* "Angew. Chem., Int. Ed." and "Appl. Catal., B" */
			if (k - 1 > floor && is_p(p, k - 2, '.') && words && words <= 3) {
				k--;
				continue;
			}
			break;
		}
		if (t->cp == '&' || dash_cp(t->cp) || t->cp == '\'' || t->cp == 0x2019 || t->cp == '/' ||
		    t->cp == ':') {
			k--;
			continue;
		}
		break;
	}
	while (k < j && p->t[k].kind == T_PUNCT)
		k++;
	if (!words || k >= j)
		return end;
	/* "London: Routledge", "Elsevier": a publisher, not a journal */
	for (size_t m = k; m < j; m++) {
		if (word_in(p, m, PUBLISHER))
			return end;
		if (is_p(p, m, ':') && m == k + 1 && j - m <= 3)
			return end;
	}
	return k;
}

static size_t italic_run_before(const parser *p, size_t floor, size_t end, size_t *run_end)
{
	/* the last italic run ending before `end` that holds a letter */
	size_t k = end;
	while (k > floor && !(p->t[k - 1].flags & F_ITAL))
		k--;
	if (k == floor)
		return end;
	size_t e = k;
	while (k > floor && (p->t[k - 1].flags & F_ITAL))
		k--;
	int letters = 0;
	for (size_t m = k; m < e; m++)
		letters |= p->t[m].kind == T_WORD;
	if (!letters)
		return end;
	*run_end = e;
	return k;
}

static void trim_range(const parser *p, litx_rf_range *r, int keep_dot)
{
	const char *s = p->s;
	while (r->start < r->end) {
		unsigned char c = (unsigned char)s[r->start];
		if (c == ' ' || c == ',' || c == '.' || c == ';' || c == ':' || c == '"' || c == '\'' ||
		    c == '(' || c == '[')
			r->start++;
		else if (r->end - r->start >= 3 && c == 0xE2 && (unsigned char)s[r->start + 1] == 0x80 &&
			 ((unsigned char)s[r->start + 2] == 0x9C || (unsigned char)s[r->start + 2] == 0x98))
			r->start += 3; /* “ ‘ */
		else
			break;
	}
	while (r->end > r->start) {
		unsigned char c = (unsigned char)s[r->end - 1];
		if (c == ' ' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\'' ||
		    (c == '.' && !keep_dot))
			r->end--;
		else if (r->end - r->start >= 3 && (unsigned char)s[r->end - 3] == 0xE2 &&
			 (unsigned char)s[r->end - 2] == 0x80 &&
			 (c == 0x9D || c == 0x99))
			r->end -= 3; /* ” ’ */
		else
			break;
	}
}

/* The end of the title when no journal bounds it: the first full stop after a
 * whole word, a question or exclamation mark. */
static size_t title_end(const parser *p, size_t from, size_t limit)
{
	for (size_t k = from; k < limit; k++) {
		if (is_p(p, k, '?') || is_p(p, k, '!'))
			return k + 1;
		if (is_p(p, k, '.') && k > from && p->t[k - 1].kind == T_WORD && p->t[k - 1].nlet > 1 &&
		    (k + 1 >= limit || sp_before(p, k + 1)))
			return k;
	}
	return limit;
}

/* ---- driver ---- */

static int roman(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLC", w[i]) || !w[i])
			return 0;
	return n > 0;
}

static void mark_emphasis(parser *p, const litx_span *spans, size_t n_spans)
{
	for (size_t k = 0; k < n_spans; k++) {
		uint16_t f = spans[k].kind == LITX_SPAN_ITALIC ? F_ITAL
			     : spans[k].kind == LITX_SPAN_BOLD ? F_BOLD : 0;
		if (!f)
			continue;
		for (size_t i = 0; i < p->n; i++)
			if (p->t[i].s >= spans[k].start && p->t[i].e <= spans[k].end)
				p->t[i].flags |= f;
	}
}

int litx_refparse(const char *s, size_t len, const litx_span *spans, size_t n_spans,
		  litx_refparsed *out)
{
	memset(out, 0, sizeof *out);
	if (!s)
		return 0;
	tok stack[512];
	tok *t = stack;
	size_t cap = sizeof stack / sizeof *stack;
	/* every token starts at a byte that is not white space, so len + 1 bounds them */
	if (len + 1 > cap) {
		if (len + 1 > SIZE_MAX / sizeof *t)
			return -1;
		cap = len + 1;
		t = malloc(cap * sizeof *t);
		if (!t)
			return -1;
	}
	parser P = { s, len, t, 0, out };
	parser *p = &P;
	p->n = tokenize(s, len, t, cap);
	for (size_t i = 0; i < p->n; i++) {
		if (t[i].kind != T_WORD || t[i].nlet > 10)
			continue;
		unsigned lm = loc_or_month(p, i);
		if (lm)
			t[i].flags |= (uint16_t)lm;
		else if ((t[i].e - t[i].s == 1 && (s[t[i].s] | 32) == 'n') &&
			 i + 1 < p->n && (t[i + 1].cp == 0xB0 || t[i + 1].cp == 0xBA) && !(t[i + 1].flags & F_SP))
			t[i].flags |= F_LOC; /* "n°59" */
		else if ((t[i].flags & F_CAPS) && roman(s + t[i].s, t[i].e - t[i].s) &&
			 (t[i].nlet >= 2 || (i >= 2 && is_p(p, i - 1, '.') && word_in(p, i - 2, LOCATOR))))
			t[i].flags |= F_ROMAN;
	}
	mark_emphasis(p, spans, n_spans);
	find_masks(p);
	size_t i0 = skip_label(p);
	size_t ia = parse_authors(p, i0);

	/* what follows the authors: separators, then maybe a year in parentheses */
	cluster c = find_cluster(p, ia);
	size_t yt = find_year(p, ia, c.s, c.e);
	if (yt != (size_t)-1)
		out->f[LITX_RF_YEAR] = (litx_rf_range){ t[yt].s, t[yt].e };
	if (c.e > c.s)
		read_cluster(p, c, yt);

	size_t body = ia;
	while (body < p->n && t[body].kind == T_PUNCT && !is_p(p, body, '('))
		body++;
	/* "(2019)." / "2019." / "(2019, May)." right after the authors */
	if (yt != (size_t)-1) {
		size_t k = body;
		if (is_p(p, k, '('))
			k++;
		if (k == yt) {
			k = yt + 1;
			while (k < p->n && !is_p(p, k, ')') && !(t[k].flags & F_SP) && k < yt + 4)
				k++;
			if (is_p(p, k, ')'))
				k++;
			while (k < p->n && t[k].kind == T_PUNCT && !is_p(p, k, '('))
				k++;
			body = k;
		}
	}
	int has_loc = out->f[LITX_RF_VOLUME].end > out->f[LITX_RF_VOLUME].start ||
		      out->f[LITX_RF_PAGES].end > out->f[LITX_RF_PAGES].start;
	size_t jend = c.e > c.s ? c.s : p->n;
	/* the journal ends before the cluster; a year right before the cluster
	 * ("J Name. 2019;12:45") is part of neither */
	size_t js = jend, je = jend;
	if (has_loc && jend > body) {
		size_t ie = 0;
		size_t is = italic_run_before(p, body, jend, &ie);
		if (is < jend) {
			js = is;
			je = ie;
		} else {
			js = journal_backward(p, body, jend);
			je = jend;
			while (je > js && t[je - 1].kind == T_PUNCT && !(is_p(p, je - 1, '.') &&
									 je - 1 > js && abbrev_word(p, je - 2) &&
									 je - js > 2))
				je--;
		}
	}
	if (je > js && js < p->n) {
		litx_rf_range r = { t[js].s, t[je - 1].e };
		/* keep the final dot when emphasis bounds the name, or when it is an
		 * abbreviation with inner dots ("J. Chem. Educ.", not "J Name.") */
		int keep = (t[js].flags & F_ITAL) != 0;
		for (size_t k = js; k + 1 < je; k++)
			keep |= is_p(p, k, '.');
		trim_range(p, &r, keep);
		out->f[LITX_RF_JOURNAL] = r;
	}
	/* the title: between the authors (and their year) and the journal */
	size_t tend = je > js ? js : title_end(p, body, jend);
	if (tend > body) {
		size_t te = tend;
		/* never run into the year or a masked id */
		for (size_t k = body; k < te; k++)
			if ((t[k].flags & F_MASK) || k == yt) {
				te = k;
				break;
			}
		if (te > body) {
			litx_rf_range r = { t[body].s, t[te - 1].e };
			trim_range(p, &r, 0);
			if (r.end > r.start)
				out->f[LITX_RF_TITLE] = r;
		}
	}
	if (t != stack)
		free(t);
	return 0;
}

/* ---- output helpers ---- */

static inline size_t put(char *buf, size_t cap, size_t n, const char *s, size_t len)
{
	if (n < cap) {
		size_t k = cap - 1 - n < len ? cap - 1 - n : len;
		/* a cut ends on a character, never inside one */
		while (k < len && k && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		memcpy(buf + n, s, k);
		buf[n + k] = '\0';
	}
	return n + len;
}

size_t litx_refparse_name(const char *s, const litx_rf_name *nm, char *buf, size_t cap)
{
	size_t n = 0;
	if (cap)
		buf[0] = '\0';
	n = put(buf, cap, n, s + nm->surname.start, nm->surname.end - nm->surname.start);
	if (nm->given.end <= nm->given.start)
		return n < cap ? n : (cap ? strlen(buf) : 0);
	n = put(buf, cap, n, ", ", 2);
	/* initials from the given names: "W." "G.-F." "J. A." "John" -> "J." */
	const char *g = s + nm->given.start;
	size_t gl = nm->given.end - nm->given.start;
	size_t i = 0;
	int first = 1, after_dash = 0;
	while (i < gl) {
		uint32_t c;
		size_t k = decode(g, gl, i, &c);
		int cl = cclass(c);
		if (cl == C_UPPER || cl == C_LOWER || cl == C_LETTER) {
			/* one initial: the letter, then skip the rest of the word */
			if (!first && !after_dash)
				n = put(buf, cap, n, " ", 1);
			n = put(buf, cap, n, g + i, k);
			n = put(buf, cap, n, ".", 1);
			first = 0;
			after_dash = 0;
			i += k;
			/* an all-capitals run without dots is several initials ("JA") */
			int caps_run = 1;
			size_t m = i;
			while (m < gl) {
				uint32_t d;
				size_t q = decode(g, gl, m, &d);
				int dc = cclass(d);
				if (dc == C_LOWER || dc == C_LETTER || dc == C_MARK)
					caps_run = 0;
				if (!(dc == C_UPPER || dc == C_LOWER || dc == C_LETTER || dc == C_MARK))
					break;
				m += q;
			}
			if (!caps_run)
				i = m;
			continue;
		}
		if (c == '-' || dash_cp(c)) {
			n = put(buf, cap, n, "-", 1);
			after_dash = 1;
			i += k;
			continue;
		}
		i += k;
	}
	return n < cap ? n : (cap ? strlen(buf) : 0);
}

size_t litx_refparse_authors(const char *s, const litx_refparsed *p, char *buf, size_t cap)
{
	size_t n = 0;
	if (cap)
		buf[0] = '\0';
	char one[512];
	for (size_t i = 0; i < p->n_names; i++) {
		size_t k = litx_refparse_name(s, &p->names[i], one, sizeof one);
		size_t need = k + (n ? 2 : 0);
		/* a name that filled the scratch may have been cut: it does not fit */
		if (k >= sizeof one - 1 || n + need + 1 > cap)
			break;
		if (n) {
			memcpy(buf + n, "; ", 2);
			n += 2;
		}
		memcpy(buf + n, one, k);
		n += k;
		buf[n] = '\0';
	}
	return n;
}

size_t litx_refparse_field(const char *s, const litx_refparsed *p, litx_rf_field f, char *buf,
			   size_t cap)
{
	if (cap)
		buf[0] = '\0';
	if ((unsigned)f >= LITX_RF_N || p->f[f].end <= p->f[f].start || !cap)
		return 0;
	size_t len = p->f[f].end - p->f[f].start;
	if (len > cap - 1) {
		len = cap - 1;
		while (len && ((unsigned char)s[p->f[f].start + len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(buf, s + p->f[f].start, len);
	buf[len] = '\0';
	return len;
}
