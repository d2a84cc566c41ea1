#!/usr/bin/env bash
# install-jupyter.sh installs the workshop's Jupyter front ends at the
# versions binder/jupyter-requirements.txt pins (JupyterLab, Notebook 7)
# into the Python that runs Jupyter, so that the image carries exactly the
# versions CI tests (.ci/requirements.txt includes the same file). Runs as
# the notebook user. Where the base image has those versions already, pip
# finds them and changes nothing.
#
#   GOCONC_JUPYTER_PYTHON  the Python to install into (default: the
#                          python3 on PATH; the image: conda's in
#                          /opt/conda; binder/ci-check.sh: a virtual
#                          environment of the CI user)
# shellcheck source=binder/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

py="${GOCONC_JUPYTER_PYTHON:-python3}"
reqs="$GOCONC_REPO/binder/jupyter-requirements.txt"
[ -f "$reqs" ] || binder_die "$reqs is missing"
"$py" -m pip --version >/dev/null 2>&1 || binder_die "$py has no pip"

start=$SECONDS
"$py" -m pip install --no-cache-dir --no-input --disable-pip-version-check --quiet -r "$reqs"
binder_log "pip install -r binder/jupyter-requirements.txt into $("$py" -c 'import sys; print(sys.prefix)') in $((SECONDS - start))s"

# The versions Python now imports are the pinned ones.
want_lab="$(sed -n 's/^jupyterlab==//p' "$reqs")"
want_nb="$(sed -n 's/^notebook==//p' "$reqs")"
got="$("$py" -c 'import jupyterlab, notebook; print(jupyterlab.__version__, notebook.__version__)')" ||
	binder_die "$py cannot import jupyterlab and notebook"
[ "$got" = "$want_lab $want_nb" ] || binder_die "installed JupyterLab and Notebook are $got, want $want_lab $want_nb"
binder_log "JupyterLab $want_lab, Notebook $want_nb"
