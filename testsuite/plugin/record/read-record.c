// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's reader of the plugin's record (lib/plugin-record.c),
 * alone: read-record RECORD [TREE] prints what it read, one line each,
 *
 *   finding RULE FILE:LINE:COL FUNCTION fix=TEXT|- notes=N
 *   checked FILE FUNCTION RULE-BITS
 *   unchecked FILE FUNCTION: REASON
 *   status 0|-1
 *
 * for testsuite/plugin/run-tests (record-reader).
 */
#include <stdio.h>
#include <stdlib.h>

#include "plugin-record.h"

int main(int argc, char **argv)
{
	struct rg_results r = { 0 };
	int i, ret;

	if (argc < 2)
		return 2;
	ret = rg_plugin_record_read(argv[1], NULL, argc > 2 ? argv[2] : NULL, &r);
	for (i = 0; i < r.nr_findings; i++) {
		const struct rg_finding *f = &r.findings[i];

		printf("finding %s %s:%d:%d %s fix=%s notes=%d\n", rg_rules[f->rule].name,
		       f->file, f->line, f->column, f->function,
		       f->fix ? f->fix->replacement : "-", f->nr_notes);
	}
	for (i = 0; i < r.nr_checked; i++)
		printf("checked %s %s %u\n", r.checked[i].file, r.checked[i].function,
		       r.checked[i].rules);
	for (i = 0; i < r.nr_unchecked; i++)
		printf("unchecked %s %s: %s\n", r.unchecked[i].file,
		       r.unchecked[i].function, r.unchecked[i].reason);
	printf("status %d\n", ret);
	rg_results_free(&r);
	return 0;
}
