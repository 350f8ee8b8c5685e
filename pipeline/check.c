/* check.c - placeholder until the checker lands. */
#include "check.h"

int litx_check_doc(const litx_doc *doc, const json_t *records, json_t *findings)
{
	(void)doc; (void)records; (void)findings;
	return 0;
}

int litx_check_report(const json_t *kb, const json_t *findings, const char *format, FILE *f)
{
	(void)kb; (void)findings; (void)format; (void)f;
	return 0;
}
