package casework

import (
	"context"
	"slices"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/letter"
)

// Documents: casework assembles what a document may show from the case
// and its consents; internal/letter renders it. Every assembly is audited
// as document.print with the kind of document.

// staffName is a user's display name, or "" when unknown.
func (ss *Session) staffName(ctx context.Context, id string) string {
	if id == ss.User().ID {
		return ss.User().Name
	}
	users, err := ss.s.LoginUsers(ctx)
	if err == nil {
		for _, u := range users {
			if u.ID == id {
				return u.Name
			}
		}
	}
	return ""
}

// consentFacts turns the consents in force of the purposes given (for the
// partner, when they name one) into what a document states.
func consentFacts(consents []domain.Consent, partnerID string, purposes ...domain.ConsentPurpose) []letter.ConsentFacts {
	var out []letter.ConsentFacts
	for _, c := range consents {
		if !c.InForce() || !slices.Contains(purposes, c.Purpose) || (namesPartner(c.Purpose) && partnerID != "" && c.PartnerID != partnerID) {
			continue
		}
		out = append(out, letter.ConsentFacts{Purpose: c.Purpose, GivenBy: c.GivenBy, GiverName: c.GiverName,
			Method: c.Method, GivenOn: c.GivenOn, Services: c.Services, Shares: c.Shares})
	}
	return out
}

// ReferralLetter assembles a referral's letter, in lang (the referral's
// language when empty): the person's name, birth date, contact, languages,
// guardian's name and disability appear only where the consent to share
// with this partner covers them, and the worker chose to share them; the
// case code always. Audited as document.print with doc=referral.
func (ss *Session) ReferralLetter(ctx context.Context, id, lang string) (letter.ReferralLetter, error) {
	user, office, err := ss.caseUser()
	if err != nil {
		return letter.ReferralLetter{}, err
	}
	r, _, err := ss.loadReferral(ctx, id)
	if err != nil {
		return letter.ReferralLetter{}, err
	}
	if lang == "" {
		lang = r.Language
	}
	if !domain.KnownLanguage(lang) {
		return letter.ReferralLetter{}, &ValidationErrors{Problems: []Problem{{Field: "language", Rule: RuleUnknownValue}}}
	}
	partner, err := ss.Partner(ctx, r.PartnerID)
	if err != nil {
		return letter.ReferralLetter{}, err
	}
	consents, cs, err := ss.caseConsents(ctx, r.CaseID)
	if err != nil {
		return letter.ReferralLetter{}, err
	}
	check, err := ss.CheckReferralConsent(ctx, r)
	if err != nil {
		return letter.ReferralLetter{}, err
	}
	shown := func(item string) bool { return slices.Contains(check.Shown, item) }
	today := ss.today()
	p := cs.Person
	facts := letter.PersonFacts{CaseCode: cs.Code, Gender: string(p.Gender)}
	if shown("name") {
		facts.Name = displayName(p)
	}
	if shown("birth-date") {
		facts.BirthDate = p.BirthDate
	}
	if facts.BirthDate == "" {
		if age, known := personAge(p, today); known {
			facts.Age = age // the age, needed to serve, without the date
		}
	}
	if shown("languages") {
		facts.Languages = p.Languages
	}
	if shown("contact") && p.ContactConsent {
		facts.Contact = firstNonEmpty(p.Phone, p.Email, p.Address)
	}
	if shown("health") {
		facts.Disability = p.Disability
	}
	out := letter.ReferralLetter{
		Office: office, Lang: lang, Number: r.Number, Date: ss.s.now(), Priority: r.Priority, Due: r.Due,
		Partner: partner, Person: facts, Reason: r.Reason, Services: r.Services, Given: r.Given,
		Consents: consentFacts(consents, r.PartnerID, domain.ConsentReferral, domain.ConsentSharing),
		Worker:   letter.Worker{Name: ss.staffName(ctx, r.CreatedBy), Phone: office.Phone, Email: office.Email},
		Created:  ss.s.now(),
	}
	// The consent statement says who gave consent by their role; a name
	// only where sharing the guardian's is allowed, never the person's own
	// (the case code stands for them).
	for i := range out.Consents {
		if out.Consents[i].GivenBy == domain.GivenByPerson || !shown("guardian") {
			out.Consents[i].GiverName = ""
		}
	}
	if out.Due.IsZero() {
		out.Due = ss.s.now().Add(r.Priority.Within())
	}
	if child, _ := ChildStatus(p, today); child {
		cf := &letter.ChildFacts{GuardianRelation: cs.Child.Guardian.Relation, Unaccompanied: cs.Child.Unaccompanied,
			Separated: cs.Child.Separated, GuardianInformed: r.GuardianInformed, NotInformedWhy: r.GuardianNotInformed}
		if shown("guardian") {
			cf.GuardianName = cs.Child.Guardian.Name
		}
		out.Child = cf
	}
	if err := ss.s.audit(ctx, domain.AuditDocumentPrint, user.ID, r.ID, "doc=referral case="+cs.ID); err != nil {
		return letter.ReferralLetter{}, err
	}
	return out, nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// ConsentFormFor assembles the consent form of a case to read aloud and
// sign, for the purposes given (all when none), naming a partner and the
// services or items when the purposes need them. Audited as
// document.print with doc=consent.
func (ss *Session) ConsentFormFor(ctx context.Context, caseID, lang string, purposes []domain.ConsentPurpose,
	partnerID string, services, shares []string) (letter.ConsentForm, error) {
	user, office, err := ss.caseUser()
	if err != nil {
		return letter.ConsentForm{}, err
	}
	cs, _, err := ss.loadCase(ctx, caseID)
	if err != nil {
		return letter.ConsentForm{}, err
	}
	if lang == "" {
		lang = office.Lang
	}
	if !domain.KnownLanguage(lang) {
		return letter.ConsentForm{}, &ValidationErrors{Problems: []Problem{{Field: "language", Rule: RuleUnknownValue}}}
	}
	form := letter.ConsentForm{Office: office, Lang: lang, CaseCode: cs.Code, Name: displayName(cs.Person),
		Purposes: purposes, Services: services, Shares: shares, Created: ss.s.now()}
	form.Child, _ = ChildStatus(cs.Person, ss.today())
	if partnerID != "" {
		partner, err := ss.Partner(ctx, partnerID)
		if err != nil {
			return letter.ConsentForm{}, err
		}
		form.Partner = partner.Name
	}
	if err := ss.s.audit(ctx, domain.AuditDocumentPrint, user.ID, cs.ID, "doc=consent"); err != nil {
		return letter.ConsentForm{}, err
	}
	return form, nil
}

// CaseSummaryFor assembles a case's summary for a case conference or a
// transfer: the case file, its consents, referrals and interviews. Audited
// as document.print with doc=summary.
func (ss *Session) CaseSummaryFor(ctx context.Context, caseID, lang string, guideTitle func(id string) string) (letter.CaseSummary, error) {
	user, office, err := ss.caseUser()
	if err != nil {
		return letter.CaseSummary{}, err
	}
	consents, cs, err := ss.caseConsents(ctx, caseID)
	if err != nil {
		return letter.CaseSummary{}, err
	}
	if lang == "" {
		lang = office.Lang
	}
	if !domain.KnownLanguage(lang) {
		return letter.CaseSummary{}, &ValidationErrors{Problems: []Problem{{Field: "language", Rule: RuleUnknownValue}}}
	}
	refs, err := ss.referralsOf(ctx, caseID)
	if err != nil {
		return letter.CaseSummary{}, err
	}
	sessions, err := ss.interviewsOf(ctx, caseID)
	if err != nil {
		return letter.CaseSummary{}, err
	}
	sum := letter.CaseSummary{Office: office, Lang: lang, Case: cs, Created: ss.s.now(),
		Consents: consentFacts(consents, "", domain.ConsentPurposes...),
		Worker:   letter.Worker{Name: ss.staffName(ctx, cs.AssignedTo), Phone: office.Phone, Email: office.Email}}
	for _, r := range refs {
		name := ""
		if p, err := ss.Partner(ctx, r.PartnerID); err == nil {
			name = p.Name
		}
		sum.Referrals = append(sum.Referrals, letter.ReferralLine{Number: r.Number, Partner: name, Services: r.Services,
			Priority: r.Priority, State: r.State, SentOn: r.SentOn})
	}
	for _, s := range sessions {
		title := s.GuideID
		if guideTitle != nil {
			title = guideTitle(s.GuideID)
		}
		sum.Interviews = append(sum.Interviews, letter.InterviewLine{On: s.StartedAt, Guide: title, Outcome: s.Outcome, Phases: len(s.Phases)})
	}
	if err := ss.s.audit(ctx, domain.AuditDocumentPrint, user.ID, cs.ID, "doc=summary"); err != nil {
		return letter.CaseSummary{}, err
	}
	return sum, nil
}
