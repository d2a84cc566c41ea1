package instrument

import (
	"testing"
)

func TestFullLogAndRing(t *testing.T) {
	mu := NewMutex("logged")
	mu.Lock()
	mu.Unlock()
	if n := len(mu.Log()); n != 0 {
		t.Errorf("uncontended lock logged %d entries without full logging", n)
	}
	was := SetFullLog(true)
	defer SetFullLog(was)
	for range LogSize {
		mu.Lock()
		mu.Unlock()
	}
	log := mu.Log()
	if len(log) != LogSize {
		t.Fatalf("log has %d entries, want the last %d", len(log), LogSize)
	}
	for i, e := range log {
		if i > 0 && e.At < log[i-1].At {
			t.Fatalf("log out of order at %d", i)
		}
		if e.Object != "logged" || e.Kind != "Mutex" || e.Phase != "done" {
			t.Fatalf("entry %+v", e)
		}
	}
	var found bool
	for _, e := range Log() {
		found = found || e.Object == "logged"
	}
	if !found {
		t.Error("Log() lacks the mutex's entries")
	}
}

func TestTraceLimit(t *testing.T) {
	mu := NewMutex("trace limit")
	tr := StartTrace(traceShards) // one entry per shard
	for range 10 {
		mu.Lock()
		mu.Unlock()
	}
	entries := tr.Stop()
	if len(entries)+int(tr.Dropped()) != 20 || tr.Dropped() == 0 {
		t.Errorf("kept %d, dropped %d of 20", len(entries), tr.Dropped())
	}
	if fullLog() != false && !fullLogOn {
		t.Error("full logging still on after the trace stopped")
	}
}
