// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def).
 *
 * The rewrite tables name each helper once, by the design's spelling; a
 * tree carrying another posting of the series (v4's
 * set_page_count_frozen()) must be told its own name, or the fix-it
 * calls a function that does not exist there.  The unit's declarations
 * say which spellings the tree has: each spelling of the role is looked
 * up as a file-scope binding of the C front end, and the catalogue picks
 * (rg_unit_spelling_of(), the sparse engine's choice too).  This runs only when a
 * finding with a rewrite is made, at PLUGIN_PRE_GENERICIZE while the
 * file scope is still there, and costs a few identifier lookups.
 */
#include "refguard.h"
#include "helper-roles.h"

/*
 * The unit's function declaration of NAME: is there one, is it used,
 * how many parameters has it (unknown without a prototype), where is it?
 */
static int declared(const char *name, struct rg_decl *d)
{
	tree id = maybe_get_identifier(name);
	tree decl = id ? identifier_global_value(id) : NULL_TREE;
	tree args;
	expanded_location xl;

	if (!decl || TREE_CODE(decl) != FUNCTION_DECL)
		return 0;
	/* TREE_USED: the code so far refers to it. */
	d->used = TREE_USED(decl);
	d->arity = -1;
	if (prototype_p(TREE_TYPE(decl))) {
		d->arity = 0;
		for (args = TYPE_ARG_TYPES(TREE_TYPE(decl)); args && args != void_list_node;
		     args = TREE_CHAIN(args))
			d->arity++;
	}
	xl = expand_location(DECL_SOURCE_LOCATION(decl));
	if (xl.file)
		snprintf(d->where, sizeof(d->where), "%s:%d", xl.file, xl.line);
	return 1;
}

const char *rg_unit_spelling(const char *name, char **why)
{
	return rg_unit_spelling_of(name, declared, why);
}

/* The headers whose helpers are classified by their definitions. */
static const char *const role_headers[] = {
	"include/linux/page_ref.h", "include/linux/mm.h",
};

static bool role_header(const char *file)
{
	size_t n = strlen(file), m;
	unsigned int i;

	for (i = 0; i < sizeof(role_headers) / sizeof(role_headers[0]); i++) {
		m = strlen(role_headers[i]);
		if (n >= m && !strcmp(file + n - m, role_headers[i]) &&
		    (n == m || file[n - m - 1] == '/'))
			return true;
	}
	return false;
}

/* Is the first parameter of FNDECL a struct page or folio pointer? */
static bool on_page(tree fndecl)
{
	tree args = TYPE_ARG_TYPES(TREE_TYPE(fndecl)), t, name;

	if (!args || TREE_CODE(TREE_VALUE(args)) != POINTER_TYPE)
		return false;
	t = TREE_TYPE(TREE_VALUE(args));
	if (TREE_CODE(t) != RECORD_TYPE || !TYPE_NAME(t))
		return false;
	name = TYPE_NAME(t);
	if (TREE_CODE(name) == TYPE_DECL)
		name = DECL_NAME(name);
	return name && TREE_CODE(name) == IDENTIFIER_NODE &&
	       (!strcmp(IDENTIFIER_POINTER(name), "page") ||
		!strcmp(IDENTIFIER_POINTER(name), "folio"));
}

/*
 * The definition the front end made, at its file and line, given to the
 * shared classifier with the file's text (read once per unit).  Only a
 * static inline on a page or folio of the role headers, and only names
 * no table has: a few per unit.
 */
static void learn_role(void *gcc_data, void *user_data)
{
	static hash_map<nofree_string_hash, char *> *texts;
	tree fndecl = (tree)gcc_data;
	const char *name, *file;
	const struct rg_spelling *sp;
	expanded_location xl;
	char **text, *t = NULL;

	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_SAVED_TREE(fndecl) ||
	    TREE_PUBLIC(fndecl) || !DECL_DECLARED_INLINE_P(fndecl) || !DECL_NAME(fndecl))
		return;
	name = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	if (rg_api_find(name) || rg_spelling_role(name) >= 0 || !on_page(fndecl))
		return;
	xl = expand_location(DECL_SOURCE_LOCATION(fndecl));
	file = xl.file;
	if (!file || !role_header(file))
		return;
	if (!texts)
		texts = new hash_map<nofree_string_hash, char *>;
	text = texts->get(file);
	if (!text) {
		FILE *f = fopen(file, "r");
		long len = -1;

		if (f && !fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 &&
		    !fseek(f, 0, SEEK_SET) && (t = (char *)xmalloc(len + 1)) &&
		    fread(t, 1, len, f) == (size_t)len)
			t[len] = '\0';
		else if (t) {
			free(t);
			t = NULL;
		}
		if (f)
			fclose(f);
		texts->put(xstrdup(file), t);
		text = texts->get(file);
	}
	if (!*text)
		return;
	sp = rg_role_learn_at(*text, file, xl.line, name);
	if (sp)
		rg_api_index_add(sp->name, rg_learned_api(sp->name));
}

void rg_spellings_register(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_PRE_GENERICIZE, learn_role, NULL);
}
