package casework

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func aPartner() domain.Partner {
	return domain.Partner{Name: "Centre de Santé Maternelle", Type: "HealthServiceOrganisation",
		Services: []string{"health", "psychosocial"}, Languages: []string{"fr", "wo"}, Country: "SN", Phone: "+221 33 000 00 00"}
}

// addPartner saves a partner as the office's admin.
func (d *caseDesk) addPartner(p domain.Partner) domain.Partner {
	d.t.Helper()
	admin := d.login("ama", adminPW)
	saved, err := admin.SavePartner(context.Background(), p)
	if err != nil {
		d.t.Fatal(err)
	}
	return saved
}

func TestPartnerDirectory(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	admin := d.login("ama", adminPW)
	_, err := admin.SavePartner(ctx, domain.Partner{Type: "Spa", Services: []string{"massage"}, Email: "x"})
	wantProblems(t, "a bad partner", err, Problem{Field: "email", Rule: RuleFormat}, Problem{Field: "name", Rule: RuleRequired},
		Problem{Field: "services", Rule: RuleUnknownValue}, Problem{Field: "type", Rule: RuleUnknownValue})
	_, err = d.kofi.SavePartner(ctx, aPartner())
	wantErr(t, "a case worker changes the directory", err, ErrForbidden)

	p, err := admin.SavePartner(ctx, aPartner())
	if err != nil || p.ID == "" || p.LetterLanguage() != "fr" {
		t.Fatalf("SavePartner = %+v, %v", p, err)
	}
	other := aPartner()
	other.Name, other.Type, other.Services, other.Languages = "Polícia Judiciária", "LawEnforcement", []string{"safety"}, []string{"pt"}
	if _, err := admin.SavePartner(ctx, other); err != nil {
		t.Fatal(err)
	}
	// Everyone reads the directory, accent-free.
	list, err := d.kofi.Partners(ctx, PartnerQuery{Text: "sante"})
	if err != nil || len(list) != 1 || list[0].ID != p.ID {
		t.Fatalf("search sante: %v %v", list, err)
	}
	if list, _ := d.kofi.Partners(ctx, PartnerQuery{Service: "safety"}); len(list) != 1 || list[0].Name != "Polícia Judiciária" {
		t.Errorf("by service: %v", list)
	}
	// Deactivated: kept, not listed by default.
	if _, err := admin.SetPartnerActive(ctx, p.ID, false); err != nil {
		t.Fatal(err)
	}
	if list, _ := d.kofi.Partners(ctx, PartnerQuery{}); len(list) != 1 {
		t.Errorf("a deactivated partner is listed: %v", list)
	}
	if list, _ := d.kofi.Partners(ctx, PartnerQuery{IncludeInactive: true}); len(list) != 2 {
		t.Errorf("with inactive: %v", list)
	}
	if got := d.lastAudit(1)[0]; got.Action != domain.AuditPartnerEdit || got.RecordID != p.ID {
		t.Errorf("audit %+v", got)
	}
}

// referralFor is a valid draft referral of c to p.
func referralFor(c domain.Case, p domain.Partner) domain.Referral {
	return domain.Referral{CaseID: c.ID, PartnerID: p.ID, Services: []string{"health"}, Priority: domain.ReferralUrgent,
		Reason: "Needs a medical check after months of work in the fields.", Shares: []string{"name", "birth-date", "languages"}}
}

func TestReferralWorkflow(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	p := d.addPartner(aPartner())
	c := d.create(d.kofi, fileAdult())

	_, err := d.kofi.SaveReferral(ctx, domain.Referral{CaseID: c.ID, Priority: "soon"})
	wantProblems(t, "an empty referral", err, Problem{Field: "partnerId", Rule: RuleRequired}, Problem{Field: "services", Rule: RuleRequired},
		Problem{Field: "priority", Rule: RuleUnknownValue}, Problem{Field: "reason", Rule: RuleRequired})

	r, err := d.kofi.SaveReferral(ctx, referralFor(c, p))
	if err != nil {
		t.Fatal(err)
	}
	if r.State != domain.ReferralDraft || r.Number != c.Code+"-R1" || r.Language != "fr" || r.CreatedBy != d.users["kofi"].ID {
		t.Errorf("draft %+v", r)
	}
	// Without consent to refer, it cannot be sent.
	today := dateOf(t0).Format(time.DateOnly)
	_, err = d.kofi.MoveReferral(ctx, r.ID, domain.ReferralSent, today, "hand", "")
	wantRule(t, "send without consent", err, RuleReferralConsent)
	check, err := d.kofi.CheckReferralConsent(ctx, r)
	if err != nil || check.MayRefer || len(check.Shown) != 0 || !slices.Equal(check.Withheld, []string{"name", "birth-date", "languages"}) {
		t.Errorf("check without consent %+v %v", check, err)
	}
	// Consent to refer for health, and to share the name only.
	ref := consentBy(c.ID, domain.ConsentReferral, domain.GivenByPerson)
	ref.PartnerID, ref.Services = p.ID, []string{"health"}
	share := consentBy(c.ID, domain.ConsentSharing, domain.GivenByPerson)
	share.PartnerID, share.Shares = p.ID, []string{"name"}
	for _, cs := range []domain.Consent{ref, share} {
		if _, err := d.kofi.AddConsent(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	check, _ = d.kofi.CheckReferralConsent(ctx, r)
	if !check.MayRefer || !slices.Equal(check.Shown, []string{"name"}) || !slices.Equal(check.Withheld, []string{"birth-date", "languages"}) {
		t.Errorf("check with consent %+v", check)
	}
	_, err = d.kofi.MoveReferral(ctx, r.ID, domain.ReferralAccepted, today, "", "")
	wantRule(t, "accept a draft", err, RuleReferralState)
	_, err = d.kofi.MoveReferral(ctx, r.ID, domain.ReferralSent, "2025-03-11", "pigeon", "")
	wantProblems(t, "send tomorrow by pigeon", err, Problem{Field: "on", Rule: RuleFuture}, Problem{Field: "how", Rule: RuleUnknownValue})
	sent, err := d.kofi.MoveReferral(ctx, r.ID, domain.ReferralSent, today, "hand", "")
	if err != nil {
		t.Fatal(err)
	}
	if !sent.Due.Equal(t0.Add(72*time.Hour)) || !sent.Open() || sent.SentHow != "hand" {
		t.Errorf("sent %+v", sent)
	}
	// Not yet overdue; 73 hours later it is, on the dashboard and in the list.
	if items, _ := d.kofi.AllReferrals(ctx, ReferralFilter{OverdueOnly: true}); len(items) != 0 {
		t.Errorf("overdue too early: %v", items)
	}
	d.clock.Advance(73 * time.Hour)
	items, err := d.kofi.AllReferrals(ctx, ReferralFilter{OverdueOnly: true})
	if err != nil || len(items) != 1 || !items[0].Overdue || items[0].Partner != p.Name || items[0].Case.Code != c.Code {
		t.Fatalf("overdue list %+v %v", items, err)
	}
	if dash, err := d.kofi.Dashboard(ctx); err != nil || len(dash.OverdueReferrals) != 1 {
		t.Errorf("dashboard overdue referrals %v %v", dash.OverdueReferrals, err)
	}
	if items, _ := d.tina.AllReferrals(ctx, ReferralFilter{}); len(items) != 0 {
		t.Errorf("another worker sees the referral: %v", items)
	}
	later := dateOf(d.clock.Now()).Format(time.DateOnly)
	_, err = d.kofi.MoveReferral(ctx, r.ID, domain.ReferralDeclined, later, "", "")
	wantProblems(t, "decline without a reason", err, Problem{Field: "note", Rule: RuleRequired})
	acc, err := d.kofi.MoveReferral(ctx, r.ID, domain.ReferralAccepted, later, "", "by phone")
	if err != nil || acc.Open() != true {
		t.Fatalf("accept: %v", err)
	}
	given, err := d.kofi.MoveReferral(ctx, r.ID, domain.ReferralServiceGiven, later, "", "")
	if err != nil || given.Open() || given.Overdue(d.clock.Now()) || len(given.Events) != 4 {
		t.Fatalf("service given: %+v %v", given, err)
	}
	revs := d.revisions(r.ID)
	if len(revs) != 4 {
		t.Errorf("%d revisions, want one per change", len(revs))
	}
	if a := d.lastAudit(1)[0]; a.Action != domain.AuditReferralState || a.Detail != "state=service-given" {
		t.Errorf("audit %+v", a)
	}
}

// TestReferralLetterShowsOnlyWhatConsentAllows: the letter's person block
// carries the name only with consent to share it; a child's block says
// whether the guardian knows.
func TestReferralLetterShowsOnlyWhatConsentAllows(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	p := d.addPartner(aPartner())
	child := fileChild()
	child.Child.Guardian = domain.Guardian{Name: "Abena Owusu", Relation: "mother"}
	c := d.create(d.kofi, child)
	r := referralFor(c, p)
	r.Shares = []string{"name", "guardian", "birth-date"}
	_, err := d.kofi.SaveReferral(ctx, r)
	wantProblems(t, "a child's referral without the guardian question", err, Problem{Field: "guardianInformed", Rule: RuleRequired})
	r.GuardianInformed, r.GuardianNotInformed = "no", "The mother may be involved."
	r, err = d.kofi.SaveReferral(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	l, err := d.kofi.ReferralLetter(ctx, r.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if l.Person.Name != "" || l.Person.CaseCode != c.Code || l.Person.BirthDate != "" || l.Person.Age != 12 || l.Lang != "fr" {
		t.Errorf("person without consent %+v", l.Person)
	}
	if l.Child == nil || l.Child.GuardianName != "" || l.Child.GuardianRelation != "mother" || l.Child.GuardianInformed != "no" {
		t.Errorf("child %+v", l.Child)
	}
	// A child's sharing consent needs an adult's too.
	for _, giver := range []domain.ConsentGiver{domain.GivenByPerson, domain.GivenByGuardian} {
		cs := consentBy(c.ID, domain.ConsentSharing, giver)
		cs.PartnerID, cs.Shares = p.ID, []string{"name", "guardian"}
		if _, err := d.kofi.AddConsent(ctx, cs); err != nil {
			t.Fatal(err)
		}
		l, err = d.kofi.ReferralLetter(ctx, r.ID, "pt")
		if err != nil {
			t.Fatal(err)
		}
		if named := l.Person.Name != ""; named != (giver == domain.GivenByGuardian) {
			t.Errorf("after the %s's consent the name shows: %v", giver, named)
		}
	}
	if l.Person.Name != "Kwame" || l.Child.GuardianName != "Abena Owusu" || l.Lang != "pt" || len(l.Consents) != 2 {
		t.Errorf("with consent %+v %+v %d", l.Person, l.Child, len(l.Consents))
	}
	for _, cf := range l.Consents {
		if cf.GivenBy == domain.GivenByPerson && cf.GiverName != "" {
			t.Errorf("the consent statement names the person: %+v", cf)
		}
	}
	if a := d.lastAudit(1)[0]; a.Action != domain.AuditDocumentPrint || !strings.HasPrefix(a.Detail, "doc=referral") {
		t.Errorf("audit %+v", a)
	}
	sum, err := d.kofi.CaseSummaryFor(ctx, c.ID, "en", nil)
	if err != nil || len(sum.Referrals) != 1 || sum.Referrals[0].Partner != p.Name || sum.Case.Code != c.Code {
		t.Errorf("summary %+v %v", sum.Referrals, err)
	}
	form, err := d.kofi.ConsentFormFor(ctx, c.ID, "fr", nil, p.ID, []string{"health"}, nil)
	if err != nil || !form.Child || form.Partner != p.Name || form.CaseCode != c.Code {
		t.Errorf("consent form %+v %v", form, err)
	}
}
