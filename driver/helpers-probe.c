// SPDX-License-Identifier: GPL-2.0
/*
 * What a tree's page_ref.h defines, found by compiling it.
 *
 * The header is compiled against the shims twice: with gcc's -aux-info,
 * which lists every function the unit declares or defines with its file,
 * line and prototype, and with -E -dD, which keeps every #define and
 * #undef with the file it came from.  Together they say which helpers the
 * tree defines in its own files (not the shims), as a function or a
 * macro, with how many arguments, after the preprocessor has had its say:
 * a helper under an #ifdef, or spelled through a macro, is seen as the
 * compiler sees it, which no text search of the header can do.
 *
 * From that the harness gets rg-features.h:
 *
 *   RG_HAVE_<NAME>		each API name of the catalogue (rules/api.def)
 *				and each spelling (rules/spellings.def) the
 *				tree defines
 *   RG_<ROLE>_SPELLINGS(X)	X(name, arity) for each spelling of a role
 *				the tree defines, oldest first
 *   RG_<ROLE>_NEWEST(X)	the same, for the newest of them only
 *   RG_FROZEN_BIT(_NAME)	the tree's frozen (or locked) bit, if any
 *   RG_MODIFIERS(X)		X(name, object, arity) for the catalogue's
 *				get, put and test-to-zero helpers the tree
 *				defines: the assertion check calls each
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "helper-roles.h"
#include "driver.h"
#include "helpers.h"

/* How the harness spells the first argument's type (RG_OBJ_page(p), ...). */
static const char *const objects[] = { [RG_OBJ_PAGE] = "page", [RG_OBJ_FOLIO] = "folio" };

/*
 * What the harness calls by these names and cannot do without (the
 * renamed roles it needs are marked required in spellings.def).
 */
static const char *const required_helpers[] = {
	"page_ref_count", "set_page_count", "page_ref_dec_and_test",
	"page_ref_freeze", "page_ref_unfreeze",
};

/* A helper or macro the tree's own files define. */
struct def {
	char *name;
	char *file;
	int line;
	int arity;		/* -1: an object-like macro */
	bool macro;
};

struct defs {
	struct def *v;
	size_t n, cap;
	const char *tree;	/* "<tree>/": files under it are the tree's */
	char *page_flags;	/* rg-tree-page-flags.h, copied from the tree */
};

static bool is_ident(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool tree_file(const struct defs *d, const char *file)
{
	return !strncmp(file, d->tree, strlen(d->tree)) || !strcmp(file, d->page_flags);
}

static void add_def(struct defs *d, const char *name, size_t len, const char *file,
		    int line, int arity, bool macro)
{
	struct def *e;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->v = realloc(d->v, d->cap * sizeof(*d->v));
		if (!d->v)
			abort();
	}
	e = &d->v[d->n++];
	e->name = strndup(name, len);
	e->file = strdup(file);
	e->line = line;
	e->arity = arity;
	e->macro = macro;
}

static const struct def *find_def(const struct defs *d, const char *name)
{
	size_t i;

	for (i = d->n; i-- > 0;)
		if (!strcmp(d->v[i].name, name))
			return &d->v[i];
	return NULL;
}

/* Arguments between the parenthesis at p and its match: 0 for () or (void). */
static int count_args(const char *p)
{
	const char *q = p + 1;
	int depth = 1, commas = 0;
	bool empty = true;

	while (*q == ' ')
		q++;
	if (!strncmp(q, "void)", 5) || !strncmp(q, "void )", 6))
		return 0;
	for (; *q && depth; q++) {
		if (*q == '(')
			depth++;
		else if (*q == ')')
			depth--;
		else if (*q == ',' && depth == 1)
			commas++;
		if (depth && *q != ' ')
			empty = false;
	}
	return empty ? 0 : commas + 1;
}

/*
 * One -aux-info line per function:
 *   / * FILE:LINE:NF * / static int page_ref_count (const struct page *page); ...
 * The second flag is F for a definition, C for a declaration only.
 */
static void parse_aux_line(struct defs *d, const char *line)
{
	const char *end, *colon1, *colon2, *decl, *paren, *name;
	char *file;
	int lineno;

	end = strncmp(line, "/* ", 3) ? NULL : strstr(line, " */");
	if (!end)
		return;
	for (colon2 = end; colon2 > line && *colon2 != ':'; colon2--)
		;
	for (colon1 = colon2 - 1; colon1 > line && *colon1 != ':'; colon1--)
		;
	if (colon1 <= line + 3 || end - colon2 < 3 || colon2[2] != 'F')
		return;
	file = strndup(line + 3, colon1 - (line + 3));
	lineno = atoi(colon1 + 1);
	decl = end + 3;
	paren = strchr(decl, '(');
	if (paren && tree_file(d, file)) {
		for (name = paren; name > decl && name[-1] == ' '; name--)
			;
		end = name;
		while (name > decl && is_ident(name[-1]))
			name--;
		if (end > name)
			add_def(d, name, end - name, file, lineno, count_args(paren), false);
	}
	free(file);
}

static void remove_macro(struct defs *d, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].macro && strlen(d->v[i].name) == len &&
		    !strncmp(d->v[i].name, name, len)) {
			free(d->v[i].name);
			free(d->v[i].file);
			d->v[i--] = d->v[--d->n];
		}
	}
}

/* -E -dD output: line markers, #define and #undef in the order seen. */
static void parse_dd(struct defs *d, char *text)
{
	char *line, *next, *file = strdup("");
	int lineno = 0;

	for (line = text; *line; line = next) {
		const char *p, *name;

		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		lineno++;
		if (line[0] == '#' && line[1] == ' ' && line[2] >= '0' && line[2] <= '9') {
			char *q, *close;

			lineno = strtol(line + 2, &q, 10) - 1;
			close = *q == ' ' && q[1] == '"' ? strchr(q + 2, '"') : NULL;
			if (close) {
				free(file);
				file = strndup(q + 2, close - (q + 2));
			}
			continue;
		}
		if (!strncmp(line, "#undef ", 7)) {
			for (p = name = line + 7; is_ident(*p); p++)
				;
			remove_macro(d, name, p - name);
			continue;
		}
		if (strncmp(line, "#define ", 8) || !tree_file(d, file))
			continue;
		for (p = name = line + 8; is_ident(*p); p++)
			;
		add_def(d, name, p - name, file, lineno, *p == '(' ? count_args(p) : -1, true);
	}
	free(file);
}

static bool run_cc(char **argv, char **out)
{
	if (rg_run(argv, out, NULL) != 0) {
		rg_fail("the tree's page_ref.h could not be built (compiler output above)");
		return false;
	}
	return true;
}

/* Compile the tree's page_ref.h both ways and collect its definitions. */
static bool collect(struct defs *d, const char *tree, const char *bdir)
{
	char *probe = rg_strdup_printf("%s/probe.c", bdir);
	char *aux = rg_strdup_printf("%s/probe.aux", bdir);
	char *shim = rg_strdup_printf("-I%s", rg_path(RG_HELPERS_SHIM_DIR));
	char *inc = rg_strdup_printf("-I%s", bdir);
	char *hdr = rg_strdup_printf("-DRG_PAGE_REF_H=\"%s/include/linux/page_ref.h\"", tree);
	char *syntax[] = { rg_helpers_cc(), "-fsyntax-only", "-aux-info", aux,
			   "-D_GNU_SOURCE", "-include", "linux/kconfig.h", shim, inc,
			   hdr, probe, NULL };
	char *pre[] = { rg_helpers_cc(), "-E", "-dD", "-D_GNU_SOURCE", "-include",
			"linux/kconfig.h", shim, inc, hdr, probe, NULL };
	char *text = NULL, *line, *next;
	bool ok;

	ok = rg_helpers_write(probe, "/* SPDX-License-Identifier: GPL-2.0 */\n"
				     "#include RG_PAGE_REF_H\n") &&
	     run_cc(syntax, NULL) && (text = rg_helpers_read(aux, NULL)) != NULL;
	for (line = ok ? text : NULL; line && *line; line = next ? next + 1 : NULL) {
		next = strchr(line, '\n');
		parse_aux_line(d, line);
	}
	free(text);
	text = NULL;
	ok = ok && run_cc(pre, &text);
	if (ok)
		parse_dd(d, text);
	free(text);
	free(probe);
	free(aux);
	free(shim);
	free(inc);
	free(hdr);
	return ok;
}

static char *upper(const char *s)
{
	char *u = strdup(s), *p;

	for (p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p -= 'a' - 'A';
	return u;
}

/* Append to a growing string. */
static void __attribute__((format(printf, 2, 3))) cat(char **s, const char *fmt, ...)
{
	char *more, *t;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&more, fmt, ap) < 0)
		abort();
	va_end(ap);
	t = rg_strdup_printf("%s%s", *s, more);
	free(*s);
	free(more);
	*s = t;
}

/*
 * A definition whose argument count is not the one refguard knows.  A
 * helper renamed by an object-like macro (#define new_name old_name) has
 * no count of its own: the compiler checks the harness's calls to it.
 */
static bool arity_ok(const struct def *def, int arity)
{
	if (def->arity == arity || (def->macro && def->arity < 0 && arity >= 0))
		return true;
	rg_fail("%s:%d: %s %s %d argument%s; refguard knows it with %d (rules/spellings.def, rules/api.def), and cannot test it",
		def->file, def->line, def->name, def->macro ? "is a macro with" : "takes",
		def->arity, def->arity == 1 ? "" : "s", arity);
	return false;
}

/*
 * The tree's helpers no table names, classified by their definitions
 * (rules/helper-roles.c) where the compiler says they are: a helper
 * under #if 0 is not there.
 */
static void learn_roles(const struct defs *d)
{
	size_t i, n, m = strlen("include/linux/page_ref.h");
	char *text;

	for (i = 0; i < d->n; i++) {
		const struct def *def = &d->v[i];

		n = strlen(def->file);
		if (def->macro || n < m || strcmp(def->file + n - m, "include/linux/page_ref.h"))
			continue;
		if (rg_api_find(def->name) || rg_spelling_role(def->name) >= 0)
			continue;
		text = rg_helpers_read(def->file, NULL);
		/* said relative to the tree, as the rest of refguard says it */
		if (text)
			rg_role_learn_at(text, strncmp(def->file, d->tree, strlen(d->tree)) ?
					 def->file : def->file + strlen(d->tree),
					 def->line, def->name);
		free(text);
	}
}

/* The spelling I of the table, then of those learned. */
static const struct rg_spelling *spelling_at(unsigned int i)
{
	return i < rg_spelling_count ? &rg_spellings[i] :
	       rg_learned_spelling(i - rg_spelling_count);
}

/* The spellings of each role: for the harness, and said to the user. */
static bool spelling_lists(const struct defs *d, char **h, char **said)
{
	int role;
	size_t i;
	bool ok = true;

	for (role = 0; role < RG_NR_NAME_ROLES; role++) {
		const struct rg_spelling *newest = NULL;
		char *list = strdup(""), *known = strdup("");

		cat(said, "  %-22s", rg_name_roles[role].label);
		for (i = 0; i < rg_spelling_count + rg_learned_count(); i++) {
			const struct rg_spelling *s = spelling_at(i);
			const struct def *def = find_def(d, s->name);

			if ((int)s->role != role)
				continue;
			cat(&known, "%s%s()", *known ? ", " : "", s->name);
			if (!def)
				continue;
			if (!arity_ok(def, s->arity)) {
				ok = false;
				continue;
			}
			cat(said, "%s%s%s (%s)", newest ? ", " : " ", s->name,
			    s->arity >= 0 ? "()" : "", s->origin);
			rg_learned_say(s->name);
			cat(&list, " X(%s, %s, %d)", s->name, objects[s->object], s->arity);
			newest = s;
		}
		cat(said, "%s\n", newest ? "" : " none");
		if (!newest && rg_name_roles[role].required) {
			rg_fail("the tree's page_ref.h defines no %s (known as %s): the harness needs one",
				rg_name_roles[role].label, known);
			ok = false;
		}
		cat(h, "#define RG_%s_SPELLINGS(X)%s\n", rg_name_roles[role].id, list);
		if (newest)
			cat(h, "#define RG_%s_NEWEST(X) X(%s, %s, %d)\n", rg_name_roles[role].id, newest->name,
			    objects[newest->object], newest->arity);
		if (newest && role == RG_NAME_ROLE_FROZEN_BIT)
			cat(h, "#define RG_FROZEN_BIT_NAME \"%s\"\n#define RG_FROZEN_BIT ((int)(%s))\n",
			    newest->name, newest->name);
		free(list);
		free(known);
	}
	return ok;
}

/* The catalogue's modifiers (must not touch a frozen page) the tree defines. */
static bool modifier_list(const struct defs *d, char **h)
{
	char *list = strdup("");
	unsigned int i;
	bool ok = true;

	for (i = 0; i < rg_api_count; i++) {
		const struct rg_api *api = &rg_api_table[i];
		const struct def *def = find_def(d, api->name);

		if ((api->kind != RG_GET && api->kind != RG_PUT && api->kind != RG_TEST_ZERO) ||
		    api->page_arg != 0 || !def)
			continue;
		if (!arity_ok(def, api->value_arg >= 0 ? 2 : 1)) {
			ok = false;
			continue;
		}
		cat(&list, " X(%s, %s, %d)", api->name, objects[api->object],
		    api->value_arg >= 0 ? 2 : 1);
	}
	cat(h, "#define RG_MODIFIERS(X)%s\n", list);
	free(list);
	return ok;
}

static bool have_list(const struct defs *d, const char *tree, char **h)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < sizeof(required_helpers) / sizeof(required_helpers[0]); i++) {
		if (!find_def(d, required_helpers[i])) {
			rg_fail("%s/include/linux/page_ref.h does not define %s()",
				tree, required_helpers[i]);
			ok = false;
		}
	}
	for (i = 0; i < rg_api_count + rg_spelling_count; i++) {
		const char *name = i < rg_api_count ? rg_api_table[i].name :
				   rg_spellings[i - rg_api_count].name;
		char *u;

		/* Names in both tables once. */
		if (!find_def(d, name) || (i >= rg_api_count && rg_api_find(name)))
			continue;
		u = upper(name);
		cat(h, "#define RG_HAVE_%s 1\n", u);
		free(u);
	}
	return ok;
}

/*
 * The binaries in bdir are built from the tree and the harness (which
 * name bdir) and from rg-features.h, which also depends on refguard's
 * own tables: a different header makes them stale.
 */
static bool write_features(const char *bdir, const char *path, const char *h)
{
	char *old = rg_helpers_read(path, NULL), *bin;

	if (old && !strcmp(old, h)) {
		free(old);
		return true;
	}
	free(old);
	bin = rg_strdup_printf("%s/rg-check", bdir);
	unlink(bin);
	free(bin);
	bin = rg_strdup_printf("%s/rg-check-tsan", bdir);
	unlink(bin);
	free(bin);
	return rg_helpers_write(path, h);
}

bool rg_helpers_probe(const char *tree, const char *bdir, bool say, bool verbose)
{
	struct defs d = { 0 };
	char *h, *said = strdup(""), *path;
	size_t i;
	bool ok;

	d.tree = rg_strdup_printf("%s/", tree);
	d.page_flags = rg_strdup_printf("%s/rg-tree-page-flags.h", bdir);
	h = rg_strdup_printf("/* Generated by refguard helpers from %s/include/linux/page_ref.h: do not edit. */\n",
			     tree);
	ok = collect(&d, tree, bdir);
	if (ok)
		learn_roles(&d);
	ok = ok && have_list(&d, tree, &h);
	ok = ok && spelling_lists(&d, &h, &said);
	ok = ok && modifier_list(&d, &h);
	if (ok && say)
		printf("refguard helpers: spellings %s/include/linux/page_ref.h defines:\n%s",
		       tree, said);
	if (ok && say && verbose)
		for (i = 0; i < d.n; i++)
			printf("  defined: %s%s (%s:%d)\n", d.v[i].name,
			       d.v[i].macro && d.v[i].arity < 0 ? "" : "()", d.v[i].file,
			       d.v[i].line);
	path = rg_strdup_printf("%s/rg-features.h", bdir);
	if (ok)
		ok = write_features(bdir, path, h);
	for (i = 0; i < d.n; i++) {
		free(d.v[i].name);
		free(d.v[i].file);
	}
	free(d.v);
	free((char *)d.tree);
	free(d.page_flags);
	free(path);
	free(h);
	free(said);
	return ok;
}

/* A #define the harness must take from the tree's page-flags.h. */
static bool refcount_macro(const char *name, size_t len)
{
	char buf[128];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return strstr(buf, "PAGEREF") || strstr(buf, "PAGE_REF") ||
	       strstr(buf, "page_ref");
}

/*
 * Copy each refcount #define (with its continuation lines) out of the
 * tree's page-flags.h.  That header cannot be compiled on its own (it
 * needs the whole kernel and a configuration), so this is the one place
 * refguard reads the tree as text; what it copies is compiled like the
 * rest.  Conditionals around them are dropped: they are configuration
 * the harness does not model.
 */
char *rg_helpers_page_flags(const char *tree)
{
	char *path = rg_strdup_printf("%s/include/linux/page-flags.h", tree);
	char *text = rg_helpers_read(path, NULL), *out, *line, *p;
	size_t n;

	out = rg_strdup_printf("/* Generated by refguard helpers from %s: do not edit. */\n",
			       path);
	free(path);
	if (!text)
		return out;
	out = realloc(out, strlen(out) + strlen(text) + 2);
	n = strlen(out);
	for (line = text; *line; line = p) {
		const char *s = line, *name;
		bool take = false;

		/* Extend to the end of the logical line. */
		for (p = line; *p && !(*p == '\n' && (p == line || p[-1] != '\\')); p++)
			;
		if (*p)
			p++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#') {
			for (s++; *s == ' ' || *s == '\t'; s++)
				;
			if (!strncmp(s, "define", 6) && (s[6] == ' ' || s[6] == '\t')) {
				for (name = s + 7; *name == ' ' || *name == '\t'; name++)
					;
				for (s = name; is_ident(*s); s++)
					;
				take = refcount_macro(name, s - name);
			}
		}
		if (take) {
			memcpy(out + n, line, p - line);
			n += p - line;
			if (p[-1] != '\n')
				out[n++] = '\n';
		}
	}
	out[n] = '\0';
	free(text);
	return out;
}
