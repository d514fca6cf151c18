package casework

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
)

// caseDesk is a staffed office (see staffOffice) with the supervisor and
// both case workers logged in.
type caseDesk struct {
	*fixture
	users           map[string]domain.User
	sam, kofi, tina *Session
}

func newCaseDesk(t *testing.T) *caseDesk {
	t.Helper()
	f, users := staffOffice(t)
	return &caseDesk{fixture: f, users: users,
		sam: f.login("sam", superPW), kofi: f.login("kofi", workerPW), tina: f.login("tina", targetPW)}
}

// create registers c as ss and fails the test on error.
func (d *caseDesk) create(ss *Session, c domain.Case) domain.Case {
	d.t.Helper()
	got, err := ss.CreateCase(context.Background(), c)
	if err != nil {
		d.t.Fatalf("CreateCase: %v", err)
	}
	return got
}

// revisions lists a record's stored revisions, oldest first.
func (d *caseDesk) revisions(id string) []store.Revision {
	d.t.Helper()
	revs, err := d.db.Revisions(context.Background(), id)
	if err != nil {
		d.t.Fatal(err)
	}
	return revs
}

// wantRule fails unless err is a *RuleError for rule.
func wantRule(t *testing.T, what string, err error, rule string) {
	t.Helper()
	var re *RuleError
	if !errors.As(err, &re) || re.Rule != rule || !errors.Is(err, ErrRefused) {
		t.Errorf("%s = %v, want a refusal by rule %s", what, err, rule)
	}
}

// wantProblems fails unless err is a *ValidationErrors with exactly these problems.
func wantProblems(t *testing.T, what string, err error, want ...Problem) {
	t.Helper()
	var ve *ValidationErrors
	if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) || !slices.Equal(ve.Problems, want) {
		t.Errorf("%s = %v, want problems %v", what, err, want)
	}
}

func TestCreateCase(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	in := fileAdult()
	in.Status, in.Stage, in.Priority, in.OpenedOn = "", "", "", ""
	in.FollowUps = []domain.FollowUp{{Due: "2025-03-20"}}
	c := d.create(d.kofi, in)

	t.Run("given a case with no defaults when created then they are filled in", func(t *testing.T) {
		kofi := d.users["kofi"].ID
		if c.ID == "" || c.Code != "CA-2025-0001" || c.Status != domain.StatusActive || c.Stage != domain.StageIdentification ||
			c.Priority != domain.PriorityNormal || c.AssignedTo != kofi || c.CreatedBy != kofi || c.OpenedOn != "2025-03-10" ||
			!c.CreatedAt.Equal(t0) || !c.UpdatedAt.Equal(t0) || c.FollowUps[0].ID == "" {
			t.Errorf("created case = %+v", c)
		}
		if in.FollowUps[0].ID != "" {
			t.Error("CreateCase changed the caller's follow-ups")
		}
	})
	t.Run("given the created case when read back then it is the same", func(t *testing.T) {
		got, err := d.kofi.Case(ctx, c.ID)
		if err != nil || got.Code != c.Code || got.Person.FirstName != "Akosua" || !got.CreatedAt.Equal(c.CreatedAt) || got.FollowUps[0].ID != c.FollowUps[0].ID {
			t.Errorf("Case = %+v, %v", got, err)
		}
	})
	t.Run("given the created case then one revision without parents and plain columns without the person", func(t *testing.T) {
		revs := d.revisions(c.ID)
		if len(revs) != 1 || len(revs[0].Parents) != 0 || revs[0].Kind != kindCase || revs[0].UserID != d.users["kofi"].ID {
			t.Fatalf("revisions = %+v", revs)
		}
		r, err := d.db.Record(ctx, c.ID)
		want := store.RecordColumns{Code: "CA-2025-0001", Status: "active", Stage: "identification", Priority: "normal", AssignedTo: d.users["kofi"].ID}
		if err != nil || r.RecordColumns != want {
			t.Errorf("record columns = %+v, %v; want %+v", r.RecordColumns, err, want)
		}
	})
	t.Run("given the created case then the audit has case.create with the code and nothing personal", func(t *testing.T) {
		es := d.audit()
		var create *domain.AuditEntry
		for i := range es {
			if es[i].Action == domain.AuditCaseCreate {
				create = &es[i]
			}
		}
		if create == nil || create.RecordID != c.ID || create.UserID != d.users["kofi"].ID || create.Detail != "code=CA-2025-0001" {
			t.Errorf("case.create entry = %+v", create)
		}
	})
	t.Run("given a child when created then the plain child flag is set", func(t *testing.T) {
		ch := d.create(d.kofi, fileChild())
		if r, _ := d.db.Record(ctx, ch.ID); !r.IsChild {
			t.Error("child case without the child flag")
		}
		presumed := fileAdult()
		presumed.Person.BirthDate, presumed.Person.MayBeChild = "", true
		pc := d.create(d.kofi, presumed)
		if r, _ := d.db.Record(ctx, pc.ID); !r.IsChild {
			t.Error("presumed child without the child flag")
		}
	})
	t.Run("given an invalid case when created then every problem and nothing stored", func(t *testing.T) {
		before := len(d.audit())
		bad := fileAdult()
		bad.Person.FirstName, bad.Person.LastName, bad.Person.BirthDate = "", "", "2025-03-11"
		_, err := d.kofi.CreateCase(ctx, bad)
		wantProblems(t, "CreateCase", err, Problem{"person.firstName", RuleRequired}, Problem{"person.birthDate", RuleFuture})
		if len(d.audit()) != before {
			t.Error("a refused case was audited as created")
		}
	})
	t.Run("given a case that starts closed when created then refused", func(t *testing.T) {
		closed := fileAdult()
		closed.Status = domain.StatusClosed
		_, err := d.kofi.CreateCase(ctx, closed)
		wantProblems(t, "CreateCase", err, Problem{"status", RuleUnknownValue})
	})
	t.Run("given an assignee when created then it must be a case user of the office", func(t *testing.T) {
		for _, tt := range []struct {
			assignee string
			ok       bool
		}{{d.users["tina"].ID, true}, {d.users["sam"].ID, true}, {d.users["ama"].ID, false}, {"someone-else", false}} {
			c := fileAdult()
			c.AssignedTo = tt.assignee
			_, err := d.kofi.CreateCase(ctx, c)
			if tt.ok && err != nil {
				t.Errorf("assigned to %s: %v", tt.assignee, err)
			}
			if !tt.ok {
				wantProblems(t, "assigned to "+tt.assignee, err, Problem{"assignedTo", RuleUnknownValue})
			}
		}
	})
}

func TestCaseCodes(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	t.Run("given cases created one after another then numbered in sequence", func(t *testing.T) {
		for i := 1; i <= 3; i++ {
			ss := []*Session{d.kofi, d.tina, d.sam}[i-1] // one sequence for the office, whoever creates
			if c := d.create(ss, fileAdult()); c.Code != fmt.Sprintf("CA-2025-%04d", i) {
				t.Errorf("case %d code = %s", i, c.Code)
			}
		}
	})
	t.Run("given cases created at once then every code is different", func(t *testing.T) {
		var wg sync.WaitGroup
		codes := make([]string, 8)
		errs := make([]error, 8)
		for i := range codes {
			wg.Go(func() {
				c, err := d.sam.CreateCase(ctx, fileAdult())
				codes[i], errs[i] = c.Code, err
			})
		}
		wg.Wait()
		slices.Sort(codes)
		for i, code := range codes {
			if errs[i] != nil || code != fmt.Sprintf("CA-2025-%04d", 4+i) {
				t.Errorf("codes = %v, errors %v", codes, errs)
				break
			}
		}
	})
	t.Run("given the last minute of the year and then the first then the sequence starts again", func(t *testing.T) {
		d.clock.Set(time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC))
		if c := d.create(d.kofi, fileAdult()); c.Code != "CA-2025-0012" {
			t.Errorf("last case of 2025 = %s", c.Code)
		}
		d.clock.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if c := d.create(d.kofi, fileAdult()); c.Code != "CA-2026-0001" {
			t.Errorf("first case of 2026 = %s", c.Code)
		}
		if c := d.create(d.kofi, fileAdult()); c.Code != "CA-2026-0002" {
			t.Errorf("second case of 2026 = %s", c.Code)
		}
	})
	t.Run("given a code when looked up in any case and with spaces then found", func(t *testing.T) {
		c, err := d.kofi.CaseByCode(ctx, "  ca-2026-0002 ")
		if err != nil || c.Code != "CA-2026-0002" {
			t.Errorf("CaseByCode = %s, %v", c.Code, err)
		}
		_, err = d.kofi.CaseByCode(ctx, "CA-2026-0099")
		wantErr(t, "CaseByCode(unknown)", err, ErrNotFound)
		_, err = d.kofi.CaseByCode(ctx, "CA-2025-0001") // kofi's
		wantErr(t, "CaseByCode(own)", err, nil)
		_, err = d.tina.CaseByCode(ctx, "CA-2025-0001")
		wantErr(t, "CaseByCode(another's)", err, ErrForbidden)
	})
}

func TestUpdateCase(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	d.clock.Advance(time.Hour)

	edit := c
	edit.Person.FirstName, edit.Person.BirthDate = "Afua", "1996-06-01"
	edit.Code, edit.CreatedBy = "HACK-0001", d.users["tina"].ID // fixed fields: ignored
	got, err := d.kofi.UpdateCase(ctx, edit)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("given an edit when saved then a new revision whose parent is the old head", func(t *testing.T) {
		revs := d.revisions(c.ID)
		if len(revs) != 2 || !slices.Equal(revs[1].Parents, []string{revs[0].ID}) {
			t.Fatalf("revisions = %+v", revs)
		}
		if r, _ := d.db.Record(ctx, c.ID); r.Head != revs[1].ID {
			t.Errorf("head = %s, want %s", r.Head, revs[1].ID)
		}
	})
	t.Run("given an edit when saved then the id, code and creation stay and the update is stamped", func(t *testing.T) {
		if got.Code != c.Code || got.CreatedBy != c.CreatedBy || !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0.Add(time.Hour)) ||
			got.Person.FirstName != "Afua" {
			t.Errorf("updated = %+v", got)
		}
	})
	t.Run("given an edit when saved then case.edit names the changed fields and no values", func(t *testing.T) {
		e := d.lastAudit(1)[0]
		if e.Action != domain.AuditCaseEdit || e.RecordID != c.ID || e.Detail != "fields=person.firstName,person.birthDate" {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given nothing changed when saved then nothing is stored", func(t *testing.T) {
		n, a := len(d.revisions(c.ID)), len(d.audit())
		same, err := d.kofi.UpdateCase(ctx, got)
		if err != nil || !same.UpdatedAt.Equal(got.UpdatedAt) || len(d.revisions(c.ID)) != n || len(d.audit()) != a {
			t.Errorf("no-change update: %v, %d revisions, %d audit entries", err, len(d.revisions(c.ID))-n, len(d.audit())-a)
		}
	})
	t.Run("given an edit of an old version when saved then refused as stale", func(t *testing.T) {
		old := c // UpdatedAt of the first revision
		old.Priority = domain.PriorityHigh
		_, err := d.kofi.UpdateCase(ctx, old)
		wantRule(t, "UpdateCase(stale)", err, RuleStale)
	})
	t.Run("given an edit with problems when saved then nothing is stored", func(t *testing.T) {
		n := len(d.revisions(c.ID))
		bad := got
		bad.Person.Phone = "+225 07 00 00 00"
		_, err := d.kofi.UpdateCase(ctx, bad)
		wantProblems(t, "UpdateCase", err, Problem{"person.phone", RuleContactWithoutConsent})
		if len(d.revisions(c.ID)) != n {
			t.Error("a refused edit was stored")
		}
	})
	t.Run("given a status change to closed when saved then refused: closing is CloseCase", func(t *testing.T) {
		bad := got
		bad.Status = domain.StatusClosed
		_, err := d.kofi.UpdateCase(ctx, bad)
		wantProblems(t, "UpdateCase", err, Problem{"status", RuleUnknownValue})
	})
	t.Run("given a reassignment when saved then the plain column follows", func(t *testing.T) {
		re := got
		re.AssignedTo = d.users["tina"].ID
		if _, err := d.kofi.UpdateCase(ctx, re); err != nil {
			t.Fatal(err)
		}
		if r, _ := d.db.Record(ctx, c.ID); r.AssignedTo != d.users["tina"].ID {
			t.Errorf("assigned_to = %s", r.AssignedTo)
		}
	})
	t.Run("given an unknown id when updated then ErrNotFound", func(t *testing.T) {
		x := fileAdult()
		x.ID = "no-such-case"
		_, err := d.kofi.UpdateCase(ctx, x)
		wantErr(t, "UpdateCase(unknown)", err, ErrNotFound)
	})
}

func TestCloseAndReopen(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	adult := d.create(d.kofi, fileAdult())
	child := d.create(d.kofi, fileChild())

	t.Run("given a child without a BIA when closed then refused by the BIA rule", func(t *testing.T) {
		_, err := d.kofi.CloseCase(ctx, child.ID, domain.Closure{Reason: domain.ClosedGoalsMet})
		wantRule(t, "CloseCase(child)", err, RuleBIARequired)
		if len(d.revisions(child.ID)) != 1 {
			t.Error("a refused closure was stored")
		}
	})
	t.Run("given a presumed child without a BIA when closed then refused too", func(t *testing.T) {
		p := fileAdult()
		p.Person.BirthDate, p.Person.AgeEstimate, p.Person.AgeUncertain, p.Person.MayBeChild = "", 19, true, true
		pc := d.create(d.kofi, p)
		_, err := d.kofi.CloseCase(ctx, pc.ID, domain.Closure{Reason: domain.ClosedGoalsMet})
		wantRule(t, "CloseCase(presumed child)", err, RuleBIARequired)
	})
	t.Run("given a child with a BIA when closed then closed", func(t *testing.T) {
		c := child
		c.Child.BIA = &domain.BestInterests{Priority: domain.BIAWithin30Days, Recommendations: []string{"return"}, AssessedOn: "2025-03-09"}
		if _, err := d.kofi.UpdateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := d.kofi.CloseCase(ctx, child.ID, domain.Closure{Reason: domain.ClosedReturned})
		if err != nil || got.Status != domain.StatusClosed || got.Stage != domain.StageClosed {
			t.Errorf("CloseCase = %+v, %v", got, err)
		}
	})
	t.Run("given a closure without a reason when closed then invalid", func(t *testing.T) {
		_, err := d.kofi.CloseCase(ctx, adult.ID, domain.Closure{})
		wantProblems(t, "CloseCase", err, Problem{"closure.reason", RuleRequired})
		_, err = d.kofi.CloseCase(ctx, adult.ID, domain.Closure{Reason: domain.ClosedDeclined, ClosedOn: "2025-02-01"})
		wantProblems(t, "CloseCase(before opening)", err, Problem{"closure.closedOn", RuleDateOrder})
	})
	closed, err := d.kofi.CloseCase(ctx, adult.ID, domain.Closure{Reason: domain.ClosedReferred, Note: "to the shelter in Bouaké"})
	t.Run("given an adult referred on when closed then closed-referred with the closure", func(t *testing.T) {
		if err != nil || closed.Status != domain.StatusClosedReferred || closed.Stage != domain.StageClosed || closed.Closure == nil ||
			closed.Closure.ClosedOn != "2025-03-10" || closed.Closure.Reason != domain.ClosedReferred {
			t.Fatalf("CloseCase = %+v, %v", closed, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseClose || e.RecordID != adult.ID || e.Detail != "closure=referred" {
			t.Errorf("audit = %+v", e)
		}
		if r, _ := d.db.Record(ctx, adult.ID); r.Status != "closed-referred" || r.Stage != "closed" {
			t.Errorf("record = %+v", r.RecordColumns)
		}
	})
	t.Run("given a closed case when closed again then refused", func(t *testing.T) {
		_, err := d.kofi.CloseCase(ctx, adult.ID, domain.Closure{Reason: domain.ClosedOther})
		wantRule(t, "CloseCase(closed)", err, RuleClosed)
	})
	t.Run("given a closed case when reopened then active at assistance, the closure kept", func(t *testing.T) {
		d.clock.Advance(48 * time.Hour)
		got, err := d.kofi.ReopenCase(ctx, adult.ID)
		if err != nil || got.Status != domain.StatusActive || got.Stage != domain.StageAssistance || got.Closure == nil ||
			got.Closure.Reason != domain.ClosedReferred || got.Closure.ReopenedOn != "2025-03-12" {
			t.Fatalf("ReopenCase = %+v, %v", got, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseReopen || e.RecordID != adult.ID {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given an open case when reopened then refused", func(t *testing.T) {
		_, err := d.kofi.ReopenCase(ctx, adult.ID)
		wantRule(t, "ReopenCase(open)", err, RuleNotClosed)
	})
	t.Run("given a reopened case when closed again then a fresh closure", func(t *testing.T) {
		got, err := d.kofi.CloseCase(ctx, adult.ID, domain.Closure{Reason: domain.ClosedGoalsMet})
		if err != nil || got.Status != domain.StatusClosed || got.Closure.ReopenedOn != "" || got.Closure.ClosedOn != "2025-03-12" {
			t.Errorf("CloseCase = %+v, %v", got.Closure, err)
		}
	})
}

func TestHistory(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	d.clock.Advance(time.Hour)
	e := c
	e.Person.FirstName = "Afua"
	e.FollowUps = []domain.FollowUp{{Due: "2025-03-20", Notes: "home visit"}}
	e.Trafficking.Control = []string{"DebtBondage", "WithholdsDocuments"}
	c2, err := d.sam.UpdateCase(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	d.clock.Advance(time.Hour)
	e = c2
	e.FollowUps = slices.Clone(e.FollowUps)
	e.FollowUps[0].Done = "2025-03-10"
	e.Person.Citizenship = nil
	e.Trafficking.Control = []string{"DebtBondage"}
	if _, err := d.kofi.UpdateCase(ctx, e); err != nil {
		t.Fatal(err)
	}

	changes, err := d.kofi.History(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	revs := d.revisions(c.ID)
	byRev := map[string][]Change{}
	for _, ch := range changes {
		byRev[ch.RevisionID] = append(byRev[ch.RevisionID], ch)
		if ch.Field == "createdAt" || ch.Field == "updatedAt" {
			t.Errorf("history lists the stamp %s", ch.Field)
		}
	}
	t.Run("given the first revision then every field filled in, by its author", func(t *testing.T) {
		first := byRev[revs[0].ID]
		var fields []string
		for _, ch := range first {
			fields = append(fields, ch.Field)
			if ch.Old != "" || ch.UserName != "Kofi Boateng" || !ch.At.Equal(t0) {
				t.Errorf("first revision change = %+v", ch)
			}
		}
		want := []string{"id", "code", "status", "stage", "priority", "assignedTo", "openedOn", "createdBy",
			"person.firstName", "person.lastName", "person.gender", "person.birthDate", "person.citizenship", "person.languages"}
		if !slices.Equal(fields, want) {
			t.Errorf("first revision fields = %v\nwant %v", fields, want)
		}
	})
	t.Run("given an edit then its changes field by field, old and new", func(t *testing.T) {
		// The follow-up's id (for merging between offices) is not a change a
		// person reads: History leaves ".id" paths out.
		want := []Change{
			{Field: "person.firstName", Old: "Akosua", New: "Afua"},
			{Field: "trafficking.control", Old: "", New: "DebtBondage, WithholdsDocuments"},
			{Field: "followUps[0].due", Old: "", New: "2025-03-20"},
			{Field: "followUps[0].notes", Old: "", New: "home visit"},
		}
		wantChanges(t, byRev[revs[1].ID], want, "Sam Diallo", t0.Add(time.Hour))
	})
	t.Run("given a later edit then only what it changed, removals included", func(t *testing.T) {
		want := []Change{
			{Field: "trafficking.control", Old: "DebtBondage, WithholdsDocuments", New: "DebtBondage"},
			{Field: "followUps[0].done", Old: "", New: "2025-03-10"},
			{Field: "person.citizenship", Old: "GH", New: ""},
		}
		wantChanges(t, byRev[revs[2].ID], want, "Kofi Boateng", t0.Add(2*time.Hour))
	})
	t.Run("given the history read then audited as a view of the case", func(t *testing.T) {
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseView || e.RecordID != c.ID || e.Detail != "part=history" {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given another worker's case when its history is asked then forbidden", func(t *testing.T) {
		_, err := d.tina.History(ctx, c.ID)
		wantErr(t, "History", err, ErrForbidden)
	})
}

func wantChanges(t *testing.T, got, want []Change, user string, at time.Time) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("changes = %+v\nwant %+v", got, want)
	}
	for i := range got {
		g := got[i]
		if g.Field != want[i].Field || g.Old != want[i].Old || g.New != want[i].New || g.UserName != user || !g.At.Equal(at) || g.UserID == "" {
			t.Errorf("change %d = %+v, want %+v by %s at %s", i, g, want[i], user, at)
		}
	}
}

// TestCaseVisibility tries every case action as every role on three cases:
// one a case worker (kofi) created, one the supervisor created and
// assigned to kofi, one the supervisor assigned to the other case worker
// (tina). A case worker sees their own and assigned cases, the supervisor
// every case, the admin none.
func TestCaseVisibility(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	// A trafficking status, so the cases stay valid at assistance, where a reopen puts them.
	base := fileAdult()
	base.Trafficking.Status = domain.TraffickingPossible
	own := d.create(d.kofi, base)
	assignedIn := base
	assignedIn.AssignedTo = d.users["kofi"].ID
	assigned := d.create(d.sam, assignedIn)
	otherIn := base
	otherIn.AssignedTo = d.users["tina"].ID
	other := d.create(d.sam, otherIn)
	cases := map[string]domain.Case{"own": own, "assigned": assigned, "other": other}

	// Every case gets a consent and an attachment to act on.
	consents, attachments := map[string]string{}, map[string]string{}
	for name, c := range cases {
		cs, err := d.sam.AddConsent(ctx, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentAssistance, GivenBy: domain.GivenByPerson,
			Method: domain.ConsentVerbal, GivenOn: "2025-03-10"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := d.sam.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Name: "scan.png", Data: []byte("png")})
		if err != nil {
			t.Fatal(err)
		}
		consents[name], attachments[name] = cs.ID, a.ID
	}
	admin := d.login("ama", adminPW)

	type action struct {
		name string
		do   func(ss *Session, c domain.Case, which string) error
	}
	actions := []action{
		{"view", func(ss *Session, c domain.Case, _ string) error { _, err := ss.Case(ctx, c.ID); return err }},
		{"view by code", func(ss *Session, c domain.Case, _ string) error { _, err := ss.CaseByCode(ctx, c.Code); return err }},
		{"edit", func(ss *Session, c domain.Case, _ string) error {
			c.Priority = map[domain.Priority]domain.Priority{domain.PriorityHigh: domain.PriorityLow}[c.Priority]
			c.UpdatedAt = time.Time{} // edit whatever is current
			_, err := ss.UpdateCase(ctx, c)
			return err
		}},
		{"close and reopen", func(ss *Session, c domain.Case, _ string) error {
			if _, err := ss.CloseCase(ctx, c.ID, domain.Closure{Reason: domain.ClosedOther}); err != nil {
				return err
			}
			_, err := ss.ReopenCase(ctx, c.ID)
			return err
		}},
		{"history", func(ss *Session, c domain.Case, _ string) error { _, err := ss.History(ctx, c.ID); return err }},
		{"add a note", func(ss *Session, c domain.Case, _ string) error {
			_, err := ss.AddNote(ctx, c.ID, "called")
			return err
		}},
		{"list notes", func(ss *Session, c domain.Case, _ string) error { _, err := ss.Notes(ctx, c.ID); return err }},
		{"add a consent", func(ss *Session, c domain.Case, _ string) error {
			_, err := ss.AddConsent(ctx, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentStatistics, GivenBy: domain.GivenByPerson,
				Method: domain.ConsentWritten, GivenOn: "2025-03-10"})
			return err
		}},
		{"list consents", func(ss *Session, c domain.Case, _ string) error { _, err := ss.Consents(ctx, c.ID); return err }},
		{"withdraw a consent", func(ss *Session, _ domain.Case, which string) error {
			_, err := ss.WithdrawConsent(ctx, consents[which], "")
			return err
		}},
		{"ask what consent covers", func(ss *Session, c domain.Case, _ string) error {
			_, err := ss.Covers(ctx, c.ID, domain.ConsentAssistance, "")
			return err
		}},
		{"attach a file", func(ss *Session, c domain.Case, _ string) error {
			_, err := ss.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Name: "a.txt", Data: []byte("a")})
			return err
		}},
		{"list attachments", func(ss *Session, c domain.Case, _ string) error { _, err := ss.Attachments(ctx, c.ID); return err }},
		{"open an attachment", func(ss *Session, _ domain.Case, which string) error {
			_, err := ss.AttachmentData(ctx, attachments[which])
			return err
		}},
	}
	sessions := map[string]*Session{"sam": d.sam, "kofi": d.kofi, "tina": d.tina, "ama": admin}
	sees := map[string][]string{
		"sam":  {"own", "assigned", "other"},
		"kofi": {"own", "assigned"},
		"tina": {"other"},
		"ama":  nil,
	}
	for _, user := range []string{"sam", "kofi", "tina", "ama"} {
		for _, which := range []string{"own", "assigned", "other"} {
			for _, a := range actions {
				t.Run(user+" "+a.name+" "+which, func(t *testing.T) {
					ss := sessions[user]
					c, err := d.sam.Case(ctx, cases[which].ID)
					if err != nil {
						t.Fatal(err)
					}
					before := len(d.revisions(c.ID))
					err = a.do(ss, c, which)
					if slices.Contains(sees[user], which) {
						wantErr(t, a.name, err, nil)
						return
					}
					wantErr(t, a.name, err, ErrForbidden)
					if len(d.revisions(c.ID)) != before {
						t.Error("a refused action stored a revision")
					}
				})
			}
		}
	}
	t.Run("admin creates no case", func(t *testing.T) {
		_, err := admin.CreateCase(ctx, fileAdult())
		wantErr(t, "CreateCase(admin)", err, ErrForbidden)
	})
	t.Run("canSee follows the same rule", func(t *testing.T) {
		for user, ss := range sessions {
			for which, c := range cases {
				if got := ss.canSee(c); got != slices.Contains(sees[user], which) {
					t.Errorf("%s.canSee(%s) = %v", user, which, got)
				}
			}
		}
	})
	t.Run("a locked session does nothing", func(t *testing.T) {
		if err := d.kofi.Lock(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := d.kofi.Case(ctx, own.ID)
		wantErr(t, "Case(locked)", err, ErrLocked)
		_, err = d.kofi.CreateCase(ctx, fileAdult())
		wantErr(t, "CreateCase(locked)", err, ErrLocked)
	})
}

func TestCaseLookups(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	n, err := d.kofi.AddNote(ctx, c.ID, "first visit")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		id   string
		want error
	}{
		{"a case", c.ID, nil},
		{"no such record", "7d0c3a52-0000-4000-8000-000000000000", ErrNotFound},
		{"an empty id", "", ErrNotFound},
		{"a record of another kind", n.ID, ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.kofi.Case(ctx, tt.id)
			wantErr(t, "Case", err, tt.want)
		})
	}
	t.Run("given a view then case.view is audited", func(t *testing.T) {
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseView || e.RecordID != c.ID || e.Detail != "" {
			t.Errorf("audit = %+v", e)
		}
	})
	t.Run("given loadCases then every live case whoever sees it", func(t *testing.T) {
		d.create(d.tina, fileChild())
		all, err := d.kofi.loadCases(ctx)
		if err != nil || len(all) != 2 || all[0].ID > all[1].ID {
			t.Errorf("loadCases = %d cases, %v", len(all), err)
		}
	})
}

func TestCaseSummary(t *testing.T) {
	c := fileChild()
	c.ID, c.Code, c.AssignedTo, c.UpdatedAt = "id1", "CA-2025-0001", "u1", t0
	c.Person.LastName = "Sawadogo"
	c.FollowUps = []domain.FollowUp{
		{Due: "2025-03-01", Done: "2025-03-01"}, // done: not next, not overdue
		{Due: "2025-03-15"},
		{Due: "2025-03-09"}, // pending since yesterday: overdue and next
	}
	got := caseSummary(c, rulesToday)
	want := CaseSummary{ID: "id1", Code: "CA-2025-0001", Name: "Kwame Sawadogo", Status: domain.StatusActive, Stage: domain.StageIdentification,
		Priority: domain.PriorityNormal, IsChild: true, AssignedTo: "u1", UpdatedAt: t0, NextFollowUp: "2025-03-09", Overdue: true}
	if got != want {
		t.Errorf("caseSummary =\n  %+v\nwant\n  %+v", got, want)
	}
	names := []struct {
		p    domain.Person
		want string
	}{
		{domain.Person{FirstName: " Ama ", LastName: "Owusu"}, "Ama Owusu"},
		{domain.Person{LastName: "Owusu"}, "Owusu"},
		{domain.Person{Aliases: []string{" ", "Sisi", "Ama"}}, "Sisi"},
		{domain.Person{}, ""},
	}
	for _, tt := range names {
		if got := displayName(tt.p); got != tt.want {
			t.Errorf("displayName(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
	due := c
	due.FollowUps = []domain.FollowUp{{Due: "2025-03-10"}}
	if s := caseSummary(due, rulesToday); s.Overdue || s.NextFollowUp != "2025-03-10" {
		t.Errorf("due today: %+v; want not overdue", s)
	}
}

// TestCaseAuditHoldsNoPersonalData reads every audit detail the case
// actions wrote: ids, codes, field paths and short words only.
func TestCaseAuditHoldsNoPersonalData(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	e := c
	e.Person.FirstName, e.Person.ContactConsent, e.Person.Phone = "Quentaline", true, "+225 07 4419 8821"
	if _, err := d.kofi.UpdateCase(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := d.kofi.AddNote(ctx, c.ID, "Quentaline was frightened"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.kofi.AddConsent(ctx, domain.Consent{CaseID: c.ID, Purpose: domain.ConsentAssistance, GivenBy: domain.GivenByGuardian,
		GiverName: "Quentaline Senior", Method: domain.ConsentWritten, GivenOn: "2025-03-10"}); err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`^[a-z]+=[A-Za-z0-9.,\[\]-]*$`)
	for _, en := range d.audit() {
		for _, tok := range strings.Fields(en.Detail) {
			if !token.MatchString(tok) || strings.Contains(tok, "Quentaline") || strings.Contains(tok, "4419") {
				t.Errorf("%s detail %q holds %q", en.Action, en.Detail, tok)
			}
		}
	}
}
