// Package runner executes notebooks headless, cell by cell, through the
// same engine as the kernel, and writes their outputs in nbformat 4.5.
package runner

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/goconc/goconc/internal/atomicfile"
)

// Notebook is an nbformat 4 document. Fields the runner does not use are
// kept as they are, so a notebook survives a run unchanged but for its
// outputs and execution counts.
type Notebook struct {
	Cells         []*Cell        `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

// Cell is one notebook cell.
type Cell struct {
	ID             string           `json:"id,omitempty"`
	CellType       string           `json:"cell_type"`
	Source         Source           `json:"source"`
	Metadata       map[string]any   `json:"metadata"`
	Outputs        []map[string]any `json:"outputs,omitempty"`
	ExecutionCount *int             `json:"execution_count,omitempty"`
	Attachments    map[string]any   `json:"attachments,omitempty"`
}

// Source is a cell's text, stored in files as a string or a list of lines.
type Source string

// UnmarshalJSON accepts both forms.
func (s *Source) UnmarshalJSON(data []byte) error {
	var str string
	if err := json.Unmarshal(data, &str); err == nil {
		*s = Source(str)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(data, &lines); err != nil {
		return fmt.Errorf("cell source is neither a string nor a list of strings")
	}
	*s = Source(strings.Join(lines, ""))
	return nil
}

// MarshalJSON writes the list-of-lines form Jupyter writes.
func (s Source) MarshalJSON() ([]byte, error) {
	return json.Marshal(multiline(string(s)))
}

// multiline splits text into lines that keep their newlines.
func multiline(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// Tags returns the cell's metadata tags.
func (c *Cell) Tags() []string {
	raw, _ := c.Metadata["tags"].([]any)
	var tags []string
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell carries tag.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// Read loads and checks a notebook file.
func Read(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse decodes and checks a notebook.
func Parse(data []byte) (*Notebook, error) {
	var nb Notebook
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("not a notebook (invalid JSON): %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("unsupported nbformat %d: goconc reads nbformat 4", nb.NBFormat)
	}
	for i, c := range nb.Cells {
		if c == nil {
			return nil, fmt.Errorf("cell %d is null", i)
		}
		switch c.CellType {
		case "code", "markdown", "raw":
		default:
			return nil, fmt.Errorf("cell %d has unknown cell_type %q", i, c.CellType)
		}
		if c.Metadata == nil {
			c.Metadata = map[string]any{}
		}
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	return &nb, nil
}

// Upgrade brings the notebook to nbformat 4.5: every cell gets an id.
func (nb *Notebook) Upgrade() {
	if nb.NBFormatMinor < 5 {
		nb.NBFormatMinor = 5
	}
	seen := map[string]bool{}
	for _, c := range nb.Cells {
		if c.ID == "" || seen[c.ID] {
			c.ID = newCellID()
		}
		seen[c.ID] = true
	}
}

func newCellID() string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	return hex.EncodeToString(b[:])
}

// Marshal encodes the notebook as Jupyter does: sorted keys, one-space
// indent, a final newline. Code cells always carry outputs and
// execution_count.
func (nb *Notebook) Marshal() ([]byte, error) {
	type codeCell struct {
		ID             string           `json:"id,omitempty"`
		CellType       string           `json:"cell_type"`
		ExecutionCount *int             `json:"execution_count"`
		Metadata       map[string]any   `json:"metadata"`
		Outputs        []map[string]any `json:"outputs"`
		Source         Source           `json:"source"`
	}
	type textCell struct {
		Attachments map[string]any `json:"attachments,omitempty"`
		ID          string         `json:"id,omitempty"`
		CellType    string         `json:"cell_type"`
		Metadata    map[string]any `json:"metadata"`
		Source      Source         `json:"source"`
	}
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		if c.CellType == "code" {
			outs := c.Outputs
			if outs == nil {
				outs = []map[string]any{}
			}
			cells[i] = codeCell{c.ID, c.CellType, c.ExecutionCount, c.Metadata, outs, c.Source}
		} else {
			cells[i] = textCell{c.Attachments, c.ID, c.CellType, c.Metadata, c.Source}
		}
	}
	doc := map[string]any{
		"cells": cells, "metadata": nb.Metadata, "nbformat": nb.NBFormat, "nbformat_minor": nb.NBFormatMinor,
	}
	// Round-trip through a generic value so that every object's keys are
	// sorted, as nbformat writes them.
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var generic any
	if err := json.Unmarshal(raw, &generic); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(generic); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes the notebook atomically: to a temporary file in the same
// directory, then renamed over path.
func (nb *Notebook) WriteFile(path string) error {
	data, err := nb.Marshal()
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
