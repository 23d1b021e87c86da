// SPDX-License-Identifier: GPL-2.0
/*
 * Helper roles read from their definitions: rules/helper-roles.h says
 * what and why.  The classifier reads C text the way a reviewer would
 * read a three-line helper: comments dropped, whitespace squeezed, the
 * calls of the body with their arguments.  It only ever answers for a
 * `static inline` whose first parameter is a struct page or folio, and
 * only when the body says one thing: a body that both stores 1 and the
 * frozen bit, or tests and adds, is no role.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helper-roles.h"

#define MAX_CALLS	32
#define MAX_ARGS	4

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * TEXT with comments blanked, and string and character literal contents
 * too with BLANK_LITERALS; newlines kept, so lines still count.  Escapes
 * inside a literal do not end it ('\'' is one literal).
 */
char *rg_text_strip(const char *text, bool blank_literals)
{
	char *out = strdup(text), *p = out;

	if (!out)
		return NULL;
	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			for (; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p != '\n')
					*p = ' ';
			if (*p)
				p[0] = p[1] = ' ';
		} else if (p[0] == '/' && p[1] == '/') {
			for (; *p && *p != '\n'; p++)
				*p = ' ';
		} else if (*p == '"' || *p == '\'') {
			char q = *p++;

			for (; *p && *p != q && *p != '\n'; p++) {
				bool escape = *p == '\\' && p[1];

				if (blank_literals)
					p[0] = ' ';
				if (escape) {
					p++;	/* a newline escaped stays a newline */
					if (blank_literals && *p != '\n')
						p[0] = ' ';
				}
			}
			if (*p == q)
				p++;
		} else {
			p++;
		}
	}
	return out;
}

/*
 * An engine classifies many definitions of one header (mm.h has
 * hundreds): its stripped text and where its lines start are kept for
 * the last few headers, checked against the text itself.
 */
#define STRIP_CACHE	2

static struct stripped {
	char *orig, *text;
	size_t len;
	const char **line;	/* line[i]: the start of line i + 1 */
	unsigned int nr_lines;
	const char *fb;		/* the frozen bit it names (frozen_bit()) */
	bool fb_done;
} strip_cache[STRIP_CACHE];
static unsigned int strip_next;

static struct stripped *stripped_of(const char *text)
{
	size_t len = strlen(text);
	struct stripped *c;
	const char *p;
	unsigned int i;

	for (i = 0; i < STRIP_CACHE; i++) {
		c = &strip_cache[i];
		if (c->orig && c->len == len && !memcmp(c->orig, text, len))
			return c;
	}
	c = &strip_cache[strip_next];
	strip_next = (strip_next + 1) % STRIP_CACHE;
	free(c->orig);
	free(c->text);
	free(c->line);
	memset(c, 0, sizeof(*c));
	c->orig = strdup(text);
	c->text = rg_text_strip(text, true);
	if (!c->orig || !c->text)
		return NULL;
	c->len = len;
	for (p = c->text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		c->nr_lines++;
	c->line = (const char **)malloc(c->nr_lines * sizeof(*c->line));
	if (!c->line)
		return NULL;
	for (i = 0, p = c->text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		c->line[i++] = p;
	return c;
}

/* S[0..LEN) without whitespace, except one space between two words. */
static char *squeeze(const char *s, size_t len)
{
	char *out = (char *)malloc(len + 1), *o = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i])) {
			if (o > out && ident_char(o[-1]) && i + 1 < len &&
			    ident_char(s[i + 1]))
				*o++ = ' ';
			continue;
		}
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/* Does S name W as a whole word? */
static bool mentions(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);
	const char *p, *end = s + len;

	for (p = s; p + wl <= end; p++)
		if (!strncmp(p, w, wl) && (p == s || !ident_char(p[-1])) &&
		    (p + wl == end || !ident_char(p[wl])))
			return true;
	return false;
}

/* The parenthesis or brace matching the one at P, or NULL. */
static const char *match(const char *p)
{
	char open = *p, close = open == '(' ? ')' : '}';
	int depth = 0;

	for (; *p; p++) {
		if (*p == open)
			depth++;
		else if (*p == close && --depth == 0)
			return p;
	}
	return NULL;
}

struct call {
	char name[64];
	int nargs;
	const char *arg[MAX_ARGS];	/* into the squeezed body */
	size_t arglen[MAX_ARGS];
};

static bool keyword(const char *w, size_t len)
{
	static const char *const kw[] = { "if", "while", "for", "return", "sizeof",
					  "switch", "do", "typeof", "__typeof__" };
	unsigned int i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i]) == len && !strncmp(kw[i], w, len))
			return true;
	return false;
}

/* Every call of the squeezed BODY with its top-level arguments. */
static int calls_of(const char *body, struct call *c, int max)
{
	const char *p, *w, *close, *a;
	int n = 0, depth;

	for (p = body; *p && n < max; p++) {
		if (*p != '(' || p == body || !ident_char(p[-1]))
			continue;
		for (w = p; w > body && ident_char(w[-1]); w--)
			;
		if (keyword(w, p - w) || (size_t)(p - w) >= sizeof(c[n].name) ||
		    isdigit((unsigned char)*w) || !(close = match(p)))
			continue;
		memcpy(c[n].name, w, p - w);
		c[n].name[p - w] = '\0';
		c[n].nargs = 0;
		depth = 0;
		for (a = p + 1, w = a; a <= close; a++) {
			if (*a == '(')
				depth++;
			else if (*a == ')' && depth)
				depth--;
			else if ((*a == ',' && !depth) || a == close) {
				if (c[n].nargs < MAX_ARGS && (a > w || c[n].nargs)) {
					c[n].arg[c[n].nargs] = w;
					c[n].arglen[c[n].nargs] = a - w;
				}
				if (a > w || c[n].nargs)
					c[n].nargs++;
				w = a + 1;
			}
		}
		n++;
	}
	return n;
}

/* The kind a table or a learned definition gives NAME, or -1. */
static int kind_of(const char *name, const struct rg_api **api)
{
	*api = rg_api_find(name);
	if (!*api)
		*api = rg_learned_api(name);
	return *api ? (int)(*api)->kind : -1;
}

/* The tree's frozen bit as TEXT names it, or NULL (frozen is a count of 0). */
static const char *frozen_bit(const char *text)
{
	unsigned int i;

	for (i = 0; i < rg_spelling_count; i++)
		if (rg_spellings[i].role == RG_NAME_ROLE_FROZEN_BIT &&
		    mentions(text, strlen(text), rg_spellings[i].name))
			return rg_spellings[i].name;
	return NULL;
}

/*
 * The definition of NAME at or after line LINE of the stripped TEXT: its
 * declaration's start, the opening parenthesis and the body's braces.
 */
static bool find_definition(const struct stripped *st, unsigned int line,
			    const char *name, const char **decl, const char **paren,
			    const char **open, const char **close)
{
	size_t len = strlen(name);
	const char *text = st->text, *p, *q, *e;

	if (line > st->nr_lines)
		return false;
	p = line ? st->line[line - 1] : text;
	for (; p && (p = strstr(p, name)); p += len) {
		if ((p > text && ident_char(p[-1])) || ident_char(p[len]))
			continue;
		for (q = p + len; isspace((unsigned char)*q); q++)
			;
		if (*q != '(' || !(e = match(q)))
			continue;
		for (e++; isspace((unsigned char)*e); e++)
			;
		if (*e != '{')
			continue;	/* a prototype or a call */
		*paren = q;
		*open = e;
		*close = match(e);
		/* The declaration starts after the previous ; or } or directive. */
		for (q = p; q > text && q[-1] != ';' && q[-1] != '}' &&
			    !(q[-1] == '\n' && q[0] == '#'); q--)
			;
		*decl = q;
		return *close != NULL;
	}
	return false;
}

/* Top-level commas of the squeezed parameter list P, plus one; 0 for (void). */
static int count_params(const char *p)
{
	int n, depth = 0;

	if (!*p || !strcmp(p, "void"))
		return 0;
	for (n = 1; *p; p++) {
		depth += (*p == '(') - (*p == ')');
		n += *p == ',' && !depth;
	}
	return n;
}

/*
 * Does BODY assign to _refcount itself (`page->_refcount.counter = 0`)?
 * A store the classifier does not read: no role.
 */
static bool raw_refcount_store(const char *body)
{
	const char *p, *stmt = body;

	for (p = body; *p; p++) {
		if (*p == ';' || *p == '{' || *p == '}') {
			stmt = p + 1;
			continue;
		}
		if (*p != '=' || p[1] == '=' || (p > body && strchr("=!<>", p[-1])))
			continue;
		if (mentions(stmt, p - stmt, "_refcount"))
			return true;
	}
	return false;
}

/* Does S[0..LEN) subtract (a '-' that is not "->")? */
static bool has_minus(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '-' && (i + 1 == len || s[i + 1] != '>'))
			return true;
	return false;
}

/*
 * Is NAME, defined in the same header, a test of the frozen bit on a
 * count: `return count & PAGEREF_FROZEN_BIT;` (v2's
 * __page_count_is_frozen()), with nothing stored?
 */
static bool bit_test_fn(const struct stripped *st, const char *name, const char *fb)
{
	const char *decl, *paren, *open, *close;
	char *body;
	bool yes;

	if (!fb || rg_api_find(name) || !find_definition(st, 0, name, &decl, &paren,
							  &open, &close))
		return false;
	body = squeeze(open + 1, close - open - 1);
	if (!body)
		return false;
	/* one statement: return a mask of the bit */
	yes = !strncmp(body, "return", 6) && strchr(body, '&') &&
	      mentions(body, strlen(body), fb) &&
	      strchr(body, ';') == body + strlen(body) - 1;
	free(body);
	return yes;
}

int rg_role_classify(const char *text, unsigned int line, const char *name,
		     struct rg_role_guess *g)
{
	struct stripped *st = stripped_of(text);
	char *prefix = NULL, *params = NULL, *body = NULL;
	const char *t = st ? st->text : NULL, *decl, *paren, *open, *close, *fb, *p, *first_end;
	struct call calls[MAX_CALLS];
	char param[64] = "";
	int n, i, k, ret = -1, stores_one = 0, stores_frozen = 0, stores_other = 0;
	int tests = 0, adds = 0, subs = 0, fails_frozen = 0, other_changes = 0, depth;
	const struct rg_api *api;
	bool is_void;

	if (!st || !find_definition(st, line, name, &decl, &paren, &open, &close))
		goto out;
	prefix = squeeze(decl, paren - decl);
	params = squeeze(paren + 1, match(paren) - paren - 1);
	body = squeeze(open + 1, close - open - 1);
	if (!prefix || !params || !body)
		goto out;
	/* static inline, __always_inline included */
	if (!mentions(prefix, strlen(prefix), "static") ||
	    !(strstr(prefix, "inline")))
		goto out;
	is_void = mentions(prefix, strlen(prefix), "void") && !strchr(prefix, '*');
	/* The first parameter: its object and its name. */
	for (p = params, depth = 0; *p && !(*p == ',' && !depth); p++)
		depth += (*p == '(') - (*p == ')');
	first_end = p;
	if (mentions(params, first_end - params, "folio") && strstr(params, "struct folio"))
		g->object = RG_OBJ_FOLIO;
	else if (mentions(params, first_end - params, "page") && strstr(params, "struct page"))
		g->object = RG_OBJ_PAGE;
	else
		goto out;
	for (p = first_end; p > params && !ident_char(p[-1]); p--)
		;
	for (k = 0; p > params && ident_char(p[-1]); p--, k++)
		;
	if (!k || k >= (int)sizeof(param))
		goto out;
	memcpy(param, p, k);
	param[k] = '\0';
	g->arity = count_params(params);

	if (!st->fb_done) {
		st->fb = frozen_bit(t);
		st->fb_done = true;
	}
	fb = st->fb;
	n = calls_of(body, calls, MAX_CALLS);
	for (i = 0; i < n; i++) {
		const struct call *c = &calls[i];
		int kind = kind_of(c->name, &api);
		const char *v = NULL;
		size_t vlen = 0;
		bool on_param = c->nargs > 0 && mentions(c->arg[0], c->arglen[0], param);

		if (kind == RG_SET && on_param && api->value_arg >= 0 &&
		    api->value_arg < c->nargs) {
			v = c->arg[api->value_arg];
			vlen = c->arglen[api->value_arg];
		} else if (!strncmp(c->name, "atomic_set", 10) && on_param &&
			   c->nargs == 2 && mentions(c->arg[0], c->arglen[0], "_refcount")) {
			v = c->arg[1];
			vlen = c->arglen[1];
		}
		if (v) {
			if (vlen == 1 && *v == '1')
				stores_one++;
			else if (fb ? mentions(v, vlen, fb) : vlen == 1 && *v == '0')
				stores_frozen++;
			else
				stores_other++;
			continue;
		}
		if (!on_param)
			goto kernel_calls;
		switch (kind) {
		case RG_INIT:
			stores_one++;
			continue;
		case RG_SET_FROZEN:
			stores_frozen++;
			continue;
		case RG_TRY_GET:
			/* a speculative get with an amount (not folio_try_get) */
			if (api->value_arg >= 0) {
				adds++;
				fails_frozen++;
			} else
				other_changes++;
			continue;
		case RG_TEST_FROZEN:
			tests++;
			continue;
		case RG_READ:
		case RG_CONVERT:
			continue;
		default:
			if (kind >= 0) {
				other_changes++;
				continue;
			}
		}
kernel_calls:
		if (bit_test_fn(st, c->name, fb)) {
			/* __page_count_is_frozen(atomic_read(&page->_refcount)) */
			if (on_param)
				tests++;
			fails_frozen++;
		} else if (strstr(c->name, "cmpxchg")) {
			/* the new value says what the swap does: + adds, - drops */
			if (c->nargs >= 3 && has_minus(c->arg[2], c->arglen[2]))
				subs++;
			else if (c->nargs >= 3 && memchr(c->arg[2], '+', c->arglen[2]))
				adds++;
		} else if (strstr(c->name, "sub") || strstr(c->name, "dec")) {
			subs++;
		} else if (strstr(c->name, "add") || strstr(c->name, "inc")) {
			/* atomic_add_unless(), atomic_add_return(), inc_not_zero */
			adds++;
			if (strstr(c->name, "unless") || strstr(c->name, "not_zero"))
				fails_frozen++;
		} else if (!strncmp(c->name, "atomic", 6) && !strstr(c->name, "read")) {
			other_changes++;
		}
	}
	if (fb && mentions(body, strlen(body), fb))
		fails_frozen++;
	if (raw_refcount_store(body))
		other_changes++;
	if (is_void && g->arity == 1 && !adds && !subs && !tests && !other_changes &&
	    !stores_other) {
		if (stores_one && !stores_frozen) {
			g->role = g->object == RG_OBJ_FOLIO ? RG_NAME_ROLE_FOLIO_INIT :
							      RG_NAME_ROLE_INIT;
			ret = 0;
		} else if (stores_frozen && !stores_one && g->object == RG_OBJ_PAGE) {
			g->role = RG_NAME_ROLE_SET_FROZEN;
			ret = 0;
		}
	} else if (!is_void && !stores_one && !stores_frozen && !stores_other &&
		   !other_changes && !subs && strstr(body, "return")) {
		bool bit_test = fb && mentions(body, strlen(body), fb) && strchr(body, '&');

		if (!adds && g->arity == 1 && (tests || bit_test)) {
			g->role = g->object == RG_OBJ_FOLIO ? RG_NAME_ROLE_FOLIO_FROZEN_TEST :
							      RG_NAME_ROLE_FROZEN_TEST;
			ret = 0;
		} else if (adds && g->arity >= 2 &&
			   (fails_frozen || (!fb && strstr(body, ",0)")))) {
			g->role = g->object == RG_OBJ_FOLIO ? RG_NAME_ROLE_FOLIO_TRY_ADD :
							      RG_NAME_ROLE_TRY_ADD;
			ret = 0;
		}
	}
out:
	free(prefix);
	free(params);
	free(body);
	return ret;
}

static unsigned int line_of(const struct stripped *st, const char *p)
{
	unsigned int lo = 0, hi = st->nr_lines;

	while (hi - lo > 1) {
		unsigned int mid = (lo + hi) / 2;

		if (st->line[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

int rg_definition_arity(const char *text, const char *name, unsigned int *line)
{
	struct stripped *st = stripped_of(text);
	const char *decl, *paren, *open, *close, *p, *q, *e;
	size_t len = strlen(name);
	char *params;
	int n;

	*line = 0;
	if (!st)
		return -1;
	if (find_definition(st, 0, name, &decl, &paren, &open, &close)) {
		params = squeeze(paren + 1, match(paren) - paren - 1);
		if (!params)
			return -1;
		n = count_params(params);
		free(params);
		for (p = paren; p > st->text && strncmp(p, name, len); p--)
			;
		*line = line_of(st, p);
		return n;
	}
	/* #define NAME(a, b): the parenthesis right after the name */
	for (p = st->text; (p = strstr(p, "define")); p += 6) {
		for (q = p + 6; *q == ' ' || *q == '\t'; q++)
			;
		if (strncmp(q, name, len) || q[len] != '(')
			continue;
		for (e = p; e > st->text && e[-1] != '\n' && e[-1] != '#'; e--)
			;
		if (e == st->text || e[-1] != '#' || !(e = match(q + len)))
			continue;
		params = squeeze(q + len + 1, e - (q + len) - 1);
		if (!params)
			return -1;
		n = count_params(params);
		free(params);
		*line = line_of(st, q);
		return n;
	}
	return -1;
}

/* The kind a role's helper has for the flow rules. */
static enum rg_api_kind role_kind(enum rg_name_role role)
{
	switch (role) {
	case RG_NAME_ROLE_SET_FROZEN:
		return RG_SET_FROZEN;
	case RG_NAME_ROLE_INIT:
	case RG_NAME_ROLE_FOLIO_INIT:
		return RG_INIT;
	case RG_NAME_ROLE_TRY_ADD:
	case RG_NAME_ROLE_FOLIO_TRY_ADD:
		return RG_TRY_GET;
	default:
		return RG_TEST_FROZEN;
	}
}

const struct rg_spelling *rg_role_learn_at(const char *text, const char *file,
					   unsigned int line, const char *name)
{
	struct rg_role_guess g;
	const struct rg_spelling *sp = rg_learned_find(name);
	char where[512];

	if (sp)
		return sp;
	if (rg_api_find(name) || rg_spelling_role(name) >= 0 ||
	    rg_role_classify(text, line, name, &g))
		return NULL;
	snprintf(where, sizeof(where), "%s:%u", file, line);
	return rg_learned_add(name, g.role, g.object, g.arity, role_kind(g.role), where);
}

unsigned int rg_role_learn_header(const char *text, const char *file)
{
	char *t = rg_text_strip(text, true);
	const char *p, *q, *e;
	unsigned int n = 0, line = 1, at;
	char name[64];

	if (!t)
		return 0;
	/*
	 * Every identifier followed by a parameter list and a body at file
	 * scope is a function definition: classify it where it stands.
	 */
	for (p = t; *p; p++) {
		if (*p == '\n') {
			line++;
			continue;
		}
		if (*p == '{') {
			e = match(p);
			if (!e)
				break;
			for (; p < e; p++)
				line += *p == '\n';
			continue;
		}
		if (*p != '(' || p == t)
			continue;
		for (q = p; q > t && isspace((unsigned char)q[-1]); q--)
			;
		e = q;
		while (q > t && ident_char(q[-1]))
			q--;
		if (e == q || e - q >= (long)sizeof(name) || isdigit((unsigned char)*q))
			continue;
		memcpy(name, q, e - q);
		name[e - q] = '\0';
		at = line;
		e = match(p);
		if (!e)
			break;
		for (; p < e; p++)
			line += *p == '\n';
		for (q = e + 1; isspace((unsigned char)*q); q++)
			;
		if (*q != '{')
			continue;
		/* from the definition's own line */
		if (!rg_learned_find(name) && rg_role_learn_at(text, file, at, name))
			n++;
	}
	free(t);
	return n;
}

