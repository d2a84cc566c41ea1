package wire

import (
	"fmt"
	"log"
	"sync"

	"github.com/go-zeromq/zmq4"
)

// Channel is one ROUTER socket of the kernel (shell, control or stdin).
// Send may be called from several goroutines at once.
type Channel interface {
	// Recv blocks until the next valid message arrives and returns it
	// decoded, with the sender's routing identities. Messages with a bad
	// or missing signature, and malformed ones, are dropped with a log
	// line (log.Printf) and never returned. Recv returns an error only
	// when the socket is closed (wrapping ErrClosed) or broken.
	Recv() (Message, error)
	// Send signs and sends m to the peer named by m.Identities[0]
	// (set it from the request, or build m with Session.Reply).
	Send(m Message) error
}

// routerChannel implements Channel on a zmq4 ROUTER socket.
type routerChannel struct {
	name   string
	sock   zmq4.Socket
	signer *Signer
	closed func() bool

	mu sync.Mutex // serializes sends on sock
}

var _ Channel = (*routerChannel)(nil)

func (c *routerChannel) Recv() (Message, error) {
	for {
		zm, err := c.sock.Recv()
		if err != nil {
			if c.closed() {
				return Message{}, fmt.Errorf("wire: %s recv: %w", c.name, ErrClosed)
			}
			return Message{}, fmt.Errorf("wire: %s recv: %w", c.name, err)
		}
		if zm.Type == zmq4.CmdMsg {
			// zmq4's socket readers pass ZMTP commands (such as a PING
			// from a libzmq peer with ZMQ_HEARTBEAT_IVL set) up as if
			// they were messages: they are not ours.
			continue
		}
		m, err := Decode(zm.Frames, c.signer)
		if err != nil {
			log.Printf("wire: %s: dropping message (%d frames): %v", c.name, len(zm.Frames), err)
			continue
		}
		return m, nil
	}
}

func (c *routerChannel) Send(m Message) error {
	if c.closed() {
		return fmt.Errorf("wire: %s send %q: %w", c.name, m.Header.MsgType, ErrClosed)
	}
	if len(m.Identities) == 0 || len(m.Identities[0]) == 0 {
		return fmt.Errorf("wire: %s send %q: no routing identity (copy Identities from the request)",
			c.name, m.Header.MsgType)
	}
	frames, err := Encode(m, c.signer)
	if err != nil {
		return fmt.Errorf("wire: %s send: %w", c.name, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		if c.closed() {
			return fmt.Errorf("wire: %s send %q: %w", c.name, m.Header.MsgType, ErrClosed)
		}
		return fmt.Errorf("wire: %s send %q: %w", c.name, m.Header.MsgType, err)
	}
	return nil
}
