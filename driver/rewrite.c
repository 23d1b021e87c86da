// SPDX-License-Identifier: GPL-2.0
/*
 * All-or-nothing replacement of files in a tree; see rewrite.h.  Used by
 * cocci-fix.c and annotate.c.
 *
 * REFGUARD_TEST_FAIL_RENAME=N makes the N-th rename of a commit fail (the
 * testsuite's way to reach the roll-back path, which no real failure
 * reaches on demand).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "rewrite.h"
#include "spawn.h"

struct rg_rewrite {
	char *path;		/* as named */
	char *target;		/* the file that gets the text: path or its link's target */
	char *old, *new;
	char *tmp;		/* the new text, ready to be renamed in */
	char *undo;		/* the old file, ready to be renamed back */
	mode_t mode;
};

void rg_rewrite_add(struct rg_rewrite_set *s, const char *path, const char *old,
		    const char *new)
{
	struct rg_rewrite *w;

	s->v = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	if (!s->v) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	w = &s->v[s->n++];
	memset(w, 0, sizeof(*w));
	w->path = strdup(path);
	w->old = strdup(old);
	w->new = strdup(new);
}

/* Where the new text of w goes, and may it go there? */
static int check_target(struct rg_rewrite *w, const char *tree)
{
	size_t len = strlen(tree);
	struct stat st;
	char *now;

	if (lstat(w->path, &st))
		return rg_fail("%s: %s", w->path, strerror(errno));
	w->target = realpath(w->path, NULL);
	if (!w->target)
		return rg_fail("%s: %s", w->path, strerror(errno));
	if (strncmp(w->target, tree, len) || w->target[len] != '/')
		return rg_fail("%s is a symbolic link to %s, outside the tree: not writing through it",
			       w->path, w->target);
	if (stat(w->target, &st) || !S_ISREG(st.st_mode))
		return rg_fail("%s is not a regular file", w->path);
	if (!(st.st_mode & 0222))
		return rg_fail("%s is read-only", w->path);
	w->mode = st.st_mode & 07777;
	/* someone may have edited it while spatch ran: never undo their work */
	now = rg_slurp_file(w->target, NULL);
	if (!now || strcmp(now, w->old)) {
		free(now);
		return rg_fail("%s changed while refguard was working on it", w->path);
	}
	free(now);
	return 0;
}

/* A new temporary file next to target holding text, or NULL. */
static char *temp_beside(const char *target, const char *text, mode_t mode)
{
	const char *slash = strrchr(target, '/');
	char *tmp = rg_strdup_printf("%.*s/.%s.refguard-XXXXXX", (int)(slash - target),
				     target, slash + 1);
	size_t len = strlen(text);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		rg_fail("cannot create a file next to %s: %s", target, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, mode) || fsync(fd) || close(fd)) {
		rg_fail("cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* The undo copy: a second name for the old file itself, else a copy. */
static char *undo_beside(struct rg_rewrite *w)
{
	char *name = temp_beside(w->target, "", w->mode);

	if (!name)
		return NULL;
	if (!unlink(name) && !link(w->target, name))
		return name;
	free(name);
	return temp_beside(w->target, w->old, w->mode);
}

static int prepare(struct rg_rewrite_set *s, const char *tree)
{
	int i, j;

	for (i = 0; i < s->n; i++) {
		if (check_target(&s->v[i], tree))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(s->v[j].target, s->v[i].target))
				return rg_fail("%s and %s are the same file", s->v[j].path,
					       s->v[i].path), -1;
	}
	for (i = 0; i < s->n; i++) {
		s->v[i].tmp = temp_beside(s->v[i].target, s->v[i].new, s->v[i].mode);
		s->v[i].undo = s->v[i].tmp ? undo_beside(&s->v[i]) : NULL;
		if (!s->v[i].undo)
			return -1;
	}
	return 0;
}

static int do_rename(const char *from, const char *to, int *countdown)
{
	if (*countdown > 0 && --*countdown == 0) {
		errno = EIO;
		return -1;
	}
	return rename(from, to);
}

static int commit(struct rg_rewrite_set *s)
{
	const char *fail = getenv("REFGUARD_TEST_FAIL_RENAME");
	int countdown = fail ? atoi(fail) : 0, i, bad, err;

	for (i = 0; i < s->n; i++)
		if (do_rename(s->v[i].tmp, s->v[i].target, &countdown))
			break;
	if (i == s->n)
		return 0;
	err = errno;
	bad = i;
	while (i-- > 0)
		if (rename(s->v[i].undo, s->v[i].target))
			rg_fail("could not restore %s (its old text is in %s): %s",
				s->v[i].path, s->v[i].undo, strerror(errno));
	return rg_fail("cannot replace %s: %s; nothing was changed", s->v[bad].path,
		       strerror(err));
}

static void free_set(struct rg_rewrite_set *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		struct rg_rewrite *w = &s->v[i];

		/* whichever of them was not renamed is left over */
		if (w->tmp)
			unlink(w->tmp);
		if (w->undo)
			unlink(w->undo);
		free(w->path);
		free(w->target);
		free(w->old);
		free(w->new);
		free(w->tmp);
		free(w->undo);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

int rg_rewrite_commit(struct rg_rewrite_set *s, const char *tree)
{
	sigset_t block, old;
	int st;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	st = prepare(s, tree) ? RG_EXIT_TROUBLE : commit(s);
	free_set(s);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}
