// Package native compiles and runs "%%native" cells with the Go toolchain:
// the cell is composed with the session's earlier declarations into one
// main package, built (optionally with -race) and run as a process whose
// output streams into the cell.
package native

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// Session collects the declarations of a notebook session's cells, so that
// a native cell can use the functions and types defined before it.
type Session struct {
	imports map[string]string // import path -> local name ("" for default)
	decls   map[string]string // top-level name -> source of its declaration
	order   []string          // names in the order they were first declared
}

// NewSession returns an empty Session.
func NewSession() *Session {
	return &Session{imports: map[string]string{}, decls: map[string]string{}}
}

// Remember records the imports and top-level declarations (func, type,
// var, const) of an interpreted cell that ran. Statements are not kept:
// a native program cannot see the interpreter's values.
func (s *Session) Remember(src string) {
	fset := token.NewFileSet()
	for _, piece := range split(src) {
		text := piece.text
		if !piece.decl {
			text = defines(text)
			if text == "" {
				continue
			}
		}
		f, err := parser.ParseFile(fset, "", "package p\n"+text, parser.ParseComments)
		if err != nil {
			continue
		}
		s.collect(fset, f)
	}
}

// defines turns the top-level short variable declarations of statements
// (x := expr) into var declarations, so that a native cell can use the
// variables: the native program evaluates their initialisers again.
func defines(stmts string) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\nfunc _() {\n"+stmts+"\n}", 0)
	if err != nil {
		return ""
	}
	var out strings.Builder
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		var names, values []string
		for _, l := range as.Lhs {
			names = append(names, l.(*ast.Ident).Name)
		}
		for _, r := range as.Rhs {
			var b bytes.Buffer
			printer.Fprint(&b, fset, r)
			values = append(values, b.String())
		}
		fmt.Fprintf(&out, "var %s = %s\n", strings.Join(names, ", "), strings.Join(values, ", "))
	}
	return out.String()
}

func (s *Session) collect(fset *token.FileSet, f *ast.File) {
	for _, d := range f.Decls {
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, fset, d); err != nil {
			continue
		}
		text := buf.String()
		switch d := d.(type) {
		case *ast.FuncDecl:
			name := d.Name.Name
			if d.Recv != nil && len(d.Recv.List) == 1 {
				name = recvName(d.Recv.List[0].Type) + "." + name
			}
			s.put(name, text)
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				for _, spec := range d.Specs {
					is := spec.(*ast.ImportSpec)
					path, _ := strconv.Unquote(is.Path.Value)
					name := ""
					if is.Name != nil {
						name = is.Name.Name
					}
					s.imports[path] = name
				}
				continue
			}
			var names []string
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					names = append(names, spec.Name.Name)
				case *ast.ValueSpec:
					for _, n := range spec.Names {
						names = append(names, n.Name)
					}
				}
			}
			s.put(strings.Join(names, ","), text)
		}
	}
}

func (s *Session) put(name, text string) {
	if _, ok := s.decls[name]; !ok {
		s.order = append(s.order, name)
	}
	s.decls[name] = text
}

func recvName(x ast.Expr) string {
	switch t := x.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// Compose returns the source of a main package made of the session's
// declarations and the native cell: a cell that declares func main is used
// as is; otherwise its statements become main's body. Imports that nothing
// uses are dropped, so earlier cells' imports do not break the build.
func (s *Session) Compose(cell string) (string, error) {
	fset := token.NewFileSet()
	var cellDecls, stmts []string
	cellImports := map[string]string{}
	hasMain := false
	for _, piece := range split(cell) {
		if piece.decl {
			f, err := parser.ParseFile(fset, "", "package p\n"+piece.text, parser.ParseComments)
			if err != nil {
				return "", fmt.Errorf("native cell: %w", err)
			}
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
					for _, spec := range gd.Specs {
						is := spec.(*ast.ImportSpec)
						path, _ := strconv.Unquote(is.Path.Value)
						name := ""
						if is.Name != nil {
							name = is.Name.Name
						}
						cellImports[path] = name
					}
					continue
				}
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
					hasMain = true
				}
				var buf bytes.Buffer
				printer.Fprint(&buf, fset, d)
				cellDecls = append(cellDecls, buf.String())
			}
		} else {
			stmts = append(stmts, piece.text)
		}
	}
	if hasMain && strings.TrimSpace(strings.Join(stmts, "")) != "" {
		return "", fmt.Errorf("native cell: a cell with func main cannot also have top-level statements")
	}
	var body strings.Builder
	for _, name := range s.needed(append(append([]string(nil), cellDecls...), stmts...)) {
		if name == "main" || shadowedBy(name, cellDecls) {
			continue
		}
		body.WriteString(s.decls[name])
		body.WriteString("\n\n")
	}
	for _, d := range cellDecls {
		body.WriteString(d)
		body.WriteString("\n\n")
	}
	if !hasMain {
		body.WriteString("func main() {\n")
		for _, st := range stmts {
			body.WriteString(st)
			body.WriteString("\n")
		}
		body.WriteString("}\n")
	}
	// Every interpreted cell sees the display package without importing it.
	imports := map[string]string{"github.com/goconc/goconc/kernel/display": ""}
	for p, n := range s.imports {
		imports[p] = n
	}
	for p, n := range cellImports {
		imports[p] = n
	}
	return pruneImports(imports, body.String())
}

// needed returns, in declaration order, the session's declarations that
// the given sources use, directly or through other declarations. Leaving
// the others out keeps a native cell from failing on code it does not use
// (such as a function that calls the interpreter-only display package).
func (s *Session) needed(sources []string) []string {
	want := map[string]bool{}
	for _, src := range sources {
		for id := range identifiers(src) {
			want[id] = true
		}
	}
	included := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, name := range s.order {
			if included[name] || !declNeeded(name, want) {
				continue
			}
			included[name] = true
			changed = true
			for id := range identifiers(s.decls[name]) {
				want[id] = true
			}
		}
	}
	var out []string
	for _, name := range s.order {
		if included[name] {
			out = append(out, name)
		}
	}
	return out
}

// declNeeded reports whether a declaration key ("f", "a,b" or "T.M") names
// something in want; a method is needed with its type.
func declNeeded(key string, want map[string]bool) bool {
	for _, n := range strings.Split(key, ",") {
		if typ, _, ok := strings.Cut(n, "."); ok {
			n = typ
		}
		if want[n] {
			return true
		}
	}
	return false
}

// identifiers returns the identifiers that appear in src, a declaration or
// statements (parsed both ways).
func identifiers(src string) map[string]bool {
	ids := map[string]bool{}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, 0)
	if err != nil {
		f, err = parser.ParseFile(fset, "", "package p\nfunc _() {\n"+src+"\n}", 0)
		if err != nil {
			return ids
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			ids[id.Name] = true
		}
		return true
	})
	return ids
}

// shadowedBy reports whether the native cell redeclares name.
func shadowedBy(name string, cellDecls []string) bool {
	for _, n := range strings.Split(name, ",") {
		base := n
		if i := strings.Index(n, "."); i >= 0 {
			base = n[i+1:]
		}
		for _, d := range cellDecls {
			if declares(d, n, base) {
				return true
			}
		}
	}
	return false
}

func declares(decl, full, base string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, 0)
	if err != nil || len(f.Decls) == 0 {
		return false
	}
	switch d := f.Decls[0].(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) == 1 {
			return recvName(d.Recv.List[0].Type)+"."+d.Name.Name == full
		}
		return d.Name.Name == full
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				if spec.Name.Name == full {
					return true
				}
			case *ast.ValueSpec:
				for _, n := range spec.Names {
					if n.Name == full {
						return true
					}
				}
			}
		}
	}
	_ = base
	return false
}

// pruneImports writes the package clause and the imports body uses.
func pruneImports(imports map[string]string, body string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package main\n"+body, 0)
	if err != nil {
		return "", fmt.Errorf("native cell: %w", err)
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var paths []string
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out strings.Builder
	out.WriteString("package main\n\n")
	for _, p := range paths {
		name := imports[p]
		local := name
		if local == "" {
			local = p[strings.LastIndex(p, "/")+1:]
		}
		switch {
		case name == "_" || name == "." || (name != "" && used[local]):
			fmt.Fprintf(&out, "import %s %q\n", name, p)
		case used[local]:
			fmt.Fprintf(&out, "import %q\n", p)
		}
	}
	out.WriteString("\n")
	out.WriteString(body)
	return out.String(), nil
}
