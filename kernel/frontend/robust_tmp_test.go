package frontend

import (
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRobustTmp(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("ROBUST_GLOB"))
	bad := 0
	for _, f := range files {
		b, _ := os.ReadFile(f)
		src := string(b)
		if strings.Contains(src, "// +build") || strings.Contains(src, "//go:build") {
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", f, r)
				}
			}()
			c, err := Parse(src)
			var u *Unsupported
			var e *Error
			if errors.As(err, &u) || errors.As(err, &e) {
				return
			}
			if err != nil {
				t.Errorf("%s: %v", f, err)
				return
			}
			if _, perr := parser.ParseFile(token.NewFileSet(), "x.go", "package main;"+c.Code, 0); perr != nil {
				if _, perr2 := parser.ParseFile(token.NewFileSet(), "x.go", "package main; func _() {"+c.Code+"\n}", 0); perr2 != nil {
					bad++
					if bad < 15 {
						t.Errorf("%s: rewritten code does not parse: %v", f, perr)
					}
				}
			}
		}()
	}
	t.Logf("%d files, %d bad", len(files), bad)
}
