package frontend

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseCell(t *testing.T) {
	tests := []struct {
		name, reason string
		src          string
		imports      []Import
		result       string
		declared     []string
		hasMain      bool
		then         bool // the cell needs a second Eval
	}{
		{
			name: "expression", reason: "the last expression statement is the cell's result",
			src: "x := 2\nx * 21", result: "x * 21", declared: []string{"x"},
		},
		{
			name: "statement last", reason: "no result when the cell ends with another statement",
			src:      "x := 1\nx++",
			declared: []string{"x"},
		},
		{
			name: "imports anywhere", reason: "imports may follow declarations; iter is provided by the prelude",
			src:     "func f() {}\nimport \"fmt\"\nimport (\n\tstr \"strings\"\n\t\"iter\"\n)\nfmt.Println(str.ToUpper(\"x\"))",
			imports: []Import{{"", "fmt"}, {"str", "strings"}},
			result:  `fmt.Println(str.ToUpper("x"))`, declared: []string{"f"}, then: true,
		},
		{
			name: "declarations", reason: "methods are declared as Type.Method",
			src:      "type T struct{}\nfunc (t *T) M() {}\nconst c = 1\nvar a, b = 1, 2\nfunc F() {}",
			declared: []string{"T", "T.M", "c", "a", "b", "F"},
		},
		{
			name: "program", reason: "a package main cell declares main",
			src:      "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n",
			imports:  []Import{{"", "fmt"}},
			declared: []string{"main"}, hasMain: true,
		},
		{
			name: "func literal statement", reason: "func(...) {...}() at the top level is a statement, not a method",
			src:    "func() { println(1) }()\nfunc (x int) int { return x }(3)",
			result: "func (x int) int { return x }(3)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("%s: %v", tt.reason, err)
			}
			if !reflect.DeepEqual(c.Imports, tt.imports) {
				t.Errorf("%s: imports %v, want %v", tt.reason, c.Imports, tt.imports)
			}
			if c.Result != tt.result {
				t.Errorf("%s: result %q, want %q", tt.reason, c.Result, tt.result)
			}
			if !reflect.DeepEqual(c.Declared, tt.declared) {
				t.Errorf("%s: declared %v, want %v", tt.reason, c.Declared, tt.declared)
			}
			if c.HasMain != tt.hasMain {
				t.Errorf("%s: HasMain %v", tt.reason, c.HasMain)
			}
			if (c.Then != "") != tt.then {
				t.Errorf("%s: Then = %q", tt.reason, c.Then)
			}
			checkLines(t, tt.src, c)
		})
	}
}

func TestParseSyntaxError(t *testing.T) {
	tests := []struct {
		name, reason string
		src          string
		line, col    int
	}{
		{"statement", "positions are the cell's, not the wrapper's", "x := 1\ny := (\n", 2, 7},
		{"first line", "the statement wrapper inserted on line 1 does not shift columns", "x := )", 1, 6},
		{"declaration", "errors in declarations", "func f() {\n\treturn 1 +\n}", 3, 1},
		{"import", "errors in imports placed after declarations", "var x = 1\nimport \"fmt", 2, 8},
		{"package late", "a package clause must come first", "x := 1\npackage main", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s: got %v, want *Error", tt.reason, err)
			}
			if e.Line != tt.line || e.Col != tt.col {
				t.Errorf("%s: error at %d:%d (%s), want %d:%d", tt.reason, e.Line, e.Col, e.Msg, tt.line, tt.col)
			}
		})
	}
}

func TestParseUnsupported(t *testing.T) {
	tests := []struct {
		name, reason string
		src          string
		line         int
		construct    string
	}{
		{"top-level defer", "Go has no top level to defer to", "x := 1\ndefer println(x)", 2, "defer at the top level"},
		{"recover in loop defer", "the closure must be created at the defer statement, which breaks recover",
			"func f() {\n\tfor i := 0; i < 2; i++ {\n\t\tdefer func() { recover(); println(i) }()\n\t}\n}", 3, "recover in a deferred closure"},
		{"goto out of range-over-func", "the body is a function", "func f(s func(func(int) bool)) {\n\tfor x := range s {\n\t\tif x > 0 { goto end }\n\t}\nend:\n}", 3, "goto out of the body"},
		{"%T of interface", "yaegi does not know interpreted dynamic type names", "import \"fmt\"\nvar e error\nfmt.Printf(\"%T\", e)", 3, "%T of an interface value"},
		{"%#v", "yaegi prints struct { ... } for the type name", "import \"fmt\"\ntype P struct{ X int }\nfmt.Printf(\"%#v\", P{})", 3, "%#v of a value of a type declared in the notebook"},
		{"nested Stringer", "fmt never calls String on interpreted elements", "import \"fmt\"\ntype L int\nfunc (l L) String() string { return \"l\" }\nfmt.Println([]L{1})", 4, "elements or fields have String or Error methods"},
		{"iter member", "only Seq, Seq2, Pull and Pull2 exist in the prelude", "import \"iter\"\nvar x = iter.Other", 2, "iter.Other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			var u *Unsupported
			if !errors.As(err, &u) {
				t.Fatalf("%s: got %v, want *Unsupported", tt.reason, err)
			}
			if u.Line != tt.line || !strings.Contains(u.Construct, tt.construct) {
				t.Errorf("%s: got line %d %q, want line %d %q", tt.reason, u.Line, u.Construct, tt.line, tt.construct)
			}
			if !strings.Contains(u.Error(), "%%native") {
				t.Errorf("message does not point to native cells: %s", u.Error())
			}
		})
	}
}

func TestPrintInterpretedErrorsInSlice(t *testing.T) {
	// fmt cannot call the Error method of an interpreted error inside a
	// slice: the cell fails when printing instead of printing other text.
	_, err := runCells(t, []string{"import \"fmt\"\ntype E struct{}\nfunc (*E) Error() string { return \"e\" }",
		"fmt.Println([]error{&E{}})"})
	if err == nil || !strings.Contains(err.Error(), "printing an interpreted value inside a slice") {
		t.Fatalf("got %v", err)
	}
}

// TestSessionCells runs notebook-like sequences of cells end to end.
func TestSessionCells(t *testing.T) {
	tests := []struct {
		name, reason string
		cells        []string
		want         string
	}{
		{
			name: "REPL state", reason: "top-level := and statements persist across cells",
			cells: []string{"import \"fmt\"", "x := 40", "x += 2", "fmt.Println(x)"},
			want:  "42\n",
		},
		{
			name: "mixed cell", reason: "a declaration can use a := of the same cell (split into Code and Then)",
			cells: []string{"import \"fmt\"\nn := 3\nfunc twice() int { return 2 * n }\nfmt.Println(twice())"},
			want:  "6\n",
		},
		{
			name: "var from earlier cell", reason: "yaegi's variable definition loop is avoided",
			cells: []string{"import \"sync\"\nvar mu sync.Mutex", "var cond = sync.NewCond(&mu)", "import \"fmt\"\nfmt.Println(cond != nil)"},
			want:  "true\n",
		},
		{
			name: "main", reason: "main runs once, when called, not at every later cell",
			cells: []string{"package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"main\") }", "main()", "x := 1\n_ = x"},
			want:  "main\n",
		},
		{
			name: "top-level goroutines", reason: "go statements at the top level keep per-iteration variables",
			cells: []string{"import (\"fmt\"; \"sync\")", "var wg sync.WaitGroup\nres := make([]int, 3)\nfor i := range 3 {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); res[i] = i * i }()\n}\nwg.Wait()\nfmt.Println(res)"},
			want:  "[0 1 4]\n",
		},
		{
			name: "method values", reason: "a method value binds its receiver when evaluated (pointer, value, promoted, interface)",
			cells: []string{"import (\"fmt\"; \"sync\")\ntype P struct{ n string }\nfunc (p *P) Show() { fmt.Print(p.n, \" \") }\ntype W struct{ n string }\nfunc (w W) Show() { fmt.Print(w.n, \" \") }\ntype E struct{ W }\ntype S interface{ Show() }",
				"p := &P{\"p1\"}\nf := p.Show\np = &P{\"p2\"}\nf()\ne := &E{W{\"e1\"}}\ng := e.Show\ne.n = \"e2\"\ng()\nvar s S = W{\"s1\"}\nh := s.Show\ns = W{\"s2\"}\nh()",
				"var fs []func()\nfor _, p := range []*P{{\"a\"}, {\"b\"}} {\n\tfs = append(fs, p.Show)\n}\nfor _, f := range fs {\n\tf()\n}\nvar wg sync.WaitGroup\nfor _, w := range []W{{\"c\"}} {\n\twg.Go(w.Show)\n}\nwg.Wait()"},
			want: "p1 e1 s1 a b c ",
		},
		{
			name: "unnamed parameters", reason: "functions with unnamed parameters run (yaegi panics on them)",
			cells: []string{"import \"fmt\"\nfunc named(int, string) { fmt.Println(\"named\") }\ntype T struct{}\nfunc (T) M(int) { fmt.Println(\"method\") }",
				"named(1, \"a\")\nT{}.M(2)\nf := func(int) { fmt.Println(\"literal\") }\nf(3)"},
			want: "named\nmethod\nliteral\n",
		},
		{
			name: "top-level multi-value define", reason: "c, d := f() in a top-level block, and comma-ok forms at the top level",
			cells: []string{"import \"fmt\"\nfunc f(i int) (int, string) { return i, \"s\" }\nvar m = map[string]int{\"a\": 1}",
				"var fs []func()\nfor i := 0; i < 2; i++ {\n\tc, d := f(i)\n\tvar x, y = f(c + 10)\n\tfs = append(fs, func() { fmt.Println(c, d, x, y) })\n}\nfor _, g := range fs {\n\tg()\n}",
				"v, ok := m[\"a\"]\nvar w, found = m[\"b\"]\nif n, ok := m[\"a\"]; ok {\n\tfmt.Println(\"if\", n)\n}\nch := make(chan int, 1)\nch <- 7\nselect {\ncase r, ok := <-ch:\n\tfmt.Println(\"recv\", r, ok)\n}\nfmt.Println(v, ok, w, found)",
				"fmt.Println(v, ok)"},
			want: "0 s 10 s\n1 s 11 s\nif 1\nrecv 7 true\n1 true 0 false\n1 true\n",
		},
		{
			name: "top-level initialisers yaegi mistypes", reason: "generic calls, iter.Pull and a slice field of a compiled struct, defined at the top level",
			cells: []string{"import (\"fmt\"; \"iter\"; \"net/http\")\nfunc Id[T any](v T) T { return v }\ntype F struct{ V float64 }",
				"q := http.Request{TransferEncoding: []string{\"chunked\", \"gzip\"}}\np := F{2.5}",
				"l := q.TransferEncoding",
				"x := l[1]\nn := len(q.TransferEncoding[0])\ny := max(p.V, 1)\nz := Id(p.V)\nvar w = Id(3)\nseq := func(yield func(int) bool) { _ = yield(1) && yield(2) }\nnext, stop := iter.Pull(iter.Seq[int](seq))\nv, ok := next()\nstop()",
				"fmt.Println(x, n, y, z, w, v, ok)"},
			want: "gzip 7 2.5 2.5 3 1 true\n",
		},
		{
			name: "top-level function literal call and range loop", reason: "func() {…}() at the top level must not run again in later cells; n, _ := f() in a top-level range loop",
			cells: []string{"import \"fmt\"\nfunc two() (int, error) { return 1, nil }",
				"func() { fmt.Println(\"once\") }()",
				"func() int { fmt.Println(\"once more\"); return 1 }()",
				"for _, w := range []int{1, 2} {\n\tn, _ := two()\n\tvar m, _ = two()\n\tif k, _ := two(); k > 0 {\n\t\tfmt.Println(w, n, m, k)\n\t}\n}",
				"fmt.Println(\"end\")"},
			want: "once\nonce more\n1 1 1 1\n2 1 1 1\nend\n",
		},
		{
			name: "global named like a loop variable", reason: "a top-level for i := … after a global i: per-iteration variables, and the global untouched",
			cells: []string{"import \"fmt\"\ni := 5",
				"var fs []func()\nfor i := 0; i < 3; i++ {\n\tfs = append(fs, func() { fmt.Print(i) })\n}\nfor i := range 2 {\n\tfs = append(fs, func() { fmt.Print(i) })\n}\nfor _, f := range fs {\n\tf()\n}\nfmt.Println(\" global\", i)"},
			want: "01201 global 5\n",
		},
		{
			name: "top-level range over a function", reason: "the loop's function literal and the range-over-func rewrite nest at the same offsets",
			cells: []string{"import (\"fmt\"; \"iter\"; \"slices\")\nfunc countTo(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := 1; i <= n; i++ { if !yield(i) { return } } } }",
				"for v := range countTo(3) {\n\tfmt.Print(v)\n}\nfor v := range slices.Values([]int{4, 5}) {\n\tfmt.Print(v)\n}\nfmt.Println()"},
			want: "12345\n",
		},
		{
			name: "globals of a multi-value definition read from a nested call", reason: "n, err := f() at the top level, read by a function called from another function (yaegi looked them up in the caller's frame: kernel/third_party/yaegi/PATCHES.md)",
			cells: []string{"import (\"fmt\"; \"strconv\")\nn, err := strconv.Atoi(\"12\")\nvar m, err2 = strconv.Atoi(\"x\")",
				"func show() { fmt.Println(n, err, m, err2 != nil) }",
				"func run() { a, b := \"local\", 3.5; show(); _, _ = a, b }\nrun()\nn, err = strconv.Atoi(\"13\")\nrun()"},
			want: "12 <nil> 0 true\n13 <nil> 0 true\n",
		},
		{
			name: "interface fields assigned together from goroutines", reason: "f.value, f.err = value, err with value of type any, in functions run by goroutines (yaegi typed the swap temporaries after the sources: kernel/third_party/yaegi/PATCHES.md)",
			cells: []string{"import (\"errors\"; \"fmt\"; \"sync\")\ntype future struct { value any; err error }\nfunc resolve(f *future, value any, err error) { f.value, f.err = value, err }",
				"var wg sync.WaitGroup\nfs := make([]*future, 20)\nfor i := range fs {\n\tfs[i] = &future{}\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tif i%2 == 0 {\n\t\t\tresolve(fs[i], i, nil)\n\t\t} else {\n\t\t\tresolve(fs[i], nil, errors.New(\"odd\"))\n\t\t}\n\t}()\n}\nwg.Wait()\nsum, failed := 0, 0\nfor _, f := range fs {\n\tif f.err != nil {\n\t\tfailed++\n\t} else {\n\t\tsum += f.value.(int)\n\t}\n}\nfmt.Println(sum, failed)"},
			want: "90 10\n",
		},
		{
			name: "values made by a notebook generic function", reason: "a global iterator from Filter[T] called, ranged over at the top level and inside a function (yaegi took such values for generic functions: kernel/third_party/yaegi/PATCHES.md)",
			cells: []string{"import (\"fmt\"; \"iter\")\nfunc Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] { return func(yield func(T) bool) { for v := range seq { if keep(v) && !yield(v) { return } } } }\nfunc count(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }",
				"evens := Filter(count(7), func(n int) bool { return n%2 == 0 })\nfor v := range evens {\n\tfmt.Print(v)\n}\nevens(func(v int) bool { fmt.Print(v); return v < 2 })\nfunc() { for v := range evens { fmt.Print(v) } }()\nbig := Filter(evens, func(n int) bool { return n > 2 })\nfor v := range big {\n\tfmt.Print(v)\n}\nfmt.Println()"},
			want: "024602024646\n",
		},
		{
			name: "min and max of named types", reason: "min and max of time.Duration and interpreted named types",
			cells: []string{"import (\"fmt\"; \"time\")\ntype C float64\nfunc f(a, b time.Duration) time.Duration { return max(a, b) }\nfunc g(a, b C) C { return min(a, b, 3) }",
				"fmt.Println(f(time.Second, time.Minute), g(5, 4), min(time.Second, 2*time.Millisecond))"},
			want: "1m0s 3 2ms\n",
		},
		{
			name: "guarded callbacks", reason: "wg.Go and time.AfterFunc callbacks run through _goconc.Guard (no tracker: plain calls)",
			cells: []string{"import (\"fmt\"; \"sync\"; \"time\")",
				"var wg sync.WaitGroup\nwg.Go(func() { fmt.Println(\"go\") })\nwg.Wait()\ndone := make(chan bool)\ntime.AfterFunc(time.Millisecond, func() { fmt.Println(\"timer\"); close(done) })\n<-done"},
			want: "go\ntimer\n",
		},
		{
			name: "statements on one line", reason: "statements joined by ; in a cell with declarations",
			cells: []string{"import \"fmt\"\ntype W struct{ n string }\nfunc (w W) Run() { fmt.Println(w.n) }\nw := W{\"w\"}\nf := w.Run; w = W{\"other\"}; f()\nfunc g(int) { fmt.Println(\"g\") }; g(3)"},
			want:  "w\ng\n",
		},
		{
			name: "top-level loop variable of an earlier cell", reason: "a top-level for i := … must not leave a global i that a later cell's per-iteration i assigns",
			cells: []string{"import (\"fmt\"; \"sync\")", "for i := 1; i <= 2; i++ {}",
				"words := []string{\"a\", \"b\", \"c\"}\nvar wg sync.WaitGroup\nwg.Add(3)\nres := make([]string, 3)\nfor i, w := range words {\n\tgo func() { defer wg.Done(); res[i] = fmt.Sprint(i, w) }()\n}\nwg.Wait()\nfmt.Println(res)"},
			want: "[0a 1b 2c]\n",
		},
		{
			name: "redefinition", reason: "a later cell can redefine a function with another signature",
			cells: []string{"import \"fmt\"\nfunc f() int { return 1 }", "func f(s string) string { return s + \"!\" }", "fmt.Println(f(\"hi\"))"},
			want:  "hi!\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runCells(t, tt.cells)
			if err != nil {
				t.Fatalf("%s: %v", tt.reason, err)
			}
			if got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.reason, got, tt.want)
			}
		})
	}
}

func TestPreludeTypeChecks(t *testing.T) {
	// The prelude is Go: it must type-check (yaegi evaluates it in every
	// runCells as well).
	c, err := Parse(Prelude())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Declared) < 50 {
		t.Errorf("prelude declares %d names", len(c.Declared))
	}
	for _, n := range c.Declared {
		if !strings.HasPrefix(n, "_goconc") {
			t.Errorf("prelude name %s does not start with _goconc", n)
		}
	}
}

func TestEmptyCells(t *testing.T) {
	cells := []string{"", "\n\n", "// only a comment\n", "import \"fmt\"\n"}
	for _, src := range cells {
		c, err := Parse(src)
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if c.Then != "" || c.Result != "" || len(c.Declared) > 0 {
			t.Errorf("%q: got then %q result %q declared %v", src, c.Then, c.Result, c.Declared)
		}
	}
	if _, err := runCells(t, cells); err != nil {
		t.Error(err)
	}
}
