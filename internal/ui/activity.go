package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// How Amparo notices that someone is at work, for auto-lock.
//
// Fyne 2.7 has no window-wide input hook. Mouse moves and clicks go to the
// topmost Hoverable or Mouseable object under the pointer, so every screen
// of a session sits on an activityCatcher: an invisible widget behind the
// content, which gets the moves and clicks that no widget above it takes
// and never steals a tap or hover from them. Keys go to the focused widget,
// or to the canvas when nothing is focused: the canvas handlers in app.go
// take the latter, and session forms use activityEntry, which reports every
// key typed into it. The shell also touches the session on every button
// action that reaches casework.

// activityCatcher reports mouse movement and clicks over the window.
type activityCatcher struct {
	widget.BaseWidget
	onActivity func()
}

var (
	_ desktop.Hoverable = (*activityCatcher)(nil)
	_ desktop.Mouseable = (*activityCatcher)(nil)
)

func newActivityCatcher(onActivity func()) *activityCatcher {
	c := &activityCatcher{onActivity: onActivity}
	c.ExtendBaseWidget(c)
	return c
}

func (c *activityCatcher) activity() {
	if c.onActivity != nil {
		c.onActivity()
	}
}

func (c *activityCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// MouseIn is part of desktop.Hoverable.
func (c *activityCatcher) MouseIn(*desktop.MouseEvent) { c.activity() }

// MouseMoved is part of desktop.Hoverable.
func (c *activityCatcher) MouseMoved(*desktop.MouseEvent) { c.activity() }

// MouseOut is part of desktop.Hoverable.
func (c *activityCatcher) MouseOut() {}

// MouseDown is part of desktop.Mouseable.
func (c *activityCatcher) MouseDown(*desktop.MouseEvent) { c.activity() }

// MouseUp is part of desktop.Mouseable.
func (c *activityCatcher) MouseUp(*desktop.MouseEvent) {}

// activityEntry is an Entry that reports typing, and passes the window's
// own shortcuts (Ctrl+L, Ctrl+Q, Ctrl+1...) on to the window: a plain Entry
// keeps every Ctrl shortcut to itself, so Lock would not work while the
// cursor is in a field.
type activityEntry struct {
	widget.Entry
	onActivity func()
}

func newActivityEntry(onActivity func()) *activityEntry {
	e := &activityEntry{onActivity: onActivity}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newPasswordField is an activityEntry that hides what is typed, with a
// button to show it.
func newPasswordField(onActivity func()) *activityEntry {
	e := newActivityEntry(onActivity)
	e.Password = true
	var reveal *widget.Button
	reveal = widget.NewButtonWithIcon("", theme.VisibilityOffIcon(), func() {
		e.Password = !e.Password
		if e.Password {
			reveal.SetIcon(theme.VisibilityOffIcon())
		} else {
			reveal.SetIcon(theme.VisibilityIcon())
		}
		e.Refresh()
	})
	reveal.Importance = widget.LowImportance
	e.ActionItem = reveal
	return e
}

func (e *activityEntry) activity() {
	if e.onActivity != nil {
		e.onActivity()
	}
}

// TypedRune is part of fyne.Focusable.
func (e *activityEntry) TypedRune(r rune) {
	e.activity()
	e.Entry.TypedRune(r)
}

// TypedKey is part of fyne.Focusable.
func (e *activityEntry) TypedKey(k *fyne.KeyEvent) {
	e.activity()
	e.Entry.TypedKey(k)
}

// TypedShortcut is part of fyne.Shortcutable.
func (e *activityEntry) TypedShortcut(s fyne.Shortcut) {
	e.activity()
	if isWindowShortcut(s) {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// wipe empties the entry; SetText also clears its undo history, so the
// old text cannot come back with Ctrl+Z.
func (e *activityEntry) wipe() { e.SetText("") }

// isWindowShortcut reports whether s is one of the window's own shortcuts.
func isWindowShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyL, fyne.KeyQ, fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7:
		return true
	}
	return false
}
