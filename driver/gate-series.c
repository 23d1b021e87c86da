// SPDX-License-Identifier: GPL-2.0
/*
 * Getting the series into the overlay, and the lines it adds.
 *
 * A patch is applied section by section with patch -p1 -F0 (dry run
 * first: a hunk that does not apply exactly means the tree is not what the
 * author had); a revision range is read from git.  Either way the lines
 * the series adds are found by comparing each touched file as it was with
 * what it became, not from hunk headers: patch applies a hunk at an offset
 * when the tree moved on since the patch was made (a mailing-list patch
 * against last week's tree, or two patches made against one base), and the
 * header then names lines the hunk did not touch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "gate.h"
#include "spawn.h"

/*
 * The whole input: a file, or "-" for stdin read to its end (a pipe or a
 * terminal cannot be seeked).
 */
char *gate_read_input(const char *path)
{
	size_t cap = 65536, len = 0;
	char *buf;
	ssize_t n;

	if (strcmp(path, "-"))
		return rg_slurp_file(path, NULL);
	buf = malloc(cap);
	while (buf) {
		if (cap - len < 2) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger)
				break;
			buf = bigger;
		}
		n = read(STDIN_FILENO, buf + len, cap - len - 1);
		if (n == 0) {
			buf[len] = '\0';
			return buf;
		}
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0)
			len += n;
	}
	free(buf);
	return NULL;
}

bool gate_is_c_source(const char *path)
{
	size_t len = path ? strlen(path) : 0;

	return len > 2 && (!strcmp(path + len - 2, ".c") || !strcmp(path + len - 2, ".h"));
}

static struct gate_file *file_named(struct gate *g, const char *path)
{
	int i;

	for (i = 0; i < g->nr_files; i++)
		if (!strcmp(g->files[i].path, path))
			return &g->files[i];
	return NULL;
}

/* path as the series names it before this section, origin if first seen */
static struct gate_file *file_get(struct gate *g, const char *path, const char *origin)
{
	struct gate_file *f = file_named(g, path);

	if (f)
		return f;
	g->files = realloc(g->files, (g->nr_files + 1) * sizeof(*g->files));
	f = &g->files[g->nr_files++];
	f->path = strdup(path);
	f->origin = origin ? strdup(origin) : NULL;
	f->deleted = false;
	return f;
}

/* Follow one file section: a new file, a deletion, a rename, a change. */
static void track(struct gate *g, const struct rg_file_diff *fd)
{
	struct gate_file *f;

	if (!fd->new_path) {
		file_get(g, fd->old_path, fd->old_path)->deleted = true;
		return;
	}
	if (!fd->old_path) {
		f = file_get(g, fd->new_path, NULL);
	} else {
		f = file_get(g, fd->old_path, fd->old_path);
		if (strcmp(fd->old_path, fd->new_path)) {
			free(f->path);
			f->path = strdup(fd->new_path);
		}
	}
	f->deleted = false;
}

static int run_patch(struct gate *g, const struct rg_file_diff *fd, bool dry)
{
	char *tmp = rg_strdup_printf("%s/section.patch", g->tmp);
	char *argv[] = { "patch", "-p1", "-F0", "-N", "--batch", "-r", "-",
			 "--no-backup-if-mismatch", "-d", g->overlay, "-i", tmp,
			 dry ? "--dry-run" : NULL, NULL };
	int out = rg_anon_file("patch"), status;
	FILE *f = fopen(tmp, "w");
	char *text;
	pid_t pid;

	if (out < 0)
		return RG_EXIT_TROUBLE;
	if (!f || fwrite(fd->text, 1, fd->text_len, f) != fd->text_len || fclose(f))
		return rg_fail("cannot write %s: %s", tmp, strerror(errno));
	pid = rg_spawn(argv, out, out, NULL);
	status = pid < 0 ? -1 : rg_wait(pid, "patch");
	unlink(tmp);
	free(tmp);
	text = rg_slurp_fd(out, NULL);
	close(out);
	if (status == 0) {
		free(text);
		return 0;
	}
	if (status == 127)
		return rg_fail("patch(1) is not installed");
	fputs(text ? text : "", stderr);
	free(text);
	return rg_fail("the series does not apply to %s: %s (patch -p1 -F0 failed)",
		       g->tree, fd->new_path ? fd->new_path : fd->old_path);
}

/* The added lines of every C file the series leaves behind. */
static int compute_added(struct gate *g, const char *before_dir)
{
	int i, ret = 0;

	for (i = 0; i < g->nr_files && !ret; i++) {
		const struct gate_file *f = &g->files[i];
		char *old, *new;

		if (f->deleted || !gate_is_c_source(f->path))
			continue;
		old = f->origin ? rg_strdup_printf("%s/%s", before_dir, f->origin) : NULL;
		new = rg_strdup_printf("%s/%s", g->overlay, f->path);
		ret = rg_added_from_files(&g->added, f->path, old, new);
		free(old);
		free(new);
	}
	return ret;
}

int gate_apply_patch(struct gate *g)
{
	int i, ret;

	for (i = 0; i < g->patch.nr_files; i++) {
		const struct rg_file_diff *fd = &g->patch.files[i];

		if (fd->binary) {
			/* patch(1) cannot apply these; C code is never binary */
			if (gate_is_c_source(fd->new_path))
				rg_results_unchecked(&g->results, fd->new_path, NULL,
						     "binary diff of a C file", RG_NR_ENGINES);
			continue;
		}
		ret = fd->old_path ? gate_overlay_file(g, fd->old_path, true) : 0;
		if (!ret && fd->new_path)
			ret = gate_overlay_file(g, fd->new_path, false);
		if (!ret)
			ret = run_patch(g, fd, true);
		if (!ret)
			ret = run_patch(g, fd, false);
		if (ret)
			return ret;
		track(g, fd);
	}
	/* the tree is never written: it is the "before" of every file */
	return compute_added(g, g->tree);
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

/* A revision as a commit id, or NULL. */
static char *commit_of(struct gate *g, const char *rev)
{
	char *spec = rg_strdup_printf("%s^{commit}", *rev ? rev : "HEAD");
	char *args[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	char *id = git_output(g, args);

	free(spec);
	if (id)
		id[strcspn(id, "\n")] = '\0';
	return id;
}

/* REV-RANGE: "A..B", "A...B" (from their merge base) or "REV" (REV^..REV). */
int gate_read_range(struct gate *g, const char *range, char **diff)
{
	const char *dots = strstr(range, "..");
	char *a, *b;

	if (!dots) {
		a = rg_strdup_printf("%s^", range);
		b = strdup(range);
	} else {
		a = strndup(range, dots - range);
		b = strdup(dots + (dots[2] == '.' ? 3 : 2));
	}
	g->base_rev = commit_of(g, a);
	g->tip_rev = commit_of(g, b);
	if (!g->base_rev || !g->tip_rev)
		return rg_fail("%s is not a git repository or %s is not a revision",
			       g->tree, !g->base_rev ? (*a ? a : "HEAD") : (*b ? b : "HEAD"));
	if (dots && dots[2] == '.') {
		char *args[] = { "merge-base", g->base_rev, g->tip_rev, NULL };
		char *mb = git_output(g, args);

		if (!mb)
			return rg_fail("%s and %s have no merge base", a, b);
		mb[strcspn(mb, "\n")] = '\0';
		g->base_rev = mb;
	}
	{
		char *args[] = { "diff", "--no-color", "--no-ext-diff", "-M",
				 "--src-prefix=a/", "--dst-prefix=b/", g->base_rev, g->tip_rev, NULL };

		*diff = git_output(g, args);
	}
	if (!*diff)
		return rg_fail("git diff %s failed in %s", range, g->tree);
	if (!**diff)
		return rg_fail("the range %s changes nothing", range);
	free(a);
	free(b);
	return 0;
}

/* git show REV:path into dir/path. */
static int git_show_into(struct gate *g, const char *rev, const char *path,
			 const char *dir)
{
	char *spec = rg_strdup_printf("%s:%s", rev, path);
	char *args[] = { "show", spec, NULL }, *content, *dst;
	int ret = 0;
	FILE *f;

	content = git_output(g, args);
	if (!content) {
		ret = rg_fail("git show %s failed", spec);
		goto out;
	}
	dst = rg_strdup_printf("%s/%s", dir, path);
	f = fopen(dst, "w");
	if (!f && errno == ENOENT) {
		/* orig/ has no directories yet: make them */
		char *mk[] = { "mkdir", "-p", "--", dst, NULL };

		*strrchr(dst, '/') = '\0';
		rg_run(mk, NULL, NULL);
		dst[strlen(dst)] = '/';
		f = fopen(dst, "w");
	}
	if (!f || fputs(content, f) < 0)
		ret = rg_fail("cannot write %s: %s", dst, strerror(errno));
	if (f && fclose(f))
		ret = rg_fail("cannot write %s: %s", dst, strerror(errno));
	free(dst);
	free(content);
out:
	free(spec);
	return ret;
}

/*
 * The range's files: each touched file as the tip has it into the overlay
 * (the rest of the overlay is the working tree), and as the base had it
 * into orig/, the "before" of the comparison.
 */
int gate_checkout_range(struct gate *g)
{
	int i, ret;

	for (i = 0; i < g->patch.nr_files; i++) {
		const struct rg_file_diff *fd = &g->patch.files[i];

		if (fd->binary) {
			if (gate_is_c_source(fd->new_path))
				rg_results_unchecked(&g->results, fd->new_path, NULL,
						     "binary diff of a C file", RG_NR_ENGINES);
			continue;
		}
		track(g, fd);
		ret = 0;
		if (fd->old_path && gate_is_c_source(fd->new_path))
			ret = git_show_into(g, g->base_rev, fd->old_path, g->orig);
		if (!ret && fd->new_path)
			ret = gate_overlay_file(g, fd->new_path, false);
		if (!ret && fd->new_path)
			ret = git_show_into(g, g->tip_rev, fd->new_path, g->overlay);
		if (ret)
			return ret;
	}
	return compute_added(g, g->orig);
}
