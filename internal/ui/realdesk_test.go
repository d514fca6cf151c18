package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
)

// realDesk is the window of a supervisor ("rui", Rui Costa) logged in to a
// real office (SQLite in a temporary folder, the real casework services,
// the shipped guides and indicator sets), in language lang.
type realDesk struct {
	shellFixture
	dir  string
	svc  *casework.Service
	sess *casework.Session
}

func newRealDesk(t *testing.T, language string) *realDesk {
	t.Helper()
	dir, db, svc := e2eOffice(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	setOSLocale(t, "", "", "en_US.UTF-8")
	if err := UseLanguage(language); err != nil {
		t.Fatal(err)
	}
	d := &realDesk{dir: dir, svc: svc}
	d.w = test.NewWindow(nil)
	t.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), d.w) {
			d.w.Close()
		}
	})
	d.w.Resize(laptop)
	d.pdfs = 0
	d.app = NewApp(d.w, Deps{
		Security: e2eSecurity{svc},
		Prefs:    db,
		Version:  "test",
		DataDir:  dir,
		PocketGuidePDF: func(g *guide.Guide, lang string) ([]byte, error) {
			d.pdfs++
			return []byte("%PDF-1.4 " + g.ID + " " + lang), nil
		},
		IdleCheckEvery: -1,
	})
	ss, err := svc.Login(context.Background(), "rui", []byte(e2eSuperPW))
	if err != nil {
		t.Fatal(err)
	}
	d.sess = ss
	d.app.loggedIn(ss)
	d.shell = d.app.Shell()
	return d
}

// addCase registers c with the office's defaults for a new case.
func (d *realDesk) addCase(t *testing.T, c domain.Case) domain.Case {
	t.Helper()
	c, err := d.sess.CreateCase(context.Background(), casework.WithNewCaseDefaults(c, time.Now(), d.sess.User().ID))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// addConsent records an interview consent given today by giver.
func (d *realDesk) addConsent(t *testing.T, caseID string, giver domain.ConsentGiver) {
	t.Helper()
	cs := domain.Consent{CaseID: caseID, Purpose: domain.ConsentInterview, GivenBy: giver,
		Method: domain.ConsentVerbal, GivenOn: time.Now().Format(time.DateOnly)}
	if giver != domain.GivenByPerson {
		cs.GiverName = "Mariama Sow"
	}
	if _, err := d.sess.AddConsent(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
}

// current reads a case back from the office.
func (d *realDesk) current(t *testing.T, id string) domain.Case {
	t.Helper()
	c, err := d.sess.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// aBoy is a boy of about 13 (estimated) met at a market, with nothing else
// known yet.
func aBoy() domain.Case {
	return domain.Case{Person: domain.Person{FirstName: "Mamadou", Gender: domain.GenderMasculine,
		AgeEstimate: 13, AgeEstimateBy: domain.AgeAppearance, Citizenship: []string{"GW"}, Languages: []string{"pt", "ff"}}}
}
