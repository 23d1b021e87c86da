// SPDX-License-Identifier: GPL-2.0
/*
 * refguard gate [--kernel DIR] [--obj DIR] [--format text|json|sarif]
 *               [--baseline FILE] (REV-RANGE | --patch FILE)
 *
 * The CI verdict for a patch series: findings on the lines the series
 * adds or changes, and nothing else (old findings are not its business).
 *
 * It never touches the user's tree.  The series is applied to an overlay
 * in a temporary directory: the directories on the way to each touched
 * file are real, every other entry is a symlink into the tree, and the
 * touched files are real copies (for a patch: applied with patch -p1 -F0,
 * dry run first, no fuzz; for a revision range: `git show REV:path`).
 * The overlay looks like a whole tree to both engines:
 *
 * - the plugin, when the tree is configured (--obj DIR, or an in-tree
 *   build): kbuild saved each object's exact gcc command in its .cmd
 *   file; it is replayed in check-only mode with the tree's paths moved
 *   to the overlay.  A touched header is checked through a translation
 *   unit whose .cmd lists it.
 * - `refguard report` (Coccinelle) for the rest, restricted to the
 *   touched files.
 *
 * Exit: 0 clean, 1 new findings, 2 could not check (unparseable patch,
 * patch does not apply, file missing, tool missing, or an engine could
 * not check part of a touched file).  Never 0 when something went
 * unchecked.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "catalogue.h"
#include "check.h"
#include "diff.h"
#include "json.h"
#include "spawn.h"

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF };

struct finding {
	char *file, *severity, *rule, *message, *function, *fix;
	int line, column;
};

struct unchecked {
	char *file, *function, *reason;
};

struct gate {
	char *tree;		/* the user's tree (read only) */
	char *obj;		/* configured object dir, or NULL */
	char *overlay;		/* temporary overlay tree */
	struct rg_patch patch;
	struct rg_added added;
	struct finding *f;
	int nr_f, cap_f;
	struct unchecked *u;
	int nr_u, cap_u;
	char **real_dirs;	/* overlay dirs already made real */
	int nr_dirs;
};

static void add_unchecked(struct gate *g, const char *file, const char *function,
			  const char *reason)
{
	int i;

	for (i = 0; i < g->nr_u; i++)
		if (!strcmp(g->u[i].file, file) && !strcmp(g->u[i].reason, reason) &&
		    !strcmp(g->u[i].function, function ? function : ""))
			return;
	if (g->nr_u == g->cap_u)
		g->u = realloc(g->u, (g->cap_u = g->cap_u * 2 + 4) * sizeof(*g->u));
	g->u[g->nr_u].file = strdup(file);
	g->u[g->nr_u].function = strdup(function ? function : "");
	g->u[g->nr_u].reason = strdup(reason);
	g->nr_u++;
}

/* Keep a finding if it is on a line the series adds or changes (once). */
static void add_finding(struct gate *g, const struct finding *in)
{
	int i;

	if (!rg_added_has(&g->added, in->file, in->line))
		return;
	for (i = 0; i < g->nr_f; i++)
		if (!strcmp(g->f[i].file, in->file) && g->f[i].line == in->line &&
		    g->f[i].column == in->column && !strcmp(g->f[i].rule, in->rule))
			return;
	if (g->nr_f == g->cap_f)
		g->f = realloc(g->f, (g->cap_f = g->cap_f * 2 + 8) * sizeof(*g->f));
	g->f[g->nr_f] = (struct finding) {
		strdup(in->file), strdup(in->severity), strdup(in->rule),
		strdup(in->message), strdup(in->function ? in->function : ""),
		in->fix ? strdup(in->fix) : NULL, in->line, in->column,
	};
	g->nr_f++;
}

/* ---- the overlay -------------------------------------------------------- */

static int link_entries(const char *src_dir, const char *dst_dir)
{
	DIR *d = opendir(src_dir);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : rg_fail("cannot read %s: %s", src_dir,
						     strerror(errno));
	while ((e = readdir(d))) {
		char *s, *t;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		s = rg_strdup_printf("%s/%s", src_dir, e->d_name);
		t = rg_strdup_printf("%s/%s", dst_dir, e->d_name);
		if (symlink(s, t) && errno != EEXIST) {
			closedir(d);
			return rg_fail("cannot link %s: %s", t, strerror(errno));
		}
		free(s);
		free(t);
	}
	closedir(d);
	return 0;
}

/* Make overlay/rel a real directory mirroring tree/rel (and its parents). */
static int real_dir(struct gate *g, const char *rel)
{
	char *parent, *slash, *dst, *src;
	struct stat st;
	int i, ret;

	for (i = 0; i < g->nr_dirs; i++)
		if (!strcmp(g->real_dirs[i], rel))
			return 0;
	parent = strdup(rel);
	slash = strrchr(parent, '/');
	if (slash) {
		*slash = '\0';
		ret = real_dir(g, parent);
		if (ret)
			return ret;
	}
	free(parent);
	dst = rg_strdup_printf("%s/%s", g->overlay, rel);
	src = rg_strdup_printf("%s/%s", g->tree, rel);
	if (!lstat(dst, &st) && S_ISLNK(st.st_mode))
		unlink(dst);
	if (mkdir(dst, 0755) && errno != EEXIST)
		return rg_fail("cannot create %s: %s", dst, strerror(errno));
	ret = link_entries(src, dst);
	g->real_dirs = realloc(g->real_dirs, (g->nr_dirs + 1) * sizeof(char *));
	g->real_dirs[g->nr_dirs++] = strdup(rel);
	free(dst);
	free(src);
	return ret;
}

static int copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = rg_slurp_file(from, &len);
	FILE *out;

	if (!data)
		return -1;
	out = fopen(to, "w");
	if (!out || fwrite(data, 1, len, out) != len || fclose(out)) {
		free(data);
		return -1;
	}
	free(data);
	return 0;
}

/*
 * Give path a real (writable) place in the overlay: its directory real, the
 * symlink to the tree's file replaced by a copy.  must_exist: the series
 * modifies the file, so the tree must have it.
 */
static int overlay_file(struct gate *g, const char *path, bool must_exist)
{
	char *dir = strdup(path), *slash = strrchr(dir, '/');
	char *src = rg_strdup_printf("%s/%s", g->tree, path);
	char *dst = rg_strdup_printf("%s/%s", g->overlay, path);
	struct stat st;
	int ret = 0;

	if (strstr(path, "../") || path[0] == '/')
		return rg_fail("refusing path outside the tree: %s", path);
	if (slash) {
		*slash = '\0';
		ret = real_dir(g, dir);
	}
	if (!ret && !lstat(dst, &st) && S_ISREG(st.st_mode)) {
		/* already ours: an earlier patch of the series changed it */
	} else if (!ret && !lstat(dst, &st) && S_ISLNK(st.st_mode) && unlink(dst)) {
		ret = rg_fail("cannot replace %s: %s", dst, strerror(errno));
	} else if (!ret && !stat(src, &st) && S_ISREG(st.st_mode)) {
		if (copy_file(src, dst))
			ret = rg_fail("cannot copy %s: %s", path, strerror(errno));
	} else if (!ret && must_exist) {
		ret = rg_fail("%s: file missing in %s", path, g->tree);
	}
	free(dir);
	free(src);
	free(dst);
	return ret;
}

static int make_overlay(struct gate *g)
{
	char tmpl[] = "/tmp/refguard-gate.XXXXXX";
	const char *tmpdir = getenv("TMPDIR");

	g->overlay = tmpdir && *tmpdir ? rg_strdup_printf("%s/refguard-gate.XXXXXX", tmpdir)
				       : strdup(tmpl);
	if (!mkdtemp(g->overlay))
		return rg_fail("cannot create a temporary directory: %s", strerror(errno));
	return link_entries(g->tree, g->overlay);
}

static void remove_overlay(struct gate *g)
{
	char *argv[] = { "rm", "-rf", "--", g->overlay, NULL };

	if (g->overlay && !getenv("REFGUARD_KEEP_TEMP"))
		rg_run(argv, NULL, NULL);
}

/* ---- getting the series into the overlay -------------------------------- */

static int run_patch(struct gate *g, const struct rg_file_diff *fd, bool dry)
{
	char *argv[] = { "patch", "-p1", "-F0", "-N", "--batch", "-r", "-",
			 "--no-backup-if-mismatch", "-d", g->overlay, "-i", NULL,
			 dry ? "--dry-run" : NULL, NULL };
	char *tmp = rg_strdup_printf("%s/.refguard-hunk.patch", g->overlay);
	int out = rg_anon_file("patch"), status;
	FILE *f = fopen(tmp, "w");
	char *text;
	pid_t pid;

	if (!f || fwrite(fd->text, 1, fd->text_len, f) != fd->text_len || fclose(f))
		return rg_fail("cannot write %s: %s", tmp, strerror(errno));
	argv[11] = tmp;
	pid = rg_spawn(argv, out, out, NULL);
	status = pid < 0 ? -1 : rg_wait(pid, "patch");
	unlink(tmp);
	if (status == 0)
		return 0;
	text = rg_slurp_fd(out, NULL);
	if (status == 127)
		return rg_fail("patch(1) is not installed");
	fputs(text ? text : "", stderr);
	return rg_fail("the series does not apply to %s: %s (patch -p1 -F0 failed)",
		       g->tree, fd->new_path ? fd->new_path : fd->old_path);
}

static bool is_c_source(const char *path)
{
	size_t len = path ? strlen(path) : 0;

	return len > 2 && (!strcmp(path + len - 2, ".c") || !strcmp(path + len - 2, ".h"));
}

static int apply_patch(struct gate *g)
{
	int i, ret;

	for (i = 0; i < g->patch.nr_files; i++) {
		const struct rg_file_diff *fd = &g->patch.files[i];

		if (fd->binary) {
			/* patch(1) cannot apply these; C code is never binary */
			if (is_c_source(fd->new_path))
				add_unchecked(g, fd->new_path, NULL, "binary diff of a C file");
			continue;
		}
		if (fd->old_path && (ret = overlay_file(g, fd->old_path, true)))
			return ret;
		if (fd->new_path && (ret = overlay_file(g, fd->new_path, false)))
			return ret;
		if ((ret = run_patch(g, fd, true)) || (ret = run_patch(g, fd, false)))
			return ret;
		rg_added_apply(&g->added, fd);
	}
	return 0;
}

static char *git_output(struct gate *g, char **args)
{
	char *argv[16] = { "git", "-C", g->tree };
	char *out = NULL;
	size_t len;
	int i;

	for (i = 0; args[i] && i < 12; i++)
		argv[3 + i] = args[i];
	argv[3 + i] = NULL;
	if (rg_run(argv, &out, &len) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* REV-RANGE: "A..B", "A...B" or "REV" (REV^..REV).  Sets *diff and *tip. */
static int read_range(struct gate *g, const char *range, char **diff, char **tip)
{
	char *r = strstr(range, "..") ? strdup(range) : rg_strdup_printf("%s^..%s", range, range);
	char *dots = strstr(r, ".."), *verify;
	char *diff_args[] = { "diff", "--no-color", "--no-ext-diff", "-M",
			      "--src-prefix=a/", "--dst-prefix=b/", r, NULL };
	char *verify_args[] = { "rev-parse", "--verify", "--quiet", NULL, NULL };

	*tip = strdup(dots[2] == '.' ? dots + 3 : dots + 2);
	if (!**tip) {
		free(*tip);
		*tip = strdup("HEAD");
	}
	verify_args[3] = rg_strdup_printf("%s^{commit}", *tip);
	verify = git_output(g, verify_args);
	if (!verify)
		return rg_fail("%s is not a git repository or %s is not a revision",
			       g->tree, *tip);
	*diff = git_output(g, diff_args);
	if (!*diff)
		return rg_fail("git diff %s failed in %s", r, g->tree);
	if (!**diff)
		return rg_fail("the range %s changes nothing", range);
	return 0;
}

static int checkout_range(struct gate *g, const char *tip)
{
	int i, ret;

	for (i = 0; i < g->patch.nr_files; i++) {
		const struct rg_file_diff *fd = &g->patch.files[i];
		char *spec, *argv[] = { "show", NULL, NULL }, *content, *dst;
		FILE *f;

		rg_added_apply(&g->added, fd);
		if (!fd->new_path || fd->binary) {
			if (fd->binary && is_c_source(fd->new_path))
				add_unchecked(g, fd->new_path, NULL, "binary diff of a C file");
			continue;
		}
		if ((ret = overlay_file(g, fd->new_path, false)))
			return ret;
		spec = rg_strdup_printf("%s:%s", tip, fd->new_path);
		argv[1] = spec;
		content = git_output(g, argv);
		if (!content)
			return rg_fail("git show %s failed", spec);
		dst = rg_strdup_printf("%s/%s", g->overlay, fd->new_path);
		f = fopen(dst, "w");
		if (!f || fputs(content, f) < 0 || fclose(f))
			return rg_fail("cannot write %s: %s", dst, strerror(errno));
		free(spec);
		free(dst);
		free(content);
	}
	return 0;
}

/* ---- engines ------------------------------------------------------------ */

/* "mm/page_alloc.c" -> "<obj>/mm/.page_alloc.o.cmd" */
static char *cmd_file_for(const char *obj, const char *src)
{
	const char *base = strrchr(src, '/');
	int dirlen = base ? base - src + 1 : 0;
	size_t len;

	base = base ? base + 1 : src;
	len = strlen(base);
	return rg_strdup_printf("%s/%.*s.%.*s.o.cmd", obj, dirlen, src, (int)len - 2, base);
}

/* The saved compile command in a .cmd file, or NULL. */
static char *saved_command(const char *cmd_file)
{
	char *text = rg_slurp_file(cmd_file, NULL), *line, *cmd = NULL;

	if (!text)
		return NULL;
	for (line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (!strncmp(line, "savedcmd_", 9) || !strncmp(line, "cmd_", 4)) {
			char *sep = strstr(line, " := ");

			if (sep) {
				cmd = strndup(sep + 4, strcspn(sep + 4, "\n"));
				break;
			}
		}
	}
	free(text);
	return cmd;
}

struct collect {
	struct gate *g;
	const char *strip[3];	/* path prefixes that make a path tree-relative */
};

static const char *tree_relative(const struct collect *c, const char *file)
{
	int i;

	for (i = 0; i < 3; i++) {
		size_t len = c->strip[i] ? strlen(c->strip[i]) : 0;

		if (len && !strncmp(file, c->strip[i], len) && file[len] == '/')
			return file + len + 1;
	}
	while (!strncmp(file, "./", 2))
		file += 2;
	return file;
}

static void collect_gcc(const struct rg_gcc_finding *gf, const char *line, int len,
			void *data)
{
	struct collect *c = data;
	struct finding f = {
		(char *)tree_relative(c, gf->file), (char *)gf->severity,
		(char *)gf->rule, (char *)gf->message, (char *)gf->function,
		(char *)gf->fix, gf->line, gf->column,
	};

	add_finding(c->g, &f);
}

/* Split a shell command into words, the way sh reads it. */
static char **shell_words(const char *cmd, int *argc)
{
	char *script = rg_strdup_printf("set -- %s; printf '%%s\\0' \"$@\"", cmd);
	char *argv[] = { "sh", "-c", script, NULL }, *out = NULL, **words;
	size_t len, i;
	int n = 0;

	if (rg_run(argv, &out, &len) != 0)
		return NULL;
	words = calloc(len + 2, sizeof(char *));
	for (i = 0; i < len; i += strlen(out + i) + 1)
		words[n++] = out + i;
	*argc = n;
	return words;
}

/* Replay kbuild's compile of src (tree-relative) on the overlay. */
static int plugin_check(struct gate *g, const char *src, const char *cmd)
{
	struct collect c = { g, { g->overlay, g->tree, NULL } };
	int argc, i, status, err_fd, findings;
	char **words = shell_words(cmd, &argc), **gv, *text;
	bool in_tree = !strcmp(g->obj, g->tree), errors;
	char *plugin = rg_plugin_path();
	size_t tlen = strlen(g->tree);
	struct stat st;
	pid_t pid;

	if (!words || argc < 2)
		return rg_fail("cannot read the compile command of %s", src);
	if (stat(plugin, &st))
		return rg_fail("no plugin at %s (run make, or set REFGUARD_PLUGIN)", plugin);
	/* the tree's paths to the overlay, so touched files are seen */
	for (i = 1; i < argc; i++) {
		char *hit = strstr(words[i], g->tree);

		if (hit && (hit[tlen] == '/' || hit[tlen] == '=' || !hit[tlen]))
			words[i] = rg_strdup_printf("%.*s%s%s", (int)(hit - words[i]),
						    words[i], g->overlay, hit + tlen);
	}
	gv = rg_checker_argv(words[0], argc - 1, words + 1, plugin, false);
	err_fd = rg_anon_file("gcc");
	setenv("LC_ALL", "C", 1);	/* plain quotes around "In function" names */
	pid = rg_spawn(gv, -1, err_fd, in_tree ? g->overlay : g->obj);
	status = pid < 0 ? -1 : rg_wait(pid, gv[0]);
	text = rg_slurp_fd(err_fd, NULL);
	close(err_fd);
	findings = rg_gcc_findings(text ? text : "", &errors, collect_gcc, NULL, &c);
	if (status != 0 && (errors || !findings)) {
		fputs(text ? text : "", stderr);
		add_unchecked(g, src, NULL, status == 127 ? "compiler not found"
				  : "gcc could not compile it with the plugin");
	}
	free(text);
	return 0;
}

/* A .c whose .cmd lists header (tree-relative), or NULL. */
static char *unit_including(struct gate *g, const char *header)
{
	char *pat = strcmp(g->obj, g->tree) ? rg_strdup_printf("%s/%s", g->tree, header)
					    : strdup(header);
	char *argv[] = { "grep", "-rlF", "--include=*.o.cmd", "-m1", "-e", pat, g->obj, NULL };
	char *out = NULL, *line, *cmd, *src = NULL;
	size_t len;

	if (rg_run(argv, &out, &len) > 1 || !out || !*out) {
		free(out);
		return NULL;
	}
	for (line = strtok(out, "\n"); line && !src; line = strtok(NULL, "\n")) {
		char *words_end, *last;

		cmd = saved_command(line);
		if (!cmd || !strstr(cmd, " -c "))
			continue;
		words_end = cmd + strlen(cmd);
		while (words_end > cmd && words_end[-1] == ' ')
			*--words_end = '\0';
		last = strrchr(cmd, ' ');
		if (last && is_c_source(last + 1)) {
			last++;
			if (!strncmp(last, g->tree, strlen(g->tree)))
				last += strlen(g->tree) + 1;
			src = strdup(last);
		}
		free(cmd);
	}
	free(out);
	return src;
}

struct cocci_list {
	char **paths;
	int n;
};

static int run_cocci(struct gate *g, struct cocci_list *cl)
{
	char **argv = calloc(cl->n + 8, sizeof(char *)), *out = NULL;
	const char *rg = getenv("REFGUARD");
	struct rg_json *doc, *item;
	const char *err;
	size_t len;
	int n = 0, i, status;

	argv[n++] = (char *)(rg && *rg ? rg : "refguard");
	if (!rg || !*rg)
		argv[0] = rg_path("refguard");
	argv[n++] = "report";
	argv[n++] = "--kernel";
	argv[n++] = g->overlay;
	argv[n++] = "--format";
	argv[n++] = "json";
	for (i = 0; i < cl->n; i++)
		argv[n++] = cl->paths[i];
	status = rg_run(argv, &out, &len);
	if (status < 0 || status > 2 || !out)
		return rg_fail("refguard report failed (status %d)", status);
	doc = rg_json_parse(out, &err);
	if (!doc)
		return rg_fail("cannot read refguard report's output: %s", err);
	item = rg_json_get(doc, "findings");
	for (item = item ? item->child : NULL; item; item = item->next) {
		struct finding f = {
			(char *)rg_json_str(item, "file", ""),
			(char *)rg_json_str(item, "severity", "warning"),
			(char *)rg_json_str(item, "rule", ""),
			(char *)rg_json_str(item, "message", ""),
			(char *)rg_json_str(item, "function", ""),
			(char *)rg_json_str(item, "fix", NULL),
			(int)rg_json_num(item, "line", 0), (int)rg_json_num(item, "column", 0),
		};

		add_finding(g, &f);
	}
	item = rg_json_get(doc, "unchecked");
	for (item = item ? item->child : NULL; item; item = item->next)
		add_unchecked(g, rg_json_str(item, "file", "?"),
			      rg_json_str(item, "function", ""),
			      rg_json_str(item, "reason", "not checked by Coccinelle"));
	if (status == 2 && !g->nr_u)
		add_unchecked(g, cl->paths[0], NULL, "refguard report could not check");
	return 0;
}

static int check_files(struct gate *g)
{
	struct cocci_list cl = { calloc(g->added.nr + 1, sizeof(char *)), 0 };
	char **units = calloc(g->added.nr + 1, sizeof(char *));
	int i, j, nr_units = 0, ret = 0;

	for (i = 0; i < g->added.nr; i++) {
		const struct rg_added_file *af = &g->added.files[i];
		char *unit = NULL, *cmd = NULL, *cmd_file;

		if (af->deleted || !af->nr || !is_c_source(af->path))
			continue;
		if (g->obj) {
			unit = af->path[strlen(af->path) - 1] == 'c' ? strdup(af->path)
								  : unit_including(g, af->path);
			if (unit) {
				cmd_file = cmd_file_for(g->obj, unit);
				cmd = saved_command(cmd_file);
				free(cmd_file);
			}
		}
		if (!cmd) {
			cl.paths[cl.n++] = af->path;
			continue;
		}
		for (j = 0; j < nr_units; j++)
			if (!strcmp(units[j], unit))
				break;
		if (j == nr_units) {
			units[nr_units++] = unit;
			ret = plugin_check(g, unit, cmd);
			if (ret)
				return ret;
		}
		free(cmd);
	}
	if (cl.n)
		ret = run_cocci(g, &cl);
	return ret;
}

/* ---- baseline and output ------------------------------------------------ */

static int apply_baseline(struct gate *g, const char *file)
{
	char *text = rg_slurp_file(file, NULL);
	struct rg_json *doc, *item;
	const char *err;
	int i, kept = 0;

	if (!text)
		return rg_fail("cannot read baseline %s: %s", file, strerror(errno));
	doc = rg_json_parse(text, &err);
	if (!doc)
		return rg_fail("%s: not a baseline (%s); make one with "
			       "'refguard gate --format json ...'", file, err);
	item = rg_json_get(doc, "findings");
	if (!item || item->type != RG_JSON_ARRAY)
		return rg_fail("%s: no \"findings\" array", file);
	for (i = 0; i < g->nr_f; i++) {
		struct finding *f = &g->f[i];
		struct rg_json *b;
		bool accepted = false;

		/* lines move between revisions: match what and where, not the line */
		for (b = item->child; b && !accepted; b = b->next)
			accepted = !strcmp(rg_json_str(b, "file", ""), f->file) &&
				   !strcmp(rg_json_str(b, "function", ""), f->function) &&
				   !strcmp(rg_json_str(b, "rule", ""), f->rule) &&
				   !strcmp(rg_json_str(b, "message", ""), f->message);
		if (!accepted)
			g->f[kept++] = *f;
	}
	g->nr_f = kept;
	return 0;
}

static void print_text(struct gate *g)
{
	int i;

	for (i = 0; i < g->nr_f; i++)
		printf("%s:%d:%d: %s: %s [refguard-%s]\n", g->f[i].file, g->f[i].line,
		       g->f[i].column, g->f[i].severity, g->f[i].message, g->f[i].rule);
	for (i = 0; i < g->nr_u; i++)
		printf("%s: not checked%s%s: %s\n", g->u[i].file,
		       *g->u[i].function ? " in " : "", g->u[i].function, g->u[i].reason);
}

static void print_json(struct gate *g)
{
	int i;

	fputs("{\"findings\":[", stdout);
	for (i = 0; i < g->nr_f; i++) {
		struct finding *f = &g->f[i];

		printf("%s{\"file\":", i ? "," : "");
		rg_json_put_string(stdout, f->file);
		printf(",\"line\":%d,\"column\":%d,\"severity\":", f->line, f->column);
		rg_json_put_string(stdout, f->severity);
		fputs(",\"rule\":", stdout);
		rg_json_put_string(stdout, f->rule);
		fputs(",\"message\":", stdout);
		rg_json_put_string(stdout, f->message);
		fputs(",\"function\":", stdout);
		rg_json_put_string(stdout, f->function);
		fputs(",\"fix\":", stdout);
		rg_json_put_string(stdout, f->fix);
		putchar('}');
	}
	fputs("],\"unchecked\":[", stdout);
	for (i = 0; i < g->nr_u; i++) {
		printf("%s{\"file\":", i ? "," : "");
		rg_json_put_string(stdout, g->u[i].file);
		fputs(",\"function\":", stdout);
		rg_json_put_string(stdout, g->u[i].function);
		fputs(",\"reason\":", stdout);
		rg_json_put_string(stdout, g->u[i].reason);
		putchar('}');
	}
	puts("]}");
}

/* Catalogue message with %qs shown as '...', for SARIF shortDescription. */
static char *plain_message(const char *msg)
{
	char *out = malloc(strlen(msg) * 2 + 1), *o = out;

	for (; *msg; msg++) {
		if (!strncmp(msg, "%qs", 3)) {
			o = stpcpy(o, "'...'");
			msg += 2;
		} else {
			*o++ = *msg;
		}
	}
	*o = '\0';
	return out;
}

static const char *sarif_level(const char *severity)
{
	return !strcmp(severity, "error") ? "error" :
	       !strcmp(severity, "note") ? "note" : "warning";
}

/*
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rule
 * catalogue as tool.driver.rules, results with ruleId/ruleIndex, level,
 * message.text, a physical location relative to the tree (uriBaseId
 * %SRCROOT%), and a fix when the engine knows the rewrite.
 */
static void print_sarif(struct gate *g)
{
	char *info_uri = rg_strdup_printf("file://%s/README.md", rg_srcdir());
	int i, r;

	puts("{");
	puts("  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",");
	puts("  \"version\": \"2.1.0\",");
	puts("  \"runs\": [{");
	puts("    \"tool\": {\"driver\": {\"name\": \"refguard\", \"version\": \"0.1\",");
	/* No public home: point at this installation's documentation. */
	printf("      \"informationUri\": ");
	rg_json_put_string(stdout, info_uri);
	puts(",");
	puts("      \"rules\": [");
	for (r = 0; r < RG_NR_RULES; r++) {
		char *desc = plain_message(rg_rules[r].message);

		printf("        {\"id\": ");
		rg_json_put_string(stdout, rg_rules[r].name);
		printf(", \"shortDescription\": {\"text\": ");
		rg_json_put_string(stdout, desc);
		printf("}, \"fullDescription\": {\"text\": ");
		rg_json_put_string(stdout, rg_rules[r].rationale);
		printf("}, \"help\": {\"text\": ");
		rg_json_put_string(stdout, rg_rules[r].rationale);
		printf("}, \"defaultConfiguration\": {\"level\": \"%s\"}}%s\n",
		       sarif_level(rg_rules[r].severity), r + 1 < RG_NR_RULES ? "," : "");
		free(desc);
	}
	puts("      ]}},");
	puts("    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": {\"text\": \"the kernel tree\"}}},");
	puts("    \"results\": [");
	for (i = 0; i < g->nr_f; i++) {
		struct finding *f = &g->f[i];
		int index = rg_rule_find(f->rule);

		printf("      {\"ruleId\": ");
		rg_json_put_string(stdout, f->rule);
		if (index >= 0)
			printf(", \"ruleIndex\": %d", index);
		printf(", \"level\": \"%s\", \"message\": {\"text\": ", sarif_level(f->severity));
		rg_json_put_string(stdout, f->message);
		printf("},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		rg_json_put_string(stdout, f->file);
		printf(", \"uriBaseId\": \"%%SRCROOT%%\"}, \"region\": {\"startLine\": %d, \"startColumn\": %d}}",
		       f->line, f->column > 0 ? f->column : 1);
		if (*f->function) {
			printf(", \"logicalLocations\": [{\"name\": ");
			rg_json_put_string(stdout, f->function);
			printf(", \"kind\": \"function\"}]");
		}
		printf("}]");
		if (f->fix) {
			/*
			 * The engines give the replacement text, not its extent:
			 * the fix describes it and marks the start of the call.
			 */
			printf(",\n       \"fixes\": [{\"description\": {\"text\": ");
			rg_json_put_string(stdout, f->fix);
			printf("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
			rg_json_put_string(stdout, f->file);
			printf(", \"uriBaseId\": \"%%SRCROOT%%\"}, \"replacements\": [{\"deletedRegion\": "
			       "{\"startLine\": %d, \"startColumn\": %d}, \"insertedContent\": {\"text\": ",
			       f->line, f->column > 0 ? f->column : 1);
			rg_json_put_string(stdout, f->fix);
			printf("}}]}]}]");
		}
		printf("}%s\n", i + 1 < g->nr_f ? "," : "");
	}
	puts("    ],");
	printf("    \"invocations\": [{\"executionSuccessful\": %s", g->nr_u ? "false" : "true");
	if (g->nr_u) {
		printf(", \"toolExecutionNotifications\": [");
		for (i = 0; i < g->nr_u; i++) {
			char *text = rg_strdup_printf("not checked%s%s: %s",
						      *g->u[i].function ? " in " : "",
						      g->u[i].function, g->u[i].reason);

			printf("%s{\"level\": \"error\", \"message\": {\"text\": ", i ? ", " : "");
			rg_json_put_string(stdout, text);
			printf("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
			rg_json_put_string(stdout, g->u[i].file);
			printf("}}}]}");
			free(text);
		}
		printf("]");
	}
	puts("}]");
	puts("  }]");
	puts("}");
	free(info_uri);
}

static int usage(void)
{
	return rg_usage("gate");
}

int cmd_gate(int argc, char **argv)
{
	const char *kernel = NULL, *obj = NULL, *baseline = NULL, *patch = NULL;
	const char *range = NULL;
	enum format fmt = FMT_TEXT;
	struct gate g;
	char *text = NULL, *tip = NULL, *cfg;
	struct stat st;
	int i, ret;

	memset(&g, 0, sizeof(g));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = !strcmp(a, "--kernel") ? &kernel : !strcmp(a, "--obj") ? &obj :
				   !strcmp(a, "--baseline") ? &baseline :
				   !strcmp(a, "--patch") ? &patch : NULL;

		if (val) {
			if (++i == argc)
				return usage();
			*val = argv[i];
		} else if (!strcmp(a, "--format") && i + 1 < argc) {
			a = argv[++i];
			if (!strcmp(a, "text"))
				fmt = FMT_TEXT;
			else if (!strcmp(a, "json"))
				fmt = FMT_JSON;
			else if (!strcmp(a, "sarif"))
				fmt = FMT_SARIF;
			else
				return rg_fail("unknown format '%s' (text, json or sarif)", a);
		} else if (a[0] == '-' || range) {
			return usage();
		} else {
			range = a;
		}
	}
	if (!!range == !!patch)
		return usage();
	g.tree = rg_kernel_tree(kernel);
	if (!g.tree)
		return RG_EXIT_TROUBLE;
	if (obj) {
		g.obj = realpath(obj, NULL);
		if (!g.obj || stat(cfg = rg_strdup_printf("%s/.config", g.obj), &st))
			return rg_fail("%s is not a configured kernel object directory", obj);
	} else if (!stat(cfg = rg_strdup_printf("%s/.config", g.tree), &st)) {
		g.obj = strdup(g.tree);	/* an in-tree build */
	}

	if (patch) {
		text = !strcmp(patch, "-") ? rg_slurp_fd(0, NULL) : rg_slurp_file(patch, NULL);
		if (!text)
			return rg_fail("cannot read %s: %s", patch, strerror(errno));
	} else if ((ret = read_range(&g, range, &text, &tip))) {
		return ret;
	}
	if (rg_diff_parse(text, &g.patch))
		return rg_fail("cannot parse the %s", patch ? "patch" : "diff");
	if ((ret = make_overlay(&g)))
		goto out;
	ret = patch ? apply_patch(&g) : checkout_range(&g, tip);
	if (!ret)
		ret = check_files(&g);
	if (!ret && baseline)
		ret = apply_baseline(&g, baseline);
	if (ret)
		goto out;
	if (fmt == FMT_JSON)
		print_json(&g);
	else if (fmt == FMT_SARIF)
		print_sarif(&g);
	else
		print_text(&g);
	ret = g.nr_u ? RG_EXIT_TROUBLE : g.nr_f ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
out:
	remove_overlay(&g);
	return ret;
}
