// Feature: Go 1.24-1.26 standard APIs: crypto/rand.Text, errors.AsType, math/rand/v2.N on time.Duration, sync.OnceValue, sync.WaitGroup.Go, strings.Lines feeding goroutines
package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	randv2 "math/rand/v2"
	"os"
	"strings"
	"sync"
	"time"
)

type QuotaError struct{ Used, Limit int }

func (e *QuotaError) Error() string { return fmt.Sprintf("quota %d/%d", e.Used, e.Limit) }

func upload(n int) error {
	if n > 3 {
		return fmt.Errorf("upload %d: %w", n, &QuotaError{n, 3})
	}
	return nil
}

func main() {
	token := rand.Text()
	valid := len(token) == 26 && strings.Trim(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == ""
	fmt.Println("rand.Text: 26 base32 characters:", valid)

	_, err := os.Open("/no/such/file")
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		fmt.Println("AsType *fs.PathError:", pe.Op, pe.Path)
	}
	if qe, ok := errors.AsType[*QuotaError](upload(5)); ok {
		fmt.Println("AsType *QuotaError:", qe.Used, qe.Limit)
	}
	_, ok := errors.AsType[*QuotaError](upload(1))
	fmt.Println("no error:", ok)

	jitter := randv2.N(50 * time.Millisecond)
	fmt.Println("rand.N(50ms) in [0, 50ms):", jitter >= 0 && jitter < 50*time.Millisecond)
	fmt.Println("rand.N(6) in [0, 6):", randv2.N(6) < 6)

	calls := 0
	config := sync.OnceValue(func() map[string]string {
		calls++
		return map[string]string{"mode": "fast"}
	})
	fmt.Println(config()["mode"], config()["mode"], "loaded", calls, "time")

	var mu sync.Mutex
	lengths := map[string]int{}
	var wg sync.WaitGroup
	for line := range strings.Lines("ab\ncde\nf\n") {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			lengths[strings.TrimSpace(line)] = len(line)
		})
	}
	wg.Wait()
	fmt.Println(lengths)
}
