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
)

// sendReferral records the person's consent to be referred to partner for
// services, drafts a referral of priority and sends it by hand daysAgo
// days ago (negative: leaves it a draft).
func (d *realDesk) sendReferral(t *testing.T, caseID string, partner domain.Partner, services []string,
	priority domain.ReferralPriority, daysAgo int) domain.Referral {
	t.Helper()
	ctx := context.Background()
	today := time.Now()
	given := today.AddDate(0, 0, -max(daysAgo, 0)-1).Format(time.DateOnly)
	if _, err := d.sess.AddConsent(ctx, domain.Consent{CaseID: caseID, Purpose: domain.ConsentReferral,
		PartnerID: partner.ID, Services: services, GivenBy: domain.GivenByPerson, Method: domain.ConsentVerbal,
		GivenOn: given}); err != nil {
		t.Fatal(err)
	}
	r, err := d.sess.SaveReferral(ctx, domain.Referral{CaseID: caseID, PartnerID: partner.ID, Services: services,
		Priority: priority, Reason: "Needs a medical check and someone to talk to."})
	if err != nil {
		t.Fatal(err)
	}
	if daysAgo < 0 {
		return r
	}
	r, err = d.sess.MoveReferral(ctx, r.ID, domain.ReferralSent, today.AddDate(0, 0, -daysAgo).Format(time.DateOnly), "hand", "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// referralsOn shows the Referrals section and returns its panel.
func referralsOn(t *testing.T, d *realDesk) *referralListPanel {
	t.Helper()
	d.shell.Show(SectionReferrals)
	p := caseListFind[*referralListPanel](d.content())
	if p == nil {
		t.Fatalf("no referral list on screen; it shows %q", texts(d.content()))
	}
	return p
}

func listedReferrals(p *referralListPanel) []string {
	var out []string
	for _, it := range p.items {
		out = append(out, it.Referral.Number)
	}
	return out
}

// tableTexts returns the texts of the table's cells drawn on screen.
func tableTexts(tb *widget.Table) string {
	return strings.Join(texts(tb), "|")
}

// TestReferralsViewFiltersAndOpens lists the office's referrals made
// through casework: open ones by default (the overdue one first, marked),
// overdue only, all with the draft; a row opens the case file on its
// Referrals tab; the dashboard's card lists the overdue one.
func TestReferralsViewFiltersAndOpens(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")

	// No referral yet: the section says what will be here.
	p := referralsOn(t, d)
	if !p.none.Visible() || p.table.Visible() || !hasLabel(p.none, en["referrals.empty.body"]) {
		t.Errorf("with no referral the view shows %q", texts(d.content()))
	}

	health := d.addPartner(t, aHealthCentre())
	legal := d.addPartner(t, domain.Partner{Name: "Association des Juristes Sénégalaises", Type: "LegalService",
		Services: []string{"legal"}, Languages: []string{"fr"}})
	kofi := d.addCase(t, anAdult())
	late := d.sendReferral(t, kofi.ID, health, []string{"health", "psychosocial"}, domain.ReferralNormal, 20)
	fresh := d.sendReferral(t, kofi.ID, legal, []string{"legal"}, domain.ReferralUrgent, 0)
	other := d.addCase(t, domain.Case{Person: domain.Person{FirstName: "Ama", LastName: "Owusu", Gender: domain.GenderFeminine,
		AgeEstimate: 25, AgeEstimateBy: domain.AgeSelfReported, Languages: []string{"en"}}})
	draft := d.sendReferral(t, other.ID, legal, []string{"legal"}, domain.ReferralEmergency, -1)

	p = referralsOn(t, d)
	if p.filter.Selected != en["referrals.list.filter.open"] {
		t.Errorf("the filter starts at %q", p.filter.Selected)
	}
	if got := strings.Join(listedReferrals(p), "|"); got != late.Number+"|"+fresh.Number {
		t.Fatalf("open referrals %q, want the overdue one first", got)
	}
	if !p.items[0].Overdue || p.items[1].Overdue {
		t.Errorf("overdue marks: %v %v", p.items[0].Overdue, p.items[1].Overdue)
	}
	if p.count.Text != "2 referrals" {
		t.Errorf("count %q", p.count.Text)
	}
	cells := tableTexts(p.table)
	due := caseListDate(late.Due) + " · overdue"
	for _, want := range []string{late.Number, "Kofi Mensah", "Centre de Santé de Kolda",
		"Health and medical care, Psychosocial support", "Standard", "Sent", due, "Urgent"} {
		if !strings.Contains(cells, want) {
			t.Errorf("the table does not show %q; it shows %q", want, cells)
		}
	}
	// The overdue row is red, the other not.
	lateCells, freshCells := refListRowImportance(p, 0), refListRowImportance(p, 1)
	if !slices.Contains(lateCells, widget.DangerImportance) || slices.Contains(freshCells, widget.DangerImportance) {
		t.Errorf("importance of the overdue row %v, of the other %v", lateCells, freshCells)
	}

	p.filter.SetSelected(en["referrals.list.filter.overdue"])
	if got := strings.Join(listedReferrals(p), "|"); got != late.Number {
		t.Errorf("overdue referrals %q", got)
	}
	p.filter.SetSelected(en["referrals.list.filter.all"])
	if got := listedReferrals(p); len(got) != 3 || !slices.Contains(got, draft.Number) {
		t.Errorf("all referrals %q", got)
	}
	if !strings.Contains(tableTexts(p.table), en["referrals.list.notSent"]) {
		t.Errorf("the draft does not say it is not sent: %q", tableTexts(p.table))
	}

	// A row opens its case on the Referrals tab.
	p.filter.SetSelected(en["referrals.list.filter.overdue"])
	p.table.Select(widget.TableCellID{Row: 0, Col: refColPartner})
	st := d.shell.caseState
	if st == nil || st.kind != screenCaseFile || st.caseID != kofi.ID || st.tab != tabReferrals || d.shell.Section() != SectionCases {
		t.Fatalf("the row opened %+v", st)
	}
	if cf := caseFileOf(t, &d.shellFixture); cf.c.ID != kofi.ID {
		t.Errorf("the case file shows %q", cf.c.ID)
	}

	// The dashboard's card.
	d.shell.Show(SectionDashboard)
	dash := caseListFind[*dashboardPanel](d.content())
	if dash == nil {
		t.Fatal("no dashboard")
	}
	blk := dash.blocks[dashReferrals]
	if blk.title.Text != en["dashboard.overdueReferrals"] || blk.count.text != "1" || len(blk.items) != 1 {
		t.Fatalf("the card: %q count %q items %d", blk.title.Text, blk.count.text, len(blk.items))
	}
	if it := blk.items[0]; it.ref == nil || it.ref.Referral.ID != late.ID || it.detail != caseListDate(late.Due) {
		t.Errorf("the card's row: %+v", it)
	}
	if card := strings.Join(texts(blk.box), "|"); !strings.Contains(card, late.Number) || !strings.Contains(card, "Centre de Santé de Kolda") {
		t.Errorf("the card shows %q", card)
	}
	blk.list.Select(0)
	if st := d.shell.caseState; st == nil || st.caseID != kofi.ID || st.tab != tabReferrals {
		t.Errorf("the card's row opened %+v", st)
	}

	// Nothing overdue any more: the card and the filter say so in words.
	if _, err := d.sess.MoveReferral(context.Background(), late.ID, domain.ReferralDeclined,
		time.Now().Format(time.DateOnly), "", "No place left this month."); err != nil {
		t.Fatal(err)
	}
	d.shell.Show(SectionDashboard)
	dash = caseListFind[*dashboardPanel](d.content())
	if blk := dash.blocks[dashReferrals]; blk.count.text != "0" || !hasLabel(blk.box, en["dashboard.overdueReferrals.empty"]) {
		t.Errorf("the empty card shows %q", texts(blk.box))
	}
	p = referralsOn(t, d)
	p.filter.SetSelected(en["referrals.list.filter.overdue"])
	if !p.noneNow.Visible() || !hasLabel(p.noneNow, en["referrals.list.none.overdue"]) || p.table.Visible() {
		t.Errorf("no overdue referral shows %q", texts(d.content()))
	}
	tapTextIn(t, p.noneNow, en["referrals.list.showAll"])
	if p.filter.Selected != en["referrals.list.filter.all"] || len(p.items) != 3 || p.noneNow.Visible() {
		t.Errorf("Show all shows %q with %d", p.filter.Selected, len(p.items))
	}
}

// refListRowImportance returns the importance of each cell of a row.
func refListRowImportance(p *referralListPanel, row int) []widget.Importance {
	var out []widget.Importance
	for col := range refColCount {
		o := newCaseCell()
		updateRefListCell(o, p.items[row], col, time.Now())
		out = append(out, caseCellParts(o).label.Importance)
	}
	return out
}

// TestReferralsViewAdmin: the administrator, who sees no case file, is
// told so in place of the list.
func TestReferralsViewAdmin(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	d.asAdmin(t)
	d.shell.Show(SectionReferrals)
	if caseListFind[*referralListPanel](d.content()) != nil {
		t.Fatal("the administrator is shown the referral list")
	}
	if !hasLabel(d.content(), en["referrals.list.admin.body"]) {
		t.Errorf("the administrator sees %q", texts(d.content()))
	}
}

// TestCaseListBlankIntakeForm: the case list offers the blank intake form
// of the office in the window's language when the program can make it,
// and no button when it cannot.
func TestCaseListBlankIntakeForm(t *testing.T) {
	d := newRealDesk(t, "fr")
	fr := catalog(t, "fr")
	d.shell.Show(SectionCases)
	list := caseListFind[*casesPanel](d.content())
	if list == nil || list.blank.Visible() || findButton(d.content(), fr["cases.intakeBlank"]) != nil {
		t.Fatal("a blank intake form is offered with nothing to make it")
	}
	var office, lng string
	d.shell.deps.Documents.IntakeBlank = func(o domain.Office, l string) ([]byte, error) {
		office, lng = o.Name, l
		return []byte("%PDF-1.4 blank"), nil
	}
	d.shell.Show(SectionCases)
	list = caseListFind[*casesPanel](d.content())
	if !list.blank.Visible() || list.blank.Text != fr["cases.intakeBlank"] {
		t.Fatalf("the button: %q visible %v", list.blank.Text, list.blank.Visible())
	}
	test.Tap(list.blank)
	if office != "Centro de Acolhimento Lisboa" || lng != "fr" {
		t.Errorf("rendered for %q in %q", office, lng)
	}
	if d.w.Canvas().Overlays().Top() == nil {
		t.Error("no dialog to choose where to save it")
	}
}
