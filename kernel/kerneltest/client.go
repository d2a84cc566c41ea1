package kerneltest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/goconc/goconc/kernel/wire"
)

// ErrClosed is returned (wrapped) by Client methods after Close.
var ErrClosed = errors.New("kerneltest: client closed")

// dialRetry is the pause between two attempts to connect to a port that
// is not listening yet.
const dialRetry = 50 * time.Millisecond

// Client is a Jupyter client for tests: DEALER sockets on shell, control
// and stdin (sharing one identity, as jupyter_client does, so the kernel
// can route input_request by the shell request's identity), a SUB socket
// on IOPub subscribed to everything, and a REQ socket on heartbeat.
// Received messages are queued without bound until read. All methods are
// safe for concurrent use. The sockets do not reconnect (zmq4 dialers do
// not by default): after a kernel restart, Dial a new Client.
type Client struct {
	info    wire.ConnectionInfo
	signer  *wire.Signer
	session *wire.Session

	ctx    context.Context // lifetime of the sockets; cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup // reader goroutines

	dealers map[string]*dealer // "shell", "control", "stdin"
	iopub   *inbox
	sub     zmq4.Socket

	hbMu sync.Mutex
	hb   zmq4.Socket // nil after a heartbeat timed out; redialed on next use

	closeOnce sync.Once
}

type dealer struct {
	sock zmq4.Socket
	mu   sync.Mutex // serializes sends
	in   *inbox
}

// Dial connects a client to the kernel described by info. It retries
// connecting until every port accepts or ctx is done; ctx bounds only the
// dialing, not the life of the client, which ends with Close.
func Dial(ctx context.Context, info wire.ConnectionInfo) (*Client, error) {
	if err := info.Validate(); err != nil {
		return nil, fmt.Errorf("kerneltest: dial: %w", err)
	}
	signer, err := wire.NewSigner(info.SignatureScheme, info.Key)
	if err != nil {
		return nil, fmt.Errorf("kerneltest: dial: %w", err)
	}
	sockCtx, cancel := context.WithCancel(context.Background())
	c := &Client{
		info: info, signer: signer, session: wire.NewSession(),
		ctx: sockCtx, cancel: cancel,
		dealers: map[string]*dealer{},
		iopub:   newInbox("iopub"),
	}
	// Abort dial retries when ctx ends; after dialing, ctx no longer matters.
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	id := zmq4.WithID(zmq4.SocketIdentity(c.session.ID()))
	for _, ch := range []struct {
		name string
		port int
	}{{"shell", info.ShellPort}, {"control", info.ControlPort}, {"stdin", info.StdinPort}} {
		d := &dealer{sock: zmq4.NewDealer(sockCtx, append(dialOpts(), id)...), in: newInbox(ch.name)}
		c.dealers[ch.name] = d
		if err := c.dial(ctx, ch.name, d.sock, ch.port); err != nil {
			return nil, err
		}
	}
	c.sub = zmq4.NewSub(sockCtx, dialOpts()...)
	if err := c.sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		c.Close()
		return nil, fmt.Errorf("kerneltest: subscribe iopub: %w", err)
	}
	if err := c.dial(ctx, "iopub", c.sub, info.IOPubPort); err != nil {
		return nil, err
	}
	c.hb = zmq4.NewReq(sockCtx, dialOpts()...)
	if err := c.dial(ctx, "heartbeat", c.hb, info.HBPort); err != nil {
		return nil, err
	}
	if !stop() { // ctx ended just as the last dial succeeded
		c.Close()
		return nil, fmt.Errorf("kerneltest: dial: %w", ctx.Err())
	}
	for name, d := range c.dealers {
		c.startReader(name, d.sock, d.in)
	}
	c.startReader("iopub", c.sub, c.iopub)
	return c, nil
}

func dialOpts() []zmq4.Option {
	return []zmq4.Option{zmq4.WithDialerRetry(dialRetry), zmq4.WithDialerMaxRetries(-1)}
}

// dial connects sock to port; on failure it closes the client.
func (c *Client) dial(ctx context.Context, name string, sock zmq4.Socket, port int) error {
	ep := c.info.Endpoint(port)
	if err := sock.Dial(ep); err != nil {
		c.Close()
		if ctx.Err() != nil {
			err = errors.Join(err, ctx.Err())
		}
		return fmt.Errorf("kerneltest: dial %s on %s: %w", name, ep, err)
	}
	return nil
}

// startReader decodes everything sock receives into in until Close.
func (c *Client) startReader(name string, sock zmq4.Socket, in *inbox) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer in.close()
		for {
			zm, err := sock.Recv()
			if c.ctx.Err() != nil {
				return
			}
			if err != nil {
				in.put(item{err: fmt.Errorf("kerneltest: %s recv: %w", name, err)})
				continue
			}
			if zm.Type == zmq4.CmdMsg {
				continue
			}
			m, err := wire.Decode(zm.Frames, c.signer)
			if err != nil {
				err = fmt.Errorf("kerneltest: %s: kernel sent a bad message: %w", name, err)
			}
			in.put(item{msg: m, err: err})
		}
	}()
}

// Session returns the client's session, whose id is also the routing
// identity of its shell, control and stdin sockets.
func (c *Client) Session() *wire.Session { return c.session }

// Signer returns the signer made from the connection info.
func (c *Client) Signer() *wire.Signer { return c.signer }

func (c *Client) dealer(channel string) (*dealer, error) {
	d, ok := c.dealers[channel]
	if !ok {
		return nil, fmt.Errorf("kerneltest: unknown channel %q (want shell, control or stdin)", channel)
	}
	return d, nil
}

// Request sends a new message of type msgType with content (marshaled as
// by wire.Session.New) on channel ("shell", "control" or "stdin") and
// returns its header, to match replies and IOPub output against.
func (c *Client) Request(channel, msgType string, content any) (wire.Header, error) {
	m, err := c.session.New(msgType, wire.Header{}, content)
	if err != nil {
		return wire.Header{}, fmt.Errorf("kerneltest: %w", err)
	}
	if err := c.Send(channel, m); err != nil {
		return wire.Header{}, err
	}
	return m.Header, nil
}

// Send signs and sends a prepared message on channel ("shell", "control"
// or "stdin"); m.Identities are sent before the delimiter as given.
func (c *Client) Send(channel string, m wire.Message) error {
	frames, err := wire.Encode(m, c.signer)
	if err != nil {
		return fmt.Errorf("kerneltest: send on %s: %w", channel, err)
	}
	return c.SendRaw(channel, frames)
}

// SendRaw sends frames as they are on channel ("shell", "control" or
// "stdin"), for tests with forged, unsigned or malformed messages.
func (c *Client) SendRaw(channel string, frames [][]byte) error {
	d, err := c.dealer(channel)
	if err != nil {
		return err
	}
	if c.ctx.Err() != nil {
		return fmt.Errorf("kerneltest: send on %s: %w", channel, ErrClosed)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("kerneltest: send on %s: %w", channel, err)
	}
	return nil
}

// Reply returns the next message received on channel ("shell", "control"
// or "stdin"), waiting until ctx is done.
func (c *Client) Reply(ctx context.Context, channel string) (wire.Message, error) {
	d, err := c.dealer(channel)
	if err != nil {
		return wire.Message{}, err
	}
	return d.in.take(ctx, matchAll)
}

// ReplyTo returns the next message on channel whose parent is the message
// with header parent, leaving other messages queued.
func (c *Client) ReplyTo(ctx context.Context, channel string, parent wire.Header) (wire.Message, error) {
	d, err := c.dealer(channel)
	if err != nil {
		return wire.Message{}, err
	}
	return d.in.take(ctx, childOf(parent.MsgID))
}

// IOPub returns the next IOPub message, waiting until ctx is done.
func (c *Client) IOPub(ctx context.Context) (wire.Message, error) {
	return c.iopub.take(ctx, matchAll)
}

// Heartbeat sends a unique payload on the heartbeat socket and checks that
// it comes back unchanged before ctx is done. After a timeout the REQ
// socket is closed and redialed on the next call, since a REQ socket that
// lost its reply cannot send again.
func (c *Client) Heartbeat(ctx context.Context) error {
	c.hbMu.Lock()
	defer c.hbMu.Unlock()
	if c.ctx.Err() != nil {
		return fmt.Errorf("kerneltest: heartbeat: %w", ErrClosed)
	}
	if c.hb == nil {
		hb := zmq4.NewReq(c.ctx, dialOpts()...)
		stop := context.AfterFunc(ctx, func() { _ = hb.Close() })
		err := hb.Dial(c.info.Endpoint(c.info.HBPort))
		if !stop() || err != nil {
			_ = hb.Close()
			return fmt.Errorf("kerneltest: heartbeat redial: %w", errors.Join(err, ctx.Err()))
		}
		c.hb = hb
	}
	payload := []byte("ping " + wire.NewID())
	if err := c.hb.Send(zmq4.NewMsg(payload)); err != nil {
		return fmt.Errorf("kerneltest: heartbeat send: %w", err)
	}
	type result struct {
		msg zmq4.Msg
		err error
	}
	done := make(chan result, 1)
	go func(hb zmq4.Socket) {
		m, err := hb.Recv()
		done <- result{m, err}
	}(c.hb)
	select {
	case r := <-done:
		if r.err != nil {
			return fmt.Errorf("kerneltest: heartbeat recv: %w", r.err)
		}
		if len(r.msg.Frames) != 1 || !bytes.Equal(r.msg.Frames[0], payload) {
			return fmt.Errorf("kerneltest: heartbeat echoed %q, want %q", r.msg.Frames, payload)
		}
		return nil
	case <-ctx.Done():
		_ = c.hb.Close() // unblocks the Recv above
		<-done
		c.hb = nil
		return fmt.Errorf("kerneltest: heartbeat: no echo: %w", ctx.Err())
	case <-c.ctx.Done():
		_ = c.hb.Close()
		<-done
		c.hb = nil
		return fmt.Errorf("kerneltest: heartbeat: %w", ErrClosed)
	}
}

func isClosedErr(err error) bool { return errors.Is(err, net.ErrClosed) }

// Close closes all sockets and waits for the reader goroutines. Pending and
// later waits return errors wrapping ErrClosed.
func (c *Client) Close() error {
	var errs []error
	c.closeOnce.Do(func() {
		c.cancel()
		for name, d := range c.dealers {
			if err := d.sock.Close(); err != nil && !isClosedErr(err) {
				errs = append(errs, fmt.Errorf("kerneltest: close %s: %w", name, err))
			}
		}
		if c.sub != nil {
			if err := c.sub.Close(); err != nil && !isClosedErr(err) {
				errs = append(errs, fmt.Errorf("kerneltest: close iopub: %w", err))
			}
		}
		c.hbMu.Lock()
		if c.hb != nil {
			_ = c.hb.Close()
		}
		c.hbMu.Unlock()
		c.wg.Wait()
		for _, d := range c.dealers {
			d.in.close()
		}
		c.iopub.close()
	})
	return errors.Join(errs...)
}
