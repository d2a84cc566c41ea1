package native

import "strings"

// piece is a run of lines of a cell: a top-level declaration or import, or
// statements.
type piece struct {
	text string
	decl bool
}

// declKeywords start top-level declarations in column one.
var declKeywords = []string{"import ", "import(", "func ", "type ", "var ", "const "}

func startsDecl(line string) bool {
	for _, k := range declKeywords {
		if strings.HasPrefix(line, k) {
			// "func(" at the start would be a function literal statement.
			return true
		}
	}
	return false
}

// split cuts a cell into declarations (starting in column one with a
// declaration keyword, continuing over indented or closing lines) and
// statements.
func split(src string) []piece {
	var out []piece
	var cur []string
	curDecl := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, piece{strings.Join(cur, "\n"), curDecl})
		}
		cur = nil
	}
	for _, line := range strings.Split(src, "\n") {
		switch {
		case startsDecl(line):
			// The comment lines just above a declaration are its doc.
			k := len(cur)
			for k > 0 && strings.HasPrefix(cur[k-1], "//") {
				k--
			}
			doc := append([]string(nil), cur[k:]...)
			cur = cur[:k]
			flush()
			cur = doc
			curDecl = true
		case curDecl && (line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '}' || line[0] == ')'):
		case strings.HasPrefix(line, "//"):
		default:
			if curDecl {
				flush()
				curDecl = false
			}
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// DeclPieces returns the top-level declarations of a cell (with the
// comment lines above them), each as source that parses after a package
// clause. Statements are left out.
func DeclPieces(src string) []string {
	var out []string
	for _, p := range split(src) {
		if p.decl {
			out = append(out, p.text)
		}
	}
	return out
}
