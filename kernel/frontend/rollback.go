package frontend

import (
	"go/ast"
	"go/token"
	"sort"
	"strings"
)

// A cell whose evaluation fails must leave the session as it was before
// it: yaegi has by then declared the cell's functions and types, some
// without their bodies (a later call returned zero values or panicked).
// The engine calls Rollback: the Session forgets the cell, and returns
// the earlier declarations of the functions and types the cell redeclared,
// which the engine evaluates again. Names that only the failed cell
// declared are remembered as failed: a later cell that uses them is
// refused ("undefined"), as Go would refuse it, instead of running what
// yaegi half-declared.

// undo is what one Parse changed in the Session.
type undo struct {
	imports    []Import
	importsSet bool                // imports holds the imports before the cell
	decls      map[string]*ctxDecl // previous declaration of each name, nil if none
	order      int                 // length of order before the cell
}

func (s *Session) saveUndo(name string) {
	if s.undo == nil {
		return
	}
	if s.undo.decls == nil {
		s.undo.decls = map[string]*ctxDecl{}
	}
	if _, ok := s.undo.decls[name]; !ok {
		s.undo.decls[name] = s.decls[name]
	}
}

// redefinable reports whether evaluating d again has no effect but
// declaring it (functions, methods, types, constants), unlike variables,
// whose initialisers would run again.
func redefinable(d ast.Decl) bool {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return true
	case *ast.GenDecl:
		return d.Tok == token.TYPE || d.Tok == token.CONST
	}
	return false
}

// Rollback forgets the cell of the last Parse, after its evaluation
// failed, and returns the sources of the declarations it replaced that
// are to be evaluated again (each a cell of its own, for Parse), in the
// order they were declared. It does nothing after a Parse that failed, or
// twice.
func (s *Session) Rollback() []string {
	u := s.undo
	if u == nil {
		return nil
	}
	s.undo = nil
	if u.importsSet {
		s.imports = u.imports
	}
	var again []*ctxDecl
	seen := map[*ctxDecl]bool{}
	names := make([]string, 0, len(u.decls))
	for n := range u.decls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		old := u.decls[n]
		if old == nil {
			delete(s.decls, n)
			if s.failed == nil {
				s.failed = map[string]bool{}
			}
			s.failed[n] = true
			continue
		}
		s.decls[n] = old
		if old.src != "" && !seen[old] {
			seen[old] = true
			again = append(again, old)
		}
	}
	if u.order <= len(s.order) {
		s.order = s.order[:u.order]
	}
	// In declaration order.
	pos := map[*ctxDecl]int{}
	for i, n := range s.order {
		if d := s.decls[n]; d != nil {
			if _, ok := pos[d]; !ok {
				pos[d] = i
			}
		}
	}
	sort.SliceStable(again, func(i, j int) bool { return pos[again[i]] < pos[again[j]] })
	var out []string
	for _, d := range again {
		out = append(out, d.src)
	}
	return out
}

// checkFailed refuses a cell that uses a name only failed cells declared.
func (s *Session) checkFailed(sp *split, tc *typed) error {
	if len(s.failed) == 0 || tc.info == nil {
		return nil
	}
	mine := map[string]bool{}
	for _, t := range sp.top {
		for _, n := range declaredNames(t) {
			mine[n] = true
		}
	}
	var err error
	ast.Inspect(sp.file, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || err != nil {
			return err == nil
		}
		if s.failed[id.Name] && !mine[id.Name] && tc.info.Uses[id] == nil && tc.info.Defs[id] == nil {
			off := sp.off(id.Pos())
			col := off - strings.LastIndexByte(sp.src[:off], '\n')
			err = &Error{Line: sp.line(id.Pos()), Col: col, Msg: "undefined: " + id.Name + " (the cell that declared it failed)"}
		}
		return err == nil
	})
	return err
}
