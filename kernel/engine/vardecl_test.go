package engine

import "testing"

// TestVarAfterStatementsRunsInOrder: a var declaration after statements of
// the same cell sees what those statements defined, as in Go (yaegi would
// run all declarations first and give y the zero value of x plus one).
func TestVarAfterStatementsRunsInOrder(t *testing.T) {
	e := newEngine(t, Options{})
	_, b, err := run(t, e, "x := 3\nvar y = x + 1\ny")
	if err != nil || b["text/plain"] != "4" {
		t.Errorf("got %v %v, want 4", b, err)
	}
	_, b, err = run(t, e, "type R interface{ N() int }\ntype impl struct{ n int }\nfunc (i impl) N() int { return i.n }\np := impl{7}\nvar r R = p\nr.N()")
	if err != nil || b["text/plain"] != "7" {
		t.Errorf("got %v %v, want 7", b, err)
	}
}
