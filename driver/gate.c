// SPDX-License-Identifier: GPL-2.0
/*
 * refguard gate [--kernel DIR] [--obj DIR] [--format text|json|sarif]
 *               [--baseline FILE] (REV-RANGE | --patch FILE|-)
 *
 * The CI verdict for a patch series: findings on the lines the series
 * adds or changes, and nothing else (old findings are not its business).
 *
 * It never touches the user's tree: the series is applied to an overlay
 * (gate-overlay.c, gate-series.c) and checked there by the engines, called
 * in-process (gate-check.c, gate-kbuild.c).  Findings and what went
 * unchecked travel as struct rg_finding and print through finding.c.
 *
 * Exit: 0 clean, 1 new findings, 2 could not check (unparseable patch,
 * patch does not apply, file missing, tool missing, object directory of
 * another tree, or an engine could not check part of the series' code).
 * Never 0 when something went unchecked.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "finding-print.h"
#include "gate.h"
#include "spawn.h"

static int apply_baseline(struct gate *g, const char *file)
{
	struct rg_results base = { 0 };
	char *text = rg_slurp_file(file, NULL);
	int ret = 0;

	if (!text)
		return rg_fail("cannot read baseline %s: %s", file, strerror(errno));
	if (rg_results_read_json(&base, text, file))
		ret = rg_fail("%s is not a baseline; make one with "
			      "'refguard gate --format json ...'", file);
	else
		rg_results_subtract(&g->results, &base);
	rg_results_free(&base);
	free(text);
	return ret;
}

struct options {
	const char *kernel, *obj, *baseline, *patch, *range;
	enum rg_format fmt;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "obj", required_argument, NULL, 'o' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "patch", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->fmt = RG_FORMAT_TEXT;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kernel = optarg; break;
		case 'o': o->obj = optarg; break;
		case 'b': o->baseline = optarg; break;
		case 'p': o->patch = optarg; break;
		case 'f':
			if (rg_format_parse(optarg, &o->fmt))
				return rg_fail("unknown format '%s' (text, json or sarif)",
					       optarg);
			break;
		default:	/* getopt_long has named the option */
			return rg_usage("gate");
		}
	}
	if (optind < argc)
		o->range = argv[optind++];
	if (optind < argc || !!o->range == !!o->patch)
		return rg_usage("gate");
	return 0;
}

/* Everything between reading the options and printing the verdict. */
static int run(struct gate *g, const struct options *o)
{
	char *text = NULL;
	int ret;

	g->tree = rg_kernel_tree(o->kernel);
	if (!g->tree)
		return RG_EXIT_TROUBLE;
	ret = gate_find_obj(g, o->obj);
	if (ret)
		return ret;
	if (o->patch) {
		text = gate_read_input(o->patch);
		if (!text)
			return rg_fail("cannot read %s: %s", o->patch, strerror(errno));
	} else {
		ret = gate_read_range(g, o->range, &text);
		if (ret)
			return ret;
	}
	if (rg_diff_parse(text, &g->patch))
		return rg_fail("cannot parse the %s", o->patch ? "patch" : "diff");
	ret = gate_overlay_create(g);
	if (!ret)
		ret = o->patch ? gate_apply_patch(g) : gate_checkout_range(g);
	if (!ret)
		ret = gate_check(g);
	/* duplicates first: a baseline entry stands for one finding */
	rg_results_finish(&g->results);
	if (!ret && o->baseline)
		ret = apply_baseline(g, o->baseline);
	return ret;
}

int cmd_gate(int argc, char **argv)
{
	struct options o;
	struct gate g;
	int ret;

	ret = parse_options(argc, argv, &o);
	if (ret)
		return ret;
	memset(&g, 0, sizeof(g));
	ret = run(&g, &o);
	/* while the series' files are there: SARIF reads their lines */
	if (!ret)
		rg_results_print_in(&g.results, o.fmt, g.overlay, stdout);
	gate_overlay_remove(&g);
	if (ret)
		return ret;
	return rg_results_exit_code(&g.results);
}
