package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

// defaultMaxParallel is how many conversations livedesk_conversations
// seeds at once unless max_parallel says otherwise: enough to keep the
// API's latency from adding up, few enough that a project's requests stay
// within a rate limit the client waits out (429 with Retry-After).
const defaultMaxParallel = 8

// conversationsEntryObject is the nested object of conversations.
func conversationsEntryObject() schema.NestedAttributeObject {
	text := func(description string, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true,
			Validators: append([]validator.String{stringvalidator.LengthAtLeast(1)}, validators...)}
	}
	email := text("Email address, unique in the project (compared case-insensitively).", emailFormat())
	email.CustomType = emailType
	contact := schema.SingleNestedAttribute{
		MarkdownDescription: "A contact created in the inbox before the conversation, instead of `contact_id` or `source_id`. Changes are sent in place " +
			"(`PATCH`); removing the entry forgets the contact, which stays in LiveDesk. An existing contact with the same `email`, `identifier` " +
			"or `phone_number` is an error: name it with `contact_id` instead.",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"name":         text("The contact's name."),
			"email":        email,
			"phone_number": text("Phone number in E.164 format, such as `+6591234567`.", phoneFormat()),
			"identifier":   text("Your own id for the contact, unique in the project."),
			"custom_attributes": schema.MapAttribute{
				MarkdownDescription: "Custom attributes; as for `livedesk_contact`, a key removed from the configuration stays in LiveDesk.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"id":        schema.StringAttribute{MarkdownDescription: "The contact id.", CustomType: idType, Computed: true},
			"source_id": schema.StringAttribute{MarkdownDescription: "The contact's source id in the inbox.", Computed: true},
		},
	}
	messages := transcriptMessagesOfAnEntry()
	entry := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"contact_id": schema.StringAttribute{
			MarkdownDescription: "Id of an existing contact the conversation is with. With `contact`, or with only `source_id`, it is computed.",
			Optional:            true,
			Computed:            true,
			CustomType:          idType,
		},
		"source_id": text("The existing contact's source id in this inbox, instead of `contact_id`."),
		"contact":   contact,
		"status": schema.StringAttribute{
			MarkdownDescription: "`open`, `resolved`, `pending` or `snoozed`, applied after the messages, as for `livedesk_conversation`. When not set, the status LiveDesk holds.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.OneOf(livedesk.ConversationStatuses...)},
		},
		"snoozed_until": schema.StringAttribute{
			MarkdownDescription: "When a snoozed conversation reopens, as an RFC 3339 time; only with `status = \"snoozed\"`.",
			Optional:            true,
			Validators:          []validator.String{snoozeUntil()},
		},
		"messages": messages,
		"id":       schema.StringAttribute{MarkdownDescription: "The conversation id; null while the conversation could not be created.", CustomType: idType, Computed: true},
		"uuid":     schema.StringAttribute{MarkdownDescription: "The conversation's UUID.", Computed: true},
	}}
	return entry
}

// transcriptMessagesOfAnEntry is livedesk_conversation's messages with
// fewer values per message: every value of the state costs Terraform on
// every plan and refresh (numbers and empty lists of objects most), and a
// thousand conversations of five messages hold five thousand messages.
// Each element keeps what the plan needs and what a configuration reads
// back (id, files_sha256, and attachments, null for a message without
// files), without created_at (schema version 1, which records no
// conversation's created_at either; see UpgradeResourceState).
func transcriptMessagesOfAnEntry() schema.ListNestedAttribute {
	messages := transcriptAttribute()
	delete(messages.NestedObject.Attributes, "created_at")
	attachments, _ := messages.NestedObject.Attributes["attachments"].(schema.ListNestedAttribute)
	attachments.MarkdownDescription = "The attachments LiveDesk stored, in the order of `files`; null for a message without files."
	messages.NestedObject.Attributes["attachments"] = attachments
	return messages
}

// bulkSchemaVersion is the version of livedesk_conversations' schema:
// version 0 recorded each conversation's and each message's created_at.
const bulkSchemaVersion = 1

// conversationsSchema describes livedesk_conversations. It is written with
// the framework's schema types, as every other resource's, and served by
// the resource's own server (see protoSchema and bulkServer); its
// validators are run by validateAttributes. max_parallel and
// resolve_on_destroy default to defaultMaxParallel and true (see
// planModel).
func conversationsSchema() schema.Schema {
	return schema.Schema{
		Version: bulkSchemaVersion,
		MarkdownDescription: "Many conversations of one inbox as one resource, " +
			"each under a key you choose and seeded concurrently, each with its transcript in order.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The inbox id.",
				Computed:            true,
			},
			"inbox_id": schema.StringAttribute{
				MarkdownDescription: "Id of the API-channel inbox. It cannot change: LiveDesk cannot move conversations or contacts between inboxes, " +
					"so a plan that changes it is refused; add another `livedesk_conversations` for another inbox.",
				Required:   true,
				CustomType: idType,
			},
			"max_parallel": schema.Int64Attribute{
				CustomType:          wholeNumber(defaultMaxParallel),
				MarkdownDescription: "How many entries are seeded at once, from 1 to 64 (each in its own order). Defaults to 8; a 429 is retried up to the provider's `max_retries`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 64)},
			},
			"resolve_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroy, a removed key and a replaced entry resolve the conversation (LiveDesk has no delete). Defaults to true.",
				Optional:            true,
				Computed:            true,
			},
			"conversations": schema.MapNestedAttribute{
				MarkdownDescription: "The conversations, keyed by names you choose (for example the file they come from with `yamldecode`).",
				Required:            true,
				NestedObject:        conversationsEntryObject(),
			},
		},
	}
}
