# SPDX-License-Identifier: GPL-2.0
#
# Sourced by testsuite/install/run-tests: the CI job of contrib/github,
# with the installed refguard ($bin).  The workflow is linted with
# action-validator (the npm registry's @action-validator/cli, installed
# into build/npm, never into the repository) and its structure checked;
# the script's gate step runs on a small series of the 6.12 tree.

wf=$top/contrib/github/refguard.yml
script=$top/contrib/github/refguard-gate.sh

npmdir=$top/build/npm
av=$npmdir/node_modules/.bin/action-validator
if [ ! -x "$av" ] && command -v npm >/dev/null 2>&1; then
	npm install --prefix "$npmdir" --no-audit --no-fund --silent \
		@action-validator/cli@0.6.0 > "$tmp/npm.log" 2>&1
fi
if [ ! -x "$av" ]; then
	skip "workflow-lint" "no action-validator: $(command -v npm >/dev/null 2>&1 &&
		echo "npm install @action-validator/cli failed: $(tail -n 2 "$tmp/npm.log")" ||
		echo "npm is not installed (Debian package npm)")"
else
	"$av" "$wf" > "$tmp/av.log" 2>&1
	arc=$?
	# the control: a workflow with a misspelt key is refused
	sed 's/^    steps:$/    stepz:/' "$wf" > "$tmp/broken.yml"
	"$av" "$tmp/broken.yml" > /dev/null 2>&1
	brc=$?
	[ "$arc" = 0 ] && [ "$brc" != 0 ] && ! cmp -s "$wf" "$tmp/broken.yml" &&
		pass "workflow-lint" ||
		fail "workflow-lint" "rc=$arc (broken copy: $brc): $(head -c 600 "$tmp/av.log")"
fi

# What the job does, beyond the schema: the matrix, the steps in order, a
# verdict that is the gate step's alone.
if python3 -c 'import yaml' 2>/dev/null; then
	if python3 - "$wf" "$top" > "$tmp/wf.err" 2>&1 <<'PY'
import os, sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
on = wf.get("on", wf.get(True))		# YAML 1.1 reads "on" as true
assert "pull_request" in on, on
job = wf["jobs"]["gate"]
assert job["runs-on"] == "ubuntu-latest", job["runs-on"]
assert job["env"]["GCC_VERSION"] == "13", job["env"]
assert job["env"]["GATE"].endswith("/refguard/contrib/github/refguard-gate.sh")
assert job["env"]["CONFIG_OPTIONS"] == "${{ matrix.options }}"
configs = {m["config"]: set(m["options"].split()) for m in job["strategy"]["matrix"]["include"]}
assert configs == {"defconfig": set(), "mm-hotplug": {"MEMORY_HOTPLUG", "ZONE_DEVICE", "CMA",
		   "PCI_P2PDMA", "KEXEC_HANDOVER"}}, configs
assert job["strategy"]["fail-fast"] is False
steps = job["steps"]
runs = [s["run"] for s in steps if "run" in s]
assert runs == ['sh "$GATE" ' + s for s in ("deps", "build", "config", "gate")], runs
for s in steps:
    if s.get("run") == 'sh "$GATE" gate':
        assert "continue-on-error" not in s and "if" not in s, s
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert len(up) == 1 and up[0]["continue-on-error"] is True and "always()" in up[0]["if"], up
assert up[0]["with"]["category"] == "refguard-${{ matrix.config }}", up
assert wf["permissions"]["security-events"] == "write"
PY
	then
		pass "workflow-structure"
	else
		fail "workflow-structure" "$(tail -n 3 "$tmp/wf.err")"
	fi
else
	skip "workflow-structure" "no python3 yaml module (Debian package python3-yaml)"
fi

if command -v shellcheck >/dev/null 2>&1; then
	shellcheck "$script" > "$tmp/sc.log" 2>&1 && pass "gate-script-shellcheck" ||
		fail "gate-script-shellcheck" "$(head -n 5 "$tmp/sc.log")"
else
	skip "gate-script-shellcheck" "no shellcheck (Debian package shellcheck)"
fi
sh "$script" bogus > /dev/null 2>&1
[ $? = 2 ] && pass "gate-script-usage" || fail "gate-script-usage" "an unknown step did not exit 2"

# The gate step on the 6.12 tree.  git's view of it is a repository
# outside the (read-only, shared) tree, GIT_DIR and GIT_WORK_TREE, whose
# base commit holds the file the series touches: gate reads only the
# touched files from git and the rest from the working tree, so a
# `git add` of the whole tree (a minute, 300 MB) would add nothing.
# LOCALVERSION= keeps kbuild from marking the release "+" for a git
# tree.  The object directory is the one gate, check and sparse build in
# (build/check-mm), held locked while the gate script uses it.
ci_tests="gate-script-findings gate-script-clean gate-script-trouble"
obj=
[ -n "$tree" ] && obj=$("$top/scripts/kernel.sh" obj check-mm 2> "$tmp/obj.err")
if [ -z "$tree" ]; then
	for t in $ci_tests; do skip "$t" "no 6.12 kernel tree"; done
elif [ -z "$obj" ]; then
	for t in $ci_tests; do skip "$t" "no configured object directory: $(tail -n 2 "$tmp/obj.err")"; done
else
	gv=$tmp/linux.git
	g() { GIT_DIR=$gv GIT_WORK_TREE=$tree git -c user.name=t -c user.email=t@t \
		-c commit.gpgsign=false "$@"; }
	f=mm/page_alloc.c
	commit() {	# commit MESSAGE PYTHON: edit $tmp/pa.c, commit it as $f
		python3 - "$tmp/pa.c" <<PY
import sys
p = sys.argv[1]
L = open(p).read().split('\n')
$2
open(p, 'w').write('\n'.join(L))
PY
		blob=$(g hash-object -w --path="$f" "$tmp/pa.c") &&
		g update-index --cacheinfo "100644,$blob,$f" && g commit -q -m "$1"
	}
	cp "$tree/$f" "$tmp/pa.c"
	# -f: the tree's .gitignore of a packaged source ignores everything
	{ g init -q && g add -f "$f" && g commit -q -m base &&
	commit "mm: a comment" 'L.insert(1, "/* refguard-gate: a comment */")' &&
	commit "mm: a raw setter" 'i = next(k for k in range(len(L)) if L[k].startswith("static void free_one_page(")); i = L.index("{", i) + 1
L.insert(i, "\tset_page_count(page, 0);")'; } > "$tmp/git.log" 2>&1
	line=$(grep -n '^	set_page_count(page, 0);$' "$tmp/pa.c" | cut -d: -f1)
	gate_script() {	# gate_script RANGE [ENV...]: sets out, rc
		r=$1; shift
		rm -f "$tmp/gate.sarif"
		out=$(cd "$work" && env GIT_DIR="$gv" GIT_WORK_TREE="$tree" LOCALVERSION= \
			TREE="$tree" OBJ="$obj" RANGE="$r" SARIF="$tmp/gate.sarif" \
			REFGUARD="$bin" CC="$CC" "$@" sh "$script" gate 2> "$tmp/gate.err")
		rc=$?
	}
	exec 9> "$obj.lock" && flock 9
	gate_script HEAD~2..HEAD GITHUB_ACTIONS=true
	sarif_lines=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
print(" ".join("%s:%d:%s" % (x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
	x["locations"][0]["physicalLocation"]["region"]["startLine"], x["ruleId"]) for x in r))' \
		"$tmp/gate.sarif" 2>/dev/null)
	if [ "$rc" = 1 ] && [ -n "$line" ] &&
	   [ "$sarif_lines" = "$f:$line:raw-set-count" ] &&
	   printf '%s\n' "$out" | grep -q "^$f:$line: .*\[refguard-raw-set-count\]$" &&
	   printf '%s\n' "$out" | grep -q "^::error file=$f,line=$line,title=refguard raw-set-count::"; then
		pass "gate-script-findings"
	else
		fail "gate-script-findings" "rc=$rc, want $f:$line, SARIF '$sarif_lines': $out $(tail -n 5 "$tmp/gate.err" "$tmp/git.log")"
	fi
	gate_script HEAD~2..HEAD~1
	[ "$rc" = 0 ] && [ -s "$tmp/gate.sarif" ] &&
		printf '%s\n' "$out" | grep -q "adds no finding" && pass "gate-script-clean" ||
		fail "gate-script-clean" "rc=$rc: $out $(tail -n 5 "$tmp/gate.err")"
	gate_script no-such-base..HEAD
	[ "$rc" = 2 ] && [ ! -e "$tmp/gate.sarif" ] && pass "gate-script-trouble" ||
		fail "gate-script-trouble" "rc=$rc: $out $(tail -n 5 "$tmp/gate.err")"
	exec 9>&-
fi
