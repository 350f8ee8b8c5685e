/* test_text_inline.c - the text reader's inline normalizer, table-driven: each case
 * is a source line and the text it must give, with its spans written inline as
 * {s:..} subscript, {p:..} superscript, {i:..} italic, {b:..} bold. Then the
 * anchors (exact source offsets after normalization) and the pieces API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text_inline.h"

/* The text with its spans as markup. Spans must nest (they do here). */
static void render(const tbuf *b, char *out, size_t cap)
{
	size_t o = 0, stack[32], depth = 0;
	const litx_span *sp = b->spans;
	size_t n = b->n_spans;
	/* spans sorted by start, outer first */
	size_t order[256];
	assert_true(n <= 256);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			const litx_span *x = &sp[order[k - 1]], *y = &sp[order[k]];
			if (x->start > y->start || (x->start == y->start && x->end < y->end)) {
				size_t t = order[k - 1];
				order[k - 1] = order[k];
				order[k] = t;
			}
		}
	size_t next = 0;
	for (size_t pos = 0; pos <= b->len; pos++) {
		while (depth && sp[stack[depth - 1]].end == pos) {
			out[o++] = '}';
			depth--;
		}
		while (next < n && sp[order[next]].start == pos) {
			const litx_span *s = &sp[order[next]];
			if (s->end > s->start) {
				char k = s->kind == LITX_SPAN_SUB ? 's' : s->kind == LITX_SPAN_SUP ? 'p'
					 : s->kind == LITX_SPAN_ITALIC ? 'i' : 'b';
				o += (size_t)snprintf(out + o, cap - o, "{%c:", k);
				stack[depth++] = order[next];
			}
			next++;
		}
		if (pos < b->len)
			out[o++] = b->s[pos];
		assert_true(o + 8 < cap);
	}
	out[o] = '\0';
}

static void normalize(const char *in, unsigned flags, char *out, size_t cap)
{
	tbuf b;
	text_inl t;
	tbuf_init(&b);
	text_inl_init(&t);
	text_inl_begin(&t, &b, flags);
	text_inl_add(&t, in, strlen(in), 1, 0);
	text_inl_end(&t);
	assert_false(b.failed);
	render(&b, out, cap);
	text_inl_free(&t);
	tbuf_free(&b);
}

static const struct inline_case {
	const char *in, *want;
} cases[] = {
	/* Unicode, LaTeX and spaced subscripts give one spelling */
	{ "Pt₁Au₂₄", "Pt{s:1}Au{s:24}" },
	{ "$\\text{Pt}_1\\text{Au}_{24}$", "Pt{s:1}Au{s:24}" },
	{ "Pt_1Au_{24}", "Pt{s:1}Au{s:24}" },
	{ "Pt ₁ Au ₂₄", "Pt{s:1}Au{s:24}" },
	{ "$\\text{Au}_{25}$ NCs were", "Au{s:25} NCs were" },
	{ "Au_{25-x}Ag_x(SR)_{18}", "Au{s:25-x}Ag{s:x}(SR){s:18}" },
	{ "Au _{130-x} Ag _x (TBBT) ₅₅", "Au{s:130-x}Ag{s:x}(TBBT){s:55}" },
	{ "Cu_1S_3 and CO_2RR", "Cu{s:1}S{s:3} and CO{s:2}RR" },
	/* spaced PDF subscripts: the formula closes up, words keep their space */
	{ "Au ₄ Pd ₂ (SR) ₈ , SR = SC ₂ H ₄ Ph", "Au{s:4}Pd{s:2}(SR){s:8} , SR = SC{s:2}H{s:4}Ph" },
	{ "M ₁ Au ₃ series NCs", "M{s:1}Au{s:3} series NCs" },
	{ "Au ₄ Cd ₄ (2, 4-DMBT) ₁₂", "Au{s:4}Cd{s:4} (2, 4-DMBT){s:12}" },
	{ "[Au ₁₁ Cu ₁ (PPh ₃) ₇ (SPy) ₃] ⁺", "[Au{s:11}Cu{s:1}(PPh{s:3}){s:7}(SPy){s:3}]{p:+}" },
	{ "[(Audppy) ₃ AgO](BF ₄) ₂", "[(Audppy){s:3}AgO](BF{s:4}){s:2}" },
	{ "Au₂₅ NCs and Au₂₅.", "Au{s:25} NCs and Au{s:25}." },
	{ "SC ₆ H ₄ - <i>tert</i> -C ₄ H ₉", "SC{s:6}H{s:4} - {i:tert} -C{s:4}H{s:9}" },
	/* superscripts: citations, charges, units; U+2212 inside a script is '-' */
	{ "in the world.^{1–4} Therefore", "in the world.{p:1–4} Therefore" },
	{ "as above.⁵ Next", "as above.{p:5} Next" },
	{ "cm⁻² and mg_{Pt+Au}⁻¹", "cm{p:-2} and mg{s:Pt+Au}{p:-1}" },
	{ "10 mA cm^{−2} at −0.97 V", "10 mA cm{p:-2} at −0.97 V" },
	{ "e^- and h^+ and NO_3^-", "e{p:-} and h{p:+} and NO{s:3}{p:-}" },
	{ "Fe^{3+} and Cu^2+ ions", "Fe{p:3+} and Cu{p:2+} ions" },
	{ "$[\\text{Au}_{19}\\text{Cd}_2(\\text{SR})_{16}]^-$", "[Au{s:19}Cd{s:2}(SR){s:16}]{p:-}" },
	{ "more stable ^*COOH and H^* -adsorbed", "more stable{p:*}COOH and H{p:*} -adsorbed" },
	{ "(^t BuC≡C) ₁₂", "({p:t} BuC≡C){s:12}" },
	{ "[Au ₅₂ Cu ₇₂ (p-MBT) ₅₅] ⁺ Cl ⁻ , p-MBT", "[Au{s:52}Cu{s:72}(p-MBT){s:55}]{p:+} Cl{p:-} , p-MBT" },
	/* LaTeX commands */
	{ "$\\eta = 650$ mV", "η = 650 mV" },
	{ "NCs ($1 \\leq x \\leq 3$)", "NCs (1 ≤ x ≤ 3)" },
	{ "$6810 \\mu\\text{mol g}^{-1}$", "6810 μmol g{p:-1}" },
	{ "$400\\text{--}550^\\circ\\text{C}$", "400--550°C" },
	{ "$\\text{HC}\\equiv\\text{CR}$", "HC≡CR" },
	{ "$\\text{Au}_{1-x}\\text{Ag}_x$ @GSH", "Au{s:1-x}Ag{s:x} @GSH" },
	{ "$25228 \\text{ A/g}_{\\text{Au}}$", "25228 A/g{s:Au}" },
	{ "FE of 90\\% at $\\Delta G_{H*}$", "FE of 90% at Δ G{s:H*}" },
	/* markdown emphasis */
	{ "Wu *et al.* proposed", "Wu {i:et al.} proposed" },
	{ "*Chem. Sci.*, 2025, **16**, 10642", "{i:Chem. Sci.}, 2025, {b:16}, 10642" },
	{ "(*i.e.* H₂, N₂H₄, NO₂[–], *etc.*)", "({i:i.e.} H{s:2}, N{s:2}H{s:4}, NO{s:2}[–], {i:etc.})" },
	{ "Yuanxin Du, * Yi Fang and Manzhou Zhu *", "Yuanxin Du, * Yi Fang and Manzhou Zhu *" },
	{ "*CO and *CH_xO intermediates", "*CO and *CH{s:x}O intermediates" },
	/* the bracketed charge form stays as written */
	{ "NO₃[–] reduction", "NO{s:3}[–] reduction" },
	/* things that are not markup */
	{ "costs $5 and $10 each", "costs $5 and $10 each" },
	{ "the snake_case name", "the snake_case name" },
	{ "a < b and c > d", "a < b and c > d" },
	{ "x \\notacommand y", "x \\notacommand y" },
	/* white space */
	{ "  Au \t  Pd  ", "Au Pd" },
	{ "a\u00a0b\u2009c", "a b c" },
	{ "", "" },
};

static void test_cases(void **state)
{
	(void)state;
	char out[1024];
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		normalize(cases[i].in, 0, out, sizeof out);
		if (strcmp(out, cases[i].want) != 0) {
			print_error("case %zu: %s\n   got  %s\n   want %s\n", i, cases[i].in, out,
				    cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* In a reference entry a bare "_x" is left alone (URLs, DOIs), braces still count. */
static void test_refs_flag(void **state)
{
	(void)state;
	char out[256];
	normalize("see https://x.org/a_b and CO_{2} in *Nature*", TEXT_INL_REFS, out, sizeof out);
	assert_string_equal(out, "see https://x.org/a_b and CO{s:2} in {i:Nature}");
}

/* litx_text_locate is exact after normalization: every byte maps to its source. */
static void test_anchors(void **state)
{
	(void)state;
	static const struct { const char *in; const char *needle; size_t src; } a[] = {
		{ "Au ₄ Pd ₂ (SR) ₈", "Pd", 7 },         /* after a dropped space */
		{ "Au ₄ Pd ₂ (SR) ₈", "(SR)", 14 },
		{ "$\\text{Pt}_1\\text{Au}_{24}$ NCs", "NCs", 28 },
		{ "Wu *et al.* proposed", "proposed", 12 },
		{ "x ⁹⁶⁻⁹⁸ y", "y", 18 },
	};
	for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
		tbuf b;
		text_inl t;
		tbuf_init(&b);
		text_inl_init(&t);
		text_inl_begin(&t, &b, 0);
		text_inl_add(&t, a[i].in, strlen(a[i].in), 7, 100);
		text_inl_end(&t);
		litx_text x = { b.s, b.len, b.spans, b.n_spans, b.anchors, b.n_anchors };
		const char *p = strstr(b.s, a[i].needle);
		assert_non_null(p);
		uint32_t line;
		size_t off;
		litx_text_locate(&x, (size_t)(p - b.s), &line, &off);
		assert_int_equal(line, 7);
		assert_int_equal(off, 100 + a[i].src);
		assert_memory_equal(a[i].in + a[i].src, a[i].needle, strlen(a[i].needle));
		text_inl_free(&t);
		tbuf_free(&b);
	}
}

/* Two pieces joined: the second reports its own line; spans do not leak. */
static void test_pieces(void **state)
{
	(void)state;
	tbuf b;
	text_inl t;
	tbuf_init(&b);
	text_inl_init(&t);
	text_inl_begin(&t, &b, 0);
	const char *l1 = "voltage of 1.23 V in the", *l2 = "standard state.^{6,7}";
	text_inl_add(&t, l1, strlen(l1), 23, 1000);
	text_inl_space(&t);
	text_inl_add(&t, l2, strlen(l2), 25, 2000);
	text_inl_end(&t);
	assert_string_equal(b.s, "voltage of 1.23 V in the standard state.6,7");
	litx_text x = { b.s, b.len, b.spans, b.n_spans, b.anchors, b.n_anchors };
	uint32_t line;
	size_t off;
	litx_text_locate(&x, (size_t)(strstr(b.s, "standard") - b.s), &line, &off);
	assert_int_equal(line, 25);
	assert_int_equal(off, 2000);
	litx_text_locate(&x, 0, &line, &off);
	assert_int_equal(line, 23);
	assert_int_equal(b.n_spans, 1);
	assert_int_equal(b.spans[0].kind, LITX_SPAN_SUP);
	text_inl_free(&t);
	tbuf_free(&b);
}

/* Hostile input: unbalanced braces, deep nesting, runs of markup characters. */
static void test_hostile(void **state)
{
	(void)state;
	size_t n = 1 << 16;
	char *s = malloc(n + 1);
	assert_non_null(s);
	const char *pat[] = { "_{", "}", "$", "*", "**", "\\text{", "^", "<i>", "₂ ", "\\" };
	for (size_t p = 0; p < sizeof pat / sizeof *pat; p++) {
		size_t k = strlen(pat[p]), o = 0;
		while (o + k <= n) {
			memcpy(s + o, pat[p], k);
			o += k;
		}
		s[o] = '\0';
		tbuf b;
		text_inl t;
		tbuf_init(&b);
		text_inl_init(&t);
		text_inl_begin(&t, &b, 0);
		text_inl_add(&t, s, o, 1, 0);
		text_inl_end(&t);
		assert_false(b.failed);
		assert_true(b.len <= o * 2);
		text_inl_free(&t);
		tbuf_free(&b);
	}
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_refs_flag),
		cmocka_unit_test(test_anchors),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
