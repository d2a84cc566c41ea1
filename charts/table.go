package charts

import (
	"strings"
	"unicode/utf8"
)

// table is the text form of a chart: a title, a header, rows of cells and
// notes below. Columns whose cells all look like numbers are right-aligned.
type table struct {
	title  string
	header []string
	rows   [][]string
	notes  []string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) note(line string) { t.notes = append(t.notes, line) }

// String lays the table out with two spaces between columns. It writes
// into one buffer, sized first: a chart's table may have 10 000 rows.
func (t *table) String() string {
	ncol := len(t.header)
	for _, r := range t.rows {
		ncol = max(ncol, len(r))
	}
	width := make([]int, ncol)
	numeric := make([]bool, ncol)
	for i := range numeric {
		numeric[i] = true
	}
	measure := func(r []string, header bool) {
		for i, c := range r {
			width[i] = max(width[i], runeCount(c))
			if !header && numeric[i] && c != "" && !looksNumeric(c) {
				numeric[i] = false
			}
		}
	}
	measure(t.header, true)
	for _, r := range t.rows {
		measure(r, false)
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
	row := func(r []string) {
		if len(r) == 0 {
			return
		}
		for i := 0; i < ncol; i++ {
			c := ""
			if i < len(r) {
				c = r[i]
			}
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
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
	}
	row(t.header)
	for _, r := range t.rows {
		row(r)
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

// runeCount is utf8.RuneCountInString, quicker for ASCII.
func runeCount(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
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
func looksNumeric(s string) bool {
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimPrefix(s, "×")
	s = strings.TrimPrefix(s, "~")
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}
