package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// Record kinds of the case file. A case is one document; its consents,
// notes and attachments are documents of their own that name it. An
// attachment's bytes are a record of their own too ("attachment-data"), so
// listing a case's attachments never opens their contents.
const (
	kindCase           = "case"
	kindConsent        = "consent"
	kindNote           = "note"
	kindAttachment     = "attachment"
	kindAttachmentData = "attachment-data"
)

// onCaseSaved runs after every successful create, update, close and reopen,
// outside the session lock, with the case as saved. The search index sets
// it to keep itself up to date.
var onCaseSaved = func(ss *Session, c domain.Case) {}

// canSee reports whether the session's user may see c: a supervisor every
// case, a case worker the cases they created or are assigned to, an admin
// none. It takes the session lock: do not call it while holding mu.
func (ss *Session) canSee(c domain.Case) bool {
	ss.mu.Lock()
	u := ss.user
	ss.mu.Unlock()
	return userSees(u, c)
}

// userSees is canSee for a given user.
func userSees(u domain.User, c domain.Case) bool {
	switch {
	case RoleCan(u.Role, PermAllCases):
		return true
	case RoleCan(u.Role, PermOwnCases):
		return c.CreatedBy == u.ID || c.AssignedTo == u.ID
	}
	return false
}

// caseUser checks that the session is unlocked and its role works on
// cases, and returns its user and office.
func (ss *Session) caseUser() (domain.User, domain.Office, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermOwnCases); err != nil {
		return domain.User{}, domain.Office{}, err
	}
	return ss.user, ss.office, nil
}

// today is the service clock's date, at midnight UTC.
func (ss *Session) today() time.Time { return dateOf(ss.s.now()) }

// draft is one revision to write: the record, its parents, the plain body
// (cleared once sealed) and the plain columns.
type draft struct {
	kind, recordID string
	parents        []string
	body           []byte
	cols           store.RecordColumns
	tombstone      bool   // a deletion: no body
	resolves       string // the merge revision whose conflict it resolves
}

// commit seals drafts and stores them with audit entries in one write
// transaction. build runs inside the transaction and the session lock, with
// the time the revisions are stamped with: what it reads through tx (the
// next case number, the current head) cannot change before the commit.
func (ss *Session) commit(ctx context.Context, what string,
	build func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error)) error {
	return ss.commitAs(ctx, what, build, PermOwnCases)
}

// commitAs is commit for a session whose role has permission perm.
func (ss *Session) commitAs(ctx context.Context, what string,
	build func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error), perm Permission) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(perm); err != nil {
		return err
	}
	return ss.s.db.Update(ctx, what, func(tx *store.Tx) error {
		now := ss.s.now()
		drafts, entries, err := build(tx, now)
		defer func() {
			for _, d := range drafts {
				clear(d.body)
			}
		}()
		if err != nil {
			return err
		}
		for _, d := range drafts {
			rev := store.Revision{
				ID: uuid.NewString(), RecordID: d.recordID, Kind: d.kind, Parents: d.parents,
				OfficeID: ss.office.ID, UserID: ss.user.ID, HLC: ss.s.hlc.next(now, ss.office.ID), CreatedAt: now,
				Tombstone: d.tombstone, Resolves: d.resolves,
			}
			if !d.tombstone {
				if rev.Body, err = ss.key.Seal(revisionAD(rev), d.body); err != nil {
					return errorf(what, err)
				}
			}
			if err := tx.PutRevision(ctx, rev, d.cols); err != nil {
				return err
			}
		}
		return appendAll(ctx, tx, entries...)
	})
}

// notFound says that no live record of kind has that id, keeping the
// store's error (if any) visible to errors.Is.
func notFound(kind, id string, err error) error {
	if err == nil {
		return fmt.Errorf("casework: %s %s: %w", kind, id, ErrNotFound)
	}
	return fmt.Errorf("casework: %s %s: %w (%w)", kind, id, ErrNotFound, err)
}

// openRecord opens the head of one live record of kind and returns its
// plain body and head revision id; ErrNotFound when there is no such record
// (another kind, or deleted, counts as none).
func (ss *Session) openRecord(ctx context.Context, kind, id string) ([]byte, string, error) {
	perm := PermOwnCases
	switch kind {
	case kindPartner:
		perm = "" // the directory is open to every role
	case kindPinned:
		perm = PermExchange
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(perm); err != nil {
		return nil, "", err
	}
	if id == "" {
		return nil, "", notFound(kind, id, nil)
	}
	rev, err := ss.s.db.HeadRevision(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, "", notFound(kind, id, err)
	case err != nil:
		return nil, "", err
	case rev.Kind != kind || rev.Tombstone:
		return nil, "", notFound(kind, id, nil)
	}
	plain, err := ss.key.Open(revisionAD(rev), rev.Body)
	if err != nil {
		return nil, "", errorf(fmt.Sprintf("open %s %s", kind, id), err)
	}
	return plain, rev.ID, nil
}

// openRecordAs is openRecord decoded into v.
func (ss *Session) openRecordAs(ctx context.Context, kind, id string, v any) (head string, err error) {
	body, head, err := ss.openRecord(ctx, kind, id)
	if err != nil {
		return "", err
	}
	defer clear(body)
	if err := json.Unmarshal(body, v); err != nil {
		return "", errorf(fmt.Sprintf("read %s %s", kind, id), err)
	}
	return head, nil
}

// loadCase opens a case the session's user may see, and its head revision
// id: ErrNotFound when there is none, ErrForbidden when it is not theirs.
func (ss *Session) loadCase(ctx context.Context, id string) (domain.Case, string, error) {
	var c domain.Case
	head, err := ss.openRecordAs(ctx, kindCase, id, &c)
	if err != nil {
		return domain.Case{}, "", err
	}
	if !ss.canSee(c) {
		return domain.Case{}, "", fmt.Errorf("casework: case %s: %w", id, ErrForbidden)
	}
	return c, head, nil
}

// loadCases opens every live case of the office, visible to this user or
// not (callers filter with canSee), ordered by id: what the search index is
// built from after unlock.
func (ss *Session) loadCases(ctx context.Context) ([]domain.Case, error) {
	bodies, err := ss.openHeads(ctx, kindCase)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, b := range bodies {
			clear(b)
		}
	}()
	cases := make([]domain.Case, 0, len(bodies))
	for id, b := range bodies {
		var c domain.Case
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, errorf("read case "+id, err)
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].ID < cases[j].ID })
	return cases, nil
}

// openChildren opens every live record of kind that belongs to caseID (a
// consent, note or attachment): they name their case inside the sealed
// body only, so every head of the kind is opened and the others dropped.
func openChildren[T any](ctx context.Context, ss *Session, kind, caseID string, caseOf func(*T) string) ([]T, error) {
	bodies, err := ss.openHeads(ctx, kind)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, b := range bodies {
			clear(b)
		}
	}()
	var out []T
	for id, b := range bodies {
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, errorf(fmt.Sprintf("read %s %s", kind, id), err)
		}
		if caseOf(&v) == caseID {
			out = append(out, v)
		}
	}
	return out, nil
}

// caseColumns are the plain columns of a case: nothing that identifies the person.
func caseColumns(c domain.Case, today time.Time) store.RecordColumns {
	child, _ := ChildStatus(c.Person, today)
	return store.RecordColumns{
		Code: c.Code, Status: string(c.Status), Stage: string(c.Stage), Priority: string(c.Priority),
		IsChild: child, AssignedTo: c.AssignedTo,
	}
}

// caseSummary is the list row of c as of today.
func caseSummary(c domain.Case, today time.Time) CaseSummary {
	child, presumed := ChildStatus(c.Person, today)
	s := CaseSummary{
		ID: c.ID, Code: c.Code, Name: displayName(c.Person), Status: c.Status, Stage: c.Stage, Priority: c.Priority,
		IsChild: child, PresumedChild: presumed, AssignedTo: c.AssignedTo, UpdatedAt: c.UpdatedAt,
	}
	day := today.Format(dayLayout)
	for _, f := range c.FollowUps {
		if f.Done != "" || f.Due == "" {
			continue
		}
		if s.NextFollowUp == "" || f.Due < s.NextFollowUp {
			s.NextFollowUp = f.Due
		}
		if f.Due < day {
			s.Overdue = true
		}
	}
	return s
}

// displayName is first and last name, or the first alias, or "".
func displayName(p domain.Person) string {
	if n := strings.TrimSpace(strings.TrimSpace(p.FirstName) + " " + strings.TrimSpace(p.LastName)); n != "" {
		return n
	}
	for _, a := range p.Aliases {
		if a = strings.TrimSpace(a); a != "" {
			return a
		}
	}
	return ""
}

// isClosed reports whether a status is one of the closed ones.
func isClosed(s domain.CaseStatus) bool {
	return s == domain.StatusClosed || s == domain.StatusClosedReferred
}

// assignFollowUpIDs gives every follow-up without one an id, on a copy of
// the list so the caller's value is not changed.
func assignFollowUpIDs(c *domain.Case) {
	c.FollowUps = slices.Clone(c.FollowUps)
	for i := range c.FollowUps {
		if c.FollowUps[i].ID == "" {
			c.FollowUps[i].ID = uuid.NewString()
		}
	}
}

// checkAssignee reports a problem when the case is assigned to someone who
// is not an active user of this office allowed to hold cases.
func (ss *Session) checkAssignee(ctx context.Context, userID string) ([]Problem, error) {
	row, err := ss.s.db.UserByID(ctx, userID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return []Problem{{Field: "assignedTo", Rule: RuleUnknownValue}}, nil
	case err != nil:
		return nil, err
	case row.Disabled || !RoleCan(row.Role, PermOwnCases):
		return []Problem{{Field: "assignedTo", Rule: RuleUnknownValue}}, nil
	}
	return nil, nil
}

// CreateCase registers a new case: it assigns the id, the code
// (PREFIX-YYYY-NNNN, numbered per year within the office) and the creation
// stamps, fills the defaults (opened today, active, identification, normal
// priority, assigned to the creator), validates, stores the first revision
// and audits case.create. Closing goes through CloseCase: a new case
// cannot start closed.
func (ss *Session) CreateCase(ctx context.Context, c domain.Case) (domain.Case, error) {
	user, office, err := ss.caseUser()
	if err != nil {
		return domain.Case{}, err
	}
	today := ss.today()
	c.ID, c.Code, c.CreatedBy = uuid.NewString(), "", user.ID
	c = WithNewCaseDefaults(c, today, user.ID)
	assignFollowUpIDs(&c)
	problems := ValidateCase(c, today)
	if isClosed(c.Status) || c.Stage == domain.StageClosed || c.Closure != nil {
		problems = append(problems, Problem{Field: "status", Rule: RuleUnknownValue})
	}
	if c.AssignedTo != user.ID {
		more, err := ss.checkAssignee(ctx, c.AssignedTo)
		if err != nil {
			return domain.Case{}, err
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		return domain.Case{}, &ValidationErrors{Problems: problems}
	}
	prefix := office.CodePrefix
	if prefix == "" {
		prefix = domain.DefaultCodePrefix(office.Name)
	}
	err = ss.commit(ctx, "create case", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		seq, err := tx.NextCaseSeq(ctx, prefix, now.Year())
		if err != nil {
			return nil, nil, err
		}
		c.Code = fmt.Sprintf("%s-%04d-%04d", prefix, now.Year(), seq)
		c.CreatedAt, c.UpdatedAt = now, now
		body, err := json.Marshal(c)
		if err != nil {
			return nil, nil, errorf("create case", err)
		}
		return []draft{{kind: kindCase, recordID: c.ID, body: body, cols: caseColumns(c, today)}},
			[]domain.AuditEntry{ss.s.entry(domain.AuditCaseCreate, user.ID, c.ID, "code="+c.Code)}, nil
	})
	if err != nil {
		return domain.Case{}, err
	}
	onCaseSaved(ss, c)
	return c, nil
}

// UpdateCase saves an edited case as a new revision whose parent is the
// current head, and audits case.edit with the paths of the changed fields
// (never their values). The id, code and creation stamps stay as stored;
// closing and reopening go through CloseCase and ReopenCase. When c carries
// the UpdatedAt of the revision it was read from and someone saved the case
// since, it refuses with *RuleError{Rule: RuleStale} rather than overwrite
// their change. Saving with nothing changed stores nothing.
func (ss *Session) UpdateCase(ctx context.Context, c domain.Case) (domain.Case, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Case{}, err
	}
	cur, head, err := ss.loadCase(ctx, c.ID)
	if err != nil {
		return domain.Case{}, err
	}
	if !c.UpdatedAt.IsZero() && !c.UpdatedAt.Equal(cur.UpdatedAt) {
		return domain.Case{}, &RuleError{Rule: RuleStale}
	}
	today := ss.today()
	c.Code, c.CreatedAt, c.CreatedBy, c.UpdatedAt = cur.Code, cur.CreatedAt, cur.CreatedBy, cur.UpdatedAt
	fillPlain(&c, cur)
	c.Closure = cur.Closure
	assignFollowUpIDs(&c)
	problems := ValidateCase(c, today)
	if isClosed(c.Status) != isClosed(cur.Status) || (c.Stage == domain.StageClosed) != (cur.Stage == domain.StageClosed) {
		problems = append(problems, Problem{Field: "status", Rule: RuleUnknownValue})
	}
	if c.AssignedTo != cur.AssignedTo && c.AssignedTo != user.ID {
		more, err := ss.checkAssignee(ctx, c.AssignedTo)
		if err != nil {
			return domain.Case{}, err
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		return domain.Case{}, &ValidationErrors{Problems: problems}
	}
	fields, err := changedFields(cur, c)
	if err != nil {
		return domain.Case{}, errorf("update case", err)
	}
	if len(fields) == 0 {
		return cur, nil
	}
	return ss.saveCase(ctx, "update case", c, head, today, domain.AuditCaseEdit, "fields="+strings.Join(fields, ","))
}

// saveCase stores c as the revision after head, unless another revision
// became the head since it was read (RuleStale), and tells the index.
func (ss *Session) saveCase(ctx context.Context, what string, c domain.Case, head string, today time.Time,
	action domain.AuditAction, detail string) (domain.Case, error) {
	return ss.saveCaseWith(ctx, what, c, head, today, action, detail, nil)
}

// saveCaseWith is saveCase with more revisions from extra (when not nil)
// written in the same transaction.
func (ss *Session) saveCaseWith(ctx context.Context, what string, c domain.Case, head string, today time.Time,
	action domain.AuditAction, detail string, extra func(tx *store.Tx, now time.Time) ([]draft, error)) (domain.Case, error) {
	user := ss.User()
	err := ss.commit(ctx, what, func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		if h, err := tx.RecordHead(ctx, c.ID); err != nil {
			return nil, nil, err
		} else if h != head {
			return nil, nil, &RuleError{Rule: RuleStale}
		}
		c.UpdatedAt = now
		body, err := json.Marshal(c)
		if err != nil {
			return nil, nil, errorf(what, err)
		}
		drafts := []draft{{kind: kindCase, recordID: c.ID, parents: []string{head}, body: body, cols: caseColumns(c, today)}}
		if extra != nil {
			more, err := extra(tx, now)
			if err != nil {
				clear(body)
				return nil, nil, err
			}
			drafts = append(drafts, more...)
		}
		return drafts, []domain.AuditEntry{ss.s.entry(action, user.ID, c.ID, detail)}, nil
	})
	if err != nil {
		return domain.Case{}, err
	}
	onCaseSaved(ss, c)
	return c, nil
}

// Case returns a case the user may see, and audits case.view.
func (ss *Session) Case(ctx context.Context, id string) (domain.Case, error) {
	c, _, err := ss.loadCase(ctx, id)
	if err != nil {
		return domain.Case{}, err
	}
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, c.ID, ""); err != nil {
		return domain.Case{}, err
	}
	return c, nil
}

// CaseByCode returns the case with that code (spaces and letter case
// ignored) and audits case.view: ErrNotFound when there is none,
// ErrForbidden when it is not the user's.
func (ss *Session) CaseByCode(ctx context.Context, code string) (domain.Case, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return domain.Case{}, err
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	ids, err := ss.s.db.RecordIDsByCode(ctx, kindCase, code)
	if err != nil {
		return domain.Case{}, err
	}
	err = notFound(kindCase, code, nil)
	for _, id := range ids {
		c, err2 := ss.Case(ctx, id)
		if err2 == nil {
			return c, nil
		}
		if !errors.Is(err2, ErrForbidden) {
			return domain.Case{}, err2
		}
		err = err2
	}
	return domain.Case{}, err
}

// CloseCase closes a case: status closed (closed-referred when the reason
// is referred), stage closed, and the closure recorded (closed today unless
// cl says when). A child's case is not closed without a Best Interests
// Assessment: *RuleError{Rule: RuleBIARequired}. A closed case is refused
// with RuleClosed. Audited as case.close with the reason.
func (ss *Session) CloseCase(ctx context.Context, id string, cl domain.Closure) (domain.Case, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return domain.Case{}, err
	}
	c, head, err := ss.loadCase(ctx, id)
	if err != nil {
		return domain.Case{}, err
	}
	if isClosed(c.Status) {
		return domain.Case{}, &RuleError{Rule: RuleClosed}
	}
	today := ss.today()
	if child, _ := ChildStatus(c.Person, today); child && c.Child.BIA == nil {
		return domain.Case{}, &RuleError{Rule: RuleBIARequired}
	}
	if cl.ClosedOn == "" {
		cl.ClosedOn = today.Format(dayLayout)
	}
	cl.ReopenedOn = ""
	if problems := validateClosure(cl, c.OpenedOn, today); len(problems) > 0 {
		return domain.Case{}, &ValidationErrors{Problems: problems}
	}
	c.Status, c.Stage, c.Closure = domain.StatusClosed, domain.StageClosed, &cl
	if cl.Reason == domain.ClosedReferred {
		c.Status = domain.StatusClosedReferred
	}
	return ss.saveCase(ctx, "close case", c, head, today, domain.AuditCaseClose, "closure="+string(cl.Reason))
}

// validateClosure checks a closure given to CloseCase.
func validateClosure(cl domain.Closure, openedOn string, today time.Time) []Problem {
	ch := newChecker(today, domain.Person{})
	if cl.Reason == "" {
		ch.add("closure.reason", RuleRequired)
	}
	oneOf(ch, "closure.reason", cl.Reason, domain.ClosureReasons)
	if d, ok := ch.pastDate("closure.closedOn", cl.ClosedOn); ok {
		if o, ok := parseDate(openedOn); ok && d.Before(o) {
			ch.add("closure.closedOn", RuleDateOrder)
		}
	}
	return ch.problems
}

// ReopenCase opens a closed case again: status active, stage assistance,
// and the closure kept with the day it was reopened. A case that is not
// closed is refused with RuleNotClosed. Audited as case.reopen.
func (ss *Session) ReopenCase(ctx context.Context, id string) (domain.Case, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return domain.Case{}, err
	}
	c, head, err := ss.loadCase(ctx, id)
	if err != nil {
		return domain.Case{}, err
	}
	if !isClosed(c.Status) {
		return domain.Case{}, &RuleError{Rule: RuleNotClosed}
	}
	today := ss.today()
	cl := domain.Closure{}
	if c.Closure != nil {
		cl = *c.Closure
	}
	cl.ReopenedOn = today.Format(dayLayout)
	c.Status, c.Stage, c.Closure = domain.StatusActive, domain.StageAssistance, &cl
	return ss.saveCase(ctx, "reopen case", c, head, today, domain.AuditCaseReopen, "")
}

// WithNewCaseDefaults fills what CreateCase fills on a new case where c
// leaves it empty: opened today, active, at identification, normal
// priority, assigned to assignee. The window uses it to check a case with
// the same values before it is created.
func WithNewCaseDefaults(c domain.Case, today time.Time, assignee string) domain.Case {
	fillPlain(&c, domain.Case{
		OpenedOn: today.Format(dayLayout), Status: domain.StatusActive, Stage: domain.StageIdentification,
		Priority: domain.PriorityNormal, AssignedTo: assignee,
	})
	return c
}

// fillPlain gives c the opening date, status, stage, priority and assignee
// of from where c leaves them empty: the defaults of a new case, or the
// current values of the case being edited.
func fillPlain(c *domain.Case, from domain.Case) {
	if c.OpenedOn == "" {
		c.OpenedOn = from.OpenedOn
	}
	if c.Status == "" {
		c.Status = from.Status
	}
	if c.Stage == "" {
		c.Stage = from.Stage
	}
	if c.Priority == "" {
		c.Priority = from.Priority
	}
	if c.AssignedTo == "" {
		c.AssignedTo = from.AssignedTo
	}
}
