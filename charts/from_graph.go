package charts

import (
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strings"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/goconc/goconc/helpers/instrument"
)

// deadlockColor marks deadlocked goroutines and primitives.
const deadlockColor = "#ee6666"

// WaitGraphChart draws a wait-for graph: goroutines (circles) and the
// primitives they wait for or hold (rounded squares), with an arrow from a
// goroutine to the primitive it waits for and from a primitive to the
// goroutine holding it. A cycle of arrows is a deadlock; deadlocked nodes
// are red. The nodes are laid out on a circle, in the order of the arrows,
// so that a cycle shows as a ring; they can be dragged, and the graph
// zoomed. Its text form lists the edges. Make one with WaitForGraph or
// FromDeadlock.
type WaitGraphChart struct {
	title  string
	graph  instrument.WaitGraph
	notes  []string
	height int
}

// WaitForGraph returns the chart of a wait-for graph, as
// instrument.Graph() returns it:
//
//	charts.WaitForGraph("Who waits for whom", instrument.Graph())
func WaitForGraph(title string, g instrument.WaitGraph) *WaitGraphChart {
	return &WaitGraphChart{title: title, graph: g}
}

// FromDeadlock returns the chart of a deadlock's graph, with the
// deadlock's description below the edges in the text form:
//
//	if d, ok := instrument.DetectDeadlock(time.Second); ok {
//		charts.FromDeadlock("Dining philosophers", d)
//	}
func FromDeadlock(title string, d instrument.Deadlock) *WaitGraphChart {
	c := WaitForGraph(title, d.Graph)
	if len(d.Cycle) > 0 {
		c.notes = strings.Split(d.String(), "\n")
	}
	return c
}

// Height sets the chart's height in CSS pixels. By default it grows with
// the number of nodes.
func (c *WaitGraphChart) Height(px int) *WaitGraphChart {
	c.height = px
	return c
}

// MIMEBundle shows the graph, with its edges as text/plain.
func (c *WaitGraphChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the graph's edges, one per line.
func (c *WaitGraphChart) String() string { return c.Chart().String() }

// graphData is the graph checked: nodes in drawing order, and each edge's
// ends as indexes into it.
type graphData struct {
	nodes []instrument.Node
	index map[string]int // by ID
	edges []graphEdge
}

type graphEdge struct {
	from, to int
	edge     instrument.Edge
}

func (c *WaitGraphChart) data() (*graphData, error) {
	d := &graphData{index: map[string]int{}}
	byID := map[string]instrument.Node{}
	for _, n := range c.graph.Nodes {
		if _, ok := byID[n.ID]; ok {
			return nil, fmt.Errorf("charts.WaitForGraph: two nodes have id %q", n.ID)
		}
		byID[n.ID] = n
	}
	out := map[string][]string{}
	for _, e := range c.graph.Edges {
		for _, id := range []string{e.From, e.To} {
			if _, ok := byID[id]; !ok {
				return nil, fmt.Errorf("charts.WaitForGraph: edge %s→%s: no node %q", e.From, e.To, id)
			}
		}
		out[e.From] = append(out[e.From], e.To)
	}
	// Order the nodes by walking the edges depth first from each node in
	// turn, so that the nodes of a path or cycle are neighbours on the
	// circle.
	var visit func(id string)
	visit = func(id string) {
		if _, ok := d.index[id]; ok {
			return
		}
		d.index[id] = len(d.nodes)
		d.nodes = append(d.nodes, byID[id])
		for _, to := range out[id] {
			visit(to)
		}
	}
	for _, n := range c.graph.Nodes {
		visit(n.ID)
	}
	for _, e := range c.graph.Edges {
		d.edges = append(d.edges, graphEdge{from: d.index[e.From], to: d.index[e.To], edge: e})
	}
	// Edges in the order of their starts on the circle, so that the text
	// follows a path or cycle.
	slices.SortStableFunc(d.edges, func(a, b graphEdge) int { return a.from - b.from })
	return d, nil
}

// nodeName is how a node is called in the text and the tooltips.
func nodeName(n instrument.Node) string {
	if n.Type == "goroutine" {
		return n.Name
	}
	return n.Name + " (" + n.Type + ")"
}

// edgeVerb says what an edge means, read from its start to its end.
func edgeVerb(e instrument.Edge) string {
	if e.Type == "holds" {
		if e.Op != "" && e.Op != "lock" {
			return "held (" + e.Op + ") by"
		}
		return "held by"
	}
	if e.Op != "" && e.Op != "wait" {
		return "waits to " + e.Op
	}
	return "waits for"
}

// Chart builds the chart.
func (c *WaitGraphChart) Chart() *Chart {
	d, err := c.data()
	if err != nil {
		return errorChart(err)
	}
	o, err := c.option(d)
	if err != nil {
		return errorChart(err)
	}
	height := c.height
	if height == 0 {
		height = min(max(DefaultHeight, 160+36*len(d.nodes)), 720)
	}
	return newChart(o, c.table(d), height)
}

func (c *WaitGraphChart) option(d *graphData) (option, error) {
	subtitle := ""
	dead := 0
	for _, n := range d.nodes {
		if n.Deadlocked && n.Type == "goroutine" {
			dead++
		}
	}
	switch {
	case len(d.nodes) == 0:
		subtitle = "no goroutine is blocked on an instrumented primitive"
	case dead > 0:
		subtitle = fmt.Sprintf("%d goroutines deadlocked (red)", dead)
	}
	categories := []*opts.GraphCategory{
		{Name: "goroutine", ItemStyle: &opts.ItemStyle{Color: palette[0]}},
		{Name: "primitive", ItemStyle: &opts.ItemStyle{Color: palette[2]}},
		{Name: "deadlocked", ItemStyle: &opts.ItemStyle{Color: deadlockColor}},
	}
	nodes := make([]opts.GraphNode, len(d.nodes))
	nodeTips := make([]string, len(d.nodes))
	for i, n := range d.nodes {
		node := opts.GraphNode{Name: n.Name, Symbol: "circle", SymbolSize: 44, Category: 0}
		tip := "goroutine <b>" + html.EscapeString(n.Name) + "</b>"
		if n.Type != "goroutine" {
			node.Symbol, node.SymbolSize, node.Category = "roundRect", 36, 1
			tip = html.EscapeString(n.Type) + " <b>" + html.EscapeString(n.Name) + "</b>"
		}
		if n.Deadlocked {
			node.Category = 2
			tip += "<br/>deadlocked"
		}
		nodes[i] = node
		nodeTips[i] = tip
	}
	links := make([]opts.GraphLink, len(d.edges))
	edgeTips := make([]string, len(d.edges))
	for i, e := range d.edges {
		from, to := d.nodes[e.from], d.nodes[e.to]
		style := &opts.LineStyle{Width: 2, Curveness: 0.15, Color: neutral}
		if e.edge.Type != "holds" {
			style.Type = "dashed"
			if from.Deadlocked {
				style.Color = deadlockColor
			}
		}
		links[i] = opts.GraphLink{Source: e.from, Target: e.to, LineStyle: style,
			Label: &opts.EdgeLabel{Show: opts.Bool(true), Formatter: edgeVerb(e.edge), FontSize: 11}}
		edgeTips[i] = html.EscapeString(nodeName(from)) + " " + html.EscapeString(edgeVerb(e.edge)) + " " + html.EscapeString(nodeName(to))
	}
	graph := ec.NewGraph()
	graph.SetGlobalOptions(common(c.title, subtitle, "item")...)
	graph.AddSeries("wait-for graph", nodes, links,
		ec.WithGraphChartOpts(opts.GraphChart{
			Layout: "circular", Roam: opts.Bool(true), Draggable: opts.Bool(true),
			EdgeSymbol: []string{"none", "arrow"}, EdgeSymbolSize: 10, Categories: categories,
		}),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "bottom", Formatter: "{b}"}),
	)
	o, err := build(graph)
	if err != nil {
		return nil, err
	}
	for i, n := range d.nodes {
		o.set(fmt.Sprintf("series.0.data.%d.id", i), n.ID)
	}
	// go-echarts writes null for the options it was not given.
	if series, _ := o["series"].([]any); len(series) > 0 {
		if s, ok := series[0].(map[string]any); ok {
			for k, v := range s {
				if v == nil {
					delete(s, k)
				}
			}
		}
	}
	o.set("series.0.top", gridTop(subtitle))
	o.set("series.0.bottom", 48)
	o.set("series.0.left", 48)
	o.set("series.0.right", 48)
	o.set("series.0.emphasis", map[string]any{"focus": "adjacency"})
	o.set("tooltip.formatter", graphTooltip(nodeTips, edgeTips))
	return o, nil
}

// graphTooltip shows the node's kind and name, or the edge as a sentence;
// the texts are HTML already.
func graphTooltip(nodes, edges []string) string {
	n, err := json.Marshal(nodes)
	if err != nil {
		panic(err) // strings always marshal
	}
	e, err := json.Marshal(edges)
	if err != nil {
		panic(err)
	}
	return jsFunc(`function (p) {
	var t = p.dataType === 'edge' ? ` + string(e) + ` : ` + string(n) + `;
	return t[p.dataIndex];
}`)
}

// table lists the edges, then the deadlocked nodes or the notes.
func (c *WaitGraphChart) table(d *graphData) string {
	t := table{title: c.title, header: []string{"from", "edge", "to"}}
	for _, e := range d.edges {
		from, to := d.nodes[e.from], d.nodes[e.to]
		t.add(nodeName(from), edgeVerb(e.edge)+" →", nodeName(to))
	}
	if len(d.nodes) == 0 {
		t.header = nil
		t.note("no goroutine is blocked on an instrumented primitive")
	}
	if len(c.notes) > 0 {
		for _, n := range c.notes {
			t.note(n)
		}
		return t.String()
	}
	var dead []string
	for _, n := range c.graph.Nodes {
		if n.Deadlocked && n.Type == "goroutine" {
			dead = append(dead, n.Name)
		}
	}
	if len(dead) > 0 {
		t.note("deadlocked: " + strings.Join(dead, ", "))
	}
	return t.String()
}
