package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ShowAbout opens the About dialog: name, version, purpose, licences and
// attributions.
func (s *Shell) ShowAbout() {
	name := widget.NewLabelWithStyle(lang.L("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText

	items := []fyne.CanvasObject{
		name,
		widget.NewLabel(lang.L("about.version", map[string]any{"Version": s.deps.Version})),
		wrapped(lang.L("app.purpose")),
		widget.NewSeparator(),
		subheading(lang.L("about.licences")),
		wrapped(lang.L("about.htcds")),
		wrapped(lang.L("about.font")),
		wrapped(lang.L("about.fyne")),
		wrapped(lang.L("about.golibs")),
	}
	var libs []string
	for _, lib := range []struct{ name, licence string }{
		{"Go, golang.org/x", "BSD-3-Clause"},
		{"modernc.org/sqlite", "BSD-3-Clause"},
		{"filippo.io/age", "BSD-3-Clause"},
		{"github.com/google/uuid", "BSD-3-Clause"},
		{"gofpdf (github.com/jung-kurt)", "MIT"},
		{"github.com/nicksnyder/go-i18n", "MIT"},
	} {
		libs = append(libs, "•  "+lang.L("about.lib", map[string]any{"Name": lib.name, "Licence": lib.licence}))
	}
	items = append(items, wrapped(strings.Join(libs, "\n")), wrapped(lang.L("about.otherLibs")))

	s.showTextDialog(lang.L("about.title"), container.NewVBox(items...), 42)
}

// ShowHelp opens the list of keyboard shortcuts.
func (s *Shell) ShowHelp() {
	rows := container.New(layout.NewFormLayout())
	for _, sc := range s.shortcutList() {
		key := widget.NewLabelWithStyle(sc.keys, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		rows.Add(key)
		rows.Add(widget.NewLabel(sc.what))
	}
	content := container.NewVBox(wrapped(lang.L("help.intro")), rows)
	s.showTextDialog(lang.L("help.title"), content, 36)
}

// showTextDialog shows content in a dialog of a readable width that fits
// the window, as tall as the content needs, scrolling only when the window
// is too short for it.
func (s *Shell) showTextDialog(title string, content fyne.CanvasObject, widthEms float32) {
	body := container.NewPadded(content)
	scroll := container.NewVScroll(body)
	d := dialog.NewCustom(title, lang.L("action.close"), scroll, s.w)

	win := s.w.Canvas().Size()
	width := fyne.Min(theme.TextSize()*widthEms, win.Width*0.9)
	// What the dialog adds around its content: title, button, paddings.
	chrome := d.MinSize().Subtract(scroll.MinSize())
	// Wrapped labels report their height for the width they are given.
	body.Resize(fyne.NewSize(width-chrome.Width, body.MinSize().Height))
	height := fyne.Min(body.MinSize().Height+chrome.Height, win.Height*0.9)
	d.Resize(fyne.NewSize(width, height))
	d.Show()
}
