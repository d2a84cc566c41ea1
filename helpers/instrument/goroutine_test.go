package instrument

import (
	"testing"
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
