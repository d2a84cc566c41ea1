package frontend

import (
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestRewriteYaegiCorpus parses yaegi's own test programs (some 900 files
// exercising every construct the interpreter knows): Parse must not panic,
// and what it returns must still be Go syntax.
func TestRewriteYaegiCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("parses ~900 files")
	}
	// The corpus is not in the trimmed tree goconc builds
	// (kernel/third_party/yaegi): it comes from the upstream module.
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "mod", "download", "-json", "github.com/traefik/yaegi@v0.16.1").Output()
	var mod struct{ Dir string }
	if err == nil {
		err = json.Unmarshal(out, &mod)
	}
	dir := mod.Dir
	if err != nil || dir == "" {
		t.Fatalf("yaegi v0.16.1 sources not found in the module cache or proxy: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "_test", "*.go"))
	if len(files) == 0 {
		t.Fatal("no yaegi test programs in " + dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: Parse panicked: %v", filepath.Base(f), r)
				}
			}()
			c, err := Parse(src)
			var u *Unsupported
			var e *Error
			if errors.As(err, &u) || errors.As(err, &e) {
				return
			}
			if err != nil {
				t.Errorf("%s: %v", filepath.Base(f), err)
				return
			}
			checkLines(t, src, c)
			for _, code := range []string{c.Code, c.Then} {
				if code == "" {
					continue
				}
				_, err1 := parser.ParseFile(token.NewFileSet(), "x.go", "package main;"+code, parser.SkipObjectResolution)
				_, err2 := parser.ParseFile(token.NewFileSet(), "x.go", "package main; func _() {"+code+"\n}", parser.SkipObjectResolution)
				if err1 != nil && err2 != nil {
					t.Errorf("%s: rewritten code is not Go: %v", filepath.Base(f), err1)
				}
			}
		}()
	}
}
