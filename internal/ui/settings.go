package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/i18n"
)

// settingsTab is a tab of the Settings view.
type settingsTab int

const (
	tabGeneral settingsTab = iota
	tabUsers
	tabAudit
	tabExchange
)

// settingsView shows the Settings tabs the user's role may use: General
// for everyone, Users for admins, Audit trail for admins and supervisors.
// casework checks each action again; hiding is for clarity.
func (s *Shell) settingsView() fyne.CanvasObject {
	general := container.NewTabItemWithIcon(lang.L("settings.tab.general"), theme.SettingsIcon(), s.generalSettings())
	items := []*container.TabItem{general}
	tabs := []settingsTab{tabGeneral}
	if s.sess.Can(casework.PermManageUsers) {
		items = append(items, container.NewTabItemWithIcon(lang.L("settings.tab.users"), theme.AccountIcon(), s.usersView()))
		tabs = append(tabs, tabUsers)
	}
	if s.sess.Can(casework.PermViewAudit) {
		items = append(items, container.NewTabItemWithIcon(lang.L("settings.tab.audit"), theme.ListIcon(), s.auditView()))
		tabs = append(tabs, tabAudit)
	}
	if ts := s.transfer(); ts != nil && (s.sess.Can(casework.PermExchange) || s.sess.Can(casework.PermManageSettings)) {
		s.folders = s.exchangeFoldersView(ts)
		items = append(items, container.NewTabItemWithIcon(lang.L("settings.tab.exchange"), theme.FolderIcon(), s.folders.content))
		tabs = append(tabs, tabExchange)
	}
	if len(items) == 1 {
		return general.Content
	}
	at := container.NewAppTabs(items...)
	for i, t := range tabs {
		if t == s.settingsTab {
			at.SelectIndex(i)
		}
	}
	at.OnSelected = func(it *container.TabItem) {
		s.app.touch()
		for i, item := range items {
			if item == it {
				s.settingsTab = tabs[i]
			}
		}
	}
	return at
}

// generalSettings lets the user choose the language (applied at once and
// saved), the auto-lock delay (admins), change their password, see where
// the data is kept, and open About and Help.
func (s *Shell) generalSettings() fyne.CanvasObject {
	names := make([]string, len(i18n.Supported))
	for i, code := range i18n.Supported {
		names[i] = i18n.Name(code)
	}
	choose := widget.NewSelect(names, nil)
	choose.SetSelected(i18n.Name(Language()))
	choose.OnChanged = func(name string) {
		for _, code := range i18n.Supported {
			if i18n.Name(code) == name && code != Language() {
				_ = s.SetLanguage(code) // a saving error is shown in the view
				return
			}
		}
	}

	language := container.NewVBox(
		subheading(lang.L("settings.language")),
		wrapped(lang.L("settings.language.help")),
		container.NewHBox(choose),
	)
	if s.notice != "" {
		note := wrapped(s.notice)
		note.Importance = s.noticeImportance
		language.Add(note)
	}

	folder := widget.NewLabel(s.deps.DataDir)
	folder.Selectable = true
	folder.Wrapping = fyne.TextWrapBreak
	data := container.NewVBox(
		subheading(lang.L("settings.dataFolder")),
		wrapped(lang.L("settings.dataFolder.help")),
		folder,
	)

	help := container.NewVBox(
		subheading(lang.L("settings.helpAndAbout")),
		wrapped(lang.L("about.version", map[string]any{"Version": s.deps.Version})),
		container.NewHBox(
			widget.NewButtonWithIcon(lang.L("help.title"), theme.HelpIcon(), s.ShowHelp),
			widget.NewButtonWithIcon(lang.L("about.title"), theme.InfoIcon(), s.ShowAbout),
		),
	)

	objects := []fyne.CanvasObject{language, spacer(0.5)}
	if s.sess.Can(casework.PermManageSettings) {
		objects = append(objects, s.autoLockSettings(), spacer(0.5))
	}
	objects = append(objects, s.changePasswordForm(), spacer(0.5), data, spacer(0.5), help)
	column := container.New(&columnLayout{maxEms: 40}, objects...)
	return container.NewVScroll(container.NewPadded(column))
}

func subheading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
