# goconc workshop image: JupyterLab + the goconc kernel + the course, for
# Binder (repo2docker builds this file) and for JupyterHub
# (DockerSpawner/KubeSpawner). See docs/workshop.md.
#
# repo2docker's rules for a Dockerfile: a non-root user NB_USER with uid
# NB_UID (1000), HOME owned by it, the repository in HOME, Jupyter on PATH,
# and USER NB_USER at the end. repo2docker/BinderHub start the server with
# their own command (jupyter notebook/lab --ip 0.0.0.0 --port ..., or
# jupyterhub-singleuser); this file defines no ENTRYPOINT and keeps the
# base image's CMD (start-notebook.py: jupyter lab on 0.0.0.0:8888, or
# jupyterhub-singleuser under a Hub).
#
# Every step after the base image is a script in binder/, and
# binder/ci-check.sh runs the same scripts on CI (no Docker engine there).

# A dated tag of Jupyter's docker-stacks base-notebook (Ubuntu 24.04,
# Python 3.13, JupyterLab 4.6, Notebook 7.6; conda env in /opt/conda,
# user jovyan uid 1000 gid 100). Dated tags never move; bump it on purpose.
FROM quay.io/jupyter/base-notebook:2026-08-24

ARG NB_USER=jovyan
ARG NB_UID=1000
ENV NB_USER=${NB_USER} \
    NB_UID=${NB_UID} \
    USER=${NB_USER} \
    HOME=/home/${NB_USER} \
    GOCONC_GOROOT=/opt/go \
    GOCONC_BIN=/opt/goconc/bin/goconc \
    GOCONC_KERNEL_PREFIX=${CONDA_DIR:-/opt/conda} \
    GOCONC_FIRST_NOTEBOOK=notebooks/00-welcome.ipynb \
    GOPATH=/home/${NB_USER}/.go \
    GOTOOLCHAIN=local \
    PATH=/opt/go/bin:/opt/goconc/bin:${PATH}
# GOPATH is a dot directory so that the module cache is not taken for
# part of the course's module, which is $HOME itself. The kernel inherits
# these variables: its %%native cells use the same go, GOCACHE and GOPATH
# as prewarm.sh did.

# The first steps' scripts alone: the system and toolchain layers below are
# rebuilt only when these change, not on every change to the course.
COPY --chown=${NB_UID}:${NB_GID:-100} binder/common.sh binder/root-setup.sh binder/install-go.sh \
    binder/install-jupyter.sh binder/jupyter-requirements.txt ${HOME}/binder/

USER root
RUN ${HOME}/binder/root-setup.sh --clean-apt

USER ${NB_USER}
RUN ${HOME}/binder/install-go.sh
# JupyterLab and Notebook at the versions CI tests (binder/jupyter-requirements.txt).
RUN ${HOME}/binder/install-jupyter.sh

# The repository in HOME, owned by the notebook user.
COPY --chown=${NB_UID}:${NB_GID:-100} . ${HOME}/

RUN ${HOME}/binder/build.sh
RUN ${HOME}/binder/install-kernel.sh
RUN ${HOME}/binder/prewarm.sh --pin-cache

WORKDIR ${HOME}
EXPOSE 8888
USER ${NB_USER}
