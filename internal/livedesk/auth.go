package livedesk

import "encoding/base64"

// basicAuth returns the Authorization header value LiveDesk expects:
// "Basic " + base64(api_key:api_secret).
func basicAuth(key, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"+secret))
}
