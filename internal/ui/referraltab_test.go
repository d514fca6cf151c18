package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/letter"
)

// referralDesk is a real office with a partner directory the admin filled
// in, and documents that record what they were asked to print.
type referralDesk struct {
	*realDesk
	espoir, clinic domain.Partner
	letters        []letter.ReferralLetter
	consentForms   []letter.ConsentForm
	summaries      []letter.CaseSummary
}

// newReferralDesk is newRealDesk with two partners: Centre Espoir
// (shelter, psychosocial support, family tracing; French) and a clinic
// (health; English), added by the admin, Ana.
func newReferralDesk(t *testing.T, language string) *referralDesk {
	t.Helper()
	d := &referralDesk{realDesk: newRealDesk(t, language)}
	ctx := context.Background()
	admin, err := d.svc.Login(ctx, "ana", []byte(e2eAdminPW))
	if err != nil {
		t.Fatal(err)
	}
	d.espoir, err = admin.SavePartner(ctx, domain.Partner{Name: "Centre Espoir", Type: "NGO",
		Services: []string{"shelter", "psychosocial", "family-tracing"}, Languages: []string{"fr", "wo"}, Country: "SN"})
	if err != nil {
		t.Fatal(err)
	}
	d.clinic, err = admin.SavePartner(ctx, domain.Partner{Name: "Ziguinchor Regional Hospital", Type: "HealthServiceOrganisation",
		Services: []string{"health"}, Languages: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	d.shell.deps.Documents = Documents{
		ReferralLetter: func(l letter.ReferralLetter) ([]byte, error) {
			d.letters = append(d.letters, l)
			return []byte("%PDF-1.4 letter"), nil
		},
		ConsentForm: func(f letter.ConsentForm) ([]byte, error) {
			d.consentForms = append(d.consentForms, f)
			return []byte("%PDF-1.4 consent"), nil
		},
		CaseSummary: func(s letter.CaseSummary) ([]byte, error) {
			d.summaries = append(d.summaries, s)
			return []byte("%PDF-1.4 summary"), nil
		},
	}
	return d
}

// openReferralTab opens the case file of id on its Referrals tab.
func openReferralTab(t *testing.T, d *referralDesk, id string) (*caseFile, *referralsPanel) {
	t.Helper()
	d.shell.openCase(id)
	cf := caseFileOf(t, &d.shellFixture)
	cf.selectTab(tabReferrals)
	return cf, referralTabOf(t, cf)
}

// referralTabOf is the Referrals tab's panel of a case file.
func referralTabOf(t *testing.T, cf *caseFile) *referralsPanel {
	t.Helper()
	p, ok := cf.items[tabReferrals].Content.(*referralsPanel)
	if !ok {
		t.Fatalf("the Referrals tab shows %T", cf.items[tabReferrals].Content)
	}
	return p
}

// consentOf records a consent given today.
func (d *referralDesk) consentOf(t *testing.T, c domain.Consent) {
	t.Helper()
	c.Method, c.GivenOn = domain.ConsentVerbal, time.Now().Format(time.DateOnly)
	if c.GivenBy != domain.GivenByPerson {
		c.GiverName = "Mariama Sow"
	}
	if _, err := d.sess.AddConsent(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// refTick ticks the boxes of the values in a list of checks.
func refTick(checks []*widget.Check, all []string, values ...string) {
	for i, c := range checks {
		if slices.Contains(values, all[i]) {
			c.SetChecked(true)
		}
	}
}

// refFill puts args into a catalog text.
func refFill(text string, args map[string]string) string {
	for k, v := range args {
		text = strings.ReplaceAll(text, "{{."+k+"}}", v)
	}
	return text
}

// refMoveButton taps a referral card's button to a state.
func refMoveButton(t *testing.T, p *referralsPanel, id string, to domain.ReferralState) *referralMove {
	t.Helper()
	card := p.cards[id]
	if card == nil {
		t.Fatalf("no card for %s", id)
	}
	b := card.moves[to]
	if b == nil {
		t.Fatalf("no button to %s on the card of %s (state %s)", to, card.r.Number, card.r.State)
	}
	test.Tap(b)
	if p.move == nil {
		t.Fatal("no dialog")
	}
	return p.move
}

// refCloseOverlays takes the dialogs (the file dialog of Save PDF) off the
// window.
func refCloseOverlays(d *referralDesk) {
	for d.w.Canvas().Overlays().Top() != nil {
		d.w.Canvas().Overlays().Remove(d.w.Canvas().Overlays().Top())
	}
}

// TestReferralTabOnRealOffice drives a boy's referral in the window over a
// real office: the form with a missing reason keeps what was typed and
// says what is missing under the field; the draft; sending refused without
// consent (the warning, not a generic error) and allowed once the boy and
// a guardian consented; the preview and the letter leaving the name out
// until a consent to share it; the moves sent → accepted → service given
// and their history; a decline needs its reason; an overdue referral in
// red.
func TestReferralTabOnRealOffice(t *testing.T) {
	d := newReferralDesk(t, "en")
	en := catalog(t, "en")
	ctx := context.Background()
	c := d.addCase(t, aBoy())
	cf, p := openReferralTab(t, d, c.ID)
	d.mustShow(t, en["referrals.tab.empty.title"])
	if p.consentPDF == nil || p.summaryPDF == nil {
		t.Fatal("no consent form or case summary buttons")
	}

	// The form: shelter ticked, Centre Espoir first, its language chosen.
	test.Tap(p.newButton)
	f := p.form
	if f == nil {
		t.Fatal("New referral opened no form")
	}
	if !f.fInformed.box.Visible() {
		t.Error("a child's referral does not ask whether the guardian knows")
	}
	refTick(f.services, domain.ServiceTypes, "shelter", "psychosocial")
	if f.partnerSel.Options[0] != "Centre Espoir" {
		t.Errorf("partners offered %q: the one offering the services is not first", f.partnerSel.Options)
	}
	f.partnerSel.SetSelected("Centre Espoir")
	if f.language.Selected != languageLabel("fr") {
		t.Errorf("letter language %q, want the partner's", f.language.Selected)
	}
	f.priority.SetSelected(en["referrals.priority.urgent"])
	refTick(f.given, domain.ServiceTypes, "health")
	refTick(f.shares, domain.LetterShareFields, "name", "languages")
	f.informed.SetSelected(en["referrals.form.informed.no"])
	if !f.fNotInformed.box.Visible() {
		t.Error("no question why the guardian was not told")
	}
	test.Type(f.notInformed, "The uncle brought him to the market to work.")

	// The preview before any consent: nothing may be sent, the name is
	// left out.
	if !f.noConsent.box.Visible() || !f.consentFix.Visible() {
		t.Error("no warning that consent does not allow the referral")
	}
	want := refFill(en["referrals.tab.noConsentChild"], map[string]string{"Person": "Mamadou", "Partner": "Centre Espoir"})
	if f.noConsent.label.Text != want {
		t.Errorf("warning %q, want %q", f.noConsent.label.Text, want)
	}
	if !slices.Equal(f.check.Withheld, []string{"name", "languages"}) || !f.nameNote.Visible() {
		t.Errorf("withheld %v, note shown %v", f.check.Withheld, f.nameNote.Visible())
	}

	// Save with no reason: the message is under the field, nothing lost.
	test.Tap(f.save)
	if got := visibleError(f.fReason.err); got != en["referrals.form.error.reason"] {
		t.Errorf("reason: %q", got)
	}
	if p.form != f || !f.services[slices.Index(domain.ServiceTypes, "shelter")].Checked ||
		f.partnerSel.Selected != "Centre Espoir" || f.notInformed.Text != "The uncle brought him to the market to work." ||
		f.priority.Selected != en["referrals.priority.urgent"] {
		t.Fatal("a refused save lost what was typed")
	}

	// The case file draws its tabs again (another tab saved the case):
	// the form comes back as it was.
	cf.reload(d.current(t, c.ID))
	p = referralTabOf(t, cf)
	f = p.form
	if f == nil || f.partnerSel.Selected != "Centre Espoir" || f.notInformed.Text != "The uncle brought him to the market to work." ||
		!f.shares[0].Checked || f.language.Selected != languageLabel("fr") {
		t.Fatal("drawing the tabs again lost the referral being written")
	}
	// And so does a lock: the draft is sealed, the form comes back.
	d.app.Lock()
	test.Type(d.app.lock.password, e2eSuperPW)
	test.Tap(d.app.lock.unlock)
	cf = caseFileOf(t, &d.shellFixture)
	if cf.st.tab != tabReferrals {
		t.Fatalf("after the lock the tab is %q", cf.st.tab)
	}
	p = referralTabOf(t, cf)
	f = p.form
	if f == nil || f.partnerSel.Selected != "Centre Espoir" || f.notInformed.Text != "The uncle brought him to the market to work." {
		t.Fatal("a lock lost the referral being written")
	}

	test.Type(f.reason, "Needs a safe place to stay tonight.")
	test.Tap(f.save)
	if p.form != nil {
		t.Fatalf("not saved: %q", texts(d.content()))
	}
	refs, err := d.sess.Referrals(ctx, c.ID)
	if err != nil || len(refs) != 1 {
		t.Fatalf("referrals %v %v", refs, err)
	}
	r := refs[0]
	if r.PartnerID != d.espoir.ID || r.Language != "fr" || r.Priority != domain.ReferralUrgent || r.GuardianInformed != "no" ||
		!slices.Equal(r.Services, []string{"psychosocial", "shelter"}) || !slices.Equal(r.Given, []string{"health"}) {
		t.Errorf("saved %+v", r)
	}
	d.mustShow(t, refFill(en["referrals.form.saved"], map[string]string{"Number": r.Number}))
	card := p.cards[r.ID]
	if card == nil || !card.noConsent.box.Visible() {
		t.Fatal("the draft's card does not say consent is missing")
	}

	// Send without consent: refused, with the warning and the way out.
	m := refMoveButton(t, p, r.ID, domain.ReferralSent)
	m.how.SetSelected(en["referrals.how.hand"])
	test.Tap(m.submit)
	if !m.noConsent.box.Visible() || !m.consentFix.Visible() || m.message.Visible() {
		t.Errorf("refusal: warning shown %v, generic message %q", m.noConsent.box.Visible(), m.message.Text)
	}
	if m.noConsent.label.Text != en["referrals.move.notSent"]+" "+want {
		t.Errorf("refusal warning %q", m.noConsent.label.Text)
	}
	// The way out opens the Consent tab with Record consent filled in.
	test.Tap(m.consentFix)
	if cf.st.tab != tabConsent {
		t.Fatalf("the tab on show is %q", cf.st.tab)
	}
	cp := cf.items[tabConsent].Content.(*consentPanel)
	if cp.form == nil || cp.form.chosenPurpose() != domain.ConsentReferral || cp.form.partnerSel == nil ||
		cp.form.partnerSel.Selected != "Centre Espoir" || !cp.form.services[slices.Index(domain.ServiceTypes, "shelter")].Checked {
		t.Fatalf("Record consent is not filled in for the referral: %+v", cp.form)
	}
	// The boy's consent, recorded there: the partner chosen by name is
	// recorded by its id. Alone, it is not enough for a child.
	cp.form.givenBy.SetSelected(en["casetabs.consent.giver.person"])
	cp.form.method.SetSelected(en["casetabs.consent.method.verbal"])
	today := time.Now()
	cp.form.date.set(&today)
	test.Tap(cp.form.submit)
	consents, err := d.sess.Consents(ctx, c.ID)
	if err != nil || len(consents) != 1 || consents[0].PartnerID != d.espoir.ID ||
		!slices.Equal(consents[0].Services, []string{"psychosocial", "shelter"}) {
		t.Fatalf("consents recorded from the Consent tab: %+v %v", consents, err)
	}
	if !hasLabel(cf.items[tabConsent].Content, refFill(en["casetabs.consent.title.referral"], map[string]string{"Partner": "Centre Espoir"})) {
		t.Error("the consent does not name the partner by its name")
	}
	cf.selectTab(tabReferrals)
	if !card.noConsent.box.Visible() {
		t.Error("the child's consent alone lets the referral go")
	}
	d.consentOf(t, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentReferral, PartnerID: d.espoir.ID,
		Services: []string{"shelter", "psychosocial"}, GivenBy: domain.GivenByGuardian})
	cf.selectTab(tabConsent)
	cf.selectTab(tabReferrals)
	if card.noConsent.box.Visible() {
		t.Error("the warning stays once the child and a guardian consented")
	}

	// Only consent to refer: the letter carries the case code, not the name.
	test.Tap(card.edit)
	f = p.form
	if f.noConsent.box.Visible() || !slices.Contains(f.check.Withheld, "name") || !f.nameNote.Visible() {
		t.Errorf("preview with consent to refer only: warning %v, withheld %v", f.noConsent.box.Visible(), f.check.Withheld)
	}
	if !strings.Contains(f.withheld.Text, en["casetabs.share.name"]) {
		t.Errorf("Left out says %q", f.withheld.Text)
	}
	test.Tap(f.cancel)
	card = p.cards[r.ID]
	test.Tap(card.letter)
	refCloseOverlays(d)
	if len(d.letters) != 1 || d.letters[0].Person.Name != "" || d.letters[0].Person.CaseCode != c.Code || d.letters[0].Lang != "fr" {
		t.Fatalf("letters %+v", d.letters)
	}

	// A consent to share the name (the boy's and the guardian's): shown.
	for _, g := range []domain.ConsentGiver{domain.GivenByPerson, domain.GivenByGuardian} {
		d.consentOf(t, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentSharing, PartnerID: d.espoir.ID,
			Shares: []string{"name"}, GivenBy: g})
	}
	test.Tap(card.edit)
	f = p.form
	if !slices.Equal(f.check.Shown, []string{"name"}) || !slices.Equal(f.check.Withheld, []string{"languages"}) || f.nameNote.Visible() {
		t.Errorf("preview with the name covered: shown %v, withheld %v", f.check.Shown, f.check.Withheld)
	}
	if !strings.Contains(f.shownList.Text, en["casetabs.share.name"]) {
		t.Errorf("In the letter says %q", f.shownList.Text)
	}
	test.Tap(f.cancel)
	card = p.cards[r.ID]
	card.lang.SetSelected(languageLabel("pt"))
	test.Tap(card.letter)
	refCloseOverlays(d)
	if len(d.letters) != 2 || d.letters[1].Person.Name != "Mamadou" || d.letters[1].Lang != "pt" {
		t.Fatalf("letter with the name covered: %+v", d.letters[1].Person)
	}

	// Send, then accepted, then service given.
	m = refMoveButton(t, p, r.ID, domain.ReferralSent)
	test.Tap(m.submit)
	if got := visibleError(m.fHow.err); got != en["referrals.move.error.how"] {
		t.Errorf("how: %q", got)
	}
	m.date.SetText("31/02/2026")
	m.how.SetSelected(en["referrals.how.email"])
	test.Tap(m.submit)
	if got := visibleError(m.fDate.err); got != en["referrals.move.error.date"] {
		t.Errorf("date: %q", got)
	}
	m.date.SetText(dayText(time.Now().Format(time.DateOnly)))
	test.Tap(m.submit)
	if p.move != nil {
		t.Fatalf("the dialog stayed: %q", m.message.Text)
	}
	for _, to := range []domain.ReferralState{domain.ReferralAccepted, domain.ReferralServiceGiven} {
		m = refMoveButton(t, p, r.ID, to)
		test.Type(m.note, "Noted by phone.")
		test.Tap(m.submit)
		if p.move != nil {
			t.Fatalf("%s: %q", to, m.message.Text)
		}
		d.mustShow(t, refFill(en["referrals.move.done"], map[string]string{"Number": r.Number, "State": referralStateName(to)}))
	}
	r, err = d.sess.Referral(ctx, r.ID)
	if err != nil || r.State != domain.ReferralServiceGiven || r.SentHow != "email" || len(r.Events) != 4 {
		t.Fatalf("stored %+v %v", r, err)
	}
	card = p.cards[r.ID]
	if card.edit != nil || card.moves[domain.ReferralClosed] == nil || len(card.moves) != 1 {
		t.Errorf("after service given, the card offers %v", buttonTexts(card.box))
	}
	history := card.history.Items[0].Detail.(*widget.Label).Text
	for _, s := range []domain.ReferralState{domain.ReferralDraft, domain.ReferralSent, domain.ReferralAccepted, domain.ReferralServiceGiven} {
		if !strings.Contains(history, referralStateName(s)) {
			t.Errorf("history %q lacks %s", history, s)
		}
	}
	if !strings.Contains(history, "Noted by phone.") || !strings.Contains(history, "Rui Costa") {
		t.Errorf("history %q", history)
	}

	// Another referral, sent three weeks ago at normal priority: overdue,
	// in red; declining it needs the reason.
	r2, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: d.espoir.ID, Services: []string{"shelter"},
		Priority: domain.ReferralNormal, Reason: "Shelter.", GuardianInformed: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.sess.MoveReferral(ctx, r2.ID, domain.ReferralSent, time.Now().AddDate(0, 0, -21).Format(time.DateOnly), "hand", ""); err != nil {
		t.Fatal(err)
	}
	cf.reload(d.current(t, c.ID))
	p = referralTabOf(t, cf)
	if due := p.cards[r2.ID].due; due == nil || due.Importance != widget.DangerImportance || !strings.HasPrefix(due.Text, "Overdue") {
		t.Errorf("overdue referral: %+v", due)
	}
	m = refMoveButton(t, p, r2.ID, domain.ReferralDeclined)
	test.Tap(m.submit)
	if got := visibleError(m.fNote.err); got != en["referrals.move.error.declinedReason"] {
		t.Errorf("decline without a reason: %q", got)
	}
	test.Type(m.note, "No place left this month.")
	test.Tap(m.submit)
	if p.move != nil {
		t.Fatalf("not declined: %q", m.message.Text)
	}
	d.mustShow(t, refFill(en["referrals.tab.declinedWhy"], map[string]string{"Reason": "No place left this month."}))

	// The case's documents.
	test.Tap(p.consentPDF)
	refCloseOverlays(d)
	test.Tap(p.summaryPDF)
	refCloseOverlays(d)
	if len(d.consentForms) != 1 || d.consentForms[0].CaseCode != c.Code || len(d.summaries) != 1 || len(d.summaries[0].Referrals) != 2 {
		t.Errorf("consent forms %d, summaries %d", len(d.consentForms), len(d.summaries))
	}
}

// TestReferralTabWithoutDocuments: with no document renderers, no PDF
// buttons are offered.
func TestReferralTabWithoutDocuments(t *testing.T) {
	d := newReferralDesk(t, "en")
	d.shell.deps.Documents = Documents{}
	c := d.addCase(t, anAdult())
	if _, err := d.sess.SaveReferral(context.Background(), domain.Referral{CaseID: c.ID, PartnerID: d.clinic.ID,
		Services: []string{"health"}, Priority: domain.ReferralEmergency, Reason: "Injured hand."}); err != nil {
		t.Fatal(err)
	}
	_, p := openReferralTab(t, d, c.ID)
	if p.consentPDF != nil || p.summaryPDF != nil || p.docLang != nil {
		t.Error("document buttons without renderers")
	}
	for _, card := range p.cards {
		if card.letter != nil {
			t.Error("a letter button without a renderer")
		}
	}
}

// TestReferralTabClosedCase: a closed case takes no new referral.
func TestReferralTabClosedCase(t *testing.T) {
	d := newReferralDesk(t, "en")
	c := d.addCase(t, anAdult())
	if _, err := d.sess.CloseCase(context.Background(), c.ID, domain.Closure{Reason: domain.ClosedGoalsMet}); err != nil {
		t.Fatal(err)
	}
	_, p := openReferralTab(t, d, c.ID)
	if !p.newButton.Disabled() {
		t.Error("New referral offered on a closed case")
	}
	d.mustShow(t, catalog(t, "en")["referrals.tab.closedCase"])
}

// TestReferralTabFitsTheWindow: the list, the form with its preview and
// warnings and the dialogs, with long names, never ask for a window wider
// than 1024 px, in each language.
func TestReferralTabFitsTheWindow(t *testing.T) {
	for _, code := range []string{"en", "fr", "pt"} {
		t.Run(code, func(t *testing.T) {
			d := newReferralDesk(t, code)
			d.w.Resize(MinWindowSize)
			ctx := context.Background()
			admin, err := d.svc.Login(ctx, "ana", []byte(e2eAdminPW))
			if err != nil {
				t.Fatal(err)
			}
			long, err := admin.SavePartner(ctx, domain.Partner{Name: "Centre d’accueil et de protection des enfants victimes de la traite de Ziguinchor",
				Type: "NGO", Services: domain.ServiceTypes, Languages: []string{"pt"}})
			if err != nil {
				t.Fatal(err)
			}
			boy := aBoy()
			boy.Person.FirstName, boy.Person.LastName = "Mamadou Aliou Bademba", "Baldé-Djaló da Conceição"
			c := d.addCase(t, boy)
			if _, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: long.ID, Services: domain.ServiceTypes,
				Given: domain.ServiceTypes, Priority: domain.ReferralEmergency, Reason: strings.Repeat("Needs care. ", 40), GuardianInformed: "yes"}); err != nil {
				t.Fatal(err)
			}
			sent, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: c.ID, PartnerID: long.ID, Services: []string{"shelter"},
				Priority: domain.ReferralNormal, Reason: "Shelter.", GuardianInformed: "yes"})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range []domain.ConsentGiver{domain.GivenByPerson, domain.GivenByGuardian} {
				d.consentOf(t, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentReferral, PartnerID: long.ID, Services: []string{"shelter"}, GivenBy: g})
			}
			if _, err := d.sess.MoveReferral(ctx, sent.ID, domain.ReferralSent, time.Now().AddDate(0, 0, -30).Format(time.DateOnly), "export-file",
				strings.Repeat("A long note about how it went. ", 10)); err != nil {
				t.Fatal(err)
			}
			fits := func(where string) {
				t.Helper()
				if w := d.w.Content().MinSize().Width; w > 1024 {
					t.Errorf("%s: the window needs %.0f px", where, w)
				}
				if top := d.w.Canvas().Overlays().Top(); top != nil && top.MinSize().Width > 1024 {
					t.Errorf("%s: the dialog needs %.0f px", where, top.MinSize().Width)
				}
			}
			_, p := openReferralTab(t, d, c.ID)
			for _, card := range p.cards {
				card.history.Open(0)
			}
			fits("list")
			refMoveButton(t, p, sent.ID, domain.ReferralDeclined)
			fits("decline")
			p.move.d.Hide()
			for _, card := range p.cards {
				if card.r.State == domain.ReferralDraft {
					refMoveButton(t, p, card.r.ID, domain.ReferralSent)
					fits("send")
					test.Tap(p.move.submit)
					fits("send refused")
					p.move.d.Hide()
				}
			}
			test.Tap(p.newButton)
			f := p.form
			refTick(f.services, domain.ServiceTypes, domain.ServiceTypes...)
			refTick(f.given, domain.ServiceTypes, domain.ServiceTypes...)
			refTick(f.shares, domain.LetterShareFields, domain.LetterShareFields...)
			f.partnerSel.SetSelectedIndex(0)
			f.informed.SetSelected(f.informed.Options[1])
			test.Tap(f.save)
			fits("form")
		})
	}
}
