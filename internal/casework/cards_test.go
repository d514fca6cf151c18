package casework

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestOfficeCardsAndTrust(t *testing.T) {
	ctx := context.Background()
	here := newCaseDesk(t)
	there := newCaseDesk(t)
	card, fp, err := there.sam.OfficeCard()
	if err != nil || card.Format != domain.CardFormat || len(fp) != 19 {
		t.Fatalf("OfficeCard = %+v %q %v", card, fp, err)
	}
	b, err := EncodeCard(card)
	if err != nil {
		t.Fatal(err)
	}
	parsed, fp2, err := ParseCard(b)
	if err != nil || fp2 != fp || parsed.OfficeID != card.OfficeID {
		t.Fatalf("ParseCard = %v %q", err, fp2)
	}
	// Any change to a key changes the fingerprint; a broken card is refused.
	changed := parsed
	changed.SigningKey = append([]byte(nil), parsed.SigningKey...)
	changed.SigningKey[0] ^= 1
	if CardFingerprint(changed) == fp {
		t.Error("a different key has the same fingerprint")
	}
	for _, bad := range []string{"", "{}", `{"format":"amparo-office-card/1"}`, strings.Replace(string(b), `"name"`, `"nom"`, 1)} {
		if _, _, err := ParseCard([]byte(bad)); !errors.Is(err, ErrNotACard) {
			t.Errorf("ParseCard(%.30q) = %v", bad, err)
		}
	}
	_, err = here.sam.PinOffice(ctx, parsed, "0000-0000-0000-0000")
	wantErr(t, "a wrong fingerprint", err, ErrFingerprintMismatch)
	_, err = here.kofi.PinOffice(ctx, parsed, fp)
	wantErr(t, "a case worker pins", err, ErrForbidden)
	own, ownFP, _ := here.sam.OfficeCard()
	_, err = here.sam.PinOffice(ctx, own, ownFP)
	wantErr(t, "the own card", err, ErrOwnCard)
	pin, err := here.sam.PinOffice(ctx, parsed, strings.ToLower(fp))
	if err != nil || !pin.Active() || pin.Fingerprint != fp {
		t.Fatalf("PinOffice = %+v %v", pin, err)
	}
	if a := here.lastAudit(1)[0]; a.Action != domain.AuditTrust || a.RecordID != card.OfficeID {
		t.Errorf("audit %+v", a)
	}
	if _, err := here.sam.RevokeOffice(ctx, card.OfficeID); err != nil {
		t.Fatal(err)
	}
	pins, err := here.sam.PinnedOffices(ctx)
	if err != nil || len(pins) != 1 || pins[0].Active() {
		t.Fatalf("pins after revoke %+v %v", pins, err)
	}
	// Pinning again lifts the revocation.
	if pin, err := here.sam.PinOffice(ctx, parsed, fp); err != nil || !pin.Active() {
		t.Fatalf("pin again %+v %v", pin, err)
	}
	if len(here.revisions(card.OfficeID)) != 3 {
		t.Errorf("revisions of the pin: %d", len(here.revisions(card.OfficeID)))
	}
}
