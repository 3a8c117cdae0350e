package sandbox

import (
	"crypto/rand"
	"fmt"
	"time"
)

// store holds every object and counter of a sandbox. All access goes
// through Server.mu.
type store struct {
	contacts      map[int64]*contactRecord
	conversations map[int64]*conversationRecord
	messages      map[int64]*messageRecord
	tickets       map[string]*ticketRecord // by ticket id
	blobs         map[string]blob          // attachment bytes, by data_url token

	contactIDs, conversationIDs, messageIDs, attachmentIDs, ticketIDs sequence

	requests  map[string]int // by "METHOD /route/pattern"
	responses map[string]int // by status code
}

// newStore returns an empty store whose ID sequences start at 1.
func newStore() store {
	return store{
		contacts:      map[int64]*contactRecord{},
		conversations: map[int64]*conversationRecord{},
		messages:      map[int64]*messageRecord{},
		tickets:       map[string]*ticketRecord{},
		blobs:         map[string]blob{},
		requests:      map[string]int{},
		responses:     map[string]int{},
	}
}

// sequence hands out increasing IDs, starting at 1.
type sequence int64

// next returns the next ID.
func (q *sequence) next() int64 {
	*q++
	return int64(*q)
}

// contactRecord is a stored contact: the exported view plus its links to
// inboxes (the first is the one it was created with) and its activity time.
type contactRecord struct {
	Contact
	inboxes        []contactInbox
	lastActivityAt int64
}

// contactInbox links a contact to an inbox under a source ID.
type contactInbox struct {
	inbox    Inbox
	sourceID string
}

// conversationRecord is a stored conversation and the LiveDesk bookkeeping
// it renders with.
type conversationRecord struct {
	Conversation
	inboxName   string
	updatedAt   time.Time
	lastSorting int64 // the last message sorting_id handed out
}

// messageRecord is a stored message.
type messageRecord struct {
	Message
	inboxID    int64
	sortingID  int64
	senderName string   // the contact's, for an incoming message
	blobTokens []string // the data_url token of each attachment, in order
}

// blob is an uploaded file, served at its data_url.
type blob struct {
	name, contentType string
	data              []byte
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand documents it)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
