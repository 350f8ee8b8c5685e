/* refparse.h - one reference-list entry, as printed, to its fields.
 *
 * A pure function of the entry's text (and, when the reader kept them, its italic
 * and bold spans): no allocation visible to the caller, no global state, so it can
 * be fuzzed and run on any thread. Fields come back as byte ranges of the input;
 * author names come back as ranges too and are formatted "Surname, G." on request.
 *
 * Styles understood: RSC ("W. Zhang, W. Lai and R. Cao, *Chem. Rev.*, 2017,
 * **117**, 3717–3797."), ACS ("Zhang, W.; Lai, W. *Chem. Rev.* **2017**, *117*,
 * 3717."), Vancouver ("Smith J, Jones K. Title. J Name. 2019;12(3):45-67."),
 * APA ("Smith, J., & Jones, K. (2019). Title. Journal, 12(3), 45–67."), PLOS
 * ("Smith J, Jones K (2019) Title. J Name 12: 45–67."), Nature ("Smith, J. &
 * Jones, K. Title. J. Name 12, 45–67 (2019).") and Elsevier ("J. Smith, Title,
 * J. Name 12 (2019) 45–67."). An entry the parser cannot read gives empty ranges,
 * never an error. */
#ifndef LITX_REFPARSE_H
#define LITX_REFPARSE_H
#include <stddef.h>
#include <litx/doc.h>

typedef enum litx_rf_field {
	LITX_RF_TITLE = 0,
	LITX_RF_JOURNAL,
	LITX_RF_YEAR,
	LITX_RF_VOLUME,
	LITX_RF_ISSUE,
	LITX_RF_PAGES,
	LITX_RF_DOI,
	LITX_RF_LABEL,   /* a label printed at the start: "12", "[12]", "12." */
	LITX_RF_N
} litx_rf_field;

/* [start, end) in the entry text; start == end when the field is absent. */
typedef struct litx_rf_range {
	size_t start, end;
} litx_rf_range;

/* One author: surname and given names (initials or full names) as printed. */
typedef struct litx_rf_name {
	litx_rf_range surname, given;
} litx_rf_name;

#define LITX_RF_MAX_NAMES 64

typedef struct litx_refparsed {
	litx_rf_range f[LITX_RF_N];
	litx_rf_range author_list;       /* the author list as printed */
	litx_rf_name names[LITX_RF_MAX_NAMES];
	size_t n_names;                  /* names kept (at most LITX_RF_MAX_NAMES) */
	size_t n_authors;                /* names seen, >= n_names */
	int et_al;                       /* the list ends with "et al." */
} litx_refparsed;

/* Parse one entry of `len` bytes (valid UTF-8 or not: invalid bytes are treated
 * as punctuation). `spans` (may be NULL) are the entry's spans sorted by start:
 * italic and bold help tell the journal, volume and year apart. Returns 0, or -1
 * when memory for a very long entry could not be had (out is then empty). */
int litx_refparse(const char *s, size_t len, const litx_span *spans, size_t n_spans,
		  litx_refparsed *out);

/* Format the authors of `p` as "Surname, G.; Surname, G. H." into buf (always
 * terminated; a name that does not fit is left out whole). Returns the length. */
size_t litx_refparse_authors(const char *s, const litx_refparsed *p, char *buf, size_t cap);

/* Write name k as "Surname, G." into buf (always terminated). Returns the length. */
size_t litx_refparse_name(const char *s, const litx_rf_name *n, char *buf, size_t cap);

/* Field `f` of `p` as a copy into buf, trimmed of enclosing punctuation (always
 * terminated). Returns the length, 0 when absent. */
size_t litx_refparse_field(const char *s, const litx_refparsed *p, litx_rf_field f, char *buf,
			   size_t cap);
#endif
