package frontend

import (
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DBG"))
	c, err := Parse(string(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imports %v\n--- Code:\n%s\n--- Then:\n%s\nResult %q Declared %v HasMain %v", c.Imports, numbered(c.Code), numbered(c.Then), c.Result, c.Declared, c.HasMain)
}
