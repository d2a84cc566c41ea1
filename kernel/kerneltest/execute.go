package kerneltest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/goconc/goconc/kernel/wire"
)

// readyInterval is how long WaitIOPubReady waits for a status message
// before sending another kernel_info_request.
const readyInterval = 100 * time.Millisecond

// ExecuteRequest is the content of an execute_request.
type ExecuteRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    bool              `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     bool              `json:"stop_on_error"`
}

// Execute sends an execute_request for code (storing history, stopping on
// error, without stdin) on shell, then waits for its execute_reply and for
// its IOPub output up to and including status idle.
func (c *Client) Execute(ctx context.Context, code string) (reply wire.Message, iopub []wire.Message, err error) {
	return c.ExecuteWith(ctx, ExecuteRequest{
		Code:            code,
		StoreHistory:    true,
		UserExpressions: map[string]string{},
		StopOnError:     true,
	})
}

// ExecuteWith is Execute with full control of the request content. When
// req.AllowStdin is set, answer input requests from another goroutine with
// StdinRecv and StdinSend.
func (c *Client) ExecuteWith(ctx context.Context, req ExecuteRequest) (reply wire.Message, iopub []wire.Message, err error) {
	if req.UserExpressions == nil {
		req.UserExpressions = map[string]string{}
	}
	h, err := c.Request("shell", "execute_request", req)
	if err != nil {
		return wire.Message{}, nil, err
	}
	reply, err = c.ReplyTo(ctx, "shell", h)
	if err != nil {
		return wire.Message{}, nil, fmt.Errorf("kerneltest: execute_reply: %w", err)
	}
	iopub, err = c.CollectUntilIdle(ctx, h)
	return reply, iopub, err
}

// CollectUntilIdle returns the IOPub messages whose parent is parent, in
// order, up to and including its status message with execution_state
// "idle". Messages with other parents stay queued for later calls.
func (c *Client) CollectUntilIdle(ctx context.Context, parent wire.Header) ([]wire.Message, error) {
	var out []wire.Message
	for {
		m, err := c.iopub.take(ctx, childOf(parent.MsgID))
		if err != nil {
			return out, fmt.Errorf("kerneltest: collecting iopub for %s %s (%d so far): %w",
				parent.MsgType, parent.MsgID, len(out), err)
		}
		out = append(out, m)
		if IsIdle(m) {
			return out, nil
		}
	}
}

// IsIdle reports whether m is a status message with execution_state idle.
func IsIdle(m wire.Message) bool {
	return ExecutionState(m) == "idle"
}

// ExecutionState returns the execution_state of a status message, or ""
// for any other message.
func ExecutionState(m wire.Message) string {
	if m.Header.MsgType != "status" {
		return ""
	}
	var st struct {
		ExecutionState string `json:"execution_state"`
	}
	if err := m.UnmarshalContent(&st); err != nil {
		return ""
	}
	return st.ExecutionState
}

// WaitIOPubReady works around the PUB/SUB slow-joiner problem: a kernel's
// PUB socket drops what it publishes before this client's subscription
// reaches it. It sends kernel_info_request on shell every 100ms until a
// status message for one of them arrives on IOPub, then consumes the
// replies to all of them, waits for the last one's idle status, and
// discards their IOPub messages and any parentless ones (such as a
// "starting" status), so that later reads see only later traffic.
func (c *Client) WaitIOPubReady(ctx context.Context) error {
	sent := map[string]bool{}
	var last wire.Header
	lastIdle := false
	for {
		h, err := c.Request("shell", "kernel_info_request", nil)
		if err != nil {
			return fmt.Errorf("kerneltest: wait iopub ready: %w", err)
		}
		sent[h.MsgID], last = true, h
		tctx, cancel := context.WithTimeout(ctx, readyInterval)
		m, err := c.iopub.take(tctx, func(m wire.Message) bool {
			return m.Header.MsgType == "status" && sent[m.Parent.MsgID]
		})
		cancel()
		if err == nil {
			lastIdle = m.Parent.MsgID == last.MsgID && IsIdle(m)
			break
		}
		if ctx.Err() != nil || !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("kerneltest: wait iopub ready: %w", err)
		}
	}
	shell := c.dealers["shell"].in
	for range len(sent) {
		if _, err := shell.take(ctx, func(m wire.Message) bool { return sent[m.Parent.MsgID] }); err != nil {
			return fmt.Errorf("kerneltest: wait iopub ready: kernel_info_reply: %w", err)
		}
	}
	if !lastIdle {
		if _, err := c.iopub.take(ctx, func(m wire.Message) bool {
			return m.Parent.MsgID == last.MsgID && IsIdle(m)
		}); err != nil {
			return fmt.Errorf("kerneltest: wait iopub ready: idle status: %w", err)
		}
	}
	c.iopub.purge(func(m wire.Message) bool { return m.Parent.MsgID == "" || sent[m.Parent.MsgID] })
	return nil
}

// StdinRecv returns the next message the kernel sent on stdin (normally an
// input_request), waiting until ctx is done.
func (c *Client) StdinRecv(ctx context.Context) (wire.Message, error) {
	return c.Reply(ctx, "stdin")
}

// StdinSend answers the input_request with header request by sending an
// input_reply carrying value on stdin.
func (c *Client) StdinSend(request wire.Header, value string) error {
	m, err := c.session.New("input_reply", request, map[string]string{"value": value})
	if err != nil {
		return fmt.Errorf("kerneltest: %w", err)
	}
	return c.Send("stdin", m)
}
