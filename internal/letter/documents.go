package letter

import (
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// The inputs of the case documents. casework assembles them from what the
// consents allow; a field left empty is not shared and the document leaves
// it out (never an empty label).

// Worker is the referring or responsible worker, as a letter signs.
type Worker struct {
	Name  string
	Role  string // already in the letter's language
	Phone string
	Email string
}

// PersonFacts is what a document may say about the person.
type PersonFacts struct {
	CaseCode    string   // always there
	Name        string   // empty when the name is not to be shared: the case code stands alone
	BirthDate   string   // YYYY-MM-DD, empty when not shared or unknown
	Age         int      // an estimate in years when there is no birth date; 0 unknown or not shared
	Gender      string   // a domain.Gender value, empty when unknown
	Languages   []string // ISO 639 codes, empty when not shared
	Nationality []string // ISO 3166-1 alpha-2
	Disability  string   // free text, empty when none known or not shared
	Contact     string   // phone or address, only with consent to share contact
}

// ChildFacts is what a referral says about a child's care: guardian and
// whether they know of the referral (and why not).
type ChildFacts struct {
	GuardianName     string // empty when not shared
	GuardianRelation string // a domain.GuardianRelations value
	Unaccompanied    bool
	Separated        bool
	GuardianInformed string // "yes", "no" or ""
	NotInformedWhy   string
}

// ConsentFacts is one consent a document states: who gave it, how, when,
// for what.
type ConsentFacts struct {
	Purpose   domain.ConsentPurpose
	GivenBy   domain.ConsentGiver
	GiverName string // for a parent, guardian or social worker
	Method    domain.ConsentMethod
	GivenOn   string   // YYYY-MM-DD
	Services  []string // referral: the services it names
	Shares    []string // sharing: what it allows to share (domain.ShareFields)
}

// ReferralLetter is everything a referral letter shows.
type ReferralLetter struct {
	Office   domain.Office
	Lang     string // en, fr or pt
	Number   string
	Date     time.Time // the letter's date
	Priority domain.ReferralPriority
	Due      time.Time // when the receiving agency should act
	Partner  domain.Partner
	Person   PersonFacts
	Child    *ChildFacts // nil for an adult
	Reason   string
	Services []string // requested, domain.ServiceTypes
	Given    []string // already provided
	Consents []ConsentFacts
	Worker   Worker
	Created  time.Time // PDF creation date
}

// ConsentForm is the form read aloud and signed, per purpose.
type ConsentForm struct {
	Office   domain.Office
	Lang     string
	CaseCode string
	Name     string                  // the person's name, or empty to fill by hand
	Child    bool                    // adds the lines for a parent or guardian
	Purposes []domain.ConsentPurpose // the purposes to ask about; all when empty
	Partner  string                  // referral / sharing: the partner's name, or empty to fill by hand
	Services []string                // referral: the services named
	Shares   []string                // sharing: what would be shared
	Created  time.Time
}

// CaseSummary is a case's summary for a case conference or a transfer.
type CaseSummary struct {
	Office     domain.Office
	Lang       string
	Case       domain.Case
	Consents   []ConsentFacts
	Referrals  []ReferralLine
	Interviews []InterviewLine
	Worker     Worker
	Created    time.Time
}

// ReferralLine is one referral in a case summary.
type ReferralLine struct {
	Number   string
	Partner  string
	Services []string
	Priority domain.ReferralPriority
	State    domain.ReferralState
	SentOn   string
}

// InterviewLine is one interview session in a case summary.
type InterviewLine struct {
	On      time.Time
	Guide   string // title in the summary's language
	Outcome domain.InterviewOutcome
	Phases  int
}
