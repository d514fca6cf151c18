package casework

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// Plain status column of a consent record: whether it is in force. It says
// nothing about the person.
const (
	consentInForce   = "in-force"
	consentWithdrawn = "withdrawn"
)

func consentColumns(c domain.Consent) store.RecordColumns {
	if c.WithdrawnOn != "" {
		return store.RecordColumns{Status: consentWithdrawn}
	}
	return store.RecordColumns{Status: consentInForce}
}

// namesPartner reports whether a consent purpose is for a named partner.
func namesPartner(p domain.ConsentPurpose) bool {
	return p == domain.ConsentReferral || p == domain.ConsentSharing
}

// validateConsent checks a new consent of a case about person p.
func validateConsent(c domain.Consent, p domain.Person, today time.Time) []Problem {
	ch := newChecker(today, p)
	required := []struct{ field, value string }{
		{"purpose", string(c.Purpose)}, {"givenBy", string(c.GivenBy)}, {"method", string(c.Method)}, {"givenOn", c.GivenOn},
	}
	for _, r := range required {
		if r.value == "" {
			ch.add(r.field, RuleRequired)
		}
	}
	oneOf(ch, "purpose", c.Purpose, domain.ConsentPurposes)
	oneOf(ch, "givenBy", c.GivenBy, domain.ConsentGivers)
	if c.GivenBy != "" && c.GivenBy != domain.GivenByPerson && blank(c.GiverName) {
		ch.add("giverName", RuleRequired) // who the parent, guardian or officer is
	}
	oneOf(ch, "method", c.Method, domain.ConsentMethods)
	if d, ok := ch.pastDate("givenOn", c.GivenOn); ok {
		ch.lifeDate("givenOn", d)
	}
	if namesPartner(c.Purpose) && blank(c.PartnerID) {
		ch.add("partnerID", RuleRequired)
	}
	if c.Purpose == domain.ConsentReferral && len(c.Services) == 0 {
		ch.add("services", RuleRequired)
	}
	allOf(ch, "services", c.Services, domain.ServiceTypes)
	if c.Purpose == domain.ConsentSharing && len(c.Shares) == 0 {
		ch.add("shares", RuleRequired)
	}
	allOf(ch, "shares", c.Shares, domain.ShareFields)
	return ch.problems
}

// AddConsent records a consent of a case: what it is for, who gave it, how
// and when. Referral and sharing consents name the partner, and the
// services or the parts of the file they cover. It is recorded whoever
// gave it; for a child, Covers asks for a parent's, guardian's or social
// worker's consent besides the child's own. Audited as consent.add.
func (ss *Session) AddConsent(ctx context.Context, c domain.Consent) (domain.Consent, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Consent{}, err
	}
	cs, _, err := ss.loadCase(ctx, c.CaseID)
	if err != nil {
		return domain.Consent{}, err
	}
	c.ID, c.RecordedBy = uuid.NewString(), user.ID
	c.PartnerID, c.GiverName = strings.TrimSpace(c.PartnerID), strings.TrimSpace(c.GiverName)
	c.WithdrawnOn, c.WithdrawnReason, c.WithdrawnBy = "", "", ""
	c.Services, c.Shares = slices.Clone(c.Services), slices.Clone(c.Shares)
	if problems := validateConsent(c, cs.Person, ss.today()); len(problems) > 0 {
		return domain.Consent{}, &ValidationErrors{Problems: problems}
	}
	err = ss.commit(ctx, "add consent", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		c.RecordedAt = now
		body, err := json.Marshal(c)
		if err != nil {
			return nil, nil, errorf("add consent", err)
		}
		return []draft{{kind: kindConsent, recordID: c.ID, body: body, cols: consentColumns(c)}},
			[]domain.AuditEntry{ss.s.entry(domain.AuditConsentAdd, user.ID, c.ID, "case="+c.CaseID+" purpose="+string(c.Purpose))}, nil
	})
	if err != nil {
		return domain.Consent{}, err
	}
	return c, nil
}

// WithdrawConsent records that a consent was withdrawn today, with the
// reason if one was given; the consent is kept, never deleted. A consent
// already withdrawn is returned as it is. Audited as consent.withdraw.
func (ss *Session) WithdrawConsent(ctx context.Context, consentID, reason string) (domain.Consent, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Consent{}, err
	}
	var c domain.Consent
	head, err := ss.openRecordAs(ctx, kindConsent, consentID, &c)
	if err != nil {
		return domain.Consent{}, err
	}
	if _, _, err := ss.loadCase(ctx, c.CaseID); err != nil {
		return domain.Consent{}, err
	}
	if c.WithdrawnOn != "" {
		return c, nil
	}
	c.WithdrawnOn, c.WithdrawnReason, c.WithdrawnBy = ss.today().Format(dayLayout), strings.TrimSpace(reason), user.ID
	err = ss.commit(ctx, "withdraw consent", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if h, err := tx.RecordHead(ctx, c.ID); err != nil {
			return nil, nil, err
		} else if h != head {
			return nil, nil, &RuleError{Rule: RuleStale}
		}
		body, err := json.Marshal(c)
		if err != nil {
			return nil, nil, errorf("withdraw consent", err)
		}
		return []draft{{kind: kindConsent, recordID: c.ID, parents: []string{head}, body: body, cols: consentColumns(c)}},
			[]domain.AuditEntry{ss.s.entry(domain.AuditConsentWithdraw, user.ID, c.ID, "case="+c.CaseID+" purpose="+string(c.Purpose))}, nil
	})
	if err != nil {
		return domain.Consent{}, err
	}
	return c, nil
}

// caseConsents opens the consents of a case the user may see, and the case.
func (ss *Session) caseConsents(ctx context.Context, caseID string) ([]domain.Consent, domain.Case, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, domain.Case{}, err
	}
	cs, _, err := ss.loadCase(ctx, caseID)
	if err != nil {
		return nil, domain.Case{}, err
	}
	consents, err := openChildren(ctx, ss, kindConsent, caseID, func(c *domain.Consent) string { return c.CaseID })
	return consents, cs, err
}

// Consents lists a case's consents, in force and withdrawn, the latest
// recorded first. Audited as case.view with part=consents.
func (ss *Session) Consents(ctx context.Context, caseID string) ([]domain.Consent, error) {
	consents, _, err := ss.caseConsents(ctx, caseID)
	if err != nil {
		return nil, err
	}
	sort.Slice(consents, func(i, j int) bool {
		a, b := consents[i], consents[j]
		if !a.RecordedAt.Equal(b.RecordedAt) {
			return a.RecordedAt.After(b.RecordedAt)
		}
		return a.ID < b.ID
	})
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, caseID, "part=consents"); err != nil {
		return nil, err
	}
	return consents, nil
}

// Covers answers the question every later feature asks before it refers,
// shares or counts: do the consents in force of the case allow purpose,
// for partnerID when the purpose names a partner (referral, sharing), and
// for every item (a service of ServiceTypes for a referral, a part of
// ShareFields for sharing)? Items may be covered by different consents.
// For a child, a referral or sharing needs the child's own consent and that
// of a parent, guardian or social worker, each covering every item: a
// child's consent alone does not cover them. Not audited: it reads no
// personal data out.
func (ss *Session) Covers(ctx context.Context, caseID string, purpose domain.ConsentPurpose, partnerID string, items ...string) (bool, error) {
	consents, cs, err := ss.caseConsents(ctx, caseID)
	if err != nil {
		return false, err
	}
	return covers(consents, cs.Person, ss.today(), purpose, partnerID, items), nil
}

// covers is Covers over the consents of a case about person p.
func covers(consents []domain.Consent, p domain.Person, today time.Time, purpose domain.ConsentPurpose,
	partnerID string, items []string) bool {
	child, _ := ChildStatus(p, today)
	return coversFor(consents, child, today, purpose, partnerID, items)
}

// coversFor is covers for a person known to be a child or not.
func coversFor(consents []domain.Consent, child bool, _ time.Time, purpose domain.ConsentPurpose,
	partnerID string, items []string) bool {
	if namesPartner(purpose) && partnerID == "" {
		return false
	}
	var relevant []domain.Consent
	for _, c := range consents {
		if c.InForce() && c.Purpose == purpose && (!namesPartner(purpose) || c.PartnerID == partnerID) {
			relevant = append(relevant, c)
		}
	}
	// by reports whether consents from givers that match cover every item.
	by := func(match func(domain.ConsentGiver) bool) bool {
		var from []domain.Consent
		for _, c := range relevant {
			if match(c.GivenBy) {
				from = append(from, c)
			}
		}
		if len(from) == 0 {
			return false
		}
		for _, item := range items {
			covered := false
			for _, c := range from {
				switch purpose {
				case domain.ConsentReferral:
					covered = covered || slices.Contains(c.Services, item)
				case domain.ConsentSharing:
					covered = covered || slices.Contains(c.Shares, item)
				default:
					covered = true // assistance and statistics name no items
				}
			}
			if !covered {
				return false
			}
		}
		return true
	}
	anyone := func(domain.ConsentGiver) bool { return true }
	if child && namesPartner(purpose) {
		self := func(g domain.ConsentGiver) bool { return g == domain.GivenByPerson }
		adult := func(g domain.ConsentGiver) bool { return g != domain.GivenByPerson }
		return by(self) && by(adult)
	}
	return by(anyone)
}
