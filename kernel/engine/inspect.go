package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/goconc/goconc/kernel/native"
)

// Inspect returns help for the name at cursor (a rune offset): the
// signature and doc comment of a package symbol, or the declaration of one
// of the session's own functions, types and variables. ok is false when
// there is nothing to say.
func (e *Engine) Inspect(code string, cursor int) (text string, ok bool) {
	word := wordAt(code, cursor)
	if word == "" {
		return "", false
	}
	if pkg, name, found := strings.Cut(word, "."); found {
		syms, ok := e.packages()[pkg]
		if !ok {
			syms, ok = e.cellImport(pkg, code)
		}
		if ok {
			v, ok := syms[name]
			if !ok {
				return "", false
			}
			return symbolHelp(pkg, name, v), true
		}
		return "", false
	}
	e.mu.Lock()
	d, ok := e.decls[word]
	e.mu.Unlock()
	if ok {
		return d, true
	}
	if syms, ok := e.packages()[word]; ok {
		return fmt.Sprintf("package %s (%d exported names)", word, len(syms)), true
	}
	if e.execMu.TryLock() {
		v, ok := e.in.Globals()[word]
		e.execMu.Unlock()
		if ok && v.IsValid() {
			return fmt.Sprintf("var %s %s = %v", word, v.Type(), valueString(v)), true
		}
	}
	return "", false
}

func valueString(v reflect.Value) string {
	if !v.CanInterface() {
		return v.String()
	}
	s := fmt.Sprintf("%v", v.Interface())
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// wordAt returns the identifier or "pkg.Name" selector around cursor.
func wordAt(code string, cursor int) string {
	runes := []rune(code)
	if cursor > len(runes) {
		cursor = len(runes)
	}
	if cursor < 0 {
		cursor = 0
	}
	start, end := cursor, cursor
	for start > 0 && (isIdentRune(runes[start-1]) || runes[start-1] == '.') {
		start--
	}
	for end < len(runes) && isIdentRune(runes[end]) {
		end++
	}
	// Inside a call's parentheses, help is about the function called.
	if start == end {
		depth := 0
		for i := cursor - 1; i >= 0; i-- {
			switch runes[i] {
			case ')':
				depth++
			case '(':
				if depth == 0 {
					return wordAt(code, i)
				}
				depth--
			}
		}
		return ""
	}
	return strings.Trim(string(runes[start:end]), ".")
}

// symbolHelp renders the signature and documentation of pkg.name.
func symbolHelp(pkg, name string, v reflect.Value) string {
	var b strings.Builder
	sig := signature(pkg, name, v)
	b.WriteString(sig)
	if d := docFor(v, name); d != "" {
		b.WriteString("\n\n")
		b.WriteString(d)
	}
	return b.String()
}

func signature(pkg, name string, v reflect.Value) string {
	t := v.Type()
	switch {
	case v.Kind() == reflect.Func:
		return fmt.Sprintf("func %s.%s%s", pkg, name, strings.TrimPrefix(t.String(), "func"))
	case v.Kind() == reflect.Pointer && v.IsNil():
		return fmt.Sprintf("type %s.%s %s", pkg, name, t.Elem().Kind())
	default:
		return fmt.Sprintf("%s.%s %s", pkg, name, t)
	}
}

// docFor finds the doc comment of a symbol in its package's source, located
// through the file of a function of that package (the binary records it).
func docFor(v reflect.Value, name string) string {
	dir := sourceDir(v)
	if dir == "" {
		return ""
	}
	pkg := parsedPackage(dir)
	if pkg == nil {
		return ""
	}
	for _, f := range pkg.Funcs {
		if f.Name == name {
			return strings.TrimSpace(f.Doc)
		}
	}
	for _, t := range pkg.Types {
		if t.Name == name {
			return strings.TrimSpace(t.Doc)
		}
		for _, f := range t.Funcs {
			if f.Name == name {
				return strings.TrimSpace(f.Doc)
			}
		}
	}
	for _, vs := range append(pkg.Vars, pkg.Consts...) {
		for _, n := range vs.Names {
			if n == name {
				return strings.TrimSpace(vs.Doc)
			}
		}
	}
	return ""
}

// sourceDir returns the directory of the source of v's package, if it is
// on this machine.
func sourceDir(v reflect.Value) string {
	var pc uintptr
	switch v.Kind() {
	case reflect.Func:
		pc = v.Pointer()
	default:
		t := v.Type()
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.PkgPath() == "" {
			return ""
		}
		return pkgDir(t.PkgPath())
	}
	fn := runtime.FuncForPC(pc)
	if fn == nil {
		return ""
	}
	file, _ := fn.FileLine(pc)
	if file == "" {
		return ""
	}
	if _, err := os.Stat(file); err != nil {
		return ""
	}
	return filepath.Dir(file)
}

// pkgDir finds a standard library package's source under GOROOT.
func pkgDir(importPath string) string {
	root := os.Getenv("GOROOT")
	if root == "" {
		root = runtime.GOROOT()
	}
	dir := filepath.Join(root, "src", filepath.FromSlash(importPath))
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	return ""
}

var (
	docMu    sync.Mutex // guards docCache
	docCache = map[string]*doc.Package{}
)

func parsedPackage(dir string) *doc.Package {
	docMu.Lock()
	defer docMu.Unlock()
	if p, ok := docCache[dir]; ok {
		return p
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	var p *doc.Package
	if err == nil {
		for name, astPkg := range pkgs {
			if strings.HasSuffix(name, "_test") {
				continue
			}
			p = doc.New(astPkg, "", 0)
			break
		}
	}
	docCache[dir] = p
	return p
}

// recordDecls remembers the cell's top-level declarations with their doc
// comments, for Inspect. Cells that mix statements and declarations are
// parsed piece by piece.
func (e *Engine) recordDecls(src string) {
	for _, piece := range native.DeclPieces(src) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", "package p\n"+piece, parser.ParseComments)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			var buf bytes.Buffer
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					continue
				}
				body := d.Body
				d.Body = nil
				printer.Fprint(&buf, fset, d)
				d.Body = body
				e.setDecl(d.Name.Name, buf.String())
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				printer.Fprint(&buf, fset, d)
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						e.setDecl(s.Name.Name, buf.String())
					case *ast.ValueSpec:
						for _, n := range s.Names {
							e.setDecl(n.Name, buf.String())
						}
					}
				}
			}
		}
	}
}

func (e *Engine) setDecl(name, text string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.decls[name] = text
}
