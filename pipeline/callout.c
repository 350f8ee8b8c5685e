/* callout.c - placeholder until callout detection lands. */
#include "callout.h"

int litx_mark_callouts(docb *b)
{
	(void)b;
	return 0;
}
