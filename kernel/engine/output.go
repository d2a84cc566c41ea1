package engine

import (
	"fmt"
	"sync"
	"time"

	"github.com/goconc/goconc/kernel/display"
)

// Output receives what one cell produces. The dispatcher implements it for
// each execute request; the headless runner implements it to fill a
// notebook's outputs. Methods may be called from any goroutine, also after
// Execute has returned (goroutines started by the cell keep printing).
type Output interface {
	// Stream delivers text written to "stdout" or "stderr".
	Stream(name, text string)
	// Display shows a MIME bundle; id is the display id ("" for none) and
	// update says whether it replaces the display with that id.
	Display(b display.Bundle, id string, update bool)
	// Clear clears the cell's output (clear_output).
	Clear(wait bool)
	// Error shows an error that happened after the cell's reply, such as
	// a panic in a goroutine the cell started.
	Error(e *Error)
	// Input asks the user for a line of text. It returns an error when the
	// client cannot answer (allow_stdin false, headless runs).
	Input(prompt string, password bool) (string, error)
}

// flushDelay is how long stream output is gathered before it is sent, so
// that a loop printing many short lines makes few messages.
const flushDelay = 20 * time.Millisecond

// cellOutput buffers one cell's streams and forwards them to its Output,
// at most once per flushDelay, and cuts floods at a byte limit.
type cellOutput struct {
	out   Output
	limit int64

	sendMu sync.Mutex // held while sending, so that flushes never interleave

	mu        sync.Mutex // guards the fields below
	pending   []chunk
	scheduled bool
	written   int64 // bytes accepted so far
	dropped   int64 // bytes dropped since the limit was reached
	notified  bool  // whether the truncation notice was sent
}

type chunk struct {
	stream string
	text   []byte
}

func newCellOutput(out Output, limit int64) *cellOutput {
	return &cellOutput{out: out, limit: limit}
}

// write queues p on stream. It never blocks on the client.
func (c *cellOutput) write(stream string, p []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.limit > 0 && c.written+int64(len(p)) > c.limit {
		room := c.limit - c.written
		if room < 0 {
			room = 0
		}
		c.dropped += int64(len(p)) - room
		p = p[:room]
	}
	if len(p) > 0 {
		c.written += int64(len(p))
		if n := len(c.pending); n > 0 && c.pending[n-1].stream == stream {
			c.pending[n-1].text = append(c.pending[n-1].text, p...)
		} else {
			c.pending = append(c.pending, chunk{stream, append([]byte(nil), p...)})
		}
	}
	if !c.scheduled {
		c.scheduled = true
		time.AfterFunc(flushDelay, c.flush)
	}
}

// flush sends what is pending, and the truncation notice once.
func (c *cellOutput) flush() {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.mu.Lock()
	pending := c.pending
	c.pending = nil
	c.scheduled = false
	var notice string
	if c.dropped > 0 && !c.notified {
		c.notified = true
		notice = fmt.Sprintf("\n[goconc: output cut after %d bytes; the rest of this cell's output is dropped so the notebook stays responsive]\n", c.limit)
	}
	c.mu.Unlock()
	for _, ch := range pending {
		c.out.Stream(ch.stream, string(ch.text))
	}
	if notice != "" {
		c.out.Stream("stderr", notice)
	}
}
