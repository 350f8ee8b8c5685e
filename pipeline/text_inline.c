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
#include "unichar.h"
#include <stdlib.h>
#include <string.h>
#include "simd.h"

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

void text_inl_init(text_inl *t)
{
	memset(t, 0, sizeof *t);
}

void text_inl_free(text_inl *t)
{
	free(t->mark);
	script_scratch_free(&t->sq);
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
	if (tbuf_grow((void **)&t->mark, &t->cap_mark, n, 1))
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
		/* only a '*' and a math mark (on a '$') matter: go from one to the next */
		const char *ns = star, *nd = dollar;
		size_t i = (size_t)((nd && nd < ns ? nd : ns) - s);
		while (i < n) {
			if (ns < s + i && !(ns = memchr(s + i, '*', n - i)))
				break; /* no '*' left */
			if (nd && nd < s + i)
				nd = memchr(s + i, '$', n - i);
			i = (size_t)((nd && nd < ns ? nd : ns) - s);
			unsigned char m = mk[i];
			if (m == MK_MATH_OPEN1 || m == MK_MATH_OPEN2) {
				math = 1;
				i++;
				continue;
			}
			if (m == MK_MATH_CLOSE1 || m == MK_MATH_CLOSE2) {
				math = 0;
				i++;
				continue;
			}
			if (math || s[i] != '*') {
				i++;
				continue;
			}
			if (i > 0 && (s[i - 1] == '\\' || s[i - 1] == '^' || s[i - 1] == '_')) {
				i++;
				continue; /* \*, H^*: not emphasis */
			}
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
			i += r;
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
	uint32_t cp = unichar_decode((const unsigned char *)s, n, &k);
	char a;
	if (!k || unichar_is_space(cp) || unichar_is_dropped(cp) || unichar_script(cp, &a) ||
	    (cp == 0x2212 && (t->in_sub || t->in_sup)))
		return 0;
	return k;
}

/* From j, past the 16-byte blocks that are all ASCII bytes that are not
 * special and single spaces followed by such a byte, as run_end goes past
 * them; stops at or before the first byte it has to look at one by one (any
 * byte below 0x20 or beyond ASCII, a special one, a space before a space or a
 * special byte, a space ending the block). */
static size_t skip_plain(const char *s, size_t n, size_t j)
{
#ifdef LITX_SSE2
	while (n - j >= 16) {
		__m128i v = simd_load(s + j);
		/* bytes below 0x20 or beyond ASCII, and the special bytes of
		 * special_ascii but the white space */
		unsigned mm = simd_below(v, 0x20) | simd_eq(v, '\\') | simd_eq(v, '_') | simd_eq(v, '^') |
			      simd_eq(v, '{') | simd_eq(v, '}') | simd_eq(v, '<') | simd_eq(v, '$') |
			      simd_eq(v, '*');
		unsigned sp = simd_eq(v, ' ');
		unsigned stop = mm | (sp & (((mm | sp) >> 1) | 0x8000u));
		if (stop)
			return j + simd_first(stop);
		j += 16;
	}
#else
	(void)s;
	(void)n;
#endif
	return j;
}

/* End of the run of bytes copied as they are from s[i]: ordinary bytes, ordinary
 * UTF-8 characters, and single spaces between them (a space before anything
 * special stays out, so the rules about spaces near scripts still apply). */
static size_t run_end(const text_inl *t, const char *s, size_t n, size_t i)
{
	size_t j = i;
	for (;;) {
		j = skip_plain(s, n, j);
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
			uint32_t cp = unichar_decode((const unsigned char *)s + i, n - i, &len);
			char a;
			int kind;
			if (!len)
				break;
			if (unichar_is_space(cp)) {
				t->pending = 1;
			} else if (unichar_is_dropped(cp)) {
				/* nothing */
			} else if (cp == 0x2212 && (t->in_sub || t->in_sup)) {
				flush(t);
				anchor(t, base + i);
				tbuf_putc(b, '-');
			} else if ((kind = unichar_script(cp, &a))) {
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
	script_squeeze(b, &t->sq);
}
