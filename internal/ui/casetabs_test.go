package ui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

const tabCase = "case-0001"

// seedConsents gives the fake case three consents, one withdrawn.
func seedConsents(cl *fakeCaseList) {
	at := testNow.Add(-72 * time.Hour)
	cl.consents = []domain.Consent{
		{ID: "c1", CaseID: tabCase, Purpose: domain.ConsentAssistance, GivenBy: domain.GivenByPerson,
			Method: domain.ConsentVerbal, GivenOn: "2026-11-20", RecordedBy: "u-joao", RecordedAt: at},
		{ID: "c2", CaseID: tabCase, Purpose: domain.ConsentReferral, PartnerID: "Centre Sauvegarde Kolda",
			Services: []string{"health", "shelter"}, GivenBy: domain.GivenByGuardian, GiverName: "Mariama Baldé",
			Method: domain.ConsentWritten, GivenOn: "2026-11-21", RecordedBy: "u-awa", RecordedAt: at.Add(time.Hour)},
		{ID: "c3", CaseID: tabCase, Purpose: domain.ConsentSharing, PartnerID: "Brigade des mineurs",
			Shares: []string{"name", "languages"}, GivenBy: domain.GivenByPerson, Method: domain.ConsentVerbal,
			GivenOn: "2026-11-21", RecordedBy: "u-joao", RecordedAt: at.Add(2 * time.Hour),
			WithdrawnOn: "2026-11-25", WithdrawnReason: "She no longer wants the police to know her name.", WithdrawnBy: "u-joao"},
	}
}

func openConsentTab(t *testing.T, f *shellFixture) *consentPanel {
	t.Helper()
	caseListShow(f, f.shell.consentTab(tabCase))
	p := caseListFind[*consentPanel](f.content())
	if p == nil {
		t.Fatal("no consent tab")
	}
	return p
}

func TestConsentTabListsConsentsWithdrawnIncluded(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedConsents(cl)
	openConsentTab(t, f)
	for _, want := range []string{
		"Help from this office", "Referral to Centre Sauvegarde Kolda", "Sharing information with Brigade des mineurs",
		"Services: Health and medical care, Safe shelter",
		"May be shared: Name, Languages",
		"Given by: The guardian, Mariama Baldé · How: In writing, signed · On: 21 Nov 2026",
		"Recorded by Awa Ndiaye, 24 Nov 2026, 15:05",
		"Withdrawn on 25 Nov 2026, recorded by João Gomes. Reason: She no longer wants the police to know her name.",
	} {
		if !hasLabel(f.content(), want) {
			t.Errorf("the consent tab does not show %q; texts %q", want, texts(f.content()))
		}
	}
	if n := caseListButtons(f.content(), "Withdraw"); n != 2 {
		t.Errorf("%d Withdraw buttons, want one per consent in force (2)", n)
	}
	if !strings.Contains(strings.Join(texts(f.content()), "|"), catalog(t, "en")["casetabs.consent.reminder"]) {
		t.Error("no reminder of what consent means")
	}
}

// caseListButtons counts the buttons showing text.
func caseListButtons(o fyne.CanvasObject, text string) int {
	n := 0
	for _, b := range buttonTexts(o) {
		if b == text {
			n++
		}
	}
	return n
}

func TestConsentRecordChecksTheForm(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	p := openConsentTab(t, f)
	en := catalog(t, "en")
	if !hasLabel(f.content(), en["casetabs.consent.empty"]) {
		t.Error("no empty text")
	}
	test.Tap(p.record)
	form := p.form
	if form == nil {
		t.Fatal("Record consent opened no form")
	}
	test.Tap(form.submit)
	if form.fPurpose.err.Text != en["casetabs.consent.error.purpose"] || form.fDate.err.Text != en["casetabs.consent.error.date"] ||
		form.fGivenBy.err.Text != en["casetabs.consent.error.givenBy"] || form.fMethod.err.Text != en["casetabs.consent.error.method"] {
		t.Errorf("messages: purpose %q, date %q, given by %q, method %q", form.fPurpose.err.Text, form.fDate.err.Text,
			form.fGivenBy.err.Text, form.fMethod.err.Text)
	}
	if form.fPartner.box.Visible() || form.fServices.box.Visible() {
		t.Error("partner and services shown before a referral is chosen")
	}

	form.purpose.SetSelected("Referral to a partner for services")
	if !form.fPartner.box.Visible() || !form.fServices.box.Visible() || form.fShares.box.Visible() {
		t.Error("a referral does not ask for the partner and the services")
	}
	form.givenBy.SetSelected("The guardian")
	form.method.SetSelected("In writing, signed")
	test.Tap(form.submit)
	if form.fPartner.err.Text != en["casetabs.consent.error.partner"] {
		t.Errorf("missing partner on a referral: %q", form.fPartner.err.Text)
	}
	if form.fServices.err.Text != en["casetabs.consent.error.services"] {
		t.Errorf("no service ticked: %q", form.fServices.err.Text)
	}
	if form.fGiverName.err.Text != en["casetabs.consent.error.giverName"] {
		t.Errorf("a guardian without a name: %q", form.fGiverName.err.Text)
	}
	if form.fDate.err.Text != en["casetabs.consent.error.date"] {
		t.Errorf("missing date: %q", form.fDate.err.Text)
	}
	future := testNow.AddDate(0, 0, 2)
	form.date.set(&future)
	test.Tap(form.submit)
	if form.fDate.err.Text != en["casetabs.error.future"] {
		t.Errorf("a date in the future: %q", form.fDate.err.Text)
	}
	if len(cl.addedCons) != 0 {
		t.Fatal("an incomplete consent was recorded")
	}

	test.Type(form.partner, "Centre Sauvegarde Kolda")
	test.Type(form.giverName, "Mariama Baldé")
	test.Tap(form.services[1]) // health
	test.Tap(form.services[2]) // shelter
	day := time.Date(2026, time.November, 26, 0, 0, 0, 0, time.Local)
	form.date.set(&day)
	test.Tap(form.submit)
	if len(cl.addedCons) != 1 {
		t.Fatalf("no consent recorded; message %q", form.message.Text)
	}
	got := cl.addedCons[0]
	if got.CaseID != tabCase || got.Purpose != domain.ConsentReferral || got.PartnerID != "Centre Sauvegarde Kolda" ||
		strings.Join(got.Services, ",") != "health,shelter" || got.GivenBy != domain.GivenByGuardian ||
		got.GiverName != "Mariama Baldé" || got.Method != domain.ConsentWritten || got.GivenOn != "2026-11-26" || len(got.Shares) != 0 {
		t.Errorf("recorded %+v", got)
	}
	if p.form != nil {
		t.Error("the form stayed open")
	}
	if !hasLabel(f.content(), "Referral to Centre Sauvegarde Kolda") || !hasLabel(f.content(), en["casetabs.consent.saved"]) {
		t.Errorf("the new consent is not listed; texts %q", texts(f.content()))
	}
}

func TestConsentRecordShowsCaseworkProblems(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	p := openConsentTab(t, f)
	en := catalog(t, "en")
	cl.consErr = &casework.ValidationErrors{Problems: []casework.Problem{{Field: "partnerID", Rule: casework.RuleRequired}}}
	test.Tap(p.record)
	form := p.form
	form.purpose.SetSelected("Sharing information with a partner")
	test.Type(form.partner, "  x ")
	test.Tap(form.shares[0])
	form.givenBy.SetSelected("The person")
	form.method.SetSelected("Spoken")
	day := testNow
	form.date.set(&day)
	test.Tap(form.submit)
	if form.fPartner.err.Text != en["field.required"] {
		t.Errorf("casework's problem is not beside the partner: %q", form.fPartner.err.Text)
	}
	cl.consErr = &casework.RuleError{Rule: casework.RuleGuardianRequired}
	test.Tap(form.submit)
	if form.message.Text != en["casetabs.consent.error.childGuardian"] {
		t.Errorf("the child rule: %q", form.message.Text)
	}
}

func TestConsentWithdrawKeepsItVisible(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	seedConsents(cl)
	p := openConsentTab(t, f)
	en := catalog(t, "en")
	tapTextIn(t, f.content(), "Withdraw") // the first consent in force: the referral, newest
	w := p.withdraw
	if w == nil || w.c.ID != "c2" {
		t.Fatalf("Withdraw opened %+v", w)
	}
	if !hasLabel(f.w.Canvas().Overlays().Top(), strings.ReplaceAll(en["casetabs.consent.withdraw.text"], "{{.Consent}}", "Referral to Centre Sauvegarde Kolda")) {
		t.Error("the dialog does not say what withdrawing does")
	}
	test.Type(w.reason, "The family moved away.")
	test.Tap(w.submit)
	if strings.Join(cl.withdrawn, ";") != "c2:The family moved away." {
		t.Errorf("withdrawn %q", cl.withdrawn)
	}
	if p.withdraw != nil {
		t.Error("the dialog stayed open")
	}
	if len(p.consents) != 3 {
		t.Fatalf("%d consents listed after a withdrawal, want all 3", len(p.consents))
	}
	for _, want := range []string{"Referral to Centre Sauvegarde Kolda",
		"Withdrawn on 27 Nov 2026, recorded by João Gomes. Reason: The family moved away.", en["casetabs.consent.withdrawn.done"]} {
		if !hasLabel(f.content(), want) {
			t.Errorf("after withdrawing, no %q; texts %q", want, texts(f.content()))
		}
	}
	if n := caseListButtons(f.content(), "Withdraw"); n != 1 {
		t.Errorf("%d Withdraw buttons left, want 1", n)
	}
	// Without a reason: recorded as such.
	tapTextIn(t, f.content(), "Withdraw")
	test.Tap(p.withdraw.submit)
	if !hasLabel(f.content(), "Withdrawn on 27 Nov 2026, recorded by João Gomes. No reason given.") {
		t.Errorf("a withdrawal without a reason; texts %q", texts(f.content()))
	}
}

func TestNotesAddAndList(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	cl.notes = []domain.Note{{ID: "n0", CaseID: tabCase, Text: "First visit at the shelter.", AuthorID: "u-awa", At: testNow.Add(-48 * time.Hour)}}
	caseListShow(f, f.shell.notesTab(tabCase))
	p := caseListFind[*notesPanel](f.content())
	en := catalog(t, "en")
	test.Tap(p.add)
	if p.fText.err.Text != en["casetabs.notes.required"] || len(cl.notes) != 1 {
		t.Errorf("an empty note: %q, %d notes", p.fText.err.Text, len(cl.notes))
	}
	test.Type(p.text, "Called the school.")
	p.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(p.text, "She starts on Monday.")
	test.Tap(p.add)
	if len(cl.notes) != 2 || cl.notes[1].Text != "Called the school.\nShe starts on Monday." || cl.notes[1].CaseID != tabCase {
		t.Fatalf("notes %+v", cl.notes)
	}
	if p.text.Text != "" {
		t.Error("the box keeps the saved note")
	}
	if len(p.notes) != 2 || p.notes[0].ID != cl.notes[1].ID {
		t.Errorf("not newest first: %+v", p.notes)
	}
	for _, want := range []string{"João Gomes · 27 Nov 2026, 14:06", "Awa Ndiaye · 25 Nov 2026, 14:05",
		"Called the school.\nShe starts on Monday.", "First visit at the shelter."} {
		if !hasLabel(f.content(), want) {
			t.Errorf("no %q; texts %q", want, texts(f.content()))
		}
	}
	// The note being written is a draft of this case only.
	test.Type(p.text, "half a sentence")
	if d := f.shell.drafters[draftCaseNote+tabCase]; d == nil || d.Draft()["text"] != "half a sentence" {
		t.Error("the note being written is not kept through a lock")
	}
}

func TestAttachmentTooLargeIsRefusedBeforeReading(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	caseListShow(f, f.shell.attachmentsTab(tabCase))
	p := caseListFind[*attachmentsPanel](f.content())
	if !hasLabel(f.content(), catalog(t, "en")["casetabs.files.empty"]) {
		t.Error("no empty text")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "passport-scan.pdf")
	if err := os.WriteFile(big, make([]byte, domain.MaxAttachmentBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := storage.Reader(storage.NewFileURI(big))
	if err != nil {
		t.Fatal(err)
	}
	p.addFile(r)
	want := "passport-scan.pdf is larger than 10 MB, the most one file can be. Scan it at a lower resolution or in several parts."
	if p.notice.Text != want || len(cl.addedAtt) != 0 {
		t.Errorf("a file over the limit: %q, %d attached", p.notice.Text, len(cl.addedAtt))
	}

	// A stream with no size on disk is cut at the limit.
	uri, err := storage.ParseURI("content:///photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	stream := &caseListStream{Reader: bytes.NewReader(make([]byte, domain.MaxAttachmentBytes+5000)), uri: uri}
	p.addFile(stream)
	if !strings.HasPrefix(p.notice.Text, "photo.jpg is larger than 10 MB") || len(cl.addedAtt) != 0 || stream.read > domain.MaxAttachmentBytes+1 || !stream.closed {
		t.Errorf("a large stream: %q, read %d bytes, closed %v", p.notice.Text, stream.read, stream.closed)
	}

	small := filepath.Join(dir, "consent-signed.png")
	if err := os.WriteFile(small, tinyPNG(t, 40, 40), 0o600); err != nil {
		t.Fatal(err)
	}
	p.kind.SetSelected("Signed consent form")
	r, err = storage.Reader(storage.NewFileURI(small))
	if err != nil {
		t.Fatal(err)
	}
	p.addFile(r)
	if len(cl.addedAtt) != 1 {
		t.Fatalf("the small file was not attached: %q", p.notice.Text)
	}
	a := cl.addedAtt[0]
	if a.Name != "consent-signed.png" || a.Kind != domain.AttachmentConsent || a.CaseID != tabCase || a.Size != int64(len(cl.data[a.ID])) || a.MIME != "image/png" {
		t.Errorf("attached %+v", a)
	}
	for _, want := range []string{"consent-signed.png", "Signed consent form", "João Gomes", "27 Nov 2026", "consent-signed.png is attached."} {
		if !hasLabel(f.content(), want) {
			t.Errorf("the list lacks %q; texts %q", want, texts(f.content()))
		}
	}

	// Save a copy writes what AttachmentData returns.
	out := filepath.Join(dir, "copy.png")
	w, err := storage.Writer(storage.NewFileURI(out))
	if err != nil {
		t.Fatal(err)
	}
	p.saveCopy(p.files[0], w)
	got, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(got, cl.data[a.ID]) {
		t.Errorf("the copy differs (%v)", err)
	}
	if p.notice.Text != "A copy was saved as copy.png. Keep it safe, and delete it when you no longer need it." {
		t.Errorf("after saving: %q", p.notice.Text)
	}
}

// caseListStream is a file with no size on disk, as a content provider
// gives one.
type caseListStream struct {
	io.Reader
	uri    fyne.URI
	read   int
	closed bool
}

func (s *caseListStream) Read(b []byte) (int, error) {
	n, err := s.Reader.Read(b)
	s.read += n
	return n, err
}
func (s *caseListStream) Close() error  { s.closed = true; return nil }
func (s *caseListStream) URI() fyne.URI { return s.uri }

func TestFileSizeText(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 512, "512 bytes"}, {"en", 2048, "2 KB"}, {"en", 2500000, "2.4 MB"}, {"en", 412000, "402 KB"}, {"fr", 2500000, "2,4\u00a0Mo"},
		{"pt", 1536, "1,5\u00a0KB"}, {"fr", 1234, "1,2\u00a0Ko"},
	} {
		if err := UseLanguage(c.lang); err != nil {
			t.Fatal(err)
		}
		if got := fileSizeText(c.n); got != c.want {
			t.Errorf("%s %d = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	_ = UseLanguage("en")
}

func TestHistoryRows(t *testing.T) {
	f, cl := newCaseListShell(t, domain.RoleCaseworker)
	at := testNow.Add(-24 * time.Hour)
	cl.history = []casework.Change{
		{RevisionID: "r1", At: at, UserName: "Awa Ndiaye", Field: "person.firstName", Old: "", New: "Aminata"},
		{RevisionID: "r2", At: at.Add(time.Hour), UserName: "João Gomes", Field: "stage", Old: "identification", New: "assistance"},
		{RevisionID: "r2", At: at.Add(time.Hour), UserName: "João Gomes", Field: "followUps[1].done", Old: "", New: "2026-11-26"},
		{RevisionID: "r3", At: at.Add(2 * time.Hour), UserName: "João Gomes", Field: "trafficking.recruitmentApps", Old: "", New: "Facebook"},
		{RevisionID: "r3", At: at.Add(2 * time.Hour), UserName: "João Gomes", Field: "child.bia.priority", Old: "", New: "2-days"},
		{RevisionID: "r3", At: at.Add(2 * time.Hour), UserName: "João Gomes", Field: "person.contactConsent", Old: "false", New: "true"},
	}
	caseListShow(f, f.shell.historyTab(tabCase))
	p := caseListFind[*historyPanel](f.content())
	want := [][]string{
		{"26 Nov 2026, 16:05", "João Gomes", "The person agrees to be contacted", "No", "Yes"},
		{"26 Nov 2026, 16:05", "João Gomes", "Best Interests Assessment", "—", "2-days"},
		{"26 Nov 2026, 16:05", "João Gomes", "trafficking.recruitmentApps", "—", "Facebook"},
		{"26 Nov 2026, 15:05", "João Gomes", "Follow-up done (2)", "—", "26 Nov 2026"},
		{"26 Nov 2026, 15:05", "João Gomes", "Stage", "Identification and registration", "Direct assistance"},
		{"26 Nov 2026, 14:05", "Awa Ndiaye", "First name", "—", "Aminata"},
	}
	if rows, cols := p.table.Length(); rows != len(want) || cols != 5 {
		t.Fatalf("table is %dx%d", rows, cols)
	}
	for r, row := range want {
		for c, w := range row {
			if got := p.cell(p.changes[r], c); got != w {
				t.Errorf("row %d col %d = %q, want %q", r, c, got, w)
			}
		}
	}
	// The table draws them.
	if !strings.Contains(strings.Join(texts(f.content()), "|"), "Follow-up done (2)") {
		t.Errorf("the table does not draw the rows; texts %q", texts(f.content()))
	}
	// Choosing a row shows its values whole.
	p.table.Select(widget.TableCellID{Row: 1, Col: 3})
	top := f.w.Canvas().Overlays().Top()
	if top == nil || !hasLabel(top, "2-days") || !hasLabel(top, "Changed by João Gomes, 26 Nov 2026, 16:05") {
		t.Error("choosing a change does not show it whole")
	}
}

func TestHistoryEmpty(t *testing.T) {
	f, _ := newCaseListShell(t, domain.RoleCaseworker)
	caseListShow(f, f.shell.historyTab(tabCase))
	if !hasLabel(f.content(), catalog(t, "en")["casetabs.history.empty"]) {
		t.Errorf("no empty text; texts %q", texts(f.content()))
	}
}
