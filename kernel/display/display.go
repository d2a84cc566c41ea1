// Package display shows rich output in the notebook cell that is running.
//
// Every cell imports it implicitly, so a cell can write
//
//	display.HTML("<b>bold</b>")
//	display.Markdown("*emphasis*")
//	id := display.HTML("step 1")   // show something ...
//	display.Update(id, display.Text("step 2")) // ... and change it in place
//
// A value whose type has a MIMEBundle method (or an HTML, Markdown or SVG
// method) renders itself when it is the last expression of a cell, the way
// a chart does.
//
// Outside a kernel (in a plain Go program or a test) the functions write
// the text/plain part of each bundle to standard output, so code that uses
// them still runs.
package display

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// ID names a display so that Update can change it later. A cell whose
// value is an ID shows nothing: the display itself is the output.
type ID string

// Bundle maps MIME types, such as "text/html" or "text/plain", to data.
// Text types hold strings; "application/json" may hold any value that
// encoding/json can marshal. A bundle should always carry "text/plain" so
// that terminals and exported files still show something.
type Bundle map[string]any

// MIMEBundler is implemented by values that know how to show themselves.
// Charts implement it; so can a cell's own types.
type MIMEBundler interface {
	MIMEBundle() map[string]any
}

// Sink receives what the display functions produce. The kernel installs
// one; id is empty unless the display can be updated later, and update
// tells whether the bundle replaces an earlier display with that id.
type Sink interface {
	Display(b Bundle, id string, update bool)
	ClearOutput(wait bool)
}

var (
	sinkMu sync.RWMutex // guards sink
	sink   Sink
	nextID atomic.Uint64
)

// SetSink routes displays to s and returns the previous sink. The kernel
// calls it once at start; a nil s restores the plain-text fallback.
func SetSink(s Sink) Sink {
	sinkMu.Lock()
	defer sinkMu.Unlock()
	old := sink
	sink = s
	return old
}

func current() Sink {
	sinkMu.RLock()
	defer sinkMu.RUnlock()
	return sink
}

// Show displays b and returns an id that Update accepts.
func Show(b Bundle) ID {
	id := ID(fmt.Sprintf("goconc-%d-%d", os.Getpid(), nextID.Add(1)))
	emit(b, id, false)
	return id
}

// Update replaces the display with the given id, as returned by Show or by
// any of the typed helpers, with b.
func Update(id ID, b Bundle) {
	emit(b, id, true)
}

// Clear clears the output of the cell, as IPython's clear_output does.
// With wait set, the output is cleared when the next output arrives, which
// avoids flicker in animations.
func Clear(wait bool) {
	if s := current(); s != nil {
		s.ClearOutput(wait)
	}
}

func emit(b Bundle, id ID, update bool) {
	if s := current(); s != nil {
		s.Display(b, string(id), update)
		return
	}
	if t, ok := b["text/plain"].(string); ok {
		fmt.Fprintln(os.Stdout, t)
	}
}

// Text is a bundle with plain text only.
func Text(s string) Bundle { return Bundle{"text/plain": s} }

// HTMLBundle is a bundle showing html, with plain as its text fallback.
func HTMLBundle(html, plain string) Bundle {
	return Bundle{"text/html": html, "text/plain": plain}
}

// HTML displays an HTML fragment and returns its display id.
func HTML(html string) ID { return Show(HTMLBundle(html, html)) }

// Markdown displays Markdown text and returns its display id.
func Markdown(md string) ID {
	return Show(Bundle{"text/markdown": md, "text/plain": md})
}

// SVG displays an SVG image given as XML text and returns its display id.
func SVG(svg string) ID {
	return Show(Bundle{"image/svg+xml": svg, "text/plain": "<SVG image>"})
}

// PNG displays a PNG image given as its bytes and returns its display id.
func PNG(png []byte) ID {
	return Show(Bundle{
		"image/png":  base64.StdEncoding.EncodeToString(png),
		"text/plain": fmt.Sprintf("<PNG image, %d bytes>", len(png)),
	})
}

// JSON displays v as a JSON tree (application/json) and returns its
// display id. v must be marshalable by encoding/json.
func JSON(v any) (ID, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", fmt.Errorf("display.JSON: %w", err)
	}
	var tree any
	if err := json.Unmarshal(data, &tree); err != nil {
		return "", fmt.Errorf("display.JSON: %w", err)
	}
	return Show(Bundle{"application/json": tree, "text/plain": string(data)}), nil
}

// MIME displays an arbitrary bundle and returns its display id.
func MIME(b Bundle) ID { return Show(b) }

// Of returns the bundle a value renders to, and whether it knows how to
// render itself (a MIMEBundle, HTML, Markdown or SVG method).
func Of(v any) (Bundle, bool) {
	switch r := v.(type) {
	case MIMEBundler:
		b := Bundle(r.MIMEBundle())
		if _, ok := b["text/plain"]; !ok {
			b["text/plain"] = fmt.Sprint(v)
		}
		return b, true
	case interface{ HTML() string }:
		return HTMLBundle(r.HTML(), fmt.Sprint(v)), true
	case interface{ Markdown() string }:
		return Bundle{"text/markdown": r.Markdown(), "text/plain": fmt.Sprint(v)}, true
	case interface{ SVG() string }:
		return Bundle{"image/svg+xml": r.SVG(), "text/plain": fmt.Sprint(v)}, true
	}
	return nil, false
}
