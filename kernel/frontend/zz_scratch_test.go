package frontend

import (
	"os"
	"strings"
	"testing"
)

func TestZZShow(t *testing.T) {
	src, err := os.ReadFile("/tmp/show.go")
	if err != nil {
		t.Skip()
	}
	s := NewSession()
	for _, c := range strings.Split(string(src), "\n----\n") {
		cell, err := s.Parse(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("\n%s\n---then---\n%s", cell.Code, cell.Then)
	}
}
