package bench

import (
	"fmt"
	"slices"
	"strings"
)

// flavor is what differs between the provider's configuration and
// Terraform's floor: the resource types and their arguments. Everything
// else, the counts and the dependency of every message on the
// conversations, is the same in both.
type flavor struct {
	header           string
	conversationType string
	conversationArgs []string
	messageType      string
	// messageArgs receives the expression of the message's conversation
	// id.
	messageArgs func(conversationID string) []string
}

// providerFlavor seeds livedesk conversations with one contact in one
// inbox; credentials and base URL come from the environment.
func providerFlavor(inboxID, contactID int64) flavor {
	return flavor{
		header: `terraform {
  required_providers {
    livedesk = {
      source = "livedesk-community/livedesk"
    }
  }
}

provider "livedesk" {}
`,
		conversationType: "livedesk_conversation",
		conversationArgs: []string{
			fmt.Sprintf("inbox_id   = %q", fmt.Sprint(inboxID)),
			fmt.Sprintf("contact_id = %q", fmt.Sprint(contactID)),
		},
		messageType: "livedesk_message",
		messageArgs: func(conversationID string) []string {
			return []string{
				"conversation_id = " + conversationID,
				`content         = "` + messagePrefix + `${count.index}"`,
			}
		},
	}
}

// terraformDataFlavor is Terraform's floor: built-in terraform_data
// resources, no provider to start, no API to call.
var terraformDataFlavor = flavor{
	conversationType: "terraform_data",
	conversationArgs: []string{`input = "conversation ${count.index}"`},
	messageType:      "terraform_data",
	messageArgs: func(conversationID string) []string {
		return []string{`input = "${` + conversationID + `}/message ${count.index}"`}
	},
}

// transcriptConfiguration returns the root module for size as
// transcripts: resource "c" with one instance per conversation, each with
// its MessagesPer messages in its messages attribute, written out one
// element a line as a user writes them. Message j of conversation i is
// message i * MessagesPer + j of the size, as in the API floors.
func transcriptConfiguration(size Size, f flavor) string {
	var b strings.Builder
	writeHeader(&b, f)
	args := f.conversationArgs
	if size.MessagesPer > 0 {
		var messages strings.Builder
		messages.WriteString("messages = [\n")
		for position := range size.MessagesPer {
			fmt.Fprintf(&messages, "    { content = \"%s${count.index * %d + %d}\" },\n", messagePrefix, size.MessagesPer, position)
		}
		messages.WriteString("  ]")
		args = append(slices.Clip(args), messages.String())
	}
	writeResource(&b, f.conversationType, "c", size.Conversations, args)
	return b.String()
}

// configuration returns the root module for size: resource "c" with one
// instance per conversation and resource "m" with one per message, message
// i belonging to conversation i / MessagesPer. As in any configuration
// written with count or for_each, Terraform orders the two resources as
// wholes: every message waits for every conversation.
func configuration(size Size, f flavor) string {
	var b strings.Builder
	writeHeader(&b, f)
	writeResource(&b, f.conversationType, "c", size.Conversations, f.conversationArgs)
	if size.Messages() > 0 {
		b.WriteString("\n")
		conversationID := fmt.Sprintf("%s.c[floor(count.index / %d)].id", f.conversationType, size.MessagesPer)
		writeResource(&b, f.messageType, "m", size.Messages(), f.messageArgs(conversationID))
	}
	return b.String()
}

// writeHeader writes the flavor's header, if it has one, and a blank line
// after it.
func writeHeader(b *strings.Builder, f flavor) {
	if f.header != "" {
		b.WriteString(f.header + "\n")
	}
}

// writeResource writes a resource block with count instances.
func writeResource(b *strings.Builder, typ, name string, count int, args []string) {
	fmt.Fprintf(b, "resource %q %q {\n  count = %d\n", typ, name, count)
	for _, arg := range args {
		b.WriteString("  " + arg + "\n")
	}
	b.WriteString("}\n")
}
