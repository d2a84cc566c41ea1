package e2e_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"
)

// TestInterrupt stops running cells with interrupt_request on control,
// and with SIGINT, whether they spin in interpreted code or block in
// compiled code; the next cell then runs.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		setup   string // run before, must succeed
		code    string
		signal  bool     // SIGINT to the process instead of interrupt_request
		mention []string // the error text names what is still blocked
		why     string
	}{
		{"busy-loop", "", "for {}", false, nil, "interpreted code stops at once"},
		{"busy-loop-with-work", "n := 0", "for {\n\tn++\n}", false, nil, "a loop doing work"},
		{"sleep", imports, "time.Sleep(time.Hour)", false, []string{"time.Sleep"}, "blocked in compiled time.Sleep"},
		{"mutex-locked-twice", imports, "var mu sync.Mutex\nmu.Lock()\nmu.Lock()", false, []string{"Mutex", "Lock"}, "blocked in compiled sync.Mutex.Lock"},
		{"waitgroup-wait", imports, "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()", false, []string{"WaitGroup", "Wait"}, "blocked in compiled sync.WaitGroup.Wait"},
		{"channel-receive", "", "ch := make(chan int)\n<-ch", false, nil, "an interpreted channel receive"},
		{"select-empty", "", "select {}", false, nil, "an empty select"},
		{"sigint-busy-loop", "", "for {}", true, nil, "SIGINT interrupts like interrupt_request"},
		{"sigint-sleep", imports, "time.Sleep(time.Hour)", true, []string{"time.Sleep"}, "SIGINT while blocked in compiled code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			k := startKernel(t)
			k.exec(t, "before := 11").mustOK(t)
			if tc.setup != "" {
				k.exec(t, tc.setup).mustOK(t)
			}
			code := tc.code
			if len(tc.mention) > 0 {
				// The cell says when it reaches the blocking call: an
				// interrupt before that stops interpreted code, and
				// nothing is left blocked to name.
				code = "fmt.Println(\"" + blockingMarker + "\")\n" + code
			}
			h := k.send(t, kerneltest.ExecuteRequest{Code: code, StoreHistory: true, StopOnError: true})
			waitExecuteInput(t, k, h)
			if len(tc.mention) > 0 {
				waitStream(t, k, h, blockingMarker)
				time.Sleep(100 * time.Millisecond) // from the print to the call
			}

			// The control channel answers while the cell runs.
			if _, c := k.request(t, "control", "kernel_info_request", nil); c["status"] != "ok" {
				t.Errorf("kernel_info on control while a cell runs: %v", c)
			}

			if tc.signal {
				if err := k.cmd.Process.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
			} else {
				_, c := k.request(t, "control", "interrupt_request", nil)
				if c["status"] != "ok" {
					t.Errorf("interrupt_reply %v, want status ok", c)
				}
			}
			r := k.await(t, h)
			if r.rc["status"] != "error" || r.rc["ename"] != "Interrupt" {
				t.Fatalf("execute_reply %v, want status error with ename Interrupt (%s)", r.rc, tc.why)
			}
			errs := ofType(r.iopub, "error")
			if len(errs) != 1 {
				t.Errorf("got %d error messages, want 1: %s", len(errs), describe(r.iopub))
			}
			text := errorText(r.rc)
			for _, s := range tc.mention {
				if !strings.Contains(text, s) {
					t.Errorf("the interrupt error does not name %q (%s):\n%s", s, tc.why, text)
				}
			}
			// The kernel goes on, with its state.
			r = k.exec(t, "before + 1").mustOK(t)
			if got, _ := resultText(t, r.iopub); got != "12" {
				t.Errorf("cell after the interrupt: %q, want 12", got)
			}
			if !k.alive() {
				t.Errorf("kernel exited")
			}
		})
	}
}

// blockingMarker is printed by a cell just before it blocks.
const blockingMarker = "about to block"

// waitStream waits for a stream message of the request h containing s.
func waitStream(t testing.TB, k *kernel, h wire.Header, s string) {
	t.Helper()
	ctx := ctxFor(t, opTimeout)
	for {
		m, err := k.c.IOPub(ctx)
		if err != nil {
			t.Fatalf("waiting for %q on IOPub: %v", s, err)
		}
		if m.Parent.MsgID == h.MsgID && m.Header.MsgType == "stream" && strings.Contains(string(m.Content), s) {
			return
		}
	}
}

// TestInterruptIdle checks that an interrupt with no cell running is
// answered and harmless. (SIGINT at idle is not tested: its delivery is
// asynchronous, so it could hit the next cell.)
func TestInterruptIdle(t *testing.T) {
	t.Parallel()
	k := startKernel(t)
	if _, c := k.request(t, "control", "interrupt_request", nil); c["status"] != "ok" {
		t.Errorf("interrupt_reply %v", c)
	}
	r := k.exec(t, "1 + 2").mustOK(t)
	if got, _ := resultText(t, r.iopub); got != "3" {
		t.Errorf("cell after an idle interrupt: %q, want 3", got)
	}
}
