package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// rewriter walks one cell and collects the edits of every rewrite. The
// walk keeps a stack of the enclosing nodes, the enclosing function and,
// per function, the break/continue targets, so that each rewrite knows its
// context: inside a loop, inside the body of a range-over-func loop, in a
// function that defers.
type rewriter struct {
	sp    *split
	tc    *typed
	ed    editor
	cell  int // cell number, part of generated names
	n     int // counter for generated names
	err   *Unsupported
	stack []ast.Node
	fn    *funcCtx // innermost enclosing function, or the top level

	labels  map[ast.Stmt]string   // labels of labeled statements
	skip    map[ast.Node]bool     // nodes rendered by a rewrite and not walked
	typeArg map[*ast.Ident]bool   // generic idents whose type arguments are handled
	forced  map[*ast.FuncLit]bool // function literals to wrap even if called in place

	aliases   []string // type alias declarations the cell's code needs (genericAlias)
	aliasLine int      // line of the first construct that needs one

	errMethods string  // text of the error methods literal, once computed
	fmtLit     *string // text of the fmt methods literal, once computed
}

// funcCtx is a function (declaration or literal) being walked.
type funcCtx struct {
	top      bool // the top level of the cell, not a function
	outer    *funcCtx
	typ      *ast.FuncType
	defers   bool      // the body has defer statements of its own
	targets  []*target // enclosing break/continue targets, innermost last
	loops    []ast.Node
	rangeFns []*rangeFunc // enclosing range-over-func loops, innermost last
}

// target is a statement that break or continue can refer to.
type target struct {
	node  ast.Stmt // *ast.ForStmt, *ast.RangeStmt, switch or select
	label string
	loop  bool
	// contText, if set, is the text of a continue that targets this loop
	// (a loop variable rewrite copies the variables back first).
	contText func(label string) string
	rf       *rangeFunc // set when the loop is a rewritten range-over-func
}

func newRewriter(sp *split, tc *typed, cell int) *rewriter {
	return &rewriter{sp: sp, tc: tc, ed: editor{src: sp.src}, cell: cell, fn: &funcCtx{top: true},
		skip: map[ast.Node]bool{}, typeArg: map[*ast.Ident]bool{}}
}

// name returns a fresh generated name.
func (r *rewriter) name(kind string) string {
	r.n++
	return fmt.Sprintf("_goconc%s%d_%d", kind, r.cell, r.n)
}

func (r *rewriter) off(p token.Pos) int { return r.sp.off(p) }
func (r *rewriter) depth() int          { return len(r.stack) }
func (r *rewriter) text(n ast.Node) string {
	return r.sp.text(n)
}

// refuse records an unsupported construct (the first one is reported).
func (r *rewriter) refuse(at ast.Node, construct string) {
	if r.err == nil {
		r.err = &Unsupported{Line: r.sp.line(at.Pos()), Construct: construct}
	}
}

// parent returns the i-th enclosing node (0: the innermost).
func (r *rewriter) parent(i int) ast.Node {
	if len(r.stack) > i {
		return r.stack[len(r.stack)-1-i]
	}
	return nil
}

// walk visits n and its children.
func (r *rewriter) walk(n ast.Node) {
	if n == nil {
		return
	}
	ast.Inspect(n, r.inspect)
}

func (r *rewriter) inspect(n ast.Node) bool {
	if n == nil {
		top := r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
		r.leave(top)
		return false
	}
	if r.skip[n] {
		return false
	}
	r.stack = append(r.stack, n)
	if !r.enter(n) {
		r.stack = r.stack[:len(r.stack)-1]
		r.leave(n)
		return false
	}
	return true
}

// enter is called before the children of n; false means the rewrite of n
// walked (or rendered) the children itself.
func (r *rewriter) enter(n ast.Node) bool {
	var label string
	if st, ok := n.(ast.Stmt); ok {
		label = r.labels[st]
	}
	switch n := n.(type) {
	case *ast.FuncDecl:
		r.nameParams(n.Type)
		r.pushFunc(n.Type, n.Body)
	case *ast.FuncLit:
		r.nameParams(n.Type)
		r.funcLit(n)
		r.pushFunc(n.Type, n.Body)
	case *ast.LabeledStmt:
		if r.labels == nil {
			r.labels = map[ast.Stmt]string{}
		}
		r.labels[n.Stmt] = n.Label.Name
		if _, ok := n.Stmt.(*ast.RangeStmt); ok && r.isRangeFunc(n.Stmt.(*ast.RangeStmt)) {
			// The label goes with the loop: break L and continue L become returns.
			r.ed.blankOut(r.off(n.Pos()), r.off(n.Colon)+1)
		}
	case *ast.GoStmt:
		return r.goStmt(n)
	case *ast.DeferStmt:
		return r.deferStmt(n)
	case *ast.ForStmt:
		r.blockTopLoop(n)
		r.forStmt(n, label)
	case *ast.RangeStmt:
		r.blockTopLoop(n)
		return r.rangeStmt(n, label)
	case *ast.SwitchStmt, *ast.TypeSwitchStmt:
		r.fn.targets = append(r.fn.targets, &target{node: n.(ast.Stmt), label: label})
		if ts, ok := n.(*ast.TypeSwitchStmt); ok {
			r.bindTypeSwitch(ts)
		}
	case *ast.SelectStmt:
		r.fn.targets = append(r.fn.targets, &target{node: n, label: label})
		return !r.selectStmt(n)
	case *ast.BranchStmt:
		r.branch(n)
	case *ast.ReturnStmt:
		r.returnStmt(n)
	case *ast.AssignStmt:
		r.assignRecv(n)
		if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
			for i, v := range n.Rhs {
				r.embeddedTo(v, r.typeOf(n.Lhs[i]))
			}
		}
		r.multiAssign(n)
		if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
			r.shiftCount(n.Rhs[0])
		}
	case *ast.TypeAssertExpr:
		if n.Type != nil {
			r.genericAlias(n.Type)
		}
		r.typeAssert(n)
	case *ast.CaseClause:
		if _, ok := r.parent(2).(*ast.TypeSwitchStmt); ok {
			for _, e := range n.List {
				r.genericAlias(e)
			}
		}
	case *ast.TypeSpec:
		r.recursiveGeneric(n)
		r.localTypeShadow(n)
	case *ast.ValueSpec:
		if n.Type != nil && len(n.Values) == len(n.Names) {
			for _, v := range n.Values {
				r.embeddedTo(v, r.typeOf(n.Type))
			}
		}
	case *ast.BinaryExpr:
		if n.Op == token.SHL || n.Op == token.SHR {
			r.shiftCount(n.Y)
		}
		if n.Op == token.EQL || n.Op == token.NEQ {
			r.errCompare(n)
		}
	case *ast.DeclStmt:
		r.topVarDecl(n)
	case *ast.GenDecl:
		if n.Tok == token.CONST {
			r.constDecl(n)
		}
		if r.depth() == 1 {
			r.pkgVarCommaOk(n)
		}
		if n.Tok == token.VAR {
			for _, s := range n.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok && len(vs.Values) > 0 {
					r.wrapTopInit(len(vs.Names), vs.Values)
				}
			}
		}

	case *ast.ExprStmt:
		r.parenTopCall(n)
	case *ast.CallExpr:
		return r.call(n)
	case *ast.SelectorExpr:
		return r.selector(n)
	case *ast.Ident:
		r.ident(n)
	}
	return true
}

// leave is called after the children of n.
func (r *rewriter) leave(n ast.Node) {
	switch n := n.(type) {
	case *ast.FuncDecl, *ast.FuncLit:
		r.fn = r.fn.outer
	case *ast.ForStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		r.popTarget(n.(ast.Stmt))
	case *ast.RangeStmt:
		r.leaveRange(n)
		r.popTarget(n)
	}
}

func (r *rewriter) pushFunc(typ *ast.FuncType, body *ast.BlockStmt) {
	fc := &funcCtx{outer: r.fn, typ: typ}
	if body != nil {
		fc.defers = hasDefer(body)
	}
	r.fn = fc
}

func (r *rewriter) popTarget(n ast.Stmt) {
	t := r.fn.targets
	if len(t) > 0 && t[len(t)-1].node == n {
		r.fn.targets = t[:len(t)-1]
	}
	l := r.fn.loops
	if len(l) > 0 && l[len(l)-1] == n {
		r.fn.loops = l[:len(l)-1]
	}
}

// pushLoop registers a loop as a break/continue target.
func (r *rewriter) pushLoop(n ast.Stmt, label string) *target {
	t := &target{node: n, label: label, loop: true}
	r.fn.targets = append(r.fn.targets, t)
	r.fn.loops = append(r.fn.loops, n)
	return t
}

// blockTopLoop runs a top-level loop that declares variables in a
// function literal called at once (or, if it has a goto, in a block).
// yaegi makes the variables of a loop at the top level of an Eval global
// variables that outlive it, and a later cell's `i := …` in a block of its
// top level (the per-iteration copy of a loop variable) then assigns that
// global instead of declaring a new variable: closures of every iteration
// share it. Even in a block, it mistypes variables defined in the body of
// a range loop (`n, _ := two()` there: "reflect: call of
// reflect.Value.SetInt on interface Value"); in a function the loop is
// ordinary code.
func (r *rewriter) blockTopLoop(n ast.Stmt) {
	if !r.fn.top {
		return
	}
	var start ast.Node = n
	d := r.depth() - 1
	if l, ok := r.parent(1).(*ast.LabeledStmt); ok && l.Stmt == n {
		start, d = l, d-1
	}
	if d != 0 {
		return // not a top-level statement
	}
	switch n := n.(type) {
	case *ast.ForStmt:
		if a, ok := n.Init.(*ast.AssignStmt); !ok || a.Tok != token.DEFINE {
			return
		}
	case *ast.RangeStmt:
		if n.Tok != token.DEFINE {
			return
		}
	}
	// Outside the loop's own rewrites at the same offsets (range over a
	// function opens and closes a block there too).
	if hasGoto(n) {
		r.ed.open(r.off(start.Pos()), d-1, "{ ")
		r.ed.close(r.off(n.End()), d-1, " }")
		return
	}
	r.ed.open(r.off(start.Pos()), d-1, "(func() { ")
	r.ed.close(r.off(n.End()), d-1, " })()") // parenthesised: see parenTopCall
}

// hasGoto reports whether n has goto statements outside nested function
// literals.
func hasGoto(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		}
		return !found
	})
	return found
}

// hasDefer reports whether body has defer statements outside nested
// function literals.
func hasDefer(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}

// inLoop reports whether the walk is inside a loop of the current function.
func (r *rewriter) inLoop() bool { return len(r.fn.loops) > 0 }

// typeOf returns the type of e, or nil.
func (r *rewriter) typeOf(e ast.Expr) types.Type {
	if r.tc.info == nil {
		return nil
	}
	if tv, ok := r.tc.info.Types[e]; ok && tv.Type != nil {
		if b, ok := tv.Type.(*types.Basic); ok && b.Kind() == types.Invalid {
			return nil
		}
		return tv.Type
	}
	if id, ok := e.(*ast.Ident); ok {
		if o := r.objOf(id); o != nil {
			return o.Type()
		}
	}
	return nil
}

// objOf returns the object id denotes, or nil.
func (r *rewriter) objOf(id *ast.Ident) types.Object {
	if r.tc.info == nil {
		return nil
	}
	if o := r.tc.info.Uses[id]; o != nil {
		return o
	}
	return r.tc.info.Defs[id]
}

// isConst reports whether e is a constant expression (typed or untyped).
func (r *rewriter) isConst(e ast.Expr) bool {
	if r.tc.info != nil {
		if tv, ok := r.tc.info.Types[e]; ok {
			return tv.Value != nil
		}
	}
	return false
}

// isUntyped reports whether e has an untyped type (constants, nil,
// comparisons); without types, whether it looks like a literal.
func (r *rewriter) isUntyped(e ast.Expr) bool {
	if t := r.typeOf(e); t != nil {
		b, ok := t.(*types.Basic)
		return ok && b.Info()&types.IsUntyped != 0
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident:
		return e.Name == "nil" || e.Name == "true" || e.Name == "false" || e.Name == "iota"
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && e.Op != token.AND && r.isUntyped(e.X)
	case *ast.BinaryExpr:
		return r.isUntyped(e.X) && r.isUntyped(e.Y)
	}
	return false
}

// isPkg reports whether id names an imported package.
func (r *rewriter) isPkg(id *ast.Ident) (path string, ok bool) {
	if r.tc.info != nil {
		if pn, ok := r.tc.info.Uses[id].(*types.PkgName); ok {
			return pn.Imported().Path(), true
		}
		if r.tc.info.Uses[id] != nil {
			return "", false
		}
	}
	for _, im := range cellImportList(r.sp) {
		if localName(im) == id.Name {
			return im.Path, true
		}
	}
	return "", false
}

// run rewrites the cell.
func (r *rewriter) run() (*Cell, error) {
	sp := r.sp
	cell := &Cell{}
	for _, im := range sp.imports {
		for _, spec := range im.specs {
			if imp := importOf(spec); imp.Path != "iter" {
				cell.Imports = append(cell.Imports, imp)
			}
		}
	}
	var declSpans, stmtSpans []itemSpan
	var codeExtra, thenExtra []edit
	stmtSpan := func(t topNode) itemSpan {
		return itemSpan{r.off(t.node().Pos()), r.off(t.node().End())}
	}
	for i, t := range sp.top {
		cell.Declared = append(cell.Declared, declaredNames(t)...)
		if fd, ok := t.decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			cell.HasMain = true
		}
		if t.stmt != nil && i == len(sp.top)-1 {
			if es, ok := t.stmt.(*ast.ExprStmt); ok {
				cell.Result = r.text(es)
			}
		}
		if ds, ok := t.stmt.(*ast.DeferStmt); ok {
			r.refuse(ds, "defer at the top level of a cell")
		}
		r.walk(t.node())
	}
	if r.err != nil {
		return nil, r.err
	}
	// Sort the items into declarations (Code) and statements (Then).
	moved := r.varsToStatements()
	for _, t := range sp.top {
		s := stmtSpan(t)
		switch {
		case t.stmt != nil:
			stmtSpans = append(stmtSpans, s)
			if tv := r.splitDefine(t.stmt); tv != "" {
				codeExtra = append(codeExtra, edit{pos: s.pos, end: s.end, text: tv + newlines(sp.src[s.pos:s.end]), blank: true})
				declSpans = append(declSpans, itemSpan{}) // marker: there are declarations
				thenExtra = append(thenExtra, r.defineToAssign(t.stmt.(*ast.AssignStmt))...)
			}
		case moved[t.decl] != "":
			stmtSpans = append(stmtSpans, s)
			if tv := moved[t.decl]; tv != "-" {
				codeExtra = append(codeExtra, edit{pos: s.pos, end: s.end, text: tv + newlines(sp.src[s.pos:s.end]), blank: true})
				declSpans = append(declSpans, itemSpan{})
				thenExtra = append(thenExtra, r.varToAssign(t.decl.(*ast.GenDecl))...)
			}
		default:
			declSpans = append(declSpans, s)
		}
	}
	var hideAlways []itemSpan
	if sp.pkg != nil {
		hideAlways = append(hideAlways, *sp.pkg)
	}
	for _, im := range sp.imports {
		hideAlways = append(hideAlways, im.itemSpan)
	}
	realSpans := func(ss []itemSpan) []itemSpan {
		var out []itemSpan
		for _, s := range ss {
			if s.end > s.pos {
				out = append(out, s)
			}
		}
		return out
	}
	if len(r.aliases) > 0 {
		// Aliases of generic instantiations (see genericAlias), declared
		// after the cell's last declaration.
		last := -1
		for _, d := range declSpans {
			if d.end > d.pos {
				last = max(last, d.end)
			}
		}
		if last < 0 {
			return nil, &Unsupported{Line: r.aliasLine, Construct: "an instantiated generic type with several type arguments in a type switch or assertion of a cell without declarations"}
		}
		r.ed.add(edit{pos: last, end: last, text: "; " + strings.Join(r.aliases, "; "), order: orderReplace - 1})
	}
	switch {
	case len(stmtSpans) == 0:
		cell.Code = r.ed.apply(hideAlways)
	case len(declSpans) == 0:
		cell.Code = asStatements(r.apply(hideAlways, nil))
	default:
		// Statements hidden from Code take their ";" along: `a(); b()`
		// would leave a ";" where Go wants a declaration.
		cell.Code = r.apply(append(append([]itemSpan{}, hideAlways...), withSemicolons(sp.src, realSpans(stmtSpans))...), codeExtra)
		cell.Then = asStatements(r.apply(append(append([]itemSpan{}, hideAlways...), realSpans(declSpans)...), thenExtra))
	}
	return cell, nil
}

// withSemicolons extends each span over the explicit ";" that follows it
// on its line, if any.
func withSemicolons(src string, spans []itemSpan) []itemSpan {
	out := make([]itemSpan, len(spans))
	for i, s := range spans {
		e := s.end
		for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
			e++
		}
		if e < len(src) && src[e] == ';' {
			s.end = e + 1
		}
		out[i] = s
	}
	return out
}

// apply applies the edits plus extra ones.
func (r *rewriter) apply(hide []itemSpan, extra []edit) string {
	saved := r.ed.edits
	r.ed.edits = append(append([]edit{}, saved...), extra...)
	for i := range r.ed.edits {
		r.ed.edits[i].seq = i
	}
	out := r.ed.apply(hide)
	r.ed.edits = saved
	return out
}

// asStatements makes yaegi read src as statements: it reads a source whose
// first token is var, const or type as a file of declarations.
func asStatements(src string) string {
	t := strings.TrimLeft(src, " \t\r\n")
	for _, kw := range []string{"var", "const", "type"} {
		if strings.HasPrefix(t, kw) && len(t) > len(kw) && !isIdentByte(t[len(kw)]) {
			return ";" + src
		}
	}
	return src
}

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// newlines returns the newlines of s.
func newlines(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) }

// isMainFunc reports whether id names the package-level func main.
func (r *rewriter) isMainFunc(id *ast.Ident) bool {
	if o := r.objOf(id); o != nil {
		f, ok := o.(*types.Func)
		return ok && f.Parent() == r.tc.pkg.Scope()
	}
	if r.tc.info != nil && r.tc.info.Uses[id] == nil && r.tc.info.Defs[id] == nil {
		return true // main of an earlier cell, untyped
	}
	return r.tc.info == nil
}

// bindTypeSwitch names the value of a type switch that binds none: yaegi
// v0.16.1 matches no case of the notebook's types (nor []T in a generic
// function) in `switch v.(type)`, and matches them in `switch x :=
// v.(type)`.
func (r *rewriter) bindTypeSwitch(ts *ast.TypeSwitchStmt) {
	if es, ok := ts.Assign.(*ast.ExprStmt); ok {
		r.ed.open(r.off(es.Pos()), r.depth(), r.name("TS")+" := ")
	}
	r.switchIfaceCases(ts)
}

// switchIfaceCases refuses a type switch with a case of an interface type
// (with methods) that a notebook type implements only by its pointer
// methods: yaegi's type switch does not honour method sets (a value of
// the type matches the case). Type assertions (x.(I), v, ok := x.(I)) are
// rewritten instead (see ifaceAssertLit).
func (r *rewriter) switchIfaceCases(ts *ast.TypeSwitchStmt) {
	if r.tc.info == nil || r.tc.pkg == nil {
		return
	}
	for _, st := range ts.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, e := range cc.List {
			t := r.typeOf(e)
			if t == nil {
				continue
			}
			iface, ok := t.Underlying().(*types.Interface)
			if !ok || iface.NumMethods() == 0 {
				continue
			}
			if r.notebookImplements(iface) {
				r.refuse(e, "a type switch case of an interface type that a notebook type implements by pointer methods (write v, ok := x.("+
					types.TypeString(t, types.RelativeTo(r.tc.pkg))+") instead)")
				return
			}
		}
	}
}

// notebookImplements reports whether a type T of the notebook implements
// iface only through pointer methods (*T does, T does not): yaegi's type
// switch would match values of T.
func (r *rewriter) notebookImplements(iface *types.Interface) bool {
	scope := r.tc.pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if nt, ok := tn.Type().(*types.Named); ok && nt.TypeParams().Len() > 0 {
			continue
		}
		if !types.Implements(tn.Type(), iface) && types.Implements(types.NewPointer(tn.Type()), iface) {
			return true
		}
	}
	return false
}

// shiftCount makes a shift by a signed, non-constant count panic when the
// count is negative, as Go does (yaegi shifts without panicking).
func (r *rewriter) shiftCount(y ast.Expr) {
	if r.isConst(y) {
		return
	}
	t := r.typeOf(y)
	if t == nil {
		return
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 || b.Info()&types.IsUnsigned != 0 || b.Info()&types.IsUntyped != 0 {
		return
	}
	r.ed.open(r.off(y.Pos()), r.depth(), "_goconc.ShiftCount(int64(")
	r.ed.close(r.off(y.End()), r.depth(), "))")
}

// compiledMethodNames are the names of the methods through which compiled
// types commonly satisfy interfaces a notebook declares.
var compiledMethodNames = map[string]bool{
	"String": true, "Error": true, "Read": true, "Write": true, "Close": true, "Len": true,
	"Less": true, "Swap": true, "Format": true, "Unwrap": true, "Is": true, "ServeHTTP": true,
	"Lock": true, "Unlock": true, "Seek": true, "WriteString": true, "ReadByte": true,
}

// notebookOnly reports whether t is an interface declared in the notebook
// that compiled types are unlikely to implement (a method whose signature
// involves a notebook type, an unexported one, or one not named as the
// standard library's common interface methods are), and that no notebook
// type other than a struct implements.
func (r *rewriter) notebookOnly(t types.Type) bool {
	nt, ok := t.(*types.Named)
	if !ok || nt.Obj().Pkg() != r.tc.pkg {
		return false
	}
	iface, ok := nt.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	private := false
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		if !m.Exported() || r.interpretedIn(m.Type(), map[types.Type]bool{}) || !compiledMethodNames[m.Name()] {
			private = true
		}
	}
	if !private {
		return false
	}
	scope := r.tc.pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isStruct := tn.Type().Underlying().(*types.Struct); isStruct || types.IsInterface(tn.Type()) {
			continue
		}
		if types.Implements(tn.Type(), iface) || types.Implements(types.NewPointer(tn.Type()), iface) {
			return false
		}
	}
	return true
}

// errCompare rewrites a == b between two errors (neither nil) into
// _goconcErrCmp(a, b): an interpreted error that went through compiled code
// (context.Cause(ctx) of a cancel(err)) comes back in yaegi's wrapper,
// which == does not see through.
func (r *rewriter) errCompare(b *ast.BinaryExpr) {
	if r.isNil(b.X) || r.isNil(b.Y) || r.tc.info == nil {
		return
	}
	errType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	tx, ty := r.typeOf(b.X), r.typeOf(b.Y)
	if tx == nil || ty == nil || !types.IsInterface(tx) || !types.IsInterface(ty) ||
		!types.Implements(tx, errType) || !types.Implements(ty, errType) {
		return
	}
	d := r.depth()
	open := "_goconcErrCmp("
	if b.Op == token.NEQ {
		open = "!" + open
	}
	r.ed.open(r.off(b.X.Pos()), d, open)
	r.ed.replace(r.off(b.X.End()), r.off(b.Y.Pos()), ", ")
	r.ed.close(r.off(b.Y.End()), d, ")")
}

// recursiveGeneric refuses a generic type with several type parameters
// whose definition refers to itself (type node[K, V any] struct{ next
// *node[K, V] }): yaegi instantiates it again and again until the stack
// overflows, which ends the kernel.
func (r *rewriter) recursiveGeneric(ts *ast.TypeSpec) {
	if ts.TypeParams == nil || ts.TypeParams.NumFields() < 2 {
		return
	}
	ast.Inspect(ts.Type, func(n ast.Node) bool {
		if il, ok := n.(*ast.IndexListExpr); ok {
			if id, ok := il.X.(*ast.Ident); ok && id.Name == ts.Name.Name {
				r.refuse(il, "a generic type with several type parameters that refers to itself ("+ts.Name.Name+")")
				return false
			}
		}
		return true
	})
}

// constDecl writes out the values of a constant declaration that uses
// iota or repeats the previous expression implicitly: yaegi reports a
// "constant definition loop" for typed ones (KB float64 = 1 << (10 *
// iota); MB) and mis-counts iota in local blocks with several names per
// line. go/types knows each constant's value and type.
func (r *rewriter) constDecl(gd *ast.GenDecl) {
	if r.tc.info == nil {
		return
	}
	implicit := false
	for _, sp := range gd.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok {
			return
		}
		if len(vs.Values) == 0 {
			implicit = true
		}
		for _, v := range vs.Values {
			ast.Inspect(v, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == "iota" {
					if _, ok := r.objOf(id).(*types.Const); ok && r.objOf(id).Pkg() == nil {
						implicit = true
					}
				}
				return true
			})
		}
	}
	if !implicit {
		return
	}
	for _, sp := range gd.Specs {
		vs := sp.(*ast.ValueSpec)
		var names, vals []string
		typ := ""
		for _, n := range vs.Names {
			c, ok := r.objOf(n).(*types.Const)
			if !ok {
				return
			}
			lit, ok := constLiteral(c.Val(), c.Type())
			if !ok {
				return
			}
			if b, isBasic := c.Type().(*types.Basic); !isBasic || b.Info()&types.IsUntyped == 0 {
				ts, ok := r.typeStr(c.Type())
				if !ok {
					return
				}
				if typ != "" && typ != ts {
					return
				}
				typ = ts
			}
			names = append(names, n.Name)
			vals = append(vals, lit)
		}
		text := strings.Join(names, ", ")
		if typ != "" {
			text += " " + typ
		}
		text += " = " + strings.Join(vals, ", ")
		r.ed.replace(r.off(vs.Pos()), r.off(vs.End()), text)
		r.skip[vs] = true
	}
}

// localTypeShadow renames a type declared in a function that has the name
// of a package-level declaration: yaegi resolves the local name to the
// package-level one ("cannot convert 1 to string").
func (r *rewriter) localTypeShadow(ts *ast.TypeSpec) {
	if r.fn.top || r.tc.info == nil || r.tc.pkg == nil {
		return
	}
	obj := r.tc.info.Defs[ts.Name]
	if obj == nil || obj.Parent() == r.tc.pkg.Scope() || r.tc.pkg.Scope().Lookup(ts.Name.Name) == nil {
		return
	}
	name := r.name("T_" + ts.Name.Name)
	for id, o := range r.tc.info.Defs {
		if o == obj {
			r.ed.replace(r.off(id.Pos()), r.off(id.End()), name)
		}
	}
	for id, o := range r.tc.info.Uses {
		if o == obj {
			r.ed.replace(r.off(id.Pos()), r.off(id.End()), name)
		}
	}
}

// genericAlias replaces a generic type instantiated with several type
// arguments (Pair[string, int]) in a type switch case or a type assertion,
// which yaegi does not read as a type there ("is not a type"), by an alias
// declared at the top level of the cell.
func (r *rewriter) genericAlias(e ast.Expr) {
	if _, ok := e.(*ast.IndexListExpr); !ok {
		return
	}
	ts, ok := r.typeStr(r.typeOf(e))
	if !ok {
		return
	}
	name := r.name("GA")
	if len(r.aliases) == 0 {
		r.aliasLine = r.sp.line(e.Pos())
	}
	r.aliases = append(r.aliases, "type "+name+" = "+ts)
	r.ed.replace(r.off(e.Pos()), r.off(e.End()), name)
	r.skip[e] = true
}
