package runner

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/goconc/goconc/kernel/engine"
)

const sample = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "import \"fmt\"\nfmt.Println(\"a\")\nfmt.Println(\"b\")"},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["1 + ", "2"]},
  {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["raises-exception"]}, "outputs": [], "source": "panic(\"expected\")"},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "id := display.Show(display.Text(\"old\"))\ndisplay.Update(id, display.Text(\"new\"))"}
 ],
 "metadata": {"kernelspec": {"name": "goconc", "display_name": "Go (goconc)", "language": "go"}},
 "nbformat": 4,
 "nbformat_minor": 4
}`

// parseAndEngine parses a notebook and starts an engine, closed when the
// test ends.
func parseAndEngine(t *testing.T, doc string) (*Notebook, *engine.Engine) {
	t.Helper()
	nb, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return nb, eng
}

func TestRunFillsOutputs(t *testing.T) {
	nb, eng := parseAndEngine(t, sample)
	res := Run(context.Background(), nb, eng, Options{})
	if res.Cells != 4 || len(res.Failures) != 0 {
		t.Fatalf("ran %d cells with failures %+v", res.Cells, res.Failures)
	}
	outs := nb.Cells[1].Outputs
	if len(outs) != 1 || outs[0]["text"] != "a\nb\n" {
		t.Errorf("stream outputs not merged: %v", outs)
	}
	if r := nb.Cells[2].Outputs; len(r) != 1 || r[0]["output_type"] != "execute_result" || r[0]["execution_count"] != 2 {
		t.Errorf("result: %v", r)
	}
	if e := nb.Cells[3].Outputs; len(e) != 1 || e[0]["ename"] != "Panic" {
		t.Errorf("error output: %v", e)
	}
	if d := nb.Cells[4].Outputs; len(d) != 1 || d[0]["data"].(map[string]any)["text/plain"] != "new" {
		t.Errorf("updated display: %v", d)
	}
	nb.Upgrade()
	data, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	if err := json.Unmarshal(data, &generic); err != nil {
		t.Fatal(err)
	}
	if generic["nbformat_minor"] != 5.0 || strings.Contains(string(data), "transient") {
		t.Errorf("not nbformat 4.5 or transient data saved:\n%s", data)
	}
	for _, c := range nb.Cells {
		if c.ID == "" {
			t.Error("a cell has no id after Upgrade")
		}
	}
}

func TestFailuresAreReported(t *testing.T) {
	nb, eng := parseAndEngine(t, `{"cells": [{"cell_type": "code", "metadata": {}, "source": "undefinedName"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`)
	res := Run(context.Background(), nb, eng, Options{})
	if len(res.Failures) != 1 || res.Failures[0].Index != 0 || res.Failures[0].Err.Name != "CompileError" {
		t.Errorf("failures %+v", res.Failures)
	}
}

func TestParseRejectsMalformed(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"not json", `{"cells": [`, "invalid JSON"},
		{"old format", `{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}`, "nbformat 3"},
		{"bad cell type", `{"cells": [{"cell_type": "python", "metadata": {}, "source": ""}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`, "unknown cell_type"},
		{"bad source", `{"cells": [{"cell_type": "code", "metadata": {}, "source": 5}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`, "source"},
		{"null cell", `{"cells": [null], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`, "null"},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.doc)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", tt.name, err, tt.want)
		}
	}
}

func TestHTMLExport(t *testing.T) {
	nb, eng := parseAndEngine(t, sample)
	Run(context.Background(), nb, eng, Options{})
	page, err := nb.HTML("sample <1>", "<script>/*HEAD*/</script>")
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, want := range []string{"<title>sample &lt;1&gt;</title>", "<h1>Title</h1>", "a\nb\n", "In [2]:", "panic: expected", ">new<"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(s, "/*HEAD*/") != 1 {
		t.Errorf("head included %d times", strings.Count(s, "/*HEAD*/"))
	}
}
