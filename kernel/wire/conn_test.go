package wire

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadConnectionFile(t *testing.T) {
	p := writeFile(t, `{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003,
		"control_port": 5004, "hb_port": 5005, "ip": "127.0.0.1", "key": "abc",
		"transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "goconc",
		"jupyter_session": "ignored"}`)
	info, err := ReadConnectionFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: 5001, ControlPort: 5004,
		StdinPort: 5003, IOPubPort: 5002, HBPort: 5005, SignatureScheme: "hmac-sha256",
		Key: "abc", KernelName: "goconc"}
	if info != want {
		t.Fatalf("got %+v\nwant %+v", info, want)
	}
	if got := info.Endpoint(info.ShellPort); got != "tcp://127.0.0.1:5001" {
		t.Errorf("Endpoint = %q", got)
	}
}

func TestReadConnectionFileDefaults(t *testing.T) {
	info, err := ReadConnectionFile(writeFile(t, `{"shell_port":1,"iopub_port":2,"stdin_port":3,
		"control_port":4,"hb_port":5,"ip":"::1","key":""}`))
	if err != nil {
		t.Fatal(err)
	}
	if info.Transport != "tcp" || info.SignatureScheme != "hmac-sha256" {
		t.Errorf("defaults not applied: %+v", info)
	}
	if got := info.Endpoint(5); got != "tcp://[::1]:5" {
		t.Errorf("Endpoint = %q", got)
	}
}

func TestReadConnectionFileErrors(t *testing.T) {
	base := `"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k"`
	tests := []struct {
		name, content, want string
	}{
		{"bad json", `{"shell_port":`, "parse connection file"},
		{"not object", `[]`, "parse connection file"},
		{"udp", `{` + base + `,"ip":"127.0.0.1","transport":"udp"}`, `unsupported transport "udp"`},
		{"no ip", `{` + base + `,"transport":"tcp"}`, `invalid ip ""`},
		{"bad ip", `{` + base + `,"ip":"1.2.3.4:80"}`, `invalid ip`},
		{"ipc no path", `{` + base + `,"transport":"ipc"}`, "empty ip"},
		{"scheme", `{` + base + `,"ip":"127.0.0.1","signature_scheme":"hmac-sha3"}`, `unsupported signature scheme "hmac-sha3"`},
		{"port zero", `{"shell_port":0,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1"}`, "shell_port 0 out of range"},
		{"port high", `{"shell_port":70000,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1"}`, "shell_port 70000 out of range"},
		{"port dup", `{"shell_port":2,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1"}`, "iopub_port 2 same as shell_port"},
		{"port type", `{"shell_port":"1"}`, "parse connection file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.content)
			_, err := ReadConnectionFile(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("err = %v, want it to mention %q and the path", err, tt.want)
			}
		})
	}
	_, err := ReadConnectionFile(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: err = %v", err)
	}
}

func TestEndpoint(t *testing.T) {
	for _, tc := range []struct {
		info ConnectionInfo
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "10.0.0.1"}, "tcp://10.0.0.1:42"},
		{ConnectionInfo{IP: "*"}, "tcp://*:42"},
		{ConnectionInfo{Transport: "tcp", IP: "[fe80::1]"}, "tcp://[fe80::1]:42"},
		{ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel"}, "ipc:///tmp/kernel-42"},
	} {
		if got := tc.info.Endpoint(42); got != tc.want {
			t.Errorf("%+v: Endpoint = %q, want %q", tc.info, got, tc.want)
		}
	}
}
