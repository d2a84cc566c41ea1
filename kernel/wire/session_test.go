package wire

import (
	"encoding/json"
	"errors"
	"regexp"
	"testing"
	"time"
)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if !uuidRE.MatchString(id) {
			t.Fatalf("NewID() = %q, not a v4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}

func TestSessionNew(t *testing.T) {
	s := NewSession()
	s.now = func() time.Time { return time.Date(2024, 2, 3, 4, 5, 6, 7008000, time.FixedZone("X", 3600)) }
	parent := testHeader("execute_request")
	m, err := s.New("stream", parent, map[string]string{"name": "stdout", "text": "<b>"})
	if err != nil {
		t.Fatal(err)
	}
	h := m.Header
	if h.Session != s.ID() || h.Username != "goconc" || h.Version != "5.3" || h.MsgType != "stream" {
		t.Errorf("header %+v", h)
	}
	if h.Date != "2024-02-03T03:05:06.007008Z" {
		t.Errorf("date %q, want UTC with microseconds", h.Date)
	}
	if !uuidRE.MatchString(h.MsgID) || m.Parent != parent {
		t.Errorf("msg id %q, parent %+v", h.MsgID, m.Parent)
	}
	if got := string(m.Content); got != `{"name":"stdout","text":"<b>"}` {
		t.Errorf("content %s", got)
	}
	if _, err := time.Parse(time.RFC3339Nano, NewSession().mustNew(t).Header.Date); err != nil {
		t.Errorf("date does not parse as RFC 3339: %v", err)
	}
}

func (s *Session) mustNew(t *testing.T) Message {
	m, err := s.New("status", Header{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSessionNewContent(t *testing.T) {
	s := NewSession()
	var nilMap map[string]any
	for _, tc := range []struct {
		content any
		want    string
	}{
		{nil, `{}`},
		{nilMap, `{}`},
		{json.RawMessage(`{"a":1}`), `{"a":1}`},
		{[]byte(`{"b":2}`), `{"b":2}`},
		{struct {
			X int `json:"x"`
		}{3}, `{"x":3}`},
	} {
		m, err := s.New("x", Header{}, tc.content)
		if err != nil {
			t.Fatalf("%#v: %v", tc.content, err)
		}
		if string(m.Content) != tc.want {
			t.Errorf("%#v: content %s, want %s", tc.content, m.Content, tc.want)
		}
	}
	for _, bad := range []any{[]int{1}, "str", json.RawMessage(`{`), make(chan int)} {
		if _, err := s.New("x", Header{}, bad); err == nil {
			t.Errorf("%#v: no error", bad)
		}
	}
	if _, err := s.New("x", Header{}, 5); !errors.Is(err, ErrMalformed) {
		t.Errorf("number content: err = %v, want ErrMalformed", err)
	}
	if _, err := s.New("", Header{}, nil); err == nil {
		t.Error("empty msg_type: no error")
	}
}

func TestSessionReply(t *testing.T) {
	s := NewSession()
	req := Message{Identities: [][]byte{[]byte("peer")}, Header: testHeader("kernel_info_request")}
	r, err := s.Reply(req, "kernel_info_reply", map[string]string{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Parent != req.Header || string(r.Identities[0]) != "peer" || r.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("reply %+v", r)
	}
}

func TestUnmarshalContent(t *testing.T) {
	var v map[string]any
	if err := (Message{}).UnmarshalContent(&v); err != nil || len(v) != 0 {
		t.Fatalf("empty content: %v %v", v, err)
	}
	var n int
	if err := (Message{Content: json.RawMessage(`{}`)}).UnmarshalContent(&n); err == nil {
		t.Fatal("want type error")
	}
}
