package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// fakeCaseList is an office's cases in memory, for the case list, the
// dashboard and the case-file tabs: it records what the window asks.
type fakeCaseList struct {
	user    func() domain.User
	cases   []casework.CaseSummary
	queries []casework.CaseQuery
	dash    casework.Dashboard
	dashErr error

	consents  []domain.Consent
	addedCons []domain.Consent
	withdrawn []string
	consErr   error

	notes    []domain.Note
	files    []domain.Attachment
	data     map[string][]byte
	addedAtt []domain.Attachment
	history  []casework.Change
	seq      int
}

// caseListSession is a fakeSession that also offers case services.
type caseListSession struct {
	*fakeSession
	*fakeCaseList
}

var _ CaseService = (*fakeCaseList)(nil)

func (f *fakeCaseList) next(prefix string) string {
	f.seq++
	return fmt.Sprintf("%s-%d", prefix, f.seq)
}

func (f *fakeCaseList) CreateCase(_ context.Context, c domain.Case) (domain.Case, error) {
	return c, nil
}
func (f *fakeCaseList) UpdateCase(_ context.Context, c domain.Case) (domain.Case, error) {
	return c, nil
}
func (f *fakeCaseList) Case(_ context.Context, id string) (domain.Case, error) {
	return domain.Case{ID: id}, nil
}
func (f *fakeCaseList) CloseCase(_ context.Context, id string, _ domain.Closure) (domain.Case, error) {
	return domain.Case{ID: id}, nil
}
func (f *fakeCaseList) ReopenCase(_ context.Context, id string) (domain.Case, error) {
	return domain.Case{ID: id}, nil
}
func (f *fakeCaseList) History(context.Context, string) ([]casework.Change, error) {
	return append([]casework.Change(nil), f.history...), nil
}
func (f *fakeCaseList) PossibleDuplicates(context.Context, domain.Person) ([]casework.DuplicateMatch, error) {
	return nil, nil
}
func (f *fakeCaseList) Dashboard(context.Context) (casework.Dashboard, error) {
	return f.dash, f.dashErr
}

// SearchCases filters and sorts like casework, without the accent folding.
func (f *fakeCaseList) SearchCases(_ context.Context, q casework.CaseQuery) (casework.CaseList, error) {
	f.queries = append(f.queries, q)
	me := ""
	if f.user != nil {
		me = f.user().ID
	}
	var match []casework.CaseSummary
	text := strings.ToLower(q.Text)
	for _, c := range f.cases {
		if text != "" && !strings.Contains(strings.ToLower(c.Name+" "+c.Code), text) ||
			q.Stage != "" && c.Stage != q.Stage || q.Status != "" && c.Status != q.Status ||
			q.Priority != "" && c.Priority != q.Priority || q.Child != nil && c.IsChild != *q.Child ||
			q.AssignedToMe && c.AssignedTo != me || q.Overdue && !c.Overdue {
			continue
		}
		match = append(match, c)
	}
	sort.SliceStable(match, func(i, j int) bool {
		a, b := match[i], match[j]
		switch q.Sort {
		case casework.SortCode:
			return a.Code < b.Code
		case casework.SortName:
			return a.Name < b.Name
		case casework.SortPriority:
			rank := map[domain.Priority]int{domain.PriorityHigh: 0, domain.PriorityNormal: 1, domain.PriorityLow: 2}
			return rank[a.Priority] < rank[b.Priority]
		}
		return a.UpdatedAt.After(b.UpdatedAt)
	})
	limit := q.Limit
	if limit == 0 {
		limit = 50
	}
	out := casework.CaseList{Total: len(match), All: len(f.cases)}
	if q.Offset < len(match) {
		out.Items = match[q.Offset:min(len(match), q.Offset+limit)]
	}
	return out, nil
}

func (f *fakeCaseList) AddConsent(_ context.Context, c domain.Consent) (domain.Consent, error) {
	if f.consErr != nil {
		return domain.Consent{}, f.consErr
	}
	c.ID = f.next("consent")
	c.RecordedBy = f.user().ID
	c.RecordedAt = testNow
	f.addedCons = append(f.addedCons, c)
	f.consents = append(f.consents, c)
	return c, nil
}

func (f *fakeCaseList) WithdrawConsent(_ context.Context, id, reason string) (domain.Consent, error) {
	for i, c := range f.consents {
		if c.ID == id {
			f.withdrawn = append(f.withdrawn, id+":"+reason)
			c.WithdrawnOn, c.WithdrawnReason, c.WithdrawnBy = testNow.Format(time.DateOnly), reason, f.user().ID
			f.consents[i] = c
			return c, nil
		}
	}
	return domain.Consent{}, casework.ErrNotFound
}

func (f *fakeCaseList) Consents(_ context.Context, caseID string) ([]domain.Consent, error) {
	var out []domain.Consent
	for _, c := range f.consents {
		if c.CaseID == caseID {
			out = append(out, c)
		}
	}
	return out, nil
}

func (f *fakeCaseList) AddNote(_ context.Context, caseID, text string) (domain.Note, error) {
	n := domain.Note{ID: f.next("note"), CaseID: caseID, Text: text, AuthorID: f.user().ID,
		At: testNow.Add(time.Duration(f.seq) * time.Minute)}
	f.notes = append(f.notes, n)
	return n, nil
}

func (f *fakeCaseList) Notes(_ context.Context, caseID string) ([]domain.Note, error) {
	var out []domain.Note
	for _, n := range f.notes {
		if n.CaseID == caseID {
			out = append(out, n)
		}
	}
	return out, nil
}

func (f *fakeCaseList) AddAttachment(_ context.Context, a domain.Attachment) (domain.Attachment, error) {
	if len(a.Data) > domain.MaxAttachmentBytes {
		return domain.Attachment{}, &casework.RuleError{Rule: casework.RuleTooLarge}
	}
	a.ID, a.AddedBy, a.AddedAt = f.next("file"), f.user().ID, testNow
	if f.data == nil {
		f.data = map[string][]byte{}
	}
	f.data[a.ID] = append([]byte(nil), a.Data...)
	f.addedAtt = append(f.addedAtt, a)
	a.Data = nil
	f.files = append(f.files, a)
	return a, nil
}

func (f *fakeCaseList) Attachments(_ context.Context, caseID string) ([]domain.Attachment, error) {
	var out []domain.Attachment
	for _, a := range f.files {
		if a.CaseID == caseID {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeCaseList) AttachmentData(_ context.Context, id string) ([]byte, error) {
	d, ok := f.data[id]
	if !ok {
		return nil, casework.ErrNotFound
	}
	return append([]byte(nil), d...), nil
}

func (f *fakeCaseList) DeleteAttachment(_ context.Context, id string) error {
	for i, a := range f.files {
		if a.ID == id {
			f.files = append(f.files[:i], f.files[i+1:]...)
			delete(f.data, id)
			return nil
		}
	}
	return casework.ErrNotFound
}

// caseListNames are people the fake cases are about.
var caseListNames = []string{
	"Aminata Sow", "Fatou Diop", "", "Ibrahima Camara", "Kofi Mensah", "Adjoa Boateng",
	"João Tavares", "Maria da Graça Lopes", "Chidi Okafor", "Awa Traoré", "Moussa Keïta",
	"", "Aïssatou Barry", "Blessing Eze", "Yaw Owusu", "Djenabu Embaló", "Sékou Condé",
	"Ama Asante", "Emeka Nwosu", "Fanta Sylla",
}

// seedCaseList fills the fake with n cases, newest change first, some of
// them children, overdue or assigned to userID.
func seedCaseList(f *fakeCaseList, n int, userID string) {
	stages := caseListStages[:5]
	for i := range n {
		c := casework.CaseSummary{
			ID:        fmt.Sprintf("case-%04d", i+1),
			Code:      fmt.Sprintf("KOL-2026-%04d", n-i),
			Name:      caseListNames[i%len(caseListNames)],
			Status:    domain.StatusActive,
			Stage:     stages[i%len(stages)],
			Priority:  caseListPriorities[i%3],
			IsChild:   i%3 == 0,
			UpdatedAt: testNow.Add(-time.Duration(i) * 7 * time.Hour),
		}
		if i%10 == 9 {
			c.IsChild, c.PresumedChild = true, true
		}
		if i%4 == 1 {
			c.AssignedTo = userID
		} else {
			c.AssignedTo = "u-other"
		}
		switch i % 5 {
		case 0:
			c.NextFollowUp = testNow.AddDate(0, 0, 3+i%7).Format(time.DateOnly)
		case 2:
			c.NextFollowUp, c.Overdue = testNow.AddDate(0, 0, -2-i%9).Format(time.DateOnly), true
		}
		if i%8 == 7 {
			c.Status, c.Stage = domain.StatusFollowUp, domain.StageReintegration
		}
		f.cases = append(f.cases, c)
	}
}

// newCaseListShell logs a new user of role in, with case services.
func newCaseListShell(t *testing.T, role domain.Role) (*shellFixture, *fakeCaseList) {
	t.Helper()
	f := newApp(t, nil)
	f.sec.addUser("u-awa", "awa.ndiaye", "Awa Ndiaye", domain.RoleSupervisor, "awa password 1")
	f.sec.addUser("u-joao", "joao.gomes", "João Gomes", domain.RoleCaseworker, "joao password 1")
	var u domain.User
	switch role {
	case domain.RoleAdmin:
		u, _ = f.sec.user("aminata")
	case domain.RoleSupervisor:
		u, _ = f.sec.user("awa.ndiaye")
	default:
		u, _ = f.sec.user("joao.gomes")
	}
	fs := f.sec.open(u)
	cl := &fakeCaseList{user: fs.User}
	f.sess = fs
	f.app.loggedIn(&caseListSession{fakeSession: fs, fakeCaseList: cl})
	f.shell = f.app.Shell()
	return f, cl
}

// caseListFind returns the first object of type T drawn inside o.
func caseListFind[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	done := false
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if t, ok := o.(T); ok && !done {
			found, done = t, true
		}
	})
	return found
}

// caseListShow puts a tab in the shell's body, where the case file will
// hold it.
func caseListShow(f *shellFixture, o fyne.CanvasObject) {
	f.shell.body.Objects = []fyne.CanvasObject{o}
	f.shell.body.Refresh()
}
