package domain

import (
	"strings"
	"time"
)

// CardFormat names the format of an office card file.
const CardFormat = "amparo-office-card/1"

// OfficeCard is an office's public card: what another office needs to send
// it export files (the age recipient) and to check the files it signs (the
// Ed25519 key). It identifies the office, never a person, and may travel
// in the clear (e-mail, USB stick, paper).
type OfficeCard struct {
	Format     string    `json:"format"`
	OfficeID   string    `json:"officeId"`
	Name       string    `json:"name"`
	Country    string    `json:"country"`
	Lang       string    `json:"lang,omitempty"`
	Recipient  string    `json:"recipient"`  // age X25519 recipient, age1...
	SigningKey []byte    `json:"signingKey"` // Ed25519 public key
	Created    time.Time `json:"created"`
}

// Problems lists what is wrong with a card read from a file.
func (c OfficeCard) Problems() []string {
	var out []string
	if c.Format != CardFormat {
		out = append(out, "format")
	}
	if strings.TrimSpace(c.OfficeID) == "" {
		out = append(out, "officeId")
	}
	if strings.TrimSpace(c.Name) == "" {
		out = append(out, "name")
	}
	if !strings.HasPrefix(c.Recipient, "age1") {
		out = append(out, "recipient")
	}
	if len(c.SigningKey) != 32 {
		out = append(out, "signingKey")
	}
	return out
}

// PinnedOffice is another office's card this office trusts, after its
// fingerprint was compared by phone or in person (its own record, kind
// "pinned-office"; never sent to other offices).
type PinnedOffice struct {
	Card        OfficeCard `json:"card"`
	Fingerprint string     `json:"fingerprint"`
	PinnedBy    string     `json:"pinnedBy"` // user id
	PinnedAt    time.Time  `json:"pinnedAt"`
	RevokedBy   string     `json:"revokedBy,omitempty"`
	RevokedAt   time.Time  `json:"revokedAt,omitzero"`
}

// Active reports whether the pin is in force.
func (p PinnedOffice) Active() bool { return p.RevokedAt.IsZero() }
