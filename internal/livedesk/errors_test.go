package livedesk

import (
	"context"
	"errors"
	"net/http"
	"testing"
)

func TestAPIErrorNamesStatusRequestAndMessage(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status int
		body   string
		want   string
	}{
		{404, `{"error":"Resource could not be found"}`, "LiveDesk API POST /api/v2/accounts/conversations answered 404 Not Found: Resource could not be found"},
		{422, `{"message":"Email has already been taken","attributes":["email"]}`, "LiveDesk API POST /api/v2/accounts/conversations answered 422 Unprocessable Entity: Email has already been taken (email)"},
		{401, `{"error":"Invalid API key or secret"}`, "LiveDesk API POST /api/v2/accounts/conversations answered 401 Unauthorized: Invalid API key or secret"},
		{400, `{"description":"bad","errors":[{"field":"inbox_id","message":"is required","code":"x"}]}`, "LiveDesk API POST /api/v2/accounts/conversations answered 400 Bad Request: inbox_id is required"},
		{502, `<html>Bad gateway</html>`, "LiveDesk API POST /api/v2/accounts/conversations answered 502 Bad Gateway: <html>Bad gateway</html>"},
		{403, ``, "LiveDesk API POST /api/v2/accounts/conversations answered 403 Forbidden"},
		{422, `{"error":{"code":7}}`, `LiveDesk API POST /api/v2/accounts/conversations answered 422 Unprocessable Entity: {"code":7}`},
		{422, `{"errors":[{}]}`, `LiveDesk API POST /api/v2/accounts/conversations answered 422 Unprocessable Entity: {"errors":[{}]}`},
		{422, `{"errors":[{},{"field":"email"}]}`, `LiveDesk API POST /api/v2/accounts/conversations answered 422 Unprocessable Entity: email`},
	}
	for _, tc := range cases {
		c, _, _ := newTestClient(t, Config{}, respond(tc.status, tc.body))
		_, err := c.Conversations.Create(context.Background(), CreateConversationRequest{InboxID: 1, ContactID: 2})
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%d: %v is not an *APIError", tc.status, err)
		}
		if err.Error() != tc.want {
			t.Errorf("%d: error = %q\nwant %q", tc.status, err.Error(), tc.want)
		}
		if apiErr.StatusCode != tc.status || string(apiErr.Body) != tc.body {
			t.Errorf("%d: fields %+v", tc.status, apiErr)
		}
		if IsNotFound(err) != (tc.status == http.StatusNotFound) || IsUnauthorized(err) != (tc.status == http.StatusUnauthorized) {
			t.Errorf("%d: IsNotFound/IsUnauthorized disagree", tc.status)
		}
	}
}

func TestNewRequiresCredentials(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{{APIKey: "k"}, {APISecret: "s"}, {}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	if _, err := New(Config{APIKey: "k", APISecret: "s", BaseURL: "not a url"}); err == nil {
		t.Error("bad base URL accepted")
	}
}
