package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// takenMessages are the messages of the uniqueness validations of
// Chatwoot's contact model, by attribute, lower-cased. A create or update
// that breaks them is answered 422 with
// {"message": "<full messages, joined by ", ">", "attributes": [...]}.
var takenMessages = map[string]string{
	"email":        "email has already been taken",
	"identifier":   "identifier has already been taken",
	"phone_number": "phone number has already been taken",
}

// contactTaken reports whether err is LiveDesk refusing a contact because
// another contact already has attr (email, identifier or phone_number).
func contactTaken(err error, attr string) bool {
	var apiErr *livedesk.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnprocessableEntity &&
		strings.Contains(strings.ToLower(apiErr.Message), takenMessages[attr])
}

// adoptedContact is a contact that a create adopted instead of creating.
type adoptedContact struct {
	// Contact is the contact as LiveDesk holds it after the adoption.
	Contact livedesk.Contact
	// SourceID is its source id in the inbox ("" when LiveDesk did not
	// list the contact's inboxes).
	SourceID string
	// Summary and Warning are the warning to show: the summary names the
	// contact (so that Terraform, which folds warnings with the same
	// summary into one, shows each adopted contact), the detail says why
	// and what was sent.
	Summary, Warning string
}

// adoptTakenContact handles a contact create that LiveDesk refused
// because the contact's own identifier is already taken. LiveDesk cannot
// delete a contact, so this is what applying a configuration again after
// terraform destroy meets (and what a create whose answer was lost meets
// on the next apply). Like terraform import <address> identifier:<value>
// followed by an apply, it finds the contact with that identifier, sends
// what differs from want with one PATCH (nothing when nothing differs),
// and returns it with a warning that names it.
//
// want is what the create sent: nil fields are not configured and are
// cleared when the contact has them; custom attributes are merged, as
// LiveDesk merges them. inboxID is the inbox the create named.
//
// It returns nil and no error when createErr is not such a refusal, or
// when another contact holds the email or phone number the create sent
// (a contact matched only by email or phone is never adopted): the caller
// then reports createErr as it would have. An error means the identifier's
// contact was found but cannot be adopted, or the search or the update
// failed; it wraps the client's error, if any.
func adoptTakenContact(ctx context.Context, client *livedesk.Client, inboxID int64, want livedesk.ContactFields, createErr error) (*adoptedContact, error) {
	if want.Identifier == nil || *want.Identifier == "" || !contactTaken(createErr, "identifier") {
		return nil, nil
	}
	identifier := *want.Identifier
	found, err := client.Contacts.Find(ctx, livedesk.ListContactsOptions{Query: identifier}, 1, exactMatch("identifier", identifier))
	if err != nil {
		return nil, fmt.Errorf("LiveDesk refused to create the contact because identifier %q is taken, and searching for the contact that has it failed: %w", identifier, err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	have := found[0]
	if contactTaken(createErr, "email") && (want.Email == nil || !strings.EqualFold(have.Email, *want.Email)) ||
		contactTaken(createErr, "phone_number") && (want.PhoneNumber == nil || have.PhoneNumber != *want.PhoneNumber) {
		return nil, nil
	}
	sourceID := have.SourceIDFor(inboxID)
	if sourceID == "" && len(have.ContactInboxes) > 0 {
		return nil, fmt.Errorf("contact %d already has identifier %q, but it is not in inbox %d, and LiveDesk's API cannot add an existing contact to another inbox. "+
			"Give this contact another identifier, or set inbox_id to an inbox the existing contact is in", int64(have.ID), identifier, inboxID)
	}
	fields, changed := contactDifferences(want, have)
	adopted := &adoptedContact{Contact: have, SourceID: sourceID}
	if len(changed) > 0 {
		updated, err := client.Contacts.Update(ctx, int64(have.ID), fields)
		if err != nil {
			return nil, fmt.Errorf("contact %d already has identifier %q and was to be adopted, but updating its %s failed: %w",
				int64(have.ID), identifier, strings.Join(changed, ", "), err)
		}
		adopted.Contact = *updated
		if updated.SourceIDFor(inboxID) != "" {
			adopted.SourceID = updated.SourceIDFor(inboxID)
		}
	}
	sent := "it already matched the configuration, so nothing was sent"
	if len(changed) > 0 {
		sent = "its " + strings.Join(changed, ", ") + " were updated to match the configuration"
	}
	adopted.Summary = fmt.Sprintf("Adopted the existing LiveDesk contact %d (%s)", int64(have.ID), identifier)
	adopted.Warning = fmt.Sprintf("LiveDesk already holds contact %d with identifier %q (LiveDesk cannot delete a contact, so one that an "+
		"earlier apply created stays after terraform destroy). This resource adopted it instead of creating a second one, as "+
		"terraform import <address> identifier:%s would; %s.", int64(have.ID), identifier, identifier, sent)
	return adopted, nil
}

// contactDifferences returns the fields that make have what want asks
// for, and their names: a configured value that differs, a value want
// does not configure (sent as "" to clear it), and custom attributes whose
// values differ. avatar_url is sent whenever configured, since LiveDesk
// does not report it back.
func contactDifferences(want livedesk.ContactFields, have livedesk.Contact) (livedesk.ContactFields, []string) {
	var fields livedesk.ContactFields
	var changed []string
	pick := func(dst **string, name string, wanted *string, held string, same func(a, b string) bool) {
		value := ""
		if wanted != nil {
			value = *wanted
		}
		if !same(value, held) {
			*dst = &value
			changed = append(changed, name)
		}
	}
	exact := func(a, b string) bool { return a == b }
	pick(&fields.Name, "name", want.Name, have.Name, exact)
	pick(&fields.Email, "email", want.Email, have.Email, strings.EqualFold)
	pick(&fields.PhoneNumber, "phone_number", want.PhoneNumber, have.PhoneNumber, exact)
	if want.AvatarURL != nil {
		fields.AvatarURL = want.AvatarURL
		changed = append(changed, "avatar_url")
	}
	for key, value := range want.CustomAttributes {
		if held, ok := have.CustomAttributes[key]; !ok || held != value {
			if fields.CustomAttributes == nil {
				fields.CustomAttributes = map[string]string{}
				changed = append(changed, "custom_attributes")
			}
			fields.CustomAttributes[key] = value
		}
	}
	return fields, changed
}
