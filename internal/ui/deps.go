// Package ui holds Amparo's Fyne screens: the main window shell with its
// navigation, the views, dialogs, theme and the startup problem screen.
//
// It never imports fyne.io/fyne/v2/app nor opens the database: cmd/amparo
// makes the app and window and hands in what the screens need through the
// small interfaces below, so every screen can be tested with
// fyne.io/fyne/v2/test and CGO_ENABLED=0.
package ui

import "context"

// Prefs reads and writes the user's settings (language, window size...).
// The store satisfies it.
type Prefs interface {
	// Setting returns the value of key, and false when it was never set.
	Setting(ctx context.Context, key string) (string, bool, error)
	// SetSetting saves value under key.
	SetSetting(ctx context.Context, key, value string) error
}

// Deps is what the shell needs from the rest of the program.
type Deps struct {
	// Prefs keeps settings; nil keeps them for this session only.
	Prefs Prefs
	// Version is the Amparo version shown in About.
	Version string
	// DataDir is the folder holding the data file and backups, shown in
	// Settings.
	DataDir string
	// Quit ends the program (cmd/amparo passes the app's Quit). When nil,
	// quitting closes the window.
	Quit func()
}
