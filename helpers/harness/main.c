// SPDX-License-Identifier: GPL-2.0
/*
 * The harness `refguard helpers` builds against a tree's page_ref.h:
 *
 *   rg-check [-s SEED] [--threads N] [--iterations N] [--bound B] [-v]
 *            [--only spec|stress|explore]...
 *
 * Runs the selected checks in order (all by default); exit 0 when all
 * pass, 1 when one fails (its report on stderr), 2 on bad usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rg.h"

#ifdef RG_HOOKS
const struct rg_atomic_hooks *rg_atomic_hooks;
#endif

static rg_vm_bug_handler_t vm_bug_handler;

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
	fprintf(stderr, "%s\n", what);
	exit(1);
}

enum { CHECK_SPEC = 1, CHECK_STRESS = 2, CHECK_EXPLORE = 4 };

static int parse_only(const char *arg)
{
	if (!strcmp(arg, "spec"))
		return CHECK_SPEC;
	if (!strcmp(arg, "stress"))
		return CHECK_STRESS;
	if (!strcmp(arg, "explore"))
		return CHECK_EXPLORE;
	fprintf(stderr, "rg-check: unknown check '%s' (spec, stress, explore)\n", arg);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "bound", required_argument, NULL, 'b' },
		{ "only", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct rg_opts opts = { .seed = 0, .threads = 0, .iterations = 0,
				.bound = -2 };
	int only = 0, c, status = 0;

	opts.seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	while ((c = getopt_long(argc, argv, "s:t:n:b:o:v", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.seed = strtoul(optarg, NULL, 0);
			break;
		case 't':
			opts.threads = atoi(optarg);
			break;
		case 'n':
			opts.iterations = atol(optarg);
			break;
		case 'b':
			opts.bound = strcmp(optarg, "none") ? atoi(optarg) : -1;
			break;
		case 'o':
			only |= parse_only(optarg);
			break;
		case 'v':
			opts.verbose++;
			break;
		default: return 2;
		}
	}
	if (!only)
		only = CHECK_SPEC | CHECK_STRESS | CHECK_EXPLORE;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (only & CHECK_SPEC)
		status |= rg_spec_run(&opts);
	if (only & CHECK_STRESS)
		status |= rg_stress_run(&opts);
	if (only & CHECK_EXPLORE)
		status |= rg_explore_run(&opts);
	return status ? 1 : 0;
}
