package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"testing"
)

func TestCreateContactShape(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 407, Name: "JennyApi"}}})
	res := c.do(http.MethodPost, "/api/v2/accounts/contacts", map[string]any{
		"inbox_id": 407, "name": "Alice", "email": "Alice@Example.COM", "phone_number": "+123456789",
		"avatar_url": "https://img.example/a.png", "identifier": "ext-1", "custom_attributes": map[string]any{"tier": "gold"},
	}).expect(t, http.StatusOK).object(t)
	payload := obj(t, res, "payload")
	contact := obj(t, payload, "contact")
	wantKeys := []string{"additional_attributes", "availability_status", "blocked", "contact_inboxes", "created_at", "custom_attributes",
		"email", "id", "identifier", "last_activity_at", "name", "phone_number", "thumbnail"}
	if got := slices.Sorted(maps.Keys(contact)); !slices.Equal(got, wantKeys) {
		t.Errorf("contact keys = %v, want %v", got, wantKeys)
	}
	if contact["email"] != "alice@example.com" || contact["thumbnail"] != "https://img.example/a.png" || contact["blocked"] != false ||
		contact["availability_status"] != "offline" || !jsonEqual(contact["custom_attributes"], map[string]any{"tier": "gold"}) {
		t.Errorf("contact = %v", contact)
	}
	for _, key := range []string{"id", "created_at", "last_activity_at"} {
		num(t, contact, key)
	}
	link := obj(t, payload, "contact_inbox")
	sourceID, _ := link["source_id"].(string)
	if !uuidV4.MatchString(sourceID) || !jsonEqual(link["inbox"], map[string]any{"id": 407, "name": "JennyApi", "channel_type": "Channel::Api"}) {
		t.Errorf("contact_inbox = %v", link)
	}
	if inboxes := contact["contact_inboxes"].([]any); len(inboxes) != 1 || !jsonEqual(inboxes[0], link) {
		t.Errorf("contact_inboxes = %v, want [%v]", inboxes, link)
	}

	stored := s.Snapshot().Contacts
	want := Contact{ID: 1, InboxID: 407, Name: "Alice", Email: "alice@example.com", PhoneNumber: "+123456789", AvatarURL: "https://img.example/a.png",
		Identifier: "ext-1", CustomAttributes: map[string]string{"tier": "gold"}, SourceID: sourceID, CreatedAt: num(t, contact, "created_at")}
	if len(stored) != 1 || !jsonEqual(stored[0], want) {
		t.Errorf("stored = %+v, want %+v", stored, want)
	}

	bare := c.createContact(map[string]any{"inbox_id": 407, "source_id": "given"})
	if bare["email"] != nil || bare["phone_number"] != nil || bare["identifier"] != nil || bare["name"] != "" || bare["thumbnail"] != "" {
		t.Errorf("bare contact = %v", bare)
	}
}

func TestCreateContactErrors(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	c.createContact(map[string]any{"email": "taken@example.com", "identifier": "ID-1", "source_id": "src"})
	for name, tc := range map[string]struct {
		body   map[string]any
		status int
		want   string
	}{
		"email case-insensitive":  {map[string]any{"inbox_id": 1, "email": "TAKEN@example.com"}, 422, `{"message":"Email has already been taken","attributes":["email"]}`},
		"identifier":              {map[string]any{"inbox_id": 1, "identifier": "ID-1"}, 422, `{"message":"Identifier has already been taken","attributes":["identifier"]}`},
		"email and identifier":    {map[string]any{"inbox_id": 1, "email": "taken@example.com", "identifier": "ID-1"}, 422, `{"message":"Email has already been taken, Identifier has already been taken","attributes":["email","identifier"]}`},
		"source id in same inbox": {map[string]any{"inbox_id": 1, "source_id": "src"}, 422, `{"message":"Source has already been taken","attributes":["source_id"]}`},
		"missing inbox":           {map[string]any{"name": "x"}, 422, `{"error":"inbox_id is required"}`},
		"unknown inbox":           {map[string]any{"inbox_id": 5}, 404, `{"error":"Resource could not be found"}`},
	} {
		t.Run(name, func(t *testing.T) {
			c.do(http.MethodPost, "/api/v2/accounts/contacts", tc.body).expectBody(t, tc.status, tc.want)
		})
	}
}

func TestUpdateContactMergesCustomAttributes(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	id := itoa(num(t, c.createContact(map[string]any{"name": "Bob", "email": "bob@example.com", "phone_number": "+15", "custom_attributes": map[string]any{"a": "1", "b": "2"}}), "id"))
	c.createContact(map[string]any{"email": "other@example.com", "identifier": "other"})

	got := c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{
		"name": "Robert", "email": "ROBERT@example.com", "phone_number": nil, "identifier": "rob", "custom_attributes": map[string]any{"b": "3", "c": "4"},
		"availability_status": "online", // read-only, ignored
	}).expect(t, http.StatusOK).object(t)
	got = obj(t, got, "payload") // Chatwoot's contacts/update.json.jbuilder
	if got["name"] != "Robert" || got["email"] != "robert@example.com" || got["phone_number"] != nil || got["identifier"] != "rob" || got["availability_status"] != "offline" ||
		!jsonEqual(got["custom_attributes"], map[string]any{"a": "1", "b": "3", "c": "4"}) {
		t.Errorf("updated contact = %v", got)
	}
	// Absent fields and an empty map change nothing.
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{"custom_attributes": map[string]any{}}).expect(t, http.StatusOK)
	if st := s.Snapshot().Contacts[0]; st.Name != "Robert" || len(st.CustomAttributes) != 3 {
		t.Errorf("after empty patch: %+v", st)
	}

	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{"email": "Other@example.com"}).
		expectBody(t, 422, `{"message":"Email has already been taken","attributes":["email"]}`)
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{"identifier": "other"}).
		expectBody(t, 422, `{"message":"Identifier has already been taken","attributes":["identifier"]}`)
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/"+id, map[string]any{"email": "robert@example.com"}).expect(t, http.StatusOK) // its own email
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/999", map[string]any{"name": "x"}).expectBody(t, 404, `{"error":"Resource could not be found"}`)
}

// listPage lists contacts with the raw query and returns meta and payload.
func listPage(t *testing.T, c *testClient, query string) (map[string]any, []map[string]any) {
	t.Helper()
	res := c.do(http.MethodGet, "/api/v2/accounts/contacts"+query, nil).expect(t, http.StatusOK).object(t)
	var payload []map[string]any
	for _, p := range res["payload"].([]any) {
		payload = append(payload, p.(map[string]any))
	}
	return obj(t, res, "meta"), payload
}

// ids returns the contact IDs of a payload.
func ids(t *testing.T, payload []map[string]any) []int64 {
	t.Helper()
	var out []int64
	for _, p := range payload {
		out = append(out, num(t, p, "id"))
	}
	return out
}

func TestListContactsPaginationSearchAndSort(t *testing.T) {
	t.Parallel()
	_, c := newSandbox(t, Options{})
	for i := 1; i <= 17; i++ {
		c.createContact(map[string]any{"name": fmt.Sprintf("Person %02d", i), "email": fmt.Sprintf("p%02d@example.com", i), "identifier": fmt.Sprintf("ext-%d", i)})
	}
	c.createContact(map[string]any{"name": "Zed Special", "phone_number": "+4471234"})

	meta, page := listPage(t, c, "")
	if !jsonEqual(meta, map[string]any{"count": 18, "current_page": 1}) || len(page) != 15 || num(t, page[0], "id") != 1 {
		t.Errorf("default list meta %v, %d contacts", meta, len(page))
	}
	meta, page = listPage(t, c, "?page=2")
	if !jsonEqual(meta, map[string]any{"count": 18, "current_page": "2"}) || !slices.Equal(ids(t, page), []int64{16, 17, 18}) {
		t.Errorf("page 2 meta %v, ids %v", meta, ids(t, page))
	}
	if meta, page = listPage(t, c, "?page=3"); len(page) != 0 || meta["current_page"] != "3" {
		t.Errorf("page 3: %v %v", meta, page)
	}
	if _, page = listPage(t, c, "?include_contact_inboxes=false"); page[0]["contact_inboxes"] != nil {
		t.Errorf("contact_inboxes included: %v", page[0])
	}

	for query, want := range map[string][]int64{
		"?q=PERSON%201":    {10, 11, 12, 13, 14, 15, 16, 17},
		"?q=p07@EXAMPLE":   {7},
		"?q=ext-12":        {12},
		"?q=7123":          {18},
		"?q=3":             {3, 13, 18}, // names, emails, identifiers, phone
		"?q=18":            {18},        // id
		"?q=nobody":        nil,
		"?labels=vip":      nil,
		"?labels[]=vip":    nil,
		"?q=person&page=2": {16, 17},
	} {
		meta, page := listPage(t, c, query)
		if got := ids(t, page); !slices.Equal(got, want) {
			t.Errorf("%s: ids %v, want %v", query, got, want)
		}
		if query != "?q=person&page=2" && num(t, meta, "count") != int64(len(want)) {
			t.Errorf("%s: count %v, want %d", query, meta["count"], len(want))
		}
	}

	for query, first := range map[string]int64{
		"?sort=name&direction=desc": 1, // direction is ignored, as Chatwoot ignores it
		"?sort=-name":               18,
		"?sort=name":                1,
		"?sort=-email":              18, // no email (NULL) sorts first descending
		"?sort=email&direction=asc": 1,  // and last ascending
		"?sort=created_at":          1,
		"?sort=company":             1, // unknown keys are ignored
		"?sort=age":                 1,
		"?direction=up":             1,
	} {
		if _, page := listPage(t, c, query); num(t, page[0], "id") != first {
			t.Errorf("%s: first id %v, want %d", query, page[0]["id"], first)
		}
	}
}

func TestGoContactFixturesAndBehindTheBackEdits(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{Inboxes: []Inbox{{ID: 5, Name: "Five"}}})
	added, err := s.AddContact(ContactInput{Name: "Fix", Email: "FIX@example.com", CustomAttributes: map[string]string{"a": "1", "b": "2"}, SourceID: "fixture"})
	if err != nil {
		t.Fatal(err)
	}
	if added.ID != 1 || added.InboxID != 5 || added.Email != "fix@example.com" || added.SourceID != "fixture" {
		t.Errorf("added = %+v", added)
	}
	if _, err := s.AddContact(ContactInput{Email: "fix@EXAMPLE.com"}); err == nil || err.Error() != "Email has already been taken" {
		t.Errorf("duplicate AddContact error = %v", err)
	}
	if _, err := s.AddContact(ContactInput{InboxID: 9}); err == nil {
		t.Error("AddContact in an unknown inbox succeeded")
	}

	// HTTP behind-the-back edit replaces custom attributes.
	c.do(http.MethodPatch, "/_sandbox/contacts/1", map[string]any{"custom_attributes": map[string]any{"b": "9"}, "name": "Edited"}).expect(t, http.StatusOK)
	if st := s.Snapshot().Contacts[0]; st.Name != "Edited" || !maps.Equal(st.CustomAttributes, map[string]string{"b": "9"}) || st.Email != "fix@example.com" {
		t.Errorf("after HTTP edit: %+v", st)
	}
	// Go edit replaces every field.
	if err := s.EditContact(1, ContactInput{Name: "Go", PhoneNumber: "+15"}); err != nil {
		t.Fatal(err)
	}
	if st := s.Snapshot().Contacts[0]; st.Name != "Go" || st.Email != "" || st.PhoneNumber != "+15" || len(st.CustomAttributes) != 0 || st.SourceID != "fixture" {
		t.Errorf("after Go edit: %+v", st)
	}
	if err := s.EditContact(42, ContactInput{}); err == nil {
		t.Error("EditContact of an unknown contact succeeded")
	}

	// The API sees the edits, then the deletion.
	_, page := listPage(t, c, "?q=Go")
	if len(page) != 1 || page[0]["email"] != nil {
		t.Errorf("after edit the API lists %v", page)
	}
	if err := s.DeleteContact(1); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteContact(1); err == nil {
		t.Error("second DeleteContact succeeded")
	}
	c.do(http.MethodPatch, "/api/v2/accounts/contacts/1", map[string]any{"name": "x"}).expect(t, 404)
	c.do(http.MethodPost, "/api/v2/accounts/conversations", map[string]any{"inbox_id": 5, "source_id": "fixture"}).expect(t, 404)

	added, _ = s.AddContact(ContactInput{Name: "Again"})
	c.do(http.MethodDelete, "/_sandbox/contacts/"+itoa(added.ID), nil).expectBody(t, 200, fmt.Sprintf(`{"id":%d,"deleted":true}`, added.ID))
	c.do(http.MethodDelete, "/_sandbox/contacts/"+itoa(added.ID), nil).expect(t, 404)
	if n := len(s.Snapshot().Contacts); n != 0 {
		t.Errorf("%d contacts left", n)
	}
}

func TestSnapshotIsADeepCopy(t *testing.T) {
	t.Parallel()
	s, c := newSandbox(t, Options{})
	c.createContact(map[string]any{"custom_attributes": map[string]any{"k": "v"}})
	conv := itoa(c.createConversation())
	c.do(http.MethodPost, "/api/v2/accounts/conversations/"+conv+"/toggle_status", map[string]any{"status": "snoozed", "snoozed_until": 100}).expect(t, 200)
	c.multipart("/api/v2/accounts/conversations/"+conv+"/messages", map[string]string{"content": "x", "content_attributes": `{"in_reply_to":5}`}, file{name: "f.txt", data: []byte("x")}).expect(t, 200)

	st := s.Snapshot()
	st.Contacts[0].CustomAttributes["k"] = "changed"
	*st.Conversations[0].SnoozedUntil = 1
	*st.Messages[0].InReplyTo = 1
	st.Messages[0].Attachments[0].FileName = "changed"
	st.Requests["x"] = 1

	again := s.Snapshot()
	if again.Contacts[0].CustomAttributes["k"] != "v" || *again.Conversations[0].SnoozedUntil != 100 || *again.Messages[0].InReplyTo != 5 ||
		again.Messages[0].Attachments[0].FileName != "f.txt" || again.Requests["x"] != 0 {
		t.Errorf("snapshot shares memory with the server: %+v", again)
	}
}
