package symbols_test

import (
	"testing"

	"github.com/goconc/goconc/internal/symtest"
)

// TestTablesAreFresh regenerates the symbol tables in memory, with the
// go:generate line's settings, and compares them with the committed files.
func TestTablesAreFresh(t *testing.T) { symtest.CheckFresh(t, ".") }
