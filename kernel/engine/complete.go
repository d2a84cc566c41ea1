package engine

import (
	"go/parser"
	"go/token"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// predeclared names offered by completion besides the session's own.
var predeclared = []string{
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min",
	"new", "panic", "print", "println", "real", "recover",
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32",
	"uint64", "uintptr", "true", "false", "iota", "nil",
}

// Completion is the answer to a completion request: the candidates replace
// the text between Start and End (offsets in runes, as Jupyter counts).
type Completion struct {
	Matches    []string
	Start, End int
}

// Complete returns the names that can complete the identifier or selector
// ending at cursor (a rune offset into code): identifiers in scope, or the
// members of a package or a variable after "x.".
func (e *Engine) Complete(code string, cursor int) Completion {
	runes := []rune(code)
	if cursor < 0 || cursor > len(runes) {
		cursor = len(runes)
	}
	start := cursor
	for start > 0 && isIdentRune(runes[start-1]) {
		start--
	}
	prefix := string(runes[start:cursor])
	var candidates []string
	if start > 0 && runes[start-1] == '.' {
		qual := start - 1
		for qual > 0 && (isIdentRune(runes[qual-1]) || runes[qual-1] == '.') {
			qual--
		}
		candidates = e.members(string(runes[qual:start-1]), code)
	} else {
		candidates = e.scope()
	}
	var matches []string
	seen := map[string]bool{}
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) && !seen[c] && !strings.HasPrefix(c, "_") {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return Completion{Matches: matches, Start: start, End: cursor}
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// scope lists the identifiers visible to a cell.
func (e *Engine) scope() []string {
	names := append([]string(nil), predeclared...)
	for _, k := range []token.Token{token.BREAK, token.CASE, token.CHAN, token.CONST, token.CONTINUE,
		token.DEFAULT, token.DEFER, token.ELSE, token.FALLTHROUGH, token.FOR, token.FUNC, token.GO,
		token.GOTO, token.IF, token.IMPORT, token.INTERFACE, token.MAP, token.PACKAGE, token.RANGE,
		token.RETURN, token.SELECT, token.STRUCT, token.SWITCH, token.TYPE, token.VAR} {
		names = append(names, k.String())
	}
	if e.execMu.TryLock() { // while a cell runs, its globals are in flux
		for name := range e.in.Globals() {
			names = append(names, name)
		}
		e.execMu.Unlock()
	}
	for name := range e.packages() {
		names = append(names, name)
	}
	e.mu.Lock()
	for name := range e.decls {
		names = append(names, name)
	}
	e.mu.Unlock()
	return names
}

// packages maps the package names cells can use to their symbol tables.
func (e *Engine) packages() map[string]map[string]reflect.Value {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]map[string]reflect.Value{"display": e.exports("github.com/goconc/goconc/kernel/display")}
	for name, im := range e.imported {
		syms := e.exports(im.Path)
		if syms == nil {
			continue
		}
		if name != "_" && name != "." {
			out[name] = syms
		}
	}
	return out
}

// exports returns the symbol table of an import path.
func (e *Engine) exports(importPath string) map[string]reflect.Value {
	for _, table := range e.tables {
		for key, syms := range table {
			if path.Dir(key) == importPath {
				return syms
			}
		}
	}
	return nil
}

func (e *Engine) pkgName(importPath string) string {
	for _, table := range e.tables {
		for key := range table {
			if path.Dir(key) == importPath {
				return path.Base(key)
			}
		}
	}
	return path.Base(importPath)
}

// members lists what can follow "qual.": a package's exported names, or a
// global variable's fields and methods. The package may be one that
// earlier cells imported or one that code, the cell being written,
// imports at its top.
func (e *Engine) members(qual, code string) []string {
	syms, ok := e.packages()[qual]
	if !ok {
		syms, ok = e.cellImport(qual, code)
	}
	if ok {
		var names []string
		for name := range syms {
			if r, _ := utf8.DecodeRuneInString(name); unicode.IsUpper(r) {
				names = append(names, name)
			}
		}
		return names
	}
	if strings.Contains(qual, ".") {
		return nil
	}
	if !e.execMu.TryLock() {
		return nil
	}
	v, ok := e.in.Globals()[qual]
	e.execMu.Unlock()
	if !ok || !v.IsValid() {
		return nil
	}
	return typeMembers(v.Type())
}

// cellImport returns the symbols of the package that code's own imports
// (those before its first declaration or statement) name qual.
func (e *Engine) cellImport(qual, code string) (map[string]reflect.Value, bool) {
	src := code
	if !strings.HasPrefix(strings.TrimSpace(code), "package") {
		src = "package p;" + code
	}
	f, _ := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if f == nil {
		return nil, false
	}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		name := e.pkgName(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name != qual {
			continue
		}
		if syms := e.exports(p); syms != nil {
			return syms, true
		}
	}
	return nil, false
}

// typeMembers lists the exported fields and methods of t (and of *t).
func typeMembers(t reflect.Type) []string {
	var names []string
	pt := t
	if t.Kind() != reflect.Pointer {
		pt = reflect.PointerTo(t)
	}
	for i := 0; i < pt.NumMethod(); i++ {
		names = append(names, pt.Method(i).Name)
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				names = append(names, f.Name)
			}
		}
	}
	return names
}
