// SPDX-License-Identifier: GPL-2.0
/*
 * Printing struct rg_results in the format the user asked for: the text
 * form here, JSON and SARIF in finding-json.c and finding-sarif.c.  Kept
 * apart from finding.c, which every printer builds on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding-print.h"
#include "finding.h"
#include "util.h"

int rg_format_parse(const char *name, enum rg_format *fmt)
{
	if (!strcmp(name, "text"))
		*fmt = RG_FORMAT_TEXT;
	else if (!strcmp(name, "json"))
		*fmt = RG_FORMAT_JSON;
	else if (!strcmp(name, "sarif"))
		*fmt = RG_FORMAT_SARIF;
	else
		return -1;
	return 0;
}

static void print_text(const struct rg_results *r, FILE *out)
{
	int i, j;

	for (i = 0; i < r->nr_findings; i++) {
		const struct rg_finding *f = &r->findings[i];
		char *msg = rg_finding_message(f);

		fprintf(out, "%s:%d:%d: %s: %s [refguard-%s]\n", f->file, f->line,
			f->column, rg_finding_severity(f), msg, rg_rules[f->rule].name);
		for (j = 0; j < f->nr_notes; j++)
			fprintf(out, "%s:%d:%d: note: %s\n", f->notes[j].file,
				f->notes[j].line, f->notes[j].column, f->notes[j].message);
		free(msg);
	}
	for (i = 0; i < r->nr_unchecked; i++) {
		const struct rg_unchecked *u = &r->unchecked[i];

		fprintf(out, "%s: not checked%s%s: %s\n", u->file,
			*u->function ? " in " : "", u->function, u->reason);
	}
}

void rg_results_print_in(const struct rg_results *r, enum rg_format fmt,
			 const char *root, FILE *out)
{
	if (fmt == RG_FORMAT_JSON)
		rg_results_print_json(r, out);
	else if (fmt == RG_FORMAT_SARIF)
		rg_results_print_sarif_in(r, root, out);
	else
		print_text(r, out);
	fflush(out);
}

void rg_results_print(const struct rg_results *r, enum rg_format fmt, FILE *out)
{
	rg_results_print_in(r, fmt, NULL, out);
}
