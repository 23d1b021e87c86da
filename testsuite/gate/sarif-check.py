#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The parts of the SARIF 2.1.0 schema refguard's output relies on and
GitHub code scanning reads: required properties, types and enums.  Used
when the official schema cannot be fetched; prints what is wrong."""
import json
import sys

errors = []


def need(obj, key, typ, where):
    if not isinstance(obj, dict) or key not in obj:
        errors.append(f"{where}: missing '{key}'")
        return None
    if not isinstance(obj[key], typ):
        errors.append(f"{where}.{key}: not a {typ.__name__}")
        return None
    return obj[key]


def check_location(loc, where):
    phys = need(loc, "physicalLocation", dict, where)
    art = phys and need(phys, "artifactLocation", dict, where + ".physicalLocation")
    uri = art and need(art, "uri", str, where + ".artifactLocation")
    if uri and (uri.startswith("/") or "://" in uri):
        errors.append(f"{where}: uri {uri!r} is not relative to the tree")
    region = phys and phys.get("region")
    if region is not None:
        for k in ("startLine", "startColumn"):
            if k in region and (not isinstance(region[k], int) or region[k] < 1):
                errors.append(f"{where}.region.{k}: must be an integer >= 1")


doc = json.load(open(sys.argv[1]))
if doc.get("version") != "2.1.0":
    errors.append("version is not '2.1.0'")
for r, run in enumerate(need(doc, "runs", list, "log") or []):
    w = f"runs[{r}]"
    drv = need(need(run, "tool", dict, w) or {}, "driver", dict, w + ".tool") or {}
    need(drv, "name", str, w + ".tool.driver")
    ids = []
    for i, rule in enumerate(drv.get("rules", [])):
        rid = need(rule, "id", str, f"{w}.rules[{i}]")
        ids.append(rid)
        for k in ("shortDescription", "help"):
            d = need(rule, k, dict, f"{w}.rules[{i}]")
            d and need(d, "text", str, f"{w}.rules[{i}].{k}")
    for i, res in enumerate(need(run, "results", list, w) or []):
        rw = f"{w}.results[{i}]"
        msg = need(res, "message", dict, rw)
        msg and need(msg, "text", str, rw + ".message")
        rid = need(res, "ruleId", str, rw)
        if rid and rid not in ids:
            errors.append(f"{rw}: ruleId {rid!r} not among tool.driver.rules")
        if "ruleIndex" in res and ids[res["ruleIndex"]] != rid:
            errors.append(f"{rw}: ruleIndex does not match ruleId")
        if res.get("level", "warning") not in ("none", "note", "warning", "error"):
            errors.append(f"{rw}: bad level")
        for j, loc in enumerate(need(res, "locations", list, rw) or []):
            check_location(loc, f"{rw}.locations[{j}]")
        for j, fix in enumerate(res.get("fixes", [])):
            fw = f"{rw}.fixes[{j}]"
            for k, ch in enumerate(need(fix, "artifactChanges", list, fw) or []):
                cw = f"{fw}.artifactChanges[{k}]"
                need(ch, "artifactLocation", dict, cw)
                for m, rep in enumerate(need(ch, "replacements", list, cw) or []):
                    need(rep, "deletedRegion", dict, f"{cw}.replacements[{m}]")
    for i, inv in enumerate(run.get("invocations", [])):
        need(inv, "executionSuccessful", bool, f"{w}.invocations[{i}]")
if errors:
    print("\n".join(errors))
    sys.exit(1)
