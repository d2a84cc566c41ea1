package dispatch

import (
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/goconc/goconc/kernel/frontend"
	"github.com/goconc/goconc/kernel/wire"
)

func (k *Kernel) kernelInfo() kernelInfoReply {
	return kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        "goconc",
		ImplementationVersion: k.info.Version,
		LanguageInfo: languageInfo{
			Name: "go", Version: k.info.GoVersion, Mimetype: "text/x-go", FileExtension: ".go",
			PygmentsLexer: "go", CodemirrorMode: "go",
		},
		Banner: "goconc " + k.info.Version + " — Go " + k.info.GoVersion +
			" cells interpreted by yaegi, for the goconc course on concurrency.\n" +
			"Tab completes, Shift-Tab shows documentation, %%native runs a cell compiled.",
		HelpLinks: []helpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "The Go memory model", URL: "https://go.dev/ref/mem"},
		},
	}
}

func (k *Kernel) complete(m wire.Message) {
	var req codeCursor
	if err := m.UnmarshalContent(&req); err != nil {
		k.badRequest(k.t.Shell(), m, err)
		return
	}
	c := k.ev.Complete(req.Code, req.CursorPos)
	matches := c.Matches
	if matches == nil {
		matches = []string{}
	}
	k.reply(k.t.Shell(), m, "complete_reply", completeReply{
		Status: "ok", Matches: matches, CursorStart: c.Start, CursorEnd: c.End, Metadata: map[string]any{},
	})
}

func (k *Kernel) inspect(m wire.Message) {
	var req codeCursor
	if err := m.UnmarshalContent(&req); err != nil {
		k.badRequest(k.t.Shell(), m, err)
		return
	}
	text, found := k.ev.Inspect(req.Code, req.CursorPos)
	data := map[string]string{}
	if found {
		data["text/plain"] = text
	}
	k.reply(k.t.Shell(), m, "inspect_reply", inspectReply{Status: "ok", Found: found, Data: data, Metadata: map[string]any{}})
}

func (k *Kernel) isComplete(m wire.Message) {
	var req isCompleteRequest
	if err := m.UnmarshalContent(&req); err != nil {
		k.badRequest(k.t.Shell(), m, err)
		return
	}
	status, indent := completeness(req.Code)
	k.reply(k.t.Shell(), m, "is_complete_reply", isCompleteReply{Status: status, Indent: indent})
}

// completeness says whether code is a complete cell ("complete"), needs
// more lines ("incomplete", with the indent of the next line), or can never
// be completed ("invalid"). Open brackets, unterminated raw strings and a
// trailing binary operator mean incomplete; otherwise the front end's
// parser decides, so that whatever a cell may hold (grouped imports,
// declarations mixed with statements, a package clause) is complete. A
// cell magic's first line (%%native) is not Go: the lines after it are
// judged. A one-line line magic (%goroutines) is complete.
func completeness(code string) (status, indent string) {
	trimmed := strings.TrimLeft(code, " \t\r\n")
	switch {
	case strings.HasPrefix(trimmed, "%%"):
		_, code, _ = strings.Cut(trimmed, "\n")
	case strings.HasPrefix(trimmed, "%") && !strings.Contains(strings.TrimRight(trimmed, " \t\r\n"), "\n"):
		return "complete", ""
	}
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	var scanErr bool
	var unterminated bool
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
			return
		}
		scanErr = true
	}, 0)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		if tok != token.SEMICOLON {
			last = tok
		}
	}
	switch {
	case unterminated:
		return "incomplete", ""
	case depth < 0 || scanErr:
		return "invalid", ""
	case depth > 0:
		return "incomplete", strings.Repeat("\t", depth)
	}
	switch last {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR,
		token.LAND, token.LOR, token.COMMA, token.PERIOD, token.ASSIGN, token.DEFINE, token.ARROW:
		return "incomplete", ""
	}
	if frontend.CheckSyntax(code) != nil {
		return "invalid", ""
	}
	return "complete", ""
}

func (k *Kernel) historyReply(m wire.Message) {
	var req historyRequest
	if err := m.UnmarshalContent(&req); err != nil {
		k.badRequest(k.t.Shell(), m, err)
		return
	}
	k.reply(k.t.Shell(), m, "history_reply", historyReply{Status: "ok", History: selectHistory(k.history, req)})
}

// historySession is the number of the kernel's one history session: a
// goconc kernel keeps no history from earlier runs.
const historySession = 1

// selectHistory answers a history_request from the cells run so far, as
// IPython does: "tail" the last n, "range" lines start ≤ line < stop of a
// session (0 or 1 is this one, a negative number an earlier one, of which
// there are none; stop 0 means to the end), "search" those matching a glob
// pattern, the last n, once each with unique. Each entry is [session,
// line, input], or with output [session, line, [input, output]] where
// output is the text/plain of the cell's result, or null.
func selectHistory(all []historyEntry, req historyRequest) [][]any {
	var entries []historyEntry
	switch req.HistAccessType {
	case "search":
		pattern := globRegexp(req.Pattern)
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- {
			h := all[i]
			if !pattern.MatchString(h.input) || (req.Unique && seen[h.input]) {
				continue
			}
			seen[h.input] = true
			entries = append(entries, h)
			if req.N > 0 && len(entries) >= req.N {
				break
			}
		}
		slices.Reverse(entries)
	case "range":
		if req.Session != 0 && req.Session != historySession {
			break
		}
		for _, h := range all {
			if h.line >= req.Start && (req.Stop <= 0 || h.line < req.Stop) {
				entries = append(entries, h)
			}
		}
	default: // "tail"
		entries = all
		if req.N > 0 && len(entries) > req.N {
			entries = entries[len(entries)-req.N:]
		}
	}
	hist := make([][]any, 0, len(entries))
	for _, h := range entries {
		var in any = h.input
		if req.Output {
			var out any // null: the cell showed no result
			if h.hasOutput {
				out = h.output
			}
			in = []any{h.input, out}
		}
		hist = append(hist, []any{historySession, h.line, in})
	}
	return hist
}

// globRegexp turns a history search pattern (glob with * and ?) into a
// regular expression matching the whole input.
func globRegexp(glob string) *regexp.Regexp {
	if glob == "" {
		glob = "*"
	}
	var b strings.Builder
	b.WriteString("(?s)^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
