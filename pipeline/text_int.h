/* text_int.h - internals shared by the text reader's files (read_text.c drives
 * them).
 *
 * The reader first splits the source into lines (text_lines.c) and marks the
 * short lines that repeat like running heads; then it walks the lines once,
 * deciding for each what it is: blank, page furniture, a section heading
 * (text_heading.c), a figure caption, a table (text_table.c), a reference entry
 * (text_refs.c) or body text. Metadata comes from a scan of the front matter
 * (text_meta.c). All text goes through the inline normalizer (text_inline.c). */
#ifndef LITX_TEXT_INT_H
#define LITX_TEXT_INT_H
#include <stddef.h>
#include <stdint.h>
#include "readers.h"
#include "text_inline.h"

/* Limits a hostile file cannot push past. */
#define TEXT_MAX_COLS        64         /* cells of one table row (the rest join the last) */
#define TEXT_MAX_DOC_CELLS   ((size_t)1 << 20) /* table grid positions in one document */
#define TEXT_MAX_HEAD_ROWS   4
#define TEXT_MAX_HEADING     200        /* bytes of a heading line */
#define TEXT_MAX_CAPTION_LINES 8        /* lines of one caption */

typedef struct tline {
	size_t off;      /* byte offset of the line's first byte */
	size_t len;      /* bytes, without the newline and a trailing CR */
	uint8_t blank;   /* nothing but white space */
	uint8_t tab;     /* holds a tab */
	uint8_t rep;     /* a short line seen three times or more: a running head */
} tline;

typedef struct text_rd {
	docb *b;
	litx_err *err;
	const char *buf;
	size_t len;
	tline *ln;
	size_t n_ln;
	tbuf tb;             /* scratch text: captions, cells, titles */
	text_inl inl;
	size_t cells_used;   /* grid positions of the tables so far */
	size_t title_line;   /* the line the title came from, SIZE_MAX when none */
	int oom;
	int limit;   /* a reader limit was hit; err says which */
} text_rd;

static inline const char *tl_s(const text_rd *r, size_t i)
{
	return r->buf + r->ln[i].off;
}

/* ---- text_lines.c ---- */
/* Split r->buf into r->ln and mark repeated short lines. -1 on no memory. */
int text_lines_split(text_rd *r);
/* Is line i page furniture: a page number, a copyright or licence line, an e-mail
 * or affiliation line, a running head, a URL on its own? */
int text_is_furniture(const text_rd *r, size_t i);
/* Trim ASCII white space (and a CR) from both ends of s[0..*n); returns the start. */
const char *text_trim(const char *s, size_t *n);
/* Does s[0..n) start with p, ASCII letters compared without case? */
int text_prefix_ci(const char *s, size_t n, const char *p);
/* Normalize s[0..n) of line i (s points into the line) into *out (in the
 * document's arena). -1 on no memory. */
int text_piece(text_rd *r, size_t i, const char *s, size_t n, unsigned flags, litx_text *out);
/* The same into r->tb only (text_inl_end done, not finished): for short fields. */
void text_piece_tmp(text_rd *r, size_t i, const char *s, size_t n, unsigned flags);

/* ---- text_heading.c ---- */
enum {
	TH_NONE = 0,
	TH_NUMBERED,     /* "3.1 Title" */
	TH_NAMED         /* "Acknowledgements", "References" ... */
};
enum {                   /* what a named heading starts */
	THC_BODY = 0,    /* an ordinary section */
	THC_REFS,        /* the reference list */
	THC_ABSTRACT,    /* the abstract (no section) */
	THC_KEYWORDS     /* a keyword line (no section, skipped) */
};
#define TH_MAX_LEVELS 4
typedef struct text_heading {
	int kind, cls;
	int hashes;               /* markdown level ("## " is 2), 0 for plain text */
	int generic;              /* a markdown heading not among the known names */
	int nums[TH_MAX_LEVELS];
	int n_nums;
	char number[32];          /* "3.1", "" when unnumbered */
	const char *title;        /* into the line */
	size_t title_len;
} text_heading;

/* Parse line s[0..n) as a heading (its form only; see text_heading_follows). */
int text_heading_parse(const char *s, size_t n, text_heading *h);
/* A line that can only be a heading by its form: short, capitalised, no final
 * punctuation, not ending on "and"/"of"... The reader also asks that it stands
 * alone between blank lines after a finished sentence. */
int text_heading_plain(const char *s, size_t n, text_heading *h);
/* May numbered heading `cur` come after `prev` (NULL before the first one)? */
int text_heading_follows(const text_heading *prev, const text_heading *cur);

enum { CAP_NONE = 0, CAP_FIGURE, CAP_TABLE, CAP_TABLE_CONTD };
typedef struct text_caption {
	int kind;
	char label[48];           /* "Fig. 3", "Table 1" */
	size_t body;              /* offset of the caption text in the line */
} text_caption;
/* Parse the start of a line as a figure/table caption or a table continuation
 * marker ("Table 1 (Contd.)"). */
int text_caption_parse(const char *s, size_t n, text_caption *c);

/* ---- text_meta.c ---- */
/* Title, DOI, journal and year from the front matter (and the DOI from anywhere
 * before the reference list). -1 on no memory. */
int text_meta_scan(text_rd *r);

/* ---- text_table.c ---- */
/* Does a table start at line i (a "Table N" caption followed by tab-separated rows,
 * or two tab-separated rows in a row)? */
int text_table_starts(const text_rd *r, size_t i);
/* Read the table that starts at line i, continuation pages included. Returns the
 * index of the first line after it; sets r->oom on no memory. */
size_t text_table_read(text_rd *r, size_t i);

/* ---- text_refs.c ---- */
typedef struct text_refs {
	tbuf tb;
	text_inl inl;
	int open;                /* an entry is being read */
	int printed;             /* its label was printed */
	long label;              /* its label (number) */
	long last;               /* label of the previous entry, 0 before the first */
	int marked;              /* the list numbers or bullets its entries */
	int gap;                 /* a blank line since the entry's last line */
} text_refs;

void text_refs_init(text_refs *f);
void text_refs_free(text_refs *f);
/* One non-blank line of the reference list. */
void text_refs_line(text_rd *r, text_refs *f, size_t i);
void text_refs_gap(text_refs *f);
/* Finish the open entry (if any) into the document. -1 on no memory. */
int text_refs_flush(text_rd *r, text_refs *f);
#endif
