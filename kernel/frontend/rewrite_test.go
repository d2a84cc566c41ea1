package frontend

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Golden files of rewrites: testdata/rewrite/NAME.txt holds a comment, the
// cells ("-- cell --" sections; all but the last are earlier cells of the
// session) and the expected outputs of the last cell ("-- code --",
// "-- then --", "-- error --"). go test -run Rewrite -update rewrites the
// outputs.

var update = flag.Bool("update", false, "rewrite the golden files")

type section struct{ name, body string }

func parseSections(s string) (comment string, secs []section) {
	var cur *section
	var head strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if name, ok := strings.CutPrefix(strings.TrimRight(l, "\n"), "-- "); ok && strings.HasSuffix(name, " --") {
			secs = append(secs, section{name: strings.TrimSuffix(name, " --")})
			cur = &secs[len(secs)-1]
			continue
		}
		if cur == nil {
			head.WriteString(l)
		} else {
			cur.body += l
		}
	}
	return head.String(), secs
}

func formatSections(comment string, secs []section) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, s := range secs {
		b.WriteString("-- " + s.name + " --\n" + s.body)
		if s.body != "" && !strings.HasSuffix(s.body, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestRewriteGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "rewrite", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			comment, secs := parseSections(string(b))
			var cells []string
			for _, s := range secs {
				if s.name == "cell" {
					cells = append(cells, s.body)
				}
			}
			if len(cells) == 0 {
				t.Fatal("no cell")
			}
			s := NewSession()
			for _, c := range cells[:len(cells)-1] {
				if _, err := s.Parse(c); err != nil {
					t.Fatalf("earlier cell: %v", err)
				}
			}
			last := cells[len(cells)-1]
			out := []section{}
			for _, c := range cells {
				out = append(out, section{"cell", c})
			}
			c, err := s.Parse(last)
			if err != nil {
				out = append(out, section{"error", err.Error() + "\n"})
			} else {
				checkLines(t, last, c)
				out = append(out, section{"code", c.Code})
				if c.Then != "" {
					out = append(out, section{"then", c.Then})
				}
			}
			got := formatSections(comment, out)
			if *update {
				if err := os.WriteFile(f, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(b) {
				t.Errorf("rewrite differs from %s (go test -run RewriteGolden -update):\n%s", f, got)
			}
		})
	}
}

// checkLines checks that the rewritten parts keep the cell's lines.
func checkLines(t *testing.T, src string, c *Cell) {
	t.Helper()
	n := strings.Count(src, "\n")
	for _, code := range []string{c.Code, c.Then} {
		if code != "" && strings.Count(code, "\n") != n {
			t.Errorf("rewritten cell has %d newlines, the cell %d:\n%s", strings.Count(code, "\n"), n, numbered(code))
		}
	}
}

func TestLinesKept(t *testing.T) {
	// Every program of the fidelity suite keeps its lines.
	files, err := filepath.Glob(filepath.Join("..", "fidelity", "testdata", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fidelity programs: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := NewSession().Parse(string(data))
		var u *Unsupported
		if errors.As(err, &u) {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkLines(t, string(data), c)
	}
}
