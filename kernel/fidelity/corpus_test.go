package fidelity_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"go/build"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The corpus: Go's own test programs, $GOROOT/test/**/*.go whose recipe
// is `// run`, each built with the Go toolchain and run, and run through
// the engine as a notebook would, in a child process of its own. Each
// program gets a class (match, refused, error, wrong, crash, or skip with
// a reason); testdata/corpus-baseline.tsv holds the committed classes and
// docs/fidelity-corpus.md is generated from it. scripts/fidelity-corpus
// runs it; scripts/test runs the directories CI covers, and fails when a
// program got worse than its baseline.

var (
	corpusRun     = flag.Bool("corpus", false, "run Go's test programs (TestCorpus)")
	corpusDirs    = flag.String("corpus-dirs", "", "comma-separated directories of $GOROOT/test (. is the top level); empty means all")
	corpusMatch   = flag.String("corpus-match", "", "run only the programs whose path matches this regexp")
	corpusJobs    = flag.Int("corpus-jobs", 2, "programs built and run at once")
	corpusTimeout = flag.Duration("corpus-timeout", 20*time.Second, "how long one program may run, compiled or interpreted")
	corpusMem     = flag.Uint64("corpus-mem", 3<<30, "address-space limit of each program's process, in bytes")
	corpusUpdate  = flag.Bool("corpus-update", false, "record the run's classes in the baseline and regenerate docs/fidelity-corpus.md")
)

// corpusAllDirs are the directories of $GOROOT/test the corpus covers.
var corpusAllDirs = []string{".", "ken", "chan", "interface", "typeparam", "fixedbugs"}

const (
	baselinePath  = "testdata/corpus-baseline.tsv"
	corpusDocPath = "../../docs/fidelity-corpus.md"
)

// Classes of a program's outcome.
const (
	classMatch   = "match"   // same stdout, stderr and exit status as the compiled program
	classRefused = "refused" // the front end refused it before it ran, naming the construct
	classError   = "error"   // valid Go rejected with an interpreter error
	classWrong   = "wrong"   // ran and gave another result
	classCrash   = "crash"   // the interpreter's process died or the program hung
	classSkip    = "skip"    // does not apply to cells; the reason says why
)

func TestMain(m *testing.M) {
	if runChild() {
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// corpusProg is one program of the corpus and what became of it.
type corpusProg struct {
	path   string // relative to $GOROOT/test, slash-separated
	file   string // absolute
	src    []byte
	golden string // the .out file beside it: the output Go's test expects
	key    string // content hash naming its build and cached results
	class  string
	reason string
}

func (p *corpusProg) dir() string {
	if d := filepath.Dir(p.path); d != "." {
		return d
	}
	return "."
}

// runResult is the outcome of the compiled program.
type runResult struct {
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	Status int    `json:"status"`         // exit status; -1 when killed
	Note   string `json:"note,omitempty"` // why it did not run: build error, timeout, signal
}

func corpusRoot(t *testing.T) string {
	root := filepath.Join(runtime.GOROOT(), "test")
	if _, err := os.Stat(filepath.Join(root, "ken")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Go's test programs are missing (%v): install the whole Go distribution", err)
		}
		t.Skipf("Go's test programs are missing: %v", err)
	}
	return root
}

// discover lists the programs of dirs whose recipe is one of the run
// recipes, with a skip reason for those that do not apply to cells.
func discover(t *testing.T, root string, dirs []string, match *regexp.Regexp) []*corpusProg {
	var progs []*corpusProg
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join(root, d, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		for _, f := range files {
			rel, _ := filepath.Rel(root, f)
			rel = filepath.ToSlash(rel)
			if match != nil && !match.MatchString(rel) {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			action := recipe(string(src))
			if !isRunRecipe(action) {
				continue
			}
			p := &corpusProg{path: rel, file: f, src: src}
			// The salt changes when the way programs are built does.
			const salt = "2"
			sum := sha256.Sum256([]byte(salt + "\x00" + runtime.Version() + "\x00" + rel + "\x00" + string(src)))
			p.key = hex.EncodeToString(sum[:10])
			if g, err := os.ReadFile(strings.TrimSuffix(f, ".go") + ".out"); err == nil {
				p.golden = string(g)
			}
			p.skip(action)
			progs = append(progs, p)
		}
	}
	return progs
}

// recipe returns a test file's execution recipe: the first non-empty line
// that is not a build constraint, without its comment marker (as Go's own
// test driver, cmd/internal/testdir, reads it).
func recipe(src string) string {
	for rest := src; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			continue
		}
		if a := strings.TrimSpace(strings.TrimPrefix(line, "//")); a != "" {
			return a
		}
	}
	return ""
}

// runRecipes are the recipes of the programs Go's test driver runs; only
// a plain `run` applies to a cell, the others are listed as skips.
var runRecipes = map[string]string{
	"run":         "",
	"runoutput":   "`// runoutput`: the program writes the program that is tested",
	"rundir":      "multi-file test (`.dir`)",
	"runindir":    "multi-file test (`.dir`)",
	"buildrun":    "`// buildrun`: built with flags",
	"buildrundir": "multi-file test (`.dir`)",
}

func isRunRecipe(action string) bool {
	f := strings.Fields(action)
	if len(f) == 0 {
		return false
	}
	_, ok := runRecipes[f[0]]
	return ok
}

// skip sets the skip reason, if any, of a program with the given recipe.
func (p *corpusProg) skip(action string) {
	f := strings.Fields(action)
	if r := runRecipes[f[0]]; r != "" {
		p.class, p.reason = classSkip, r
		return
	}
	if len(f) > 1 {
		p.class, p.reason = classSkip, fmt.Sprintf("`// %s`: run with flags or arguments", action)
		return
	}
	header, _, _ := strings.Cut(string(p.src), "\npackage")
	if why := excludedBy(header); why != "" {
		p.class, p.reason = classSkip, fmt.Sprintf("build constraint excludes linux/amd64: `%s`", why)
		return
	}
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, p.file, p.src, parser.ImportsOnly)
	if err != nil {
		p.class, p.reason = classSkip, "does not parse: "+firstLine(err.Error())
		return
	}
	if af.Name.Name != "main" {
		p.class, p.reason = classSkip, "not package main"
		return
	}
	for _, imp := range af.Imports {
		switch path, _ := strconv.Unquote(imp.Path.Value); {
		case path == "C":
			p.class, p.reason = classSkip, "cgo"
			return
		case path == "os/exec":
			p.class, p.reason = classSkip, "starts other programs (os/exec), such as the go command"
			return
		case strings.HasPrefix(path, "internal/") || strings.Contains(path, "/internal/"):
			p.class, p.reason = classSkip, fmt.Sprintf("imports %s, internal to the standard library", path)
			return
		}
	}
}

// excludedBy returns the build constraint line of header that excludes
// linux/amd64 with the gc toolchain, or "".
func excludedBy(header string) string {
	for _, line := range strings.Split(header, "\n") {
		expr, err := constraint.Parse(line)
		if err != nil {
			continue
		}
		ok := expr.Eval(func(tag string) bool {
			switch {
			case tag == "linux", tag == "amd64", tag == "unix", tag == "gc", tag == "test_run":
				return true
			case tag == "cgo":
				return false
			case slices.Contains(build.Default.ReleaseTags, tag), slices.Contains(build.Default.ToolTags, tag):
				return true
			}
			return false
		})
		if !ok {
			return line
		}
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// corpusCache is where compiled results are kept between runs, by the
// program's content hash and the toolchain's version.
func corpusCache(t *testing.T) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	dir = filepath.Join(dir, "goconc-corpus", runtime.Version())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// selfExe is this test binary, which the children run.
func selfExe(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// compiled returns the compiled programs' results, building and running
// those not in the cache: one go build for all of them (in parallel,
// -p jobs), then each binary in a child process with the timeout and the
// memory limit.
func compiled(t *testing.T, progs []*corpusProg) map[string]*runResult {
	cache := corpusCache(t)
	results := map[string]*runResult{}
	var todo []*corpusProg
	for _, p := range progs {
		if b, err := os.ReadFile(filepath.Join(cache, p.key+".json")); err == nil {
			var r runResult
			if json.Unmarshal(b, &r) == nil {
				results[p.key] = &r
				continue
			}
		}
		todo = append(todo, p)
	}
	if len(todo) == 0 {
		return results
	}
	work := t.TempDir()
	bin := filepath.Join(work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte("module corpus\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, p := range todo {
		dir := filepath.Join(work, "p"+p.key)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		// The file keeps its name: programs check the file names in their
		// own stack traces (runtime.Caller).
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p.path)), p.src, 0o644); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, "./p"+p.key)
	}
	start := time.Now()
	buildErrs := map[string]string{}
	for i := 0; i < len(pkgs); i += 200 {
		chunk := pkgs[i:min(i+200, len(pkgs))]
		args := append([]string{"build", "-p", strconv.Itoa(*corpusJobs), "-ldflags=-s -w", "-o", bin + string(filepath.Separator)}, chunk...)
		cmd := exec.Command(goTool(), args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off", "CGO_ENABLED=0")
		out, _ := cmd.CombinedOutput()
		// Errors name the package's file: p<key>/name.go:L:C: message.
		for _, l := range strings.Split(string(out), "\n") {
			if m := buildErrLine.FindStringSubmatch(l); m != nil && buildErrs[m[1]] == "" {
				buildErrs[m[1]] = m[2]
			}
		}
	}
	fmt.Fprintf(os.Stderr, "corpus: built %d programs in %v\n", len(todo), time.Since(start).Round(time.Second))
	exe := selfExe(t)
	parallel(todo, func(p *corpusProg) {
		b := filepath.Join(bin, "p"+p.key)
		var r *runResult
		if _, err := os.Stat(b); err != nil {
			msg := buildErrs[p.key]
			if msg == "" {
				msg = "no binary"
			}
			r = &runResult{Status: -1, Note: "build: " + msg}
		} else {
			r = runCompiled(t, exe, b)
		}
		os.Remove(b)
		if j, err := json.Marshal(r); err == nil && !strings.HasPrefix(r.Note, "timeout") {
			os.WriteFile(filepath.Join(cache, p.key+".json"), j, 0o644)
		}
		mu.Lock()
		results[p.key] = r
		mu.Unlock()
	})
	return results
}

var (
	buildErrLine = regexp.MustCompile(`p([0-9a-f]{20})/[^/:]+\.go:\d+(?::\d+)?: (.*)`)
	mu           sync.Mutex // guards the maps filled by parallel workers
)

// parallel calls f for each program, *corpusJobs at a time.
func parallel(progs []*corpusProg, f func(*corpusProg)) {
	jobs := max(*corpusJobs, 1)
	ch := make(chan *corpusProg)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for p := range ch {
				f(p)
			}
		})
	}
	for _, p := range progs {
		ch <- p
	}
	close(ch)
	wg.Wait()
}

// runCompiled runs a compiled program in an empty directory under the
// limits.
func runCompiled(t *testing.T, exe, bin string) *runResult {
	cmd := exec.Command(exe)
	cmd.Env = append(childEnv(os.Environ()), childExecEnv+"="+bin, fmt.Sprintf("%s=%d", childMemEnv, *corpusMem))
	var out, errOut limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	status, note := runLimited(t, cmd, *corpusTimeout)
	return &runResult{Stdout: out.String(), Stderr: errOut.String(), Status: status, Note: note}
}

// runLimited runs cmd in its own process group and an empty working
// directory, killing the group at the timeout. It returns the exit status
// (-1 when killed) and, when it did not exit normally, why.
func runLimited(t *testing.T, cmd *exec.Cmd, timeout time.Duration) (int, string) {
	dir, err := os.MkdirTemp("", "goconc-corpus-run-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return -1, "start: " + err.Error()
	}
	var timedOut atomic.Bool
	timer := time.AfterFunc(timeout, func() {
		timedOut.Store(true)
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	})
	err = cmd.Wait()
	timer.Stop()
	// Whatever the program left behind in its group goes too.
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if timedOut.Load() {
		return -1, fmt.Sprintf("timeout: killed after %v", timeout)
	}
	if err == nil {
		return 0, ""
	}
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return -1, "killed by " + ws.Signal().String()
		}
		return ee.ExitCode(), ""
	}
	return -1, err.Error()
}

// limitedBuffer keeps the first 1 MiB written to it.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := 1<<20 - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// interpreted runs p through the engine in a child process and classifies
// the result against the compiled one.
func interpreted(t *testing.T, exe string, p *corpusProg, want *runResult, timeout time.Duration) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(childEnv(os.Environ()), childInterpEnv+"="+p.file,
		childTimeoutEnv+"="+timeout.String(), fmt.Sprintf("%s=%d", childMemEnv, *corpusMem))
	cmd.ExtraFiles = []*os.File{w}
	var out, errOut limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	var result bytes.Buffer
	read := make(chan struct{})
	go func() {
		result.ReadFrom(r)
		close(read)
	}()
	// The child interrupts the program at the timeout itself; killing it
	// is for an interpreter that does not stop.
	status, note := runLimited(t, cmd, timeout+20*time.Second)
	w.Close()
	<-read
	r.Close()
	var res childResult
	if err := json.Unmarshal(result.Bytes(), &res); err != nil {
		p.class = classCrash
		switch {
		case strings.HasPrefix(note, "timeout"):
			p.reason = "the interpreter hung and was killed (" + note + ")"
		default:
			why := note
			if why == "" {
				why = fmt.Sprintf("exit status %d", status)
			}
			p.reason = "the interpreter's process died (" + why + "): " + crashLine(errOut.String())
		}
		return
	}
	p.class, p.reason = classify(want, &res, timeout)
}

// crashLine picks the line of a dead process's stderr that says why. The
// engine captures file descriptor 2, so a fatal error's first lines may
// be lost with the process; its goroutine dump still arrives (the child
// sets a crash output) and tells a stack overflow.
func crashLine(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "runtime: ") {
			return clip(l)
		}
	}
	if strings.Contains(stderr, "runtime.newstack()") && strings.Contains(stderr, "runtime.morestack()") {
		return "fatal error: stack overflow"
	}
	if l := firstLine(stderr); l != "" {
		return clip(l)
	}
	return "no message"
}

// interpreterErrors are the engine's error names that reject valid Go
// without running it.
var interpreterErrors = map[string]bool{
	"CompileError": true, "SyntaxError": true, "ImportError": true, "InterpreterError": true, "Error": true,
}

// outcome is what a run shows a user, normalised for comparison.
type outcome struct {
	stdout, stderr string
	status         int
}

// classify compares the interpreted run with the compiled one.
func classify(want *runResult, got *childResult, timeout time.Duration) (class, reason string) {
	switch {
	case got.Hung || got.ErrName == "Interrupt":
		return classCrash, fmt.Sprintf("hung: did not end within %v", timeout)
	case got.ErrName == "Unsupported":
		return classRefused, clip(got.ErrMsg)
	case interpreterErrors[got.ErrName]:
		return classError, clip(got.ErrName + ": " + got.ErrMsg)
	}
	w := normCompiled(want)
	g := normEngine(got)
	if w == g {
		return classMatch, ""
	}
	if (got.ErrName == "Panic" || got.ErrName == "GoroutinePanic") && strings.HasPrefix(got.ErrMsg, "reflect") {
		// A reflect panic is the interpreter's own machinery failing (a
		// value in a slot of the wrong kind), not the program's panic.
		return classError, clip("interpreter failure at run time: " + got.ErrMsg)
	}
	if got.ErrName == "fatal error" {
		// The engine stopped a program Go runs to its end: under the
		// interpreter it deadlocked or died, visibly.
		return classCrash, clip("the engine ended it with fatal error: " + got.ErrMsg + " (" + difference(w, g) + ")")
	}
	return classWrong, difference(w, g)
}

var heapAddr = regexp.MustCompile(`0xc[0-9a-f]{9}`)

// normAddrs replaces heap addresses, which differ from run to run.
func normAddrs(s string) string { return heapAddr.ReplaceAllString(s, "0xc.........") }

// normCompiled keeps of a compiled program's fatal panic only its message:
// the goroutine traces and the signal line are dropped, and of nested
// panics the last one is kept, without its "[recovered]" marks.
func normCompiled(r *runResult) outcome {
	o := outcome{stdout: normAddrs(r.Stdout), stderr: r.Stderr, status: r.Status}
	if r.Status == 2 {
		i := strings.Index(o.stderr, "panic: ")
		if i > 0 && o.stderr[i-1] != '\n' {
			i = -1
		}
		if i >= 0 {
			block, _, _ := strings.Cut(o.stderr[i:], "\n\ngoroutine ")
			msg := ""
			for _, l := range strings.Split(block, "\n") {
				l = strings.TrimPrefix(l, "\t")
				if m, ok := strings.CutPrefix(l, "panic: "); ok {
					msg = m
				} else if !strings.HasPrefix(l, "[signal ") && msg != "" && l != "" {
					msg += "\n" + l // a multi-line panic value
				}
			}
			for _, suf := range []string{" [recovered, repanicked]", " [recovered]"} {
				msg = strings.TrimSuffix(msg, suf)
			}
			o.stderr = o.stderr[:i] + "panic: " + msg + "\n"
		} else if j := strings.Index(o.stderr, "fatal error: "); j >= 0 && (j == 0 || o.stderr[j-1] == '\n') {
			line, _, _ := strings.Cut(o.stderr[j:], "\n")
			o.stderr = o.stderr[:j] + line + "\n"
		}
	}
	o.stderr = normAddrs(o.stderr)
	return o
}

var exitCall = regexp.MustCompile(`^os\.Exit\((-?\d+)\)`)

// normEngine turns an interpreted run into what the process would have
// shown: a panic ends it with status 2 and "panic: value" on stderr; an
// os.Exit the engine refused is the exit it asked for.
func normEngine(r *childResult) outcome {
	o := outcome{stdout: normAddrs(r.Stdout), stderr: r.Stderr}
	switch r.ErrName {
	case "":
	case "Panic", "GoroutinePanic":
		o.stderr += "panic: " + r.ErrMsg + "\n"
		o.status = 2
	case "fatal error":
		// The engine's own fatal errors (a deadlock, concurrent map
		// writes, running out of memory) in Go's words.
		o.stderr += "fatal error: " + r.ErrMsg + "\n"
		o.status = 2
	case "ExitRefused":
		if m := exitCall.FindStringSubmatch(r.ErrMsg); m != nil {
			o.status, _ = strconv.Atoi(m[1])
		}
	default:
		o.stderr += r.ErrName + ": " + r.ErrMsg + "\n"
		o.status = 1
	}
	o.stderr = normAddrs(o.stderr)
	return o
}

// difference says in one line where two outcomes differ first.
func difference(want, got outcome) string {
	if want.status == got.status && want.stdout+want.stderr == got.stdout+got.stderr {
		return "the right output on the other stream: Go prints it to standard error (print, println), the engine to standard output"
	}
	if want.status != got.status {
		s := fmt.Sprintf("exit status %d, engine %d", want.status, got.status)
		if l := lastLine(got.stderr); got.status != 0 && l != "" {
			s += " (" + l + ")"
		} else if l := lastLine(want.stderr); want.status != 0 && l != "" {
			s += " (Go: " + l + ")"
		}
		return clip(s)
	}
	for _, s := range []struct{ name, w, g string }{{"stdout", want.stdout, got.stdout}, {"stderr", want.stderr, got.stderr}} {
		if s.w == s.g {
			continue
		}
		wl, gl := strings.Split(s.w, "\n"), strings.Split(s.g, "\n")
		for i := 0; ; i++ {
			var a, b string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			if a != b || i >= len(wl) || i >= len(gl) {
				return clip(fmt.Sprintf("%s line %d: Go %q, engine %q", s.name, i+1, a, b))
			}
		}
	}
	return "differs"
}

func lastLine(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return l[len(l)-1]
}

// clip makes a reason one line of at most 200 bytes, safe in a table.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// verifyCompiled skips the programs whose compiled run does not pass
// their own test here (it fails, or its output is not the .out file
// beside it): they need files beside them, flags, or another machine.
func verifyCompiled(p *corpusProg, r *runResult) {
	switch {
	case r.Note != "":
		p.class, p.reason = classSkip, "the compiled program does not pass its own test here: "+clip(r.Note)
	case r.Status != 0:
		p.class, p.reason = classSkip, fmt.Sprintf("the compiled program does not pass its own test here: exit status %d: %s", r.Status, crashLine(r.Stderr))
	case r.Stdout+r.Stderr != p.golden && r.Stderr+r.Stdout != p.golden:
		p.class, p.reason = classSkip, "the compiled program does not pass its own test here: its output is not its .out file"
	}
}

// runCorpus classifies every program of dirs.
func runCorpus(t *testing.T, dirs []string) []*corpusProg {
	root := corpusRoot(t)
	var match *regexp.Regexp
	if *corpusMatch != "" {
		match = regexp.MustCompile(*corpusMatch)
	}
	progs := discover(t, root, dirs, match)
	var run []*corpusProg
	for _, p := range progs {
		if p.class == "" {
			run = append(run, p)
		}
	}
	want := compiled(t, run)
	var todo []*corpusProg
	for _, p := range run {
		if verifyCompiled(p, want[p.key]); p.class == "" {
			todo = append(todo, p)
		}
	}
	exe := selfExe(t)
	start := time.Now()
	done := 0
	parallel(todo, func(p *corpusProg) {
		interpreted(t, exe, p, want[p.key], *corpusTimeout)
		mu.Lock()
		done++
		if done%50 == 0 || done == len(todo) {
			fmt.Fprintf(os.Stderr, "corpus: %d/%d interpreted (%v)\n", done, len(todo), time.Since(start).Round(time.Second))
		}
		mu.Unlock()
	})
	// A program that got worse than its baseline is run once more, with
	// three times the time: timing on a loaded machine must not fail the
	// ratchet.
	base, _ := readBaseline(baselinePath)
	for _, p := range todo {
		if b, ok := base[p.path]; ok && worse(b.class, p.class) {
			class, reason := p.class, p.reason
			interpreted(t, exe, p, want[p.key], 3**corpusTimeout)
			t.Logf("%s: %s, then on a second run %s", p.path, class, p.class)
			if !worse(b.class, p.class) {
				continue
			}
			if worse(class, p.class) {
				p.class, p.reason = class, reason
			}
		}
	}
	return progs
}

// worse reports whether going from class was to class is is a regression:
// a match that no longer matches, or a program that now gives a wrong
// result or crashes (a wrong result is worse than a crash).
func worse(was, is string) bool {
	if was == is {
		return false
	}
	switch {
	case was == classMatch:
		return true
	case is == classWrong:
		return true
	case is == classCrash:
		return was != classWrong
	}
	return false
}

func corpusDirList() []string {
	if *corpusDirs == "" {
		return corpusAllDirs
	}
	var dirs []string
	for _, d := range strings.Split(*corpusDirs, ",") {
		if d = strings.Trim(strings.TrimSpace(d), "/"); d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// TestCorpus runs Go's test programs of -corpus-dirs, fails when one got
// worse than the baseline, and with -corpus-update records the classes.
func TestCorpus(t *testing.T) {
	if !*corpusRun {
		t.Skip("runs Go's test programs: -corpus (scripts/fidelity-corpus)")
	}
	dirs := corpusDirList()
	progs := runCorpus(t, dirs)
	base, err := readBaseline(baselinePath)
	if err != nil && !*corpusUpdate {
		t.Fatalf("reading the baseline: %v", err)
	}
	counts := map[string]map[string]int{}
	var better []string
	for _, p := range progs {
		if counts[p.dir()] == nil {
			counts[p.dir()] = map[string]int{}
		}
		counts[p.dir()][p.class]++
		b, ok := base[p.path]
		switch {
		case *corpusUpdate:
		case !ok:
			if p.class == classWrong || p.class == classCrash {
				t.Errorf("%s: %s (%s); not in the baseline", p.path, p.class, p.reason)
			}
		case worse(b.class, p.class):
			t.Errorf("%s got worse: %s, baseline %s (%s)", p.path, p.class, b.class, p.reason)
		case b.class != p.class:
			better = append(better, fmt.Sprintf("%s: %s → %s", p.path, b.class, p.class))
		}
	}
	for _, d := range dirs {
		c := counts[d]
		t.Logf("%-10s match %d, refused %d, error %d, wrong %d, crash %d, skip %d", d, c[classMatch], c[classRefused], c[classError], c[classWrong], c[classCrash], c[classSkip])
	}
	if *corpusUpdate {
		if base == nil {
			base = map[string]baselineRow{}
		}
		if *corpusMatch == "" {
			// Programs gone from the directories run go from the baseline.
			for path := range base {
				if slices.Contains(dirs, dirOf(path)) {
					delete(base, path)
				}
			}
		}
		for _, p := range progs {
			base[p.path] = baselineRow{class: p.class, reason: p.reason}
		}
		if err := writeBaseline(baselinePath, base); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(corpusDocPath, []byte(corpusDoc(base)), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(better) > 0 {
		t.Logf("%d program(s) did better than the baseline:\n  %s\nRecord them: scripts/fidelity-corpus -update %s",
			len(better), strings.Join(better, "\n  "), strings.Join(dirs, " "))
	}
}

func dirOf(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[:i]
	}
	return "."
}
