package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// exchangeOn shows the Exchange section and returns its panel.
func exchangeOn(t *testing.T, d *realDesk) *exchangePanel {
	t.Helper()
	d.shell.showExchangeTab(exchangeTabOffices)
	p := caseListFind[*exchangePanel](d.content())
	if p == nil {
		t.Fatalf("no Exchange view on screen; it shows %q", texts(d.content()))
	}
	return p
}

// anotherOffice sets up a second real office and returns its card, its
// fingerprint and its card file.
func anotherOffice(t *testing.T) (domain.OfficeCard, string, []byte) {
	t.Helper()
	_, _, svc := e2eOffice(t)
	ss, err := svc.Login(context.Background(), "rui", []byte(e2eSuperPW))
	if err != nil {
		t.Fatal(err)
	}
	card, fp, err := ss.OfficeCard()
	if err != nil {
		t.Fatal(err)
	}
	b, err := casework.EncodeCard(card)
	if err != nil {
		t.Fatal(err)
	}
	return card, fp, b
}

// fitsWindow fails when the window needs more than 1024 px across.
func fitsWindow(t *testing.T, d *realDesk, where string) {
	t.Helper()
	if w := d.w.Content().MinSize().Width; w > 1024 {
		t.Errorf("%s: the window needs %.0f px", where, w)
	}
}

func shows(d *realDesk, s string) bool { return slices.Contains(texts(d.content()), s) }

// TestExchangeShowsOfficeCard: the supervisor sees this office's card, its
// fingerprint grouped as given, how others compare it, Save my card and
// the trust controls.
func TestExchangeShowsOfficeCard(t *testing.T) {
	d := newRealDesk(t, "en")
	p := exchangeOn(t, d)
	card, fp, err := d.sess.OfficeCard()
	if err != nil {
		t.Fatal(err)
	}
	if len(fp) != 19 || strings.Count(fp, "-") != 3 {
		t.Fatalf("fingerprint %q is not XXXX-XXXX-XXXX-XXXX", fp)
	}
	for _, want := range []string{card.Name, "Portugal", fp, lang.L("exchange.card.compare"), "Save my card…",
		"Trust another office’s card…", lang.L("exchange.trusted.none")} {
		if !shows(d, want) {
			t.Errorf("%q not shown; the view shows %q", want, texts(d.content()))
		}
	}
	if p.save == nil || p.open == nil {
		t.Fatal("no Save or Trust button")
	}
	if got := cardFileName(card.Name); got != "Centro de Acolhimento Lisboa.amparo-card" {
		t.Errorf("card file name %q", got)
	}
	if got := cardFileName(" A/B: C? "); got != "A-B- C-.amparo-card" {
		t.Errorf("card file name %q", got)
	}
	fitsWindow(t, d, "card")
}

// TestExchangeTrustFlow: junk and the office's own card are refused in
// plain words; a wrong fingerprint is refused with the typed text kept;
// the right one, typed in lower case with spaces, pins the office, which
// the list then shows; revoking it (after a confirmation) marks it
// revoked, with no button left.
func TestExchangeTrustFlow(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	p := exchangeOn(t, d)

	p.readCard([]byte("not a card at all"))
	if !shows(d, lang.L("exchange.trust.notACard")) || p.check.Visible() {
		t.Errorf("junk: the view shows %q", texts(d.content()))
	}
	own, _, _ := d.sess.OfficeCard()
	ownBytes, _ := casework.EncodeCard(own)
	p.readCard(ownBytes)
	if !shows(d, lang.L("exchange.trust.ownCard")) || p.check.Visible() {
		t.Errorf("own card: the view shows %q", texts(d.content()))
	}

	card, fp, b := anotherOffice(t)
	p.readCard(b)
	if !p.check.Visible() || p.typed == nil {
		t.Fatalf("the card is not shown to check: %q", texts(d.content()))
	}
	if p.trustMsg.Visible() {
		t.Errorf("the earlier message stays: %q", p.trustMsg.Text)
	}
	for _, want := range []string{card.OfficeID, fp, "Check the card of " + card.Name, "1. Call the other office (or meet).",
		"3. Type what they read:", "Trust this office"} {
		if !shows(d, want) {
			t.Errorf("%q not shown; the view shows %q", want, texts(d.content()))
		}
	}
	fitsWindow(t, d, "check")

	test.Tap(p.trust)
	if p.checkMsg.Text != lang.L("exchange.trust.typeIt") {
		t.Errorf("nothing typed: message %q", p.checkMsg.Text)
	}
	wrong := "ABCD-EFGH-JKMN-PQRS"
	if wrong == fp {
		wrong = "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
	}
	test.Type(p.typed, wrong)
	test.Tap(p.trust)
	if p.checkMsg.Text != lang.L("exchange.trust.mismatch") || p.checkMsg.Importance != widget.DangerImportance {
		t.Errorf("wrong fingerprint: message %q", p.checkMsg.Text)
	}
	if !strings.Contains(p.checkMsg.Text, "Do not trust this card") {
		t.Errorf("the mismatch does not say not to trust: %q", p.checkMsg.Text)
	}
	if p.typed.Text != wrong || !p.check.Visible() {
		t.Errorf("typed text %q not kept", p.typed.Text)
	}
	if pins, err := d.sess.PinnedOffices(ctx); err != nil || len(pins) != 0 {
		t.Fatalf("pinned after a mismatch: %v %v", pins, err)
	}
	fitsWindow(t, d, "mismatch")

	p.typed.SetText("")
	test.Type(p.typed, strings.ToLower(strings.ReplaceAll(fp, "-", " ")))
	test.Tap(p.trust)
	pins, err := d.sess.PinnedOffices(ctx)
	if err != nil || len(pins) != 1 || pins[0].Card.OfficeID != card.OfficeID || !pins[0].Active() {
		t.Fatalf("not pinned: %v %v (message %q)", pins, err, p.checkMsg.Text)
	}
	if p.check.Visible() {
		t.Error("the check stays open after trusting")
	}
	if p.trustMsg.Text != card.Name+" is now trusted." {
		t.Errorf("message %q", p.trustMsg.Text)
	}
	for _, want := range []string{card.Name, "Portugal", fp, "Trusted", "since " + caseListDate(pins[0].PinnedAt), "Revoke…"} {
		if !shows(d, want) {
			t.Errorf("%q not listed; the view shows %q", want, texts(d.content()))
		}
	}
	fitsWindow(t, d, "pinned")

	// The list is there after coming back to the section too.
	p = exchangeOn(t, d)
	if len(p.pins) != 1 || !shows(d, fp) {
		t.Fatalf("list after coming back: %q", texts(d.content()))
	}

	test.Tap(findButton(d.content(), "Revoke…"))
	top := d.w.Canvas().Overlays().Top()
	if top == nil || p.revokeDlg == nil {
		t.Fatal("no confirmation before revoking")
	}
	if !slices.Contains(texts(top), "Files from "+card.Name+" will be refused from then on. To trust this office again, open its card again and compare the fingerprint.") {
		t.Errorf("the confirmation says %q", texts(top))
	}
	test.Tap(findButton(top, "Revoke"))
	pins, err = d.sess.PinnedOffices(ctx)
	if err != nil || len(pins) != 1 || pins[0].Active() {
		t.Fatalf("not revoked: %v %v", pins, err)
	}
	if !shows(d, "Revoked") || findButton(d.content(), "Revoke…") != nil {
		t.Errorf("revoked office: the view shows %q", texts(d.content()))
	}
	if p.trustMsg.Text != card.Name+" is no longer trusted. Its files will be refused." {
		t.Errorf("message %q", p.trustMsg.Text)
	}
	fitsWindow(t, d, "revoked")

	// Trusting the card again lifts the revocation.
	p.readCard(b)
	test.Type(p.typed, fp)
	test.Tap(p.trust)
	if pins, err = d.sess.PinnedOffices(ctx); err != nil || len(pins) != 1 || !pins[0].Active() {
		t.Fatalf("not trusted again: %v %v", pins, err)
	}
}

// TestExchangeOthersSeeNoTrustControls: a case worker and the
// administrator see the card, and a line saying a supervisor trusts other
// offices, with no trust controls and no list.
func TestExchangeOthersSeeNoTrustControls(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	admin, err := d.svc.Login(ctx, "ana", []byte(e2eAdminPW))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.AddUser(ctx, casework.NewUser{Username: "ines", Name: "Inês Lopes",
		Role: domain.RoleCaseworker, Password: []byte(e2eSuperPW)}); err != nil {
		t.Fatal(err)
	}
	if err := admin.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	worker, err := d.svc.Login(ctx, "ines", []byte(e2eSuperPW))
	if err != nil {
		t.Fatal(err)
	}
	_, fp, _ := worker.OfficeCard()

	check := func(who string) {
		t.Helper()
		p := exchangeOn(t, d)
		if p.supervisor || p.open != nil {
			t.Errorf("%s: trust controls built", who)
		}
		if !shows(d, fp) || findButton(d.content(), "Save my card…") == nil {
			t.Errorf("%s: no card; the view shows %q", who, texts(d.content()))
		}
		if !shows(d, lang.L("exchange.trusted.supervisorOnly")) {
			t.Errorf("%s: no word on who trusts; the view shows %q", who, texts(d.content()))
		}
		for _, not := range []string{"Trust another office’s card…", lang.L("exchange.trusted.none")} {
			if shows(d, not) {
				t.Errorf("%s: %q shown", who, not)
			}
		}
		fitsWindow(t, d, who)
	}
	d.app.loggedIn(worker)
	d.shell = d.app.Shell()
	check("case worker")
	d.asAdmin(t)
	check("admin")
}

// TestExchangeScreenshots renders the Exchange section as the supervisor
// (the card, a card being checked with a wrong fingerprint, the list with
// a trusted and a revoked office) and as a case worker, in English and
// French:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run ExchangeScreenshots ./internal/ui/
func TestExchangeScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range []string{"en", "fr"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			shot := func(name string) {
				t.Helper()
				img := d.w.Canvas().Capture()
				size := d.w.Canvas().Size()
				if img.Bounds().Dx() != int(size.Width) || img.Bounds().Dy() != int(size.Height) {
					t.Errorf("%s: capture is %v, the window grew", name, img.Bounds())
				}
				fitsWindow(t, d, name)
				writePNG(t, filepath.Join(dir, code+"-exchange-"+name+".png"), img)
			}
			p := exchangeOn(t, d)
			shot("1-card")
			_, fp1, b1 := anotherOffice(t)
			_, fp2, b2 := anotherOffice(t)
			p.readCard(b1)
			test.Type(p.typed, "ABCD EFGH")
			test.Tap(p.trust)
			shot("2-check-mismatch")
			scrollToEnd(t, d.content())
			shot("2b-check-mismatch-end")
			p.typed.SetText(fp1)
			test.Tap(p.trust)
			p.readCard(b2)
			p.typed.SetText(fp2)
			test.Tap(p.trust)
			exchangeOn(t, d)
			test.Tap(findButton(d.content(), lang.L("exchange.pin.revoke")))
			shot("3-revoke-confirm")
			test.Tap(findButton(d.w.Canvas().Overlays().Top(), lang.L("exchange.revoke.confirm")))
			scrollToEnd(t, d.content())
			shot("4-list")
			d.w.Resize(MinWindowSize)
			exchangeOn(t, d)
			shot("5-small")
			d.w.Resize(laptop)
			d.asAdmin(t)
			exchangeOn(t, d)
			shot("6-admin")
		})
	}
}
