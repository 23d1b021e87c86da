// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers `refguard fix` rewrites to, added to a tree's
 * include/linux/page_ref.h when it predates them, so the patched tree
 * builds.
 *
 * What the header defines is found by parsing it, not by searching its
 * text: spatch lists its function definitions with the line of each
 * closing brace (whatever the spelling, "init_folio_count (" included),
 * and the header's preprocessor directives are read after comments are
 * removed (a helper may be a macro).  A helper is added only if neither
 * exists; if the header names it in some way refguard cannot read as a
 * definition, the fix is refused rather than risk a second one.
 *
 * It goes right after init_page_count()'s definition (or the tree's
 * spelling of it), the raw setter's last legitimate user, unless that
 * point lies inside a conditional block (other than the include guard):
 * then after the #endif that closes it, so the helper is never compiled
 * only under some config.
 *
 * The same reading tells which spelling of each renamed role
 * (rules/spellings.def) the tree defines, so that the rewrites and the
 * messages use it (rg_cocci_tree_names()): a helper is added only for a
 * role the tree has no spelling of, and then by the --names set's name.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocci-internal.h"
#include "helper-roles.h"
#include "driver.h"
#include "spawn.h"

/*
 * What a helper added for a role does, whatever the name the tree or
 * --names gives it (%s).
 */
static const struct {
	enum rg_name_role role;
	const char *definition;
} helpers[] = {
	{ RG_NAME_ROLE_SET_FROZEN,
	  "\nstatic inline void %s(struct page *page)\n"
	  "{\n\tset_page_count(page, 0);\n}\n" },
	{ RG_NAME_ROLE_FOLIO_INIT,
	  "\nstatic inline void %s(struct folio *folio)\n"
	  "{\n\tfolio_set_count(folio, 1);\n}\n" },
};
#define NR_HELPERS (sizeof(helpers) / sizeof(helpers[0]))

static const char defs_cocci[] =
	"@def@\nidentifier f;\nposition p;\n@@\nf(...) { ... }@p\n\n"
	"@script:python@\nf << def.f;\np << def.p;\n@@\n"
	"print(\"RGFN\\x1f%s\\x1f%s\" % (f, p[0].line))\n";

struct header {
	char *text;		/* comments removed, line structure kept */
	int nr_lines;
	char **fn;		/* function definitions ... */
	int *fn_end;		/* ... and the line of their closing brace */
	int nr_fn;
	char **macro;		/* #define names */
	int nr_macro;
	int *cond_start, *cond_end;	/* #if..#endif line pairs */
	int nr_cond;
};

static void *grow(void *v, int n, size_t size)
{
	v = realloc(v, (n + 1) * size);
	if (!v) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	return v;
}

/* The text with comments blanked (newlines kept, so lines still count). */
static char *strip_comments(const char *s)
{
	char *t = rg_text_strip(s, false);

	if (!t) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	return t;
}

static bool word_is(const char *p, const char *w, const char **end)
{
	size_t len = strlen(w);

	if (strncmp(p, w, len) || isalnum((unsigned char)p[len]) || p[len] == '_')
		return false;
	*end = p + len;
	return true;
}

/* Directives: conditional blocks and macro names (continuations joined). */
static int read_directives(struct header *h)
{
	int stack[64], depth = 0, line = 1;
	const char *p = h->text, *q;

	while (*p) {
		int start = line;

		for (q = p; *q == ' ' || *q == '\t'; q++)
			;
		if (*q == '#') {
			for (q++; *q == ' ' || *q == '\t'; q++)
				;
			if (word_is(q, "if", &q) || word_is(q, "ifdef", &q) ||
			    word_is(q, "ifndef", &q)) {
				if (depth == 64)
					return rg_fail("page_ref.h: #if nested too deep");
				stack[depth++] = start;
			} else if (word_is(q, "endif", &q)) {
				if (!depth)
					return rg_fail("page_ref.h:%d: #endif without #if", start);
				h->cond_start = grow(h->cond_start, h->nr_cond, sizeof(int));
				h->cond_end = grow(h->cond_end, h->nr_cond, sizeof(int));
				h->cond_start[h->nr_cond] = stack[--depth];
				h->cond_end[h->nr_cond++] = start;
			} else if (word_is(q, "define", &q)) {
				while (*q == ' ' || *q == '\t')
					q++;
				p = q;
				while (isalnum((unsigned char)*q) || *q == '_')
					q++;
				h->macro = grow(h->macro, h->nr_macro, sizeof(char *));
				h->macro[h->nr_macro++] = strndup(p, q - p);
			}
		}
		/* to the end of the logical line */
		for (p = q; *p; p++) {
			if (*p == '\n') {
				line++;
				if (p > h->text && p[-1] == '\\')
					continue;
				p++;
				break;
			}
		}
	}
	if (depth)
		return rg_fail("page_ref.h:%d: #if without #endif", stack[depth - 1]);
	h->nr_lines = line;
	return 0;
}

/* spatch's list of the function definitions in the header at path. */
static int read_functions(struct header *h, const char *workdir, const char *path)
{
	char *sp = rg_strdup_printf("%s/defs.cocci", workdir);
	char *env_path;
	char *argv[] = { "env", NULL, getenv("REFGUARD_SPATCH") ?: "spatch",
			 "--sp-file", sp, "--no-includes", "--include-headers",
			 "--quiet", (char *)path, NULL };
	char *out = NULL, *line, *save, *sep;
	FILE *f = fopen(sp, "w");
	int st, fd;
	pid_t pid;

	if (!f || fputs(defs_cocci, f) < 0 || fclose(f))
		return rg_fail("cannot write %s: %s", sp, strerror(errno));
	fd = rg_anon_file("refguard-defs");
	if (fd < 0)
		return -1;
	/* spatch finds libpython with ldconfig (rg_cocci_path_env()) */
	argv[1] = env_path = rg_cocci_path_env();
	pid = rg_spawn(argv, fd, fd, workdir);
	st = pid < 0 ? -1 : rg_wait(pid, "spatch");
	free(env_path);
	out = rg_slurp_fd(fd, NULL);
	close(fd);
	if (st || !out) {
		fputs(out ? out : "", stderr);
		free(out);
		return rg_fail("spatch could not list the functions of page_ref.h");
	}
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "RGFN\x1f", 5) || !(sep = strchr(line + 5, '\x1f')))
			continue;	/* spatch's chatter: the script's lines are RGFN */
		h->fn = grow(h->fn, h->nr_fn, sizeof(char *));
		h->fn_end = grow(h->fn_end, h->nr_fn, sizeof(int));
		h->fn[h->nr_fn] = strndup(line + 5, sep - line - 5);
		h->fn_end[h->nr_fn++] = atoi(sep + 1);
	}
	free(out);
	free(sp);
	return 0;
}

static int find(char **v, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], name))
			return i;
	return -1;
}

static bool mentions(const char *text, const char *w)
{
	size_t len = strlen(w);
	const char *p;

	for (p = strstr(text, w); p; p = strstr(p + 1, w))
		if ((p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[len]) || p[len] == '_'))
			return true;
	return false;
}

/*
 * The line after which to insert: after line end, or after the #endif of
 * the outermost conditional around it that is not the include guard.
 */
static int insertion_line(const struct header *h, int end)
{
	int i, after = end, guard = -1;

	/* the guard: the conditional that opens first and closes last */
	for (i = 0; i < h->nr_cond; i++)
		if (guard < 0 || h->cond_start[i] < h->cond_start[guard])
			guard = i;
	for (i = 0; guard >= 0 && i < h->nr_cond; i++)
		if (h->cond_end[i] > h->cond_end[guard])
			guard = -1;
	for (i = 0; i < h->nr_cond; i++)
		if (i != guard && h->cond_start[i] < end && h->cond_end[i] > end &&
		    h->cond_end[i] > after)
			after = h->cond_end[i];
	return after;
}

/* text with add inserted after line (1-based; whole lines). */
static char *insert_after_line(const char *text, int line, const char *add)
{
	const char *p = text;
	int n;

	for (n = 0; n < line && *p; n++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : text + strlen(text);
	}
	return rg_strdup_printf("%.*s%s%s", (int)(p - text), text, add, p);
}

static void free_header(struct header *h)
{
	int i;

	for (i = 0; i < h->nr_fn; i++)
		free(h->fn[i]);
	for (i = 0; i < h->nr_macro; i++)
		free(h->macro[i]);
	free(h->fn);
	free(h->fn_end);
	free(h->macro);
	free(h->cond_start);
	free(h->cond_end);
	free(h->text);
}

char *rg_cocci_add_helpers(const char *workdir, const char *page_ref_path,
			   const char *page_ref, char *const *new_texts, int n,
			   const struct rg_tree_names *tn)
{
	struct header h = { 0 };
	char *result = strdup(page_ref), *longer, *def, *add = strdup("");
	unsigned int k;
	int i, init, at;
	bool needed, parsed = false;

	h.text = strip_comments(page_ref);
	for (k = 0; k < NR_HELPERS; k++) {
		const char *name = tn->tree[helpers[k].role];

		for (needed = false, i = 0; name && i < n && !needed; i++)
			needed = mentions(new_texts[i], name);
		if (!needed)
			continue;
		if (!parsed && (read_directives(&h) ||
				read_functions(&h, workdir, page_ref_path)))
			goto fail;
		parsed = true;
		if (find(h.fn, h.nr_fn, name) >= 0 ||
		    find(h.macro, h.nr_macro, name) >= 0)
			continue;
		if (mentions(h.text, name)) {
			rg_fail("include/linux/page_ref.h names %s() but refguard cannot read its definition; add it by hand",
				name);
			goto fail;
		}
		def = rg_strdup_printf(helpers[k].definition, name);
		longer = rg_strdup_printf("%s%s", add, def);
		free(def);
		free(add);
		add = longer;
	}
	if (*add) {
		init = find(h.fn, h.nr_fn, tn->tree[RG_NAME_ROLE_INIT]);
		if (init < 0) {
			rg_fail("include/linux/page_ref.h: no %s() definition to add helpers after",
				tn->tree[RG_NAME_ROLE_INIT]);
			goto fail;
		}
		at = insertion_line(&h, h.fn_end[init]);
		free(result);
		result = insert_after_line(page_ref, at, add);
	}
	free(add);
	free_header(&h);
	return result;
fail:
	free(add);
	free(result);
	free_header(&h);
	return NULL;
}

/* Does some file of FILES call NAME? */
static bool called(const struct rg_cocci_files *files, const char *name)
{
	int i;

	for (i = 0; i < files->n; i++)
		if (files->v[i].text && mentions(files->v[i].text, name))
			return true;
	return false;
}

/*
 * What the catalogue's choice (rg_unit_spelling_of(), the plugin's and
 * the sparse engine's too) asks of the tree: does its page_ref.h define
 * NAME (a function spatch lists, a macro, or a helper of mm.h learned
 * from its definition), and does the code call it.
 */
static const struct header *declared_header;
static const struct rg_cocci_files *declared_files;
static const char *declared_text;	/* page_ref.h, comments and all */

static int declared(const char *name, struct rg_decl *d)
{
	const struct header *h = declared_header;
	unsigned int line;

	if (find(h->fn, h->nr_fn, name) < 0 && find(h->macro, h->nr_macro, name) < 0 &&
	    !rg_learned_where(name))
		return 0;
	d->used = called(declared_files, name);
	/* A learned helper's arity is its definition's, as classified. */
	d->arity = declared_text && !rg_learned_where(name) ?
		   rg_definition_arity(declared_text, name, &line) : -1;
	if (d->arity >= 0)
		snprintf(d->where, sizeof(d->where), "include/linux/page_ref.h:%u", line);
	return 1;
}

/* ROLE's spelling in the tree described by H, as rg_cocci_tree_names() says. */
static void role_name(const struct header *h, enum rg_name_role role,
		      const char *names_set, const struct rg_cocci_files *files,
		      struct rg_tree_names *tn)
{
	struct rg_decl d = { 0 };
	const char *pick;
	char *why = NULL;

	declared_header = h;
	declared_files = files;
	pick = rg_unit_spelling_of(tn->table[role], declared, &why);
	if (!pick) {
		/* only a call of the wrong shape to write: refuse (issue 20, 8) */
		tn->refused = why;
		tn->tree[role] = tn->table[role];
		return;
	}
	tn->defined[role] = declared(pick, &d);
	tn->tree[role] = tn->defined[role] ? pick :
			 rg_role_default(role, names_set) ?: tn->table[role];
	/* --names may give the role a name the tree defines otherwise */
	if (!tn->defined[role] && strcmp(tn->tree[role], pick) && declared(tn->tree[role], &d) &&
	    d.arity >= 0) {
		free(why);
		why = rg_strdup_printf("%s: %s() takes %d arguments, not 1: no rewrite",
				       d.where, tn->tree[role], d.arity);
		tn->refused = why;
		return;
	}
	if (why)
		fprintf(stderr, "refguard: %s%s\n",
			strncmp(why, "include/", 8) ? "include/linux/page_ref.h: " : "", why);
	free(why);
}

/*
 * The helpers of page_ref.h and mm.h no table names, classified by
 * their definitions (rules/helper-roles.c).  A missing mm.h (a partial
 * tree) has none.
 */
static void learn_roles(const char *tree, const char *page_ref_text)
{
	char *path = rg_strdup_printf("%s/include/linux/mm.h", tree);
	char *mm = rg_slurp_file(path, NULL);

	if (page_ref_text)
		rg_role_learn_header(page_ref_text, "include/linux/page_ref.h");
	if (mm)
		rg_role_learn_header(mm, "include/linux/mm.h");
	free(mm);
	free(path);
}

int rg_cocci_tree_names(const char *workdir, const char *tree,
			const char *names_set, const struct rg_cocci_files *files,
			struct rg_tree_names *tn)
{
	char *path = rg_strdup_printf("%s/include/linux/page_ref.h", tree);
	char *text = rg_slurp_file(path, NULL), *env = strdup(""), *longer;
	struct header h = { 0 };
	unsigned int r;
	int st = -1;

	memset(tn, 0, sizeof(*tn));
	/* No page_ref.h (a partial tree): every role as the tables name it. */
	h.text = strip_comments(text ? text : "");
	if (text && (read_directives(&h) || read_functions(&h, workdir, path)))
		goto out;
	learn_roles(tree, text);
	declared_text = text;
	/* Only the roles the rewrite tables name: those with a design name. */
	for (r = 0; r < RG_NR_NAME_ROLES; r++) {
		tn->table[r] = rg_role_default((enum rg_name_role)r, "design");
		if (!tn->table[r])
			continue;
		role_name(&h, (enum rg_name_role)r, names_set, files, tn);
		if (!strcmp(tn->table[r], tn->tree[r]))
			continue;
		longer = rg_strdup_printf("%s%s%s=%s", env, *env ? "," : "",
					  tn->table[r], tn->tree[r]);
		free(env);
		env = longer;
	}
	tn->env = env;
	env = NULL;
	st = 0;
	if (tn->refused) {
		st = rg_fail("%s", tn->refused);
		free(tn->refused);
		tn->refused = NULL;
	}
out:
	declared_text = NULL;
	free(env);
	free(text);
	free(path);
	free_header(&h);
	return st;
}

void rg_cocci_tree_names_free(struct rg_tree_names *tn)
{
	free(tn->env);
	tn->env = NULL;
}
