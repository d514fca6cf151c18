// Package ui holds Amparo's Fyne screens: the setup wizard, the login and
// lock screens, the main window shell with its navigation, the views,
// dialogs, theme and the startup problem screen.
//
// It never imports fyne.io/fyne/v2/app nor opens the database: cmd/amparo
// makes the app and window and hands in what the screens need through the
// small interfaces below and in security.go, so every screen can be tested
// with fyne.io/fyne/v2/test and CGO_ENABLED=0.
package ui

import (
	"context"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/letter"
	"github.com/amparo-app/amparo/internal/screening"
)

// Prefs reads and writes the user's settings (language, window size...).
// The store satisfies it.
type Prefs interface {
	// Setting returns the value of key, and false when it was never set.
	Setting(ctx context.Context, key string) (string, bool, error)
	// SetSetting saves value under key.
	SetSetting(ctx context.Context, key, value string) error
}

// Deps is what the window needs from the rest of the program.
type Deps struct {
	// Security sets the office up and logs people in; required.
	Security Security
	// RecoverySheetPDF renders the printable recovery sheet that the setup
	// wizard offers to save (internal/letter). When nil the wizard offers
	// no PDF and asks to write the code down.
	RecoverySheetPDF func(office domain.Office, code, lang string) ([]byte, error)
	// PocketGuidePDF renders a guide's printable pocket guide in a language
	// (internal/letter). When nil the interview screens offer no PDF.
	PocketGuidePDF func(g *guide.Guide, lang string) ([]byte, error)
	// Documents renders the case documents as PDF (internal/letter); nil
	// fields mean the window offers no such document.
	Documents Documents
	// Guides are the interview guides; Indicators the screening indicator
	// sets. cmd/amparo loads them with the office's own files from the data
	// folder; when a catalog is empty, the shipped files are loaded.
	Guides     guide.Catalog
	Indicators screening.Catalog
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
	// Now is the clock for messages such as "try again in 30 seconds";
	// nil means time.Now.
	Now func() time.Time
	// IdleCheckEvery is how often the window asks the session whether it
	// has been idle long enough to lock: 0 means every 10 seconds, a
	// negative value never (tests call App.CheckIdle themselves).
	IdleCheckEvery time.Duration
	// InboxCheckEvery is how often the inbox folder is looked at while a
	// supervisor is logged in (on the idle check's ticks): 0 means every
	// 30 seconds, a negative value never (tests call App.exchangeTick).
	InboxCheckEvery time.Duration
}

func (d Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// Documents renders the documents the window saves as PDF.
type Documents struct {
	ReferralLetter func(letter.ReferralLetter) ([]byte, error)
	ConsentForm    func(letter.ConsentForm) ([]byte, error)
	CaseSummary    func(letter.CaseSummary) ([]byte, error)
	IntakeBlank    func(o domain.Office, lang string) ([]byte, error)
}

// guides returns the interview guides, the shipped ones when none were
// handed in.
func (d *Deps) guides() guide.Catalog {
	if len(d.Guides.Guides) == 0 && len(d.Guides.Problems) == 0 {
		d.Guides = guide.Load("")
	}
	return d.Guides
}

// indicators returns the indicator sets, the shipped ones when none were
// handed in.
func (d *Deps) indicators() screening.Catalog {
	if len(d.Indicators.Sets) == 0 && len(d.Indicators.Problems) == 0 {
		d.Indicators = screening.Load("")
	}
	return d.Indicators
}
