// Package sandbox is an in-memory server that speaks the documented LiveDesk
// REST contract (contacts, conversations, status changes, messages with
// attachments and tickets), for tests, demos and benchmarks.
//
// It is an independent reading of the API reference: it must not import the
// project's client, so that a misreading shared by both cannot hide. Response
// bodies are shaped like the vendor's published examples field for field.
//
// Besides the API, the server offers fault injection (latency, rate limiting,
// failures before and after a commit, dropped connections) and an inspection
// area under /_sandbox/ that is clearly not part of LiveDesk.
//
// Where LiveDesk's pages are silent, the sandbox follows the Chatwoot code
// LiveDesk runs underneath; FIDELITY.md lists, rule by rule, what each
// source says and what the sandbox does.
package sandbox
