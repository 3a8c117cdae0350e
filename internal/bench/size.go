package bench

import (
	"fmt"
	"strconv"
	"strings"
)

// Size is one point of the benchmark matrix: Conversations conversations
// with MessagesPer messages each.
type Size struct {
	Conversations int `json:"conversations"`
	MessagesPer   int `json:"messages_per_conversation"`
}

// String is the size as written on the command line, e.g. "20x4".
func (s Size) String() string {
	return fmt.Sprintf("%dx%d", s.Conversations, s.MessagesPer)
}

// Messages is the number of messages of the size.
func (s Size) Messages() int { return s.Conversations * s.MessagesPer }

// Creates is the number of API creates of the size, conversations and
// messages: the apply's requests in either layout.
func (s Size) Creates() int { return s.Conversations + s.Messages() }

// ParseSizes parses a comma-separated list such as "20x4,100x4": positive
// conversation counts, message counts of zero or more.
func ParseSizes(text string) ([]Size, error) {
	var sizes []Size
	for field := range strings.SplitSeq(text, ",") {
		field = strings.TrimSpace(field)
		convText, msgText, ok := strings.Cut(field, "x")
		conversations, convErr := strconv.Atoi(convText)
		messages, msgErr := strconv.Atoi(msgText)
		if !ok || convErr != nil || msgErr != nil || conversations < 1 || messages < 0 {
			return nil, fmt.Errorf("size %q is not CONVERSATIONSxMESSAGES, such as 20x4", field)
		}
		sizes = append(sizes, Size{Conversations: conversations, MessagesPer: messages})
	}
	return sizes, nil
}
