/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough JSON for the driver: reading `refguard report --format json`
 * and baseline files, and writing strings.  Values live in one arena per
 * parse and are never freed (the driver is a short-lived process).
 */
#ifndef REFGUARD_JSON_H
#define REFGUARD_JSON_H

#include <stdio.h>
#include <stddef.h>

enum rg_json_type { RG_JSON_NULL, RG_JSON_BOOL, RG_JSON_NUMBER, RG_JSON_STRING,
		    RG_JSON_ARRAY, RG_JSON_OBJECT };

struct rg_json {
	enum rg_json_type type;
	double number;			/* NUMBER, BOOL (0/1) */
	char *string;			/* STRING; key of an object member */
	char *key;			/* set on object members */
	struct rg_json *child;		/* first element/member */
	struct rg_json *next;		/* next sibling */
};

/* Parse text; NULL (and *err set to a message) on malformed input. */
struct rg_json *rg_json_parse(const char *text, const char **err);
/* Member of an object by key, or NULL. */
struct rg_json *rg_json_get(const struct rg_json *obj, const char *key);
/* A member's string, or def when missing or not a string. */
const char *rg_json_str(const struct rg_json *obj, const char *key, const char *def);
long rg_json_num(const struct rg_json *obj, const char *key, long def);

/* Write s as a JSON string literal, quotes included ("null" if s is NULL). */
void rg_json_put_string(FILE *out, const char *s);

#endif
