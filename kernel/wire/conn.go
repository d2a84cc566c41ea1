package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// ConnectionInfo is the content of a Jupyter connection file, which tells a
// kernel where to bind its sockets and how to sign messages.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	SignatureScheme string `json:"signature_scheme"`
	Key             string `json:"key"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and validates the connection file at path. A
// missing transport defaults to "tcp" and a missing signature scheme to
// DefaultSignatureScheme, as in jupyter_client.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: read connection file: %w", err)
	}
	var info ConnectionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: parse connection file %s: %w", path, err)
	}
	info = info.withDefaults()
	if err := info.Validate(); err != nil {
		return ConnectionInfo{}, fmt.Errorf("wire: connection file %s: %w", path, err)
	}
	return info, nil
}

func (c ConnectionInfo) withDefaults() ConnectionInfo {
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = DefaultSignatureScheme
	}
	return c
}

// Validate checks the transport (tcp or ipc), the address, the five ports
// (each in 1..65535 and all different) and the signature scheme. Empty
// transport and scheme are accepted as their defaults.
func (c ConnectionInfo) Validate() error {
	c = c.withDefaults()
	var errs []error
	switch c.Transport {
	case "tcp":
		if !validHost(c.IP) {
			errs = append(errs, fmt.Errorf("invalid ip %q for tcp transport", c.IP))
		}
	case "ipc":
		if c.IP == "" {
			errs = append(errs, errors.New("empty ip (socket path prefix) for ipc transport"))
		}
	default:
		errs = append(errs, fmt.Errorf("unsupported transport %q (want tcp or ipc)", c.Transport))
	}
	seen := map[int]string{}
	for _, p := range c.ports() {
		switch {
		case p.port < 1 || p.port > 65535:
			errs = append(errs, fmt.Errorf("%s %d out of range 1..65535", p.name, p.port))
		case seen[p.port] != "":
			errs = append(errs, fmt.Errorf("%s %d same as %s", p.name, p.port, seen[p.port]))
		default:
			seen[p.port] = p.name
		}
	}
	if _, err := NewSigner(c.SignatureScheme, c.Key); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("invalid connection info: %w", err)
	}
	return nil
}

type namedPort struct {
	name string
	port int
}

func (c ConnectionInfo) ports() []namedPort {
	return []namedPort{
		{"shell_port", c.ShellPort},
		{"control_port", c.ControlPort},
		{"stdin_port", c.StdinPort},
		{"iopub_port", c.IOPubPort},
		{"hb_port", c.HBPort},
	}
}

// validHost accepts an IP address, "*" (all interfaces) or a host name.
func validHost(h string) bool {
	if h == "*" || net.ParseIP(strings.Trim(h, "[]")) != nil {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for _, r := range h {
		if !(r == '.' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// Endpoint returns the ZeroMQ endpoint for port on the connection's
// address: "tcp://127.0.0.1:5555" for tcp (IPv6 addresses are bracketed),
// or "ipc://<ip>-<port>" for ipc as jupyter_client names them.
func (c ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return "tcp://" + net.JoinHostPort(strings.Trim(c.IP, "[]"), strconv.Itoa(port))
}
