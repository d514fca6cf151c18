package casework

import (
	"errors"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// Errors of the case services (errors.Is).
var (
	// ErrInvalid: the case or record did not pass validation; the error is
	// a *ValidationErrors listing every problem.
	ErrInvalid = errors.New("casework: the record has problems to correct")
	// ErrRefused: a rule refuses the action; the error is a *RuleError.
	ErrRefused = errors.New("casework: refused by a rule")
	// ErrNotFound: no such case or record visible to this user.
	ErrNotFound = errors.New("casework: not found")
)

// Rules a validation problem or a refusal names; the window turns each into
// a sentence in the user's language.
const (
	RuleRequired              = "required"
	RuleFuture                = "future"
	RuleImpossibleAge         = "impossible-age"
	RuleBeforeBirth           = "before-birth"
	RuleFormat                = "format"
	RuleUnknownValue          = "unknown-value"
	RuleContactWithoutConsent = "contact-without-consent"
	RuleGuardianRequired      = "guardian-required"
	RuleBIARequired           = "bia-required"
	RuleTooLarge              = "too-large"
	RuleDateOrder             = "date-order"
	RuleFolder                = "folder"      // the folder cannot be created or written
	RuleSameFolder            = "same-folder" // inbox and outbox must differ
	RuleRange                 = "range"       // a number out of bounds
)

// Problem is one thing to correct in a form: the field's path (such as
// "person.birthDate" or "followUps[1].due") and the rule it breaks.
type Problem struct {
	Field string
	Rule  string
}

// ValidationErrors lists every problem found; errors.Is(err, ErrInvalid).
type ValidationErrors struct {
	Problems []Problem
}

func (v *ValidationErrors) Error() string {
	s := "casework: the record has problems to correct:"
	for _, p := range v.Problems {
		s += " " + p.Field + " (" + p.Rule + ")"
	}
	return s
}

// Is makes errors.Is(err, ErrInvalid) true.
func (v *ValidationErrors) Is(target error) bool { return target == ErrInvalid }

// RuleError is an action a rule refuses; errors.Is(err, ErrRefused).
type RuleError struct {
	Rule string
}

func (r *RuleError) Error() string { return "casework: refused: " + r.Rule }

// Is makes errors.Is(err, ErrRefused) true.
func (r *RuleError) Is(target error) bool { return target == ErrRefused }

// Change is one field changed by one revision, for the History tab.
type Change struct {
	RevisionID string
	At         time.Time
	UserID     string
	UserName   string
	Field      string // path such as "person.firstName" or "followUps[2].done"
	Old, New   string
}

// CaseSort orders a case list.
type CaseSort int

// Sort orders of the case list.
const (
	SortUpdated  CaseSort = iota // newest change first (default)
	SortCode                     // by case code
	SortName                     // by display name, accents ignored
	SortPriority                 // high first
)

// CaseQuery is a search of the case list; zero fields do not filter.
type CaseQuery struct {
	Text         string // accent- and case-insensitive over names, aliases and code
	Stage        domain.Stage
	Status       domain.CaseStatus
	Child        *bool
	Priority     domain.Priority
	AssignedToMe bool
	Overdue      bool
	Sort         CaseSort
	Offset       int
	Limit        int // 0 means 50
}

// CaseSummary is a row of the case list: what lists need, nothing more.
type CaseSummary struct {
	ID, Code      string
	Name          string // first and last name, or the first alias, or ""
	Status        domain.CaseStatus
	Stage         domain.Stage
	Priority      domain.Priority
	IsChild       bool
	PresumedChild bool // a child by presumption of age
	AssignedTo    string
	UpdatedAt     time.Time
	NextFollowUp  string // YYYY-MM-DD, "" when none is pending
	Overdue       bool   // a follow-up due before today is not done
}

// CaseList is one page of a case search.
type CaseList struct {
	Items []CaseSummary
	Total int // cases matching the query
	All   int // cases visible to this user
}

// DuplicateMatch is an existing case that may be the same person.
type DuplicateMatch struct {
	Case    CaseSummary
	Reasons []string // "name", "birth-date", "age", "phone"
	Score   float64
}

// FollowUpItem is a follow-up with the case it belongs to.
type FollowUpItem struct {
	Case     CaseSummary
	FollowUp domain.FollowUp
}

// Dashboard is what the first screen shows the logged-in user.
type Dashboard struct {
	MyOpen                  []CaseSummary
	FollowUpsDue            []FollowUpItem // due today or within 7 days
	FollowUpsOverdue        []FollowUpItem
	ChildrenWithoutGuardian []CaseSummary
	ChildrenWithoutBIA      []CaseSummary
	RecentlyChanged         []CaseSummary // the 10 newest
	OverdueReferrals        []ReferralItem
}
