package provider

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livedesk-community/terraform-provider-livedesk/internal/sandbox"
)

// messagesConfig is a conversation plus the given message resources.
func messagesConfig(env *accEnv, messages string) string {
	return env.config(`
resource "livedesk_conversation" "test" {
  inbox_id   = %q
  contact_id = %q
}
%s`, env.inboxID, env.contactID, messages)
}

func sandboxMessage(t *testing.T, sb *sandbox.Server, s *terraform.State, addr string) sandbox.Message {
	t.Helper()
	id := stateID(s, addr)
	m, ok := sandboxRecord(sb.Snapshot().Messages, func(m sandbox.Message) int64 { return m.ID }, id)
	if !ok {
		t.Fatalf("the sandbox holds no message %s (%s)", id, addr)
	}
	return m
}

func TestAccMessage_privateReplyAndContentReplaces(t *testing.T) {
	env := newAccEnv(t)
	config := func(reply string) string {
		return messagesConfig(env, fmt.Sprintf(`
resource "livedesk_message" "first" {
  conversation_id = livedesk_conversation.test.id
  content         = "Hello from Terraform"
}

resource "livedesk_message" "reply" {
  conversation_id = livedesk_conversation.test.id
  content         = %q
  private         = true
  in_reply_to     = livedesk_message.first.id
}`, reply))
	}
	firstID := statecheck.CompareValuePairs("livedesk_message.reply", tfjsonpath.New("in_reply_to"), "livedesk_message.first", tfjsonpath.New("id"), compare.ValuesSame())
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: config("Internal note: customer is a VIP"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("id"), numericID),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("private"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("message_type"), knownvalue.StringExact("outgoing")),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("content_type"), knownvalue.StringExact("text")),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("status"), knownvalue.StringExact("sent")),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("sender_type"), knownvalue.StringExact("user")),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("sender_id"), numericID),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("created_at"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("attachments"), knownvalue.ListExact(nil)),
				statecheck.ExpectKnownValue("livedesk_message.first", tfjsonpath.New("files_sha256"), knownvalue.Null()),
				statecheck.ExpectKnownValue("livedesk_message.reply", tfjsonpath.New("private"), knownvalue.Bool(true)),
				firstID,
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			Config: config("Internal note: customer is a VIP (edited)"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("livedesk_message.reply", tfjsonpath.New("content"), knownvalue.StringExact("Internal note: customer is a VIP (edited)")),
				firstID,
			},
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction("livedesk_message.reply", plancheck.ResourceActionDestroyBeforeCreate),
				plancheck.ExpectResourceAction("livedesk_message.first", plancheck.ResourceActionNoop),
				plancheck.ExpectResourceAction(conversationAddr, plancheck.ResourceActionNoop),
			),
		},
	))
}

func TestAccMessage_sandboxReceivedPrivateReply(t *testing.T) {
	env := newAccEnv(t)
	sb := env.requireSandbox(t)
	resource.ParallelTest(t, env.testCase(resource.TestStep{
		Config: messagesConfig(env, `
resource "livedesk_message" "first" {
  conversation_id = livedesk_conversation.test.id
  content         = "Hello"
}

resource "livedesk_message" "reply" {
  conversation_id = livedesk_conversation.test.id
  content         = "A private reply"
  private         = true
  in_reply_to     = livedesk_message.first.id
}`),
		Check: func(s *terraform.State) error {
			first := sandboxMessage(t, sb, s, "livedesk_message.first")
			reply := sandboxMessage(t, sb, s, "livedesk_message.reply")
			if first.Private || first.InReplyTo != nil {
				return fmt.Errorf("first message received as %+v", first)
			}
			if !reply.Private || reply.InReplyTo == nil || *reply.InReplyTo != first.ID || reply.Content != "A private reply" {
				return fmt.Errorf("reply received as %+v, want private, in reply to %d", reply, first.ID)
			}
			if n := sb.Snapshot().Requests["POST /api/v2/accounts/conversations/{id}/messages"]; n != 2 {
				return fmt.Errorf("%d message requests, want exactly 2", n)
			}
			return nil
		},
		ConfigPlanChecks: emptyPlanAfterApply,
	}))
}

func TestAccMessage_filesAreSentAndAnEditedFileReplaces(t *testing.T) {
	env := newAccEnv(t)
	dir := t.TempDir()
	image := filepath.Join(dir, "screenshot.png")
	notes := filepath.Join(dir, "notes.txt")
	pngBytes := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xAB}, 5000)...)
	writeFile(t, image, pngBytes)
	writeFile(t, notes, []byte("first version of the notes\n"))
	edited := []byte("second, longer version of the notes\n")

	config := messagesConfig(env, fmt.Sprintf(`
resource "livedesk_message" "files" {
  conversation_id = livedesk_conversation.test.id
  content         = "Two files attached"
  files           = [%q, %q]
}`, image, notes))
	attachment := func(size int, fileType string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"id": numericID, "file_size": knownvalue.Int64Exact(int64(size)), "file_type": knownvalue.StringExact(fileType),
			"data_url": knownvalue.NotNull(),
		})
	}
	addr := "livedesk_message.files"
	var firstID string
	resource.ParallelTest(t, env.testCase(
		resource.TestStep{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("files_sha256"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(sha256Hex(pngBytes)), knownvalue.StringExact(sha256Hex([]byte("first version of the notes\n"))),
				})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("attachments"), knownvalue.ListExact([]knownvalue.Check{
					attachment(len(pngBytes), "image"), attachment(len("first version of the notes\n"), "file"),
				})),
			},
			Check: func(s *terraform.State) error {
				firstID = stateID(s, addr)
				if env.sandbox == nil {
					return nil
				}
				got := sandboxMessage(t, env.sandbox, s, addr)
				if len(got.Attachments) != 2 {
					return fmt.Errorf("sandbox received %d attachments, want 2", len(got.Attachments))
				}
				for i, want := range [][]byte{pngBytes, []byte("first version of the notes\n")} {
					a := got.Attachments[i]
					if a.Size != int64(len(want)) || a.SHA256 != sha256Hex(want) {
						return fmt.Errorf("attachment %d received as %d bytes (%s), want %d bytes", i, a.Size, a.SHA256, len(want))
					}
				}
				if got.Attachments[0].FileName != "screenshot.png" || got.Attachments[1].FileName != "notes.txt" {
					return fmt.Errorf("file names received: %q, %q", got.Attachments[0].FileName, got.Attachments[1].FileName)
				}
				return nil
			},
			ConfigPlanChecks: emptyPlanAfterApply,
		},
		resource.TestStep{
			PreConfig: func() { writeFile(t, notes, edited) },
			Config:    config,
			ConfigPlanChecks: withPlanChecks(
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("files_sha256").AtSliceIndex(1), knownvalue.StringExact(sha256Hex(edited))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("attachments").AtSliceIndex(1).AtMapKey("file_size"), knownvalue.Int64Exact(int64(len(edited)))),
			},
			Check: func(s *terraform.State) error {
				if id := stateID(s, addr); id == firstID {
					return fmt.Errorf("message id %s unchanged; an edited file must send a new message", id)
				}
				return nil
			},
		},
	))
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
