package livedesk

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// createContactAnswer is the vendor's create-contact example (zh_CN copy),
// completed with the fields Chatwoot adds after the cut.
const createContactAnswer = `{"payload":{"contact":{"additional_attributes":{},"availability_status":"offline","email":null,"id":2219259,"name":"Test","phone_number":null,"blocked":false,"identifier":null,"thumbnail":"","custom_attributes":{},"last_activity_at":null,"created_at":1766571624,"contact_inboxes":[{"source_id":"c0ffee00-1111-2222-3333-444455556666","inbox":{"id":407,"name":"JennyApi"}}]},"contact_inbox":{"inbox":{"id":407},"source_id":"c0ffee00-1111-2222-3333-444455556666"}}}`

func TestContactCreateSendsNumbersAndDecodesPayload(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, createContactAnswer))
	name, email := "Test", "alice@acme.inc"
	created, err := c.Contacts.Create(context.Background(), CreateContactRequest{
		InboxID: 407, ContactFields: ContactFields{Name: &name, Email: &email, CustomAttributes: map[string]string{"tier": "gold"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.Contact.ID != 2219259 || created.Contact.Name != "Test" || created.Contact.Email != "" || created.Contact.CreatedAt.Unix() != 1766571624 {
		t.Errorf("contact = %+v", created.Contact)
	}
	if created.SourceID != "c0ffee00-1111-2222-3333-444455556666" {
		t.Errorf("source_id = %q", created.SourceID)
	}
	req := api.recorded()[0]
	want := `{"inbox_id":407,"name":"Test","email":"alice@acme.inc","custom_attributes":{"tier":"gold"}}`
	if req.Method != http.MethodPost || req.Path != "/api/v2/accounts/contacts" || string(req.Body) != want {
		t.Errorf("sent %s %s %s, want body %s", req.Method, req.Path, req.Body, want)
	}
}

func TestContactUpdateSendsOnlySetFieldsAndAcceptsBothShapes(t *testing.T) {
	t.Parallel()
	bare := `{"id":7,"name":"New","email":"a@b.c","custom_attributes":{"vip_level":"platinum","score":5,"active":true,"gone":null}}`
	for _, answer := range []string{`{"payload":` + bare + `}`, bare, `{"payload":{"contact":` + bare + `}}`} {
		c, api, _ := newTestClient(t, Config{}, respond(http.StatusOK, answer))
		name := "New"
		got, err := c.Contacts.Update(context.Background(), 7, ContactFields{Name: &name})
		if err != nil {
			t.Fatal(err)
		}
		want := CustomAttributes{"vip_level": "platinum", "score": "5", "active": "true"}
		if got.ID != 7 || got.Name != "New" || !reflect.DeepEqual(got.CustomAttributes, want) {
			t.Errorf("decoded %+v", got)
		}
		req := api.recorded()[0]
		if req.Method != http.MethodPatch || req.Path != "/api/v2/accounts/contacts/7" || string(req.Body) != `{"name":"New"}` {
			t.Errorf("sent %s %s %s", req.Method, req.Path, req.Body)
		}
	}
}

func TestContactListDecodesCurrentPageAsStringOrNumber(t *testing.T) {
	t.Parallel()
	for _, page := range []string{`"1"`, `1`} {
		c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"meta":{"count":1,"current_page":`+page+`},"payload":[{"id":318763,"name":"support","email":"support@jiguang.cn","phone_number":null}]}`))
		list, err := c.Contacts.List(context.Background(), ListContactsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if list.Page != 1 || list.Count != 1 || len(list.Contacts) != 1 || list.Contacts[0].ID != 318763 {
			t.Errorf("current_page %s: %+v", page, list)
		}
	}
}

func TestContactListSendsQueryParameters(t *testing.T) {
	t.Parallel()
	c, _, _ := newTestClient(t, Config{}, respond(http.StatusOK, `{"meta":{"count":0,"current_page":"2"},"payload":[]}`))
	var gotQuery url.Values
	c.httpClient.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		gotQuery = r.URL.Query()
		return http.DefaultTransport.RoundTrip(r)
	})
	_, err := c.Contacts.List(context.Background(), ListContactsOptions{Query: "a b", Page: 2, Labels: []string{"vip", "new"}, Sort: "name", Descending: true})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {"a b"}, "page": {"2"}, "labels[]": {"vip", "new"}, "sort": {"-name"}}
	if !reflect.DeepEqual(gotQuery, want) {
		t.Errorf("query = %v, want %v", gotQuery, want)
	}
	// A list that asks for no order still sends one, ascending.
	if _, err := c.Contacts.List(context.Background(), ListContactsOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := (url.Values{"sort": {DefaultContactSort}}); !reflect.DeepEqual(gotQuery, want) {
		t.Errorf("query = %v, want %v", gotQuery, want)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// pagedContacts serves n contacts named "alice <i>", 15 a page.
func pagedContacts(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page := 1
		_, _ = fmt.Sscan(r.URL.Query().Get("page"), &page)
		var items []string
		for i := (page-1)*ContactsPageSize + 1; i <= min(page*ContactsPageSize, n); i++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"alice %d","email":"alice%d@acme.inc"}`, i, i, i))
		}
		respond(http.StatusOK, fmt.Sprintf(`{"meta":{"count":%d,"current_page":%q},"payload":[%s]}`, n, r.URL.Query().Get("page"), strings.Join(items, ",")))(w, r)
	}
}

func TestContactFindWalksPagesAndMatchesExactly(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, pagedContacts(32))
	found, err := c.Contacts.Find(context.Background(), ListContactsOptions{Query: "alice3"}, 0, func(ct Contact) bool {
		return ct.Email == "alice31@acme.inc"
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].ID != 31 {
		t.Errorf("found %+v, want contact 31 from page 3", found)
	}
	if n := len(api.recorded()); n != 3 {
		t.Errorf("%d pages read, want 3", n)
	}
}

func TestContactFindStopsAtLimitAndOnRepeatedPages(t *testing.T) {
	t.Parallel()
	c, api, _ := newTestClient(t, Config{}, pagedContacts(100))
	found, err := c.Contacts.Find(context.Background(), ListContactsOptions{}, 2, nil)
	if err != nil || len(found) != 2 || len(api.recorded()) != 1 {
		t.Errorf("found %d with %d requests (%v), want 2 with 1", len(found), len(api.recorded()), err)
	}
	// A server that ignores page returns the same full page forever.
	same := func(w http.ResponseWriter, r *http.Request) { r.URL.RawQuery = ""; pagedContacts(100)(w, r) }
	c, api, _ = newTestClient(t, Config{}, same)
	found, err = c.Contacts.Find(context.Background(), ListContactsOptions{}, 0, nil)
	if err != nil || len(found) != ContactsPageSize || len(api.recorded()) != 2 {
		t.Errorf("found %d with %d requests (%v), want 15 with 2", len(found), len(api.recorded()), err)
	}
}
