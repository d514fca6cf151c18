package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/i18n"
)

// SettingLanguage is the Prefs key holding the language the user chose.
const SettingLanguage = "ui.language"

// How the chosen language wins over the OS locale.
//
// Fyne 2.7's lang package has no setter: each time translations are added
// it matches the OS locale list (LANGUAGE/LC_ALL/LC_MESSAGES/LANG on Linux,
// GetUserDefaultLocaleName on Windows, AppleLanguages on macOS) against the
// tags it holds translations for (its own languages plus any added), and
// localizes with the closest one, else English. So whatever tag it ends up
// with, we make that tag's messages ours: the chosen language's file is
// registered under every tag the matcher can pick, namely
//   - every language Fyne ships its own strings for (fyneLanguages), "en"
//     among them, which is also the fallback when nothing matches;
//   - the OS locale as Fyne sees it (lang.SystemLocale), without script and
//     as a bare language, in case a newer Fyne ships a language
//     fyneLanguages lacks.
//
// Our files hold all of Fyne's own keys too (dialog buttons, file dialog,
// calendar), so a later registration replaces every message of a tag and
// no Fyne string is left in another language. Switching language registers
// the new file the same way. Nothing here reads the environment or calls
// the OS: the OS locale comes from Fyne, which asks each platform its own
// way, and the matching that follows is the same code on every platform.
//
// The plural rule go-i18n applies is the one of the matched tag, not of the
// chosen language, so Amparo never uses lang.N / lang.XN: see
// i18n.PluralCategory.

// fyneLanguages are the languages of fyne.io/fyne/v2@v2.7.1/lang/translations
// (base.*.json), as tags; a test checks the list against the Fyne module in
// use.
var fyneLanguages = []string{"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

var (
	languageMu sync.Mutex
	current    = i18n.Default
)

// UseLanguage makes code ("en", "fr" or "pt") the language of every string
// Amparo and Fyne show from now on, whatever the OS locale. It does not
// redraw what is already on screen: the Shell rebuilds its content after
// calling it.
func UseLanguage(code string) error {
	data, err := i18n.Messages(code)
	if err != nil {
		return err
	}
	languageMu.Lock()
	defer languageMu.Unlock()

	tags := append(append([]string{}, fyneLanguages...), systemTags()...)

	seen := map[string]bool{}
	var firstErr error
	for _, tag := range tags {
		if tag == "" || seen[tag] {
			continue
		}
		seen[tag] = true
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(tag)); err != nil {
			// An OS locale that go-i18n has no plural rule for (or cannot
			// parse) cannot be registered; the matcher then falls back to
			// one of the tags that did register, so only a failure on a
			// tag we ship with matters.
			if isFyneLanguage(tag) && firstErr == nil {
				firstErr = fmt.Errorf("register %s translations as %s: %w", code, tag, err)
			}
		}
	}
	if firstErr != nil {
		return firstErr
	}
	current = code
	return nil
}

// systemTags are the forms of the OS locale Fyne may match: as Fyne writes
// it ("ha-NG-Latn"), without script ("ha-NG") and the bare language ("ha").
// An unreadable locale ("und") is left out: Fyne then falls back to "en".
func systemTags() []string {
	sys := lang.SystemLocale()
	base, _, _ := strings.Cut(sys.String(), "-")
	if base == "" || base == "und" {
		return nil
	}
	return []string{sys.String(), sys.LanguageString(), base}
}

func isFyneLanguage(tag string) bool {
	for _, t := range fyneLanguages {
		if t == tag {
			return true
		}
	}
	return false
}

// Language returns the code of the language in use.
func Language() string {
	languageMu.Lock()
	defer languageMu.Unlock()
	return current
}

// SystemLanguage returns the language Amparo would pick from the OS locale
// alone: its language when that is English, French or Portuguese, else
// English.
func SystemLanguage() string {
	return i18n.FromLocale(lang.SystemLocale().String())
}

// LoadLanguage applies the language saved in prefs, or on first start (no
// saved choice) the language of the OS locale. The first-start guess is not
// saved, so it follows the OS until the user picks a language in Settings.
// It returns the code in use; on a Prefs error it still applies the OS
// language and returns the error too.
func LoadLanguage(ctx context.Context, prefs Prefs) (string, error) {
	code := SystemLanguage()
	var loadErr error
	if prefs != nil {
		saved, ok, err := prefs.Setting(ctx, SettingLanguage)
		switch {
		case err != nil:
			loadErr = fmt.Errorf("read language setting: %w", err)
		case ok && i18n.IsSupported(saved):
			code = saved
		}
	}
	if err := UseLanguage(code); err != nil {
		return Language(), err
	}
	return code, loadErr
}
