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
	ID         string // UUID, the same in every office
	Code       string // PREFIX-YYYY-NNNN, e.g. CV-PRA-2026-0041
	Status     CaseStatus
	Stage      Stage
	Priority   Priority
	AssignedTo string    // user id of the responsible worker
	OpenedOn   string    // date the case was opened, YYYY-MM-DD
	CreatedAt  time.Time // set by casework
	UpdatedAt  time.Time // set by casework
	CreatedBy  string    // user id

	Person       Person
	Child        ChildProtection
	Trafficking  Trafficking
	Events       []TraffickingEvent
	Perpetrators []Perpetrator
	Plan         CasePlan
	Services     []ServiceGiven
	FollowUps    []FollowUp
	Closure      *Closure // set when closed; kept (with ReopenedOn) after a reopen
}

// Person is who the case is about. Everything here is sealed at rest.
type Person struct {
	FirstName  string   // prs_FirstName
	MiddleName string   // prs_MiddleName
	LastName   string   // prs_SecondName
	Aliases    []string // other names the person is known by
	Gender     Gender   // prs_Gender

	// Age: a date of birth when known, otherwise an estimate and how it
	// was made. MayBeChild records that there are reasons to believe the
	// person is under 18 when the age is uncertain (presumption of age).
	BirthDate     string // YYYY-MM-DD
	AgeEstimate   int    // years, 0 when unknown
	AgeEstimateBy AgeMethod
	AgeUncertain  bool
	MayBeChild    bool

	Citizenship   []string // ISO 3166-1 alpha-2 (prs_Citizenship)
	Languages     []string // ISO 639 codes (prs_PrimaryLanguage, prs_SecondaryLanguage)
	Education     string   // HTCDS prs_HighestLevelOfEducation value
	MaritalStatus string   // HTCDS prs_MaritalStatus value
	Children      int      // number of children of the person
	Disability    string   // free text; empty when none known

	// Contacts are kept only when the person agreed to be contacted.
	ContactConsent bool
	Phone          string // prs_MobilePhone
	Email          string
	Address        string // prs_MailingStreet and city, as written

	Documents []DocumentHeld
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
	Kind   string // passport, national-id, birth-certificate, residence-permit, other
	Number string
	HeldBy string // person, trafficker, office, police, unknown
}

// ChildProtection holds what a child case needs on top of the rest.
type ChildProtection struct {
	Guardian      Guardian
	Unaccompanied bool
	Separated     bool
	BIA           *BestInterests // required before closure or return
}

// Guardian is the caregiver or appointed guardian of a child.
type Guardian struct {
	Name        string
	Relation    string // mother, father, relative, appointed-guardian, social-worker, other
	Contact     string
	AppointedBy string // who appointed them (court, child protection service...)
	AppointedOn string // YYYY-MM-DD
}

// BestInterests is a Best Interests Assessment for one child.
type BestInterests struct {
	Priority        BIAPriority
	Recommendations []string // values of BIARecommendations
	AssessedOn      string   // YYYY-MM-DD
	AssessedBy      string   // name and role
	Notes           string
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
	Status            TraffickingStatus // vic_TraffickingStatus
	DecidedBy         string            // vic_TraffickingStatusDecisionMakingOrg: Police, NGO, CourtOrProsecution, NonPoliceGovernmentalOrganization, Other
	Relationship      string            // vic_RelationshipToTrafficker: Familial, Acquainted, Unaquainted
	AgeWhenTrafficked int               // vic_AgeWhenTrafficked, 0 when unknown
	Recruitment       []string          // vic_MethodOfRecruitment values
	Control           []string          // vic_MethodsOfControl values
	Exploitation      []string          // vic_TypeOfExploitation values
	LabourSector      string            // vic_ForcedLabourIndustry value
	SexExploitation   []string          // vic_TypeOfSexExploitation values
	RecruitmentApps   []string          // vic_RecruitmentWebsitesAndApps values
	ExploitationApps  []string          // vic_ExploitationWebsitesAndApps values
	Vulnerabilities   []string          // vic_Vulnerabilities values
	Narrative         string            // the person's account, in their words, as recorded
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
	Type    string // Recruitment, Transit, Exploitation (hte_Type)
	Country string // ISO 3166-1 alpha-2
	Place   string
	From    string // YYYY-MM-DD or YYYY-MM or YYYY
	To      string
}

// Perpetrator is someone's role in the trafficking process (HTCDS per_ fields).
// Only roles and details are kept: no perpetrator identities in the case file.
type Perpetrator struct {
	Roles   []string // per_RoleInProcess values
	Details string   // per_RoleDetails
}

// CasePlan is the support plan (HTCDS spl_ fields).
type CasePlan struct {
	Types      []string // spl_Type values
	Objectives string   // spl_Objectives
	Actions    string   // spl_ActionPlan
	PlannedEnd string   // YYYY-MM-DD
	ActualEnd  string   // YYYY-MM-DD
}

// ServiceGiven records a service the person received.
type ServiceGiven struct {
	Type     string // a ServiceTypes value
	Date     string // YYYY-MM-DD
	Provider string // this office or a partner's name
	Notes    string
}

// ServiceTypes are the services a person may receive or be referred for.
var ServiceTypes = []string{"psychosocial", "health", "shelter", "safety", "legal", "family-tracing", "child-care", "education", "livelihoods", "cash", "food-nfi", "documentation", "return", "other"}

// FollowUp is a planned visit or check, and whether it happened.
type FollowUp struct {
	ID    string // UUID, so two offices' follow-ups merge
	Due   string // YYYY-MM-DD
	Done  string // YYYY-MM-DD, empty while pending
	Notes string
}

// Closure records why and when a case was closed.
type Closure struct {
	Reason     ClosureReason
	ClosedOn   string // YYYY-MM-DD
	Note       string
	ReopenedOn string // YYYY-MM-DD when the case was opened again
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
