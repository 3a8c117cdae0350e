package livedesk

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
)

// quirkyTickets are ticket answers the documentation allows for: ids as
// numbers, the create body's shapes on read, nulls, an id-only answer and
// refusals with a non-zero code.
var quirkyTickets = []string{
	`{"code":0,"message":"Success","data":{"ticket_id":12345,"title":"t","assignment_team":"IT Support","requester":{"channel_contacts":{"followers":[{"id":"7","name":"Z"}]}}}}`,
	`{"code":"0","data":{"ticket_id":"tk_1","title":"t","assignment_team":null,"custom_fields":null,"tags":null,"conversation_list":[{"sent_at":"2025-11-19T05:55:25Z","sender":null}]}}`,
	`{"code":0,"message":"Success","data":{"ticket_id":"tk_20251104_789abc"}}`,
	`{"code":0,"message":"Success","data":"tk_20251104_789abc"}`,
	`{"code":10001,"message":"title is required","data":null}`,
	`{"code":0,"data":{"ticket_id":"tk_2","title":"t","tags":["a",1]}}`,
}

// FuzzTicketDecode feeds arbitrary answers to a ticket read: it either
// yields a ticket with an id and a title, or an *AnswerError, or (for a
// non-zero code) an *APIError carrying that code.
func FuzzTicketDecode(f *testing.F) {
	addFixtures(f, []string{"get_ticket_response.en.json"}, quirkyTickets)
	api := newCannedAPI(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		tk, err := api.answer(http.StatusOK, body).Tickets.Get(context.Background(), "tk_1")
		var apiErr *APIError
		switch {
		case errors.As(err, &apiErr):
			var env struct {
				Code Int64 `json:"code"`
			}
			if json.Unmarshal(body, &env) != nil || int64(env.Code) != apiErr.Code || apiErr.Code == 0 {
				t.Fatalf("an *APIError with code %d from a 200 answer %q", apiErr.Code, body)
			}
		case err != nil:
			requireDecodeError(t, err)
		case tk.ID == "" || tk.Title == "":
			t.Fatalf("a ticket without id or title from %q: %+v", body, tk)
		}
	})
}
