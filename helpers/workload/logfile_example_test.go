package workload_test

import (
	"context"
	"fmt"
	"os"

	"github.com/goconc/goconc/helpers/workload"
)

// A log file is mapped in two chunks that end on line boundaries, and the
// summaries are merged (the reduce): the result is the summary of the
// whole file.
func ExampleSummarizeRange() {
	path, _, err := workload.TempLogPath("example.log")
	if err != nil {
		panic(err)
	}
	defer os.Remove(path)
	lf, err := workload.WriteLogFile(path, 1, 1000)
	if err != nil {
		panic(err)
	}
	data, _ := os.ReadFile(path)
	mid := int64(len(data) / 2)
	for data[mid-1] != '\n' { // move the cut to just after a newline
		mid++
	}
	chunks := []workload.ByteRange{{Lo: 0, Hi: mid}, {Lo: mid, Hi: lf.Bytes}}

	var merged workload.LogSummary
	for _, c := range chunks {
		s, err := workload.SummarizeRange(context.Background(), path, c)
		if err != nil {
			panic(err)
		}
		merged.Merge(s)
	}
	whole, _ := workload.SummarizeRange(context.Background(), path, workload.ByteRange{Lo: 0, Hi: lf.Bytes})
	fmt.Println(lf.Lines, "lines; merged equals whole:", merged.Equal(whole))
	fmt.Println("requests:", merged.Lines, "· 404s:", merged.Requests[404], "· p99:", merged.Percentile(0.99))
	fmt.Println("top path:", merged.TopPaths(1)[0].Path)
	// Output:
	// 1000 lines; merged equals whole: true
	// requests: 1000 · 404s: 22 · p99: 313ms
	// top path: /products/0
}
