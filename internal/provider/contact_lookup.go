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

// findContactByID searches by each key in turn (LiveDesk's search matches
// substrings) and returns the contact whose id is id, or nil when no search
// finds it.
func findContactByID(ctx context.Context, client *livedesk.Client, id int64, keys []contactKey) (*livedesk.Contact, error) {
	for _, k := range keys {
		found, err := client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: k.value}, 1, func(c livedesk.Contact) bool {
			return int64(c.ID) == id
		})
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			return &found[0], nil
		}
	}
	return nil, nil
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
