/* unit.h - reads a unit expression written after a number ("mA cm-2", "mV dec-1",
 * "A mgPt+Au-1", "μmol g-1 h-1", "V vs. RHE") and says what kind of quantity it
 * measures and how to convert it to that kind's canonical unit. Pure functions over
 * normalized text (superscripts already flattened to "-2"), no allocation. */
#ifndef MX_UNIT_H
#define MX_UNIT_H
#include <stddef.h>
#include <string.h>

/* Does s[pos..] start with lit? Inline, as it runs at every number for dozens of
 * literals: the compiler knows their lengths, and most calls fail at the first byte. */
static inline int mx_starts(const char *s, size_t len, size_t pos, const char *lit)
{
	if (lit[0] && (pos >= len || s[pos] != lit[0]))
		return 0;
	size_t n = strlen(lit);
	return pos + n <= len && memcmp(s + pos, lit, n) == 0;
}
/* A minus sign at s[pos] ('-', U+2212 −, U+2013 –, and with `superscript` U+207B ⁻):
 * its length in bytes, or 0. */
size_t mx_minus_at(const char *s, size_t len, size_t pos, int superscript);

typedef enum mx_class {
	MX_NONE = 0,          /* a bare number */
	MX_PERCENT,           /* % */
	MX_POTENTIAL,         /* V */
	MX_ENERGY,            /* eV */
	MX_CURRENT,           /* mA */
	MX_CURRENT_DENSITY,   /* mA/cm^2 */
	MX_POWER_DENSITY,     /* mW/cm^2 */
	MX_TAFEL,             /* mV/dec */
	MX_RATE,              /* s^-1 (also mol mol^-1 s^-1) */
	MX_TIME,              /* h */
	MX_MASS_ACTIVITY,     /* A/mg */
	MX_PRODUCTION_RATE,   /* amount (or mass) of product per time (per mass) */
	MX_TIMES,             /* "times", "-fold" */
	MX_LENGTH,
	MX_TEMPERATURE,
	MX_PRESSURE,
	MX_CONCENTRATION,
	MX_MASS,
	MX_CONDUCTIVITY,      /* S/cm */
	MX_OTHER              /* a unit, but none of the above */
} mx_class;

typedef struct mx_unit {
	mx_class cls;
	double factor;          /* value * factor = value in `canon` */
	const char *canon;      /* canonical unit of the class: "mV/dec", "mA/cm^2" ... */
	size_t start, end;      /* the unit as written, [start, end) */
	size_t basis_start, basis_end; /* "Pt+Au" of "A mgPt+Au-1"; equal when none */
	const char *scale;      /* potential scale: "RHE", "SCE" ...; NULL when none */
	size_t scale_end;       /* end of the scale text (>= end) */
} mx_unit;

/* Read a unit expression starting at s[pos] (after the number and at most one
 * space). Returns the end offset (> pos) and fills u, or 0 when no unit starts
 * there. `len` bounds the read. */
size_t mx_unit_parse(const char *s, size_t len, size_t pos, mx_unit *u);

/* Read a potential scale ("vs. RHE", "(vs RHE)", "RHE" attached) at s[pos]; returns
 * the end offset and the scale's name, or 0. */
size_t mx_scale_parse(const char *s, size_t len, size_t pos, const char **scale);

/* Class name for messages and tests ("potential", "current_density" ...). */
const char *mx_class_name(mx_class c);
#endif
