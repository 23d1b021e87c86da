// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's own spelling of a renamed helper (rules/spellings.def), for
 * the rewrites the sparse engine suggests: the catalogue's choice
 * (rg_unit_spelling_of(), the plugin's too) from the function
 * declarations sparse has seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "helper-roles.h"

/*
 * The unit's function declarations named NAME: is there one, is it used,
 * how many parameters has it, where is it?
 */
static int declared(const char *name, struct rg_decl *d)
{
	struct ident *id = built_in_ident(name);
	struct symbol *sym;
	int found = 0;

	d->used = 0;
	for (sym = id->symbols; sym; sym = sym->next_id) {
		if (sym->namespace != NS_SYMBOL || !sym->ctype.base_type ||
		    sym->ctype.base_type->type != SYM_FN)
			continue;
		if (!found) {
			d->arity = ptr_list_size((struct ptr_list *)sym->ctype.base_type->arguments);
			snprintf(d->where, sizeof(d->where), "%s:%d",
				 stream_name(sym->pos.stream), sym->pos.line);
		}
		found = 1;
		d->used |= sym->used;
	}
	return found;
}

const char *rg_sparse_unit_spelling(const char *name, char **why)
{
	return rg_unit_spelling_of(name, declared, why);
}

/* The headers whose helpers are classified by their definitions. */
static bool role_header(const char *file)
{
	static const char *const headers[] = {
		"include/linux/page_ref.h", "include/linux/mm.h",
	};
	size_t n = strlen(file), m;
	unsigned int i;

	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		m = strlen(headers[i]);
		if (n >= m && !strcmp(file + n - m, headers[i]) &&
		    (n == m || file[n - m - 1] == '/'))
			return true;
	}
	return false;
}

/* Is the first parameter of FN (a SYM_FN) a struct page or folio pointer? */
static bool on_page(struct symbol *fn)
{
	struct symbol *arg = first_ptr_list((struct ptr_list *)fn->arguments), *t;

	if (!arg)
		return false;
	t = arg->ctype.base_type;
	if (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	if (!t || t->type != SYM_PTR)
		return false;
	t = t->ctype.base_type;
	if (t && t->type == SYM_NODE)
		t = t->ctype.base_type;
	return t && t->type == SYM_STRUCT && t->ident &&
	       (!strcmp(show_ident(t->ident), "page") || !strcmp(show_ident(t->ident), "folio"));
}

/* The text of FILE, read once per process (a few headers). */
static const char *file_text(const char *file)
{
	static struct { char *file, *text; } texts[4];
	unsigned int i;
	FILE *f;
	long len;
	char *t;

	for (i = 0; i < 4 && texts[i].file; i++)
		if (!strcmp(texts[i].file, file))
			return texts[i].text;
	if (i == 4)
		return NULL;
	t = NULL;
	f = fopen(file, "r");
	if (f && !fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET) && (t = malloc(len + 1)) &&
	    fread(t, 1, len, f) == (size_t)len) {
		t[len] = '\0';
	} else {
		free(t);
		t = NULL;
	}
	if (f)
		fclose(f);
	texts[i].file = strdup(file);
	texts[i].text = t;
	return t;
}

void rg_sparse_learn_role(struct symbol *sym)
{
	struct symbol *base = sym->ctype.base_type;
	const struct rg_spelling *sp;
	const char *name, *file, *text;
	unsigned int line;

	if (sym->definition != sym || !sym->ident || !base ||
	    !(base->stmt || base->inline_stmt) ||
	    !(sym->ctype.modifiers & MOD_STATIC) || !(sym->ctype.modifiers & MOD_INLINE))
		return;
	/*
	 * Where linemarkers put it, as GCC's location does for the plugin.
	 * The cheap test first: a unit defines thousands of static inlines,
	 * a few hundred of them in the role headers (looking every name up
	 * in the API table first cost 2% of a run on mm/page_alloc.c).
	 */
	file = rg_sparse_pos_file(sym->pos, &line);
	if (!file || !role_header(file) || !on_page(base))
		return;
	name = show_ident(sym->ident);
	if (rg_api_find(name) || rg_spelling_role(name) >= 0 || !(text = file_text(file)))
		return;
	sp = rg_role_learn_at(text, file, line, name);
	if (sp)
		rg_sparse_index_add(sym->ident, rg_learned_api(sp->name));
}
