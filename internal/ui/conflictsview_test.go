package ui

import (
	"context"
	"encoding/json"
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
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// conflictOtherName is the name of the second office of the conflict
// tests, so "Theirs (…)" can be told from this office's name.
const conflictOtherName = "Centre d’accueil de Dakar"

// conflictOffice sets up a second real office (its own data folder) and
// returns its supervisor's session.
func conflictOffice(t *testing.T) *casework.Session {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	svc := casework.New(db, nil, casework.WithKDF(vault.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}))
	if _, err := svc.Setup(ctx, casework.SetupInput{
		Office:        domain.Office{Name: conflictOtherName, Country: "SN", Lang: "fr"},
		AdminUsername: "awa", AdminName: "Awa Ndiaye", Password: []byte(e2eAdminPW),
	}); err != nil {
		t.Fatal(err)
	}
	admin, err := svc.Login(ctx, "awa", []byte(e2eAdminPW))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.AddUser(ctx, casework.NewUser{Username: "moussa", Name: "Moussa Diop",
		Role: domain.RoleSupervisor, Password: []byte(e2eSuperPW)}); err != nil {
		t.Fatal(err)
	}
	if err := admin.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	ss, err := svc.Login(ctx, "moussa", []byte(e2eSuperPW))
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// conflictSend exports from one office what is new for the other and
// imports it there.
func conflictSend(t *testing.T, from, to *casework.Session) casework.ImportReport {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "out"+exchange.Extension)
	if _, err := from.ExportFile(ctx, casework.ExportRequest{To: []string{to.Office().ID}}, path, nil); err != nil {
		t.Fatalf("ExportFile: %v", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := to.ImportFile(ctx, data, "")
	if err != nil {
		t.Fatalf("ImportFile: %v", err)
	}
	return rep
}

// conflictEdit changes a case at an office.
func conflictEdit(t *testing.T, ss *casework.Session, id string, change func(c *domain.Case)) {
	t.Helper()
	c, err := ss.Case(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	change(&c)
	if _, err := ss.UpdateCase(context.Background(), c); err != nil {
		t.Fatalf("UpdateCase: %v", err)
	}
}

// conflictCase is a case of the desk's office shared with a second office
// (Dakar), after both offices changed the person's phone (a conflict) and
// different fields (merged) and exchanged files both ways. The case is
// assigned to assignee ("" for the supervisor).
type conflictCase struct {
	c                   domain.Case
	other               *casework.Session
	ours, theirs        string // the phones each office typed
	address, disability string // the fields merged
}

func newConflictCase(t *testing.T, d *realDesk, assignee string) conflictCase {
	t.Helper()
	ctx := context.Background()
	other := conflictOffice(t)
	for _, pair := range [][2]*casework.Session{{d.sess, other}, {other, d.sess}} {
		card, fp, err := pair[1].OfficeCard()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pair[0].PinOffice(ctx, card, fp); err != nil {
			t.Fatal(err)
		}
	}
	if assignee == "" {
		assignee = d.sess.User().ID
	}
	c := d.addCase(t, domain.Case{AssignedTo: assignee, Person: domain.Person{FirstName: "Aminata", LastName: "Sow",
		Gender: domain.GenderFeminine, AgeEstimate: 24, AgeEstimateBy: domain.AgeAppearance, Citizenship: []string{"SN"},
		Languages: []string{"fr", "wo"}, ContactConsent: true, Phone: "+221 70 000 00 00"}})
	share := domain.Consent{CaseID: c.ID, Purpose: domain.ConsentSharing, PartnerID: other.Office().ID,
		Shares: domain.ShareFields, GivenBy: domain.GivenByPerson, Method: domain.ConsentWritten,
		GivenOn: time.Now().Format(time.DateOnly)}
	if _, err := d.sess.AddConsent(ctx, share); err != nil {
		t.Fatal(err)
	}
	if rep := conflictSend(t, d.sess, other); len(rep.Cases) != 1 {
		t.Fatalf("first import at Dakar: %+v", rep)
	}
	cc := conflictCase{other: other, ours: "+351 912 345 678", theirs: "+221 77 123 45 67",
		address: "Rua das Flores 12, Lisboa", disability: "Hearing, left ear"}
	conflictEdit(t, d.sess, c.ID, func(c *domain.Case) { c.Person.Phone, c.Person.Address = cc.ours, cc.address })
	conflictEdit(t, other, c.ID, func(c *domain.Case) { c.Person.Phone, c.Person.Disability = cc.theirs, cc.disability })
	conflictSend(t, d.sess, other)
	if rep := conflictSend(t, other, d.sess); rep.Conflicts != 1 {
		t.Fatalf("import from Dakar: %+v, want one conflict", rep)
	}
	cc.c = d.current(t, c.ID)
	if cc.c.Person.Address != cc.address || cc.c.Person.Disability != cc.disability {
		t.Fatalf("fields changed on one side only did not merge: %+v", cc.c.Person)
	}
	return cc
}

// conflictsOn returns the Conflicts panel on screen.
func conflictsOn(t *testing.T, d *realDesk) *conflictsPanel {
	t.Helper()
	p := caseListFind[*conflictsPanel](d.content())
	if p == nil {
		t.Fatalf("no Conflicts tab on screen; it shows %q", texts(d.content()))
	}
	return p
}

// openCaseSummary shows a case file on its Summary tab.
func openCaseSummary(d *realDesk, id string) {
	d.shell.Show(SectionCases)
	d.shell.openCase(id)
}

func bannerText(n int) string {
	if n == 1 {
		return lang.L("casefile.alert.conflict.one", map[string]any{"Count": "1"})
	}
	return lang.L("casefile.alert.conflict.other", map[string]any{"Count": caseListNumber(n)})
}

// TestConflictResolveOnRealOffices: after two real offices changed the
// same field, the case file shows the banner with Resolve…, which opens
// the conflict side by side with both values and the one shown now; Save
// needs a choice; keeping theirs gives the case their value, the banner
// goes and the list is empty; the resolution is audited.
func TestConflictResolveOnRealOffices(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	cc := newConflictCase(t, d, "")

	openCaseSummary(d, cc.c.ID)
	if !shows(d, bannerText(1)) {
		t.Fatalf("no conflict banner; the case file shows %q", texts(d.content()))
	}
	fitsWindow(t, d, "banner")
	resolve := findButton(d.content(), "Resolve…")
	if resolve == nil {
		t.Fatalf("no Resolve… for the supervisor: %q", buttonTexts(d.content()))
	}
	test.Tap(resolve)

	// The banner opened the conflict at once.
	if d.shell.Section() != SectionExchange || d.shell.pendingConflict != "" {
		t.Fatalf("section %v, pending %q", d.shell.Section(), d.shell.pendingConflict)
	}
	p := conflictsOn(t, d)
	if p.review == nil {
		t.Fatalf("the review is not open: %q", texts(d.content()))
	}
	for _, want := range []string{cc.c.Code + " · Case file", "Telephone", "Ours", "Theirs (" + conflictOtherName + ")",
		cc.ours, cc.theirs, "shown now", "Keep ours", "Keep theirs", "Save the resolution", "Back to the list"} {
		if !shows(d, want) {
			t.Errorf("%q not shown; the review shows %q", want, texts(d.content()))
		}
	}
	fitsWindow(t, d, "review")

	test.Tap(findButton(d.content(), "Back to the list"))
	p = conflictsOn(t, d)
	if p.review != nil || len(p.items) != 1 {
		t.Fatalf("list: review %v, %d items", p.review != nil, len(p.items))
	}
	for _, want := range []string{lang.L("conflicts.intro"), "1 conflict to resolve", cc.c.Code + " · Case file",
		"Fields that differ: Telephone", "Also changed by " + conflictOtherName + " · found on " + caseListDate(p.items[0].At), "Review…"} {
		if !shows(d, want) {
			t.Errorf("%q not listed; the list shows %q", want, texts(d.content()))
		}
	}
	fitsWindow(t, d, "list")

	test.Tap(p.reviews[p.items[0].ID])
	r := p.review
	if r == nil {
		t.Fatal("Review… opened nothing")
	}
	test.Tap(r.save)
	if r.msg.Text != "First choose the value to keep for each field: Telephone." || r.msg.Importance != widget.DangerImportance {
		t.Errorf("Save with no choice: %q", r.msg.Text)
	}
	if got := d.current(t, cc.c.ID).Person.Phone; got == "" {
		t.Fatal("no phone")
	}
	test.Tap(r.choices["person.phone"].theirs)
	if r.choices["person.phone"].theirs.Importance != widget.HighImportance || r.choices["person.phone"].ours.Importance == widget.HighImportance {
		t.Error("the choice is not shown on the buttons")
	}
	test.Tap(r.save)

	if got := d.current(t, cc.c.ID).Person.Phone; got != cc.theirs {
		t.Errorf("phone after keeping theirs: %q, want %q", got, cc.theirs)
	}
	p = conflictsOn(t, d)
	if p.review != nil || len(p.items) != 0 {
		t.Fatalf("after saving: review %v, %d conflicts", p.review != nil, len(p.items))
	}
	if p.notice.Text != "The case now has the values you chose; the resolution goes to the other office with the next export." ||
		p.notice.Importance != widget.SuccessImportance {
		t.Errorf("notice %q", p.notice.Text)
	}
	if !shows(d, "No conflicts") || !shows(d, lang.L("conflicts.empty.body")) {
		t.Errorf("no empty state: %q", texts(d.content()))
	}
	fitsWindow(t, d, "empty list")

	openCaseSummary(d, cc.c.ID)
	if shows(d, bannerText(1)) || findButton(d.content(), "Resolve…") != nil {
		t.Errorf("the banner stays after resolving: %q", texts(d.content()))
	}
	entries, err := d.sess.Audit(ctx, domain.AuditFilter{Action: domain.AuditConflictResolve})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "person.phone=theirs") {
		t.Errorf("audit: %+v %v", entries, err)
	}

	// The resolution travels back: Dakar has no conflict left and the same phone.
	conflictSend(t, d.sess, cc.other)
	if open, _ := cc.other.Conflicts(ctx); len(open) != 0 {
		t.Errorf("Dakar still has %+v", open)
	}
}

// TestConflictAlreadyResolved: a conflict resolved meanwhile (by the
// other office's resolution, here by another session) is refused in plain
// words, and the list shows it gone.
func TestConflictAlreadyResolved(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	cc := newConflictCase(t, d, "")
	d.shell.showConflicts("")
	p := conflictsOn(t, d)
	if len(p.items) != 1 {
		t.Fatalf("%d conflicts listed", len(p.items))
	}
	id := p.items[0].ID
	test.Tap(p.reviews[id])
	test.Tap(p.review.choices["person.phone"].ours)
	if err := d.sess.ResolveConflict(ctx, id, map[string]casework.Side{"person.phone": casework.KeepMine}); err != nil {
		t.Fatal(err)
	}
	test.Tap(p.review.save)
	if p.review != nil || len(p.items) != 0 {
		t.Fatalf("still reviewing, or listed: %v %d", p.review != nil, len(p.items))
	}
	if p.notice.Text != "This conflict was already resolved, perhaps by the other office. Nothing was changed." {
		t.Errorf("notice %q", p.notice.Text)
	}
	if got := d.current(t, cc.c.ID).Person.Phone; got != cc.ours {
		t.Errorf("phone %q", got)
	}

	// Opening it again (a banner drawn before) says it is resolved.
	d.shell.showConflicts(id)
	p = conflictsOn(t, d)
	if p.review != nil || p.notice.Text != lang.L("conflicts.error.resolved") {
		t.Errorf("resolved conflict opened: review %v, notice %q", p.review != nil, p.notice.Text)
	}

	// A conflict that does not exist (a stale banner) leaves the list with a word.
	d.shell.showConflicts("no-such-conflict")
	p = conflictsOn(t, d)
	if p.review != nil || p.notice.Text != lang.L("conflicts.error.notFound") {
		t.Errorf("unknown conflict: review %v, notice %q", p.review != nil, p.notice.Text)
	}
}

// TestConflictBannerForCaseWorker: a case worker who sees the case sees
// the banner, with no Resolve….
func TestConflictBannerForCaseWorker(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	admin := d.asAdmin(t)
	ines, err := admin.AddUser(ctx, casework.NewUser{Username: "ines", Name: "Inês Lopes",
		Role: domain.RoleCaseworker, Password: []byte(e2eSuperPW)})
	if err != nil {
		t.Fatal(err)
	}
	cc := newConflictCase(t, d, ines.ID)
	worker, err := d.svc.Login(ctx, "ines", []byte(e2eSuperPW))
	if err != nil {
		t.Fatal(err)
	}
	d.app.loggedIn(worker)
	d.shell = d.app.Shell()
	openCaseSummary(d, cc.c.ID)
	if !shows(d, bannerText(1)) {
		t.Fatalf("no banner for the case worker: %q", texts(d.content()))
	}
	if findButton(d.content(), "Resolve…") != nil {
		t.Error("Resolve… offered to a case worker")
	}
	fitsWindow(t, d, "worker banner")
}

// TestConflictScreensFit: the banner, the list and the review fit a
// window 1024 px wide in every language, with no raw key on screen.
func TestConflictScreensFit(t *testing.T) {
	for _, code := range []string{"en", "fr", "pt"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			cc := newConflictCase(t, d, "")
			noKeys := func(where string) {
				t.Helper()
				for _, s := range texts(d.content()) {
					if strings.HasPrefix(s, "conflicts.") || strings.HasPrefix(s, "casefile.alert.") || strings.HasPrefix(s, "case.") {
						t.Errorf("%s: raw key %q on screen", where, s)
					}
				}
			}
			openCaseSummary(d, cc.c.ID)
			if !shows(d, bannerText(1)) {
				t.Fatalf("no banner: %q", texts(d.content()))
			}
			fitsWindow(t, d, "banner")
			noKeys("banner")
			d.shell.showConflicts("")
			p := conflictsOn(t, d)
			fitsWindow(t, d, "list")
			noKeys("list")
			test.Tap(p.reviews[p.items[0].ID])
			if !shows(d, lang.L("conflicts.review.theirs", map[string]any{"Office": conflictOtherName})) {
				t.Errorf("no Theirs column: %q", texts(d.content()))
			}
			fitsWindow(t, d, "review")
			noKeys("review")
		})
	}
}

// TestConflictLabelsAndValues: fields are named as the case file names
// them, else readably, never by their path; values read as words.
func TestConflictLabelsAndValues(t *testing.T) {
	d := newRealDesk(t, "en")
	p := &conflictsPanel{s: d.shell}
	labels := []struct{ kind, path, want string }{
		{"case", "person.phone", "Telephone"},
		{"case", "person.firstName", lang.L("case.person.firstName")},
		{"case", "trafficking.narrative", lang.L("casetabs.field.narrative")},
		{"case", "child.bia.priority", lang.L("case.bia.priority")},
		{"case", "safety.level", lang.L("case.safety.level")},
		{"case", "plan.somethingNew", "Something new"},
		{"consent", "withdrawnOn", "Withdrawn on"},
		{"consent", "givenBy", lang.L("casetabs.consent.givenBy")},
		{"referral", "state", lang.L("referrals.list.col.state")},
		{"interview", "interpreterChecked", "Interpreter checked"},
		{"partner", "hours", lang.L("partners.field.hours")},
		{"case", "followUps[0f3a].due", lang.L("casefile.followUps") + " · " + lang.L("casefile.followUp.due")},
		{"case", "followUps[0f3a]", lang.L("casefile.followUps")},
	}
	for _, l := range labels {
		got := conflictFieldLabel(l.kind, l.path)
		if got != l.want || strings.Contains(got, ".") {
			t.Errorf("label of %s %s = %q, want %q", l.kind, l.path, got, l.want)
		}
	}
	values := []struct {
		kind, path, raw, want string
	}{
		{"case", "person.phone", "", "(empty)"},
		{"case", "person.phone", `"+221 77 1"`, "+221 77 1"},
		{"case", "person.aliases", `["Ami","Mimi"]`, "Ami, Mimi"},
		{"case", "child.unaccompanied", `true`, "Yes"},
		{"case", "person.ageUncertain", `false`, "No"},
		{"case", "person.gender", `"Feminine"`, optionLabel(genderOptions(), "Feminine")},
		{"case", "person.citizenship", `["SN","GW"]`, countriesText([]string{"SN", "GW"})},
		{"case", "person.birthDate", `"2001-04-05"`, dayLabel("2001-04-05")},
		{"case", "person.children", `2`, "2"},
		{"case", "safety.immediateDanger", `"yes"`, "Yes"},
		{"case", "trafficking.exploitation", `["ForcedLabour"]`, optionLabel(exploitationOptions(), "ForcedLabour")},
		{"referral", "state", `"sent"`, refListStateText(domain.ReferralSent)},
		{"consent", "method", `"verbal"`, consentMethodName(domain.ConsentVerbal)},
		{"case", "followUps[0f3a].due", `"2025-04-02"`, dayLabel("2025-04-02")},
		{"case", "followUps[0f3a]", `{"id":"0f3a","due":"2025-04-02","notes":"home visit"}`,
			dayLabel("2025-04-02") + " · home visit"},
	}
	for _, v := range values {
		var raw json.RawMessage
		if v.raw != "" {
			raw = json.RawMessage(v.raw)
		}
		if got := p.valueText(v.kind, v.path, raw); got != v.want {
			t.Errorf("value of %s %s %s = %q, want %q", v.kind, v.path, v.raw, got, v.want)
		}
	}
	if got := p.valueText("case", "events", json.RawMessage(`[{"type":"Recruitment","country":"SN","place":"Kolda"}]`)); !strings.Contains(got, "Kolda") || strings.Contains(got, "{") {
		t.Errorf("events: %q", got)
	}
	if got := p.valueText("interview", "breaks", json.RawMessage(`[{"start":"2026-03-01T10:00:00Z"}]`)); strings.Contains(got, "{") || got == "" {
		t.Errorf("a list of records: %q", got)
	}
}

// TestAttachmentDeleteWithConfirmation: Delete… asks first, saying where
// the file goes; Cancel keeps it; confirming removes it from the list and
// the case, with a message, audited as attachment.delete.
func TestAttachmentDeleteWithConfirmation(t *testing.T) {
	ctx := context.Background()
	d := newRealDesk(t, "en")
	c := d.addCase(t, aBoy())
	a, err := d.sess.AddAttachment(ctx, domain.Attachment{CaseID: c.ID, Kind: domain.AttachmentPhoto,
		Name: "wrong-photo.jpg", MIME: "image/jpeg", Data: []byte("not really a jpeg"), Size: 17})
	if err != nil {
		t.Fatal(err)
	}
	d.shell.Show(SectionCases)
	d.shell.showCaseScreen(&caseScreenState{kind: screenCaseFile, caseID: c.ID, tab: tabAttachments})
	p := caseListFind[*attachmentsPanel](d.content())
	if p == nil || !shows(d, "wrong-photo.jpg") {
		t.Fatalf("no file listed: %q", texts(d.content()))
	}
	fitsWindow(t, d, "files")

	test.Tap(findButton(p, "Delete…"))
	top := d.w.Canvas().Overlays().Top()
	if top == nil || p.deleteDlg == nil {
		t.Fatal("no confirmation before deleting")
	}
	want := lang.L("casetabs.files.delete.text")
	if !slices.Contains(texts(top), want) || !slices.Contains(texts(top), "Delete wrong-photo.jpg?") {
		t.Errorf("the confirmation says %q", texts(top))
	}
	test.Tap(findButton(top, "Cancel"))
	if files, _ := d.sess.Attachments(ctx, c.ID); len(files) != 1 {
		t.Fatalf("Cancel deleted the file: %v", files)
	}

	test.Tap(findButton(p, "Delete…"))
	test.Tap(findButton(d.w.Canvas().Overlays().Top(), "Delete the file"))
	if files, err := d.sess.Attachments(ctx, c.ID); err != nil || len(files) != 0 {
		t.Fatalf("after deleting: %v %v", files, err)
	}
	if shows(d, "wrong-photo.jpg") || !shows(d, lang.L("casetabs.files.empty")) {
		t.Errorf("the list still shows the file: %q", texts(d.content()))
	}
	if p.notice.Text != "wrong-photo.jpg is deleted." {
		t.Errorf("notice %q", p.notice.Text)
	}
	entries, err := d.sess.Audit(ctx, domain.AuditFilter{Action: domain.AuditAttachmentDelete})
	if err != nil || len(entries) != 1 || entries[0].RecordID != a.ID {
		t.Errorf("audit %+v %v", entries, err)
	}
	if actionName(domain.AuditAttachmentDelete) != "Attached file deleted" || !slices.Contains(auditActions, domain.AuditAttachmentDelete) {
		t.Error("attachment.delete is not offered in the audit view")
	}
}

// TestConflictScreenshots renders the case file's banner, the list and the
// review of a conflict between two real offices, and the attachment
// deletion's confirmation, in each language:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run ConflictScreenshots ./internal/ui/
func TestConflictScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range []string{"en", "fr", "pt"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			shot := func(name string) {
				t.Helper()
				img := d.w.Canvas().Capture()
				fitsWindow(t, d, name)
				writePNG(t, filepath.Join(dir, code+"-conflicts-"+name+".png"), img)
			}
			cc := newConflictCase(t, d, "")
			// A second conflict, of two fields, one long enough to wrap.
			conflictEdit(t, d.sess, cc.c.ID, func(c *domain.Case) {
				c.Person.Email = "aminata.sow@example.org"
				c.Trafficking.Narrative = strings.Repeat("She was promised work in a restaurant in Lisbon and taken to a house where she was kept for months. ", 3)
			})
			conflictEdit(t, cc.other, cc.c.ID, func(c *domain.Case) {
				c.Person.Email = "a.sow@example.sn"
				c.Trafficking.Narrative = strings.Repeat("Elle dit avoir été recrutée au marché de Kolda par une voisine qui lui promettait un emploi. ", 3)
			})
			conflictSend(t, d.sess, cc.other)
			if rep := conflictSend(t, cc.other, d.sess); rep.Conflicts != 1 {
				t.Fatalf("second import: %+v", rep)
			}

			openCaseSummary(d, cc.c.ID)
			shot("1-banner")
			d.shell.showConflicts("")
			shot("2-list")
			p := conflictsOn(t, d)
			if len(p.items) != 2 || len(p.items[1].Fields) != 2 {
				t.Fatalf("conflicts %+v", p.items)
			}
			second := p.items[1].ID
			test.Tap(p.reviews[second])
			test.Tap(p.review.choices["trafficking.narrative"].theirs)
			shot("3-review")
			scrollToEnd(t, d.content())
			test.Tap(p.review.save)
			shot("4-review-missing-choice")
			// The narrowest laptops: the columns wrap, nothing is cut.
			d.w.Resize(fyne.NewSize(1024, 768))
			shot("4b-review-1024")
			d.w.Resize(laptop)
			test.Tap(p.review.choices["person.email"].ours)
			test.Tap(p.review.save)
			if len(p.items) != 1 {
				t.Errorf("%d conflicts left, want one", len(p.items))
			}
			shot("5-saved")
			d.shell.showConflicts(p.items[0].ID)
			shot("6-review-one-field")

			a := domain.Attachment{CaseID: cc.c.ID, Kind: domain.AttachmentDocument, Name: "passport-scan.pdf",
				MIME: "application/pdf", Data: []byte("%PDF-1.4"), Size: 8}
			if _, err := d.sess.AddAttachment(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			d.shell.Show(SectionCases)
			d.shell.showCaseScreen(&caseScreenState{kind: screenCaseFile, caseID: cc.c.ID, tab: tabAttachments})
			shot("7-files")
			d.w.Resize(fyne.NewSize(1024, 768))
			shot("7b-files-1024")
			d.w.Resize(laptop)
			test.Tap(findButton(d.content(), lang.L("casetabs.files.delete")))
			shot("8-delete-confirm")
		})
	}
}
