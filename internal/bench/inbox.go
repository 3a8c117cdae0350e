package bench

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// The inbox sizes seed conversations with a contact each, created first,
// as a migration or a training cohort does: once as a livedesk_contact
// and a livedesk_conversation (with its transcript) per conversation, and
// once as one livedesk_conversations resource with inline contacts.
const (
	// ContactTranscripts writes a livedesk_contact and a
	// livedesk_conversation with its transcript per conversation: 2N
	// resources.
	ContactTranscripts Layout = "contact and transcript resources"
	// InboxResource writes every conversation, with its inline contact and
	// its transcript, in one livedesk_conversations resource.
	InboxResource Layout = "inbox resource"
)

// Targets of the inbox resource.
const (
	// inboxFloorRatio is the most an inbox resource apply may take, at
	// the largest inbox size, over the sum of the ordered API floor
	// (contact, conversation, messages in order) and Terraform's own apply
	// of a terraform_data holding the same entries.
	inboxFloorRatio = 1.5
	// inboxRefreshRatio is the most its refresh-only plan may take, at the
	// largest size, over that terraform_data's.
	inboxRefreshRatio = 3.0
	// inboxPlanRatio is the most its no-change plan may take, at the
	// largest size, over that terraform_data's.
	inboxPlanRatio = 3.0
	// inboxApplyCPU is the provider CPU time an apply may use at the
	// largest size.
	inboxApplyCPU = 2 * time.Second
	// inboxSpeedup is how many times faster than ContactTranscripts the
	// inbox resource must apply, and refresh, at every size.
	inboxSpeedup = 3.0
	// inboxPeakRSSKiB is the provider's peak memory the inbox resource
	// must stay under, in every phase.
	inboxPeakRSSKiB = 150 * 1024
)

// createContact is the endpoint of a contact create, as the sandbox counts it.
const (
	createContact = "POST /api/v2/accounts/contacts"
	listContacts  = "GET /api/v2/accounts/contacts"
)

// InboxSizeResult is what one inbox size measured, in both layouts.
type InboxSizeResult struct {
	Size      Size         `json:"size"`
	Resources LayoutResult `json:"contact_and_transcript_resources"`
	Inbox     LayoutResult `json:"inbox_resource"`
}

// inboxRuns are the inbox sizes' runs, in the order measured.
func (r *Results) inboxRuns() []LayoutResult {
	runs := make([]LayoutResult, 0, 2*len(r.Inbox))
	for _, s := range r.Inbox {
		runs = append(runs, s.Resources, s.Inbox)
	}
	return runs
}

// emailPrefix makes the contacts of one run of one layout and size unique
// in the sandbox, which refuses a second contact with an email.
func emailPrefix(run string, layout Layout, size Size) string {
	return fmt.Sprintf("%s-%s-%s", run, strings.ReplaceAll(string(layout), " ", "-"), size)
}

// inboxSetup is layoutSetup for the inbox layouts.
func inboxSetup(layout Layout, size Size, inboxID int64, parallelism int) layoutSetup {
	floorPrefix := emailPrefix("floor", layout, size)
	floor := func(f *floorClient, ctx context.Context, size Size, workers int) error {
		return f.orderedWithContacts(ctx, size, workers, floorPrefix)
	}
	provider := providerFlavor(inboxID, 0)
	prefix := emailPrefix("provider", layout, size)
	if layout == InboxResource {
		return layoutSetup{
			providerConfig: provider.header + "\n" + fmt.Sprintf(`resource "livedesk_conversations" "c" {
  inbox_id      = %q
  max_parallel  = %d
  conversations = %s
}
`, fmt.Sprint(inboxID), parallelism, inboxEntries(size, prefix)),
			terraformDataConfig: fmt.Sprintf("resource \"terraform_data\" \"c\" {\n  input = %s\n}\n", inboxEntries(size, "floor")),
			apiFloor:            floor,
		}
	}
	contacts := provider
	contacts.header += fmt.Sprintf(`
resource "livedesk_contact" "k" {
  count    = %d
  inbox_id = %q
  name     = "Benchmark contact ${count.index}"
  email    = "%s-${count.index}@bench.test"
}
`, size.Conversations, fmt.Sprint(inboxID), prefix)
	contacts.conversationArgs = []string{fmt.Sprintf("inbox_id   = %q", fmt.Sprint(inboxID)), "contact_id = livedesk_contact.k[count.index].id"}
	return layoutSetup{
		providerConfig:      transcriptConfiguration(size, contacts),
		terraformDataConfig: configuration(Size{Conversations: size.Conversations, MessagesPer: 1}, terraformDataFlavor),
		apiFloor:            floor,
	}
}

// inboxEntries is the conversations of size as one map expression: entry
// "c<i>" with its contact and its messages, message j of conversation i
// being message i * MessagesPer + j of the size.
func inboxEntries(size Size, prefix string) string {
	return fmt.Sprintf(`{ for i in range(%d) : "c${i}" => {
    contact  = { name = "Benchmark contact ${i}", email = "%s-${i}@bench.test" }
    messages = [for j in range(%d) : { content = "%s${i * %d + j}" }]
  } }`, size.Conversations, prefix, size.MessagesPer, messagePrefix, size.MessagesPer)
}

// orderedWithContacts is ordered with a contact created before each
// conversation, its email starting with prefix.
func (f *floorClient) orderedWithContacts(ctx context.Context, size Size, workers int, prefix string) error {
	return forEach(ctx, workers, size.Conversations, func(ctx context.Context, c int) error {
		name, email := fmt.Sprint("Benchmark contact ", c), fmt.Sprintf("%s-%d@bench.test", prefix, c)
		contact, err := f.client.Contacts.Create(ctx, livedesk.CreateContactRequest{InboxID: f.inboxID,
			ContactFields: livedesk.ContactFields{Name: &name, Email: &email}})
		if err != nil {
			return err
		}
		conv, err := f.client.Conversations.Create(ctx, livedesk.CreateConversationRequest{InboxID: f.inboxID, ContactID: int64(contact.Contact.ID)})
		if err != nil {
			return err
		}
		for position := range size.MessagesPer {
			if err := f.sendMessage(ctx, int64(conv.ID), c*size.MessagesPer+position); err != nil {
				return err
			}
		}
		return nil
	})
}

// orderProblem checks the conversations after the first `after` in st:
// each must hold MessagesPer messages of the size, consecutive and in
// order. It returns "" or what is wrong.
func orderProblem(st sandbox.State, after int, size Size) string {
	byConversation := map[int64][]string{}
	for _, m := range st.Messages {
		byConversation[m.ConversationID] = append(byConversation[m.ConversationID], m.Content)
	}
	for _, conv := range st.Conversations[min(after, len(st.Conversations)):] {
		got := byConversation[conv.ID]
		if len(got) != size.MessagesPer {
			return fmt.Sprintf("conversation %d holds %d messages, want %d", conv.ID, len(got), size.MessagesPer)
		}
		var first int
		if _, err := fmt.Sscanf(strings.TrimPrefix(got[0], messagePrefix), "%d", &first); err != nil {
			return fmt.Sprintf("conversation %d starts with %q", conv.ID, got[0])
		}
		for j, content := range got {
			if want := fmt.Sprint(messagePrefix, first+j); content != want {
				return fmt.Sprintf("conversation %d holds %q at position %d, want %q", conv.ID, content, j, want)
			}
		}
	}
	return ""
}

// checkInbox checks the inbox resource's targets at every inbox size:
// its creates and nothing else, a refresh and a no-change plan that read
// no more than the pages of the contact list, close to the ordered API
// floor and to Terraform's own plans, faster than a contact and a
// conversation resource per conversation (which may only read on a
// refresh or a no-change plan), bounded memory, and every transcript in
// order.
func checkInbox(r *Results) []shapeCheck {
	if len(r.Inbox) == 0 {
		return nil
	}
	creates := shapeCheck{claim: "Inbox sizes: exactly one request per create (contact, conversation, message)", ok: true}
	resourceReads := shapeCheck{claim: "Contact and transcript resources: refresh and no-change plan send reads (GET) only", ok: true}
	reads := shapeCheck{claim: "Inbox resource: refresh and no-change plan read no more than the pages of the contact list, and nothing else", ok: true}
	floor := shapeCheck{claim: fmt.Sprintf("Inbox resource, at the largest size: apply within %.1f× of the ordered API floor (a) plus the terraform_data floor (b)",
		inboxFloorRatio), ok: true}
	refreshPlan := newPlanRatio("refresh-only plan", inboxRefreshRatio, func(p Phases) Measurement { return p.Refresh })
	noChangePlan := newPlanRatio("no-change plan", inboxPlanRatio, func(p Phases) Measurement { return p.Plan })
	cpu := shapeCheck{claim: fmt.Sprintf("Inbox resource, at the largest size: provider CPU per apply under %s", seconds(inboxApplyCPU)), ok: true}
	largest := r.Inbox[0].Size
	for _, s := range r.Inbox {
		if s.Size.Creates() > largest.Creates() {
			largest = s.Size
		}
	}
	memory := shapeCheck{claim: fmt.Sprintf("Inbox resource: provider peak RSS under %s", mebibytes(inboxPeakRSSKiB)), ok: true}
	order := shapeCheck{claim: "Every conversation's messages in order (checked in the sandbox)", ok: true}
	var createDetails, resourceReadDetails, readDetails, floorDetails, cpuDetails, memoryDetails, orderDetails []string
	for _, run := range r.inboxRuns() {
		want := map[string]int{createContact: run.Size.Conversations, createConversation: run.Size.Conversations}
		if run.Size.Messages() > 0 {
			want[createMessage] = run.Size.Messages()
		}
		apply, plan, refresh := run.Provider.Apply, run.Provider.Plan, run.Provider.Refresh
		creates.ok = creates.ok && maps.Equal(apply.Requests, want)
		createDetails = append(createDetails, fmt.Sprintf("%s: %d requests for %d creates", run.Name(), apply.TotalRequests(), run.Layout.Creates(run.Size)))
		order.ok = order.ok && run.OrderProblem == ""
		orderDetails = append(orderDetails, fmt.Sprintf("%s: %s", run.Name(), orDash(run.OrderProblem == "", "in order")+run.OrderProblem))
		if run.Layout != InboxResource {
			resourceReads.ok = resourceReads.ok && readsOnly(refresh) && readsOnly(plan)
			resourceReadDetails = append(resourceReadDetails, fmt.Sprintf("%s: refresh %s; no-change plan %s", run.Size, describeReads(refresh), describeReads(plan)))
			continue
		}
		pages := (run.SandboxContacts + livedesk.ContactsPageSize - 1) / livedesk.ContactsPageSize
		reads.ok = reads.ok && readsContactPages(refresh, pages) && readsContactPages(plan, pages)
		readDetails = append(readDetails, fmt.Sprintf("%s: %d requests on refresh and %d on a no-change plan for %d pages of %d contacts",
			run.Name(), refresh.TotalRequests(), plan.TotalRequests(), pages, run.SandboxContacts))
		floors := run.APIFloor.Wall + run.TerraformFloor.Apply.Wall
		ratio := float64(apply.Wall) / float64(max(floors, 1))
		atLargest := run.Size == largest
		if atLargest {
			floor.ok = floor.ok && ratio <= inboxFloorRatio
			cpu.ok = cpu.ok && apply.Provider.CPU < inboxApplyCPU
		}
		refreshPlan.add(run, atLargest)
		noChangePlan.add(run, atLargest)
		floorDetails = append(floorDetails, fmt.Sprintf("%s: %s against %s + %s, ×%.2f", run.Size, seconds(apply.Wall), seconds(run.APIFloor.Wall),
			seconds(run.TerraformFloor.Apply.Wall), ratio))
		cpuDetails = append(cpuDetails, fmt.Sprintf("%s: %s", run.Size, seconds(apply.Provider.CPU)))
		peak := run.Provider.peakRSSKiB()
		memory.ok = memory.ok && peak < inboxPeakRSSKiB
		memoryDetails = append(memoryDetails, fmt.Sprintf("%s: %s", run.Size, mebibytes(peak)))
	}
	creates.detail = strings.Join(createDetails, "; ") + "."
	resourceReads.detail = strings.Join(resourceReadDetails, "; ") + "."
	reads.detail = strings.Join(readDetails, "; ") + "."
	floor.detail = strings.Join(floorDetails, "; ") + "."
	cpu.detail = strings.Join(cpuDetails, "; ") + "."
	memory.detail = strings.Join(memoryDetails, "; ") + "."
	order.detail = strings.Join(orderDetails, "; ") + "."
	return append([]shapeCheck{creates, resourceReads, reads, floor, refreshPlan.result(), noChangePlan.result(), cpu, memory, order},
		checkInboxSpeedup(r.Inbox)...)
}

// readsContactPages reports whether m's requests are pages of the contact
// list, no more than pages of them.
func readsContactPages(m Measurement, pages int) bool {
	return m.Requests[listContacts] == m.TotalRequests() && m.TotalRequests() <= pages
}

// readsOnly reports whether every request of m is a GET.
func readsOnly(m Measurement) bool {
	for endpoint := range m.Requests {
		if !strings.HasPrefix(endpoint, "GET ") {
			return false
		}
	}
	return true
}

// describeReads is how many requests m sent, with its endpoints when one
// of them is not a GET.
func describeReads(m Measurement) string {
	if readsOnly(m) {
		return fmt.Sprintf("%d GET requests", m.TotalRequests())
	}
	return fmt.Sprintf("%d requests (%s)", m.TotalRequests(), strings.ReplaceAll(endpoints(m.Requests), "<br>", ", "))
}

// planRatio holds one plan of the inbox resource, at the largest inbox
// size, to limit times the same plan of its terraform_data floor (b), and
// lists the ratio at every size.
type planRatio struct {
	check   shapeCheck
	limit   float64
	of      func(Phases) Measurement
	details []string
}

// newPlanRatio is the planRatio of the plan of(Phases), called name.
func newPlanRatio(name string, limit float64, of func(Phases) Measurement) *planRatio {
	return &planRatio{
		check: shapeCheck{claim: fmt.Sprintf("Inbox resource, at the largest size: %s within %.0f× of the terraform_data floor's (b)", name, limit), ok: true},
		limit: limit,
		of:    of,
	}
}

// add lists run's ratio, and holds it to the limit when run is at the
// largest size.
func (p *planRatio) add(run LayoutResult, atLargest bool) {
	provider, floor := p.of(run.Provider).Wall, p.of(run.TerraformFloor).Wall
	ratio := float64(provider) / float64(max(floor, 1))
	if atLargest {
		p.check.ok = p.check.ok && ratio <= p.limit
	}
	p.details = append(p.details, fmt.Sprintf("%s: %s against %s, ×%.2f", run.Size, seconds(provider), seconds(floor), ratio))
}

// result is the check, with every size's ratio as its detail.
func (p *planRatio) result() shapeCheck {
	p.check.detail = strings.Join(p.details, "; ") + "."
	return p.check
}

// checkInboxSpeedup holds every inbox size's apply and refresh to
// inboxSpeedup over ContactTranscripts.
func checkInboxSpeedup(sizes []InboxSizeResult) []shapeCheck {
	check := func(phase string, of func(LayoutResult) Measurement) shapeCheck {
		c := shapeCheck{claim: fmt.Sprintf("The inbox resource's %s at least %.0f× faster than a contact and a conversation resource per conversation",
			phase, inboxSpeedup), ok: true}
		var details []string
		for _, s := range sizes {
			resources, inbox := of(s.Resources).Wall, of(s.Inbox).Wall
			speedup := float64(resources) / float64(max(inbox, 1))
			c.ok = c.ok && speedup >= inboxSpeedup
			details = append(details, fmt.Sprintf("%s: %s against %s, ×%.2f", s.Size, seconds(inbox), seconds(resources), speedup))
		}
		c.detail = strings.Join(details, "; ") + "."
		return c
	}
	return []shapeCheck{
		check("apply", func(r LayoutResult) Measurement { return r.Provider.Apply }),
		check("refresh-only plan", func(r LayoutResult) Measurement { return r.Provider.Refresh }),
	}
}
