// SPDX-License-Identifier: GPL-2.0
/*
 * Patch parsing for `refguard gate`; see diff.h.  Strict where a sloppy
 * reading would hide a problem: a hunk whose line counts do not match its
 * header is an error, not the end of the hunk, because patch(1) would
 * refuse it too and the gate must say "could not check", not "clean".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "diff.h"

struct reader {
	const char *p;			/* next line */
	int lineno;
};

/* The current line's length (without '\n'), or -1 at the end. */
static int line_len(const struct reader *r)
{
	if (!*r->p)
		return -1;
	return strchrnul(r->p, '\n') - r->p;
}

static void next_line(struct reader *r)
{
	const char *nl = strchr(r->p, '\n');

	r->p = nl ? nl + 1 : r->p + strlen(r->p);
	r->lineno++;
}

static bool starts(const struct reader *r, const char *prefix)
{
	return !strncmp(r->p, prefix, strlen(prefix));
}

/*
 * A path from a ---/+++ or rename line: up to a tab (timestamps in plain
 * diffs) or the end, git's C-style quoting not supported (rare in the
 * kernel; reported as malformed rather than misread), -p1 applied when
 * strip is set.  NULL for /dev/null.
 */
static char *take_path(const char *s, int len, bool strip)
{
	const char *end = memchr(s, '\t', len);
	const char *slash;

	if (end)
		len = end - s;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (len == 9 && !strncmp(s, "/dev/null", 9))
		return NULL;
	if (strip) {
		slash = memchr(s, '/', len);
		if (slash) {
			len -= slash + 1 - s;
			s = slash + 1;
		}
	}
	return strndup(s, len);
}

static int parse_hunk(struct reader *r, struct rg_file_diff *fd)
{
	struct rg_hunk h = { 0, 1, 0, 1, NULL, 0 };
	int old_seen = 0, new_seen = 0, n;

	n = sscanf(r->p, "@@ -%d,%d +%d,%d @@", &h.old_start, &h.old_len,
		   &h.new_start, &h.new_len);
	if (n != 4) {
		h.old_len = h.new_len = 1;
		if (sscanf(r->p, "@@ -%d +%d,%d @@", &h.old_start, &h.new_start, &h.new_len) != 3 &&
		    sscanf(r->p, "@@ -%d,%d +%d @@", &h.old_start, &h.old_len, &h.new_start) != 3 &&
		    sscanf(r->p, "@@ -%d +%d @@", &h.old_start, &h.new_start) != 2) {
			fprintf(stderr, "refguard: malformed hunk header at line %d: %.*s\n",
				r->lineno, line_len(r), r->p);
			return -1;
		}
	}
	next_line(r);
	h.text = r->p;
	while (old_seen < h.old_len || new_seen < h.new_len) {
		int len = line_len(r);
		char c = len > 0 ? r->p[0] : ' ';

		if (len < 0) {
			fprintf(stderr, "refguard: patch ends inside a hunk at line %d\n",
				r->lineno);
			return -1;
		}
		if (c == ' ')
			old_seen++, new_seen++;
		else if (c == '-')
			old_seen++;
		else if (c == '+')
			new_seen++;
		else if (c != '\\') {
			fprintf(stderr, "refguard: malformed hunk at line %d "
				"(expected %d old and %d new lines, got %d and %d)\n",
				r->lineno, h.old_len, h.new_len, old_seen, new_seen);
			return -1;
		}
		next_line(r);
	}
	if (old_seen > h.old_len || new_seen > h.new_len) {
		fprintf(stderr, "refguard: hunk before line %d has more lines than its header says\n",
			r->lineno);
		return -1;
	}
	/* "\ No newline at end of file" belongs to the hunk */
	if (starts(r, "\\"))
		next_line(r);
	h.text_len = r->p - h.text;
	fd->hunks = realloc(fd->hunks, (fd->nr_hunks + 1) * sizeof(*fd->hunks));
	fd->hunks[fd->nr_hunks++] = h;
	return 0;
}

static bool at_section_start(const struct reader *r)
{
	return starts(r, "diff --git ") ||
	       (starts(r, "--- ") && !strncmp(strchrnul(r->p, '\n') + 1, "+++ ", 4));
}

/* Parse one file section, r at its first line ("diff --git" or "---"). */
static int parse_section(struct reader *r, struct rg_file_diff *fd)
{
	bool git = starts(r, "diff --git ");
	char *git_old = NULL, *git_new = NULL;

	memset(fd, 0, sizeof(*fd));
	fd->text = r->p;
	if (git) {
		/* "diff --git a/X b/Y": split at " b/" (paths without spaces) */
		const char *s = r->p + 11, *b = strstr(s, " b/");
		int len = line_len(r) - 11;

		if (!b || b - s > len) {
			fprintf(stderr, "refguard: malformed diff header at line %d\n", r->lineno);
			return -1;
		}
		git_old = take_path(s, b - s, true);
		git_new = take_path(b + 1, s + len - b - 1, true);
		next_line(r);
		while (line_len(r) >= 0 && !starts(r, "--- ") && !starts(r, "@@") &&
		       !at_section_start(r)) {
			int len = line_len(r);

			if (starts(r, "new file mode")) {
				free(git_old);
				git_old = NULL;
			} else if (starts(r, "deleted file mode")) {
				free(git_new);
				git_new = NULL;
			} else if (starts(r, "rename from ")) {
				free(git_old);
				git_old = take_path(r->p + 12, len - 12, false);
				fd->rename = true;
			} else if (starts(r, "rename to ")) {
				free(git_new);
				git_new = take_path(r->p + 10, len - 10, false);
				fd->rename = true;
			} else if (starts(r, "Binary files ") || starts(r, "GIT binary patch")) {
				fd->binary = true;
			} else if (!starts(r, "index ") && !starts(r, "similarity index") &&
				   !starts(r, "dissimilarity index") && !starts(r, "old mode") &&
				   !starts(r, "new mode") && !starts(r, "copy from") &&
				   !starts(r, "copy to") && !starts(r, "literal ") &&
				   !starts(r, "delta ") && !fd->binary) {
				break;	/* end of the extended header */
			}
			next_line(r);
			/* skip the base85 payload of a binary patch */
			if (fd->binary)
				while (line_len(r) > 0 && !at_section_start(r) &&
				       (r->p[0] == 'z' || (r->p[0] >= 'A' && r->p[0] <= 'Z') ||
					(r->p[0] >= 'a' && r->p[0] <= 'y')) &&
				       !starts(r, "literal ") && !starts(r, "delta "))
					next_line(r);
		}
		fd->old_path = git_old;
		fd->new_path = git_new;
	}
	if (starts(r, "--- ")) {
		char *old = take_path(r->p + 4, line_len(r) - 4, true), *new;

		next_line(r);
		if (!starts(r, "+++ ")) {
			fprintf(stderr, "refguard: '---' without '+++' at line %d\n", r->lineno);
			return -1;
		}
		new = take_path(r->p + 4, line_len(r) - 4, true);
		next_line(r);
		if (!git) {
			fd->old_path = old;
			fd->new_path = new;
		} else {
			free(old);
			free(new);
		}
		if (!fd->old_path && !fd->new_path) {
			fprintf(stderr, "refguard: diff of /dev/null to /dev/null at line %d\n",
				r->lineno);
			return -1;
		}
		if (!starts(r, "@@")) {
			fprintf(stderr, "refguard: no hunk after '+++' at line %d\n", r->lineno);
			return -1;
		}
	}
	while (starts(r, "@@"))
		if (parse_hunk(r, fd))
			return -1;
	if (!fd->old_path && !fd->new_path) {
		fprintf(stderr, "refguard: malformed diff header before line %d\n", r->lineno);
		return -1;
	}
	fd->text_len = r->p - fd->text;
	return 0;
}

int rg_diff_parse(const char *text, struct rg_patch *patch)
{
	struct reader r = { text, 1 };
	int cap = 0;

	memset(patch, 0, sizeof(*patch));
	while (line_len(&r) >= 0) {
		if (starts(&r, "@@")) {
			fprintf(stderr, "refguard: hunk without a file header at line %d\n",
				r.lineno);
			return -1;
		}
		if (!at_section_start(&r)) {
			next_line(&r);	/* mail headers, commit message, diffstat */
			continue;
		}
		if (patch->nr_files == cap)
			patch->files = realloc(patch->files,
					       (cap = cap * 2 + 8) * sizeof(*patch->files));
		if (parse_section(&r, &patch->files[patch->nr_files]))
			return -1;
		patch->nr_files++;
	}
	if (!patch->nr_files) {
		fprintf(stderr, "refguard: no diff found in the input\n");
		return -1;
	}
	return 0;
}

static struct rg_added_file *added_get(struct rg_added *a, const char *path)
{
	int i;

	for (i = 0; i < a->nr; i++)
		if (!strcmp(a->files[i].path, path))
			return &a->files[i];
	if (a->nr == a->cap)
		a->files = realloc(a->files, (a->cap = a->cap * 2 + 8) * sizeof(*a->files));
	memset(&a->files[a->nr], 0, sizeof(a->files[0]));
	a->files[a->nr].path = strdup(path);
	return &a->files[a->nr++];
}

static void push_line(struct rg_added_file *f, int line)
{
	if (f->nr == f->cap)
		f->lines = realloc(f->lines, (f->cap = f->cap * 2 + 16) * sizeof(int));
	f->lines[f->nr++] = line;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Where does old line L of a file go after these hunks?  0 if a hunk
 * deletes it.  Lines outside hunks shift by the hunks before them.
 */
static int remap_line(const struct rg_file_diff *fd, int l)
{
	int delta = 0, i;

	for (i = 0; i < fd->nr_hunks; i++) {
		const struct rg_hunk *h = &fd->hunks[i];
		int old_ln = h->old_start ? h->old_start : 1;
		int new_ln = h->new_start ? h->new_start : 1;
		const char *p = h->text, *end = h->text + h->text_len;

		if (h->old_len == 0)
			old_ln = h->old_start + 1;
		if (l < old_ln)
			break;
		if (l >= old_ln + h->old_len) {
			delta += h->new_len - h->old_len;
			continue;
		}
		for (; p < end; p = strchrnul(p, '\n') + 1) {
			if (*p == '-' && old_ln++ == l)
				return 0;
			if (*p == '+')
				new_ln++;
			else if (*p != '\\' && *p != '-') {
				if (old_ln == l)
					return new_ln;
				old_ln++, new_ln++;
			}
		}
		return 0;
	}
	return l + delta;
}

void rg_added_apply(struct rg_added *a, const struct rg_file_diff *fd)
{
	struct rg_added_file *f;
	int i, kept = 0;

	if (!fd->new_path) {
		if (fd->old_path)
			added_get(a, fd->old_path)->deleted = true;
		return;
	}
	f = added_get(a, fd->old_path ? fd->old_path : fd->new_path);
	if (fd->old_path && strcmp(fd->old_path, fd->new_path)) {
		free(f->path);
		f->path = strdup(fd->new_path);
	}
	f->deleted = false;
	for (i = 0; i < f->nr; i++) {
		int l = remap_line(fd, f->lines[i]);

		if (l)
			f->lines[kept++] = l;
	}
	f->nr = kept;
	for (i = 0; i < fd->nr_hunks; i++) {
		const struct rg_hunk *h = &fd->hunks[i];
		const char *p = h->text, *end = h->text + h->text_len;
		int new_ln = h->new_start;

		for (; p < end; p = strchrnul(p, '\n') + 1) {
			if (*p == '+')
				push_line(f, new_ln++);
			else if (*p != '-' && *p != '\\')
				new_ln++;
		}
	}
	qsort(f->lines, f->nr, sizeof(int), cmp_int);
}

const struct rg_added_file *rg_added_find(const struct rg_added *a, const char *path)
{
	int i;

	for (i = 0; i < a->nr; i++)
		if (!strcmp(a->files[i].path, path))
			return &a->files[i];
	return NULL;
}

bool rg_added_has(const struct rg_added *a, const char *path, int line)
{
	const struct rg_added_file *f = rg_added_find(a, path);

	return f && !f->deleted &&
	       bsearch(&line, f->lines, f->nr, sizeof(int), cmp_int) != NULL;
}
