/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `refguard gate`'s parts, one file per job:
 *
 *   gate.c          options, the order of the steps, baseline, verdict
 *   gate-overlay.c  the temporary tree the series is applied to
 *   gate-series.c   reading the series, applying it, the lines it adds
 *   gate-kbuild.c   the object directory and its saved compile commands
 *   gate-check.c    which engine checks what, and proof that it did
 *   gate-scope.c    which function a line of C belongs to
 */
#ifndef REFGUARD_GATE_H
#define REFGUARD_GATE_H

#include <stdbool.h>

#include "diff.h"
#include "finding.h"

/* A file the series touches, followed through renames. */
struct gate_file {
	char *path;		/* its name after the series */
	char *origin;		/* its name in the tree before, NULL if new */
	bool deleted;
};

struct gate {
	char *tree;		/* the user's tree (never written) */
	char *obj;		/* its kbuild object directory, or NULL */
	char *tmp;		/* our temporary directory */
	char *overlay;		/* tmp/tree: the tree with the series applied */
	char *orig;		/* tmp/orig: a range's files before it */
	char *base_rev, *tip_rev;	/* a range's ends, as commit ids */
	struct rg_patch patch;
	struct gate_file *files;
	int nr_files;
	struct rg_added added;	/* per file: the lines the series adds */
	struct rg_results results;
	char **real_dirs;	/* overlay directories already made real */
	int nr_dirs;
};

/* gate-overlay.c */
int gate_overlay_create(struct gate *g);
int gate_overlay_file(struct gate *g, const char *path, bool must_exist);
void gate_overlay_remove(struct gate *g);

/* gate-series.c */
char *gate_read_input(const char *path);
int gate_apply_patch(struct gate *g);
int gate_read_range(struct gate *g, const char *range, char **diff);
int gate_checkout_range(struct gate *g);
bool gate_is_c_source(const char *path);

/* gate-kbuild.c */
int gate_find_obj(struct gate *g, const char *obj_opt);
int gate_unit_command(struct gate *g, const char *path, char **unit, char **cmd);
/*
 * Replay unit's compile command on the overlay with the plugin; *complete
 * says the plugin's record covers the whole unit.  Non-zero: could not
 * even start (a message was printed).
 */
int gate_plugin_check(struct gate *g, const char *unit, const char *cmd,
		      struct rg_results *r, bool *complete);

/* gate-check.c */
int gate_check(struct gate *g);

/* gate-scope.c: the functions defined in a C file, by line */
struct gate_function {
	char *name;
	int first, last;	/* lines of its declarator and closing brace */
};

/* 0, or -1 when the file's braces do not balance (conditional code). */
int gate_functions(const char *text, struct gate_function **fns, int *nr);
const struct gate_function *gate_function_at(const struct gate_function *fns,
					     int nr, int line);

#endif
