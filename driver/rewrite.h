/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replacing several files of a tree all at once or not at all, for the
 * commands that write into a kernel tree (`fix --in-place`, `annotate
 * --in-place`).
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
 * Replace every file added, or none.  Returns 0, or RG_EXIT_TROUBLE after
 * saying why (the tree is then as it was).  Frees the set either way.
 * SIGINT, SIGTERM and SIGHUP wait until it is done.
 */
int rg_rewrite_commit(struct rg_rewrite_set *s, const char *tree);

#endif
