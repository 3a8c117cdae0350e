package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
)

var (
	_ datasource.DataSource              = (*ticketDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*ticketDataSource)(nil)
)

// ticketDataSource reads one ticket and its history: data.livedesk_ticket.
type ticketDataSource struct {
	dataSourceConfigurer
}

// NewTicketDataSource returns the livedesk_ticket data source.
func NewTicketDataSource() datasource.DataSource {
	return &ticketDataSource{}
}

// ticketDataModel is the data.livedesk_ticket state: the resource's
// attributes plus the conversation list.
type ticketDataModel struct {
	ticketModel
	ConversationList types.List `tfsdk:"conversation_list"`
}

// ticketMessageModel is an element of conversation_list.
type ticketMessageModel struct {
	MessageID   types.String `tfsdk:"message_id"`
	Sender      types.Object `tfsdk:"sender"`
	Content     types.String `tfsdk:"content"`
	ContentType types.String `tfsdk:"content_type"`
	SentAt      types.String `tfsdk:"sent_at"`
	IsInternal  types.Bool   `tfsdk:"is_internal"`
}

// ticketSenderModel is conversation_list[*].sender.
type ticketSenderModel struct {
	ID   types.String `tfsdk:"id"`
	Type types.String `tfsdk:"type"`
	Name types.String `tfsdk:"name"`
}

var (
	ticketSenderTypes  = map[string]attr.Type{"id": types.StringType, "type": types.StringType, "name": types.StringType}
	ticketMessageTypes = map[string]attr.Type{
		"message_id": types.StringType, "sender": types.ObjectType{AttrTypes: ticketSenderTypes}, "content": types.StringType,
		"content_type": types.StringType, "sent_at": types.StringType, "is_internal": types.BoolType,
	}
)

// Metadata sets the type name livedesk_ticket.
func (d *ticketDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ticket"
}

// Schema describes data.livedesk_ticket.
func (d *ticketDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	stringList := func(description string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One ticket, by id, with its conversation history.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The ticket id, such as `tk_20251104_789abc`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"title":           computed("The title."),
			"description":     computed("The description (Markdown)."),
			"status":          computed("The status, such as `open`."),
			"priority":        computed("The priority, such as `high`."),
			"ticket_type":     computed("The ticket type, such as `incident`."),
			"custom_fields":   schema.MapAttribute{MarkdownDescription: "Custom fields.", ElementType: types.StringType, Computed: true},
			"tags":            stringList("Tags, when LiveDesk reports them."),
			"attachment_urls": stringList("URLs of the files attached to the ticket."),
			"requester": schema.SingleNestedAttribute{
				MarkdownDescription: "The customer the ticket is for.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"euid":       computed("The requester's id, such as `contact_12345`."),
					"channel_id": computed("The channel of the requester's channel contact."),
					"contact_id": computed("The requester's id in that channel."),
				},
			},
			"submitter_id":    computed("Id of the agent who submitted the ticket."),
			"assignment_team": computed("Name of the team the ticket is assigned to."),
			"conversation_list": schema.ListNestedAttribute{
				MarkdownDescription: "The ticket's history, oldest first, as LiveDesk lists it.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"message_id": computed("The message id, such as `msg_20251104_001`."),
					"sender": schema.SingleNestedAttribute{
						MarkdownDescription: "Who sent the message.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"id":   computed("The sender's id, such as `u_12345`."),
							"type": computed("The sender's kind, such as `internal_member`."),
							"name": computed("The sender's name."),
						},
					},
					"content":      computed("The message text."),
					"content_type": computed("The content type, such as `text`."),
					"sent_at":      computed("When the message was sent, in RFC 3339 (UTC)."),
					"is_internal":  schema.BoolAttribute{MarkdownDescription: "Whether the message is internal (agents only).", Computed: true},
				}},
			},
		},
	}
}

// Read GETs the ticket with its conversation_list. An unknown id is an
// error against id (the resource, by contrast, drops a ticket that is
// gone); tags the answer did not carry are null.
func (d *ticketDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg ticketDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ticket, err := d.data.client.Tickets.Get(ctx, cfg.ID.ValueString())
	if livedesk.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "No such LiveDesk ticket", fmt.Sprintf("LiveDesk has no ticket %q (it answered 404).", cfg.ID.ValueString()))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the LiveDesk ticket", d.data.explain(err))
		return
	}
	m, diags := ticketFromAPI(ctx, ticket)
	resp.Diagnostics.Append(diags...)
	if m.Tags.IsUnknown() {
		m.Tags = types.ListNull(types.StringType)
	}
	state := ticketDataModel{ticketModel: m}
	state.ID = cfg.ID
	messages := make([]ticketMessageModel, 0, len(ticket.ConversationList))
	for _, msg := range ticket.ConversationList {
		sender, diags := types.ObjectValueFrom(ctx, ticketSenderTypes, ticketSenderModel{
			ID: types.StringValue(string(msg.Sender.ID)), Type: types.StringValue(msg.Sender.Type), Name: types.StringValue(msg.Sender.Name),
		})
		resp.Diagnostics.Append(diags...)
		sentAt := types.StringNull()
		if !msg.SentAt.IsZero() {
			sentAt = types.StringValue(msg.SentAt.UTC().Format(time.RFC3339))
		}
		messages = append(messages, ticketMessageModel{
			MessageID: types.StringValue(string(msg.MessageID)), Sender: sender, Content: types.StringValue(msg.Content),
			ContentType: types.StringValue(msg.ContentType), SentAt: sentAt, IsInternal: types.BoolValue(msg.IsInternal),
		})
	}
	state.ConversationList, diags = types.ListValueFrom(ctx, types.ObjectType{AttrTypes: ticketMessageTypes}, messages)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
