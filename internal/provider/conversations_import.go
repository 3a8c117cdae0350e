package provider

import (
	"fmt"
	"strings"
)

// importedConversation is one entry of a livedesk_conversations import id:
// a conversation id and the ids of the messages it already holds.
type importedConversation struct {
	id   int64
	held []int64
}

// parseConversationsImportID reads a livedesk_conversations import id:
// the inbox id, ":", then entries separated by ";", each a key, "=" and a
// conversation as livedesk_conversation's import id writes it, such as
// "1:alice=407/3031,3032;bob=408". A key is anything up to its first "="
// and cannot hold ";".
func parseConversationsImportID(importID string) (int64, map[string]importedConversation, error) {
	inboxPart, entriesPart, ok := strings.Cut(importID, ":")
	if !ok {
		return 0, nil, fmt.Errorf("%q has no \":\" after the inbox id", importID)
	}
	inboxID, err := parseID(strings.TrimSpace(inboxPart))
	if err != nil {
		return 0, nil, fmt.Errorf("the inbox id: %w", err)
	}
	entries := map[string]importedConversation{}
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
		id, held, err := parseConversationImportID(strings.TrimSpace(conv))
		if err != nil {
			return 0, nil, fmt.Errorf("key %q: %w", key, err)
		}
		entries[key] = importedConversation{id: id, held: held}
	}
	if len(entries) == 0 {
		return 0, nil, fmt.Errorf("%q names no conversation", importID)
	}
	return inboxID, entries, nil
}
