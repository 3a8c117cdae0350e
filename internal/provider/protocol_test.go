package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform shows warnings, and runs actions and list resources only from
// version 1.14, but terraform-plugin-testing asserts neither warnings nor
// the exact diagnostics of a refused configuration. These helpers serve the
// provider in the test and talk to it over the plugin protocol, as
// Terraform does, so that tests can see every diagnostic it returns.

// protocolProvider is the provider served in the test, with its schemas.
type protocolProvider struct {
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

// newProtocolProvider serves a new provider and reads its schemas.
func newProtocolProvider(t *testing.T) *protocolProvider {
	t.Helper()
	server, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return &protocolProvider{server: server, schemas: schemas}
}

// configure configures the provider for the API at baseURL with the
// sandbox's credentials.
func (p *protocolProvider) configure(t *testing.T, baseURL, apiKey, apiSecret string) {
	t.Helper()
	config := objectValue(t, p.schemas.Provider.ValueType(), map[string]tftypes.Value{
		"base_url":   tftypes.NewValue(tftypes.String, baseURL),
		"api_key":    tftypes.NewValue(tftypes.String, apiKey),
		"api_secret": tftypes.NewValue(tftypes.String, apiSecret),
	})
	resp, err := p.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: config})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configuring the provider: %v %s", err, protocolDiagnostics(resp.Diagnostics))
	}
}

// objectValue is a configuration of the object type typ: the given
// attributes set, every other one null.
func objectValue(t *testing.T, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	value, err := tfprotov6.NewDynamicValue(typ, nullObject(typ, set))
	if err != nil {
		t.Fatal(err)
	}
	return &value
}

// nullObject is a value of the object type typ with the given attributes
// set and every other one null.
func nullObject(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, _ := typ.(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, attrType := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, nil)
		if v, ok := set[name]; ok {
			values[name] = v
		}
	}
	return tftypes.NewValue(typ, values)
}

// validateResource validates a resource configuration as terraform
// validate and plan do, and returns the diagnostics.
func (p *protocolProvider) validateResource(t *testing.T, typeName string, set map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	config := objectValue(t, p.schemas.ResourceSchemas[typeName].ValueType(), set)
	resp, err := p.server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// validateAction validates an action configuration as Terraform 1.14+
// does when it plans, and returns the diagnostics.
func (p *protocolProvider) validateAction(t *testing.T, typeName string, set map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	t.Helper()
	actions, ok := p.server.(tfprotov6.ActionServer)
	if !ok {
		t.Fatalf("the provider server %T serves no actions", p.server)
	}
	config := objectValue(t, p.schemas.ActionSchemas[typeName].Schema.ValueType(), set)
	resp, err := actions.ValidateActionConfig(context.Background(), &tfprotov6.ValidateActionConfigRequest{ActionType: typeName, Config: config})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// attributeType is the type of a top-level attribute of a resource.
func (p *protocolProvider) attributeType(typeName, attribute string) tftypes.Type {
	obj, _ := p.schemas.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	return obj.AttributeTypes[attribute]
}

// protocolDiagnostics writes protocol diagnostics one a line: severity, summary, detail.
func protocolDiagnostics(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Severity.String() + ": " + d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

// stringValues is a list of strings.
func stringValues(values ...string) tftypes.Value {
	elements := make([]tftypes.Value, len(values))
	for i, v := range values {
		elements[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, elements)
}
