package provider

import (
	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// entriesTarget writes livedesk_conversations' import id for one key (see
// conversation.EntriesImport), listing the other keys entries records,
// each with its conversation and the ids of the messages it holds.
type entriesTarget struct {
	inboxID int64
	key     string
	entries map[string]*bulkEntry
}

// ImportID writes the import id that adopts conversation id, holding the
// messages held, under the target's key.
func (t entriesTarget) ImportID(id, held string) string {
	others := map[string]conversation.Imported{}
	for key, e := range t.entries {
		if !e.ID.IsKnown() {
			continue
		}
		others[key] = conversation.Imported{ID: idNumber(e.ID), Held: conversation.HeldIDs(engineOf(e.Messages.List)), Contact: inlineContactID(e)}
	}
	target := conversation.EntriesImport{InboxID: t.inboxID, Key: t.key, Others: others}
	if e := t.entries[t.key]; e != nil {
		target.Contact = inlineContactID(e)
	}
	return target.ImportID(id, held)
}

// Command replaces the whole resource in the state by the import.
func (t entriesTarget) Command(importID string) string {
	return conversation.EntriesImport{}.Command(importID)
}

// inlineContactID is the id of e's inline contact, as the import id
// writes it; 0 for none.
func inlineContactID(e *bulkEntry) int64 {
	if e.Contact == nil || !e.Contact.ID.IsKnown() {
		return 0
	}
	return idNumber(e.Contact.ID)
}
