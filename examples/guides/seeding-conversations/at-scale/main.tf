# Every conversation of the cohort comes from one data file: a key per
# conversation, its contact and its messages.
resource "livedesk_conversations" "cohort" {
  inbox_id      = "1"
  conversations = yamldecode(file("${path.module}/conversations.yaml"))
}
