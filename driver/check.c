// SPDX-License-Identifier: GPL-2.0
/*
 * refguard check [--fatal] [--sparse] [--engine=sparse|gcc]
 *                [--format=text|json] [--] <CHECKFLAGS> <c_flags> file.c
 *
 * A drop-in $(CHECK) for kbuild: `make C=1 CHECK="/path/refguard check"`.
 * kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) file.c", that is
 * sparse's flags (-D__linux__ ... -Wbitwise --arch=x86 -mlittle-endian
 * -m64) followed by the compiler's (starting with -Wp,-MMD,<depfile>), for
 * GCC and for Clang builds alike.
 *
 * The default engine is sparse's front end, in this process (sparse/):
 * sparse takes exactly these arguments, so nothing is filtered, and the
 * cost is sparse's.  --sparse prints sparse's own warnings from the same
 * parse, the ones plain sparse prints.
 *
 * --engine=gcc runs gcc with refguard's plugin instead, for cross-checks:
 * rg_plugin_check_command() below, on the compiler's flags (-O2 and all:
 * kernel code does not compile at -O0, and -fsyntax-only would not reach
 * the flow pass), stopping right after refguard's passes
 * (-fplugin-arg-refguard-check-only).  Its findings and what it analysed
 * come from the plugin's record file, never from gcc's printed output, so
 * no diagnostic option of the kernel's (-w, -fdiagnostics-format=json,
 * -fmessage-length=N) can hide a finding.  With --sparse, plain sparse
 * runs beside it on the original arguments.
 *
 * Either way the file counts as checked only when the engine positively
 * says so (sparse ran to the end without errors; the plugin's record is
 * complete): anything else exits 2.
 *
 * Findings print like sparse's warnings, on stderr; --format=json prints
 * rg_results_print()'s JSON there instead (fix-its included), for tools.
 *
 * Options are recognised only before the first argument that is not one
 * of them, so they can never be confused with a pass-through flag; "--"
 * ends them explicitly.  @file arguments are expanded first, as gcc
 * would (response-file.c).
 *
 * Exit status, like sparse's: 0 even with findings (a failing $(CHECK)
 * stops kbuild), 1 with findings under --fatal, 2 when the file could not
 * be checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "spawn.h"
#include "tmpdir.h"
#include "check.h"
#include "helper-roles.h"
#include "plugin-record.h"
#include "response-file.h"
#include "../sparse/engine.h"

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

/* Is arg -fplugin=<...>/refguard.so (or -fplugin=refguard, from gcc's dir)? */
static bool is_refguard_plugin(const char *arg)
{
	const char *base;

	if (strncmp(arg, "-fplugin=", 9))
		return false;
	base = strrchr(arg + 9, '/');
	base = base ? base + 1 : arg + 9;
	return !strcmp(base, "refguard.so") || !strcmp(base, "refguard");
}

/*
 * Compiler flags that must not reach the checking gcc: kbuild's dependency
 * output, output/stage selection (we choose our own), debug info (nothing
 * to describe: no code is generated), warning options (see above; -Werror
 * in particular would turn refguard's warnings into errors and stop gcc
 * before the flow pass), -w and diagnostic formats (findings come from the
 * record, but gcc's own errors are shown as the reason a file went
 * unchecked), and a refguard plugin already loaded through KCFLAGS with
 * its arguments: loading it twice is an error, and its arguments before
 * our -fplugin= are one too ("plugin refguard should be specified
 * before...").  The checker's plugin runs with its own options.
 * Returns how many arguments to drop (0, 1 or 2).
 */
static int drop_compiler_flag(char **argv, int i, int argc)
{
	const char *arg = argv[i];

	if (is_depfile_flag(arg) || !strcmp(arg, "-c") || !strcmp(arg, "-S") ||
	    !strcmp(arg, "-E") || !strcmp(arg, "-fsyntax-only") ||
	    !strcmp(arg, "-MD") || !strcmp(arg, "-MMD") || !strcmp(arg, "-w") ||
	    is_gcc_warning_flag(arg) || !strncmp(arg, "-fdiagnostics-", 14) ||
	    !strncmp(arg, "-fmessage-length=", 17) ||
	    (!strncmp(arg, "-g", 2) && strcmp(arg, "-gcc-base-dir")) ||
	    is_refguard_plugin(arg) || !strncmp(arg, "-fplugin-arg-refguard-", 22))
		return 1;
	if (!strcmp(arg, "-o") || !strcmp(arg, "-MF") || !strcmp(arg, "-MT") ||
	    !strcmp(arg, "-MQ"))
		return i + 1 < argc ? 2 : 1;
	return 0;
}

enum check_engine { ENGINE_SPARSE, ENGINE_GCC };

struct check_opts {
	bool fatal;
	bool sparse;
	enum check_engine engine;
	enum rg_format format;
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
		"-fdiagnostics-urls=never",
	};
	char **out = calloc(argc + 18, sizeof(*out));
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

static int parse_options(int argc, char **argv, struct check_opts *opts)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fatal")) {
			opts->fatal = true;
		} else if (!strcmp(argv[i], "--sparse")) {
			opts->sparse = true;
		} else if (!strcmp(argv[i], "--engine=sparse")) {
			opts->engine = ENGINE_SPARSE;
		} else if (!strcmp(argv[i], "--engine=gcc")) {
			opts->engine = ENGINE_GCC;
		} else if (!strncmp(argv[i], "--format=", 9)) {
			if (rg_format_parse(argv[i] + 9, &opts->format) ||
			    opts->format == RG_FORMAT_SARIF) {
				rg_fail("unknown format '%s' (text or json)", argv[i] + 9);
				return -1;
			}
		} else if (!strncmp(argv[i], "--engine=", 9)) {
			rg_fail("unknown engine '%s' (sparse or gcc)", argv[i] + 9);
			return -1;
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

/* gcc's own error lines (the reason a unit went unchecked), one line. */
static char *gcc_errors(const char *text)
{
	const char *line, *end;
	char *out = strdup(""), *tmp;

	for (line = text; out && *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		if (!memmem(line, end - line, "error: ", 7))
			continue;
		tmp = rg_strdup_printf("%s%s%.*s", out, *out ? "; " : "",
				       (int)(end - line), line);
		free(out);
		out = tmp;
	}
	return out;
}

int rg_plugin_check_command(const char *cc, int argc, char **argv,
			    const char *dir, const char *tree,
			    struct rg_results *r)
{
	const char *unit = argc ? argv[argc - 1] : "";
	char *plugin = rg_plugin_path(), **gv, *record, *text, *errors, *reason;
	char *tmp;
	int err_fd, status, n, ret;
	struct stat st;
	pid_t pid;

	if (stat(plugin, &st)) {
		/* installed, the plugin went with the package: reinstall it */
		reason = rg_installed() ?
			rg_strdup_printf("no plugin at %s (reinstall refguard, or set "
					 "REFGUARD_PLUGIN)", plugin) :
			rg_strdup_printf("no plugin at %s (run make in %s, or set "
					 "REFGUARD_PLUGIN)", plugin, rg_srcdir());
		rg_results_unchecked(r, unit, "", reason, RG_ENGINE_PLUGIN);
		free(reason);
		free(plugin);
		return -1;
	}
	/* A registered temporary directory: a signal during gcc removes it. */
	tmp = rg_tmpdir_create("record");
	record = tmp ? rg_strdup_printf("%s/record", tmp) : NULL;
	gv = rg_checker_argv(cc, argc, argv, plugin, true);
	err_fd = rg_anon_file("gcc");
	if (!tmp || !gv || err_fd < 0) {
		rg_results_unchecked(r, unit, "", "cannot set up the gcc run", RG_ENGINE_PLUGIN);
		return -1;
	}
	for (n = 0; gv[n]; n++)
		;
	gv = realloc(gv, (n + 2) * sizeof(*gv));
	gv[n] = rg_strdup_printf("-fplugin-arg-refguard-record=%s", record);
	gv[n + 1] = NULL;

	pid = rg_spawn(gv, -1, err_fd, dir);
	status = pid < 0 ? -1 : rg_wait(pid, gv[0]);
	text = rg_slurp_fd(err_fd, NULL);
	close(err_fd);
	/* The record, and only the record, says what was found and checked. */
	ret = rg_plugin_record_read(record, unit, tree, r);
	rg_tmpdir_remove(tmp);
	free(tmp);
	if (status != 0 && ret == 0) {
		/* A complete record but gcc failed: not a unit we can vouch for. */
		errors = gcc_errors(text ? text : "");
		reason = rg_strdup_printf("%s exited with status %d%s%s", gv[0], status,
					  errors && *errors ? ": " : "", errors ? errors : "");
		rg_results_unchecked(r, unit, "", reason, RG_ENGINE_PLUGIN);
		free(reason);
		free(errors);
		ret = -1;
	}
	if (ret && text && *text)
		fputs(text, stderr);	/* gcc's own account, for the human */
	free(text);
	free(record);
	free(plugin);
	return ret ? -1 : 0;
}

/* The gcc engine, with plain sparse beside it under --sparse. */
static int check_gcc(int argc, char **argv, bool sparse, struct rg_results *r)
{
	const char *cc = getenv("REFGUARD_CC");
	int sparse_fd = -1, sparse_status = 0, ret;
	pid_t sparse_pid = -1;
	char *text, *cwd;

	if (sparse) {
		sparse_fd = rg_anon_file("sparse");
		if (sparse_fd < 0)
			return -1;
		sparse_pid = start_sparse(argc, argv, sparse_fd);
		if (sparse_pid < 0)
			return -1;
	}
	/* paths relative to where kbuild runs us, as sparse prints them */
	cwd = getcwd(NULL, 0);
	ret = rg_plugin_check_command(cc && *cc ? cc : "gcc", argc, argv, NULL, cwd, r);
	free(cwd);
	if (sparse) {
		sparse_status = rg_wait(sparse_pid, "sparse");
		text = rg_slurp_fd(sparse_fd, NULL);
		if (text)
			fputs(text, stderr);
		free(text);
		if (sparse_status != 0 && sparse_status != 1) {
			rg_results_unchecked(r, argv[argc - 1], "", "sparse failed", RG_ENGINE_SPARSE);
			ret = -1;
		}
	}
	return ret;
}

/*
 * The sparse engine, in this process, on kbuild's argv as it is.  Without
 * --sparse, what sparse prints (its errors: warnings are off) is held in
 * *held, for the caller to show if the file ends up unchecked.
 */
static int check_sparse(int argc, char **argv, bool warnings, struct rg_results *r,
			char **held)
{
	struct rg_sparse_opts o = { warnings, NULL };
	char **sv = calloc(argc + 2, sizeof(*sv));
	int ret, fd = -1, saved = -1, i;

	*held = NULL;
	if (!sv)
		return -1;
	sv[0] = "sparse";
	/* sparse writes into its arguments (-DX=Y loses its '='): copies. */
	for (i = 0; i < argc; i++)
		sv[i + 1] = strdup(argv[i]);
	if (!warnings && (fd = rg_anon_file("sparse")) >= 0) {
		fflush(stderr);
		saved = dup(2);
		dup2(fd, 2);
	}
	rg_learned_defer(saved >= 0);
	ret = rg_sparse_check(argc + 1, sv, &o, r);
	if (saved >= 0) {
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		*held = rg_slurp_fd(fd, NULL);
	}
	rg_learned_defer(false);
	rg_learned_flush();
	if (fd >= 0)
		close(fd);
	free(sv);
	return ret;
}

/*
 * Do two engines' paths name the same file?  sparse names it as given
 * ("mm/x.c", "./mm/x.c", "../linux/mm/x.c"), the plugin's record relative
 * to the directory gcc ran in or absolute.
 */
static bool same_file(const char *a, const char *b)
{
	char *ra, *rb;
	bool same;

	if (!strcmp(a, b))
		return true;
	ra = realpath(a, NULL);
	rb = realpath(b, NULL);
	same = ra && rb && !strcmp(ra, rb);
	free(ra);
	free(rb);
	return same;
}

/* Did the engine of r check function of file for every rule? */
static bool fully_checked(const struct rg_results *r, const char *file,
			  const char *function)
{
	unsigned int rules = 0;
	int i;

	for (i = 0; i < r->nr_checked; i++)
		if (same_file(r->checked[i].file, file) &&
		    (!*r->checked[i].function ||
		     !strcmp(r->checked[i].function, function)))
			rules |= r->checked[i].rules;
	return *function && rules == RG_ALL_RULES;
}

static bool unchecked_in(const struct rg_results *r, const char *file,
			 const char *function)
{
	int i;

	for (i = 0; i < r->nr_unchecked; i++)
		if (same_file(r->unchecked[i].file, file) &&
		    !strcmp(r->unchecked[i].function, function))
			return true;
	return false;
}

/*
 * sparse could not take all of the file: an error while parsing it, or
 * one inside a function that names the API (sparse 0.6.4 rejects a few
 * constructs of 6.12 that gcc takes).  The plugin checks the file as
 * well, and the two accounts are merged function by function: what one
 * engine could not check counts as checked if the other checked it for
 * every rule (the plugin skips static inlines GCC drops before its flow
 * pass; sparse's engine analyses them), with that engine's findings in
 * it; the plugin's findings stand for everything else.  If gcc cannot
 * check the file at all (a Clang build's flags), sparse's account stays
 * with gcc's reason added.
 */
static int fall_back_to_gcc(int argc, char **argv, struct rg_results *r)
{
	struct rg_results g, out;
	int i, ret = 0;

	memset(&g, 0, sizeof(g));
	memset(&out, 0, sizeof(out));
	if (check_gcc(argc, argv, false, &g)) {
		rg_results_merge(r, &g);
		rg_results_free(&g);
		return -1;
	}
	for (i = 0; i < g.nr_findings; i++)
		rg_results_add(&out, &g.findings[i]);
	for (i = 0; i < r->nr_findings; i++)
		if (unchecked_in(&g, r->findings[i].file, r->findings[i].function) &&
		    fully_checked(r, r->findings[i].file, r->findings[i].function))
			rg_results_add(&out, &r->findings[i]);
	for (i = 0; i < g.nr_checked; i++)
		rg_results_checked_by(&out, g.checked[i].file, g.checked[i].function,
				      g.checked[i].pass, g.checked[i].rules);
	for (i = 0; i < r->nr_checked; i++)
		rg_results_checked_by(&out, r->checked[i].file, r->checked[i].function,
				      r->checked[i].pass, r->checked[i].rules);
	for (i = 0; i < g.nr_unchecked; i++) {
		const struct rg_unchecked *u = &g.unchecked[i];

		if (!fully_checked(r, u->file, u->function)) {
			rg_results_unchecked(&out, u->file, u->function, u->reason, u->engine);
			ret = -1;
		}
	}
	for (i = 0; i < r->nr_unchecked; i++) {
		const struct rg_unchecked *u = &r->unchecked[i];

		if (!*u->function || fully_checked(&g, u->file, u->function))
			continue;
		rg_results_unchecked(&out, u->file, u->function, u->reason, u->engine);
		ret = -1;
	}
	rg_results_free(r);
	rg_results_free(&g);
	*r = out;
	return ret;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts opts = { false, false, ENGINE_SPARSE, RG_FORMAT_TEXT };
	struct rg_results r;
	const char *file;
	char *held = NULL;
	int first, status;
	bool checked;

	first = parse_options(argc, argv, &opts);
	if (first < 0)
		return usage();
	argc -= first;
	/*
	 * gcc reads @file itself: expanded here, the flags in it are
	 * filtered like any other and sparse sees them too.
	 */
	argv = rg_expand_response_files(&argc, argv + first);
	if (!argv)
		return RG_EXIT_TROUBLE;
	status = check_source_file(argc, argv);
	if (status)
		return status;
	file = argv[argc - 1];

	memset(&r, 0, sizeof(r));
	/*
	 * Positive evidence only: sparse's engine says it checked the unit,
	 * the plugin's record is complete.
	 */
	if (opts.engine == ENGINE_SPARSE) {
		checked = !check_sparse(argc, argv, opts.sparse, &r, &held) &&
			  rg_results_checked_for(&r, file, "") && !r.nr_unchecked;
		if (!checked && !fall_back_to_gcc(argc, argv, &r))
			checked = true;
		if (!checked && held)
			fputs(held, stderr);
		free(held);
	} else {
		checked = !check_gcc(argc, argv, opts.sparse, &r);
	}
	if (!r.nr_unchecked && !checked)
		rg_results_unchecked(&r, file, "", "the engine did not report checking it",
				     opts.engine == ENGINE_SPARSE ? RG_ENGINE_SPARSE :
								    RG_ENGINE_PLUGIN);
	rg_results_finish(&r);
	rg_results_print(&r, opts.format, stderr);
	status = rg_results_exit_code(&r);
	rg_results_free(&r);
	if (status == RG_EXIT_TROUBLE)
		return rg_fail("could not check %s", file);
	return status == RG_EXIT_FINDINGS && opts.fatal ? RG_EXIT_FINDINGS : RG_EXIT_CLEAN;
}
