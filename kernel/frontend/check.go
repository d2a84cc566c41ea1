package frontend

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"strings"
	"sync"
)

// Rewrites need types: whether `range x` ranges over an int or a function,
// which type arguments a generic call infers, whether an argument is an
// untyped constant. check types the cell with go/types in a package made of
// the declarations of earlier cells (function bodies dropped) and the cell,
// whose top-level `x := e` become package variables and whose other
// statements go into one function. Type errors are ignored: yaegi reports
// them when the cell runs; what could be typed is used, and rewrites that
// need a missing type do not apply.

// ctxDecl is a top-level declaration remembered from an earlier cell.
type ctxDecl struct {
	names []string
	decl  ast.Decl
	src   string // the declaration's text, for func and type declarations (see Rollback)
}

// typed is the result of type-checking a cell.
type typed struct {
	info  *types.Info
	pkg   *types.Package
	names map[string]string // import path -> local name in the cell
}

var (
	importerMu  sync.Mutex // guards stdImporter and imported
	stdImporter types.Importer
	imported    = map[string]*types.Package{} // the source importer looks packages up each time
)

// SetModuleDir makes the type checker resolve the imports of cells that
// are not in the standard library (the course's helper packages) in the
// module at dir, rather than in the module of the working directory, so
// that a kernel started anywhere types cells that import the helpers. Call
// it before the first cell is parsed; an empty dir changes nothing. The
// source importer reads go/build's default context, whose Dir this sets.
func SetModuleDir(dir string) {
	if dir == "" {
		return
	}
	importerMu.Lock()
	defer importerMu.Unlock()
	build.Default.Dir = dir
}

// lockedImporter shares one source importer (and its package cache)
// between all sessions.
type lockedImporter struct{}

func (lockedImporter) Import(path string) (*types.Package, error) {
	importerMu.Lock()
	defer importerMu.Unlock()
	if p := imported[path]; p != nil {
		return p, nil
	}
	if stdImporter == nil {
		// Type-check the pure-Go variants of packages with cgo (net,
		// os/user): their API is the same, and processing cgo files runs
		// the cgo tool, which is slow and leaves object files in the
		// temporary directory at every kernel start.
		build.Default.CgoEnabled = false
		stdImporter = importer.ForCompiler(token.NewFileSet(), "source", nil)
	}
	p, err := stdImporter.Import(path)
	if err == nil {
		imported[path] = p
	}
	return p, err
}

// check types the cell sp in the context of the session's earlier cells.
func (s *Session) check(sp *split) (tc *typed) {
	tc = &typed{names: map[string]string{}}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Implicits:  map[ast.Node]types.Object{},
	}
	tc.info = info

	// Names the cell declares hide earlier declarations of the same name.
	mine := map[string]bool{}
	for _, t := range sp.top {
		for _, n := range declaredNames(t) {
			mine[n] = true
		}
	}
	cellImports := map[string]bool{} // local names imported by the cell
	var cellSpecs []ast.Spec
	for _, im := range sp.imports {
		for _, spec := range im.specs {
			cellSpecs = append(cellSpecs, spec)
			cellImports[localName(importOf(spec))] = true
		}
	}
	var ctxSpecs []ast.Spec
	for _, im := range s.imports {
		spec := importSpec(im)
		ctxSpecs = append(ctxSpecs, spec)
		if !cellImports[localName(im)] {
			cellSpecs = append(cellSpecs, importSpec(im))
		}
	}

	ctx := &ast.File{Name: ast.NewIdent("main")}
	if len(ctxSpecs) > 0 {
		ctx.Decls = append(ctx.Decls, &ast.GenDecl{Tok: token.IMPORT, Specs: ctxSpecs})
	}
	seen := map[*ctxDecl]bool{}
	for _, name := range s.order {
		d := s.decls[name]
		if d == nil || seen[d] {
			continue
		}
		seen[d] = true
		hidden := false
		for _, n := range d.names {
			if mine[n] {
				hidden = true
			}
		}
		if !hidden {
			ctx.Decls = append(ctx.Decls, withoutBody(d.decl))
		}
	}

	cell := &ast.File{Name: ast.NewIdent("main")}
	if len(cellSpecs) > 0 {
		cell.Decls = append(cell.Decls, &ast.GenDecl{Tok: token.IMPORT, Specs: cellSpecs})
	}
	body := &ast.BlockStmt{}
	for _, t := range sp.top {
		if t.decl != nil {
			cell.Decls = append(cell.Decls, t.decl)
			continue
		}
		if d := defineAsVar(t.stmt); d != nil {
			cell.Decls = append(cell.Decls, d)
			continue
		}
		body.List = append(body.List, t.stmt)
	}
	cell.Decls = append(cell.Decls, &ast.FuncDecl{
		Name: ast.NewIdent("_goconcTop"),
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: body,
	})

	conf := types.Config{
		Importer:  lockedImporter{},
		Error:     func(error) {},
		GoVersion: "go1.26",
	}
	defer func() {
		if recover() != nil { // go/types on a synthetic file: never fail the cell
			tc.info = nil
		}
	}()
	tc.pkg, _ = conf.Check("main", sp.fset, []*ast.File{ctx, cell}, info)

	// Local names of imported packages, for printing types in the cell.
	for _, f := range []*ast.File{cell} {
		for _, im := range f.Imports {
			if pn, ok := info.Defs[im.Name].(*types.PkgName); ok && im.Name != nil {
				tc.names[pn.Imported().Path()] = pn.Name()
			} else if pn, ok := info.Implicits[im].(*types.PkgName); ok {
				tc.names[pn.Imported().Path()] = pn.Name()
			}
		}
	}
	for _, pkg := range tc.pkg.Imports() {
		if _, ok := tc.names[pkg.Path()]; !ok {
			for _, im := range append(append([]Import{}, s.imports...), cellImportList(sp)...) {
				if im.Path == pkg.Path() {
					n := im.Name
					if n == "" {
						n = pkg.Name()
					}
					tc.names[pkg.Path()] = n
				}
			}
		}
	}
	return tc
}

// cellImportList returns the imports of the cell.
func cellImportList(sp *split) []Import {
	var out []Import
	for _, im := range sp.imports {
		for _, spec := range im.specs {
			out = append(out, importOf(spec))
		}
	}
	return out
}

// localName returns the name an import binds: the last path element when
// no name is given, or the one before a major version suffix
// (math/rand/v2 binds rand), which is right for the standard library and
// the modules cells import.
func localName(im Import) string {
	if im.Name != "" {
		return im.Name
	}
	elems := strings.Split(im.Path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return elems[len(elems)-2]
	}
	return last
}

// LocalName returns the name the import binds in the cell ("_" and "."
// included).
func (im Import) LocalName() string { return localName(im) }

// duplicateImport returns Go's error for two imports of the cell that bind
// the same name, or nil. (Across cells, a later import of a name replaces
// the earlier one.)
func duplicateImport(sp *split) error {
	seen := map[string]Import{}
	for _, im := range sp.imports {
		for _, spec := range im.specs {
			imp := importOf(spec)
			n := localName(imp)
			if n == "_" || n == "." {
				continue
			}
			if prev, ok := seen[n]; ok && prev != imp {
				off := sp.off(spec.Pos())
				return &Error{Line: sp.line(spec.Pos()), Col: off - strings.LastIndexByte(sp.src[:off], '\n'),
					Msg: fmt.Sprintf("%s redeclared in this block (imports %q and %q)", n, prev.Path, imp.Path)}
			}
			seen[n] = imp
		}
	}
	return nil
}

func importSpec(im Import) *ast.ImportSpec {
	spec := &ast.ImportSpec{Path: &ast.BasicLit{Kind: token.STRING, Value: `"` + im.Path + `"`}}
	if im.Name != "" {
		spec.Name = ast.NewIdent(im.Name)
	}
	return spec
}

// withoutBody returns d with function bodies dropped (the signature is all
// later cells need; go/types reports the missing body, which is ignored).
func withoutBody(d ast.Decl) ast.Decl {
	if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
		c := *fd
		c.Body = nil
		return &c
	}
	return d
}

// defineAsVar returns `var a, b = e` for a top-level `a, b := e`, or nil.
func defineAsVar(st ast.Stmt) *ast.GenDecl {
	a, ok := st.(*ast.AssignStmt)
	if !ok || a.Tok != token.DEFINE {
		return nil
	}
	spec := &ast.ValueSpec{Values: a.Rhs}
	for _, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil
		}
		spec.Names = append(spec.Names, id)
	}
	return &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}}
}

// remember records the cell's imports and declarations for later cells.
func (s *Session) remember(sp *split) {
	u := &s.undoBuf
	*u = undo{decls: u.decls, order: len(s.order)}
	clear(u.decls)
	s.undo = u
	ims := cellImportList(sp)
	if len(ims) > 0 {
		u.imports, u.importsSet = append([]Import(nil), s.imports...), true
	}
	for _, im := range ims {
		replaced := false
		for i, old := range s.imports {
			if localName(old) == localName(im) {
				s.imports[i] = im
				replaced = true
			}
		}
		if !replaced {
			s.imports = append(s.imports, im)
		}
	}
	for _, t := range sp.top {
		names := declaredNames(t)
		if len(names) == 0 {
			continue
		}
		decl := t.decl
		if decl == nil {
			if d := defineAsVar(t.stmt); d != nil {
				decl = d
			} else if ds, ok := t.stmt.(*ast.DeclStmt); ok {
				decl = ds.Decl
			} else {
				continue
			}
		}
		cd := &ctxDecl{names: names, decl: decl}
		if t.decl != nil && redefinable(t.decl) {
			cd.src = sp.text(t.decl)
		}
		for _, n := range names {
			s.saveUndo(n)
			delete(s.failed, n)
			if old := s.decls[n]; old != nil {
				for _, on := range old.names {
					delete(s.decls, on)
				}
			}
		}
		for _, n := range names {
			s.decls[n] = cd
			s.order = append(s.order, n)
		}
	}
	if len(s.order) > 4*len(s.decls)+64 { // compact the order list
		seen := map[string]bool{}
		var order []string
		for i := len(s.order) - 1; i >= 0; i-- {
			n := s.order[i]
			if s.decls[n] != nil && !seen[n] {
				seen[n] = true
				order = append(order, n)
			}
		}
		for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
			order[i], order[j] = order[j], order[i]
		}
		s.order = order
	}
}

// Warm type-checks the standard library packages at the given import paths
// so that the first cells that use them parse quickly. It is safe to call
// concurrently with Parse; errors are ignored (a cell importing a missing
// package gets its own error).
func Warm(paths ...string) {
	for _, p := range paths {
		lockedImporter{}.Import(p)
	}
}
