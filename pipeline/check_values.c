/* check_values.c - one metric of one catalyst printed with different values
 * (value_conflict).
 *
 * Metrics records are grouped by metric, catalyst, unit, product, reaction and
 * conditions (potential, current density, scale); within a group the value
 * printed most often is taken as the document's, and each other value that
 * differs beyond rounding (95.4 and 95 agree; 95 and 59 do not) is reported once,
 * at its line. Ranges, inequalities and ratios are not compared, and two values
 * in one sentence are taken to be two conditions the extraction did not tell
 * apart rather than a conflict.
 */
#include "check_int.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int decimals_of(const json_t *rec)
{
	const char *w = json_string_value(json_object_get(rec, "value_written"));
	if (!w)
		return -1;
	const char *dot = strchr(w, '.');
	if (!dot)
		return 0;
	int d = 0;
	while (isdigit((unsigned char)dot[1 + d]))
		d++;
	return d;
}

static void metric_key(const json_t *rec, chk_buf *b)
{
	static const char *const keys[] = { "metric", "unit", "product", "reaction", "at_potential",
		"at_current_density", "potential_scale", NULL };
	char tmp[48];
	const char *cat = chk_str(rec, "catalyst_canonical", tmp, sizeof tmp);
	if (!*cat)
		cat = chk_str(rec, "catalyst", tmp, sizeof tmp);
	chk_buf_putn(b, cat, strlen(cat));
	for (int k = 0; keys[k]; k++) {
		const char *v = chk_str(rec, keys[k], tmp, sizeof tmp);
		chk_buf_putn(b, "|", 1);
		chk_buf_putn(b, v, strlen(v));
	}
}

static int metric_usable(const json_t *rec)
{
	const char *m = json_string_value(json_object_get(rec, "metric"));
	const json_t *v = json_object_get(rec, "value");
	const char *q = json_string_value(json_object_get(rec, "qualifier"));
	char tmp[8];
	if (!m || !strcmp(m, "ratio") || !json_is_number(v))
		return 0;
	if (q && strcmp(q, "=") && strcmp(q, "~"))
		return 0;
	const json_t *lo = json_object_get(rec, "value_min"), *hi = json_object_get(rec, "value_max");
	if (json_is_number(lo) || json_is_number(hi))
		return 0;
	const char *cat = chk_str(rec, "catalyst_canonical", tmp, sizeof tmp);
	if (!*cat)
		cat = chk_str(rec, "catalyst", tmp, sizeof tmp);
	return *cat != '\0';
}

static int same_value(const json_t *a, const json_t *b)
{
	double x = json_number_value(json_object_get(a, "value"));
	double y = json_number_value(json_object_get(b, "value"));
	int da = decimals_of(a), db = decimals_of(b);
	double tol;
	if (da >= 0 && db >= 0)
		tol = 0.5 * pow(10, -(da < db ? da : db)) + 1e-9;
	else
		tol = 0.01 * fmax(fabs(x), fabs(y)) + 1e-9;
	return fabs(x - y) <= tol;
}

void chk_values(chk_ctx *c)
{
	const json_t *recs = chk_records(c, "metrics");
	size_t n = json_array_size(recs);
	if (n < 2)
		return;
	char **keys = calloc(n, sizeof *keys);
	unsigned char *done = calloc(n, 1);
	if (!keys || !done) {
		free(keys);
		free(done);
		c->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *r = json_array_get(recs, i);
		if (!metric_usable(r))
			continue;
		chk_buf b = { 0 };
		metric_key(r, &b);
		keys[i] = b.oom ? NULL : b.s;
		if (b.oom) {
			chk_buf_free(&b);
			c->oom = 1;
		}
	}
	for (size_t i = 0; i < n && !c->oom; i++) {
		if (!keys[i] || done[i])
			continue;
		/* the group of i: how often each value is printed */
		size_t members[64], nm = 0;
		for (size_t j = i; j < n && nm < 64; j++)
			if (keys[j] && !strcmp(keys[i], keys[j]))
				members[nm++] = j, done[j] = 1;
		if (nm < 2)
			continue;
		size_t votes[64];
		for (size_t a = 0; a < nm; a++) {
			votes[a] = 0;
			for (size_t b = 0; b < nm; b++)
				votes[a] += same_value(json_array_get(recs, members[a]), json_array_get(recs, members[b]));
		}
		size_t best = 0;
		for (size_t a = 1; a < nm; a++)
			if (votes[a] > votes[best])
				best = a;
		const json_t *maj = json_array_get(recs, members[best]);
		json_int_t maj_line = json_integer_value(json_object_get(maj, "line"));
		size_t reported[64], nr = 0;
		for (size_t a = 0; a < nm; a++) {
			const json_t *r = json_array_get(recs, members[a]);
			json_int_t line = json_integer_value(json_object_get(r, "line"));
			if (a == best || same_value(r, maj) || line == maj_line)
				continue;
			/* report a value once */
			int dup = 0;
			for (size_t b = 0; b < nr && !dup; b++)
				dup = same_value(json_array_get(recs, members[reported[b]]), r);
			if (dup)
				continue;
			reported[nr++] = a;
			char tmp[48], tmp2[48], t3[48], t4[48];
			const char *cat = chk_str(r, "catalyst", tmp, sizeof tmp);
			const char *metric = chk_str(r, "metric", tmp2, sizeof tmp2);
			const char *unit = chk_str(r, "unit", t3, sizeof t3);
			char found[48], want[48];
			snprintf(found, sizeof found, "%g %s", json_number_value(json_object_get(r, "value")), unit);
			snprintf(want, sizeof want, "%g %s", json_number_value(json_object_get(maj, "value")), unit);
			chk_buf ev = { 0 };
			chk_buf_printf(&ev, "The %s of %s is printed as %s at line %" JSON_INTEGER_FORMAT " but as %s at "
				       "line %" JSON_INTEGER_FORMAT " (same unit and conditions).", metric, cat, found,
				       line, want, maj_line);
			const char *snip = chk_str(r, "snippet", t4, sizeof t4);
			chk_finding fd = { "value_conflict", "warning", NULL, 0, NULL, (uint32_t)line, chk_buf_str(&ev),
					   want, found, *snip ? snip : NULL, NULL, 0 };
			chk_emit(c, &fd);
			if (ev.oom)
				c->oom = 1;
			chk_buf_free(&ev);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(done);
}

