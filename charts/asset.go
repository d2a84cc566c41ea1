package charts

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AssetName is the file name of the ECharts script in a kernelspec
// directory, where charts load it from.
const AssetName = "echarts.min.js"

// The pinned ECharts release: charts/fetch-echarts.sh fetches it from npm
// and checks it against assets/echarts.integrity and assets/echarts.sha256.
var (
	//go:embed assets/echarts.min.js
	echartsJS []byte

	//go:embed assets/echarts.version
	echartsVersion string

	//go:embed assets/echarts.sha256
	echartsSums string
)

// EChartsVersion returns the version of the embedded ECharts script, such
// as "5.6.0".
func EChartsVersion() string { return strings.TrimSpace(echartsVersion) }

// Asset returns the embedded ECharts script (the minified UMD build), which
// the installer copies into the kernelspec directory as AssetName. The
// caller must not modify the returned slice.
func Asset() []byte { return echartsJS }

// AssetSHA256 returns the pinned sha256 sum, in hex, of the file named
// name in charts/assets/echarts.sha256 (AssetName, "LICENSE", "NOTICE"),
// or "" if it has none.
func AssetSHA256(name string) string {
	for _, line := range strings.Split(echartsSums, "\n") {
		sum, file, ok := strings.Cut(strings.TrimSpace(line), "  ")
		if ok && file == name {
			return sum
		}
	}
	return ""
}

// WriteAssets writes the files that charts load from a kernelspec
// directory into dir, which must exist: AssetName, the ECharts script.
// The kernel's installer calls it with the kernelspec directory.
func WriteAssets(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, AssetName), echartsJS, 0o644); err != nil {
		return fmt.Errorf("charts: writing assets: %w", err)
	}
	return nil
}

// PageHead returns a <script> element holding all of ECharts (about 1 MB),
// meant for the head of a standalone page, once per page, such as the ones
// goconc run --html writes: the charts in the page then draw without a
// server. The script defines window.echarts even on pages that use
// RequireJS.
func PageHead() string {
	var b strings.Builder
	b.Grow(len(echartsJS) + 200)
	fmt.Fprintf(&b, "<script type=\"text/javascript\">/* Apache ECharts %s, Apache License 2.0 */\n", EChartsVersion())
	// Hiding define, exports and module makes the UMD build set
	// window.echarts instead of registering an AMD or CommonJS module.
	b.WriteString("(function (define, exports, module) {\n")
	b.Write(echartsJS)
	b.WriteString("\n}).call(window);</script>\n")
	return b.String()
}
