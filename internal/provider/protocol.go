package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-mux/tf6muxserver"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// The provider is two protocol 6 servers combined by terraform-plugin-mux:
// the framework provider, for the provider block and every resource, data
// source, action and list resource but one, and bulkServer, which serves
// livedesk_conversations on Terraform's values directly (the framework's
// generic value handling cost seconds of CPU per plan for a thousand
// conversations). This file holds what the second server borrows from the
// framework: the configured client, schemas, validators, diagnostics and
// private state.

// NewServer returns a factory of the provider's protocol 6 server at the
// given version, as main.go serves it and the acceptance tests start it.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		shared := &configured{}
		framework := providerserver.NewProtocol6(&LiveDeskProvider{version: version, configured: shared})()
		bulk, err := newBulkServer(shared)
		if err != nil {
			return nil, err
		}
		mux, err := tf6muxserver.NewMuxServer(context.Background(),
			func() tfprotov6.ProviderServer { return framework }, func() tfprotov6.ProviderServer { return bulk })
		if err != nil {
			return nil, err
		}
		combined, ok := mux.ProviderServer().(fullServer)
		if !ok {
			return nil, fmt.Errorf("the muxed server lacks actions, list resources or state stores")
		}
		return muxed{fullServer: combined, framework: framework}, nil
	}
}

// fullServer is a protocol 6 server with everything the mux serves.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
	tfprotov6.ListResourceServer
	tfprotov6.StateStoreServer
}

// muxed is the muxed server, except that the provider block is configured
// by the framework provider alone: the mux keeps only the first error of a
// configuration (a missing API key hid a missing secret), and bulkServer
// has nothing to configure (see configured).
type muxed struct {
	fullServer
	framework tfprotov6.ProviderServer
}

// ConfigureProvider configures the framework provider, which shares its
// client with bulkServer.
func (m muxed) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return m.framework.ConfigureProvider(ctx, req)
}

// configured holds the data the framework provider's Configure built, for
// the servers outside the framework: Terraform configures every server of
// the mux before it asks any of them to plan or apply, so settings are
// read once, by the framework provider.
type configured struct {
	mu   sync.Mutex
	data *providerData
}

// set keeps the data of the latest Configure.
func (c *configured) set(data *providerData) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data = data
}

// get returns the configured data, or nil before Configure (while
// Terraform only validates).
func (c *configured) get() *providerData {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.data
}

// protoSchema is a resource schema written with the framework's types as
// the protocol states it, as the framework itself would serve it.
func protoSchema(ctx context.Context, s schema.Schema) *tfprotov6.Schema {
	return &tfprotov6.Schema{Version: s.Version, Block: &tfprotov6.SchemaBlock{Attributes: protoAttributes(ctx, s.Attributes),
		Description: s.MarkdownDescription, DescriptionKind: descriptionKind(s.MarkdownDescription)}}
}

// protoAttributes are attributes as the protocol states them, by name.
func protoAttributes(ctx context.Context, attributes map[string]schema.Attribute) []*tfprotov6.SchemaAttribute {
	var out []*tfprotov6.SchemaAttribute
	for name, a := range attributes {
		p := &tfprotov6.SchemaAttribute{Name: name, Required: a.IsRequired(), Optional: a.IsOptional(), Computed: a.IsComputed(),
			Sensitive: a.IsSensitive(), Description: a.GetMarkdownDescription(), DescriptionKind: descriptionKind(a.GetMarkdownDescription())}
		switch n := a.(type) {
		case schema.MapNestedAttribute:
			p.NestedType = &tfprotov6.SchemaObject{Nesting: tfprotov6.SchemaObjectNestingModeMap, Attributes: protoAttributes(ctx, n.NestedObject.Attributes)}
		case schema.ListNestedAttribute:
			p.NestedType = &tfprotov6.SchemaObject{Nesting: tfprotov6.SchemaObjectNestingModeList, Attributes: protoAttributes(ctx, n.NestedObject.Attributes)}
		case schema.SingleNestedAttribute:
			p.NestedType = &tfprotov6.SchemaObject{Nesting: tfprotov6.SchemaObjectNestingModeSingle, Attributes: protoAttributes(ctx, n.Attributes)}
		default:
			p.Type = a.GetType().TerraformType(ctx)
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *tfprotov6.SchemaAttribute) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// descriptionKind is markdown for a description, as the framework says.
func descriptionKind(description string) tfprotov6.StringKind {
	if description == "" {
		return tfprotov6.StringKindPlain
	}
	return tfprotov6.StringKindMarkdown
}

// validateAttributes runs the validators a schema declares, and those of
// its custom types, on a configuration value, as the framework runs them:
// on each value, unknown ones included, nested ones at their paths; null
// values only where the validators would object to them, which none does.
func validateAttributes(ctx context.Context, at path.Path, attributes map[string]schema.Attribute, v tfwire.Value, diags *diag.Diagnostics) {
	if v.IsNull() || !v.IsKnown() {
		return
	}
	if v.Kind() != tfwire.Map {
		diags.AddAttributeError(at, "Invalid configuration value", fmt.Sprintf("A %s is not an object.", v.Kind()))
		return
	}
	for name, a := range attributes {
		value := v.Attr(name)
		if value.IsNull() {
			// No validator of livedesk_conversations objects to null
			// (TestBulkSchemaValidatorsAcceptNull), and most values of a
			// configuration are null: skipping them halves the work.
			continue
		}
		validateAttribute(ctx, at.AtName(name), a, value, diags)
	}
}

// valueValidatingType is a custom attribute type that checks the
// Terraform value itself before it is converted (see wholeNumberType).
type valueValidatingType interface {
	Validate(ctx context.Context, in tftypes.Value, at path.Path) diag.Diagnostics
}

// validateAttribute runs the validators of attribute a on its value v.
func validateAttribute(ctx context.Context, at path.Path, a schema.Attribute, v tfwire.Value, diags *diag.Diagnostics) {
	switch a := a.(type) {
	case schema.StringAttribute:
		s := stringFrom(stringOf(v))
		if a.CustomType != nil {
			custom, d := a.CustomType.ValueFromString(ctx, s)
			diags.Append(d...)
			validateCustom(ctx, at, custom, diags)
		}
		for _, check := range a.Validators {
			resp := validator.StringResponse{}
			check.ValidateString(ctx, validator.StringRequest{Path: at, PathExpression: at.Expression(), ConfigValue: s}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.Int64Attribute:
		if typed, ok := a.CustomType.(valueValidatingType); ok {
			// Such as wholeNumber, which names a number with a fraction.
			tv, err := tfwire.ToTerraform(v, tftypes.Number)
			if err != nil {
				diags.AddAttributeError(at, "Invalid configuration value", err.Error())
				return
			}
			if d := typed.Validate(ctx, tv, at); d.HasError() {
				diags.Append(d...)
				return
			}
		}
		i := int64From(int64Of(v))
		for _, check := range a.Validators {
			resp := validator.Int64Response{}
			check.ValidateInt64(ctx, validator.Int64Request{Path: at, PathExpression: at.Expression(), ConfigValue: i}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.BoolAttribute:
		b := boolFrom(boolOf(v))
		for _, check := range a.Validators {
			resp := validator.BoolResponse{}
			check.ValidateBool(ctx, validator.BoolRequest{Path: at, PathExpression: at.Expression(), ConfigValue: b}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case schema.ListAttribute:
		validateList(ctx, at, a, a.Validators, v, diags)
	case schema.MapAttribute:
		validateMap(ctx, at, a, a.Validators, v, diags)
	case schema.SingleNestedAttribute:
		validateWith(ctx, at, a, v, a.Validators, func(check validator.Object, value types.Object) diag.Diagnostics {
			resp := validator.ObjectResponse{}
			check.ValidateObject(ctx, validator.ObjectRequest{Path: at, PathExpression: at.Expression(), ConfigValue: value}, &resp)
			return resp.Diagnostics
		}, diags)
		validateAttributes(ctx, at, a.Attributes, v, diags)
	case schema.ListNestedAttribute:
		validateList(ctx, at, a, a.Validators, v, diags)
		if v.Kind() == tfwire.List {
			for i := range v.Len() {
				validateAttributes(ctx, at.AtListIndex(i), a.NestedObject.Attributes, v.Elem(i), diags)
			}
		}
	case schema.MapNestedAttribute:
		validateMap(ctx, at, a, a.Validators, v, diags)
		if v.Kind() == tfwire.Map {
			for i := range v.Len() {
				validateAttributes(ctx, at.AtMapKey(v.Key(i)), a.NestedObject.Attributes, v.Elem(i), diags)
			}
		}
	}
}

// validateWith runs checks, the validators of attribute a, on its value v
// as the framework's value of type T, which is built only when there are
// validators to run.
func validateWith[C any, T attr.Value](ctx context.Context, at path.Path, a schema.Attribute, v tfwire.Value, checks []C,
	run func(check C, value T) diag.Diagnostics, diags *diag.Diagnostics) {
	if len(checks) == 0 {
		return
	}
	value, ok := frameworkValue(ctx, at, a, v, diags).(T)
	if !ok {
		return
	}
	for _, check := range checks {
		diags.Append(run(check, value)...)
	}
}

// validateList runs the validators of a list attribute a on its value v.
func validateList(ctx context.Context, at path.Path, a schema.Attribute, validators []validator.List, v tfwire.Value, diags *diag.Diagnostics) {
	validateWith(ctx, at, a, v, validators, func(check validator.List, value types.List) diag.Diagnostics {
		resp := validator.ListResponse{}
		check.ValidateList(ctx, validator.ListRequest{Path: at, PathExpression: at.Expression(), ConfigValue: value}, &resp)
		return resp.Diagnostics
	}, diags)
}

// validateMap runs the validators of a map attribute a on its value v.
func validateMap(ctx context.Context, at path.Path, a schema.Attribute, validators []validator.Map, v tfwire.Value, diags *diag.Diagnostics) {
	validateWith(ctx, at, a, v, validators, func(check validator.Map, value types.Map) diag.Diagnostics {
		resp := validator.MapResponse{}
		check.ValidateMap(ctx, validator.MapRequest{Path: at, PathExpression: at.Expression(), ConfigValue: value}, &resp)
		return resp.Diagnostics
	}, diags)
}

// validateCustom runs the validation of a custom type's value.
func validateCustom(ctx context.Context, at path.Path, v attr.Value, diags *diag.Diagnostics) {
	if custom, ok := v.(xattr.ValidateableAttribute); ok {
		resp := xattr.ValidateAttributeResponse{}
		custom.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: at}, &resp)
		diags.Append(resp.Diagnostics...)
	}
}

// frameworkValue is v as the framework's value of attribute a.
func frameworkValue(ctx context.Context, at path.Path, a schema.Attribute, v tfwire.Value, diags *diag.Diagnostics) attr.Value {
	tv, err := tfwire.ToTerraform(v, a.GetType().TerraformType(ctx))
	if err == nil {
		var value attr.Value
		if value, err = a.GetType().ValueFromTerraform(ctx, tv); err == nil {
			return value
		}
	}
	diags.AddAttributeError(at, "Invalid configuration value", err.Error())
	return nil
}

// protoDiagnostics are diagnostics as the protocol carries them.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		p := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			p.Severity = tfprotov6.DiagnosticSeverityError
		}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			p.Attribute = attributePath(withPath.Path())
		}
		out = append(out, p)
	}
	return out
}

// attributePath is a framework path as the protocol writes it; nil for
// the resource as a whole.
func attributePath(p path.Path) *tftypes.AttributePath {
	steps := p.Steps()
	if len(steps) == 0 {
		return nil
	}
	out := tftypes.NewAttributePath()
	for _, step := range steps {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(s))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(s))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(s))
		}
	}
	return out
}

// rawPrivate is a resource's private state as the framework writes it (a
// JSON object of base64 values), so that the adoption marks of states
// written by earlier versions read the same (see adoption.go).
type rawPrivate map[string][]byte

// readPrivate reads private state; what does not parse (written by
// another SDK) is dropped, as the framework drops it.
func readPrivate(raw []byte) rawPrivate {
	p := rawPrivate{}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, (*map[string][]byte)(&p))
	}
	return p
}

// GetKey returns the value under key.
func (p rawPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

// SetKey keeps value under key; an empty value removes the key.
func (p rawPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

// bytes writes the private state; nil when it is empty.
func (p rawPrivate) bytes() []byte {
	if len(p) == 0 {
		return nil
	}
	raw, _ := json.Marshal(map[string][]byte(p))
	return raw
}
