# shellcheck shell=bash
# common.sh is sourced by the binder/ scripts (it is not run by itself).
# It holds the settings every step shares, so that the Dockerfile and
# binder/ci-check.sh build the same thing the same way.
#
# Settings (environment variables; the defaults suit a plain user account,
# the Dockerfile sets the image's values with ENV):
#
#   GOCONC_GO_VERSION     the Go toolchain to install (pinned here, with its
#                         checksums, in binder/install-go.sh)
#   GOCONC_GOROOT         where the toolchain goes        (~/.local/go)
#   GOCONC_BIN            where the goconc binary goes    (~/.local/bin/goconc)
#   GOCONC_KERNEL_PREFIX  prefix of the kernelspec and of the Jupyter config
#                         (PREFIX/share/jupyter/kernels/goconc,
#                         PREFIX/etc/jupyter/...); empty: the sys.prefix of
#                         the Python that runs Jupyter (goconc install
#                         --sys-prefix)
#   GOCONC_FIRST_NOTEBOOK the notebook Jupyter opens on, relative to the
#                         repository               (notebooks/00-welcome.ipynb)

set -euo pipefail

GOCONC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${HOME:?HOME must be set}"
GOCONC_GOROOT="${GOCONC_GOROOT:-$HOME/.local/go}"
GOCONC_BIN="${GOCONC_BIN:-$HOME/.local/bin/goconc}"
GOCONC_KERNEL_PREFIX="${GOCONC_KERNEL_PREFIX:-}"
GOCONC_FIRST_NOTEBOOK="${GOCONC_FIRST_NOTEBOOK:-notebooks/00-welcome.ipynb}"

# The installed toolchain comes first on PATH, and it never switches itself
# to another version (go.mod's go line must be met by the pinned one).
export PATH="$GOCONC_GOROOT/bin:$(dirname "$GOCONC_BIN"):$PATH"
export GOTOOLCHAIN=local

binder_log() { printf '[binder/%s] %s\n' "$(basename "$0" .sh)" "$*"; }
binder_die() {
	printf '[binder/%s] ERROR: %s\n' "$(basename "$0" .sh)" "$*" >&2
	exit 1
}
