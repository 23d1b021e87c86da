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
 *   <binary>.deps         every file the compiler read for it, with a
 *                         hash of its contents
 *
 * The directory's key cannot cover what page_ref.h includes from the
 * tree (a helper may live in a header it includes with "..."), so a
 * binary is reused only while every file of its .deps still hashes the
 * same: the compiler's own list (-M, taken before the build, so that a
 * file changed during the build is seen as changed next time), not a
 * guess at it.  Checking costs a few milliseconds; building both
 * binaries takes seconds.
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
	path = rg_cache_dir();
	if (!path)
		return NULL;
	bdir = rg_strdup_printf("%s/helpers/%016llx", path, h);
	free(path);
	path = rg_strdup_printf("mkdir -p '%s'", bdir);
	if (system(path)) {
		rg_fail("cannot create %s", bdir);
		free(bdir);
		bdir = NULL;
	}
	free(path);
	return bdir;
}

static unsigned long long hash_file(const char *path, bool *ok)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t len;
	char *text = rg_helpers_read(path, &len);

	*ok = text != NULL;
	if (text)
		fnv1a(&h, text, len);
	free(text);
	return h;
}

/*
 * The next dependency in make-rule output (gcc -M), unescaped ("\ " is
 * a space in a name, "$$" a dollar, backslash-newline goes on), or NULL
 * at the end.  Targets (a word ending in ':') are skipped.
 */
static char *next_dep(const char **pp)
{
	const char *p = *pp;
	char *word;
	size_t n;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' ||
		       (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		if (!*p) {
			*pp = p;
			return NULL;
		}
		word = malloc(strlen(p) + 1);
		for (n = 0; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++) {
			if (*p == '\\' && (p[1] == ' ' || p[1] == '#'))
				p++;
			else if (*p == '$' && p[1] == '$')
				p++;
			else if (*p == '\\' && p[1] == '\n')
				break;
			word[n++] = *p;
		}
		word[n] = '\0';
		if (n && word[n - 1] == ':' && (!*p || p[0] == ' ' || p[0] == '\n' || p[0] == '\t')) {
			free(word);
			continue;
		}
		*pp = p;
		return word;
	}
}

/*
 * The .deps text for a binary: "<hash> <path>" for each file the
 * compiler reads to build it (argv: the build's command with -M in
 * place of -o), or NULL if the compiler could not say.
 */
static char *deps_stamp(char **argv)
{
	char *out = NULL, *stamp = strdup(""), *dep, *t, *line;
	const char *p;
	bool ok = rg_run(argv, &out, NULL) == 0, readable;

	for (p = ok ? out : ""; ok && (dep = next_dep(&p)) != NULL; free(dep)) {
		unsigned long long h;

		/* Each source lists the headers they share: once each. */
		line = rg_strdup_printf(" %s\n", dep);
		t = strstr(stamp, line);
		free(line);
		if (t)
			continue;
		h = hash_file(dep, &readable);
		if (!readable || strchr(dep, '\n')) {
			ok = false;
			continue;
		}
		t = rg_strdup_printf("%s%016llx %s\n", stamp, h, dep);
		free(stamp);
		stamp = t;
	}
	free(out);
	if (!ok || !*stamp) {
		rg_fail("the compiler did not list what the harness is built from");
		free(stamp);
		return NULL;
	}
	return stamp;
}

/* Every file a binary was built from still hashes as it did then. */
static bool deps_current(const char *deps_path)
{
	char *text = rg_helpers_read(deps_path, NULL), *line, *next;
	bool ok = text && *text, readable;

	for (line = text; ok && line && *line; line = next) {
		unsigned long long want;
		int off = 0;

		next = strchr(line, '\n');
		if (!next) {
			ok = false;
			break;
		}
		*next++ = '\0';
		ok = sscanf(line, "%16llx %n", &want, &off) == 1 && off == 17 &&
		     hash_file(line + off, &readable) == want && readable;
	}
	free(text);
	return ok;
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
	char *deps = rg_strdup_printf("%s.deps", out), *stamp;
	char *argv[48], *srcs[24], **o;
	struct stat st;
	int n = 0, i;
	bool ok;

	if (!stat(out, &st) && deps_current(deps)) {
		free(out);
		free(tmp);
		free(deps);
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
	/* The same command with -M: what it reads, hashed before it is built. */
	for (o = argv; strcmp(*o, "-o"); o++)
		;
	o[0] = "-M";
	o[1] = "-w";
	stamp = deps_stamp(argv);
	o[0] = "-o";
	o[1] = tmp;
	ok = rg_run(argv, NULL, NULL) == 0;
	if (!ok)
		rg_fail("the harness could not be built against the tree's page_ref.h (compiler output above)");
	ok = ok && stamp && rg_helpers_write(deps, stamp);
	if (ok && rename(tmp, out)) {
		rg_fail("rename %s: %s", tmp, strerror(errno));
		ok = false;
	}
	unlink(tmp);
	free(out);
	free(tmp);
	free(deps);
	free(stamp);
	return ok;
}
