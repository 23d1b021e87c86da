// SPDX-License-Identifier: GPL-2.0
/*
 * The harness binaries of `refguard helpers`, built per tree.
 *
 * The tree is an input, so everything is built at run time, into
 * build/helpers/<hash of the tree's page_ref.h, its refcount #defines,
 * the harness, the shims and the compiler>:
 *
 *   rg-tree-page-flags.h  refcount #defines copied from the tree's
 *                         page-flags.h (the frozen/locked bit, limits)
 *   rg-features.h         what page_ref.h defines (helpers-probe.c)
 *   rg-check              the checks, ASan+UBSan
 *   rg-check-tsan         the same, ThreadSanitizer (stress only)
 *
 * Like the kernel's tools/testing harnesses: shim headers first on the
 * include path, the tree's file included unchanged by its path.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "helpers.h"

char *rg_helpers_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 8192, n = 0, got;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

bool rg_helpers_write(const char *path, const char *text)
{
	char *tmp = rg_strdup_printf("%s.%d.tmp", path, (int)getpid());
	FILE *f = fopen(tmp, "w");
	bool ok;

	if (!f) {
		rg_fail("cannot write %s: %s", tmp, strerror(errno));
		free(tmp);
		return false;
	}
	ok = fputs(text, f) >= 0;
	ok = !fclose(f) && ok && !rename(tmp, path);
	if (!ok)
		rg_fail("cannot write %s: %s", path, strerror(errno));
	free(tmp);
	return ok;
}

char *rg_helpers_cc(void)
{
	const char *cc = getenv("CC");

	return (char *)(cc && *cc ? cc : "gcc");
}

static void fnv1a(unsigned long long *h, const char *data, size_t len)
{
	while (len--) {
		*h ^= (unsigned char)*data++;
		*h *= 0x100000001b3ULL;
	}
}

/* Hash every file of a directory (not its subdirectories), in name order. */
static void hash_dir(unsigned long long *h, const char *rel)
{
	char *dir = rg_path(rel), *text;
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), i;
	size_t len;

	for (i = 0; i < n; i++) {
		char *f = rg_strdup_printf("%s/%s", dir, names[i]->d_name);
		struct stat st;

		text = !stat(f, &st) && S_ISREG(st.st_mode) ? rg_helpers_read(f, &len) : NULL;
		if (text) {
			fnv1a(h, names[i]->d_name, strlen(names[i]->d_name));
			fnv1a(h, text, len);
			free(text);
		}
		free(f);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	free(dir);
}

char *rg_helpers_build_dir(const char *tree, const char *page_flags)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	char *path, *text, *bdir;
	size_t len;

	path = rg_strdup_printf("%s/include/linux/page_ref.h", tree);
	text = rg_helpers_read(path, &len);
	if (!text) {
		rg_fail("cannot read %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	fnv1a(&h, path, strlen(path));
	fnv1a(&h, text, len);
	fnv1a(&h, page_flags, strlen(page_flags));
	fnv1a(&h, rg_helpers_cc(), strlen(rg_helpers_cc()));
	free(text);
	free(path);
	hash_dir(&h, RG_HELPERS_HARNESS_DIR);
	hash_dir(&h, RG_HELPERS_SHIM_DIR);
	hash_dir(&h, RG_HELPERS_SHIM_DIR "/linux");
	bdir = rg_strdup_printf("%s/build/helpers/%016llx", rg_srcdir(), h);
	path = rg_strdup_printf("mkdir -p '%s'", bdir);
	if (system(path)) {
		rg_fail("cannot create %s", bdir);
		free(bdir);
		bdir = NULL;
	}
	free(path);
	return bdir;
}

/* The harness's .c files, absolute paths, NULL-terminated. */
static int harness_sources(char **srcs, int max)
{
	char *dir = rg_path(RG_HELPERS_HARNESS_DIR);
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	while (d && (de = readdir(d)) && n < max - 1) {
		size_t len = strlen(de->d_name);

		if (len > 2 && !strcmp(de->d_name + len - 2, ".c"))
			srcs[n++] = rg_strdup_printf("%s/%s", dir, de->d_name);
	}
	if (d)
		closedir(d);
	srcs[n] = NULL;
	free(dir);
	return n;
}

bool rg_helpers_build(const char *tree, const char *bdir, const char *name,
		      const char *sanitize)
{
	char *out = rg_strdup_printf("%s/%s", bdir, name);
	char *tmp = rg_strdup_printf("%s.%d.tmp", out, (int)getpid());
	char *argv[48], *srcs[24];
	struct stat st;
	int n = 0, i;
	bool ok;

	if (!stat(out, &st)) {
		free(out);
		free(tmp);
		return true;
	}
	argv[n++] = rg_helpers_cc();
	argv[n++] = "-std=gnu11";
	argv[n++] = !strcmp(sanitize, "thread") ? "-O1" : "-O2";
	argv[n++] = "-g";
	argv[n++] = "-Wall";
	argv[n++] = "-Wno-unused-function";
	argv[n++] = "-fno-strict-overflow";
	argv[n++] = "-D_GNU_SOURCE";
	argv[n++] = "-DRG_HOOKS";
	argv[n++] = rg_strdup_printf("-fsanitize=%s", sanitize);
	argv[n++] = rg_strdup_printf("-I%s", rg_path(RG_HELPERS_SHIM_DIR));
	argv[n++] = rg_strdup_printf("-I%s", rg_path(RG_HELPERS_HARNESS_DIR));
	argv[n++] = rg_strdup_printf("-I%s", bdir);
	argv[n++] = "-include";
	argv[n++] = "linux/kconfig.h";
	argv[n++] = rg_strdup_printf("-DRG_PAGE_REF_H=\"%s/include/linux/page_ref.h\"", tree);
	argv[n++] = "-o";
	argv[n++] = tmp;
	harness_sources(srcs, 24);
	for (i = 0; srcs[i]; i++)
		argv[n++] = srcs[i];
	argv[n++] = "-lpthread";
	argv[n] = NULL;
	fprintf(stderr, "  CC      %s\n", out);
	ok = rg_run(argv, NULL, NULL) == 0;
	if (!ok)
		rg_fail("the harness could not be built against the tree's page_ref.h (compiler output above)");
	if (ok && rename(tmp, out)) {
		rg_fail("rename %s: %s", tmp, strerror(errno));
		ok = false;
	}
	unlink(tmp);
	free(out);
	free(tmp);
	return ok;
}
