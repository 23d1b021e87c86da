/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replacing or creating several files all at once or not at all, for the
 * commands that write into a kernel tree (`fix --in-place`, `annotate
 * --in-place`) and for the patches of `fix --series`.
 *
 * Every new file is written first, as a temporary file in its target's
 * directory, together with an undo copy of the old one; only when all of
 * them are ready are they renamed into place, and if one rename fails the
 * ones already done are renamed back.  So a read-only file, a file that
 * changed since it was read, a symbolic link out of the tree or a full
 * disk leaves the tree as it was, with no temporary, .orig or .rej file.
 *
 * A file is replaced by rename, never written through: a tree made with
 * `cp -al` does not change the tree it links to.  A symbolic link that
 * leads to a file inside the tree is followed (the link stays, its target
 * gets the new text); one that leads out of the tree is refused.  A file
 * whose mode has no write bit is refused even for root: the user said
 * not to change it.
 */
#ifndef REFGUARD_REWRITE_H
#define REFGUARD_REWRITE_H

struct rg_rewrite;

struct rg_rewrite_set {
	struct rg_rewrite *v;
	int n;
};

/*
 * Replace path (absolute, inside the tree) holding old by new.  Nothing
 * is touched until rg_rewrite_commit(); copies of the strings are kept.
 */
void rg_rewrite_add(struct rg_rewrite_set *s, const char *path, const char *old,
		    const char *new);

/*
 * Create path (absolute), which must not exist, holding new.  Its
 * directory is made if it is missing (one level: its parent must exist)
 * and removed again if the commit fails.  The directory, or the parent
 * it is made in, must lead inside the tree.  A new file never replaces
 * one that appeared meanwhile.
 */
void rg_rewrite_create(struct rg_rewrite_set *s, const char *path, const char *new);

/*
 * Replace or create every file added, or none.  Returns 0, or
 * RG_EXIT_TROUBLE after saying why (the tree is then as it was, without
 * the new files and the directories made for them).  Frees the set
 * either way.  SIGINT, SIGTERM and SIGHUP wait until it is done.
 */
int rg_rewrite_commit(struct rg_rewrite_set *s, const char *tree);

/* Forget every file added, touching nothing. */
void rg_rewrite_discard(struct rg_rewrite_set *s);

#endif
