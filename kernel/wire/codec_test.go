package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func testHeader(msgType string) Header {
	return Header{
		MsgID: "id-" + msgType, Session: "sess", Username: "goconc",
		Date: "2024-01-02T03:04:05.000006Z", MsgType: msgType, Version: ProtocolVersion,
	}
}

func mustSigner(t testing.TB, scheme, key string) *Signer {
	t.Helper()
	s, err := NewSigner(scheme, key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// normalize makes a decoded message comparable with the one encoded.
func normalize(m Message) Message {
	if m.Metadata == nil {
		m.Metadata = map[string]any{}
	}
	if len(m.Content) == 0 {
		m.Content = json.RawMessage("{}")
	}
	return m
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	signed := mustSigner(t, "hmac-sha256", "secret")
	unsigned := mustSigner(t, "", "")
	tests := []struct {
		name   string
		msg    Message
		signer *Signer
	}{
		{"minimal", Message{Header: testHeader("kernel_info_request")}, signed},
		{"unsigned", Message{Header: testHeader("kernel_info_request")}, unsigned},
		{"nil signer", Message{Header: testHeader("kernel_info_request")}, nil},
		{"sha512", Message{Header: testHeader("x")}, mustSigner(t, "hmac-sha512", "k")},
		{"with parent and identities", Message{
			Identities: [][]byte{[]byte("peer-1"), []byte("peer-2")},
			Header:     testHeader("execute_reply"),
			Parent:     testHeader("execute_request"),
			Content:    json.RawMessage(`{"status":"ok","execution_count":3}`),
		}, signed},
		{"metadata and html content", Message{
			Header:   testHeader("display_data"),
			Metadata: map[string]any{"deleted": true, "n": 1.5, "list": []any{"a", nil}},
			Content:  json.RawMessage(`{"data":{"text/html":"<b>&amp; ü</b>"}}`),
		}, signed},
		{"buffers", Message{
			Header:  testHeader("comm_msg"),
			Content: json.RawMessage(`{"comm_id":"c"}`),
			Buffers: [][]byte{{0, 1, 2}, {}, []byte("<IDS|MSG>")},
		}, signed},
		{"empty identity frame", Message{
			Identities: [][]byte{{}},
			Header:     testHeader("status"),
		}, signed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frames, err := Encode(tt.msg, tt.signer)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if got := string(frames[len(tt.msg.Identities)]); got != Delimiter {
				t.Fatalf("frame %d = %q, want delimiter", len(tt.msg.Identities), got)
			}
			if sig := frames[len(tt.msg.Identities)+1]; tt.signer.Enabled() != (len(sig) > 0) {
				t.Fatalf("signature %q with signing enabled=%v", sig, tt.signer.Enabled())
			}
			got, err := Decode(frames, tt.signer)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if want := normalize(tt.msg); !reflect.DeepEqual(got, want) {
				t.Fatalf("round trip:\n got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestEncodeDefaults(t *testing.T) {
	frames, err := Encode(Message{Header: testHeader("status")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"parent", "metadata", "content"} {
		if got := string(frames[3+i]); got != "{}" {
			t.Errorf("%s = %s, want {}", name, got)
		}
	}
	if len(frames) != 6 {
		t.Errorf("got %d frames, want 6", len(frames))
	}
}

func TestEncodeRejectsBadContent(t *testing.T) {
	for _, c := range []string{`[1]`, `"x"`, `{"a":`, `nope`} {
		_, err := Encode(Message{Header: testHeader("x"), Content: json.RawMessage(c)}, nil)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("content %s: err = %v, want ErrMalformed", c, err)
		}
	}
	_, err := Encode(Message{Header: testHeader("x"), Metadata: map[string]any{"c": make(chan int)}}, nil)
	if err == nil {
		t.Error("unmarshalable metadata: no error")
	}
}

// TestDecodeJupyterClientMessage decodes frames serialized by jupyter_client
// 7.4.9's Session (key "secret-key"), checking signature compatibility.
func TestDecodeJupyterClientMessage(t *testing.T) {
	frames := [][]byte{
		[]byte("client-id"),
		[]byte("<IDS|MSG>"),
		[]byte("2c9902bbddd30032d0fc032c0b8e78a7be22509e1192d2242f21055f896cf62e"),
		[]byte(`{"msg_id": "py-msg-1", "msg_type": "execute_request", "username": "alice", "session": "py-session", "date": "2024-05-06T07:08:09.123456Z", "version": "5.3"}`),
		[]byte(`{}`),
		[]byte(`{}`),
		[]byte("{\"code\": \"fmt.Println(\\\"<b>h\xc3\xa9llo</b>\\\")\", \"silent\": false}"),
	}
	m, err := Decode(frames, mustSigner(t, "hmac-sha256", "secret-key"))
	if err != nil {
		t.Fatal(err)
	}
	want := Header{MsgID: "py-msg-1", Session: "py-session", Username: "alice",
		Date: "2024-05-06T07:08:09.123456Z", MsgType: "execute_request", Version: "5.3"}
	if m.Header != want || !m.Parent.IsZero() || string(m.Identities[0]) != "client-id" {
		t.Fatalf("decoded %+v", m)
	}
	var c struct{ Code string }
	if err := m.UnmarshalContent(&c); err != nil || c.Code != `fmt.Println("<b>héllo</b>")` {
		t.Fatalf("content %q, %v", c.Code, err)
	}
	if _, err := Decode(frames, mustSigner(t, "hmac-sha256", "other-key")); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("wrong key: err = %v, want ErrBadSignature", err)
	}
}

func TestDecodeSignature(t *testing.T) {
	s := mustSigner(t, "hmac-sha256", "secret")
	good, err := Encode(Message{
		Identities: [][]byte{[]byte("peer")},
		Header:     testHeader("execute_request"),
		Content:    json.RawMessage(`{"code":"1+1"}`),
	}, s)
	if err != nil {
		t.Fatal(err)
	}
	const sigIdx, headerIdx, contentIdx = 2, 3, 6
	edit := func(i int, b []byte) [][]byte {
		f := append([][]byte(nil), good...)
		f[i] = b
		return f
	}
	forged := mustSigner(t, "hmac-sha256", "not-the-key").Sign(good[3], good[4], good[5], good[6])
	tests := []struct {
		name   string
		frames [][]byte
	}{
		{"forged signature", edit(sigIdx, []byte(forged))},
		{"missing signature", edit(sigIdx, nil)},
		{"garbage signature", edit(sigIdx, []byte("zz"))},
		{"uppercase signature", edit(sigIdx, bytes.ToUpper(good[sigIdx]))},
		{"tampered content", edit(contentIdx, []byte(`{"code":"rm -rf /"}`))},
		{"tampered header", edit(headerIdx, bytes.Replace(good[headerIdx], []byte("execute_request"), []byte("shutdown_request"), 1))},
		{"other scheme", edit(sigIdx, []byte(mustSigner(t, "hmac-sha512", "secret").Sign(good[3], good[4], good[5], good[6])))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Decode(tt.frames, s); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("err = %v, want ErrBadSignature", err)
			}
		})
	}
	if _, err := Decode(good, s); err != nil {
		t.Fatalf("good message: %v", err)
	}
	// Without a key, signatures are not checked.
	if _, err := Decode(edit(sigIdx, nil), nil); err != nil {
		t.Fatalf("unsigned decode: %v", err)
	}
}

func TestDecodeMalformed(t *testing.T) {
	h := []byte(`{"msg_id":"1","msg_type":"kernel_info_request"}`)
	d := []byte(Delimiter)
	tests := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"nil", nil, ErrNoDelimiter},
		{"no delimiter", [][]byte{[]byte("id"), []byte(""), h, []byte("{}"), []byte("{}"), []byte("{}")}, ErrNoDelimiter},
		{"delimiter only", [][]byte{d}, ErrMalformed},
		{"too few frames", [][]byte{d, nil, h, []byte("{}"), []byte("{}")}, ErrMalformed},
		{"bad header json", [][]byte{d, nil, []byte(`{"msg_id":`), []byte("{}"), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"header not object", [][]byte{d, nil, []byte(`[]`), []byte("{}"), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"header wrong type", [][]byte{d, nil, []byte(`{"msg_type":5}`), []byte("{}"), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"no msg_type", [][]byte{d, nil, []byte(`{"msg_id":"1"}`), []byte("{}"), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"bad parent", [][]byte{d, nil, h, []byte(`{"msg_id":1}`), []byte("{}"), []byte("{}")}, ErrMalformed},
		{"bad metadata", [][]byte{d, nil, h, []byte("{}"), []byte(`"x"`), []byte("{}")}, ErrMalformed},
		{"bad content", [][]byte{d, nil, h, []byte("{}"), []byte("{}"), []byte(`{"a":}`)}, ErrMalformed},
		{"content not object", [][]byte{d, nil, h, []byte("{}"), []byte("{}"), []byte(`null`)}, ErrMalformed},
		{"trailing garbage", [][]byte{d, nil, h, []byte("{}"), []byte("{}"), []byte(`{} {}`)}, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.frames, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDecodeNullParentAndMetadata(t *testing.T) {
	frames := [][]byte{[]byte(Delimiter), nil, []byte(`{"msg_type":"status"}`), []byte("null"), []byte("null"), []byte("{}")}
	m, err := Decode(frames, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Parent.IsZero() || m.Metadata == nil || len(m.Metadata) != 0 {
		t.Fatalf("decoded %+v", m)
	}
}
