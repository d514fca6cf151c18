package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// The window checks a case with casework's own rules before it saves, so
// the messages show under the fields at once; casework checks again when
// it saves.

// caseProblems lists what is to be corrected in c before it can be saved.
// A case not created yet is checked with the values CreateCase gives it.
func caseProblems(c domain.Case, today time.Time) []casework.Problem {
	return casework.ValidateCase(withDefaults(c, today), today)
}

// withDefaults fills what CreateCase fills on a new case (the assignee is
// left to CreateCase, which knows the user).
func withDefaults(c domain.Case, today time.Time) domain.Case {
	return casework.WithNewCaseDefaults(c, today, "")
}

// caseChildStatus says whether the person is a child, and whether only by
// presumption of age.
func caseChildStatus(p domain.Person, today time.Time) (isChild, presumed bool) {
	return casework.ChildStatus(p, today)
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

// refusedText is the sentence for an action casework refused.
func refusedText(err error, now time.Time) string {
	var refused *casework.RuleError
	if errors.As(err, &refused) {
		switch refused.Rule {
		case casework.RuleBIARequired:
			return lang.L("case.rule.biaRequired")
		case casework.RuleStale:
			return lang.L("casefile.refused.stale")
		case casework.RuleClosed:
			return lang.L("casefile.refused.closed")
		case casework.RuleNotClosed:
			return lang.L("casefile.refused.notClosed")
		}
	}
	if errors.Is(err, casework.ErrNotFound) {
		return lang.L("casefile.refused.notFound")
	}
	return errorText(err, now)
}
