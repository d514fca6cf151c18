package domain

import "time"

// CaseStatus is where a case stands (HTCDS cas_Status).
type CaseStatus string

// Case statuses, mapped to HTCDS Active, FollowUp, Closed, ClosedReferred.
const (
	StatusActive         CaseStatus = "active"
	StatusFollowUp       CaseStatus = "follow-up"
	StatusClosed         CaseStatus = "closed"
	StatusClosedReferred CaseStatus = "closed-referred"
)

// Stage is the step of the national Standard Operating Procedure a case is at.
type Stage string

// SOP stages, in order.
const (
	StageIdentification Stage = "identification"
	StageAssistance     Stage = "assistance"
	StageReferral       Stage = "referral"
	StageInvestigation  Stage = "investigation" // investigation / prosecution support
	StageReintegration  Stage = "reintegration" // return / reintegration
	StageClosed         Stage = "closed"
)

// Priority says how soon a case needs attention.
type Priority string

// Case priorities.
const (
	PriorityHigh   Priority = "high"
	PriorityNormal Priority = "normal"
	PriorityLow    Priority = "low"
)

// Case is one person's case file. It travels between offices as one
// document (kind "case"); consents, notes and attachments are documents of
// their own that point to it.
type Case struct {
	ID         string     `json:"id,omitempty"`   // UUID, the same in every office
	Code       string     `json:"code,omitempty"` // PREFIX-YYYY-NNNN, e.g. CV-PRA-2026-0041
	Status     CaseStatus `json:"status,omitempty"`
	Stage      Stage      `json:"stage,omitempty"`
	Priority   Priority   `json:"priority,omitempty"`
	AssignedTo string     `json:"assignedTo,omitempty"` // user id of the responsible worker
	OpenedOn   string     `json:"openedOn,omitempty"`   // date the case was opened, YYYY-MM-DD
	CreatedAt  time.Time  `json:"createdAt,omitempty"`  // set by casework
	UpdatedAt  time.Time  `json:"updatedAt,omitempty"`  // set by casework
	CreatedBy  string     `json:"createdBy,omitempty"`  // user id

	Person       Person             `json:"person,omitempty"`
	Child        ChildProtection    `json:"child,omitempty"`
	Trafficking  Trafficking        `json:"trafficking,omitempty"`
	Events       []TraffickingEvent `json:"events,omitempty"`
	Perpetrators []Perpetrator      `json:"perpetrators,omitempty"`
	Plan         CasePlan           `json:"plan,omitempty"`
	Services     []ServiceGiven     `json:"services,omitempty"`
	FollowUps    []FollowUp         `json:"followUps,omitempty"`
	Safety       SafetyCheck        `json:"safety,omitempty"`     // the latest safety / risk check
	Screenings   []Screening        `json:"screenings,omitempty"` // the latest screening per indicator set
	Closure      *Closure           `json:"closure,omitempty"`    // set when closed; kept (with ReopenedOn) after a reopen
}

// Person is who the case is about. Everything here is sealed at rest.
type Person struct {
	FirstName  string   `json:"firstName,omitempty"`  // prs_FirstName
	MiddleName string   `json:"middleName,omitempty"` // prs_MiddleName
	LastName   string   `json:"lastName,omitempty"`   // prs_SecondName
	Aliases    []string `json:"aliases,omitempty"`    // other names the person is known by
	Gender     Gender   `json:"gender,omitempty"`     // prs_Gender

	// Age: a date of birth when known, otherwise an estimate and how it
	// was made. MayBeChild records that there are reasons to believe the
	// person is under 18 when the age is uncertain (presumption of age).
	BirthDate     string    `json:"birthDate,omitempty"`   // YYYY-MM-DD
	AgeEstimate   int       `json:"ageEstimate,omitempty"` // years, 0 when unknown
	AgeEstimateBy AgeMethod `json:"ageEstimateBy,omitempty"`
	AgeUncertain  bool      `json:"ageUncertain,omitempty"`
	MayBeChild    bool      `json:"mayBeChild,omitempty"`

	Citizenship   []string `json:"citizenship,omitempty"`   // ISO 3166-1 alpha-2 (prs_Citizenship)
	Languages     []string `json:"languages,omitempty"`     // ISO 639 codes (prs_PrimaryLanguage, prs_SecondaryLanguage)
	Education     string   `json:"education,omitempty"`     // HTCDS prs_HighestLevelOfEducation value
	MaritalStatus string   `json:"maritalStatus,omitempty"` // HTCDS prs_MaritalStatus value
	Children      int      `json:"children,omitempty"`      // number of children of the person
	Disability    string   `json:"disability,omitempty"`    // free text; empty when none known

	// Contacts are kept only when the person agreed to be contacted.
	ContactConsent bool   `json:"contactConsent,omitempty"`
	Phone          string `json:"phone,omitempty"` // prs_MobilePhone
	Email          string `json:"email,omitempty"`
	Address        string `json:"address,omitempty"` // prs_MailingStreet and city, as written

	Documents []DocumentHeld `json:"documents,omitempty"`
}

// Gender uses the HTCDS prs_Gender values.
type Gender string

// HTCDS prs_Gender values.
const (
	GenderFeminine             Gender = "Feminine"
	GenderMasculine            Gender = "Masculine"
	GenderTransgenderFeminine  Gender = "TransgenderFeminine"
	GenderTransgenderMasculine Gender = "TransgenderMasculine"
	GenderNonConforming        Gender = "NonConforming"
	GenderUnknown              Gender = "NonSpecifiedUnknown"
)

// AgeMethod says how an age was estimated.
type AgeMethod string

// Ways an age is estimated.
const (
	AgeSelfReported AgeMethod = "self-reported"
	AgeDocument     AgeMethod = "document"
	AgeAppearance   AgeMethod = "appearance"
	AgeMedical      AgeMethod = "medical"
	AgeOther        AgeMethod = "other"
)

// DocumentHeld is an identity or travel document and who holds it now
// (taking a person's documents is a method of control).
type DocumentHeld struct {
	Kind   string `json:"kind,omitempty"` // passport, national-id, birth-certificate, residence-permit, other
	Number string `json:"number,omitempty"`
	HeldBy string `json:"heldBy,omitempty"` // person, trafficker, office, police, unknown
}

// ChildProtection holds what a child case needs on top of the rest.
type ChildProtection struct {
	Guardian      Guardian       `json:"guardian,omitempty"`
	Unaccompanied bool           `json:"unaccompanied,omitempty"`
	Separated     bool           `json:"separated,omitempty"`
	BIA           *BestInterests `json:"bia,omitempty"` // required before closure or return
}

// Guardian is the caregiver or appointed guardian of a child.
type Guardian struct {
	Name        string `json:"name,omitempty"`
	Relation    string `json:"relation,omitempty"` // mother, father, relative, appointed-guardian, social-worker, other
	Contact     string `json:"contact,omitempty"`
	AppointedBy string `json:"appointedBy,omitempty"` // who appointed them (court, child protection service...)
	AppointedOn string `json:"appointedOn,omitempty"` // YYYY-MM-DD
}

// BestInterests is a Best Interests Assessment for one child.
type BestInterests struct {
	Priority        BIAPriority `json:"priority,omitempty"`
	Recommendations []string    `json:"recommendations,omitempty"` // values of BIARecommendations
	AssessedOn      string      `json:"assessedOn,omitempty"`      // YYYY-MM-DD
	AssessedBy      string      `json:"assessedBy,omitempty"`      // name and role
	Notes           string      `json:"notes,omitempty"`
}

// BIAPriority is how soon a Best Interests Assessment is needed.
type BIAPriority string

// BIA priority levels seen in practice.
const (
	BIAWithin2Days  BIAPriority = "2-days"
	BIAWithin1Week  BIAPriority = "1-week"
	BIAWithin30Days BIAPriority = "30-days"
	BIANonUrgent    BIAPriority = "non-urgent"
)

// BIARecommendations are the recommendation options of a BIA.
var BIARecommendations = []string{"local-integration", "keep-care-arrangement", "change-care-arrangement", "medical", "return", "resettlement", "family-reunification"}

// Trafficking is the trafficking context (HTCDS vic_ fields).
type Trafficking struct {
	Status            TraffickingStatus `json:"status,omitempty"`            // vic_TraffickingStatus
	DecidedBy         string            `json:"decidedBy,omitempty"`         // vic_TraffickingStatusDecisionMakingOrg: Police, NGO, CourtOrProsecution, NonPoliceGovernmentalOrganization, Other
	Relationship      string            `json:"relationship,omitempty"`      // vic_RelationshipToTrafficker: Familial, Acquainted, Unaquainted
	AgeWhenTrafficked int               `json:"ageWhenTrafficked,omitempty"` // vic_AgeWhenTrafficked, 0 when unknown
	Recruitment       []string          `json:"recruitment,omitempty"`       // vic_MethodOfRecruitment values
	Control           []string          `json:"control,omitempty"`           // vic_MethodsOfControl values
	Exploitation      []string          `json:"exploitation,omitempty"`      // vic_TypeOfExploitation values
	LabourSector      string            `json:"labourSector,omitempty"`      // vic_ForcedLabourIndustry value
	SexExploitation   []string          `json:"sexExploitation,omitempty"`   // vic_TypeOfSexExploitation values
	RecruitmentApps   []string          `json:"recruitmentApps,omitempty"`   // vic_RecruitmentWebsitesAndApps values
	ExploitationApps  []string          `json:"exploitationApps,omitempty"`  // vic_ExploitationWebsitesAndApps values
	Vulnerabilities   []string          `json:"vulnerabilities,omitempty"`   // vic_Vulnerabilities values
	Narrative         string            `json:"narrative,omitempty"`         // the person's account, in their words, as recorded
}

// TraffickingStatus uses HTCDS vic_TraffickingStatus values.
type TraffickingStatus string

// HTCDS trafficking status values.
const (
	TraffickingPossible TraffickingStatus = "PossibleVictimOfTrafficking"
	TraffickingActual   TraffickingStatus = "ActualVictimOfTrafficking"
	TraffickingNot      TraffickingStatus = "NotAVictimOfTrafficking"
)

// TraffickingEvent is a place and time of recruitment, transit or
// exploitation (HTCDS hte_ fields).
type TraffickingEvent struct {
	Type    string `json:"type,omitempty"`    // Recruitment, Transit, Exploitation (hte_Type)
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Place   string `json:"place,omitempty"`
	From    string `json:"from,omitempty"` // YYYY-MM-DD or YYYY-MM or YYYY
	To      string `json:"to,omitempty"`
}

// Perpetrator is someone's role in the trafficking process (HTCDS per_ fields).
// Only roles and details are kept: no perpetrator identities in the case file.
type Perpetrator struct {
	Roles   []string `json:"roles,omitempty"`   // per_RoleInProcess values
	Details string   `json:"details,omitempty"` // per_RoleDetails
}

// CasePlan is the support plan (HTCDS spl_ fields).
type CasePlan struct {
	Types      []string `json:"types,omitempty"`      // spl_Type values
	Objectives string   `json:"objectives,omitempty"` // spl_Objectives
	Actions    string   `json:"actions,omitempty"`    // spl_ActionPlan
	PlannedEnd string   `json:"plannedEnd,omitempty"` // YYYY-MM-DD
	ActualEnd  string   `json:"actualEnd,omitempty"`  // YYYY-MM-DD
}

// ServiceGiven records a service the person received.
type ServiceGiven struct {
	Type     string `json:"type,omitempty"`     // a ServiceTypes value
	Date     string `json:"date,omitempty"`     // YYYY-MM-DD
	Provider string `json:"provider,omitempty"` // this office or a partner's name
	Notes    string `json:"notes,omitempty"`
}

// ServiceTypes are the services a person may receive or be referred for.
var ServiceTypes = []string{"psychosocial", "health", "shelter", "safety", "legal", "family-tracing", "child-care", "education", "livelihoods", "cash", "food-nfi", "documentation", "return", "other"}

// FollowUp is a planned visit or check, and whether it happened.
type FollowUp struct {
	ID    string `json:"id,omitempty"`   // UUID, so two offices' follow-ups merge
	Due   string `json:"due,omitempty"`  // YYYY-MM-DD
	Done  string `json:"done,omitempty"` // YYYY-MM-DD, empty while pending
	Notes string `json:"notes,omitempty"`
}

// Closure records why and when a case was closed.
type Closure struct {
	Reason     ClosureReason `json:"reason,omitempty"`
	ClosedOn   string        `json:"closedOn,omitempty"` // YYYY-MM-DD
	Note       string        `json:"note,omitempty"`
	ReopenedOn string        `json:"reopenedOn,omitempty"` // YYYY-MM-DD when the case was opened again
}

// ClosureReason says why a case was closed.
type ClosureReason string

// Reasons for closing a case.
const (
	ClosedGoalsMet      ClosureReason = "goals-met"
	ClosedReferred      ClosureReason = "referred" // transferred to another office or service
	ClosedReturned      ClosureReason = "returned" // returned / reintegrated
	ClosedDeclined      ClosureReason = "declined" // the person declined further help
	ClosedLostContact   ClosureReason = "lost-contact"
	ClosedNotTrafficked ClosureReason = "not-trafficked"
	ClosedDeceased      ClosureReason = "deceased"
	ClosedOther         ClosureReason = "other"
)
