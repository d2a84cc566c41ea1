#!/usr/bin/env bash
# root-setup.sh is the one build step that runs as root (the Dockerfile
# switches to USER root for it, then back to NB_USER; binder/ci-check.sh
# runs it as root the same way). Everything else runs as the notebook user.
#
#  1. Debian/Ubuntu packages, only those missing: gcc and libc6-dev (cgo,
#     which `go build -race` needs for %%native -race cells), curl, unzip
#     and ca-certificates (install-go.sh downloads and unpacks the
#     toolchain).
#  2. The notebook user: NB_USER with uid NB_UID, home HOME, owning HOME.
#     An existing NB_USER must have uid NB_UID. If NB_USER does not exist
#     and NB_UID belongs to the base image's "jovyan", jovyan is renamed
#     (repo2docker may pass another NB_USER); otherwise it is created
#     (group NB_GID if set, else a group of its own).
#  3. The directories the user installs into outside HOME, owned by the
#     user: GOCONC_GOROOT, the directory of GOCONC_BIN, and under
#     GOCONC_KERNEL_PREFIX the kernelspec's and the Jupyter config's
#     directories (in the image the conda env is jovyan's already; this
#     makes sure of it).
#
#   --clean-apt   remove apt's package lists afterwards (image layers)
#
# Environment: NB_USER, NB_UID, HOME (the user's), optionally NB_GID,
# GOCONC_GOROOT, GOCONC_BIN, GOCONC_KERNEL_PREFIX (see common.sh).
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

clean_apt=0
for a in "$@"; do
	case "$a" in
	--clean-apt) clean_apt=1 ;;
	*) binder_die "unknown argument $a (usage: root-setup.sh [--clean-apt])" ;;
	esac
done
[ "$(id -u)" = 0 ] || binder_die "run as root (the Dockerfile runs it under USER root)"
: "${NB_USER:?NB_USER must be set}" "${NB_UID:?NB_UID must be set}"
case "$NB_UID" in '' | *[!0-9]*) binder_die "NB_UID must be a number: $NB_UID" ;; esac
[ "$NB_UID" != 0 ] || binder_die "NB_UID must not be 0: the notebook user is not root"

# 1. Packages.
packages=(ca-certificates curl gcc libc6-dev unzip)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	binder_log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	if [ "$clean_apt" = 1 ]; then
		apt-get clean
		rm -rf /var/lib/apt/lists/*
	fi
else
	binder_log "packages present: ${packages[*]}"
fi

# 2. The user.
if id -u "$NB_USER" >/dev/null 2>&1; then
	[ "$(id -u "$NB_USER")" = "$NB_UID" ] ||
		binder_die "user $NB_USER exists with uid $(id -u "$NB_USER"), not NB_UID=$NB_UID"
	binder_log "user $NB_USER (uid $NB_UID) exists"
else
	holder="$(getent passwd "$NB_UID" | cut -d: -f1 || true)"
	if [ "$holder" = jovyan ]; then
		usermod -l "$NB_USER" -d "$HOME" jovyan
		binder_log "renamed jovyan (uid $NB_UID) to $NB_USER"
	elif [ -n "$holder" ]; then
		binder_die "uid $NB_UID belongs to $holder; choose another NB_UID"
	else
		if [ -n "${NB_GID:-}" ]; then
			useradd -m -d "$HOME" -s /bin/bash -u "$NB_UID" -g "$NB_GID" "$NB_USER"
		else
			useradd -m -d "$HOME" -s /bin/bash -u "$NB_UID" -U "$NB_USER"
		fi
		binder_log "created user $NB_USER (uid $NB_UID, home $HOME)"
	fi
fi
gid="$(id -g "$NB_USER")"
mkdir -p "$HOME"
chown "$NB_UID:$gid" "$HOME"

# 3. Directories outside HOME that the user installs into. (Those inside
# HOME the user makes itself, so that no root-owned parent is left there.)
dirs=("$GOCONC_GOROOT" "$(dirname "$GOCONC_BIN")")
if [ -n "$GOCONC_KERNEL_PREFIX" ]; then
	dirs+=("$GOCONC_KERNEL_PREFIX/share/jupyter/kernels/goconc" "$GOCONC_KERNEL_PREFIX/etc/jupyter/jupyter_server_config.d")
fi
for d in "${dirs[@]}"; do
	case "$d/" in
	"$HOME"/*) continue ;;
	esac
	mkdir -p "$d"
	chown "$NB_UID:$gid" "$d"
	binder_log "$d is $NB_USER's"
done
