package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Positions of the signed frames after the delimiter.
const (
	idxSignature = iota
	idxHeader
	idxParent
	idxMetadata
	idxContent
	numFixed // frames that must follow the delimiter
)

var (
	delimiter   = []byte(Delimiter)
	emptyObject = []byte("{}")
)

// Decode parses the frames of one multipart message. The frames before the
// delimiter become Identities and the frames after the content become
// Buffers; both alias the input slices. With an enabled signer the signature
// must be present and valid.
//
// Errors wrap ErrNoDelimiter, ErrBadSignature or ErrMalformed. The signature
// is checked before any JSON is parsed, so unsigned input is never
// unmarshaled. Decode never panics.
func Decode(frames [][]byte, s *Signer) (Message, error) {
	delim := -1
	for i, f := range frames {
		if bytes.Equal(f, delimiter) {
			delim = i
			break
		}
	}
	if delim < 0 {
		return Message{}, fmt.Errorf("decode %d frames: %w", len(frames), ErrNoDelimiter)
	}
	rest := frames[delim+1:]
	if len(rest) < numFixed {
		return Message{}, fmt.Errorf("decode: %d frames after delimiter, need at least %d: %w",
			len(rest), numFixed, ErrMalformed)
	}
	if s.Enabled() {
		sig := rest[idxSignature]
		if len(sig) == 0 {
			return Message{}, fmt.Errorf("decode: missing signature: %w", ErrBadSignature)
		}
		if !s.Verify(sig, rest[idxHeader], rest[idxParent], rest[idxMetadata], rest[idxContent]) {
			return Message{}, fmt.Errorf("decode: signature mismatch: %w", ErrBadSignature)
		}
	}

	var m Message
	if err := unmarshalObject(rest[idxHeader], &m.Header); err != nil {
		return Message{}, fmt.Errorf("decode header: %w", err)
	}
	if m.Header.MsgType == "" {
		return Message{}, fmt.Errorf("decode header: no msg_type: %w", ErrMalformed)
	}
	if err := unmarshalObject(rest[idxParent], &m.Parent); err != nil {
		return Message{}, fmt.Errorf("decode parent header: %w", err)
	}
	if err := unmarshalObject(rest[idxMetadata], &m.Metadata); err != nil {
		return Message{}, fmt.Errorf("decode metadata: %w", err)
	}
	if m.Metadata == nil {
		m.Metadata = map[string]any{}
	}
	content := rest[idxContent]
	if !isObject(content) {
		return Message{}, fmt.Errorf("decode content of %q: not a JSON object: %w", m.Header.MsgType, ErrMalformed)
	}
	m.Content = bytes.Clone(content)
	if delim > 0 {
		m.Identities = frames[:delim:delim]
	}
	if extra := rest[numFixed:]; len(extra) > 0 {
		m.Buffers = extra
	}
	return m, nil
}

// Encode serializes m into frames ready for a multipart send, signing them
// with s (nil or keyless means unsigned). A zero Parent and nil Metadata or
// Content are encoded as {}. Content must be a JSON object.
func Encode(m Message, s *Signer) ([][]byte, error) {
	header, err := marshalJSON(m.Header)
	if err != nil {
		return nil, fmt.Errorf("encode %q header: %w", m.Header.MsgType, err)
	}
	parent := emptyObject
	if !m.Parent.IsZero() {
		if parent, err = marshalJSON(m.Parent); err != nil {
			return nil, fmt.Errorf("encode %q parent header: %w", m.Header.MsgType, err)
		}
	}
	metadata := emptyObject
	if m.Metadata != nil {
		if metadata, err = marshalJSON(m.Metadata); err != nil {
			return nil, fmt.Errorf("encode %q metadata: %w", m.Header.MsgType, err)
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = emptyObject
	} else if !isObject(content) {
		return nil, fmt.Errorf("encode %q content: not a JSON object: %w", m.Header.MsgType, ErrMalformed)
	}
	sig := s.Sign(header, parent, metadata, content)

	frames := make([][]byte, 0, len(m.Identities)+1+numFixed+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, []byte(sig), header, parent, metadata, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// unmarshalObject decodes a JSON object (or null) into v, reporting any
// other input as ErrMalformed.
func unmarshalObject(data []byte, v any) error {
	if !isObject(data) && !bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return fmt.Errorf("not a JSON object: %w", ErrMalformed)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return nil
}

// isObject reports whether data is a single valid JSON object.
func isObject(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && t[0] == '{' && json.Valid(t)
}

// marshalJSON is json.Marshal without HTML escaping, so that the HTML in
// display data stays readable on the wire.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
