// Package bench measures what the livedesk provider costs on top of the
// LiveDesk API's latency and Terraform's own parallelism, for `make bench`.
//
// For each size of a small matrix (N conversations with M messages each) it
// measures two layouts of the same messages: separate resources (N
// livedesk_conversation and N*M livedesk_message resources) and transcripts
// (N livedesk_conversation resources, each with its M messages in its
// messages attribute); some sizes, such as one long conversation, are
// measured as transcripts only. For each size and layout it runs, against
// one in-process sandbox on loopback with added latency:
//
//   - the provider: terraform apply, then a plan and a refresh-only plan
//     that must both find no change, and terraform destroy;
//   - floor (a), the API floor: the same creates sent by internal/livedesk
//     directly, with the same concurrency and in the order the layout
//     allows. Separate resources: every conversation, then every message.
//     Transcripts (the ordered API floor): per conversation its create and
//     then its messages one after the other, conversations in parallel;
//   - floor (b), Terraform's floor: as many built-in terraform_data
//     resources as the layout has, in the same dependency shape, with the
//     same -parallelism, and no provider at all, through the same four
//     commands.
//
// Every run records its wall time, the CPU time of Terraform and its
// plugins, the API requests and TCP connections the sandbox saw, and the
// provider processes Terraform started, with their CPU time and peak
// resident memory.
// The ratio of the provider's apply time to the sum of the two floors says
// how much the provider adds: 1.0 would be nothing at all.
package bench
