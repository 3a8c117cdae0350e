package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// sendTranscript sends messages[from:] to a conversation, one at a time and
// in order, each after LiveDesk answered the one before, and fills in what
// LiveDesk answered. It returns how many elements of messages LiveDesk now
// holds for certain (from plus those sent) and, when a send failed, a
// *transcriptSendError.
func (d *providerData) sendTranscript(ctx context.Context, conversationID int64, messages []transcriptMessage, from int) (int, error) {
	for i := from; i < len(messages); i++ {
		m := &messages[i]
		spec := messageSpec{Content: m.Content, MessageType: m.MessageType, Private: m.Private, Files: m.Files, FilesSHA256: m.FilesSHA256}
		if !m.ReplyTo.IsNull() {
			spec.InReplyTo = messages[m.ReplyTo.ValueInt64()].ID.Int64()
		} else {
			spec.InReplyTo = m.InReplyTo.Int64()
		}
		failed := &transcriptSendError{ConversationID: conversationID, Index: i, Preview: messagePreview(i, *m), Held: heldIDs(messages[:i])}
		msgReq, hashes, diags := spec.request(ctx)
		if diags.HasError() {
			failed.Reason = diagnosticsText(diags)
			return i, failed
		}
		msg, err := d.client.Messages.Create(ctx, conversationID, msgReq)
		if err != nil {
			failed.Reason, failed.MayHaveArrived = d.explain(err), livedesk.MayHaveCommitted(err)
			return i, failed
		}
		sent, diags := newSentMessage(ctx, msg, hashes)
		if diags.HasError() {
			failed.Reason, failed.ArrivedAs = "its answer could not be recorded: "+diagnosticsText(diags), int64(msg.ID)
			return i, failed
		}
		m.ID, m.CreatedAt, m.Attachments = sent.ID, sent.CreatedAt, sent.Attachments
		if hashes != nil {
			m.FilesSHA256 = sent.FilesSHA256
		}
	}
	return len(messages), nil
}

// heldIDs are the ids LiveDesk gave messages already sent.
func heldIDs(messages []transcriptMessage) []int64 {
	ids := make([]int64, len(messages))
	for i, m := range messages {
		ids[i] = m.ID.Int64()
	}
	return ids
}

// transcriptSendError is a transcript send that stopped at one element.
// Its Advice says how to go on without sending anything twice.
type transcriptSendError struct {
	ConversationID int64
	// Index and Preview name the element that failed.
	Index   int
	Preview string
	// Held are the ids of the elements before it, which LiveDesk holds.
	Held []int64
	// Reason is what went wrong.
	Reason string
	// MayHaveArrived is set when the request reached LiveDesk and its
	// answer was lost or was a server error: the message may be there.
	MayHaveArrived bool
	// ArrivedAs is the id LiveDesk gave the message when it arrived but its
	// answer could not be recorded, or 0.
	ArrivedAs int64
	// ImportID, when set, writes the import id that adopts the conversation
	// with the message ids given (as the import id lists them), for a
	// resource whose import id is not livedesk_conversation's
	// "<conversation>/<ids>".
	ImportID func(ids string) string
}

// Error names the element, the conversation and what went wrong.
func (e *transcriptSendError) Error() string {
	return fmt.Sprintf("sending %s to conversation %d failed: %s", e.Preview, e.ConversationID, e.Reason)
}

// Advice says what LiveDesk holds and the ways forward. tainted is set for
// a conversation created by this apply (Terraform taints it): continuing
// in it then needs terraform untaint, and a plain apply replaces it.
func (e *transcriptSendError) Advice(tainted bool) string {
	var b strings.Builder
	switch len(e.Held) {
	case 0:
		fmt.Fprintf(&b, "Conversation %d holds none of the transcript's messages before it", e.ConversationID)
	case 1:
		fmt.Fprintf(&b, "Conversation %d holds messages[0] (id %d), which the state records", e.ConversationID, e.Held[0])
	default:
		fmt.Fprintf(&b, "Conversation %d holds messages[0] to messages[%d] (ids %s), which the state records", e.ConversationID, len(e.Held)-1, joinIDs(e.Held))
	}
	if tainted {
		b.WriteString(", and the conversation is tainted")
	}
	b.WriteString(".\n\n")
	// adopt is the import that adopts the messages named by ids, a list
	// of message ids as the import id writes them.
	adopt := func(ids string) string {
		importID := fmt.Sprintf("%d/%s", e.ConversationID, ids)
		if e.ImportID != nil {
			importID = e.ImportID(ids)
		}
		return fmt.Sprintf("terraform state rm <address>, then terraform import <address> %s, then terraform apply, which sends only the messages after those, in order",
			importID)
	}
	resume := "apply again, which sends it and the messages after it, in order"
	if tainted {
		resume = "run terraform untaint <address>, then apply again, which sends it and the messages after it, in order"
	}
	switch {
	case e.ArrivedAs != 0:
		fmt.Fprintf(&b, "LiveDesk holds it as message %d. To go on without sending anything twice: %s.", e.ArrivedAs, adopt(joinIDs(append(e.Held, e.ArrivedAs))))
	case e.MayHaveArrived:
		fmt.Fprintf(&b, "Whether it arrived is not known. Look at conversation %d in the LiveDesk console (in the sandbox: GET /_sandbox/state), then:\n"+
			"  - if messages[%d] is there, adopt it with the messages before it, so that nothing is sent twice: %s;\n"+
			"  - if it is not there: %s.",
			e.ConversationID, e.Index, adopt(idList("", e.Held, ",")+"<its message id>"), resume)
	default:
		fmt.Fprintf(&b, "LiveDesk does not hold it: the request was refused or never reached LiveDesk. To go on: %s.", resume)
	}
	if tainted {
		b.WriteString("\nTo start over instead, apply again, which replaces it with a new conversation and the whole transcript (the old one is resolved unless resolve_on_destroy = false).")
	}
	return b.String()
}

// joinIDs writes ids as a comma-separated list.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = formatID(id)
	}
	return strings.Join(parts, ",")
}

// idList is joinIDs between prefix and suffix, or "" for no ids.
func idList(prefix string, ids []int64, suffix string) string {
	if len(ids) == 0 {
		return ""
	}
	return prefix + joinIDs(ids) + suffix
}
