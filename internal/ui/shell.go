package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/i18n"
)

// Shell is the main window's frame while a session is open: the navigation
// on the left, the current section on the right under a bar with the
// user's name, Lock and Log out, and the About and Help dialogs.
type Shell struct {
	app  *App
	w    fyne.Window
	deps Deps
	sess Session

	current     Section
	settingsTab settingsTab // the Settings tab on screen
	exchangeTab exchangeTab // the Exchange tab on screen
	// pendingConflict is the conflict the Conflicts tab opens when it is
	// next drawn (from a case's banner), "" for the list.
	pendingConflict string
	// exchangeState keeps the Send and Receive tabs (a running export,
	// the last import report) across redraws of the section.
	exchangeState *exchangeState
	inbox         *exchange.Inbox  // the inbox watcher: what it saw at the last poll
	nav           []*widget.Button // one per section, in Sections() order
	body          *fyne.Container  // holds the current section's view
	caseState     *caseScreenState // the intake form or case file shown in Cases, nil for the list

	// drafters are the forms of the view on screen whose unsaved input
	// survives a lock, by draft name.
	drafters map[string]Drafter

	// notice is a short message the Settings view shows once, after a
	// change (the language confirmation).
	notice           string
	noticeImportance widget.Importance

	// The Settings panels on screen, for the tests.
	autoLockSelect *widget.Select
	passwordForm   *passwordForm
	users          *usersPanel
	audit          *auditPanel
	folders        *exchangeFoldersPanel
}

// openShell makes the shell of a new session; App.loggedIn shows it.
func openShell(a *App, sess Session) *Shell {
	return &Shell{app: a, w: a.w, deps: a.deps, sess: sess, current: SectionDashboard}
}

// Section returns the section on screen.
func (s *Shell) Section() Section { return s.current }

// Session returns the session the shell works for.
func (s *Shell) Session() Session { return s.sess }

// Show brings a section on screen.
func (s *Shell) Show(sec Section) {
	s.leaveCaseScreen()
	if sec != SectionExchange {
		s.forgetExchangeSecrets()
	}
	s.current = sec
	s.notice = ""
	s.updateNav()
	s.body.Objects = []fyne.CanvasObject{s.sectionView(sec)}
	s.body.Refresh()
}

// SetLanguage switches Amparo to code at once, rebuilds the whole window in
// it and saves the choice. The window is rebuilt even when saving fails;
// the returned error is then the saving error, and Settings says so.
func (s *Shell) SetLanguage(code string) error {
	if err := UseLanguage(code); err != nil {
		return err
	}
	var saveErr error
	if s.deps.Prefs != nil {
		saveErr = s.deps.Prefs.SetSetting(context.Background(), SettingLanguage, code)
	}
	if saveErr != nil {
		fyne.LogError("save language setting", saveErr)
		s.notice = lang.L("settings.language.notSaved")
		s.noticeImportance = widget.WarningImportance
	} else {
		s.notice = lang.L("settings.language.saved", map[string]any{"Language": i18n.Name(code)})
		s.noticeImportance = widget.SuccessImportance
	}
	// Unsaved input of the forms on screen is carried into the new language.
	drafts := map[string]map[string]string{}
	for name, d := range s.drafters {
		drafts[name] = d.Draft()
	}
	s.rebuild()
	for name, d := range s.drafters {
		if f, ok := drafts[name]; ok {
			d.RestoreDraft(f)
		}
	}
	return saveErr
}

// Quit saves the window size, ends the session and the program.
func (s *Shell) Quit() { s.app.Quit() }

// Lock locks the session (the Lock button and Ctrl+L).
func (s *Shell) Lock() { s.app.Lock() }

// Logout ends the session.
func (s *Shell) Logout() { s.app.Logout() }

// navWidthEms is the navigation's least width, in text sizes: enough for
// its longest label in the three languages ("Encaminhamentos").
const navWidthEms = 13.5

// rebuild makes the whole window content again, in the current language.
func (s *Shell) rebuild() {
	s.drafters = map[string]Drafter{}
	s.body = container.NewStack(s.sectionView(s.current))
	main := container.NewBorder(s.sessionBar(), nil, nil, nil, s.body)
	s.app.setScreen(ScreenShell, container.NewBorder(nil, nil, s.navigation(), nil, main), nil)
}

// hide lets go of everything the shell showed, so nothing of a view is
// left in memory or in the widget tree while the session is locked.
func (s *Shell) hide() {
	s.forgetExchangeSecrets()
	s.body, s.nav, s.drafters = nil, nil, nil
	s.autoLockSelect, s.passwordForm, s.users, s.audit = nil, nil, nil, nil
	s.notice = ""
}

// addDrafter registers a form of the view being built.
func (s *Shell) addDrafter(name string, d Drafter) {
	if s.drafters == nil {
		s.drafters = map[string]Drafter{}
	}
	s.drafters[name] = d
}

// sealDrafts seals the drafts of the forms on screen. A form with nothing
// typed is left out; one that cannot be sealed is lost rather than kept in
// the clear.
func (s *Shell) sealDrafts() map[string][]byte {
	sealed := map[string][]byte{}
	for name, d := range s.drafters {
		fields := d.Draft()
		if len(fields) == 0 {
			continue
		}
		b, err := s.sess.SealDraft(name, fields)
		if err != nil {
			fyne.LogError("seal draft "+name, err)
			continue
		}
		sealed[name] = b
	}
	return sealed
}

// clearDrafts empties the forms on screen.
func (s *Shell) clearDrafts() {
	for _, d := range s.drafters {
		d.ClearDraft()
	}
}

// restoreDrafts opens sealed drafts into the forms of the rebuilt view.
func (s *Shell) restoreDrafts(sealed map[string][]byte) {
	for name, d := range s.drafters {
		b, ok := sealed[name]
		if !ok {
			continue
		}
		fields, err := s.sess.OpenDraft(name, b)
		if err != nil {
			fyne.LogError("open draft "+name, err)
			continue
		}
		d.RestoreDraft(fields)
	}
}

func (s *Shell) navigation() fyne.CanvasObject {
	name := widget.NewLabelWithStyle(lang.L("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText

	items := container.NewVBox(name, widget.NewSeparator())
	s.nav = nil
	for _, sec := range Sections() {
		b := widget.NewButtonWithIcon(sec.Title(), sec.Icon(), func() { s.app.touch(); s.Show(sec) })
		b.Alignment = widget.ButtonAlignLeading
		s.nav = append(s.nav, b)
		items.Add(b)
	}
	s.updateNav()

	help := widget.NewButtonWithIcon(lang.L("nav.help"), theme.HelpIcon(), s.ShowHelp)
	help.Alignment = widget.ButtonAlignLeading
	help.Importance = widget.LowImportance
	about := widget.NewButtonWithIcon(lang.L("nav.about"), theme.InfoIcon(), s.ShowAbout)
	about.Alignment = widget.ButtonAlignLeading
	about.Importance = widget.LowImportance

	column := container.NewBorder(items, container.NewVBox(widget.NewSeparator(), help, about), nil, nil)
	// A steady width, so the layout does not jump when the language changes.
	bg := newBackground(theme.ColorNameHeaderBackground, fyne.NewSize(theme.TextSize()*navWidthEms, 0))
	return container.NewStack(bg, container.NewPadded(column))
}

// updateNav highlights the current section's button.
func (s *Shell) updateNav() {
	for i, b := range s.nav {
		imp := widget.LowImportance
		if Section(i) == s.current {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// sessionBar runs along the top of the views: who is logged in and in
// which role, with Lock and Log out.
func (s *Shell) sessionBar() fyne.CanvasObject {
	u := s.sess.User()
	who := widget.NewLabelWithStyle(lang.L("session.who", map[string]any{"Name": u.Name, "Role": roleName(u.Role)}),
		fyne.TextAlignLeading, fyne.TextStyle{})
	who.Truncation = fyne.TextTruncateEllipsis
	icon := widget.NewIcon(theme.AccountIcon())
	lock := widget.NewButtonWithIcon(lang.L("session.lock"), theme.VisibilityOffIcon(), s.Lock)
	lock.Importance = widget.LowImportance
	logout := widget.NewButtonWithIcon(lang.L("session.logout"), theme.LogoutIcon(), s.Logout)
	logout.Importance = widget.LowImportance
	row := container.NewBorder(nil, nil, icon, container.NewHBox(lock, logout), who)
	return container.NewVBox(container.NewPadded(row), widget.NewSeparator())
}

// sectionView returns a section's view with its title and the session bar
// above it.
func (s *Shell) sectionView(sec Section) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(sec.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText

	var view fyne.CanvasObject
	switch sec {
	case SectionSettings:
		view = s.settingsView()
	case SectionDashboard:
		view = s.dashboardView()
	case SectionCases:
		// An open intake form or case file comes back after a lock or a
		// language switch; otherwise the list.
		if v := s.caseScreen(); v != nil {
			view = v
		} else {
			view = s.casesView()
		}
	case SectionPartners:
		view = s.partnersView()
	case SectionReferrals:
		view = s.referralsView()
	case SectionExchange:
		view = s.exchangeView()
	default:
		t, b := sec.emptyText()
		view = newEmptyState(sec.Icon(), t, b)
	}
	return container.NewPadded(container.NewBorder(
		container.NewVBox(title, widget.NewSeparator()), nil, nil, nil, view))
}

// spacer is a blank of a given height in text sizes, following the scale.
func spacer(ems float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, theme.TextSize()*ems))
	return r
}
