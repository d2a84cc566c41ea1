package frontend

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// A cell mixes imports, declarations and statements in any order. split
// finds its top-level items with go/scanner, then parses them in one file
// in which every run of statements is wrapped in a function and imports
// are blanked (they are parsed on their own, since Go wants them first).
// The wrappers are inserted on the lines of the statements, so lines stay
// those of the cell; only columns after an insertion on the same line move,
// and posMap moves them back.

// split is a parsed cell.
type split struct {
	src     string
	fset    *token.FileSet
	file    *ast.File // parse of the cell without its imports
	pm      posMap    // from offsets in file to offsets in src
	pkg     *itemSpan // the package clause, if any
	imports []importItem
	top     []topNode // declarations and statements in source order
}

// itemSpan is a byte range [pos, end) of the cell.
type itemSpan struct{ pos, end int }

// importItem is one import declaration of the cell.
type importItem struct {
	itemSpan
	specs []*ast.ImportSpec
}

// topNode is one top-level declaration or statement.
type topNode struct {
	decl ast.Decl
	stmt ast.Stmt
}

func (t topNode) node() ast.Node {
	if t.decl != nil {
		return t.decl
	}
	return t.stmt
}

type itemKind int

const (
	itemStmt itemKind = iota
	itemDecl
	itemImport
	itemPackage
)

// posMap maps offsets of the parsed text back to the cell: the parsed text
// is the cell with insertions (offsets in the cell, lengths).
type posMap struct {
	tf   *token.File
	ins  []insertion
	base int // length of a prefix that is not in the cell
}

type insertion struct{ at, n int }

// off returns the cell offset of pos.
func (m *posMap) off(pos token.Pos) int {
	o := m.tf.Offset(pos) - m.base
	for _, in := range m.ins {
		if o < in.at {
			break
		}
		if o < in.at+in.n {
			return in.at
		}
		o -= in.n
	}
	if o < 0 {
		o = 0
	}
	return o
}

// splitCell parses src, adding its file to fset.
func splitCell(fset *token.FileSet, src string) (*split, error) {
	items, err := scanItems(src)
	if err != nil {
		return nil, err
	}
	sp := &split{src: src, fset: fset}
	var text strings.Builder
	var ins []insertion
	last := 0
	emit := func(upto int) { text.WriteString(src[last:upto]); last = upto }
	insert := func(at int, s string) {
		emit(at)
		text.WriteString(s)
		ins = append(ins, insertion{at, len(s)})
	}
	base := 0
	if len(items) == 0 || items[0].kind != itemPackage {
		text.WriteString("package main;")
		base = text.Len()
	}
	runs := 0
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch it.kind {
		case itemPackage:
			if i != 0 {
				return nil, errorAt(src, it.pos, "package clause must come first in a cell")
			}
			sp.pkg = &itemSpan{it.pos, it.end}
		case itemImport:
			emit(it.pos)
			text.WriteString(blank(src[it.pos:it.end]))
			last = it.end
			specs, err := parseImport(src, it)
			if err != nil {
				return nil, err
			}
			sp.imports = append(sp.imports, importItem{itemSpan{it.pos, it.end}, specs})
		case itemStmt:
			j := i
			for j+1 < len(items) && items[j+1].kind == itemStmt {
				j++
			}
			insert(it.pos, "func _goconcS"+strconv.Itoa(runs)+"() {")
			insert(items[j].end, "}")
			runs++
			i = j
		}
	}
	emit(len(src))
	fbase := sp.fset.Base()
	f, err := parser.ParseFile(sp.fset, "cell.go", text.String(), parser.SkipObjectResolution)
	tf := sp.fset.File(token.Pos(fbase))
	sp.pm = posMap{tf: tf, ins: ins, base: base}
	if err != nil {
		if el, ok := err.(scanner.ErrorList); ok && len(el) > 0 {
			msg := el[0].Msg
			if sp.pm.synthetic(el[0].Pos.Offset) {
				// The token found is the end of the statement wrapper.
				msg = strings.Replace(msg, "found '}'", "found end of statement", 1)
			}
			return nil, errorAt(src, sp.pm.off(tf.Pos(el[0].Pos.Offset)), msg)
		}
		return nil, &Error{Line: 1, Col: 1, Msg: err.Error()}
	}
	sp.file = f
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "_goconcS") && sp.isSynthetic(fd.Name) {
			for _, st := range fd.Body.List {
				sp.top = append(sp.top, topNode{stmt: st})
			}
			continue
		}
		sp.top = append(sp.top, topNode{decl: d})
	}
	return sp, nil
}

// isSynthetic reports whether id was inserted by split.
func (sp *split) isSynthetic(id *ast.Ident) bool {
	return sp.pm.synthetic(sp.pm.tf.Offset(id.Pos()))
}

// synthetic reports whether offset o of the parsed text was inserted.
func (m *posMap) synthetic(o int) bool {
	o -= m.base
	for _, in := range m.ins {
		if o < in.at {
			return false
		}
		if o < in.at+in.n {
			return true
		}
		o -= in.n
	}
	return false
}

// off returns the cell offset of pos.
func (sp *split) off(pos token.Pos) int {
	if pos == token.NoPos {
		return 0
	}
	return sp.pm.off(pos)
}

// line returns the cell line of pos.
func (sp *split) line(pos token.Pos) int { return lineOf(sp.src, sp.off(pos)) }

// text returns the cell source of n.
func (sp *split) text(n ast.Node) string { return sp.src[sp.off(n.Pos()):sp.off(n.End())] }

func lineOf(src string, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return 1 + strings.Count(src[:off], "\n")
}

func errorAt(src string, off int, msg string) *Error {
	if off > len(src) {
		off = len(src)
	}
	line := lineOf(src, off)
	col := off - strings.LastIndexByte(src[:off], '\n')
	return &Error{Line: line, Col: col, Msg: msg}
}

// item is one top-level item found by scanItems.
type item struct {
	kind     itemKind
	pos, end int
}

// scanItems cuts src into top-level items: the token sequences between
// semicolons (written or automatic) outside brackets.
func scanItems(src string) ([]item, error) {
	fset := token.NewFileSet()
	tf := fset.AddFile("cell.go", -1, len(src))
	var firstErr *Error
	var s scanner.Scanner
	s.Init(tf, []byte(src), func(p token.Position, msg string) {
		if firstErr == nil {
			firstErr = &Error{Line: p.Line, Col: p.Column, Msg: msg}
		}
	}, 0)
	type tok struct {
		t        token.Token
		pos, end int
	}
	var items []item
	var cur []tok
	depth := 0
	flush := func() {
		if len(cur) > 0 {
			items = append(items, item{kind: classify(cur[0].t, func(i int) token.Token {
				if i < len(cur) {
					return cur[i].t
				}
				return token.EOF
			}), pos: cur[0].pos, end: cur[len(cur)-1].end})
		}
		cur = cur[:0]
	}
	for {
		p, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := tf.Offset(p)
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.SEMICOLON:
			if depth <= 0 {
				flush()
				continue
			}
		}
		n := len(t.String())
		if lit != "" {
			n = len(lit)
		}
		cur = append(cur, tok{t: t, pos: off, end: off + n})
	}
	flush()
	if firstErr != nil {
		return nil, firstErr
	}
	return items, nil
}

// classify tells the kind of an item from its first tokens.
func classify(first token.Token, at func(int) token.Token) itemKind {
	switch first {
	case token.PACKAGE:
		return itemPackage
	case token.IMPORT:
		return itemImport
	case token.TYPE, token.CONST, token.VAR:
		return itemDecl
	case token.FUNC:
		switch at(1) {
		case token.IDENT:
			return itemDecl
		case token.LPAREN:
			// func (r T) M(...) is a method; func(...) ...{...}(...) a literal.
			d := 0
			for i := 1; ; i++ {
				switch at(i) {
				case token.LPAREN, token.LBRACK, token.LBRACE:
					d++
				case token.RPAREN, token.RBRACK, token.RBRACE:
					d--
				case token.EOF:
					return itemStmt
				}
				if d == 0 {
					if at(i+1) == token.IDENT && (at(i+2) == token.LPAREN || at(i+2) == token.LBRACK) {
						return itemDecl
					}
					return itemStmt
				}
			}
		}
	}
	return itemStmt
}

// parseImport parses one import declaration of the cell at its position.
func parseImport(src string, it item) ([]*ast.ImportSpec, error) {
	const head = "package p;"
	text := head + blank(src[:it.pos]) + src[it.pos:it.end]
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "import.go", text, parser.ImportsOnly|parser.SkipObjectResolution)
	if err != nil {
		if el, ok := err.(scanner.ErrorList); ok && len(el) > 0 {
			return nil, errorAt(src, el[0].Pos.Offset-len(head), el[0].Msg)
		}
		return nil, errorAt(src, it.pos, err.Error())
	}
	return f.Imports, nil
}

// importOf converts a parsed import spec.
func importOf(spec *ast.ImportSpec) Import {
	path, _ := strconv.Unquote(spec.Path.Value)
	name := ""
	if spec.Name != nil {
		name = spec.Name.Name
	}
	return Import{Name: name, Path: path}
}

// declaredNames returns the top-level names declared by n.
func declaredNames(n topNode) []string {
	var out []string
	add := func(id *ast.Ident) {
		if id != nil && id.Name != "_" {
			out = append(out, id.Name)
		}
	}
	switch d := n.decl.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			if r := recvTypeName(d.Recv.List[0].Type); r != "" {
				out = append(out, r+"."+d.Name.Name)
			}
			return out
		}
		add(d.Name)
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				add(s.Name)
			case *ast.ValueSpec:
				for _, id := range s.Names {
					add(id)
				}
			}
		}
	}
	if a, ok := n.stmt.(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
		for _, l := range a.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				add(id)
			}
		}
	}
	if ds, ok := n.stmt.(*ast.DeclStmt); ok {
		return declaredNames(topNode{decl: ds.Decl})
	}
	return out
}

// recvTypeName returns T for receivers T, *T, T[P], *T[P].
func recvTypeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}
