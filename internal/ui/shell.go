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

	"github.com/amparo-app/amparo/internal/i18n"
)

// Shell is the main window's frame: the navigation on the left and the
// current section on the right, the keyboard shortcuts, and the About and
// Help dialogs.
type Shell struct {
	w    fyne.Window
	deps Deps

	current Section
	nav     []*widget.Button // one per section, in Sections() order
	body    *fyne.Container  // holds the current section's view

	// notice is a short message the Settings view shows once, after a
	// change (the language confirmation).
	notice           string
	noticeImportance widget.Importance
}

// NewShell fills w with Amparo's main screen, adds the keyboard shortcuts
// and takes over w's OnClosed callback to save the window size (so put
// clean-up after ShowAndRun returns rather than in OnClosed). The language
// must already be applied (LoadLanguage or UseLanguage).
func NewShell(w fyne.Window, deps Deps) *Shell {
	s := &Shell{w: w, deps: deps, current: SectionDashboard}
	s.addShortcuts()
	w.SetOnClosed(func() { s.saveWindowSize() })
	s.rebuild()
	return s
}

// Section returns the section on screen.
func (s *Shell) Section() Section { return s.current }

// Show brings a section on screen.
func (s *Shell) Show(sec Section) {
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
	s.rebuild()
	return saveErr
}

// Quit saves the window size and ends the program through Deps.Quit
// (closing the window when it is nil). Fyne does not call OnClosed when
// the app quits, hence the save here.
func (s *Shell) Quit() {
	s.saveWindowSize()
	if s.deps.Quit != nil {
		s.deps.Quit()
		return
	}
	s.w.Close()
}

func (s *Shell) saveWindowSize() {
	if s.deps.Prefs == nil {
		return
	}
	if err := SaveWindowSize(s.w, s.deps.Prefs); err != nil {
		fyne.LogError("save window size", err)
	}
}

// navWidthEms is the navigation's least width, in text sizes: enough for
// its longest label in the three languages ("Encaminhamentos").
const navWidthEms = 13.5

// rebuild makes the whole window content again, in the current language.
func (s *Shell) rebuild() {
	s.w.SetTitle(lang.L("app.name"))
	// The navigation runs to the window's edges; views pad themselves.
	s.w.SetPadded(false)
	s.body = container.NewStack(s.sectionView(s.current))
	s.w.SetContent(container.NewBorder(nil, nil, s.navigation(), nil, s.body))
}

func (s *Shell) navigation() fyne.CanvasObject {
	name := widget.NewLabelWithStyle(lang.L("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText

	items := container.NewVBox(name, widget.NewSeparator())
	s.nav = nil
	for _, sec := range Sections() {
		b := widget.NewButtonWithIcon(sec.Title(), sec.Icon(), func() { s.Show(sec) })
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

// sectionView returns a section's view with its title above it.
func (s *Shell) sectionView(sec Section) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(sec.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText

	var view fyne.CanvasObject
	if sec == SectionSettings {
		view = s.settingsView()
	} else {
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
