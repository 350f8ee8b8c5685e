/* text_meta.c - the metadata of a text article: title, DOI, journal, year.
 *
 * The rules are the ones a reader applies to the first page of a PDF:
 *  - DOI: the first "DOI: 10.x/y" (or doi.org/10.x/y) before the reference list,
 *    not in a footnote (an ESI footnote carries the DOI of another file);
 *  - journal and year: a "Cite this: Journal, 2025, 16, 10642" line; failing that
 *    the year of a "Published/Accepted/Received ... 2025" or "© 2025" line;
 *  - title: in the front matter (before the first heading or the abstract), the
 *    line just before the author line, or the first title-like line when no author
 *    line is found. A title-like line has a few words, no final full stop, and is
 *    not a banner, date, address or author line.
 * One pass over the lines up to the reference list, with bounded work per line. */
#include "text_int.h"
#include <string.h>

#define FRONT_MAX_LINES 400
#define ABSTRACT_MIN 200
#define MAX_DOI 256          /* bytes of a DOI (bounds the scan of a hostile line) */

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Offset of the first 4-digit year 1900-2099 standing alone in s, or n. */
static size_t find_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++) {
		if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) {
			if (is_digit((unsigned char)s[i + 2]) && is_digit((unsigned char)s[i + 3]) &&
			    (i == 0 || !is_digit((unsigned char)s[i - 1])) &&
			    (i + 4 == n || !is_digit((unsigned char)s[i + 4])))
				return i;
		}
	}
	return n;
}

/* A DOI in the line: after "doi:" / "DOI " / "doi.org/". Returns its length. */
static size_t find_doi(const char *s, size_t n, const char **out)
{
	for (size_t i = 0; i + 3 < n; i++) {
		if ((s[i] | 32) != 'd' || (s[i + 1] | 32) != 'o' || (s[i + 2] | 32) != 'i')
			continue;
		if (i > 0 && (((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z')))
			continue;
		size_t j = i + 3;
		if (j + 4 < n && memcmp(s + j, ".org/", 5) == 0)
			j += 5;
		else if (j < n && (s[j] == ':' || s[j] == ' '))
			j++;
		else
			continue;
		while (j < n && s[j] == ' ')
			j++;
		if (j + 3 >= n || s[j] != '1' || s[j + 1] != '0' || s[j + 2] != '.')
			continue;
		size_t e = j;
		while (e < n && e - j < MAX_DOI && s[e] != ' ' && s[e] != '\t' && s[e] != '"' &&
		       s[e] != '<' && s[e] != '>')
			e++;
		while (e > j && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == ';' || s[e - 1] == ')' ||
				 s[e - 1] == ']' || s[e - 1] == '*'))
			e--;
		if (!memchr(s + j, '/', e - j))
			continue;
		*out = s + j;
		return e - j;
	}
	return 0;
}

static int is_footnote_start(const char *s, size_t n)
{
	if (n && (s[0] == '*'))
		return n > 1 && s[1] != '*';
	return n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	       ((unsigned char)s[2] == 0xA0 || (unsigned char)s[2] == 0xA1); /* † ‡ */
}

/* An author line: capitalised names joined by commas/"and", with no function
 * words of a title. */
static int is_author_line(const char *s, size_t n)
{
	static const char *const func[] = { "of", "the", "on", "in", "for", "with", "by", "via",
		"to", "from", "a", "an", "at", "as", "into", "toward", "towards", "is", "are" };
	size_t words = 0, caps = 0;
	int sep = memchr(s, ',', n) != NULL;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		size_t l = i - w;
		if (!l)
			break;
		if (l == 3 && memcmp(s + w, "and", 3) == 0) {
			sep = 1;
			continue;
		}
		for (size_t k = 0; k < sizeof func / sizeof *func; k++)
			if (strlen(func[k]) == l && memcmp(s + w, func[k], l) == 0)
				return 0;
		unsigned char c = (unsigned char)s[w];
		if ((c | 32) >= 'a' && (c | 32) <= 'z') {
			words++;
			caps += c >= 'A' && c <= 'Z';
		} else if (c >= 0x80) {
			words++;
			caps++; /* "Šimon", "Ö..." */
		}
	}
	return sep && words >= 2 && caps * 10 >= words * 8;
}

static int is_title_like(const text_rd *r, size_t i, const char *s, size_t n)
{
	if (n < 15 || n > 400 || s[n - 1] == '.' || r->ln[i].tab)
		return 0;
	if (text_is_furniture(r, i))
		return 0;
	/* labels of front-matter lines, and article-type banners (short lines only) */
	static const char *const label[] = { "doi", "keywords", "key words", "abstract", "http",
		"www." };
	static const char *const banner[] = { "article", "perspective", "review", "communication",
		"edge article", "research article", "paper" };
	for (size_t k = 0; k < sizeof label / sizeof *label; k++)
		if (text_prefix_ci(s, n, label[k]))
			return 0;
	for (size_t k = 0; k < sizeof banner / sizeof *banner; k++)
		if (text_prefix_ci(s, n, banner[k]) && n < 25)
			return 0;
	size_t words = 1;
	for (size_t k = 0; k < n; k++)
		words += s[k] == ' ';
	if (words < 3 || words > 60)
		return 0;
	return !is_author_line(s, n);
}

/* journal and year from the text after "Cite this:" */
static int cite_line(text_rd *r, size_t i, const char *s, size_t n, int *have_year)
{
	text_piece_tmp(r, i, s, n, TEXT_INL_REFS);
	const char *t = r->tb.s ? r->tb.s : "";
	size_t tn = r->tb.len;
	size_t y = find_year(t, tn);
	if (y == tn)
		return 0;
	litx_doc *d = &r->b->doc;
	if (!d->meta.year) {
		d->meta.year = docb_strndup(r->b, t + y, 4);
		*have_year = 3;
	}
	/* "Journal, 2025, ..." : the journal ends at the comma before the year */
	size_t e = y;
	while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == ','))
		e--;
	if (!d->meta.journal && e > 0 && e < 200 && !text_prefix_ci(t, tn, "doi"))
		d->meta.journal = docb_strndup(r->b, t, e);
	return r->b->oom ? -1 : 0;
}

int text_meta_scan(text_rd *r)
{
	litx_doc *d = &r->b->doc;
	int front = 1, have_year = 0; /* have_year: priority of the year found so far */
	size_t first_title = SIZE_MAX, last_title = SIZE_MAX, title = SIZE_MAX;
	for (size_t i = 0; i < r->n_ln; i++) {
		if (r->ln[i].blank)
			continue;
		size_t n = r->ln[i].len;
		const char *s = text_trim(tl_s(r, i), &n);
		text_heading h;
		int hk = text_heading_parse(s, n, &h);
		if (hk == TH_NAMED && h.cls == THC_REFS)
			break;
		int title_heading = hk == TH_NAMED && h.hashes == 1 && h.generic &&
				    first_title == SIZE_MAX && title == SIZE_MAX;
		if (hk == TH_NUMBERED || (hk == TH_NAMED && h.cls == THC_BODY && !title_heading) ||
		    i >= FRONT_MAX_LINES ||
		    n >= ABSTRACT_MIN || (hk == TH_NAMED && h.cls == THC_ABSTRACT))
			front = 0;
		if (!d->meta.doi && !is_footnote_start(s, n)) {
			const char *p;
			size_t k = find_doi(s, n, &p);
			if (k && !(d->meta.doi = docb_strndup(r->b, p, k)))
				return -1;
		}
		if (!front && d->meta.doi && have_year >= 3 && title != SIZE_MAX)
			break;
		if (have_year < 3 && n < 300 &&
		    (text_prefix_ci(s, n, "cite this") || text_prefix_ci(s, n, "citation:"))) {
			size_t c = 0;
			while (c < n && s[c] != ':')
				c++;
			if (c < n && cite_line(r, i, s + c + 1, n - c - 1, &have_year))
				return -1;
			continue;
		}
		if (have_year < 2 && n < 300) {
			int prio = text_prefix_ci(s, n, "published") ? 2
				   : text_prefix_ci(s, n, "accepted") || text_prefix_ci(s, n, "received") ||
				   text_prefix_ci(s, n, "\xC2\xA9") || text_prefix_ci(s, n, "copyright") ? 1 : 0;
			size_t y = find_year(s, n);
			if (prio > have_year && y < n) {
				d->meta.year = docb_strndup(r->b, s + y, 4);
				if (!d->meta.year)
					return -1;
				have_year = prio;
			}
		}
		if (!front || title != SIZE_MAX)
			continue;
		if (title_heading) {
			title = i; /* a markdown "# Title" opening the document */
			continue;
		}
		if (hk == TH_NAMED || hk == TH_NUMBERED)
			continue;
		if (n < 400 && is_author_line(s, n)) {
			if (last_title != SIZE_MAX)
				title = last_title;
			continue;
		}
		if (is_title_like(r, i, s, n)) {
			if (first_title == SIZE_MAX)
				first_title = i;
			last_title = i;
		}
	}
	if (title == SIZE_MAX)
		title = first_title;
	r->title_line = title;
	if (title != SIZE_MAX) {
		size_t n = r->ln[title].len;
		const char *s = text_trim(tl_s(r, title), &n);
		while (n && (*s == '#' || *s == ' ')) { /* a markdown "# Title" */
			s++;
			n--;
		}
		text_piece_tmp(r, title, s, n, 0);
		if (r->tb.len && !(d->meta.title = docb_strndup(r->b, r->tb.s, r->tb.len)))
			return -1;
	}
	return r->tb.failed ? -1 : 0;
}
