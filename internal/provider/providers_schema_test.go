package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// providersSchemaFile is the saved `terraform providers schema -json` that
// `make docs` generates the documentation from (see the GNUmakefile).
const providersSchemaFile = "../../tools/providers-schema.json"

// schemaFacts flattens a schema to one line per attribute or block:
// its path and what the documentation shows of it (required, optional,
// computed, sensitive, for import, description).
type schemaFacts map[string]string

// add records one attribute or block.
func (f schemaFacts) add(at string, required, optional, computed, sensitive bool, description string) {
	f[at] = fmt.Sprintf("required=%v optional=%v computed=%v sensitive=%v %q", required, optional, computed, sensitive, description)
}

// fromProtoBlock records a block of the provider's own schema.
func (f schemaFacts) fromProtoBlock(at string, b *tfprotov6.SchemaBlock) {
	if b == nil {
		return
	}
	f.add(at, false, false, false, false, b.Description)
	for _, a := range b.Attributes {
		f.fromProtoAttribute(at+"."+a.Name, a)
	}
	for _, nb := range b.BlockTypes {
		f.fromProtoBlock(at+"."+nb.TypeName, nb.Block)
	}
}

// fromProtoAttribute records an attribute of the provider's own schema.
func (f schemaFacts) fromProtoAttribute(at string, a *tfprotov6.SchemaAttribute) {
	f.add(at, a.Required, a.Optional, a.Computed, a.Sensitive, a.Description)
	if a.NestedType != nil {
		for _, na := range a.NestedType.Attributes {
			f.fromProtoAttribute(at+"."+na.Name, na)
		}
	}
}

// fromJSONBlock records a block of the saved schema.
func (f schemaFacts) fromJSONBlock(at string, b *tfjson.SchemaBlock) {
	if b == nil {
		return
	}
	f.add(at, false, false, false, false, b.Description)
	for name, a := range b.Attributes {
		f.fromJSONAttribute(at+"."+name, a)
	}
	for name, nb := range b.NestedBlocks {
		f.fromJSONBlock(at+"."+name, nb.Block)
	}
}

// fromJSONAttribute records an attribute of the saved schema.
func (f schemaFacts) fromJSONAttribute(at string, a *tfjson.SchemaAttribute) {
	f.add(at, a.Required, a.Optional, a.Computed, a.Sensitive, a.Description)
	if a.AttributeNestedType != nil {
		for name, na := range a.AttributeNestedType.Attributes {
			f.fromJSONAttribute(at+"."+name, na)
		}
	}
}

// TestProvidersSchemaFileIsCurrent fails when the saved schema the docs are
// generated from no longer describes the provider: every resource, data
// source, action, list resource and resource identity, with each
// attribute's flags and description. It needs no Terraform CLI, so that
// `make test` catches a stale file on any machine.
func TestProvidersSchemaFileIsCurrent(t *testing.T) {
	raw, err := os.ReadFile(providersSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var saved tfjson.ProviderSchemas
	if err := json.Unmarshal(raw, &saved); err != nil {
		t.Fatalf("%s: %v", providersSchemaFile, err)
	}
	file, ok := saved.Schemas["livedesk"]
	if !ok {
		t.Fatalf("%s has no schema for livedesk", providersSchemaFile)
	}
	server, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	live, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	identities, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}

	want, got := schemaFacts{}, schemaFacts{}
	want.fromProtoBlock("provider", live.Provider.Block)
	got.fromJSONBlock("provider", file.ConfigSchema.Block)
	for name, s := range live.ResourceSchemas {
		want.fromProtoBlock("resource."+name, s.Block)
	}
	for name, s := range file.ResourceSchemas {
		got.fromJSONBlock("resource."+name, s.Block)
	}
	for name, s := range live.DataSourceSchemas {
		want.fromProtoBlock("data."+name, s.Block)
	}
	for name, s := range file.DataSourceSchemas {
		got.fromJSONBlock("data."+name, s.Block)
	}
	for name, s := range live.ActionSchemas {
		want.fromProtoBlock("action."+name, s.Schema.Block)
	}
	for name, s := range file.ActionSchemas {
		got.fromJSONBlock("action."+name, s.Block)
	}
	for name, s := range live.ListResourceSchemas {
		want.fromProtoBlock("list."+name, s.Block)
	}
	for name, s := range file.ListResourceSchemas {
		got.fromJSONBlock("list."+name, s.Block)
	}
	for name, s := range identities.IdentitySchemas {
		for _, a := range s.IdentityAttributes {
			want.add("identity."+name+"."+a.Name, a.RequiredForImport, a.OptionalForImport, false, false, a.Description)
		}
	}
	for name, s := range file.ResourceIdentitySchemas {
		for attr, a := range s.Attributes {
			got.add("identity."+name+"."+attr, a.RequiredForImport, a.OptionalForImport, false, false, a.Description)
		}
	}

	for _, at := range slices.Sorted(maps.Keys(want)) {
		if got[at] != want[at] {
			t.Errorf("%s\n  provider:   %s\n  saved file: %s", at, want[at], orMissing(got[at]))
		}
	}
	for _, at := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[at]; !ok {
			t.Errorf("%s is in the saved file but not in the provider", at)
		}
	}
	if t.Failed() {
		t.Logf("%s is stale: run `make providers-schema` (Terraform 1.14 or later) and `make docs`, and commit both.", providersSchemaFile)
	}
}

// orMissing shows an absent entry.
func orMissing(s string) string {
	if s == "" {
		return "(missing)"
	}
	return s
}
