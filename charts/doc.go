// Package charts draws the course's ready-made charts in a notebook cell.
//
// Each constructor takes plain data (slices, durations, small structs) and
// returns a value that renders itself when it is the last value of a cell:
//
//	charts.Scaling("Sum of squares",
//		charts.ScalingSeries{Name: "mutex", Workers: []int{1, 2, 4}, Speedup: []float64{1, 1.7, 2.1}},
//	).Amdahl(0.2)
//
// The charts are:
//
//   - [Scaling]: speedup (or time) against workers, with the ideal line and
//     an optional Amdahl curve.
//   - [Contention]: acquisitions, contended share and waits per primitive.
//   - [Timeline]: a Gantt chart of goroutines, workers or Ps over time,
//     coloured by state.
//   - [Histogram]: the distribution of latencies or waits.
//   - [Compare]: a few metrics side by side, such as the memory and start
//     latency of a goroutine and of a process.
//   - [Interleavings]: the outcome of every schedule, as an HTML table.
//   - [NewLive]: a progress bar and a chart that grow in place while a long
//     sweep runs.
//
// The helpers' results feed the charts directly: [FromSweep] (a scaling
// sweep with its Amdahl fits), [FromStats] and [FromStatsByLabel]
// (contention of instrumented primitives), [FromHistogram] and [FromWaits]
// (wait distributions), [FromTimeline] and [FromCoop] (who ran when),
// [FromInterleavings] (the lost-update table) and [WaitForGraph] and
// [FromDeadlock] (who holds what and waits for what).
//
// Every chart's MIMEBundle holds "text/html" (the chart) and "text/plain" (a
// table of the same numbers), so terminals, goconc run and exports to
// Markdown still show the data. The String method returns that table.
//
// # Where ECharts comes from
//
// The charts are drawn by Apache ECharts, whose script (about 1 MB) is
// embedded in this package (see [Asset]) and not in the chart outputs,
// which stay a few kilobytes each. A chart's inline script uses
// window.echarts when the page has it (pages that start with [PageHead]);
// otherwise it loads the script once per page from the Jupyter server,
// which serves the files of the kernelspec directory that goconc install
// filled with [WriteAssets], at {base_url}/kernelspecs/{[KernelName]}/[AssetName].
// It does so through RequireJS where the page has it (the classic
// Notebook), or with a script element (JupyterLab, Notebook 7). Where
// neither works, or scripts do not run (an untrusted notebook), the output
// shows its text table instead.
//
// Charts follow JupyterLab's light and dark themes, have a transparent
// background and fill the width of the output area.
package charts
