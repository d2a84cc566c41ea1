package binder_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The Dockerfile follows repo2docker's rules for a Dockerfile (Binder builds
// it, JupyterHub runs it): a non-root NB_USER with uid 1000, HOME owned by
// it, the repository in HOME, no ENTRYPOINT, USER NB_USER at the end. No
// Docker engine is needed: these tests parse the file, and
// binder/ci-check.sh runs the scripts it calls.

const (
	wantUser = "jovyan"
	wantUID  = "1000"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line int    // first line, 1-based
	cmd  string // upper case: FROM, RUN, ...
	args string // the rest, trimmed
}

func (in instruction) String() string { return fmt.Sprintf("line %d: %s %s", in.line, in.cmd, in.args) }

// parseDockerfile splits a Dockerfile into instructions: comment lines are
// dropped (also inside continuations), lines ending in a backslash are
// joined. Heredocs are refused: every RUN here calls a script instead.
func parseDockerfile(t *testing.T, text string) []instruction {
	t.Helper()
	var out []instruction
	var cur []string
	start := 0
	for i, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "#") || (line == "" && len(cur) == 0) {
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		if strings.HasSuffix(line, `\`) {
			cur = append(cur, strings.TrimSpace(strings.TrimSuffix(line, `\`)))
			continue
		}
		cur = append(cur, line)
		joined := strings.TrimSpace(strings.Join(cur, " "))
		cur = nil
		if joined == "" {
			continue
		}
		cmd, args, _ := strings.Cut(joined, " ")
		in := instruction{line: start, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
		if strings.Contains(in.args, "<<") {
			t.Errorf("%v: heredocs are not allowed; put the commands in a binder/ script", in)
		}
		out = append(out, in)
	}
	if len(cur) > 0 {
		t.Errorf("Dockerfile ends inside a continuation line")
	}
	return out
}

// vars tracks ARG defaults and ENV values in order, to resolve ${X}.
type vars map[string]string

var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

func (v vars) expand(s string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		sm := varRef.FindStringSubmatch(m)
		name := sm[1]
		if name == "" {
			name = sm[4]
		}
		if val, ok := v[name]; ok && val != "" {
			return val
		}
		if sm[2] != "" {
			return sm[3]
		}
		return "" // unset
	})
}

// setAll records the assignments of an ENV or ARG instruction: ENV K=V K2=V2,
// ENV K V, ARG K=V, ARG K. Values are expanded with the variables before.
func (v vars) setAll(in instruction) {
	if in.cmd == "ENV" && !strings.Contains(strings.Fields(in.args)[0], "=") {
		k, val, _ := strings.Cut(in.args, " ")
		v[k] = v.expand(strings.TrimSpace(val))
		return
	}
	before := vars{}
	for k, val := range v {
		before[k] = val
	}
	for _, f := range strings.Fields(in.args) {
		k, val, ok := strings.Cut(f, "=")
		if !ok {
			if _, set := v[k]; !set {
				v[k] = ""
			}
			continue
		}
		v[k] = before.expand(strings.Trim(val, `"`))
	}
}

type dockerfile struct {
	ins  []instruction
	from instruction
	env  vars // after the last instruction
	// argDefaults are the ARG instructions after FROM, with defaults.
	argDefaults map[string]string
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod above binder/: %v", err)
	}
	return root
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func loadDockerfile(t *testing.T) dockerfile {
	t.Helper()
	ins := parseDockerfile(t, readFile(t, filepath.Join(repoRoot(t), "Dockerfile")))
	df := dockerfile{ins: ins, env: vars{}, argDefaults: map[string]string{}}
	froms := 0
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms++
			df.from = in
		case "ARG":
			if froms > 0 {
				k, val, _ := strings.Cut(in.args, "=")
				df.argDefaults[k] = val
			}
			df.env.setAll(in)
		case "ENV":
			df.env.setAll(in)
		}
	}
	if froms != 1 {
		t.Fatalf("want exactly one FROM (a single-stage build), got %d", froms)
	}
	return df
}

func (df dockerfile) all(cmd string) []instruction {
	var out []instruction
	for _, in := range df.ins {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// pinnedTag matches the tags that do not move: a date (docker-stacks'
// YYYY-MM-DD, possibly with an architecture prefix) or a 12-hex commit tag.
var pinnedTag = regexp.MustCompile(`^([a-z0-9_]+-)?(\d{4}-\d{2}-\d{2}|[0-9a-f]{12})$`)

func TestFromIsPinned(t *testing.T) {
	df := loadDockerfile(t)
	fields := strings.Fields(df.from.args)
	var ref string
	for _, f := range fields {
		if !strings.HasPrefix(f, "--") {
			ref = f
			break
		}
	}
	if strings.Contains(ref, "$") {
		t.Fatalf("%v: the base image must be written out, not taken from a variable", df.from)
	}
	name, digest, hasDigest := strings.Cut(ref, "@")
	if hasDigest && !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(digest) {
		t.Errorf("%v: malformed digest %q", df.from, digest)
	}
	tag := ""
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		tag = name[i+1:]
	}
	switch {
	case tag == "latest":
		t.Errorf("%v: the tag latest moves; pin a dated tag or a digest", df.from)
	case tag == "" && !hasDigest:
		t.Errorf("%v: no tag and no digest (that is latest)", df.from)
	case tag != "" && !hasDigest && !pinnedTag.MatchString(tag):
		t.Errorf("%v: tag %q can move (docker-stacks' version tags follow new builds); use a date tag like 2026-08-24 or a digest", df.from, tag)
	}
	t.Logf("base image: %s", ref)
}

func TestNotebookUser(t *testing.T) {
	df := loadDockerfile(t)
	for _, a := range []string{"NB_USER", "NB_UID"} {
		if _, ok := df.argDefaults[a]; !ok {
			t.Errorf("no ARG %s after FROM: repo2docker passes it as a build argument", a)
		}
	}
	if got := df.argDefaults["NB_UID"]; got != wantUID {
		t.Errorf("ARG NB_UID defaults to %q, want %s", got, wantUID)
	}
	if got := df.env["NB_UID"]; got != wantUID {
		t.Errorf("NB_UID resolves to %q, want %s", got, wantUID)
	}
	user := df.env["NB_USER"]
	if user != wantUser {
		t.Errorf("NB_USER resolves to %q, want %s", user, wantUser)
	}
	if got, want := df.env["HOME"], "/home/"+user; got != want {
		t.Errorf("ENV HOME resolves to %q, want %q", got, want)
	}

	users := df.all("USER")
	if len(users) == 0 {
		t.Fatal("no USER instruction: the image would run as root")
	}
	last := users[len(users)-1]
	if last.args != "${NB_USER}" && last.args != "$NB_USER" && last.args != user {
		t.Errorf("%v: the last USER must be ${NB_USER}", last)
	}
	if got := df.env.expand(last.args); got != user || got == "root" || got == "0" {
		t.Errorf("%v: the last USER resolves to %q, want %q (uid %s)", last, got, user, wantUID)
	}
	// Nothing after the last USER may switch back or run anything as root.
	for _, in := range df.ins {
		if in.line > last.line && in.cmd == "RUN" {
			t.Errorf("%v: RUN after the last USER", in)
		}
	}
}

func TestHomeOwnedByUser(t *testing.T) {
	df := loadDockerfile(t)
	home := df.env["HOME"]
	repoCopied := false
	for _, in := range append(df.all("COPY"), df.all("ADD")...) {
		fields := strings.Fields(in.args)
		var chown string
		var paths []string
		for _, f := range fields {
			if v, ok := strings.CutPrefix(f, "--chown="); ok {
				chown = v
			} else if !strings.HasPrefix(f, "--") {
				paths = append(paths, f)
			}
		}
		if len(paths) < 2 {
			t.Errorf("%v: want SRC... DEST", in)
			continue
		}
		dest := strings.TrimSuffix(df.env.expand(paths[len(paths)-1]), "/")
		if dest != home && !strings.HasPrefix(dest, home+"/") {
			continue
		}
		owner, _, _ := strings.Cut(df.env.expand(chown), ":")
		if owner != df.env["NB_UID"] && owner != df.env["NB_USER"] {
			t.Errorf("%v: files copied into HOME must be owned by the notebook user (--chown=${NB_UID}:...), got --chown=%q", in, chown)
		}
		if dest == home && slices.Contains(paths[:len(paths)-1], ".") {
			repoCopied = true
		}
	}
	if !repoCopied {
		t.Errorf("no COPY --chown=${NB_UID} . ${HOME}: the repository must be in HOME")
	}
}

func TestNoEntrypoint(t *testing.T) {
	df := loadDockerfile(t)
	for _, in := range df.all("ENTRYPOINT") {
		t.Errorf("%v: repo2docker and JupyterHub start the server with their own command; an ENTRYPOINT can break it", in)
	}
}

// trivialCommands are commands a RUN line may use besides binder/ scripts.
// None are needed today: keep it that way, or say here why one is.
var trivialCommands = map[string]string{}

var scriptRef = regexp.MustCompile(`^(\$\{HOME\}/|\$HOME/|/home/[a-z_][a-z0-9_-]*/|\./)?binder/([A-Za-z0-9_-]+\.sh)$`)

// runScripts returns the binder/ scripts the Dockerfile's RUN lines call,
// in order, and fails on anything else.
func runScripts(t *testing.T, df dockerfile) []string {
	t.Helper()
	var scripts []string
	for _, in := range df.all("RUN") {
		if strings.HasPrefix(in.args, "[") {
			var argv []string
			if err := json.Unmarshal([]byte(in.args), &argv); err != nil || len(argv) == 0 {
				t.Errorf("%v: malformed exec form", in)
				continue
			}
			in.args = strings.Join(argv, " ")
		}
		if strings.HasPrefix(in.args, "--") {
			t.Errorf("%v: RUN flags (--mount, --network) are not used here", in)
			continue
		}
		for _, c := range regexp.MustCompile(`\s*&&\s*`).Split(in.args, -1) {
			if strings.ContainsAny(c, ";|`$()<>") && !scriptRef.MatchString(strings.Fields(c)[0]) {
				t.Errorf("%v: %q: only binder/ scripts, joined by &&", in, c)
				continue
			}
			words := strings.Fields(c)
			m := scriptRef.FindStringSubmatch(words[0])
			switch {
			case m != nil:
				for _, a := range words[1:] {
					if !regexp.MustCompile(`^--[a-z0-9-]+$`).MatchString(a) {
						t.Errorf("%v: argument %q: scripts take --flags only", in, a)
					}
				}
				scripts = append(scripts, m[2])
			case trivialCommands[words[0]] != "":
			default:
				t.Errorf("%v: %q is not a binder/ script; every build step is a script that CI runs too", in, c)
			}
		}
	}
	if len(scripts) == 0 {
		t.Error("no RUN calls a binder/ script")
	}
	return scripts
}

func TestRunOnlyCallsBinderScripts(t *testing.T) {
	df := loadDockerfile(t)
	root := repoRoot(t)
	ci := readFile(t, filepath.Join(root, "binder", "ci-check.sh"))
	for _, s := range runScripts(t, df) {
		path := filepath.Join(root, "binder", s)
		info, err := os.Stat(path)
		if err != nil {
			t.Errorf("the Dockerfile runs binder/%s, which is missing: %v", s, err)
			continue
		}
		if info.Mode()&0o111 != 0o111 {
			t.Errorf("binder/%s is not executable (mode %v): RUN calls it directly", s, info.Mode())
		}
		if first, _, _ := strings.Cut(readFile(t, path), "\n"); first != "#!/usr/bin/env bash" && first != "#!/bin/bash" {
			t.Errorf("binder/%s starts with %q, want a bash shebang", s, first)
		}
		if !strings.Contains(ci, "binder/"+s) {
			t.Errorf("binder/ci-check.sh does not run binder/%s: CI must run every step the Dockerfile runs", s)
		}
	}
}

// TestScriptsExecutableInGit checks the modes git will give a fresh clone
// (CI's, repo2docker's): a script committed without its executable bit
// fails in both.
func TestScriptsExecutableInGit(t *testing.T) {
	root := repoRoot(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	out, err := exec.Command("git", "-C", root, "ls-files", "-s", "--", "binder").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		if len(f) < 4 || !strings.HasSuffix(f[3], ".sh") || strings.HasSuffix(f[3], "/common.sh") {
			continue
		}
		if f[0] != "100755" {
			t.Errorf("%s is committed with mode %s, want 100755 (git update-index --chmod=+x %s)", f[3], f[0], f[3])
		}
	}
}

func TestScriptsParse(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "binder", "*.sh"))
	if len(files) == 0 {
		t.Fatal("no binder/*.sh")
	}
	for _, f := range files {
		if out, err := exec.Command(bash, "-n", f).CombinedOutput(); err != nil {
			t.Errorf("bash -n %s: %v\n%s", filepath.Base(f), err, out)
		}
	}
}

// The Go toolchain: pinned version, pinned sha256, checked before use.

var (
	goVersionPin = regexp.MustCompile(`(?m)^GO_VERSION=(\d+\.\d+(?:\.\d+)?)$`)
	goSumPin     = regexp.MustCompile(`(?m)^GO_SHA256_(linux_[a-z0-9]+)=([0-9a-f]+)\b`)
)

func TestGoToolchainPinned(t *testing.T) {
	root := repoRoot(t)
	script := readFile(t, filepath.Join(root, "binder", "install-go.sh"))
	m := goVersionPin.FindStringSubmatch(script)
	if m == nil {
		t.Fatal("install-go.sh has no GO_VERSION=X.Y.Z line")
	}
	pinned := m[1]
	sums := goSumPin.FindAllStringSubmatch(script, -1)
	if len(sums) == 0 {
		t.Fatal("install-go.sh pins no GO_SHA256_linux_<arch>=<sha256>")
	}
	archs := map[string]bool{}
	for _, s := range sums {
		if len(s[2]) != 64 {
			t.Errorf("GO_SHA256_%s has %d hex digits, want 64", s[1], len(s[2]))
		}
		archs[s[1]] = true
	}
	if !archs["linux_amd64"] {
		t.Error("no pinned sha256 for linux_amd64 (Binder's and CI's platform)")
	}
	if !regexp.MustCompile(`sha256sum (-c|--check)`).MatchString(script) {
		t.Error("install-go.sh does not verify the zip with sha256sum -c")
	}
	if !strings.Contains(script, "golang.org/toolchain/@v/") {
		t.Error("install-go.sh does not download golang.org/toolchain from the module proxy")
	}

	// The pinned toolchain must satisfy go.mod's go line (GOTOOLCHAIN=local
	// would refuse to build otherwise).
	gomod := readFile(t, filepath.Join(root, "go.mod"))
	gm := regexp.MustCompile(`(?m)^go (\d+\.\d+(?:\.\d+)?)\s*$`).FindStringSubmatch(gomod)
	if gm == nil {
		t.Fatal("go.mod has no go line")
	}
	if compareVersions(pinned, gm[1]) < 0 {
		t.Errorf("install-go.sh pins go%s, older than go.mod's go %s", pinned, gm[1])
	}
	t.Logf("Go toolchain go%s, pinned for %d platforms", pinned, len(archs))
}

func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for len(pa) < 3 {
		pa = append(pa, "0")
	}
	for len(pb) < 3 {
		pb = append(pb, "0")
	}
	for i := range 3 {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x - y
		}
	}
	return 0
}

// TestInstallGoRejectsBadChecksum runs install-go.sh offline on a zip that
// is not the pinned one: it must refuse it, install nothing and delete it.
func TestInstallGoRejectsBadChecksum(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("no sha256sum")
	}
	root := repoRoot(t)
	script := readFile(t, filepath.Join(root, "binder", "install-go.sh"))
	version := goVersionPin.FindStringSubmatch(script)[1]
	tmp := t.TempDir()
	zipDir := filepath.Join(tmp, "zips")
	if err := os.MkdirAll(zipDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, arch := range []string{"amd64", "arm64"} {
		bogus := filepath.Join(zipDir, "v0.0.1-go"+version+".linux-"+arch+".zip")
		if err := os.WriteFile(bogus, []byte("not the toolchain"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goroot := filepath.Join(tmp, "go")
	cmd := exec.Command(bash, filepath.Join(root, "binder", "install-go.sh"))
	cmd.Env = []string{
		"HOME=" + tmp, "PATH=" + os.Getenv("PATH"), "TMPDIR=" + tmp,
		"GOCONC_GOROOT=" + goroot, "GOCONC_GO_ZIP_CACHE=" + zipDir, "GOCONC_GO_OFFLINE=1",
	}
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("install-go.sh accepted a zip with the wrong checksum:\n%s", out)
	}
	if !strings.Contains(string(out), "checksum mismatch") {
		t.Errorf("install-go.sh failed, but not on the checksum:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(goroot, "bin", "go")); err == nil {
		t.Error("install-go.sh installed a toolchain from a zip with the wrong checksum")
	}
	left, _ := filepath.Glob(filepath.Join(zipDir, "*linux-*.zip"))
	if len(left) != 1 { // the one for the other architecture stays
		t.Errorf("the rejected zip should be deleted; left: %v", left)
	}
}

// The first notebook.

func TestDefaultURLOpensFirstNotebook(t *testing.T) {
	root := repoRoot(t)
	df := loadDockerfile(t)
	m := regexp.MustCompile(`GOCONC_FIRST_NOTEBOOK="\$\{GOCONC_FIRST_NOTEBOOK:-([^}]+)\}"`).
		FindStringSubmatch(readFile(t, filepath.Join(root, "binder", "common.sh")))
	if m == nil {
		t.Fatal("binder/common.sh has no default for GOCONC_FIRST_NOTEBOOK")
	}
	nb := m[1] // what ci-check.sh uses
	if img := df.env["GOCONC_FIRST_NOTEBOOK"]; img != "" && img != nb {
		t.Errorf("the Dockerfile opens on %s, binder/common.sh (and so CI) on %s", img, nb)
	}
	if !strings.HasPrefix(nb, "notebooks/") || !strings.HasSuffix(nb, ".ipynb") || strings.Contains(nb, "..") {
		t.Fatalf("GOCONC_FIRST_NOTEBOOK=%q: want notebooks/NAME.ipynb", nb)
	}
	// Nothing in notebooks/ may come before it: it is the course's first.
	names, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	for _, n := range names {
		if filepath.Base(n) < filepath.Base(nb) {
			t.Errorf("notebooks/%s sorts before %s, which the image opens on: update GOCONC_FIRST_NOTEBOOK in the Dockerfile and binder/common.sh", filepath.Base(n), nb)
		}
	}
	if _, err := os.Stat(filepath.Join(root, nb)); err != nil {
		t.Logf("note: %s is not in the repository yet; Jupyter will open on it once it is", nb)
	}

	// Run install-kernel.sh with a stand-in goconc that writes a kernelspec,
	// and read the Jupyter config it writes.
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	tmp := t.TempDir()
	fake := filepath.Join(tmp, "bin", "goconc")
	if err := os.MkdirAll(filepath.Dir(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	stub := `#!/bin/sh
# stand-in for "goconc install --prefix DIR"
[ "$1" = install ] && [ "$2" = --prefix ] || exit 3
mkdir -p "$3/share/jupyter/kernels/goconc"
echo '{"argv": ["goconc", "kernel", "-f", "{connection_file}"], "display_name": "Go (goconc)", "language": "go"}' >"$3/share/jupyter/kernels/goconc/kernel.json"
`
	if err := os.WriteFile(fake, []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(tmp, "prefix")
	cmd := exec.Command(bash, filepath.Join(root, "binder", "install-kernel.sh"))
	cmd.Env = []string{
		"HOME=" + tmp, "PATH=/usr/bin:/bin", "GOCONC_BIN=" + fake,
		"GOCONC_KERNEL_PREFIX=" + prefix, "GOCONC_FIRST_NOTEBOOK=" + nb,
		"JUPYTER_DATA_DIR=" + filepath.Join(tmp, "data"), "JUPYTER_CONFIG_DIR=" + filepath.Join(tmp, "config"),
		"JUPYTER_RUNTIME_DIR=" + filepath.Join(tmp, "runtime"), "PYDEVD_DISABLE_FILE_VALIDATION=1",
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("install-kernel.sh: %v\n%s", err, out)
	}
	var conf map[string]map[string]string
	data := readFile(t, filepath.Join(prefix, "etc", "jupyter", "jupyter_server_config.d", "goconc.json"))
	if err := json.Unmarshal([]byte(data), &conf); err != nil {
		t.Fatalf("goconc.json: %v\n%s", err, data)
	}
	for app, want := range map[string]string{
		"ServerApp":          "/lab/tree/" + nb,
		"LabApp":             "/lab/tree/" + nb,
		"JupyterNotebookApp": "/notebooks/" + nb,
	} {
		if got := conf[app]["default_url"]; got != want {
			t.Errorf("%s.default_url = %q, want %q", app, got, want)
		}
	}
}

// .dockerignore must keep what the build needs.
func TestDockerignoreKeepsSources(t *testing.T) {
	root := repoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Skip("no .dockerignore")
	}
	var patterns []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "!") {
			continue
		}
		patterns = append(patterns, strings.TrimPrefix(strings.TrimPrefix(l, "/"), "**/"))
	}
	for _, keep := range []string{"go.mod", "go.sum", "main.go", "binder", "kernel", "helpers", "charts", "notebooks", "internal"} {
		for _, p := range patterns {
			if ok, _ := filepath.Match(p, keep); ok {
				t.Errorf(".dockerignore pattern %q leaves %s out of the image", p, keep)
			}
		}
	}
	if !slices.Contains(patterns, ".git") {
		t.Error(".dockerignore should leave .git out (large, and go build would want git for VCS stamping)")
	}
}
