package dispatch

import "testing"

func TestCompleteness(t *testing.T) {
	tests := []struct {
		name, code, status string
	}{
		{"empty", "", "complete"},
		{"statement", "x := 1", "complete"},
		{"open brace", "func f() {", "incomplete"},
		{"open call", "fmt.Println(1,", "incomplete"},
		{"trailing operator", "x := 1 +", "incomplete"},
		{"raw string", "s := `abc", "incomplete"},
		{"closed func", "func f() {\n}", "complete"},
		{"import and statement", "import \"fmt\"\nfmt.Println(1)", "complete"},
		{"stray paren", "x := )", "invalid"},
		{"extra brace", "}", "invalid"},
	}
	for _, tt := range tests {
		if got, _ := completeness(tt.code); got != tt.status {
			t.Errorf("%s: completeness(%q) = %s, want %s", tt.name, tt.code, got, tt.status)
		}
	}
}

func TestGlobRegexp(t *testing.T) {
	re := globRegexp("fmt.*(?")
	if !re.MatchString("fmt.Println(x") || re.MatchString("xfmt.P(y") {
		t.Errorf("glob %s matched wrongly", re)
	}
}
