package e2e

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The front ends' base URLs that the pages below declare, so that a chart
// must find the server's base URL the way it would in that front end.
const (
	LabBase     = "/lab/" // in #jupyter-config-data, as JupyterLab and Notebook 7 do
	ClassicBase = "/nb/"  // in body[data-base-url], as the classic Notebook does
)

// outputsJSON encodes outputs for a script element: json.Marshal escapes
// <, > and &, so no output can close the element.
func outputsJSON(outputs []string) string {
	data, err := json.Marshal(outputs)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// LabPage returns a page that shows each HTML output the way JupyterLab's
// HTML renderer does: it sets the innerHTML of an output node that is not
// yet in the page, replaces each script element by a fresh copy so that it
// runs, then attaches the node. Its base URL, LabBase, is in a
// #jupyter-config-data element. outputs are shown one per animation frame.
func LabPage(title string, outputs ...string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s</title><link rel="icon" href="data:,">
<script id="jupyter-config-data" type="application/json">{"baseUrl": %q}</script>
<style>body { font-family: sans-serif; margin: 16px; } .jp-OutputArea-output { margin: 8px 0; }</style>
</head><body>
<div id="notebook"></div>
<script>
const outputs = %s;
function render(html) {
  const host = document.createElement('div');
  host.className = 'jp-OutputArea-output jp-RenderedHTMLCommon';
  host.innerHTML = html;
  for (const old of Array.from(host.getElementsByTagName('script'))) {
    const s = document.createElement('script');
    for (const a of Array.from(old.attributes)) s.setAttribute(a.name, a.value);
    s.textContent = old.textContent;
    old.parentNode.replaceChild(s, old);
  }
  return host;
}
let i = 0;
function next() {
  if (i >= outputs.length) return;
  document.getElementById('notebook').appendChild(render(outputs[i++]));
  requestAnimationFrame(next);
}
next();
</script>
</body></html>
`, title, LabBase, outputsJSON(outputs))
}

// ClassicPage returns a page that loads RequireJS from requireURL first and
// then shows each HTML output the way the classic Notebook (jQuery's
// html()) does: it sets the innerHTML of an attached output node and runs
// each script's text in a new script element in the head. Its base URL,
// ClassicBase, is in body[data-base-url].
func ClassicPage(title, requireURL string, outputs ...string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s</title><link rel="icon" href="data:,">
<script src="%s"></script>
<script>require.config({baseUrl: %q});</script>
<style>body { font-family: sans-serif; margin: 16px; } .output_html { margin: 8px 0; }</style>
</head><body data-base-url="%s">
<div id="notebook"></div>
<script>
const outputs = %s;
function render(html) {
  const host = document.createElement('div');
  host.className = 'output_subarea output_html rendered_html';
  document.getElementById('notebook').appendChild(host);
  host.innerHTML = html;
  for (const old of Array.from(host.getElementsByTagName('script'))) {
    const s = document.createElement('script');
    s.text = old.textContent;
    document.head.appendChild(s).parentNode.removeChild(s);
  }
}
require(['require'], function () { outputs.forEach(render); });
</script>
</body></html>
`, title, requireURL, ClassicBase+"static/", ClassicBase, outputsJSON(outputs))
}

// ExportedPage returns a standalone page, as goconc run --html writes one:
// head once in the head (charts.PageHead()), then the outputs inline.
func ExportedPage(title, head string, outputs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title><link rel=\"icon\" href=\"data:,\">\n%s</head><body>\n", title, head)
	for _, o := range outputs {
		b.WriteString("<div class=\"output\">\n")
		b.WriteString(o)
		b.WriteString("\n</div>\n")
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// DarkLabStyle is a style element with the CSS variables of JupyterLab's
// dark theme that charts read, and a dark page background. Put it in a
// page's output to check a chart in the dark theme.
const DarkLabStyle = `<style>
:root {
  --jp-ui-font-color1: rgba(255, 255, 255, 0.87);
  --jp-ui-font-color2: rgba(255, 255, 255, 0.54);
  --jp-border-color1: #616161;
  --jp-border-color3: #2a2a2a;
  --jp-layout-color1: #111111;
  --jp-ui-font-family: system-ui, -apple-system, sans-serif;
}
body { background: #111111; color: rgba(255, 255, 255, 0.87); }
</style>`

// Server serves fixed files on 127.0.0.1 and counts the requests for
// each path.
type Server struct {
	*httptest.Server
	mu   sync.Mutex // guards hits
	hits map[string]int
}

// Hits returns how many requests asked for path.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Serve serves files (path → content) on 127.0.0.1 until the test ends,
// and answers 404 to anything else. Content types follow the extensions.
func Serve(t testing.TB, files map[string][]byte) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{hits: map[string]int{}}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		data, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, ".js"):
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case strings.HasSuffix(r.URL.Path, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write(data)
	}))
	s.Listener.Close()
	s.Listener = l
	s.Start()
	t.Cleanup(s.Close)
	return s
}
