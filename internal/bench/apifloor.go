package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// messagePrefix starts every benchmark message; the message's index in the
// size (conversation * MessagesPer + position) follows, in the API floors
// as in the configurations, so that every run sends the same bytes.
const messagePrefix = "Benchmark message "

// floorClient sends the API floors' creates through internal/livedesk, for
// conversations with one contact in one inbox.
type floorClient struct {
	client    *livedesk.Client
	inboxID   int64
	contactID int64
}

// newFloorClient returns a floor client with its own connections to the
// sandbox at baseURL, and the function that closes them once idle.
func newFloorClient(baseURL string, contactID int64) (*floorClient, func(), error) {
	httpClient := livedesk.NewHTTPClient()
	client, err := livedesk.New(livedesk.Config{
		BaseURL:    baseURL,
		APIKey:     sandbox.DefaultAPIKey,
		APISecret:  sandbox.DefaultAPISecret,
		UserAgent:  "livedesk-bench",
		MaxRetries: livedesk.DefaultMaxRetries,
		HTTPClient: httpClient,
	})
	if err != nil {
		return nil, nil, err
	}
	return &floorClient{client: client, inboxID: inboxID, contactID: contactID}, httpClient.CloseIdleConnections, nil
}

// createConversation creates a conversation with the floor's contact in
// its inbox, as the provider's configurations do, and returns its id.
func (f *floorClient) createConversation(ctx context.Context) (int64, error) {
	conv, err := f.client.Conversations.Create(ctx, livedesk.CreateConversationRequest{InboxID: f.inboxID, ContactID: f.contactID})
	if err != nil {
		return 0, err
	}
	return int64(conv.ID), nil
}

// sendMessage sends message index of the size into conversation.
func (f *floorClient) sendMessage(ctx context.Context, conversation int64, index int) error {
	_, err := f.client.Messages.Create(ctx, conversation, livedesk.CreateMessageRequest{
		Content: fmt.Sprint(messagePrefix, index),
	})
	return err
}

// unordered sends size's creates workers at a time, in the order
// Terraform follows for separate resources: every conversation, then
// every message, message i going to conversation i / MessagesPer.
func (f *floorClient) unordered(ctx context.Context, size Size, workers int) error {
	ids := make([]int64, size.Conversations)
	err := forEach(ctx, workers, size.Conversations, func(ctx context.Context, i int) error {
		var err error
		ids[i], err = f.createConversation(ctx)
		return err
	})
	if err != nil {
		return err
	}
	return forEach(ctx, workers, size.Messages(), func(ctx context.Context, i int) error {
		return f.sendMessage(ctx, ids[i/size.MessagesPer], i)
	})
}

// ordered sends size's creates as transcripts are sent: per conversation
// its create and then its messages one after the other, each after the
// previous answer (1 + MessagesPer requests in sequence); workers
// conversations at a time.
func (f *floorClient) ordered(ctx context.Context, size Size, workers int) error {
	return forEach(ctx, workers, size.Conversations, func(ctx context.Context, c int) error {
		id, err := f.createConversation(ctx)
		if err != nil {
			return err
		}
		for position := range size.MessagesPer {
			if err := f.sendMessage(ctx, id, c*size.MessagesPer+position); err != nil {
				return err
			}
		}
		return nil
	})
}

// forEach calls fn for every index below n from at most workers
// goroutines at once. After the first error no new call starts, and that
// error is returned.
func forEach(ctx context.Context, workers, n int, fn func(context.Context, int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(ctx, i); err != nil {
					cancel(err)
				}
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}
