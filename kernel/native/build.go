package native

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrNoToolchain is returned when no go command is on PATH.
var ErrNoToolchain = errors.New("native cells need the Go toolchain, and no `go` command is on PATH: " +
	"install Go (https://go.dev/dl/) and restart the kernel")

// Builder builds native programs in a work directory that it reuses, so
// that the Go build cache stays warm between cells.
type Builder struct {
	Dir string // work directory, created if missing
	// ModuleRoot, if set, is the directory of goconc's own module: native
	// cells can then import its packages (helpers, charts).
	ModuleRoot string
}

// Build writes src as main.go and builds it with the given flags (such as
// -race), returning the binary's path. Compile errors come back as the
// error's text.
func (b *Builder) Build(ctx context.Context, src string, flags []string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", ErrNoToolchain
	}
	if err := os.MkdirAll(b.Dir, 0o755); err != nil {
		return "", fmt.Errorf("native: %w", err)
	}
	if err := os.WriteFile(filepath.Join(b.Dir, "go.mod"), []byte(b.goMod()), 0o644); err != nil {
		return "", fmt.Errorf("native: %w", err)
	}
	if b.ModuleRoot != "" {
		if sum, err := os.ReadFile(filepath.Join(b.ModuleRoot, "go.sum")); err == nil {
			if err := os.WriteFile(filepath.Join(b.Dir, "go.sum"), sum, 0o644); err != nil {
				return "", fmt.Errorf("native: %w", err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(b.Dir, "main.go"), []byte(src), 0o644); err != nil {
		return "", fmt.Errorf("native: %w", err)
	}
	bin := filepath.Join(b.Dir, "cell")
	args := append([]string{"build", "-o", bin}, flags...)
	args = append(args, ".")
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = b.Dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", &BuildError{Output: cleanBuildOutput(string(out))}
	}
	return bin, nil
}

func (b *Builder) goMod() string {
	var m strings.Builder
	m.WriteString("module goconc.cell\n\ngo 1.26\n")
	if b.ModuleRoot != "" {
		fmt.Fprintf(&m, "\nrequire github.com/goconc/goconc v0.0.0\n\nreplace github.com/goconc/goconc => %s\n", b.ModuleRoot)
		for _, r := range moduleReplaces(b.ModuleRoot) {
			fmt.Fprintf(&m, "replace %s\n", r)
		}
	}
	return m.String()
}

// moduleReplaces returns the single-line replace directives of root's
// go.mod (goconc's own yaegi, kernel/third_party/yaegi), with local paths
// made absolute: replace directives of a required module do not apply to
// the module that requires it, and a native cell's module requires
// goconc's.
func moduleReplaces(root string) []string {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil
	}
	var out []string
	for line := range strings.Lines(string(mod)) {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "replace ")
		if !ok {
			continue
		}
		old, target, ok := strings.Cut(rest, "=>")
		if !ok {
			continue
		}
		old, target = strings.TrimSpace(old), strings.TrimSpace(target)
		if strings.HasPrefix(target, "./") || strings.HasPrefix(target, "../") {
			target = filepath.Join(root, target)
		}
		out = append(out, old+" => "+target)
	}
	return out
}

// BuildError is a failed compilation; Output holds the compiler's messages
// with positions relative to the composed main.go.
type BuildError struct{ Output string }

func (e *BuildError) Error() string { return "native cell does not compile:\n" + e.Output }

func cleanBuildOutput(s string) string {
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.HasPrefix(l, "# ") {
			continue
		}
		keep = append(keep, strings.TrimPrefix(l, "./"))
	}
	return strings.Join(keep, "\n")
}

// Run runs bin with its output copied to stdout and stderr as it comes.
// Cancelling ctx kills the process and its children.
func Run(ctx context.Context, bin string, stdout, stderr io.Writer) error {
	cmd := exec.Command(bin)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("native: starting the program: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
		return ctx.Err()
	}
}
