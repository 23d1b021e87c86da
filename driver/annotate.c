// SPDX-License-Identifier: GPL-2.0
/*
 * refguard annotate [--kernel DIR] [--in-place]
 *
 * Sparse enforcement of the page refcount API for trees that adopt it:
 * mark the _refcount fields of struct page and struct folio __private, and
 * make the helpers reach them through ACCESS_PRIVATE().  Sparse then
 * reports every other access ("dereference of noderef expression"), so a
 * plain `make C=1` enforces what refguard's rule on direct _refcount
 * accesses checks.
 *
 * Without --in-place the change is printed as a unified diff (patch -p1
 * in the tree); with --in-place both headers are replaced at once or not
 * at all (rewrite.c): by rename, never written through, so a tree made
 * with `cp -al` does not change the tree it links to, and a read-only
 * header or a symbolic link out of the tree leaves both untouched.
 *
 * Why a targeted rewrite rather than a semantic patch: the edits sit in two
 * headers whose exact shape we know, and Coccinelle cannot be relied on
 * for them (struct page's member list is a maze of unions, attribute
 * macros and #ifdefs that spatch skips silently when it fails to parse
 * it).  Each edit below says how many sites it expects; a tree where that
 * does not hold is refused (exit 2) instead of being half annotated.
 *
 * What stays legal after annotation, and why no other file is touched:
 * - offsetof(struct page, _refcount) (FOLIO_MATCH, TABLE_MATCH): sparse
 *   evaluates offsetof without dereferencing anything.
 * - gcc never sees __private (it expands to nothing outside __CHECKER__),
 *   so the tree compiles exactly as before; only sparse's view changes.
 *
 * Exit status: 0 (diff printed or applied, or the tree is already
 * annotated), 2 (not a kernel tree, unexpected shape, I/O error).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "rewrite.h"
#include "spawn.h"
#include "tmpdir.h"

/*
 * One rewrite: every match of pattern (POSIX ERE) in file becomes
 * replacement, where "\1" stands for the first group.  min/max bound the
 * number of sites; done_pattern recognises a file already annotated.
 */
struct edit {
	const char *file;
	const char *pattern;
	const char *replacement;
	int min, max;
	const char *done_pattern;
};

static const struct edit edits[] = {
	/* struct page and the folio's overlay of it: exactly these two. */
	{ "include/linux/mm_types.h",
	  "(\n[ \t]*atomic_t)([ \t]+_refcount[ \t]*;)",
	  "\\1 __private\\2", 2, 2,
	  "atomic_t[ \t]+__private[ \t]+_refcount[ \t]*;" },
	/* The helpers: atomic_*(&page->_refcount, ...), and folio's. */
	{ "include/linux/page_ref.h",
	  "&[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*->[ \t]*_refcount([^A-Za-z0-9_])",
	  "\\&ACCESS_PRIVATE(\\1, _refcount)\\2", 1, 1000,
	  "ACCESS_PRIVATE\\([A-Za-z_][A-Za-z0-9_]*, _refcount\\)" },
};

struct annotated {
	char *path;		/* in the tree */
	char *old, *new;
	int sites;
};

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = realloc(*buf, *cap);
		if (!*buf) {
			perror("refguard");
			exit(RG_EXIT_TROUBLE);
		}
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Expand replacement for one match: "\1".."\9" are groups, "\x" is x. */
static void expand(char **buf, size_t *len, size_t *cap, const char *text,
		   const regmatch_t *m, const char *replacement)
{
	const char *r;

	for (r = replacement; *r; r++) {
		if (*r == '\\' && r[1] >= '1' && r[1] <= '9') {
			const regmatch_t *g = &m[r[1] - '0'];

			if (g->rm_so >= 0)
				append(buf, len, cap, text + g->rm_so,
				       g->rm_eo - g->rm_so);
			r++;
		} else {
			if (*r == '\\' && r[1])
				r++;
			append(buf, len, cap, r, 1);
		}
	}
}

/* Apply e to text: the new text, and the number of sites in *sites. */
static char *apply_edit(const struct edit *e, const char *text, int *sites)
{
	size_t len = 0, cap = strlen(text) + 256;
	char *out = malloc(cap);
	const char *p = text;
	regmatch_t m[10];
	regex_t re;

	if (!out || regcomp(&re, e->pattern, REG_EXTENDED)) {
		free(out);
		return NULL;
	}
	out[0] = '\0';
	*sites = 0;
	while (!regexec(&re, p, 10, m, p == text ? 0 : REG_NOTBOL)) {
		/* shift the offsets so groups index into p */
		append(&out, &len, &cap, p, m[0].rm_so);
		expand(&out, &len, &cap, p, m, e->replacement);
		p += m[0].rm_eo;
		(*sites)++;
	}
	append(&out, &len, &cap, p, strlen(p));
	regfree(&re);
	return out;
}

static bool matches(const char *pattern, const char *text)
{
	regex_t re;
	bool found;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
		return false;
	found = !regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	return found;
}

/* "diff -u" of a (old text) and b (new text), labelled a/rel and b/rel. */
static int print_diff(const char *dir, const char *rel, const char *old,
		      const char *new)
{
	char *a = rg_strdup_printf("%s/a", dir), *b = rg_strdup_printf("%s/b", dir);
	char *la = rg_strdup_printf("a/%s", rel), *lb = rg_strdup_printf("b/%s", rel);
	char *argv[] = { "diff", "-u", "--label", la, "--label", lb, a, b, NULL };
	FILE *f;
	int status;

	f = fopen(a, "w");
	if (!f || fputs(old, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", a, strerror(errno));
	f = fopen(b, "w");
	if (!f || fputs(new, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", b, strerror(errno));
	fflush(stdout);
	status = rg_run(argv, NULL, NULL);
	unlink(a);
	unlink(b);
	/* diff exits 1 when the files differ: that is the point */
	return status == 1 ? 0 : rg_fail("diff failed on %s (status %d)", rel, status);
}

static int usage(void)
{
	return rg_usage("annotate");
}

int cmd_annotate(int argc, char **argv)
{
	const size_t n = sizeof(edits) / sizeof(edits[0]);
	struct annotated files[sizeof(edits) / sizeof(edits[0])];
	const char *kernel = NULL;
	bool in_place = false;
	size_t i, done = 0;
	char *tree, *tmpdir;
	int status = 0;

	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "in-place", no_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'k')
			kernel = optarg;
		else if (c == 'i')
			in_place = true;
		else	/* getopt_long has named the option */
			return usage();
	}
	if (optind < argc) {
		rg_fail("unexpected argument '%s'", argv[optind]);
		return usage();
	}
	tree = rg_kernel_tree(kernel);
	if (!tree)
		return RG_EXIT_TROUBLE;

	/* Compute every edit first: nothing is written unless all of them hold. */
	for (i = 0; i < n; i++) {
		const struct edit *e = &edits[i];
		struct annotated *f = &files[i];

		f->path = rg_strdup_printf("%s/%s", tree, e->file);
		f->old = rg_slurp_file(f->path, NULL);
		if (!f->old)
			return rg_fail("cannot read %s: %s", f->path, strerror(errno));
		f->new = apply_edit(e, f->old, &f->sites);
		if (!f->new)
			return rg_fail("internal error: bad pattern for %s", e->file);
		if (f->sites == 0 && matches(e->done_pattern, f->old)) {
			done++;
			continue;
		}
		if (f->sites < e->min || f->sites > e->max)
			return rg_fail("%s: expected %d to %d sites to annotate, found %d; "
				       "is this a partly annotated or unusual tree?",
				       f->path, e->min, e->max, f->sites);
	}
	if (done == n) {
		fprintf(stderr, "refguard: %s is already annotated\n", tree);
		return RG_EXIT_CLEAN;
	}
	if (done)
		return rg_fail("%s is partly annotated: refusing to add to it", tree);

	if (in_place) {
		struct rg_rewrite_set set = { 0 };

		for (i = 0; i < n; i++)
			rg_rewrite_add(&set, files[i].path, files[i].old, files[i].new);
		return rg_rewrite_commit(&set, tree);
	}
	tmpdir = rg_tmpdir_create("annotate");
	if (!tmpdir)
		return RG_EXIT_TROUBLE;
	for (i = 0; i < n && !status; i++)
		status = print_diff(tmpdir, edits[i].file, files[i].old, files[i].new);
	rg_tmpdir_remove(tmpdir);
	return status;
}
