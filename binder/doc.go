// Package binder holds no code: binder/ is the build of the workshop image
// (the repository's Dockerfile runs the scripts in this directory, and
// binder/ci-check.sh runs the same scripts on CI, where there is no
// Docker engine). Its tests check the Dockerfile's structure and the
// scripts' pins; see dockerfile_test.go and docs/workshop.md.
package binder
