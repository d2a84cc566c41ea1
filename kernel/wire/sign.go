package wire

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"sort"
	"strings"
)

// DefaultSignatureScheme is the scheme Jupyter uses when a connection file
// does not name one.
const DefaultSignatureScheme = "hmac-sha256"

// schemes maps the supported signature_scheme values to their hash.
// Jupyter accepts "hmac-" followed by any hashlib name; these are the ones
// the Go standard library offers.
var schemes = map[string]func() hash.Hash{
	"hmac-sha256": sha256.New,
	"hmac-sha384": sha512.New384,
	"hmac-sha512": sha512.New,
	"hmac-sha224": sha256.New224,
	"hmac-sha1":   sha1.New,
	"hmac-md5":    md5.New,
}

// SupportedSchemes returns the signature schemes NewSigner accepts, sorted.
func SupportedSchemes() []string {
	out := make([]string, 0, len(schemes))
	for k := range schemes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Signer signs and verifies messages with an HMAC over the header, parent
// header, metadata and content frames, as the Jupyter protocol requires.
// An empty key disables signing, as Jupyter allows: Sign then returns ""
// and Verify accepts anything. A nil *Signer behaves like a disabled one.
// A Signer is safe for concurrent use.
type Signer struct {
	scheme string
	key    []byte
	hash   func() hash.Hash
}

// NewSigner returns a Signer for scheme (for example "hmac-sha256"; empty
// means DefaultSignatureScheme) and key. It fails on an unknown scheme even
// when the key is empty.
func NewSigner(scheme, key string) (*Signer, error) {
	if scheme == "" {
		scheme = DefaultSignatureScheme
	}
	h, ok := schemes[strings.ToLower(scheme)]
	if !ok {
		return nil, fmt.Errorf("wire: unsupported signature scheme %q (supported: %s)",
			scheme, strings.Join(SupportedSchemes(), ", "))
	}
	return &Signer{scheme: strings.ToLower(scheme), key: []byte(key), hash: h}, nil
}

// Enabled reports whether the signer has a key, that is whether messages
// are signed and signatures are checked.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Scheme returns the signature scheme, such as "hmac-sha256".
func (s *Signer) Scheme() string {
	if s == nil {
		return DefaultSignatureScheme
	}
	return s.scheme
}

// Sign returns the lowercase hex HMAC of parts (header, parent header,
// metadata and content, in that order), or "" when signing is disabled.
func (s *Signer) Sign(parts ...[]byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac(parts))
}

// Verify reports whether sig is the hex HMAC of parts. The comparison takes
// constant time. When signing is disabled it always reports true; when it
// is enabled an empty signature never verifies.
func (s *Signer) Verify(sig []byte, parts ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	if len(sig) == 0 {
		return false
	}
	want := make([]byte, hex.EncodedLen(s.hash().Size()))
	hex.Encode(want, s.mac(parts))
	return hmac.Equal(want, sig)
}

func (s *Signer) mac(parts [][]byte) []byte {
	m := hmac.New(s.hash, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}
