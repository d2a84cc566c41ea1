// Package kerneltest provides a small Jupyter client for testing kernels
// built on package wire, in the spirit of net/http/httptest: it writes a
// connection file with free ports and a random key, dials the five kernel
// sockets like jupyter_client does, and offers helpers to send requests
// and wait for replies and IOPub output with contexts.
package kerneltest

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"

	"github.com/goconc/goconc/kernel/wire"
)

// WriteConnectionFile picks five free TCP ports on 127.0.0.1 and a random
// key, writes a connection file (mode 0600, hmac-sha256, kernel_name
// "goconc") into dir, and returns its path and content.
//
// The ports are free when chosen but not reserved: as with jupyter_client,
// another process could take one before the kernel binds it.
func WriteConnectionFile(dir string) (path string, info wire.ConnectionInfo, err error) {
	ports, err := freePorts(5)
	if err != nil {
		return "", wire.ConnectionInfo{}, fmt.Errorf("kerneltest: write connection file: %w", err)
	}
	info = wire.ConnectionInfo{
		Transport:       "tcp",
		IP:              "127.0.0.1",
		ShellPort:       ports[0],
		ControlPort:     ports[1],
		StdinPort:       ports[2],
		IOPubPort:       ports[3],
		HBPort:          ports[4],
		SignatureScheme: wire.DefaultSignatureScheme,
		Key:             rand.Text(),
		KernelName:      "goconc",
	}
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return "", wire.ConnectionInfo{}, fmt.Errorf("kerneltest: encode connection file: %w", err)
	}
	f, err := os.CreateTemp(dir, "kernel-*.json") // created with mode 0600
	if err != nil {
		return "", wire.ConnectionInfo{}, fmt.Errorf("kerneltest: create connection file: %w", err)
	}
	_, werr := f.Write(append(data, '\n'))
	if err := errors.Join(werr, f.Close()); err != nil {
		_ = os.Remove(f.Name())
		return "", wire.ConnectionInfo{}, fmt.Errorf("kerneltest: write connection file %s: %w", f.Name(), err)
	}
	return f.Name(), info, nil
}

// freePorts returns n distinct free TCP ports on 127.0.0.1, holding all of
// them open until every one is chosen so that they differ.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("pick free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
