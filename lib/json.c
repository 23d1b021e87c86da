// SPDX-License-Identifier: GPL-2.0
/* A small recursive-descent JSON reader and a string writer; see json.h. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

struct parser {
	const char *p;
	const char *err;
	int depth;
};

static void skip_ws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')
		ps->p++;
}

static struct rg_json *new_value(enum rg_json_type type)
{
	struct rg_json *v = calloc(1, sizeof(*v));

	if (v)
		v->type = type;
	return v;
}

static void put_utf8(char **o, unsigned int cp)
{
	char *q = *o;

	if (cp < 0x80) {
		*q++ = cp;
	} else if (cp < 0x800) {
		*q++ = 0xc0 | cp >> 6;
		*q++ = 0x80 | (cp & 0x3f);
	} else {
		*q++ = 0xe0 | cp >> 12;
		*q++ = 0x80 | ((cp >> 6) & 0x3f);
		*q++ = 0x80 | (cp & 0x3f);
	}
	*o = q;
}

static char *parse_string(struct parser *ps)
{
	const char *p = ps->p + 1;	/* after the quote */
	char *out = malloc(strlen(p) + 1), *o = out;

	if (!out)
		return NULL;
	for (; *p != '"'; p++) {
		if (!*p || (unsigned char)*p < 0x20) {
			ps->err = "unterminated string";
			free(out);
			return NULL;
		}
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case '"': case '\\': case '/': *o++ = *p; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned int cp;

			if (sscanf(p + 1, "%4x", &cp) != 1) {
				ps->err = "bad \\u escape";
				free(out);
				return NULL;
			}
			put_utf8(&o, cp);
			p += 4;
			break;
		}
		default:
			ps->err = "bad escape";
			free(out);
			return NULL;
		}
	}
	*o = '\0';
	ps->p = p + 1;
	return out;
}

static struct rg_json *parse_value(struct parser *ps);

static struct rg_json *parse_container(struct parser *ps, bool object)
{
	struct rg_json *v = new_value(object ? RG_JSON_OBJECT : RG_JSON_ARRAY);
	struct rg_json **tail = &v->child;
	char close = object ? '}' : ']';

	if (++ps->depth > 200) {
		ps->err = "nested too deeply";
		return NULL;
	}
	ps->p++;
	skip_ws(ps);
	if (*ps->p == close) {
		ps->p++;
		ps->depth--;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct rg_json *item;

		skip_ws(ps);
		if (object) {
			if (*ps->p != '"') {
				ps->err = "expected a member name";
				return NULL;
			}
			key = parse_string(ps);
			if (!key)
				return NULL;
			skip_ws(ps);
			if (*ps->p++ != ':') {
				ps->err = "expected ':'";
				return NULL;
			}
		}
		item = parse_value(ps);
		if (!item)
			return NULL;
		item->key = key;
		*tail = item;
		tail = &item->next;
		skip_ws(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			ps->depth--;
			return v;
		}
		ps->err = object ? "expected ',' or '}'" : "expected ',' or ']'";
		return NULL;
	}
}

static struct rg_json *parse_value(struct parser *ps)
{
	struct rg_json *v;
	char *end;

	skip_ws(ps);
	switch (*ps->p) {
	case '{':
		return parse_container(ps, true);
	case '[':
		return parse_container(ps, false);
	case '"':
		v = new_value(RG_JSON_STRING);
		v->string = parse_string(ps);
		return v->string ? v : NULL;
	case 't':
	case 'f':
	case 'n':
		if (!strncmp(ps->p, "true", 4) || !strncmp(ps->p, "null", 4)) {
			v = new_value(*ps->p == 't' ? RG_JSON_BOOL : RG_JSON_NULL);
			v->number = *ps->p == 't';
			ps->p += 4;
			return v;
		}
		if (!strncmp(ps->p, "false", 5)) {
			v = new_value(RG_JSON_BOOL);
			ps->p += 5;
			return v;
		}
		break;
	default:
		v = new_value(RG_JSON_NUMBER);
		v->number = strtod(ps->p, &end);
		if (end != ps->p) {
			ps->p = end;
			return v;
		}
	}
	ps->err = "unexpected character";
	return NULL;
}

struct rg_json *rg_json_parse(const char *text, const char **err)
{
	struct parser ps = { text, NULL, 0 };
	struct rg_json *v = parse_value(&ps);

	if (v) {
		skip_ws(&ps);
		if (*ps.p) {
			ps.err = "trailing text after the value";
			v = NULL;
		}
	}
	if (!v && err)
		*err = ps.err ? ps.err : "out of memory";
	return v;
}

struct rg_json *rg_json_get(const struct rg_json *obj, const char *key)
{
	struct rg_json *m;

	if (!obj || obj->type != RG_JSON_OBJECT)
		return NULL;
	for (m = obj->child; m; m = m->next)
		if (!strcmp(m->key, key))
			return m;
	return NULL;
}

const char *rg_json_str(const struct rg_json *obj, const char *key, const char *def)
{
	struct rg_json *m = rg_json_get(obj, key);

	return m && m->type == RG_JSON_STRING ? m->string : def;
}

long rg_json_num(const struct rg_json *obj, const char *key, long def)
{
	struct rg_json *m = rg_json_get(obj, key);

	return m && m->type == RG_JSON_NUMBER ? (long)m->number : def;
}

void rg_json_put_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}
