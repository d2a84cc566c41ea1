package procpool

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)

// request is one line the pool writes to a worker.
type request struct {
	ID   int64          `json:"id"`
	Task string         `json:"task"`
	Args map[string]any `json:"args,omitempty"`
}

// incoming is a request as the worker decodes it: the arguments stay raw
// until the task decodes them into its own struct.
type incoming struct {
	ID   int64           `json:"id"`
	Task string          `json:"task"`
	Args json.RawMessage `json:"args"`
}

// response is one line a worker writes: the ready line or an answer.
type response struct {
	ID     int64           `json:"id"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
	Ready  bool            `json:"ready,omitempty"`
	PID    int             `json:"pid,omitempty"`
}

// maxLine is the longest request or response line, in bytes.
const maxLine = 16 << 20

// taskFunc runs a task on its raw JSON arguments.
type taskFunc func(args json.RawMessage) (any, error)

// tasks are the tasks a worker can run, by name.
var tasks = map[string]taskFunc{
	"integrate": func(raw json.RawMessage) (any, error) {
		var a struct {
			A, B float64
			N    int
		}
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		if a.N <= 0 {
			return nil, errors.New("n must be positive")
		}
		return workload.IntegrateSquare(a.A, a.B, a.N), nil
	},
	"primes": func(raw json.RawMessage) (any, error) {
		var a struct{ Lo, Hi int }
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		return workload.CountPrimes(a.Lo, a.Hi), nil
	},
	"factor": func(raw json.RawMessage) (any, error) {
		var a struct{ N uint64 }
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		return workload.Factor(a.N), nil
	},
	"spin": func(raw json.RawMessage) (any, error) {
		var a struct{ MS float64 }
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		return workload.Spin(time.Duration(a.MS * float64(time.Millisecond))), nil
	},
	"sleep": func(raw json.RawMessage) (any, error) {
		var a struct{ MS float64 }
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		time.Sleep(time.Duration(a.MS * float64(time.Millisecond)))
		return a.MS, nil
	},
	"pid": func(raw json.RawMessage) (any, error) {
		var a struct{}
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		return os.Getpid(), nil
	},
	"fail": func(raw json.RawMessage) (any, error) {
		var a struct{ Message string }
		if err := decodeArgs(raw, &a); err != nil {
			return nil, err
		}
		return nil, errors.New(a.Message)
	},
}

// Tasks returns the names of the tasks a worker runs, sorted.
func Tasks() []string {
	names := make([]string, 0, len(tasks))
	for name := range tasks {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// decodeArgs decodes a task's arguments into v, rejecting unknown fields.
// Missing arguments decode as {}.
func decodeArgs(raw json.RawMessage, v any) error {
	if len(bytes.TrimSpace(raw)) == 0 || string(raw) == "null" {
		raw = json.RawMessage("{}")
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("bad args: %w", err)
	}
	return nil
}

// Worker is the worker side of the protocol described in the package
// documentation: it writes the ready line to stdout, then reads requests
// from stdin one line at a time, runs each and writes its answer. It
// returns nil when stdin ends, or the error that stopped it reading or
// writing. A task that panics is answered with an error.
//
// The goconc binary's "worker" subcommand calls Worker(os.Stdin,
// os.Stdout).
func Worker(stdin io.Reader, stdout io.Writer) error {
	enc := json.NewEncoder(stdout)
	if err := enc.Encode(response{Ready: true, PID: os.Getpid()}); err != nil {
		return fmt.Errorf("procpool: worker: %w", err)
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var req incoming
		var resp response
		if err := json.Unmarshal(line, &req); err != nil {
			resp.Error = fmt.Sprintf("malformed request: %v", err)
		} else {
			resp = runTask(req)
		}
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("procpool: worker: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("procpool: worker: %w", err)
	}
	return nil
}

// runTask runs one request and returns its answer.
func runTask(req incoming) (resp response) {
	resp.ID = req.ID
	f, ok := tasks[req.Task]
	if !ok {
		resp.Error = fmt.Sprintf("unknown task %q (tasks: %v)", req.Task, Tasks())
		return resp
	}
	defer func() {
		if p := recover(); p != nil {
			resp.Result = nil
			resp.Error = fmt.Sprintf("%s: panic: %v", req.Task, p)
		}
	}()
	v, err := f(req.Args)
	if err != nil {
		resp.Error = fmt.Sprintf("%s: %v", req.Task, err)
		return resp
	}
	b, err := json.Marshal(v)
	if err != nil {
		resp.Error = fmt.Sprintf("%s: encode result: %v", req.Task, err)
		return resp
	}
	resp.Result = b
	return resp
}
