package kerneltest_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/goconc/goconc/kernel/kerneltest"
	"github.com/goconc/goconc/kernel/wire"
)

// fakeKernel serves kernel_info_request and execute_request on s the way a
// real kernel does (status busy/idle around each request, input_request on
// stdin when allowed) until s is closed.
func fakeKernel(s *wire.Sockets) {
	sess := wire.NewSession()
	publish := func(parent wire.Header, msgType string, content any) {
		m, err := sess.New(msgType, parent, content)
		if err == nil {
			_ = s.Publish(m)
		}
	}
	publish(wire.Header{}, "status", map[string]string{"execution_state": "starting"})
	count := 0
	for {
		req, err := s.Shell().Recv()
		if err != nil {
			return
		}
		publish(req.Header, "status", map[string]string{"execution_state": "busy"})
		var reply wire.Message
		switch req.Header.MsgType {
		case "kernel_info_request":
			reply, _ = sess.Reply(req, "kernel_info_reply", map[string]string{"status": "ok", "protocol_version": wire.ProtocolVersion})
		case "execute_request":
			var c kerneltest.ExecuteRequest
			_ = req.UnmarshalContent(&c)
			count++
			publish(req.Header, "execute_input", map[string]any{"code": c.Code, "execution_count": count})
			text := c.Code
			if c.AllowStdin {
				ask, _ := sess.Reply(req, "input_request", map[string]any{"prompt": "? ", "password": false})
				if s.Stdin().Send(ask) != nil {
					return
				}
				ans, err := s.Stdin().Recv()
				if err != nil {
					return
				}
				var v struct{ Value string }
				_ = ans.UnmarshalContent(&v)
				text = "got " + v.Value
			}
			publish(req.Header, "stream", map[string]string{"name": "stdout", "text": text})
			reply, _ = sess.Reply(req, "execute_reply", map[string]any{"status": "ok", "execution_count": count})
		default:
			reply, _ = sess.Reply(req, "error_reply", map[string]string{"status": "error"})
		}
		_ = s.Shell().Send(reply)
		publish(req.Header, "status", map[string]string{"execution_state": "idle"})
	}
}

func start(t *testing.T) (context.Context, *kerneltest.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	_, info, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := wire.Bind(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { defer close(done); fakeKernel(s) }()
	t.Cleanup(func() { s.Close(); <-done })
	c, err := kerneltest.Dial(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.WaitIOPubReady(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx, c
}

// expired is a context that is already done: waiting with it only checks
// what is queued now.
func expired() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestWriteConnectionFile(t *testing.T) {
	dir := t.TempDir()
	path, info, err := kerneltest.WriteConnectionFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	read, err := wire.ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if read != info || info.IP != "127.0.0.1" || len(info.Key) < 16 {
		t.Fatalf("file holds %+v, returned %+v", read, info)
	}
	_, other, err := kerneltest.WriteConnectionFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if other.Key == info.Key {
		t.Error("two connection files share a key")
	}
}

func TestWaitIOPubReadyLeavesNothingQueued(t *testing.T) {
	_, c := start(t)
	if m, err := c.Reply(expired(), "shell"); err == nil {
		t.Errorf("stale shell message after WaitIOPubReady: %+v", m.Header)
	}
	if m, err := c.IOPub(expired()); err == nil {
		t.Errorf("stale iopub message after WaitIOPubReady: %+v", m.Header)
	}
}

func TestExecute(t *testing.T) {
	ctx, c := start(t)
	reply, iopub, err := c.Execute(ctx, `fmt.Println("hi")`)
	if err != nil {
		t.Fatal(err)
	}
	if reply.Header.MsgType != "execute_reply" {
		t.Errorf("reply %+v", reply.Header)
	}
	var types []string
	for _, m := range iopub {
		types = append(types, m.Header.MsgType+"/"+kerneltest.ExecutionState(m))
		if m.Parent.MsgID != reply.Parent.MsgID {
			t.Errorf("iopub message %s has parent %s", m.Header.MsgType, m.Parent.MsgID)
		}
	}
	want := []string{"status/busy", "execute_input/", "stream/", "status/idle"}
	if len(types) != len(want) {
		t.Fatalf("iopub %v, want %v", types, want)
	}
	for i := range want {
		if types[i] != want[i] {
			t.Fatalf("iopub %v, want %v", types, want)
		}
	}
}

func TestExecuteWithStdin(t *testing.T) {
	ctx, c := start(t)
	type result struct {
		iopub []wire.Message
		err   error
	}
	done := make(chan result, 1)
	go func() {
		_, iopub, err := c.ExecuteWith(ctx, kerneltest.ExecuteRequest{Code: "read()", AllowStdin: true})
		done <- result{iopub, err}
	}()
	ask, err := c.StdinRecv(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ask.Header.MsgType != "input_request" {
		t.Fatalf("stdin got %+v", ask.Header)
	}
	if err := c.StdinSend(ask.Header, "gopher"); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	var out struct{ Text string }
	for _, m := range r.iopub {
		if m.Header.MsgType == "stream" {
			_ = m.UnmarshalContent(&out)
		}
	}
	if out.Text != "got gopher" {
		t.Fatalf("stream text %q", out.Text)
	}
}

func TestCollectUntilIdleKeepsOtherParents(t *testing.T) {
	ctx, c := start(t)
	first, err := c.Request("shell", "execute_request", kerneltest.ExecuteRequest{Code: "first"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Request("shell", "execute_request", kerneltest.ExecuteRequest{Code: "second"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []wire.Header{second, first} {
		msgs, err := c.CollectUntilIdle(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != 4 || kerneltest.ExecutionState(msgs[0]) != "busy" || !kerneltest.IsIdle(msgs[3]) {
			t.Fatalf("collected %d messages for %s", len(msgs), h.MsgID)
		}
		if _, err := c.ReplyTo(ctx, "shell", h); err != nil {
			t.Fatal(err)
		}
	}
}

func TestHeartbeat(t *testing.T) {
	ctx, c := start(t)
	if err := c.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestHeartbeatTimeoutAndRedial serves the heartbeat port with a REP socket
// that answers only once told to.
func TestHeartbeatTimeoutAndRedial(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, info, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var socks []zmq4.Socket
	for _, p := range []struct {
		sock zmq4.Socket
		port int
	}{
		{zmq4.NewRouter(ctx), info.ShellPort}, {zmq4.NewRouter(ctx), info.ControlPort},
		{zmq4.NewRouter(ctx), info.StdinPort}, {zmq4.NewPub(ctx), info.IOPubPort},
		{zmq4.NewRep(ctx), info.HBPort},
	} {
		if err := p.sock.Listen(info.Endpoint(p.port)); err != nil {
			t.Fatal(err)
		}
		socks = append(socks, p.sock)
		defer p.sock.Close()
	}
	rep := socks[4]
	c, err := kerneltest.Dial(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	short, cancelShort := context.WithTimeout(ctx, 200*time.Millisecond)
	err = c.Heartbeat(short)
	cancelShort()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("unanswered heartbeat: err = %v, want deadline exceeded", err)
	}

	var wg sync.WaitGroup
	defer wg.Wait()
	defer rep.Close()
	wg.Go(func() {
		for {
			m, err := rep.Recv()
			if err != nil {
				return // closed
			}
			_ = rep.Send(m)
		}
	})
	if err := c.Heartbeat(ctx); err != nil {
		t.Fatalf("heartbeat after redial: %v", err)
	}
}

func TestBadSignatureFromKernelIsReported(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, info, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	wrong := info
	wrong.Key = "not-the-key"
	s, err := wire.Bind(ctx, wrong)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := kerneltest.Dial(ctx, info)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	m, _ := wire.NewSession().New("status", wire.Header{}, map[string]string{"execution_state": "idle"})
	for {
		if err := s.Publish(m); err != nil {
			t.Fatal(err)
		}
		wait, stop := context.WithTimeout(ctx, 50*time.Millisecond)
		_, err := c.IOPub(wait)
		stop()
		if errors.Is(err, wire.ErrBadSignature) {
			return
		}
		if ctx.Err() != nil || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("IOPub: err = %v, want ErrBadSignature", err)
		}
	}
}

func TestDialGivesUpWithContext(t *testing.T) {
	_, info, err := kerneltest.WriteConnectionFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := kerneltest.Dial(ctx, info); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Dial with nothing listening: err = %v", err)
	}
}

func TestClosedClient(t *testing.T) {
	ctx, c := start(t)
	if err := c.SendRaw("iopub", nil); err == nil {
		t.Error("SendRaw on iopub: no error")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Reply(ctx, "shell"); !errors.Is(err, kerneltest.ErrClosed) {
		t.Errorf("Reply after Close: %v", err)
	}
	if _, err := c.IOPub(ctx); !errors.Is(err, kerneltest.ErrClosed) {
		t.Errorf("IOPub after Close: %v", err)
	}
	if _, err := c.Request("shell", "kernel_info_request", nil); !errors.Is(err, kerneltest.ErrClosed) {
		t.Errorf("Request after Close: %v", err)
	}
	if err := c.Heartbeat(ctx); !errors.Is(err, kerneltest.ErrClosed) {
		t.Errorf("Heartbeat after Close: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
