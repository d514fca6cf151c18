package domain

import "time"

// Interview phases, in the order a guide walks them (adapted from the PEACE
// model): prepare, engage and explain, free account, clarifying questions,
// closure, the interviewer's own evaluation afterwards.
const (
	PhasePrepare    = "prepare"
	PhaseEngage     = "engage"
	PhaseAccount    = "account"
	PhaseClarify    = "clarify"
	PhaseClosure    = "closure"
	PhaseEvaluation = "evaluation"
)

// Phases lists the interview phases in order.
var Phases = []string{PhasePrepare, PhaseEngage, PhaseAccount, PhaseClarify, PhaseClosure, PhaseEvaluation}

// Preparation checks a guide asks for before the first question. Consent
// and guardian consent are checked against the case's consent records, not
// only ticked.
const (
	PrepPrivateSpace       = "private-space"
	PrepInterpreter        = "interpreter"
	PrepSameGender         = "same-gender"
	PrepReferralList       = "referral-list"
	PrepConsent            = "consent"
	PrepRightToStop        = "right-to-stop"
	PrepGuardianConsent    = "guardian-consent"
	PrepGuardianPresent    = "guardian-present"
	PrepAlreadyInterviewed = "already-interviewed"
)

// InterviewOutcome says how an interview session ended.
type InterviewOutcome string

// Interview outcomes. An empty outcome means the session is still open
// (and resumes where it was).
const (
	InterviewCompleted  InterviewOutcome = "completed"
	InterviewEndedEarly InterviewOutcome = "ended-early"
)

// EarlyEndReasons are why a session may end early; none of them blames the
// person.
var EarlyEndReasons = []string{"person-asked", "needs-rest", "distress", "interruption", "safety", "other"}

// InterviewSession is one interview with the person of a case (its own
// document, kind "interview"), sealed like every identifying record. The
// answers themselves land in the case as revisions; the session keeps which
// fields it filled, so later sessions show what is already known.
type InterviewSession struct {
	ID            string `json:"id,omitempty"`
	CaseID        string `json:"caseId,omitempty"`
	GuideID       string `json:"guideId,omitempty"`
	GuideVersion  int    `json:"guideVersion,omitempty"`
	GuideLanguage string `json:"guideLanguage,omitempty"` // en, fr or pt: the language of the prompts shown
	Language      string `json:"language,omitempty"`      // ISO 639 code of the language spoken with the person
	InterviewerID string `json:"interviewerId,omitempty"` // user id
	Interpreter   string `json:"interpreter,omitempty"`   // name and role, empty when none
	// InterpreterChecked records that the interpreter was checked for any
	// link to the traffickers and briefed beforehand.
	InterpreterChecked bool     `json:"interpreterChecked,omitempty"`
	Present            string   `json:"present,omitempty"`     // who else was in the room (roles, e.g. guardian)
	Preparation        []string `json:"preparation,omitempty"` // ids of the preparation checks done

	StartedAt time.Time        `json:"startedAt,omitempty"`
	EndedAt   time.Time        `json:"endedAt,omitempty"`
	Outcome   InterviewOutcome `json:"outcome,omitempty"`
	EndReason string           `json:"endReason,omitempty"` // an EarlyEndReasons value when ended early

	Phase  string            `json:"phase,omitempty"`  // current phase id
	Prompt int               `json:"prompt,omitempty"` // index of the current prompt in the phase
	Phases []PhaseRecord     `json:"phases,omitempty"` // phases reached, in order
	Breaks []InterviewBreak  `json:"breaks,omitempty"`
	Notes  map[string]string `json:"notes,omitempty"` // the interviewer's notes, by phase id
	// Filled lists the case fields answers were written to, with when.
	Filled []FilledField `json:"filled,omitempty"`
}

// Open reports whether the session has not ended yet.
func (s InterviewSession) Open() bool { return s.Outcome == "" }

// OnBreak reports whether a break is running.
func (s InterviewSession) OnBreak() bool {
	return len(s.Breaks) > 0 && s.Breaks[len(s.Breaks)-1].End.IsZero()
}

// PhaseRecord says when a phase was reached.
type PhaseRecord struct {
	ID      string    `json:"id"`
	Reached time.Time `json:"reached"`
}

// InterviewBreak is a pause: when it started and ended. Only that a break
// happened is kept, never the person's reaction.
type InterviewBreak struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitempty"`
}

// FilledField is one case field an interview answer was written to.
type FilledField struct {
	Field string    `json:"field"`
	At    time.Time `json:"at"`
}

// Covered lists the ids of the phases the session reached, in order.
func (s InterviewSession) Covered() []string {
	ids := make([]string, 0, len(s.Phases))
	for _, p := range s.Phases {
		ids = append(ids, p.ID)
	}
	return ids
}

// SafetyCheck is the latest safety / risk check of a case. Each question is
// "yes", "no" or empty when not asked.
type SafetyCheck struct {
	ImmediateDanger   string `json:"immediateDanger,omitempty"`
	TraffickerContact string `json:"traffickerContact,omitempty"` // the traffickers know where the person is or can reach them
	ThreatsToFamily   string `json:"threatsToFamily,omitempty"`
	UrgentHealth      string `json:"urgentHealth,omitempty"`
	SafePlaceTonight  string `json:"safePlaceTonight,omitempty"`
	Level             string `json:"level,omitempty"` // a SafetyLevels value: the interviewer's judgement
	Notes             string `json:"notes,omitempty"`
}

// SafetyLevels are the risk levels an interviewer may judge.
var SafetyLevels = []string{"immediate", "high", "moderate", "low"}

// YesNo are the answers of a yes / no question.
var YesNo = []string{"yes", "no"}

// Screening is the latest indicator screening of a case with one indicator
// set. The result is a screening flag, never a legal determination.
type Screening struct {
	SetID      string    `json:"setId"`
	SetVersion int       `json:"setVersion,omitempty"`
	Ticked     []string  `json:"ticked,omitempty"`   // indicator ids
	Positive   []string  `json:"positive,omitempty"` // dimension ids found positive
	Flag       bool      `json:"flag,omitempty"`     // likely trafficked: refer for formal identification
	Carried    []string  `json:"carried,omitempty"`  // the positive dimensions that carried the flag
	By         string    `json:"by,omitempty"`       // user id
	At         time.Time `json:"at,omitempty"`
}
