#!/usr/bin/env bash
# ci-check.sh builds the workshop image's contents without Docker: on a
# Debian machine, as root, it creates a non-root notebook user and runs the
# Dockerfile's binder/ scripts as that user, in the same order, on a fresh
# copy of the repository, then checks the result the way a workshop uses
# it. There is no Docker engine on CI, so this is how the Dockerfile's
# steps are tested.
#
# Usage (as root):
#   bash binder/ci-check.sh             copy = a git clone of this checkout's
#                                       HEAD (what CI tests: committed files)
#   bash binder/ci-check.sh --worktree  copy = the working tree as git sees
#                                       it (tracked and untracked files, not
#                                       ignored ones), for trying uncommitted
#                                       changes
#
# What it does, timing each step:
#   user        the user goconc-ci (GOCONC_CI_USER), uid 1000 if free, else
#               the first free uid above it (it says which)
#   stage       the copy of the repository, in ~goconc-ci/goconc
#   root-setup  binder/root-setup.sh as root (packages, user, directories)
#   install-go, jupyter-venv, install-jupyter, build, install-kernel, prewarm
#               the Dockerfile's user steps, as goconc-ci. A virtual
#               environment in ~goconc-ci/.jupyter-venv (kept for the next
#               run) plays the image's conda Python: install-jupyter puts
#               the pinned JupyterLab and Notebook into it. As in the image,
#               the toolchain, goconc and the Jupyter prefix are outside
#               HOME, in directories root-setup.sh gives the user:
#               /opt/goconc-ci/go (the image: /opt/go), /opt/goconc-ci/bin
#               (/opt/goconc/bin), /opt/goconc-ci/jupyter (/opt/conda). The
#               toolchain zip is kept in /var/cache/goconc-ci
#               (GOCONC_CI_CACHE) for the next run
#   then checks: goconc version; Debian's `jupyter kernelspec list` (with
#   JUPYTER_PATH=/opt/goconc-ci/jupyter/share/jupyter) lists goconc; the default
#   URL opens the first notebook; a small notebook (goroutines, a %%native
#   cell importing a helper, a %%native -race cell) runs with `goconc run`
#   and through Jupyter's own client (jupyter nbconvert --execute with the
#   installed kernelspec), and its native cells hit the warm build cache.
#
# Idempotent: a second run reuses the user, the toolchain, the module and
# build caches (only the repository copy is new), and takes well under a
# minute. Exits non-zero if any step fails; the last line is
# "binder-ci: N passed, N failed".
set -uo pipefail

mode=clone
for a in "$@"; do
	case "$a" in
	--worktree) mode=worktree ;;
	--clone) mode=clone ;;
	-h | --help)
		sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "ci-check: unknown argument $a (usage: ci-check.sh [--clone | --worktree])" >&2
		exit 2
		;;
	esac
done

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ci_user="${GOCONC_CI_USER:-goconc-ci}"
cache="${GOCONC_CI_CACHE:-/var/cache/goconc-ci}"
home="/home/$ci_user"
repo="$home/goconc"
opt="${GOCONC_CI_OPT:-/opt/goconc-ci}"
goroot="$opt/go"
bin="$opt/bin/goconc"
prefix="$opt/jupyter"
# The notebook Jupyter opens on: common.sh's default (the Dockerfile's ENV
# says the same; binder's Go test checks that).
first_notebook="$(sed -n 's/^GOCONC_FIRST_NOTEBOOK="${GOCONC_FIRST_NOTEBOOK:-\(.*\)}"$/\1/p' "$src/binder/common.sh")"

names=() results=() times=()
failed=0
total_start=$SECONDS

summary() {
	echo
	echo "== binder ci-check summary (copy: $mode, user: $ci_user${uid:+, uid $uid})"
	local i passed=0
	for i in "${!names[@]}"; do
		printf '  %-4s %-22s %6s\n' "${results[$i]}" "${names[$i]}" "${times[$i]}"
		[ "${results[$i]}" = ok ] && passed=$((passed + 1))
	done
	echo "  total $((SECONDS - total_start))s"
	echo "binder-ci: $passed passed, $failed failed"
}

# step NAME CMD...: runs CMD, records ok/FAIL and its time. After a
# failure the remaining steps are not run (each builds on the last).
step() {
	local name="$1" start=$SECONDS rc
	shift
	if [ "$failed" -gt 0 ]; then
		names+=("$name") results+=(skip) times+=(-)
		return 1
	fi
	printf '\n== %s\n' "$name"
	"$@"
	rc=$?
	names+=("$name")
	times+=("$((SECONDS - start))s")
	if [ "$rc" = 0 ]; then
		results+=(ok)
	else
		results+=(FAIL)
		failed=$((failed + 1))
		echo "ci-check: step $name failed (exit $rc)" >&2
	fi
	return "$rc"
}

if [ "$(id -u)" != 0 ]; then
	echo "ci-check: run as root (it creates the user $ci_user)" >&2
	exit 1
fi

# --- the user's uid: 1000, as in the image, if it is free.
uid=""
pick_uid() {
	if id -u "$ci_user" >/dev/null 2>&1; then
		uid="$(id -u "$ci_user")"
		echo "user $ci_user exists (uid $uid)"
		return 0
	fi
	local u=1000
	if getent passwd 1000 >/dev/null; then
		echo "NOTE: uid 1000 (the image's NB_UID) is taken here by $(getent passwd 1000 | cut -d: -f1);"
		while getent passwd "$u" >/dev/null || getent group "$u" >/dev/null; do u=$((u + 1)); done
		echo "NOTE: $ci_user gets uid $u instead. Nothing in the scripts depends on the number."
	fi
	uid="$u"
	echo "user $ci_user will have uid $uid"
}

# --- the copy of the repository, staged as root, handed to the user later.
stage_dir="$cache/stage"
stage() {
	rm -rf "$stage_dir"
	mkdir -p "$cache"
	if [ "$mode" = clone ]; then
		git -c safe.directory='*' clone -q --no-hardlinks "$src" "$stage_dir" || return 1
		echo "cloned $src at $(git -C "$stage_dir" rev-parse --short HEAD)"
	else
		mkdir -p "$stage_dir"
		if git -c safe.directory='*' -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
			(cd "$src" && git -c safe.directory='*' ls-files -z --cached --others --exclude-standard |
				tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$stage_dir" -xf - || return 1
		else
			cp -a "$src/." "$stage_dir/" || return 1
		fi
		echo "copied the working tree of $src ($(find "$stage_dir" -type f | wc -l) files)"
	fi
	# The scripts must be executable in the copy, as the Dockerfile runs them.
	local s
	for s in "$stage_dir"/binder/*.sh; do
		[ "$(basename "$s")" = common.sh ] && continue
		[ -x "$s" ] || {
			echo "$s is not executable" >&2
			return 1
		}
	done
}

# The user's environment: nothing of root's, the image's variables.
user_env=(env -i
	HOME="$home" USER="$ci_user" LOGNAME="$ci_user" SHELL=/bin/bash LANG=C.UTF-8
	PATH="$goroot/bin:$(dirname "$bin"):/usr/local/bin:/usr/bin:/bin"
	GOTOOLCHAIN=local
	GOCONC_GOROOT="$goroot"
	GOCONC_BIN="$bin"
	GOCONC_KERNEL_PREFIX="$prefix"
	GOCONC_FIRST_NOTEBOOK="$first_notebook"
	GOCONC_GO_ZIP_CACHE="$cache/go"
	JUPYTER_PATH="$prefix/share/jupyter"
	PYDEVD_DISABLE_FILE_VALIDATION=1
)
for v in SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY \
	GOPROXY GOSUMDB GONOSUMDB GOPRIVATE GONOPROXY GOINSECURE; do
	[ -n "${!v:-}" ] && user_env+=("$v=${!v}")
done
as_user() { (cd "$home" && runuser -u "$ci_user" -- "${user_env[@]}" "$@"); }

root_setup() {
	env NB_USER="$ci_user" NB_UID="$uid" HOME="$home" \
		GOCONC_GOROOT="$goroot" GOCONC_BIN="$bin" GOCONC_KERNEL_PREFIX="$prefix" \
		"$stage_dir/binder/root-setup.sh" || return 1
	local gid
	gid="$(id -g "$ci_user")"
	mkdir -p "$cache/go"
	chown "$uid:$gid" "$cache/go"
	rm -rf "$repo"
	mv "$stage_dir" "$repo" && chown -R "$uid:$gid" "$repo"
}

jupyter_tools() {
	# Debian's Jupyter: the kernelspec listing and a real client for the
	# kernel. In the image, conda's Jupyter plays this part.
	local need=()
	[ -x /usr/bin/jupyter-kernelspec ] || need+=(jupyter-client python3-jupyter-client jupyter-core)
	[ -x /usr/bin/jupyter-nbconvert ] || need+=(jupyter-nbconvert python3-nbclient python3-nbformat)
	if [ ${#need[@]} -gt 0 ]; then
		echo "installing ${need[*]}"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
	fi
	local v
	v="$(/usr/bin/jupyter --version 2>&1)" || return 1
	grep -E '^(jupyter_client|jupyter_core|nbconvert|nbclient) ' <<<"$v" || echo "$v"
}

check_version() {
	local out
	out="$(as_user goconc version)" || return 1
	echo "$out"
	[[ "$out" == goconc* ]] || return 1
	local want
	want="go$(sed -n 's/^GO_VERSION=//p' "$repo/binder/install-go.sh")"
	[[ "$out" == *"$want"* ]] || {
		echo "goconc was not built with $want" >&2
		return 1
	}
}

check_kernelspec() {
	local out
	out="$(as_user /usr/bin/jupyter kernelspec list)" || return 1
	echo "$out"
	grep -Eq "^\s*goconc\s+$prefix/share/jupyter/kernels/goconc\s*$" <<<"$out" || {
		echo "goconc is not listed from $prefix" >&2
		return 1
	}
	as_user /usr/bin/python3 - "$prefix/share/jupyter/kernels/goconc/kernel.json" "$bin" <<'EOF'
import json, sys
spec = json.load(open(sys.argv[1]))
assert spec["argv"][0] == sys.argv[2], spec["argv"]
assert spec["argv"][1:] == ["kernel", "-f", "{connection_file}"], spec["argv"]
print("kernel.json argv:", " ".join(spec["argv"]))
EOF
}

check_default_url() {
	as_user /usr/bin/python3 - "$prefix/etc/jupyter/jupyter_server_config.d/goconc.json" "$first_notebook" <<'EOF'
import json, sys
conf = json.load(open(sys.argv[1]))
want = "/lab/tree/" + sys.argv[2]
for app in ("ServerApp", "LabApp"):
    assert conf[app]["default_url"] == want, (app, conf[app])
assert conf["JupyterNotebookApp"]["default_url"] == "/notebooks/" + sys.argv[2], conf
print("default_url:", want)
EOF
	[ -f "$repo/$first_notebook" ] || echo "NOTE: $first_notebook is not in the repository yet"
}

smoke_dir="$home/ci-check"
make_smoke() {
	as_user rm -rf "$smoke_dir" && as_user mkdir -p "$smoke_dir" &&
		as_user /usr/bin/python3 - "$smoke_dir/smoke.ipynb" <<'EOF'
import json, sys
cells = [
    """import (
	"fmt"
	"sync"
	"sync/atomic"
)

var total atomic.Int64
var wg sync.WaitGroup
for i := range 100 {
	wg.Add(1)
	go func() { defer wg.Done(); total.Add(int64(i)) }()
}
wg.Wait()
fmt.Println("interpreted:", total.Load())""",
    """%%native
import (
	"fmt"
	"runtime"

	_ "github.com/goconc/goconc/helpers/workload"
)

fmt.Println("native:", runtime.Version())""",
    """%%native -race
import (
	"fmt"
	"sync"
)

var mu sync.Mutex
var wg2 sync.WaitGroup
n := 0
for range 8 {
	wg2.Go(func() { mu.Lock(); n++; mu.Unlock() })
}
wg2.Wait()
fmt.Println("race-free:", n)""",
]
nb = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {
        "kernelspec": {"name": "goconc", "display_name": "Go (goconc)", "language": "go"},
        "language_info": {"name": "go"},
    },
    "cells": [
        {"cell_type": "code", "id": "c%d" % i, "metadata": {}, "execution_count": None,
         "outputs": [], "source": src}
        for i, src in enumerate(cells)
    ],
}
json.dump(nb, open(sys.argv[1], "w"), indent=1)
EOF
}

# check_outputs NOTEBOOK: the three cells printed what they should.
check_outputs() {
	as_user /usr/bin/python3 - "$1" "$(as_user go env GOVERSION)" <<'EOF'
import json, sys
nb = json.load(open(sys.argv[1]))
want = ["interpreted: 4950", "native: " + sys.argv[2], "race-free: 8"]
for cell, w in zip(nb["cells"], want):
    text = "".join(
        "".join(o.get("text", "")) if o.get("output_type") == "stream"
        else json.dumps(o) for o in cell["outputs"])
    assert w in text, "cell %s: want %r, got %r" % (cell["id"], w, text)
    print("  %-28s ok" % w)
EOF
}

cache_files() { as_user bash -c 'find "$(go env GOCACHE)" -type f | wc -l'; }

run_goconc() {
	make_smoke || return 1
	local before after
	before="$(cache_files)"
	as_user goconc run --timeout 3m -o "$smoke_dir/out" "$smoke_dir/smoke.ipynb" || return 1
	after="$(cache_files)"
	check_outputs "$smoke_dir/out/smoke.ipynb" || return 1
	# A warm cache compiles only each cell's main package: a few entries.
	# A cold one adds hundreds (the standard library, twice with -race).
	echo "build cache entries added by the two native cells: $((after - before))"
	[ $((after - before)) -lt 60 ] || {
		echo "the native cells compiled more than their own code: the cache was not warm" >&2
		return 1
	}
}

run_jupyter() {
	as_user /usr/bin/jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.kernel_name=goconc --ExecutePreprocessor.timeout=180 \
		--output-dir "$smoke_dir/nbconvert" "$smoke_dir/smoke.ipynb" || return 1
	check_outputs "$smoke_dir/nbconvert/smoke.ipynb"
}

step user pick_uid
step stage stage
step root-setup root_setup
step jupyter-tools jupyter_tools
step install-go as_user "$repo/binder/install-go.sh"
step jupyter-venv as_user /usr/bin/python3 -m venv "$home/.jupyter-venv"
step install-jupyter as_user env GOCONC_JUPYTER_PYTHON="$home/.jupyter-venv/bin/python" "$repo/binder/install-jupyter.sh"
step build as_user "$repo/binder/build.sh"
step install-kernel as_user "$repo/binder/install-kernel.sh"
step prewarm as_user "$repo/binder/prewarm.sh"
step goconc-version check_version
step kernelspec-list check_kernelspec
step default-url check_default_url
step goconc-run run_goconc
step jupyter-execute run_jupyter

summary
[ "$failed" = 0 ]
