// Package i18n holds Amparo's language choice and formatting rules: which
// languages exist, how an OS locale maps to one of them, the raw translation
// files, and dates and numbers written the way each language writes them.
//
// It does not import Fyne: the window registers these translations with
// Fyne's lang package (see internal/ui), and the command line and the PDF
// documents can use the same strings and formats without a window.
package i18n

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/amparo-app/amparo/translations"
)

// Default is the language used when nothing better is known.
const Default = "en"

// Supported lists the language codes Amparo is translated into, in the
// order they are offered to the user.
var Supported = []string{"en", "fr", "pt"}

// IsSupported reports whether code is one of Supported.
func IsSupported(code string) bool {
	for _, c := range Supported {
		if c == code {
			return true
		}
	}
	return false
}

// FromLocale maps an OS locale ("fr_FR.UTF-8", "pt-CV", "en_NG", "C", "")
// to a supported language code: its language when Amparo has it, else
// English.
func FromLocale(locale string) string {
	s := strings.ToLower(strings.TrimSpace(locale))
	// Drop the encoding and modifier ("fr_FR.UTF-8@euro"), then the region
	// or script, whichever separator the OS uses ("pt_BR", "ha-Latn-NG").
	s, _, _ = strings.Cut(s, ".")
	s, _, _ = strings.Cut(s, "@")
	s, _, _ = strings.Cut(strings.ReplaceAll(s, "-", "_"), "_")
	if IsSupported(s) {
		return s
	}
	return Default
}

// Name returns the name of a language written in that language ("Français"),
// as a person looking for their own language expects to see it. An unknown
// code is returned unchanged.
func Name(code string) string {
	switch code {
	case "en":
		return "English"
	case "fr":
		return "Français"
	case "pt":
		return "Português"
	}
	return code
}

// Messages returns the raw translation file (Fyne lang JSON: a flat object
// of key to text) for a supported language code.
func Messages(code string) ([]byte, error) {
	if !IsSupported(code) {
		return nil, fmt.Errorf("language %q is not supported", code)
	}
	data, err := translations.FS.ReadFile(code + ".json")
	if err != nil {
		return nil, fmt.Errorf("read %s translations: %w", code, err)
	}
	return data, nil
}

// Strings returns the translations of a supported language as a map from
// key to text, for code that shows text without Fyne (documents, command
// line) and for tests.
func Strings(code string) (map[string]string, error) {
	data, err := Messages(code)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse %s translations: %w", code, err)
	}
	return m, nil
}
