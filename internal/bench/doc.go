// Package bench measures what the livedesk provider costs on top of the
// LiveDesk API's latency and Terraform's own parallelism, for `make bench`.
//
// For each size of a small matrix (N conversations with M messages each) it
// runs, against one in-process sandbox on loopback with added latency:
//
//   - the provider: terraform apply, a refresh-only plan and terraform
//     destroy of N livedesk_conversation and N*M livedesk_message resources;
//   - floor (a), the API floor: the same creates sent by internal/livedesk
//     directly, with the same concurrency and the same order (a
//     conversation's messages after the conversations);
//   - floor (b), Terraform's floor: the same number of built-in
//     terraform_data resources, in the same dependency shape, with the same
//     -parallelism, and no provider at all.
//
// Every run records its wall time, the CPU time of Terraform and its
// plugins, the API requests and TCP connections the sandbox saw, and the
// provider processes Terraform started, with their CPU time and peak
// resident memory.
// The ratio of the provider's apply time to the sum of the two floors says
// how much the provider adds: 1.0 would be nothing at all.
package bench
