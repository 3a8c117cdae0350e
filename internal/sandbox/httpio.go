package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// maxJSONBody bounds the size of a JSON request body.
const maxJSONBody = 1 << 20

// apiError is a refused request: its HTTP status and LiveDesk-style message.
type apiError struct {
	status  int
	message string
	// attributes, when non-nil, makes this a model validation error, rendered
	// as {"message": ..., "attributes": [...]} instead of {"error": ...}.
	attributes []string
	// code, when non-zero, renders the error in the ticket endpoints'
	// {"code", "message", "data"} envelope.
	code int
}

// Error returns the message the API would send.
func (e *apiError) Error() string { return e.message }

// body returns the JSON body LiveDesk sends for this error.
func (e *apiError) body() any {
	if e.code != 0 {
		return envelope{Code: e.code, Message: e.message}
	}
	if e.attributes != nil {
		return validationBody{Message: e.message, Attributes: e.attributes}
	}
	return errorBody{Error: e.message}
}

// asError returns e as an error, nil (not a nil *apiError) when e is nil.
func asError(e *apiError) error {
	if e == nil {
		return nil
	}
	return e
}

// errorBody is the {"error": "..."} body of most failures.
type errorBody struct {
	Error string `json:"error"`
}

// validationBody is the body of a model validation failure.
type validationBody struct {
	Message    string   `json:"message"`
	Attributes []string `json:"attributes"`
}

// notFound is the answer for an unknown object.
func notFound() *apiError {
	return &apiError{status: http.StatusNotFound, message: "Resource could not be found"}
}

// unprocessable is a 422 with an {"error": ...} body.
func unprocessable(format string, args ...any) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, message: fmt.Sprintf(format, args...)}
}

// result is a complete answer, ready to be written.
type result struct {
	status int
	header http.Header
	// body is JSON-encoded, unless it is an http.Handler, which then writes
	// the response itself (files, plain text).
	body any
}

// errorResult turns an apiError into a result, with the body shape
// apiError.body picks.
func errorResult(e *apiError) result {
	return result{status: e.status, body: e.body()}
}

// write sends the result: a body that is an http.Handler (a file, plain
// text) writes itself, status included; anything else is JSON, with
// <, > and & written as they are.
func (res result) write(w http.ResponseWriter, r *http.Request) {
	for k, v := range res.header {
		w.Header()[k] = v
	}
	if h, ok := res.body.(http.Handler); ok {
		h.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(res.status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(res.body) // a failed write means the client has gone
}

// textBody is a plain-text response body.
type textBody string

// ServeHTTP writes the text, which browsers must not sniff as HTML.
func (t textBody) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = io.WriteString(w, string(t)) //nolint:gosec // G705: plain text with nosniff, never rendered as HTML.
}

// decodeJSON reads a JSON request body into v. An empty body is an empty
// object, so that missing fields are reported as such.
func decodeJSON(r *http.Request, v any) *apiError {
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxJSONBody))
	if err != nil {
		return unprocessable("Request body could not be read")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	return jsonError(json.Unmarshal(data, v))
}

// jsonError turns a JSON decoding error into a 422, without echoing the body.
func jsonError(err error) *apiError {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return unprocessable("Malformed JSON body")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return unprocessable("Invalid value for %s: a JSON %s is not allowed here", typeErr.Field, typeErr.Value)
	case errors.As(err, &typeErr):
		return unprocessable("Invalid JSON body: expected an object")
	default:
		return unprocessable("Invalid JSON body: %v", err)
	}
}

// parseID parses a positive decimal ID, as found in paths, form fields and JSON.
func parseID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// pathID returns the {id} path segment, or 404 when it cannot name an object.
func pathID(r *http.Request) (int64, *apiError) {
	id, ok := parseID(r.PathValue("id"))
	if !ok {
		return 0, notFound()
	}
	return id, nil
}

// flexibleID is an ID field that may arrive as a JSON number or as a numeric
// string (the API's tables say String, its examples send numbers).
type flexibleID struct {
	raw string
	set bool
}

// UnmarshalJSON records the raw value; validation happens in value, which
// knows the field's name.
func (f *flexibleID) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = flexibleID{}
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexibleID{raw: s, set: true}
	default:
		*f = flexibleID{raw: string(b), set: true}
	}
	return nil
}

// value returns the ID, 0 when the field was absent or null, or a 422 naming
// the field when it is not a positive integer.
func (f flexibleID) value(field string) (int64, *apiError) {
	if !f.set {
		return 0, nil
	}
	id, ok := parseID(f.raw)
	if !ok {
		return 0, unprocessable("%s must be a positive integer", field)
	}
	return id, nil
}

// optionalString is a string field whose presence matters (PATCH): null or
// "" clear the value, absence leaves it alone.
type optionalString struct {
	value string
	set   bool
}

// UnmarshalJSON marks the field present.
func (o *optionalString) UnmarshalJSON(b []byte) error {
	*o = optionalString{set: true}
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &o.value)
}

// presentString is an optionalString that is set to s.
func presentString(s string) optionalString {
	return optionalString{value: s, set: true}
}
