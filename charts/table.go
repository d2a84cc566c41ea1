package charts

import (
	"bytes"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// table is the text form of a chart: a title, a header, rows of cells and
// notes below. Columns whose cells all look like numbers are right-aligned.
//
// The body's cells are kept back to back in one buffer, not as a string
// each: a chart's table may have tens of thousands of cells. Rows are
// added whole with add, or cell by cell with text, float, percent and
// duration, then endRow.
type table struct {
	title  string
	header []string
	cells  []byte // the body's cells, back to back
	ends   []int  // where each cell ends in cells
	rows   []int  // where each row ends in ends
	notes  []string
}

// reserve makes room for rows more rows of cols cells of about 8 bytes.
func (t *table) reserve(rows, cols int) {
	t.cells = slices.Grow(t.cells, rows*cols*8)
	t.ends = slices.Grow(t.ends, rows*cols)
	t.rows = slices.Grow(t.rows, rows)
}

// add appends a row of cells.
func (t *table) add(cells ...string) {
	for _, c := range cells {
		t.text(c)
	}
	t.endRow()
}

// text appends a cell to the current row.
func (t *table) text(c string) {
	t.cells = append(t.cells, c...)
	t.ends = append(t.ends, len(t.cells))
}

// int appends n in decimal.
func (t *table) int(n int) {
	t.cells = strconv.AppendInt(t.cells, int64(n), 10)
	t.ends = append(t.ends, len(t.cells))
}

// float appends v as fmtFloat formats it.
func (t *table) float(v float64) {
	t.cells = appendFixed(t.cells, v, 2)
	t.ends = append(t.ends, len(t.cells))
}

// percent appends v as fmtPercent formats it.
func (t *table) percent(v float64) {
	t.cells = append(appendFixed(t.cells, 100*v, 1), '%')
	t.ends = append(t.ends, len(t.cells))
}

// duration appends d as fmtDuration formats it.
func (t *table) duration(d time.Duration) {
	t.cells = appendDuration(t.cells, d)
	t.ends = append(t.ends, len(t.cells))
}

// endRow ends the current row.
func (t *table) endRow() { t.rows = append(t.rows, len(t.ends)) }

func (t *table) note(line string) { t.notes = append(t.notes, line) }

// row returns the cells of body row i as offsets into t.ends.
func (t *table) row(i int) (first, end int) {
	if i > 0 {
		first = t.rows[i-1]
	}
	return first, t.rows[i]
}

// cell returns body cell k.
func (t *table) cell(k int) []byte {
	start := 0
	if k > 0 {
		start = t.ends[k-1]
	}
	return t.cells[start:t.ends[k]]
}

// String lays the table out with two spaces between columns. It writes
// into one buffer, sized first.
func (t *table) String() string {
	ncol := len(t.header)
	for i := range t.rows {
		first, end := t.row(i)
		ncol = max(ncol, end-first)
	}
	width := make([]int, ncol)
	numeric := make([]bool, ncol)
	for i := range numeric {
		numeric[i] = true
	}
	for i, c := range t.header {
		width[i] = max(width[i], runeCount(c))
	}
	for i := range t.rows {
		first, end := t.row(i)
		for k := first; k < end; k++ {
			c, col := t.cell(k), k-first
			width[col] = max(width[col], runeCount(c))
			if numeric[col] && len(c) > 0 && !looksNumeric(c) {
				numeric[col] = false
			}
		}
	}
	lineWidth := 0
	for _, w := range width {
		lineWidth += w + 2
	}
	size := len(t.title) + 1 + (len(t.rows)+1)*(lineWidth+1)
	for _, n := range t.notes {
		size += len(n) + 1
	}
	b := make([]byte, 0, size+size/4) // cells of multi-byte runes take more bytes
	if t.title != "" {
		b = append(b, t.title...)
		b = append(b, '\n')
	}
	cellOut := func(i int, c []byte) {
		pad := width[i] - runeCount(c)
		if i > 0 {
			b = append(b, "  "...)
		}
		if numeric[i] {
			b = appendSpaces(b, pad)
			b = append(b, c...)
		} else {
			b = append(b, c...)
			b = appendSpaces(b, pad)
		}
	}
	endLine := func() {
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
	}
	if len(t.header) > 0 {
		for i := 0; i < ncol; i++ {
			c := ""
			if i < len(t.header) {
				c = t.header[i]
			}
			cellOut(i, []byte(c))
		}
		endLine()
	}
	for i := range t.rows {
		first, end := t.row(i)
		if first == end {
			continue
		}
		for col := 0; col < ncol; col++ {
			var c []byte
			if first+col < end {
				c = t.cell(first + col)
			}
			cellOut(col, c)
		}
		endLine()
	}
	for _, n := range t.notes {
		b = append(b, n...)
		b = append(b, '\n')
	}
	for len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// runeCount is utf8.RuneCount, quicker for ASCII.
func runeCount[S string | []byte](s S) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCount([]byte(s))
		}
	}
	return len(s)
}

const spaces = "                                                                "

func appendSpaces(b []byte, n int) []byte {
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	return append(b, spaces[:max(n, 0)]...)
}

// looksNumeric reports whether a cell starts like a number ("12", "-3.5",
// "1.20ms", "45.0%", "×3"): such columns are right-aligned.
func looksNumeric(s []byte) bool {
	s = bytes.TrimPrefix(s, []byte("-"))
	s = bytes.TrimPrefix(s, []byte("×"))
	s = bytes.TrimPrefix(s, []byte("~"))
	return len(s) > 0 && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}
