package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// fakeCaseFile is an office's cases in memory with casework's rules where
// the intake form and the case file depend on them: validation, codes,
// the refusal to close a child's case without a BIA.
type fakeCaseFile struct {
	cases   map[string]domain.Case
	seq     int
	userID  string
	dups    []casework.DuplicateMatch
	dupErr  error
	created []domain.Case
	updated []domain.Case
	viewed  []string
	closes  int
	reopens int
}

func newFakeCaseFile(userID string) *fakeCaseFile {
	return &fakeCaseFile{cases: map[string]domain.Case{}, userID: userID}
}

// caseFileSession is a session that also offers the case services.
type caseFileSession struct {
	*fakeSession
	*fakeCaseFile
}

var _ CaseService = (*fakeCaseFile)(nil)

func (f *fakeCaseFile) invalid(c domain.Case) error {
	if ps := caseProblems(c, testNow); len(ps) > 0 {
		return &casework.ValidationErrors{Problems: ps}
	}
	return nil
}

func (f *fakeCaseFile) CreateCase(_ context.Context, c domain.Case) (domain.Case, error) {
	if err := f.invalid(c); err != nil {
		return domain.Case{}, err
	}
	f.seq++
	c.ID = "case-" + itoa(f.seq)
	c.Code = "KOL-2026-" + strings.Repeat("0", 4-len(itoa(f.seq))) + itoa(f.seq)
	c.CreatedAt, c.UpdatedAt, c.CreatedBy = testNow, testNow, f.userID
	if c.OpenedOn == "" {
		c.OpenedOn = isoDay(testNow)
	}
	if c.Status == "" {
		c.Status = domain.StatusActive
	}
	if c.Stage == "" {
		c.Stage = domain.StageIdentification
	}
	if c.Priority == "" {
		c.Priority = domain.PriorityNormal
	}
	if c.AssignedTo == "" {
		c.AssignedTo = f.userID
	}
	f.cases[c.ID] = c
	f.created = append(f.created, c)
	return c, nil
}

func (f *fakeCaseFile) UpdateCase(_ context.Context, c domain.Case) (domain.Case, error) {
	old, ok := f.cases[c.ID]
	if !ok {
		return domain.Case{}, casework.ErrNotFound
	}
	if err := f.invalid(c); err != nil {
		return domain.Case{}, err
	}
	c.Code, c.CreatedAt, c.CreatedBy = old.Code, old.CreatedAt, old.CreatedBy
	c.UpdatedAt = testNow
	f.cases[c.ID] = c
	f.updated = append(f.updated, c)
	return c, nil
}

func (f *fakeCaseFile) Case(_ context.Context, id string) (domain.Case, error) {
	c, ok := f.cases[id]
	if !ok {
		return domain.Case{}, casework.ErrNotFound
	}
	f.viewed = append(f.viewed, id)
	return c, nil
}

func (f *fakeCaseFile) CloseCase(_ context.Context, id string, cl domain.Closure) (domain.Case, error) {
	c, ok := f.cases[id]
	if !ok {
		return domain.Case{}, casework.ErrNotFound
	}
	if child, _ := caseChildStatus(c.Person, testNow); child && c.Child.BIA == nil {
		return domain.Case{}, &casework.RuleError{Rule: casework.RuleBIARequired}
	}
	f.closes++
	c.Status, c.Stage = domain.StatusClosed, domain.StageClosed
	if cl.Reason == domain.ClosedReferred {
		c.Status = domain.StatusClosedReferred
	}
	c.Closure = &cl
	f.cases[id] = c
	return c, nil
}

func (f *fakeCaseFile) ReopenCase(_ context.Context, id string) (domain.Case, error) {
	c, ok := f.cases[id]
	if !ok {
		return domain.Case{}, casework.ErrNotFound
	}
	f.reopens++
	c.Status, c.Stage = domain.StatusActive, domain.StageAssistance
	if c.Closure != nil {
		cl := *c.Closure
		cl.ReopenedOn = isoDay(testNow)
		c.Closure = &cl
	}
	f.cases[id] = c
	return c, nil
}

func (f *fakeCaseFile) History(context.Context, string) ([]casework.Change, error) { return nil, nil }

func (f *fakeCaseFile) SearchCases(context.Context, casework.CaseQuery) (casework.CaseList, error) {
	return casework.CaseList{}, nil
}

func (f *fakeCaseFile) PossibleDuplicates(context.Context, domain.Person) ([]casework.DuplicateMatch, error) {
	return f.dups, f.dupErr
}

func (f *fakeCaseFile) Dashboard(context.Context) (casework.Dashboard, error) {
	return casework.Dashboard{}, nil
}

func (f *fakeCaseFile) AddConsent(_ context.Context, c domain.Consent) (domain.Consent, error) {
	return c, nil
}

func (f *fakeCaseFile) WithdrawConsent(context.Context, string, string) (domain.Consent, error) {
	return domain.Consent{}, nil
}

func (f *fakeCaseFile) Consents(context.Context, string) ([]domain.Consent, error) { return nil, nil }

func (f *fakeCaseFile) AddNote(_ context.Context, caseID, text string) (domain.Note, error) {
	return domain.Note{CaseID: caseID, Text: text}, nil
}

func (f *fakeCaseFile) Notes(context.Context, string) ([]domain.Note, error) { return nil, nil }

func (f *fakeCaseFile) AddAttachment(_ context.Context, a domain.Attachment) (domain.Attachment, error) {
	return a, nil
}

func (f *fakeCaseFile) Attachments(context.Context, string) ([]domain.Attachment, error) {
	return nil, nil
}

func (f *fakeCaseFile) AttachmentData(context.Context, string) ([]byte, error) { return nil, nil }

func (f *fakeCaseFile) DeleteAttachment(context.Context, string) error { return nil }

// add puts a case in the office as it would be after registration.
func (f *fakeCaseFile) add(c domain.Case) domain.Case {
	c, err := f.CreateCase(context.Background(), c)
	if err != nil {
		panic(err)
	}
	f.created = nil
	return c
}

// newCaseFileShell logs in a case worker, João, with case services.
func newCaseFileShell(t *testing.T) (*shellFixture, *fakeCaseFile) {
	t.Helper()
	f := newApp(t, nil)
	u := f.sec.addUser("u-joao", "joao.gomes", "João Gomes", domain.RoleCaseworker, "joao password 1")
	fs := f.sec.open(u)
	cf := newFakeCaseFile(u.ID)
	f.sess = fs
	f.app.loggedIn(&caseFileSession{fakeSession: fs, fakeCaseFile: cf})
	f.shell = f.app.Shell()
	return f, cf
}

// intakeOf returns the intake form on screen.
func intakeOf(t *testing.T, f *shellFixture) *intakeForm {
	t.Helper()
	in, ok := f.shell.drafters[draftIntake].(*intakeForm)
	if !ok {
		t.Fatal("no intake form on screen")
	}
	return in
}

// caseFileOf returns the case file on screen.
func caseFileOf(t *testing.T, f *shellFixture) *caseFile {
	t.Helper()
	cf, ok := f.shell.drafters[draftCaseFile].(*caseFile)
	if !ok {
		t.Fatal("no case file on screen")
	}
	return cf
}

// aChild is a registered girl of 14 with no guardian and no BIA.
func aChild() domain.Case {
	return domain.Case{
		Person: domain.Person{FirstName: "Aïssatou", LastName: "Baldé", Gender: domain.GenderFeminine,
			BirthDate: "2012-05-03", Citizenship: []string{"GN"}, Languages: []string{"ff", "fr"}},
		Trafficking: domain.Trafficking{Status: domain.TraffickingPossible, Exploitation: []string{"ForcedBegging"}},
	}
}
