// Package livedesk is a typed client for the EngageLab LiveDesk REST API
// (https://livedesk-api.engagelab.com/api/v2/accounts/...).
//
// It is independent of Terraform: methods take a context first and return
// typed values and an error. Every non-2xx answer is an *APIError; failures
// that happen before an answer arrives are *TransportError. Requests are
// retried by a policy that never repeats a create the server may already
// have processed, because the API has no idempotency key.
package livedesk
