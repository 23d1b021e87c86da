/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Coccinelle engine, shared by its runner (cocci/engine/) and the
 * commands on it (driver/); the runner calls nothing of the commands':
 *
 *   cocci-files.c    which semantic patch serves which rule, which files
 *                    each must see (one grep over the tree)
 *   cocci-run.c      one spatch run over a list of files, and what its
 *                    exit status and stderr say about each of them
 *   cocci-records.c  spatch's stdout: findings and completion markers
 *   driver/cocci-report.c   rg_cocci_report() (cocci.h), `refguard report`
 *   driver/cocci-fix.c      `refguard fix`
 *   driver/cocci-helpers.c  the helpers a rewrite calls, added where
 *                           missing (rg_cocci_tree_names() and
 *                           rg_cocci_add_helpers() below)
 *
 * A file counts as checked for a rule only when spatch printed the
 * completion marker refguard appends to the semantic patch (a script rule
 * after all of the patch's own rules, which runs once per file when every
 * earlier rule has finished on it) and nothing in its exit status, its
 * stderr or its stdout says otherwise.  Silence is never "clean".
 */
#ifndef REFGUARD_COCCI_INTERNAL_H
#define REFGUARD_COCCI_INTERNAL_H

#include <stdbool.h>

#include "catalogue.h"
#include "finding.h"

/*
 * The semantic patches: the catalogue's Coccinelle entries
 * (rules/engines.def), one cocci/<rule>.cocci each, with the API kinds and
 * word that select its files and whether it has a patch mode.
 */
#define for_each_cocci_script(sc)					\
	for ((sc) = rg_serves; (sc) < rg_serves + rg_serve_count; (sc)++)	\
		if (rg_passes[(sc)->pass].engine != RG_ENGINE_COCCI) {} else

static inline bool rg_cocci_fixes(const struct rg_serve *sc)
{
	return sc->modes & RG_MODE_FIX;
}

/* A reason a file, or one function in it, was not (fully) checked. */
struct rg_cocci_problem {
	char *function;			/* "" for the whole file */
	char *reason;
};

/* A file that names the API, and what the runs said about it. */
struct rg_cocci_file {
	char *rel;			/* relative to the tree */
	char *copy;			/* its name under the job's root if not rel */
	char *text;			/* its content; NULL: unreadable */
	unsigned int checked;		/* rules a run positively completed */
	struct rg_cocci_problem *problems;
	int nr_problems;
	/* scratch of the current run */
	bool done;			/* its completion marker was printed */
	bool troubled;			/* a problem was recorded in this run */
};

struct rg_cocci_files {
	const char *tree;		/* absolute */
	struct rg_cocci_file *v;	/* sorted by rel */
	int n;
	/* files named by the caller that cannot match: checked by the grep */
	char **clean;
	int nr_clean;
};


/*
 * The files under paths (relative to the tree, or absolute inside it;
 * NULL/0: the whole tree) that name the API of any script, minus the
 * helpers' own files.  A path that does not exist or is outside the tree
 * is recorded as a problem of that path.  Returns 0, or -1 after a
 * message if the tree could not be searched.
 */
int rg_cocci_candidates(const char *tree, char *const *paths, int nr_paths,
			struct rg_cocci_files *out);
void rg_cocci_files_free(struct rg_cocci_files *files);

/* Note a problem of file f (function "" or NULL for the whole file). */
void rg_cocci_problem(struct rg_cocci_file *f, const char *function,
		      const char *reason);

/* Where a run reads (and in patch mode writes) its files. */
struct rg_cocci_job {
	const char *root;		/* the tree itself, or a copy of it */
	const char *workdir;		/* scratch directory, spatch's cwd */
	bool patch;			/* rewrite the files under root */
	const char *names;		/* REFGUARD_NAMES for the scripts, or NULL */
};

/*
 * Run sc over the files it wants (by text) among files.  Report mode
 * adds findings to r; both modes mark each file checked for sc's rule or
 * give it a problem.  Returns 0, or -1 if spatch could not be run at all.
 */
int rg_cocci_run(const struct rg_cocci_job *job, const struct rg_serve *sc,
		 struct rg_cocci_files *files, struct rg_results *r);

/*
 * "PATH=..." for spatch's environment: the caller's PATH with /usr/sbin
 * and /sbin appended when it lacks them.  spatch (pyml) looks for
 * libpython with "ldconfig -p", and a user's PATH has no ldconfig on
 * Debian: without it spatch 1.3 on Debian 13, which has only
 * libpython3.13.so.1.0 (no unversioned .so without the -dev package),
 * cannot load Python.  Free the result.
 */
char *rg_cocci_path_env(void);

/*
 * spatch's stdout for one run: "RG\x1f..." findings (report mode) and
 * "RGDONE\x1f<file>" markers.  Anything else, or a record naming a file
 * the run was not given, leaves the files it may concern without their
 * check.  Returns 0, or -1 if a line could not be tied to any one file
 * (then no file of the run counts as checked).
 */
int rg_cocci_parse_stdout(const struct rg_cocci_job *job,
			  const struct rg_serve *sc, char *out,
			  struct rg_cocci_files *files, struct rg_results *r);

/* The file of files whose absolute path under root is path, or NULL. */
struct rg_cocci_file *rg_cocci_lookup(struct rg_cocci_files *files,
				      const char *root, const char *path);

/*
 * The helpers of the rewrite tables as the tree spells them
 * (rules/spellings.def), from the definitions in its page_ref.h: for
 * each renamed role, the spelling the tree defines; if it defines
 * several, the one FILES call (said on stderr); if none, the --names
 * set's (NAMES_SET, "design" or "v4"), which `fix` then adds.
 */
struct rg_tree_names {
	const char *table[RG_NR_NAME_ROLES];	/* the rewrite tables' name */
	const char *tree[RG_NR_NAME_ROLES];	/* the name to write */
	bool defined[RG_NR_NAME_ROLES];		/* the tree has it */
	char *env;				/* "table=tree,...", REFGUARD_NAMES */
	char *refused;				/* why no name can be written */
};
int rg_cocci_tree_names(const char *workdir, const char *tree,
			const char *names_set, const struct rg_cocci_files *files,
			struct rg_tree_names *tn);
void rg_cocci_tree_names_free(struct rg_tree_names *tn);

/*
 * Add to page_ref (the text of include/linux/page_ref.h) the helpers
 * that calls (the rewritten files' texts, NUL-separated list ends with an
 * empty string) use and the header does not define, as a function or as
 * a macro.  Returns the new text (malloc'd; the same text if nothing was
 * missing), or NULL after a message when the header's shape does not
 * allow it.  The helpers are named as TN says.
 */
char *rg_cocci_add_helpers(const char *workdir, const char *page_ref_path,
			   const char *page_ref, char *const *new_texts, int n,
			   const struct rg_tree_names *tn);

#endif
