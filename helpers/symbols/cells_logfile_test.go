package symbols_test

import "testing"

const logfileHeader = `import (
	"context"
	"fmt"
	"os"

	"github.com/goconc/goconc/helpers/workload"
)`

var logfileCells = []cellCase{
	{
		name: "write, map and reduce a log file",
		why:  "WriteLogFile, SummarizeRange on ByteRanges, Merge into a zero LogSummary (pointer method on a cell variable), queries",
		cells: []string{`
path, _, err := workload.TempLogPath("cells.log")
lf, err2 := workload.WriteLogFile(path, 1, 1000)
fmt.Println(err, err2, lf.Lines, lf.Bytes > 0)`, `
half := workload.ByteRange{Lo: 0, Hi: lf.Bytes}
whole, err := workload.SummarizeRange(context.Background(), path, half)
fmt.Println(err, whole.Lines, half.Len() == lf.Bytes, half.String() != "")`, `
data, _ := os.ReadFile(path)
mid := int64(len(data) / 2)
for data[mid-1] != '\n' {
	mid++
}
parts := []workload.ByteRange{{Lo: mid, Hi: lf.Bytes}, {Lo: 0, Hi: mid}}`, `
func reduce(path string, parts []workload.ByteRange) workload.LogSummary {
	var merged workload.LogSummary
	for _, r := range parts {
		part, err := workload.SummarizeRange(context.Background(), path, r)
		if err != nil {
			fmt.Println(err)
		}
		merged.Merge(part)
	}
	return merged
}`, `
merged := reduce(path, parts)
fmt.Println(merged.Equal(whole), merged.Lines, merged.Requests[404], merged.Percentile(0.99))
top := merged.TopPaths(2)
fmt.Println(len(top), top[0].Path, top[0].Requests > top[1].Requests, len(merged.ByStatus()) > 2, merged.String() != "")`, `
ctx, cancel := context.WithCancel(context.Background())
cancel()
_, err = workload.SummarizeRange(ctx, path, workload.ByteRange{Lo: 0, Hi: lf.Bytes})
fmt.Println(err != nil, os.Remove(path), workload.LatencyBuckets)`},
		want: "<nil> <nil> 1000 true\n<nil> 1000 true true\ntrue 1000 22 313ms\n2 /products/0 true true true\ntrue <nil> 2048\n",
	},
}

func TestLogfileFromCells(t *testing.T) { runCells(t, logfileHeader, logfileCells) }
