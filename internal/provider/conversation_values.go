package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// The translation between Terraform's values and the conversation
// engine's: the engine decides, these functions only carry values across.

// engineString is a string attribute as the engine holds it.
func engineString(v basetypes.StringValuable) conversation.Value[string] {
	s, _ := v.ToStringValue(context.Background())
	switch {
	case s.IsUnknown():
		return conversation.Unknown[string]()
	case s.IsNull():
		return conversation.Null[string]()
	}
	return conversation.Known(s.ValueString())
}

// engineBool is a bool attribute as the engine holds it.
func engineBool(v types.Bool) conversation.Value[bool] {
	switch {
	case v.IsUnknown():
		return conversation.Unknown[bool]()
	case v.IsNull():
		return conversation.Null[bool]()
	}
	return conversation.Known(v.ValueBool())
}

// engineInt64 is an int64 attribute as the engine holds it.
func engineInt64(v types.Int64) conversation.Value[int64] {
	switch {
	case v.IsUnknown():
		return conversation.Unknown[int64]()
	case v.IsNull():
		return conversation.Null[int64]()
	}
	return conversation.Known(v.ValueInt64())
}

// engineID is an id attribute as the engine holds it.
func engineID(v idValue) conversation.Value[int64] {
	switch {
	case v.IsUnknown():
		return conversation.Unknown[int64]()
	case v.IsNull():
		return conversation.Null[int64]()
	}
	return conversation.Known(v.Int64())
}

// stringFrom is an engine string as a Terraform value.
func stringFrom(v conversation.Value[string]) types.String {
	switch {
	case v.IsUnknown():
		return types.StringUnknown()
	case v.IsNull():
		return types.StringNull()
	}
	return types.StringValue(v.Get())
}

// engineStatus is a status and its snoozed_until as the engine holds them.
func engineStatus(status, snoozedUntil types.String) conversation.Status {
	return conversation.Status{Value: engineString(status), SnoozedUntil: engineString(snoozedUntil)}
}

// engineMessage is a transcript element as the engine holds it.
func engineMessage(m transcriptMessage) conversation.Message {
	return conversation.Message{Content: engineString(m.Content), Type: engineString(m.MessageType), Private: engineBool(m.Private),
		ReplyTo: engineInt64(m.ReplyTo), InReplyTo: engineID(m.InReplyTo), ID: engineID(m.ID), Hashes: engineStrings(m.FilesSHA256),
		Files: knownPaths(m.Files)}
}

// engineElement is a planned transcript element as the engine holds it.
func engineElement(m transcriptMessage) conversation.Element {
	return conversation.Element{Message: engineMessage(m), FilesUnknown: filesUnknown(m.Files)}
}

// knownPaths are the paths of a files attribute that are known; nil when
// it is null.
func knownPaths(files types.List) []string {
	if files.IsNull() {
		return nil
	}
	paths := []string{}
	for _, f := range files.Elements() {
		if s, ok := f.(basetypes.StringValue); ok && !s.IsUnknown() {
			paths = append(paths, s.ValueString())
		}
	}
	return paths
}

// filesUnknown reports whether a files attribute, or one of its paths, is
// known only at apply.
func filesUnknown(files types.List) bool {
	return files.IsUnknown() || slices.ContainsFunc(files.Elements(), attr.Value.IsUnknown)
}

// hashesFrom is files_sha256 for the engine's joined hashes.
func hashesFrom(v conversation.Value[string]) types.List {
	switch {
	case v.IsUnknown():
		return types.ListUnknown(types.StringType)
	case v.IsNull():
		return types.ListNull(types.StringType)
	}
	return hashesValue(conversation.SplitHashes(v))
}

// engineMessages are transcript elements as the engine holds them.
func engineMessages(messages []transcriptMessage) []conversation.Message {
	out := make([]conversation.Message, len(messages))
	for i, m := range messages {
		out[i] = engineMessage(m)
	}
	return out
}

// engineStrings is a list of strings as one engine string, its elements
// joined by commas; unknown when the list or an element is.
func engineStrings(list types.List) conversation.Value[string] {
	switch {
	case list.IsUnknown():
		return conversation.Unknown[string]()
	case list.IsNull():
		return conversation.Null[string]()
	}
	parts := make([]string, 0, len(list.Elements()))
	for _, e := range list.Elements() {
		s, ok := e.(basetypes.StringValue)
		if !ok || s.IsUnknown() {
			return conversation.Unknown[string]()
		}
		parts = append(parts, s.ValueString())
	}
	return conversation.Known(strings.Join(parts, ","))
}

// directionsOf are the directions of transcript elements, as planned.
func directionsOf(messages []transcriptMessage) []conversation.Value[string] {
	out := make([]conversation.Value[string], len(messages))
	for i, m := range messages {
		out[i] = engineString(m.MessageType)
	}
	return out
}
