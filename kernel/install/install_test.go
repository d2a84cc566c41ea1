package install

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteKernelspec(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Write(Spec{Name: "goconc", DisplayName: "Go (goconc)", Binary: "/opt/goconc/bin/goconc",
		Prefix: prefix, Files: map[string][]byte{"echarts.min.js": []byte("js")}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "goconc"); dir != want {
		t.Errorf("dir %s, want %s", dir, want)
	}
	var kj struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		Language      string   `json:"language"`
		InterruptMode string   `json:"interrupt_mode"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &kj); err != nil {
		t.Fatal(err)
	}
	wantArgv := []string{"/opt/goconc/bin/goconc", "kernel", "-f", "{connection_file}"}
	if len(kj.Argv) != 4 || kj.Argv[0] != wantArgv[0] || kj.Argv[3] != wantArgv[3] {
		t.Errorf("argv %q, want %q", kj.Argv, wantArgv)
	}
	if kj.Language != "go" || kj.InterruptMode != "message" || kj.DisplayName != "Go (goconc)" {
		t.Errorf("kernel.json %+v", kj)
	}
	for name, size := range map[string]int{"logo-32x32.png": 32, "logo-64x64.png": 64} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %v", name, b)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "echarts.min.js")); string(data) != "js" {
		t.Errorf("extra file not written")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestWriteRejectsRelativeBinary(t *testing.T) {
	if _, err := Write(Spec{Name: "g", Binary: "goconc", Prefix: t.TempDir()}); err == nil {
		t.Error("a relative binary path was accepted")
	}
}
