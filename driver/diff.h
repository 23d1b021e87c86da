/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading patches: unified diffs, git diffs (renames, new and deleted
 * files, binary changes) and mboxes of several patches, as `git am` and
 * `patch -p1` take them, with file names C-quoted as git and GNU diff
 * quote them.  Used by `refguard gate` and `refguard fix --series`.  Any other diff format
 * patch(1) would also apply (context, normal, ed) is refused, not skipped
 * as commit text: what is not read is not checked.
 */
#ifndef REFGUARD_DIFF_H
#define REFGUARD_DIFF_H

#include <stdbool.h>
#include <stddef.h>

struct rg_hunk {
	int old_start, old_len, new_start, new_len;
	const char *text;		/* first line after the @@ header */
	size_t text_len;
};

/* One file's part of one patch, in input order. */
struct rg_file_diff {
	char *old_path;			/* NULL for a new file (-p1 stripped, unquoted) */
	char *new_path;			/* NULL for a deleted file */
	bool binary;
	bool rename;
	const char *text;		/* the section as patch(1) reads it */
	size_t text_len;
	struct rg_hunk *hunks;
	int nr_hunks;
};

struct rg_patch {
	struct rg_file_diff *files;
	int nr_files;
};

/*
 * Parse text (which must stay alive).  Returns 0, or -1 after printing
 * why to stderr ("malformed hunk at line N", "no diff found", ...).
 */
int rg_diff_parse(const char *text, struct rg_patch *patch);

/*
 * The lines a series adds or changes, per file, in the numbering of the
 * file after the whole series.
 */
struct rg_added_file {
	char *path;
	int *lines;			/* sorted */
	int nr, cap;
	bool deleted;
};

struct rg_added {
	struct rg_added_file *files;
	int nr, cap;
};

/*
 * Set path's added lines to those of new_file that a line-level diff
 * against old_file (NULL: a new file) does not match: where the series'
 * changes really are.  Never from hunk headers: patch -F0 applies a hunk
 * at an offset when the tree moved on, and then its header is wrong.
 * Returns 0, or RG_EXIT_TROUBLE after a message.
 */
int rg_added_from_files(struct rg_added *added, const char *path,
			const char *old_file, const char *new_file);
bool rg_added_has(const struct rg_added *added, const char *path, int line);
const struct rg_added_file *rg_added_find(const struct rg_added *added,
					  const char *path);

#endif
