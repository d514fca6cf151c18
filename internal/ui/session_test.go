package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// allText is every text in the window, entries included, for checking
// what is left on screen.
func allText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			b.WriteString(e.Text + "\n")
		}
	})
	return b.String() + strings.Join(texts(o), "\n")
}

func TestLoginScreen(t *testing.T) {
	sec := newFakeSecurity().withOffice()
	seedOffice(sec)
	f := newApp(t, sec)
	en := catalog(t, "en")
	if f.app.Screen() != ScreenLogin {
		t.Fatalf("screen = %v, want login", f.app.Screen())
	}
	ls := f.app.login
	f.mustShow(t, "Unité de protection de l’enfance, Kolda")
	// Active users are offered; the disabled one is not.
	if got := ls.userSel.Options; strings.Join(got, "|") != "Aminata Diallo (aminata)|Awa Ndiaye (awa.ndiaye)|João Gomes (joao.gomes)" {
		t.Errorf("users offered: %q", got)
	}

	test.Tap(ls.login)
	f.mustShow(t, en["login.user.missing"])
	ls.userSel.SetSelected("Awa Ndiaye (awa.ndiaye)")
	test.Tap(ls.login)
	f.mustShow(t, en["login.password.missing"])
	test.Type(ls.password, "not her password")
	test.Tap(ls.login)
	f.mustShow(t, "Wrong username or password.")
	if ls.password.Text != "" {
		t.Error("the wrong password stays in the field")
	}

	sec.lockedOut["awa.ndiaye"] = testNow.Add(95 * time.Second)
	test.Type(ls.password, "awa password 1")
	ls.password.OnSubmitted(ls.password.Text) // Enter
	want := "Too many failed attempts: this account is locked until " + testNow.Add(95*time.Second).Format("15:04:05") + ". Try again in 95 seconds."
	f.mustShow(t, want)
	sec.lockedOut["awa.ndiaye"] = testNow.Add(time.Second)
	test.Type(ls.password, "awa password 1")
	test.Tap(ls.login)
	f.mustShow(t, strings.Replace(strings.Replace(want, "95 seconds", "1 second", 1), testNow.Add(95*time.Second).Format("15:04:05"), testNow.Add(time.Second).Format("15:04:05"), 1))
	delete(sec.lockedOut, "awa.ndiaye")

	test.Type(ls.password, "awa password 1")
	test.Tap(ls.login)
	if f.app.Screen() != ScreenShell {
		t.Fatalf("screen after login = %v; texts %q", f.app.Screen(), texts(f.content()))
	}
	f.mustShow(t, "Logged in as Awa Ndiaye (Supervisor)")
	if findButton(f.content(), "Lock") == nil || findButton(f.content(), "Log out") == nil {
		t.Errorf("no Lock and Log out buttons: %q", buttonTexts(f.content()))
	}
}

func TestLoginByUsernameWhenNoListAndDisabledAccount(t *testing.T) {
	sec := newFakeSecurity().withOffice()
	seedOffice(sec)
	sec.users = sec.users[:0:0] // LoginUsers lists nobody: a username field instead
	sec.addUser("u-fatou", "fatou", "Fatoumata Camara", domain.RoleCaseworker, "fatou password 1")
	sec.users[0].Disabled = true
	f := newApp(t, sec)
	ls := f.app.login
	if ls.userSel != nil || ls.username == nil {
		t.Fatal("with no user to list, the login screen should ask for a username")
	}
	test.Type(ls.username, "fatou")
	test.Type(ls.password, "fatou password 1")
	test.Tap(ls.login)
	f.mustShow(t, catalog(t, "en")["error.userDisabled"])
	if f.app.Screen() != ScreenLogin {
		t.Error("a disabled account logged in")
	}
}

func TestRecoveryPath(t *testing.T) {
	sec := newFakeSecurity().withOffice()
	seedOffice(sec)
	f := newApp(t, sec)
	en := catalog(t, "en")
	test.Tap(f.app.login.recover)
	if f.app.Screen() != ScreenRecovery {
		t.Fatalf("screen = %v", f.app.Screen())
	}
	rs := f.app.recovery
	test.Tap(rs.submit)
	f.mustShow(t, en["field.required"])

	test.Type(rs.code, "7K3Q-9XMD-ABCD-EFGH-JKMN-PQRS-TV13")
	test.Type(rs.username, "aminata")
	test.Type(rs.password, "a new long password")
	test.Type(rs.confirm, "a new long password")
	test.Tap(rs.submit)
	f.mustShow(t, en["error.badRecoveryCode"])

	rs.code.SetText(testCode)
	rs.username.SetText("awa.ndiaye")
	test.Tap(rs.submit)
	f.mustShow(t, en["recovery.notAdmin"])

	rs.username.SetText("aminata")
	rs.confirm.SetText("a new long passwort")
	test.Tap(rs.submit)
	f.mustShow(t, en["password.mismatch"])
	rs.confirm.SetText("a new long password")
	test.Tap(rs.submit)
	if f.app.Screen() != ScreenShell || f.app.sess.User().Username != "aminata" {
		t.Fatalf("recovery did not log in: %v", f.app.Screen())
	}
	if sec.passwords["u-admin"] != "a new long password" {
		t.Error("the new password was not set")
	}
}

func TestLockWithCtrlLAndUnlock(t *testing.T) {
	f := newShell(t)
	en := catalog(t, "en")
	f.tapNav(t, "Cases")
	f.typeShortcut(lockShortcut)
	if f.app.Screen() != ScreenLocked || f.sess.lockCalls != 1 {
		t.Fatalf("Ctrl+L: screen %v, Lock called %d times", f.app.Screen(), f.sess.lockCalls)
	}
	// Only the lock screen: no navigation, no view, no dialog.
	if findButton(f.content(), "Cases") != nil || f.shows(en["cases.empty.body"]) || f.w.Canvas().Overlays().Top() != nil {
		t.Errorf("something of the shell is left: %q", texts(f.content()))
	}
	f.mustShow(t, en["lock.title"])
	f.mustShow(t, "Locked by Aminata Diallo (aminata). Type your password to go back to your work.")
	if f.shell.body != nil || f.shell.nav != nil {
		t.Error("the shell still holds its views")
	}
	// The section shortcuts do nothing while locked.
	f.typeShortcut(sectionShortcut(SectionSettings))
	if f.app.Screen() != ScreenLocked {
		t.Error("Ctrl+7 left the lock screen")
	}

	ls := f.app.lock
	test.Type(ls.password, "wrong password")
	test.Tap(ls.unlock)
	f.mustShow(t, en["lock.wrongPassword"])
	if f.app.Screen() != ScreenLocked || ls.password.Text != "" {
		t.Error("a wrong password unlocked, or stayed in the field")
	}
	test.Type(ls.password, "correct horse battery")
	test.Tap(ls.unlock)
	if f.app.Screen() != ScreenShell || f.shell.Section() != SectionCases {
		t.Fatalf("after unlock: screen %v, section %v", f.app.Screen(), f.shell.Section())
	}
	f.mustShow(t, en["cases.empty.body"])
}

func TestLockButtonAndCtrlLFromAField(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	// The cursor in a field: the field passes Ctrl+L on to the window.
	entry := f.shell.passwordForm.current
	f.w.Canvas().Focus(entry)
	entry.TypedShortcut(lockShortcut)
	if f.app.Screen() != ScreenLocked {
		t.Fatal("Ctrl+L in a field did not lock")
	}
	test.Type(f.app.lock.password, "correct horse battery")
	test.Tap(f.app.lock.unlock)
	test.Tap(findButton(f.content(), "Lock"))
	if f.app.Screen() != ScreenLocked {
		t.Fatal("the Lock button did not lock")
	}
}

func TestIdleTickerLocks(t *testing.T) {
	f := newShell(t)
	f.app.CheckIdle()
	if f.app.Screen() != ScreenShell {
		t.Fatal("locked while not idle")
	}
	f.sess.idle = true
	f.app.CheckIdle()
	if f.app.Screen() != ScreenLocked || !f.sess.locked {
		t.Fatalf("idle session not locked: %v", f.app.Screen())
	}
	f.app.CheckIdle() // nothing more to do on the lock screen
	if f.app.Screen() != ScreenLocked {
		t.Error("a second tick changed the screen")
	}
}

func TestTickerRunsCheckIdle(t *testing.T) {
	test.NewTempApp(t)
	sec := newFakeSecurity().withOffice()
	w := test.NewWindow(nil)
	defer w.Close()
	// With a ticker the App starts a goroutine; Stop (window closed) ends it.
	app := NewApp(w, Deps{Security: sec, IdleCheckEvery: time.Hour})
	if app.stopTicker == nil {
		t.Fatal("no ticker started")
	}
	app.closed()
	if app.stopTicker != nil {
		t.Error("closing the window did not stop the ticker")
	}
}

func TestSwitchUser(t *testing.T) {
	f := newShell(t)
	seedOffice(f.sec)
	first := f.sess
	f.app.Lock()
	test.Tap(f.app.lock.switchTo)
	if f.app.Screen() != ScreenLogin || !first.loggedOut {
		t.Fatalf("Switch user: screen %v, first logged out %v", f.app.Screen(), first.loggedOut)
	}
	ls := f.app.login
	ls.userSel.SetSelected("João Gomes (joao.gomes)")
	test.Type(ls.password, "joao password 1")
	test.Tap(ls.login)
	if f.app.Screen() != ScreenShell || f.app.sess.User().Username != "joao.gomes" {
		t.Fatal("the second user could not log in")
	}
	f.mustShow(t, "Logged in as João Gomes (Case worker)")
}

func TestLogout(t *testing.T) {
	f := newShell(t)
	test.Tap(findButton(f.content(), "Log out"))
	if f.app.Screen() != ScreenLogin || !f.sess.loggedOut {
		t.Fatal("Log out did not end the session")
	}
	if f.app.login.userSel.Selected != "Aminata Diallo (aminata)" {
		t.Error("the login screen should offer the user who left")
	}
}

// addUserDraft opens the Add-user form and types into it.
func addUserDraft(t *testing.T, f *shellFixture) *addUserForm {
	t.Helper()
	f.shell.settingsTab = tabUsers
	f.shell.Show(SectionSettings)
	form := f.shell.users.form
	test.Type(form.username, "moussa.sow")
	test.Type(form.name, "Moussa Sow")
	form.role.SetSelected("Supervisor")
	test.Type(form.password, "a first password")
	return form
}

func TestDraftSurvivesLock(t *testing.T) {
	for _, how := range []string{"Ctrl+L", "idle"} {
		t.Run(how, func(t *testing.T) {
			f := newShell(t)
			old := addUserDraft(t, f)
			if how == "idle" {
				f.sess.idle = true
				f.app.CheckIdle()
			} else {
				f.typeShortcut(lockShortcut)
			}
			if f.app.Screen() != ScreenLocked {
				t.Fatal("not locked")
			}
			// Sealed before the lock (the fake refuses to seal once locked).
			sealed, ok := f.app.sealed[draftAddUser]
			if !ok {
				t.Fatal("the draft was not sealed before locking")
			}
			if strings.Contains(string(sealed), "Moussa") {
				t.Error("the sealed draft holds the text in clear")
			}
			// The form's widgets hold nothing, and nothing is on screen.
			if old.username.Text != "" || old.name.Text != "" || old.password.Text != "" || old.role.Selected != "" {
				t.Errorf("the old form still holds %q %q %q %q", old.username.Text, old.name.Text, old.password.Text, old.role.Selected)
			}
			if s := allText(f.content()); strings.Contains(s, "Moussa") || strings.Contains(s, "moussa") {
				t.Errorf("the draft is visible while locked: %q", s)
			}

			test.Type(f.app.lock.password, "correct horse battery")
			test.Tap(f.app.lock.unlock)
			if f.app.Screen() != ScreenShell || f.shell.users == nil {
				t.Fatalf("after unlock: screen %v", f.app.Screen())
			}
			form := f.shell.users.form
			if form.username.Text != "moussa.sow" || form.name.Text != "Moussa Sow" || form.role.Selected != "Supervisor" {
				t.Errorf("draft not restored: %q %q %q", form.username.Text, form.name.Text, form.role.Selected)
			}
			if form.password.Text != "" {
				t.Error("a password was kept through the lock")
			}
			if f.app.sealed != nil {
				t.Error("the sealed drafts are kept after unlock")
			}
		})
	}
}

func TestDraftDroppedOnSwitchUser(t *testing.T) {
	f := newShell(t)
	addUserDraft(t, f)
	f.app.Lock()
	test.Tap(f.app.lock.switchTo)
	if f.app.sealed != nil {
		t.Error("another user's drafts are kept after Switch user")
	}
}

func TestActivityTouchesSession(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	n := f.sess.touches
	test.MoveMouse(f.w.Canvas(), fyne.NewPos(1300, 700)) // an empty part of the window
	if f.sess.touches == n {
		t.Error("moving the mouse is not activity")
	}
	n = f.sess.touches
	test.Type(f.shell.passwordForm.current, "abc")
	if f.sess.touches < n+3 {
		t.Errorf("typing touched %d times, want 3", f.sess.touches-n)
	}
	n = f.sess.touches
	f.w.Canvas().Unfocus()
	test.TypeOnCanvas(f.w.Canvas(), "x")
	if f.sess.touches == n {
		t.Error("typing with nothing focused is not activity")
	}
	// The catcher does not take taps from the widgets above it.
	test.TapCanvas(f.w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(findButton(f.content(), "Cases")).AddXY(5, 5))
	if f.shell.Section() != SectionCases {
		t.Error("a tap on a navigation button did not reach it")
	}
}

func TestChangeMyPassword(t *testing.T) {
	f := newShell(t)
	en := catalog(t, "en")
	f.tapNav(t, "Settings")
	pf := f.shell.passwordForm
	test.Type(pf.current, "not it")
	test.Type(pf.next, "a much better password")
	test.Type(pf.confirm, "a much better password")
	test.Tap(pf.submit)
	f.mustShow(t, en["account.current.wrong"])
	pf.current.SetText("correct horse battery")
	pf.next.SetText("aminata")
	pf.confirm.SetText("aminata")
	test.Tap(pf.submit)
	f.mustShow(t, en["password.rule.tooShort"])
	pf.next.SetText("a much better password")
	pf.confirm.SetText("a much better password")
	test.Tap(pf.submit)
	f.mustShow(t, en["account.changed"])
	if f.sec.passwords["u-admin"] != "a much better password" || pf.current.Text != "" || pf.next.Text != "" {
		t.Error("the password was not changed, or the fields keep it")
	}
}

func TestAutoLockSetting(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	sel := f.shell.autoLockSelect
	if sel.Selected != "5 minutes" {
		t.Errorf("auto-lock shows %q", sel.Selected)
	}
	sel.SetSelected("10 minutes")
	if f.sec.autoLock != 10*time.Minute {
		t.Errorf("auto-lock saved as %v", f.sec.autoLock)
	}
	f.mustShow(t, "Amparo now locks after 10 minutes without use.")
	if got := minutesText(1); got != "1 minute" {
		t.Errorf("minutesText(1) = %q", got)
	}
}

func TestRoleBasedSettings(t *testing.T) {
	en := catalog(t, "en")
	for _, tt := range []struct {
		username               string
		users, audit, autolock bool
	}{
		{"aminata", true, true, true},
		{"awa.ndiaye", false, true, false},
		{"joao.gomes", false, false, false},
	} {
		t.Run(tt.username, func(t *testing.T) {
			f := newApp(t, nil)
			seedOffice(f.sec)
			f.loginAs(t, tt.username)
			f.tapNav(t, "Settings")
			all := strings.Join(texts(f.content()), "\n")
			has := func(s string) bool { return strings.Contains(all, s) }
			if has(en["settings.tab.users"]) != tt.users {
				t.Errorf("Users tab shown = %v, want %v", has(en["settings.tab.users"]), tt.users)
			}
			if has(en["settings.tab.audit"]) != tt.audit {
				t.Errorf("Audit tab shown = %v, want %v", has(en["settings.tab.audit"]), tt.audit)
			}
			if has(en["settings.autolock"]) != tt.autolock {
				t.Errorf("auto-lock shown = %v, want %v", has(en["settings.autolock"]), tt.autolock)
			}
			if !has(en["account.title"]) || !has(en["settings.language"]) {
				t.Error("everyone may change their password and language")
			}
		})
	}
}

func TestErrorTextIsPlain(t *testing.T) {
	f := newShell(t)
	_ = f
	en := catalog(t, "en")
	for _, tt := range []struct {
		err  error
		want string
	}{
		{casework.ErrLastAdmin, en["error.lastAdmin"]},
		{casework.ErrForbidden, en["error.forbidden"]},
		{&casework.PasswordError{Rule: casework.PasswordCommon}, en["password.rule.common"]},
		{&casework.ValidationError{Field: "username", Rule: domain.RuleRequired}, en["field.required"]},
		{&casework.ValidationError{Field: "whatever", Rule: domain.RuleFormat}, en["error.invalid"]},
		{errDiskFull, en["error.other"]},
	} {
		if got := errorText(tt.err, testNow); got != tt.want {
			t.Errorf("errorText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestLockWipesPasswordFields(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	pf := f.shell.passwordForm
	test.Type(pf.current, "correct horse battery")
	test.Type(pf.next, "half typed")
	f.app.Lock()
	if pf.current.Text != "" || pf.next.Text != "" {
		t.Error("password fields keep their text through a lock")
	}
	if _, ok := f.app.sealed["settings.password"]; ok {
		t.Error("passwords were sealed into a draft")
	}
}
