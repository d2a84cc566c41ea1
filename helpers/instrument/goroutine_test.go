package instrument

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/cellrt"
)

func TestLabels(t *testing.T) {
	if Label() != "" {
		t.Fatalf("test goroutine labelled %q", Label())
	}
	SetLabel("main")
	if Label() != "main" || Current().String() != "main" {
		t.Errorf("Label() = %q, Current() = %v", Label(), Current())
	}
	SetLabel("")
	if got, want := Current().String(), "goroutine "; len(got) <= len(want) || got[:len(want)] != want {
		t.Errorf("unlabelled Current() = %q", got)
	}
	var g Group
	got := make([]string, 3)
	g.GoN("w", 3, func(i int) { got[i] = Label() })
	g.Wait()
	for i, l := range got {
		if want := "w-" + string(rune('0'+i)); l != want {
			t.Errorf("goroutine %d labelled %q, want %q", i, l, want)
		}
	}
}

func TestPruneForgetsExitedGoroutines(t *testing.T) {
	var g Group
	ids := make([]int64, 50)
	g.GoN("short-lived", 50, func(i int) { ids[i] = curG().id })
	g.Wait()
	curG() // this goroutine stays
	pruneDead()
	for _, id := range ids {
		if _, ok := gAll.Load(id); ok {
			t.Fatalf("exited goroutine %d still known", id)
		}
	}
	if _, ok := gAll.Load(curG().id); !ok {
		t.Error("live goroutine forgotten")
	}
}

// slowTracker is a cellrt.Tracker that takes its time to record a
// goroutine's end, as the kernel may when it is busy.
type slowTracker struct {
	mu       sync.Mutex
	panics   []any
	reported atomic.Int64
}

func (*slowTracker) Spawn() any { return nil }
func (*slowTracker) Enter(any)  {}
func (t *slowTracker) Exit(_ any, p any, _ []byte) {
	time.Sleep(20 * time.Millisecond)
	if p != nil {
		t.mu.Lock()
		t.panics = append(t.panics, p)
		t.mu.Unlock()
	}
	t.reported.Add(1)
}

// TestGroupWaitReturnsAfterPanicsAreReported checks that a Group's Wait
// returns only once the kernel knows of its goroutines' panics: the cell
// that waits would otherwise end without the error.
func TestGroupWaitReturnsAfterPanicsAreReported(t *testing.T) {
	tr := &slowTracker{}
	old := cellrt.SetTracker(tr)
	defer cellrt.SetTracker(old)

	var g Group
	g.Go("bad", func() { panic("boom") })
	g.Go("good", func() {})
	g.Wait()
	if n := tr.reported.Load(); n != 2 {
		t.Fatalf("Wait returned after %d of 2 goroutine ends were reported", n)
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if len(tr.panics) != 1 || tr.panics[0] != "boom" {
		t.Fatalf("reported panics %v, want [boom]", tr.panics)
	}
}
