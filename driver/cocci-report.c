// SPDX-License-Identifier: GPL-2.0
/*
 * rg_cocci_report() (cocci.h), and `refguard report` on top of it:
 *
 *   refguard report [--kernel DIR] [--rule ID]... [--format text|json|sarif]
 *                   [PATH...]
 *
 * Every report-mode semantic patch of the chosen rules runs over the files
 * that name its functions; what they find, and an account of every file
 * (checked for which rules, or unchecked and why), goes into the shared
 * finding type and is printed by the finding module.  Exit status: 0
 * clean, 1 findings, 2 anything unchecked or bad input.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocci-internal.h"
#include "cocci.h"
#include "driver.h"
#include "finding-print.h"
#include "tmpdir.h"

/* What the runs said about each file, into r. */
static void account(struct rg_cocci_files *files, unsigned int rules,
		    struct rg_results *r)
{
	unsigned int checked;
	const struct rg_serve *sc;
	int i, j;

	for (i = 0; i < files->n; i++) {
		struct rg_cocci_file *f = &files->v[i];

		for (j = 0; j < f->nr_problems; j++)
			rg_results_unchecked(r, f->rel, f->problems[j].function,
					     f->problems[j].reason, RG_ENGINE_COCCI);
		checked = f->checked;
		/* a rule whose functions the file does not name cannot match */
		for_each_cocci_script(sc)
			if (f->text && !rg_serve_selects(sc, f->text))
				checked |= RG_RULE_BIT(sc->rule);
		if (checked & rules)
			rg_results_checked_by(r, f->rel, "", RG_PASS_COCCI, checked & rules);
	}
	for (i = 0; i < files->nr_clean; i++)
		rg_results_checked_by(r, files->clean[i], "", RG_PASS_COCCI, rules);
}

static unsigned int script_rules(void)
{
	unsigned int rules = 0;
	const struct rg_serve *sc;

	for_each_cocci_script(sc)
		rules |= RG_RULE_BIT(sc->rule);
	return rules;
}

int rg_cocci_report(const char *tree, char *const *files, int nr_files,
		    unsigned int rule_mask, struct rg_results *r)
{
	unsigned int rules = rule_mask ? rule_mask & script_rules() : script_rules();
	struct rg_cocci_files cand;
	struct rg_cocci_job job = { 0 };
	struct rg_tree_names names = { 0 };
	char *real = realpath(tree, NULL), *work = NULL;
	const struct rg_serve *sc;
	int ret = -1;

	if (!real)
		return rg_fail("cannot find the kernel tree %s", tree), -1;
	if (rg_cocci_candidates(real, files, nr_files, &cand))
		goto out;
	job.root = real;
	job.workdir = work = rg_tmpdir_create("cocci");
	if (!work)
		goto out_files;
	/*
	 * Messages name the helpers as the tree spells them.  A page_ref.h
	 * spatch cannot read does not stop the report: its files go
	 * unchecked on their own, and the rest is still worth reporting.
	 */
	if (rg_cocci_tree_names(work, real, "design", &cand, &names))
		fprintf(stderr, "refguard: messages name the helpers as rules/rewrite.def does\n");
	job.names = names.env;
	for_each_cocci_script(sc)
		if ((rules & RG_RULE_BIT(sc->rule)) &&
		    rg_cocci_run(&job, sc, &cand, r))
			goto out_work;
	account(&cand, rules, r);
	ret = 0;
out_work:
	rg_cocci_tree_names_free(&names);
	rg_tmpdir_remove(work);
	free(work);
out_files:
	rg_cocci_files_free(&cand);
out:
	free(real);
	return ret;
}

/* --rule ID for `report` (any rule) or `fix` (rules with a patch mode). */
int rg_cocci_rule_option(const char *id, bool fix, unsigned int *mask)
{
	const struct rg_serve *sc;

	for_each_cocci_script(sc)
		if (!strcmp(id, rg_rules[sc->rule].name) &&
		    (!fix || rg_cocci_fixes(sc))) {
			*mask |= RG_RULE_BIT(sc->rule);
			return 0;
		}
	return rg_fail("unknown rule '%s' for %s", id, fix ? "fix" : "report");
}

struct report_options {
	const char *kernel;
	unsigned int rules;
	enum rg_format fmt;
	char **paths;
	int nr_paths;
};

static int parse_options(int argc, char **argv, struct report_options *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "rule", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	o->paths = calloc(argc, sizeof(*o->paths));
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->kernel = optarg;
			break;
		case 'r':
			if (rg_cocci_rule_option(optarg, false, &o->rules))
				return RG_EXIT_TROUBLE;
			break;
		case 'f':
			if (rg_format_parse(optarg, &o->fmt))
				return rg_fail("unknown format '%s' (text, json or sarif)",
					       optarg);
			break;
		default:	/* getopt_long has named the option */
			return rg_usage("report");
		}
	}
	while (optind < argc)
		o->paths[o->nr_paths++] = argv[optind++];
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_options o = { .fmt = RG_FORMAT_TEXT };
	struct rg_results r = { 0 };
	char *tree, *real, *rel;
	const char *why;
	int i, st;

	st = parse_options(argc, argv, &o);
	if (st)
		return st;
	tree = rg_kernel_tree(o.kernel);
	real = tree ? realpath(tree, NULL) : NULL;
	free(tree);
	if (!real)
		return RG_EXIT_TROUBLE;
	/* a PATH that leads nowhere in the tree is bad input, not "clean" */
	for (i = 0; i < o.nr_paths; i++) {
		rel = rg_tree_relative(real, o.paths[i], &why);
		if (!rel)
			st = rg_fail("%s: %s (%s)", o.paths[i], why, real);
		free(rel);
	}
	if (!st && rg_cocci_report(real, o.paths, o.nr_paths, o.rules, &r))
		st = RG_EXIT_TROUBLE;
	if (!st) {
		rg_results_finish(&r);
		rg_results_print_in(&r, o.fmt, real, stdout);
		st = rg_results_exit_code(&r);
	}
	rg_results_free(&r);
	free(o.paths);
	free(real);
	return st;
}
