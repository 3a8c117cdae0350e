package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// livedesk_conversations' values, read from and written to Terraform's
// values as the protocol carries them (see tfwire): the conversation
// engine's values for what the engine decides, tfwire values for what the
// provider only carries (custom attributes, attachments, files as
// written).

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
}

// bulkContact is an entry's inline contact, created in the inbox before
// its conversation.
type bulkContact struct {
	Name             conversation.Value[string]
	Email            conversation.Value[string]
	PhoneNumber      conversation.Value[string]
	Identifier       conversation.Value[string]
	CustomAttributes tfwire.Value
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
	FilesValue   tfwire.Value
	FilesUnknown bool
	Attachments  tfwire.Value
}

// bulkTypes are the tftypes of livedesk_conversations' values, from its
// schema: resource guides every read and write (see tfwire); the
// objects' attributes are checked against those the writers write.
type bulkTypes struct {
	resource, entry, contact, message tftypes.Object
}

// newBulkTypes reads the types of the resource's schema; an error says
// the schema is not the one this code reads and writes.
func newBulkTypes(resource tftypes.Type) (bulkTypes, error) {
	var t bulkTypes
	var ok [6]bool
	t.resource, ok[0] = resource.(tftypes.Object)
	entries, isMap := t.resource.AttributeTypes["conversations"].(tftypes.Map)
	t.entry, ok[1] = entries.ElementType.(tftypes.Object)
	t.contact, ok[2] = t.entry.AttributeTypes["contact"].(tftypes.Object)
	messages, isList := t.entry.AttributeTypes["messages"].(tftypes.List)
	t.message, ok[3] = messages.ElementType.(tftypes.Object)
	ok[4], ok[5] = isMap, isList
	for _, fine := range ok {
		if !fine {
			return t, fmt.Errorf("livedesk_conversations' schema does not have the shape its server reads: %s", resource)
		}
	}
	for _, o := range []struct {
		object tftypes.Object
		names  []string
	}{{t.resource, resourceAttributes}, {t.entry, entryAttributes}, {t.contact, inlineContactAttributes}, {t.message, messageAttributes}} {
		if !slices.Equal(slices.Sorted(maps.Keys(o.object.AttributeTypes)), slices.Sorted(slices.Values(o.names))) {
			return t, fmt.Errorf("livedesk_conversations' server writes the attributes %v of an object whose schema has %v",
				o.names, slices.Sorted(maps.Keys(o.object.AttributeTypes)))
		}
	}
	return t, nil
}

// decodeError is a value that does not have the schema's type: a state
// written by hand, or a bug.
func decodeError(what string, err error) error {
	return fmt.Errorf("cannot read livedesk_conversations' %s: %w", what, err)
}

// decodeModel reads the resource's value; ok is false when it is null.
func decodeModel(v tfwire.Value) (m bulkModel, ok bool, err error) {
	if v.IsNull() {
		return m, false, nil
	}
	if v.Kind() != tfwire.Map {
		return m, false, decodeError("value", fmt.Errorf("a %s is not an object", v.Kind()))
	}
	m.ID, m.InboxID = stringOf(v.Attr("id")), stringOf(v.Attr("inbox_id"))
	m.MaxParallel, m.ResolveOnDestroy = int64Of(v.Attr("max_parallel")), boolOf(v.Attr("resolve_on_destroy"))
	m.Entries, m.Unknown = decodeEntries(v.Attr("conversations"))
	return m, true, nil
}

// decodeEntries reads conversations.
func decodeEntries(v tfwire.Value) (map[string]*bulkEntry, bool) {
	if !v.IsKnown() {
		return nil, true
	}
	if v.IsNull() {
		return nil, false
	}
	entries := make(map[string]*bulkEntry, v.Len())
	for i := range v.Len() {
		entries[v.Key(i)] = decodeEntry(v.Elem(i))
	}
	return entries, false
}

// decodeEntry reads one entry.
func decodeEntry(v tfwire.Value) *bulkEntry {
	if !v.IsKnown() {
		return &bulkEntry{Unknown: true}
	}
	e := &bulkEntry{ContactID: stringOf(v.Attr("contact_id")), SourceID: stringOf(v.Attr("source_id")), Status: stringOf(v.Attr("status")),
		SnoozedUntil: stringOf(v.Attr("snoozed_until")), ID: stringOf(v.Attr("id")), UUID: stringOf(v.Attr("uuid"))}
	switch c := v.Attr("contact"); {
	case !c.IsKnown():
		e.ContactUnknown = true
	case !c.IsNull():
		e.Contact = decodeContact(c)
	}
	e.Messages = decodeMessages(v.Attr("messages"))
	return e
}

// decodeContact reads a known inline contact.
func decodeContact(v tfwire.Value) *bulkContact {
	return &bulkContact{Name: stringOf(v.Attr("name")), Email: stringOf(v.Attr("email")), PhoneNumber: stringOf(v.Attr("phone_number")),
		Identifier: stringOf(v.Attr("identifier")), CustomAttributes: v.Attr("custom_attributes"), ID: stringOf(v.Attr("id")), SourceID: stringOf(v.Attr("source_id"))}
}

// decodeMessages reads a transcript.
func decodeMessages(v tfwire.Value) bulkMessages {
	switch {
	case !v.IsKnown():
		return bulkMessages{Unknown: true}
	case v.IsNull():
		return bulkMessages{Null: true}
	}
	out := bulkMessages{List: make([]bulkMessage, v.Len())}
	for i := range v.Len() {
		e := v.Elem(i)
		if !e.IsKnown() {
			out.List[i] = unknownMessage()
			continue
		}
		m := bulkMessage{Message: conversation.Message{Content: stringOf(e.Attr("content")), Type: stringOf(e.Attr("message_type")),
			Private: boolOf(e.Attr("private")), ReplyTo: int64Of(e.Attr("reply_to")), InReplyTo: idOf(e.Attr("in_reply_to")),
			Hashes: joinedStrings(e.Attr("files_sha256")), ID: idOf(e.Attr("id"))},
			FilesValue: e.Attr("files"), Attachments: e.Attr("attachments")}
		m.Files, m.FilesUnknown = knownStrings(m.FilesValue)
		out.List[i] = m
	}
	return out
}

// unknownMessage is an element known only at apply.
func unknownMessage() bulkMessage {
	return bulkMessage{Unknown: true, FilesUnknown: true, Message: conversation.Message{Content: conversation.Unknown[string](),
		Type: conversation.Unknown[string](), Private: conversation.Unknown[bool](), ReplyTo: conversation.Unknown[int64](),
		InReplyTo: conversation.Unknown[int64](), Hashes: conversation.Unknown[string](), ID: conversation.Unknown[int64]()}}
}

// stringOf reads a string.
func stringOf(v tfwire.Value) conversation.Value[string] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[string]()
	case v.IsNull():
		return conversation.Null[string]()
	}
	return conversation.Known(v.Str())
}

// int64Of reads a whole number.
func int64Of(v tfwire.Value) conversation.Value[int64] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[int64]()
	case v.IsNull():
		return conversation.Null[int64]()
	}
	return conversation.Known(v.Int())
}

// boolOf reads a bool.
func boolOf(v tfwire.Value) conversation.Value[bool] {
	switch {
	case !v.IsKnown():
		return conversation.Unknown[bool]()
	case v.IsNull():
		return conversation.Null[bool]()
	}
	return conversation.Known(v.Bool())
}

// idOf reads an id written as a string; one that does not parse (a state
// written by hand) reads as 0, which LiveDesk answers with 404.
func idOf(v tfwire.Value) conversation.Value[int64] {
	s := stringOf(v)
	if !s.IsKnown() {
		return nullOrUnknown[int64](s.IsUnknown())
	}
	n, _ := parseID(s.Get())
	return conversation.Known(n)
}

// knownStrings are the known elements of a list of strings, nil for a
// null list; unknown is set when the list or an element is not known.
func knownStrings(v tfwire.Value) (known []string, unknown bool) {
	if !v.IsKnown() {
		return nil, true
	}
	if v.IsNull() {
		return nil, false
	}
	known = make([]string, 0, v.Len())
	for i := range v.Len() {
		e := v.Elem(i)
		if !e.IsKnown() {
			unknown = true
			continue
		}
		known = append(known, e.Str())
	}
	return known, unknown
}

// joinedStrings is a list of strings as one engine string, its elements
// joined by commas (see conversation.Message.Hashes).
func joinedStrings(v tfwire.Value) conversation.Value[string] {
	known, unknown := knownStrings(v)
	switch {
	case unknown:
		return conversation.Unknown[string]()
	case known == nil:
		return conversation.Null[string]()
	}
	return conversation.Known(strings.Join(known, ","))
}

// frameworkStrings is a list of strings as the framework's value, for the
// checks livedesk_conversations shares with the framework's resources.
func frameworkStrings(v tfwire.Value) types.List {
	switch {
	case !v.IsKnown():
		return types.ListUnknown(types.StringType)
	case v.IsNull():
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, v.Len())
	for i := range v.Len() {
		elems[i] = stringFrom(stringOf(v.Elem(i)))
	}
	return types.ListValueMust(types.StringType, elems)
}

// frameworkStringMap is a map of strings as the framework's value.
func frameworkStringMap(v tfwire.Value) types.Map {
	switch {
	case !v.IsKnown():
		return types.MapUnknown(types.StringType)
	case v.IsNull():
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, v.Len())
	for i := range v.Len() {
		elems[v.Key(i)] = stringFrom(stringOf(v.Elem(i)))
	}
	return types.MapValueMust(types.StringType, elems)
}

// wireValue is a framework value as the value this server writes; a
// value that does not convert (a bug) writes null.
func wireValue(ctx context.Context, v attr.Value) tfwire.Value {
	tv, err := v.ToTerraformValue(ctx)
	if err != nil {
		return tfwire.NullValue()
	}
	w, err := tfwire.FromTerraform(tv)
	if err != nil {
		return tfwire.NullValue()
	}
	return w
}

// The writers.

// Attribute names, in the order each object is written.
var (
	resourceAttributes      = []string{"id", "inbox_id", "max_parallel", "resolve_on_destroy", "conversations"}
	inlineContactAttributes = []string{"name", "email", "phone_number", "identifier", "custom_attributes", "id", "source_id"}
	entryAttributes         = []string{"contact_id", "source_id", "contact", "status", "snoozed_until", "messages", "id", "uuid"}
	messageAttributes       = []string{"content", "message_type", "private", "files", "reply_to", "in_reply_to", "id", "files_sha256", "attachments"}
)

// encodeModel writes the resource's value.
func encodeModel(m bulkModel) tfwire.Value {
	return tfwire.MapValue(resourceAttributes, []tfwire.Value{
		stringValue(m.ID), stringValue(m.InboxID), int64Value(m.MaxParallel), boolValue(m.ResolveOnDestroy), encodeEntries(m.Entries, m.Unknown),
	})
}

// encodeEntries writes conversations.
func encodeEntries(entries map[string]*bulkEntry, unknown bool) tfwire.Value {
	switch {
	case unknown:
		return tfwire.UnknownValue()
	case entries == nil:
		return tfwire.NullValue()
	}
	keys := slices.Sorted(maps.Keys(entries))
	elems := make([]tfwire.Value, len(keys))
	for i, key := range keys {
		elems[i] = encodeEntry(entries[key])
	}
	return tfwire.MapValue(keys, elems)
}

// encodeEntry writes one entry.
func encodeEntry(e *bulkEntry) tfwire.Value {
	if e.Unknown {
		return tfwire.UnknownValue()
	}
	contact := tfwire.NullValue()
	switch {
	case e.ContactUnknown:
		contact = tfwire.UnknownValue()
	case e.Contact != nil:
		c := e.Contact
		contact = tfwire.MapValue(inlineContactAttributes, []tfwire.Value{
			stringValue(c.Name), stringValue(c.Email), stringValue(c.PhoneNumber), stringValue(c.Identifier), c.CustomAttributes,
			stringValue(c.ID), stringValue(c.SourceID),
		})
	}
	return tfwire.MapValue(entryAttributes, []tfwire.Value{
		stringValue(e.ContactID), stringValue(e.SourceID), contact, stringValue(e.Status), stringValue(e.SnoozedUntil),
		encodeMessages(e.Messages), stringValue(e.ID), stringValue(e.UUID),
	})
}

// encodeMessages writes a transcript.
func encodeMessages(ms bulkMessages) tfwire.Value {
	switch {
	case ms.Unknown:
		return tfwire.UnknownValue()
	case ms.Null:
		return tfwire.NullValue()
	}
	elems := make([]tfwire.Value, len(ms.List))
	for i, m := range ms.List {
		if m.Unknown {
			elems[i] = tfwire.UnknownValue()
			continue
		}
		elems[i] = tfwire.MapValue(messageAttributes, []tfwire.Value{
			stringValue(m.Content), stringValue(m.Type), boolValue(m.Private), m.FilesValue, int64Value(m.ReplyTo), idValueOf(m.InReplyTo),
			idValueOf(m.ID), hashesWire(m.Hashes), m.Attachments,
		})
	}
	return tfwire.ListValue(elems)
}

// hashesValue writes files_sha256 from the engine's joined hashes.
func hashesWire(v conversation.Value[string]) tfwire.Value {
	switch {
	case v.IsUnknown():
		return tfwire.UnknownValue()
	case v.IsNull():
		return tfwire.NullValue()
	}
	hashes := conversation.SplitHashes(v)
	elems := make([]tfwire.Value, len(hashes))
	for i, h := range hashes {
		elems[i] = tfwire.StringValue(h)
	}
	return tfwire.ListValue(elems)
}

// stringValue writes a string.
func stringValue(v conversation.Value[string]) tfwire.Value {
	switch {
	case v.IsUnknown():
		return tfwire.UnknownValue()
	case v.IsNull():
		return tfwire.NullValue()
	}
	return tfwire.StringValue(v.Get())
}

// int64Value writes a whole number.
func int64Value(v conversation.Value[int64]) tfwire.Value {
	switch {
	case v.IsUnknown():
		return tfwire.UnknownValue()
	case v.IsNull():
		return tfwire.NullValue()
	}
	return tfwire.IntValue(v.Get())
}

// boolValue writes a bool.
func boolValue(v conversation.Value[bool]) tfwire.Value {
	switch {
	case v.IsUnknown():
		return tfwire.UnknownValue()
	case v.IsNull():
		return tfwire.NullValue()
	}
	return tfwire.BoolValue(v.Get())
}

// idValueOf writes an id as the string the schema holds.
func idValueOf(v conversation.Value[int64]) tfwire.Value {
	if !v.IsKnown() {
		return stringValue(nullOrUnknown[string](v.IsUnknown()))
	}
	return tfwire.StringValue(formatID(v.Get()))
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
