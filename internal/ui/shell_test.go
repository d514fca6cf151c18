package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

// laptop is the screen Amparo is designed for.
var laptop = fyne.NewSize(1366, 768)

type shellFixture struct {
	w     fyne.Window
	app   *App
	shell *Shell
	sec   *fakeSecurity
	sess  *fakeSession
	prefs *fakePrefs
	quits int
	pdfs  int
}

// newApp opens Amparo in English, in a window the size of the laptop
// screen, with Amparo's theme, on sec (nil: an office set up with one
// admin), with no idle ticker: tests call CheckIdle.
func newApp(t *testing.T, sec *fakeSecurity) *shellFixture {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	setOSLocale(t, "", "", "en_US.UTF-8")
	if err := UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if sec == nil {
		sec = newFakeSecurity().withOffice()
	}
	f := &shellFixture{prefs: newFakePrefs(), sec: sec}
	f.w = test.NewWindow(nil)
	t.Cleanup(func() {
		// The test driver panics on a second Close.
		if slices.Contains(a.Driver().AllWindows(), f.w) {
			f.w.Close()
		}
	})
	f.w.Resize(laptop)
	f.app = NewApp(f.w, Deps{
		Security: sec,
		RecoverySheetPDF: func(o domain.Office, code, lang string) ([]byte, error) {
			f.pdfs++
			return []byte("%PDF-1.4 " + o.Name + " " + code + " " + lang), nil
		},
		Prefs:          f.prefs,
		Version:        "1.2.3",
		DataDir:        "/home/aminata/.config/amparo",
		Quit:           func() { f.quits++ },
		Now:            func() time.Time { return testNow },
		IdleCheckEvery: -1,
	})
	return f
}

// newShell opens the shell of a session of the office's admin.
func newShell(t *testing.T) *shellFixture {
	t.Helper()
	f := newApp(t, nil)
	f.loginAs(t, "aminata")
	return f
}

// loginAs opens a session for username without the login screen.
func (f *shellFixture) loginAs(t *testing.T, username string) {
	t.Helper()
	u, ok := f.sec.user(username)
	if !ok {
		t.Fatalf("no user %s", username)
	}
	f.sess = f.sec.open(u)
	f.app.loggedIn(f.sess)
	f.shell = f.app.Shell()
}

func (f *shellFixture) content() fyne.CanvasObject { return f.w.Canvas().Content() }

func (f *shellFixture) tapNav(t *testing.T, title string) {
	t.Helper()
	b := findButton(f.content(), title)
	if b == nil {
		t.Fatalf("no navigation button %q; buttons: %q", title, buttonTexts(f.content()))
	}
	test.Tap(b)
}

func (f *shellFixture) typeShortcut(s fyne.Shortcut) {
	f.w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func TestNavigationShowsEachSectionEmptyState(t *testing.T) {
	f := newShell(t)
	en := catalog(t, "en")
	if f.shell.Section() != SectionDashboard {
		t.Fatalf("first section = %v, want the dashboard", f.shell.Section())
	}
	pages := []struct {
		sec         Section
		nav, expect string
	}{
		{SectionCases, "Cases", en["cases.empty.body"]},
		{SectionReferrals, "Referrals", en["referrals.empty.body"]},
		{SectionExchange, "Exchange", en["exchange.empty.body"]},
		{SectionPartners, "Partners", en["partners.empty.body"]},
		{SectionReports, "Reports", en["reports.empty.body"]},
		{SectionSettings, "Settings", en["settings.language.help"]},
		{SectionDashboard, "Dashboard", en["dashboard.empty.body"]},
	}
	for _, p := range pages {
		f.tapNav(t, p.nav)
		if f.shell.Section() != p.sec {
			t.Errorf("after tapping %q the section is %v", p.nav, f.shell.Section())
		}
		if !hasLabel(f.content(), p.expect) {
			t.Errorf("%s does not show %q; texts: %q", p.nav, p.expect, texts(f.content()))
		}
		// The section's title heads the view, and the nav marks it.
		if n := strings.Count(strings.Join(texts(f.content()), "\n")+"\n", p.nav+"\n"); n < 2 {
			t.Errorf("%s: want its name in the navigation and as the title, found %d", p.nav, n)
		}
	}
	if !hasLabel(f.content(), "Your day at a glance") {
		t.Error("the dashboard's empty state title is missing")
	}
	f.tapNav(t, "Cases")
	if !hasLabel(f.content(), "Your cases will be listed here. Register the first case when you meet a person you may need to protect.") {
		t.Error("the cases empty state does not say what will be there")
	}
}

func TestNavigationHighlightsCurrentSection(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Partners")
	for _, sec := range Sections() {
		b := f.shell.nav[sec]
		if (sec == SectionPartners) != (b.Importance == widget.HighImportance) {
			t.Errorf("%s importance = %v", sec.Title(), b.Importance)
		}
	}
}

func TestLanguageSwitchInSettings(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")

	for _, step := range []struct {
		code, name, cases, settings, saved string
	}{
		{"fr", "Français", "Cas", "Paramètres", "Langue modifiée\u00a0: Français."},
		{"pt", "Português", "Casos", "Definições", "Idioma alterado para Português."},
		{"en", "English", "Cases", "Settings", "Language changed to English."},
	} {
		t.Run(step.code, func(t *testing.T) {
			sel := findSelect(f.content())
			if sel == nil {
				t.Fatal("no language select in Settings")
			}
			test.Tap(sel)
			popup := f.w.Canvas().Overlays().Top()
			if popup == nil {
				t.Fatal("tapping the select opened nothing")
			}
			tapTextIn(t, popup, step.name)

			if Language() != step.code {
				t.Errorf("Language() = %q, want %q", Language(), step.code)
			}
			if v, _ := f.prefs.get(SettingLanguage); v != step.code {
				t.Errorf("saved language = %q, want %q", v, step.code)
			}
			// The whole window is rebuilt: navigation and view.
			if f.shell.Section() != SectionSettings {
				t.Errorf("switching language left Settings for %v", f.shell.Section())
			}
			for _, nav := range []string{step.cases, step.settings} {
				if findButton(f.content(), nav) == nil {
					t.Errorf("navigation lacks %q; buttons %q", nav, buttonTexts(f.content()))
				}
			}
			if !hasLabel(f.content(), step.saved) {
				t.Errorf("no confirmation %q; texts %q", step.saved, texts(f.content()))
			}
			if got := findSelect(f.content()).Selected; got != step.name {
				t.Errorf("select shows %q, want %q", got, step.name)
			}
			want := catalog(t, step.code)
			if !hasLabel(f.content(), want["settings.language.help"]) {
				t.Error("the Settings view is not in the new language")
			}

			// Other views follow too, and the confirmation goes away.
			f.tapNav(t, step.cases)
			if !hasLabel(f.content(), want["cases.empty.body"]) {
				t.Errorf("Cases view not in %s: %q", step.code, texts(f.content()))
			}
			f.tapNav(t, step.settings)
			if hasLabel(f.content(), step.saved) {
				t.Error("the confirmation should show once")
			}
		})
	}
}

func TestLanguageSwitchWhenSavingFails(t *testing.T) {
	f := newShell(t)
	f.prefs.writeErr = errDiskFull
	f.tapNav(t, "Settings")
	test.Tap(findSelect(f.content()))
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "Português")

	pt := catalog(t, "pt")
	if Language() != "pt" || findButton(f.content(), "Casos") == nil {
		t.Error("the language must change even when it cannot be saved")
	}
	if !hasLabel(f.content(), pt["settings.language.notSaved"]) {
		t.Errorf("no warning that the choice was not saved; texts %q", texts(f.content()))
	}
}

func TestShortcutsSwitchSections(t *testing.T) {
	f := newShell(t)
	for _, sec := range []Section{SectionReports, SectionCases, SectionSettings, SectionExchange, SectionPartners, SectionReferrals, SectionDashboard} {
		f.typeShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(string(rune('1' + int(sec)))), Modifier: fyne.KeyModifierShortcutDefault})
		if f.shell.Section() != sec {
			t.Errorf("Ctrl+%d shows %v, want %v", int(sec)+1, f.shell.Section(), sec)
		}
	}
}

func TestF1OpensHelp(t *testing.T) {
	f := newShell(t)
	f.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := f.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "Keyboard shortcuts") == nil {
		t.Fatal("F1 did not open the keyboard shortcuts")
	}
	for _, want := range []string{modifierLabel() + "+1", "Dashboard", modifierLabel() + "+7", "Settings", modifierLabel() + "+L", "Lock Amparo now", "F1", modifierLabel() + "+Q", "Quit Amparo"} {
		if findText(top, want) == nil {
			t.Errorf("Help lacks %q; texts %q", want, texts(top))
		}
	}
	tapTextIn(t, top, "Close")
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("Close did not close Help")
	}
}

func TestQuitShortcutSavesSizeAndQuits(t *testing.T) {
	f := newShell(t)
	f.typeShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault})
	if f.quits != 1 {
		t.Fatalf("Ctrl+Q called Quit %d times", f.quits)
	}
	if w, _ := f.prefs.get(SettingWindowWidth); w != "1366" {
		t.Errorf("saved width = %q", w)
	}
	if h, _ := f.prefs.get(SettingWindowHeight); h != "768" {
		t.Errorf("saved height = %q", h)
	}
}

func TestAboutDialog(t *testing.T) {
	f := newShell(t)
	test.Tap(findButton(f.content(), "About"))
	top := f.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About did not open")
	}
	all := strings.Join(texts(top), "\n")
	en := catalog(t, "en")
	for _, want := range []string{"About Amparo", "Version 1.2.3", en["app.purpose"], en["about.htcds"], en["about.font"], en["about.fyne"], "•  modernc.org/sqlite: BSD-3-Clause licence"} {
		if !strings.Contains(all, want) {
			t.Errorf("About lacks %q", want)
		}
	}
	for _, must := range []string{"CC BY 4.0", "IOM", "does not mean that IOM endorses", "SIL Open Font License 1.1", "Noto Sans", "BSD-3-Clause"} {
		if !strings.Contains(all, must) {
			t.Errorf("About lacks %q", must)
		}
	}
	tapTextIn(t, top, "Close")
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("Close did not close About")
	}
}

func TestAboutAndHelpFromSettingsInFrench(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	test.Tap(findSelect(f.content()))
	tapTextIn(t, f.w.Canvas().Overlays().Top(), "Français")

	test.Tap(findButton(f.content(), "À propos d’Amparo"))
	top := f.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "Fermer") == nil || !slices.Contains(texts(top), "Version 1.2.3") {
		t.Fatalf("About in French: %q", texts(top))
	}
	tapTextIn(t, top, "Fermer")

	test.Tap(findButton(f.content(), "Raccourcis clavier"))
	top = f.w.Canvas().Overlays().Top()
	if top == nil || findText(top, "Quitter Amparo") == nil || findText(top, "Tableau de bord") == nil {
		t.Fatalf("Help in French: %q", texts(top))
	}
}

func TestSettingsShowsDataFolder(t *testing.T) {
	f := newShell(t)
	f.tapNav(t, "Settings")
	if !hasLabel(f.content(), "/home/aminata/.config/amparo") {
		t.Error("Settings does not show the data folder")
	}
}

func TestShellWithoutPrefsOrQuit(t *testing.T) {
	a := test.NewTempApp(t)
	setOSLocale(t, "", "", "en_US.UTF-8")
	if err := UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(laptop)
	sec := newFakeSecurity().withOffice()
	app := NewApp(w, Deps{Security: sec, IdleCheckEvery: -1})
	u, _ := sec.user("aminata")
	sess := sec.open(u)
	app.loggedIn(sess)
	app.Shell().Show(SectionSettings)
	test.Tap(findSelect(w.Canvas().Content()))
	tapTextIn(t, w.Canvas().Overlays().Top(), "Português")
	if Language() != "pt" || !hasLabel(w.Canvas().Content(), "Idioma alterado para Português.") {
		t.Errorf("without Prefs the language still changes for the session: %q", texts(w.Canvas().Content()))
	}
	app.Quit() // no Deps.Quit: closes the window
	if slices.Contains(a.Driver().AllWindows(), w) {
		t.Error("Quit without Deps.Quit must close the window")
	}
	if !sess.loggedOut {
		t.Error("quitting must end the session")
	}
}
