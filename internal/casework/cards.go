package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// kindPinned is the record kind of a trusted (pinned) office card.
const kindPinned = "pinned-office"

// MaxCardBytes bounds an office card file.
const MaxCardBytes = 64 << 10

// Errors of office cards (errors.Is).
var (
	// ErrNotACard: the file is not an Amparo office card.
	ErrNotACard = errors.New("casework: not an Amparo office card")
	// ErrOwnCard: the card is this office's own.
	ErrOwnCard = errors.New("casework: this is this office's own card")
	// ErrFingerprintMismatch: the fingerprint confirmed is not the card's.
	ErrFingerprintMismatch = errors.New("casework: the fingerprint does not match the card")
)

// CardFingerprint is the short fingerprint of a card, read aloud to compare
// it by phone or in person: it covers the office id and both keys.
func CardFingerprint(c domain.OfficeCard) string {
	return vault.Fingerprint([]byte(c.OfficeID), []byte(c.Recipient), c.SigningKey)
}

// OfficeCard returns this office's card, with its fingerprint. Any user
// may show it.
func (ss *Session) OfficeCard() (domain.OfficeCard, string, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return domain.OfficeCard{}, "", err
	}
	o := ss.office
	c := domain.OfficeCard{Format: domain.CardFormat, OfficeID: o.ID, Name: o.Name, Country: o.Country, Lang: o.Lang,
		Recipient: ss.id.Recipient(), SigningKey: ss.id.SigningPublicKey(), Created: o.CreatedAt.UTC()}
	return c, CardFingerprint(c), nil
}

// EncodeCard writes a card file.
func EncodeCard(c domain.OfficeCard) ([]byte, error) {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("casework: write card: %w", err)
	}
	return append(b, '\n'), nil
}

// ParseCard reads a card file and returns the card with its fingerprint;
// ErrNotACard when the file is not a well-formed card.
func ParseCard(b []byte) (domain.OfficeCard, string, error) {
	if len(b) > MaxCardBytes {
		return domain.OfficeCard{}, "", ErrNotACard
	}
	var c domain.OfficeCard
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return domain.OfficeCard{}, "", fmt.Errorf("%w: %v", ErrNotACard, err)
	}
	if problems := c.Problems(); len(problems) > 0 {
		return domain.OfficeCard{}, "", fmt.Errorf("%w: %s", ErrNotACard, strings.Join(problems, ", "))
	}
	return c, CardFingerprint(c), nil
}

// PinOffice trusts another office's card once its fingerprint was compared
// by phone or in person: confirmed must be the card's fingerprint (spaces,
// dashes and case ignored). Pinning the same office again replaces its card
// (a new key after a rebuild) and lifts a revocation. Supervisors do this
// (PermExchange). Audited as exchange.trust.
func (ss *Session) PinOffice(ctx context.Context, card domain.OfficeCard, confirmed string) (domain.PinnedOffice, error) {
	fp := CardFingerprint(card)
	if problems := card.Problems(); len(problems) > 0 {
		return domain.PinnedOffice{}, fmt.Errorf("%w: %s", ErrNotACard, strings.Join(problems, ", "))
	}
	if normFingerprint(confirmed) != normFingerprint(fp) {
		return domain.PinnedOffice{}, ErrFingerprintMismatch
	}
	user, office, err := ss.exchangeUser()
	if err != nil {
		return domain.PinnedOffice{}, err
	}
	if card.OfficeID == office.ID {
		return domain.PinnedOffice{}, ErrOwnCard
	}
	return ss.savePin(ctx, card.OfficeID, "pin office", func(p *domain.PinnedOffice, now time.Time) domain.AuditEntry {
		*p = domain.PinnedOffice{Card: card, Fingerprint: fp, PinnedBy: user.ID, PinnedAt: now}
		return ss.s.entry(domain.AuditTrust, user.ID, card.OfficeID, "fingerprint="+fp)
	})
}

// RevokeOffice stops trusting a pinned office: its files are refused from
// then on. Audited as exchange.trust.revoke.
func (ss *Session) RevokeOffice(ctx context.Context, officeID string) (domain.PinnedOffice, error) {
	user, _, err := ss.exchangeUser()
	if err != nil {
		return domain.PinnedOffice{}, err
	}
	var cur domain.PinnedOffice
	if _, err := ss.openPinned(ctx, officeID, &cur); err != nil {
		return domain.PinnedOffice{}, err
	}
	return ss.savePin(ctx, officeID, "revoke office", func(p *domain.PinnedOffice, now time.Time) domain.AuditEntry {
		*p = cur
		if p.Active() {
			p.RevokedBy, p.RevokedAt = user.ID, now
		}
		return ss.s.entry(domain.AuditTrustRevoke, user.ID, officeID, "")
	})
}

// PinnedOffices lists the pinned offices by name, revoked ones included.
func (ss *Session) PinnedOffices(ctx context.Context) ([]domain.PinnedOffice, error) {
	if _, _, err := ss.exchangeUser(); err != nil {
		return nil, err
	}
	bodies, err := ss.openHeads(ctx, kindPinned)
	if err != nil {
		return nil, err
	}
	var out []domain.PinnedOffice
	for id, b := range bodies {
		var p domain.PinnedOffice
		err := json.Unmarshal(b, &p)
		clear(b)
		if err != nil {
			return nil, errorf("read pinned office "+id, err)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := fold(out[i].Card.Name), fold(out[j].Card.Name); a != b {
			return a < b
		}
		return out[i].Card.OfficeID < out[j].Card.OfficeID
	})
	return out, nil
}

// exchangeUser checks that the session's role exchanges with other offices.
func (ss *Session) exchangeUser() (domain.User, domain.Office, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermExchange); err != nil {
		return domain.User{}, domain.Office{}, err
	}
	return ss.user, ss.office, nil
}

// openPinned opens the pin of an office (its record id is the office id).
func (ss *Session) openPinned(ctx context.Context, officeID string, p *domain.PinnedOffice) (string, error) {
	return ss.openRecordAs(ctx, kindPinned, officeID, p)
}

// savePin writes the pin of an office as its next revision; fill sets it
// and returns the audit entry.
func (ss *Session) savePin(ctx context.Context, officeID, what string,
	fill func(p *domain.PinnedOffice, now time.Time) domain.AuditEntry) (domain.PinnedOffice, error) {
	var saved domain.PinnedOffice
	err := ss.commitAs(ctx, what, func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		head, err := tx.RecordHead(ctx, officeID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, nil, err
		}
		entry := fill(&saved, now)
		d, err := recordDraft(kindPinned, officeID, saved, head)
		if err != nil {
			return nil, nil, err
		}
		return []draft{d}, []domain.AuditEntry{entry}, nil
	}, PermExchange)
	if err != nil {
		return domain.PinnedOffice{}, err
	}
	return saved, nil
}

// normFingerprint drops what people add or change when reading one aloud.
func normFingerprint(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r != ' ' && r != '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
