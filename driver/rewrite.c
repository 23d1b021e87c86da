// SPDX-License-Identifier: GPL-2.0
/*
 * All-or-nothing replacement and creation of files; see rewrite.h.  Used
 * by cocci-fix.c and annotate.c (files of a tree) and series.c (the
 * patches of `fix --series`).
 *
 * REFGUARD_TEST_FAIL_RENAME=N makes the N-th rename of a commit fail (the
 * testsuite's way to reach the roll-back path, which no real failure
 * reaches on demand).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
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
	char *old, *new;	/* old NULL: a new file */
	char *tmp;		/* the new text, ready to be renamed in */
	char *undo;		/* the old file, ready to be renamed back */
	mode_t mode;
	bool new_dir;		/* a new file whose directory does not exist yet */
	bool made_dir;		/* this entry made it: removed again on failure */
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
	w->old = old ? strdup(old) : NULL;
	w->new = strdup(new);
}

void rg_rewrite_create(struct rg_rewrite_set *s, const char *path, const char *new)
{
	rg_rewrite_add(s, path, NULL, new);
}

static bool inside(const char *path, const char *tree)
{
	size_t len = strlen(tree);

	return !strncmp(path, tree, len) && (!path[len] || path[len] == '/');
}

/*
 * Where a new file goes: its directory, or that directory's parent when
 * the directory is to be made, must lead inside the tree.
 */
static int check_new(struct rg_rewrite *w, const char *tree)
{
	const char *slash = strrchr(w->path, '/');
	char *dir, *real, *up;
	struct stat st;
	mode_t mask;

	if (!lstat(w->path, &st))
		return rg_fail("%s already exists: not replacing it", w->path);
	if (errno != ENOENT || !slash || slash == w->path)
		return rg_fail("%s: %s", w->path, strerror(errno));
	dir = strndup(w->path, slash - w->path);
	real = realpath(dir, NULL);
	if (!real && errno == ENOENT && strrchr(dir, '/') > dir) {
		up = strndup(dir, strrchr(dir, '/') - dir);
		real = realpath(up, NULL);
		if (real) {
			char *made = rg_strdup_printf("%s%s", real, strrchr(dir, '/'));

			free(real);
			real = made;
			w->new_dir = true;
		}
		free(up);
	}
	if (!real) {
		rg_fail("%s: %s", dir, strerror(errno));
		free(dir);
		return RG_EXIT_TROUBLE;
	}
	free(dir);
	w->target = rg_strdup_printf("%s%s", real, slash);
	free(real);
	if (!inside(w->target, tree))
		return rg_fail("%s leads to %s, outside %s: not writing there",
			       w->path, w->target, tree);
	if (!w->new_dir && !lstat(w->target, &st))
		return rg_fail("%s already exists: not replacing it", w->target);
	mask = umask(0);
	umask(mask);
	w->mode = 0666 & ~mask;
	return 0;
}

/* Where the new text of w goes, and may it go there? */
static int check_target(struct rg_rewrite *w, const char *tree)
{
	size_t len = strlen(tree);
	struct stat st;
	char *now;

	if (!w->old)
		return check_new(w, tree);
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
		struct rg_rewrite *w = &s->v[i];

		if (w->new_dir) {
			char *dir = strndup(w->target, strrchr(w->target, '/') - w->target);

			/* made now by this entry, or by an earlier one */
			if (!mkdir(dir, 0777)) {
				w->made_dir = true;
			} else if (errno != EEXIST) {
				rg_fail("cannot make %s: %s", dir, strerror(errno));
				free(dir);
				return -1;
			}
			free(dir);
		}
		w->tmp = temp_beside(w->target, w->new, w->mode);
		if (!w->tmp)
			return -1;
		if (w->old) {
			w->undo = undo_beside(w);
			if (!w->undo)
				return -1;
		}
	}
	return 0;
}

/* Move w's new text in; a new file never replaces one that appeared since. */
static int do_rename(const struct rg_rewrite *w, int *countdown)
{
	if (*countdown > 0 && --*countdown == 0) {
		errno = EIO;
		return -1;
	}
	if (w->old)
		return rename(w->tmp, w->target);
	if (!renameat2(AT_FDCWD, w->tmp, AT_FDCWD, w->target, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: link() never replaces either */
	return link(w->tmp, w->target);
}

static int commit(struct rg_rewrite_set *s)
{
	const char *fail = getenv("REFGUARD_TEST_FAIL_RENAME");
	int countdown = fail ? atoi(fail) : 0, i, bad, err;

	for (i = 0; i < s->n; i++)
		if (do_rename(&s->v[i], &countdown))
			break;
	if (i == s->n)
		return 0;
	err = errno;
	bad = i;
	while (i-- > 0) {
		if (!s->v[i].old) {
			if (unlink(s->v[i].target))
				rg_fail("could not remove %s: %s", s->v[i].path,
					strerror(errno));
		} else if (rename(s->v[i].undo, s->v[i].target)) {
			rg_fail("could not restore %s (its old text is in %s): %s",
				s->v[i].path, s->v[i].undo, strerror(errno));
		}
	}
	return rg_fail("cannot %s %s: %s; nothing was changed",
		       s->v[bad].old ? "replace" : "create", s->v[bad].path,
		       strerror(err));
}

static void free_set(struct rg_rewrite_set *s, bool failed)
{
	int i;

	for (i = 0; i < s->n; i++) {
		struct rg_rewrite *w = &s->v[i];

		/* whichever of them was not renamed is left over */
		if (w->tmp)
			unlink(w->tmp);
		if (w->undo)
			unlink(w->undo);
	}
	/* the directories made for new files, last made first */
	for (i = s->n; failed && i-- > 0;)
		if (s->v[i].made_dir) {
			char *dir = strndup(s->v[i].target,
					    strrchr(s->v[i].target, '/') - s->v[i].target);

			if (rmdir(dir))
				rg_fail("could not remove %s: %s", dir, strerror(errno));
			free(dir);
		}
	for (i = 0; i < s->n; i++) {
		struct rg_rewrite *w = &s->v[i];

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

void rg_rewrite_discard(struct rg_rewrite_set *s)
{
	free_set(s, false);
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
	free_set(s, st != 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}
