package exercise

import (
	"os"
	"testing"
	"time"
)

func TestCheckFailsOnPanicAndTimeout(t *testing.T) {
	old := Timeout
	Timeout = 100 * time.Millisecond
	defer func() { Timeout = old }()
	if Check("panics", func() error { panic("boom") }, "") {
		t.Error("a panicking check passed")
	}
	if Check("hangs", func() error { select {} }, "") {
		t.Error("a hanging check passed")
	}
	rs := Results()
	if len(rs) < 2 || rs[len(rs)-1].Passed || rs[len(rs)-2].Passed {
		t.Errorf("results %+v", rs)
	}
}

func TestStrictPanics(t *testing.T) {
	os.Setenv(StrictEnv, "1")
	defer os.Unsetenv(StrictEnv)
	defer func() {
		if recover() == nil {
			t.Error("a failed check did not panic under " + StrictEnv)
		}
	}()
	Check("strict", func() error { return os.ErrNotExist }, "")
}
