package casework

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// Refusals of case actions beyond the contract's rules (*RuleError).
const (
	// RuleStale: the record was saved by someone else since it was read;
	// open it again and redo the change.
	RuleStale = "stale"
	// RuleClosed: the case is already closed.
	RuleClosed = "closed"
	// RuleNotClosed: only a closed case can be reopened.
	RuleNotClosed = "not-closed"
)

// Age limits.
const (
	AdultAge = 18  // under this, a child
	MaxAge   = 120 // over this, an age is taken for a mistake
)

// minBirthDate is the earliest birth date taken for real.
var minBirthDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// dayLayout is how dates are written in records: YYYY-MM-DD.
const dayLayout = "2006-01-02"

// dateOf is t's calendar date (in t's location) at midnight UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// parseDate reads a YYYY-MM-DD date.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dayLayout, s)
	return t, err == nil
}

// parsePeriod reads YYYY-MM-DD, YYYY-MM or YYYY as the first and last day
// of the period it names.
func parsePeriod(s string) (first, last time.Time, ok bool) {
	if t, err := time.Parse(dayLayout, s); err == nil {
		return t, t, true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, t.AddDate(0, 1, -1), true
	}
	if t, err := time.Parse("2006", s); err == nil {
		return t, t.AddDate(1, 0, -1), true
	}
	return time.Time{}, time.Time{}, false
}

// ageOn is the age in whole years on day of someone born on birth.
func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// personAge is p's age today: from the birth date when it is valid,
// otherwise from the estimate; known is false when neither gives one.
func personAge(p domain.Person, today time.Time) (age int, known bool) {
	today = dateOf(today)
	if b, ok := parseDate(p.BirthDate); ok && !b.After(today) {
		return ageOn(b, today), true
	}
	if p.AgeEstimate > 0 {
		return p.AgeEstimate, true
	}
	return 0, false
}

// ChildStatus says whether p is treated as a child today: under 18 by the
// birth date or, without one, by the estimate; or, when the age is
// uncertain (marked so, or neither birth date nor estimate known) and there
// are reasons to believe they are under 18 (MayBeChild), by presumption of
// age, until the age is verified: then presumed is true too.
func ChildStatus(p domain.Person, today time.Time) (isChild, presumed bool) {
	age, known := personAge(p, today)
	if known && age < AdultAge {
		return true, false
	}
	if (p.AgeUncertain || !known) && p.MayBeChild {
		return true, true
	}
	return false, false
}

// stageIndex is the position of s in the SOP order, -1 when unknown.
func stageIndex(s domain.Stage) int { return slices.Index(domain.Stages, s) }

// checker collects the problems of one record.
type checker struct {
	today    time.Time
	birth    time.Time // zero when unknown
	problems []Problem
}

func newChecker(today time.Time, p domain.Person) *checker {
	ch := &checker{today: dateOf(today)}
	if b, ok := parseDate(p.BirthDate); ok && !b.After(ch.today) {
		ch.birth = b
	}
	return ch
}

func (ch *checker) add(field, rule string) {
	ch.problems = append(ch.problems, Problem{Field: field, Rule: rule})
}

// date checks a YYYY-MM-DD date; "" is no date and no problem.
func (ch *checker) date(field, s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, ok := parseDate(s)
	if !ok {
		ch.add(field, RuleFormat)
	}
	return t, ok
}

// pastDate checks a date that cannot be after today.
func (ch *checker) pastDate(field, s string) (time.Time, bool) {
	t, ok := ch.date(field, s)
	if ok && t.After(ch.today) {
		ch.add(field, RuleFuture)
		return t, false
	}
	return t, ok
}

// lifeDate checks a date in the person's life: not before their birth.
func (ch *checker) lifeDate(field string, t time.Time) {
	if !ch.birth.IsZero() && t.Before(ch.birth) {
		ch.add(field, RuleBeforeBirth)
	}
}

// oneOf checks a single choice against its vocabulary; "" is no choice.
func oneOf[T ~string](ch *checker, field string, v T, vocab []T) {
	if v != "" && !slices.Contains(vocab, v) {
		ch.add(field, RuleUnknownValue)
	}
}

// allOf checks a multiple choice against its vocabulary, once per field.
func allOf[T ~string](ch *checker, field string, vs []T, vocab []T) {
	for _, v := range vs {
		if !slices.Contains(vocab, v) {
			ch.add(field, RuleUnknownValue)
			return
		}
	}
}

// htcds is the vocabulary of an HTCDS picklist field by its path in a case.
func htcds(path string) []string {
	return domain.HTCDSPicklists[domain.HTCDSField[path]]
}

// blank reports whether s is empty or only spaces.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// ValidateCase checks a case as of today and lists every problem, in the
// order of the form: field paths such as "person.birthDate",
// "child.guardian.name" or "followUps[1].due" and the rule each breaks. It
// does no I/O, so the window can call it per section before saving; the
// assignee is checked by CreateCase and UpdateCase.
func ValidateCase(c domain.Case, today time.Time) []Problem {
	ch := newChecker(today, c.Person)
	if c.Status == "" {
		ch.add("status", RuleRequired)
	}
	oneOf(ch, "status", c.Status, domain.CaseStatuses)
	if c.Stage == "" {
		ch.add("stage", RuleRequired)
	}
	oneOf(ch, "stage", c.Stage, domain.Stages)
	oneOf(ch, "priority", c.Priority, domain.Priorities)
	opened, _ := ch.pastDate("openedOn", c.OpenedOn)

	validatePerson(ch, c.Person)
	child, _ := ChildStatus(c.Person, today)
	validateChild(ch, c.Child, child, c.Stage)
	validateTrafficking(ch, c.Trafficking, c.Person, c.Stage)

	for i, e := range c.Events {
		p := fmt.Sprintf("events[%d].", i)
		if e.Type == "" {
			ch.add(p+"type", RuleRequired)
		}
		oneOf(ch, p+"type", e.Type, htcds("events[].type"))
		if e.Country != "" && !domain.KnownCountry(e.Country) {
			ch.add(p+"country", RuleUnknownValue)
		}
		from, fromOK := ch.period(p+"from", e.From)
		to, toOK := ch.period(p+"to", e.To)
		if fromOK && toOK && to[1].Before(from[0]) {
			ch.add(p+"to", RuleDateOrder)
		}
	}
	for i, pp := range c.Perpetrators {
		allOf(ch, fmt.Sprintf("perpetrators[%d].roles", i), pp.Roles, htcds("perpetrators[].roles"))
	}

	allOf(ch, "plan.types", c.Plan.Types, htcds("plan.types"))
	if d, ok := ch.date("plan.plannedEnd", c.Plan.PlannedEnd); ok && !opened.IsZero() && d.Before(opened) {
		ch.add("plan.plannedEnd", RuleDateOrder)
	}
	if d, ok := ch.pastDate("plan.actualEnd", c.Plan.ActualEnd); ok && !opened.IsZero() && d.Before(opened) {
		ch.add("plan.actualEnd", RuleDateOrder)
	}

	for i, s := range c.Services {
		p := fmt.Sprintf("services[%d].", i)
		if s.Type == "" {
			ch.add(p+"type", RuleRequired)
		}
		oneOf(ch, p+"type", s.Type, domain.ServiceTypes)
		if d, ok := ch.pastDate(p+"date", s.Date); ok {
			ch.lifeDate(p+"date", d)
		}
	}
	for i, f := range c.FollowUps {
		p := fmt.Sprintf("followUps[%d].", i)
		if f.Due == "" {
			ch.add(p+"due", RuleRequired)
		}
		if d, ok := ch.date(p+"due", f.Due); ok {
			ch.lifeDate(p+"due", d)
		}
		if d, ok := ch.pastDate(p+"done", f.Done); ok {
			ch.lifeDate(p+"done", d)
		}
	}
	if c.Closure != nil {
		oneOf(ch, "closure.reason", c.Closure.Reason, domain.ClosureReasons)
		ch.pastDate("closure.closedOn", c.Closure.ClosedOn)
		ch.pastDate("closure.reopenedOn", c.Closure.ReopenedOn)
	}
	return ch.problems
}

// period checks a YYYY-MM-DD, YYYY-MM or YYYY date of a trafficking event:
// not after today, not before the person's birth. It returns the first and
// last day of the period.
func (ch *checker) period(field, s string) ([2]time.Time, bool) {
	if s == "" {
		return [2]time.Time{}, false
	}
	first, last, ok := parsePeriod(s)
	switch {
	case !ok:
		ch.add(field, RuleFormat)
		return [2]time.Time{}, false
	case first.After(ch.today):
		ch.add(field, RuleFuture)
		return [2]time.Time{}, false
	case !ch.birth.IsZero() && last.Before(ch.birth):
		ch.add(field, RuleBeforeBirth)
	}
	return [2]time.Time{first, last}, true
}

func validatePerson(ch *checker, p domain.Person) {
	if blank(p.FirstName) && blank(p.LastName) && !slices.ContainsFunc(p.Aliases, func(a string) bool { return !blank(a) }) {
		ch.add("person.firstName", RuleRequired)
	}
	oneOf(ch, "person.gender", p.Gender, domain.Genders)
	if b, ok := ch.pastDate("person.birthDate", p.BirthDate); ok {
		if b.Before(minBirthDate) || ageOn(b, ch.today) > MaxAge {
			ch.add("person.birthDate", RuleImpossibleAge)
		}
	}
	if p.AgeEstimate < 0 || p.AgeEstimate > MaxAge {
		ch.add("person.ageEstimate", RuleImpossibleAge)
	}
	oneOf(ch, "person.ageEstimateBy", p.AgeEstimateBy, domain.AgeMethods)
	for _, c := range p.Citizenship {
		if !domain.KnownCountry(c) {
			ch.add("person.citizenship", RuleUnknownValue)
			break
		}
	}
	for _, l := range p.Languages {
		if !isLanguageCode(l) {
			ch.add("person.languages", RuleFormat)
			break
		}
	}
	oneOf(ch, "person.education", p.Education, htcds("person.education"))
	oneOf(ch, "person.maritalStatus", p.MaritalStatus, htcds("person.maritalStatus"))
	if p.Children < 0 {
		ch.add("person.children", RuleFormat)
	}
	contacts := []struct {
		field, value string
		valid        func(string) bool
	}{
		{"person.phone", p.Phone, isPhone},
		{"person.email", p.Email, isEmail},
		{"person.address", p.Address, nil},
	}
	for _, ct := range contacts {
		switch {
		case blank(ct.value):
		case !p.ContactConsent:
			ch.add(ct.field, RuleContactWithoutConsent)
		case ct.valid != nil && !ct.valid(strings.TrimSpace(ct.value)):
			ch.add(ct.field, RuleFormat)
		}
	}
	for i, d := range p.Documents {
		f := fmt.Sprintf("person.documents[%d].", i)
		if d.Kind == "" {
			ch.add(f+"kind", RuleRequired)
		}
		oneOf(ch, f+"kind", d.Kind, domain.DocumentKinds)
		oneOf(ch, f+"heldBy", d.HeldBy, domain.DocumentHolders)
	}
}

func validateChild(ch *checker, cp domain.ChildProtection, child bool, stage domain.Stage) {
	oneOf(ch, "child.guardian.relation", cp.Guardian.Relation, domain.GuardianRelations)
	ch.pastDate("child.guardian.appointedOn", cp.Guardian.AppointedOn)
	if b := cp.BIA; b != nil {
		oneOf(ch, "child.bia.priority", b.Priority, domain.BIAPriorities)
		allOf(ch, "child.bia.recommendations", b.Recommendations, domain.BIARecommendations)
		if d, ok := ch.pastDate("child.bia.assessedOn", b.AssessedOn); ok {
			ch.lifeDate("child.bia.assessedOn", d)
		}
	}
	if !child {
		return
	}
	// Stage rules for a child: a guardian takes part in every decision from
	// assistance on; no return or reintegration without a BIA. A closed
	// case was checked when it was closed.
	at := stageIndex(stage)
	if at >= stageIndex(domain.StageAssistance) && stage != domain.StageClosed && blank(cp.Guardian.Name) {
		ch.add("child.guardian.name", RuleGuardianRequired)
	}
	if stage == domain.StageReintegration && cp.BIA == nil {
		ch.add("child.bia", RuleBIARequired)
	}
}

func validateTrafficking(ch *checker, t domain.Trafficking, p domain.Person, stage domain.Stage) {
	if at := stageIndex(stage); at > stageIndex(domain.StageIdentification) && stage != domain.StageClosed && t.Status == "" {
		ch.add("trafficking.status", RuleRequired)
	}
	oneOf(ch, "trafficking.status", string(t.Status), htcds("trafficking.status"))
	oneOf(ch, "trafficking.decidedBy", t.DecidedBy, htcds("trafficking.decidedBy"))
	oneOf(ch, "trafficking.relationship", t.Relationship, htcds("trafficking.relationship"))
	if age, known := personAge(p, ch.today); t.AgeWhenTrafficked < 0 || t.AgeWhenTrafficked > MaxAge ||
		known && t.AgeWhenTrafficked > age && !p.AgeUncertain {
		ch.add("trafficking.ageWhenTrafficked", RuleImpossibleAge)
	}
	allOf(ch, "trafficking.recruitment", t.Recruitment, htcds("trafficking.recruitment"))
	allOf(ch, "trafficking.control", t.Control, htcds("trafficking.control"))
	allOf(ch, "trafficking.exploitation", t.Exploitation, htcds("trafficking.exploitation"))
	oneOf(ch, "trafficking.labourSector", t.LabourSector, htcds("trafficking.labourSector"))
	allOf(ch, "trafficking.sexExploitation", t.SexExploitation, htcds("trafficking.sexExploitation"))
	allOf(ch, "trafficking.recruitmentApps", t.RecruitmentApps, htcds("trafficking.recruitmentApps"))
	allOf(ch, "trafficking.exploitationApps", t.ExploitationApps, htcds("trafficking.exploitationApps"))
	allOf(ch, "trafficking.vulnerabilities", t.Vulnerabilities, htcds("trafficking.vulnerabilities"))
}

// isLanguageCode accepts an ISO 639 code: two or three lower-case letters.
func isLanguageCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// isPhone accepts digits with the usual separators, 6 to 20 digits.
func isPhone(s string) bool {
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '+' && i == 0, c == ' ', c == '-', c == '.', c == '(', c == ')', c == '/':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 20
}

// isEmail accepts one @ between a local part and a domain with a dot, and
// no spaces: enough to catch a phone number typed in the wrong box.
func isEmail(s string) bool {
	local, dom, ok := strings.Cut(s, "@")
	return ok && local != "" && !strings.ContainsAny(s, " \t") && !strings.Contains(dom, "@") &&
		strings.Contains(dom, ".") && !strings.HasPrefix(dom, ".") && !strings.HasSuffix(dom, ".")
}
