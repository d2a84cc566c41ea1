package charts

import (
	"fmt"
	"html"
	"sort"
	"strings"
)

// Schedule is one interleaving of the steps of a few goroutines, and what
// it produced.
type Schedule struct {
	// Steps in the order they ran. A step may name its goroutine before
	// a colon, as in "A: load x"; steps of one goroutine share a colour.
	Steps   []string
	Outcome string // e.g. "x = 1"
}

// InterleavingTable lists schedules and their outcomes as a plain HTML
// table (no script), with a count of each outcome below it. Make one with
// Interleavings.
type InterleavingTable struct {
	title     string
	schedules []Schedule
	expect    string
	hasExpect bool
}

// Interleavings returns a table of the schedules and their outcomes.
func Interleavings(title string, schedules ...Schedule) *InterleavingTable {
	return &InterleavingTable{title: title, schedules: schedules}
}

// Expect marks outcome as the correct one: the schedules that produce
// anything else are highlighted and counted as wrong.
func (t *InterleavingTable) Expect(outcome string) *InterleavingTable {
	t.expect, t.hasExpect = outcome, true
	return t
}

// MIMEBundle shows the table as "text/html" and "text/plain".
func (t *InterleavingTable) MIMEBundle() map[string]any {
	return map[string]any{"text/html": t.HTML(), "text/plain": t.String()}
}

// wrong reports whether a schedule's outcome is not the expected one.
func (t *InterleavingTable) wrong(s Schedule) bool { return t.hasExpect && s.Outcome != t.expect }

// goroutineOf returns the goroutine a step names before a colon, or "".
func goroutineOf(step string) string {
	g, _, ok := strings.Cut(step, ":")
	if !ok {
		return ""
	}
	return strings.TrimSpace(g)
}

// outcomeCount is how many schedules produced an outcome.
type outcomeCount struct {
	outcome string
	n       int
}

// outcomes counts the schedules of each outcome, most frequent first.
func (t *InterleavingTable) outcomes() []outcomeCount {
	index := map[string]int{}
	var counts []outcomeCount
	for _, s := range t.schedules {
		i, ok := index[s.Outcome]
		if !ok {
			i = len(counts)
			index[s.Outcome] = i
			counts = append(counts, outcomeCount{outcome: s.Outcome})
		}
		counts[i].n++
	}
	sort.SliceStable(counts, func(i, j int) bool { return counts[i].n > counts[j].n })
	return counts
}

// summary is one line per outcome: "x = 2: 2 of 6 schedules (33.3%)".
func (t *InterleavingTable) summary() []string {
	var lines []string
	total := len(t.schedules)
	for _, c := range t.outcomes() {
		line := fmt.Sprintf("%s: %d of %d schedules (%s)", c.outcome, c.n, total, fmtPercent(float64(c.n)/float64(total)))
		if t.hasExpect && c.outcome != t.expect {
			line += ", wrong"
		}
		lines = append(lines, line)
	}
	return lines
}

// String returns the schedules as a text table, with the outcome counts.
func (t *InterleavingTable) String() string {
	tb := table{title: t.title, header: []string{"#", "schedule", "outcome"}}
	for i, s := range t.schedules {
		out := s.Outcome
		if t.wrong(s) {
			out += "  ✗"
		}
		tb.add(fmt.Sprint(i+1), strings.Join(s.Steps, " → "), out)
	}
	for _, l := range t.summary() {
		tb.note(l)
	}
	return tb.String()
}

// HTML returns the schedules as an HTML table, styled to suit JupyterLab's
// light and dark themes.
func (t *InterleavingTable) HTML() string {
	colors := map[string]string{}
	for _, s := range t.schedules {
		for _, step := range s.Steps {
			if g := goroutineOf(step); g != "" && colors[g] == "" {
				colors[g] = palette[len(colors)%len(palette)]
			}
		}
	}
	var b strings.Builder
	cell := `style="padding:3px 10px;border-bottom:1px solid var(--jp-border-color2,rgba(128,128,128,0.35));text-align:left"`
	b.WriteString(`<div class="goconc-interleavings" style="max-width:100%;overflow-x:auto">`)
	b.WriteString(`<table style="border-collapse:collapse;margin:4px 0">`)
	if t.title != "" {
		fmt.Fprintf(&b, `<caption style="text-align:left;font-weight:bold;padding:4px 0">%s</caption>`, html.EscapeString(t.title))
	}
	fmt.Fprintf(&b, `<thead><tr><th %s>#</th><th %s>schedule</th><th %s>outcome</th></tr></thead><tbody>`, cell, cell, cell)
	for i, s := range t.schedules {
		if t.wrong(s) {
			b.WriteString(`<tr style="background:rgba(238,102,102,0.18)">`)
		} else {
			b.WriteString(`<tr>`)
		}
		fmt.Fprintf(&b, `<td %s>%d</td><td %s>`, cell, i+1, cell)
		for j, step := range s.Steps {
			if j > 0 {
				b.WriteString(` <span style="opacity:0.6">→</span> `)
			}
			if c := colors[goroutineOf(step)]; c != "" {
				fmt.Fprintf(&b, `<span style="border-left:3px solid %s;padding-left:4px;white-space:nowrap">%s</span>`, c, html.EscapeString(step))
			} else {
				fmt.Fprintf(&b, `<span style="white-space:nowrap">%s</span>`, html.EscapeString(step))
			}
		}
		out := html.EscapeString(s.Outcome)
		if t.wrong(s) {
			out = "<b>" + out + " ✗</b>"
		}
		fmt.Fprintf(&b, `</td><td %s>%s</td></tr>`, cell, out)
	}
	b.WriteString(`</tbody></table><ul style="margin:4px 0">`)
	for _, l := range t.summary() {
		fmt.Fprintf(&b, `<li>%s</li>`, html.EscapeString(l))
	}
	b.WriteString(`</ul></div>`)
	return b.String()
}
