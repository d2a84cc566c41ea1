package frontend

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

func rawRun(src string) (out string, ok bool) {
	var b lockedBuffer
	i := interp.New(interp.Options{Stdout: &b, Stderr: &bytes.Buffer{}})
	i.Use(stdlib.Symbols)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	done := make(chan bool, 1)
	go func() {
		defer func() {
			if recover() != nil {
				done <- false
			}
		}()
		_, err := i.EvalWithContext(ctx, src)
		done <- err == nil
	}()
	select {
	case ok = <-done:
	case <-time.After(7 * time.Second):
	}
	return b.String(), ok
}

func TestRobust2Tmp(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("ROBUST_GLOB"))
	regress := 0
	fixed := 0
	total := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		src := string(b)
		if strings.Contains(src, "//go:build") || !strings.Contains(src, "func main()") || strings.Contains(src, "os.Exit") || strings.Contains(src, "time.Sleep") {
			continue
		}
		k := strings.LastIndex(src, "// Output:\n")
		if k < 0 {
			continue
		}
		var want strings.Builder
		for _, l := range strings.Split(src[k+len("// Output:\n"):], "\n") {
			if !strings.HasPrefix(l, "//") {
				break
			}
			want.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, "//"), " ") + "\n")
		}
		total++
		rawOut, rawOK := rawRun(src)
		rawGood := rawOK && strings.TrimSpace(rawOut) == strings.TrimSpace(want.String())
		got, err := func() (s string, err error) {
			done := make(chan struct{})
			go func() { defer close(done); s, err = runCells(t, []string{src, "main()"}) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				err = context.DeadlineExceeded
			}
			return
		}()
		good := err == nil && strings.TrimSpace(got) == strings.TrimSpace(want.String())
		if rawGood && !good {
			regress++
			if regress <= 25 {
				t.Errorf("%s: regression: err=%v\n got: %q\nwant: %q", filepath.Base(f), err, got, want.String())
			}
		}
		if !rawGood && good {
			fixed++
		}
	}
	t.Logf("%d programs: %d regressions, %d fixed", total, regress, fixed)
}
