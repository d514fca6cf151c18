package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// kindReferral is the record kind of a referral.
const kindReferral = "referral"

// Rules that refuse a referral action.
const (
	// RuleReferralConsent: no consent in force to refer the person to this
	// partner for these services (for a child: the child's and an adult's).
	RuleReferralConsent = "referral-consent"
	// RuleReferralState: the referral cannot go to that state from where it is.
	RuleReferralState = "referral-state"
	// RulePartnerInactive: the partner was deactivated.
	RulePartnerInactive = "partner-inactive"
)

// MaxReferralReasonRunes bounds a referral's reason: what the service
// needs, not the whole story.
const MaxReferralReasonRunes = 4000

// nextStates says where a referral may go from each state.
var nextStates = map[domain.ReferralState][]domain.ReferralState{
	domain.ReferralDraft:        {domain.ReferralSent, domain.ReferralClosed},
	domain.ReferralSent:         {domain.ReferralAcknowledged, domain.ReferralAccepted, domain.ReferralDeclined, domain.ReferralClosed},
	domain.ReferralAcknowledged: {domain.ReferralAccepted, domain.ReferralDeclined, domain.ReferralClosed},
	domain.ReferralAccepted:     {domain.ReferralServiceGiven, domain.ReferralClosed},
	domain.ReferralDeclined:     {domain.ReferralClosed},
	domain.ReferralServiceGiven: {domain.ReferralClosed},
}

// NextReferralStates lists the states a referral may move to.
func NextReferralStates(s domain.ReferralState) []domain.ReferralState {
	return slices.Clone(nextStates[s])
}

// validateReferral checks the worker's part of a referral against the case.
func validateReferral(r domain.Referral, child bool) []Problem {
	var out []Problem
	add := func(field, rule string) { out = append(out, Problem{Field: field, Rule: rule}) }
	if r.PartnerID == "" {
		add("partnerId", RuleRequired)
	}
	if len(r.Services) == 0 {
		add("services", RuleRequired)
	}
	for _, list := range []struct {
		field  string
		values []string
		known  []string
	}{{"services", r.Services, domain.ServiceTypes}, {"given", r.Given, domain.ServiceTypes}, {"shares", r.Shares, domain.LetterShareFields}} {
		for _, v := range list.values {
			if !slices.Contains(list.known, v) {
				add(list.field, RuleUnknownValue)
				break
			}
		}
	}
	if r.Priority == "" {
		add("priority", RuleRequired)
	} else if !slices.Contains(domain.ReferralPriorities, r.Priority) {
		add("priority", RuleUnknownValue)
	}
	switch reason := strings.TrimSpace(r.Reason); {
	case reason == "":
		add("reason", RuleRequired)
	case len([]rune(reason)) > MaxReferralReasonRunes:
		add("reason", RuleTooLarge)
	}
	if r.Language != "" && !domain.KnownLanguage(r.Language) {
		add("language", RuleUnknownValue)
	}
	if child {
		switch r.GuardianInformed {
		case "":
			add("guardianInformed", RuleRequired)
		case "yes":
		case "no":
			if strings.TrimSpace(r.GuardianNotInformed) == "" {
				add("guardianNotInformed", RuleRequired)
			}
		default:
			add("guardianInformed", RuleUnknownValue)
		}
	}
	return out
}

// SaveReferral creates a draft referral (when r.ID is empty) or saves a
// change to a draft, as a revision by the session's user. The case must be
// visible and open, the partner active. The letter's language defaults to
// the partner's. Audited as referral.create or referral.edit.
func (ss *Session) SaveReferral(ctx context.Context, r domain.Referral) (domain.Referral, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Referral{}, err
	}
	cs, _, err := ss.loadCase(ctx, r.CaseID)
	if err != nil {
		return domain.Referral{}, err
	}
	if isClosed(cs.Status) {
		return domain.Referral{}, &RuleError{Rule: RuleClosed}
	}
	child, _ := ChildStatus(cs.Person, ss.today())
	r.Reason = strings.TrimSpace(r.Reason)
	if problems := validateReferral(r, child); len(problems) > 0 {
		return domain.Referral{}, &ValidationErrors{Problems: problems}
	}
	partner, err := ss.Partner(ctx, r.PartnerID)
	if err != nil {
		return domain.Referral{}, &ValidationErrors{Problems: []Problem{{Field: "partnerId", Rule: RuleUnknownValue}}}
	}
	if partner.Inactive {
		return domain.Referral{}, &RuleError{Rule: RulePartnerInactive}
	}
	if r.Language == "" {
		r.Language = partner.LetterLanguage()
	}
	head, action := "", domain.AuditReferralCreate
	if r.ID != "" {
		cur, h, err := ss.loadReferral(ctx, r.ID)
		if err != nil {
			return domain.Referral{}, err
		}
		if cur.State != domain.ReferralDraft || cur.CaseID != r.CaseID {
			return domain.Referral{}, &RuleError{Rule: RuleReferralState}
		}
		head, action = h, domain.AuditReferralEdit
		r.Number, r.Created, r.CreatedBy, r.Events = cur.Number, cur.Created, cur.CreatedBy, cur.Events
	} else {
		r.ID, r.CreatedBy = uuid.NewString(), user.ID
	}
	r.State = domain.ReferralDraft
	var number string
	if r.Number == "" {
		list, err := ss.referralsOf(ctx, cs.ID)
		if err != nil {
			return domain.Referral{}, err
		}
		number = fmt.Sprintf("%s-R%d", cs.Code, len(list)+1)
	}
	err = ss.commit(ctx, "save referral", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if head != "" {
			if h, err := tx.RecordHead(ctx, r.ID); err != nil {
				return nil, nil, err
			} else if h != head {
				return nil, nil, &RuleError{Rule: RuleStale}
			}
		} else {
			r.Number, r.Created = number, now
			r.Events = []domain.ReferralEvent{{State: domain.ReferralDraft, On: isoDate(now), By: user.ID, At: now}}
		}
		r.Updated = now
		d, err := referralDraft(r, head)
		if err != nil {
			return nil, nil, err
		}
		return []draft{d}, []domain.AuditEntry{ss.s.entry(action, user.ID, r.ID, "case="+cs.ID)}, nil
	})
	if err != nil {
		return domain.Referral{}, err
	}
	return r, nil
}

func isoDate(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func referralDraft(r domain.Referral, head string) (draft, error) {
	return recordDraft(kindReferral, r.ID, r, head)
}

// loadReferral opens a referral of a case the user may see.
func (ss *Session) loadReferral(ctx context.Context, id string) (domain.Referral, string, error) {
	return loadCaseRecord(ctx, ss, kindReferral, id, func(r *domain.Referral) string { return r.CaseID })
}

// Referral opens one referral.
func (ss *Session) Referral(ctx context.Context, id string) (domain.Referral, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return domain.Referral{}, err
	}
	r, _, err := ss.loadReferral(ctx, id)
	return r, err
}

func (ss *Session) referralsOf(ctx context.Context, caseID string) ([]domain.Referral, error) {
	list, err := openChildren(ctx, ss, kindReferral, caseID, func(r *domain.Referral) string { return r.CaseID })
	if err != nil {
		return nil, err
	}
	sortReferrals(list)
	return list, nil
}

// sortReferrals puts the newest first.
func sortReferrals(list []domain.Referral) {
	sort.Slice(list, func(i, j int) bool {
		if !list[i].Created.Equal(list[j].Created) {
			return list[i].Created.After(list[j].Created)
		}
		return list[i].ID > list[j].ID
	})
}

// Referrals lists a case's referrals, the newest first. Audited as
// case.view with part=referrals.
func (ss *Session) Referrals(ctx context.Context, caseID string) ([]domain.Referral, error) {
	return viewCasePart(ctx, ss, caseID, "referrals", ss.referralsOf)
}

// ReferralItem is a referral with its case, for the Referrals view and
// the dashboard.
type ReferralItem struct {
	Referral domain.Referral
	Case     CaseSummary
	Partner  string // the partner's name
	Overdue  bool
}

// ReferralFilter narrows the office's referral list: only open ones, only
// overdue ones.
type ReferralFilter struct {
	OpenOnly    bool
	OverdueOnly bool
}

// AllReferrals lists the referrals of the cases the user may see, overdue
// first, then by due time, then the newest.
func (ss *Session) AllReferrals(ctx context.Context, f ReferralFilter) ([]ReferralItem, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return nil, err
	}
	bodies, err := ss.openHeads(ctx, kindReferral)
	if err != nil {
		return nil, err
	}
	var refs []domain.Referral
	for id, b := range bodies {
		var r domain.Referral
		err := json.Unmarshal(b, &r)
		clear(b)
		if err != nil {
			return nil, errorf("read referral "+id, err)
		}
		refs = append(refs, r)
	}
	now, today := ss.s.now(), ss.today()
	names := map[string]string{}
	cases := map[string]*CaseSummary{}
	var out []ReferralItem
	for _, r := range refs {
		overdue := r.Overdue(now)
		if (f.OpenOnly && !r.Open()) || (f.OverdueOnly && !overdue) {
			continue
		}
		cs, seen := cases[r.CaseID]
		if !seen {
			c, _, err := ss.loadCase(ctx, r.CaseID)
			if err == nil && userSees(user, c) {
				sum := caseSummary(c, today)
				cs = &sum
			}
			cases[r.CaseID] = cs
		}
		if cs == nil {
			continue
		}
		name, ok := names[r.PartnerID]
		if !ok {
			if p, err := ss.Partner(ctx, r.PartnerID); err == nil {
				name = p.Name
			}
			names[r.PartnerID] = name
		}
		out = append(out, ReferralItem{Referral: r, Case: *cs, Partner: name, Overdue: overdue})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if !a.Referral.Due.Equal(b.Referral.Due) {
			return a.Referral.Due.Before(b.Referral.Due)
		}
		return a.Referral.Created.After(b.Referral.Created)
	})
	return out, nil
}

// ReferralConsent says what consent allows for a referral: whether the
// person may be referred to the partner for the services, and which of
// the items the worker chose to share may appear in the letter (the
// others are withheld). For a child both the child's and an adult's
// consent are needed.
type ReferralConsent struct {
	MayRefer bool
	Shown    []string // domain.LetterShareFields the letter shows
	Withheld []string // chosen, but not covered by consent
}

// CheckReferralConsent answers ReferralConsent for r (saved or not).
func (ss *Session) CheckReferralConsent(ctx context.Context, r domain.Referral) (ReferralConsent, error) {
	consents, cs, err := ss.caseConsents(ctx, r.CaseID)
	if err != nil {
		return ReferralConsent{}, err
	}
	today := ss.today()
	var out ReferralConsent
	out.MayRefer = r.PartnerID != "" && len(r.Services) > 0 &&
		covers(consents, cs.Person, today, domain.ConsentReferral, r.PartnerID, r.Services)
	for _, item := range domain.LetterShareFields {
		if !slices.Contains(r.Shares, item) {
			continue
		}
		if covers(consents, cs.Person, today, domain.ConsentSharing, r.PartnerID, []string{item}) {
			out.Shown = append(out.Shown, item)
		} else {
			out.Withheld = append(out.Withheld, item)
		}
	}
	return out, nil
}

// MoveReferral takes a referral to a next state on a day, with a note
// (the reason, for a decline; required then). Sending needs consent to
// refer (RuleReferralConsent) and says how it went (domain.ReferralSentHow)
// and sets the due time from the priority. Audited as referral.state.
func (ss *Session) MoveReferral(ctx context.Context, id string, to domain.ReferralState, on, how, note string) (domain.Referral, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Referral{}, err
	}
	r, head, err := ss.loadReferral(ctx, id)
	if err != nil {
		return domain.Referral{}, err
	}
	if !slices.Contains(nextStates[r.State], to) {
		return domain.Referral{}, &RuleError{Rule: RuleReferralState}
	}
	note = strings.TrimSpace(note)
	var problems []Problem
	day, perr := time.Parse(time.DateOnly, on)
	switch {
	case on == "":
		problems = append(problems, Problem{Field: "on", Rule: RuleRequired})
	case perr != nil:
		problems = append(problems, Problem{Field: "on", Rule: RuleFormat})
	case day.After(ss.today()):
		problems = append(problems, Problem{Field: "on", Rule: RuleFuture})
	}
	if to == domain.ReferralSent {
		if how == "" {
			problems = append(problems, Problem{Field: "how", Rule: RuleRequired})
		} else if !slices.Contains(domain.ReferralSentHow, how) {
			problems = append(problems, Problem{Field: "how", Rule: RuleUnknownValue})
		}
	}
	if to == domain.ReferralDeclined && note == "" {
		problems = append(problems, Problem{Field: "note", Rule: RuleRequired})
	}
	if len([]rune(note)) > MaxReferralReasonRunes {
		problems = append(problems, Problem{Field: "note", Rule: RuleTooLarge})
	}
	if len(problems) > 0 {
		return domain.Referral{}, &ValidationErrors{Problems: problems}
	}
	if to == domain.ReferralSent {
		check, err := ss.CheckReferralConsent(ctx, r)
		if err != nil {
			return domain.Referral{}, err
		}
		if !check.MayRefer {
			return domain.Referral{}, &RuleError{Rule: RuleReferralConsent}
		}
	}
	err = ss.commit(ctx, "move referral", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if h, err := tx.RecordHead(ctx, r.ID); err != nil {
			return nil, nil, err
		} else if h != head {
			return nil, nil, &RuleError{Rule: RuleStale}
		}
		switch to {
		case domain.ReferralSent:
			r.SentOn, r.SentHow = on, how
			start := day
			if on == isoDate(now) {
				start = now // sent today: the clock runs from now
			}
			r.Due = start.Add(r.Priority.Within())
		case domain.ReferralDeclined:
			r.DeclinedReason = note
		}
		r.State, r.Updated = to, now
		r.Events = append(r.Events, domain.ReferralEvent{State: to, On: on, By: user.ID, Note: note, At: now})
		d, err := referralDraft(r, head)
		if err != nil {
			return nil, nil, err
		}
		return []draft{d}, []domain.AuditEntry{ss.s.entry(domain.AuditReferralState, user.ID, r.ID, "state="+string(to))}, nil
	})
	if err != nil {
		return domain.Referral{}, err
	}
	return r, nil
}
