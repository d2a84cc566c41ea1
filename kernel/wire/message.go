// Package wire implements the wire layer of the Jupyter messaging protocol
// (version 5.3) for the goconc kernel: connection files, message framing
// and HMAC signing, message construction, and the ZeroMQ sockets a kernel
// binds. It knows nothing about evaluating Go code.
//
// A message travels as a multipart ZeroMQ message:
//
//	<identities...> "<IDS|MSG>" <signature> <header> <parent_header> <metadata> <content> <buffers...>
//
// Decode and Encode convert between those frames and Message; Signer computes
// and checks the signature; Session builds new messages; Bind opens the
// sockets named by a connection file.
package wire

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ProtocolVersion is the Jupyter messaging protocol version this package
// speaks; Session puts it in every header it makes.
const ProtocolVersion = "5.3"

// Delimiter is the frame that separates the ZeroMQ routing identities from
// the signed part of a message.
const Delimiter = "<IDS|MSG>"

// Errors returned (wrapped with context) by Decode, Encode and the sockets.
// Test for them with errors.Is.
var (
	// ErrNoDelimiter means the frames contain no "<IDS|MSG>" delimiter.
	ErrNoDelimiter = errors.New("wire: no <IDS|MSG> delimiter")
	// ErrBadSignature means a signature is missing or does not match while
	// a key is set.
	ErrBadSignature = errors.New("wire: bad signature")
	// ErrMalformed means too few frames, invalid JSON, or a header without
	// a msg_type.
	ErrMalformed = errors.New("wire: malformed message")
	// ErrClosed is returned by channel operations after Sockets.Close.
	ErrClosed = errors.New("wire: sockets closed")
)

// Header is a Jupyter message header; it is also used for parent headers.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// IsZero reports whether h is the zero Header, which stands for "no parent"
// and is encoded as {}.
func (h Header) IsZero() bool { return h == Header{} }

// Message is one decoded Jupyter message.
type Message struct {
	// Identities is the ZeroMQ routing prefix (the frames before
	// "<IDS|MSG>"). On a ROUTER channel the first one names the peer; on
	// IOPub they are the subscription topic.
	Identities [][]byte
	// Header is the message's own header.
	Header Header
	// Parent is the header of the message this one answers; the zero
	// value means no parent and is encoded as {}.
	Parent Header
	// Metadata is free-form metadata; nil is encoded as {}. Decode always
	// returns a non-nil map.
	Metadata map[string]any
	// Content is the message content as raw JSON; nil is encoded as {}.
	Content json.RawMessage
	// Buffers are the optional binary frames after the content.
	Buffers [][]byte
}

// UnmarshalContent decodes the message content into v. Empty content is
// treated as {}.
func (m Message) UnmarshalContent(v any) error {
	content := m.Content
	if len(content) == 0 {
		content = json.RawMessage("{}")
	}
	if err := json.Unmarshal(content, v); err != nil {
		return fmt.Errorf("wire: decode %q content: %w", m.Header.MsgType, err)
	}
	return nil
}
