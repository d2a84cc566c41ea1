package frontend

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// yaegi loses the methods of an interpreted error once it is held in a
// variable of type error: interface assertions (to interface{ Unwrap()
// error }) fail, only assertions to the concrete type work. The compiled
// errors.Is/As/Unwrap therefore cannot follow an interpreted Unwrap method,
// and errors.As rejects interpreted target types. They are replaced by the
// prelude's interpreted versions, given at each call a function literal
// that knows the session's error types with Unwrap or Is methods and
// asserts them concretely. errors.As becomes a literal for the target
// type (yaegi's generics cannot assert to a type parameter here).

// errorsCall rewrites errors.Is, errors.As, errors.AsType, errors.Unwrap
// and errors.Join.
func (r *rewriter) errorsCall(sel *ast.SelectorExpr) bool {
	if sel.Sel.Name == "AsType" {
		return r.asTypeCall(sel)
	}
	c, ok := r.parent(1).(*ast.CallExpr)
	if !ok || c.Fun != sel {
		return true // a function value: keep the compiled one
	}
	m := r.errorMethods()
	from, to := r.off(sel.Pos()), r.off(sel.End())
	switch sel.Sel.Name {
	case "Join":
		r.ed.replace(from, to, "_goconcErrorsJoin")
	case "Is", "Unwrap":
		r.ed.replace(from, to, "_goconcErrors"+sel.Sel.Name)
		r.ed.close(r.off(c.Rparen), r.depth(), ", "+m)
	case "As":
		targ := ""
		if len(c.Args) == 2 {
			if p, ok := r.typeOf(c.Args[1]).(*types.Pointer); ok {
				targ, _ = r.typeStr(p.Elem())
			}
		}
		if targ == "" {
			return true // keep the compiled errors.As
		}
		r.ed.replace(from, to, r.asFunc(r.typeOf(c.Args[1]).(*types.Pointer).Elem(), targ, m))
	default:
		return true
	}
	return true
}

// asFunc returns the text of a function literal that does what errors.As
// does for a target of type *targ (t is targ's type): it walks err's tree
// with the session's Unwrap methods (m) and asserts each error concretely.
func (r *rewriter) asFunc(t types.Type, targ, m string) string {
	return "func(_goconce error, _goconct *" + targ + ") bool { _goconcs := []error{_goconce}; " +
		"for len(_goconcs) > 0 { _goconce = _goconcs[len(_goconcs)-1]; _goconcs = _goconcs[:len(_goconcs)-1]; " +
		"if _goconce == nil { continue }; " +
		r.asImplementers(t) +
		"if _goconcv, _goconcok := _goconce.(" + targ + "); _goconcok { *_goconct = _goconcv; return true }; " +
		"_goconcl, _ := _goconcUnwrapAll(_goconce, " + m + "); " +
		"for _goconci := len(_goconcl) - 1; _goconci >= 0; _goconci-- { _goconcs = append(_goconcs, _goconcl[_goconci]) } }; " +
		"return false }"
}

// asTypeCall rewrites errors.AsType[E](err) (Go 1.26) into a literal
// that calls the errors.As literal for E. Any other use of errors.AsType
// (a function value) is refused: the compiled one is generic.
func (r *rewriter) asTypeCall(sel *ast.SelectorExpr) bool {
	ix, ok := r.parent(1).(*ast.IndexExpr)
	var c *ast.CallExpr
	if ok && ix.X == sel {
		c, _ = r.parent(2).(*ast.CallExpr)
	}
	var targ string
	var t types.Type
	if c != nil && c.Fun == ix && len(c.Args) == 1 && r.tc.info != nil {
		if inst, ok := r.tc.info.Instances[sel.Sel]; ok && inst.TypeArgs.Len() == 1 {
			t = inst.TypeArgs.At(0)
			targ, _ = r.typeStr(t)
		}
	}
	if targ == "" {
		r.refuse(sel, "errors.AsType other than called as errors.AsType[E](err) with a type E the cell can name")
		return false
	}
	r.ed.replace(r.off(sel.Pos()), r.off(ix.End()), "func(_goconcx error) ("+targ+", bool) { var _goconcr "+targ+
		"; _goconcok := ("+r.asFunc(t, targ, r.errorMethods())+")(_goconcx, &_goconcr); return _goconcr, _goconcok }")
	r.skip[ix.Index] = true
	return false
}

// errorMethods returns the text of a _goconcErrorMethods for the error
// types of the session, or "nil".
func (r *rewriter) errorMethods() string {
	if r.errMethods != "" {
		return r.errMethods
	}
	r.errMethods = "nil"
	if r.tc.pkg == nil {
		return r.errMethods
	}
	var cases []string
	scope := r.tc.pkg.Scope()
	names := scope.Names()
	sort.Strings(names)
	for _, n := range names {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || strings.HasPrefix(n, "_goconc") {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if _, iface := named.Underlying().(*types.Interface); iface {
			continue
		}
		for _, t := range []types.Type{types.NewPointer(named), named} {
			ms := types.NewMethodSet(t)
			if ms.Lookup(nil, "Error") == nil {
				continue
			}
			l, is := "nil", "false"
			if sel := ms.Lookup(nil, "Unwrap"); sel != nil {
				sig := sel.Type().(*types.Signature)
				if sig.Params().Len() == 0 && sig.Results().Len() == 1 {
					if _, multi := sig.Results().At(0).Type().(*types.Slice); multi {
						l = "_goconcv.Unwrap()"
					} else {
						l = "[]error{_goconcv.Unwrap()}"
					}
				}
			}
			if sel := ms.Lookup(nil, "Is"); sel != nil {
				if sig := sel.Type().(*types.Signature); sig.Params().Len() == 1 && sig.Results().Len() == 1 {
					is = "_goconct != nil && _goconcv.Is(_goconct)"
				}
			}
			if l == "nil" && is == "false" {
				continue
			}
			ts, _ := r.typeStr(t)
			cases = append(cases, "if _goconcv, _goconcok := _goconce.("+ts+"); _goconcok { return "+l+", "+is+", true }; ")
		}
	}
	if len(cases) > 0 {
		r.errMethods = "func(_goconce, _goconct error) ([]error, bool, bool) { " + strings.Join(cases, "") + "return nil, false, false }"
	}
	return r.errMethods
}

// errorfCall rewrites fmt.Errorf with %w operands: the compiled Errorf
// cannot see that an interpreted operand implements error. The message is
// formatted by fmt.Sprintf with %w read as %v, and _goconcWrapErrs wraps
// the %w operands; a literal called in place evaluates the operands once:
//
//	fmt.Errorf("get %s: %w", k, err)   →   func(_f0 any, _f1 error) error { return _goconcWrapErrs(fmt.Sprintf("get %s: %v", _f0, _f1), _f1) }(k, err)
func (r *rewriter) errorfCall(sel *ast.SelectorExpr) bool {
	c, ok := r.parent(1).(*ast.CallExpr)
	if !ok || c.Fun != sel || len(c.Args) < 2 || c.Ellipsis.IsValid() || r.tc.info == nil {
		return true
	}
	tv := r.tc.info.Types[c.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return true
	}
	format := constant.StringVal(tv.Value)
	verbs, ok := parseVerbs(format, "")
	if !ok || !strings.Contains(format, "%w") {
		return true
	}
	ops := c.Args[1:]
	errType := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	wrapped := map[int]bool{}
	for _, v := range verbs {
		if v.c == 'w' {
			if v.arg >= len(ops) {
				return true
			}
			if t := r.typeOf(ops[v.arg]); t == nil || !types.Implements(t, errType) {
				return true // Go prints %!w(...): keep the compiled Errorf
			}
			wrapped[v.arg] = true
		}
	}
	var params, names, errs []string
	for i := range ops {
		n := "_goconcf" + strconv.Itoa(i)
		names = append(names, n)
		if wrapped[i] {
			params = append(params, n+" error")
			errs = append(errs, n)
		} else {
			params = append(params, n+" any")
		}
	}
	// %w → %v in the format (a %w is always the verb letter after '%' and flags).
	fv := []byte(format)
	for i := 0; i+1 < len(fv); i++ {
		if fv[i] == '%' {
			j := i + 1
			for j < len(fv) && strings.IndexByte("+-# 0123456789.*", fv[j]) >= 0 {
				j++
			}
			if j < len(fv) && fv[j] == 'w' {
				fv[j] = 'v'
			}
			i = j
		}
	}
	fmtName := r.tc.names["fmt"]
	if fmtName == "" {
		fmtName = "fmt"
	}
	text := "func(" + strings.Join(params, ", ") + ") error { return _goconcWrapErrs(" + fmtName + ".Sprintf(" +
		strconv.Quote(string(fv)) + ", " + strings.Join(names, ", ") + "), " + strings.Join(errs, ", ") + ") }("
	r.ed.replace(r.off(c.Pos()), r.off(ops[0].Pos()), text)
	r.skip[c.Args[0]] = true
	return false
}

// asImplementers returns, for an interface target of errors.As, the
// concrete assertions to the session's types that implement it: yaegi
// asserts an interpreted error to an interface only by its concrete type.
func (r *rewriter) asImplementers(target types.Type) string {
	iface, ok := target.Underlying().(*types.Interface)
	if !ok || r.tc.pkg == nil {
		return ""
	}
	scope := r.tc.pkg.Scope()
	names := scope.Names()
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok || tn.IsAlias() || strings.HasPrefix(n, "_goconc") {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
			continue
		}
		for _, t := range []types.Type{named, types.NewPointer(named)} {
			if !types.Implements(t, iface) {
				continue
			}
			ts, ok := r.typeStr(t)
			if !ok {
				continue
			}
			b.WriteString("if _goconcv, _goconcok := _goconce.(" + ts + "); _goconcok { *_goconct = _goconcv; return true }; ")
		}
	}
	return b.String()
}
