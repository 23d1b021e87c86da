// SPDX-License-Identifier: GPL-2.0
/*
 * refguard helpers [--kernel DIR] [-s SEED] [--threads N] [--iterations N]
 *                  [--bound B|none] [--timeout S]
 *                  [--only spec|asserts|stress|explore]... [--no-tsan] [-v]
 * refguard helpers [--kernel DIR] --build-only
 *     (print the build directory with the tree's generated headers)
 *
 * Builds DIR's real include/linux/page_ref.h in userspace against the
 * shims of helpers/shim, with the checks of helpers/harness, and runs
 * them: the sequential spec, the tree's own debug assertions on frozen
 * pages, a pthread stress run with litmus rounds (again under
 * ThreadSanitizer), and the interleaving explorer.
 *
 * Every check is bounded, in steps and in time (--timeout S per check,
 * default 300): a check that gets stuck is a failed check that says what
 * was stuck, never a hang.
 *
 * Exit: 0 all checks pass, each by a record the harness sends when the
 * check has ended (helpers-run.c: the helpers under test run inside the
 * harness and can end it with any status); 1 one failed or got stuck
 * (its report above); 2 bad usage, the tree's helpers could not be built
 * (the compiler's message above), a check did not finish (named), or
 * one ran out of its time budget while still making progress (so it did
 * not check everything it was asked to).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver.h"
#include "helpers.h"
#include "../helpers/harness/numbers.h"

/*
 * Stop at the first error, and say it with a status of its own: a
 * sanitizer's report ends a check without its completion record, and
 * that status is what tells it from a check that never finished.
 * UBSan would otherwise print its report and carry on to a pass.
 */
#define TSAN_OPTIONS	"halt_on_error=1:exitcode=66:history_size=4"
#define ASAN_OPTIONS	"exitcode=67"
#define UBSAN_OPTIONS	"halt_on_error=1:exitcode=68:print_stacktrace=1"

enum { CHECK_SPEC = 1, CHECK_ASSERTS = 2, CHECK_STRESS = 4, CHECK_EXPLORE = 8 };

static const char *const check_names[] = { "spec", "asserts", "stress", "explore" };
#define NR_CHECKS	4

struct helpers_opts {
	const char *kernel;
	char *seed, *threads, *iterations, *bound, *timeout;
	long timeout_s;
	int only;
	bool no_tsan, verbose, build_only;
};

static int usage(void)
{
	return rg_usage("helpers");
}

/* A number option: canonical text for the harness, or usage (exit 2). */
static bool number(const char *opt, const char *arg, long min, long max, char **out)
{
	long v;

	if (!rg_parse_long(arg, min, max, &v)) {
		rg_fail("%s '%s': not a whole number from %ld to %ld", opt, arg, min, max);
		return false;
	}
	free(*out);
	*out = rg_strdup_printf("%ld", v);
	return true;
}

static bool seed(const char *arg, char **out)
{
	unsigned long v;

	if (!rg_parse_ulong(arg, (unsigned long)-1, &v)) {
		rg_fail("-s '%s': not a whole number from 0 to %lu", arg, (unsigned long)-1);
		return false;
	}
	free(*out);
	*out = rg_strdup_printf("%lu", v);
	return true;
}

static int parse_options(int argc, char **argv, struct helpers_opts *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "bound", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, 'l' },
		{ "only", required_argument, NULL, 'o' },
		{ "no-tsan", no_argument, NULL, 'T' },
		{ "build-only", no_argument, NULL, 'B' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	bool ok = true;
	int c, i;

	o->timeout_s = RG_DEFAULT_TIMEOUT;
	optind = 1;
	while (ok && (c = getopt_long(argc, argv, "k:s:t:n:b:o:v", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->kernel = optarg;
			break;
		case 's':
			ok = seed(optarg, &o->seed);
			break;
		case 't':
			ok = number("--threads", optarg, 1, RG_MAX_THREADS, &o->threads);
			break;
		case 'n':
			ok = number("--iterations", optarg, 1, RG_MAX_ITERATIONS, &o->iterations);
			break;
		case 'b':
			if (!strcmp(optarg, "none")) {
				free(o->bound);
				o->bound = strdup("none");
			} else {
				ok = number("--bound (or none)", optarg, 0, RG_MAX_BOUND, &o->bound);
			}
			break;
		case 'l':
			ok = number("--timeout", optarg, 1, RG_MAX_TIMEOUT, &o->timeout);
			if (ok)
				o->timeout_s = atol(o->timeout);
			break;
		case 'T':
			o->no_tsan = true;
			break;
		case 'B':
			o->build_only = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'o':
			for (i = 0; i < NR_CHECKS && strcmp(optarg, check_names[i]); i++)
				;
			if (i == NR_CHECKS) {
				rg_fail("unknown check '%s' (spec, asserts, stress, explore)", optarg);
				ok = false;
			}
			o->only |= 1 << i;
			break;
		default:
			ok = false;
		}
	}
	if (!ok || optind != argc)
		return usage();
	if (!o->only)
		o->only = (1 << NR_CHECKS) - 1;
	return 0;
}

/* The seed: the user's -s, or one picked now and printed for replay. */
static void pick_seed(struct helpers_opts *o)
{
	if (!o->seed)
		o->seed = rg_strdup_printf("%lu", (unsigned long)time(NULL) % 1000000007UL);
}

/*
 * Run one harness binary on the selected checks.  Returns RG_CHECK_PASS
 * (every check recorded a pass), RG_CHECK_FAILED (a check failed, got
 * stuck, or a sanitizer reported an error) or RG_CHECK_UNFINISHED (a
 * check ran out of its time budget, or did not finish at all).
 */
static int run_check(const char *bdir, const char *name, struct helpers_opts *o,
		     int only)
{
	const char *checks[NR_CHECKS];
	char *argv[32];
	int n = 0, i, nr_checks = 0, status;
	long limit;

	argv[n++] = rg_strdup_printf("%s/%s", bdir, name);
	argv[n++] = "-s";
	argv[n++] = o->seed;
#define PASS(opt, val) do { if (val) { argv[n++] = opt; argv[n++] = val; } } while (0)
	PASS("--threads", o->threads);
	PASS("--iterations", o->iterations);
	PASS("--bound", o->bound);
	PASS("--timeout", o->timeout);
#undef PASS
	for (i = 0; i < NR_CHECKS; i++) {
		if (only & (1 << i)) {
			argv[n++] = "--only";
			argv[n++] = (char *)check_names[i];
			checks[nr_checks++] = check_names[i];
		}
	}
	if (o->verbose)
		argv[n++] = "-v";
	argv[n] = NULL;
	/* Each check is bounded by the harness; this is beyond all of them. */
	limit = nr_checks * o->timeout_s + o->timeout_s / 10 + 30;
	status = rg_helpers_run(argv, limit, strcmp(name, "rg-check-tsan") ? "" : " (tsan)",
				checks, nr_checks);
	if (status < 0) {
		fprintf(stderr, "refguard: %s could not be run: nothing checked\n", name);
		status = RG_CHECK_UNFINISHED;
	}
	free(argv[0]);
	return status;
}

/* The user's sanitizer options, then ours: the verdict depends on them. */
static void sanitizer_options(const char *var, const char *ours)
{
	const char *user = getenv(var);
	char *all = user && *user ? rg_strdup_printf("%s:%s", user, ours) : strdup(ours);

	setenv(var, all, 1);
	free(all);
}

static bool prepare(const char *tree, struct helpers_opts *o, char **bdir_out)
{
	char *page_flags = rg_helpers_page_flags(tree), *bdir, *path;
	bool ok;

	bdir = rg_helpers_build_dir(tree, page_flags);
	if (!bdir) {
		free(page_flags);
		return false;
	}
	path = rg_strdup_printf("%s/rg-tree-page-flags.h", bdir);
	ok = rg_helpers_write(path, page_flags) && rg_helpers_probe(tree, bdir, !o->build_only, o->verbose);
	free(path);
	free(page_flags);
	*bdir_out = bdir;
	return ok;
}

int cmd_helpers(int argc, char **argv)
{
	struct helpers_opts o = { 0 };
	bool tsan;
	char *tree, *bdir = NULL;
	int status, tsan_status = RG_CHECK_PASS;

	if (parse_options(argc, argv, &o))
		return RG_EXIT_TROUBLE;
	tree = rg_kernel_tree(o.kernel);
	if (!tree)
		return RG_EXIT_TROUBLE;
	fflush(stdout);
	if (!prepare(tree, &o, &bdir))
		return RG_EXIT_TROUBLE;
	if (o.build_only) {
		/* For benchmarks: the generated headers, no checks. */
		printf("%s\n", bdir);
		return RG_EXIT_CLEAN;
	}
	tsan = (o.only & CHECK_STRESS) && !o.no_tsan;
	if (!rg_helpers_build(tree, bdir, "rg-check", "address,undefined") ||
	    (tsan && !rg_helpers_build(tree, bdir, "rg-check-tsan", "thread")))
		return RG_EXIT_TROUBLE;
	sanitizer_options("TSAN_OPTIONS", TSAN_OPTIONS);
	sanitizer_options("ASAN_OPTIONS", ASAN_OPTIONS);
	sanitizer_options("UBSAN_OPTIONS", UBSAN_OPTIONS);
	pick_seed(&o);
	printf("refguard helpers: %s/include/linux/page_ref.h, seed %s (replay: -s %s), at most %ld s per check\n",
	       tree, o.seed, o.seed, o.timeout_s);
	status = run_check(bdir, "rg-check", &o, o.only);
	if (tsan)
		tsan_status = run_check(bdir, "rg-check-tsan", &o, CHECK_STRESS);
	if (status == RG_CHECK_FAILED || tsan_status == RG_CHECK_FAILED) {
		printf("refguard helpers: FAILED\n");
		return RG_EXIT_FINDINGS;
	}
	if (status == RG_CHECK_UNFINISHED || tsan_status == RG_CHECK_UNFINISHED) {
		printf("refguard helpers: NOT FINISHED: a check ran out of its time budget or did not finish (above); what recorded a pass passed, the rest is unchecked\n");
		return RG_EXIT_TROUBLE;
	}
	printf("refguard helpers: all checks passed\n");
	return RG_EXIT_CLEAN;
}
