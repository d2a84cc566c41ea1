package frontend

import (
	"sort"
	"strings"
)

// Rewrites are text edits on the cell: insertions and replacements at byte
// offsets. They never add or remove a newline, so the rewritten cell keeps
// the cell's lines. Insertions at the same offset are ordered: text that
// closes a construct (inner constructs first) comes before text that opens
// one (outer constructs first), and a replacement of the token at that
// offset comes last.

// edit is one text edit of the cell.
type edit struct {
	pos, end int    // replaced range; pos == end for an insertion
	text     string // new text, without newlines
	order    int    // order among edits at the same pos
	seq      int    // creation order, the last tie-breaker
	blank    bool   // blanks [pos, end] and drops every edit inside, ends included
}

const (
	orderClose   = -1 << 20 // + nesting depth, negated: inner closes first
	orderReplace = 1 << 30
)

// editor collects the edits of one cell.
type editor struct {
	src   string
	edits []edit
}

func (e *editor) add(ed edit) {
	ed.seq = len(e.edits)
	e.edits = append(e.edits, ed)
}

// open inserts text at pos, before what is inserted at pos by constructs
// nested deeper than depth.
func (e *editor) open(pos, depth int, text string) {
	e.add(edit{pos: pos, end: pos, text: text, order: depth})
}

// close inserts text at pos, after what is inserted at pos to close
// constructs nested deeper than depth, and before any opening text.
func (e *editor) close(pos, depth int, text string) {
	e.add(edit{pos: pos, end: pos, text: text, order: orderClose - depth})
}

// replace replaces [pos, end) by text followed by the newlines of the
// replaced text. Edits strictly inside the range are dropped.
func (e *editor) replace(pos, end int, text string) {
	if n := strings.Count(e.src[pos:end], "\n"); n > 0 {
		text += strings.Repeat("\n", n)
	}
	e.add(edit{pos: pos, end: end, text: text, order: orderReplace})
}

// blankOut replaces [pos, end) by blanks (spaces, newlines kept).
func (e *editor) blankOut(pos, end int) {
	e.add(edit{pos: pos, end: end, text: blank(e.src[pos:end]), order: orderReplace})
}

// apply returns the cell with the edits and with the ranges in hide
// blanked (edits inside them or at their ends are dropped).
func (e *editor) apply(hide []itemSpan) string {
	eds := make([]edit, 0, len(e.edits)+len(hide))
	eds = append(eds, e.edits...)
	for _, h := range hide {
		eds = append(eds, edit{pos: h.pos, end: h.end, text: blank(e.src[h.pos:h.end]), order: orderReplace + 1, blank: true})
	}
	sort.SliceStable(eds, func(i, j int) bool {
		a, b := eds[i], eds[j]
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		if a.blank != b.blank {
			return a.blank
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.seq < b.seq
	})
	var out strings.Builder
	out.Grow(len(e.src) + 64*len(eds))
	last := 0      // next source byte to copy
	blankEnd := -1 // edits up to and including this offset are hidden
	for _, ed := range eds {
		if ed.pos <= blankEnd || ed.pos < last {
			continue // hidden, or inside a replaced range
		}
		out.WriteString(e.src[last:ed.pos])
		last = ed.pos
		if ed.blank {
			blankEnd = ed.end
		}
		out.WriteString(ed.text)
		if ed.end > ed.pos {
			last = ed.end
		}
	}
	out.WriteString(e.src[last:])
	return out.String()
}
