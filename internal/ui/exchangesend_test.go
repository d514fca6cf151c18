package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
)

// xferTrust makes the offices of two desks trust each other's cards.
func xferTrust(t *testing.T, a, b *realDesk) {
	t.Helper()
	for _, p := range [][2]*realDesk{{a, b}, {b, a}} {
		card, fp, err := p[1].sess.OfficeCard()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p[0].sess.PinOffice(context.Background(), card, fp); err != nil {
			t.Fatal(err)
		}
	}
}

// xferShare records the person's consent to share the whole case with the
// office of desk to.
func xferShare(t *testing.T, d *realDesk, caseID string, to *realDesk) {
	t.Helper()
	c := domain.Consent{CaseID: caseID, Purpose: domain.ConsentSharing, PartnerID: to.sess.Office().ID,
		Shares: domain.ShareFields, GivenBy: domain.GivenByPerson, Method: domain.ConsentWritten,
		GivenOn: time.Now().Format(time.DateOnly)}
	if _, err := d.sess.AddConsent(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// xferWait waits for the running export or import of the desk to end.
func xferWait(t *testing.T, d *realDesk) {
	t.Helper()
	st := d.shell.xstate()
	if st.done == nil {
		t.Fatal("nothing is running")
	}
	select {
	case <-st.done:
	case <-time.After(time.Minute):
		t.Fatal("the export or import did not end")
	}
}

// xferCheck ticks the office named name on the Send tab.
func xferCheck(t *testing.T, d *realDesk, name string) {
	t.Helper()
	for _, c := range caseListFindAll[*widget.Check](d.content()) {
		if strings.HasPrefix(c.Text, name) {
			test.Tap(c)
			return
		}
	}
	t.Fatalf("no office %q to tick; the tab shows %q", name, texts(d.content()))
}

func showsPart(d *realDesk, part string) bool {
	return slices.ContainsFunc(texts(d.content()), func(s string) bool { return strings.Contains(s, part) })
}

// TestExchangeSendAndReceive: a supervisor ticks a trusted office and
// writes a file of everything new; a case without consent to share is
// listed as left out; the other office opens the file and sees what it
// added, the case codes, and, opening it again, that it was already
// imported.
func TestExchangeSendAndReceive(t *testing.T) {
	a := newRealDesk(t, "en")
	b := newRealDesk(t, "en") // the language is the whole process's
	xferTrust(t, a, b)
	shared := a.addCase(t, domain.Case{Person: domain.Person{FirstName: "Fatou", LastName: "Diop", Gender: domain.GenderFeminine, AgeEstimate: 30}})
	kept := a.addCase(t, domain.Case{Person: domain.Person{FirstName: "Awa", LastName: "Ba", Gender: domain.GenderFeminine, AgeEstimate: 25}})
	xferShare(t, a, shared.ID, b)

	a.shell.showExchangeTab(exchangeTabSend)
	st := a.shell.xstate()
	svc := a.shell.transfer()
	// Nothing ticked: the window says what to do.
	if _, problem := a.shell.exportRequest(st); problem != lang.L("exchange.send.chooseOffice") {
		t.Fatalf("no office ticked: %q", problem)
	}
	xferCheck(t, a, b.sess.Office().Name)
	req, problem := a.shell.exportRequest(st)
	if problem != "" {
		t.Fatal(problem)
	}
	dir := t.TempDir()
	a.shell.startExport(svc, req, dir)
	xferWait(t, a)
	if !showsPart(a, "The file is written") || !showsPart(a, kept.Code) {
		t.Fatalf("after the export the tab shows %q", texts(a.content()))
	}
	fitsWindow(t, a, "send tab")
	files, _ := filepath.Glob(filepath.Join(dir, "*"+exchange.Extension))
	if len(files) != 1 {
		t.Fatalf("files written: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}

	b.shell.showExchangeTab(exchangeTabReceive)
	b.shell.receiveFile(b.shell.transfer(), slices.Clone(data))
	xferWait(t, b)
	if !showsPart(b, "New records") || !shows(b, shared.Code) {
		t.Fatalf("after the import the tab shows %q", texts(b.content()))
	}
	fitsWindow(t, b, "receive tab")
	if _, err := b.sess.CaseByCode(context.Background(), shared.Code); err != nil {
		t.Fatalf("the case did not arrive: %v", err)
	}
	if _, err := b.sess.CaseByCode(context.Background(), kept.Code); err == nil {
		t.Fatal("the case without consent arrived")
	}
	b.shell.receiveFile(b.shell.transfer(), slices.Clone(data))
	xferWait(t, b)
	if !showsPart(b, "already imported") {
		t.Fatalf("a second import shows %q", texts(b.content()))
	}
	// Nothing new: the window says so; "everything again" sends it again.
	a.shell.showExchangeTab(exchangeTabSend)
	req, _ = a.shell.exportRequest(st)
	a.shell.startExport(svc, req, t.TempDir())
	xferWait(t, a)
	if !shows(a, lang.L("exchange.send.nothing")) {
		t.Fatalf("a second export shows %q", texts(a.content()))
	}
	for _, c := range caseListFindAll[*widget.Check](a.content()) {
		if c.Text == lang.L("exchange.send.again") {
			test.Tap(c)
		}
	}
	if req, _ = a.shell.exportRequest(st); !req.All {
		t.Fatal("ticking everything again does not ask for everything")
	}
	a.shell.startExport(svc, req, t.TempDir())
	xferWait(t, a)
	if !showsPart(a, "The file is written") {
		t.Fatalf("sending everything again shows %q", texts(a.content()))
	}
	b.shell.receiveFile(b.shell.transfer(), []byte("not an export file"))
	xferWait(t, b)
	if !showsPart(b, "not an Amparo export file") {
		t.Fatalf("a junk file shows %q", texts(b.content()))
	}
}

// TestExchangePassphraseHandOver: a file sealed with a passphrase for an
// office that does not trust the sender yet: the window asks for the
// passphrase (refusing a wrong one), then shows the sender's card and
// fingerprint, trusts it once the fingerprint is typed, and imports.
func TestExchangePassphraseHandOver(t *testing.T) {
	ctx := context.Background()
	a := newRealDesk(t, "pt")
	c := newRealDesk(t, "pt")
	partner := a.addPartner(t, domain.Partner{Name: "Centro Nós", Type: "NGO", Services: []string{"shelter"}, Languages: []string{"pt"}, Country: "CV"})
	cs := a.addCase(t, domain.Case{Person: domain.Person{FirstName: "Nha", LastName: "Tavares", Gender: domain.GenderFeminine, AgeEstimate: 40}})
	consent := domain.Consent{CaseID: cs.ID, Purpose: domain.ConsentSharing, PartnerID: partner.ID, Shares: domain.ShareFields,
		GivenBy: domain.GivenByPerson, Method: domain.ConsentWritten, GivenOn: time.Now().Format(time.DateOnly)}
	if _, err := a.sess.AddConsent(ctx, consent); err != nil {
		t.Fatal(err)
	}
	st := a.shell.xstate()
	st.scope, st.codes, st.partner = scopePassphrase, strings.ToLower(cs.Code), partner.ID
	a.shell.showExchangeTab(exchangeTabSend)
	req, problem := a.shell.exportRequest(st)
	if problem != "" {
		t.Fatal(problem)
	}
	dir := t.TempDir()
	a.shell.startExport(a.shell.transfer(), req, dir)
	xferWait(t, a)
	if st.passphrase == "" || !shows(a, st.passphrase) {
		t.Fatalf("the passphrase is not shown: %q", texts(a.content()))
	}
	passphrase := st.passphrase
	a.shell.Show(SectionCases)
	if st.passphrase != "" {
		t.Error("the passphrase stays in memory after leaving the Exchange section")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"+exchange.Extension))
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}

	c.shell.showExchangeTab(exchangeTabReceive)
	c.shell.receiveFile(c.shell.transfer(), data)
	pass := caseListFind[*widget.Entry](c.content())
	for _, e := range caseListFindAll[*widget.Entry](c.content()) {
		if e.Password {
			pass = e
		}
	}
	if pass == nil || !pass.Password {
		t.Fatalf("no passphrase field: %q", texts(c.content()))
	}
	fitsWindow(t, c, "passphrase")
	test.Type(pass, "WRONG-WRONG")
	pass.OnSubmitted(pass.Text)
	xferWait(t, c)
	if !showsPart(c, "frase-passe não está certa") {
		t.Fatalf("a wrong passphrase shows %q", texts(c.content()))
	}
	for _, e := range caseListFindAll[*widget.Entry](c.content()) {
		if e.Password {
			pass = e
		}
	}
	test.Type(pass, passphrase)
	pass.OnSubmitted(pass.Text)
	xferWait(t, c)
	_, fp, _ := a.sess.OfficeCard()
	if !shows(c, fp) || !showsPart(c, "ainda sem confiança") {
		t.Fatalf("the unknown sender is not shown with its fingerprint: %q", texts(c.content()))
	}
	fitsWindow(t, c, "trust sender")
	var typed *widget.Entry
	for _, e := range caseListFindAll[*widget.Entry](c.content()) {
		if e.PlaceHolder == "XXXX-XXXX-XXXX-XXXX" {
			typed = e
		}
	}
	test.Type(typed, strings.ToLower(fp))
	typed.OnSubmitted(typed.Text)
	xferWait(t, c)
	if !showsPart(c, "Registos novos") {
		t.Fatalf("after trusting, the import shows %q", texts(c.content()))
	}
	if _, err := c.sess.CaseByCode(ctx, cs.Code); err != nil {
		t.Fatalf("the case did not arrive: %v", err)
	}
}

// TestExchangeFoldersAndInbox: Settings > Exchange folders refuses a
// relative path and the same folder twice, with a message under the field,
// and saves good ones; a file dropped in the inbox is imported by the
// watcher and moved to imported/, a junk one to rejected/ with its reason.
func TestExchangeFoldersAndInbox(t *testing.T) {
	a := newRealDesk(t, "en")
	b := newRealDesk(t, "en")
	xferTrust(t, a, b)
	cs := a.addCase(t, domain.Case{Person: domain.Person{FirstName: "Moussa", LastName: "Sow", Gender: domain.GenderMasculine, AgeEstimate: 33}})
	xferShare(t, a, cs.ID, b)

	b.shell.settingsTab = tabExchange
	b.shell.Show(SectionSettings)
	p := b.shell.folders
	if p == nil {
		t.Fatal("no Exchange folders tab")
	}
	p.inbox.SetText("relative/inbox")
	test.Tap(p.save)
	if !shows(b, lang.L("settings.exchange.err.absolute")) {
		t.Fatalf("a relative path shows %q", texts(b.content()))
	}
	root := t.TempDir()
	p.inbox.SetText(filepath.Join(root, "in"))
	p.outbox.SetText(filepath.Join(root, "in"))
	test.Tap(p.save)
	if !shows(b, lang.L("settings.exchange.err.same")) {
		t.Fatalf("the same folder twice shows %q", texts(b.content()))
	}
	p.outbox.SetText(filepath.Join(root, "out"))
	test.Tap(p.save)
	if !shows(b, lang.L("settings.exchange.saved")) {
		t.Fatalf("saving shows %q", texts(b.content()))
	}
	fitsWindow(t, b, "exchange folders")

	out := filepath.Join(t.TempDir(), "a-to-b"+exchange.Extension)
	if _, err := a.sess.ExportFile(context.Background(), casework.ExportRequest{To: []string{b.sess.Office().ID}}, out, nil); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	inbox := filepath.Join(root, "in")
	old := time.Now().Add(-time.Minute)
	for name, content := range map[string][]byte{"good" + exchange.Extension: data, "junk" + exchange.Extension: []byte("junk"),
		".partial" + exchange.Extension: data} {
		path := filepath.Join(inbox, name)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(path, old, old)
	}
	b.app.deps.InboxCheckEvery = time.Nanosecond
	b.app.watchDone = make(chan struct{}, 1)
	for round := 0; round < 2; round++ { // a file must look the same at two polls
		b.app.exchangeTick()
		select {
		case <-b.app.watchDone:
		case <-time.After(time.Minute):
			t.Fatal("the inbox round did not end")
		}
	}
	if _, err := os.Stat(filepath.Join(inbox, exchange.ImportedDir, "good"+exchange.Extension)); err != nil {
		t.Errorf("the good file was not moved to imported/: %v", err)
	}
	reason, err := os.ReadFile(filepath.Join(inbox, exchange.RejectedDir, "junk"+exchange.Extension+".txt"))
	if err != nil || !strings.Contains(string(reason), "not an Amparo export file") {
		t.Errorf("the junk file's reason: %q %v", reason, err)
	}
	if _, err := os.Stat(filepath.Join(inbox, ".partial"+exchange.Extension)); err != nil {
		t.Errorf("a hidden file was touched: %v", err)
	}
	if _, err := b.sess.CaseByCode(context.Background(), cs.Code); err != nil {
		t.Fatalf("the case did not arrive through the inbox: %v", err)
	}
	b.shell.showExchangeTab(exchangeTabReceive)
	if !showsPart(b, "good"+exchange.Extension) || !showsPart(b, "junk"+exchange.Extension) {
		t.Fatalf("the Receive tab does not list the inbox's files: %q", texts(b.content()))
	}
}

// TestExchangeTabsFit: the Send and Receive tabs fit a 1024 px window in
// every language, and a case worker sees only the office card.
func TestExchangeTabsFit(t *testing.T) {
	for _, code := range []string{"en", "fr", "pt"} {
		d := newRealDesk(t, code)
		for _, tab := range []exchangeTab{exchangeTabSend, exchangeTabReceive} {
			d.shell.showExchangeTab(tab)
			fitsWindow(t, d, code+" tab")
		}
		d.shell.xstate().scope = scopePassphrase
		d.shell.showExchangeTab(exchangeTabSend)
		fitsWindow(t, d, code+" passphrase scope")
	}
}

// caseListFindAll returns every object of type T drawn inside o.
func caseListFindAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var found []T
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if t, ok := o.(T); ok {
			found = append(found, t)
		}
	})
	return found
}

// TestExchangeSendCancel: Cancel while the file is being written leaves no
// file and says so.
func TestExchangeSendCancel(t *testing.T) {
	a := newRealDesk(t, "en")
	b := newRealDesk(t, "en")
	xferTrust(t, a, b)
	cs := a.addCase(t, domain.Case{Person: domain.Person{FirstName: "Ousmane", LastName: "Diallo", Gender: domain.GenderMasculine, AgeEstimate: 41}})
	xferShare(t, a, cs.ID, b)
	a.shell.showExchangeTab(exchangeTabSend)
	st := a.shell.xstate()
	st.to[b.sess.Office().ID] = true
	req, problem := a.shell.exportRequest(st)
	if problem != "" {
		t.Fatal(problem)
	}
	dir := t.TempDir()
	st.gate = make(chan struct{})
	a.shell.startExport(a.shell.transfer(), req, dir)
	if !st.running || st.cancel == nil {
		t.Fatal("the export is not shown as running")
	}
	st.cancel() // what the Cancel button does
	close(st.gate)
	xferWait(t, a)
	if !shows(a, lang.L("exchange.send.cancelled")) {
		t.Fatalf("after Cancel the tab shows %q", texts(a.content()))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("Cancel left %d files behind", len(entries))
	}
}
