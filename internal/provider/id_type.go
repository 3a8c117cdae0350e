package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
)

// LiveDesk documents its ids as strings and expects them as numbers. The
// schema keeps them as strings (such as "407"), and idType is their one
// home: the value is checked once, when the configuration is validated,
// and read as a number with idValue.Int64, so no resource parses an id.

var (
	_ basetypes.StringTypable     = idType
	_ basetypes.StringValuable    = idValue{}
	_ xattr.ValidateableAttribute = idValue{}
)

// idType is the attribute type of a LiveDesk numeric id.
var idType = stringType[idValue]{name: "livedesk id", wrap: func(s basetypes.StringValue) idValue { return idValue{StringValue: s} }}

// idValue is a LiveDesk numeric id, held as a string.
type idValue struct {
	basetypes.StringValue
}

// newID is the id value of n.
func newID(n int64) idValue { return idValue{StringValue: basetypes.NewStringValue(formatID(n))} }

// nullID is a null id.
func nullID() idValue { return idValue{StringValue: basetypes.NewStringNull()} }

// unknownID is an id not known until apply.
func unknownID() idValue { return idValue{StringValue: basetypes.NewStringUnknown()} }

// Type is idType.
func (v idValue) Type(context.Context) attr.Type { return idType }

// Equal reports whether o is the same id.
func (v idValue) Equal(o attr.Value) bool {
	other, ok := o.(idValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// ValidateAttribute refuses, at plan time, a value that is not a LiveDesk id.
func (v idValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if _, err := parseID(v.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error())
	}
}

// Int64 is the id as the number the API expects. Configured ids were
// validated at plan time and stored ids were written by the provider, so
// a value that does not parse (a state edited by hand) reads as 0, which
// LiveDesk answers with 404.
func (v idValue) Int64() int64 {
	n, _ := parseID(v.ValueString())
	return n
}

// parseID converts an id written as text to the number the API expects.
func parseID(value string) (int64, error) {
	return conversation.ParseID(value)
}

// formatID writes a LiveDesk id as the string the schema holds.
func formatID(id int64) string { return strconv.FormatInt(id, 10) }
