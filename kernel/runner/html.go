package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// markdown renders notebook Markdown: GitHub tables and strikethrough, and
// raw HTML as notebooks allow it.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// ansi matches terminal colour codes, which tracebacks may contain.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// HTML renders an executed notebook as one self-contained page. head is
// put once in the page's <head>: the charts' script, so that every chart
// of the page draws without a network.
func (nb *Notebook) HTML(title, head string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>%s</style>\n%s\n</head>\n<body>\n<main>\n",
		html.EscapeString(title), pageStyle, head)
	for _, c := range nb.Cells {
		switch c.CellType {
		case "markdown":
			b.WriteString("<section class=\"md\">\n")
			if err := markdown.Convert([]byte(c.Source), &b); err != nil {
				return nil, fmt.Errorf("rendering markdown: %w", err)
			}
			b.WriteString("</section>\n")
		case "code":
			count := " "
			if c.ExecutionCount != nil {
				count = fmt.Sprint(*c.ExecutionCount)
			}
			fmt.Fprintf(&b, "<section class=\"code\">\n<div class=\"prompt\">In [%s]:</div>\n<pre class=\"source\"><code>%s</code></pre>\n",
				count, html.EscapeString(string(c.Source)))
			for _, out := range c.Outputs {
				writeOutput(&b, out)
			}
			b.WriteString("</section>\n")
		case "raw":
			fmt.Fprintf(&b, "<pre class=\"raw\">%s</pre>\n", html.EscapeString(string(c.Source)))
		}
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

func writeOutput(b *bytes.Buffer, out map[string]any) {
	switch out["output_type"] {
	case "stream":
		text, _ := out["text"].(string)
		fmt.Fprintf(b, "<pre class=\"output %s\">%s</pre>\n", html.EscapeString(fmt.Sprint(out["name"])), html.EscapeString(text))
	case "error":
		var lines []string
		if tb, ok := out["traceback"].([]string); ok {
			lines = tb
		} else if tb, ok := out["traceback"].([]any); ok {
			for _, l := range tb {
				lines = append(lines, fmt.Sprint(l))
			}
		}
		text := ansi.ReplaceAllString(strings.Join(lines, "\n"), "")
		fmt.Fprintf(b, "<pre class=\"output error\">%s</pre>\n", html.EscapeString(text))
	case "execute_result", "display_data":
		data, _ := out["data"].(map[string]any)
		writeBundle(b, data)
	}
}

// writeBundle writes the richest representation of a MIME bundle.
func writeBundle(b *bytes.Buffer, data map[string]any) {
	str := func(k string) (string, bool) {
		switch v := data[k].(type) {
		case string:
			return v, true
		case []any: // nbformat's multiline strings
			var s strings.Builder
			for _, l := range v {
				s.WriteString(fmt.Sprint(l))
			}
			return s.String(), true
		}
		return "", false
	}
	if s, ok := str("text/html"); ok {
		fmt.Fprintf(b, "<div class=\"output html\">%s</div>\n", s)
		return
	}
	if s, ok := str("image/svg+xml"); ok {
		fmt.Fprintf(b, "<div class=\"output svg\">%s</div>\n", s)
		return
	}
	if s, ok := str("image/png"); ok {
		fmt.Fprintf(b, "<div class=\"output\"><img alt=\"output image\" src=\"data:image/png;base64,%s\"></div>\n", strings.TrimSpace(s))
		return
	}
	if s, ok := str("text/markdown"); ok {
		b.WriteString("<div class=\"output md\">")
		if err := markdown.Convert([]byte(s), b); err != nil {
			fmt.Fprintf(b, "<pre>%s</pre>", html.EscapeString(s))
		}
		b.WriteString("</div>\n")
		return
	}
	if v, ok := data["application/json"]; ok {
		j, _ := json.MarshalIndent(v, "", "  ")
		fmt.Fprintf(b, "<pre class=\"output json\">%s</pre>\n", html.EscapeString(string(j)))
		return
	}
	if s, ok := str("text/plain"); ok {
		fmt.Fprintf(b, "<pre class=\"output\">%s</pre>\n", html.EscapeString(s))
	}
}

const pageStyle = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --code: #f6f8fa; --err: #fbe9eb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --code: #161b22; --err: #3c1618; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
pre { tab-size: 4; overflow-x: auto; padding: .6rem .8rem; border-radius: 6px; font: 13.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre.source { background: var(--code); border-left: 3px solid #00add8; }
pre.output { margin-top: .3rem; background: transparent; }
pre.output.stderr { color: #b35900; }
pre.output.error { background: var(--err); }
.prompt { color: var(--muted); font: 12px ui-monospace, monospace; margin-top: 1rem; }
.md table { border-collapse: collapse; } .md td, .md th { border: 1px solid var(--muted); padding: .2rem .5rem; }
img { max-width: 100%; }
`
