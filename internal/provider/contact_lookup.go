package provider

import (
	"context"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// contactKey is one searchable attribute of a contact and its value.
type contactKey struct {
	attr  string // identifier, email, phone_number or name
	value string
}

// searchKeys lists the attributes a contact can be searched by, most
// specific first, skipping those the state does not set.
func searchKeys(m contactModel) []contactKey {
	var keys []contactKey
	for _, k := range []contactKey{
		{"identifier", m.Identifier.ValueString()},
		{"email", m.Email.ValueString()},
		{"phone_number", m.PhoneNumber.ValueString()},
		{"name", m.Name.ValueString()},
	} {
		if k.value != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// keyNames lists the attribute names of keys, for messages.
func keyNames(keys []contactKey) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.attr
	}
	return strings.Join(names, " or ")
}

// findContactByID returns the contact whose id is id, or nil when LiveDesk
// has none. It searches by each key in turn (LiveDesk's search matches
// substrings), which in the usual case finds the contact with the first
// request. When no search does, because the keys were all changed in the
// LiveDesk console, it walks the whole contact list in order before
// concluding the contact is gone: at worst one request per page of each
// search (15 matches a page) plus one per 15 contacts listed.
func findContactByID(ctx context.Context, client *livedesk.Client, id int64, keys []contactKey) (*livedesk.Contact, error) {
	hasID := func(c livedesk.Contact) bool { return int64(c.ID) == id }
	for _, opts := range append(searches(keys), livedesk.ListContactsOptions{}) {
		found, err := client.Contacts.Find(ctx, opts, 1, hasID)
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			return &found[0], nil
		}
	}
	return nil, nil
}

// searches are the contact searches for keys, in order.
func searches(keys []contactKey) []livedesk.ListContactsOptions {
	out := make([]livedesk.ListContactsOptions, len(keys))
	for i, k := range keys {
		out[i] = livedesk.ListContactsOptions{Query: k.value}
	}
	return out
}

// exactMatch keeps contacts whose attr equals value exactly (emails
// case-insensitively, as LiveDesk stores them lower-case).
func exactMatch(attr, value string) func(livedesk.Contact) bool {
	return func(c livedesk.Contact) bool {
		switch attr {
		case "identifier":
			return c.Identifier == value
		case "email":
			return strings.EqualFold(c.Email, value)
		case "phone_number":
			return c.PhoneNumber == value
		default:
			return c.Name == value
		}
	}
}
