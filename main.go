// Command goconc is a Jupyter kernel for Go built for the goconc course on
// concurrency: cells are interpreted by yaegi with Go 1.26 semantics, and
// the course's helpers and charts are built in.
//
// Usage:
//
//	goconc kernel -f CONNECTION_FILE      serve a Jupyter client (the kernelspec's argv)
//	goconc install [--user | --sys-prefix | --prefix DIR] [--name N] [--display-name D]
//	goconc run [--inplace | -o DIR] [--timeout D] NOTEBOOK...
//	goconc lab [JUPYTER-ARGS...]          install locally and start Jupyter on notebooks/
//	goconc worker                         a worker process of a helpers/procpool pool
//	goconc version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/goconc/goconc/helpers/procpool"
	"github.com/goconc/goconc/kernel/dispatch"
	"github.com/goconc/goconc/kernel/engine"
	"github.com/goconc/goconc/kernel/install"
	"github.com/goconc/goconc/kernel/launch"
	"github.com/goconc/goconc/kernel/runner"
	"github.com/goconc/goconc/kernel/wire"
)

// version is goconc's version, set with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `goconc — a Jupyter kernel for Go, for the goconc course on concurrency

Usage:
  goconc kernel -f CONNECTION_FILE
  goconc install [--user | --sys-prefix | --prefix DIR] [--name N] [--display-name D]
  goconc run [--inplace | -o DIR] [--html DIR] [--timeout D] NOTEBOOK...
  goconc lab [JUPYTER-ARGS...]
  goconc worker
  goconc version
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "kernel":
		err = kernelCmd(args)
	case "install":
		err = installCmd(args)
	case "run":
		err = runCmd(args)
	case "lab":
		err = labCmd(args)
	case "worker":
		// A process of a procpool.Pool: tasks as JSON lines on stdin/stdout.
		err = procpool.Worker(os.Stdin, os.Stdout)
	case "version":
		fmt.Printf("goconc %s (%s, yaegi v0.16.1)\n", version, runtime.Version())
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "goconc: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		fmt.Fprintln(os.Stderr, "goconc:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status after its messages were printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// parseError is what a subcommand returns when its flags do not parse:
// nothing after -h or --help (the flag package printed the usage, and
// asking for help is not a failure), else exit status 2 (the flag package
// printed what was wrong).
func parseError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return exitError(2)
}

// goVersion is the language version cells follow, e.g. "1.26".
func goVersion() string {
	v := strings.TrimPrefix(runtime.Version(), "go")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

// extraSymbols are the compiled packages beyond the standard library that
// cells can import.
func extraSymbols() []interp.Exports { return courseSymbols() }

func kernelCmd(args []string) error {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	connFile := fs.String("f", "", "connection file written by the Jupyter client")
	if err := fs.Parse(args); err != nil {
		return parseError(err)
	}
	if *connFile == "" {
		return errors.New("kernel: -f CONNECTION_FILE is required")
	}
	info, err := wire.ReadConnectionFile(*connFile)
	if err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	setKernelName(info.KernelName)
	eng, err := engine.New(engine.Options{Symbols: extraSymbols(), CaptureFD: true, Warm: true})
	if err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	defer eng.Close()
	logw := engineLog(eng)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	// SIGINT interrupts the running cell, as in every Jupyter kernel.
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	go func() {
		for range sigint {
			eng.Interrupt()
		}
	}()

	socks, err := wire.Bind(ctx, info)
	if err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	defer socks.Close()
	k := dispatch.New(socks, eng, dispatch.Info{Version: version, GoVersion: goVersion()}, logw)
	_, err = k.Serve(ctx)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("kernel: %w", err)
	}
	// Give the last replies a moment to leave before the sockets close.
	time.Sleep(50 * time.Millisecond)
	return nil
}

// engineLog is where the kernel's own log lines go: the original stderr,
// which the engine keeps aside when it captures file descriptor 2.
func engineLog(e *engine.Engine) io.Writer { return e.LogWriter() }

func installCmd(args []string) error {
	fs := flag.NewFlagSet("install", flag.ContinueOnError)
	user := fs.Bool("user", false, "install for the current user (~/.local/share/jupyter/kernels)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the prefix of the Python that runs Jupyter")
	prefix := fs.String("prefix", "", "install into `DIR`/share/jupyter/kernels")
	name := fs.String("name", "goconc", "kernelspec `name`")
	displayName := fs.String("display-name", "Go (goconc)", "name shown in Jupyter")
	if err := fs.Parse(args); err != nil {
		return parseError(err)
	}
	n := 0
	for _, b := range []bool{*user, *sysPrefix, *prefix != ""} {
		if b {
			n++
		}
	}
	if n > 1 {
		return errors.New("install: use only one of --user, --sys-prefix and --prefix")
	}
	bin, err := executable()
	if err != nil {
		return err
	}
	dir, err := installSpec(*user, *sysPrefix, *prefix, *name, *displayName, bin)
	if err != nil {
		return err
	}
	fmt.Printf("Installed kernelspec %s in %s\n", *name, dir)
	return nil
}

// executable returns the absolute path of the running goconc binary.
func executable() (string, error) {
	bin, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating the goconc binary: %w", err)
	}
	return filepath.EvalSymlinks(bin)
}

func installSpec(user, sysPrefix bool, prefix, name, displayName, bin string) (string, error) {
	var err error
	switch {
	case prefix != "":
		prefix, err = filepath.Abs(prefix)
	case sysPrefix:
		prefix, err = jupyterSysPrefix()
	case user:
		prefix, err = install.UserPrefix()
	default:
		prefix, err = install.UserPrefix()
	}
	if err != nil {
		return "", fmt.Errorf("install: %w", err)
	}
	return install.Write(install.Spec{
		Name: name, DisplayName: displayName, Binary: bin, Prefix: prefix, Files: chartFiles(),
	})
}

// jupyterSysPrefix asks the Python that runs Jupyter for its sys.prefix.
func jupyterSysPrefix() (string, error) {
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		out, err := exec.Command(py, "-c", "import jupyter_client, sys; print(sys.prefix)").Output()
		if err == nil {
			return strings.TrimSpace(string(out)), nil
		}
	}
	return "", errors.New("--sys-prefix: no Python with jupyter_client found")
}

func runCmd(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	inplace := fs.Bool("inplace", false, "write outputs back into each notebook")
	outDir := fs.String("o", "", "write executed notebooks into `DIR`")
	timeout := fs.Duration("timeout", 10*time.Minute, "interrupt a cell that runs longer than this")
	htmlDir := fs.String("html", "", "also write each executed notebook as a self-contained HTML page into `DIR`")
	if err := fs.Parse(args); err != nil {
		return parseError(err)
	}
	if fs.NArg() == 0 {
		return errors.New("run: no notebooks given")
	}
	if *inplace && *outDir != "" {
		return errors.New("run: use either --inplace or -o DIR")
	}
	for _, dir := range []string{*outDir, *htmlDir} {
		if dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("run: %w", err)
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	failed := 0
	for _, path := range fs.Args() {
		ok, err := runNotebook(ctx, path, *inplace, *outDir, *htmlDir, *timeout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			failed++
			continue
		}
		if !ok {
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "%d of %d notebooks failed\n", failed, fs.NArg())
		return exitError(1)
	}
	return nil
}

func runNotebook(ctx context.Context, path string, inplace bool, outDir, htmlDir string, timeout time.Duration) (bool, error) {
	nb, err := runner.Read(path)
	if err != nil {
		return false, fmt.Errorf("cannot run: %w (the file was not changed)", err)
	}
	eng, err := engine.New(engine.Options{Symbols: extraSymbols()})
	if err != nil {
		return false, err
	}
	defer eng.Close()
	res := runner.Run(ctx, nb, eng, runner.Options{Timeout: timeout})
	nb.Upgrade()
	target := ""
	switch {
	case inplace:
		target = path
	case outDir != "":
		target = filepath.Join(outDir, filepath.Base(path))
	}
	if target != "" {
		if err := nb.WriteFile(target); err != nil {
			return false, fmt.Errorf("writing %s: %w", target, err)
		}
	}
	if htmlDir != "" {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		page, err := nb.HTML(name, pageHead())
		if err != nil {
			return false, fmt.Errorf("rendering HTML: %w", err)
		}
		if err := os.WriteFile(filepath.Join(htmlDir, name+".html"), page, 0o644); err != nil {
			return false, fmt.Errorf("writing HTML: %w", err)
		}
	}
	status := "ok"
	if len(res.Failures) > 0 {
		status = "FAILED"
	}
	fmt.Printf("%s: %s — %d code cells, %d failed, %.1fs\n", path, status, res.Cells, len(res.Failures), res.Duration.Seconds())
	for _, f := range res.Failures {
		fmt.Printf("  cell %d (In [%d], %q): %s: %s\n", f.Index+1, f.Count, f.Line, f.Err.Name, f.Err.Value)
	}
	return len(res.Failures) == 0, nil
}

func labCmd(args []string) error {
	front, err := launch.Find()
	if err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	prefix := filepath.Join(root, ".jupyter-prefix")
	// Copy the binary into the prefix: under "go run" it lives in a
	// temporary directory that disappears when this command ends.
	self, err := executable()
	if err != nil {
		return err
	}
	bin := filepath.Join(prefix, "bin", "goconc")
	if err := install.CopyFile(self, bin, 0o755); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	dir, err := installSpec(false, false, prefix, "goconc", "Go (goconc)", bin)
	if err != nil {
		return err
	}
	nbDir := filepath.Join(root, "notebooks")
	if _, err := os.Stat(nbDir); err != nil {
		nbDir = root
	}
	fmt.Printf("Installed the goconc kernel in %s\nStarting %s on %s\n", dir, front, nbDir)
	fmt.Println("To stop it, press Ctrl-C in this terminal (twice, to skip Jupyter's question).")
	if os.Geteuid() == 0 && !slices.Contains(args, "--allow-root") {
		args = append(args, "--allow-root") // Jupyter refuses root otherwise
	}
	cmd := front.Command(nbDir, filepath.Join(prefix, "share", "jupyter"), args...)
	signal.Ignore(os.Interrupt) // Jupyter handles Ctrl-C itself
	return cmd.Run()
}
