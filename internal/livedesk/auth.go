package livedesk

import (
	"encoding/base64"
	"strings"
)

// Secrets are the strings that no log line or error may show: the API
// secret and the Authorization value built from it.
func Secrets(key, secret string) []string {
	return []string{strings.TrimPrefix(basicAuth(key, secret), "Basic "), secret}
}

// basicAuth returns the Authorization header value LiveDesk expects:
// "Basic " + base64(api_key:api_secret).
func basicAuth(key, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"+secret))
}
