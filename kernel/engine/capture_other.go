//go:build !linux

package engine

import (
	"errors"
	"os"
)

type fdCapture struct{ origStderr *os.File }

func captureFD(*Engine) (*fdCapture, error) {
	return nil, errors.New("capturing file descriptors is only implemented on Linux")
}

func (c *fdCapture) sync()          {}
func (c *fdCapture) restore() error { return nil }
