package e2e_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"
)

// imports is a first cell most tests run: cells import what they use, as
// in a Go file.
const imports = `import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)`

// TestKernelInfo checks kernel_info_reply on shell and on control.
func TestKernelInfo(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	for _, channel := range []string{"shell", "control"} {
		t.Run(channel, func(t *testing.T) {
			m, c := k.request(t, channel, "kernel_info_request", nil)
			if m.Header.MsgType != "kernel_info_reply" {
				t.Fatalf("got %s, want kernel_info_reply", m.Header.MsgType)
			}
			if c["status"] != "ok" {
				t.Errorf("status = %v, want ok", c["status"])
			}
			pv, _ := c["protocol_version"].(string)
			if !versionAtLeast(pv, 5, 3) {
				t.Errorf("protocol_version = %q, want 5.3 or later", pv)
			}
			li, _ := c["language_info"].(map[string]any)
			for field, want := range map[string]string{
				"name":            "go",
				"mimetype":        "text/x-go",
				"file_extension":  ".go",
				"pygments_lexer":  "go",
				"codemirror_mode": "go",
			} {
				if li[field] != want {
					t.Errorf("language_info.%s = %v, want %q", field, li[field], want)
				}
			}
			if v, _ := li["version"].(string); v == "" {
				t.Errorf("language_info.version is empty")
			}
			if b, _ := c["banner"].(string); strings.TrimSpace(b) == "" {
				t.Errorf("banner is empty")
			}
			if s, _ := c["implementation"].(string); s == "" {
				t.Errorf("implementation is empty")
			}
			links, _ := c["help_links"].([]any)
			if len(links) == 0 {
				t.Errorf("help_links is empty")
			}
			for _, l := range links {
				lm, _ := l.(map[string]any)
				if s, _ := lm["text"].(string); s == "" {
					t.Errorf("help link without text: %v", l)
				}
				if s, _ := lm["url"].(string); !strings.HasPrefix(s, "https://") {
					t.Errorf("help link without an https url: %v", l)
				}
			}
			if m.Header.Version == "" || m.Header.Session == "" || m.Header.MsgID == "" {
				t.Errorf("reply header incomplete: %+v", m.Header)
			}
		})
	}
}

func versionAtLeast(v string, major, minor int) bool {
	parts := strings.Split(v, ".")
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}

// TestExecuteMessageOrder checks the IOPub sequence of a cell and the
// execution counts.
func TestExecuteMessageOrder(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	cells := []struct {
		code   string
		result string // "" for none
		stdout string
	}{
		{imports, "", ""},
		{"fmt.Println(\"out\")\n40 + 2", "42", "out\n"},
		{"y := 3\ny * 2", "6", ""},
	}
	for i, cell := range cells {
		r := k.exec(t, cell.code).mustOK(t)
		wantCount := float64(i + 1)
		if r.rc["execution_count"] != wantCount {
			t.Errorf("cell %d: execute_reply execution_count = %v, want %v", i+1, r.rc["execution_count"], wantCount)
		}
		if r.reply.Parent.MsgID != r.req.MsgID {
			t.Errorf("cell %d: execute_reply parent = %q, want the request %q", i+1, r.reply.Parent.MsgID, r.req.MsgID)
		}
		// Expected: status busy, execute_input, stream..., execute_result?, status idle.
		var got []string
		for _, m := range r.iopub {
			if m.Parent.MsgID != r.req.MsgID {
				t.Errorf("cell %d: %s has parent %q, want %q", i+1, m.Header.MsgType, m.Parent.MsgID, r.req.MsgID)
			}
			s := m.Header.MsgType
			if st := kerneltest.ExecutionState(m); st != "" {
				s += ":" + st
			}
			if s == "stream" && len(got) > 0 && got[len(got)-1] == "stream" {
				continue // one stream may arrive as several messages
			}
			got = append(got, s)
		}
		want := []string{"status:busy", "execute_input"}
		if cell.stdout != "" {
			want = append(want, "stream")
		}
		if cell.result != "" {
			want = append(want, "execute_result")
		}
		want = append(want, "status:idle")
		if !slices.Equal(got, want) {
			t.Errorf("cell %d: IOPub sequence %v, want %v\n%s", i+1, got, want, describe(r.iopub))
		}
		if in := ofType(r.iopub, "execute_input"); len(in) == 1 {
			c := content(t, in[0])
			if c["execution_count"] != wantCount {
				t.Errorf("cell %d: execute_input execution_count = %v, want %v", i+1, c["execution_count"], wantCount)
			}
			if c["code"] != cell.code {
				t.Errorf("cell %d: execute_input code = %q, want %q", i+1, c["code"], cell.code)
			}
		}
		if got := streamText(t, r.iopub, "stdout"); got != cell.stdout {
			t.Errorf("cell %d: stdout %q, want %q", i+1, got, cell.stdout)
		}
		if cell.result != "" {
			res := ofType(r.iopub, "execute_result")
			if len(res) == 1 {
				c := content(t, res[0])
				if c["execution_count"] != wantCount {
					t.Errorf("cell %d: execute_result execution_count = %v, want %v", i+1, c["execution_count"], wantCount)
				}
				if txt, _ := resultText(t, r.iopub); txt != cell.result {
					t.Errorf("cell %d: result %q, want %q", i+1, txt, cell.result)
				}
			}
		}
	}
}

// TestExecuteResult checks when a cell has a value: only when its last
// statement is an expression with a single value.
func TestExecuteResult(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	k.exec(t, "xs := []int{3, 1, 2}\nx0 := 41").mustOK(t)
	cases := []struct {
		name, code string
		want       string // "" means no execute_result
		why        string
	}{
		{"define", "x := 1", "", "a := statement has no value"},
		{"expression", "x + 1", "2", "an expression has a value"},
		{"after-result", "x0 + 1", "42", "a value to be shadowed by the next void call"},
		{"void-call", "sort.Ints(xs)", "", "a call without results has no value, never a stale one"},
		{"void-call-again", "sort.Ints(xs)", "", "still none when repeated"},
		{"two-results", "fmt.Println(\"a\")", "", "a call with two results has no single value"},
		{"string", "strings.ToUpper(\"q\")", `"Q"`, "strings are shown quoted"},
		{"sorted", "xs", "[1 2 3]", "the void call did sort"},
		{"assignment", "x = 5", "", "an assignment has no value"},
		{"trailing-comment", "x * 3 // fifteen", "15", "comments do not hide the value"},
		{"declaration", "func twice(n int) int { return 2 * n }", "", "a declaration has no value"},
		{"call", "twice(21)", "42", "a call with one result has a value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := k.exec(t, tc.code).mustOK(t)
			got, ok := resultText(t, r.iopub)
			n := len(ofType(r.iopub, "execute_result"))
			switch {
			case tc.want == "" && n != 0:
				t.Errorf("%q: got execute_result %q, want none (%s)", tc.code, got, tc.why)
			case tc.want != "" && !ok:
				t.Errorf("%q: got %d execute_results, want one %q (%s); iopub %s", tc.code, n, tc.want, tc.why, describe(r.iopub))
			case tc.want != "" && got != tc.want:
				t.Errorf("%q: execute_result %q, want %q (%s)", tc.code, got, tc.want, tc.why)
			}
		})
	}
}

// TestErrors checks compile errors, runtime panics, and that the kernel
// goes on after them.
func TestErrors(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	cases := []struct {
		name, code string
		ename      string   // "" for any
		contains   []string // in the error text (evalue and traceback)
	}{
		{"undefined-line-3", "a := 1\nb := a\nfmt.Println(undefinedName, b)", "", []string{"undefinedName", "line 3"}},
		{"type-mismatch-line-2", "var s string\ns = 5", "", []string{"line 2"}},
		{"syntax-line-2", "x := 1\nx := := 2", "", []string{"line 2"}},
		{"panic", "panic(\"oops\")", "", []string{"oops"}},
		{"nil-map", "var m map[string]int\nm[\"a\"] = 1", "", []string{"nil map", "line 2"}},
		{"index", "s := []int{1}\ni := 5\n_ = s[i]", "", []string{"runtime error: index out of range [5] with length 1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := k.exec(t, tc.code)
			if r.rc["status"] != "error" {
				t.Fatalf("%q: status %v, want error", tc.code, r.rc["status"])
			}
			for _, f := range []string{"ename", "evalue", "traceback"} {
				if _, ok := r.rc[f]; !ok {
					t.Errorf("execute_reply has no %s: %v", f, r.rc)
				}
			}
			errs := ofType(r.iopub, "error")
			if len(errs) != 1 {
				t.Fatalf("got %d error messages on IOPub, want 1: %s", len(errs), describe(r.iopub))
			}
			ec := content(t, errs[0])
			if tb, _ := ec["traceback"].([]any); len(tb) == 0 {
				t.Errorf("error message has no traceback: %v", ec)
			}
			if ec["ename"] != r.rc["ename"] || ec["evalue"] != r.rc["evalue"] {
				t.Errorf("error message %v:%v differs from the reply %v:%v", ec["ename"], ec["evalue"], r.rc["ename"], r.rc["evalue"])
			}
			text := errorText(ec)
			for _, s := range tc.contains {
				if !strings.Contains(text, s) {
					t.Errorf("%q: error does not mention %q:\n%s", tc.code, s, text)
				}
			}
			// The kernel survived and runs the next cell.
			r2 := k.exec(t, "1 + 1").mustOK(t)
			if got, _ := resultText(t, r2.iopub); got != "2" {
				t.Errorf("next cell result %q, want 2", got)
			}
		})
	}
}

// TestSignatures checks that requests with a wrong or missing signature
// are never executed and that the kernel stays up.
func TestSignatures(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	wrong, err := wire.NewSigner(wire.DefaultSignatureScheme, "not-the-key")
	if err != nil {
		t.Fatal(err)
	}
	forge := func(code string, sign func(frames [][]byte)) wire.Header {
		m, err := k.c.Session().New("execute_request", wire.Header{}, kerneltest.ExecuteRequest{
			Code: code, StoreHistory: true, UserExpressions: map[string]string{}, StopOnError: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		frames, err := wire.Encode(m, wrong)
		if err != nil {
			t.Fatal(err)
		}
		sign(frames)
		if err := k.c.SendRaw("shell", frames); err != nil {
			t.Fatal(err)
		}
		return m.Header
	}
	var forged []wire.Header
	forged = append(forged,
		forge("forgedWrong := 1", func([][]byte) {}), // signed with another key
		forge("forgedNone := 1", func(f [][]byte) { f[1] = nil }),
		forge("forgedJunk := 1", func(f [][]byte) { f[1] = []byte("deadbeef") }),
		forge("forgedUpper := 1", func(f [][]byte) {
			// The right signature for other content.
			good, _ := wire.Encode(wire.Message{Header: wire.Header{MsgType: "x", MsgID: "y"}}, k.c.Signer())
			f[1] = good[1]
		}),
	)
	for _, name := range []string{"forgedWrong", "forgedNone", "forgedJunk", "forgedUpper"} {
		r := k.exec(t, name)
		if r.rc["status"] != "error" {
			t.Errorf("%s is defined: a forged execute_request was executed (reply %v, iopub %s)", name, r.rc, describe(r.iopub))
			continue
		}
		if text := errorText(r.rc); !strings.Contains(text, "undefined") {
			t.Errorf("%s: error does not say undefined:\n%s", name, text)
		}
	}
	// Shell requests are handled in order, so the forged ones would have
	// been answered before the cells above.
	for _, h := range forged {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if m, err := k.c.ReplyTo(ctx, "shell", h); err == nil {
			t.Errorf("the kernel answered a forged request: %s %s", m.Header.MsgType, m.Content)
		}
	}
	if _, c := k.request(t, "shell", "kernel_info_request", nil); c["status"] != "ok" {
		t.Errorf("kernel_info after forged requests: %v", c)
	}
	if !k.alive() {
		t.Errorf("kernel exited")
	}
}

// TestMalformedRequests sends requests of the wrong shape and junk frames.
func TestMalformedRequests(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	bad := []struct {
		name, channel, msgType string
		content                string
	}{
		{"code-number", "shell", "execute_request", `{"code": 5}`},
		{"code-list", "shell", "execute_request", `{"code": ["x"], "silent": "no"}`},
		{"cursor-string", "shell", "complete_request", `{"code": "fmt.P", "cursor_pos": "five"}`},
		{"inspect-code-number", "shell", "inspect_request", `{"code": 1, "cursor_pos": 1}`},
		{"is-complete-code-object", "shell", "is_complete_request", `{"code": {}}`},
		{"history-type-number", "shell", "history_request", `{"hist_access_type": 3}`},
		{"restart-string", "control", "shutdown_request", `{"restart": "yes"}`},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			m, err := k.c.Session().New(b.msgType, wire.Header{}, []byte(b.content))
			if err != nil {
				t.Fatal(err)
			}
			if err := k.c.Send(b.channel, m); err != nil {
				t.Fatal(err)
			}
			ctx := ctxFor(t, opTimeout)
			reply, err := k.c.ReplyTo(ctx, b.channel, m.Header)
			if err != nil {
				t.Fatalf("no reply to a malformed %s (alive: %v): %v", b.msgType, k.alive(), err)
			}
			c := content(t, reply)
			if want := strings.TrimSuffix(b.msgType, "_request") + "_reply"; reply.Header.MsgType != want {
				t.Errorf("reply type %s, want %s", reply.Header.MsgType, want)
			}
			if c["status"] != "error" {
				t.Errorf("reply status %v, want error: %v", c["status"], c)
			}
			if b.channel == "shell" {
				if _, err := k.c.CollectUntilIdle(ctx, m.Header); err != nil {
					t.Errorf("no idle status after a malformed request: %v", err)
				}
			}
		})
	}

	t.Run("junk-frames", func(t *testing.T) {
		sig := k.c.Signer()
		signed := func(header, parent, meta, content string) [][]byte {
			s := sig.Sign([]byte(header), []byte(parent), []byte(meta), []byte(content))
			return [][]byte{[]byte(wire.Delimiter), []byte(s), []byte(header), []byte(parent), []byte(meta), []byte(content)}
		}
		junk := map[string][][]byte{
			"one-empty-frame": {{}},
			"random-bytes":    {[]byte("\x00\xff\xfe garbage"), []byte("more")},
			"delimiter-only":  {[]byte(wire.Delimiter)},
			"too-few-frames":  {[]byte(wire.Delimiter), []byte("sig"), []byte("{}")},
			"header-not-json": signed("{not json", "{}", "{}", "{}"),
			"header-array":    signed(`["execute_request"]`, "{}", "{}", "{}"),
			"no-msg-type":     signed(`{"msg_id":"1","session":"s","username":"u","date":"","version":"5.3"}`, "{}", "{}", "{}"),
			"content-array":   signed(`{"msg_id":"2","session":"s","username":"u","date":"","msg_type":"execute_request","version":"5.3"}`, "{}", "{}", `[1,2]`),
			"content-string":  signed(`{"msg_id":"3","session":"s","username":"u","date":"","msg_type":"kernel_info_request","version":"5.3"}`, "{}", "{}", `"x"`),
			"unknown-type":    signed(`{"msg_id":"4","session":"s","username":"u","date":"","msg_type":"no_such_request","version":"5.3"}`, "{}", "{}", `{}`),
			"huge-frame":      {[]byte(wire.Delimiter), []byte(strings.Repeat("f", 64)), make([]byte, 4<<20), {}, {}, {}},
		}
		for name, frames := range junk {
			for _, ch := range []string{"shell", "control", "stdin"} {
				if err := k.c.SendRaw(ch, frames); err != nil {
					t.Fatalf("%s on %s: %v", name, ch, err)
				}
			}
		}
		for _, ch := range []string{"shell", "control"} {
			_, c := k.request(t, ch, "kernel_info_request", nil)
			if c["status"] != "ok" {
				t.Errorf("kernel_info on %s after junk: %v", ch, c)
			}
		}
		r := k.exec(t, "6 * 7").mustOK(t)
		if got, _ := resultText(t, r.iopub); got != "42" {
			t.Errorf("cell after junk: result %q, want 42", got)
		}
	})

	t.Run("unknown-request", func(t *testing.T) {
		_, c := k.request(t, "shell", "frobnicate_request", map[string]any{})
		if c["status"] != "error" {
			t.Errorf("frobnicate_reply status %v, want error", c["status"])
		}
	})
	if !k.alive() {
		t.Fatalf("kernel exited")
	}
}

// TestIntrospection covers complete, inspect, is_complete, history and
// comm_info requests.
func TestIntrospection(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	k.exec(t, "myCounter := 5\nmyCounterLimit := 10").mustOK(t)
	k.exec(t, "// double returns twice n, for the inspect test.\nfunc double(n int) int { return 2 * n }").mustOK(t)
	k.exec(t, "searchMarkerA := 1").mustOK(t)
	k.exec(t, "searchMarkerB := 2").mustOK(t)

	t.Run("complete", func(t *testing.T) {
		cases := []struct {
			name, code string
			cursor     int      // -1: end of code
			want       []string // as the completed text of the word
			wantStart  int
		}{
			{"package-member", "fmt.Pri", -1, []string{"fmt.Printf", "fmt.Println", "fmt.Print"}, 4},
			{"user-variable", "myCo", -1, []string{"myCounter", "myCounterLimit"}, 0},
			{"in-expression", "x := myCo", -1, []string{"x := myCounter"}, 5},
			{"display-members", "display.", -1, []string{"display.HTML", "display.Show", "display.Update", "display.Text", "display.Clear"}, 8},
			{"mid-line", "fmt.Pri + 1", 7, []string{"fmt.Println + 1"}, 4},
			{"user-func", "dou", -1, []string{"double"}, 0},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cursor := tc.cursor
				if cursor < 0 {
					cursor = len(tc.code)
				}
				_, c := k.request(t, "shell", "complete_request", map[string]any{"code": tc.code, "cursor_pos": cursor})
				if c["status"] != "ok" {
					t.Fatalf("status %v", c)
				}
				start, _ := c["cursor_start"].(float64)
				end, _ := c["cursor_end"].(float64)
				if int(start) != tc.wantStart || int(end) != cursor {
					t.Errorf("cursor_start, cursor_end = %v, %v; want %d, %d", start, end, tc.wantStart, cursor)
				}
				if start < 0 || end < start || int(end) > len(tc.code) {
					t.Fatalf("bad cursor range [%v, %v] in %q", start, end, tc.code)
				}
				matches, _ := c["matches"].([]any)
				var applied []string
				for _, m := range matches {
					s, _ := m.(string)
					applied = append(applied, tc.code[:int(start)]+s+tc.code[int(end):])
				}
				for _, w := range tc.want {
					if !slices.Contains(applied, w) {
						t.Errorf("completing %q: %q is not among %v (matches %v)", tc.code, w, applied, matches)
					}
				}
			})
		}
	})

	t.Run("inspect", func(t *testing.T) {
		cases := []struct {
			name, code string
			cursor     int
			found      bool
			contains   []string
		}{
			{"stdlib-func", "fmt.Println", 11, true, []string{"func", "Println", "default formats"}},
			{"cursor-inside", "fmt.Println(1)", 6, true, []string{"func", "Println"}},
			{"user-func", "double(2)", 3, true, []string{"double returns twice n", "func double"}},
			{"unknown", "nosuchthing", 5, false, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				_, c := k.request(t, "shell", "inspect_request", map[string]any{"code": tc.code, "cursor_pos": tc.cursor, "detail_level": 0})
				if c["status"] != "ok" {
					t.Fatalf("status %v", c)
				}
				if c["found"] != tc.found {
					t.Fatalf("found = %v, want %v: %v", c["found"], tc.found, c)
				}
				data, _ := c["data"].(map[string]any)
				text, _ := data["text/plain"].(string)
				for _, s := range tc.contains {
					if !strings.Contains(text, s) {
						t.Errorf("inspecting %q: text/plain lacks %q:\n%s", tc.code, s, text)
					}
				}
			})
		}
	})

	t.Run("is_complete", func(t *testing.T) {
		cases := []struct{ code, want, why string }{
			{"func f() {", "incomplete", "an open brace"},
			{"x := 1", "complete", "a statement"},
			{"x := )", "invalid", "a closing bracket that was never opened"},
			{"fmt.Println(1,", "incomplete", "an open call"},
			{"s := `raw", "incomplete", "an open raw string"},
			{"for i := 0; i < 3; i++ {\n\tfmt.Println(i)\n}", "complete", "a closed loop"},
			{"", "complete", "nothing"},
		}
		for _, tc := range cases {
			_, c := k.request(t, "shell", "is_complete_request", map[string]any{"code": tc.code})
			if c["status"] != tc.want {
				t.Errorf("is_complete(%q) = %v, want %s (%s)", tc.code, c["status"], tc.want, tc.why)
			}
		}
	})

	t.Run("history", func(t *testing.T) {
		_, c := k.request(t, "shell", "history_request", map[string]any{
			"output": false, "raw": true, "hist_access_type": "tail", "n": 2,
		})
		if got := historyInputs(c); !slices.Equal(got, []string{"searchMarkerA := 1", "searchMarkerB := 2"}) {
			t.Errorf("tail n=2: %q, want the last two cells; reply %v", got, c)
		}
		_, c = k.request(t, "shell", "history_request", map[string]any{
			"output": false, "raw": true, "hist_access_type": "search", "pattern": "*Counter*", "n": 10,
		})
		if got := historyInputs(c); !slices.Equal(got, []string{"myCounter := 5\nmyCounterLimit := 10"}) {
			t.Errorf("search *Counter*: %q; reply %v", got, c)
		}
		_, c = k.request(t, "shell", "history_request", map[string]any{
			"output": false, "raw": true, "hist_access_type": "search", "pattern": "searchMarker?*", "n": 10,
		})
		if got := historyInputs(c); len(got) != 2 {
			t.Errorf("search searchMarker?*: %q, want 2 entries", got)
		}
	})

	t.Run("comm_info", func(t *testing.T) {
		_, c := k.request(t, "shell", "comm_info_request", map[string]any{})
		if c["status"] != "ok" {
			t.Errorf("status %v", c["status"])
		}
		comms, ok := c["comms"].(map[string]any)
		if !ok || len(comms) != 0 {
			t.Errorf("comms = %v, want {}", c["comms"])
		}
	})
}

// historyInputs returns the inputs of a history_reply, checking the
// [session, line, input] shape of each entry.
func historyInputs(c map[string]any) []string {
	h, _ := c["history"].([]any)
	var out []string
	for _, e := range h {
		t, _ := e.([]any)
		if len(t) != 3 {
			out = append(out, fmt.Sprintf("BAD ENTRY %v", e))
			continue
		}
		s, _ := t[2].(string)
		out = append(out, s)
	}
	return out
}

// TestHeartbeat checks that the heartbeat echoes, also while a cell runs.
func TestHeartbeat(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	for i := range 3 {
		if err := k.c.Heartbeat(ctxFor(t, opTimeout)); err != nil {
			t.Fatalf("heartbeat %d: %v", i, err)
		}
	}
	h := k.send(t, kerneltest.ExecuteRequest{Code: "for {}"})
	waitExecuteInput(t, k, h)
	if err := k.c.Heartbeat(ctxFor(t, opTimeout)); err != nil {
		t.Errorf("heartbeat while a cell runs: %v", err)
	}
	k.request(t, "control", "interrupt_request", nil)
	k.await(t, h)
}

// TestShutdown checks shutdown_request on control (restart true and false)
// and on shell: a shutdown_reply, then the process exits with status 0.
func TestShutdown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		channel string
		restart bool
		running bool // whether a cell runs when the request arrives
	}{
		{"control-no-restart", "control", false, false},
		{"control-restart", "control", true, false},
		{"shell-no-restart", "shell", false, false},
		{"control-while-running", "control", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := startKernel(t)
			k.exec(t, "x := 1").mustOK(t)
			if tc.running {
				h := k.send(t, kerneltest.ExecuteRequest{Code: "for {}"})
				waitExecuteInput(t, k, h)
			}
			_, c := k.request(t, tc.channel, "shutdown_request", map[string]bool{"restart": tc.restart})
			if c["status"] != "ok" || c["restart"] != tc.restart {
				t.Errorf("shutdown_reply %v, want status ok, restart %v", c, tc.restart)
			}
			code, err := k.waitExit(ctxFor(t, exitTimeout))
			if err != nil {
				t.Fatal(err)
			}
			if code != 0 {
				t.Errorf("exit status %d, want 0", code)
			}
		})
	}
}

// waitExecuteInput waits for the execute_input of the request h, that is
// until the cell has started.
func waitExecuteInput(t testing.TB, k *kernel, h wire.Header) {
	t.Helper()
	ctx := ctxFor(t, opTimeout)
	for {
		m, err := k.c.IOPub(ctx)
		if err != nil {
			t.Fatalf("waiting for execute_input: %v", err)
		}
		if m.Parent.MsgID == h.MsgID && m.Header.MsgType == "execute_input" {
			return
		}
	}
}
