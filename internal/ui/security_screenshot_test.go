package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// seedOffice gives the fake office colleagues and an audit trail.
func seedOffice(sec *fakeSecurity) {
	sec.addUser("u-awa", "awa.ndiaye", "Awa Ndiaye", domain.RoleSupervisor, "awa password 1")
	sec.addUser("u-joao", "joao.gomes", "João Gomes", domain.RoleCaseworker, "joao password 1")
	u := sec.addUser("u-fatou", "fatou", "Fatoumata Camara-Baldé", domain.RoleCaseworker, "fatou password 1")
	for i := range sec.users {
		if sec.users[i].ID == u.ID {
			sec.users[i].Disabled = true
		}
	}
	day := time.Date(2026, time.November, 20, 8, 30, 0, 0, time.Local)
	add := func(h int, user string, a domain.AuditAction, rec, detail string) {
		sec.audit = append(sec.audit, domain.AuditEntry{Seq: int64(len(sec.audit) + 1), At: day.Add(time.Duration(h) * time.Hour),
			UserID: user, Username: map[string]string{"u-admin": "aminata", "u-awa": "awa.ndiaye", "u-joao": "joao.gomes"}[user],
			Action: a, RecordID: rec, Detail: detail})
	}
	add(0, "u-admin", domain.AuditSetup, "office-1", "country SN")
	add(1, "u-admin", domain.AuditUserAdd, "u-awa", "supervisor")
	add(2, "u-awa", domain.AuditLogin, "", "")
	add(26, "", domain.AuditLoginFailed, "", "unknown user")
	add(27, "u-joao", domain.AuditLoginFailed, "", "")
	add(28, "u-joao", domain.AuditLogin, "", "")
	add(29, "u-joao", domain.AuditCaseCreate, "KOL-2026-0012", "")
	add(30, "u-joao", domain.AuditDocumentPrint, "KOL-2026-0012", "referral letter")
	add(50, "u-joao", domain.AuditLock, "", "idle")
	add(51, "u-joao", domain.AuditUnlock, "", "")
	add(75, "u-admin", domain.AuditUserDisable, "u-fatou", "")
	add(76, "u-admin", domain.AuditSettingsChange, "", "auto-lock 10m")
}

// TestSecurityScreenshots renders the setup wizard, login, recovery, lock
// screen, users and audit views at 1366x768 in each language:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run SecurityScreenshots ./internal/ui/
func TestSecurityScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	shot := func(t *testing.T, f *shellFixture, name string) {
		t.Helper()
		img := f.w.Canvas().Capture()
		if img.Bounds().Dx() != int(laptop.Width) || img.Bounds().Dy() != int(laptop.Height) {
			t.Errorf("%s: capture is %v: something is too wide or tall", name, img.Bounds())
		}
		writePNG(t, filepath.Join(dir, name+".png"), img)
	}
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			f := newApp(t, newFakeSecurity())
			if err := UseLanguage(code); err != nil {
				t.Fatal(err)
			}
			f.app.showSetup()
			wz := f.app.wizard
			shot(t, f, code+"-setup-1-office")
			test.Tap(wz.next)
			shot(t, f, code+"-setup-1-office-errors")
			test.Type(wz.entries[fieldOfficeName], "Unité de protection de l’enfance, Kolda")
			wz.country.SetText(countryName("SN", code))
			test.Tap(wz.next)
			test.Type(wz.entries[fieldPhone], "12ab")
			test.Type(wz.entries[fieldEmail], "office at example")
			wz.setLogo("big.png", tinyPNG(t, 5000, 10))
			test.Tap(wz.next)
			shot(t, f, code+"-setup-2-letterhead-errors")
			wz.entries[fieldPhone].SetText("+221 33 991 00 00")
			wz.entries[fieldEmail].SetText("cpe.kolda@example.org")
			wz.setLogo("logo.png", tinyPNG(t, 120, 60))
			shot(t, f, code+"-setup-2-letterhead")
			test.Tap(wz.next)
			test.Type(wz.entries[fieldUsername], "Aminata Diallo")
			test.Type(wz.entries[fieldPassword], "kolda")
			test.Type(wz.entries[fieldConfirm], "kold")
			test.Tap(wz.next)
			shot(t, f, code+"-setup-3-admin-errors")
			wz.entries[fieldUsername].SetText("aminata")
			wz.entries[fieldDisplayName].SetText("Aminata Diallo")
			wz.entries[fieldPassword].SetText("mangoes under the baobab")
			wz.entries[fieldConfirm].SetText("mangoes under the baobab")
			test.Tap(wz.next)
			shot(t, f, code+"-setup-4-recovery")

			test.Tap(wz.storedCB)
			test.Tap(wz.done)
			seedOffice(f.sec)
			f.app.showLogin("")
			test.Type(f.app.login.password, "wrong")
			f.app.login.userSel.SetSelectedIndex(0)
			test.Tap(f.app.login.login)
			shot(t, f, code+"-login-wrong")
			f.sec.lockedOut["aminata"] = testNow.Add(95 * time.Second)
			test.Type(f.app.login.password, "wrong")
			test.Tap(f.app.login.login)
			shot(t, f, code+"-login-lockedout")
			delete(f.sec.lockedOut, "aminata")

			test.Tap(f.app.login.recover)
			test.Type(f.app.recovery.code, "7K3Q-9XMD")
			test.Tap(f.app.recovery.submit)
			shot(t, f, code+"-recovery-errors")

			f.app.showLogin("")
			f.loginAs(t, "aminata")
			f.shell.Show(SectionSettings)
			shot(t, f, code+"-settings-general")
			f.shell.settingsTab = tabUsers
			f.shell.Show(SectionSettings)
			shot(t, f, code+"-settings-users")
			test.Tap(f.shell.users.form.submit)
			shot(t, f, code+"-settings-users-errors")
			f.shell.settingsTab = tabAudit
			f.shell.Show(SectionSettings)
			shot(t, f, code+"-settings-audit")

			f.app.Lock()
			shot(t, f, code+"-lock")
			test.Type(f.app.lock.password, "nope")
			test.Tap(f.app.lock.unlock)
			shot(t, f, code+"-lock-wrong")
		})
	}
}
