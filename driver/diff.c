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
 * git's C-style quoting (quote.c in git): a name holding '"', '\', a
 * control character or (with core.quotePath, the default) a byte above
 * 0x7f is written between double quotes, with the escapes \a \b \t \n
 * \v \f \r \" \\ and three octal digits for any other byte (\303\251
 * is UTF-8's e-acute); GNU diff quotes the same way.  s[0] is the opening
 * quote.  Returns the name (malloc'd) and in *used the bytes read, the
 * closing quote included, or NULL for an escape git never writes, a
 * missing closing quote or a NUL.
 */
static char *unquote(const char *s, int len, int *used)
{
	char *out = malloc(len + 1), *o = out;
	int i;

	for (i = 1; i < len && s[i] != '"'; i++) {
		const char *esc = "a\ab\bt\tn\nv\vf\fr\r\"\"\\\\", *e;

		if (s[i] != '\\') {
			*o++ = s[i];
			continue;
		}
		if (++i == len)
			break;
		for (e = esc; *e && *e != s[i]; e += 2)
			;
		if (*e) {
			*o++ = e[1];
		} else if (s[i] >= '0' && s[i] <= '3' && i + 2 < len &&
			   s[i + 1] >= '0' && s[i + 1] <= '7' &&
			   s[i + 2] >= '0' && s[i + 2] <= '7' &&
			   (s[i] != '0' || s[i + 1] != '0' || s[i + 2] != '0')) {
			*o++ = (s[i] - '0') << 6 | (s[i + 1] - '0') << 3 | (s[i + 2] - '0');
			i += 2;
		} else {
			break;
		}
	}
	if (i >= len || s[i] != '"') {
		free(out);
		return NULL;
	}
	*o = '\0';
	*used = i + 1;
	return out;
}

/*
 * Control characters other than a tab would let a file name forge lines
 * of the line-based outputs (a newline and a fake finding, terminal
 * escapes): refused, while every other byte is taken as the name's.
 */
static bool name_ok(const char *name, int lineno)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++)
		if ((*p < ' ' && *p != '\t') || *p == 0x7f) {
			fprintf(stderr, "refguard: line %d: a file name holds the control "
				"character \\%03o; refused\n", lineno, *p);
			return false;
		}
	return true;
}

/* -p1: drop the first path component ("a/", "b/", git's "i/", "w/"). */
static char *strip_first(char *name)
{
	char *slash = strchr(name, '/');

	if (slash)
		memmove(name, slash + 1, strlen(slash + 1) + 1);
	return name;
}

/*
 * A path from a ---/+++ or rename line, quoted or not: a plain one ends
 * at a tab (GNU diff's timestamp; git puts a tab after a name with a
 * space), a quoted one at its closing quote, after which only a tab and
 * a timestamp may follow.  -p1 applied when strip is set.  *path is NULL
 * for /dev/null.  Returns 0, or -1 after saying why.
 */
static int take_path(const char *s, int len, bool strip, int lineno, char **path)
{
	const char *end;
	int used;

	*path = NULL;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (len > 0 && s[0] == '"') {
		*path = unquote(s, len, &used);
		if (!*path || (used < len && s[used] != '\t')) {
			fprintf(stderr, "refguard: line %d: malformed quoted file name: %.*s\n",
				lineno, len, s);
			free(*path);
			*path = NULL;
			return -1;
		}
	} else {
		/* a tab ends the name: spaces before it are the name's */
		end = len > 0 ? memchr(s, '\t', len) : NULL;
		if (end)
			len = end - s;
		if (len == 9 && !strncmp(s, "/dev/null", 9))
			return 0;
		*path = strndup(s, len);
	}
	if (!name_ok(*path, lineno)) {
		free(*path);
		*path = NULL;
		return -1;
	}
	if (strip)
		strip_first(*path);
	return 0;
}

/*
 * The two names of "diff --git A B" (s after "diff --git ").  Either may
 * be quoted.  Two plain names are split where the halves name the same
 * file (git writes both names of a change that is not a rename or copy,
 * so "a/my dir/x b/y.c b/my dir/x b/y.c" splits in the middle), else at
 * the first " b/" (a rename: its "rename from/to" lines say the names).
 */
static int git_names(const char *s, int len, int lineno, char **old, char **new)
{
	const char *q;
	int used, half;

	*old = *new = NULL;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (len > 0 && s[0] == '"') {
		*old = unquote(s, len, &used);
		if (!*old || used + 1 >= len || s[used] != ' ')
			goto bad;
		s += used + 1;
		len -= used + 1;
		if (s[0] == '"') {
			*new = unquote(s, len, &used);
			if (!*new || used != len)
				goto bad;
		} else {
			*new = strndup(s, len);
		}
		goto check;
	}
	/* A plain name then a quoted one: the quote that reads to the end. */
	for (q = s; (q = memchr(q, '"', s + len - q)); q++) {
		if (q == s || q[-1] != ' ')
			continue;
		*new = unquote(q, s + len - q, &used);
		if (*new && used == s + len - q) {
			*old = strndup(s, q - 1 - s);
			goto check;
		}
		free(*new);
		*new = NULL;
	}
	half = len / 2;
	if (len % 2 && s[half] == ' ') {
		const char *a = memchr(s, '/', half), *b = memchr(s + half + 1, '/', half);

		if (a && b && a - s == b - (s + half + 1) &&
		    !memcmp(a, b, s + half - a)) {
			*old = strndup(s, half);
			*new = strndup(s + half + 1, half);
			goto check;
		}
	}
	q = NULL;
	for (used = 0; used + 3 <= len; used++)
		if (!memcmp(s + used, " b/", 3)) {
			q = s + used;
			break;
		}
	if (!q)
		goto bad;
	*old = strndup(s, q - s);
	*new = strndup(q + 1, s + len - q - 1);
check:
	if (!name_ok(*old, lineno) || !name_ok(*new, lineno)) {
		free(*old);
		free(*new);
		*old = *new = NULL;
		return -1;
	}
	strip_first(*old);
	strip_first(*new);
	return 0;
bad:
	fprintf(stderr, "refguard: malformed diff header at line %d\n", lineno);
	free(*old);
	free(*new);
	*old = *new = NULL;
	return -1;
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
		if (git_names(r->p + 11, line_len(r) - 11, r->lineno, &git_old,
			      &git_new))
			return -1;
		next_line(r);
		while (line_len(r) >= 0 && !starts(r, "--- ") && !starts(r, "@@") &&
		       !at_section_start(r)) {
			int len = line_len(r), bad = 0;

			if (starts(r, "new file mode")) {
				free(git_old);
				git_old = NULL;
			} else if (starts(r, "deleted file mode")) {
				free(git_new);
				git_new = NULL;
			} else if (starts(r, "rename from ")) {
				free(git_old);
				bad = take_path(r->p + 12, len - 12, false, r->lineno, &git_old);
				fd->rename = true;
			} else if (starts(r, "rename to ")) {
				free(git_new);
				bad = take_path(r->p + 10, len - 10, false, r->lineno, &git_new);
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
			if (bad) {
				free(git_old);
				free(git_new);
				return -1;
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
		char *old, *new;

		if (take_path(r->p + 4, line_len(r) - 4, true, r->lineno, &old))
			return -1;
		next_line(r);
		if (!starts(r, "+++ ")) {
			fprintf(stderr, "refguard: '---' without '+++' at line %d\n", r->lineno);
			free(old);
			return -1;
		}
		if (take_path(r->p + 4, line_len(r) - 4, true, r->lineno, &new)) {
			free(old);
			return -1;
		}
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

/* "N", "N,M": the line range of a normal diff or ed script command. */
static const char *skip_range(const char *p)
{
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == ',') {
		if (*++p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

/*
 * A line outside every unified section that patch(1) would take for part
 * of a diff in a format this parser does not read: a context diff
 * (diff -c: "*** file" over "--- file", "***************" hunks), a
 * normal diff ("5a6", "3,4c3,4", under an "Index:" line or not) or an ed
 * script ("5a").  Such a section would change the tree without being
 * checked, so the whole input is refused.  Returns what it is, or NULL.
 */
static const char *foreign_diff(const struct reader *r)
{
	const char *next = strchrnul(r->p, '\n'), *p;

	next = *next ? next + 1 : next;
	if (starts(r, "***************"))
		return "a context diff hunk";
	if (starts(r, "*** ") && !strncmp(next, "--- ", 4))
		return "a context diff header";
	if (starts(r, "+++ ") && !strncmp(next, "--- ", 4))
		return "a diff header with '+++' before '---'";
	p = skip_range(r->p);
	if (p && (*p == 'a' || *p == 'c' || *p == 'd')) {
		const char *q = skip_range(p + 1);

		while (q && (*q == ' ' || *q == '\r'))
			q++;
		if (q && (*q == '\n' || !*q))
			return "a normal diff";
		if (p[1] == '\n' || p[1] == '\r' || !p[1])
			return "an ed script";
	}
	return NULL;
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
			const char *what = foreign_diff(&r);

			if (what) {
				fprintf(stderr, "refguard: line %d: %.*s: %s, which refguard "
					"does not read (only unified and git diffs); the "
					"input is refused rather than partly checked\n",
					r.lineno, line_len(&r), r.p, what);
				return -1;
			}
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

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int rg_added_from_files(struct rg_added *a, const char *path, const char *old_file,
			const char *new_file)
{
	/* GNU diff prints the new file's number of each line it inserts */
	char *argv[] = { "diff", "-a", "--old-line-format=", "--unchanged-line-format=",
			 "--new-line-format=%dn\n", "--",
			 (char *)(old_file ? old_file : "/dev/null"), (char *)new_file, NULL };
	struct rg_added_file *f = added_get(a, path);
	char *out, *p, *end;
	size_t len;
	int status;

	status = rg_run(argv, &out, &len);
	if (status != 0 && status != 1) {
		free(out);
		return rg_fail("cannot compare %s before and after the series (diff %s)",
			       path, status == 127 ? "is not installed" : "failed");
	}
	f->nr = 0;
	f->deleted = false;
	for (p = out; p && *p; p = end + 1) {
		long line = strtol(p, &end, 10);

		if (end == p || *end != '\n' || line <= 0) {
			free(out);
			return rg_fail("cannot read diff's line numbers for %s", path);
		}
		if (f->nr == f->cap)
			f->lines = realloc(f->lines, (f->cap = f->cap * 2 + 16) * sizeof(int));
		f->lines[f->nr++] = line;
	}
	free(out);
	qsort(f->lines, f->nr, sizeof(int), cmp_int);
	return 0;
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
