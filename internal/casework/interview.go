package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// kindInterview is the record kind of an interview session.
const kindInterview = "interview"

// Rules that refuse an interview action.
const (
	// RulePreparation: a required preparation check is not done; the
	// ValidationErrors name each as "preparation.<id>".
	RulePreparation = "preparation"
	// RuleConsentMissing: no interview consent in force from the person
	// ("preparation.consent") or, for a child, from a parent, guardian or
	// social worker too ("preparation.guardian-consent").
	RuleConsentMissing = "consent-missing"
	// RuleInterpreterUnchecked: an interpreter is named but not checked
	// for links to the traffickers.
	RuleInterpreterUnchecked = "interpreter-unchecked"
	// RuleInterviewOpen: the case already has an interview not ended;
	// resume it or end it first.
	RuleInterviewOpen = "interview-open"
	// RuleInterviewEnded: the session has ended and takes no more changes.
	RuleInterviewEnded = "interview-ended"
	// RuleNotInterviewer: only the interviewer of a session changes it.
	RuleNotInterviewer = "not-interviewer"
)

// MaxInterviewNoteRunes bounds the interviewer's notes of one phase.
const MaxInterviewNoteRunes = MaxNoteRunes

// InterviewConsent reports whether the case has an interview consent in
// force from the person, and from a parent, guardian or social worker.
// For a child (or a person presumed to be one) both are needed; for an
// adult the person's own, or one given for them, is enough (adult is then
// reported as the same). Not audited: it reads no personal data out.
func (ss *Session) InterviewConsent(ctx context.Context, caseID string) (person, adult bool, err error) {
	consents, cs, err := ss.caseConsents(ctx, caseID)
	if err != nil {
		return false, false, err
	}
	for _, c := range consents {
		if !c.InForce() || c.Purpose != domain.ConsentInterview {
			continue
		}
		if c.GivenBy == domain.GivenByPerson {
			person = true
		} else {
			adult = true
		}
	}
	if child, _ := ChildStatus(cs.Person, ss.today()); !child {
		person = person || adult
		adult = person
	}
	return person, adult, nil
}

// StartInterview opens an interview session on a case with a guide. The
// session in names the language spoken, the interpreter (if any) and the
// preparation checks done. It is refused, with a *ValidationErrors naming
// every missing check, until every required check of the guide is done,
// the interpreter (when there is one) checked, and consent recorded in the
// case (a child's and an adult's for a child). One session per case is
// open at a time (RuleInterviewOpen). Audited as interview.start.
func (ss *Session) StartInterview(ctx context.Context, g *guide.Guide, in domain.InterviewSession) (domain.InterviewSession, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.InterviewSession{}, err
	}
	cs, _, err := ss.loadCase(ctx, in.CaseID)
	if err != nil {
		return domain.InterviewSession{}, err
	}
	if isClosed(cs.Status) {
		return domain.InterviewSession{}, &RuleError{Rule: RuleClosed}
	}
	if open, err := ss.openInterview(ctx, cs.ID); err != nil {
		return domain.InterviewSession{}, err
	} else if open != nil {
		return domain.InterviewSession{}, &RuleError{Rule: RuleInterviewOpen}
	}
	var problems []Problem
	for _, id := range g.MissingPreparation(in.Preparation) {
		problems = append(problems, Problem{Field: "preparation." + id, Rule: RulePreparation})
	}
	in.Interpreter = strings.TrimSpace(in.Interpreter)
	if in.Interpreter != "" && !in.InterpreterChecked {
		problems = append(problems, Problem{Field: "interpreter", Rule: RuleInterpreterUnchecked})
	}
	person, adult, err := ss.InterviewConsent(ctx, cs.ID)
	if err != nil {
		return domain.InterviewSession{}, err
	}
	if g.Check(domain.PrepConsent).Required && !person {
		problems = append(problems, Problem{Field: "preparation." + domain.PrepConsent, Rule: RuleConsentMissing})
	}
	if child, _ := ChildStatus(cs.Person, ss.today()); child && !adult {
		problems = append(problems, Problem{Field: "preparation." + domain.PrepGuardianConsent, Rule: RuleConsentMissing})
	}
	if len(problems) > 0 {
		return domain.InterviewSession{}, &ValidationErrors{Problems: problems}
	}
	s := domain.InterviewSession{
		ID: uuid.NewString(), CaseID: cs.ID, GuideID: g.ID, GuideVersion: g.Version,
		GuideLanguage: in.GuideLanguage, Language: in.Language, InterviewerID: user.ID,
		Interpreter: in.Interpreter, InterpreterChecked: in.InterpreterChecked, Present: strings.TrimSpace(in.Present),
		Preparation: slices.Clone(in.Preparation),
	}
	if len(g.Phases) > 0 {
		s.Phase = g.Phases[0].ID
	}
	err = ss.commit(ctx, "start interview", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		s.StartedAt = now
		s.Phases = []domain.PhaseRecord{{ID: s.Phase, Reached: now}}
		d, err := interviewDraft(s, "")
		if err != nil {
			return nil, nil, err
		}
		return []draft{d}, []domain.AuditEntry{ss.s.entry(domain.AuditInterviewStart, user.ID, s.ID,
			"case="+cs.ID+" guide="+g.ID)}, nil
	})
	if err != nil {
		return domain.InterviewSession{}, err
	}
	return s, nil
}

// interviewDraft is the revision of a session after head.
func interviewDraft(s domain.InterviewSession, head string) (draft, error) {
	return recordDraft(kindInterview, s.ID, s, head)
}

// recordDraft is the revision of a record of kind after head ("" for the
// first), with v's JSON as its body.
func recordDraft(kind, id string, v any, head string) (draft, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return draft{}, errorf("save "+kind, err)
	}
	d := draft{kind: kind, recordID: id, body: body}
	if head != "" {
		d.parents = []string{head}
	}
	return d, nil
}

// loadInterview opens a session of a case the user may see, with its head
// revision.
func (ss *Session) loadInterview(ctx context.Context, id string) (domain.InterviewSession, string, error) {
	return loadCaseRecord(ctx, ss, kindInterview, id, func(s *domain.InterviewSession) string { return s.CaseID })
}

// loadCaseRecord opens a record of kind that belongs to a case (caseOf
// names it), with its head revision, when the user may see that case.
func loadCaseRecord[T any](ctx context.Context, ss *Session, kind, id string, caseOf func(*T) string) (T, string, error) {
	var v, zero T
	head, err := ss.openRecordAs(ctx, kind, id, &v)
	if err != nil {
		return zero, "", err
	}
	if _, _, err := ss.loadCase(ctx, caseOf(&v)); err != nil {
		return zero, "", err
	}
	return v, head, nil
}

// Interview opens one interview session.
func (ss *Session) Interview(ctx context.Context, id string) (domain.InterviewSession, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return domain.InterviewSession{}, err
	}
	s, _, err := ss.loadInterview(ctx, id)
	return s, err
}

// Interviews lists a case's interview sessions, the latest started first.
// Audited as case.view with part=interviews.
func (ss *Session) Interviews(ctx context.Context, caseID string) ([]domain.InterviewSession, error) {
	return viewCasePart(ctx, ss, caseID, "interviews", ss.interviewsOf)
}

// viewCasePart lists one part of a case the user may see (its
// interviews, referrals...) with list, and audits case.view with
// part=name.
func viewCasePart[T any](ctx context.Context, ss *Session, caseID, name string,
	list func(ctx context.Context, caseID string) ([]T, error)) ([]T, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return nil, err
	}
	out, err := list(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, caseID, "part="+name); err != nil {
		return nil, err
	}
	return out, nil
}

func (ss *Session) interviewsOf(ctx context.Context, caseID string) ([]domain.InterviewSession, error) {
	list, err := openChildren(ctx, ss, kindInterview, caseID, func(s *domain.InterviewSession) string { return s.CaseID })
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].StartedAt.Equal(list[j].StartedAt) {
			return list[i].StartedAt.After(list[j].StartedAt)
		}
		return list[i].ID > list[j].ID
	})
	return list, nil
}

// openInterview is the case's session not ended yet, or nil.
func (ss *Session) openInterview(ctx context.Context, caseID string) (*domain.InterviewSession, error) {
	list, err := ss.interviewsOf(ctx, caseID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].Open() {
			return &list[i], nil
		}
	}
	return nil, nil
}

// OpenInterview returns the case's interview not ended yet (to resume it
// after a lock, a crash or a power cut), or nil when there is none.
func (ss *Session) OpenInterview(ctx context.Context, caseID string) (*domain.InterviewSession, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return nil, err
	}
	return ss.openInterview(ctx, caseID)
}

// changeInterview applies change to the current head of an open session
// of this user's and saves it. change runs inside the session lock: it
// must not call methods that take it (such as User).
func (ss *Session) changeInterview(ctx context.Context, id, what string,
	change func(s *domain.InterviewSession, now time.Time) ([]domain.AuditEntry, error)) (domain.InterviewSession, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.InterviewSession{}, err
	}
	s, head, err := ss.loadInterview(ctx, id)
	if err != nil {
		return domain.InterviewSession{}, err
	}
	switch {
	case !s.Open():
		return domain.InterviewSession{}, &RuleError{Rule: RuleInterviewEnded}
	case s.InterviewerID != user.ID:
		return domain.InterviewSession{}, &RuleError{Rule: RuleNotInterviewer}
	}
	err = ss.commit(ctx, what, func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if h, err := tx.RecordHead(ctx, s.ID); err != nil {
			return nil, nil, err
		} else if h != head {
			return nil, nil, &RuleError{Rule: RuleStale}
		}
		entries, err := change(&s, now)
		if err != nil {
			return nil, nil, err
		}
		d, err := interviewDraft(s, head)
		if err != nil {
			return nil, nil, err
		}
		return []draft{d}, entries, nil
	})
	if err != nil {
		return domain.InterviewSession{}, err
	}
	return s, nil
}

// InterviewProgress is where an interview stands: the phase and prompt on
// screen and the interviewer's notes by phase.
type InterviewProgress struct {
	Phase  string
	Prompt int
	Notes  map[string]string
}

// MoveInterview records the interview's progress (phase, prompt, notes),
// so that it resumes there. A phase reached for the first time is added to
// the phases covered. Notes over MaxInterviewNoteRunes are refused.
func (ss *Session) MoveInterview(ctx context.Context, id string, p InterviewProgress) (domain.InterviewSession, error) {
	if !slices.Contains(domain.Phases, p.Phase) || p.Prompt < 0 {
		return domain.InterviewSession{}, &ValidationErrors{Problems: []Problem{{Field: "phase", Rule: RuleUnknownValue}}}
	}
	for phase, n := range p.Notes {
		if len([]rune(n)) > MaxInterviewNoteRunes {
			return domain.InterviewSession{}, &ValidationErrors{Problems: []Problem{{Field: "notes." + phase, Rule: RuleTooLarge}}}
		}
	}
	return ss.changeInterview(ctx, id, "save interview", func(s *domain.InterviewSession, now time.Time) ([]domain.AuditEntry, error) {
		s.Phase, s.Prompt = p.Phase, p.Prompt
		if !slices.Contains(s.Covered(), p.Phase) {
			s.Phases = append(s.Phases, domain.PhaseRecord{ID: p.Phase, Reached: now})
		}
		notes := map[string]string{}
		for phase, n := range p.Notes {
			if n = strings.TrimSpace(n); n != "" {
				notes[phase] = n
			}
		}
		s.Notes = notes
		return nil, nil
	})
}

// PauseInterview starts a break (a no-op during one); ResumeInterview ends
// it. Only the times are kept.
func (ss *Session) PauseInterview(ctx context.Context, id string) (domain.InterviewSession, error) {
	return ss.changeInterview(ctx, id, "pause interview", func(s *domain.InterviewSession, now time.Time) ([]domain.AuditEntry, error) {
		if !s.OnBreak() {
			s.Breaks = append(s.Breaks, domain.InterviewBreak{Start: now})
		}
		return nil, nil
	})
}

// ResumeInterview ends the running break, if any.
func (ss *Session) ResumeInterview(ctx context.Context, id string) (domain.InterviewSession, error) {
	return ss.changeInterview(ctx, id, "resume interview", func(s *domain.InterviewSession, now time.Time) ([]domain.AuditEntry, error) {
		if s.OnBreak() {
			s.Breaks[len(s.Breaks)-1].End = now
		}
		return nil, nil
	})
}

// EndInterview ends a session: completed, or ended early with one of
// domain.EarlyEndReasons. A running break ends with it. Audited as
// interview.end with the outcome and reason.
func (ss *Session) EndInterview(ctx context.Context, id string, outcome domain.InterviewOutcome, reason string) (domain.InterviewSession, error) {
	switch {
	case outcome == domain.InterviewCompleted && reason == "":
	case outcome == domain.InterviewEndedEarly && slices.Contains(domain.EarlyEndReasons, reason):
	default:
		return domain.InterviewSession{}, &ValidationErrors{Problems: []Problem{{Field: "reason", Rule: RuleUnknownValue}}}
	}
	return ss.changeInterview(ctx, id, "end interview", func(s *domain.InterviewSession, now time.Time) ([]domain.AuditEntry, error) {
		if s.OnBreak() {
			s.Breaks[len(s.Breaks)-1].End = now
		}
		s.Outcome, s.EndReason, s.EndedAt = outcome, reason, now
		detail := "outcome=" + string(outcome)
		if reason != "" {
			detail += " reason=" + reason
		}
		return []domain.AuditEntry{ss.s.entry(domain.AuditInterviewEnd, s.InterviewerID, s.ID, detail)}, nil
	})
}

// AnswerInterview writes answers (by case field id, see
// domain.CaseFields) into the case, as one revision by the interviewer,
// and records in the session which fields it filled; both in one
// transaction. Every answer that does not fit its field is named in a
// *ValidationErrors and nothing is saved. Audited as case.edit.
func (ss *Session) AnswerInterview(ctx context.Context, id string, answers map[string][]string) (domain.Case, domain.InterviewSession, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Case{}, domain.InterviewSession{}, err
	}
	s, sHead, err := ss.loadInterview(ctx, id)
	if err != nil {
		return domain.Case{}, domain.InterviewSession{}, err
	}
	switch {
	case !s.Open():
		return domain.Case{}, domain.InterviewSession{}, &RuleError{Rule: RuleInterviewEnded}
	case s.InterviewerID != user.ID:
		return domain.Case{}, domain.InterviewSession{}, &RuleError{Rule: RuleNotInterviewer}
	}
	cur, head, err := ss.loadCase(ctx, s.CaseID)
	if err != nil {
		return domain.Case{}, domain.InterviewSession{}, err
	}
	if isClosed(cur.Status) {
		return domain.Case{}, domain.InterviewSession{}, &RuleError{Rule: RuleClosed}
	}
	c := cur
	if err := deepCopy(cur, &c); err != nil {
		return domain.Case{}, domain.InterviewSession{}, errorf("answer interview", err)
	}
	fields := make([]string, 0, len(answers))
	for f := range answers {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	var problems []Problem
	var filled []string
	for _, f := range fields {
		if err := c.SetField(f, answers[f]); err != nil {
			problems = append(problems, Problem{Field: f, Rule: fieldRule(err)})
			continue
		}
		if len(strings.TrimSpace(strings.Join(answers[f], ""))) > 0 {
			filled = append(filled, f)
		}
	}
	problems = append(problems, ValidateCase(c, ss.today())...)
	if len(problems) > 0 {
		return domain.Case{}, domain.InterviewSession{}, &ValidationErrors{Problems: problems}
	}
	changed, err := changedFields(cur, c)
	if err != nil {
		return domain.Case{}, domain.InterviewSession{}, errorf("answer interview", err)
	}
	if len(changed) == 0 {
		return cur, s, nil
	}
	extra := func(tx *store.Tx, now time.Time) ([]draft, error) {
		if h, err := tx.RecordHead(ctx, s.ID); err != nil {
			return nil, err
		} else if h != sHead {
			return nil, &RuleError{Rule: RuleStale}
		}
		for _, f := range filled {
			s.Filled = append(s.Filled, domain.FilledField{Field: f, At: now})
		}
		d, err := interviewDraft(s, sHead)
		return []draft{d}, err
	}
	saved, err := ss.saveCaseWith(ctx, "answer interview", c, head, ss.today(), domain.AuditCaseEdit,
		"fields="+strings.Join(changed, ",")+" interview="+s.ID, extra)
	if err != nil {
		return domain.Case{}, domain.InterviewSession{}, err
	}
	return saved, s, nil
}

// fieldRule maps a domain field error to a casework rule.
func fieldRule(err error) string {
	if ve, ok := err.(*domain.ValidationError); ok {
		switch ve.Rule {
		case domain.RuleFormat:
			return RuleFormat
		case domain.RuleRange:
			return RuleImpossibleAge
		}
	}
	return RuleUnknownValue
}

// deepCopy copies a case through JSON, so changing the copy's lists leaves
// the original alone.
func deepCopy(from domain.Case, to *domain.Case) error {
	b, err := json.Marshal(from)
	if err != nil {
		return err
	}
	defer clear(b)
	*to = domain.Case{}
	if err := json.Unmarshal(b, to); err != nil {
		return fmt.Errorf("copy case: %w", err)
	}
	return nil
}
