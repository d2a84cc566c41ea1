package native

import (
	"strings"
	"testing"
)

func TestComposeUsesOnlyWhatTheCellNeeds(t *testing.T) {
	s := NewSession()
	s.Remember("import (\"fmt\"; \"strings\")\n// shout upper-cases.\nfunc shout(s string) string { return strings.ToUpper(s) + suffix }\nconst suffix = \"!\"")
	s.Remember("func show() { display.HTML(\"<b>interpreter only</b>\") }")
	s.Remember("increments := 1000\nfmt.Println(increments)")
	s.Remember("type Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n++ }")
	prog, err := s.Compose("import \"fmt\"\nvar c Counter\nc.Inc()\nfmt.Println(shout(\"hi\"), increments, c.n)")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"func shout", "const suffix", "var increments = 1000", "func (c *Counter) Inc()", "type Counter", "import \"strings\""} {
		if !strings.Contains(prog, want) {
			t.Errorf("program lacks %q:\n%s", want, prog)
		}
	}
	for _, unwanted := range []string{"func show", "kernel/display"} {
		if strings.Contains(prog, unwanted) {
			t.Errorf("program has %q, which the cell does not use:\n%s", unwanted, prog)
		}
	}
}

func TestComposeMainCell(t *testing.T) {
	s := NewSession()
	s.Remember("func helper() int { return 2 }\nfunc main() { println(\"old main\") }")
	prog, err := s.Compose("import \"fmt\"\nfunc main() { fmt.Println(helper()) }")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(prog, "func main()") != 1 || !strings.Contains(prog, "func helper()") {
		t.Errorf("program:\n%s", prog)
	}
	if _, err := s.Compose("func main() {}\nprintln(1)"); err == nil {
		t.Error("a cell with both func main and statements was accepted")
	}
}

func TestDeclPiecesKeepDocComments(t *testing.T) {
	got := DeclPieces("x := 1\n// answer is the answer.\nfunc answer() int { return 42 }\nprintln(x)")
	if len(got) != 1 || got[0] != "// answer is the answer.\nfunc answer() int { return 42 }" {
		t.Errorf("DeclPieces = %q", got)
	}
}
