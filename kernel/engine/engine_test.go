package engine

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/display"
)

// recorder is an Output that keeps everything a cell produced.
type recorder struct {
	mu       sync.Mutex
	streams  map[string]*strings.Builder
	displays []display.Bundle
	updates  []string
	errors   []*Error
	clears   int
	input    string
}

func newRecorder() *recorder { return &recorder{streams: map[string]*strings.Builder{}} }

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.streams[name] == nil {
		r.streams[name] = &strings.Builder{}
	}
	r.streams[name].WriteString(text)
}

func (r *recorder) Display(b display.Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if update {
		r.updates = append(r.updates, id)
		return
	}
	r.displays = append(r.displays, b)
}

func (r *recorder) Clear(bool) { r.mu.Lock(); r.clears++; r.mu.Unlock() }

func (r *recorder) Error(e *Error) { r.mu.Lock(); r.errors = append(r.errors, e); r.mu.Unlock() }

func (r *recorder) Input(prompt string, password bool) (string, error) {
	if r.input == "" {
		return "", errors.New("no input")
	}
	return r.input, nil
}

func (r *recorder) text(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.streams[name]; b != nil {
		return b.String()
	}
	return ""
}

func newEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// run executes cells in order and returns the last cell's recorder,
// result and error; earlier cells must succeed.
func run(t *testing.T, e *Engine, cells ...string) (*recorder, display.Bundle, error) {
	t.Helper()
	var r *recorder
	var b display.Bundle
	var err error
	for i, c := range cells {
		r = newRecorder()
		b, err = e.Execute(context.Background(), c, r)
		if err != nil && i < len(cells)-1 {
			t.Fatalf("cell %d %q: %v", i, c, err)
		}
	}
	return r, b, err
}

// executeInterrupted runs cell and interrupts it every 50 ms until Execute
// returns, and returns its error.
func executeInterrupted(e *Engine, cell string, out Output) error {
	errc := make(chan error, 1)
	go func() {
		_, err := e.Execute(context.Background(), cell, out)
		errc <- err
	}()
	for {
		e.Interrupt()
		select {
		case err := <-errc:
			return err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func TestResultOnlyForSingleValues(t *testing.T) {
	tests := []struct {
		name, cell string
		want       string // text/plain of the result, "" for none
		reason     string
	}{
		{"define", "x := 1", "", "a statement has no value"},
		{"expression", "x + 1", "2", "an expression's value is shown"},
		{"void call", "sort.Ints(xs)", "", "yaegi returns a stale value for calls without results"},
		{"two results", `fmt.Println("a")`, "", "Println returns (int, error)"},
		{"single result", `strings.ToUpper("q")`, `"Q"`, "strings are quoted"},
		{"user func", "double(4)", "8", "an interpreted function with one result"},
		{"conversion", "float64(x)", "1", "a conversion yields one value"},
		{"builtin len", "len(xs)", "2", "value builtins"},
		{"declaration", "func g() {}", "", "declarations have no value"},
		{"display id", `display.HTML("<i>x</i>")`, "", "a display is its own output"},
		{"method of a result", `strings.NewReplacer("a", "b").Replace("abc")`, `"bbc"`, "the chain's types come from the symbol tables"},
		{"void method of a result", `strings.NewReader("abc").Reset("x")`, "", "Reset has no result"},
		{"method of an interpreted type", "bx.get()", "5", "reflect cannot see it: the method value is evaluated"},
		{"void method of an interpreted type", "bx.touch()", "", "touch has no result"},
		{"function literal called", "func() int { return 6 * 7 }()", "42", "yaegi gave the function, not its result, unless it is parenthesised"},
	}
	e := newEngine(t, Options{})
	if _, _, err := run(t, e, "import (\"fmt\"; \"sort\"; \"strings\")\nx := 1\nxs := []int{2, 1}\nfunc double(n int) int { return 2 * n }\ntype box struct{ n int }\nfunc (b box) get() int { return b.n }\nfunc (b *box) touch() { b.n++ }\nbx := box{5}"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, b, err := run(t, e, tt.cell)
			if err != nil {
				t.Fatalf("%q: %v", tt.cell, err)
			}
			got := ""
			if b != nil {
				got, _ = b["text/plain"].(string)
			}
			if got != tt.want {
				t.Errorf("%q: result %q, want %q (%s)", tt.cell, got, tt.want, tt.reason)
			}
		})
	}
}

func TestErrorsPointAtTheCellLine(t *testing.T) {
	e := newEngine(t, Options{})
	_, _, err := run(t, e, "import \"fmt\"\nx := 1\nfmt.Println(x, y)")
	var ee *Error
	if !errors.As(err, &ee) {
		t.Fatalf("got %v, want *Error", err)
	}
	if ee.Name != "CompileError" || !strings.Contains(ee.Value, "line 3") || !strings.Contains(ee.Value, "undefined: y") {
		t.Errorf("got %s: %s, want a compile error on line 3 about y", ee.Name, ee.Value)
	}
	if tb := strings.Join(ee.Traceback, "\n"); !strings.Contains(tb, "fmt.Println(x, y)") {
		t.Errorf("traceback does not quote the line:\n%s", tb)
	}
	// The session survives, as it was before the failed cell: x is not
	// declared.
	if _, _, err := run(t, e, "x = 5"); err == nil || !strings.Contains(err.Error(), "undefined: x") {
		t.Errorf("x of the failed cell: got %v, want undefined", err)
	}
	if _, b, err := run(t, e, "x := 5\nx"); err != nil || b["text/plain"] != "5" {
		t.Errorf("after the error: %v %v", b, err)
	}
}

func TestPanicsAreErrors(t *testing.T) {
	e := newEngine(t, Options{})
	tests := []struct{ cell, name, value string }{
		{`panic("boom")`, "Panic", "boom"},
		{"var m map[string]int\nm[\"a\"] = 1", "Panic", "nil map"},
		{"import \"os\"\nos.Exit(3)", "ExitRefused", "os.Exit(3)"},
		{"import \"time\"\ngo func() { panic(\"in goroutine\") }()\ntime.Sleep(200 * time.Millisecond)", "GoroutinePanic", "in goroutine"},
	}
	for _, tt := range tests {
		_, _, err := run(t, e, tt.cell)
		var ee *Error
		if !errors.As(err, &ee) || ee.Name != tt.name || !strings.Contains(ee.Value, tt.value) {
			t.Errorf("%q: got %v, want %s containing %q", tt.cell, err, tt.name, tt.value)
		}
	}
	if _, b, err := run(t, e, "1 + 1"); err != nil || b["text/plain"] != "2" {
		t.Errorf("after the panics: %v %v", b, err)
	}
}

func TestGoroutineOutputGoesToTheCellThatStartedIt(t *testing.T) {
	e := newEngine(t, Options{})
	// The goroutine uses only its closure's variables: yaegi's global frame
	// is resized by every Eval without synchronisation, so a goroutine
	// reading globals while a later cell starts is a data race inside
	// yaegi (see docs/fidelity.md), which -race would report.
	first, _, err := run(t, e, "import \"fmt\"\nrelease := make(chan bool)\ndone := make(chan bool)\nfunc(rel, d chan bool) { go func() { <-rel; fmt.Println(\"from the first cell\"); close(d) }() }(release, done)")
	if err != nil {
		t.Fatal(err)
	}
	second, _, err := run(t, e, "close(release)\n<-done\nfmt.Println(\"second\")")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(first.text("stdout"), "from the first cell") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := first.text("stdout"); got != "from the first cell\n" {
		t.Errorf("first cell's output %q", got)
	}
	if got := second.text("stdout"); got != "second\n" {
		t.Errorf("second cell's output %q", got)
	}
}

func TestInterrupt(t *testing.T) {
	tests := []struct{ name, cell, blocked string }{
		{"interpreted loop", "for {}", ""},
		{"compiled sleep", "import \"time\"\ntime.Sleep(time.Hour)", "time.Sleep"},
		{"mutex", "import \"sync\"\nvar mu sync.Mutex\nmu.Lock()\nmu.Lock()", "Lock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, Options{})
			err := executeInterrupted(e, tt.cell, newRecorder())
			var ee *Error
			if !errors.As(err, &ee) || ee.Name != "Interrupt" {
				t.Fatalf("got %v, want an Interrupt error", err)
			}
			if tt.blocked != "" && !strings.Contains(ee.Value, tt.blocked) {
				t.Errorf("error %q does not name %q as still blocked", ee.Value, tt.blocked)
			}
			if _, b, err := run(t, e, "2 * 21"); err != nil || b["text/plain"] != "42" {
				t.Errorf("after the interrupt: %v %v", b, err)
			}
		})
	}
}

func TestFloodIsCut(t *testing.T) {
	e := newEngine(t, Options{MaxOutput: 1 << 20})
	r, _, err := run(t, e, "import \"fmt\"\nfor i := 0; i < 200000; i++ { fmt.Println(\"0123456789012345678901234567890123456789\") }")
	if err != nil {
		t.Fatal(err)
	}
	out := r.text("stdout")
	if len(out) != 1<<20 {
		t.Errorf("kept %d bytes of stdout, want exactly the 1 MiB limit", len(out))
	}
	if !strings.Contains(r.text("stderr"), "output cut") {
		t.Errorf("no truncation notice on stderr: %q", r.text("stderr"))
	}
}

func TestDisplays(t *testing.T) {
	e := newEngine(t, Options{})
	r, _, err := run(t, e, "id := display.Show(display.Text(\"a\"))\ndisplay.Update(id, display.Text(\"b\"))\ndisplay.Clear(false)")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.displays) != 1 || r.displays[0]["text/plain"] != "a" || len(r.updates) != 1 || r.clears != 1 {
		t.Errorf("displays %v, updates %v, clears %d", r.displays, r.updates, r.clears)
	}
}

func TestCompleteAndInspect(t *testing.T) {
	e := newEngine(t, Options{})
	if _, _, err := run(t, e, "import \"fmt\"\n// answer is the answer.\nfunc answer() int { return 42 }\nvar total = 3"); err != nil {
		t.Fatal(err)
	}
	c := e.Complete("fmt.Pri", 7)
	if strings.Join(c.Matches, ",") != "Print,Printf,Println" || c.Start != 4 || c.End != 7 {
		t.Errorf("fmt.Pri: %+v", c)
	}
	if c := e.Complete("x := tot", 8); len(c.Matches) != 1 || c.Matches[0] != "total" {
		t.Errorf("tot: %+v", c)
	}
	text, ok := e.Inspect("fmt.Println", 6)
	if !ok || !strings.Contains(text, "func fmt.Println") || !strings.Contains(text, "standard output") {
		t.Errorf("inspect fmt.Println: %v %q", ok, text)
	}
	text, ok = e.Inspect("answer()", 7)
	if !ok || !strings.Contains(text, "answer is the answer") || !strings.Contains(text, "func answer() int") {
		t.Errorf("inspect answer: %v %q", ok, text)
	}
}

// TestCompleteCellImports: a package the cell being written imports is
// completed before any cell imported it; one it does not import is not.
func TestCompleteCellImports(t *testing.T) {
	e := newEngine(t, Options{})
	code := "import (\n\t\"fmt\"\n\tstr \"strings\"\n)\nstr.ToU"
	if c := e.Complete(code, len([]rune(code))); strings.Join(c.Matches, ",") != "ToUpper,ToUpperSpecial" {
		t.Errorf("str.ToU with strings imported as str: %+v", c)
	}
	code = "import \"fmt\"\nfmt.Pr"
	if c := e.Complete(code, len(code)); strings.Join(c.Matches, ",") != "Print,Printf,Println" {
		t.Errorf("fmt.Pr with fmt imported by the cell: %+v", c)
	}
	if c := e.Complete("os.Ex", 5); len(c.Matches) != 0 {
		t.Errorf("os.Ex with os imported nowhere: %+v", c)
	}
	if text, ok := e.Inspect(code+"intln", len(code)+5); !ok || !strings.Contains(text, "func fmt.Println") {
		t.Errorf("inspect fmt.Println with fmt imported by the cell: %v %q", ok, text)
	}
}

func TestRedeclarationReplaces(t *testing.T) {
	e := newEngine(t, Options{})
	_, b, err := run(t, e, "func f() int { return 1 }", "func f() int { return 2 }", "f()")
	if err != nil || b["text/plain"] != "2" {
		t.Errorf("got %v %v, want 2", b, err)
	}
}

func TestStdin(t *testing.T) {
	e := newEngine(t, Options{})
	r := newRecorder()
	r.input = "gopher"
	_, err := e.Execute(context.Background(), "import (\"bufio\"; \"fmt\"; \"os\")\nline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\nfmt.Print(\"hello \", line)", r)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.text("stdout"); got != "hello gopher\n" {
		t.Errorf("got %q", got)
	}
}

func TestGoroutinesMagic(t *testing.T) {
	e := newEngine(t, Options{})
	_, b, err := run(t, e, "stop := make(chan bool)\nfunc(s chan bool) { for i := 0; i < 3; i++ { go func() { <-s }() } }(stop)", "%goroutines")
	if err != nil {
		t.Fatal(err)
	}
	if got := b["text/plain"].(string); !strings.Contains(got, "3 goroutine(s)") || !strings.Contains(got, "cell 1") {
		t.Errorf("report %q", got)
	}
	_, b, err = run(t, e, "close(stop)\nimport \"time\"\ntime.Sleep(100 * time.Millisecond)", "%goroutines")
	if err != nil {
		t.Fatal(err)
	}
	if got := b["text/plain"].(string); !strings.Contains(got, "no goroutine") {
		t.Errorf("after stopping them: %q", got)
	}
}

func TestInterruptStopsGoroutinesInSelect(t *testing.T) {
	e := newEngine(t, Options{})
	r := newRecorder()
	err := executeInterrupted(e, "import \"time\"\nticks := make(chan int)\nfunc(c chan int) { go func() { for { select { case <-c: case <-time.After(time.Hour): } } }() }(ticks)\nselect {}", r)
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "Interrupt" {
		t.Fatalf("got %v, want an Interrupt error", err)
	}
	// The goroutine blocked in its select was woken and ended without
	// reporting an error.
	_, b, err := run(t, e, "%goroutines")
	deadline := time.Now().Add(5 * time.Second)
	for err == nil && !strings.Contains(b["text/plain"].(string), "no goroutine") && time.Now().Before(deadline) {
		e.Interrupt()
		time.Sleep(20 * time.Millisecond)
		_, b, err = run(t, e, "%goroutines")
	}
	if err != nil || !strings.Contains(b["text/plain"].(string), "no goroutine") {
		t.Errorf("goroutines left: %v %v", b, err)
	}
	if len(r.errors) != 0 {
		t.Errorf("the interrupted goroutine reported %v", r.errors)
	}
}

// TestStandardLibraryOfGo126 checks cells against the regenerated tables:
// APIs added after Go 1.22 run, a generic function the interpreter cannot
// run and a package cells may not import are refused with messages that
// name them.
func TestStandardLibraryOfGo126(t *testing.T) {
	e := newEngine(t, Options{})
	r, _, err := run(t, e, `import ("fmt"; "strings"; "crypto/rand"; "slices")
for l := range strings.Lines("a\nb\n") { fmt.Print(l) }
fmt.Println(slices.Collect(strings.SplitSeq("x,y", ",")), len(rand.Text()))`)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.text("stdout"); got != "a\nb\n[x y] 26\n" {
		t.Errorf("Go 1.23-1.24 APIs printed %q", got)
	}
	// Standard functions as values at the top level of a cell: compiled
	// ones, and the prelude's substitutes of generic or Go 1.21+ ones.
	r, _, err = run(t, e, `import ("cmp"; randv2 "math/rand/v2"; "sync")
lines := strings.Lines
once := sync.OnceFunc
pick := randv2.N[int]
byLen := func(a, b string) int { return cmp.Compare(len(a), len(b)) }
words := []string{"ccc", "a", "bb"}
slices.SortFunc(words, byLen)
sortInts := slices.Sort[[]int]
ns := []int{3, 1, 2}
sortInts(ns)
hello := once(func() { fmt.Println("once") })
hello(); hello()
for l := range lines("x\ny") { fmt.Print(l, ";") }
fmt.Println(words, ns, pick(3) < 3, slices.IndexFunc(ns, func(n int) bool { return n == 2 }))`)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.text("stdout"); got != "once\nx\n;y;[a bb ccc] [1 2 3] true 1\n" {
		t.Errorf("function values printed %q", got)
	}
	_, _, err = run(t, e, "import \"weak\"\nx := 1\np := weak.Make(&x)\n_ = p")
	var ee *Error
	if !errors.As(err, &ee) || ee.Name != "Unsupported" || !strings.Contains(ee.Value, "weak.Make, a generic function") {
		t.Errorf("weak.Make: %v", err)
	}
	_, _, err = run(t, e, "import \"unsafe\"\n_ = unsafe.Sizeof(0)")
	if !errors.As(err, &ee) || ee.Name != "ImportError" || !strings.Contains(ee.Value, `package "unsafe" is not available`) {
		t.Errorf("import unsafe: %v", err)
	}
}

// TestImportRebindsAName checks notebook import semantics: a later cell
// that imports another package under a name an earlier cell imported
// rebinds the name (crypto/rand, math/rand, math/rand/v2 all bind rand),
// functions declared before keep their package, and two imports binding
// one name in a cell are Go's compile error.
func TestImportRebindsAName(t *testing.T) {
	e := newEngine(t, Options{})
	cells := []struct{ src, want string }{
		{"import (\"fmt\"; \"math/rand\")\nfunc roll() int { return rand.Intn(6) + 1 }\nfmt.Println(roll() <= 6)", "true\n"},
		{"import \"crypto/rand\"\nfmt.Println(len(rand.Text()), roll() <= 6)", "26 true\n"},
		{"import \"math/rand/v2\"\nfmt.Println(rand.N(3) < 3)", "true\n"},
		{"import \"crypto/rand\"\nfmt.Println(len(rand.Text()))", "26\n"},
	}
	for i, c := range cells {
		r, _, err := run(t, e, c.src)
		if err != nil || r.text("stdout") != c.want {
			t.Errorf("cell %d: %v, printed %q, want %q", i+1, err, r.text("stdout"), c.want)
		}
	}
	_, _, err := run(t, e, "import (\"crypto/rand\"; \"math/rand\")\n_ = rand.Intn")
	var ee *Error
	if !errors.As(err, &ee) || !strings.Contains(ee.Value, "rand redeclared in this block") {
		t.Errorf("two imports binding rand in one cell: %v", err)
	}
}
