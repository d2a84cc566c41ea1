#!/usr/bin/env bash
# install-go.sh installs the pinned Go toolchain into $GOCONC_GOROOT
# (default ~/.local/go; the image uses /opt/go). Runs as the notebook user.
#
# The toolchain comes from the Go module proxy, which serves every Go
# release as the module golang.org/toolchain (this is how the go command
# itself fetches toolchains for GOTOOLCHAIN). The zip's sha256 is pinned
# below and checked with sha256sum -c before anything is unpacked; the
# pinned sums were taken from zips that `go mod download` had verified
# against the Go checksum database (h1: hashes in the comments).
#
# Settings: GOCONC_GOROOT (see common.sh);
#   GOCONC_GO_ZIP_CACHE  keep the downloaded zip in this directory and reuse
#                        it next time (CI: /var/cache/goconc-ci); unset: the
#                        zip goes to a temporary directory and is deleted
#   GOCONC_GOPROXY       the proxy to download from (https://proxy.golang.org)
#   GOCONC_GO_OFFLINE=1  never download: use the cached zip or fail
#
# Idempotent: an installed toolchain of the pinned version and checksum is
# left alone.
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

GO_VERSION=1.26.8
# sha256 of https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-<arch>.zip
GO_SHA256_linux_amd64=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7 # h1:ZOmGe1OnfREDMIdb1Qi4G9JSuDPBLGExZMQ4nis1RXM=
GO_SHA256_linux_arm64=02b36b6787b3ac767668f630e2998df45a3b1f9ffee08d1bf3ef6487cd658d99 # h1:sYL/O6MqS68ML0kjsQ36WoYIpJqkw60TxizWUYUKQMc=

case "$(uname -m)" in
x86_64 | amd64) arch=amd64 sha="$GO_SHA256_linux_amd64" ;;
aarch64 | arm64) arch=arm64 sha="$GO_SHA256_linux_arm64" ;;
*) binder_die "no pinned Go toolchain for $(uname -m) (pinned: linux-amd64, linux-arm64)" ;;
esac
[ "$(uname -s)" = Linux ] || binder_die "the image and CI are Linux; this is $(uname -s)"

modver="v0.0.1-go${GO_VERSION}.linux-${arch}"
zipname="${modver}.zip"
proxy="${GOCONC_GOPROXY:-https://proxy.golang.org}"
url="${proxy%/}/golang.org/toolchain/@v/${zipname}"
goroot="$GOCONC_GOROOT"
marker="$goroot/.goconc-toolchain"

# Already there?
if [ -x "$goroot/bin/go" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$zipname $sha" ] &&
	[ "$(env -u GOROOT "$goroot/bin/go" env GOVERSION 2>/dev/null)" = "go$GO_VERSION" ]; then
	binder_log "go$GO_VERSION is already installed in $goroot"
	exit 0
fi

verify() { # verify FILE: true when FILE has the pinned sha256
	printf '%s  %s\n' "$sha" "$1" | sha256sum -c --status -
}

download() { # download URL FILE
	if command -v curl >/dev/null; then
		curl -fsSL --retry 3 --retry-delay 2 -o "$2" "$1"
	elif command -v wget >/dev/null; then
		wget -q --tries=3 -O "$2" "$1"
	elif command -v python3 >/dev/null; then
		python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
	else
		binder_die "need curl, wget or python3 to download $1"
	fi
}

unpack() { # unpack ZIP DIR, keeping the files' modes where the zip has them
	if command -v unzip >/dev/null; then
		unzip -q "$1" -d "$2"
	elif command -v python3 >/dev/null; then
		python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode and not info.is_dir():
            os.chmod(path, mode)
EOF
	else
		binder_die "need unzip or python3 to unpack $1"
	fi
}

work="$(mktemp -d "${TMPDIR:-/tmp}/goconc-go.XXXXXX")"
trap 'rm -rf "$work"' EXIT

zipdir="${GOCONC_GO_ZIP_CACHE:-$work}"
mkdir -p "$zipdir"
zip="$zipdir/$zipname"
if [ -f "$zip" ] && verify "$zip"; then
	binder_log "using the cached $zip"
else
	[ "${GOCONC_GO_OFFLINE:-0}" = 1 ] && [ ! -f "$zip" ] && binder_die "offline, and $zip is not there"
	if [ "${GOCONC_GO_OFFLINE:-0}" != 1 ]; then
		binder_log "downloading $url"
		start=$SECONDS
		download "$url" "$zip.part"
		mv -f "$zip.part" "$zip"
		binder_log "downloaded $(du -h "$zip" | cut -f1) in $((SECONDS - start))s"
	fi
	# The pinned checksum decides; a mismatching zip is removed so that the
	# next run downloads it again.
	if ! printf '%s  %s\n' "$sha" "$zip" | sha256sum -c -; then
		rm -f "$zip"
		binder_die "checksum mismatch for $zipname: expected sha256 $sha"
	fi
fi

binder_log "unpacking into $goroot"
unpack "$zip" "$work/x"
src="$work/x/golang.org/toolchain@$modver"
[ -x "$src/bin/go" ] || [ -f "$src/bin/go" ] || binder_die "the zip has no golang.org/toolchain@$modver/bin/go"
# Zip entries may come without the executable bit: the go command sets it
# on bin/ and pkg/tool/ when it installs a toolchain itself, so do we.
chmod 0755 "$src"/bin/* "$src"/pkg/tool/*/*

# $goroot may be a directory that root made for us (/opt/go in the image):
# empty it rather than replace it.
mkdir -p "$goroot"
find "$goroot" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
cp -a "$src/." "$goroot/"
printf '%s %s\n' "$zipname" "$sha" >"$marker"

got="$(env -u GOROOT "$goroot/bin/go" env GOVERSION)"
[ "$got" = "go$GO_VERSION" ] || binder_die "installed toolchain reports $got, want go$GO_VERSION"
binder_log "installed $("$goroot/bin/go" version) in $goroot"
