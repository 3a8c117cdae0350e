package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"
)

// FuzzTicketRequest sends arbitrary bodies to ticket create (put false) and
// update (put true). Whatever the input, the answer is 2xx or 4xx in the
// envelope; code 0 means the sandbox holds the ticket it names, with the
// title sent; any other code leaves the tickets as they were.
func FuzzTicketRequest(f *testing.F) {
	for _, body := range []string{
		vendorBody(f, "create_ticket_request.en.json"), vendorBody(f, "update_ticket_request.en.json"),
		`{"title":"t","description":"d"}`, `{"title":"t","assignment_team":"Nobody"}`, `{"title":"t","priority":"asap"}`,
		`{"title":"t","requester":{"channel_contacts":{"followers":["u_1"]}}}`, `{"title":"t","tags":null,"custom_fields":{"n":1}}`,
		`{"title":""}`, `{"title":null}`, `[]`, `null`, ``,
	} {
		f.Add([]byte(body), false)
		f.Add([]byte(body), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, put bool) {
		ft := newFuzzTarget(t)
		method, path := http.MethodPost, "/api/v2/accounts/tickets"
		if put {
			created := ft.send(t, method, path, "application/json", []byte(`{"title":"before","description":"d"}`))
			var answer struct {
				Data struct {
					TicketID string `json:"ticket_id"`
				} `json:"data"`
			}
			if err := json.Unmarshal(created.Body.Bytes(), &answer); err != nil || answer.Data.TicketID == "" {
				t.Fatalf("create answered %s", created.Body)
			}
			method, path = http.MethodPut, path+"/"+answer.Data.TicketID
		}
		before := ft.server.Snapshot().Tickets
		res := ft.send(t, method, path, "application/json", body)
		var answer struct {
			Code *int `json:"code"`
			Data *struct {
				TicketID string `json:"ticket_id"`
			} `json:"data"`
		}
		if err := json.Unmarshal(res.Body.Bytes(), &answer); err != nil || answer.Code == nil {
			t.Fatalf("%s answered %d without an envelope: %s", method, res.Code, res.Body)
		}
		after := ft.server.Snapshot().Tickets
		if res.Code != http.StatusOK || *answer.Code != 0 {
			if len(after) != len(before) || (len(after) > 0 && (after[0].Title != before[0].Title || after[0].Updates != before[0].Updates)) {
				t.Fatalf("a refusal (%d, code %d) changed the tickets: %+v", res.Code, *answer.Code, after)
			}
			return
		}
		var sent struct {
			Title string `json:"title"`
		}
		_ = json.Unmarshal(body, &sent)
		last := after[len(after)-1]
		if answer.Data == nil || answer.Data.TicketID != last.ID || last.Title != sent.Title || !ticketIDForm.MatchString(last.ID) {
			t.Fatalf("%s answered %s, the sandbox holds %+v", method, res.Body, after)
		}
	})
}
