package engine

import (
	"context"
	"strings"
	"testing"
)

// A cell that fails leaves the session as it was before it: the functions
// it redeclared are the earlier ones again, and the names only it declared
// are undefined.
func TestFailedCellLeavesSessionAsBefore(t *testing.T) {
	e := newEngine(t, Options{})
	exec := func(src string) (string, error) {
		r := newRecorder()
		_, err := e.Execute(context.Background(), src, r)
		return r.text("stdout"), err
	}
	if _, err := exec("import \"fmt\"\nfunc f() string { return \"old\" }\ntype T struct{ A int }"); err != nil {
		t.Fatal(err)
	}
	_, err := exec("func f() string { return \"new\" }\nfunc g() string { return \"g\" }\ntype T struct{ B string }\nvar xs []int\nfmt.Println(xs[3])")
	if err == nil {
		t.Fatal("the failing cell did not fail")
	}
	out, err := exec("fmt.Println(f(), T{A: 1})")
	if err != nil || out != "old {1}\n" {
		t.Errorf("after the failed cell, f and T: got %q, %v; want the earlier declarations (old {1})", out, err)
	}
	if _, err := exec("fmt.Println(g())"); err == nil || !strings.Contains(err.Error(), "undefined: g") {
		t.Errorf("g, declared only by the failed cell: got err %v, want undefined", err)
	}
	if out, err := exec("func g() string { return \"g2\" }\nfmt.Println(g())"); err != nil || out != "g2\n" {
		t.Errorf("g declared again: got %q, %v", out, err)
	}
}
