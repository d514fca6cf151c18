package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

func openUsers(t *testing.T, f *shellFixture) *usersPanel {
	t.Helper()
	f.tapNav(t, "Settings")
	tapTextIn(t, f.content(), "Users")
	if f.shell.users == nil || f.shell.settingsTab != tabUsers {
		t.Fatal("the Users tab did not open")
	}
	return f.shell.users
}

// widgetTexts are the texts of the labels and buttons in o.
func widgetTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	})
	return out
}

// userRow returns the texts of the list row of a user.
func userRow(p *usersPanel, name string) []string {
	for _, row := range p.list.Objects {
		ts := widgetTexts(row)
		if len(ts) > 0 && ts[0] == name {
			return ts
		}
	}
	return nil
}

func TestUsersAddWithValidation(t *testing.T) {
	f := newShell(t)
	seedOffice(f.sec)
	en := catalog(t, "en")
	p := openUsers(t, f)
	if row := userRow(p, "Awa Ndiaye"); strings.Join(row, "|") != "Awa Ndiaye|awa.ndiaye|Supervisor|Active|Disable|Reset password…" {
		t.Errorf("Awa's row: %q", row)
	}
	if row := userRow(p, "Fatoumata Camara-Baldé"); len(row) < 4 || row[3] != "Disabled" || row[4] != "Enable" {
		t.Errorf("Fatoumata's row: %q", row)
	}

	form := p.form
	test.Tap(form.submit)
	for _, msg := range []string{en["field.required"], en["users.role.missing"]} {
		f.mustShow(t, msg)
	}
	test.Type(form.username, "awa.ndiaye")
	test.Type(form.name, "Awa Two")
	form.role.SetSelected("Case worker")
	test.Type(form.password, "short")
	test.Tap(form.submit)
	f.mustShow(t, en["password.rule.tooShort"])
	form.password.SetText("a good long password")
	form.confirm.SetText("a good long password")
	test.Tap(form.submit)
	f.mustShow(t, en["error.usernameTaken"])
	if form.name.Text != "Awa Two" {
		t.Error("a refusal emptied the form")
	}

	form.username.SetText("binta")
	form.name.SetText("Binta Mané")
	form.password.SetText("a good long password")
	form.confirm.SetText("a good long password")
	test.Tap(form.submit)
	f.mustShow(t, "Binta Mané can now log in as binta.")
	if row := userRow(p, "Binta Mané"); len(row) < 3 || row[2] != "Case worker" {
		t.Errorf("the new user is not listed: %q", row)
	}
	if form.username.Text != "" || form.password.Text != "" {
		t.Error("the form keeps what was added")
	}
	if u, ok := f.sec.user("binta"); !ok || u.Role != domain.RoleCaseworker || f.sec.passwords[u.ID] != "a good long password" {
		t.Errorf("added %+v", u)
	}
}

func TestUsersDisableEnableAndLastAdmin(t *testing.T) {
	f := newShell(t)
	seedOffice(f.sec)
	en := catalog(t, "en")
	p := openUsers(t, f)

	// The only admin cannot be disabled: a clear message, no question.
	test.Tap(findButton(p.list.Objects[2], "Disable"))
	f.mustShow(t, en["error.lastAdmin"])
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("a confirmation was asked for the last admin")
	}

	// Disabling asks first; Cancel changes nothing.
	var awa int
	for i, row := range p.list.Objects {
		if ts := texts(row); len(ts) > 0 && ts[0] == "Awa Ndiaye" {
			awa = i
		}
	}
	test.Tap(findButton(p.list.Objects[awa], "Disable"))
	top := f.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "Disable Awa Ndiaye?") == nil {
		t.Fatalf("no confirmation: %v", top)
	}
	tapTextIn(t, top, "Cancel")
	if u, _ := f.sec.user("awa.ndiaye"); u.Disabled {
		t.Fatal("Cancel disabled the user")
	}
	test.Tap(findButton(p.list.Objects[awa], "Disable"))
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "Disable")
	if u, _ := f.sec.user("awa.ndiaye"); !u.Disabled {
		t.Fatal("Disable did not disable")
	}
	f.mustShow(t, "Awa Ndiaye can no longer log in.")
	if row := userRow(p, "Awa Ndiaye"); row[3] != "Disabled" {
		t.Errorf("row after disabling: %q", row)
	}
	// Enabling needs no question.
	test.Tap(findButton(p.list.Objects[awa], "Enable"))
	if u, _ := f.sec.user("awa.ndiaye"); u.Disabled {
		t.Fatal("Enable did not enable")
	}
	f.mustShow(t, "Awa Ndiaye can log in again.")

	// When casework refuses (another admin disabled meanwhile), the same message.
	f.sec.addUser("u-admin2", "admin2", "Second Admin", domain.RoleAdmin, "second admin password")
	p.reload()
	f.sec.users[len(f.sec.users)-1].Disabled = true // behind the list's back
	test.Tap(findButton(p.list.Objects[2], "Disable"))
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "Disable")
	f.mustShow(t, en["error.lastAdmin"])
}

func TestUsersResetPassword(t *testing.T) {
	f := newShell(t)
	seedOffice(f.sec)
	p := openUsers(t, f)
	var joao int
	for i, row := range p.list.Objects {
		if ts := texts(row); len(ts) > 0 && ts[0] == "João Gomes" {
			joao = i
		}
	}
	test.Tap(findButton(p.list.Objects[joao], "Reset password…"))
	top := f.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "New password for João Gomes") == nil {
		t.Fatalf("no reset dialog: %q", texts(top))
	}
	var entries []*widget.Entry
	walk(top, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if e, ok := o.(*activityEntry); ok {
			entries = append(entries, &e.Entry)
		}
	})
	if len(entries) != 2 {
		t.Fatalf("%d entries in the dialog", len(entries))
	}
	test.Type(entries[0], "joao")
	tapTextIn(t, top, "Set the password")
	if findText(top, catalog(t, "en")["password.rule.tooShort"]) == nil {
		t.Errorf("no rule message in the dialog: %q", texts(top))
	}
	entries[0].SetText("a fresh password for joao")
	entries[1].SetText("a fresh password for joao")
	tapTextIn(t, top, "Set the password")
	if f.sec.passwords["u-joao"] != "a fresh password for joao" {
		t.Error("the password was not reset")
	}
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stays open")
	}
	f.mustShow(t, "João Gomes has a new password.")
}

func TestAuditViewAndFilters(t *testing.T) {
	f := newApp(t, nil)
	seedOffice(f.sec)
	f.loginAs(t, "awa.ndiaye") // a supervisor: the audit, not the users
	f.tapNav(t, "Settings")
	tapTextIn(t, f.content(), "Audit trail")
	p := f.shell.audit
	if p == nil {
		t.Fatal("no audit view")
	}
	if len(p.entries) != len(f.sec.audit) {
		t.Fatalf("%d entries listed, want %d", len(p.entries), len(f.sec.audit))
	}
	for i := 1; i < len(p.entries); i++ {
		if p.entries[i].At.After(p.entries[i-1].At) {
			t.Fatal("entries are not newest first")
		}
	}
	first := p.entries[0]
	if got := p.cell(first, 0); got != "23 Nov 2026, 12:30" {
		t.Errorf("time = %q", got)
	}
	if got := p.cell(first, 2); got != "Settings changed" {
		t.Errorf("action = %q", got)
	}
	if got := p.cell(first, 1); got != "aminata" {
		t.Errorf("user = %q", got)
	}

	p.user.SetSelected("joao.gomes")
	for _, e := range p.entries {
		if e.UserID != "u-joao" {
			t.Fatalf("user filter let through %+v", e)
		}
	}
	if len(p.entries) != 6 {
		t.Errorf("João has %d entries, want 6", len(p.entries))
	}
	p.action.SetSelected("Failed login")
	if len(p.entries) != 1 || p.entries[0].Action != domain.AuditLoginFailed {
		t.Errorf("user and action: %+v", p.entries)
	}
	p.user.SetSelectedIndex(0)
	if len(p.entries) != 2 {
		t.Errorf("failed logins of everyone: %d", len(p.entries))
	}
	p.action.SetSelectedIndex(0)

	day := func(d int) *time.Time {
		v := time.Date(2026, time.November, d, 0, 0, 0, 0, time.Local)
		return &v
	}
	p.from.set(day(21))
	p.to.set(day(22))
	for _, e := range p.entries {
		if e.At.Before(*day(21)) || !e.At.Before(*day(23)) {
			t.Errorf("date filter let through %v", e.At)
		}
	}
	if len(p.entries) != 7 || p.from.button.Text != "21 Nov 2026" {
		t.Errorf("21-22 Nov: %d entries, from shows %q", len(p.entries), p.from.button.Text)
	}
	p.from.set(day(25))
	f.mustShow(t, catalog(t, "en")["audit.filter.badRange"])
	p.from.set(nil)
	p.to.set(day(1))
	f.mustShow(t, catalog(t, "en")["audit.empty"])

	// French: dates and actions in French.
	p.to.set(nil)
	if err := f.shell.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	p = f.shell.audit
	if got := p.cell(p.entries[0], 0); got != "23 nov. 2026, 12:30" {
		t.Errorf("French time = %q", got)
	}
	if got := p.cell(p.entries[0], 2); got != "Paramètres modifiés" {
		t.Errorf("French action = %q", got)
	}
}

func TestAuditTableShowsRows(t *testing.T) {
	f := newShell(t)
	seedOffice(f.sec)
	f.shell.settingsTab = tabAudit
	f.shell.Show(SectionSettings)
	all := strings.Join(texts(f.content()), "\n")
	for _, want := range []string{"Time", "Action", "Settings changed", "User disabled", "Fatoumata Camara-Baldé"} {
		if !strings.Contains(all, want) {
			t.Errorf("the audit table lacks %q", want)
		}
	}
}
