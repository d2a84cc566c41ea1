#!/usr/bin/env bash
# build.sh builds goconc from this repository into $GOCONC_BIN with the
# toolchain that install-go.sh installed. Runs as the notebook user.
#
# It builds in place, in the repository: goconc finds the course's module
# (for %%native cells that import the helpers) from the path its sources
# were compiled at, so the repository must stay where it was built — in
# the image that is $HOME, as repo2docker lays it out. No -trimpath, for
# the same reason.
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

command -v go >/dev/null || binder_die "no go on PATH: run binder/install-go.sh first (GOCONC_GOROOT=$GOCONC_GOROOT)"
binder_log "$(go version) at $(command -v go)"

cd "$GOCONC_REPO"
mkdir -p "$(dirname "$GOCONC_BIN")"
start=$SECONDS
# -buildvcs=false: the image leaves .git out (.dockerignore) and may have no
# git; a CI clone has both. Either way the binary is the same.
go build -buildvcs=false -o "$GOCONC_BIN" .
binder_log "built $GOCONC_BIN in $((SECONDS - start))s"
"$GOCONC_BIN" version
