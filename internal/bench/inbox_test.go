package bench

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/livedesk"
	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

func TestInboxSetupWritesOneResourceAndUniqueEmails(t *testing.T) {
	size := Size{Conversations: 3, MessagesPer: 2}
	inbox := InboxResource.setup(size, 3, 0, 7)
	for _, want := range []string{`resource "livedesk_conversations" "c"`, "max_parallel  = 7", `inbox_id      = "3"`, "range(3)", "range(2)", "provider-inbox-resource-3x2-${i}@bench.test"} {
		if !strings.Contains(inbox.providerConfig, want) {
			t.Errorf("inbox configuration lacks %q:\n%s", want, inbox.providerConfig)
		}
	}
	if strings.Count(inbox.terraformDataConfig, "resource ") != 1 {
		t.Errorf("the inbox floor is not one terraform_data:\n%s", inbox.terraformDataConfig)
	}
	resources := ContactTranscripts.setup(size, 1, 0, 7)
	for _, want := range []string{`resource "livedesk_contact" "k"`, "contact_id = livedesk_contact.k[count.index].id", "provider-contact-and-transcript-resources-3x2-"} {
		if !strings.Contains(resources.providerConfig, want) {
			t.Errorf("resources configuration lacks %q:\n%s", want, resources.providerConfig)
		}
	}
	if got := InboxResource.Resources(size); got != 1 {
		t.Errorf("inbox resource counts %d resources", got)
	}
	if got := ContactTranscripts.Creates(size); got != 3+3+6 {
		t.Errorf("contact and transcript resources count %d creates, want 12", got)
	}
}

func TestOrderProblemFindsAMessageOutOfOrder(t *testing.T) {
	size := Size{Conversations: 1, MessagesPer: 2}
	st := sandbox.State{
		Conversations: []sandbox.Conversation{{ID: 1}, {ID: 2}},
		Messages: []sandbox.Message{
			{ConversationID: 1, Content: "unrelated"},
			{ConversationID: 2, Content: messagePrefix + "5"},
			{ConversationID: 2, Content: messagePrefix + "6"},
		},
	}
	if problem := orderProblem(st, 1, size); problem != "" {
		t.Errorf("in order, yet: %s", problem)
	}
	st.Messages[1].Content, st.Messages[2].Content = st.Messages[2].Content, st.Messages[1].Content
	if problem := orderProblem(st, 1, size); !strings.Contains(problem, "conversation 2") {
		t.Errorf("out of order, yet %q", problem)
	}
}

// The inbox checks' claims, as the tests look them up.
const (
	resourceReadsClaim = "Contact and transcript resources: refresh and no-change plan send reads (GET) only"
	inboxReadsClaim    = "Inbox resource: refresh and no-change plan read no more than the pages of the contact list, and nothing else"
	refreshRatioClaim  = "Inbox resource, at the largest size: refresh-only plan within 3× of the terraform_data floor's (b)"
	planRatioClaim     = "Inbox resource, at the largest size: no-change plan within 3× of the terraform_data floor's (b)"
	inboxMemoryClaim   = "Inbox resource: provider peak RSS under 150.0 MiB"
)

// sampleInbox is a run of two inbox sizes, 20x2 and the largest, 100x5, in
// which the inbox resource meets every target.
func sampleInbox() *Results {
	return &Results{Parallelism: 10, Inbox: []InboxSizeResult{
		{
			Size:      Size{20, 2},
			Resources: inboxRun(Size{20, 2}, ContactTranscripts, [3]time.Duration{6 * time.Second, 2 * time.Second, 2 * time.Second}, 0, [3]time.Duration{}),
			Inbox: inboxRun(Size{20, 2}, InboxResource, [3]time.Duration{time.Second, 600 * time.Millisecond, 500 * time.Millisecond}, 700*time.Millisecond,
				[3]time.Duration{200 * time.Millisecond, 300 * time.Millisecond, 250 * time.Millisecond}),
		},
		{
			Size:      Size{100, 5},
			Resources: inboxRun(Size{100, 5}, ContactTranscripts, [3]time.Duration{30 * time.Second, 6 * time.Second, 6 * time.Second}, 0, [3]time.Duration{}),
			Inbox: inboxRun(Size{100, 5}, InboxResource, [3]time.Duration{4 * time.Second, 1500 * time.Millisecond, 1200 * time.Millisecond}, 3*time.Second,
				[3]time.Duration{500 * time.Millisecond, 600 * time.Millisecond, 500 * time.Millisecond}),
		},
	}}
}

// inboxRun is size in layout as the provider should measure it: its apply
// (provider[0]) sends exactly the creates, a contact per conversation; its
// no-change plan (provider[1]) and its refresh (provider[2]) read the
// contact list, a page of it per 15 of the sandbox's contacts for the
// inbox resource, a search per contact for contact resources; its
// provider stays at 1 s of CPU per apply and 60 MiB. The API floor took
// apiFloor, the terraform_data floor's apply, no-change plan and refresh
// floor.
func inboxRun(size Size, layout Layout, provider [3]time.Duration, apiFloor time.Duration, floor [3]time.Duration) LayoutResult {
	contacts := 2*size.Conversations + 1
	reads := map[string]int{listContacts: size.Conversations}
	if layout == InboxResource {
		reads = map[string]int{listContacts: (contacts + livedesk.ContactsPageSize - 1) / livedesk.ContactsPageSize}
	}
	stats := ProcessStats{Processes: 1, PeakRSSKiB: 60 * 1024, CPU: time.Second}
	r := LayoutResult{
		Size:   size,
		Layout: layout,
		Provider: Phases{
			Apply: Measurement{Wall: provider[0], Requests: map[string]int{createContact: size.Conversations, createConversation: size.Conversations, createMessage: size.Messages()},
				Connections: 10, Provider: stats},
			Plan:    Measurement{Wall: provider[1], Requests: reads, Provider: stats},
			Refresh: Measurement{Wall: provider[2], Requests: maps.Clone(reads), Provider: stats},
			Destroy: Measurement{Wall: time.Second, Provider: stats},
		},
		APIFloor:        Measurement{Wall: apiFloor},
		TerraformFloor:  Phases{Apply: Measurement{Wall: floor[0]}, Plan: Measurement{Wall: floor[1]}, Refresh: Measurement{Wall: floor[2]}},
		SandboxContacts: contacts,
	}
	r.ApplyRatio = applyRatio(r)
	return r
}

// inboxChecks are checkInbox's checks by claim.
func inboxChecks(t *testing.T, r *Results) map[string]shapeCheck {
	t.Helper()
	checks := make(map[string]shapeCheck)
	for _, c := range checkInbox(r) {
		checks[c.claim] = c
	}
	for _, claim := range []string{resourceReadsClaim, inboxReadsClaim, refreshRatioClaim, planRatioClaim, inboxMemoryClaim} {
		if _, ok := checks[claim]; !ok {
			t.Fatalf("no check %q among %v", claim, slices.Collect(maps.Keys(checks)))
		}
	}
	return checks
}

func TestInboxChecksPassTheExpectedRunWithEveryRatio(t *testing.T) {
	t.Parallel()
	checks := inboxChecks(t, sampleInbox())
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%q failed: %s", c.claim, c.detail)
		}
	}
	for claim, want := range map[string]string{
		planRatioClaim:     "20x2: 0.60 s against 0.30 s, ×2.00; 100x5: 1.50 s against 0.60 s, ×2.50.",
		refreshRatioClaim:  "20x2: 0.50 s against 0.25 s, ×2.00; 100x5: 1.20 s against 0.50 s, ×2.40.",
		inboxReadsClaim:    "20x2 inbox resource: 3 requests on refresh and 3 on a no-change plan for 3 pages of 41 contacts; 100x5 inbox resource: 14 requests on refresh and 14 on a no-change plan for 14 pages of 201 contacts.",
		resourceReadsClaim: "20x2: refresh 20 GET requests; no-change plan 20 GET requests; 100x5: refresh 100 GET requests; no-change plan 100 GET requests.",
	} {
		if got := checks[claim].detail; got != want {
			t.Errorf("%q: detail\n%s\nwant\n%s", claim, got, want)
		}
	}
}

func TestInboxChecksFailOnEachMissedNoChangePlanTarget(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		spoil func(r *Results)
		// fails is the claim that must fail, every other passing; "" when
		// all pass.
		fails string
	}{
		{"no-change plan ×3.5 the floor's at the largest size", func(r *Results) { r.Inbox[1].Inbox.Provider.Plan.Wall = 2100 * time.Millisecond }, planRatioClaim},
		{"no-change plan ×3 the floor's at the largest size", func(r *Results) { r.Inbox[1].Inbox.Provider.Plan.Wall = 1800 * time.Millisecond }, ""},
		{"no-change plan ×4 the floor's at a smaller size", func(r *Results) { r.Inbox[0].Inbox.Provider.Plan.Wall = 1200 * time.Millisecond }, ""},
		{"refresh-only plan ×3.5 the floor's at the largest size", func(r *Results) { r.Inbox[1].Inbox.Provider.Refresh.Wall = 1750 * time.Millisecond }, refreshRatioClaim},
		{"inbox resource's no-change plan sends a message", func(r *Results) { r.Inbox[0].Inbox.Provider.Plan.Requests[createMessage] = 1 }, inboxReadsClaim},
		{"inbox resource's no-change plan reads a page too many", func(r *Results) { r.Inbox[1].Inbox.Provider.Plan.Requests[listContacts] = 15 }, inboxReadsClaim},
		{"contact resources' no-change plan updates a contact", func(r *Results) {
			r.Inbox[1].Resources.Provider.Plan.Requests["PATCH /api/v2/accounts/contacts/{id}"] = 1
		}, resourceReadsClaim},
		{"contact resources' refresh creates a contact", func(r *Results) { r.Inbox[0].Resources.Provider.Refresh.Requests[createContact] = 1 }, resourceReadsClaim},
		{"inbox resource's no-change plan at 150 MiB", func(r *Results) { r.Inbox[0].Inbox.Provider.Plan.Provider.PeakRSSKiB = 150 * 1024 }, inboxMemoryClaim},
	} {
		r := sampleInbox()
		tc.spoil(r)
		for _, c := range inboxChecks(t, r) {
			if c.ok == (c.claim == tc.fails) {
				t.Errorf("%s: %q ok %v: %s", tc.name, c.claim, c.ok, c.detail)
			}
		}
	}
}

func TestInboxChecksNameTheNonReadRequests(t *testing.T) {
	t.Parallel()
	r := sampleInbox()
	r.Inbox[1].Resources.Provider.Plan.Requests["PATCH /api/v2/accounts/contacts/{id}"] = 2
	if got, want := inboxChecks(t, r)[resourceReadsClaim].detail, "100x5: refresh 100 GET requests; no-change plan 102 requests (GET contacts: 100, PATCH contacts/{id}: 2)."; !strings.HasSuffix(got, want) {
		t.Errorf("detail %q, want it to end with %q", got, want)
	}
}

func TestWriteMarkdownReportsTheInboxSizesNoChangePlans(t *testing.T) {
	t.Parallel()
	markdownHas(t, sampleInbox(), []string{
		"| 100x5 | inbox resource | provider | apply | 4.00 s | — | POST contacts: 100<br>POST conversations: 100<br>POST conversations/{id}/messages: 500 | 700.00 | 10 | 1 | 60.0 MiB |\n" +
			"| 100x5 | inbox resource | provider | no-change plan | 1.50 s | — | GET contacts: 14 | 14.00 | 0 | 1 | 60.0 MiB |\n" +
			"| 100x5 | inbox resource | provider | refresh-only plan | 1.20 s | — | GET contacts: 14 | 14.00 | 0 | 1 | 60.0 MiB |\n",
		"| 100x5 | inbox resource | terraform_data floor (b) | no-change plan | 0.60 s | — | none | 0.00 | 0 | — | — |\n",
		"| 20x2 | contact and transcript resources | provider | no-change plan | 2.00 s | — | GET contacts: 20 | 0.50 | 0 | 1 | 60.0 MiB |\n",
		"- " + planRatioClaim + ": **yes**. 20x2: 0.60 s against 0.30 s, ×2.00; 100x5: 1.50 s against 0.60 s, ×2.50.\n",
		"- " + refreshRatioClaim + ": **yes**.",
		"- " + inboxReadsClaim + ": **yes**.",
		"- " + resourceReadsClaim + ": **yes**.",
	})
}
