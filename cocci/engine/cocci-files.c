// SPDX-License-Identifier: GPL-2.0
/*
 * Which semantic patch serves which rule, and which files each must see.
 *
 * One grep over the tree for every API name any script selects files by
 * (taken from the rule catalogue) picks the candidates, so spatch only
 * parses the few hundred files that can match; each script then gets the
 * candidates naming its own functions.  A file that names none of them
 * cannot hold a finding of that rule (every rule matches a call or an
 * access it names), so the grep is positive evidence for it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cocci-internal.h"
#include "spawn.h"
#include "util.h"

static bool is_helper_file(const char *rel)
{
	unsigned int i;

	for (i = 0; i < rg_helper_file_count; i++)
		if (!strcmp(rel, rg_helper_files[i]))
			return true;
	return false;
}

/* grep -E alternation of every word any script selects files by. */
static char *prefilter_regex(void)
{
	const struct rg_serve *sc;
	char *re = NULL, *longer;
	unsigned int i;

	for_each_cocci_script(sc) {
		if (!*sc->select_token)
			continue;
		longer = rg_strdup_printf("%s%s%s", re ? re : "", re ? "|" : "",
					  sc->select_token);
		free(re);
		re = longer;
	}
	for (i = 0; i < rg_api_count; i++)
		for_each_cocci_script(sc)
			if (sc->select_kinds & (1u << rg_api_table[i].kind)) {
				longer = rg_strdup_printf("%s%s%s", re ? re : "",
							  re ? "|" : "",
							  rg_api_table[i].name);
				free(re);
				re = longer;
				break;
			}
	return re;
}

static void push(char ***v, int *n, char *s)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	(*v)[(*n)++] = s;
}

static struct rg_cocci_file *add_file(struct rg_cocci_files *out, const char *rel)
{
	struct rg_cocci_file *f;

	out->v = realloc(out->v, (out->n + 1) * sizeof(*out->v));
	if (!out->v) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->rel = strdup(rel);
	return f;
}

void rg_cocci_problem(struct rg_cocci_file *f, const char *function,
		      const char *reason)
{
	int i;

	function = function ? function : "";
	f->troubled = true;
	for (i = 0; i < f->nr_problems; i++)
		if (!strcmp(f->problems[i].function, function) &&
		    !strcmp(f->problems[i].reason, reason))
			return;
	f->problems = realloc(f->problems, (f->nr_problems + 1) * sizeof(*f->problems));
	if (!f->problems) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	f->problems[f->nr_problems].function = strdup(function);
	f->problems[f->nr_problems].reason = strdup(reason);
	f->nr_problems++;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct rg_cocci_file *)a)->rel,
		      ((const struct rg_cocci_file *)b)->rel);
}

static bool is_c_name(const char *rel)
{
	size_t len = strlen(rel);

	return len > 2 && rel[len - 2] == '.' && (rel[len - 1] == 'c' || rel[len - 1] == 'h');
}

/*
 * grep -lZ's NUL-separated list (names may hold any byte but NUL), and
 * its complaints ("grep: NAME: reason") about files it could not read.
 */
static int run_grep(const char *tree, char **args, int nr_args, char **list,
		    size_t *len, char **err)
{
	char *re = prefilter_regex();
	char **argv = NULL;
	int n = 0, i, out_fd, err_fd, st;
	pid_t pid;

	push(&argv, &n, "grep");
	push(&argv, &n, "-rlwZE");
	push(&argv, &n, "--include=*.c");
	push(&argv, &n, "--include=*.h");
	push(&argv, &n, "-e");
	push(&argv, &n, re);
	push(&argv, &n, "--");
	for (i = 0; i < nr_args; i++)
		push(&argv, &n, args[i]);
	push(&argv, &n, NULL);
	out_fd = rg_anon_file("refguard-grep");
	err_fd = rg_anon_file("refguard-grep-err");
	if (out_fd < 0 || err_fd < 0)
		return -1;
	pid = rg_spawn(argv, out_fd, err_fd, tree);
	st = pid < 0 ? -1 : rg_wait(pid, "grep");
	*list = rg_slurp_fd(out_fd, len);
	*err = rg_slurp_fd(err_fd, NULL);
	close(out_fd);
	close(err_fd);
	free(argv);
	free(re);
	if (!*list || !*err || st < 0 || st > 2)
		return rg_fail("grep failed on %s", tree), -1;
	if (st == 2 && !**err)
		return rg_fail("grep failed on %s without saying why", tree), -1;
	return 0;
}

/* "grep: NAME: reason" lines: NAME could not be searched. */
static void grep_complaints(struct rg_cocci_files *out, char *err)
{
	char *line, *save, *colon;

	for (line = strtok_r(err, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "grep: ", 6))
			continue;
		colon = strrchr(line + 6, ':');
		if (!colon)
			continue;
		*colon = '\0';
		rg_cocci_problem(add_file(out, line + 6 + 2 * !strncmp(line + 6, "./", 2)),
				 NULL, colon[1] == ' ' ? colon + 2 : colon + 1);
	}
}

/* Resolve the caller's paths; files named one by one are kept in *named. */
static void resolve_paths(struct rg_cocci_files *out, char *const *paths,
			  int nr_paths, char ***args, int *nr_args,
			  char ***named, int *nr_named)
{
	const char *why;
	struct stat st;
	char *rel, *abs;
	int i;

	for (i = 0; i < nr_paths; i++) {
		rel = rg_tree_relative(out->tree, paths[i], &why);
		if (!rel) {
			rg_cocci_problem(add_file(out, paths[i]), NULL, why);
			continue;
		}
		abs = rg_strdup_printf("%s/%s", out->tree, rel);
		if (!stat(abs, &st) && !S_ISDIR(st.st_mode))
			push(named, nr_named, strdup(rel));
		push(args, nr_args, rel);
		free(abs);
	}
	if (nr_paths == 0)
		push(args, nr_args, strdup("."));
}

static bool listed(char **v, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

int rg_cocci_candidates(const char *tree, char *const *paths, int nr_paths,
			struct rg_cocci_files *out)
{
	char **args = NULL, **named = NULL, **found = NULL;
	int nr_args = 0, nr_named = 0, nr_found = 0, i;
	char *list, *err, *p, *path;
	struct rg_cocci_file *f;
	size_t len;

	memset(out, 0, sizeof(*out));
	out->tree = tree;
	resolve_paths(out, paths, nr_paths, &args, &nr_args, &named, &nr_named);
	if (nr_args && run_grep(tree, args, nr_args, &list, &len, &err))
		return -1;
	for (p = nr_args ? list : NULL; p && p < list + len; p += strlen(p) + 1) {
		const char *rel = strncmp(p, "./", 2) ? p : p + 2;

		/* a file named twice, or also under a directory named */
		if (listed(found, nr_found, rel))
			continue;
		push(&found, &nr_found, (char *)rel);
		if (is_helper_file(rel)) {
			push(&out->clean, &out->nr_clean, strdup(rel));
			continue;
		}
		f = add_file(out, rel);
		path = rg_strdup_printf("%s/%s", tree, rel);
		f->text = rg_slurp_file(path, NULL);
		if (!f->text)
			rg_cocci_problem(f, NULL, strerror(errno));
		free(path);
	}
	if (nr_args)
		grep_complaints(out, err);
	/* a named file grep did not list names no API: nothing can match */
	for (i = 0; i < nr_named; i++)
		if (!listed(found, nr_found, named[i])) {
			if (is_c_name(named[i]))
				push(&out->clean, &out->nr_clean, strdup(named[i]));
			else
				rg_cocci_problem(add_file(out, named[i]), NULL,
						 "not a C source or header file");
		}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_file);
	for (i = 0; i < nr_args; i++)
		free(args[i]);
	for (i = 0; i < nr_named; i++)
		free(named[i]);
	free(args);
	free(named);
	free(found);
	if (nr_args) {
		free(list);
		free(err);
	}
	return 0;
}

struct rg_cocci_file *rg_cocci_lookup(struct rg_cocci_files *files,
				      const char *root, const char *path)
{
	struct rg_cocci_file key, *found;
	size_t len = strlen(root);
	int i;

	if (strncmp(path, root, len) || path[len] != '/')
		return NULL;
	key.rel = (char *)path + len + 1;
	found = bsearch(&key, files->v, files->n, sizeof(*files->v), cmp_file);
	for (i = 0; !found && i < files->n; i++)
		if (files->v[i].copy && !strcmp(files->v[i].copy, key.rel))
			found = &files->v[i];
	return found;
}

void rg_cocci_files_free(struct rg_cocci_files *files)
{
	int i, j;

	for (i = 0; i < files->n; i++) {
		for (j = 0; j < files->v[i].nr_problems; j++) {
			free(files->v[i].problems[j].function);
			free(files->v[i].problems[j].reason);
		}
		free(files->v[i].problems);
		free(files->v[i].rel);
		free(files->v[i].copy);
		free(files->v[i].text);
	}
	for (i = 0; i < files->nr_clean; i++)
		free(files->clean[i]);
	free(files->clean);
	free(files->v);
	memset(files, 0, sizeof(*files));
}
