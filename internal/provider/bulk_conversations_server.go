package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/conversation"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/tfwire"
)

// bulkTypeName is the type name of livedesk_conversations.
const bulkTypeName = "livedesk_conversations"

// bulkServer serves livedesk_conversations, and only it, on Terraform's
// values directly (see NewServer). The provider block is the framework
// provider's, whose Configure hands this server its client.
type bulkServer struct {
	configured *configured
	definition schema.Schema
	schema     *tfprotov6.Schema
	types      bulkTypes
	defaults   messageDefaults
	// refreshed are the states this process refreshed that record
	// entries (see refreshedStates).
	refreshed refreshedStates
}

var _ tfprotov6.ProviderServer = (*bulkServer)(nil)

// newBulkServer returns the server of livedesk_conversations; configured
// is where the framework provider leaves its client.
func newBulkServer(c *configured) (*bulkServer, error) {
	ctx := context.Background()
	definition := conversationsSchema()
	s := protoSchema(ctx, definition)
	types, err := newBulkTypes(s.ValueType())
	if err != nil {
		return nil, err
	}
	defaults, err := messageDefaultsOf(ctx, definition)
	if err != nil {
		return nil, err
	}
	return &bulkServer{configured: c, definition: definition, schema: s, types: types, defaults: defaults}, nil
}

// resource is the resource's logic with the configured client (nil while
// Terraform only validates).
func (s *bulkServer) resource() *bulkResource {
	return &bulkResource{data: s.configured.get(), defaults: s.defaults}
}

// messageDefaults are the defaults the schema declares for a transcript
// element's message_type and private.
type messageDefaults struct {
	Type    conversation.Value[string]
	Private conversation.Value[bool]
}

// messageDefaultsOf reads the defaults of a transcript element from the
// schema; an error says the schema is not the one this code reads.
func messageDefaultsOf(ctx context.Context, definition schema.Schema) (messageDefaults, error) {
	var d messageDefaults
	entries, ok := definition.Attributes["conversations"].(schema.MapNestedAttribute)
	if !ok {
		return d, fmt.Errorf("livedesk_conversations' conversations is a %T, not a map of objects", definition.Attributes["conversations"])
	}
	list, ok := entries.NestedObject.Attributes["messages"].(schema.ListNestedAttribute)
	if !ok {
		return d, fmt.Errorf("livedesk_conversations' messages is a %T, not a list of objects", entries.NestedObject.Attributes["messages"])
	}
	element := list.NestedObject.Attributes
	if a, ok := element["message_type"].(schema.StringAttribute); ok && a.Default != nil {
		resp := defaults.StringResponse{}
		a.Default.DefaultString(ctx, defaults.StringRequest{}, &resp)
		d.Type = engineString(resp.PlanValue)
	}
	if a, ok := element["private"].(schema.BoolAttribute); ok && a.Default != nil {
		resp := defaults.BoolResponse{}
		a.Default.DefaultBool(ctx, defaults.BoolRequest{}, &resp)
		d.Private = engineBool(resp.PlanValue)
	}
	return d, nil
}

// apply sets the defaults of the elements of messages that leave them
// out.
func (d messageDefaults) apply(messages []bulkMessage) {
	for i := range messages {
		m := &messages[i]
		if m.Unknown {
			continue
		}
		if m.Type.IsNull() {
			m.Type = d.Type
		}
		if m.Private.IsNull() {
			m.Private = d.Private
		}
	}
}

// GetMetadata lists livedesk_conversations.
func (s *bulkServer) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return &tfprotov6.GetMetadataResponse{ServerCapabilities: s.capabilities(), Resources: []tfprotov6.ResourceMetadata{{TypeName: bulkTypeName}}}, nil
}

// capabilities are the framework's: destroy plans are asked for (to warn
// about what a destroy leaves in LiveDesk), and the schema is needed only
// once.
func (s *bulkServer) capabilities() *tfprotov6.ServerCapabilities {
	return &tfprotov6.ServerCapabilities{PlanDestroy: true, GetProviderSchemaOptional: true}
}

// GetProviderSchema returns livedesk_conversations' schema; the provider
// block's is the framework provider's.
func (s *bulkServer) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return &tfprotov6.GetProviderSchemaResponse{ServerCapabilities: s.capabilities(), ResourceSchemas: map[string]*tfprotov6.Schema{bulkTypeName: s.schema}}, nil
}

// GetResourceIdentitySchemas returns none: livedesk_conversations has no
// identity.
func (s *bulkServer) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

// ValidateProviderConfig leaves the provider block to the framework
// provider.
func (s *bulkServer) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

// ConfigureProvider leaves the settings to the framework provider, whose
// Configure shares its client (see configured).
func (s *bulkServer) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

// StopProvider has nothing to stop: requests end with their context.
func (s *bulkServer) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

// decode reads a value of the resource's type; a missing value is null.
func (s *bulkServer) decode(v *tfprotov6.DynamicValue) (tfwire.Value, error) {
	switch {
	case v == nil:
		return tfwire.NullValue(), nil
	case len(v.MsgPack) > 0:
		return tfwire.Decode(v.MsgPack, s.types.resource)
	case len(v.JSON) > 0:
		return tfwire.DecodeJSON(v.JSON, s.types.resource)
	}
	return tfwire.NullValue(), nil
}

// isNull reports whether a value of the resource's type is null, without
// decoding a known one: the proposed new state is only needed for that.
func (s *bulkServer) isNull(v *tfprotov6.DynamicValue) (bool, error) {
	switch {
	case v == nil:
		return true, nil
	case len(v.MsgPack) > 0:
		return len(v.MsgPack) == 1 && v.MsgPack[0] == msgpackNil, nil
	}
	raw, err := s.decode(v)
	return err == nil && raw.IsNull(), err
}

// msgpackNil is MessagePack's encoding of nil.
const msgpackNil = 0xc0

// encode writes a value of the resource's type.
func (s *bulkServer) encode(v tfwire.Value, diags *diag.Diagnostics) *tfprotov6.DynamicValue {
	data, err := tfwire.Encode(v, s.types.resource)
	if err != nil {
		diags.AddError("Cannot write livedesk_conversations' value", err.Error()+". This is a bug in the provider: report it.")
		return nil
	}
	return &tfprotov6.DynamicValue{MsgPack: data}
}

// decodeModels reads values of the resource's type into models; a null
// value gives a nil model.
func (s *bulkServer) decodeModels(diags *diag.Diagnostics, values ...*tfprotov6.DynamicValue) []*bulkModel {
	out := make([]*bulkModel, len(values))
	for i, v := range values {
		raw, err := s.decode(v)
		if err != nil {
			diags.AddError("Cannot read livedesk_conversations' value", err.Error())
			continue
		}
		m, ok, err := decodeModel(raw)
		if err != nil {
			diags.AddError("Cannot read livedesk_conversations' value", err.Error())
			continue
		}
		if ok {
			out[i] = &m
		}
	}
	return out
}

// ValidateResourceConfig runs the schema's validators, then the
// resource's own checks (see bulkResource.validate).
func (s *bulkServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	var diags diag.Diagnostics
	raw, err := s.decode(req.Config)
	if err != nil {
		diags.AddError("Cannot read livedesk_conversations' configuration", err.Error())
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(diags)}, nil
	}
	validateAttributes(ctx, path.Empty(), s.definition.Attributes, raw, &diags)
	if config, ok, err := decodeModel(raw); err != nil {
		diags.AddError("Cannot read livedesk_conversations' configuration", err.Error())
	} else if ok {
		s.resource().validate(config, &diags)
	}
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: protoDiagnostics(diags)}, nil
}

// UpgradeResourceState reads a state of any schema version there has
// been, as written by the framework or by this server: version 0 recorded
// each message's created_at, which reading by the current schema's type
// leaves out (see tfwire.DecodeJSON).
func (s *bulkServer) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	var diags diag.Diagnostics
	if req.Version < 0 || req.Version > s.schema.Version {
		diags.AddError("Unknown livedesk_conversations state version",
			fmt.Sprintf("The state was written with schema version %d, which this provider version does not know (it writes version %d). Use the provider version that wrote it.",
				req.Version, s.schema.Version))
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: protoDiagnostics(diags)}, nil
	}
	if req.RawState == nil || len(req.RawState.JSON) == 0 {
		return &tfprotov6.UpgradeResourceStateResponse{}, nil
	}
	v, err := tfwire.DecodeJSON(req.RawState.JSON, s.types.resource)
	if err != nil {
		diags.AddError("Cannot read the livedesk_conversations state", err.Error())
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: protoDiagnostics(diags)}, nil
	}
	state := s.encode(v, &diags)
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: state, Diagnostics: protoDiagnostics(diags)}, nil
}

// ReadResource refreshes the inline contacts (see bulkResource.read).
func (s *bulkServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	var diags diag.Diagnostics
	models := s.decodeModels(&diags, req.CurrentState)
	resp := &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}
	if diags.HasError() || models[0] == nil {
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	s.refreshed.add(models[0])
	if s.resource().read(ctx, models[0], &diags) {
		resp.NewState = s.encode(encodeModel(*models[0]), &diags)
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// PlanResourceChange plans a create, an update or a destroy (see
// bulkResource.plan).
func (s *bulkServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	var diags diag.Diagnostics
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedState: req.ProposedNewState, PlannedPrivate: req.PriorPrivate}
	destroying, err := s.isNull(req.ProposedNewState)
	if err != nil {
		diags.AddError("Cannot read livedesk_conversations' value", err.Error())
	}
	models := s.decodeModels(&diags, req.PriorState, req.Config)
	if diags.HasError() {
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	prior, config := models[0], models[1]
	private := readPrivate(req.PriorPrivate)
	if destroying {
		s.resource().warnDestroy(prior, &diags)
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	if prior == nil {
		s.refreshed.markReplacement(ctx, config, private, &diags)
	}
	planned := s.resource().plan(ctx, config, prior, private, &diags)
	if !diags.HasError() {
		resp.PlannedState = s.encode(encodeModel(planned), &diags)
		resp.PlannedPrivate = private.bytes()
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// ApplyResourceChange creates, updates or destroys (see
// bulkResource.apply and bulkResource.destroy).
func (s *bulkServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	var diags diag.Diagnostics
	models := s.decodeModels(&diags, req.PriorState, req.PlannedState, req.Config)
	resp := &tfprotov6.ApplyResourceChangeResponse{NewState: req.PriorState, Private: req.PlannedPrivate}
	if diags.HasError() {
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	prior, planned, config := models[0], models[1], models[2]
	r := s.resource()
	if r.data == nil {
		diags.AddError("The livedesk provider is not configured", "Terraform applied livedesk_conversations before configuring the provider. This is a bug in the provider: report it.")
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	private := readPrivate(req.PlannedPrivate)
	if planned == nil {
		if refusedReplacement(ctx, private, &diags) {
			resp.Diagnostics = protoDiagnostics(diags)
			return resp, nil
		}
		if r.destroy(ctx, prior, &diags) {
			resp.NewState = s.encode(tfwire.NullValue(), &diags)
			resp.Private = nil
		}
		resp.Diagnostics = protoDiagnostics(diags)
		return resp, nil
	}
	state := r.apply(ctx, planned, prior, config, private, &diags)
	resp.NewState = s.encode(encodeModel(state), &diags)
	resp.Private = private.bytes()
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// ImportResourceState adopts conversations by their ids (see
// bulkResource.importState).
func (s *bulkServer) ImportResourceState(_ context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	var diags diag.Diagnostics
	private := rawPrivate{}
	state, ok := s.resource().importState(req.ID, private, &diags)
	resp := &tfprotov6.ImportResourceStateResponse{}
	if ok {
		resp.ImportedResources = []*tfprotov6.ImportedResource{{TypeName: bulkTypeName, State: s.encode(encodeModel(state), &diags),
			Private: private.bytes()}}
	}
	resp.Diagnostics = protoDiagnostics(diags)
	return resp, nil
}

// notServed answers the requests for what this server does not serve;
// the mux sends them to the framework provider.
func notServed(what string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: "Not served by livedesk_conversations' server",
		Detail: what + " is served by the framework provider. This is a bug in the provider: report it."}}
}

// MoveResourceState is not supported.
func (s *bulkServer) MoveResourceState(context.Context, *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return &tfprotov6.MoveResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError,
		Summary: "livedesk_conversations cannot be moved from another resource type",
		Detail:  "Remove the other resource from the state (terraform state rm) and import the conversations into livedesk_conversations."}}}, nil
}

// UpgradeResourceIdentity is not served: the resource has no identity.
func (s *bulkServer) UpgradeResourceIdentity(context.Context, *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return &tfprotov6.UpgradeResourceIdentityResponse{Diagnostics: notServed("A resource identity")}, nil
}

// GenerateResourceConfig is not served.
func (s *bulkServer) GenerateResourceConfig(context.Context, *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return &tfprotov6.GenerateResourceConfigResponse{Diagnostics: notServed("Generating configuration")}, nil
}

// ValidateDataResourceConfig is not served.
func (s *bulkServer) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{Diagnostics: notServed("A data source")}, nil
}

// ReadDataSource is not served.
func (s *bulkServer) ReadDataSource(context.Context, *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: notServed("A data source")}, nil
}

// CallFunction is not served.
func (s *bulkServer) CallFunction(context.Context, *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{Text: "the provider has no functions"}}, nil
}

// GetFunctions lists none.
func (s *bulkServer) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{}, nil
}

// ValidateEphemeralResourceConfig is not served.
func (s *bulkServer) ValidateEphemeralResourceConfig(context.Context, *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov6.ValidateEphemeralResourceConfigResponse{Diagnostics: notServed("An ephemeral resource")}, nil
}

// OpenEphemeralResource is not served.
func (s *bulkServer) OpenEphemeralResource(context.Context, *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return &tfprotov6.OpenEphemeralResourceResponse{Diagnostics: notServed("An ephemeral resource")}, nil
}

// RenewEphemeralResource is not served.
func (s *bulkServer) RenewEphemeralResource(context.Context, *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return &tfprotov6.RenewEphemeralResourceResponse{Diagnostics: notServed("An ephemeral resource")}, nil
}

// CloseEphemeralResource is not served.
func (s *bulkServer) CloseEphemeralResource(context.Context, *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return &tfprotov6.CloseEphemeralResourceResponse{Diagnostics: notServed("An ephemeral resource")}, nil
}
