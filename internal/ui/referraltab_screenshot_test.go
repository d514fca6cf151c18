package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
)

// TestReferralTabScreenshots renders the Referrals tab of a boy's case
// file in each language: empty, the list (a draft consent does not allow
// yet, an overdue referral, one with its history open), the form with its
// preview (an item left out, the warning that consent is missing), a
// refused sending, and the list in a 1024 px window:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run ReferralTabScreenshots ./internal/ui/
func TestReferralTabScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range []string{"en", "fr", "pt"} {
		t.Run(code, func(t *testing.T) {
			d := newReferralDesk(t, code)
			size := fyne.NewSize(1280, 720)
			d.w.Resize(size)
			ctx := context.Background()
			shot := func(name string) {
				t.Helper()
				img := d.w.Canvas().Capture()
				if img.Bounds().Dx() != int(d.w.Canvas().Size().Width) {
					t.Errorf("%s: capture is %v, the window grew", name, img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-referrals-"+name+".png"), img)
			}
			c := d.addCase(t, aBoy())
			cf, _ := openReferralTab(t, d, c.ID)
			shot("1-empty")

			// Three referrals: one given, one overdue, one draft.
			done, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: d.clinic.ID, Services: []string{"health"},
				Priority: domain.ReferralEmergency, Reason: "Injured hand.", GuardianInformed: "yes"})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range []domain.ConsentGiver{domain.GivenByPerson, domain.GivenByGuardian} {
				d.consentOf(t, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentReferral, PartnerID: d.clinic.ID, Services: []string{"health"}, GivenBy: g})
				d.consentOf(t, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentSharing, PartnerID: d.clinic.ID, Shares: []string{"name", "health"}, GivenBy: g})
			}
			today := time.Now().Format(time.DateOnly)
			for _, to := range []domain.ReferralState{domain.ReferralSent, domain.ReferralAccepted, domain.ReferralServiceGiven} {
				note := ""
				if to == domain.ReferralServiceGiven {
					note = "Seen by Dr Ndiaye; stitches removed."
				}
				if _, err := d.sess.MoveReferral(ctx, done.ID, to, today, "hand", note); err != nil {
					t.Fatal(err)
				}
			}
			late, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: d.clinic.ID, Services: []string{"health"},
				Priority: domain.ReferralNormal, Reason: "Check-up.", GuardianInformed: "yes"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.sess.MoveReferral(ctx, late.ID, domain.ReferralSent, time.Now().AddDate(0, 0, -20).Format(time.DateOnly), "email", ""); err != nil {
				t.Fatal(err)
			}
			draft, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: d.espoir.ID, Services: []string{"shelter", "family-tracing"},
				Priority: domain.ReferralUrgent, Reason: "Needs a safe place while his family is traced.", Shares: []string{"name", "languages"},
				GuardianInformed: "no", GuardianNotInformed: "The uncle who brought him is suspected."})
			if err != nil {
				t.Fatal(err)
			}
			cf.reload(d.current(t, c.ID))
			p := referralTabOf(t, cf)
			shot("2-list")
			p.cards[done.ID].history.Open(0)
			scrollTo(p.scroll, p.cards[done.ID].box)
			shot("3-history")

			// Sending the draft: refused for want of consent.
			m := refMoveButton(t, p, draft.ID, domain.ReferralSent)
			shot("4-send")
			m.how.SetSelected(referralHowName("hand"))
			test.Tap(m.submit)
			shot("5-send-refused")
			m.d.Hide()

			// The draft in the form: the warning and the name left out.
			test.Tap(p.cards[draft.ID].edit)
			shot("6-form")
			p.form.scroll.ScrollToBottom()
			p.form.previewScroll.ScrollToBottom()
			shot("7-form-end")
			test.Tap(p.form.cancel)

			// A new referral with nothing chosen yet.
			test.Tap(p.newButton)
			shot("8-new")
			test.Tap(p.form.save)
			shot("9-new-errors")
			test.Tap(p.form.cancel)

			d.w.Resize(fyne.NewSize(1024, 640))
			shot("10-list-1024")
			test.Tap(p.cards[draft.ID].edit)
			shot("11-form-1024")
			d.w.Resize(MinWindowSize)
			shot("12-form-small")
			test.Tap(p.form.cancel)
			shot("13-list-small")
		})
	}
}
