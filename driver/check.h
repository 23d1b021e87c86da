/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running gcc with the plugin in check-only mode, shared by `refguard
 * check` (kbuild's $(CHECK)) and `refguard gate` (which replays the
 * compile commands kbuild saved in .cmd files).
 */
#ifndef REFGUARD_CHECK_H
#define REFGUARD_CHECK_H

#include <stdbool.h>

/*
 * The checking gcc's argv from a compiler command line (argv[0..argc) are
 * its arguments, without the compiler itself): kbuild-only and
 * output-selecting flags dropped, plugin and check-only flags added.
 * Sparse's flags are dropped when sparse_flags_first is set (kbuild's
 * $(CHECK) argv: they come before -Wp,-MMD,...).
 */
char **rg_checker_argv(const char *cc, int argc, char **argv, const char *plugin,
		       bool sparse_flags_first);

/* The plugin to load: $REFGUARD_PLUGIN or <srcdir>/plugin/refguard.so. */
char *rg_plugin_path(void);

struct rg_gcc_finding {
	const char *file;		/* as gcc printed it */
	int line, column;
	const char *severity;		/* "warning" or "error" */
	const char *rule;		/* "raw-set-count" */
	const char *message;		/* without the " [refguard-...]" tag */
	const char *function;		/* from gcc's "In function" line, or "" */
	const char *fix;		/* the first fix-it's replacement, or NULL */
};

/*
 * Walk gcc's text output (run with -fno-diagnostics-show-caret and, for
 * fixes, -fdiagnostics-parseable-fixits, under LC_ALL=C): call found()
 * for each refguard finding and note() for each note line that follows
 * one.  Returns the number of findings; *errors is set when gcc reported
 * an error of its own (the file was not checked).
 */
int rg_gcc_findings(const char *text, bool *errors,
		    void (*found)(const struct rg_gcc_finding *f, const char *line,
				  int len, void *data),
		    void (*note)(const char *line, int len, void *data), void *data);

#endif
