// SPDX-License-Identifier: GPL-2.0
/*
 * Message, string and path helpers shared by the commands, the engines
 * and the results layer (util.h).  Leaf code: nothing here runs a process
 * (spawn.c) or finds a kernel tree (driver/kernel-tree.c), so every other
 * file may call it.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int rg_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("refguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RG_EXIT_TROUBLE;
}

char *rg_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	va_end(ap);
	return s;
}

/*
 * Where refguard's own files are: the semantic patches, the harness
 * sources, scripts/kernel.sh, the plugin.  Two layouts, told apart by
 * where the running binary is (/proc/self/exe):
 *
 * - The build tree (refguard builds in-tree, like sparse): the binary is
 *   <src>/refguard, next to driver/commands.def, and every file is
 *   <src>/<rel>; what refguard fetches or builds goes to <src>/build.
 * - An installation (make install, the .deb): the binary is
 *   <root>BINDIR/refguard, the plugin <root>PKGLIBDIR/refguard.so and
 *   everything else <root>PKGDATADIR/<rel> (the paths make install was
 *   given, compiled in), where <root> is what precedes BINDIR in the
 *   binary's directory: "" once installed, the DESTDIR of a staged
 *   install, or wherever the whole tree was moved to.  A binary whose
 *   directory does not end in BINDIR takes the compiled-in paths as they
 *   are.  Fetched and built files go to the user's cache directory.
 *
 * REFGUARD_SRCDIR in the environment names a build tree and wins (the
 * testsuite runs the tree's tools with it).
 */
#ifndef RG_BINDIR
#define RG_BINDIR	"/usr/local/bin"
#define RG_PKGLIBDIR	"/usr/local/lib/refguard"
#define RG_PKGDATADIR	"/usr/local/share/refguard"
#endif

static struct {
	bool known;
	char *srcdir;		/* the build tree, or NULL when installed */
	char *libdir, *datadir;	/* an installation's, with <root> */
} rg_where;

static void locate(void)
{
	const char *env = getenv("REFGUARD_SRCDIR");
	char *exe, *dir, *probe;
	size_t len, blen = strlen(RG_BINDIR);
	struct stat st;

	if (rg_where.known)
		return;
	rg_where.known = true;
	if (env && *env) {
		rg_where.srcdir = strdup(env);
		return;
	}
	exe = realpath("/proc/self/exe", NULL);
	dir = exe ? strrchr(exe, '/') : NULL;
	if (!dir) {
		/* No /proc: the compiled-in build tree, as before install. */
		rg_where.srcdir = strdup(REFGUARD_SRCDIR);
		free(exe);
		return;
	}
	*dir = '\0';
	dir = exe;
	probe = rg_strdup_printf("%s/driver/commands.def", dir);
	if (!stat(probe, &st)) {
		rg_where.srcdir = strdup(dir);
	} else {
		len = strlen(dir);
		if (len >= blen && !strcmp(dir + len - blen, RG_BINDIR))
			dir[len - blen] = '\0';
		else
			dir[0] = '\0';
		rg_where.libdir = rg_strdup_printf("%s%s", dir, RG_PKGLIBDIR);
		rg_where.datadir = rg_strdup_printf("%s%s", dir, RG_PKGDATADIR);
	}
	free(probe);
	free(exe);
}

const char *rg_srcdir(void)
{
	locate();
	return rg_where.srcdir ?: rg_where.datadir;
}

bool rg_installed(void)
{
	locate();
	return !rg_where.srcdir;
}

char *rg_path(const char *rel)
{
	locate();
	/* the one file that lives apart once installed: it is a library */
	if (!rg_where.srcdir && !strncmp(rel, "plugin/", 7))
		return rg_strdup_printf("%s/%s", rg_where.libdir, rel + 7);
	return rg_strdup_printf("%s/%s", rg_srcdir(), rel);
}

char *rg_plugin_path(void)
{
	const char *env = getenv("REFGUARD_PLUGIN");

	return env && *env ? strdup(env) : rg_path("plugin/refguard.so");
}

/*
 * Where refguard keeps what it fetches and builds (kernel trees, helpers
 * binaries): REFGUARD_CACHE_DIR, else the build tree's build/, else
 * $XDG_CACHE_HOME/refguard or ~/.cache/refguard.  scripts/kernel.sh
 * follows the same order, and is given the result.
 */
char *rg_cache_dir(void)
{
	const char *env = getenv("REFGUARD_CACHE_DIR");
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (env && *env)
		return strdup(env);
	locate();
	if (rg_where.srcdir)
		return rg_strdup_printf("%s/build", rg_where.srcdir);
	if (xdg && *xdg == '/')
		return rg_strdup_printf("%s/refguard", xdg);
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !*home) {
		rg_fail("no cache directory: set HOME or REFGUARD_CACHE_DIR");
		return NULL;
	}
	return rg_strdup_printf("%s/.cache/refguard", home);
}

/*
 * path as the tree names it: relative to tree (absolute tree, no trailing
 * slash), "." for the tree itself.  A relative path is taken relative to
 * the tree, an absolute one must lead into it; both are resolved through
 * symbolic links and "..", so "mm/../../etc" or a link out of the tree is
 * outside.  Returns NULL with *why set when the path does not exist or is
 * not in the tree.
 */
char *rg_tree_relative(const char *tree, const char *path, const char **why)
{
	char *joined = path[0] == '/' ? strdup(path) :
		rg_strdup_printf("%s/%s", tree, path);
	char *real = realpath(joined, NULL);
	size_t len = strlen(tree);
	char *rel = NULL;

	free(joined);
	if (!real) {
		*why = errno == ENOENT || errno == ENOTDIR ?
			"no such file or directory" : strerror(errno);
		return NULL;
	}
	if (!strcmp(real, tree))
		rel = strdup(".");
	else if (!strncmp(real, tree, len) && real[len] == '/')
		rel = strdup(real + len + 1);
	else
		*why = "not inside the kernel tree";
	free(real);
	return rel;
}
