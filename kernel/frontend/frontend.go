// Package frontend turns notebook cells into source that yaegi runs with the
// meaning Go 1.26 gives them.
//
// yaegi v0.16.1 implements an older Go: loop variables are shared between
// iterations, range over integers and functions crash, min, max and clear
// are missing, generic functions are often not inferred, the generic parts
// of the standard library cannot be imported, and a few constructs run with
// a different result (deferred calls, receive in return, var initialisers
// that refer to earlier cells, method values that bind their receiver
// late) or crash (unnamed parameters, multi-value definitions in blocks of
// the top level). Parse reads a cell with go/parser, types it
// with go/types, and rewrites it source to source so that yaegi computes
// what the Go compiler would. Every rewrite keeps the cell's line numbers:
// code is only inserted on the line it belongs to.
//
// Constructs that cannot be given their Go meaning are refused with an
// *Unsupported error that names the construct and the line and points to
// native cells (%%native), which the Go toolchain compiles. A cell is never
// run with a meaning different from Go's when the front end knows better.
//
// The files of the package follow the rewrites: split.go cuts a cell into
// imports, declarations and statements; check.go types it against the
// earlier cells of the Session; edits.go applies text edits; rewrite.go
// walks the syntax tree and calls toplevel.go (Code/Then, variables of
// earlier cells, multi-value definitions at the top level), topinit.go
// (initialisers, loops and function literal calls of the top level run
// inside functions), gostmt.go, guard.go, deferstmt.go, closures.go,
// methodvalue.go, selectstmt.go, params.go, loopvar.go, rangefunc.go,
// builtins.go, generics.go, stdlib.go, errorsfn.go, multiassign.go and format.go; rollback.go
// forgets a cell whose evaluation failed; prelude.go holds the interpreted helpers that
// rewritten cells call. docs/fidelity.md lists what the fidelity suite checks.
package frontend

import (
	"fmt"
	"go/token"
	"regexp"
	"strings"
)

// Import is one import declaration of a cell.
type Import struct {
	Name string // local name, "" for the package's default name
	Path string // import path
}

// Cell is a cell rewritten for yaegi.
//
// Line L of Code (and of Then) is line L of the cell: removed parts are
// replaced by blanks and inserted code stays on the line it belongs to, so
// that yaegi's "L:C" positions point at the cell. Columns can shift on a
// line where code was inserted before the reported position.
type Cell struct {
	// Imports lists the cell's imports, to be evaluated first, once each.
	// Packages that the prelude replaces (iter) are left out.
	Imports []Import
	// Code is the rewritten cell for one interp.Eval: its declarations,
	// and its statements when the cell has no declarations.
	Code string
	// Then, when not empty, is a second source to Eval right after Code:
	// the statements of a cell that mixes declarations and statements.
	// yaegi cannot evaluate both in one source.
	Then string
	// Result is the source text of the cell's last top-level statement if
	// it is an expression statement, else "".
	Result string
	// Declared lists the top-level names the cell declares (func, type,
	// var, const, and := at top level), in order; methods as "Type.Method".
	Declared []string
	// HasMain reports that the cell declares func main. The front end does
	// not call it; the engine appends a call. In Code the function is named
	// MainName, since yaegi runs a function named main at every later Eval
	// of the session; Parse("main()") calls it under that name.
	HasMain bool
}

// MainName is the name func main of a cell has in the rewritten code.
const MainName = "_goconcMain"

// Error is a syntax error in a cell, at cell coordinates (1-based).
type Error struct {
	Line, Col int
	Msg       string
}

// Error returns "line:col: message".
func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Unsupported reports a construct that yaegi cannot run with its Go meaning.
type Unsupported struct {
	Line      int    // cell line of the construct
	Construct string // what it is, e.g. "recover in a deferred closure inside a loop"
}

// Error names the construct and its line, and points to native cells.
func (e *Unsupported) Error() string {
	return fmt.Sprintf("%d: %s is not supported by the interpreter (it would not run as Go runs it); "+
		"put this code in a native cell (start the cell with %%%%native) to compile it with Go", e.Line, e.Construct)
}

// Parse rewrites one cell with no knowledge of earlier cells. Names that
// earlier cells declared are not typed, so fewer rewrites apply; an engine
// should use a Session.
func Parse(src string) (*Cell, error) {
	return NewSession().Parse(src)
}

// Session parses the cells of one notebook session in order. It remembers
// the imports and top-level declarations of the cells it parsed, so that
// later cells are typed against them. Types of the standard library come
// from its sources (GOROOT), imported once per process; without them fewer
// rewrites apply. The zero value is not ready; use NewSession. A Session is
// not safe for concurrent use; different sessions are.
type Session struct {
	fset    *token.FileSet      // positions of all cells parsed
	imports []Import            // imports of earlier cells, in order
	decls   map[string]*ctxDecl // top-level declarations of earlier cells, by name
	order   []string            // keys of decls in declaration order
	cells   int                 // number of cells parsed, to number helpers
	undo    *undo               // what the last Parse changed, for Rollback
	undoBuf undo                // storage of undo, reused
	failed  map[string]bool     // names only cells that failed declared
}

// NewSession returns a Session with no earlier cells.
func NewSession() *Session {
	return &Session{fset: token.NewFileSet(), decls: map[string]*ctxDecl{}}
}

// Parse rewrites src, the source of one cell. It returns a *Error for a
// syntax error and an *Unsupported for a construct the interpreter cannot
// run as Go would. A cell that parses is remembered as context for later
// cells, whether or not its evaluation succeeds.
func (s *Session) Parse(src string) (*Cell, error) {
	sp, err := splitCell(s.fset, src)
	if err != nil {
		return nil, err
	}
	if err := duplicateImport(sp); err != nil {
		return nil, err
	}
	s.cells++
	tc := s.check(sp)
	if err := s.checkFailed(sp, tc); err != nil {
		return nil, err
	}
	rw := newRewriter(sp, tc, s.cells)
	cell, err := rw.run()
	if err != nil {
		return nil, err
	}
	s.remember(sp)
	return cell, nil
}

// blank returns s with every byte but newlines replaced by a space, so that
// removing code keeps the lines and columns of what follows.
func blank(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

var panicTrace = regexp.MustCompile(`^(\S+:)?\d+:\d+: panic: .*\(\.\.\.\)\s*$`)

// IsPanicTrace reports whether line, from the interpreter's standard error,
// is one of the "L:C: panic: f(...)" lines yaegi prints for every
// interpreted function a panic passes through, even when the panic is
// recovered further up. Go prints nothing for a recovered panic, and an
// unrecovered one reaches the engine as an error: drop these lines.
func IsPanicTrace(line string) bool { return panicTrace.MatchString(line) }

// CheckSyntax reports whether src parses as a cell: imports, declarations
// and statements in any order and mix, after an optional package clause.
// It returns nil or the first syntax error as a *Error, at cell
// coordinates. It neither types nor rewrites the cell and remembers
// nothing: a client's is_complete_request asks it about unfinished input.
func CheckSyntax(src string) error {
	_, err := splitCell(token.NewFileSet(), src)
	return err
}
