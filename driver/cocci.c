// SPDX-License-Identifier: GPL-2.0
/*
 * refguard fix / refguard report: run the semantic patches in cocci/
 * over a kernel tree with spatch.
 *
 * The tree is prefiltered with one grep for the API names (taken from
 * the rule catalogue), so spatch only sees the few hundred files that can
 * match; each semantic patch then gets only the files that mention its
 * own names, as one-file groups (--file-groups) run in parallel (-j), so
 * a file that times out or does not parse costs that file alone.
 *
 * In report mode the .cocci files print compact records (REFGUARD_RECORDS
 * =1), and this file turns them into diagnostics with the catalogue's
 * messages, so the wording lives in rules/rules.def only.
 *
 * spatch skips code it cannot parse without saying so in its result; with
 * --verbose-parsing it prints each skipped region on stderr.  A region
 * that mentions one of the script's names could have held a finding, so
 * it is reported as unchecked and the exit status is 2.  Regions that do
 * not mention the API cannot hold a finding and are ignored: the rules
 * only ever match code naming the API.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "catalogue.h"

#define RG_JOBS		"2"
#define RG_TIMEOUT	"120"

struct script {
	const char *rule;		/* rule id, and cocci/<rule>.cocci */
	bool fixes;			/* has a patch mode */
	unsigned int kinds;		/* API kinds whose names select files */
	const char *extra;		/* another token that selects files */
};

#define K(kind) (1u << (kind))

static const struct script scripts[] = {
	{ "raw-set-count", true, K(RG_SET), NULL },
	{ "direct-refcount", true, 0, "_refcount" },
	{ "frozen-arith", false,
	  K(RG_SET_FROZEN) | K(RG_FREEZE) | K(RG_TEST_ZERO) | K(RG_ALLOC_FROZEN),
	  NULL },
	{ "unfreeze-unfrozen", false, K(RG_UNFREEZE), NULL },
};
#define NR_SCRIPTS (sizeof(scripts) / sizeof(scripts[0]))

struct strv {
	char **v;
	size_t n, cap;
};

static void strv_push(struct strv *s, char *str)
{
	if (s->n + 1 >= s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v) {
			perror("refguard");
			exit(RG_EXIT_TROUBLE);
		}
	}
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
}

struct finding {
	char *file, *function, *fix, *message;
	char *note;		/* "file:line:col: note: ..." or NULL */
	const char *rule;
	long line, column;
};

struct unchecked {
	char *file, *function, *reason;
};

struct results {
	struct finding *f;
	size_t nf, capf;
	struct unchecked *u;
	size_t nu, capu;
};

struct options {
	unsigned int rules;	/* bit per scripts[] entry; 0: all */
	const char *kernel;
	bool in_place;
	bool json;
	struct strv paths;
};

static const char *tree;	/* absolute path of the kernel tree */
static const char *root;	/* what spatch works on: the tree or a copy */
static const char *workdir;	/* scratch directory, spatch's cwd */

static bool is_helper_file(const char *rel)
{
	unsigned int i;

	for (i = 0; i < rg_helper_file_count; i++)
		if (!strcmp(rel, rg_helper_files[i]))
			return true;
	return false;
}

/* Does the word w occur in s (not as part of a longer identifier)? */
static bool has_word(const char *s, const char *w)
{
	size_t len = strlen(w);
	const char *p;

	for (p = strstr(s, w); p; p = strstr(p + 1, w)) {
		bool left = p == s || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		bool right = !(isalnum((unsigned char)p[len]) || p[len] == '_');

		if (left && right)
			return true;
	}
	return false;
}

static bool script_wants(const struct script *sc, const char *text)
{
	unsigned int i;

	if (sc->extra && has_word(text, sc->extra))
		return true;
	for (i = 0; i < rg_api_count; i++)
		if ((sc->kinds & K(rg_api_table[i].kind)) &&
		    has_word(text, rg_api_table[i].name))
			return true;
	return false;
}

static char *read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 65536 * 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				break;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	if (buf)
		buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

/* grep -E alternation of every name any script selects files by. */
static char *prefilter_regex(void)
{
	size_t cap = 4096, len = 0;
	char *re = malloc(cap);
	unsigned int i, s;

	len += snprintf(re + len, cap - len, "_refcount");
	for (i = 0; i < rg_api_count; i++)
		for (s = 0; s < NR_SCRIPTS; s++)
			if (scripts[s].kinds & K(rg_api_table[i].kind)) {
				len += snprintf(re + len, cap - len, "|%s",
						rg_api_table[i].name);
				break;
			}
	return re;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The files, relative to the tree, that may match: grep's list, minus the
 * helpers' own files.  paths restricts it (files or directories).
 */
static int candidate_files(struct strv *paths, struct strv *out)
{
	struct strv argv = { 0 };
	char *list = NULL, *line, *save;
	char *re = prefilter_regex();
	size_t i;
	int st;

	strv_push(&argv, "grep");
	strv_push(&argv, "-rlwE");
	strv_push(&argv, "--include=*.c");
	strv_push(&argv, "--include=*.h");
	strv_push(&argv, "-e");
	strv_push(&argv, re);
	strv_push(&argv, "--");
	if (paths->n == 0)
		strv_push(&argv, ".");
	for (i = 0; i < paths->n; i++) {
		if (access(paths->v[i], R_OK))
			return rg_fail("%s: no such file or directory in %s",
				       paths->v[i], tree);
		strv_push(&argv, paths->v[i]);
	}
	st = rg_run(argv.v, &list, NULL);
	if (st != 0 && st != 1) {
		free(list);
		return rg_fail("grep failed on %s", tree);
	}
	for (line = strtok_r(list, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "./", 2))
			line += 2;
		if (!is_helper_file(line))
			strv_push(out, strdup(line));
	}
	free(list);
	free(argv.v);
	free(re);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	return 0;
}

/* Write the one-file groups of the files sc wants; count them. */
static size_t write_groups(const struct script *sc, struct strv *files,
			   char **texts, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i, n = 0;

	if (!f)
		return 0;
	for (i = 0; i < files->n; i++)
		if (texts[i] && script_wants(sc, texts[i])) {
			fprintf(f, "%s/%s\n\n", root, files->v[i]);
			n++;
		}
	fclose(f);
	return n;
}

static const char *rel_path(const char *file)
{
	size_t len = strlen(root);

	if (!strncmp(file, root, len) && file[len] == '/')
		return file + len + 1;
	return file;
}

static void add_unchecked(struct results *r, const char *file,
			  const char *function, const char *reason)
{
	size_t i;

	for (i = 0; i < r->nu; i++)
		if (!strcmp(r->u[i].file, file) &&
		    !strcmp(r->u[i].function ? r->u[i].function : "",
			    function ? function : "") &&
		    !strcmp(r->u[i].reason, reason))
			return;
	if (r->nu == r->capu) {
		r->capu = r->capu ? 2 * r->capu : 16;
		r->u = realloc(r->u, r->capu * sizeof(*r->u));
	}
	r->u[r->nu].file = strdup(file);
	r->u[r->nu].function = function ? strdup(function) : NULL;
	r->u[r->nu].reason = strdup(reason);
	r->nu++;
}

/* The name a region of unparsed code defines, or NULL. */
static char *region_name(const char *line)
{
	const char *p = line, *end;

	if (!strncmp(p, "#define", 7)) {
		for (p += 7; *p == ' ' || *p == '\t'; p++)
			;
	} else {
		if (isspace((unsigned char)*p) || !strchr(p, '('))
			return NULL;
		end = strchr(p, '(');
		while (end > p && isspace((unsigned char)end[-1]))
			end--;
		for (p = end; p > line && (isalnum((unsigned char)p[-1]) ||
					   p[-1] == '_'); p--)
			;
		return end > p ? strndup(p, end - p) : NULL;
	}
	for (end = p; isalnum((unsigned char)*end) || *end == '_'; end++)
		;
	return end > p ? strndup(p, end - p) : NULL;
}

/*
 * spatch's stderr under --verbose-parsing: "parse error" then
 * ' = File "F", line N, ...' then "bad:"/"BAD:!!!!!" lines holding the
 * region it skipped; "Timeout" lines name files it gave up on.
 */
static void scan_stderr(const struct script *sc, char *err, struct results *r)
{
	char *line, *save, *file = NULL, *name = NULL;
	bool relevant = false, in_bad = false;
	size_t rlen = strlen(root);

	for (line = strtok_r(err, "\n", &save); ; line = strtok_r(NULL, "\n", &save)) {
		bool bad = line && (!strncmp(line, "bad:", 4) ||
				    !strncmp(line, "BAD:!!!!!", 9));
		char *q;

		/* A region ends at the first other line after its bad: lines. */
		if (in_bad && !bad) {
			if (relevant && !strncmp(file, root, rlen))
				add_unchecked(r, rel_path(file), name,
					      "spatch could not parse this code");
			free(file);
			free(name);
			file = name = NULL;
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
			relevant |= script_wants(sc, q);
			in_bad = true;
		} else if (strstr(line, "imeout") && strstr(line, root)) {
			q = strstr(line, root);
			add_unchecked(r, rel_path(strtok(q, " :\"")), NULL,
				      "spatch timed out on this file");
		}
	}
	free(file);
}

/* 1-based display column (tabs to 8), as GCC prints it. */
static long display_column(const char *file, long line, long byte_col)
{
	FILE *f = fopen(file, "r");
	char buf[4096];
	long n = 0, col = 0, i;

	if (!f)
		return byte_col + 1;
	while (fgets(buf, sizeof(buf), f))
		if (++n == line)
			break;
	fclose(f);
	if (n != line)
		return byte_col + 1;
	for (i = 0; i < byte_col && buf[i]; i++)
		col = buf[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col + 1;
}

/* A catalogue message with its %qs directives filled in as '...'. */
static char *render(const char *fmt, const char *a, const char *b)
{
	const char *args[2] = { a, b };
	size_t cap = strlen(fmt) + strlen(a) + strlen(b) + 16, len = 0;
	char *out = malloc(cap);
	int k = 0;

	for (; *fmt; fmt++) {
		if (!strncmp(fmt, "%qs", 3) && k < 2) {
			len += sprintf(out + len, "'%s'", args[k++]);
			fmt += 2;
		} else {
			out[len++] = *fmt;
		}
	}
	out[len] = '\0';
	return out;
}

/*
 * RG \x1f rule \x1f file \x1f line \x1f col \x1f function \x1f arg \x1f
 * helper \x1f fix [\x1f note-line]: one finding from a .cocci.
 */
static void add_record(struct results *r, char *rec)
{
	char *fld[12] = { 0 };
	int n = 0, id;
	struct finding *fd;
	char *p = rec;

	while (n < 12 && p) {
		fld[n++] = p;
		p = strchr(p, '\x1f');
		if (p)
			*p++ = '\0';
	}
	if (n < 9 || (id = rg_rule_find(fld[1])) < 0)
		return;
	if (r->nf == r->capf) {
		r->capf = r->capf ? 2 * r->capf : 64;
		r->f = realloc(r->f, r->capf * sizeof(*r->f));
	}
	fd = &r->f[r->nf++];
	fd->rule = rg_rules[id].name;
	fd->file = strdup(rel_path(fld[2]));
	fd->line = atol(fld[3]);
	fd->column = display_column(fld[2], fd->line, atol(fld[4]));
	fd->function = strdup(fld[5]);
	fd->message = *fld[7] ?
		render(rg_rules[id].message_with_rewrite, fld[6], fld[7]) :
		render(rg_rules[id].message, fld[6], "");
	fd->fix = *fld[8] ? strdup(fld[8]) : NULL;
	fd->note = NULL;
	if (n > 9 && *fld[9] && *rg_rules[id].note)
		fd->note = rg_strdup_printf("%s:%s:%ld: note: %s", fd->file, fld[9],
					    display_column(fld[2], atol(fld[9]),
							   n > 10 ? atol(fld[10]) : 0),
					    rg_rules[id].note);
}

/* Run one script over its files: report records, or rewrite in place. */
static int run_script(const struct script *sc, const char *groups,
		      bool patch, struct results *r)
{
	char *sp = rg_path(rg_strdup_printf("cocci/%s.cocci", sc->rule));
	char *errpath = rg_strdup_printf("%s.err", groups);
	char *out = NULL, *err, *line, *save;
	struct strv argv = { 0 };
	int st, saved = dup(STDERR_FILENO), fd;

	strv_push(&argv, getenv("REFGUARD_SPATCH") ?: "spatch");
	strv_push(&argv, "--sp-file");
	strv_push(&argv, sp);
	strv_push(&argv, "-D");
	strv_push(&argv, patch ? "patch" : "report");
	strv_push(&argv, "--file-groups");
	strv_push(&argv, (char *)groups);
	strv_push(&argv, "--no-includes");
	strv_push(&argv, "--include-headers");
	strv_push(&argv, "--quiet");
	strv_push(&argv, "--verbose-parsing");
	strv_push(&argv, "-j");
	strv_push(&argv, getenv("REFGUARD_JOBS") ?: RG_JOBS);
	strv_push(&argv, "--chunksize");
	strv_push(&argv, "1");
	strv_push(&argv, "--timeout");
	strv_push(&argv, getenv("REFGUARD_TIMEOUT") ?: RG_TIMEOUT);
	if (patch)
		strv_push(&argv, "--in-place");

	/* spatch's stderr is data here: keep it in a file. */
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return rg_fail("cannot write %s: %s", errpath, strerror(errno));
	dup2(fd, STDERR_FILENO);
	close(fd);
	setenv("REFGUARD_RECORDS", "1", 1);
	/*
	 * Not from the tree: the kernel's .cocciconfig asks for
	 * --use-gitgrep, which breaks --file-groups outside a git checkout.
	 */
	if (chdir(workdir))
		return rg_fail("cannot enter %s: %s", workdir, strerror(errno));
	st = rg_run(argv.v, &out, NULL);
	if (chdir(tree))
		return rg_fail("cannot enter %s: %s", tree, strerror(errno));
	dup2(saved, STDERR_FILENO);
	close(saved);
	err = read_file(errpath, NULL);
	unlink(errpath);
	if (st != 0) {
		fprintf(stderr, "%s", err ? err : "");
		free(err);
		free(out);
		return rg_fail("spatch failed on cocci/%s.cocci (exit %d)%s",
			       sc->rule, st, st == 127 || st < 0 ?
			       ": is spatch (Debian: coccinelle) installed?" : "");
	}
	if (err)
		scan_stderr(sc, err, r);
	free(err);
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "RG\x1f", 3))
			add_record(r, line);
	free(out);
	return 0;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

static void json_string(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void print_json(struct results *r)
{
	size_t i;

	fputs("{\"findings\":[", stdout);
	for (i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];

		printf("%s{\"file\":", i ? "," : "");
		json_string(f->file);
		printf(",\"line\":%ld,\"column\":%ld,\"severity\":\"warning\",\"rule\":",
		       f->line, f->column);
		json_string(f->rule);
		fputs(",\"message\":", stdout);
		json_string(f->message);
		fputs(",\"function\":", stdout);
		json_string(f->function);
		fputs(",\"fix\":", stdout);
		json_string(f->fix);
		putchar('}');
	}
	fputs("],\"unchecked\":[", stdout);
	for (i = 0; i < r->nu; i++) {
		printf("%s{\"file\":", i ? "," : "");
		json_string(r->u[i].file);
		fputs(",\"function\":", stdout);
		json_string(r->u[i].function);
		fputs(",\"reason\":", stdout);
		json_string(r->u[i].reason);
		putchar('}');
	}
	puts("]}");
}

static void print_text(struct results *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++) {
		printf("%s:%ld:%ld: warning: %s [refguard-%s]\n", r->f[i].file,
		       r->f[i].line, r->f[i].column, r->f[i].message,
		       r->f[i].rule);
		if (r->f[i].note)
			printf("%s\n", r->f[i].note);
	}
	for (i = 0; i < r->nu; i++)
		fprintf(stderr, "refguard: %s%s%s: not checked: %s\n",
			r->u[i].file, r->u[i].function ? ": " : "",
			r->u[i].function ? r->u[i].function : "",
			r->u[i].reason);
}

/* Drop the duplicates the same site gives (e.g. a header seen twice). */
static void sort_results(struct results *r)
{
	size_t i, n = 0;

	qsort(r->f, r->nf, sizeof(*r->f), cmp_finding);
	for (i = 0; i < r->nf; i++)
		if (!n || cmp_finding(&r->f[n - 1], &r->f[i]))
			r->f[n++] = r->f[i];
	r->nf = n;
}

static int parse_options(int argc, char **argv, bool fix, struct options *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--kernel") && i + 1 < argc) {
			o->kernel = argv[++i];
		} else if (!strncmp(argv[i], "--kernel=", 9)) {
			o->kernel = argv[i] + 9;
		} else if (!strcmp(argv[i], "--rule") && i + 1 < argc) {
			unsigned int s;

			for (s = 0; s < NR_SCRIPTS; s++)
				if (!strcmp(argv[i + 1], scripts[s].rule) &&
				    (!fix || scripts[s].fixes))
					break;
			if (s == NR_SCRIPTS)
				return rg_fail("unknown rule '%s' for %s", argv[i + 1],
					       fix ? "fix" : "report");
			o->rules |= 1u << s;
			i++;
		} else if (fix && !strcmp(argv[i], "--in-place")) {
			o->in_place = true;
		} else if (!fix && !strcmp(argv[i], "--format") && i + 1 < argc) {
			if (strcmp(argv[++i], "json") && strcmp(argv[i], "text"))
				return rg_fail("unknown format '%s' (text or json)",
					       argv[i]);
			o->json = !strcmp(argv[i], "json");
		} else if (!fix && !strncmp(argv[i], "--format=", 9)) {
			if (strcmp(argv[i] + 9, "json") && strcmp(argv[i] + 9, "text"))
				return rg_fail("unknown format '%s' (text or json)",
					       argv[i] + 9);
			o->json = !strcmp(argv[i] + 9, "json");
		} else if (argv[i][0] == '-') {
			rg_fail("unknown option '%s'", argv[i]);
			return rg_usage(fix ? "fix" : "report");
		} else if (!fix) {
			strv_push(&o->paths, argv[i]);
		} else {
			rg_fail("unexpected argument '%s'", argv[i]);
			return rg_usage("fix");
		}
	}
	return 0;
}

/* Resolve the tree, chdir into it, list and read the candidate files. */
static int setup(struct options *o, struct strv *files, char ***texts)
{
	size_t i;
	int st;

	tree = rg_kernel_tree(o->kernel);
	if (!tree)
		return RG_EXIT_TROUBLE;
	if (chdir(tree))
		return rg_fail("cannot enter %s: %s", tree, strerror(errno));
	root = tree;
	st = candidate_files(&o->paths, files);
	if (st)
		return st;
	*texts = calloc(files->n + 1, sizeof(char *));
	for (i = 0; i < files->n; i++)
		(*texts)[i] = read_file(files->v[i], NULL);
	return 0;
}

static char *make_workdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = rg_strdup_printf("%s/refguard-cocci.XXXXXX",
				     tmp && *tmp ? tmp : "/tmp");

	if (!mkdtemp(dir)) {
		rg_fail("mkdtemp %s: %s", dir, strerror(errno));
		return NULL;
	}
	workdir = dir;
	return dir;
}

static void remove_workdir(const char *dir)
{
	char *argv[] = { "rm", "-rf", "--", (char *)dir, NULL };

	rg_run(argv, NULL, NULL);
}

/*
 * Parse the options, pick the candidate files and make the work
 * directory: the common start of report and fix.  Returns 0 with *work
 * set, or the exit status.
 */
static int start(int argc, char **argv, bool fix, struct options *o,
		 struct strv *files, char ***texts, char **work)
{
	int st = parse_options(argc, argv, fix, o);

	if (!st)
		st = setup(o, files, texts);
	if (st)
		return st;
	*work = make_workdir();
	return *work ? 0 : RG_EXIT_TROUBLE;
}

/*
 * Run every selected script (with --rule, the chosen ones; in patch mode,
 * only those with rewrites) over the files naming its functions.
 */
static int run_scripts(const struct options *o, struct strv *files,
		       char **texts, const char *groups, bool patch,
		       struct results *r)
{
	unsigned int s;
	int st = 0;

	for (s = 0; s < NR_SCRIPTS && !st; s++)
		if ((!patch || scripts[s].fixes) &&
		    (!o->rules || (o->rules & (1u << s))) &&
		    write_groups(&scripts[s], files, texts, groups))
			st = run_script(&scripts[s], groups, patch, r);
	return st;
}

int cmd_report(int argc, char **argv)
{
	struct options o = { 0 };
	struct strv files = { 0 };
	struct results r = { 0 };
	char **texts, *work, *groups;
	int st;

	st = start(argc, argv, false, &o, &files, &texts, &work);
	if (st)
		return st;
	groups = rg_strdup_printf("%s/groups", work);
	st = run_scripts(&o, &files, texts, groups, false, &r);
	remove_workdir(work);
	if (st)
		return st;
	sort_results(&r);
	if (o.json)
		print_json(&r);
	else
		print_text(&r);
	if (r.nu)
		return RG_EXIT_TROUBLE;
	return r.nf ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}

/*
 * The helpers the rewrites call, for trees that predate them: defined
 * next to init_page_count(), in terms of the raw setters (the helpers'
 * own file may use them).
 */
static const struct {
	const char *name;
	const char *definition;
} missing_helpers[] = {
	{ "set_page_count_as_frozen",
	  "\nstatic inline void set_page_count_as_frozen(struct page *page)\n"
	  "{\n\tset_page_count(page, 0);\n}\n" },
	{ "init_folio_count",
	  "\nstatic inline void init_folio_count(struct folio *folio)\n"
	  "{\n\tfolio_set_count(folio, 1);\n}\n" },
};

static int add_missing_helpers(const char *page_ref_h)
{
	char *text = read_file(page_ref_h, NULL), *at, *def;
	FILE *f;
	unsigned int i;
	bool changed = false;

	if (!text)
		return rg_fail("cannot read %s", page_ref_h);
	/* Each goes right after init_page_count(): add them last first. */
	for (i = sizeof(missing_helpers) / sizeof(missing_helpers[0]); i-- > 0;) {
		def = rg_strdup_printf("void %s(", missing_helpers[i].name);
		if (strstr(text, def))
			continue;
		at = strstr(text, "void init_page_count(");
		at = at ? strstr(at, "\n}\n") : NULL;
		if (!at)
			return rg_fail("%s: no init_page_count() to add %s() next to",
				       page_ref_h, missing_helpers[i].name);
		at += 3;
		text = rg_strdup_printf("%.*s%s%s", (int)(at - text), text,
					missing_helpers[i].definition, at);
		changed = true;
	}
	if (!changed)
		return 0;
	f = fopen(page_ref_h, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		return rg_fail("cannot write %s", page_ref_h);
	return 0;
}

/* Copy the files the rewrites may touch into root, keeping their paths. */
static int copy_files(struct strv *files, char **texts)
{
	struct strv argv = { 0 };
	size_t i;
	unsigned int s;

	strv_push(&argv, "cp");
	strv_push(&argv, "--parents");
	strv_push(&argv, "-t");
	strv_push(&argv, (char *)root);
	strv_push(&argv, "--");
	strv_push(&argv, "include/linux/page_ref.h");
	for (i = 0; i < files->n; i++)
		for (s = 0; s < NR_SCRIPTS; s++)
			if (scripts[s].fixes && texts[i] &&
			    script_wants(&scripts[s], texts[i])) {
				strv_push(&argv, files->v[i]);
				break;
			}
	if (rg_run(argv.v, NULL, NULL) != 0)
		return rg_fail("could not copy the files to rewrite into %s", root);
	return 0;
}

/* diff -u of every copied file against the tree, -p1, sorted by path. */
static int collect_diff(struct strv *files, char **diff)
{
	struct strv rel = { 0 };
	size_t i, len = 0;
	char *all = strdup("");

	strv_push(&rel, "include/linux/page_ref.h");
	for (i = 0; i < files->n; i++)
		if (strcmp(files->v[i], "include/linux/page_ref.h"))
			strv_push(&rel, files->v[i]);
	for (i = 0; i < rel.n; i++) {
		char *copy = rg_strdup_printf("%s/%s", root, rel.v[i]);
		char *la = rg_strdup_printf("a/%s", rel.v[i]);
		char *lb = rg_strdup_printf("b/%s", rel.v[i]);
		char *argv[] = { "diff", "-u", "-p", "--label", la, "--label",
				 lb, rel.v[i], copy, NULL };
		char *out = NULL;
		size_t n = 0;
		int st;

		if (access(copy, F_OK))
			continue;
		st = rg_run(argv, &out, &n);
		if (st == 1) {
			all = realloc(all, len + n + strlen(rel.v[i]) * 2 + 32);
			len += sprintf(all + len, "diff -u -p a/%s b/%s\n",
				       rel.v[i], rel.v[i]);
			memcpy(all + len, out, n + 1);
			len += n;
		} else if (st != 0) {
			return rg_fail("diff failed on %s", rel.v[i]);
		}
		free(out);
	}
	*diff = all;
	return 0;
}

static int apply_diff(const char *diff)
{
	char *path = rg_strdup_printf("%s.diff", root);
	char *argv[] = { "patch", "-p1", "-s", "-N", "-d", (char *)tree, "-i",
			 path, NULL };
	FILE *f = fopen(path, "w");

	if (!f || fputs(diff, f) < 0 || fclose(f))
		return rg_fail("cannot write %s", path);
	if (rg_run(argv, NULL, NULL) != 0)
		return rg_fail("patch could not apply the rewrite to %s", tree);
	return 0;
}

int cmd_fix(int argc, char **argv)
{
	struct options o = { 0 };
	struct strv files = { 0 };
	struct results r = { 0 };
	char **texts, *work, *groups, *diff = NULL, *ref;
	int st;

	st = start(argc, argv, true, &o, &files, &texts, &work);
	if (st)
		return st;
	root = rg_strdup_printf("%s/tree", work);
	groups = rg_strdup_printf("%s/groups", work);
	ref = rg_strdup_printf("%s/include/linux/page_ref.h", root);
	if (mkdir(root, 0700) || (st = copy_files(&files, texts)))
		st = st ?: rg_fail("mkdir %s: %s", root, strerror(errno));
	if (!st)
		st = run_scripts(&o, &files, texts, groups, true, &r);
	if (!st)
		st = add_missing_helpers(ref);
	if (!st)
		st = collect_diff(&files, &diff);
	if (!st && o.in_place && *diff)
		st = apply_diff(diff);
	remove_workdir(work);
	if (st)
		return st;
	if (!o.in_place)
		fputs(diff, stdout);
	print_text(&r);
	if (r.nu)
		return RG_EXIT_TROUBLE;
	return *diff ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}
