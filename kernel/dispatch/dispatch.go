// Package dispatch serves the Jupyter messaging protocol: it reads requests
// from the shell and control channels, publishes status and outputs on
// IOPub, and hands cells to an Evaluator. It knows nothing of how Go is
// evaluated (kernel/engine) nor of how bytes travel (kernel/wire).
package dispatch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/engine"
	"github.com/goconc/goconc/kernel/wire"
)

// Transport is what the dispatcher needs of the sockets; *wire.Sockets
// implements it.
type Transport interface {
	Shell() wire.Channel
	Control() wire.Channel
	Stdin() wire.Channel
	Publish(m wire.Message) error
}

// Evaluator runs cells; *engine.Engine implements it.
type Evaluator interface {
	Execute(ctx context.Context, code string, out engine.Output) (display.Bundle, error)
	Interrupt() bool
	Complete(code string, cursor int) engine.Completion
	Inspect(code string, cursor int) (string, bool)
}

// Info describes the kernel in kernel_info replies.
type Info struct {
	Version   string // goconc's version
	GoVersion string // the Go language version cells follow, e.g. "1.26"
}

// Kernel dispatches messages between a Transport and an Evaluator.
type Kernel struct {
	t       Transport
	ev      Evaluator
	info    Info
	session *wire.Session
	logger  *log.Logger

	count   int  // execution counter, used only by the shell goroutine
	awaited bool // awaitSubscriber has run; shell goroutine only
	history []historyEntry

	stdinMu sync.Mutex // one input request at a time
	inputs  chan wire.Message

	shutdown chan shutdownRequest
}

// historyEntry is one cell of the history: what was run, and the
// text/plain of its result if it showed one.
type historyEntry struct {
	line      int
	input     string
	output    string
	hasOutput bool
}

// New returns a kernel serving t with ev. Log lines go to logw.
func New(t Transport, ev Evaluator, info Info, logw io.Writer) *Kernel {
	return &Kernel{
		t:        t,
		ev:       ev,
		info:     info,
		session:  wire.NewSession(),
		logger:   log.New(logw, "goconc: ", log.LstdFlags),
		inputs:   make(chan wire.Message, 1),
		shutdown: make(chan shutdownRequest, 1),
	}
}

// Serve answers requests until a shutdown_request arrives, ctx ends, or a
// socket fails. It returns whether a restart was asked for.
func (k *Kernel) Serve(ctx context.Context) (restart bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k.publish(wire.Header{}, "status", map[string]string{"execution_state": "starting"})

	shell := make(chan wire.Message, 64)
	errc := make(chan error, 3)
	go k.receive(ctx, k.t.Shell(), shell, errc)
	go k.serveControl(ctx, errc)
	go k.serveStdin(ctx, errc)

	for {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case err := <-errc:
			return false, err
		case req := <-k.shutdown:
			return req.Restart, nil
		case m := <-shell:
			k.handleShell(ctx, m, shell)
		}
	}
}

// receive forwards messages from a channel until it fails.
func (k *Kernel) receive(ctx context.Context, ch wire.Channel, out chan<- wire.Message, errc chan<- error) {
	for {
		m, err := ch.Recv()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, wire.ErrClosed) {
				errc <- fmt.Errorf("receiving: %w", err)
			}
			return
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return
		}
	}
}

func (k *Kernel) serveControl(ctx context.Context, errc chan<- error) {
	ctl := make(chan wire.Message, 16)
	go k.receive(ctx, k.t.Control(), ctl, errc)
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-ctl:
			k.busy(m, func() { k.handleControl(m) })
		}
	}
}

func (k *Kernel) serveStdin(ctx context.Context, errc chan<- error) {
	in := make(chan wire.Message, 4)
	go k.receive(ctx, k.t.Stdin(), in, errc)
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-in:
			if m.Header.MsgType != "input_reply" {
				k.logger.Printf("ignoring %q on stdin", m.Header.MsgType)
				continue
			}
			select {
			case k.inputs <- m:
			default:
				k.logger.Printf("ignoring an input_reply nobody asked for")
			}
		}
	}
}

func (k *Kernel) handleControl(m wire.Message) {
	switch m.Header.MsgType {
	case "interrupt_request":
		k.ev.Interrupt()
		k.reply(k.t.Control(), m, "interrupt_reply", map[string]string{"status": "ok"})
	case "shutdown_request":
		var req shutdownRequest
		if err := m.UnmarshalContent(&req); err != nil {
			k.badRequest(k.t.Control(), m, err)
			return
		}
		k.ev.Interrupt()
		k.reply(k.t.Control(), m, "shutdown_reply", shutdownReply{Status: "ok", Restart: req.Restart})
		select {
		case k.shutdown <- req:
		default:
		}
	case "kernel_info_request":
		k.reply(k.t.Control(), m, "kernel_info_reply", k.kernelInfo())
	default:
		k.unknown(k.t.Control(), m)
	}
}

// handleShell answers one shell request between busy and idle statuses.
func (k *Kernel) handleShell(ctx context.Context, m wire.Message, queue chan wire.Message) {
	sh := k.t.Shell()
	switch m.Header.MsgType {
	case "execute_request":
		k.awaitSubscriber()
		k.busy(m, func() {
			if failed, stop := k.execute(ctx, m); failed && stop {
				k.abortQueued(queue)
			}
		})
	case "kernel_info_request":
		k.busy(m, func() { k.reply(sh, m, "kernel_info_reply", k.kernelInfo()) })
	case "complete_request":
		k.busy(m, func() { k.complete(m) })
	case "inspect_request":
		k.busy(m, func() { k.inspect(m) })
	case "is_complete_request":
		k.busy(m, func() { k.isComplete(m) })
	case "history_request":
		k.busy(m, func() { k.historyReply(m) })
	case "comm_info_request":
		k.busy(m, func() {
			k.reply(sh, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
		})
	case "shutdown_request":
		k.busy(m, func() {
			var req shutdownRequest
			if err := m.UnmarshalContent(&req); err != nil {
				k.badRequest(sh, m, err)
				return
			}
			k.reply(sh, m, "shutdown_reply", shutdownReply{Status: "ok", Restart: req.Restart})
			select {
			case k.shutdown <- req:
			default:
			}
		})
	case "comm_open", "comm_msg", "comm_close":
		// No comm targets: ignored, as the protocol allows.
	default:
		k.busy(m, func() { k.unknown(sh, m) })
	}
}

// abortQueued answers execute requests already waiting with status
// "aborted", as clients expect after an error with stop_on_error.
func (k *Kernel) abortQueued(queue chan wire.Message) {
	deadline := time.After(50 * time.Millisecond)
	for {
		select {
		case m := <-queue:
			if m.Header.MsgType != "execute_request" {
				k.handleShell(context.Background(), m, queue)
				continue
			}
			k.busy(m, func() {
				k.reply(k.t.Shell(), m, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.count})
			})
		case <-deadline:
			return
		}
	}
}

// busy publishes busy, runs f, and publishes idle, all with m as parent.
// awaitSubscriber waits, before the first execution only, up to a second
// for a client to subscribe to IOPub, if the transport can tell. A client
// that connects and executes at once (jupyter console reading a pipe)
// could otherwise miss the busy and idle statuses of its first cell, which
// ZeroMQ drops while the subscription is still on its way, and wait for
// the idle status forever.
func (k *Kernel) awaitSubscriber() {
	if k.awaited {
		return
	}
	k.awaited = true
	s, ok := k.t.(interface{ Subscribed() bool })
	if !ok {
		return
	}
	for deadline := time.Now().Add(time.Second); !s.Subscribed() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
}

func (k *Kernel) busy(m wire.Message, f func()) {
	k.publish(m.Header, "status", map[string]string{"execution_state": "busy"})
	defer k.publish(m.Header, "status", map[string]string{"execution_state": "idle"})
	f()
}

func (k *Kernel) publish(parent wire.Header, msgType string, content any) {
	msg, err := k.session.New(msgType, parent, content)
	if err != nil {
		k.logger.Printf("building %s: %v", msgType, err)
		return
	}
	if err := k.t.Publish(msg); err != nil {
		k.logger.Printf("publishing %s: %v", msgType, err)
	}
}

func (k *Kernel) reply(ch wire.Channel, req wire.Message, msgType string, content any) {
	msg, err := k.session.Reply(req, msgType, content)
	if err != nil {
		k.logger.Printf("building %s: %v", msgType, err)
		return
	}
	if err := ch.Send(msg); err != nil {
		k.logger.Printf("sending %s: %v", msgType, err)
	}
}

// badRequest answers a request whose content does not decode.
func (k *Kernel) badRequest(ch wire.Channel, req wire.Message, err error) {
	k.logger.Printf("malformed %s: %v", req.Header.MsgType, err)
	k.reply(ch, req, replyType(req.Header.MsgType), map[string]any{
		"status": "error", "ename": "BadRequest", "evalue": err.Error(), "traceback": []string{err.Error()},
	})
}

func (k *Kernel) unknown(ch wire.Channel, req wire.Message) {
	k.logger.Printf("unsupported message type %q", req.Header.MsgType)
	if strings.HasSuffix(req.Header.MsgType, "_request") {
		k.reply(ch, req, replyType(req.Header.MsgType), map[string]any{
			"status": "error", "ename": "Unsupported", "evalue": "goconc does not handle " + req.Header.MsgType,
			"traceback": []string{},
		})
	}
}

func replyType(req string) string {
	return strings.TrimSuffix(req, "_request") + "_reply"
}
