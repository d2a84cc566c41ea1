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

// String lays the table out with two spaces between columns.
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
	all := append([][]string{t.header}, t.rows...)
	for ri, r := range all {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
			if ri > 0 && c != "" && !looksNumeric(c) {
				numeric[i] = false
			}
		}
	}
	var b strings.Builder
	if t.title != "" {
		b.WriteString(t.title)
		b.WriteByte('\n')
	}
	for _, r := range all {
		if len(r) == 0 {
			continue
		}
		var line strings.Builder
		for i := 0; i < ncol; i++ {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if numeric[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	for _, n := range t.notes {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// looksNumeric reports whether a cell starts like a number ("12", "-3.5",
// "1.20ms", "45.0%", "×3"): such columns are right-aligned.
func looksNumeric(s string) bool {
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimPrefix(s, "×")
	s = strings.TrimPrefix(s, "~")
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.')
}
