// SPDX-License-Identifier: GPL-2.0
/*
 * The overlay: a temporary directory that looks like the user's tree to
 * gcc and spatch.  The directories on the way to each touched file are
 * real, every other entry is a symlink into the tree, and the touched
 * files are real copies the series is applied to.  The tree itself is
 * never written, and a whole-tree copy is never made (a kernel tree is
 * 1.5 GB; a series touches a handful of files).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "gate.h"
#include "spawn.h"
#include "tmpdir.h"

static int link_entries(const char *src_dir, const char *dst_dir)
{
	DIR *d = opendir(src_dir);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 : rg_fail("cannot read %s: %s", src_dir,
						     strerror(errno));
	while (!ret && (e = readdir(d))) {
		char *s, *t;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		s = rg_strdup_printf("%s/%s", src_dir, e->d_name);
		t = rg_strdup_printf("%s/%s", dst_dir, e->d_name);
		if (symlink(s, t) && errno != EEXIST)
			ret = rg_fail("cannot link %s: %s", t, strerror(errno));
		free(s);
		free(t);
	}
	closedir(d);
	return ret;
}

/* Make overlay/rel a real directory mirroring tree/rel (and its parents). */
static int real_dir(struct gate *g, const char *rel)
{
	char *parent, *slash, *dst, *src;
	struct stat st;
	int i, ret = 0;

	for (i = 0; i < g->nr_dirs; i++)
		if (!strcmp(g->real_dirs[i], rel))
			return 0;
	parent = strdup(rel);
	slash = strrchr(parent, '/');
	if (slash) {
		*slash = '\0';
		ret = real_dir(g, parent);
	}
	free(parent);
	if (ret)
		return ret;
	dst = rg_strdup_printf("%s/%s", g->overlay, rel);
	src = rg_strdup_printf("%s/%s", g->tree, rel);
	if (!lstat(dst, &st) && S_ISLNK(st.st_mode))
		unlink(dst);
	if (mkdir(dst, 0755) && errno != EEXIST)
		ret = rg_fail("cannot create %s: %s", dst, strerror(errno));
	else
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
	int ret = 0;

	if (!data)
		return -1;
	out = fopen(to, "w");
	if (!out || fwrite(data, 1, len, out) != len)
		ret = -1;
	if (out && fclose(out))
		ret = -1;
	free(data);
	return ret;
}

/*
 * Give path a real (writable) place in the overlay: its directory real, the
 * symlink to the tree's file replaced by a copy.  must_exist: the series
 * modifies the file, so the tree must have it.
 */
int gate_overlay_file(struct gate *g, const char *path, bool must_exist)
{
	char *dir, *slash, *src, *dst;
	struct stat st;
	int ret = 0;

	if (!strncmp(path, "../", 3) || strstr(path, "/../") || path[0] == '/')
		return rg_fail("refusing path outside the tree: %s", path);
	dir = strdup(path);
	slash = strrchr(dir, '/');
	src = rg_strdup_printf("%s/%s", g->tree, path);
	dst = rg_strdup_printf("%s/%s", g->overlay, path);
	if (slash) {
		*slash = '\0';
		ret = real_dir(g, dir);
	}
	if (ret) {
		/* reported */
	} else if (!lstat(dst, &st) && S_ISREG(st.st_mode)) {
		/* already ours: an earlier patch of the series changed it */
	} else if (!lstat(dst, &st) && S_ISLNK(st.st_mode) && unlink(dst)) {
		ret = rg_fail("cannot replace %s: %s", dst, strerror(errno));
	} else if (!stat(src, &st) && S_ISREG(st.st_mode)) {
		if (copy_file(src, dst))
			ret = rg_fail("cannot copy %s: %s", path, strerror(errno));
	} else if (must_exist) {
		ret = rg_fail("%s: file missing in %s", path, g->tree);
	}
	free(dir);
	free(src);
	free(dst);
	return ret;
}

int gate_overlay_create(struct gate *g)
{
	g->tmp = rg_tmpdir_create("gate");
	if (!g->tmp)
		return RG_EXIT_TROUBLE;
	g->overlay = rg_strdup_printf("%s/tree", g->tmp);
	g->orig = rg_strdup_printf("%s/orig", g->tmp);
	if (mkdir(g->overlay, 0755) || mkdir(g->orig, 0755))
		return rg_fail("cannot create %s: %s", g->overlay, strerror(errno));
	return link_entries(g->tree, g->overlay);
}

void gate_overlay_remove(struct gate *g)
{
	rg_tmpdir_remove(g->tmp);
}
