package livedesk

import (
	"encoding/base64"
	"strings"
)

// Secrets are the strings that no log line or error may show: the API
// secret, the Authorization value built from it, and the API key. A key
// shorter than minMaskedKey is left out: masking it would also hide the
// ordinary words it happens to spell, and a real key is much longer.
func Secrets(key, secret string) []string {
	secrets := []string{strings.TrimPrefix(basicAuth(key, secret), "Basic "), secret}
	if len(key) >= minMaskedKey {
		secrets = append(secrets, key)
	}
	return secrets
}

// minMaskedKey is the shortest API key Secrets masks.
const minMaskedKey = 8

// basicAuth returns the Authorization header value LiveDesk expects:
// "Basic " + base64(api_key:api_secret).
func basicAuth(key, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"+secret))
}
