// SPDX-License-Identifier: GPL-2.0
/*
 * The rewrite as a mailable series (see series.h).
 *
 * git does the formatting: the touched files are copied into a scratch
 * repository, each patch is applied and committed there with its
 * changelog, and `git format-patch --cover-letter` writes the series.
 * Blob ids depend only on content, so the index lines match a git copy
 * of the tree and `git am` applies the series there.  Only the text git
 * cannot know is ours: subjects, changelogs, the cover letter's blurb and
 * the To:/Cc: headers from the tree's own scripts/get_maintainer.pl.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue.h"
#include "diff.h"
#include "driver.h"
#include "maintainers.h"
#include "rewrite.h"
#include "series.h"
#include "spawn.h"
#include "tmpdir.h"

/* ---- running git and get_maintainer.pl --------------------------------- */

/* Run argv in dir; its stdout in *out if out is non-NULL.  0 on success. */
static int run_in(const char *dir, char *const argv[], char **out)
{
	int out_fd = rg_anon_file("refguard-series"), status;
	pid_t pid;

	if (out_fd < 0)
		return -1;
	pid = rg_spawn(argv, out_fd, -1, dir);
	status = pid < 0 ? -1 : rg_wait(pid, argv[0]);
	if (out)
		*out = rg_slurp_fd(out_fd, NULL);
	close(out_fd);
	if (status)
		rg_fail("'%s %s' failed in %s (status %d)", argv[0], argv[1], dir,
			status);
	return status ? -1 : 0;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		rg_fail("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Make the directories on the way to path (not path itself). */
static int mkdirs(const char *path)
{
	char *p = strdup(path), *slash;
	int ret = 0;

	for (slash = strchr(p + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(p, 0777) && errno != EEXIST)
			ret = -1;
		*slash = '/';
	}
	free(p);
	return ret;
}

/* ---- grouping ---------------------------------------------------------- */

static bool is_helper_file(const char *path)
{
	unsigned int i;
	size_t len = strlen(path);

	for (i = 0; i < rg_helper_file_count; i++) {
		size_t n = strlen(rg_helper_files[i]);

		if (len >= n && !strcmp(path + len - n, rg_helper_files[i]))
			return true;
	}
	return false;
}

/*
 * The subject prefix a subsystem's own commits use, derived from where
 * its files live: fs/ext4/ -> "ext4:", kernel/sched/ -> "sched:",
 * drivers/.../foo/ -> "foo:", a single mm/ file -> "mm/<name>:", the
 * rest of mm/ and the mm headers -> "mm:".
 */
static char *prefix_for(const struct rg_series *s, const struct rg_series_group *g)
{
	const char *first = rg_series_path(&s->patch.files[g->files[0]]);
	char *dir = strdup(first), *slash, *comp, *ret;
	int i;

	/* The directory all of the group's files share. */
	for (i = 1; i < g->nr_files; i++) {
		const char *p = rg_series_path(&s->patch.files[g->files[i]]);
		size_t n = 0;

		while (dir[n] && dir[n] == p[n])
			n++;
		dir[n] = '\0';
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[1] = '\0';
	else
		dir[0] = '\0';

	if (!strncmp(dir, "mm/", 3) || (g->section &&
	    !strncmp(g->section, "MEMORY MANAGEMENT", 17)) || !g->section) {
		const char *base = strrchr(first, '/');
		size_t stem;

		base = base ? base + 1 : first;
		stem = strcspn(base, ".");
		if (g->nr_files == 1 && !strncmp(first, "mm/", 3) &&
		    !strchr(first + 3, '/') && strstr(base, ".c"))
			ret = rg_strdup_printf("mm/%.*s:", (int)stem, base);
		else
			ret = strdup("mm:");
		free(dir);
		return ret;
	}
	/* The innermost named directory: fs/ext4/ -> ext4. */
	if (dir[0]) {
		dir[strlen(dir) - 1] = '\0';
		comp = strrchr(dir, '/');
		comp = comp ? comp + 1 : dir;
		ret = rg_strdup_printf("%s:", comp);
	} else {
		ret = rg_strdup_printf("%.*s:", (int)strcspn(first, "."), first);
	}
	free(dir);
	return ret;
}

static struct rg_series_group *group_for(struct rg_series *s, const char *section)
{
	int i;

	for (i = 0; i < s->nr_groups; i++)
		if (s->groups[i].section && section &&
		    !strcmp(s->groups[i].section, section))
			return &s->groups[i];
	if (s->nr_groups == 32)
		return NULL;
	s->groups[s->nr_groups].section = section;
	return &s->groups[s->nr_groups++];
}

/* Helpers first (every later patch may call them), then mm/, then the rest. */
static int group_rank(const struct rg_series *s, const struct rg_series_group *g)
{
	if (!g->section)
		return 0;
	return strncmp(rg_series_path(&s->patch.files[g->files[0]]), "mm/", 3) ? 2 : 1;
}

static int make_groups(struct rg_series *s)
{
	struct rg_maintainers *m = rg_maintainers_load(s->o->tree);
	struct rg_series_group helpers = { 0 }, tmp;
	int i, j;

	if (!m)
		return -1;
	for (i = 0; i < s->patch.nr_files; i++) {
		const char *path = rg_series_path(&s->patch.files[i]);
		struct rg_series_group *g;

		if (is_helper_file(path)) {
			if (!s->nr_groups || s->groups[0].section) {
				memmove(&s->groups[1], &s->groups[0],
					s->nr_groups++ * sizeof(s->groups[0]));
				s->groups[0] = helpers;
			}
			g = &s->groups[0];
		} else {
			const char *section = rg_maintainers_section(m, path);

			g = group_for(s, section ? section : "THE REST");
		}
		if (!g || g->nr_files == 64)
			return rg_fail("too many files or subsystems for one series"), -1;
		g->files[g->nr_files++] = i;
	}
	/* A stable sort by rank keeps MAINTAINERS' first-seen order. */
	for (i = 1; i < s->nr_groups; i++)
		for (j = i; j > 0 && group_rank(s, &s->groups[j - 1]) >
				     group_rank(s, &s->groups[j]); j--) {
			tmp = s->groups[j];
			s->groups[j] = s->groups[j - 1];
			s->groups[j - 1] = tmp;
		}
	for (i = 0; i < s->nr_groups; i++)
		s->groups[i].prefix = prefix_for(s, &s->groups[i]);
	return 0;
}

/* ---- the scratch repository -------------------------------------------- */

/*
 * Split "Name <address>" into its parts (malloc'd); NULL with the reason
 * when ident is anything else.  The sign-off is written into every
 * changelog as it is given, so exactly one line of exactly that shape is
 * taken: a line break would add a second, forged Signed-off-by: line,
 * text after the address would be part of the trailer.
 */
static const char *split_ident(const char *ident, char **name, char **mail)
{
	const char *lt = strchr(ident, '<'), *gt = strchr(ident, '>'), *p, *at;

	*name = *mail = NULL;
	for (p = ident; *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return *p == '\n' || *p == '\r' ? "it holds a line break" :
			       "it holds a control character";
	if (!lt || !gt || gt < lt)
		return "no address in angle brackets";
	if (strchr(lt + 1, '<') || strchr(gt + 1, '>'))
		return "more than one address";
	if (gt[1])
		return "text after the address";
	if (lt == ident || (lt[-1] == ' ' && lt - 1 == ident))
		return "no name";
	if (lt[-1] != ' ')
		return "no space between the name and the address";
	if (ident[0] == ' ' || lt[-2] == ' ')
		return "spaces around the name";
	if (memchr(ident, '>', lt - ident))
		return "a '>' in the name";
	at = memchr(lt + 1, '@', gt - lt - 1);
	if (!at || at == lt + 1 || at + 1 == gt || memchr(at + 1, '@', gt - at - 1))
		return "the address is not one local@domain";
	for (p = lt + 1; p < gt; p++)
		if (*p == ' ')
			return "a space in the address";
	*name = strndup(ident, lt - 1 - ident);
	*mail = strndup(lt + 1, gt - lt - 1);
	return NULL;
}

static void set_identity(const char *ident)
{
	char *name = NULL, *mail = NULL;

	if (!ident || split_ident(ident, &name, &mail)) {
		free(name);
		free(mail);
		name = strdup("refguard");
		mail = strdup("refguard@invalid");
	}
	setenv("GIT_AUTHOR_NAME", name, 1);
	setenv("GIT_AUTHOR_EMAIL", mail, 1);
	setenv("GIT_COMMITTER_NAME", name, 1);
	setenv("GIT_COMMITTER_EMAIL", mail, 1);
	free(name);
	free(mail);
}

static int scratch_repo(struct rg_series *s)
{
	char *init[] = { "git", "init", "-q", NULL };
	char *add[] = { "git", "add", "-A", NULL };
	char *commit[] = { "git", "-c", "commit.gpgsign=false", "commit", "-q",
			   "-m", "base", NULL };
	int i;

	s->scratch = rg_tmpdir_create("series");
	if (!s->scratch)
		return -1;
	for (i = 0; i < s->patch.nr_files; i++) {
		const struct rg_file_diff *fd = &s->patch.files[i];
		char *from, *to, *text;
		int ret;

		if (!fd->old_path)
			continue;
		from = rg_strdup_printf("%s/%s", s->o->tree, fd->old_path);
		to = rg_strdup_printf("%s/%s", s->scratch, fd->old_path);
		text = rg_slurp_file(from, NULL);
		ret = !text || mkdirs(to) ? -1 : write_file(to, text);
		if (!text)
			rg_fail("cannot read %s: %s", from, strerror(errno));
		free(from);
		free(to);
		free(text);
		if (ret)
			return -1;
	}
	set_identity(NULL);
	return run_in(s->scratch, init, NULL) || run_in(s->scratch, add, NULL) ||
	       run_in(s->scratch, commit, NULL) ? -1 : 0;
}

static int commit_group(struct rg_series *s, int n)
{
	const struct rg_series_group *g = &s->groups[n];
	char *diff_path = rg_strdup_printf("%s/.git/refguard-%d.diff", s->scratch, n);
	char *msg_path = rg_strdup_printf("%s/.git/refguard-%d.msg", s->scratch, n);
	char *apply[] = { "git", "apply", "--index", diff_path, NULL };
	char *commit[] = { "git", "-c", "commit.gpgsign=false", "commit", "-q",
			   "-F", msg_path, NULL };
	char *diff = NULL, *msg = rg_series_changelog(s, g);
	size_t len = 0;
	FILE *out = open_memstream(&diff, &len);
	int i, ret;

	for (i = 0; i < g->nr_files; i++) {
		const struct rg_file_diff *fd = &s->patch.files[g->files[i]];

		fwrite(fd->text, 1, fd->text_len, out);
	}
	fclose(out);
	set_identity(s->o->signoff);
	ret = write_file(diff_path, diff) || write_file(msg_path, msg) ||
	      run_in(s->scratch, apply, NULL) || run_in(s->scratch, commit, NULL);
	free(diff);
	free(msg);
	free(diff_path);
	free(msg_path);
	return ret ? -1 : 0;
}

/* ---- the mails --------------------------------------------------------- */

/* "To: a,\n    b\n": addresses folded one per line, as git send-email reads them. */
static void put_header(FILE *out, const char *name, char **addrs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ",\n    " : name, addrs[i]);
	if (n)
		fputc('\n', out);
}

static void add_unique(char **list, int *nr, const char *addr)
{
	int i;

	for (i = 0; i < *nr && strcmp(list[i], addr); i++)
		;
	if (i == *nr && *nr < 64)
		list[(*nr)++] = strdup(addr);
}

/*
 * To: the maintainers get_maintainer.pl names for the patch, Cc: its
 * reviewers and lists.  Nothing when the tree has no get_maintainer.pl.
 */
static int recipients(const char *tree, const char *patch, char **to, int *nr_to,
		      char **cc, int *nr_cc)
{
	char *script = rg_strdup_printf("%s/scripts/get_maintainer.pl", tree);
	char *argv[] = { "perl", script, "--no-git", "--no-git-fallback",
			 (char *)patch, NULL };
	char *out = NULL, *line, *save = NULL;
	int ret = 0;

	if (access(script, R_OK)) {
		free(script);
		return 0;
	}
	if (run_in(tree, argv, &out)) {
		ret = -1;
	} else {
		for (line = strtok_r(out, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *role = strstr(line, " (");
			bool maint = role && (strstr(role, "(maintainer:") ||
					      strstr(role, "(supporter:"));

			if (role)
				*role = '\0';
			if (maint)
				add_unique(to, nr_to, line);
			else
				add_unique(cc, nr_cc, line);
		}
	}
	free(out);
	free(script);
	return ret;
}

/* Add To:/Cc: before Subject:, and fill in the cover letter's blanks. */
static int finish_mail(const struct rg_series *s, const char *path, char **to,
		       int nr_to, char **cc, int nr_cc, bool cover)
{
	char *text = rg_slurp_file(path, NULL), *subject, *out_text = NULL;
	size_t len = 0;
	FILE *out;
	int ret;

	if (!text || !(subject = strstr(text, "\nSubject: ")))
		return rg_fail("%s is not a patch mail", path), -1;
	out = open_memstream(&out_text, &len);
	fwrite(text, 1, subject + 1 - text, out);
	put_header(out, "To: ", to, nr_to);
	put_header(out, "Cc: ", cc, nr_cc);
	if (cover) {
		char *blank = strstr(subject, "*** SUBJECT HERE ***");
		char *blurb = strstr(subject, "*** BLURB HERE ***");

		if (!blank || !blurb)
			return rg_fail("%s: git's cover letter has changed", path), -1;
		fwrite(subject + 1, 1, blank - subject - 1, out);
		fputs("Use the page refcount helpers instead of raw accesses", out);
		fwrite(blank + 20, 1, blurb - blank - 20, out);
		rg_series_cover(out, s);
		fputs(blurb + 18, out);
	} else {
		fputs(subject + 1, out);
	}
	fclose(out);
	ret = write_file(path, out_text);
	free(out_text);
	free(text);
	return ret;
}

/*
 * git format-patch into the scratch repository, then the headers and the
 * cover letter; each finished mail goes into set as a new file of dir.
 * Nothing is written outside the scratch repository here.
 */
static int format_series(struct rg_series *s, const char *dir,
			 struct rg_rewrite_set *set, char **names, int *nr_names)
{
	char *since = rg_strdup_printf("HEAD~%d", s->nr_groups);
	char *outdir = rg_strdup_printf("%s/.git/refguard-series", s->scratch);
	char *argv[] = { "git", "format-patch", "--cover-letter", "-o", outdir,
			 since, NULL };
	char *list = NULL, *line, *save = NULL;
	char *all_to[64], *all_cc[64], *files[64];
	int nr_all_to = 0, nr_all_cc = 0, nr_files = 0, i, ret = 0;

	if (run_in(s->scratch, argv, &list)) {
		free(since);
		free(outdir);
		free(list);
		return -1;
	}
	for (line = strtok_r(list, "\n", &save); line && nr_files < 64;
	     line = strtok_r(NULL, "\n", &save))
		files[nr_files++] = line;
	/* files[0] is the cover letter: it goes to everyone. */
	for (i = 1; i < nr_files && !ret; i++) {
		char *to[64], *cc[64];
		int nr_to = 0, nr_cc = 0, j;

		ret = recipients(s->o->tree, files[i], to, &nr_to, cc, &nr_cc) ||
		      finish_mail(s, files[i], to, nr_to, cc, nr_cc, false);
		for (j = 0; j < nr_to; j++)
			add_unique(all_to, &nr_all_to, to[j]);
		for (j = 0; j < nr_cc; j++)
			add_unique(all_cc, &nr_all_cc, cc[j]);
	}
	if (!ret && nr_files)
		ret = finish_mail(s, files[0], all_to, nr_all_to, all_cc,
				  nr_all_cc, true);
	for (i = 0; !ret && i < nr_files; i++) {
		char *text = rg_slurp_file(files[i], NULL);
		char *path = rg_strdup_printf("%s%s", dir, strrchr(files[i], '/'));

		if (!text)
			ret = rg_fail("cannot read %s: %s", files[i], strerror(errno));
		else
			rg_rewrite_create(set, path, text);
		names[(*nr_names)++] = path;
		free(text);
	}
	if (!ret && !nr_files)
		ret = rg_fail("git format-patch wrote no patches");
	free(list);
	free(since);
	free(outdir);
	return ret;
}

static bool has_patches(const char *dir)
{
	char *argv[] = { "sh", "-c", "ls \"$0\"/*.patch >/dev/null 2>&1",
			 (char *)dir, NULL };

	return rg_run(argv, NULL, NULL) == 0;
}

/*
 * Where the series goes: *root, an existing directory the patches are
 * written under (DIR itself, or its parent when DIR is still to be made),
 * and *dir, DIR as an absolute path.  NULL-free on success only.
 */
static int series_dir(const char *outdir, char **root, char **dir)
{
	char *name = strdup(outdir), *slash, *parent;
	size_t len = strlen(name);
	struct stat st;

	*root = *dir = NULL;
	while (len > 1 && name[len - 1] == '/')
		name[--len] = '\0';
	if (!stat(name, &st)) {
		if (!S_ISDIR(st.st_mode)) {
			free(name);
			return rg_fail("%s is not a directory", outdir);
		}
		*root = realpath(name, NULL);
		*dir = *root ? strdup(*root) : NULL;
	} else if (errno == ENOENT) {
		slash = strrchr(name, '/');
		parent = slash ? strndup(name, slash == name ? 1 : slash - name) :
			 strdup(".");
		*root = realpath(parent, NULL);
		if (!*root || stat(*root, &st) || !S_ISDIR(st.st_mode)) {
			rg_fail("cannot make %s: %s is not a directory", outdir, parent);
			free(parent);
			free(name);
			free(*root);
			*root = NULL;
			return RG_EXIT_TROUBLE;
		}
		free(parent);
		*dir = rg_strdup_printf("%s/%s", strcmp(*root, "/") ? *root : "",
					slash ? slash + 1 : name);
	}
	if (!*root) {
		rg_fail("%s: %s", outdir, strerror(errno));
		free(name);
		return RG_EXIT_TROUBLE;
	}
	free(name);
	return 0;
}

int rg_series_check_opts(const char *outdir, const char *signoff)
{
	char *name, *mail, *root, *dir;
	const char *why = signoff ? split_ident(signoff, &name, &mail) : NULL;
	int ret = 0;

	if (why)
		return rg_fail("--signoff takes exactly \"Name <address>\", one line: "
			       "refused, %s", why);
	if (signoff) {
		free(name);
		free(mail);
	}
	if (series_dir(outdir, &root, &dir))
		return RG_EXIT_TROUBLE;
	if (!strcmp(root, dir) && has_patches(dir))
		ret = rg_fail("%s already holds patches: use an empty directory",
			      outdir);
	free(root);
	free(dir);
	return ret;
}

int rg_fix_series(const struct rg_series_opts *o)
{
	struct rg_series s = { .o = o };
	struct rg_rewrite_set set = { 0 };
	char *root = NULL, *dir = NULL, *names[64];
	int i, ret, nr_names = 0;

	if (rg_series_check_opts(o->outdir, o->signoff) ||
	    series_dir(o->outdir, &root, &dir))
		return RG_EXIT_TROUBLE;
	ret = rg_diff_parse(o->diff, &s.patch) ?
	      rg_fail("the rewrite is not a diff refguard can cut up") :
	      !s.patch.nr_files ? rg_fail("nothing to rewrite: no series to write") : 0;
	if (!ret)
		ret = make_groups(&s) || scratch_repo(&s);
	for (i = 0; !ret && i < s.nr_groups; i++)
		ret = commit_group(&s, i);
	if (!ret)
		ret = format_series(&s, dir, &set, names, &nr_names);
	/* every patch or none: a failed series leaves DIR as it was */
	if (!ret)
		ret = rg_rewrite_commit(&set, root);
	else if (set.n)
		rg_rewrite_discard(&set);
	for (i = 0; i < nr_names; i++) {
		if (!ret)
			printf("%s\n", names[i]);
		free(names[i]);
	}
	if (s.scratch)
		rg_tmpdir_remove(s.scratch);
	free(root);
	free(dir);
	return ret ? RG_EXIT_TROUBLE : RG_EXIT_CLEAN;
}
