package wire_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"
)

// env is a kernel's sockets and a client dialed to them over real TCP.
type env struct {
	ctx     context.Context
	info    wire.ConnectionInfo
	sockets *wire.Sockets
	client  *kerneltest.Client
	session *wire.Session
}

func setup(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	path, _, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := wire.ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := wire.Bind(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Sockets.Close: %v", err)
		}
	})
	c, err := kerneltest.Dial(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Client.Close: %v", err)
		}
	})
	return &env{ctx: ctx, info: info, sockets: s, client: c, session: wire.NewSession()}
}

type recvResult struct {
	msg wire.Message
	err error
}

// receiver runs Recv on ch in a goroutine until it fails.
func receiver(ch wire.Channel) <-chan recvResult {
	out := make(chan recvResult, 100)
	go func() {
		defer close(out)
		for {
			m, err := ch.Recv()
			out <- recvResult{m, err}
			if err != nil {
				return
			}
		}
	}()
	return out
}

func next(t *testing.T, ctx context.Context, in <-chan recvResult) wire.Message {
	t.Helper()
	select {
	case r, ok := <-in:
		if !ok {
			t.Fatal("receiver stopped")
		}
		if r.err != nil {
			t.Fatalf("Recv: %v", r.err)
		}
		return r.msg
	case <-ctx.Done():
		t.Fatalf("Recv: %v", ctx.Err())
	}
	panic("unreachable")
}

func TestShellAndControlRoundTrip(t *testing.T) {
	e := setup(t)
	for _, tc := range []struct {
		name string
		ch   wire.Channel
	}{{"shell", e.sockets.Shell()}, {"control", e.sockets.Control()}} {
		t.Run(tc.name, func(t *testing.T) {
			in := receiver(tc.ch)
			h, err := e.client.Request(tc.name, "kernel_info_request", nil)
			if err != nil {
				t.Fatal(err)
			}
			req := next(t, e.ctx, in)
			if req.Header != h {
				t.Fatalf("kernel got header %+v, sent %+v", req.Header, h)
			}
			if len(req.Identities) != 1 || string(req.Identities[0]) != e.client.Session().ID() {
				t.Fatalf("identities %q, want the client's session id", req.Identities)
			}
			reply, err := e.session.Reply(req, "kernel_info_reply", map[string]string{"status": "ok"})
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.ch.Send(reply); err != nil {
				t.Fatal(err)
			}
			got, err := e.client.Reply(e.ctx, tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if got.Header != reply.Header || got.Parent != h || string(got.Content) != `{"status":"ok"}` {
				t.Fatalf("client got %+v", got)
			}
		})
	}
}

func TestSendWithoutIdentityFails(t *testing.T) {
	e := setup(t)
	m, _ := e.session.New("kernel_info_reply", wire.Header{}, nil)
	if err := e.sockets.Shell().Send(m); err == nil || !strings.Contains(err.Error(), "identity") {
		t.Fatalf("err = %v, want a missing identity error", err)
	}
}

// publishUntilReceived handles the PUB/SUB slow joiner: publish markers
// until one arrives, then drain until that marker.
func publishUntilReceived(t *testing.T, e *env) {
	t.Helper()
	for {
		m, _ := e.session.New("status", wire.Header{}, map[string]string{"execution_state": "idle"})
		if err := e.sockets.Publish(m); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(e.ctx, 50*time.Millisecond)
		got, err := e.client.IOPub(ctx)
		cancel()
		if err == nil {
			if got.Header.MsgType != "status" {
				t.Fatalf("unexpected iopub message %+v", got)
			}
			// Drain the rest of the markers already in flight.
			for got.Header.MsgID != m.Header.MsgID {
				if got, err = e.client.IOPub(e.ctx); err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		if e.ctx.Err() != nil {
			t.Fatalf("no iopub message ever arrived: %v", err)
		}
	}
}

func TestPublishReachesSubscriberInOrder(t *testing.T) {
	e := setup(t)
	publishUntilReceived(t, e)
	parent := wire.Header{MsgID: "p", MsgType: "execute_request"}
	const n = 200
	for i := range n {
		m, _ := e.session.New("stream", parent, map[string]string{"name": "stdout", "text": fmt.Sprint(i)})
		if err := e.sockets.Publish(m); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		m, err := e.client.IOPub(e.ctx)
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		var c struct{ Text string }
		if err := m.UnmarshalContent(&c); err != nil || c.Text != fmt.Sprint(i) || m.Parent != parent {
			t.Fatalf("message %d: text %q parent %+v err %v", i, c.Text, m.Parent, err)
		}
		if want := "kernel." + e.session.ID() + ".stream"; string(m.Identities[0]) != want {
			t.Fatalf("topic %q, want %q", m.Identities[0], want)
		}
	}
}

func TestHeartbeatEchoes(t *testing.T) {
	e := setup(t)
	for range 3 {
		if err := e.client.Heartbeat(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStdinRoutedByShellIdentity(t *testing.T) {
	e := setup(t)
	shell := receiver(e.sockets.Shell())
	stdin := receiver(e.sockets.Stdin())
	if _, err := e.client.Request("shell", "execute_request", map[string]any{"code": "read()", "allow_stdin": true}); err != nil {
		t.Fatal(err)
	}
	req := next(t, e.ctx, shell)
	ask, _ := e.session.Reply(req, "input_request", map[string]any{"prompt": "name? ", "password": false})
	if err := e.sockets.Stdin().Send(ask); err != nil {
		t.Fatal(err)
	}
	got, err := e.client.StdinRecv(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.MsgType != "input_request" || got.Parent != req.Header {
		t.Fatalf("client got %+v", got)
	}
	if err := e.client.StdinSend(got.Header, "gopher"); err != nil {
		t.Fatal(err)
	}
	ans := next(t, e.ctx, stdin)
	var c struct{ Value string }
	if err := ans.UnmarshalContent(&c); err != nil || ans.Header.MsgType != "input_reply" || c.Value != "gopher" || ans.Parent != got.Header {
		t.Fatalf("kernel got %+v (value %q, %v)", ans, c.Value, err)
	}
}

// TestConcurrentSends checks that sends from many goroutines on one
// channel, and publishes, arrive whole.
func TestConcurrentSends(t *testing.T) {
	e := setup(t)
	publishUntilReceived(t, e)
	in := receiver(e.sockets.Shell())
	h, err := e.client.Request("shell", "execute_request", map[string]string{"code": ""})
	if err != nil {
		t.Fatal(err)
	}
	req := next(t, e.ctx, in)
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				text := strings.Repeat(fmt.Sprintf("w%di%d ", w, i), 50) // multi-frame, >255 bytes
				r, _ := e.session.Reply(req, "stream", map[string]string{"text": text})
				r.Buffers = [][]byte{[]byte(text)}
				errs <- e.sockets.Shell().Send(r)
				r.Identities = nil
				errs <- e.sockets.Publish(r)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, recv := range []func(context.Context) (wire.Message, error){
		func(ctx context.Context) (wire.Message, error) { return e.client.Reply(ctx, "shell") },
		e.client.IOPub,
	} {
		for i := range workers * each {
			m, err := recv(e.ctx)
			if err != nil {
				t.Fatalf("message %d: %v", i, err)
			}
			var c struct{ Text string }
			if err := m.UnmarshalContent(&c); err != nil || m.Parent != h || len(m.Buffers) != 1 || string(m.Buffers[0]) != c.Text {
				t.Fatalf("message %d garbled: %+v", i, m)
			}
		}
	}
}

func TestCloseUnblocksRecvAndRejectsSends(t *testing.T) {
	e := setup(t)
	in := receiver(e.sockets.Control())
	if err := e.sockets.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-in:
		if !errors.Is(r.err, wire.ErrClosed) {
			t.Fatalf("Recv after Close: %v, want ErrClosed", r.err)
		}
	case <-e.ctx.Done():
		t.Fatal("Recv still blocked after Close")
	}
	m, _ := e.session.New("status", wire.Header{}, nil)
	if err := e.sockets.Publish(m); !errors.Is(err, wire.ErrClosed) {
		t.Errorf("Publish after Close: %v", err)
	}
	m.Identities = [][]byte{[]byte("x")}
	if err := e.sockets.Shell().Send(m); !errors.Is(err, wire.ErrClosed) {
		t.Errorf("Send after Close: %v", err)
	}
	if err := e.sockets.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestBindOnlyOnNamedAddress(t *testing.T) {
	e := setup(t)
	for _, port := range []int{e.info.ShellPort, e.info.IOPubPort, e.info.HBPort} {
		// 127.0.0.2 is loopback too, but not the address in the file.
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.2:%d", port), time.Second)
		if err == nil {
			conn.Close()
			t.Errorf("port %d also accepts connections on 127.0.0.2", port)
		}
	}
}

func TestBindErrors(t *testing.T) {
	e := setup(t)
	// The ports are taken by e's sockets.
	_, err := wire.Bind(e.ctx, e.info)
	if err == nil || !strings.Contains(err.Error(), "bind shell socket on tcp://127.0.0.1:") {
		t.Fatalf("Bind on busy ports: err = %v", err)
	}
	bad := e.info
	bad.Transport = "udp"
	if _, err := wire.Bind(e.ctx, bad); err == nil || !strings.Contains(err.Error(), "unsupported transport") {
		t.Fatalf("Bind with udp: err = %v", err)
	}
	// A failed Bind releases what it had bound before failing.
	_, fresh, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fresh.ControlPort = e.info.ControlPort // busy
	if _, err := wire.Bind(e.ctx, fresh); err == nil || !strings.Contains(err.Error(), "bind control socket") {
		t.Fatalf("Bind with busy control port: err = %v", err)
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", fresh.ShellPort))
	if err != nil {
		t.Fatalf("shell port still held after failed Bind: %v", err)
	}
	l.Close()
	if err := e.client.Heartbeat(e.ctx); err != nil {
		t.Fatalf("original sockets broken by failed Binds: %v", err)
	}
}

// TestIOPubSurvivesSubscriberChurn checks that subscribers coming and going
// (zmq4 issues #39 and #151 report PUB sockets breaking after that) do not
// stop IOPub for the next one.
func TestIOPubSurvivesSubscriberChurn(t *testing.T) {
	e := setup(t)
	for i := range 5 {
		c, err := kerneltest.Dial(e.ctx, e.info)
		if err != nil {
			t.Fatal(err)
		}
		publishUntilReceived(t, &env{ctx: e.ctx, sockets: e.sockets, client: c, session: e.session})
		if err := c.Close(); err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
	}
	// The first client, connected throughout, still gets everything.
	publishUntilReceived(t, e)
	m, _ := e.session.New("stream", wire.Header{}, map[string]string{"text": "last"})
	if err := e.sockets.Publish(m); err != nil {
		t.Fatal(err)
	}
	got, err := e.client.IOPub(e.ctx)
	if err != nil || got.Header != m.Header {
		t.Fatalf("after churn: got %+v, %v", got.Header, err)
	}
}
