/* check_text.c - the text passes: for every paragraph, caption and footnote the
 * ratio and electron-count checks (check_ratio.c, check_electrons.c), then the
 * record-wide value and spelling checks (check_values.c, check_spelling.c).
 */
#include "check_int.h"

void chk_text(chk_ctx *c)
{
	const litx_doc *d = c->doc;
	size_t n_src;
	const chk_mention *src = chk_mentions(c, &n_src);
	for (size_t b = 0; b < d->n_blocks && !c->oom; b++) {
		chk_ratios(c, &d->blocks[b].text);
		chk_electrons(c, &d->blocks[b].text, src, n_src);
	}
	if (!c->oom)
		chk_values(c);
	if (!c->oom)
		chk_spellings(c);
}

