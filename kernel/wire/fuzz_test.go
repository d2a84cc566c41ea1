package wire

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// fuzzKey signs the "signed" seeds in testdata/fuzz/FuzzDecode.
const fuzzKey = "fuzz-key"

// FuzzDecode feeds arbitrary frames to Decode. The input is split into
// frames at NUL bytes (which JSON text never contains); signed selects a
// keyed signer. Decode must not panic, must fail only with one of its
// sentinel errors, and whatever it accepts must survive Encode and Decode
// unchanged.
func FuzzDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, signed bool) {
		key := ""
		if signed {
			key = fuzzKey
		}
		s := mustSigner(t, "hmac-sha256", key)
		frames := bytes.Split(data, []byte{0})
		m, err := Decode(frames, s)
		if err != nil {
			if !errors.Is(err, ErrNoDelimiter) && !errors.Is(err, ErrBadSignature) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("Decode error wraps no sentinel: %v", err)
			}
			return
		}
		if m.Header.MsgType == "" || m.Metadata == nil {
			t.Fatalf("accepted message without msg_type or metadata: %+v", m)
		}
		again, err := Encode(m, s)
		if err != nil {
			t.Fatalf("Encode of decoded message: %v", err)
		}
		m2, err := Decode(again, s)
		if err != nil {
			t.Fatalf("Decode of re-encoded message: %v", err)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip changed the message:\n got %#v\nwant %#v", m2, m)
		}
	})
}

// TestFuzzSeedCorpus checks that the committed seeds are what their names
// say: valid_* decode, every other seed is rejected.
func TestFuzzSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 5 {
		t.Fatalf("only %d seeds in %s", len(entries), dir)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, signed := readSeed(t, filepath.Join(dir, e.Name()))
			key := ""
			if signed {
				key = fuzzKey
			}
			_, err := Decode(bytes.Split(data, []byte{0}), mustSigner(t, "", key))
			if valid := strings.HasPrefix(e.Name(), "valid_"); valid != (err == nil) {
				t.Fatalf("Decode err = %v, want valid=%v", err, valid)
			}
		})
	}
}

// readSeed parses a "go test fuzz v1" file holding a []byte and a bool.
func readSeed(t *testing.T, path string) ([]byte, bool) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 3 || lines[0] != "go test fuzz v1" {
		t.Fatalf("%s: unexpected format", path)
	}
	quoted, ok := strings.CutPrefix(lines[1], "[]byte(")
	if !ok {
		t.Fatalf("%s: no []byte value", path)
	}
	data, err := strconv.Unquote(strings.TrimSuffix(quoted, ")"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(data), lines[2] == "bool(true)"
}
