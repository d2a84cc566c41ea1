#!/usr/bin/env bash
# install-kernel.sh installs goconc's kernelspec for every user of the
# Jupyter at $GOCONC_KERNEL_PREFIX (the image: the conda env, /opt/conda),
# and makes Jupyter open on the course's first notebook. Runs as the
# notebook user, after build.sh.
#
#   PREFIX/share/jupyter/kernels/goconc/            goconc install --prefix PREFIX
#   PREFIX/etc/jupyter/jupyter_server_config.d/goconc.json
#       the default URL of JupyterLab, of Notebook 7 and of a bare
#       jupyter_server (jupyterhub-singleuser), all pointing at
#       $GOCONC_FIRST_NOTEBOOK (notebooks/00-welcome.ipynb).
#
# With GOCONC_KERNEL_PREFIX empty, the prefix is that of the Python that
# runs Jupyter (goconc install --sys-prefix).
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ -x "$GOCONC_BIN" ] || binder_die "$GOCONC_BIN is missing: run binder/build.sh first"

prefix="$GOCONC_KERNEL_PREFIX"
if [ -n "$prefix" ]; then
	"$GOCONC_BIN" install --prefix "$prefix"
else
	"$GOCONC_BIN" install --sys-prefix
	prefix="$(python3 -c 'import sys; print(sys.prefix)')"
fi
spec="$prefix/share/jupyter/kernels/goconc/kernel.json"
[ -f "$spec" ] || binder_die "no $spec after goconc install"

# The course opens on its first notebook. /lab/tree/PATH opens PATH in
# JupyterLab; Notebook 7 serves notebooks at /notebooks/PATH.
nb="$GOCONC_FIRST_NOTEBOOK"
case "$nb" in
/* | *..* | *'"'* | *\\*) binder_die "GOCONC_FIRST_NOTEBOOK must be a plain path inside the repository: $nb" ;;
esac
lab_url="/lab/tree/$nb"
conf_dir="$prefix/etc/jupyter/jupyter_server_config.d"
mkdir -p "$conf_dir"
cat >"$conf_dir/goconc.json" <<EOF
{
  "ServerApp": {
    "default_url": "$lab_url"
  },
  "LabApp": {
    "default_url": "$lab_url"
  },
  "JupyterNotebookApp": {
    "default_url": "/notebooks/$nb"
  }
}
EOF
binder_log "Jupyter opens on $lab_url ($conf_dir/goconc.json)"
if [ ! -f "$GOCONC_REPO/$nb" ]; then
	binder_log "note: $nb is not in the repository yet; the default URL will show 'file not found' until it is"
fi

# Check with the Jupyter that is there (the image: conda's; CI: Debian's,
# which finds the prefix through JUPYTER_PATH).
if command -v jupyter >/dev/null; then
	export JUPYTER_PATH="$prefix/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
	if ! jupyter kernelspec list | grep -E '^\s*goconc\s'; then
		jupyter kernelspec list >&2 || true
		binder_die "jupyter kernelspec list does not show goconc"
	fi
else
	binder_log "no jupyter on PATH: kernelspec written to $spec but not checked"
fi
