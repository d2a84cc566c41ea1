package procpool

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"
)

// Errors of tasks that did not run to completion. Match them with
// errors.Is.
var (
	// ErrClosed fails tasks submitted after Close or Kill.
	ErrClosed = errors.New("procpool: pool closed")
	// ErrKilled fails the tasks queued or running when Kill was called.
	ErrKilled = errors.New("procpool: pool killed")
	// ErrTimeout fails a task that ran longer than Config.Timeout.
	ErrTimeout = errors.New("procpool: task timed out")
	// ErrWorkerDied fails a task whose worker process exited.
	ErrWorkerDied = errors.New("procpool: worker died")
)

// Config configures New. The zero value starts runtime.NumCPU() workers
// running "goconc worker".
type Config struct {
	// Workers is the number of worker processes; 0 means
	// runtime.NumCPU().
	Workers int `json:"workers"`
	// Command is the worker's program and arguments; empty means the
	// running executable with the argument "worker".
	Command []string `json:"command"`
	// Env is added to the parent's environment for the workers, as
	// "KEY=value" strings.
	Env []string `json:"env"`
	// Timeout, if positive, is the longest a task may run: a task that
	// overruns fails with ErrTimeout, and its worker, which cannot be
	// interrupted, is killed and replaced.
	Timeout time.Duration `json:"timeout"`
	// StartTimeout is how long a new worker has to write its ready line;
	// 0 means 10 seconds.
	StartTimeout time.Duration `json:"start_timeout"`
	// Grace is how long Close waits for workers to exit after closing
	// their input before it kills them; 0 means 2 seconds.
	Grace time.Duration `json:"grace"`
}

// WorkerStats describes one worker slot of a pool.
type WorkerStats struct {
	Index        int           `json:"index"`
	PID          int           `json:"pid"`           // current process, 0 if none
	Tasks        int           `json:"tasks"`         // tasks finished (results and task errors), all processes of the slot
	Failed       int           `json:"failed"`        // tasks failed by a dead, killed or timed-out process
	Starts       int           `json:"starts"`        // processes started, 1 + replacements
	StartLatency time.Duration `json:"start_latency"` // from starting the last process to its ready line
	Busy         bool          `json:"busy"`          // running a task now
}

// Stats is a snapshot of a pool's counters.
type Stats struct {
	Workers   []WorkerStats `json:"workers"`
	Submitted int           `json:"submitted"`
	Queued    int           `json:"queued"` // submitted, not yet sent to a worker
}

// A Pool runs tasks in worker processes. Create it with New and release
// it with Close or Kill; its methods are safe for concurrent use.
type Pool struct {
	cfg  Config
	env  []string
	kill chan struct{} // closed by Kill
	wg   sync.WaitGroup

	mu        sync.Mutex // guards following
	cond      *sync.Cond // signalled when queue grows or closing/killed is set
	queue     []*Future
	closing   bool
	killed    bool
	nextID    int64
	submitted int
	slots     []*slot
}

// slot is one worker position; its goroutine replaces its process when it
// dies. Fields are guarded by Pool.mu.
type slot struct {
	index int
	proc  *proc
	stats WorkerStats
}

// proc is one running worker process.
type proc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan response // answers; closed when stdout ends
	quit   chan struct{} // closed by stop: the reader drops answers
	exited chan struct{} // closed after cmd.Wait has returned
	stderr *tailBuffer
	err    error // cmd.Wait's error, set before exited is closed
	once   sync.Once
}

// New starts a pool and its workers, and returns once every worker has
// written its ready line. If a worker fails to start, New stops the others
// and returns the error.
func New(cfg Config) (*Pool, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if len(cfg.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("procpool: find the worker program: %w", err)
		}
		cfg.Command = []string{exe, "worker"}
	}
	cfg.Command = append([]string(nil), cfg.Command...)
	if cfg.StartTimeout <= 0 {
		cfg.StartTimeout = 10 * time.Second
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 2 * time.Second
	}
	p := &Pool{cfg: cfg, env: append(os.Environ(), cfg.Env...), kill: make(chan struct{})}
	p.cond = sync.NewCond(&p.mu)
	p.slots = make([]*slot, cfg.Workers)
	errs := make([]error, cfg.Workers)
	var wg sync.WaitGroup
	for i := range p.slots {
		s := &slot{index: i, stats: WorkerStats{Index: i}}
		p.slots[i] = s
		wg.Go(func() { _, errs[i] = p.start(s) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		p.Kill()
		return nil, err
	}
	for _, s := range p.slots {
		p.wg.Go(func() { p.run(s) })
	}
	return p, nil
}

// Submit queues task with args and returns its future. args must encode
// as a JSON object; the task's reply decides the result. After Close or
// Kill the future fails with ErrClosed.
func (p *Pool) Submit(task string, args map[string]any) *Future {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.nextID++
	f := newFuture(p.nextID, task, args)
	if p.closing {
		f.resolve(-1, nil, ErrClosed)
		return f
	}
	p.submitted++
	p.queue = append(p.queue, f)
	p.cond.Signal()
	return f
}

// Map runs task once for each element of argsList and returns the results
// in the order of argsList. If tasks fail, the result slice holds nil for
// them and the error is that of the first failed task.
func (p *Pool) Map(task string, argsList []map[string]any) ([]any, error) {
	futures := make([]*Future, len(argsList))
	for i, args := range argsList {
		futures[i] = p.Submit(task, args)
	}
	out := make([]any, len(futures))
	var first error
	for i, f := range futures {
		v, err := f.Wait()
		out[i] = v
		if err != nil && first == nil {
			first = fmt.Errorf("procpool: %s #%d: %w", task, i, err)
		}
	}
	return out, first
}

// Close lets the queued tasks finish, then closes each worker's input,
// waits up to Config.Grace for it to exit and kills it if it has not. It
// returns when every worker has been reaped. Calling it again, or after
// Kill, does nothing.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closing = true
	p.cond.Broadcast()
	p.mu.Unlock()
	p.wg.Wait()
	return nil
}

// Kill kills every worker at once: queued and running tasks fail with
// ErrKilled. It returns when every worker has been reaped.
func (p *Pool) Kill() {
	p.mu.Lock()
	if !p.killed {
		p.killed = true
		p.closing = true
		close(p.kill)
		for _, f := range p.queue {
			f.resolve(-1, nil, ErrKilled)
		}
		p.queue = nil
		p.cond.Broadcast()
	}
	procs := make([]*proc, 0, len(p.slots))
	for _, s := range p.slots {
		if s.proc != nil {
			procs = append(procs, s.proc)
		}
	}
	p.mu.Unlock()
	for _, pr := range procs { // slots not yet running (New failing) own no goroutine
		pr.stop()
	}
	p.wg.Wait()
}

// Stats returns a snapshot of the pool's counters.
func (p *Pool) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := Stats{Submitted: p.submitted, Queued: len(p.queue)}
	for _, s := range p.slots {
		st.Workers = append(st.Workers, s.stats)
	}
	return st
}

// next returns the next queued task, waiting for one; nil once the pool
// is closing and the queue is empty, or killed.
func (p *Pool) next() *Future {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.queue) == 0 && !p.closing {
		p.cond.Wait()
	}
	if p.killed || len(p.queue) == 0 {
		return nil
	}
	f := p.queue[0]
	p.queue[0] = nil
	p.queue = p.queue[1:]
	return f
}

// run is a slot's goroutine: it runs tasks, replacing its process as soon
// as it dies (the pool keeps its size, and the next task does not wait for
// a start), and stops the process when the pool closes.
func (p *Pool) run(s *slot) {
	for {
		p.mu.Lock()
		dead := s.proc == nil && !p.closing && !p.killed
		p.mu.Unlock()
		var startErr error
		if dead {
			_, startErr = p.start(s)
		}
		f := p.next()
		if f == nil {
			p.mu.Lock()
			pr := s.proc
			s.proc, s.stats.PID = nil, 0
			p.mu.Unlock()
			if pr != nil {
				pr.shutdown(p.cfg.Grace, p.kill)
			}
			return
		}
		p.mu.Lock()
		pr := s.proc
		p.mu.Unlock()
		if pr == nil {
			err := startErr // the replacement failed: this task says why
			if err == nil {
				pr, err = p.start(s)
			}
			if err != nil {
				f.resolve(s.index, nil, err)
				continue
			}
		}
		p.exec(s, pr, f)
	}
}

// start starts a process for s and waits for its ready line.
func (p *Pool) start(s *slot) (*proc, error) {
	cmd := exec.Command(p.cfg.Command[0], p.cfg.Command[1:]...)
	cmd.Env = p.env
	cmd.WaitDelay = time.Second
	setProcAttr(cmd)
	pr := &proc{
		cmd:    cmd,
		lines:  make(chan response, 1),
		quit:   make(chan struct{}),
		exited: make(chan struct{}),
		stderr: &tailBuffer{max: 4 << 10},
	}
	cmd.Stderr = pr.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("procpool: worker %d: %w", s.index, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("procpool: worker %d: %w", s.index, err)
	}
	pr.stdin = stdin
	begin := time.Now()
	p.mu.Lock()
	if p.killed {
		p.mu.Unlock()
		return nil, ErrKilled
	}
	err = cmd.Start()
	if err == nil {
		s.proc = pr // visible to Kill from now on
		s.stats.PID = cmd.Process.Pid
		s.stats.Starts++
	}
	p.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("procpool: start worker %d: %w", s.index, err)
	}
	go pr.read(stdout)

	t := time.NewTimer(p.cfg.StartTimeout)
	defer t.Stop()
	var fail error
	select {
	case r, ok := <-pr.lines:
		switch {
		case !ok:
			fail = fmt.Errorf("exited before it was ready: %v%s", pr.wait(), pr.stderr.note())
		case !r.Ready:
			fail = fmt.Errorf("first line is not the ready line: %+v", r)
		}
	case <-t.C:
		fail = fmt.Errorf("not ready after %v", p.cfg.StartTimeout)
	case <-p.kill:
		fail = ErrKilled
	}
	if fail != nil {
		pr.stop()
		p.mu.Lock()
		if s.proc == pr {
			s.proc, s.stats.PID = nil, 0
		}
		p.mu.Unlock()
		if fail == ErrKilled {
			return nil, fail
		}
		return nil, fmt.Errorf("procpool: start worker %d (%v): %w", s.index, p.cfg.Command, fail)
	}
	p.mu.Lock()
	s.stats.StartLatency = time.Since(begin)
	p.mu.Unlock()
	return pr, nil
}

// exec sends f to pr and resolves f with the answer. If the process dies,
// the task overruns or the pool is killed, it fails f and stops pr.
func (p *Pool) exec(s *slot, pr *proc, f *Future) {
	line, err := json.Marshal(request{ID: f.id, Task: f.task, Args: f.args})
	if err != nil {
		f.resolve(s.index, nil, fmt.Errorf("procpool: %s: encode args: %w", f.task, err))
		return
	}
	p.setBusy(s, true)
	defer p.setBusy(s, false)
	var timeout <-chan time.Time
	if p.cfg.Timeout > 0 {
		t := time.NewTimer(p.cfg.Timeout)
		defer t.Stop()
		timeout = t.C
	}
	// A failed write means the process has gone; reading lines says so.
	pr.stdin.Write(append(line, '\n'))
	for {
		select {
		case r, ok := <-pr.lines:
			if !ok {
				err := pr.wait()
				p.drop(s, pr, true)
				f.resolve(s.index, nil, fmt.Errorf("%w: worker %d (pid %d) running %s: %v%s",
					ErrWorkerDied, s.index, pr.cmd.Process.Pid, f.task, err, pr.stderr.note()))
				return
			}
			if r.ID != f.id {
				continue // a stray answer, e.g. to a malformed line
			}
			var v any
			var err error
			if r.Error != "" {
				err = errors.New(r.Error)
			} else if len(r.Result) > 0 {
				if e := json.Unmarshal(r.Result, &v); e != nil {
					err = fmt.Errorf("procpool: %s: decode result: %w", f.task, e)
				}
			}
			p.mu.Lock()
			s.stats.Tasks++
			p.mu.Unlock()
			f.resolve(s.index, v, err)
			return
		case <-timeout:
			pr.stop()
			p.drop(s, pr, true)
			f.resolve(s.index, nil, fmt.Errorf("%w: %s ran over %v; worker %d (pid %d) killed",
				ErrTimeout, f.task, p.cfg.Timeout, s.index, pr.cmd.Process.Pid))
			return
		case <-p.kill:
			pr.stop()
			p.drop(s, pr, true)
			f.resolve(s.index, nil, ErrKilled)
			return
		}
	}
}

func (p *Pool) setBusy(s *slot, busy bool) {
	p.mu.Lock()
	s.stats.Busy = busy
	p.mu.Unlock()
}

// drop forgets s's process pr, so that the next task starts a new one.
func (p *Pool) drop(s *slot, pr *proc, failed bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.proc == pr {
		s.proc, s.stats.PID = nil, 0
	}
	if failed {
		s.stats.Failed++
	}
}

// read decodes the worker's stdout into pr.lines until it ends, then
// reaps the process.
func (pr *proc) read(stdout io.Reader) {
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	for sc.Scan() {
		var r response
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Fprintf(pr.stderr, "procpool: bad line from worker: %q\n", sc.Bytes())
			continue
		}
		select {
		case pr.lines <- r:
		case <-pr.quit:
		}
	}
	io.Copy(io.Discard, stdout) // after a too-long line, let the process finish writing
	close(pr.lines)
	pr.err = pr.cmd.Wait()
	close(pr.exited)
}

// wait waits for the process to be reaped and returns cmd.Wait's error.
func (pr *proc) wait() error {
	<-pr.exited
	return pr.err
}

// stop kills the process group and waits until the process is reaped.
func (pr *proc) stop() {
	pr.once.Do(func() {
		close(pr.quit)
		killGroup(pr.cmd)
	})
	pr.wait()
}

// shutdown closes the worker's input, waits up to grace for it to exit,
// then kills it.
func (pr *proc) shutdown(grace time.Duration, kill <-chan struct{}) {
	pr.stdin.Close()
	t := time.NewTimer(grace)
	defer t.Stop()
	lines := pr.lines
	for {
		select {
		case _, ok := <-lines:
			if !ok {
				lines = nil // stdout ended; wait for the exit
			}
		case <-pr.exited:
			pr.stop() // the group may hold stragglers
			return
		case <-t.C:
			pr.stop()
			return
		case <-kill:
			pr.stop()
			return
		}
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	mu  sync.Mutex // guards buf
	buf []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

// note returns "; stderr: …" with the kept output, or "".
func (b *tailBuffer) note() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.buf) == 0 {
		return ""
	}
	return "; stderr: " + string(b.buf)
}
