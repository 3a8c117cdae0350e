package conversation

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// One grammar reads the import ids of conversations and one writer writes
// the import commands every piece of advice gives:
//
//   - livedesk_conversation: "<conversation id>", or with the ids of the
//     messages it already holds, in transcript order,
//     "<conversation id>/<message id>,<message id>" ("407/3031,3032");
//   - livedesk_conversations: "<inbox id>:" then entries separated by ";",
//     each "<key>=" and a conversation written as above, then, for an
//     entry whose contact is inline, "@" and the contact's id
//     ("12:alice=407/3031,3032@55;bob=408").

// Imported is one conversation of an import id: its id and the ids of the
// messages it already holds, in transcript order.
type Imported struct {
	ID   int64
	Held []int64
	// Contact is the id of the inline contact a livedesk_conversations
	// entry adopts; 0 for none.
	Contact int64
}

// IDPattern is a LiveDesk id as written: a positive whole number, with no
// sign and no leading zero.
var IDPattern = regexp.MustCompile(`^[1-9][0-9]*$`)

// ParseID reads a LiveDesk id.
func ParseID(value string) (int64, error) {
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || !IDPattern.MatchString(value) {
		return 0, fmt.Errorf("%q is not a LiveDesk id: it must be a positive whole number such as \"407\", with no spaces or signs", value)
	}
	return n, nil
}

// ParseImportID reads livedesk_conversation's import id.
func ParseImportID(importID string) (Imported, error) {
	convPart, heldPart, withHeld := strings.Cut(importID, "/")
	id, err := ParseID(convPart)
	if err != nil {
		return Imported{}, err
	}
	imported := Imported{ID: id}
	if !withHeld {
		return imported, nil
	}
	for i, part := range strings.Split(heldPart, ",") {
		msg, err := ParseID(strings.TrimSpace(part))
		if err != nil {
			return Imported{}, fmt.Errorf("message id %d after the \"/\": %w", i+1, err)
		}
		imported.Held = append(imported.Held, msg)
	}
	return imported, nil
}

// ParseEntriesImportID reads livedesk_conversations' import id. A key is
// anything up to its first "=" and cannot hold ";". One conversation, or
// one inline contact, under two keys is refused: two keys would send to,
// and resolve, one conversation, or change one contact.
func ParseEntriesImportID(importID string) (int64, map[string]Imported, error) {
	inboxPart, entriesPart, ok := strings.Cut(importID, ":")
	if !ok {
		return 0, nil, fmt.Errorf("%q has no \":\" after the inbox id", importID)
	}
	inboxID, err := ParseID(strings.TrimSpace(inboxPart))
	if err != nil {
		return 0, nil, fmt.Errorf("the inbox id: %w", err)
	}
	entries := map[string]Imported{}
	keyOf, keyOfContact := map[int64]string{}, map[int64]string{}
	for _, part := range strings.Split(entriesPart, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		key, conv, ok := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return 0, nil, fmt.Errorf("%q is not <key>=<conversation id>", part)
		}
		if _, twice := entries[key]; twice {
			return 0, nil, fmt.Errorf("key %q appears twice", key)
		}
		conv, contactPart, withContact := strings.Cut(strings.TrimSpace(conv), "@")
		imported, err := ParseImportID(conv)
		if err != nil {
			return 0, nil, fmt.Errorf("key %q: %w", key, err)
		}
		if withContact {
			if imported.Contact, err = ParseID(contactPart); err != nil {
				return 0, nil, fmt.Errorf("key %q: the contact id after the \"@\": %w", key, err)
			}
			if other, twice := keyOfContact[imported.Contact]; twice {
				return 0, nil, fmt.Errorf("contact %d is under two keys, %q and %q: an inline contact belongs to one key only; name it with contact_id in the other", imported.Contact, other, key)
			}
			keyOfContact[imported.Contact] = key
		}
		if other, twice := keyOf[imported.ID]; twice {
			return 0, nil, fmt.Errorf("conversation %d is under two keys, %q and %q: one conversation can be managed under one key only", imported.ID, other, key)
		}
		keyOf[imported.ID] = key
		entries[key] = imported
	}
	if len(entries) == 0 {
		return 0, nil, fmt.Errorf("%q names no conversation", importID)
	}
	return inboxID, entries, nil
}

// ImportTarget writes the import id that adopts a conversation in the
// resource that holds it.
type ImportTarget interface {
	// ImportID is the import id for conversation id holding the messages
	// listed in held, both as the import id writes them ("" for none);
	// id may be a placeholder such as "<conversation id>".
	ImportID(id, held string) string
	// Command is the command that imports importID into the resource.
	Command(importID string) string
}

// SingleImport is livedesk_conversation's import id. Creating is set while
// the resource is being created: it is not in the state yet, so the
// import needs no terraform state rm first.
type SingleImport struct {
	Creating bool
}

// Command imports into <address>, removing what the state holds first
// unless the resource is being created.
func (s SingleImport) Command(importID string) string {
	if s.Creating {
		return "terraform import <address> " + importID
	}
	return stateRmThenImport(importID)
}

// Command removes the resource from the state, then imports it whole.
func (EntriesImport) Command(importID string) string { return stateRmThenImport(importID) }

// stateRmThenImport replaces what the state holds at <address> by an
// import.
func stateRmThenImport(importID string) string {
	return "terraform state rm <address>, then terraform import <address> " + importID
}

// ImportID writes "<id>" or "<id>/<held>".
func (SingleImport) ImportID(id, held string) string {
	if held == "" {
		return id
	}
	return id + "/" + held
}

// EntriesImport is livedesk_conversations' import id for the conversation
// of one key; the import adopts the whole resource, so it lists the other
// keys the state records too.
type EntriesImport struct {
	InboxID int64
	Key     string
	// Contact is the id of Key's inline contact; 0 for none.
	Contact int64
	// Others are the other keys the state records with their
	// conversations.
	Others map[string]Imported
}

// ImportID writes "<inbox>:<key>=<id>/<held>@<contact>;<other key>=…",
// keys in order.
func (t EntriesImport) ImportID(id, held string) string {
	entries := map[string]string{t.Key: withContact(SingleImport{}.ImportID(id, held), t.Contact)}
	for key, other := range t.Others {
		if key != t.Key {
			entries[key] = withContact(SingleImport{}.ImportID(strconv.FormatInt(other.ID, 10), JoinIDs(other.Held)), other.Contact)
		}
	}
	keys := make([]string, 0, len(entries))
	for key := range entries {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, key := range keys {
		parts[i] = key + "=" + entries[key]
	}
	return fmt.Sprintf("%d:%s", t.InboxID, strings.Join(parts, ";"))
}

// withContact writes an entry's conversation with its inline contact.
func withContact(conversation string, contact int64) string {
	if contact == 0 {
		return conversation
	}
	return conversation + "@" + strconv.FormatInt(contact, 10)
}

// ImportCommand is the advice that adopts conversation id (its id, or a
// placeholder) with the
// messages it holds (held, then more as written, such as "<its message
// id>") into the resource target describes.
func ImportCommand(target ImportTarget, id string, held []int64, more string) string {
	list := JoinIDs(held)
	if list != "" && more != "" {
		list += ","
	}
	return target.Command(target.ImportID(id, list+more))
}

// JoinIDs writes ids as a comma-separated list.
func JoinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// ParseMessageImportID reads livedesk_message's import id:
// "<conversation id>/<message id>".
func ParseMessageImportID(importID string) (conversationID, messageID int64, err error) {
	convPart, msgPart, ok := strings.Cut(importID, "/")
	if !ok {
		return 0, 0, fmt.Errorf("%q has no \"/\" between the conversation id and the message id", importID)
	}
	if conversationID, err = ParseID(convPart); err != nil {
		return 0, 0, fmt.Errorf("the conversation id: %w", err)
	}
	if messageID, err = ParseID(msgPart); err != nil {
		return 0, 0, fmt.Errorf("the message id: %w", err)
	}
	return conversationID, messageID, nil
}

// MessageImportID writes livedesk_message's import id; either part may be
// a placeholder such as "<message id>".
func MessageImportID(conversationID, messageID string) string {
	return conversationID + "/" + messageID
}
