package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// refreshContact copies what LiveDesk holds into m. Empty values become
// null; an email that differs only in case keeps the configured spelling;
// custom attributes are limited to the keys m already tracks, because
// LiveDesk merges attributes and a key dropped from the configuration
// cannot be removed there.
func refreshContact(ctx context.Context, m *contactModel, c *livedesk.Contact) diag.Diagnostics {
	m.Name = optionalString(c.Name)
	m.PhoneNumber = optionalString(c.PhoneNumber)
	m.Identifier = optionalString(c.Identifier)
	if !strings.EqualFold(m.Email.ValueString(), c.Email) {
		m.Email = optionalString(c.Email)
	}
	if c.CreatedAt.Unix() != 0 {
		m.CreatedAt = types.Int64Value(c.CreatedAt.Unix())
	}
	if inboxID := m.InboxID.Int64(); inboxID != 0 {
		if sourceID := c.SourceIDFor(inboxID); sourceID != "" {
			m.SourceID = types.StringValue(sourceID)
		}
	}
	if m.CustomAttributes.IsNull() || m.CustomAttributes.IsUnknown() {
		return nil
	}
	tracked := map[string]string{}
	for key := range m.CustomAttributes.Elements() {
		if value, ok := c.CustomAttributes[key]; ok {
			tracked[key] = value
		}
	}
	attrs, diags := types.MapValueFrom(ctx, types.StringType, tracked)
	m.CustomAttributes = attrs
	return diags
}

// optionalString is null for "".
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// contactFields builds the fields to send. For a create (prior nil) those
// set in the plan; for an update those that differ from the prior state,
// with a removed field sent as "" to clear it, and the custom attributes
// whose values are new or changed.
func contactFields(ctx context.Context, plan contactModel, prior *contactModel) (livedesk.ContactFields, diag.Diagnostics) {
	var fields livedesk.ContactFields
	pick := func(dst **string, planned types.String, priorValue func(*contactModel) types.String) {
		switch {
		case prior == nil && planned.IsNull():
		case prior != nil && planned.Equal(priorValue(prior)):
		default:
			value := planned.ValueString()
			*dst = &value
		}
	}
	pick(&fields.Name, plan.Name, func(m *contactModel) types.String { return m.Name })
	pick(&fields.Email, plan.Email, func(m *contactModel) types.String { return m.Email })
	pick(&fields.PhoneNumber, plan.PhoneNumber, func(m *contactModel) types.String { return m.PhoneNumber })
	pick(&fields.AvatarURL, plan.AvatarURL, func(m *contactModel) types.String { return m.AvatarURL })
	pick(&fields.Identifier, plan.Identifier, func(m *contactModel) types.String { return m.Identifier })

	var planned, previous map[string]string
	diags := elementsOf(ctx, plan.CustomAttributes, &planned)
	if prior != nil {
		diags.Append(elementsOf(ctx, prior.CustomAttributes, &previous)...)
	}
	for key, value := range planned {
		if old, ok := previous[key]; !ok || old != value {
			if fields.CustomAttributes == nil {
				fields.CustomAttributes = map[string]string{}
			}
			fields.CustomAttributes[key] = value
		}
	}
	return fields, diags
}

// elementsOf decodes a known map; null and unknown maps leave dst nil.
func elementsOf(ctx context.Context, m types.Map, dst *map[string]string) diag.Diagnostics {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	return m.ElementsAs(ctx, dst, false)
}
