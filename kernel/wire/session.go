package wire

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"
)

// Username is the username Session puts in the headers it makes.
const Username = "goconc"

// DateFormat is the ISO-8601 UTC layout, with microseconds, of header dates.
const DateFormat = "2006-01-02T15:04:05.000000Z"

// Session makes new messages for one kernel (or client) session. It is safe
// for concurrent use.
type Session struct {
	id       string
	username string
	now      func() time.Time
}

// NewSession returns a Session with a fresh random session id and the
// username "goconc".
func NewSession() *Session {
	return &Session{id: NewID(), username: Username, now: time.Now}
}

// ID returns the session id put in every header.
func (s *Session) ID() string { return s.id }

// New returns a message of type msgType with a fresh header answering
// parent (the zero Header for none). content is marshaled to JSON: nil
// (or anything marshaling to null) means {}, and a json.RawMessage or []byte is used as is after checking
// that it is a JSON object. For replies the caller sets Identities from the
// request (or uses Reply).
func (s *Session) New(msgType string, parent Header, content any) (Message, error) {
	if msgType == "" {
		return Message{}, fmt.Errorf("wire: new message: empty msg_type")
	}
	raw, err := marshalContent(content)
	if err != nil {
		return Message{}, fmt.Errorf("wire: new %q message: %w", msgType, err)
	}
	return Message{
		Header: Header{
			MsgID:    NewID(),
			Session:  s.id,
			Username: s.username,
			Date:     s.now().UTC().Format(DateFormat),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
		Parent:  parent,
		Content: raw,
	}, nil
}

// Reply is New with req's header as parent and req's identities, so that
// the result is routed back to the peer that sent req.
func (s *Session) Reply(req Message, msgType string, content any) (Message, error) {
	m, err := s.New(msgType, req.Header, content)
	if err != nil {
		return Message{}, err
	}
	m.Identities = req.Identities
	return m, nil
}

func marshalContent(content any) (json.RawMessage, error) {
	var raw []byte
	switch c := content.(type) {
	case nil:
		return json.RawMessage("{}"), nil
	case json.RawMessage:
		raw = c
	case []byte:
		raw = c
	default:
		b, err := marshalJSON(content)
		if err != nil {
			return nil, fmt.Errorf("marshal content: %w", err)
		}
		raw = b
	}
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage("{}"), nil
	}
	if !isObject(raw) {
		return nil, fmt.Errorf("content is not a JSON object: %w", ErrMalformed)
	}
	return json.RawMessage(raw), nil
}

// NewID returns a random UUID (version 4) string from crypto/rand, as used
// for message and session ids.
func NewID() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // never fails: crypto/rand crashes the program instead
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
