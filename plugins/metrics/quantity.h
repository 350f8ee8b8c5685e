/* quantity.h - the number-and-unit parser: one quantity as printed in an article,
 * with its qualifier ("~", "up to", ">"), ranges ("from −0.3 V to −0.9 V",
 * "0.3–0.9 V"), lists sharing one unit ("1.67 and 0.73 V") and the unit read by
 * unit.h. Pure functions over normalized text: no spans, no allocation, so they can
 * be fuzzed alone. Which numbers to skip (citations, subscripts) is the caller's
 * business. */
#ifndef MX_QUANTITY_H
#define MX_QUANTITY_H
#include <stddef.h>
#include "unit.h"

typedef enum mx_qual {
	MX_Q_EQ = 0, MX_Q_APPROX, MX_Q_GT, MX_Q_LT, MX_Q_GE, MX_Q_LE, MX_Q_UPTO
} mx_qual;

/* "=", "~", ">", "<", "≥", "≤", "up to" */
const char *mx_qual_str(mx_qual q);

typedef struct mx_value {
	double v;            /* as written, sign included; the lower end of a range */
	double lo, hi;       /* a range: both ends as written */
	int range;
	mx_qual qual;
	size_t qstart;       /* where the qualifier starts (== start when none) */
	size_t start, end;   /* the number or range as written */
	double factor;       /* to the class's canonical unit (1 for bare numbers) */
	size_t ustart, uend; /* the unit as written for this value (may be shared) */
} mx_value;

#define MX_MAX_VALUES 12

typedef struct mx_quantity {
	size_t start, end;   /* from the first qualifier to the end of the unit */
	size_t n;
	mx_value v[MX_MAX_VALUES];
	mx_unit unit;        /* the (last) unit; cls MX_NONE for bare numbers */
} mx_quantity;

/* True when a number starts at s[pos]: a digit, or a minus sign / decimal point
 * before a digit, not inside a word ("Au25", "CO2", "NC-3", "(SR)18"). */
int mx_number_start(const char *s, size_t len, size_t pos);

/* Read one number at s[pos] (sign, digits, thousands groups "21,900", decimals,
 * "4.3 × 10-6", "1e-3"). Returns the end offset, or 0 when none. */
size_t mx_number_read(const char *s, size_t len, size_t pos, double *v);

/* The qualifier written just before s[pos] ("~", "≈", "up to", "nearly" ...): its
 * kind, and its start in *qstart (== pos when none). */
mx_qual mx_qualifier_before(const char *s, size_t pos, size_t *qstart);

/* Parse the quantity whose first number starts at s[pos]. Returns its end (> pos)
 * and fills q, or 0 when no number starts there. */
size_t mx_quantity_parse(const char *s, size_t len, size_t pos, mx_quantity *q);
#endif
