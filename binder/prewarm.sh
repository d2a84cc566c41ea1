#!/usr/bin/env bash
# prewarm.sh fills the Go build cache (and module cache) of the notebook
# user so that the first %%native cell of a session, and the first
# %%native -race cell, build in a second or two instead of compiling the
# standard library, the course's helpers and their dependencies first.
# Runs as the notebook user, after build.sh, with the same environment the
# kernel will have (GOCACHE, GOPATH, PATH, CGO).
#
# It builds the way the kernel builds a native cell (kernel/native): a
# module "goconc.cell" in a temporary directory that requires
# github.com/goconc/goconc, replaced by this repository's directory, with
# GOFLAGS=-mod=mod GOWORK=off, once plain and once with -race. Its main
# imports the course's packages (every non-internal package under helpers/
# and charts/), golang.org/x/sync, and the standard library packages the
# course uses. Compiled packages are cached per directory, so the
# repository must be where build.sh built goconc.
#
#   --pin-cache   date the cache entries far in the future. The go command
#                 deletes entries unused for five days; an image built a
#                 week before a workshop would otherwise lose the half of
#                 the warm cache (say, -race) that the first build did not
#                 touch. For an image (or a CI account) only.
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

pin=0
for a in "$@"; do
	case "$a" in
	--pin-cache) pin=1 ;;
	*) binder_die "unknown argument $a (usage: prewarm.sh [--pin-cache])" ;;
	esac
done

command -v go >/dev/null || binder_die "no go on PATH: run binder/install-go.sh first"
[ "$(go env CGO_ENABLED)" = 1 ] ||
	binder_die "cgo is off (no C compiler?): %%native -race needs cgo and gcc; binder/root-setup.sh installs gcc"

cd "$GOCONC_REPO"
# The course's importable packages: helpers and charts, not internal ones,
# not the yaegi symbol tables, not test harnesses (e2e, *test).
mapfile -t course < <(go list -e -f '{{if not .Error}}{{.ImportPath}}{{end}}' ./helpers/... ./charts/... |
	grep -v -e '/internal\(/\|$\)' -e '/symbols$' -e '/e2e$' -e 'test$' | grep .)
mapfile -t xsync < <(go list -e -f '{{if not .Error}}{{.ImportPath}}{{end}}' \
	golang.org/x/sync/errgroup golang.org/x/sync/semaphore golang.org/x/sync/singleflight 2>/dev/null | grep . || true)
std=(bufio bytes container/heap container/list context encoding/json errors flag fmt hash/fnv io
	iter log maps math math/rand math/rand/v2 net net/http os os/exec os/signal runtime
	runtime/debug runtime/pprof runtime/trace slices sort strconv strings sync sync/atomic
	syscall testing time unsafe)

work="$(mktemp -d "${TMPDIR:-/tmp}/goconc-prewarm.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The go.mod that kernel/native writes (Builder.goMod), and goconc's go.sum.
cat >"$work/go.mod" <<EOF
module goconc.cell

go 1.26

require github.com/goconc/goconc v0.0.0

replace github.com/goconc/goconc => $GOCONC_REPO
EOF
cp go.sum "$work/go.sum"
{
	echo 'package main'
	echo
	echo 'import ('
	for p in "${std[@]}" "${course[@]}" "${xsync[@]}"; do
		printf '\t_ "%s"\n' "$p"
	done
	echo ')'
	echo
	echo 'func main() {}'
} >"$work/main.go"
binder_log "warming: ${#std[@]} standard packages, ${#course[@]} course packages (${course[*]##*/}), ${#xsync[@]} x/sync packages"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
cell_build() { # cell_build [FLAGS...]: go build as kernel/native does
	(cd "$work" && GOFLAGS=-mod=mod GOWORK=off go build -o cell "$@" .)
}

t=$(now)
cell_build
binder_log "plain build: $(since "$t")s"
t=$(now)
cell_build -race
binder_log "-race build: $(since "$t")s"

# What a learner's first native cells now cost: a new main that uses a
# helper, built plain and with -race.
{
	echo 'package main'
	echo
	echo 'import ('
	echo '	"fmt"'
	echo '	"sync"'
	echo ')'
	echo
	echo 'func main() {'
	echo '	var wg sync.WaitGroup'
	echo '	var mu sync.Mutex'
	echo '	n := 0'
	echo '	for range 4 {'
	echo '		wg.Go(func() { mu.Lock(); n++; mu.Unlock() })'
	echo '	}'
	echo '	wg.Wait()'
	echo '	fmt.Println(n)'
	echo '}'
} >"$work/main.go"
t=$(now)
cell_build
plain=$(since "$t")
t=$(now)
cell_build -race
race=$(since "$t")
[ "$("$work/cell")" = 4 ] || binder_die "the warm-cache test program did not print 4"
binder_log "a new native cell now builds in ${plain}s (-race: ${race}s)"

cache="$(go env GOCACHE)"
if [ "$pin" = 1 ]; then
	find "$cache" -type f -exec touch -c -d '2099-01-01 00:00:00' {} +
	binder_log "pinned the cache entries in $cache against trimming"
fi
binder_log "build cache: $(du -sh "$cache" | cut -f1) in $cache"
