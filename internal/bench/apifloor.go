package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// apiFloor sends size's creates through client, workers at a time, in the
// order Terraform follows: every conversation, then every message, message
// i going to conversation i / MessagesPer.
func apiFloor(ctx context.Context, client *livedesk.Client, size Size, inboxID, contactID int64, workers int) error {
	ids := make([]int64, size.Conversations)
	err := forEach(ctx, workers, size.Conversations, func(ctx context.Context, i int) error {
		conv, err := client.Conversations.Create(ctx, livedesk.CreateConversationRequest{InboxID: inboxID, ContactID: contactID})
		if err != nil {
			return err
		}
		ids[i] = int64(conv.ID)
		return nil
	})
	if err != nil {
		return err
	}
	return forEach(ctx, workers, size.Messages(), func(ctx context.Context, i int) error {
		_, err := client.Messages.Create(ctx, ids[i/size.MessagesPer], livedesk.CreateMessageRequest{
			Content: fmt.Sprintf("Benchmark message %d", i),
		})
		return err
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
