// Package symgen writes the yaegi symbol tables of compiled packages, the
// files that let interpreted cells call them (kernel/symbols,
// helpers/symbols). It does what "yaegi extract" does, file names included,
// with the extract package of the yaegi tree goconc builds
// (kernel/third_party/yaegi), so that go generate needs no other command.
package symgen

import (
	"bytes"
	"fmt"
	"go/build"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"

	"github.com/traefik/yaegi/extract"
)

// GenerateCmd starts the go:generate line of a symbols package: the
// -name value and the import paths to extract follow it.
const GenerateCmd = "//go:generate go run github.com/goconc/goconc/internal/cmd/symgen -name "

// A Table is one generated file: its name, as "yaegi extract" names it
// after the import path, and its Go source.
type Table struct {
	Name string
	Src  []byte
}

// Generate extracts the symbols of each package in pkgs into a table of
// package dest.
func Generate(dest string, pkgs []string) ([]Table, error) {
	names := strings.NewReplacer("/", "-", ".", "_", "~", "_")
	return generate(dest, pkgs, func(path string) string { return names.Replace(path) + ".go" })
}

// generate extracts each package of pkgs into a table of package dest,
// named by name(import path).
func generate(dest string, pkgs []string, name func(string) string) ([]Table, error) {
	imp := sourceImporter()
	var tables []Table
	for _, pkg := range pkgs {
		var buf bytes.Buffer
		ext := extract.Extractor{Dest: dest, Importer: imp}
		importPath, err := ext.Extract(pkg, "", &buf)
		if err != nil {
			return nil, fmt.Errorf("extracting %s: %w", pkg, err)
		}
		tables = append(tables, Table{Name: name(importPath), Src: buf.Bytes()})
	}
	return tables, nil
}

// sourceImporter returns an importer that type-checks packages from
// source, each once, as yaegi extract does. It types the pure-Go variants
// of packages with cgo files (net, os/user), whose exported API is the
// same: the tables then do not depend on a C compiler being installed.
func sourceImporter() types.Importer {
	build.Default.CgoEnabled = false
	return importer.ForCompiler(token.NewFileSet(), "source", nil)
}

// GenerateLine returns the -name value and the packages of the
// go:generate line of a symbols.go file.
func GenerateLine(path string) (dest string, pkgs []string, err error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	for line := range strings.Lines(string(src)) {
		if rest, ok := strings.CutPrefix(line, GenerateCmd); ok {
			fields := strings.Fields(rest)
			if len(fields) < 2 {
				return "", nil, fmt.Errorf("%s: the go:generate line names no package", path)
			}
			return fields[0], fields[1:], nil
		}
	}
	return "", nil, fmt.Errorf("%s has no line starting %q", path, GenerateCmd)
}

// Write generates the tables into dir and returns their names.
func Write(dir, dest string, pkgs []string) ([]string, error) {
	tables, err := Generate(dest, pkgs)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, t := range tables {
		if err := os.WriteFile(filepath.Join(dir, t.Name), t.Src, 0o644); err != nil {
			return nil, fmt.Errorf("writing symbol table: %w", err)
		}
		names = append(names, t.Name)
	}
	return names, nil
}
