// SPDX-License-Identifier: GPL-2.0
/*
 * refguard check [--fatal] [--sparse] [--] <CHECKFLAGS> <c_flags> file.c
 *
 * A drop-in $(CHECK) for kbuild: `make C=1 CHECK="/path/refguard check"`.
 * kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) file.c", that is
 * sparse's flags (-D__linux__ ... -Wbitwise --arch=x86 -mlittle-endian
 * -m64) followed by the compiler's (starting with -Wp,-MMD,<depfile>).
 *
 * We run gcc with refguard's plugin on the compiler's flags, -O2 and all:
 * kernel code does not compile at -O0, and -fsyntax-only would not reach
 * the flow pass.  -fplugin-arg-refguard-check-only (plugin/checkmode.c)
 * stops gcc right after refguard's passes, so the cost is close to the
 * front end's.  gcc's own warnings are the real build's business; only
 * refguard's diagnostics (and their notes) are printed, one line each, as
 * sparse prints its warnings.
 *
 * Options are recognised only before the first argument that is not one
 * of them, so they can never be confused with a pass-through flag; "--"
 * ends them explicitly.
 *
 * Exit status, like sparse's: 0 even with findings (a failing $(CHECK)
 * stops kbuild), 1 with findings under --fatal, 2 when the file could not
 * be checked (gcc failed to parse it, no plugin, no file, ...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "spawn.h"
#include "check.h"

/* Sparse-only warnings, as -W<name> or -Wno-<name>: gcc rejects or misreads them. */
static const char *const sparse_warnings[] = {
	"address-space", "bitwise", "bitwise-pointer", "cast-from-as",
	"cast-to-as", "cast-truncate", "constant-suffix", "context", "decl",
	"default-bitfield-sign", "do-while", "enum-mismatch",
	"external-function-has-definition", "flexible-array-array",
	"flexible-array-nested", "flexible-array-sizeof",
	"flexible-array-union", "function-redeclaration", "init-cstring",
	"memcpy-max-count", "non-pointer-null", "newline-eof",
	"old-initializer", "one-bit-signed-bitfield", "ptr-subtraction-blows",
	"return-void", "sizeof-bool", "transparent-union", "typesign",
	"union-cast", "unknown-attribute", "universal-initializer",
	"sparse-all", "sparse-error",
};

/* Is arg a kbuild dependency-file flag, the start of $(c_flags)? */
static bool is_depfile_flag(const char *arg)
{
	return !strncmp(arg, "-Wp,-MMD,", 9) || !strncmp(arg, "-Wp,-MD,", 8);
}

static bool is_sparse_only(const char *arg)
{
	const char *w;
	unsigned int i;

	if (!strncmp(arg, "--arch=", 7) || !strcmp(arg, "-mlittle-endian") ||
	    !strcmp(arg, "-mbig-endian") || !strcmp(arg, "-D__STDC__") ||
	    !strncmp(arg, "-fmemcpy-max-count=", 19) ||
	    !strncmp(arg, "-fdiagnostic-prefix", 19) ||
	    !strncmp(arg, "-fmax-warnings=", 15))
		return true;
	if (strncmp(arg, "-W", 2))
		return false;
	w = arg + 2;
	if (!strncmp(w, "no-", 3))
		w += 3;
	for (i = 0; i < sizeof(sparse_warnings) / sizeof(sparse_warnings[0]); i++)
		if (!strcmp(w, sparse_warnings[i]))
			return true;
	return false;
}

/* Sparse options that take the next argument as their value. */
static bool sparse_takes_value(const char *arg)
{
	return !strcmp(arg, "-gcc-base-dir") || !strcmp(arg, "-multiarch-dir");
}

/*
 * gcc's own warning options (-Wall, -Wextra, -Wno-..., -Werror=...,
 * -Wframe-larger-than=...), but not -Wp, -Wa, -Wl, which pass options to
 * other tools.  The checker prints only refguard's diagnostics, so gcc's
 * warnings are work thrown away: dropping them saves 6-10% of the front
 * end on mm/ (measured on page_alloc.c and fadvise.c).  They cannot hide
 * or add a finding: refguard warns with option 0 (enabled unless -w) and
 * its analyses read the trees, which no warning option changes.
 */
static bool is_gcc_warning_flag(const char *arg)
{
	return !strncmp(arg, "-W", 2) && strncmp(arg, "-Wp,", 4) &&
	       strncmp(arg, "-Wa,", 4) && strncmp(arg, "-Wl,", 4);
}

/*
 * Compiler flags that must not reach the checking gcc: kbuild's dependency
 * output, output/stage selection (we choose our own), debug info (nothing
 * to describe: no code is generated), warning options (see above; -Werror
 * in particular would turn refguard's warnings into errors and stop gcc
 * before the flow pass), and a refguard plugin already loaded through
 * KCFLAGS (loading it twice is an error).
 * Returns how many arguments to drop (0, 1 or 2).
 */
static int drop_compiler_flag(char **argv, int i, int argc)
{
	const char *arg = argv[i];
	size_t len = strlen(arg);

	if (is_depfile_flag(arg) || !strcmp(arg, "-c") || !strcmp(arg, "-S") ||
	    !strcmp(arg, "-E") || !strcmp(arg, "-fsyntax-only") ||
	    !strcmp(arg, "-MD") || !strcmp(arg, "-MMD") ||
	    is_gcc_warning_flag(arg) || !strncmp(arg, "-fdiagnostics-color", 19) ||
	    (!strncmp(arg, "-g", 2) && strcmp(arg, "-gcc-base-dir")) ||
	    (!strncmp(arg, "-fplugin=", 9) && len >= 11 &&
	     !strcmp(arg + len - 11, "refguard.so")))
		return 1;
	if (!strcmp(arg, "-o") || !strcmp(arg, "-MF") || !strcmp(arg, "-MT") ||
	    !strcmp(arg, "-MQ"))
		return i + 1 < argc ? 2 : 1;
	return 0;
}

struct check_opts {
	bool fatal;
	bool sparse;
};

static int usage(void)
{
	return rg_usage("check");
}

/*
 * Build the gcc command line.  With sparse_flags_first (kbuild's $(CHECK)
 * argv), CHECKFLAGS end where kbuild's c_flags begin (-Wp,-MMD,...);
 * without that marker (a hand-written command) sparse-only flags are
 * recognised one by one.
 */
char **rg_checker_argv(const char *cc, int argc, char **argv, const char *plugin,
		       bool sparse_flags_first)
{
	static const char *const tail[] = {
		"-Wno-error", "-g0", "-S", "-o", "/dev/null",
		"-fplugin-arg-refguard-check-only",
		"-fno-diagnostics-show-caret", "-fdiagnostics-color=never",
		"-fdiagnostics-urls=never", "-fdiagnostics-parseable-fixits",
	};
	char **out = calloc(argc + 16, sizeof(*out));
	int i, n = 0, start = 0;
	bool sparse = sparse_flags_first;

	if (!out)
		return NULL;
	for (i = 0; sparse && i < argc; i++)
		if (is_depfile_flag(argv[i])) {
			start = i;
			sparse = false;
			break;
		}
	out[n++] = (char *)cc;
	for (i = start; i < argc; i++) {
		int drop;

		if (sparse && sparse_takes_value(argv[i])) {
			i++;
			continue;
		}
		if (sparse && is_sparse_only(argv[i]))
			continue;
		drop = drop_compiler_flag(argv, i, argc);
		if (drop) {
			i += drop - 1;
			continue;
		}
		out[n++] = argv[i];
	}
	out[n++] = rg_strdup_printf("-fplugin=%s", plugin);
	for (i = 0; i < (int)(sizeof(tail) / sizeof(tail[0])); i++)
		out[n++] = (char *)tail[i];
	out[n] = NULL;
	return out;
}

static bool is_note(const char *line, size_t len)
{
	return memmem(line, len, ": note: ", 8) != NULL;
}

/* A gcc error that is not a refguard finding: the file was not checked. */
static bool is_real_error(const char *line, size_t len)
{
	if (memmem(line, len, "internal compiler error", 23) ||
	    memmem(line, len, "fatal error: ", 13))
		return true;
	return memmem(line, len, "error: ", 7) && !memmem(line, len, "[refguard-", 10);
}

/* "FILE:L:C: warning: MSG [refguard-RULE]" into f; false if it is not one. */
static bool parse_finding(const char *line, int len, struct rg_gcc_finding *f,
			  char *buf)
{
	const char *tag = memmem(line, len, " [refguard-", 11);
	const char *sev, *end = line + len;
	char *file_end;

	if (!tag)
		return false;
	if ((sev = memmem(line, len, ": warning: ", 11)))
		f->severity = "warning";
	else if ((sev = memmem(line, len, ": error: ", 9)))
		f->severity = "error";
	else
		return false;
	/* FILE:L:C before sev; FILE may contain ':' in theory, so go backwards */
	memcpy(buf, line, len);
	buf[len] = '\0';
	buf[sev - line] = '\0';
	file_end = strrchr(buf, ':');
	if (!file_end)
		return false;
	f->column = atoi(file_end + 1);
	*file_end = '\0';
	file_end = strrchr(buf, ':');
	if (!file_end)
		return false;
	f->line = atoi(file_end + 1);
	*file_end = '\0';
	f->file = buf;
	f->message = buf + (sev - line) + strlen(f->severity) + 4;
	buf[tag - line] = '\0';
	f->rule = buf + (tag - line) + 11;
	buf[end - line - 1] = '\0';	/* the closing ']' */
	return f->line > 0;
}

/* fix-it:"FILE":{L:C-L:C}:"TEXT" -> TEXT (unescaped) into buf. */
static bool parse_fixit(const char *line, int len, char *buf)
{
	const char *p = memmem(line, len, "}:\"", 3), *end = line + len - 1;
	char *o = buf;

	if (strncmp(line, "fix-it:", 7) || !p || *end != '"')
		return false;
	for (p += 3; p < end; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			*o++ = *p == 'n' ? '\n' : *p;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return true;
}

int rg_gcc_findings(const char *text, bool *errors,
		    void (*found)(const struct rg_gcc_finding *f, const char *line,
				  int len, void *data),
		    void (*note)(const char *line, int len, void *data), void *data)
{
	const char *line = text, *end;
	char *function = strdup(""), *buf = NULL, *fixbuf = NULL;
	struct rg_gcc_finding f, pending;
	bool in_finding = false, have_pending = false;
	const char *pending_line = NULL;
	int pending_len = 0, findings = 0;

	*errors = false;
	/*
	 * A finding is passed on once its fix-it lines (which follow it) are
	 * known, so it is held back until the next non-fix-it line.
	 */
	for (;; line = end + 1) {
		int len;

		end = strchrnul(line, '\n');
		len = end - line;
		if (have_pending && (!*line || strncmp(line, "fix-it:", 7))) {
			found(&pending, pending_line, pending_len, data);
			have_pending = false;
		}
		if (!*line && !*end)
			break;
		free(buf);
		buf = malloc(len + 1);
		if (parse_finding(line, len, &f, buf)) {
			f.function = function;
			f.fix = NULL;
			pending = f;
			pending_line = line;
			pending_len = len;
			have_pending = true;
			buf = NULL;	/* owned by pending now; leaked, short-lived */
			findings++;
			in_finding = true;
		} else if (!strncmp(line, "fix-it:", 7)) {
			fixbuf = malloc(len + 1);
			if (have_pending && !pending.fix && parse_fixit(line, len, fixbuf))
				pending.fix = fixbuf;
		} else if (in_finding && is_note(line, len)) {
			if (note)
				note(line, len, data);
		} else {
			const char *q = memmem(line, len, ": In function '", 15);

			in_finding = false;
			if (q) {
				const char *name = q + 15, *close = memchr(name, '\'', end - name);

				free(function);
				function = strndup(name, close ? close - name : 0);
			} else if (memmem(line, len, ": At top level:", 15)) {
				free(function);
				function = strdup("");
			}
			if (is_real_error(line, len))
				*errors = true;
		}
		if (!*end)
			break;
	}
	if (have_pending)
		found(&pending, pending_line, pending_len, data);
	return findings;
}

static void print_finding(const struct rg_gcc_finding *f, const char *line, int len,
			  void *data)
{
	fprintf(stderr, "%.*s\n", len, line);
}

static void print_note(const char *line, int len, void *data)
{
	fprintf(stderr, "%.*s\n", len, line);
}

static int parse_options(int argc, char **argv, struct check_opts *opts)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fatal")) {
			opts->fatal = true;
		} else if (!strcmp(argv[i], "--sparse")) {
			opts->sparse = true;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "--help")) {
			return -1;
		} else {
			break;
		}
	}
	return i;
}

/* The file to check: kbuild passes it last. */
static int check_source_file(int argc, char **argv)
{
	const char *file;
	struct stat st;

	if (argc < 1 || argv[argc - 1][0] == '-')
		return usage();
	file = argv[argc - 1];
	if (stat(file, &st))
		return rg_fail("cannot check %s: %s", file, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return rg_fail("cannot check %s: not a regular file", file);
	return 0;
}

char *rg_plugin_path(void)
{
	const char *env = getenv("REFGUARD_PLUGIN");

	return env && *env ? strdup(env) : rg_path("plugin/refguard.so");
}

/* Start sparse on the original arguments, its output into an anonymous file. */
static pid_t start_sparse(int argc, char **argv, int err_fd)
{
	const char *sparse = getenv("REFGUARD_SPARSE");
	char **sv = calloc(argc + 2, sizeof(*sv));
	pid_t pid;

	if (!sv)
		return -1;
	sv[0] = (char *)(sparse && *sparse ? sparse : "sparse");
	memcpy(sv + 1, argv, argc * sizeof(*argv));
	pid = rg_spawn(sv, err_fd, err_fd, NULL);
	free(sv);
	return pid;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts opts = { false, false };
	int first, status, sparse_status = 0, sparse_fd = -1, gcc_fd, findings;
	char **gv, *plugin, *text;
	pid_t sparse_pid = -1, gcc_pid;
	struct stat st;
	bool errors;

	first = parse_options(argc, argv, &opts);
	if (first < 0)
		return usage();
	argc -= first;
	argv += first;
	status = check_source_file(argc, argv);
	if (status)
		return status;
	plugin = rg_plugin_path();
	if (stat(plugin, &st))
		return rg_fail("no plugin at %s (run make in %s, or set "
			       "REFGUARD_PLUGIN)", plugin, rg_srcdir());

	/* sparse and gcc run side by side: C=1 waits for the slower one only. */
	if (opts.sparse) {
		sparse_fd = rg_anon_file("sparse");
		if (sparse_fd < 0)
			return RG_EXIT_TROUBLE;
		sparse_pid = start_sparse(argc, argv, sparse_fd);
		if (sparse_pid < 0)
			return RG_EXIT_TROUBLE;
	}
	gcc_fd = rg_anon_file("gcc");
	gv = rg_checker_argv(getenv("REFGUARD_CC") && *getenv("REFGUARD_CC") ?
			     getenv("REFGUARD_CC") : "gcc", argc, argv, plugin, true);
	if (gcc_fd < 0 || !gv)
		return RG_EXIT_TROUBLE;
	gcc_pid = rg_spawn(gv, -1, gcc_fd, NULL);
	status = gcc_pid < 0 ? -1 : rg_wait(gcc_pid, gv[0]);
	if (opts.sparse) {
		sparse_status = rg_wait(sparse_pid, "sparse");
		text = rg_slurp_fd(sparse_fd, NULL);
		if (text)
			fputs(text, stderr);
		free(text);
	}

	text = rg_slurp_fd(gcc_fd, NULL);
	if (!text)
		return rg_fail("cannot read gcc's output: %s", strerror(errno));
	findings = rg_gcc_findings(text, &errors, print_finding, print_note, NULL);
	if (status != 0 && (errors || !findings)) {
		/* Show gcc's own account of why it stopped, then give up. */
		fputs(text, stderr);
		return rg_fail("could not check %s (%s exited with status %d)",
			       argv[argc - 1], gv[0], status);
	}
	if (errors)
		return rg_fail("could not check %s: gcc reported errors",
			       argv[argc - 1]);
	if (opts.sparse && sparse_status != 0) {
		if (sparse_status == 127 || sparse_status < 0)
			return rg_fail("could not run sparse");
		/* -Wsparse-error turns sparse's warnings into a failure */
		return sparse_status == 1 ? RG_EXIT_FINDINGS : RG_EXIT_TROUBLE;
	}
	return findings && opts.fatal ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}
