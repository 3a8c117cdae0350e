package conversation

import (
	"fmt"
	"strconv"
	"strings"
)

// TranscriptError is a transcript send that stopped at one element. Its
// Advice says how to go on without sending anything twice.
type TranscriptError struct {
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
}

// Error names the element, the conversation and what went wrong.
func (e *TranscriptError) Error() string {
	return fmt.Sprintf("sending %s to conversation %d failed: %s", e.Preview, e.ConversationID, e.Reason)
}

// Advice says what LiveDesk holds and the ways forward, with the import
// target writes. tainted is set for a conversation created by this apply
// (Terraform taints it): continuing in it then needs terraform untaint,
// and a plain apply replaces it.
func (e *TranscriptError) Advice(target ImportTarget, tainted bool) string {
	var b strings.Builder
	switch len(e.Held) {
	case 0:
		fmt.Fprintf(&b, "Conversation %d holds none of the transcript's messages before it", e.ConversationID)
	case 1:
		fmt.Fprintf(&b, "Conversation %d holds messages[0] (id %d), which the state records", e.ConversationID, e.Held[0])
	default:
		fmt.Fprintf(&b, "Conversation %d holds messages[0] to messages[%d] (ids %s), which the state records", e.ConversationID, len(e.Held)-1, JoinIDs(e.Held))
	}
	if tainted {
		b.WriteString(", and the conversation is tainted")
	}
	b.WriteString(".\n\n")
	resume := "apply again, which sends it and the messages after it, in order"
	if tainted {
		resume = "run terraform untaint <address>, then apply again, which sends it and the messages after it, in order"
	}
	if e.MayHaveArrived {
		fmt.Fprintf(&b, "Whether it arrived is not known. Look at conversation %d in the LiveDesk console (in the sandbox: GET /_sandbox/state), then:\n"+
			"  - if messages[%d] is there, adopt it with the messages before it, so that nothing is sent twice: %s, then terraform apply, which sends only the messages after those, in order;\n"+
			"  - if it is not there: %s.",
			e.ConversationID, e.Index, ImportCommand(target, strconv.FormatInt(e.ConversationID, 10), e.Held, "<its message id>"), resume)
	} else {
		fmt.Fprintf(&b, "LiveDesk does not hold it: the request was refused or never reached LiveDesk. To go on: %s.", resume)
	}
	if tainted {
		b.WriteString("\nTo start over instead, apply again, which replaces it with a new conversation and the whole transcript (the old one is resolved unless resolve_on_destroy = false).")
	}
	return b.String()
}
