package provider

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// livedesk_conversations' values, read from and written to Terraform's
// values (tftypes) directly: the conversation engine's values for what
// the engine decides, tftypes values for what the provider only carries
// (custom attributes, attachments, files as written).

// bulkModel is livedesk_conversations as a configuration, a plan or a
// state.
type bulkModel struct {
	ID               conversation.Value[string]
	InboxID          conversation.Value[string]
	MaxParallel      conversation.Value[int64]
	ResolveOnDestroy conversation.Value[bool]
	// Entries are the conversations by key; nil when the map is null or
	// unknown (Unknown set).
	Entries map[string]*bulkEntry
	Unknown bool
}

// bulkEntry is one conversation under the key the user chose. The state
// records exactly what LiveDesk holds: an entry whose conversation could
// not be created has a null id, and its messages are those sent.
type bulkEntry struct {
	// Unknown is set for an entry known only at apply; nothing else is
	// then set.
	Unknown   bool
	ContactID conversation.Value[string]
	SourceID  conversation.Value[string]
	// Contact is the inline contact; nil when null or unknown
	// (ContactUnknown set).
	Contact        *bulkContact
	ContactUnknown bool
	Status         conversation.Value[string]
	SnoozedUntil   conversation.Value[string]
	Messages       bulkMessages
	ID             conversation.Value[string]
	UUID           conversation.Value[string]
	CreatedAt      conversation.Value[int64]
}

// bulkContact is an entry's inline contact, created in the inbox before
// its conversation.
type bulkContact struct {
	Name             conversation.Value[string]
	Email            conversation.Value[string]
	PhoneNumber      conversation.Value[string]
	Identifier       conversation.Value[string]
	CustomAttributes tftypes.Value
	ID               conversation.Value[string]
	SourceID         conversation.Value[string]
}

// bulkMessages is an entry's transcript.
type bulkMessages struct {
	Null, Unknown bool
	List          []bulkMessage
}

// bulkMessage is one element of a transcript: what the engine decides on,
// and what the provider carries.
type bulkMessage struct {
	conversation.Message
	// Unknown is set for an element known only at apply.
	Unknown bool
	// FilesValue is files as written; FilesUnknown is set when it or one
	// of its paths is known only at apply.
	FilesValue   tftypes.Value
	FilesUnknown bool
	CreatedAt    conversation.Value[int64]
	Attachments  tftypes.Value
}

// bulkTypes are the tftypes of livedesk_conversations' values, from its
// schema.
type bulkTypes struct {
	resource, entry, contact, message tftypes.Object
	entries, messages, files, hashes  tftypes.Type
	attachments, customAttributes     tftypes.Type
}

// newBulkTypes reads the types of the resource's schema; an error says
// the schema is not the one this code reads.
func newBulkTypes(resource tftypes.Type) (bulkTypes, error) {
	var t bulkTypes
	var ok [6]bool
	t.resource, ok[0] = resource.(tftypes.Object)
	t.entries = t.resource.AttributeTypes["conversations"]
	entries, isMap := t.entries.(tftypes.Map)
	t.entry, ok[1] = entries.ElementType.(tftypes.Object)
	t.contact, ok[2] = t.entry.AttributeTypes["contact"].(tftypes.Object)
	t.messages = t.entry.AttributeTypes["messages"]
	messages, isList := t.messages.(tftypes.List)
	t.message, ok[3] = messages.ElementType.(tftypes.Object)
	ok[4], ok[5] = isMap, isList
	t.files, t.hashes = t.message.AttributeTypes["files"], t.message.AttributeTypes["files_sha256"]
	t.attachments, t.customAttributes = t.message.AttributeTypes["attachments"], t.contact.AttributeTypes["custom_attributes"]
	for _, fine := range ok {
		if !fine {
			return t, fmt.Errorf("livedesk_conversations' schema does not have the shape its server reads: %s", resource)
		}
	}
	return t, nil
}

// decodeError is a value that does not have the schema's type: a state
// written by hand, or a bug.
func decodeError(what string, err error) error {
	return fmt.Errorf("cannot read livedesk_conversations' %s: %w", what, err)
}

// attributes reads an object.
func attributes(v tftypes.Value) (map[string]tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	err := v.As(&attrs)
	return attrs, err
}

// decodeModel reads the resource's value; ok is false when it is null.
func decodeModel(v tftypes.Value) (m bulkModel, ok bool, err error) {
	if v.IsNull() {
		return m, false, nil
	}
	attrs, err := attributes(v)
	if err != nil {
		return m, false, decodeError("value", err)
	}
	m.ID, m.InboxID = stringOf(attrs["id"]), stringOf(attrs["inbox_id"])
	m.MaxParallel, m.ResolveOnDestroy = int64Of(attrs["max_parallel"]), boolOf(attrs["resolve_on_destroy"])
	m.Entries, m.Unknown, err = decodeEntries(attrs["conversations"])
	return m, true, err
}

// decodeEntries reads conversations.
func decodeEntries(v tftypes.Value) (map[string]*bulkEntry, bool, error) {
	if !v.IsKnown() {
		return nil, true, nil
	}
	if v.IsNull() {
		return nil, false, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, false, decodeError("conversations", err)
	}
	entries := make(map[string]*bulkEntry, len(elems))
	for key, e := range elems {
		entry, err := decodeEntry(e)
		if err != nil {
			return nil, false, decodeError(fmt.Sprintf("conversation %q", key), err)
		}
		entries[key] = entry
	}
	return entries, false, nil
}

// decodeEntry reads one entry.
func decodeEntry(v tftypes.Value) (*bulkEntry, error) {
	if !v.IsKnown() {
		return &bulkEntry{Unknown: true}, nil
	}
	attrs, err := attributes(v)
	if err != nil {
		return nil, err
	}
	e := &bulkEntry{ContactID: stringOf(attrs["contact_id"]), SourceID: stringOf(attrs["source_id"]), Status: stringOf(attrs["status"]),
		SnoozedUntil: stringOf(attrs["snoozed_until"]), ID: stringOf(attrs["id"]), UUID: stringOf(attrs["uuid"]), CreatedAt: int64Of(attrs["created_at"])}
	switch c := attrs["contact"]; {
	case !c.IsKnown():
		e.ContactUnknown = true
	case !c.IsNull():
		if e.Contact, err = decodeContact(c); err != nil {
			return nil, err
		}
	}
	e.Messages, err = decodeMessages(attrs["messages"])
	return e, err
}

// decodeContact reads a known inline contact.
func decodeContact(v tftypes.Value) (*bulkContact, error) {
	attrs, err := attributes(v)
	if err != nil {
		return nil, err
	}
	return &bulkContact{Name: stringOf(attrs["name"]), Email: stringOf(attrs["email"]), PhoneNumber: stringOf(attrs["phone_number"]),
		Identifier: stringOf(attrs["identifier"]), CustomAttributes: attrs["custom_attributes"], ID: stringOf(attrs["id"]), SourceID: stringOf(attrs["source_id"])}, nil
}

// decodeMessages reads a transcript.
func decodeMessages(v tftypes.Value) (bulkMessages, error) {
	switch {
	case !v.IsKnown():
		return bulkMessages{Unknown: true}, nil
	case v.IsNull():
		return bulkMessages{Null: true}, nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return bulkMessages{}, err
	}
	out := bulkMessages{List: make([]bulkMessage, len(elems))}
	for i, e := range elems {
		if !e.IsKnown() {
			out.List[i] = unknownMessage()
			continue
		}
		attrs, err := attributes(e)
		if err != nil {
			return bulkMessages{}, err
		}
		m := bulkMessage{Message: conversation.Message{Content: stringOf(attrs["content"]), Type: stringOf(attrs["message_type"]),
			Private: boolOf(attrs["private"]), ReplyTo: int64Of(attrs["reply_to"]), InReplyTo: idOf(attrs["in_reply_to"]),
			Hashes: joinedStrings(attrs["files_sha256"]), ID: idOf(attrs["id"])},
			FilesValue: attrs["files"], CreatedAt: int64Of(attrs["created_at"]), Attachments: attrs["attachments"]}
		m.Files, m.FilesUnknown = knownStrings(m.FilesValue)
		out.List[i] = m
	}
	return out, nil
}

// unknownMessage is an element known only at apply.
func unknownMessage() bulkMessage {
	return bulkMessage{Unknown: true, FilesUnknown: true, Message: conversation.Message{Content: conversation.Unknown[string](),
		Type: conversation.Unknown[string](), Private: conversation.Unknown[bool](), ReplyTo: conversation.Unknown[int64](),
		InReplyTo: conversation.Unknown[int64](), Hashes: conversation.Unknown[string](), ID: conversation.Unknown[int64]()}}
}

// stringOf reads a string.
func stringOf(v tftypes.Value) conversation.Value[string] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[string]()
	case v.IsNull():
		return conversation.Null[string]()
	}
	var s string
	_ = v.As(&s)
	return conversation.Known(s)
}

// int64Of reads a whole number.
func int64Of(v tftypes.Value) conversation.Value[int64] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[int64]()
	case v.IsNull():
		return conversation.Null[int64]()
	}
	var f big.Float
	_ = v.As(&f)
	n, _ := f.Int64()
	return conversation.Known(n)
}

// boolOf reads a bool.
func boolOf(v tftypes.Value) conversation.Value[bool] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[bool]()
	case v.IsNull():
		return conversation.Null[bool]()
	}
	var b bool
	_ = v.As(&b)
	return conversation.Known(b)
}

// idOf reads an id written as a string; one that does not parse (a state
// written by hand) reads as 0, which LiveDesk answers with 404.
func idOf(v tftypes.Value) conversation.Value[int64] {
	s := stringOf(v)
	if !s.IsKnown() {
		return nullOrUnknown[int64](s.IsUnknown())
	}
	n, _ := parseID(s.Get())
	return conversation.Known(n)
}

// knownStrings are the known elements of a list of strings, nil for a
// null list; unknown is set when the list or an element is not known.
func knownStrings(v tftypes.Value) (known []string, unknown bool) {
	if !v.IsKnown() {
		return nil, true
	}
	if v.IsNull() {
		return nil, false
	}
	var elems []tftypes.Value
	_ = v.As(&elems)
	known = make([]string, 0, len(elems))
	for _, e := range elems {
		if !e.IsKnown() {
			unknown = true
			continue
		}
		var s string
		_ = e.As(&s)
		known = append(known, s)
	}
	return known, unknown
}

// joinedStrings is a list of strings as one engine string, its elements
// joined by commas (see conversation.Message.Hashes).
func joinedStrings(v tftypes.Value) conversation.Value[string] {
	known, unknown := knownStrings(v)
	switch {
	case unknown:
		return conversation.Unknown[string]()
	case known == nil:
		return conversation.Null[string]()
	}
	return conversation.Known(strings.Join(known, ","))
}

// The writers.

// encodeModel writes the resource's value.
func (t bulkTypes) encodeModel(m bulkModel) tftypes.Value {
	return tftypes.NewValue(t.resource, map[string]tftypes.Value{
		"id":                 stringValue(m.ID),
		"inbox_id":           stringValue(m.InboxID),
		"max_parallel":       int64Value(m.MaxParallel),
		"resolve_on_destroy": boolValue(m.ResolveOnDestroy),
		"conversations":      t.encodeEntries(m.Entries, m.Unknown),
	})
}

// encodeEntries writes conversations.
func (t bulkTypes) encodeEntries(entries map[string]*bulkEntry, unknown bool) tftypes.Value {
	switch {
	case unknown:
		return tftypes.NewValue(t.entries, tftypes.UnknownValue)
	case entries == nil:
		return tftypes.NewValue(t.entries, nil)
	}
	elems := make(map[string]tftypes.Value, len(entries))
	for key, e := range entries {
		elems[key] = t.encodeEntry(e)
	}
	return tftypes.NewValue(t.entries, elems)
}

// encodeEntry writes one entry.
func (t bulkTypes) encodeEntry(e *bulkEntry) tftypes.Value {
	if e.Unknown {
		return tftypes.NewValue(t.entry, tftypes.UnknownValue)
	}
	contact := tftypes.NewValue(t.contact, nil)
	switch {
	case e.ContactUnknown:
		contact = tftypes.NewValue(t.contact, tftypes.UnknownValue)
	case e.Contact != nil:
		c := e.Contact
		contact = tftypes.NewValue(t.contact, map[string]tftypes.Value{
			"name": stringValue(c.Name), "email": stringValue(c.Email), "phone_number": stringValue(c.PhoneNumber),
			"identifier": stringValue(c.Identifier), "custom_attributes": c.CustomAttributes, "id": stringValue(c.ID), "source_id": stringValue(c.SourceID),
		})
	}
	return tftypes.NewValue(t.entry, map[string]tftypes.Value{
		"contact_id": stringValue(e.ContactID), "source_id": stringValue(e.SourceID), "contact": contact, "status": stringValue(e.Status),
		"snoozed_until": stringValue(e.SnoozedUntil), "messages": t.encodeMessages(e.Messages), "id": stringValue(e.ID),
		"uuid": stringValue(e.UUID), "created_at": int64Value(e.CreatedAt),
	})
}

// encodeMessages writes a transcript.
func (t bulkTypes) encodeMessages(ms bulkMessages) tftypes.Value {
	switch {
	case ms.Unknown:
		return tftypes.NewValue(t.messages, tftypes.UnknownValue)
	case ms.Null:
		return tftypes.NewValue(t.messages, nil)
	}
	elems := make([]tftypes.Value, len(ms.List))
	for i, m := range ms.List {
		if m.Unknown {
			elems[i] = tftypes.NewValue(t.message, tftypes.UnknownValue)
			continue
		}
		elems[i] = tftypes.NewValue(t.message, map[string]tftypes.Value{
			"content": stringValue(m.Content), "message_type": stringValue(m.Type), "private": boolValue(m.Private), "files": m.FilesValue,
			"reply_to": int64Value(m.ReplyTo), "in_reply_to": idValueOf(m.InReplyTo), "id": idValueOf(m.ID), "created_at": int64Value(m.CreatedAt),
			"files_sha256": t.hashesValue(m.Hashes), "attachments": m.Attachments,
		})
	}
	return tftypes.NewValue(t.messages, elems)
}

// hashesValue writes files_sha256 from the engine's joined hashes.
func (t bulkTypes) hashesValue(v conversation.Value[string]) tftypes.Value {
	switch {
	case v.IsUnknown():
		return tftypes.NewValue(t.hashes, tftypes.UnknownValue)
	case v.IsNull():
		return tftypes.NewValue(t.hashes, nil)
	}
	elems := []tftypes.Value{}
	if v.Get() != "" {
		for _, h := range strings.Split(v.Get(), ",") {
			elems = append(elems, tftypes.NewValue(tftypes.String, h))
		}
	}
	return tftypes.NewValue(t.hashes, elems)
}

// stringValue writes a string.
func stringValue(v conversation.Value[string]) tftypes.Value {
	switch {
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	case v.IsNull():
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, v.Get())
}

// int64Value writes a whole number.
func int64Value(v conversation.Value[int64]) tftypes.Value {
	switch {
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	case v.IsNull():
		return tftypes.NewValue(tftypes.Number, nil)
	}
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(v.Get()))
}

// boolValue writes a bool.
func boolValue(v conversation.Value[bool]) tftypes.Value {
	switch {
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	case v.IsNull():
		return tftypes.NewValue(tftypes.Bool, nil)
	}
	return tftypes.NewValue(tftypes.Bool, v.Get())
}

// idValueOf writes an id as the string the schema holds.
func idValueOf(v conversation.Value[int64]) tftypes.Value {
	if !v.IsKnown() {
		return stringValue(nullOrUnknown[string](v.IsUnknown()))
	}
	return tftypes.NewValue(tftypes.String, formatID(v.Get()))
}

// idString is a known id as the string the schema holds.
func idString(id int64) conversation.Value[string] { return conversation.Known(formatID(id)) }

// idNumber is a known id string as the number the API expects (see
// idValue.Int64).
func idNumber(v conversation.Value[string]) int64 {
	n, _ := parseID(v.Get())
	return n
}

// nullOrUnknown is the unknown value when unknown is set, else null.
func nullOrUnknown[T comparable](unknown bool) conversation.Value[T] {
	if unknown {
		return conversation.Unknown[T]()
	}
	return conversation.Null[T]()
}
