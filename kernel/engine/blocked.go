package engine

import (
	"runtime"
	"strings"
)

// evalCreator is the frame that starts the goroutine in which yaegi runs an
// evaluation; such goroutines still alive after an interrupt are blocked in
// compiled code that cancellation cannot reach.
const evalCreator = "created by github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext"

// blockedEvaluations describes the evaluations that are still blocked, by
// their wait reason and the compiled function they are blocked in, such as
// "time.Sleep (sleep)".
func blockedEvaluations() []string {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	var out []string
	for _, g := range strings.Split(string(buf[:n]), "\n\n") {
		if !strings.Contains(g, evalCreator) {
			continue
		}
		out = append(out, describeBlocked(g))
	}
	return out
}

// describeBlocked names the first non-runtime function of a goroutine dump
// and its wait reason.
func describeBlocked(g string) string {
	lines := strings.Split(g, "\n")
	reason := ""
	if len(lines) > 0 {
		if i, j := strings.Index(lines[0], "["), strings.Index(lines[0], "]"); i >= 0 && j > i {
			reason = lines[0][i+1 : j]
			if k := strings.Index(reason, ","); k >= 0 {
				reason = reason[:k]
			}
		}
	}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "\t") || l == "" {
			continue
		}
		fn := l
		if k := strings.LastIndex(fn, "("); k > 0 {
			fn = fn[:k]
		}
		if strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "internal/") ||
			strings.HasPrefix(fn, "reflect.") || strings.HasPrefix(fn, "sync.runtime_") ||
			strings.Contains(fn, "yaegi/interp") || strings.HasPrefix(fn, "created by") {
			continue
		}
		fn = strings.TrimSuffix(fn, ".func1")
		if reason != "" {
			return fn + " (" + reason + ")"
		}
		return fn
	}
	if reason != "" {
		return reason
	}
	return "an unknown call"
}
