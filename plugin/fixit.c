// SPDX-License-Identifier: GPL-2.0
/*
 * Fix-it hints built from the spelled text of a call (see fixit.h for
 * why the text and not the trees).
 *
 * Everything here is a check that can fail: the caller reports the
 * finding either way and only loses the fix-it.
 */
#include "fixit.h"

static bool is_ident_char(char c)
{
	return ISIDNUM(c);
}

static location_t spelling(location_t loc)
{
	loc = linemap_resolve_location(line_table, loc, LRK_SPELLING_LOCATION,
				       NULL);
	return get_pure_location(loc);
}

/* Skip a string or character literal starting at LINE[I]; -1 if unended. */
static int skip_literal(const char *line, int i, int len)
{
	char quote = line[i++];

	for (; i < len; i++) {
		if (line[i] == '\\')
			i++;
		else if (line[i] == quote)
			return i + 1;
	}
	return -1;
}

/* Skip a comment starting at LINE[I]; I if there is none, -1 if unended. */
static int skip_comment(const char *line, int i, int len)
{
	const char *end;

	if (i + 1 >= len || line[i] != '/')
		return i;
	if (line[i + 1] == '/')
		return -1;		/* runs to the end of the line */
	if (line[i + 1] != '*')
		return i;
	end = strstr(line + i + 2, "*/");
	return end ? end - line + 2 : -1;
}

static void add_arg(struct rg_call_text *ct, int begin, int end)
{
	while (begin < end && ISSPACE(ct->line[begin]))
		begin++;
	while (end > begin && ISSPACE(ct->line[end - 1]))
		end--;
	if (ct->nargs < RG_CALL_MAX_ARGS) {
		ct->arg_begin[ct->nargs] = begin;
		ct->arg_end[ct->nargs] = end;
	}
	ct->nargs++;
}

/*
 * Split the argument list that opens at ct->open at its top-level commas.
 * Returns the offset of the matching ')' or -1.
 */
static int split_args(struct rg_call_text *ct, int len)
{
	const char *line = ct->line;
	int depth = 0, begin = ct->open + 1, i = begin, next;

	while (i < len) {
		next = skip_comment(line, i, len);
		if (next < 0)
			return -1;
		if (next != i) {
			i = next;
			continue;
		}
		switch (line[i]) {
		case '"': case '\'':
			i = skip_literal(line, i, len);
			if (i < 0)
				return -1;
			continue;
		case '(': case '[': case '{':
			depth++;
			break;
		case ')':
			if (!depth) {
				add_arg(ct, begin, i);
				/* "f( )" has no argument. */
				if (ct->nargs == 1 && ct->arg_begin[0] == ct->arg_end[0])
					ct->nargs = 0;
				return i;
			}
			depth--;
			break;
		case ']': case '}':
			if (!depth--)
				return -1;
			break;
		case ',':
			if (!depth) {
				add_arg(ct, begin, i);
				begin = i + 1;
			}
			break;
		}
		i++;
	}
	return -1;
}

bool rg_call_text_get(tree call, const char *name, struct rg_call_text *ct)
{
	location_t loc = EXPR_LOCATION(call), start, finish;
	expanded_location xs, xf;
	const char *text;
	size_t text_len;
	int len, i;

	memset(ct, 0, sizeof(*ct));
	if (loc == UNKNOWN_LOCATION)
		return false;
	start = spelling(get_start(loc));
	finish = spelling(get_finish(loc));
	xs = expand_location(start);
	xf = expand_location(finish);
	if (!xs.file || !xf.file || strcmp(xs.file, xf.file) ||
	    xs.line != xf.line || xs.column <= 0 || xf.column <= xs.column)
		return false;
	text = rg_source_line(xs.file, xs.line, &text_len);
	if (!text || text_len < (size_t)xf.column)
		return false;
	len = text_len;
	/* A copy of all of it (a NUL in the line does not shorten it). */
	ct->line = (char *)xmemdup(text, text_len, text_len + 1);
	ct->base = start;
	ct->name = xs.column - 1;
	ct->name_len = strlen(name);

	/* The callee, spelled as the function's own name, then '('. */
	i = ct->name + ct->name_len;
	if (i >= len || strncmp(ct->line + ct->name, name, ct->name_len) ||
	    is_ident_char(ct->line[i]))
		goto fail;
	while (i < len && ISSPACE(ct->line[i]))
		i++;
	if (i >= len || ct->line[i] != '(')
		goto fail;
	ct->open = i;
	ct->close = split_args(ct, len);
	if (ct->close != xf.column - 1 ||
	    ct->nargs != call_expr_nargs(call) || ct->nargs > RG_CALL_MAX_ARGS)
		goto fail;
	return true;
fail:
	rg_call_text_free(ct);
	return false;
}

void rg_call_text_free(struct rg_call_text *ct)
{
	free(ct->line);
	ct->line = NULL;
}

char *rg_call_text_arg(const struct rg_call_text *ct, int i)
{
	return xstrndup(ct->line + ct->arg_begin[i],
			ct->arg_end[i] - ct->arg_begin[i]);
}

bool rg_call_text_arg_is_int(const struct rg_call_text *ct, int i, long value)
{
	char *text = rg_call_text_arg(ct, i), *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 0);
	/* An integer suffix is harmless; anything else is an expression. */
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	bool ok = !errno && end != text && !*end && v == value &&
		  ISDIGIT(text[0]);
	free(text);
	return ok;
}

char *rg_call_text_refcount_owner(const struct rg_call_text *ct, int i)
{
	static const char field[] = "_refcount";
	const char *line = ct->line;
	int begin = ct->arg_begin[i], end = ct->arg_end[i];
	int flen = sizeof(field) - 1;
	bool arrow;

	if (end - begin < 1 + flen || line[begin] != '&' ||
	    strncmp(line + end - flen, field, flen) ||
	    is_ident_char(line[end - flen - 1]))
		return NULL;
	begin++;
	end -= flen;
	while (end > begin && ISSPACE(line[end - 1]))
		end--;
	/*
	 * What precedes the member operator is a postfix expression, so it
	 * can stand alone as an argument: "&P->_refcount" hands over P,
	 * "&S._refcount" hands over &S.
	 */
	arrow = end - begin > 2 && !strncmp(line + end - 2, "->", 2);
	if (!arrow && (end - begin < 2 || line[end - 1] != '.'))
		return NULL;
	end -= arrow ? 2 : 1;
	while (begin < end && ISSPACE(line[begin]))
		begin++;
	while (end > begin && ISSPACE(line[end - 1]))
		end--;
	if (end <= begin)
		return NULL;
	return xasprintf("%s%.*s", arrow ? "" : "&", end - begin, line + begin);
}

/* The location of LINE offset OFF, or UNKNOWN_LOCATION. */
static location_t offset_loc(const struct rg_call_text *ct, int off)
{
	location_t loc = linemap_position_for_loc_and_offset(line_table, ct->base,
							     off - ct->name);
	expanded_location xl = expand_location(loc);
	expanded_location xb = expand_location(ct->base);

	if (xl.line != xb.line || xl.column != off + 1 || xl.file != xb.file)
		return UNKNOWN_LOCATION;
	return loc;
}

/*
 * One replacement of the whole call, callee name to ')': the caret
 * display then shows the new call whole, and the edit is a single range
 * on a single line, which GCC either takes or refuses as a unit.
 */
bool rg_fixit_rewrite_call(rich_location *richloc,
			   const struct rg_call_text *ct,
			   const char *new_name, const char *new_args)
{
	location_t from = offset_loc(ct, ct->name), to = offset_loc(ct, ct->close);
	char *text;

	if (from == UNKNOWN_LOCATION || to == UNKNOWN_LOCATION)
		return false;
	text = xasprintf("%s(%s)", new_name, new_args);
	richloc->add_fixit_replace(source_range::from_locations(from, to), text);
	free(text);
	return !richloc->seen_impossible_fixit_p();
}

/*
 * Add the fix-it replacing the callee NAME at LOC (the call's location:
 * GCC's C front end puts it on the callee name) with REPLACEMENT.  The
 * name must be spelled there, in the main source and not in a macro
 * body; otherwise the finding goes without a fix-it.
 */
void rg_fixit_rename_callee(rich_location *richloc, location_t loc,
			    const char *name, const char *replacement)
{
	size_t len = strlen(name);
	location_t start, finish;
	expanded_location xloc;
	const char *line;
	size_t line_len;

	if (linemap_location_from_macro_expansion_p(line_table, loc))
		return;
	start = get_start(loc);
	xloc = expand_location(start);
	if (!xloc.file || xloc.line <= 0 || xloc.column <= 0)
		return;
	line = rg_source_line(xloc.file, xloc.line, &line_len);
	if (!line || (size_t)xloc.column - 1 + len > line_len)
		return;
	if (strncmp(line + xloc.column - 1, name, len) ||
	    ((size_t)xloc.column - 1 + len < line_len &&
	     ISIDNUM(line[xloc.column - 1 + len])))
		return;
	finish = linemap_position_for_loc_and_offset(line_table, start, len - 1);
	if (finish == start && len > 1)
		return;
	richloc->add_fixit_replace(source_range::from_locations(start, finish),
				   replacement);
}

bool rg_args_match_prototype(tree call, tree fndecl)
{
	tree parm = TYPE_ARG_TYPES(TREE_TYPE(fndecl));
	int n = 0;

	if (!parm || stdarg_p(TREE_TYPE(fndecl)))
		return false;
	for (; parm && parm != void_list_node; parm = TREE_CHAIN(parm))
		n++;
	return n == call_expr_nargs(call);
}

char *rg_join_args(const struct rg_call_text *ct, const int *order,
		   const char *first)
{
	char *out = xstrdup(first ? first : ""), *arg, *tmp;
	int i;

	for (i = 0; order[i] >= 0; i++) {
		arg = rg_call_text_arg(ct, order[i]);
		tmp = concat(out, *out ? ", " : "", arg, NULL);
		free(out);
		free(arg);
		out = tmp;
	}
	return out;
}
