package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/goconc/goconc/kernel/native"
)

// nativeMagic starts a cell that is compiled by the Go toolchain.
const nativeMagic = "%%native"

// isNative reports whether a cell is a native cell.
func isNative(src string) bool {
	return strings.HasPrefix(strings.TrimLeft(src, " \t\r\n"), nativeMagic)
}

// runNative composes a native cell with the session's declarations, builds
// it and runs it, streaming its output into the cell.
func (e *Engine) runNative(ctx context.Context, c *cell, src string) error {
	src = strings.TrimLeft(src, " \t\r\n")
	header, body, _ := strings.Cut(src, "\n")
	flags, err := nativeFlags(strings.TrimSpace(strings.TrimPrefix(header, nativeMagic)))
	if err != nil {
		return &Error{Name: "NativeError", Value: err.Error(), Traceback: []string{"NativeError: " + err.Error()}}
	}
	prog, err := e.nat.Compose(body)
	if err != nil {
		return &Error{Name: "SyntaxError", Value: err.Error(), Traceback: []string{"SyntaxError: " + err.Error()}}
	}
	if e.builder == nil {
		dir, err := os.MkdirTemp("", "goconc-native-")
		if err != nil {
			return fmt.Errorf("native: %w", err)
		}
		e.builder = &native.Builder{Dir: dir, ModuleRoot: moduleRoot()}
	}
	bin, err := e.builder.Build(ctx, prog, flags)
	if err != nil {
		if ctx.Err() != nil {
			return e.interrupted(c)
		}
		var be *native.BuildError
		if errors.As(err, &be) {
			return buildError(be, prog)
		}
		if errors.Is(err, native.ErrNoToolchain) {
			return &Error{Name: "NoToolchain", Value: err.Error(), Traceback: []string{"NoToolchain: " + err.Error()}}
		}
		return err
	}
	err = native.Run(ctx, bin, cellWriter{c, "stdout"}, cellWriter{c, "stderr"})
	c.out.flush()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return &Error{Name: "Interrupt", Value: "the native program was killed", Traceback: []string{"Interrupt: the native program was killed."}}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code := exit.ExitCode()
		msg := fmt.Sprintf("the program exited with status %d", code)
		if code == 66 && hasFlag(flags, "-race") {
			msg = "the race detector found a data race (exit status 66); its report is above"
		}
		return &Error{Name: "NativeExit", Value: msg, Traceback: []string{"NativeExit: " + msg}}
	}
	return err
}

// nativeFlags checks the flags of a %%native line.
func nativeFlags(line string) ([]string, error) {
	var flags []string
	for _, f := range strings.Fields(line) {
		switch {
		case f == "-race", strings.HasPrefix(f, "-tags="), strings.HasPrefix(f, "-gcflags="), strings.HasPrefix(f, "-ldflags="):
			flags = append(flags, f)
		default:
			return nil, fmt.Errorf("unknown %s flag %q (allowed: -race, -tags=…, -gcflags=…, -ldflags=…)", nativeMagic, f)
		}
	}
	return flags, nil
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}

var buildPos = regexp.MustCompile(`^main\.go:(\d+):(\d+): (.*)$`)

// buildError quotes, for each compiler message, the line of the composed
// program it is about.
func buildError(be *native.BuildError, prog string) *Error {
	lines := strings.Split(prog, "\n")
	tb := []string{"CompileError: the native cell does not compile"}
	first := ""
	for _, l := range strings.Split(be.Output, "\n") {
		m := buildPos.FindStringSubmatch(l)
		if m == nil {
			tb = append(tb, "  "+l)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if first == "" {
			first = m[3]
		}
		tb = append(tb, "  "+m[3])
		if n >= 1 && n <= len(lines) {
			tb = append(tb, "      | "+strings.TrimSpace(lines[n-1]))
		}
	}
	if first == "" {
		first = "the native cell does not compile"
	}
	return &Error{Name: "CompileError", Value: first, Traceback: tb}
}

// cellWriter writes a native program's output into a cell's stream.
type cellWriter struct {
	c      *cell
	stream string
}

func (w cellWriter) Write(p []byte) (int, error) {
	w.c.out.write(w.stream, p)
	return len(p), nil
}

// moduleRoot returns the directory of goconc's module source if this
// binary was built from it on this machine, so that native cells can
// import the course's packages.
func moduleRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(file))) // kernel/engine/native.go
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !strings.HasPrefix(string(data), "module github.com/goconc/goconc\n") {
		return ""
	}
	return root
}
