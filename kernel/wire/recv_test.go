package wire_test

import (
	"log"
	"strings"
	"testing"

	"github.com/goconc/goconc/kernel/wire"

	"github.com/goconc/goconc/internal/syncbuf"
)

// syncBuffer collects output written while the test reads it.
type syncBuffer = syncbuf.Buffer

func TestBadMessagesAreDroppedAndLogged(t *testing.T) {
	logs := &syncBuffer{}
	prev := log.Writer()
	log.SetOutput(logs)
	t.Cleanup(func() { log.SetOutput(prev) })

	e := setup(t)
	in := receiver(e.sockets.Shell())
	m, _ := e.client.Session().New("execute_request", wire.Header{}, map[string]string{"code": "evil()"})
	wrongKey, _ := wire.NewSigner("hmac-sha256", "attacker-key")
	forged, _ := wire.Encode(m, wrongKey)
	unsigned, _ := wire.Encode(m, nil)
	tampered, _ := wire.Encode(m, e.client.Signer())
	tampered[len(tampered)-1] = []byte(`{"code":"other()"}`)
	bad := map[string][][]byte{
		"forged":       forged,
		"unsigned":     unsigned,
		"tampered":     tampered,
		"no delimiter": {[]byte("x"), []byte("y")},
		"bad json":     {[]byte(wire.Delimiter), []byte(""), []byte("{"), {}, {}, {}},
		"too few":      {[]byte(wire.Delimiter)},
	}
	for name, frames := range bad {
		if err := e.client.SendRaw("shell", frames); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	h, err := e.client.Request("shell", "kernel_info_request", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := next(t, e.ctx, in); got.Header != h {
		t.Fatalf("first message returned by Recv is %+v, want the valid request %+v", got.Header, h)
	}
	out := logs.String()
	if n := strings.Count(out, "wire: shell: dropping message"); n != len(bad) {
		t.Errorf("%d drop log lines, want %d:\n%s", n, len(bad), out)
	}
	for _, want := range []string{"bad signature", "missing signature", "no <IDS|MSG> delimiter", "malformed"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}
