package engine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is a failed cell, in the shape of a Jupyter error message: a name,
// a value and traceback lines.
type Error struct {
	Name      string   // short kind, e.g. "CompileError", "Panic", "Interrupt"
	Value     string   // one-line message
	Traceback []string // lines shown to the user, source excerpts included
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// posPattern matches the "LINE:COL: " prefix yaegi puts on errors and on
// the panic lines it prints, with an optional file name.
var posPattern = regexp.MustCompile(`^(?:[^\s:]*\.go:)?(\d+):(\d+): `)

// cellPos extracts the position a yaegi message starts with, mapped to the
// cell's own lines (the engine prefixes Code with one newline), and the rest
// of the message.
func cellPos(msg string) (line, col int, rest string, ok bool) {
	m := posPattern.FindStringSubmatchIndex(msg)
	if m == nil {
		return 0, 0, msg, false
	}
	line, _ = strconv.Atoi(msg[m[2]:m[3]])
	col, _ = strconv.Atoi(msg[m[4]:m[5]])
	return line - lineOffset, col, msg[m[1]:], true
}

// lineOffset is the number of lines the engine adds before a cell's code.
const lineOffset = 1

// excerpt renders the cell's line with a caret under col, for tracebacks.
func excerpt(src string, line, col int) []string {
	lines := strings.Split(src, "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	text := strings.ReplaceAll(lines[line-1], "\t", "    ")
	prefix := fmt.Sprintf("%5d | ", line)
	caret := ""
	if col >= 1 {
		// Account for tabs expanded above.
		raw := lines[line-1]
		width := 0
		for i, r := range raw {
			if i >= col-1 {
				break
			}
			if r == '\t' {
				width += 4
			} else {
				width++
			}
		}
		caret = strings.Repeat(" ", len(prefix)-2) + "| " + strings.Repeat(" ", width) + "^"
	}
	out := []string{prefix + text}
	if caret != "" {
		out = append(out, caret)
	}
	return out
}

// positioned builds an Error from a yaegi message that may start with a
// position, pointing the traceback at the cell's line.
func positioned(name, msg, src string) *Error {
	msg = strings.TrimSpace(msg)
	line, col, rest, ok := cellPos(msg)
	if !ok || line < 1 {
		return &Error{Name: name, Value: msg, Traceback: []string{name + ": " + msg}}
	}
	tb := []string{fmt.Sprintf("%s: %s", name, rest), fmt.Sprintf("  at cell line %d, column %d:", line, col)}
	tb = append(tb, excerpt(src, line, col)...)
	return &Error{Name: name, Value: fmt.Sprintf("line %d: %s", line, rest), Traceback: tb}
}
