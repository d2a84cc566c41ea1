// Feature: errors.Is with os.ErrNotExist for os.Open's error, directly, through %w and errors.Join
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

func load(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load config: %w", err)
	}
	return f.Close()
}

func main() {
	_, err := os.Open("/no/such/file.txt")
	fmt.Println(errors.Is(err, os.ErrNotExist), errors.Is(err, fs.ErrNotExist), os.IsNotExist(err))
	werr := load("/no/such/file.txt")
	fmt.Println(werr)
	fmt.Println(errors.Is(werr, os.ErrNotExist))
	j := errors.Join(errors.New("first"), werr)
	fmt.Println(errors.Is(j, os.ErrNotExist), errors.Is(j, os.ErrPermission))
	var pe *fs.PathError
	fmt.Println(errors.As(werr, &pe), pe.Op, pe.Path)
}
