package symbols

import (
	"testing"

	"github.com/goconc/goconc/internal/symtest"
)

// TestTablesAreFresh fails when a table differs from what go generate
// would write now.
func TestTablesAreFresh(t *testing.T) { symtest.CheckFresh(t, ".") }
