package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
)

// Env returns the settings a LiveDesk client needs to use this instance, as
// KEY=value lines: LIVEDESK_BASE_URL, LIVEDESK_API_KEY, LIVEDESK_API_SECRET
// and LIVEDESK_INBOX_ID (the first configured inbox).
func (i *Instance) Env() string {
	s := i.Server
	return fmt.Sprintf("LIVEDESK_BASE_URL=%s\nLIVEDESK_API_KEY=%s\nLIVEDESK_API_SECRET=%s\nLIVEDESK_INBOX_ID=%d\n",
		i.URL, s.apiKey, s.apiSecret, s.Inboxes()[0].ID)
}

// WriteEnvFile writes Env to path atomically (a temporary file renamed into
// place), so that a script polling for the file never reads half of it.
func (i *Instance) WriteEnvFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // fails harmlessly once renamed
	if _, err := tmp.WriteString(i.Env()); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
