package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
)

// Shortcut keys use the platform's shortcut modifier: Ctrl on Windows and
// Linux, Cmd on macOS.
//
// They are added to the canvas (App.addShortcuts), so they work whenever
// the focused widget does not take shortcuts itself: an Entry swallows
// every Ctrl shortcut it does not know (Fyne 2.7), which is why session
// forms use activityEntry, which passes the window's shortcuts on. F1 has
// no modifier, and Fyne only treats keys with a modifier as shortcuts, so
// it is caught as a typed key, which the canvas sees when nothing is
// focused.

type shortcutInfo struct {
	keys string // as shown in Help, e.g. "Ctrl+1"
	what string // translated
}

func modifierLabel() string {
	if fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		return "Cmd"
	}
	return "Ctrl"
}

// sectionShortcut is Ctrl+n for the n-th section.
func sectionShortcut(sec Section) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{
		KeyName:  fyne.KeyName(strconv.Itoa(int(sec) + 1)),
		Modifier: fyne.KeyModifierShortcutDefault,
	}
}

var quitShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}

// shortcutList is what the Help dialog lists, in the current language.
func (s *Shell) shortcutList() []shortcutInfo {
	mod := modifierLabel()
	var list []shortcutInfo
	for _, sec := range Sections() {
		list = append(list, shortcutInfo{keys: mod + "+" + strconv.Itoa(int(sec)+1), what: sec.Title()})
	}
	return append(list,
		shortcutInfo{keys: mod + "+L", what: lang.L("help.shortcut.lock")},
		shortcutInfo{keys: "F1", what: lang.L("help.shortcut.help")},
		shortcutInfo{keys: mod + "+Q", what: lang.L("help.shortcut.quit")},
	)
}
