package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// transcriptSent is what a transcript send did.
type transcriptSent struct {
	// Done is how many elements LiveDesk now holds for certain: from plus
	// those sent.
	Done int
	// Directions are those LiveDesk recorded for the elements sent.
	Directions []string
	// Warnings say where LiveDesk recorded another direction than asked.
	Warnings []string
}

// sendTranscript sends messages[from:] to a conversation with the engine
// (see conversation.Sender.Transcript) and fills in what LiveDesk
// answered. The error, when a send failed, is a
// *conversation.TranscriptError.
func (d *providerData) sendTranscript(ctx context.Context, conversationID int64, messages []transcriptMessage, from int) (transcriptSent, error) {
	answers, err := d.sender().Transcript(ctx, conversationID, engineMessages(messages), from)
	result := transcriptSent{Done: from + len(answers), Directions: conversation.Directions(answers)}
	for k, a := range answers {
		m := &messages[from+k]
		m.ID = newID(int64(a.Message.ID))
		m.CreatedAt = types.Int64Value(a.Message.CreatedAt.Unix())
		m.Attachments = attachmentsValue(a.Message.Attachments)
		if a.Hashes != nil {
			m.FilesSHA256 = hashesValue(a.Hashes)
		}
		if a.Warning != "" {
			result.Warnings = append(result.Warnings, a.Warning)
		}
	}
	return result, err
}
