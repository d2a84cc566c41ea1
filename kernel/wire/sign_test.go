package wire

import (
	"strings"
	"testing"
)

// Expected digests computed with Python's hmac module.
func TestSignKnownVectors(t *testing.T) {
	parts := [][]byte{
		[]byte(`{"msg_id":"a","session":"s","username":"u","date":"d","msg_type":"kernel_info_request","version":"5.3"}`),
		[]byte("{}"), []byte("{}"), []byte("{}"),
	}
	for scheme, want := range map[string]string{
		"hmac-sha256": "ede69c7c5d30f70d2aee334344f7b44eaca1b4c3a5ef5f7ad6e0f9e308c78db0",
		"HMAC-SHA512": "c72355be8c90e0228c85bfd91cc6c3f815868681c6ae764ac1c460192604ff5ddcc30268724bb9aa25809e9084ed96e37fe8d96354dbe0d8c9375548cd7025a6",
		"hmac-sha1":   "369519b0dd414720dda422a899d50fd444ddecde",
	} {
		s := mustSigner(t, scheme, "secret-key")
		if got := s.Sign(parts...); got != want {
			t.Errorf("%s: Sign = %s, want %s", scheme, got, want)
		}
		if !s.Verify([]byte(want), parts...) {
			t.Errorf("%s: Verify(correct) = false", scheme)
		}
		if s.Verify([]byte(want[:len(want)-1]), parts...) {
			t.Errorf("%s: Verify(truncated) = true", scheme)
		}
	}
}

func TestSignerDisabled(t *testing.T) {
	for _, s := range []*Signer{nil, mustSigner(t, "hmac-sha256", "")} {
		if s.Enabled() {
			t.Fatal("Enabled() = true without key")
		}
		if got := s.Sign([]byte("x")); got != "" {
			t.Errorf("Sign = %q, want empty", got)
		}
		if !s.Verify(nil, []byte("x")) || !s.Verify([]byte("junk"), []byte("x")) {
			t.Error("Verify without key rejected a message")
		}
	}
}

func TestSignerEmptySignatureNeverVerifies(t *testing.T) {
	s := mustSigner(t, "", "k")
	if s.Scheme() != DefaultSignatureScheme {
		t.Errorf("Scheme() = %q", s.Scheme())
	}
	if s.Verify(nil) || s.Verify([]byte{}, []byte("a")) {
		t.Error("empty signature verified")
	}
}

func TestNewSignerUnknownScheme(t *testing.T) {
	for _, scheme := range []string{"hmac-sha3", "sha256", "none"} {
		_, err := NewSigner(scheme, "")
		if err == nil || !strings.Contains(err.Error(), scheme) {
			t.Errorf("NewSigner(%q): err = %v", scheme, err)
		}
	}
}
