package ui

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// e2eSecurity adapts the real casework service to Security, as cmd/amparo
// does: a failed login must not return a non-nil Session.
type e2eSecurity struct{ *casework.Service }

func (s e2eSecurity) Login(ctx context.Context, username string, pw []byte) (Session, error) {
	ss, err := s.Service.Login(ctx, username, pw)
	if err != nil {
		return nil, err
	}
	return ss, nil
}

func (s e2eSecurity) Recover(ctx context.Context, code, admin string, pw []byte) (Session, error) {
	ss, err := s.Service.Recover(ctx, code, admin, pw)
	if err != nil {
		return nil, err
	}
	return ss, nil
}

const (
	e2eAdminPW = "violet kettle harbour"
	e2eSuperPW = "granite lantern meadow"
)

// e2eOffice makes a real office in a temporary data folder: the SQLite
// store, the casework service with cheap argon2id parameters, an admin
// from Setup and a supervisor the admin adds.
func e2eOffice(t *testing.T) (dir string, db *store.DB, svc *casework.Service) {
	t.Helper()
	ctx := context.Background()
	dir = t.TempDir()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close the store: %v", err)
		}
	})
	svc = casework.New(db, nil, casework.WithKDF(vault.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}))
	if _, err := svc.Setup(ctx, casework.SetupInput{
		Office:        domain.Office{Name: "Centro de Acolhimento Lisboa", Country: "PT", Lang: "en"},
		AdminUsername: "ana", AdminName: "Ana Ribeiro", Password: []byte(e2eAdminPW),
	}); err != nil {
		t.Fatalf("Setup: %v", err)
	}
	admin, err := svc.Login(ctx, "ana", []byte(e2eAdminPW))
	if err != nil {
		t.Fatalf("admin login: %v", err)
	}
	if _, err := admin.AddUser(ctx, casework.NewUser{
		Username: "rui", Name: "Rui Costa", Role: domain.RoleSupervisor, Password: []byte(e2eSuperPW),
	}); err != nil {
		t.Fatalf("AddUser: %v", err)
	}
	if err := admin.Logout(ctx); err != nil {
		t.Fatalf("admin logout: %v", err)
	}
	return dir, db, svc
}

// TestE2ECaseIntakeSearchDashboardOnRealOffice drives the window over the
// real casework services and SQLite store: a supervisor logs in through the
// login screen, registers a child by estimated age through the intake form
// (meeting the real ValidateCase's messages on the way), finds the case by
// an accent-free search and sees it on the dashboard; the data file never
// holds the name in clear.
func TestE2ECaseIntakeSearchDashboardOnRealOffice(t *testing.T) {
	dir, db, svc := e2eOffice(t)

	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	setOSLocale(t, "", "", "en_US.UTF-8")
	if err := UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	en := catalog(t, "en")
	f := &shellFixture{w: test.NewWindow(nil)}
	t.Cleanup(func() {
		// Before the store closes (cleanups run last in, first out): the
		// window logs the session out and saves its size.
		if slices.Contains(a.Driver().AllWindows(), f.w) {
			f.w.Close()
		}
	})
	f.w.Resize(laptop)
	f.app = NewApp(f.w, Deps{
		Security:       e2eSecurity{svc},
		Prefs:          db,
		Version:        "e2e",
		DataDir:        dir,
		IdleCheckEvery: -1,
	})

	// Login screen: the office's active users are offered.
	if f.app.Screen() != ScreenLogin {
		t.Fatalf("screen %v, want the login screen", f.app.Screen())
	}
	ls := f.app.login
	f.mustShow(t, "Centro de Acolhimento Lisboa")
	if ls.userSel == nil || !slices.Contains(ls.userSel.Options, "Rui Costa (rui)") {
		t.Fatalf("the login screen does not offer the supervisor")
	}
	ls.userSel.SetSelected("Rui Costa (rui)")
	test.Type(ls.password, "not his password")
	test.Tap(ls.login)
	if f.app.Screen() != ScreenLogin {
		t.Fatal("a wrong password logged in")
	}
	f.mustShow(t, "Wrong username or password.")
	test.Type(ls.password, e2eSuperPW)
	test.Tap(ls.login)
	if f.app.Screen() != ScreenShell {
		t.Fatalf("screen %v after login; it shows %q", f.app.Screen(), texts(f.content()))
	}
	f.shell = f.app.Shell()
	if _, ok := f.shell.Session().(*casework.Session); !ok {
		t.Fatalf("the session is a %T, not the real one", f.shell.Session())
	}
	if f.shell.cases() == nil {
		t.Fatal("the real session offers no case services to the window")
	}

	// The Cases section of an empty office offers the first case.
	f.tapNav(t, SectionCases.Title())
	list := caseListFind[*casesPanel](f.content())
	if list == nil {
		t.Fatalf("no case list; it shows %q", texts(f.content()))
	}
	if list.all != 0 || len(list.items) != 0 {
		t.Fatalf("an empty office lists %d cases", list.all)
	}
	test.Tap(list.newCase)
	in := intakeOf(t, f)
	if in.step != stepWho {
		t.Fatalf("the intake starts at step %v", in.step)
	}

	// 1. Who: the names, and the messages of the real rules on the way.
	typeIn(t, in.form, "person.firstName", "José")
	typeIn(t, in.form, "person.lastName", "Tavares")
	kept := func(what string) {
		t.Helper()
		if got := in.form.entries["person.firstName"].Text; got != "José" {
			t.Errorf("%s: first name %q", what, got)
		}
		if got := in.form.entries["person.lastName"].Text; got != "Tavares" {
			t.Errorf("%s: last name %q", what, got)
		}
	}
	stays := func(what string) {
		t.Helper()
		if in.base.ID != "" || in.step != stepWho {
			t.Fatalf("%s: the form went on (case %q, step %v)", what, in.base.ID, in.step)
		}
		f.mustShow(t, en["intake.fixFirst"])
	}

	future := time.Now().AddDate(1, 0, 0).Format("02/01/2006")
	typeIn(t, in.form, "person.birthDate", future)
	next(t, in)
	if got := fieldError(t, in.form, "person.birthDate"); got != en["case.rule.future"] {
		t.Errorf("a birth date in the future: message %q, want %q", got, en["case.rule.future"])
	}
	stays("future birth date")
	kept("future birth date")
	if got := in.form.entries["person.birthDate"].Text; got != future {
		t.Errorf("the future date typed became %q", got)
	}

	in.form.entries["person.birthDate"].SetText("")
	if got := fieldError(t, in.form, "person.birthDate"); got != "" {
		t.Errorf("the message stays after the date is edited: %q", got)
	}
	typeIn(t, in.form, "person.birthDate", "2011-03-15")
	next(t, in)
	if got := fieldError(t, in.form, "person.birthDate"); got != en["case.rule.dateFormat"] {
		t.Errorf("a date in the wrong format: message %q, want %q", got, en["case.rule.dateFormat"])
	}
	stays("bad date format")
	kept("bad date format")
	if got := in.form.entries["person.birthDate"].Text; got != "2011-03-15" {
		t.Errorf("the badly written date became %q", got)
	}

	// No birth date after all: an estimated age.
	in.form.entries["person.birthDate"].SetText("")
	choose(t, in.form, fieldAgeMode, ageByEstimate)
	typeIn(t, in.form, "person.ageEstimate", "130")
	next(t, in)
	if got := fieldError(t, in.form, "person.ageEstimate"); got != en["case.rule.impossibleAge"] {
		t.Errorf("an age of 130: message %q, want %q", got, en["case.rule.impossibleAge"])
	}
	stays("impossible age")
	kept("impossible age")
	if got := in.form.entries["person.ageEstimate"].Text; got != "130" {
		t.Errorf("the impossible age became %q", got)
	}
	if slices.Contains(stepTitles(in), en["intake.step.child"]) {
		t.Error("an impossible age makes a child")
	}

	in.form.entries["person.ageEstimate"].SetText("")
	if got := fieldError(t, in.form, "person.ageEstimate"); got != "" {
		t.Errorf("the message stays after the age is edited: %q", got)
	}
	typeIn(t, in.form, "person.ageEstimate", "15")
	choose(t, in.form, "person.ageEstimateBy", string(domain.AgeAppearance))
	if !in.banner.box.Visible() || in.banner.label.Text != en["intake.child.byAge"] {
		t.Errorf("no child banner for an age of 15: visible %v, %q", in.banner.box.Visible(), in.banner.label.Text)
	}
	if got := stepTitles(in); len(got) != 5 || got[1] != en["intake.step.child"] {
		t.Fatalf("a 15-year-old's steps: %q", got)
	}
	if findButton(f.content(), "2. "+en["intake.step.child"]) == nil {
		t.Error("the step list does not show the Child protection step")
	}

	// Save: the real duplicate check finds nobody, the real CreateCase saves.
	next(t, in)
	if in.dups != nil {
		t.Fatalf("an empty office has possible duplicates: %+v", in.dups)
	}
	if in.base.ID == "" {
		t.Fatalf("the case was not created; the form shows %q", texts(in.box))
	}
	if in.step != stepChild {
		t.Fatalf("after the first step: step %v, want the child step", in.step)
	}
	created := in.base
	if prefix := f.shell.Session().Office().CodePrefix; !strings.HasPrefix(created.Code, prefix+"-"+time.Now().Format("2006")+"-") {
		t.Errorf("case code %q, want %s-%s-NNNN", created.Code, prefix, time.Now().Format("2006"))
	}
	f.mustShow(t, "Saved as case "+created.Code)
	f.mustShow(t, en["intake.child.biaNote"])
	p := created.Person
	if p.FirstName != "José" || p.LastName != "Tavares" || p.BirthDate != "" || p.AgeEstimate != 15 ||
		p.AgeEstimateBy != domain.AgeAppearance {
		t.Errorf("created person %+v", p)
	}
	// What was stored reads back the same through the real service.
	stored, err := f.shell.cases().Case(context.Background(), created.ID)
	if err != nil {
		t.Fatalf("read the created case back: %v", err)
	}
	if stored.Person.FirstName != "José" || stored.Person.LastName != "Tavares" || stored.Person.AgeEstimate != 15 {
		t.Errorf("stored person %+v", stored.Person)
	}

	// The other steps: nothing more known at a first meeting.
	next(t, in) // child: no guardian yet
	if in.step != stepMore {
		t.Fatalf("after the child step: step %v; it shows %q", in.step, texts(in.box))
	}
	next(t, in) // background and contacts
	if in.step != stepTrafficking {
		t.Fatalf("after the background step: step %v; it shows %q", in.step, texts(in.box))
	}
	next(t, in) // what happened
	if in.step != stepPlan {
		t.Fatalf("after the trafficking step: step %v; it shows %q", in.step, texts(in.box))
	}
	if in.create == nil || in.create.Text != en["intake.finish"] {
		t.Fatal("the last step has no Save and open button")
	}
	next(t, in) // Save and open
	cf := caseFileOf(t, f)
	if cf.c.ID != created.ID || cf.headerCode.Text != created.Code {
		t.Errorf("the case file of %q opened after the intake, want %q", cf.headerCode.Text, created.Code)
	}

	// Cases: an accent-free search through the real index.
	f.tapNav(t, SectionCases.Title())
	list = caseListFind[*casesPanel](f.content())
	if list == nil {
		t.Fatalf("no case list; it shows %q", texts(f.content()))
	}
	if list.all != 1 {
		t.Errorf("the list counts %d cases, want 1", list.all)
	}
	test.Type(list.search, "jose")
	if len(list.items) != 1 {
		t.Fatalf("searching %q lists %d rows: %+v (count %q)", "jose", len(list.items), list.items, list.count.Text)
	}
	if got := tableText(list, 0, caseColName); got != "José Tavares" {
		t.Errorf("name cell %q, want %q", got, "José Tavares")
	}
	if got := tableText(list, 0, caseColCode); got != created.Code {
		t.Errorf("code cell %q, want %q", got, created.Code)
	}
	if !list.items[0].IsChild {
		t.Error("the row does not say the case is a child's")
	}
	if !list.table.Visible() || list.noMatch.Visible() {
		t.Error("the matching row is not shown")
	}
	// Other ways of writing the name find it too; another name does not.
	for _, q := range []string{"JOSE TAV", "tavares", "José"} {
		list.search.SetText(q)
		if len(list.items) != 1 || list.items[0].ID != created.ID {
			t.Errorf("searching %q lists %+v", q, list.items)
		}
	}
	list.search.SetText("maria")
	if len(list.items) != 0 || !list.noMatch.Visible() {
		t.Errorf("searching %q lists %+v", "maria", list.items)
	}

	// Dashboard: the new child's case, still without a guardian.
	f.tapNav(t, SectionDashboard.Title())
	dash := caseListFind[*dashboardPanel](f.content())
	if dash == nil {
		t.Fatalf("no dashboard; it shows %q", texts(f.content()))
	}
	inBlock := func(block int) bool {
		for _, it := range dash.blocks[block].items {
			if it.c.ID == created.ID && it.c.Name == "José Tavares" {
				return true
			}
		}
		return false
	}
	if !inBlock(dashNoGuardian) {
		t.Errorf("%q does not list the case: %+v", dash.blocks[dashNoGuardian].title.Text, dash.blocks[dashNoGuardian].items)
	}
	if !inBlock(dashNoBIA) {
		t.Errorf("%q does not list the case: %+v", dash.blocks[dashNoBIA].title.Text, dash.blocks[dashNoBIA].items)
	}
	if !inBlock(dashMyOpen) {
		t.Errorf("%q does not list the case: %+v", dash.blocks[dashMyOpen].title.Text, dash.blocks[dashMyOpen].items)
	}
	if !inBlock(dashRecent) {
		t.Errorf("%q does not list the case: %+v", dash.blocks[dashRecent].title.Text, dash.blocks[dashRecent].items)
	}

	// Nothing of the person is in the data file in clear.
	var files int
	for _, name := range []string{store.FileName, store.FileName + "-wal"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		files++
		for _, s := range []string{"Tavares", "TAVARES", "tavares", "José", "jose"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds %q in clear", name, s)
			}
		}
	}
	if files == 0 {
		t.Fatal("no data file to read")
	}
}
