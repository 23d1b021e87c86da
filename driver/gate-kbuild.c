// SPDX-License-Identifier: GPL-2.0
/*
 * The kbuild side of the gate: which object directory goes with the tree,
 * and replaying the compile command kbuild saved for a unit (its
 * .<object>.cmd file) on the overlay, with the plugin, in-process through
 * rg_plugin_check_command().
 *
 * An object directory of another source tree is refused, not used: its
 * commands compile that tree's files, so the series would never be
 * compiled and every verdict would be "clean".  kbuild says which tree an
 * object directory belongs to in three places, all checked: the `source`
 * link and the generated Makefile of an O= directory, and the source_
 * line of every .cmd file.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "driver.h"
#include "gate.h"
#include "spawn.h"

/* realpath() of dir/rel, or NULL. */
static char *real_at(const char *dir, const char *rel)
{
	char *path = rel[0] == '/' ? strdup(rel) : rg_strdup_printf("%s/%s", dir, rel);
	char *real = realpath(path, NULL);

	free(path);
	return real;
}

/*
 * The source tree an object directory was configured from: its `source`
 * link (O= builds since 2.6), else the tree its generated Makefile
 * includes, else the directory itself when it is a tree (an in-tree
 * build).  NULL when it is none of these.
 */
static char *source_tree_of(const char *obj)
{
	char *link = rg_strdup_printf("%s/source", obj), *src, *mk, *line;
	struct stat st;

	src = !lstat(link, &st) && S_ISLNK(st.st_mode) ? realpath(link, NULL) : NULL;
	free(link);
	if (src)
		return src;
	mk = rg_strdup_printf("%s/Makefile", obj);
	line = rg_slurp_file(mk, NULL);
	free(mk);
	if (line) {
		char *inc = strstr(line, "\ninclude ");

		if (inc && strstr(line, "Automatically generated")) {
			char *path = inc + 9, *end = path + strcspn(path, " \t\n");

			*end = '\0';
			if (end - path > 9 && !strcmp(end - 9, "/Makefile")) {
				end[-9] = '\0';
				src = realpath(path, NULL);
			}
		}
		free(line);
		if (src)
			return src;
	}
	link = rg_strdup_printf("%s/include/linux/page_ref.h", obj);
	src = !stat(link, &st) ? strdup(obj) : NULL;
	free(link);
	return src;
}

int gate_find_obj(struct gate *g, const char *obj_opt)
{
	char *cfg, *src;
	struct stat st;
	int missing;

	if (!obj_opt) {
		/* an in-tree build: the tree is its own object directory */
		cfg = rg_strdup_printf("%s/.config", g->tree);
		if (!stat(cfg, &st))
			g->obj = strdup(g->tree);
		free(cfg);
		return 0;
	}
	g->obj = realpath(obj_opt, NULL);
	cfg = rg_strdup_printf("%s/.config", g->obj ? g->obj : obj_opt);
	missing = !g->obj || stat(cfg, &st);
	free(cfg);
	if (missing)
		return rg_fail("%s is not a configured kernel object directory (no .config)",
			       obj_opt);
	src = source_tree_of(g->obj);
	if (!src)
		return rg_fail("cannot tell which kernel tree %s was configured from "
			       "(no 'source' link, no kbuild Makefile)", obj_opt);
	if (strcmp(src, g->tree)) {
		rg_fail("--obj %s is the object directory of %s, not of --kernel %s: "
			"its compile commands would check that tree's files, not the series",
			obj_opt, src, g->tree);
		free(src);
		return RG_EXIT_TROUBLE;
	}
	free(src);
	return 0;
}

/* "mm/page_alloc.c" -> "<obj>/mm/.page_alloc.o.cmd" */
static char *cmd_file_for(const char *obj, const char *src)
{
	const char *base = strrchr(src, '/');
	int dirlen = base ? base - src + 1 : 0;

	base = base ? base + 1 : src;
	return rg_strdup_printf("%s/%.*s.%.*s.o.cmd", obj, dirlen, src,
				(int)strlen(base) - 2, base);
}

/* The value of the first "<prefix>...:= " line of a .cmd file, or NULL. */
static char *cmd_value(const char *text, const char *prefix)
{
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *sep;

		if (strncmp(line, prefix, strlen(prefix)))
			continue;
		sep = strstr(line, " := ");
		if (sep && sep < strchrnul(line, '\n'))
			return strndup(sep + 4, strcspn(sep + 4, "\n"));
	}
	return NULL;
}

/*
 * unit's saved compile command (NULL: kbuild did not build it in this
 * configuration), after checking that it compiles this tree's unit.
 */
static int saved_command(struct gate *g, const char *unit, char **cmd)
{
	char *cmd_file = cmd_file_for(g->obj, unit), *text, *src, *real, *want;
	int ret = 0;

	*cmd = NULL;
	text = rg_slurp_file(cmd_file, NULL);
	if (!text) {
		free(cmd_file);
		return 0;
	}
	*cmd = cmd_value(text, "savedcmd_");
	if (!*cmd)
		*cmd = cmd_value(text, "cmd_");
	src = cmd_value(text, "source_");
	real = src ? real_at(g->obj, src) : NULL;
	want = rg_strdup_printf("%s/%s", g->tree, unit);
	if (*cmd && (!real || strcmp(real, want)))
		ret = rg_fail("%s compiles %s, not %s: %s does not belong to %s",
			      cmd_file, src ? src : "an unnamed source", want, g->obj, g->tree);
	free(text);
	free(src);
	free(real);
	free(want);
	free(cmd_file);
	return ret;
}

/* A .c unit whose .cmd lists header (tree-relative), or NULL. */
static char *unit_including(struct gate *g, const char *header)
{
	char *pat = strcmp(g->obj, g->tree) ? rg_strdup_printf("%s/%s", g->tree, header)
					    : strdup(header);
	char *argv[] = { "grep", "-rlF", "--include=*.o.cmd", "-m1", "-e", pat, g->obj, NULL };
	char *out = NULL, *line, *unit = NULL, *save;
	size_t len;

	if (rg_run(argv, &out, &len) > 1 || !out) {
		free(out);
		free(pat);
		return NULL;
	}
	for (line = strtok_r(out, "\n", &save); line && !unit; line = strtok_r(NULL, "\n", &save)) {
		char *text = rg_slurp_file(line, NULL), *src = text ? cmd_value(text, "source_") : NULL;
		char *real = src ? real_at(g->obj, src) : NULL;
		size_t tlen = strlen(g->tree);

		if (real && !strncmp(real, g->tree, tlen) && real[tlen] == '/' &&
		    gate_is_c_source(real) && real[strlen(real) - 1] == 'c')
			unit = strdup(real + tlen + 1);
		free(text);
		free(src);
		free(real);
	}
	free(out);
	free(pat);
	return unit;
}

int gate_unit_command(struct gate *g, const char *path, char **unit, char **cmd)
{
	int ret;

	*cmd = NULL;
	*unit = path[strlen(path) - 1] == 'c' ? strdup(path) : unit_including(g, path);
	if (!*unit)
		return 0;
	ret = saved_command(g, *unit, cmd);
	if (ret || !*cmd) {
		free(*unit);
		*unit = NULL;
	}
	return ret;
}

/* Split a shell command into words, the way sh reads it. */
static char **shell_words(const char *cmd, int *argc)
{
	char *script = rg_strdup_printf("set -- %s; printf '%%s\\0' \"$@\"", cmd);
	char *argv[] = { "sh", "-c", script, NULL }, *out = NULL, **words;
	size_t len, i;
	int n = 0;

	if (rg_run(argv, &out, &len) != 0) {
		free(script);
		free(out);
		return NULL;
	}
	free(script);
	words = calloc(len + 2, sizeof(char *));
	for (i = 0; i < len; i += strlen(out + i) + 1)
		words[n++] = out + i;
	*argc = n;
	return words;
}

/* Replay kbuild's compile of unit (tree-relative) on the overlay. */
int gate_plugin_check(struct gate *g, const char *unit, const char *cmd,
		      struct rg_results *r, bool *complete)
{
	bool in_tree = !strcmp(g->obj, g->tree);
	size_t tlen = strlen(g->tree);
	char **words, *old_tmp;
	bool *moved;
	int argc, i;

	words = shell_words(cmd, &argc);
	if (!words || argc < 2)
		return rg_fail("cannot read the compile command of %s", unit);
	/* the tree's paths to the overlay, so the series' files are compiled */
	moved = calloc(argc, sizeof(bool));
	for (i = 1; i < argc; i++) {
		char *hit = strstr(words[i], g->tree);

		if (hit && (hit[tlen] == '/' || hit[tlen] == '=' || !hit[tlen])) {
			words[i] = rg_strdup_printf("%.*s%s%s", (int)(hit - words[i]),
						    words[i], g->overlay, hit + tlen);
			moved[i] = true;
		}
	}
	/*
	 * The plugin's record file and gcc's own temporaries go to TMPDIR:
	 * point it into our directory, so a signal that ends the gate
	 * removes them with it.
	 */
	old_tmp = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", g->tmp, 1);
	/* a unit gcc could not check is in r as unchecked, with gcc's reason */
	*complete = !rg_plugin_check_command(words[0], argc - 1, words + 1,
					     in_tree ? g->overlay : g->obj, g->overlay, r);
	if (old_tmp)
		setenv("TMPDIR", old_tmp, 1);
	else
		unsetenv("TMPDIR");
	free(old_tmp);
	for (i = 1; i < argc; i++)
		if (moved[i])
			free(words[i]);
	free(words[0]);		/* the buffer every unmoved word points into */
	free(words);
	free(moved);
	return 0;
}
