package frontend

import "testing"

func TestSmoke(t *testing.T) {
	out, err := runCells(t, []string{
		`import "fmt"`,
		`import "sync"
var wg sync.WaitGroup
func f() {
	var fs []func()
	for i := 0; i < 3; i++ {
		fs = append(fs, func() { fmt.Println("i", i) })
	}
	for _, f := range fs { f() }
	for i := range 3 { fmt.Println("r", i) }
	fmt.Println(min(3, 1, 2), max(2.5, 1))
	m := map[string]int{"a": 1}
	clear(m)
	fmt.Println(len(m))
	res := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); res[i] = i * 10 }()
	}
	wg.Wait()
	fmt.Println(res)
}`,
		`f()`,
	})
	t.Logf("out:\n%s", out)
	if err != nil {
		t.Fatal(err)
	}
}
