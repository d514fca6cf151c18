package domain

import "time"

// ConsentPurpose is what a consent allows. Consent is per purpose and can
// be limited or withdrawn.
type ConsentPurpose string

// Consent purposes.
const (
	ConsentAssistance ConsentPurpose = "assistance" // to receive help from this office
	ConsentInterview  ConsentPurpose = "interview"  // to be interviewed, and what is said recorded in the case
	ConsentReferral   ConsentPurpose = "referral"   // to be referred to a named partner for named services
	ConsentSharing    ConsentPurpose = "sharing"    // to share information with a named partner
	ConsentStatistics ConsentPurpose = "statistics" // anonymous use for statistics
)

// ConsentGiver says who gave a consent.
type ConsentGiver string

// Who can give consent.
const (
	GivenByPerson       ConsentGiver = "person"
	GivenByParent       ConsentGiver = "parent"
	GivenByGuardian     ConsentGiver = "guardian"
	GivenBySocialWorker ConsentGiver = "social-worker"
)

// ConsentMethod says how consent was given.
type ConsentMethod string

// Ways consent is given (IOM practice).
const (
	ConsentWritten  ConsentMethod = "written"
	ConsentVerbal   ConsentMethod = "verbal"
	ConsentProxy    ConsentMethod = "proxy"
	ConsentImplicit ConsentMethod = "implicit"
)

// Consent is one consent record of a case (its own document, kind
// "consent"). A withdrawal is recorded on it, never a deletion.
type Consent struct {
	ID         string         `json:"id,omitempty"`
	CaseID     string         `json:"caseId,omitempty"`
	Purpose    ConsentPurpose `json:"purpose,omitempty"`
	PartnerID  string         `json:"partnerId,omitempty"` // referral and sharing: the partner it names
	Services   []string       `json:"services,omitempty"`  // referral: the services it names (ServiceTypes)
	Shares     []string       `json:"shares,omitempty"`    // sharing: what may be shared (ShareFields)
	GivenBy    ConsentGiver   `json:"givenBy,omitempty"`
	GiverName  string         `json:"giverName,omitempty"`
	Method     ConsentMethod  `json:"method,omitempty"`
	GivenOn    string         `json:"givenOn,omitempty"`    // YYYY-MM-DD
	RecordedBy string         `json:"recordedBy,omitempty"` // user id
	RecordedAt time.Time      `json:"recordedAt,omitempty"`

	WithdrawnOn     string `json:"withdrawnOn,omitempty"` // YYYY-MM-DD, empty while in force
	WithdrawnReason string `json:"withdrawnReason,omitempty"`
	WithdrawnBy     string `json:"withdrawnBy,omitempty"` // user id who recorded the withdrawal
}

// ShareFields are the parts of a case a sharing consent can cover.
var ShareFields = []string{"name", "birth-date", "contact", "languages", "guardian", "trafficking", "health", "narrative"}

// LetterShareFields are the ShareFields a referral letter can show: it
// carries the reason the worker writes, never the trafficking details or
// the person's account.
var LetterShareFields = []string{"name", "birth-date", "contact", "languages", "guardian", "health"}

// InForce reports whether the consent was given and not withdrawn.
func (c Consent) InForce() bool { return c.GivenOn != "" && c.WithdrawnOn == "" }

// Note is a dated note on a case (its own document, kind "note").
type Note struct {
	ID       string    `json:"id,omitempty"`
	CaseID   string    `json:"caseId,omitempty"`
	Text     string    `json:"text,omitempty"`
	AuthorID string    `json:"authorId,omitempty"`
	At       time.Time `json:"at,omitempty"`
}

// AttachmentKind says what a file attached to a case is.
type AttachmentKind string

// Kinds of attachments.
const (
	AttachmentDocument AttachmentKind = "document"       // a scan of an identity or other document
	AttachmentConsent  AttachmentKind = "signed-consent" // a signed consent form
	AttachmentPhoto    AttachmentKind = "photo"
	AttachmentOther    AttachmentKind = "other"
)

// MaxAttachmentBytes is the largest file that can be attached (sealed in
// the database and carried in export files on USB sticks and e-mail).
const MaxAttachmentBytes = 10 << 20

// Attachment is a file attached to a case (its own document, kind
// "attachment"). Data is sealed at rest like every other identifying field.
type Attachment struct {
	ID      string         `json:"id,omitempty"`
	CaseID  string         `json:"caseId,omitempty"`
	Kind    AttachmentKind `json:"kind,omitempty"`
	Name    string         `json:"name,omitempty"` // file name as given
	MIME    string         `json:"mime,omitempty"`
	Size    int64          `json:"size,omitempty"`
	Data    []byte         `json:"data,omitempty"`
	AddedBy string         `json:"addedBy,omitempty"`
	AddedAt time.Time      `json:"addedAt,omitempty"`
}
