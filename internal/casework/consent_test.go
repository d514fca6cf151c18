package casework

import (
	"context"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// consentBy is a valid consent of caseID for purpose, given today by giver.
func consentBy(caseID string, purpose domain.ConsentPurpose, giver domain.ConsentGiver) domain.Consent {
	c := domain.Consent{CaseID: caseID, Purpose: purpose, GivenBy: giver, Method: domain.ConsentWritten, GivenOn: "2025-03-10"}
	if giver != domain.GivenByPerson {
		c.GiverName = "Mariam Ouédraogo"
	}
	return c
}

func TestAddConsentValidation(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	p := func(field, rule string) Problem { return Problem{Field: field, Rule: rule} }
	tests := []struct {
		name string
		edit func(cs *domain.Consent)
		want []Problem
	}{
		{"valid assistance", func(cs *domain.Consent) {}, nil},
		{"nothing said", func(cs *domain.Consent) { *cs = domain.Consent{CaseID: c.ID} },
			[]Problem{p("purpose", RuleRequired), p("givenBy", RuleRequired), p("method", RuleRequired), p("givenOn", RuleRequired)}},
		{"unknown values", func(cs *domain.Consent) { cs.Purpose, cs.GivenBy, cs.Method = "marketing", "uncle", "nod" },
			[]Problem{p("purpose", RuleUnknownValue), p("givenBy", RuleUnknownValue), p("giverName", RuleRequired), p("method", RuleUnknownValue)}},
		{"given tomorrow", func(cs *domain.Consent) { cs.GivenOn = "2025-03-11" }, []Problem{p("givenOn", RuleFuture)}},
		{"given before birth", func(cs *domain.Consent) { cs.GivenOn = "1995-05-31" }, []Problem{p("givenOn", RuleBeforeBirth)}},
		{"malformed date", func(cs *domain.Consent) { cs.GivenOn = "10.03.2025" }, []Problem{p("givenOn", RuleFormat)}},
		{"a guardian unnamed", func(cs *domain.Consent) { cs.GivenBy = domain.GivenByGuardian }, []Problem{p("giverName", RuleRequired)}},
		{"referral naming no partner and no service", func(cs *domain.Consent) { cs.Purpose = domain.ConsentReferral },
			[]Problem{p("partnerID", RuleRequired), p("services", RuleRequired)}},
		{"referral for an unknown service", func(cs *domain.Consent) {
			cs.Purpose, cs.PartnerID, cs.Services = domain.ConsentReferral, "p-health", []string{"health", "spa"}
		}, []Problem{p("services", RuleUnknownValue)}},
		{"valid referral", func(cs *domain.Consent) {
			cs.Purpose, cs.PartnerID, cs.Services = domain.ConsentReferral, "p-health", []string{"health", "shelter"}
		}, nil},
		{"sharing naming nothing", func(cs *domain.Consent) { cs.Purpose, cs.PartnerID = domain.ConsentSharing, " " },
			[]Problem{p("partnerID", RuleRequired), p("shares", RuleRequired)}},
		{"sharing an unknown part", func(cs *domain.Consent) {
			cs.Purpose, cs.PartnerID, cs.Shares = domain.ConsentSharing, "p-police", []string{"name", "photo"}
		}, []Problem{p("shares", RuleUnknownValue)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := consentBy(c.ID, domain.ConsentAssistance, domain.GivenByPerson)
			tt.edit(&cs)
			got, err := d.kofi.AddConsent(ctx, cs)
			if tt.want == nil {
				if err != nil || got.ID == "" || got.RecordedBy != d.users["kofi"].ID || !got.RecordedAt.Equal(t0) || !got.InForce() {
					t.Errorf("AddConsent = %+v, %v", got, err)
				}
				return
			}
			wantProblems(t, "AddConsent", err, tt.want...)
		})
	}
	t.Run("given a consent of an unknown case then ErrNotFound", func(t *testing.T) {
		_, err := d.kofi.AddConsent(ctx, consentBy("no-such-case", domain.ConsentAssistance, domain.GivenByPerson))
		wantErr(t, "AddConsent", err, ErrNotFound)
	})
	t.Run("given a consent added then audited with the case and purpose", func(t *testing.T) {
		got, err := d.kofi.AddConsent(ctx, consentBy(c.ID, domain.ConsentStatistics, domain.GivenByPerson))
		if err != nil {
			t.Fatal(err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditConsentAdd || e.RecordID != got.ID || e.Detail != "case="+c.ID+" purpose=statistics" {
			t.Errorf("audit = %+v", e)
		}
	})
}

func TestWithdrawConsent(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	cs, err := d.kofi.AddConsent(ctx, consentBy(c.ID, domain.ConsentAssistance, domain.GivenByPerson))
	if err != nil {
		t.Fatal(err)
	}
	d.clock.Advance(26 * time.Hour) // the next day
	got, err := d.sam.WithdrawConsent(ctx, cs.ID, " changed her mind ")
	t.Run("given a consent when withdrawn then dated, explained and by whom", func(t *testing.T) {
		if err != nil || got.InForce() || got.WithdrawnOn != "2025-03-11" || got.WithdrawnReason != "changed her mind" ||
			got.WithdrawnBy != d.users["sam"].ID || got.GivenOn != "2025-03-10" {
			t.Errorf("WithdrawConsent = %+v, %v", got, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditConsentWithdraw || e.RecordID != cs.ID {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given a withdrawn consent then kept: a second revision, listed still", func(t *testing.T) {
		revs := d.revisions(cs.ID)
		if len(revs) != 2 || len(revs[1].Parents) != 1 || revs[1].Parents[0] != revs[0].ID {
			t.Errorf("revisions = %+v", revs)
		}
		list, err := d.kofi.Consents(ctx, c.ID)
		if err != nil || len(list) != 1 || list[0].ID != cs.ID || list[0].InForce() {
			t.Errorf("Consents = %+v, %v", list, err)
		}
		if r, _ := d.db.Record(ctx, cs.ID); r.Status != "withdrawn" {
			t.Errorf("plain status = %q", r.Status)
		}
	})
	t.Run("given a withdrawn consent when withdrawn again then unchanged", func(t *testing.T) {
		again, err := d.kofi.WithdrawConsent(ctx, cs.ID, "again")
		if err != nil || again.WithdrawnReason != "changed her mind" || len(d.revisions(cs.ID)) != 2 {
			t.Errorf("WithdrawConsent again = %+v, %v", again, err)
		}
	})
	t.Run("given an unknown consent then ErrNotFound", func(t *testing.T) {
		_, err := d.kofi.WithdrawConsent(ctx, c.ID, "") // a case id is not a consent
		wantErr(t, "WithdrawConsent", err, ErrNotFound)
	})
}

func TestConsentsList(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	a := d.create(d.kofi, fileAdult())
	b := d.create(d.kofi, fileAdult())
	first, _ := d.kofi.AddConsent(ctx, consentBy(a.ID, domain.ConsentAssistance, domain.GivenByPerson))
	d.clock.Advance(time.Minute)
	second, _ := d.kofi.AddConsent(ctx, consentBy(a.ID, domain.ConsentStatistics, domain.GivenByPerson))
	if _, err := d.kofi.AddConsent(ctx, consentBy(b.ID, domain.ConsentAssistance, domain.GivenByPerson)); err != nil {
		t.Fatal(err)
	}
	list, err := d.kofi.Consents(ctx, a.ID)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("Consents = %+v, %v; want the case's two, latest first", list, err)
	}
	if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseView || e.RecordID != a.ID || e.Detail != "part=consents" {
		t.Errorf("audit = %+v", e)
	}
}

// TestCovers asks the consent question for an adult and for a child, with
// consents in force, withdrawn, for one partner or another, for some
// services or parts of the file.
func TestCovers(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	adult := d.create(d.kofi, fileAdult())
	child := d.create(d.kofi, fileChild())
	add := func(cs domain.Consent) domain.Consent {
		t.Helper()
		got, err := d.kofi.AddConsent(ctx, cs)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	referral := func(caseID string, giver domain.ConsentGiver, partner string, services ...string) domain.Consent {
		cs := consentBy(caseID, domain.ConsentReferral, giver)
		cs.PartnerID, cs.Services = partner, services
		return cs
	}
	sharing := func(caseID string, giver domain.ConsentGiver, partner string, shares ...string) domain.Consent {
		cs := consentBy(caseID, domain.ConsentSharing, giver)
		cs.PartnerID, cs.Shares = partner, shares
		return cs
	}
	type ask struct {
		purpose domain.ConsentPurpose
		partner string
		items   []string
		want    bool
	}
	check := func(t *testing.T, caseID string, asks []ask) {
		t.Helper()
		for _, a := range asks {
			got, err := d.kofi.Covers(ctx, caseID, a.purpose, a.partner, a.items...)
			if err != nil || got != a.want {
				t.Errorf("Covers(%s, %q, %v) = %v, %v; want %v", a.purpose, a.partner, a.items, got, err, a.want)
			}
		}
	}

	t.Run("given an adult with no consent then nothing is covered", func(t *testing.T) {
		check(t, adult.ID, []ask{
			{domain.ConsentAssistance, "", nil, false},
			{domain.ConsentStatistics, "", nil, false},
			{domain.ConsentReferral, "p-health", []string{"health"}, false},
		})
	})
	assist := add(consentBy(adult.ID, domain.ConsentAssistance, domain.GivenByPerson))
	add(referral(adult.ID, domain.GivenByPerson, "p-health", "health", "psychosocial"))
	add(referral(adult.ID, domain.GivenByPerson, "p-health", "shelter"))
	add(sharing(adult.ID, domain.GivenByPerson, "p-police", "name", "trafficking"))
	t.Run("given an adult's consents then each question by purpose, partner and item", func(t *testing.T) {
		check(t, adult.ID, []ask{
			{domain.ConsentAssistance, "", nil, true},
			{domain.ConsentStatistics, "", nil, false},                                      // another purpose
			{domain.ConsentReferral, "p-health", []string{"health"}, true},                  // the partner and service named
			{domain.ConsentReferral, "p-health", []string{"health", "shelter"}, true},       // two consents together
			{domain.ConsentReferral, "p-health", []string{"legal"}, false},                  // a service not named
			{domain.ConsentReferral, "p-health", []string{"health", "legal"}, false},        // one of them not named
			{domain.ConsentReferral, "p-shelter", []string{"health"}, false},                // another partner
			{domain.ConsentReferral, "", []string{"health"}, false},                         // no partner named
			{domain.ConsentReferral, "p-health", nil, true},                                 // the partner, no service asked
			{domain.ConsentSharing, "p-police", []string{"name"}, true},                     // a part named
			{domain.ConsentSharing, "p-police", []string{"name", "contact"}, false},         // contact not named
			{domain.ConsentSharing, "p-health", []string{"name"}, false},                    // sharing with another partner
			{domain.ConsentSharing, "p-police", []string{"name", "trafficking"}, true},      // both named
			{domain.ConsentReferral, "p-police", []string{"health"}, false},                 // sharing is not referral
			{domain.ConsentAssistance, "p-anyone", []string{"whatever"}, true},              // assistance names nothing
			{domain.ConsentSharing, "p-police", []string{"health"}, false},                  // health not shared
			{domain.ConsentReferral, "p-health", []string{"psychosocial", "shelter"}, true}, // across consents
		})
	})
	t.Run("given a consent withdrawn then it covers nothing", func(t *testing.T) {
		if _, err := d.kofi.WithdrawConsent(ctx, assist.ID, ""); err != nil {
			t.Fatal(err)
		}
		check(t, adult.ID, []ask{{domain.ConsentAssistance, "", nil, false}})
	})
	t.Run("given an adult's consent by a relative (proxy) then it counts", func(t *testing.T) {
		cs := consentBy(adult.ID, domain.ConsentStatistics, domain.GivenByParent)
		cs.Method = domain.ConsentProxy
		add(cs)
		check(t, adult.ID, []ask{{domain.ConsentStatistics, "", nil, true}})
	})

	t.Run("given a child's own referral consent alone then not covered", func(t *testing.T) {
		add(referral(child.ID, domain.GivenByPerson, "p-health", "health"))
		add(sharing(child.ID, domain.GivenByPerson, "p-police", "name"))
		check(t, child.ID, []ask{
			{domain.ConsentReferral, "p-health", []string{"health"}, false},
			{domain.ConsentSharing, "p-police", []string{"name"}, false},
		})
	})
	var guardian domain.Consent
	t.Run("given the guardian's consent as well then covered, for what both name", func(t *testing.T) {
		guardian = add(referral(child.ID, domain.GivenByGuardian, "p-health", "health", "shelter"))
		add(sharing(child.ID, domain.GivenBySocialWorker, "p-police", "name", "guardian"))
		check(t, child.ID, []ask{
			{domain.ConsentReferral, "p-health", []string{"health"}, true},
			{domain.ConsentReferral, "p-health", []string{"shelter"}, false}, // the child did not agree to shelter
			{domain.ConsentSharing, "p-police", []string{"name"}, true},
			{domain.ConsentSharing, "p-police", []string{"guardian"}, false},
		})
	})
	t.Run("given a guardian's consent without the child's then not covered", func(t *testing.T) {
		add(referral(child.ID, domain.GivenByParent, "p-legal", "legal"))
		check(t, child.ID, []ask{{domain.ConsentReferral, "p-legal", []string{"legal"}, false}})
	})
	t.Run("given the guardian's consent withdrawn then the child's alone covers nothing again", func(t *testing.T) {
		if _, err := d.kofi.WithdrawConsent(ctx, guardian.ID, ""); err != nil {
			t.Fatal(err)
		}
		check(t, child.ID, []ask{{domain.ConsentReferral, "p-health", []string{"health"}, false}})
	})
	t.Run("given a child's assistance consent by either then covered", func(t *testing.T) {
		add(consentBy(child.ID, domain.ConsentAssistance, domain.GivenBySocialWorker))
		check(t, child.ID, []ask{{domain.ConsentAssistance, "", nil, true}})
	})
	t.Run("given another worker's case then forbidden", func(t *testing.T) {
		_, err := d.tina.Covers(ctx, child.ID, domain.ConsentAssistance, "")
		wantErr(t, "Covers", err, ErrForbidden)
	})
}
