package domain

import "time"

// Partner is a service provider of the referral directory (its own
// document, kind "partner").
type Partner struct {
	ID        string   `json:"id,omitempty"`
	Name      string   `json:"name,omitempty"`
	Type      string   `json:"type,omitempty"`      // an HTCDS org_Type value (OrganisationTypes)
	Services  []string `json:"services,omitempty"`  // ServiceTypes it offers
	Languages []string `json:"languages,omitempty"` // languages it works in; the first (en, fr or pt) is its letters' language
	Country   string   `json:"country,omitempty"`   // ISO 3166-1 alpha-2
	Address   string   `json:"address,omitempty"`
	Contact   string   `json:"contact,omitempty"` // a contact person, name and role
	Phone     string   `json:"phone,omitempty"`
	Email     string   `json:"email,omitempty"`
	Hours     string   `json:"hours,omitempty"` // opening hours, as written
	Notes     string   `json:"notes,omitempty"`
	// Card is the partner office's Amparo card, when it has one (used for
	// exchange).
	Card     []byte    `json:"card,omitempty"`
	Inactive bool      `json:"inactive,omitempty"` // deactivated: kept, not offered for new referrals
	Created  time.Time `json:"created,omitempty"`
	Updated  time.Time `json:"updated,omitempty"`
}

// LetterLanguage is the language of the partner's letters: its first
// language that documents are written in, else English.
func (p Partner) LetterLanguage() string {
	for _, l := range p.Languages {
		if KnownLanguage(l) {
			return l
		}
	}
	return "en"
}

// ReferralPriority says how soon the receiving agency should act.
type ReferralPriority string

// Referral priorities, with the time to act.
const (
	ReferralEmergency ReferralPriority = "emergency" // within 24 hours
	ReferralUrgent    ReferralPriority = "urgent"    // within 72 hours
	ReferralNormal    ReferralPriority = "normal"    // within 2 weeks
)

// ReferralPriorities lists the priorities, most urgent first.
var ReferralPriorities = []ReferralPriority{ReferralEmergency, ReferralUrgent, ReferralNormal}

// Within is the time a priority gives the receiving agency.
func (p ReferralPriority) Within() time.Duration {
	switch p {
	case ReferralEmergency:
		return 24 * time.Hour
	case ReferralUrgent:
		return 72 * time.Hour
	}
	return 14 * 24 * time.Hour
}

// ReferralState is where a referral stands.
type ReferralState string

// Referral states, in their usual order.
const (
	ReferralDraft        ReferralState = "draft"
	ReferralSent         ReferralState = "sent"
	ReferralAcknowledged ReferralState = "acknowledged"
	ReferralAccepted     ReferralState = "accepted"
	ReferralDeclined     ReferralState = "declined"
	ReferralServiceGiven ReferralState = "service-given"
	ReferralClosed       ReferralState = "closed"
)

// ReferralStates lists the states in order.
var ReferralStates = []ReferralState{ReferralDraft, ReferralSent, ReferralAcknowledged, ReferralAccepted,
	ReferralDeclined, ReferralServiceGiven, ReferralClosed}

// ReferralSentHow are the ways a referral is sent.
var ReferralSentHow = []string{"hand", "email", "export-file", "phone", "other"}

// Referral sends a person to a partner for services (its own document,
// kind "referral"). What the letter shows is decided from the case's
// consents when it is printed, never stored here.
type Referral struct {
	ID                  string           `json:"id,omitempty"`
	CaseID              string           `json:"caseId,omitempty"`
	Number              string           `json:"number,omitempty"` // reference, e.g. CV-PRA-2026-0041-R2
	PartnerID           string           `json:"partnerId,omitempty"`
	Services            []string         `json:"services,omitempty"` // requested, ServiceTypes
	Given               []string         `json:"given,omitempty"`    // services already provided, ServiceTypes
	Priority            ReferralPriority `json:"priority,omitempty"`
	Reason              string           `json:"reason,omitempty"`
	Shares              []string         `json:"shares,omitempty"`              // what the worker chose to share (ShareFields); consent filters it
	Language            string           `json:"language,omitempty"`            // of the letter: en, fr or pt
	GuardianInformed    string           `json:"guardianInformed,omitempty"`    // child: "yes" or "no"
	GuardianNotInformed string           `json:"guardianNotInformed,omitempty"` // child: why not, when "no"

	State          ReferralState   `json:"state,omitempty"`
	SentOn         string          `json:"sentOn,omitempty"` // YYYY-MM-DD
	SentHow        string          `json:"sentHow,omitempty"`
	Due            time.Time       `json:"due,omitempty"` // when the partner should have acted: sent + the priority's time
	DeclinedReason string          `json:"declinedReason,omitempty"`
	Events         []ReferralEvent `json:"events,omitempty"`    // every change of state
	CreatedBy      string          `json:"createdBy,omitempty"` // user id: the referring worker
	Created        time.Time       `json:"created,omitempty"`
	Updated        time.Time       `json:"updated,omitempty"`
}

// ReferralEvent is one change of a referral's state.
type ReferralEvent struct {
	State ReferralState `json:"state"`
	On    string        `json:"on"` // YYYY-MM-DD
	By    string        `json:"by"` // user id
	Note  string        `json:"note,omitempty"`
	At    time.Time     `json:"at"`
}

// Open reports whether the referral still waits on someone: sent and not
// yet answered by service given, declined or closed.
func (r Referral) Open() bool {
	switch r.State {
	case ReferralSent, ReferralAcknowledged, ReferralAccepted:
		return true
	}
	return false
}

// Overdue reports whether an open referral is past its due time at now.
func (r Referral) Overdue(now time.Time) bool {
	return r.Open() && !r.Due.IsZero() && now.After(r.Due)
}
