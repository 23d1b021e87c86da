#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the facts copied into cocci/*.cocci agree with rules/*.def:
rule messages, rewrite and direct tables, API name lists (every
'identifier x = {...}; // api: KIND...' line), the helper list, the
common python part, and the kernel's header conventions."""
import glob
import os
import re
import sys

top = sys.argv[1]
errors = []


def read(rel):
    with open(os.path.join(top, rel)) as f:
        return f.read()


def strings(text):
    """The C string literals of one macro call, adjacent ones joined."""
    out, cur, prev_end = [], None, None
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', text):
        if cur is not None and text[prev_end:m.start()].strip() == "":
            cur += m.group(1)
        else:
            if cur is not None:
                out.append(cur)
            cur = m.group(1)
        prev_end = m.end()
    if cur is not None:
        out.append(cur)
    return out


rules = {}
for m in re.finditer(r'^RULE\((\w+),(.*?)\)\s*$', read("rules/rules.def"), re.M | re.S):
    s = strings(m.group(2))
    rules[s[0]] = [x.replace("%qs", "'%s'") for x in s[2:5]]

api = {}
unfreeze_with = {}
for m in re.finditer(r'^API\((\w+),\s*(RG_\w+),.*"(\w*)"\)', read("rules/api.def"), re.M):
    api.setdefault(m.group(2), []).append(m.group(1))
    if m.group(2) == "RG_SET":
        unfreeze_with[m.group(1)] = m.group(3)
set_rewrites = {(a, b): c for a, b, c in re.findall(
    r'^SET_REWRITE\((\w+),\s*(\d+),\s*(\w+)\)', read("rules/rewrite.def"), re.M)}
direct = {m[0]: (m[1], m[2], m[3][len("RG_ARGS_"):]) for m in re.findall(
    r'^DIRECT\("(\w+)",\s*"(\w*)",\s*"(\w*)",\s*(RG_ARGS_\w+)\)', read("rules/direct.def"), re.M)}

helpers = {h for t in direct.values() for h in t[:2] if h and not h.startswith("atomic")}
helpers |= set(set_rewrites.values()) | {v for v in unfreeze_with.values() if v}
helpers -= set(api["RG_SET"])

common = None
for path in sorted(glob.glob(os.path.join(top, "cocci", "*.cocci"))):
    name = os.path.basename(path)[:-len(".cocci")]
    text = open(path).read()
    env = {}
    init = re.split(r"\n(?://|@)", text.split("@initialize:python@\n@@\n", 1)[1], 1)[0]
    try:
        exec(init.replace("import os", "import os\nos.environ.setdefault('X', '')"), env)
    except Exception as e:
        errors.append("%s: python part does not run: %s" % (name, e))
        continue
    if env.get("RG_RULE") != name:
        errors.append("%s: RG_RULE is %r" % (name, env.get("RG_RULE")))
    want = rules.get(name)
    if not want:
        errors.append("%s: no such rule in rules/rules.def" % name)
        continue
    if env.get("RG_MESSAGE") != want[0]:
        errors.append("%s: RG_MESSAGE %r != rules.def %r" % (name, env.get("RG_MESSAGE"), want[0]))
    if "RG_MESSAGE_FIX" in env and env["RG_MESSAGE_FIX"] != want[1]:
        errors.append("%s: RG_MESSAGE_FIX %r != rules.def %r" % (name, env["RG_MESSAGE_FIX"], want[1]))
    if "RG_NOTE" in env and env["RG_NOTE"] != want[2]:
        errors.append("%s: RG_NOTE differs from rules.def" % name)
    if "RG_SET_REWRITES" in env and env["RG_SET_REWRITES"] != set_rewrites:
        errors.append("%s: RG_SET_REWRITES differs from rules/rewrite.def" % name)
    if "RG_UNFREEZE_WITH" in env and env["RG_UNFREEZE_WITH"] != unfreeze_with:
        errors.append("%s: RG_UNFREEZE_WITH differs from rules/api.def" % name)
    if "RG_DIRECT" in env and env["RG_DIRECT"] != direct:
        errors.append("%s: RG_DIRECT differs from rules/direct.def" % name)
    if env.get("RG_HELPER_FUNCS") != helpers:
        errors.append("%s: RG_HELPER_FUNCS should be %s" % (name, sorted(helpers)))
    part = re.search(r"# --- common part.*?# --- end of common part ---", text, re.S)
    if not part:
        errors.append("%s: no common part" % name)
    elif common is None:
        common = part.group(0)
    elif part.group(0) != common:
        errors.append("%s: common python part differs from the other files" % name)
    for m in re.finditer(r'identifier (\w+) = \{([^}]*)\}; // api: ([A-Z_ ]+)', text):
        got = {x.strip() for x in m.group(2).split(",")}
        kinds = m.group(3).split()
        exp = {n for k in kinds for n in api.get(k, [])}
        if got != exp:
            errors.append("%s: '%s' should list %s: missing %s, extra %s" % (
                name, m.group(1), " ".join(kinds), sorted(exp - got), sorted(got - exp)))
    lines = text.splitlines()
    if not lines[0].startswith("// SPDX-License-Identifier:"):
        errors.append("%s: first line is not SPDX" % name)
    heads = [l.split(":")[0] for l in lines if re.match(r"// (Confidence|Copyright|Options|Keywords):", l)]
    if heads != ["// Confidence", "// Copyright", "// Options", "// Keywords"]:
        errors.append("%s: header tags out of order: %s" % (name, heads))
    if not lines[1].startswith("///"):
        errors.append("%s: no /// description after SPDX" % name)
    for v in ("context", "org", "report"):
        if "virtual %s\n" % v not in text:
            errors.append("%s: no 'virtual %s'" % (name, v))

if errors:
    print("\n".join(errors))
    sys.exit(1)
