package livedesk

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// maxErrorBody bounds how much of an error response is kept and shown.
const maxErrorBody = 4096

// APIError is returned for every response with a non-2xx status code.
type APIError struct {
	// StatusCode is the HTTP status code of the response.
	StatusCode int
	// Method is the HTTP method of the request.
	Method string
	// Path is the request path, without the base URL.
	Path string
	// Message is the API's own explanation, taken from the "error" or
	// "message" field of the body, or the body itself when it has neither.
	Message string
	// Body is the raw response body, truncated to a few kilobytes.
	Body []byte
	// RetryAfter is the delay the server asked for with Retry-After, if any.
	RetryAfter time.Duration
	// Create reports that the request created something, so it was not
	// repeated once it may have reached the server.
	Create bool
}

// Error names the status, the request and the API's message.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("LiveDesk API %s %s answered %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// TransportError is returned when no HTTP response was received: the
// connection could not be made, was dropped, or the request timed out.
type TransportError struct {
	// Method is the HTTP method of the request.
	Method string
	// URL is the full request URL (it never carries credentials).
	URL string
	// Sent reports whether the request was completely written to the
	// server before the failure, so that the server may have acted on it.
	Sent bool
	// Timeout is the per-request timeout that expired, or zero when the
	// failure was not a timeout.
	Timeout time.Duration
	// Create reports that the request created something.
	Create bool
	// Err is the underlying error.
	Err error
}

// Error describes what failed and whether the request reached the server.
func (e *TransportError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("LiveDesk API %s %s: no response within %s", e.Method, e.URL, e.Timeout)
	}
	return fmt.Sprintf("LiveDesk API %s %s: %v", e.Method, e.URL, e.Err)
}

// Unwrap returns the underlying error.
func (e *TransportError) Unwrap() error { return e.Err }

// AnswerError is returned when a 2xx answer cannot be used: it does not
// decode, or a create's answer carries no id. After a create the object may
// exist all the same.
type AnswerError struct {
	Method string
	Path   string
	// Create reports that the request created something.
	Create bool
	// Err says what is wrong with the answer.
	Err error
}

// Error names the request and what is wrong with its answer.
func (e *AnswerError) Error() string {
	return fmt.Sprintf("LiveDesk API %s %s answered with success but %v", e.Method, e.Path, e.Err)
}

// Unwrap returns what is wrong with the answer.
func (e *AnswerError) Unwrap() error { return e.Err }

// AttachmentError is returned when a file to attach could not be opened
// or read while the request was written. The request was then cut off
// before it was complete, so the server cannot have acted on it; it is not
// retried.
type AttachmentError struct {
	// Name is the file's name as sent.
	Name string
	// Err is what went wrong, as File.Open or its reader said.
	Err error
}

// Error names the file and what went wrong.
func (e *AttachmentError) Error() string {
	return fmt.Sprintf("attachment %s: %v; the request was stopped before it was complete, so nothing was sent", e.Name, e.Err)
}

// Unwrap returns what went wrong.
func (e *AttachmentError) Unwrap() error { return e.Err }

// IsNotFound reports whether err is an API answer of 404 Not Found.
func IsNotFound(err error) bool { return HasStatus(err, http.StatusNotFound) }

// IsUnauthorized reports whether err is an API answer of 401 Unauthorized.
func IsUnauthorized(err error) bool { return HasStatus(err, http.StatusUnauthorized) }

// IsTimeout reports whether err is a request that got no answer within the
// configured timeout.
func IsTimeout(err error) bool {
	var te *TransportError
	return errors.As(err, &te) && te.Timeout > 0
}

// MayHaveCommitted reports whether a failed create may nevertheless have
// created its object: the request was sent and then the answer was a server
// error, never came, or could not be used. A create is never repeated in
// that case, so the caller must say so.
func MayHaveCommitted(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Create && te.Sent
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Create && ae.StatusCode >= 500
	}
	var answer *AnswerError
	return errors.As(err, &answer) && answer.Create
}

// HasStatus reports whether err is an API answer with the given status code.
func HasStatus(err error, code int) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode == code
}

// newAPIError builds the error for a non-2xx response from its body.
func newAPIError(method, path string, status int, body []byte, retryAfter time.Duration, create bool) *APIError {
	if len(body) > maxErrorBody {
		body = body[:maxErrorBody]
	}
	return &APIError{
		StatusCode: status,
		Method:     method,
		Path:       path,
		Message:    errorMessage(body),
		Body:       body,
		RetryAfter: retryAfter,
		Create:     create,
	}
}

// errorMessage extracts the API's message from the bodies LiveDesk (and the
// Chatwoot code beneath it) is known to send: {"error": "..."},
// {"message": "...", "attributes": [...]}, {"errors": [...]} or plain text.
func errorMessage(body []byte) string {
	var parsed struct {
		Error      json.RawMessage `json:"error"`
		Message    json.RawMessage `json:"message"`
		Attributes []string        `json:"attributes"`
		Errors     []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &parsed); err != nil {
		return strings.TrimSpace(string(body))
	}
	for _, raw := range []json.RawMessage{parsed.Error, parsed.Message} {
		if text := rawText(raw); text != "" {
			if len(parsed.Attributes) > 0 {
				text += " (" + strings.Join(parsed.Attributes, ", ") + ")"
			}
			return text
		}
	}
	parts := make([]string, 0, len(parsed.Errors))
	for _, e := range parsed.Errors {
		if part := strings.TrimSpace(e.Field + " " + e.Message); part != "" {
			parts = append(parts, part)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, "; ")
	}
	return strings.TrimSpace(string(body))
}

// rawText renders a JSON value as text: a string as itself, anything else
// (an object or array some gateways put in "error") as compact JSON.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return string(raw)
}

// missingID is the error for a create answered with success but no id.
func missingID(path string) *AnswerError {
	return &AnswerError{Method: http.MethodPost, Path: path, Create: true, Err: errors.New("without the new object's id")}
}
