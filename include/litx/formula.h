/*
 * litx/formula.h - the core's formula parser, shared by the formula plugin, the
 * metrics plugin (catalyst_canonical) and the checker.
 *
 * Input is normalized document text (subscripts already flattened, e.g.
 * "[Pt1Au24(SR)18]0"). Ownership: returned objects are new references the caller
 * must json_decref().
 */
#ifndef LITX_FORMULA_H
#define LITX_FORMULA_H

#include <stddef.h>
#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Describe one formula: an object with at least "canonical", "metals" (element ->
 * count, counts that are variables kept as strings), "ligands" ([{name,count}]),
 * "charge" (integer or null), "n_metal", "host", "dopants", "electrons" (or null),
 * "kind" ("cluster"|"compound"|"molecule"|"support"), "support" (or null),
 * "malformed" (true when a bracket never closes). NULL when `s` is not a formula. */
json_t *litx_formula_describe(const char *s, size_t len);

/* The canonical spelling of `s` into buf (always terminated). Returns its length,
 * or 0 when `s` is not a formula. */
size_t litx_formula_canonical(const char *s, size_t len, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
