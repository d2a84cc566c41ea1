package dispatch

import (
	"encoding/json"
	"testing"
)

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
		{"grouped imports", "import (\n\t\"fmt\"\n\t\"sync\"\n)\nvar mu sync.Mutex\nfmt.Println(&mu)", "complete"},
		{"open grouped import", "import (\n\t\"fmt\"", "incomplete"},
		{"declarations and statements", "type T struct{ n int }\nfunc (t T) N() int { return t.n }\nx := T{3}\nfmt.Println(x.N())", "complete"},
		{"package clause", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}", "complete"},
		{"package clause not first", "x := 1\npackage main", "invalid"},
		{"native cell", "%%native -race\nimport (\n\t\"fmt\"\n)\nfmt.Println(1)", "complete"},
		{"native cell open", "%%native\nfor i := range 3 {", "incomplete"},
		{"native cell invalid", "%%native\nx := )", "invalid"},
		{"line magic", "%goroutines", "complete"},
		{"statement keyword misplaced", "x := 1\nelse {}", "invalid"},
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

// TestSelectHistory checks history replies against the protocol: entries
// [session, line, input], or [session, line, [input, output]] with output.
func TestSelectHistory(t *testing.T) {
	all := []historyEntry{
		{line: 1, input: "x := 1"},
		{line: 2, input: "x + 1", output: "2", hasOutput: true},
		{line: 3, input: "x + 1", output: "2", hasOutput: true},
		{line: 4, input: `fmt.Println("hi")`},
	}
	tests := []struct {
		name string
		req  historyRequest
		want string
	}{
		{"tail", historyRequest{HistAccessType: "tail", N: 2},
			`[[1,3,"x + 1"],[1,4,"fmt.Println(\"hi\")"]]`},
		{"tail with output", historyRequest{HistAccessType: "tail", N: 2, Output: true},
			`[[1,3,["x + 1","2"]],[1,4,["fmt.Println(\"hi\")",null]]]`},
		{"range of this session", historyRequest{HistAccessType: "range", Session: 1, Start: 2, Stop: 3},
			`[[1,2,"x + 1"]]`},
		{"range of the current session, to the end", historyRequest{HistAccessType: "range", Session: 0, Start: 3},
			`[[1,3,"x + 1"],[1,4,"fmt.Println(\"hi\")"]]`},
		{"range of an earlier session", historyRequest{HistAccessType: "range", Session: -1, Start: 1},
			`[]`},
		{"search", historyRequest{HistAccessType: "search", Pattern: "x*"},
			`[[1,1,"x := 1"],[1,2,"x + 1"],[1,3,"x + 1"]]`},
		{"search unique", historyRequest{HistAccessType: "search", Pattern: "x*", Unique: true},
			`[[1,1,"x := 1"],[1,3,"x + 1"]]`},
		{"search last n", historyRequest{HistAccessType: "search", Pattern: "*", N: 2},
			`[[1,3,"x + 1"],[1,4,"fmt.Println(\"hi\")"]]`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(selectHistory(all, tt.req))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
