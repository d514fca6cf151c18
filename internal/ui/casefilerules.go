package ui

import (
	"regexp"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// The window checks a case with casework's own rules before it saves, so
// the messages show under the fields at once; casework checks again when
// it saves.
//
// casework.ValidateCase and casework.ChildStatus are being written at the
// same time as these screens: until they exist, caseProblems and
// caseChildStatus follow the contract's rules here. Swap the bodies for the
// calls once they build.

// caseProblems lists what is to be corrected in c before it can be saved.
func caseProblems(c domain.Case, today time.Time) []casework.Problem {
	return localCaseProblems(c, today)
}

// caseChildStatus says whether the person is a child, and whether only by
// presumption of age.
func caseChildStatus(p domain.Person, today time.Time) (isChild, presumed bool) {
	return localChildStatus(p, today)
}

func localChildStatus(p domain.Person, today time.Time) (isChild, presumed bool) {
	if age, ok := personAge(p, today); ok && age < 18 {
		return true, false
	}
	if p.AgeUncertain && p.MayBeChild {
		return true, true
	}
	return false, false
}

// personAge is the person's age in whole years from the birth date, else
// the estimate; false when neither is known.
func personAge(p domain.Person, today time.Time) (int, bool) {
	if p.BirthDate != "" {
		b, err := time.ParseInLocation(time.DateOnly, p.BirthDate, time.Local)
		if err != nil {
			return 0, false
		}
		return yearsBetween(b, today), true
	}
	if p.AgeEstimate > 0 {
		return p.AgeEstimate, true
	}
	return 0, false
}

func yearsBetween(from, to time.Time) int {
	y := to.Year() - from.Year()
	if to.Month() < from.Month() || to.Month() == from.Month() && to.Day() < from.Day() {
		y--
	}
	return y
}

var partialDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

func localCaseProblems(c domain.Case, today time.Time) []casework.Problem {
	var out []casework.Problem
	add := func(field, rule string) { out = append(out, casework.Problem{Field: field, Rule: rule}) }
	day := func(s string) (time.Time, bool) {
		t, err := time.ParseInLocation(time.DateOnly, s, time.Local)
		return t, err == nil
	}
	p := c.Person
	if strings.TrimSpace(p.FirstName) == "" && strings.TrimSpace(p.LastName) == "" && len(p.Aliases) == 0 {
		add("person.firstName", casework.RuleRequired)
	}
	var birth time.Time
	if p.BirthDate != "" {
		b, ok := day(p.BirthDate)
		switch {
		case !ok:
			add("person.birthDate", casework.RuleFormat)
		case b.After(today):
			add("person.birthDate", casework.RuleFuture)
		case b.Year() < 1900 || yearsBetween(b, today) > 120:
			add("person.birthDate", casework.RuleImpossibleAge)
		default:
			birth = b
		}
	}
	if p.AgeEstimate < 0 || p.AgeEstimate > 120 {
		add("person.ageEstimate", casework.RuleImpossibleAge)
	}
	if !p.ContactConsent {
		for field, v := range map[string]string{"person.phone": p.Phone, "person.email": p.Email, "person.address": p.Address} {
			if strings.TrimSpace(v) != "" {
				add(field, casework.RuleContactWithoutConsent)
			}
		}
	}
	checkDay := func(field, s string) {
		if s == "" {
			return
		}
		d, ok := day(s)
		switch {
		case !ok:
			add(field, casework.RuleFormat)
		case !birth.IsZero() && d.Before(birth):
			add(field, casework.RuleBeforeBirth)
		}
	}
	checkDay("child.guardian.appointedOn", c.Child.Guardian.AppointedOn)
	if c.Child.BIA != nil {
		checkDay("child.bia.assessedOn", c.Child.BIA.AssessedOn)
	}
	for i, e := range c.Events {
		for field, s := range map[string]string{"from": e.From, "to": e.To} {
			if s == "" {
				continue
			}
			if !partialDate.MatchString(s) {
				add(eventField(i, field), casework.RuleFormat)
				continue
			}
			if !birth.IsZero() && s[:4] < birth.Format("2006") {
				add(eventField(i, field), casework.RuleBeforeBirth)
			}
		}
	}
	for i, f := range c.FollowUps {
		checkDay(followUpField(i, "due"), f.Due)
		checkDay(followUpField(i, "done"), f.Done)
	}
	for i, sv := range c.Services {
		checkDay(serviceField(i, "date"), sv.Date)
	}
	checkDay("plan.plannedEnd", c.Plan.PlannedEnd)
	if c.Plan.ActualEnd != "" {
		if e, ok := day(c.Plan.ActualEnd); !ok {
			add("plan.actualEnd", casework.RuleFormat)
		} else if o, ok := day(c.OpenedOn); ok && e.Before(o) {
			add("plan.actualEnd", casework.RuleDateOrder)
		}
	}
	stage := c.Stage
	if stage == "" {
		stage = domain.StageIdentification
	}
	if stage != domain.StageIdentification && c.Trafficking.Status == "" {
		add("trafficking.status", casework.RuleRequired)
	}
	child, _ := localChildStatus(p, today)
	if child && stage != domain.StageIdentification && strings.TrimSpace(c.Child.Guardian.Name) == "" {
		add("child.guardian.name", casework.RuleGuardianRequired)
	}
	if child && stage == domain.StageReintegration && c.Child.BIA == nil {
		add("child.bia", casework.RuleBIARequired)
	}
	return out
}

func eventField(i int, name string) string    { return "events[" + itoa(i) + "]." + name }
func followUpField(i int, name string) string { return "followUps[" + itoa(i) + "]." + name }
func serviceField(i int, name string) string  { return "services[" + itoa(i) + "]." + name }
