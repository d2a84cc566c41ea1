#!/usr/bin/env bash
# fetch-echarts.sh fetches the pinned Apache ECharts release from the npm
# registry and checks it against the committed checksums.
#
#   charts/fetch-echarts.sh           fetch, verify, copy into charts/assets/
#   charts/fetch-echarts.sh --verify  fetch, verify, and compare with the
#                                     committed copies (writes nothing)
#   charts/fetch-echarts.sh --pin     fetch the version in
#                                     assets/echarts.version and rewrite
#                                     assets/echarts.sha256 (after a bump;
#                                     review the diff before committing)
#
# The version lives in charts/assets/echarts.version. Two pins guard it:
# assets/echarts.integrity holds the npm tarball's sha512 integrity string
# (as `npm view echarts@VERSION dist.integrity` printed it when pinned), and
# assets/echarts.sha256 the sha256 sums of the files taken from it, in
# sha256sum format. A changed registry copy cannot slip in unnoticed.
#
# Needs: bash, npm, tar, sha256sum, openssl, base64, cmp.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
assets="$here/assets"
version="$(tr -d '[:space:]' <"$assets/echarts.version")"
mode="${1:-install}"

case "$mode" in
install | --verify | --pin) ;;
*)
	echo "usage: $0 [--verify | --pin]" >&2
	exit 2
	;;
esac

command -v npm >/dev/null || {
	echo "fetch-echarts: npm not found" >&2
	exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "echarts@$version" >/dev/null 2>"$work/npm.log") || {
	cat "$work/npm.log" >&2
	exit 1
}
tgz="$work/echarts-$version.tgz"
integrity="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$mode" = --pin ]; then
	echo "$integrity" >"$assets/echarts.integrity"
fi
if [ "$integrity" != "$(tr -d '[:space:]' <"$assets/echarts.integrity")" ]; then
	echo "fetch-echarts: echarts-$version.tgz has integrity $integrity," >&2
	echo "fetch-echarts: not the pinned $(cat "$assets/echarts.integrity")" >&2
	exit 1
fi
tar -xzf "$tgz" -C "$work"

# The files we ship, as named in assets/, and where they are in the package.
mkdir -p "$work/out"
cp "$work/package/dist/echarts.min.js" "$work/out/echarts.min.js"
cp "$work/package/LICENSE" "$work/out/LICENSE"
cp "$work/package/NOTICE" "$work/out/NOTICE"
cp "$work/package/licenses/LICENSE-d3" "$work/out/LICENSE-d3"
files=(echarts.min.js LICENSE NOTICE LICENSE-d3)

if [ "$mode" = --pin ]; then
	(cd "$work/out" && sha256sum "${files[@]}") >"$assets/echarts.sha256"
	echo "fetch-echarts: pinned echarts $version in $assets/echarts.sha256"
	mode=install
fi

(cd "$work/out" && sha256sum --check --strict --quiet "$assets/echarts.sha256") || {
	echo "fetch-echarts: echarts $version from npm does not match $assets/echarts.sha256" >&2
	exit 1
}

case "$mode" in
--verify)
	for f in "${files[@]}"; do
		cmp -s "$work/out/$f" "$assets/$f" || {
			echo "fetch-echarts: committed $assets/$f differs from echarts $version on npm" >&2
			exit 1
		}
	done
	echo "fetch-echarts: committed assets match echarts $version on npm"
	;;
install)
	for f in "${files[@]}"; do
		cp "$work/out/$f" "$assets/$f"
	done
	echo "fetch-echarts: installed echarts $version into $assets"
	;;
esac
