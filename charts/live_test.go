package charts_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/kernel/display"
)

// recorder is a display.Sink that keeps what it is shown.
type recorder struct {
	mu    sync.Mutex // guards shown
	shown []shown
}

type shown struct {
	b      display.Bundle
	id     string
	update bool
}

func (r *recorder) Display(b display.Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.shown = append(r.shown, shown{b, id, update})
}

func (r *recorder) ClearOutput(bool) {}

func (r *recorder) all() []shown {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]shown(nil), r.shown...)
}

func TestLive(t *testing.T) {
	rec := &recorder{}
	old := display.SetSink(rec)
	defer display.SetSink(old)

	live := charts.NewLive("sweep", 20).Axes("workers", "speedup")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				live.Add(fmt.Sprintf("config %d", g), float64(5-i), float64(i))
			}
		}()
	}
	wg.Wait()

	got := rec.all()
	if len(got) < 2 {
		t.Fatalf("%d displays, want the first and at least one update", len(got))
	}
	if got[0].update || got[0].id == "" {
		t.Errorf("first display: update=%v id=%q", got[0].update, got[0].id)
	}
	for _, s := range got[1:] {
		if !s.update || s.id != got[0].id {
			t.Errorf("later display: update=%v id=%q, want an update of %q", s.update, s.id, got[0].id)
		}
	}
	last := got[len(got)-1].b
	text := last["text/plain"].(string)
	if !strings.Contains(text, "20/20 steps (100.0%)") {
		t.Errorf("last text/plain does not show completion:\n%s", text)
	}
	for g := 0; g < 4; g++ {
		if n := strings.Count(text, fmt.Sprintf("config %d", g)); n != 5 {
			t.Errorf("config %d has %d points in the text, want 5", g, n)
		}
	}
	html := last["text/html"].(string)
	for _, want := range []string{"width:100.0%", "goconc-chart", "workers"} {
		if !strings.Contains(html, want) {
			t.Errorf("last text/html lacks %q", want)
		}
	}

	live.Done()
	got = rec.all()
	if text := got[len(got)-1].b["text/plain"].(string); !strings.Contains(text, "done") {
		t.Errorf("after Done, text/plain is:\n%s", text)
	}
}

// TestLiveStep counts steps without points; the display has no chart yet.
func TestLiveStep(t *testing.T) {
	rec := &recorder{}
	old := display.SetSink(rec)
	defer display.SetSink(old)

	live := charts.NewLive("", 4)
	live.Step(4)
	got := rec.all()
	last := got[len(got)-1].b
	if text := last["text/plain"].(string); !strings.Contains(text, "4/4 steps") {
		t.Errorf("text/plain is %q", text)
	}
	if html := last["text/html"].(string); strings.Contains(html, "<script") {
		t.Errorf("a chart without points: %s", html)
	}
	if s := live.String(); !strings.Contains(s, "4/4") {
		t.Errorf("String() = %q", s)
	}
}
