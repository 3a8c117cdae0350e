package livedesk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Int64 is an integer the API may send as a JSON number or as a numeric
// string (its tables say String where its examples send numbers). null
// decodes as 0. It encodes as a JSON number.
type Int64 int64

// UnmarshalJSON accepts 42, "42", 42.0 and null.
func (n *Int64) UnmarshalJSON(data []byte) error {
	text := string(bytes.TrimSpace(data))
	if text == "null" {
		*n = 0
		return nil
	}
	if unquoted, err := strconv.Unquote(text); err == nil {
		text = strings.TrimSpace(unquoted)
		if text == "" {
			*n = 0
			return nil
		}
	}
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		*n = Int64(v)
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return fmt.Errorf("livedesk: %s is not an integer", text)
	}
	*n = Int64(f)
	return nil
}

// Timestamp is a point in time the API sends as unix seconds (an integer or
// a float with a fractional part) or as an ISO-8601 string. null, 0 and ""
// decode as the zero Timestamp.
type Timestamp struct {
	time.Time
}

// UnmarshalJSON accepts 1766572062, 1766572062.5803902,
// "2026-01-21T03:26:49.012Z", numeric strings, 0 and null.
func (t *Timestamp) UnmarshalJSON(data []byte) error {
	text := string(bytes.TrimSpace(data))
	t.Time = time.Time{}
	if text == "null" {
		return nil
	}
	if unquoted, err := strconv.Unquote(text); err == nil {
		text = strings.TrimSpace(unquoted)
		if text == "" {
			return nil
		}
		if parsed, err := time.Parse(time.RFC3339Nano, text); err == nil {
			t.Time = parsed.UTC()
			return nil
		}
	}
	seconds, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return fmt.Errorf("livedesk: %s is not a timestamp", text)
	}
	if seconds == 0 {
		return nil
	}
	whole, frac := math.Modf(seconds)
	t.Time = time.Unix(int64(whole), int64(math.Round(frac*1e6))*int64(time.Microsecond)).UTC()
	return nil
}

// Unix returns the timestamp as whole unix seconds, or 0 when it is unset.
func (t Timestamp) Unix() int64 {
	if t.IsZero() {
		return 0
	}
	return t.Time.Unix()
}

// messageTypeNames maps the API's integer message types to the names its
// request side uses.
var messageTypeNames = map[int64]string{0: "incoming", 1: "outgoing", 2: "activity", 3: "template"}

// MessageType is a message's direction: "incoming", "outgoing", "activity"
// or "template". The API answers with an integer (0 to 3) and accepts the
// names; both decode.
type MessageType string

// UnmarshalJSON accepts the integer codes (as numbers or numeric strings),
// their names and null.
func (m *MessageType) UnmarshalJSON(data []byte) error {
	var code Int64
	if err := code.UnmarshalJSON(data); err == nil {
		switch name, known := messageTypeNames[int64(code)]; {
		case string(bytes.TrimSpace(data)) == "null":
			*m = ""
		case known:
			*m = MessageType(name)
		default:
			*m = MessageType(strconv.FormatInt(int64(code), 10))
		}
		return nil
	}
	var name string
	if err := json.Unmarshal(data, &name); err != nil {
		return fmt.Errorf("livedesk: message_type %s is neither a name nor a code", data)
	}
	*m = MessageType(name)
	return nil
}
