// SPDX-License-Identifier: GPL-2.0
/*
 * refguard fix [--kernel DIR] [--rule ID]... [--in-place |
 *               --series DIR [--signoff "Name <mail>"]]
 *
 * The patch-mode semantic patches rewrite copies of the files that name
 * their functions, in a work directory; the helpers the rewrites call are
 * added to the copy of include/linux/page_ref.h where the tree lacks them
 * (cocci-helpers.c).  The result is printed as a unified diff (-p1,
 * include/linux/page_ref.h first, then by path), or with --in-place put
 * into the tree all at once (rewrite.c): every file or none, or with
 * --series written as a mailable patch series (series.c).
 *
 * A file spatch could not fully process is listed on stderr and the exit
 * status is 2; --in-place then writes nothing, since applying the rest
 * would leave the tree half converted with nothing saying so.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cocci-internal.h"
#include "cocci.h"
#include "driver.h"
#include "rewrite.h"
#include "series.h"
#include "spawn.h"
#include "tmpdir.h"

#define PAGE_REF_H "include/linux/page_ref.h"

struct change {
	const char *rel;
	const char *old;
	char *new;
};

struct fix {
	const char *tree;
	char *root;			/* the copies spatch rewrites */
	const char *workdir;
	unsigned int rules;
	struct rg_cocci_files files;
	char *page_ref;			/* the tree's page_ref.h */
	const char *names_set;		/* --names: "design", "v4" */
	struct rg_tree_names names;	/* the helpers as the tree spells them */
	struct change *changes;
	int nr_changes;
};

static bool fix_wants(const struct fix *fx, const struct rg_cocci_file *f)
{
	const struct rg_serve *sc;

	for_each_cocci_script(sc)
		if (f->text && rg_cocci_fixes(sc) &&
		    (fx->rules & RG_RULE_BIT(sc->rule)) &&
		    rg_serve_selects(sc, f->text))
			return true;
	return false;
}

/*
 * spatch runs shell commands on the names of the files it rewrites
 * without quoting them (a name with a space is rewritten nowhere, and
 * spatch still exits 0), so a copy gets a name spatch can take.
 */
static bool spatch_safe(const char *rel)
{
	return rel[0] != '-' &&
	       !rel[strspn(rel, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "0123456789_./+-,")];
}

/* Write text to root/rel, making the directories on the way. */
static int write_copy(const char *root, const char *rel, const char *text)
{
	char *path = rg_strdup_printf("%s/%s", root, rel), *slash;
	FILE *f;

	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) && errno != EEXIST)
			return rg_fail("mkdir %s: %s", path, strerror(errno));
		*slash = '/';
	}
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", path, strerror(errno));
	free(path);
	return 0;
}

/* Copy the files the rewrites may touch, as read, into root. */
static int copy_files(struct fix *fx)
{
	int i;

	if (write_copy(fx->root, PAGE_REF_H, fx->page_ref))
		return -1;
	for (i = 0; i < fx->files.n; i++) {
		struct rg_cocci_file *f = &fx->files.v[i];
		const char *dot = strrchr(f->rel, '.');

		if (!fix_wants(fx, f))
			continue;
		if (!spatch_safe(f->rel))
			f->copy = rg_strdup_printf("refguard-renamed/%d%s", i, dot ? dot : "");
		if (write_copy(fx->root, f->copy ?: f->rel, f->text))
			return -1;
	}
	return 0;
}

static void add_change(struct fix *fx, const char *rel, const char *old, char *new)
{
	fx->changes = realloc(fx->changes, (fx->nr_changes + 1) * sizeof(*fx->changes));
	if (!fx->changes) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	fx->changes[fx->nr_changes].rel = rel;
	fx->changes[fx->nr_changes].old = old;
	fx->changes[fx->nr_changes++].new = new;
}

/* The rewritten files, and page_ref.h with the helpers they need. */
static int collect(struct fix *fx)
{
	char **new_of = calloc(fx->files.n + 1, sizeof(char *));
	char **texts = calloc(fx->files.n + 1, sizeof(char *));
	char *path, *new;
	int i, n = 0, ret;

	for (i = 0; i < fx->files.n; i++) {
		struct rg_cocci_file *f = &fx->files.v[i];

		if (!fix_wants(fx, f))
			continue;
		path = rg_strdup_printf("%s/%s", fx->root, f->copy ?: f->rel);
		new = rg_slurp_file(path, NULL);
		free(path);
		if (!new)
			rg_cocci_problem(f, NULL, "its rewritten copy is gone");
		else if (strcmp(new, f->text))
			new_of[i] = texts[n++] = new;
		else
			free(new);
	}
	path = rg_strdup_printf("%s/%s", fx->root, PAGE_REF_H);
	new = rg_cocci_add_helpers(fx->workdir, path, fx->page_ref, texts, n,
				   &fx->names);
	free(path);
	free(texts);
	ret = new ? 0 : -1;
	if (new && strcmp(new, fx->page_ref))
		add_change(fx, PAGE_REF_H, fx->page_ref, new);
	else
		free(new);
	for (i = 0; i < fx->files.n; i++)
		if (new_of[i])
			add_change(fx, fx->files.v[i].rel, fx->files.v[i].text, new_of[i]);
	free(new_of);
	return ret;
}

/* A diff header name: C-quoted as GNU diff and git do when it needs it. */
static char *diff_name(const char *prefix, const char *rel)
{
	size_t cap = 2 * strlen(rel) + strlen(prefix) + 8, len = 0;
	char *out = malloc(cap);
	bool quote = false;
	const char *p;

	for (p = rel; *p; p++)
		quote |= *p <= ' ' || *p == '"' || *p == '\\' || *p == 0x7f;
	if (!quote) {
		free(out);
		return rg_strdup_printf("%s%s", prefix, rel);
	}
	len += sprintf(out, "\"%s", prefix);
	for (p = rel; *p; p++) {
		if (*p == '\t')
			len += sprintf(out + len, "\\t");
		else if (*p == '\n')
			len += sprintf(out + len, "\\n");
		else if (*p == '"' || *p == '\\')
			len += sprintf(out + len, "\\%c", *p);
		else
			out[len++] = *p;
	}
	strcpy(out + len, "\"");
	return out;
}

/* diff -u -p of a change, the tree's file against its rewritten copy, to out. */
static int print_diff(const struct fix *fx, const struct change *c, FILE *out)
{
	char *copy = rg_strdup_printf("%s/new", fx->workdir);
	char *orig = rg_strdup_printf("%s/old", fx->workdir);
	char *la = diff_name("a/", c->rel), *lb = diff_name("b/", c->rel);
	char *argv[] = { "diff", "-u", "-p", "--label", la, "--label", lb, orig, copy, NULL };
	FILE *f;
	char *text = NULL;
	size_t len = 0;
	int st;

	/* both sides from memory: what was read is what was rewritten */
	f = fopen(orig, "w");
	if (!f || fputs(c->old, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", orig, strerror(errno));
	f = fopen(copy, "w");
	if (!f || fputs(c->new, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", copy, strerror(errno));
	st = rg_run(argv, &text, &len);
	if (st == 1) {
		fprintf(out, "diff -u -p %s %s\n", la, lb);
		fwrite(text, 1, len, out);
	}
	free(text);
	free(copy);
	free(orig);
	free(la);
	free(lb);
	return st == 1 ? 0 : rg_fail("diff failed on %s (status %d)", c->rel, st);
}

static int apply(struct fix *fx)
{
	struct rg_rewrite_set set = { 0 };
	int i;

	for (i = 0; i < fx->nr_changes; i++) {
		char *path = rg_strdup_printf("%s/%s", fx->tree, fx->changes[i].rel);

		rg_rewrite_add(&set, path, fx->changes[i].old, fx->changes[i].new);
		free(path);
	}
	return rg_rewrite_commit(&set, fx->tree);
}

static int rewrite(struct fix *fx)
{
	struct rg_cocci_job job = { fx->root, fx->workdir, true, NULL };
	char *path = rg_strdup_printf("%s/%s", fx->tree, PAGE_REF_H);
	const struct rg_serve *sc;

	fx->page_ref = rg_slurp_file(path, NULL);
	if (!fx->page_ref)
		return rg_fail("cannot read %s: %s", path, strerror(errno));
	free(path);
	if (mkdir(fx->root, 0700))
		return rg_fail("mkdir %s: %s", fx->root, strerror(errno));
	if (copy_files(fx))
		return RG_EXIT_TROUBLE;
	if (rg_cocci_tree_names(fx->workdir, fx->tree, fx->names_set, &fx->files,
				&fx->names))
		return RG_EXIT_TROUBLE;
	job.names = fx->names.env;
	for_each_cocci_script(sc)
		if (rg_cocci_fixes(sc) && (fx->rules & RG_RULE_BIT(sc->rule)) &&
		    rg_cocci_run(&job, sc, &fx->files, NULL))
			return RG_EXIT_TROUBLE;
	return collect(fx) ? RG_EXIT_TROUBLE : 0;
}

/*
 * The rewrite as a series: the diff, and the report-mode findings the
 * rewrite resolves (those with a fix), which the changelogs name.
 */
static int write_series(struct fix *fx, const char *outdir, const char *signoff)
{
	struct rg_results report = { 0 }, sites = { 0 };
	struct rg_series_opts o = { fx->tree, NULL, &sites, outdir, signoff };
	char **rels = calloc(fx->nr_changes + 1, sizeof(char *)), *diff = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&diff, &len);
	int i, n = 0, st = 0;

	for (i = 0; i < fx->nr_changes && !st; i++) {
		st = print_diff(fx, &fx->changes[i], out);
		if (strcmp(fx->changes[i].rel, PAGE_REF_H))
			rels[n++] = (char *)fx->changes[i].rel;
	}
	fclose(out);
	if (!st && rg_cocci_report(fx->tree, rels, n, fx->rules, &report))
		st = RG_EXIT_TROUBLE;
	if (!st && report.nr_unchecked)
		st = rg_fail("not writing a series: the rewritten files could not "
			     "all be checked again");
	for (i = 0; !st && i < report.nr_findings; i++)
		if (report.findings[i].fix)
			rg_results_add(&sites, &report.findings[i]);
	rg_results_finish(&sites);
	o.diff = diff;
	if (!st)
		st = rg_fix_series(&o);
	rg_results_free(&report);
	rg_results_free(&sites);
	free(rels);
	free(diff);
	return st;
}

/* Print what could not be rewritten; true if anything. */
static bool report_unchecked(struct fix *fx)
{
	struct rg_results r = { 0 };
	bool any;
	int i, j;

	for (i = 0; i < fx->files.n; i++)
		for (j = 0; j < fx->files.v[i].nr_problems; j++)
			rg_results_unchecked(&r, fx->files.v[i].rel,
					     fx->files.v[i].problems[j].function,
					     fx->files.v[i].problems[j].reason, RG_ENGINE_COCCI);
	any = r.nr_unchecked > 0;
	rg_results_finish(&r);
	rg_results_print(&r, RG_FORMAT_TEXT, stderr);
	rg_results_free(&r);
	return any;
}

int cmd_fix(int argc, char **argv)
{
	struct fix fx = { 0 };
	const char *kernel = NULL, *series = NULL, *signoff = NULL;
	bool in_place = false, trouble;
	int i, st = 0;
	char *work;

	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "rule", required_argument, NULL, 'r' },
		{ "names", required_argument, NULL, 'n' },
		{ "in-place", no_argument, NULL, 'i' },
		{ "series", required_argument, NULL, 's' },
		{ "signoff", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			kernel = optarg;
			break;
		case 'r':
			if (rg_cocci_rule_option(optarg, true, &fx.rules))
				return RG_EXIT_TROUBLE;
			break;
		case 'n':
			fx.names_set = optarg;
			if (!rg_names_set_known(fx.names_set)) {
				rg_fail("--names takes design or v4 (rules/spellings.def), not '%s'",
					fx.names_set);
				return rg_usage("fix");
			}
			break;
		case 'i':
			in_place = true;
			break;
		case 's':
			series = optarg;
			break;
		case 'S':
			signoff = optarg;
			break;
		default:	/* getopt_long has named the option */
			return rg_usage("fix");
		}
	}
	if (optind < argc) {
		rg_fail("unexpected argument '%s'", argv[optind]);
		return rg_usage("fix");
	}
	if ((series && in_place) || (signoff && !series)) {
		rg_fail("--series is an alternative to --in-place; --signoff goes with --series");
		return rg_usage("fix");
	}
	/* before the rewrite, which takes minutes on a whole tree */
	if (series && rg_series_check_opts(series, signoff))
		return rg_usage("fix");
	fx.rules = fx.rules ?: RG_ALL_RULES;
	fx.names_set = fx.names_set ?: "design";
	fx.tree = rg_kernel_tree(kernel);
	if (!fx.tree || rg_cocci_candidates(fx.tree, NULL, 0, &fx.files))
		return RG_EXIT_TROUBLE;
	work = rg_tmpdir_create("fix");
	if (!work)
		return RG_EXIT_TROUBLE;
	fx.workdir = work;
	fx.root = rg_strdup_printf("%s/tree", work);
	st = rewrite(&fx);
	trouble = report_unchecked(&fx);
	if (!st && in_place && trouble && fx.nr_changes)
		st = rg_fail("not rewriting the tree: some files could not be processed (above)");
	else if (!st && in_place)
		st = apply(&fx);
	else if (!st && series && trouble)
		st = rg_fail("not writing a series: some files could not be processed (above)");
	else if (!st && series)
		st = write_series(&fx, series, signoff);
	for (i = 0; !st && !in_place && !series && i < fx.nr_changes; i++)
		st = print_diff(&fx, &fx.changes[i], stdout);
	rg_tmpdir_remove(work);
	rg_cocci_tree_names_free(&fx.names);
	if (st)
		return st;
	if (trouble)
		return RG_EXIT_TROUBLE;
	if (series)	/* the series is the product, not a finding */
		return RG_EXIT_CLEAN;
	return fx.nr_changes ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}
