// SPDX-License-Identifier: GPL-2.0
/*
 * One spatch run: a semantic patch over the files it wants, as one-file
 * groups (--file-groups) run in parallel (-j), so a file that times out
 * or does not parse costs that file alone.
 *
 * What the run checked is read from positive evidence only.  refguard
 * appends to (a copy of) the semantic patch a script rule that prints
 * "RGDONE\x1f<file>" for each file: it runs after every rule of the patch
 * has finished on that file, so a file whose processing an exception
 * (EXN: a stack overflow, a timeout), a crash or a killed worker cut short
 * has no marker and is unchecked, whatever spatch's exit status.  The
 * exit status and stderr only add reasons:
 *
 * - a non-zero exit or a death by signal leaves every file of the run
 *   unchecked (spatch does not say which file it was at);
 * - "EXN: <exception> in <file>" names the file and why;
 * - under --verbose-parsing, spatch prints each region of code it could
 *   not parse ("parse error", ' = File "F", line N', then "bad:" lines)
 *   and goes on without it.  A region that names one of the script's
 *   functions could have held a finding: that function is unchecked.
 *   Regions that do not name the API cannot hold one and are ignored.
 *
 * The appended rule also makes the python stdout line-buffered, so the
 * records parallel workers print never tear each other's lines.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocci-internal.h"
#include "spawn.h"
#include "util.h"

#define RG_JOBS		"2"
#define RG_TIMEOUT	"120"

static const char trailer[] =
	"\n// Appended by refguard (cocci/engine/cocci-run.c): the completion marker.\n"
	"@initialize:python@\n@@\n"
	"import sys\n"
	"sys.stdout.reconfigure(line_buffering=True)\n"
	"\n@script:python@\n@@\n"
	"for rg_done_file in cocci.files():\n"
	"\tprint(\"RGDONE\\x1f\" + rg_done_file)\n";

/* cocci/<rule>.cocci with the completion marker, in the work directory. */
static char *marked_patch(const char *workdir, const char *name)
{
	char *orig = rg_strdup_printf("cocci/%s.cocci", name);
	char *src = rg_path(orig), *dst, *text;
	FILE *f;

	text = rg_slurp_file(src, NULL);
	if (!text) {
		rg_fail("cannot read %s: %s", src, strerror(errno));
		free(orig);
		free(src);
		return NULL;
	}
	dst = rg_strdup_printf("%s/%s.cocci", workdir, name);
	f = fopen(dst, "w");
	if (!f || fputs(text, f) < 0 || fputs(trailer, f) < 0 || fclose(f)) {
		rg_fail("cannot write %s: %s", dst, strerror(errno));
		free(dst);
		dst = NULL;
	}
	free(text);
	free(orig);
	free(src);
	return dst;
}

char *rg_cocci_path_env(void)
{
	static const char *const sbin[] = { "/usr/sbin", "/sbin" };
	const char *cur = getenv("PATH");
	char *env, *more;
	size_t i, len;

	if (!cur || !*cur)
		cur = "/usr/local/bin:/usr/bin:/bin";
	env = rg_strdup_printf("PATH=%s", cur);
	for (i = 0; i < sizeof(sbin) / sizeof(sbin[0]); i++) {
		const char *p = env + 5;

		len = strlen(sbin[i]);
		/* a component equal to sbin[i], not a prefix of one */
		for (; p; p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL)
			if (!strncmp(p, sbin[i], len) && (p[len] == ':' || !p[len]))
				break;
		if (p)
			continue;
		more = rg_strdup_printf("%s:%s", env, sbin[i]);
		free(env);
		env = more;
	}
	return env;
}

/* The name a region of unparsed code defines, or NULL. */
static char *region_name(const char *line)
{
	const char *p = line, *end;

	if (!strncmp(p, "#define", 7)) {
		for (p += 7; *p == ' ' || *p == '\t'; p++)
			;
		for (end = p; isalnum((unsigned char)*end) || *end == '_'; end++)
			;
		return end > p ? strndup(p, end - p) : NULL;
	}
	if (isspace((unsigned char)*p) || !strchr(p, '('))
		return NULL;
	end = strchr(p, '(');
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	for (p = end; p > line && (isalnum((unsigned char)p[-1]) || p[-1] == '_'); p--)
		;
	return end > p ? strndup(p, end - p) : NULL;
}

/* "EXN: <exception> in <file>": the file, and the exception as a reason. */
static void exception_line(const struct rg_cocci_job *job, struct rg_cocci_files *files,
			   char *line, bool *unattributed)
{
	size_t rlen = strlen(job->root);
	struct rg_cocci_file *f = NULL;
	char *in, *reason;

	for (in = strstr(line, " in "); in; in = strstr(in + 1, " in "))
		if (!strncmp(in + 4, job->root, rlen) && in[4 + rlen] == '/')
			break;
	if (in)
		f = rg_cocci_lookup(files, job->root, in + 4);
	if (!f) {
		*unattributed = true;
		return;
	}
	reason = rg_strdup_printf("spatch failed: %.*s", (int)(in - line - 5), line + 5);
	rg_cocci_problem(f, NULL, reason);
	free(reason);
}

static void scan_stderr(const struct rg_cocci_job *job, const struct rg_serve *sc,
			struct rg_cocci_files *files, char *err, bool *unattributed)
{
	char *line, *save, *file = NULL, *name = NULL, *q;
	bool relevant = false, in_bad = false;
	struct rg_cocci_file *f;

	for (line = strtok_r(err, "\n", &save); ; line = strtok_r(NULL, "\n", &save)) {
		bool bad = line && (!strncmp(line, "bad:", 4) || !strncmp(line, "BAD:!!!!!", 9));

		/* A region ends at the first other line after its bad: lines. */
		if (in_bad && !bad) {
			f = file ? rg_cocci_lookup(files, job->root, file) : NULL;
			if (relevant && f)
				rg_cocci_problem(f, name, "spatch could not parse this code");
			else if (relevant)
				*unattributed = true;
			free(name);
			name = NULL;
			in_bad = relevant = false;
		}
		if (!line)
			break;
		if (!strncmp(line, " = File \"", 9)) {
			q = strchr(line + 9, '"');
			free(file);
			file = q ? strndup(line + 9, q - line - 9) : NULL;
		} else if (bad && file) {
			q = line + (line[0] == 'B' ? 9 : 4);
			if (*q == ' ')
				q++;
			if (!name)
				name = region_name(q);
			relevant |= rg_serve_selects(sc, q);
			in_bad = true;
		} else if (!strncmp(line, "EXN: ", 5)) {
			exception_line(job, files, line, unattributed);
		} else if (strstr(line, "imeout") && (q = strstr(line, job->root))) {
			q[strcspn(q, " :\"")] = '\0';
			f = rg_cocci_lookup(files, job->root, q);
			if (f)
				rg_cocci_problem(f, NULL, "spatch timed out on this file");
			else
				*unattributed = true;
		}
	}
	free(file);
}

/* The groups file: "<root>/<file>\n\n" for each file the run covers. */
static char *write_groups(const struct rg_cocci_job *job, const char *name,
			  struct rg_cocci_files *files, int *idx, int n)
{
	char *path = rg_strdup_printf("%s/%s.groups", job->workdir, name);
	FILE *f = fopen(path, "w");
	int i;

	for (i = 0; f && i < n; i++)
		fprintf(f, "%s/%s\n\n", job->root,
			files->v[idx[i]].copy ?: files->v[idx[i]].rel);
	if (!f || fclose(f)) {
		rg_fail("cannot write %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

static int spawn_spatch(const struct rg_cocci_job *job, const char *sp,
			const char *groups, int out_fd, int err_fd)
{
	char *tmp = rg_strdup_printf("TMPDIR=%s", job->workdir), *names = NULL;
	char *path = rg_cocci_path_env();
	char *argv[32];
	int n = 0, st;
	pid_t pid;

	/* spatch's own temporary files go where refguard cleans up */
	argv[n++] = "env";
	argv[n++] = tmp;
	/* with ldconfig, for spatch to find libpython (rg_cocci_path_env()) */
	argv[n++] = path;
	argv[n++] = "REFGUARD_RECORDS=1";
	/* The tree's spellings of the helpers (rg_cocci_tree_names()). */
	if (job->names && *job->names)
		argv[n++] = names = rg_strdup_printf("REFGUARD_NAMES=%s", job->names);
	argv[n++] = getenv("REFGUARD_SPATCH") ?: "spatch";
	argv[n++] = "--sp-file";
	argv[n++] = (char *)sp;
	argv[n++] = "-D";
	argv[n++] = job->patch ? "patch" : "report";
	argv[n++] = "--file-groups";
	argv[n++] = (char *)groups;
	argv[n++] = "--no-includes";
	argv[n++] = "--include-headers";
	argv[n++] = "--quiet";
	argv[n++] = "--verbose-parsing";
	argv[n++] = "-j";
	argv[n++] = getenv("REFGUARD_JOBS") ?: RG_JOBS;
	argv[n++] = "--chunksize";
	argv[n++] = "1";
	argv[n++] = "--timeout";
	argv[n++] = getenv("REFGUARD_TIMEOUT") ?: RG_TIMEOUT;
	if (job->patch) {
		/* the rewritten copies are the result; no diff on stdout */
		argv[n++] = "--in-place";
		argv[n++] = "--no-show-diff";
	}
	argv[n] = NULL;
	/*
	 * Not from the tree: the kernel's .cocciconfig asks for
	 * --use-gitgrep, which breaks --file-groups outside a git checkout.
	 */
	pid = rg_spawn(argv, out_fd, err_fd, job->workdir);
	st = pid < 0 ? -1 : rg_wait(pid, "spatch");
	free(names);
	free(path);
	free(tmp);
	return st;
}

static void whole_run_problem(struct rg_cocci_files *files, int *idx, int n,
			      const char *reason)
{
	int i;

	for (i = 0; i < n; i++)
		rg_cocci_problem(&files->v[idx[i]], NULL, reason);
}

int rg_cocci_run(const struct rg_cocci_job *job, const struct rg_serve *sc,
		 struct rg_cocci_files *files, struct rg_results *r)
{
	const char *name = rg_rules[sc->rule].name;
	char *sp = NULL, *groups = NULL, *out = NULL, *err = NULL, *why;
	int *idx = calloc(files->n + 1, sizeof(int));
	int n = 0, i, st, out_fd, err_fd, ret = -1;
	bool unattributed = false;

	for (i = 0; i < files->n; i++) {
		struct rg_cocci_file *f = &files->v[i];

		f->done = f->troubled = false;
		if (!f->text || !rg_serve_selects(sc, f->text))
			continue;
		if (strchr(f->rel, '\n'))
			rg_cocci_problem(f, NULL, "spatch cannot take a file name with a newline");
		else
			idx[n++] = i;
	}
	if (!n) {
		free(idx);
		return 0;
	}
	sp = marked_patch(job->workdir, name);
	groups = sp ? write_groups(job, name, files, idx, n) : NULL;
	out_fd = rg_anon_file("refguard-spatch-out");
	err_fd = rg_anon_file("refguard-spatch-err");
	if (!groups || out_fd < 0 || err_fd < 0)
		goto out;
	st = spawn_spatch(job, sp, groups, out_fd, err_fd);
	out = rg_slurp_fd(out_fd, NULL);
	err = rg_slurp_fd(err_fd, NULL);
	if (st == 126 || st == 127) {
		fputs(err ? err : "", stderr);
		rg_fail("cannot run spatch: is it (Debian: coccinelle) installed?");
		goto out;
	}
	if (!out || !err) {
		rg_fail("cannot read spatch's output");
		goto out;
	}
	/*
	 * spatch loads libpython at run time (pyml): without it (Debian 13
	 * packages it apart, libpython3.13) it says so and no script rule
	 * runs.  The missing markers and the exit status leave the files
	 * unchecked already; this says why.
	 */
	if (strstr(err, "Py.find_library: ") || strstr(err, "Py.run_command: ")) {
		if (st == 0)
			fputs(err, stderr);
		whole_run_problem(files, idx, n,
				  "spatch could not load Python, so no script rule ran "
				  "(install the libpython it needs, Debian: libpython3.X)");
	}
	if (st != 0) {
		/* the user needs spatch's own words, refguard only knows the status */
		fputs(err, stderr);
		why = st < 0 ? rg_strdup_printf("spatch died running cocci/%s.cocci", name) :
			rg_strdup_printf("spatch exited with status %d running cocci/%s.cocci",
					 st, name);
		whole_run_problem(files, idx, n, why);
		free(why);
	}
	scan_stderr(job, sc, files, err, &unattributed);
	if (rg_cocci_parse_stdout(job, sc, out, files, r))
		unattributed = true;
	if (unattributed)
		whole_run_problem(files, idx, n,
				  "spatch printed something refguard could not tie to one file");
	for (i = 0; i < n; i++) {
		struct rg_cocci_file *f = &files->v[idx[i]];

		if (!f->done && !f->troubled)
			rg_cocci_problem(f, NULL, "spatch did not finish this file");
		if (f->done && !f->troubled)
			f->checked |= RG_RULE_BIT(sc->rule);
	}
	ret = 0;
out:
	if (out_fd >= 0)
		close(out_fd);
	if (err_fd >= 0)
		close(err_fd);
	free(out);
	free(err);
	free(sp);
	free(groups);
	free(idx);
	return ret;
}
