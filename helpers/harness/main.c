// SPDX-License-Identifier: GPL-2.0
/*
 * The harness `refguard helpers` builds against a tree's page_ref.h:
 *
 *   rg-check [-s SEED] [--threads N] [--iterations N] [--bound B|none]
 *            [--timeout S] [--only spec|asserts|stress|explore]... [-v]
 *            [--report-fd N]
 *
 * Runs the selected checks in order (all by default), each within S
 * seconds (default 300; a thread without progress for S/10 s, at least
 * 2, is stuck: see watchdog.c).  Exit: 0 all pass, 1 one failed or got
 * stuck (its report on stderr), 2 bad usage, 3 a check ran out of its
 * time or step budget while still making progress (unchecked, not
 * failed).  That status is for a run by hand, to replay: `refguard
 * helpers` goes by the records on --report-fd (report.c), since the
 * helpers under test can end this process with any status they like.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "numbers.h"
#include "report.h"
#include "rg.h"
#include "watchdog.h"

#ifdef RG_HOOKS
const struct rg_atomic_hooks *rg_atomic_hooks;
#endif

static rg_vm_bug_handler_t vm_bug_handler;
bool rg_vm_trace;

void rg_set_vm_bug_handler(rg_vm_bug_handler_t fn)
{
	vm_bug_handler = fn;
}

void rg_vm_bug(const char *kind, const char *file, int line, const char *cond)
{
	char what[512];

	snprintf(what, sizeof(what), "%s at %s:%d: %s", kind, file, line, cond);
	if (vm_bug_handler)
		vm_bug_handler(what);
	rg_report_verdict(RG_EXIT_FAILED);
	fprintf(stderr, "%s\n", what);
	rg_exit(RG_EXIT_FAILED);
}

static const struct check {
	const char *name;
	int (*run)(const struct rg_opts *opts);
} checks[] = {
	{ "spec", rg_spec_run },
	{ "asserts", rg_asserts_run },
	{ "stress", rg_stress_run },
	{ "explore", rg_explore_run },
};

#define NR_CHECKS	((int)(sizeof(checks) / sizeof(checks[0])))

static void usage(const char *why, const char *arg)
{
	fprintf(stderr, "rg-check: %s '%s'\n", why, arg);
	fprintf(stderr, "usage: rg-check [-s SEED] [--threads N] [--iterations N] [--bound B|none]\n"
			"                [--timeout S] [--only spec|asserts|stress|explore]... [-v]\n");
	exit(RG_EXIT_USAGE);
}

static long number(const char *opt, const char *arg, long min, long max)
{
	long v;

	if (!rg_parse_long(arg, min, max, &v))
		usage(opt, arg);
	return v;
}

static int parse_options(int argc, char **argv, struct rg_opts *opts, int *report_fd)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "bound", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, 'l' },
		{ "only", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "report-fd", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int only = 0, c, i;

	while ((c = getopt_long(argc, argv, "s:t:n:b:o:v", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!rg_parse_ulong(optarg, (unsigned long)-1, &opts->seed))
				usage("-s: not a whole number", optarg);
			break;
		case 't':
			opts->threads = number("--threads: not a number from 1 to 64", optarg,
					       1, RG_MAX_THREADS);
			break;
		case 'n':
			opts->iterations = number("--iterations: not a number from 1 to 10^9",
						  optarg, 1, RG_MAX_ITERATIONS);
			break;
		case 'b':
			opts->bound = strcmp(optarg, "none") ?
				      number("--bound: not none or a number from 0 to 64",
					     optarg, 0, RG_MAX_BOUND) : -1;
			break;
		case 'l':
			opts->timeout = number("--timeout: not a number of seconds from 1 to 86400",
					       optarg, 1, RG_MAX_TIMEOUT);
			break;
		case 'o':
			for (i = 0; i < NR_CHECKS && strcmp(optarg, checks[i].name); i++)
				;
			if (i == NR_CHECKS)
				usage("unknown check (spec, asserts, stress, explore)", optarg);
			only |= 1 << i;
			break;
		case 'v':
			opts->verbose++;
			break;
		case 'r':
			*report_fd = number("--report-fd: not a descriptor number", optarg,
					    3, 1 << 20);
			break;
		default:
			usage("bad option", argv[optind - 1]);
		}
	}
	if (optind != argc)
		usage("unexpected argument", argv[optind]);
	return only ? only : (1 << NR_CHECKS) - 1;
}

int main(int argc, char **argv)
{
	struct rg_opts opts = { .bound = -2, .timeout = RG_DEFAULT_TIMEOUT };
	int only, i, status, failed = 0, unfinished = 0, nr_run = 0, report_fd = -1;

	opts.seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	only = parse_options(argc, argv, &opts, &report_fd);
	if (report_fd >= 0)
		rg_report_open(report_fd);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Stuck: a tenth of the budget without progress, 2 s at least (load). */
	rg_watch_start(opts.timeout, opts.timeout / 10 > 2 ? opts.timeout / 10 : 2);
	for (i = 0; i < NR_CHECKS; i++) {
		if (!(only & (1 << i)))
			continue;
		rg_report_begin(checks[i].name);
		rg_watch_check(checks[i].name);
		status = checks[i].run(&opts);
		rg_watch_check(NULL);
		/* Only now, with the check's function returned, is it done. */
		rg_report_verdict(status);
		rg_report_begin(NULL);
		failed |= status == RG_EXIT_FAILED;
		unfinished |= status == RG_EXIT_UNFINISHED;
		nr_run++;
	}
	rg_report_end(nr_run);
	return failed ? RG_EXIT_FAILED : unfinished ? RG_EXIT_UNFINISHED : RG_EXIT_PASS;
}
