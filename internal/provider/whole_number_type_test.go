package provider

import (
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestWholeNumbersRefuseFractionsInTheProvidersWords validates, as
// terraform plan does, a livedesk_conversations with max_parallel = 1.5 and
// a transcript with reply_to = 0.5: each is one error naming the attribute
// and the value, and none is the framework's own message (a %!s(*big.Float)
// or "always an error in the provider"). Whole numbers pass as before, and
// the range validators still apply.
func TestWholeNumbersRefuseFractionsInTheProvidersWords(t *testing.T) {
	t.Parallel()
	p := newProtocolProvider(t)
	number := func(f float64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(f)) }
	huge, _ := new(big.Float).SetString("1e30")
	entries := p.attributeType("livedesk_conversations", "conversations").(tftypes.Map)
	conversations := func(maxParallel tftypes.Value) map[string]tftypes.Value {
		entry := nullObject(entries.ElementType, map[string]tftypes.Value{"contact_id": tftypes.NewValue(tftypes.String, "1")})
		return map[string]tftypes.Value{
			"inbox_id":      tftypes.NewValue(tftypes.String, "1"),
			"max_parallel":  maxParallel,
			"conversations": tftypes.NewValue(entries, map[string]tftypes.Value{"alice": entry}),
		}
	}
	messages := p.attributeType("livedesk_conversation", "messages").(tftypes.List)
	transcript := func(replyTo tftypes.Value) map[string]tftypes.Value {
		return map[string]tftypes.Value{
			"inbox_id":   tftypes.NewValue(tftypes.String, "1"),
			"contact_id": tftypes.NewValue(tftypes.String, "1"),
			"messages": tftypes.NewValue(messages, []tftypes.Value{
				nullObject(messages.ElementType, map[string]tftypes.Value{"content": tftypes.NewValue(tftypes.String, "Hello")}),
				nullObject(messages.ElementType, map[string]tftypes.Value{"content": tftypes.NewValue(tftypes.String, "Hi"), "reply_to": replyTo}),
			}),
		}
	}
	for _, tc := range []struct {
		name     string
		typeName string
		config   map[string]tftypes.Value
		want     string // the one error's detail; "" for none
	}{
		{"max_parallel = 1.5", "livedesk_conversations", conversations(number(1.5)),
			"max_parallel = 1.5 is not a whole number. Write a whole number without a fraction, such as 8."},
		{"max_parallel = 1e30", "livedesk_conversations", conversations(tftypes.NewValue(tftypes.Number, huge)),
			"max_parallel = 1e+30 is far too large. Write a small whole number, such as 8."},
		{"max_parallel = 65", "livedesk_conversations", conversations(number(65)), "Attribute max_parallel value must be between 1 and 64, got: 65"},
		{"max_parallel = 4", "livedesk_conversations", conversations(number(4)), ""},
		{"reply_to = 0.5", "livedesk_conversation", transcript(number(0.5)),
			"messages[1].reply_to = 0.5 is not a whole number. Write a whole number without a fraction, such as 0."},
		{"reply_to = 1", "livedesk_conversation", transcript(number(1)),
			"messages[1] has reply_to = 1, but a message can only reply to one sent before it: use an index from 0 to 0."},
		{"reply_to = 0", "livedesk_conversation", transcript(number(0)), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := p.validateResource(t, tc.typeName, tc.config)
			text := protocolDiagnostics(diags)
			if strings.Contains(text, "%!") || strings.Contains(text, "always an error in the provider") {
				t.Errorf("the framework's own message reached the user:\n%s", text)
			}
			switch {
			case tc.want == "" && len(diags) > 0:
				t.Errorf("diagnostics for a valid configuration:\n%s", text)
			case tc.want != "" && (len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Detail != tc.want):
				t.Errorf("diagnostics:\n%swant one error: %s", text, tc.want)
			}
		})
	}
}
