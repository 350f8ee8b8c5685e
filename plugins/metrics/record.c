/* record.c - a finished draft becomes one "metrics" record: the value converted to
 * the unit DESIGN.md fixes for its metric (mV for overpotentials and Tafel slopes,
 * V for other potentials, mA/cm^2 for current densities, s^-1 for rates, A/mg, h,
 * ...), the number and unit as written kept beside it, and the provenance
 * (line, offset, snippet, refs) from litx_rec_locate. */
#include "mx.h"
#include <litx/formula.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct metric_unit {
	const char *metric;
	mx_class cls;
	const char *unit;   /* NULL: the class's canonical unit */
	double mult;        /* from the class's canonical unit */
} metric_unit;

static const metric_unit UNITS[] = {
	{ "overpotential", MX_POTENTIAL, "mV", 1000 },
	{ "tafel_slope", MX_POTENTIAL, "mV/dec", 1000 },
	{ "ratio", MX_TIMES, "times", 1 },
	{ "electron_transfer_number", MX_NONE, "", 1 },
};

/* Round away binary noise: 0.1 * 1000 printed as 100, not 100.00000000000001. */
static double tidy(double v)
{
	if (v == 0 || !isfinite(v))
		return v;
	double m = pow(10, 12 - (int)ceil(log10(fabs(v))));
	return round(v * m) / m;
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A literal of this plugin (a scale, a reaction name) or NULL. */
static json_t *lit_or_null(const char *s)
{
	return s && *s ? json_string_nocheck(s) : json_null();
}

static json_t *num(double v)
{
	return json_real(tidy(v));
}

/* Record keys, metric names, qualifiers and canonical units are literals of this
 * plugin, valid UTF-8 by construction: they skip jansson's check
 * (json_object_set_new_nocheck, json_string_nocheck), which was a measurable part
 * of each record. Strings cut from the text or formatted into a buffer keep it. */
int mx_emit_draft(const litx_doc *doc, const litx_text *t, int section, const mx_draft *d,
		  litx_sink *sink)
{
	if (!isfinite(d->value) || !isfinite(d->vmin) || !isfinite(d->vmax))
		return 0;
	json_t *r = json_object();
	if (!r)
		return -1;
	double mult = 1;
	const char *unit = d->canon;
	for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
		if (strcmp(UNITS[i].metric, d->metric) == 0 && UNITS[i].cls == d->cls) {
			mult = UNITS[i].mult;
			unit = UNITS[i].unit;
		}
	if (!unit) {
		/* a unit with no canonical spelling (rare production rates): as written */
		unit = "";
	}
	json_object_set_new_nocheck(r, "metric", json_string_nocheck(d->metric));
	if (d->range) {
		json_object_set_new_nocheck(r, "value", json_null());
		json_object_set_new_nocheck(r, "value_min", num(d->vmin * mult));
		json_object_set_new_nocheck(r, "value_max", num(d->vmax * mult));
	} else {
		json_object_set_new_nocheck(r, "value", num(d->value * mult));
		json_object_set_new_nocheck(r, "value_min", json_null());
		json_object_set_new_nocheck(r, "value_max", json_null());
	}
	json_object_set_new_nocheck(r, "qualifier", json_string_nocheck(mx_qual_str(d->qual)));
	if (!*unit && d->uw)
		json_object_set_new_nocheck(r, "unit", json_stringn(d->uw, d->uwn));
	else
		json_object_set_new_nocheck(r, "unit", json_string_nocheck(unit));
	json_object_set_new_nocheck(r, "value_written", json_stringn(t->s + d->vstart, d->vend - d->vstart));
	json_object_set_new_nocheck(r, "unit_written", d->uw ? json_stringn(d->uw, d->uwn) : json_string(""));
	if (d->bw)
		json_object_set_new_nocheck(r, "basis", json_stringn(d->bw, d->bwn));
	json_object_set_new_nocheck(r, "at_current_density", d->has_cd ? num(d->at_cd) : json_null());
	json_object_set_new_nocheck(r, "at_potential", d->has_pot ? num(d->at_pot) : json_null());
	const char *scale = d->has_pot ? d->at_pot_scale : d->scale;
	json_object_set_new_nocheck(r, "potential_scale", lit_or_null(scale));
	if (d->has_eta)
		json_object_set_new_nocheck(r, "at_overpotential", num(d->at_eta));
	json_object_set_new_nocheck(r, "product", str_or_null(d->product));
	json_object_set_new_nocheck(r, "reaction", lit_or_null(d->reaction));
	json_object_set_new_nocheck(r, "catalyst", str_or_null(d->catalyst));
	/* the cluster's canonical spelling; a support stays as written ("Au12Ag32/TiO2"),
	 * so a supported catalyst is never taken for the bare cluster */
	char canon[256];
	canon[0] = '\0';
	if (d->catalyst[0]) {
		const char *sl = strchr(d->catalyst, '/');
		size_t n = sl ? (size_t)(sl - d->catalyst) : strlen(d->catalyst);
		size_t k = n ? litx_formula_canonical(d->catalyst, n, canon, sizeof canon) : 0;
		if (!k)
			canon[0] = '\0';
		else if (sl && k < sizeof canon)
			snprintf(canon + k, sizeof canon - k, "%s", sl);
	}
	json_object_set_new_nocheck(r, "catalyst_canonical", str_or_null(canon));
	if (!strcmp(d->metric, "ratio"))
		json_object_set_new_nocheck(r, "compared_to", str_or_null(d->compared_to));
	const char *sec = NULL;
	char secbuf[512];
	if (section >= 0 && (size_t)section < doc->n_sections) {
		const litx_section *sc = &doc->sections[section];
		if (sc->number && *sc->number)
			snprintf(secbuf, sizeof secbuf, "%s %s", sc->number, sc->title ? sc->title : "");
		else
			snprintf(secbuf, sizeof secbuf, "%s", sc->title ? sc->title : "");
		sec = secbuf;
	}
	json_object_set_new_nocheck(r, "section", str_or_null(sec));
	/* the snippet covers the unit too when it is written in the same text */
	size_t end = d->vend;
	uintptr_t u = (uintptr_t)d->uw, b = (uintptr_t)t->s;
	if (d->uw && u >= b && u + d->uwn <= b + t->len && (size_t)(u - b) + d->uwn > end)
		end = (size_t)(u - b) + d->uwn;
	litx_rec_locate(r, t, d->vstart, end);
	return litx_emit(sink, "metrics", r);
}
