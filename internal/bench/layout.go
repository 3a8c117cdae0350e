package bench

import "context"

// Layout is how a size's messages are written in the configuration.
type Layout string

const (
	// SeparateResources writes every message as a livedesk_message
	// resource beside the conversations: N + N*M resources, in no order.
	SeparateResources Layout = "separate resources"
	// Transcripts writes every conversation's messages in its messages
	// attribute: N resources, each sending its messages in order.
	Transcripts Layout = "transcripts"
)

// Resources is how many Terraform resources size takes in the layout.
func (l Layout) Resources(size Size) int {
	switch l {
	case Transcripts:
		return size.Conversations
	case ContactTranscripts:
		return 2 * size.Conversations
	case InboxResource:
		return 1
	}
	return size.Creates()
}

// Creates is how many API creates size takes in the layout: the inbox
// layouts create a contact per conversation too.
func (l Layout) Creates(size Size) int {
	if l == ContactTranscripts || l == InboxResource {
		return size.Creates() + size.Conversations
	}
	return size.Creates()
}

// layoutSetup is what measuring one size in one layout needs: the
// provider's configuration, Terraform's floor with as many resources in
// the same dependency shape, and the API floor sending the same creates in
// the order the provider can send them.
type layoutSetup struct {
	providerConfig      string
	terraformDataConfig string
	apiFloor            func(f *floorClient, ctx context.Context, size Size, workers int) error
}

// setup returns what measuring size in layout needs, for conversations
// with contactID in inboxID (or contacts of their own, in the inbox
// layouts, seeded parallelism at a time).
func (l Layout) setup(size Size, inboxID, contactID int64, parallelism int) layoutSetup {
	switch l {
	case ContactTranscripts, InboxResource:
		return inboxSetup(l, size, inboxID, parallelism)
	case Transcripts:
		return layoutSetup{
			providerConfig:      transcriptConfiguration(size, providerFlavor(inboxID, contactID)),
			terraformDataConfig: configuration(Size{Conversations: size.Conversations}, terraformDataFlavor),
			apiFloor:            (*floorClient).ordered,
		}
	}
	return layoutSetup{
		providerConfig:      configuration(size, providerFlavor(inboxID, contactID)),
		terraformDataConfig: configuration(size, terraformDataFlavor),
		apiFloor:            (*floorClient).unordered,
	}
}
