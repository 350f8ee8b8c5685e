/* text_inline.c - the inline normalizer of the text reader (see text_inline.h).
 *
 * Each piece is read in two steps. A pre-scan, run only when the piece holds a '$'
 * or a '*', pairs math delimiters and markdown emphasis the way pandoc and
 * CommonMark do (an opener is followed by a non-space, a closer follows one; a
 * closer takes the nearest opener of its length and drops the openers above it)
 * and writes the pairs into a byte map. The main loop then walks the bytes once:
 * runs of ordinary bytes are copied in one call, and the few special bytes (white
 * space, '\\', '_', '^', braces, '<', paired '$'/'*', non-ASCII) go through small
 * handlers with bounded look-ahead. LaTeX braces are a fixed-depth stack of frames,
 * not recursion. White space is written lazily, so a script can drop the space
 * before it and no text starts or ends with one. */
#include "text_inline.h"
#include <stdlib.h>
#include <string.h>

enum { FR_GROUP = 1, FR_SUB, FR_SUP };
enum { TAG_I, TAG_B, TAG_SUB, TAG_SUP, TAG_BR };
enum {
	MK_NONE = 0,
	MK_MATH_OPEN1, MK_MATH_OPEN2, MK_MATH_CLOSE1, MK_MATH_CLOSE2,
	MK_EM1_OPEN, MK_EM1_CLOSE, MK_EM2_OPEN, MK_EM2_CLOSE
};

#define EM_STACK 64
#define EM_MAX_SPAN 160   /* bytes an emphasis may cover: italics in articles are short */
#define MAX_CMD 24
#define MAX_DIGITS 16

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 64;
	while (nc < need) {
		if (nc > SIZE_MAX / 2 / elem)
			return -1;
		nc *= 2;
	}
	void *q = realloc(*p, nc * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = nc;
	return 0;
}

void text_inl_init(text_inl *t)
{
	memset(t, 0, sizeof *t);
}

void text_inl_free(text_inl *t)
{
	free(t->mark);
	free(t->del);
	free(t->iv);
	text_inl_init(t);
}

void text_inl_begin(text_inl *t, tbuf *b, unsigned flags)
{
	t->b = b;
	t->flags = flags;
	t->line = 0;
	t->pending = 0;
	t->a_have = 0;
	t->run_kind = 0;
	t->depth = 0;
	t->math = 0;
	t->math_base = 0;
	t->in_sub = t->in_sup = 0;
	for (int k = 0; k < 4; k++)
		t->tag[k] = -1;
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static int is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* ---- writing ------------------------------------------------------------- */

/* An anchor for the next byte written, unless it continues the last run exactly. */
static void anchor(text_inl *t, size_t src)
{
	tbuf *b = t->b;
	if (t->a_have && t->a_line == t->line && t->a_src + (b->len - t->a_text) == src)
		return;
	tbuf_mark(b, t->line, src);
	t->a_have = 1;
	t->a_line = t->line;
	t->a_text = b->len;
	t->a_src = src;
}

static void close_run(text_inl *t)
{
	if (t->run_kind) {
		tbuf_span_add(t->b, (litx_span_kind)t->run_kind, t->run_start, t->run_end,
			      LITX_CITE_NONE, NULL);
		t->run_kind = 0;
	}
}

/* Before ordinary text: end a script run, write the pending space. */
static void flush(text_inl *t)
{
	close_run(t);
	if (t->pending) {
		if (!tbuf_at_space(t->b))
			tbuf_putc(t->b, ' ');
		t->pending = 0;
	}
}

/* Bytes copied from the source at src. */
static void put_src(text_inl *t, const char *s, size_t n, size_t src)
{
	flush(t);
	anchor(t, src);
	tbuf_put(t->b, s, n);
}

/* One script character: it extends the open run of its kind or starts one; the
 * white space before it is dropped. Inside a LaTeX/HTML script of the same kind
 * it is just a character. */
static void script_char(text_inl *t, int kind, char a, size_t src)
{
	tbuf *b = t->b;
	if ((kind == LITX_SPAN_SUB && t->in_sub) || (kind == LITX_SPAN_SUP && t->in_sup)) {
		t->pending = 0;
		close_run(t);
		anchor(t, src);
		tbuf_putc(b, a);
		return;
	}
	if (!(t->run_kind == kind && t->run_end == b->len)) {
		close_run(t);
		t->run_kind = kind;
		t->run_start = b->len;
	}
	t->pending = 0;
	anchor(t, src);
	tbuf_putc(b, a);
	t->run_end = b->len;
}

static int push_frame(text_inl *t, int kind)
{
	if (t->depth >= TEXT_INL_MAX_DEPTH)
		return -1;
	text_inl_frame *f = &t->fr[t->depth++];
	f->kind = (uint8_t)kind;
	f->span = -1;
	if (kind == FR_SUB || kind == FR_SUP) {
		close_run(t);
		t->pending = 0;
		f->span = tbuf_span_open(t->b, kind == FR_SUB ? LITX_SPAN_SUB : LITX_SPAN_SUP);
		if (kind == FR_SUB)
			t->in_sub++;
		else
			t->in_sup++;
	}
	return 0;
}

static void pop_frame(text_inl *t)
{
	if (t->depth <= 0)
		return;
	text_inl_frame *f = &t->fr[--t->depth];
	if (f->kind == FR_SUB || f->kind == FR_SUP) {
		close_run(t);
		tbuf_span_close(t->b, f->span);
		if (f->kind == FR_SUB)
			t->in_sub--;
		else
			t->in_sup--;
	}
}

/* ---- character tables ---------------------------------------------------- */

/* Unicode sub/superscript characters: their kind and ASCII letter (the JATS
 * reader maps the same set). */
static int script_cp(uint32_t cp, char *a)
{
	static const char sup[] = "0i\0\0" "456789+-=()n";
	static const char sub[] = "0123456789+-=()\0aeoxehklmnpst";
	if (cp == 0xB9) { *a = '1'; return LITX_SPAN_SUP; }
	if (cp == 0xB2) { *a = '2'; return LITX_SPAN_SUP; }
	if (cp == 0xB3) { *a = '3'; return LITX_SPAN_SUP; }
	if (cp >= 0x2070 && cp <= 0x207F && sup[cp - 0x2070]) {
		*a = sup[cp - 0x2070];
		return LITX_SPAN_SUP;
	}
	if (cp >= 0x2080 && cp <= 0x209C && sub[cp - 0x2080] && cp != 0x2094) {
		*a = sub[cp - 0x2080];
		return LITX_SPAN_SUB;
	}
	switch (cp) {
	case 0x1D62: *a = 'i'; return LITX_SPAN_SUB;
	case 0x1D63: *a = 'r'; return LITX_SPAN_SUB;
	case 0x1D64: *a = 'u'; return LITX_SPAN_SUB;
	case 0x1D65: *a = 'v'; return LITX_SPAN_SUB;
	case 0x2C7C: *a = 'j'; return LITX_SPAN_SUB;
	case 0x1D43: *a = 'a'; return LITX_SPAN_SUP;
	case 0x1D47: *a = 'b'; return LITX_SPAN_SUP;
	case 0x1D9C: *a = 'c'; return LITX_SPAN_SUP;
	case 0x1D48: *a = 'd'; return LITX_SPAN_SUP;
	case 0x1D49: *a = 'e'; return LITX_SPAN_SUP;
	case 0x1DA0: *a = 'f'; return LITX_SPAN_SUP;
	case 0x1D4D: *a = 'g'; return LITX_SPAN_SUP;
	case 0x02B0: *a = 'h'; return LITX_SPAN_SUP;
	case 0x1D4F: *a = 'k'; return LITX_SPAN_SUP;
	case 0x02E1: *a = 'l'; return LITX_SPAN_SUP;
	case 0x1D50: *a = 'm'; return LITX_SPAN_SUP;
	case 0x1D52: *a = 'o'; return LITX_SPAN_SUP;
	case 0x1D56: *a = 'p'; return LITX_SPAN_SUP;
	case 0x02B3: *a = 'r'; return LITX_SPAN_SUP;
	case 0x02E2: *a = 's'; return LITX_SPAN_SUP;
	case 0x1D57: *a = 't'; return LITX_SPAN_SUP;
	case 0x1D58: *a = 'u'; return LITX_SPAN_SUP;
	case 0x1D5B: *a = 'v'; return LITX_SPAN_SUP;
	case 0x02E3: *a = 'x'; return LITX_SPAN_SUP;
	case 0x02B8: *a = 'y'; return LITX_SPAN_SUP;
	}
	return 0;
}

static int is_space_cp(uint32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0x1680 || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
}

static int is_dropped_cp(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
	       cp == 0xFEFF || cp == 0xAD;
}

/* Decode one UTF-8 sequence; *k = its length (0 when invalid). */
static uint32_t utf8_dec(const unsigned char *p, size_t n, size_t *k)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t cp;
	if (c < 0xC2) { *k = 0; return 0; }
	if (c < 0xE0) { len = 2; cp = c & 0x1F; }
	else if (c < 0xF0) { len = 3; cp = c & 0x0F; }
	else if (c < 0xF5) { len = 4; cp = c & 0x07; }
	else { *k = 0; return 0; }
	if (n < len) { *k = 0; return 0; }
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) { *k = 0; return 0; }
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*k = len;
	return cp;
}

/* LaTeX commands. `out` is the replacement; kind says what else to do. */
enum { CMD_SYM = 1, CMD_GROUP, CMD_DROP, CMD_SPACE, CMD_SUPGROUP, CMD_SUBGROUP };
static const struct latex_cmd {
	const char *name;
	int kind;
	const char *out;
} latex_cmds[] = {
	{ "AA", CMD_SYM, "Å" }, { "Delta", CMD_SYM, "Δ" }, { "Gamma", CMD_SYM, "Γ" },
	{ "Lambda", CMD_SYM, "Λ" }, { "Omega", CMD_SYM, "Ω" }, { "Phi", CMD_SYM, "Φ" },
	{ "Pi", CMD_SYM, "Π" }, { "Psi", CMD_SYM, "Ψ" }, { "Rightarrow", CMD_SYM, "⇒" },
	{ "Sigma", CMD_SYM, "Σ" }, { "Theta", CMD_SYM, "Θ" }, { "Xi", CMD_SYM, "Ξ" },
	{ "alpha", CMD_SYM, "α" }, { "angstrom", CMD_SYM, "Å" }, { "approx", CMD_SYM, "≈" },
	{ "ast", CMD_SYM, "*" }, { "beta", CMD_SYM, "β" }, { "bf", CMD_DROP, "" },
	{ "bm", CMD_GROUP, "" }, { "boldsymbol", CMD_GROUP, "" }, { "bullet", CMD_SYM, "•" },
	{ "cdot", CMD_SYM, "·" }, { "cdots", CMD_SYM, "⋯" }, { "ce", CMD_GROUP, "" },
	{ "chi", CMD_SYM, "χ" }, { "circ", CMD_SYM, "∘" }, { "dagger", CMD_SYM, "†" },
	{ "degree", CMD_SYM, "°" }, { "delta", CMD_SYM, "δ" }, { "displaystyle", CMD_DROP, "" },
	{ "div", CMD_SYM, "÷" }, { "dots", CMD_SYM, "…" }, { "downarrow", CMD_SYM, "↓" },
	{ "ell", CMD_SYM, "ℓ" }, { "emph", CMD_GROUP, "" }, { "epsilon", CMD_SYM, "ε" },
	{ "equiv", CMD_SYM, "≡" }, { "eta", CMD_SYM, "η" }, { "frac", CMD_DROP, "" },
	{ "gamma", CMD_SYM, "γ" }, { "ge", CMD_SYM, "≥" }, { "geq", CMD_SYM, "≥" },
	{ "gg", CMD_SYM, "≫" }, { "hbar", CMD_SYM, "ħ" }, { "in", CMD_SYM, "∈" },
	{ "infty", CMD_SYM, "∞" }, { "iota", CMD_SYM, "ι" }, { "it", CMD_DROP, "" },
	{ "kappa", CMD_SYM, "κ" }, { "lambda", CMD_SYM, "λ" }, { "ldots", CMD_SYM, "…" },
	{ "le", CMD_SYM, "≤" }, { "left", CMD_DROP, "" }, { "leftarrow", CMD_SYM, "←" },
	{ "leftrightarrow", CMD_SYM, "↔" }, { "leq", CMD_SYM, "≤" }, { "limits", CMD_DROP, "" },
	{ "ll", CMD_SYM, "≪" }, { "longrightarrow", CMD_SYM, "⟶" }, { "mathbb", CMD_GROUP, "" },
	{ "mathbf", CMD_GROUP, "" }, { "mathcal", CMD_GROUP, "" }, { "mathit", CMD_GROUP, "" },
	{ "mathnormal", CMD_GROUP, "" }, { "mathrm", CMD_GROUP, "" }, { "mathsf", CMD_GROUP, "" },
	{ "mathtt", CMD_GROUP, "" }, { "mbox", CMD_GROUP, "" }, { "mp", CMD_SYM, "∓" },
	{ "mu", CMD_SYM, "μ" }, { "nabla", CMD_SYM, "∇" }, { "ne", CMD_SYM, "≠" },
	{ "neq", CMD_SYM, "≠" }, { "nolimits", CMD_DROP, "" }, { "nu", CMD_SYM, "ν" },
	{ "omega", CMD_SYM, "ω" }, { "operatorname", CMD_GROUP, "" }, { "parallel", CMD_SYM, "∥" },
	{ "partial", CMD_SYM, "∂" }, { "perp", CMD_SYM, "⊥" }, { "phi", CMD_SYM, "φ" },
	{ "pi", CMD_SYM, "π" }, { "pm", CMD_SYM, "±" }, { "prime", CMD_SYM, "′" },
	{ "propto", CMD_SYM, "∝" }, { "psi", CMD_SYM, "ψ" }, { "pu", CMD_GROUP, "" },
	{ "qquad", CMD_SPACE, "" }, { "quad", CMD_SPACE, "" }, { "rho", CMD_SYM, "ρ" },
	{ "right", CMD_DROP, "" }, { "rightarrow", CMD_SYM, "→" },
	{ "rightleftharpoons", CMD_SYM, "⇌" }, { "rm", CMD_DROP, "" }, { "sigma", CMD_SYM, "σ" },
	{ "sim", CMD_SYM, "~" }, { "simeq", CMD_SYM, "≃" }, { "sqrt", CMD_SYM, "√" },
	{ "star", CMD_SYM, "⋆" }, { "tau", CMD_SYM, "τ" }, { "text", CMD_GROUP, "" },
	{ "textbf", CMD_GROUP, "" }, { "textdegree", CMD_SYM, "°" }, { "textit", CMD_GROUP, "" },
	{ "textmu", CMD_SYM, "μ" }, { "textnormal", CMD_GROUP, "" }, { "textrm", CMD_GROUP, "" },
	{ "textsf", CMD_GROUP, "" }, { "textsl", CMD_GROUP, "" },
	{ "textsubscript", CMD_SUBGROUP, "" }, { "textsuperscript", CMD_SUPGROUP, "" },
	{ "texttt", CMD_GROUP, "" }, { "textup", CMD_GROUP, "" }, { "theta", CMD_SYM, "θ" },
	{ "times", CMD_SYM, "×" }, { "to", CMD_SYM, "→" }, { "uparrow", CMD_SYM, "↑" },
	{ "upsilon", CMD_SYM, "υ" }, { "varepsilon", CMD_SYM, "ε" }, { "varphi", CMD_SYM, "φ" },
	{ "vartheta", CMD_SYM, "ϑ" }, { "xi", CMD_SYM, "ξ" }, { "zeta", CMD_SYM, "ζ" },
};

static int cmd_cmp(const void *key, const void *elem)
{
	const struct latex_cmd *c = elem;
	return strcmp(key, c->name);
}

static const struct latex_cmd *find_cmd(const char *s, size_t n)
{
	char name[MAX_CMD + 1];
	if (n > MAX_CMD)
		return NULL;
	memcpy(name, s, n);
	name[n] = '\0';
	return bsearch(name, latex_cmds, sizeof latex_cmds / sizeof *latex_cmds,
		       sizeof *latex_cmds, cmd_cmp);
}

/* ---- the handlers: each returns the bytes it consumed, 0 to copy one byte ---- */

/* "\name", "\%", "\{" ... at s[i]. */
static size_t command(text_inl *t, const char *s, size_t n, size_t i, size_t base)
{
	size_t j = i + 1;
	if (j >= n)
		return 0;
	unsigned char c = (unsigned char)s[j];
	if (!is_alpha(c)) {
		switch (c) {
		case '%': case '{': case '}': case '_': case '$': case '#': case '&': case '*':
			put_src(t, s + j, 1, base + j);
			return 2;
		case ',': case ';': case ':': case ' ': case '\\':
			t->pending = 1;
			return 2;
		case '!':
			return 2;
		}
		return 0;
	}
	while (j < n && is_alpha((unsigned char)s[j]) && j - i <= MAX_CMD)
		j++;
	const struct latex_cmd *cmd = find_cmd(s + i + 1, j - i - 1);
	if (!cmd) {
		if (!t->math && !t->depth)
			return 0; /* a backslash in running text stays */
		put_src(t, s + i + 1, j - i - 1, base + i + 1);
		return j - i;
	}
	switch (cmd->kind) {
	case CMD_SYM:
		flush(t);
		anchor(t, base + i);
		tbuf_puts(t->b, cmd->out);
		break;
	case CMD_SPACE:
		t->pending = 1;
		break;
	case CMD_DROP:
		break;
	case CMD_GROUP:
	case CMD_SUPGROUP:
	case CMD_SUBGROUP:
		if (j < n && s[j] == '{') {
			int k = cmd->kind == CMD_GROUP ? FR_GROUP
				: cmd->kind == CMD_SUPGROUP ? FR_SUP : FR_SUB;
			if (push_frame(t, k) == 0)
				j++;
		}
		break;
	}
	return j - i;
}

static void degree(text_inl *t, size_t src)
{
	flush(t);
	anchor(t, src);
	tbuf_puts(t->b, "°");
}

/* "_{..}", "^{..}", "_2", "^-", "_x", "^\circ" at s[i]. */
static size_t script(text_inl *t, const char *s, size_t n, size_t i, size_t base)
{
	int kind = s[i] == '_' ? LITX_SPAN_SUB : LITX_SPAN_SUP;
	if (i + 1 >= n)
		return 0;
	unsigned char c = (unsigned char)s[i + 1];
	if (kind == LITX_SPAN_SUP) {
		if (n - i >= 8 && memcmp(s + i + 1, "{\\circ}", 7) == 0) {
			degree(t, base + i);
			return 8;
		}
		if (n - i >= 6 && memcmp(s + i + 1, "\\circ", 5) == 0 &&
		    (n - i == 6 || !is_alpha((unsigned char)s[i + 6]))) {
			degree(t, base + i);
			return 6;
		}
	}
	if (c == '{') {
		if (push_frame(t, kind == LITX_SPAN_SUB ? FR_SUB : FR_SUP))
			return 0;
		return 2;
	}
	if ((t->flags & TEXT_INL_REFS) || t->b->len == 0)
		return 0;
	if (is_digit(c)) {
		size_t j = i + 1;
		while (j < n && is_digit((unsigned char)s[j]) && j - i <= MAX_DIGITS)
			j++;
		size_t end = j;
		if (kind == LITX_SPAN_SUP && j < n && (s[j] == '+' || s[j] == '-'))
			end = j + 1;
		for (size_t k = i + 1; k < end; k++)
			script_char(t, kind, s[k], base + k);
		return end - i;
	}
	if (c == '+' || c == '-' || c == '*') { /* e^-, Fe^+, H^* (an adsorbate) */
		script_char(t, kind, (char)c, base + i + 1);
		return 2;
	}
	if (n - i >= 4 && memcmp(s + i + 1, "\xE2\x88\x92", 3) == 0) { /* U+2212 */
		script_char(t, kind, '-', base + i + 1);
		return 4;
	}
	if (is_alpha(c)) {
		if (!t->math && i + 2 < n && is_lower((unsigned char)s[i + 2]))
			return 0; /* snake_case, not a script */
		script_char(t, kind, (char)c, base + i + 1);
		return 2;
	}
	return 0;
}

/* <i> </i> <b> <em> <strong> <sub> <sup> <br/> at s[i]. */
static size_t html_tag(text_inl *t, const char *s, size_t n, size_t i)
{
	static const struct { const char *name; int tag; } tags[] = {
		{ "i", TAG_I }, { "em", TAG_I }, { "b", TAG_B }, { "strong", TAG_B },
		{ "sub", TAG_SUB }, { "sup", TAG_SUP }, { "br", TAG_BR },
	};
	size_t j = i + 1;
	int closing = 0;
	if (j < n && s[j] == '/') {
		closing = 1;
		j++;
	}
	size_t k = j;
	while (k < n && is_alpha((unsigned char)s[k]) && k - j < 8)
		k++;
	size_t e = k;
	while (e < n && s[e] == ' ' && e - k < 2)
		e++;
	if (e < n && s[e] == '/' && !closing)
		e++;
	if (e >= n || s[e] != '>' || k == j)
		return 0;
	int tag = -1;
	for (size_t m = 0; m < sizeof tags / sizeof *tags; m++) {
		size_t l = strlen(tags[m].name);
		if (l == k - j) {
			size_t q = 0;
			while (q < l && (s[j + q] | 32) == tags[m].name[q])
				q++;
			if (q == l) {
				tag = tags[m].tag;
				break;
			}
		}
	}
	if (tag < 0)
		return 0;
	if (tag == TAG_BR) {
		t->pending = 1;
		return e + 1 - i;
	}
	int script_tag = tag == TAG_SUB || tag == TAG_SUP;
	if (!closing && t->tag[tag] < 0) {
		if (script_tag) {
			close_run(t);
			t->pending = 0;
		} else {
			flush(t);
		}
		litx_span_kind k2 = tag == TAG_I ? LITX_SPAN_ITALIC : tag == TAG_B ? LITX_SPAN_BOLD
				   : tag == TAG_SUB ? LITX_SPAN_SUB : LITX_SPAN_SUP;
		t->tag[tag] = tbuf_span_open(t->b, k2);
		if (tag == TAG_SUB)
			t->in_sub++;
		else if (tag == TAG_SUP)
			t->in_sup++;
	} else if (closing && t->tag[tag] >= 0) {
		close_run(t);
		tbuf_span_close(t->b, t->tag[tag]);
		t->tag[tag] = -1;
		if (tag == TAG_SUB)
			t->in_sub--;
		else if (tag == TAG_SUP)
			t->in_sup--;
	}
	return e + 1 - i;
}

/* ---- the pre-scan -------------------------------------------------------- */

/* Pair $...$ / $$...$$ and markdown emphasis of s[0..n) into t->mark. Returns 0
 * when there is nothing to mark (the map is then not used), -1 on no memory. */
static int prescan(text_inl *t, const char *s, size_t n)
{
	const char *dollar = memchr(s, '$', n), *star = memchr(s, '*', n);
	if (!dollar && !star)
		return 0;
	if (grow((void **)&t->mark, &t->cap_mark, n, 1))
		return -1;
	unsigned char *mk = t->mark;
	memset(mk, 0, n);
	if (dollar) {
		size_t open = SIZE_MAX, od = 0;
		for (size_t i = (size_t)(dollar - s); i < n; i++) {
			if (s[i] != '$' || (i > 0 && s[i - 1] == '\\'))
				continue;
			size_t dl = i + 1 < n && s[i + 1] == '$' ? 2 : 1;
			if (open != SIZE_MAX && dl == od && i > open + od && !is_ws((unsigned char)s[i - 1]) &&
			    (dl == 2 || i + 1 >= n || !is_digit((unsigned char)s[i + 1]))) {
				mk[open] = od == 1 ? MK_MATH_OPEN1 : MK_MATH_OPEN2;
				mk[i] = dl == 1 ? MK_MATH_CLOSE1 : MK_MATH_CLOSE2;
				open = SIZE_MAX;
			} else if (i + dl < n && !is_ws((unsigned char)s[i + dl])) {
				open = i;
				od = dl;
			} else {
				open = SIZE_MAX;
			}
			i += dl - 1;
		}
	}
	if (star) {
		struct em_opener { size_t pos, len; } st[EM_STACK];
		size_t top = 0;
		int math = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char m = mk[i];
			if (m == MK_MATH_OPEN1 || m == MK_MATH_OPEN2) {
				math = 1;
				continue;
			}
			if (m == MK_MATH_CLOSE1 || m == MK_MATH_CLOSE2) {
				math = 0;
				continue;
			}
			if (math || s[i] != '*')
				continue;
			if (i > 0 && (s[i - 1] == '\\' || s[i - 1] == '^' || s[i - 1] == '_'))
				continue; /* \*, H^*: not emphasis */
			size_t r = 1;
			while (i + r < n && s[i + r] == '*')
				r++;
			if (r <= 2) {
				int can_open = i + r < n && !is_ws((unsigned char)s[i + r]);
				int can_close = i > 0 && !is_ws((unsigned char)s[i - 1]);
				int matched = 0;
				if (can_close) {
					for (size_t k = top; k-- > 0;) {
						if (i - st[k].pos > EM_MAX_SPAN)
							break; /* "*CO ... COOH*": adsorbates, not emphasis */
						if (st[k].len == r) {
							mk[st[k].pos] = r == 1 ? MK_EM1_OPEN : MK_EM2_OPEN;
							mk[i] = r == 1 ? MK_EM1_CLOSE : MK_EM2_CLOSE;
							top = k;
							matched = 1;
							break;
						}
					}
				}
				if (!matched && can_open && top == EM_STACK) {
					/* forget the openers too far back to be closed */
					size_t keep = 0;
					for (size_t k = 0; k < top; k++)
						if (i - st[k].pos <= EM_MAX_SPAN)
							st[keep++] = st[k];
					top = keep;
				}
				if (!matched && can_open && top < EM_STACK)
					st[top++] = (struct em_opener){ i, r };
			}
			i += r - 1;
		}
	}
	return 1;
}

/* ---- the main loop ------------------------------------------------------- */

/* ASCII bytes that end a run of ordinary bytes (every non-ASCII byte does too). */
static const unsigned char special_ascii[128] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\\'] = 1, ['_'] = 1, ['^'] = 1,
	['{'] = 1, ['}'] = 1, ['<'] = 1, ['$'] = 1, ['*'] = 1,
};

static int special(unsigned char c)
{
	return c >= 0x80 || special_ascii[c];
}

/* Length of the UTF-8 character at s when it is copied as it is (not white space,
 * not dropped, not a script character, not a minus inside a script), else 0. */
static size_t ordinary_utf8(const text_inl *t, const char *s, size_t n)
{
	size_t k;
	uint32_t cp = utf8_dec((const unsigned char *)s, n, &k);
	char a;
	if (!k || is_space_cp(cp) || is_dropped_cp(cp) || script_cp(cp, &a) ||
	    (cp == 0x2212 && (t->in_sub || t->in_sup)))
		return 0;
	return k;
}

/* End of the run of bytes copied as they are from s[i]: ordinary bytes, ordinary
 * UTF-8 characters, and single spaces between them (a space before anything
 * special stays out, so the rules about spaces near scripts still apply). */
static size_t run_end(const text_inl *t, const char *s, size_t n, size_t i)
{
	size_t j = i;
	for (;;) {
		while (j < n && !special((unsigned char)s[j]))
			j++;
		if (j >= n)
			return j;
		unsigned char c = (unsigned char)s[j];
		size_t k;
		if (c == ' ' && j + 1 < n && !special((unsigned char)s[j + 1]) && j > i) {
			j++;
			continue;
		}
		if (c >= 0x80 && (k = ordinary_utf8(t, s + j, n - j))) {
			j += k;
			continue;
		}
		return j;
	}
}

void text_inl_space(text_inl *t)
{
	t->pending = 1;
}

void text_inl_add(text_inl *t, const char *s, size_t n, uint32_t line, size_t base)
{
	tbuf *b = t->b;
	if (b->failed || n == 0)
		return;
	t->line = line;
	int marks = prescan(t, s, n);
	if (marks < 0) {
		b->failed = 1;
		return;
	}
	long em[EM_STACK];
	size_t nem = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (marks && t->mark[i]) {
			switch (t->mark[i]) {
			case MK_MATH_OPEN1: case MK_MATH_OPEN2:
				t->math = 1;
				t->math_base = t->depth;
				i += t->mark[i] == MK_MATH_OPEN1 ? 1 : 2;
				continue;
			case MK_MATH_CLOSE1: case MK_MATH_CLOSE2:
				while (t->depth > t->math_base)
					pop_frame(t);
				t->math = 0;
				i += t->mark[i] == MK_MATH_CLOSE1 ? 1 : 2;
				continue;
			case MK_EM1_OPEN: case MK_EM2_OPEN:
				flush(t);
				if (nem < EM_STACK)
					em[nem++] = tbuf_span_open(b, t->mark[i] == MK_EM1_OPEN
								   ? LITX_SPAN_ITALIC : LITX_SPAN_BOLD);
				i += t->mark[i] == MK_EM1_OPEN ? 1 : 2;
				continue;
			case MK_EM1_CLOSE: case MK_EM2_CLOSE:
				close_run(t);
				if (nem)
					tbuf_span_close(b, em[--nem]);
				i += t->mark[i] == MK_EM1_CLOSE ? 1 : 2;
				continue;
			}
		}
		if (!special(c) || (c >= 0x80 && ordinary_utf8(t, s + i, n - i))) {
			size_t j = run_end(t, s, n, i);
			put_src(t, s + i, j - i, base + i);
			i = j;
			continue;
		}
		size_t k = 0;
		switch (c) {
		case ' ': case '\t': case '\r': case '\n':
			t->pending = 1;
			k = 1;
			break;
		case '\\':
			k = command(t, s, n, i, base);
			break;
		case '_': case '^':
			k = script(t, s, n, i, base);
			break;
		case '{':
			if ((t->math || t->depth) && push_frame(t, FR_GROUP) == 0)
				k = 1;
			break;
		case '}':
			if (t->depth) {
				pop_frame(t);
				k = 1;
			} else if (t->math) {
				k = 1;
			}
			break;
		case '<':
			k = html_tag(t, s, n, i);
			break;
		case '$': case '*':
			break;
		default: {
			size_t len;
			uint32_t cp = utf8_dec((const unsigned char *)s + i, n - i, &len);
			char a;
			int kind;
			if (!len)
				break;
			if (is_space_cp(cp)) {
				t->pending = 1;
			} else if (is_dropped_cp(cp)) {
				/* nothing */
			} else if (cp == 0x2212 && (t->in_sub || t->in_sup)) {
				flush(t);
				anchor(t, base + i);
				tbuf_putc(b, '-');
			} else if ((kind = script_cp(cp, &a))) {
				script_char(t, kind, a, base + i);
			} else {
				put_src(t, s + i, len, base + i);
			}
			k = len;
		}
		}
		if (!k) { /* an ordinary byte after all */
			put_src(t, s + i, 1, base + i);
			k = 1;
		}
		i += k;
	}
	/* braces and emphasis do not run past the end of a piece */
	while (nem)
		tbuf_span_close(b, em[--nem]);
	while (t->depth)
		pop_frame(t);
	t->math = 0;
}

void text_inl_end(text_inl *t)
{
	tbuf *b = t->b;
	close_run(t);
	while (t->depth)
		pop_frame(t);
	for (int k = 0; k < 4; k++) {
		if (t->tag[k] >= 0)
			tbuf_span_close(b, t->tag[k]);
		t->tag[k] = -1;
	}
	t->in_sub = t->in_sup = 0;
	t->pending = 0;
	tbuf_rstrip(b);
	text_inl_squeeze(t);
}

/* ---- the squeeze (same rule as jats_squeeze.c) --------------------------- */

typedef struct text_inl_iv iv;

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_iv(const void *a, const void *b)
{
	const iv *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Index of the last interval starting at or before q, or -1. */
static long last_at_or_before(const iv *v, size_t n, size_t q)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= q)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

static int starts_at(const iv *v, size_t n, size_t q)
{
	long i = last_at_or_before(v, n, q);
	return i >= 0 && v[i].start == q;
}

static int inside(const iv *v, size_t n, size_t q)
{
	long i = last_at_or_before(v, n, q);
	for (int k = 0; i >= 0 && k < 4; i--, k++)
		if (v[i].end > q)
			return 1;
	return 0;
}

/* Does the text at p continue the formula a subscript just ended? */
static int continues(const char *s, size_t len, size_t p, const iv *v, size_t n)
{
	if (p >= len)
		return 0;
	if (starts_at(v, n, p))
		return 1;
	unsigned char ch = (unsigned char)s[p];
	if (ch == '(' || ch == '[') {
		unsigned char close = ch == '(' ? ')' : ']';
		int depth = 0, spaces = 0, low = 0, maxlow = 0;
		for (size_t q = p; q < len && q < p + 64; q++) {
			unsigned char x = (unsigned char)s[q];
			if (x == ch) {
				depth++;
			} else if (x == close) {
				if (--depth == 0)
					return !(spaces && maxlow >= 3);
			} else if (is_digit(x) && !inside(v, n, q)) {
				return 0;
			}
			if (x == ' ')
				spaces = 1;
			if (is_lower(x)) {
				if (++low > maxlow)
					maxlow = low;
			} else {
				low = 0;
			}
		}
		return 0;
	}
	if (!is_upper(ch))
		return 0;
	size_t q = p;
	while (q < len && is_upper((unsigned char)s[q])) {
		q++;
		if (q < len && is_lower((unsigned char)s[q]) && !starts_at(v, n, q))
			q++;
		if (starts_at(v, n, q))
			return 1;
	}
	if (q == len)
		return 1;
	return s[q] == ')' || s[q] == ']' || s[q] == '(' || s[q] == '[';
}

/* New offset of old offset p once the sorted deletions d[0..n) are gone. */
static size_t remap(const size_t *d, size_t n, size_t p)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return p - lo;
}

void text_inl_squeeze(text_inl *t)
{
	tbuf *tb = t->b;
	if (tb->failed || tb->len == 0 || !tb->s)
		return;
	char *s = tb->s;
	size_t len = tb->len, n = 0, nd = 0;
	for (size_t i = 0; i < tb->n_spans; i++) {
		litx_span *sp = &tb->spans[i];
		if (sp->end == (size_t)-1 || sp->end > len)
			sp->end = len;
		while (sp->start < sp->end && s[sp->start] == ' ')
			sp->start++;
		while (sp->end > sp->start && s[sp->end - 1] == ' ')
			sp->end--;
		if ((sp->kind == LITX_SPAN_SUB || sp->kind == LITX_SPAN_SUP) && sp->start < sp->end) {
			if (grow((void **)&t->iv, &t->cap_iv, n + 1, sizeof(iv))) {
				tb->failed = 1;
				return;
			}
			t->iv[n++] = (iv){ sp->start, sp->end };
		}
	}
	if (n == 0)
		return;
	iv *v = t->iv;
	qsort(v, n, sizeof *v, cmp_iv);
	for (size_t i = 0; i < tb->n_spans; i++) {
		const litx_span *sp = &tb->spans[i];
		if ((sp->kind != LITX_SPAN_SUB && sp->kind != LITX_SPAN_SUP) || sp->start >= sp->end)
			continue;
		if (grow((void **)&t->del, &t->cap_del, nd + 2, sizeof(size_t))) {
			tb->failed = 1;
			return;
		}
		if (sp->start > 0 && s[sp->start - 1] == ' ')
			t->del[nd++] = sp->start - 1;
		if (sp->kind == LITX_SPAN_SUB && sp->end < len && s[sp->end] == ' ' &&
		    continues(s, len, sp->end + 1, v, n))
			t->del[nd++] = sp->end;
	}
	if (nd == 0)
		return;
	size_t *d = t->del, u = 0;
	qsort(d, nd, sizeof *d, cmp_size);
	for (size_t i = 0; i < nd; i++)
		if (u == 0 || d[u - 1] != d[i])
			d[u++] = d[i];
	size_t w = 0, k = 0;
	for (size_t r = 0; r < len; r++) {
		if (k < u && d[k] == r) {
			k++;
			continue;
		}
		s[w++] = s[r];
	}
	s[w] = '\0';
	tb->len = w;
	for (size_t i = 0; i < tb->n_spans; i++) {
		tb->spans[i].start = remap(d, u, tb->spans[i].start);
		tb->spans[i].end = remap(d, u, tb->spans[i].end);
	}
	for (size_t i = 0; i < tb->n_anchors; i++)
		tb->anchors[i].text_off = remap(d, u, tb->anchors[i].text_off);
}
