package conversation

import "fmt"

// A transcript's elements are planned once for every resource holding a
// transcript: the held ids checked, the held elements adopted, each
// element's files hashed, the transcript planned (see PlanTranscript),
// and the ids LiveDesk keeps carried over. The adapters translate their
// values in and out, and the problems into diagnostics at their paths.

// ElementsInput is what a transcript's elements are planned from.
type ElementsInput struct {
	// Planned are the elements as configured.
	Planned []Element
	// Sent are the elements the state records as in LiveDesk.
	Sent []Message
	// Held are the ids an adopting import brought, in transcript order:
	// the first len(Held) elements of Planned adopt them, and Sent is then
	// not read.
	Held []int64
	// ConversationID is the conversation's id, when it has one; Target
	// writes its import id in advice.
	ConversationID string
	Target         ImportTarget
}

// PlannedElements is a transcript planned with its elements.
type PlannedElements struct {
	TranscriptPlan
	// Messages are the planned elements, Planned with their Hashes planned
	// (see Element.PlannedHashes) and their ID that of the message LiveDesk
	// keeps for the first Kept, unknown for the others.
	Messages []Message
	// Adopted is set when the kept elements are those an adopting import
	// holds, which LiveDesk cannot be asked about: what LiveDesk gave them
	// besides their ids (creation time, attachments) is not known. Kept
	// elements are otherwise Sent's, element for element.
	Adopted bool
}

// Problem is what stops a transcript plan, for a diagnostic.
type Problem struct {
	// Element is the index of the element whose files it is about, or -1
	// when it is about the whole list.
	Element         int
	Summary, Detail string
}

// PlanElements plans the elements of a transcript (see PlanTranscript):
// an element adopted by an import keeps the hashes of its files as on
// disk now (null when one cannot be read: nothing is sent for it), an
// element already sent is hashed again against the files it was sent with
// (see RehashSentFiles), except one adopted when its files could not be
// read, whose bytes are taken as configured, and a new element has every
// file hashed. A problem about the whole list leaves the plan not Known.
func PlanElements(in ElementsInput) (PlannedElements, []Problem) {
	if err := CheckHeld(in.Held, len(in.Planned)); err != nil {
		return PlannedElements{}, []Problem{{Element: -1, Summary: "More message ids imported than messages configured", Detail: fmt.Sprintf(
			"%s. Write the messages the conversation already holds as the first %d elements, or import it again with the ids of those you configure: %s",
			err, len(in.Held), ImportCommand(in.Target, in.ConversationID, nil, "<message id>,<message id>,…"))}}
	}
	sent, problems := in.Sent, []Problem(nil)
	if len(in.Held) > 0 {
		sent, problems = adopt(in.Planned, in.Held)
	}
	planned := make([]Message, len(in.Planned))
	for i, e := range in.Planned {
		planned[i] = e.Message
		var err error
		switch {
		case i < len(sent) && (i < len(in.Held) || sent[i].Hashes.IsNull() && sent[i].Files != nil):
			// Adopted: the bytes are taken as configured.
			planned[i].Hashes = sent[i].Hashes
		case i < len(sent):
			planned[i].Hashes, err = e.PlannedHashes(&sent[i])
		default:
			planned[i].Hashes, err = e.PlannedHashes(nil)
		}
		if err != nil {
			problems = append(problems, Problem{Element: i, Summary: UnreadableFile, Detail: err.Error()})
		}
	}
	plan, err := PlanTranscript(TranscriptInput{Planned: planned, Sent: sent})
	if err != nil {
		return PlannedElements{}, append(problems, Problem{Element: -1, Summary: "Cannot plan the transcript", Detail: err.Error()})
	}
	for i := range planned {
		planned[i].ID = Unknown[int64]()
		if i < plan.Kept {
			planned[i].ID = sent[i].ID
		}
	}
	return PlannedElements{TranscriptPlan: plan, Messages: planned, Adopted: len(in.Held) > 0}, problems
}

// adopt are the first elements of planned as an import with held message
// ids adopts them (see Adopted), their files hashed as on disk now: null
// when a file cannot be read. A file known only at apply is a problem:
// nothing is sent for an adopted message, so its files are only recorded.
func adopt(planned []Element, held []int64) ([]Message, []Problem) {
	messages := make([]Message, len(held))
	var problems []Problem
	for i, id := range held {
		messages[i] = planned[i].Message
		hashes, err := planned[i].PlannedHashes(nil)
		if err != nil {
			hashes = Null[string]()
		}
		if hashes.IsUnknown() {
			problems = append(problems, Problem{Element: i, Summary: "Files of an adopted message must be known at plan time", Detail: fmt.Sprintf(
				"messages[%d] adopts message %d, which is already in LiveDesk, so its files are only recorded: write their paths without values known only at apply.", i, id)})
		}
		messages[i].Hashes = hashes
	}
	return Adopted(messages, held), problems
}
