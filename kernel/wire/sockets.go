package wire

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"sync"
	"sync/atomic"

	"github.com/go-zeromq/zmq4"
)

// Notes on github.com/go-zeromq/zmq4 v0.17.0, from reading its source and
// issue tracker, and how this file copes with them:
//
//   - Issues #39 and #151 report a PUB socket that stops delivering after
//     subscribers disconnect. Not reproduced with v0.17.0: disconnected
//     subscribers are reaped, and TestIOPubSurvivesSubscriberChurn (plus a
//     manual check with pyzmq subscribers killed mid-connection) passes.
//   - Issue #140 (merged before v0.17.0): a peer without a ZMTP identity,
//     the libzmq default, gets a random UUID as its routing identity.
//   - Socket options are mostly inert: SetOption only records the value,
//     except OptionHWM on PUB, which makes Send silently discard whole
//     messages once that many are queued. No option is set here: ROUTER
//     sockets then apply back-pressure (a 10-message queue per socket) and
//     never drop incoming messages, and PUB queues without bound.
//   - Send timeouts (WithTimeout, default 5 minutes) only bound the wait for
//     a first peer to connect; a write in progress is never cut short, so
//     no message is lost to a timeout once a peer is there. (A send on a
//     ROUTER that never had any peer waits those 5 minutes, then drops.)
//   - ROUTER routes on the first frame only and silently drops a message
//     whose identity is not connected (like libzmq without
//     ZMQ_ROUTER_MANDATORY); it cannot report that. Identities are the
//     peer's ZMTP "Identity" property, or a random UUID when the peer sends
//     none, so jupyter_client (which sets its session id as identity on
//     shell and stdin) is routed on both sockets.
//   - ROUTER, PUB and REP write a message frame by frame, with separate
//     write calls. zmq4 holds a lock while it writes, but every Channel
//     also serializes its sends with its own mutex, and Publish does the
//     same, so frames of concurrent messages can never interleave whatever
//     zmq4 does inside (TestConcurrentSends checks this under -race).
//   - The socket readers hand ZMTP commands up as messages (Msg.Type ==
//     CmdMsg) instead of handling them; Recv skips them.
//   - PUB drops messages for a subscriber whose subscription has not yet
//     arrived (the usual ZeroMQ slow-joiner behaviour), and sends to
//     subscribers one after the other from a single goroutine, so one
//     stalled subscriber stalls IOPub for all. It speaks ZMTP 3.0, so
//     libzmq sends subscriptions as messages, which zmq4 understands.
//   - Closing a PUB socket never stops its internal sending goroutine
//     (socket.Close does not close the writer), so each Bind leaks one
//     parked goroutine after Close. Harmless for a kernel process.
//   - A listener completes the ZMTP handshake of each accepted connection
//     before accepting the next, so a peer that connects and never greets
//     blocks later connections to that port. Sockets bind only the address
//     of the connection file (normally 127.0.0.1) to keep this local.
//   - REP (heartbeat) echoes exactly: it replies with the request envelope
//     followed by the body, whatever frames the body holds.

// Sockets are the five kernel sockets bound from a connection file, on
// exactly the address the file names.
type Sockets struct {
	info   ConnectionInfo
	signer *Signer
	cancel context.CancelFunc
	closed atomic.Bool

	shell, control, stdin *routerChannel

	iopub zmq4.Socket
	pubMu sync.Mutex // serializes sends on iopub

	hb     zmq4.Socket
	hbDone chan struct{}

	closeOnce sync.Once
	closeErr  error
}

// Bind validates info and binds the shell, control and stdin ROUTER
// sockets, the IOPub PUB socket and the heartbeat REP socket, and starts
// the heartbeat goroutine, which echoes every request until Close.
// Cancelling ctx also shuts the sockets down, but Close must still be
// called to release them.
func Bind(ctx context.Context, info ConnectionInfo) (*Sockets, error) {
	info = info.withDefaults()
	if err := info.Validate(); err != nil {
		return nil, fmt.Errorf("wire: bind: %w", err)
	}
	signer, err := NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		return nil, fmt.Errorf("wire: bind: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Sockets{info: info, signer: signer, cancel: cancel, hbDone: make(chan struct{})}

	var opened []zmq4.Socket
	listen := func(name string, sock zmq4.Socket, port int) error {
		opened = append(opened, sock)
		ep := info.Endpoint(port)
		if err := sock.Listen(ep); err != nil {
			return fmt.Errorf("wire: bind %s socket on %s: %w", name, ep, err)
		}
		return nil
	}
	router := func(name string, port int) (*routerChannel, error) {
		sock := zmq4.NewRouter(ctx)
		if err := listen(name, sock, port); err != nil {
			return nil, err
		}
		return &routerChannel{name: name, sock: sock, signer: signer, closed: s.closed.Load}, nil
	}
	fail := func(err error) (*Sockets, error) {
		s.closed.Store(true)
		cancel()
		for _, sock := range opened {
			_ = sock.Close()
		}
		return nil, err
	}

	if s.shell, err = router("shell", info.ShellPort); err != nil {
		return fail(err)
	}
	if s.control, err = router("control", info.ControlPort); err != nil {
		return fail(err)
	}
	if s.stdin, err = router("stdin", info.StdinPort); err != nil {
		return fail(err)
	}
	s.iopub = zmq4.NewPub(ctx)
	if err := listen("iopub", s.iopub, info.IOPubPort); err != nil {
		return fail(err)
	}
	s.hb = zmq4.NewRep(ctx)
	if err := listen("heartbeat", s.hb, info.HBPort); err != nil {
		return fail(err)
	}
	go s.heartbeat(ctx)
	return s, nil
}

// Info returns the connection info the sockets were bound from, with
// defaults filled in.
func (s *Sockets) Info() ConnectionInfo { return s.info }

// Signer returns the signer used for every message sent and received.
func (s *Sockets) Signer() *Signer { return s.signer }

// Shell returns the shell ROUTER channel.
func (s *Sockets) Shell() Channel { return s.shell }

// Control returns the control ROUTER channel.
func (s *Sockets) Control() Channel { return s.control }

// Stdin returns the stdin ROUTER channel.
func (s *Sockets) Stdin() Channel { return s.stdin }

// Publish signs and sends m on the IOPub PUB socket; it is safe for
// concurrent use. m.Identities is the subscription topic; when empty it
// defaults to "kernel.<session>.<msg_type>" as ipykernel does. Like any
// ZeroMQ PUB socket it drops messages for subscribers not yet subscribed.
func (s *Sockets) Publish(m Message) error {
	if s.closed.Load() {
		return fmt.Errorf("wire: iopub publish %q: %w", m.Header.MsgType, ErrClosed)
	}
	if len(m.Identities) == 0 {
		m.Identities = [][]byte{[]byte("kernel." + m.Header.Session + "." + m.Header.MsgType)}
	}
	frames, err := Encode(m, s.signer)
	if err != nil {
		return fmt.Errorf("wire: iopub publish: %w", err)
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	if err := s.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("wire: iopub publish %q: %w", m.Header.MsgType, err)
	}
	return nil
}

// Subscribed reports whether a client has subscribed to IOPub. Until one
// has, everything published is lost (ZeroMQ's "slow joiner").
func (s *Sockets) Subscribed() bool {
	t, ok := s.iopub.(zmq4.Topics)
	return ok && len(t.Topics()) > 0
}

// heartbeat echoes every heartbeat request until the sockets close.
func (s *Sockets) heartbeat(ctx context.Context) {
	defer close(s.hbDone)
	for {
		msg, err := s.hb.Recv()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			// A request without a REQ envelope: zmq4 already dropped it.
			continue
		}
		if msg.Type == zmq4.CmdMsg {
			continue
		}
		if err := s.hb.Send(zmq4.NewMsgFrom(msg.Frames...)); err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Printf("wire: heartbeat: echo failed: %v", err)
		}
	}
}

// Close shuts all sockets down and waits for the heartbeat goroutine to
// end. Blocked Recv calls return an error wrapping ErrClosed. Close is
// idempotent; later calls return the first call's result.
func (s *Sockets) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		s.cancel()
		var errs []error
		for _, c := range []struct {
			name string
			sock zmq4.Socket
		}{
			{"shell", s.shell.sock}, {"control", s.control.sock}, {"stdin", s.stdin.sock},
			{"iopub", s.iopub}, {"heartbeat", s.hb},
		} {
			// zmq4 reports connections its own readers already closed.
			if err := c.sock.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
				errs = append(errs, fmt.Errorf("wire: close %s socket: %w", c.name, err))
			}
		}
		<-s.hbDone
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}
