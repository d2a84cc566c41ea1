package e2e_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"
)

// TestFaults checks faults of a cell that the kernel survives with its
// state.
func TestFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, code string
		ename      string // "" for any
		mention    string
		why        string
	}{
		{"os-exit", "os.Exit(3)", "", "os.Exit", "exiting would lose the session: refused"},
		{"os-exit-zero", "os.Exit(0)", "", "os.Exit", "even a successful exit"},
		{"goroutine-panic", "go func() { panic(\"boom\") }()\ntime.Sleep(200 * time.Millisecond)", "", "boom",
			"a goroutine's panic would crash the process: reported in its cell"},
		{"nested-goroutine-panic", "go func() {\n\tgo func() { panic(\"deep boom\") }()\n}()\ntime.Sleep(200 * time.Millisecond)", "", "deep boom",
			"a goroutine started by a goroutine of the cell"},
		{"nil-dereference", "var p *int\nfmt.Println(*p)", "", "line 2", "a runtime error"},
		{"closed-channel-close", "ch := make(chan int)\nclose(ch)\nclose(ch)", "", "close of closed channel", "a runtime panic"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := startKernel(t)
			k.exec(t, imports).mustOK(t)
			k.exec(t, "kept := 41").mustOK(t)
			r := k.exec(t, tc.code)
			if tc.mention != "" {
				if r.rc["status"] != "error" {
					t.Fatalf("status %v, want error (%s); iopub %s", r.rc["status"], tc.why, describe(r.iopub))
				}
				if text := errorText(r.rc); !strings.Contains(text, tc.mention) {
					t.Errorf("error does not mention %q (%s):\n%s", tc.mention, tc.why, text)
				}
				if n := len(ofType(r.iopub, "error")); n != 1 {
					t.Errorf("%d error messages on IOPub, want 1: %s", n, describe(r.iopub))
				}
			}
			if !k.alive() {
				t.Fatalf("kernel process exited (%s)", tc.why)
			}
			r = k.exec(t, "kept + 1").mustOK(t)
			if got, _ := resultText(t, r.iopub); got != "42" {
				t.Errorf("state lost: kept + 1 = %q, want 42", got)
			}
		})
	}
}

// TestLateGoroutinePanic checks that a goroutine panicking after its cell
// ended does not crash the kernel and is reported under that cell.
func TestLateGoroutinePanic(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	k.exec(t, "kept := 41").mustOK(t)
	r := k.exec(t, "go func() {\n\ttime.Sleep(200 * time.Millisecond)\n\tpanic(\"later boom\")\n}()").mustOK(t)
	ctx := ctxFor(t, opTimeout)
	for {
		m, err := k.c.IOPub(ctx)
		if err != nil {
			t.Fatalf("the late panic was not reported (alive: %v): %v", k.alive(), err)
		}
		if strings.Contains(string(m.Content), "later boom") {
			if m.Parent.MsgID != r.req.MsgID {
				t.Errorf("late panic reported with parent %q, want its cell %q", m.Parent.MsgID, r.req.MsgID)
			}
			break
		}
	}
	if !k.alive() {
		t.Fatal("kernel exited")
	}
	r = k.exec(t, "kept + 1").mustOK(t)
	if got, _ := resultText(t, r.iopub); got != "42" {
		t.Errorf("state lost: kept + 1 = %q, want 42", got)
	}
}

// TestStreaming checks that output reaches the client while the cell
// still runs.
func TestStreaming(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	h := k.send(t, kerneltest.ExecuteRequest{
		Code:         "fmt.Println(\"first\")\ntime.Sleep(500 * time.Millisecond)\nfmt.Println(\"second\")",
		StoreHistory: true,
	})
	ctx := ctxFor(t, opTimeout)
	type arrival struct {
		text string
		at   time.Time
	}
	var streams []arrival
	for {
		m, err := k.c.IOPub(ctx)
		if err != nil {
			t.Fatalf("%v (streams so far %v)", err, streams)
		}
		if m.Parent.MsgID != h.MsgID {
			continue
		}
		if m.Header.MsgType == "stream" {
			streams = append(streams, arrival{fmt.Sprint(content(t, m)["text"]), time.Now()})
		}
		if kerneltest.IsIdle(m) {
			break
		}
	}
	if len(streams) < 2 {
		t.Fatalf("got %d stream messages %v, want the two lines in separate messages: output is not streamed", len(streams), streams)
	}
	if !strings.Contains(streams[0].text, "first") || strings.Contains(streams[0].text, "second") {
		t.Errorf("first stream message %q, want only the first line", streams[0].text)
	}
	var all strings.Builder
	for _, s := range streams {
		all.WriteString(s.text)
	}
	if all.String() != "first\nsecond\n" {
		t.Errorf("stream text %q", all.String())
	}
	t.Logf("first line arrived %v before the last", streams[len(streams)-1].at.Sub(streams[0].at))
	if _, err := k.c.ReplyTo(ctx, "shell", h); err != nil {
		t.Fatal(err)
	}
}

// TestManyGoroutinesPrinting checks that 10 000 goroutines printing one
// line each yield exactly 10 000 whole lines.
func TestManyGoroutinesPrinting(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	const n = 10000
	r := k.exec(t, fmt.Sprintf(`var wg sync.WaitGroup
for i := 0; i < %d; i++ {
	wg.Add(1)
	go func(i int) {
		defer wg.Done()
		fmt.Println("line", i)
	}(i)
}
wg.Wait()`, n)).mustOK(t)
	text := streamText(t, r.iopub, "stdout")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("got %d lines, want %d (stderr %q)", len(lines), n, tail(streamText(t, r.iopub, "stderr"), 300))
	}
	seen := make([]bool, n)
	for _, l := range lines {
		var i int
		if _, err := fmt.Sscanf(l, "line %d", &i); err != nil || i < 0 || i >= n || seen[i] || l != fmt.Sprintf("line %d", i) {
			t.Fatalf("bad or repeated line %q", l)
		}
		seen[i] = true
	}
}

// TestOutputFlood checks that a cell printing about 100 MB is cut with a
// notice and that the kernel then answers.
func TestOutputFlood(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	r := k.exec(t, `line := strings.Repeat("x", 1023) + "\n"
for i := 0; i < 100000; i++ {
	fmt.Print(line)
}`).mustOK(t)
	streams := ofType(r.iopub, "stream")
	if len(streams) == 0 {
		t.Fatalf("no output: %s", describe(r.iopub))
	}
	total := 0
	for _, m := range streams {
		total += len(fmt.Sprint(content(t, m)["text"]))
	}
	isNotice := func(m wire.Message) bool {
		s := fmt.Sprint(content(t, m)["text"])
		return strings.Contains(s, "output cut") || strings.Contains(strings.ToLower(s), "truncat")
	}
	notice := -1
	for i, m := range streams {
		if isNotice(m) {
			notice = i
		}
	}
	switch {
	case notice < 0:
		t.Errorf("no truncation notice in %d stream messages; the last is %q", len(streams),
			tail(fmt.Sprint(content(t, streams[len(streams)-1])["text"]), 200))
	case notice != len(streams)-1:
		t.Errorf("the truncation notice is stream message %d of %d, not the last: output arrived after it (%q)",
			notice+1, len(streams), tail(fmt.Sprint(content(t, streams[len(streams)-1])["text"]), 80))
	}
	if total >= 100<<20 {
		t.Errorf("%d bytes delivered: the flood was not cut", total)
	}
	t.Logf("%d bytes in %d stream messages", total, len(streams))
	r = k.exec(t, "6 * 7").mustOK(t)
	if got, _ := resultText(t, r.iopub); got != "42" {
		t.Errorf("next cell: %q, want 42", got)
	}
	if s := streamText(t, r.iopub, ""); s != "" {
		t.Errorf("the flood leaks into the next cell: %q", tail(s, 200))
	}
}

// TestLateGoroutineOutput checks that output of goroutines still running
// after their cell ended carries the original cell's parent header, also
// while another cell runs.
func TestLateGoroutineOutput(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	first := k.exec(t, `go func() {
	time.Sleep(300 * time.Millisecond)
	fmt.Println("late line")
}()
"started"`).mustOK(t)
	second := k.send(t, kerneltest.ExecuteRequest{Code: "time.Sleep(time.Second)\nfmt.Println(\"second cell\")", StoreHistory: true})

	ctx := ctxFor(t, opTimeout)
	var late, secondOut []wire.Message
	for len(late) == 0 || len(secondOut) == 0 {
		m, err := k.c.IOPub(ctx)
		if err != nil {
			t.Fatalf("%v; late %s; second %s", err, describe(late), describe(secondOut))
		}
		if m.Header.MsgType != "stream" {
			continue
		}
		text := fmt.Sprint(content(t, m)["text"])
		if strings.Contains(text, "late line") {
			late = append(late, m)
		}
		if strings.Contains(text, "second cell") {
			secondOut = append(secondOut, m)
		}
	}
	if p := late[0].Parent; p.MsgID != first.req.MsgID {
		t.Errorf("late output has parent %s %q, want the first cell %q (the second cell is %q)", p.MsgType, p.MsgID, first.req.MsgID, second.MsgID)
	}
	if p := secondOut[0].Parent; p.MsgID != second.MsgID {
		t.Errorf("second cell's output has parent %q, want %q", p.MsgID, second.MsgID)
	}
	if strings.Contains(fmt.Sprint(content(t, secondOut[0])["text"]), "late") {
		t.Errorf("late output mixed into the second cell's stream")
	}
}

// TestFD1Output checks that compiled code writing to file descriptor 1
// reaches the cell's stream before the cell's idle status, where
// clients such as nbclient stop listening.
func TestFD1Output(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)
	cases := []struct{ name, code, want string }{
		{"fd1", `f := os.NewFile(1, "fd1")
fmt.Fprintln(f, "fd one")`, "fd one"},
		{"os-stdout-file", `fmt.Fprintln(os.NewFile(2, "fd2"), "fd two")`, "fd two"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := k.exec(t, tc.code).mustOK(t)
			if strings.Contains(streamText(t, r.iopub, ""), tc.want) {
				return
			}
			// Not before idle: look for it later, to tell lost output from
			// late output in the report.
			t.Errorf("%q is not in the cell's output up to idle: %s", tc.want, describe(r.iopub))
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			for {
				m, err := k.c.IOPub(ctx)
				if err != nil {
					t.Errorf("%q never arrived", tc.want)
					return
				}
				if m.Header.MsgType == "stream" && strings.Contains(fmt.Sprint(content(t, m)["text"]), tc.want) {
					t.Errorf("%q arrived after idle, parent %s (this cell: %s)", tc.want, m.Parent.MsgID, r.req.MsgID)
					return
				}
			}
		})
	}
}

// TestDisplay checks display_data, update_display_data and clear_output.
func TestDisplay(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	k.exec(t, imports).mustOK(t)

	t.Run("html", func(t *testing.T) {
		r := k.exec(t, `display.HTML("<b>x</b>")`).mustOK(t)
		ds := ofType(r.iopub, "display_data")
		if len(ds) != 1 {
			t.Fatalf("%d display_data, want 1: %s", len(ds), describe(r.iopub))
		}
		data, _ := content(t, ds[0])["data"].(map[string]any)
		if data["text/html"] != "<b>x</b>" {
			t.Errorf("text/html = %v", data["text/html"])
		}
		if _, ok := data["text/plain"]; !ok {
			t.Errorf("no text/plain fallback: %v", data)
		}
		if n := len(ofType(r.iopub, "execute_result")); n != 0 {
			t.Errorf("the display id was also shown as a result (%d execute_result)", n)
		}
	})

	t.Run("update", func(t *testing.T) {
		r := k.exec(t, "id := display.Show(display.Text(\"a\"))\ndisplay.Update(id, display.Text(\"b\"))").mustOK(t)
		ds, us := ofType(r.iopub, "display_data"), ofType(r.iopub, "update_display_data")
		if len(ds) != 1 || len(us) != 1 {
			t.Fatalf("got %s, want one display_data and one update_display_data", describe(r.iopub))
		}
		dc, uc := content(t, ds[0]), content(t, us[0])
		did := displayID(dc)
		if did == "" || did != displayID(uc) {
			t.Errorf("display ids %q and %q, want the same non-empty transient display_id", did, displayID(uc))
		}
		if d, _ := uc["data"].(map[string]any); d["text/plain"] != "b" {
			t.Errorf("update data %v, want text/plain b", uc["data"])
		}
		// Updating from a later cell works too.
		r = k.exec(t, `display.Update(id, display.Text("c"))`).mustOK(t)
		us = ofType(r.iopub, "update_display_data")
		if len(us) != 1 || displayID(content(t, us[0])) != did {
			t.Errorf("update from a later cell: %s", describe(r.iopub))
		}
	})

	t.Run("clear", func(t *testing.T) {
		for _, wait := range []bool{false, true} {
			r := k.exec(t, fmt.Sprintf("fmt.Println(\"before\")\ndisplay.Clear(%v)\nfmt.Println(\"after\")", wait)).mustOK(t)
			var seq []string
			for _, m := range r.iopub {
				switch m.Header.MsgType {
				case "stream":
					seq = append(seq, strings.TrimSpace(fmt.Sprint(content(t, m)["text"])))
				case "clear_output":
					seq = append(seq, fmt.Sprintf("clear(%v)", content(t, m)["wait"]))
				}
			}
			want := []string{"before", fmt.Sprintf("clear(%v)", wait), "after"}
			if !slices.Equal(seq, want) {
				t.Errorf("Clear(%v): %q, want %q", wait, seq, want)
			}
		}
	})
}

func displayID(c map[string]any) string {
	tr, _ := c["transient"].(map[string]any)
	s, _ := tr["display_id"].(string)
	return s
}

// TestStdin checks input_request with allow_stdin, and EOF without it,
// for the ways a cell reads standard input.
func TestStdin(t *testing.T) {
	t.Parallel()
	readers := []struct{ name, code string }{
		{"bufio-os-stdin", "import \"bufio\"\nr := bufio.NewReader(os.Stdin)\nline, err := r.ReadString('\\n')\nfmt.Println(\"got\", strings.TrimSpace(line), err)"},
		{"fmt-scanln", "var word string\n_, err := fmt.Scanln(&word)\nfmt.Println(\"got\", word, err)"},
	}
	for _, rd := range readers {
		t.Run(rd.name, func(t *testing.T) {
			t.Parallel()
			k := startKernel(t)
			k.exec(t, imports).mustOK(t)

			t.Run("allowed", func(t *testing.T) {
				h := k.send(t, kerneltest.ExecuteRequest{Code: rd.code, StoreHistory: true, AllowStdin: true})
				ask, err := awaitInputRequest(t, k, h)
				if err != nil {
					t.Fatal(err)
				}
				if ask.Header.MsgType != "input_request" {
					t.Fatalf("got %s on stdin, want input_request", ask.Header.MsgType)
				}
				if ask.Parent.MsgID != h.MsgID {
					t.Errorf("input_request parent %q, want the execute_request %q", ask.Parent.MsgID, h.MsgID)
				}
				c := content(t, ask)
				if _, ok := c["prompt"]; !ok {
					t.Errorf("input_request without prompt: %v", c)
				}
				if c["password"] != false {
					t.Errorf("input_request password = %v, want false", c["password"])
				}
				if err := k.c.StdinSend(ask.Header, "hello"); err != nil {
					t.Fatal(err)
				}
				r := k.await(t, h).mustOK(t)
				if out := streamText(t, r.iopub, "stdout"); !strings.Contains(out, "got hello <nil>") {
					t.Errorf("output %q, want the answer", out)
				}
			})

			t.Run("refused", func(t *testing.T) {
				h := k.send(t, kerneltest.ExecuteRequest{Code: rd.code, StoreHistory: true, AllowStdin: false})
				r := k.await(t, h)
				out := streamText(t, r.iopub, "")
				if r.rc["status"] == "ok" && !strings.Contains(out, "EOF") {
					t.Errorf("reading stdin without allow_stdin: output %q, want an EOF or an error", out)
				}
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				if m, err := k.c.StdinRecv(ctx); err == nil {
					t.Errorf("the kernel sent %s on stdin although allow_stdin is false", m.Header.MsgType)
				}
			})
		})
	}
}

// awaitInputRequest waits for the input_request of the execute request h.
// If the cell ends first, it says so with the cell's outcome.
func awaitInputRequest(t *testing.T, k *kernel, h wire.Header) (wire.Message, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	type result struct {
		m   wire.Message
		err error
	}
	asked, replied := make(chan result, 1), make(chan result, 1)
	go func() {
		m, err := k.c.StdinRecv(ctx)
		asked <- result{m, err}
	}()
	go func() {
		m, err := k.c.ReplyTo(ctx, "shell", h)
		replied <- result{m, err}
	}()
	select {
	case a := <-asked:
		if a.err != nil {
			return wire.Message{}, fmt.Errorf("no input_request on stdin: %w", a.err)
		}
		cancel()
		if r := <-replied; r.err == nil {
			return wire.Message{}, fmt.Errorf("execute_reply arrived with the input_request, before the answer: %s", r.m.Content)
		}
		return a.m, nil
	case r := <-replied:
		cancel()
		<-asked
		if r.err != nil {
			return wire.Message{}, fmt.Errorf("neither input_request nor execute_reply: %w", r.err)
		}
		out, _ := k.c.CollectUntilIdle(ctxFor(t, opTimeout), h)
		return wire.Message{}, fmt.Errorf("the cell ended without an input_request on stdin: execute_reply %s, output %s", r.m.Content, describe(out))
	}
}
