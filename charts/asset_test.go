package charts_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/charts"
)

// TestAssetPinned checks the embedded ECharts and its licence files
// against the checksums in assets/echarts.sha256.
func TestAssetPinned(t *testing.T) {
	sum := sha256.Sum256(charts.Asset())
	if got, want := hex.EncodeToString(sum[:]), charts.AssetSHA256(charts.AssetName); got != want || want == "" {
		t.Errorf("embedded %s has sha256 %s, pinned %q", charts.AssetName, got, want)
	}
	for _, name := range []string{"LICENSE", "NOTICE", "LICENSE-d3"} {
		data, err := os.ReadFile(filepath.Join("assets", name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got, want := hex.EncodeToString(sum[:]), charts.AssetSHA256(name); got != want || want == "" {
			t.Errorf("assets/%s has sha256 %s, pinned %q", name, got, want)
		}
	}
	if v := `version="` + charts.EChartsVersion() + `"`; !bytes.Contains(charts.Asset(), []byte(v)) {
		t.Errorf("embedded ECharts does not say %s", v)
	}
}

// TestFetchScript runs charts/fetch-echarts.sh --verify, which fetches the
// pinned release from npm and compares it with the committed files. It
// needs npm and the npm registry; -short skips it.
func TestFetchScript(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not fetching ECharts from npm")
	}
	for _, tool := range []string{"bash", "npm", "openssl", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found (needed by fetch-echarts.sh)", tool)
			}
			t.Skipf("%s not found (needed by fetch-echarts.sh)", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "bash", "fetch-echarts.sh", "--verify").CombinedOutput()
	if err != nil {
		t.Fatalf("fetch-echarts.sh --verify: %v\n%s", err, out)
	}
	t.Logf("%s", bytes.TrimSpace(out))
}

func TestWriteAssets(t *testing.T) {
	dir := t.TempDir()
	if err := charts.WriteAssets(dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, charts.AssetName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, charts.Asset()) {
		t.Errorf("WriteAssets wrote %d bytes, not the asset", len(data))
	}
	if err := charts.WriteAssets(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("WriteAssets into a missing directory succeeded")
	}
}

func TestPageHead(t *testing.T) {
	head := charts.PageHead()
	if !strings.HasPrefix(head, "<script") || !strings.HasSuffix(strings.TrimSpace(head), "</script>") {
		t.Errorf("PageHead is not one script element: %.80q...", head)
	}
	if n := strings.Count(strings.ToLower(head), "</script"); n != 1 {
		t.Errorf("PageHead has %d script ends, want 1", n)
	}
	if len(head) < len(charts.Asset()) {
		t.Errorf("PageHead (%d bytes) does not hold ECharts (%d bytes)", len(head), len(charts.Asset()))
	}
}
