package ui

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// caseTabsFrame stands in for the case file around the four tabs, so they
// are seen at the size they will have.
func caseTabsFrame(f *shellFixture, tab int) fyne.CanvasObject {
	s := f.shell
	title := widget.NewLabelWithStyle("KOL-2026-0020 · Aminata Sow", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	tabs := container.NewAppTabs(
		container.NewTabItem("Consent", s.consentTab(tabCase)),
		container.NewTabItem("Notes", s.notesTab(tabCase)),
		container.NewTabItem("Files", s.attachmentsTab(tabCase)),
		container.NewTabItem("History", s.historyTab(tabCase)),
	)
	tabs.SelectIndex(tab)
	return container.NewBorder(title, nil, nil, nil, tabs)
}

// seedCaseTabs fills the tabs of the fake case.
func seedCaseTabs(cl *fakeCaseList) {
	seedConsents(cl)
	cl.notes = []domain.Note{
		{ID: "n1", CaseID: tabCase, AuthorID: "u-awa", At: testNow.Add(-50 * time.Hour),
			Text: "First meeting at the shelter, with Mariama (interpreter, Pulaar). She was tired; we stopped after twenty minutes and agreed to meet again on Friday."},
		{ID: "n2", CaseID: tabCase, AuthorID: "u-joao", At: testNow.Add(-3 * time.Hour),
			Text: "Called the school in Kolda: she can start on Monday. Her aunt will walk her there."},
	}
	cl.files = []domain.Attachment{
		{ID: "a1", CaseID: tabCase, Kind: domain.AttachmentConsent, Name: "consentement-signe-2026-11-21.pdf", Size: 412_000, AddedBy: "u-awa", AddedAt: testNow.Add(-140 * time.Hour)},
		{ID: "a2", CaseID: tabCase, Kind: domain.AttachmentDocument, Name: "extrait-de-naissance.jpg", Size: 2_350_000, AddedBy: "u-joao", AddedAt: testNow.Add(-20 * time.Hour)},
	}
	at := testNow.Add(-30 * time.Hour)
	cl.history = []casework.Change{
		{At: at, UserName: "Awa Ndiaye", Field: "person.firstName", New: "Aminata"},
		{At: at, UserName: "Awa Ndiaye", Field: "person.lastName", New: "Sow"},
		{At: at, UserName: "Awa Ndiaye", Field: "person.birthDate", New: "2011-03-14"},
		{At: at.Add(3 * time.Hour), UserName: "João Gomes", Field: "stage", Old: "identification", New: "assistance"},
		{At: at.Add(3 * time.Hour), UserName: "João Gomes", Field: "child.guardian.name", New: "Mariama Baldé"},
		{At: at.Add(5 * time.Hour), UserName: "João Gomes", Field: "followUps[0].done", New: "2026-11-26"},
		{At: at.Add(5 * time.Hour), UserName: "João Gomes", Field: "trafficking.narrative", Old: "She was promised work as a maid in Dakar.",
			New: "She was promised work as a maid in Dakar; she was made to sell in the market from dawn and was not paid."},
		{At: at.Add(6 * time.Hour), UserName: "João Gomes", Field: "trafficking.vulnerabilities", New: "Debt, LackOfEducation"},
	}
}

// TestCaseScreensScreenshots renders the case list, the dashboard and the
// four case-file tabs at 1366x768 in each language:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run CaseScreensScreenshots ./internal/ui/
func TestCaseScreensScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			f, cl := newCaseListShell(t, domain.RoleCaseworker)
			shot := func(name string) {
				t.Helper()
				img := f.w.Canvas().Capture()
				if img.Bounds().Dx() != int(laptop.Width) || img.Bounds().Dy() != int(laptop.Height) {
					t.Errorf("%s: capture is %v: something is too wide or tall", name, img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-"+name+".png"), img)
			}
			if err := f.shell.SetLanguage(code); err != nil {
				t.Fatal(err)
			}
			f.shell.Show(SectionCases)
			shot("cases-empty")
			f.shell.Show(SectionDashboard)
			shot("dashboard-empty")

			seedCaseList(cl, 20, "u-joao")
			seedDashboard(cl)
			f.shell.Show(SectionDashboard)
			shot("dashboard")
			p := openCaseList(t, f)
			shot("cases")
			test.Type(p.search, "a")
			p.child.SetSelectedIndex(1)
			shot("cases-filtered")
			test.Type(p.search, "zz")
			shot("cases-nomatch")

			cl.cases = nil
			seedCaseList(cl, 340, "u-joao")
			openCaseList(t, f)
			p = openCaseList(t, f)
			p.table.ScrollTo(widget.TableCellID{Row: 49, Col: 0})
			shot("cases-more")

			seedCaseTabs(cl)
			caseListShow(f, caseTabsFrame(f, 0))
			shot("tab-consent")
			cp := caseListFind[*consentPanel](f.content())
			test.Tap(cp.record)
			cp.form.purpose.SetSelected(cp.form.purpose.Options[1])
			cp.form.givenBy.SetSelectedIndex(2)
			test.Tap(cp.form.submit)
			shot("tab-consent-form-errors")
			cp.form.d.Hide()
			test.Tap(findButton(f.content(), catalog(t, code)["casetabs.consent.withdraw"]))
			test.Type(cp.withdraw.reason, "La famille a déménagé à Ziguinchor.")
			shot("tab-consent-withdraw")
			test.Tap(cp.withdraw.submit)
			shot("tab-consent-withdrawn")

			caseListShow(f, caseTabsFrame(f, 1))
			np := caseListFind[*notesPanel](f.content())
			test.Type(np.text, "Visit planned with her aunt on Tuesday.")
			shot("tab-notes")

			caseListShow(f, caseTabsFrame(f, 2))
			ap := caseListFind[*attachmentsPanel](f.content())
			uri, err := storage.ParseURI("content:///scan-passeport-complet.pdf")
			if err != nil {
				t.Fatal(err)
			}
			ap.addFile(&caseListStream{Reader: bytes.NewReader(make([]byte, domain.MaxAttachmentBytes+10)), uri: uri})
			shot("tab-files")

			caseListShow(f, caseTabsFrame(f, 3))
			shot("tab-history")

			admin, _ := newCaseListShell(t, domain.RoleAdmin)
			if err := admin.shell.SetLanguage(code); err != nil {
				t.Fatal(err)
			}
			f = admin
			f.shell.Show(SectionDashboard)
			shot("dashboard-admin")
			f.shell.Show(SectionCases)
			shot("cases-admin")
		})
	}
}
