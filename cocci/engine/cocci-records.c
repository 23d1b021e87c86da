// SPDX-License-Identifier: GPL-2.0
/*
 * spatch's stdout, parsed once into struct rg_finding.
 *
 * Under REFGUARD_RECORDS=1 the semantic patches' python (the common part,
 * rg_emit()) prints one line per finding,
 *
 *   RG \x1f rule \x1f file \x1f line \x1f column \x1f function \x1f arg
 *      \x1f rewrite \x1f fix [\x1f note-line \x1f note-column]
 *
 * with the position's 1-based line and 0-based byte column as spatch
 * gives them, the call or access the message quotes, the helper the
 * message names ("" if none), the replacement text ("" if none) and, for
 * a frozen-arith finding, where the page was frozen.  The catalogue
 * (rules/rules.def) supplies the wording, so no message text crosses the
 * pipe.  cocci-run.c's marker adds "RGDONE \x1f file" once a file is done.
 *
 * Nothing is dropped quietly: a record that does not have this shape, is
 * of another rule than the script's, or names a file the run was not
 * given leaves its file (or, when no file can be told, the whole run)
 * unchecked.
 */
#include <stdlib.h>
#include <string.h>

#include "cocci-internal.h"
#include "columns.h"
#include "util.h"

#define MAX_FIELDS 12

static int split(char *line, char **fld)
{
	int n = 0;
	char *p = line;

	while (p && n < MAX_FIELDS) {
		fld[n++] = p;
		p = strchr(p, '\x1f');
		if (p)
			*p++ = '\0';
	}
	return p ? -1 : n;
}

/* A decimal number >= min, the whole string; -1 otherwise. */
static long number(const char *s, long min)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < min || v > 10000000 ? -1 : v;
}

/*
 * The column GCC would print for spatch's 0-based byte column of line in
 * text (every engine's findings carry these, finding.h), 1-based.
 */
static int display_column(const char *text, long line, long byte_col)
{
	size_t len;
	const char *p = rg_source_line(text, line, &len);

	return p ? rg_display_column(p, len, byte_col + 1) : byte_col + 1;
}

/* One "RG" record; false if it is not a finding of sc's rule. */
static bool add_record(const struct rg_serve *sc, char **fld, int n,
		       struct rg_cocci_file *file, bool patch, struct rg_results *r)
{
	struct rg_finding f = { 0 };
	struct rg_note note = { 0 };
	struct rg_fix fix = { 0 };
	long line, col, nline = 0, ncol = 0;

	if ((n != 9 && n != 11) || rg_rule_find(fld[1]) != (int)sc->rule)
		return false;
	line = number(fld[3], 1);
	col = number(fld[4], 0);
	if (line < 0 || col < 0 || !*fld[6])
		return false;
	if (n == 11) {
		nline = number(fld[9], 1);
		ncol = number(fld[10], 0);
		if (nline < 0 || ncol < 0)
			return false;
	}
	if (patch)		/* patch mode rewrites; report mode reports */
		return true;
	f.rule = sc->rule;
	f.file = file->rel;
	f.line = line;
	f.column = display_column(file->text, line, col);
	f.function = fld[5];
	f.arg = fld[6];
	f.rewrite = *fld[7] ? fld[7] : NULL;
	if (*fld[8]) {
		/* spatch knows the replacement, not the extent it replaces */
		fix.replacement = fld[8];
		f.fix = &fix;
	}
	if (n == 11 && *rg_rules[sc->rule].note) {
		note.file = file->rel;
		note.line = nline;
		note.column = display_column(file->text, nline, ncol);
		note.message = (char *)rg_rules[sc->rule].note;
		f.notes = &note;
		f.nr_notes = 1;
	}
	f.engine = RG_ENGINE_COCCI;
	rg_results_add(r, &f);
	return true;
}

int rg_cocci_parse_stdout(const struct rg_cocci_job *job,
			  const struct rg_serve *sc, char *out,
			  struct rg_cocci_files *files, struct rg_results *r)
{
	char *line, *save, *fld[MAX_FIELDS];
	struct rg_cocci_file *f;
	int n, ret = 0;

	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!line[strspn(line, " \t\r")])
			continue;
		n = split(line, fld);
		if (n == 2 && !strcmp(fld[0], "RGDONE") &&
		    (f = rg_cocci_lookup(files, job->root, fld[1]))) {
			f->done = true;
			continue;
		}
		f = n >= 3 ? rg_cocci_lookup(files, job->root, fld[2]) : NULL;
		if (!f)
			ret = -1;
		else if (strcmp(fld[0], "RG") || !add_record(sc, fld, n, f, job->patch, r))
			rg_cocci_problem(f, NULL,
					 "spatch printed a record refguard does not understand");
	}
	return ret;
}
