package dispatch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goconc/goconc/kernel/display"
	"github.com/goconc/goconc/kernel/engine"
	"github.com/goconc/goconc/kernel/wire"
)

// execute runs an execute_request and reports whether it failed and
// whether queued cells must then be aborted (stop_on_error).
func (k *Kernel) execute(ctx context.Context, m wire.Message) (failed, stopOnError bool) {
	sh := k.t.Shell()
	var req executeRequest
	if err := m.UnmarshalContent(&req); err != nil {
		k.badRequest(sh, m, err)
		return true, false
	}
	store := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	stopOnError = req.StopOnError == nil || *req.StopOnError
	if store {
		k.count++
		k.history = append(k.history, historyEntry{line: k.count, input: req.Code})
	}
	count := k.count
	if !req.Silent {
		k.publish(m.Header, "execute_input", map[string]any{"code": req.Code, "execution_count": count})
	}

	out := &cellOutput{k: k, req: m, allowStdin: req.AllowStdin, silent: req.Silent}
	value, err := k.ev.Execute(ctx, req.Code, out)
	if err != nil {
		var ee *engine.Error
		if !errors.As(err, &ee) {
			ee = &engine.Error{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
		}
		ec := errorContent{EName: ee.Name, EValue: ee.Value, Traceback: ee.Traceback}
		if !req.Silent {
			k.publish(m.Header, "error", ec)
		}
		k.reply(sh, m, "execute_reply", executeReply{Status: "error", ExecutionCount: count, errorContent: ec})
		return true, stopOnError
	}
	if value != nil && store {
		k.history[len(k.history)-1].output, k.history[len(k.history)-1].hasOutput = textPlain(value)
	}
	if value != nil && !req.Silent {
		k.publish(m.Header, "execute_result", map[string]any{
			"execution_count": count, "data": value, "metadata": map[string]any{},
		})
	}
	exprs := map[string]any{}
	for name := range req.UserExpressions {
		exprs[name] = map[string]any{"status": "error", "ename": "Unsupported",
			"evalue": "user_expressions are not evaluated by goconc", "traceback": []string{}}
	}
	k.reply(sh, m, "execute_reply", executeReply{Status: "ok", ExecutionCount: count, UserExpressions: exprs, Payload: []any{}})
	return false, false
}

// textPlain returns the text/plain of a result's bundle, which the history
// keeps as the cell's output.
func textPlain(b display.Bundle) (string, bool) {
	switch v := b["text/plain"].(type) {
	case string:
		return v, true
	case []string:
		return strings.Join(v, ""), true
	}
	return "", false
}

// cellOutput implements engine.Output for one execute request: everything
// is published on IOPub with the request as parent, also after the reply.
type cellOutput struct {
	k          *Kernel
	req        wire.Message
	allowStdin bool
	silent     bool
}

func (o *cellOutput) Stream(name, text string) {
	if o.silent {
		return
	}
	o.k.publish(o.req.Header, "stream", map[string]string{"name": name, "text": text})
}

func (o *cellOutput) Display(b display.Bundle, id string, update bool) {
	if o.silent {
		return
	}
	content := map[string]any{"data": b, "metadata": map[string]any{}, "transient": map[string]any{}}
	if id != "" {
		content["transient"] = map[string]any{"display_id": id}
	}
	msgType := "display_data"
	if update {
		msgType = "update_display_data"
	}
	o.k.publish(o.req.Header, msgType, content)
}

func (o *cellOutput) Clear(wait bool) {
	if o.silent {
		return
	}
	o.k.publish(o.req.Header, "clear_output", map[string]bool{"wait": wait})
}

func (o *cellOutput) Error(e *engine.Error) {
	if o.silent {
		return
	}
	o.k.publish(o.req.Header, "error", errorContent{EName: e.Name, EValue: e.Value, Traceback: e.Traceback})
}

// inputTimeout bounds how long a cell waits for the user to answer.
const inputTimeout = time.Hour

func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", errors.New("this client does not accept input requests (allow_stdin is false)")
	}
	k := o.k
	k.stdinMu.Lock()
	defer k.stdinMu.Unlock()
	// Drop a stale answer.
	select {
	case <-k.inputs:
	default:
	}
	msg, err := k.session.New("input_request", o.req.Header, map[string]any{"prompt": prompt, "password": password})
	if err != nil {
		return "", err
	}
	msg.Identities = o.req.Identities
	if err := k.t.Stdin().Send(msg); err != nil {
		return "", fmt.Errorf("sending input_request: %w", err)
	}
	select {
	case m := <-k.inputs:
		var r inputReply
		if err := m.UnmarshalContent(&r); err != nil {
			return "", err
		}
		return r.Value, nil
	case <-time.After(inputTimeout):
		return "", errors.New("no answer to the input request")
	}
}
