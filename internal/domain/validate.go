package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Validation rules a ValidationError names; the window turns each into a
// sentence in the user's language.
const (
	RuleRequired = "required" // empty or only spaces
	RuleUnknown  = "unknown"  // not one of the known values (country, language, role)
	RuleFormat   = "format"   // characters or shape not allowed
	RuleLength   = "length"   // too short or too long
	RuleRange    = "range"    // a number or duration out of bounds
)

// ValidationError says which field of a form broke which rule. It never
// repeats the value typed.
type ValidationError struct {
	Field string // e.g. "office.name", "username"
	Rule  string // one of the Rule constants
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("%s: %s", e.Field, e.Rule)
}

// Languages lists the languages of the window and documents.
var Languages = []string{"en", "fr", "pt"}

// KnownLanguage reports whether lang is one of Languages.
func KnownLanguage(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// Username limits: 3 to 32 of a-z, 0-9, '.', '_' and '-'.
const (
	UsernameMin = 3
	UsernameMax = 32
	// NameMax bounds display names and office names, in characters.
	NameMax = 120
)

// NormalizeUsername trims spaces and lowers case: usernames are matched
// without regard to case.
func NormalizeUsername(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// ValidateUsername checks a normalised username.
func ValidateUsername(u string) error {
	if u == "" {
		return &ValidationError{Field: "username", Rule: RuleRequired}
	}
	if len(u) < UsernameMin || len(u) > UsernameMax {
		return &ValidationError{Field: "username", Rule: RuleLength}
	}
	for _, c := range u {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return &ValidationError{Field: "username", Rule: RuleFormat}
		}
	}
	return nil
}

// validateName checks a required display name.
func validateName(field, s string) error {
	switch s = strings.TrimSpace(s); {
	case s == "":
		return &ValidationError{Field: field, Rule: RuleRequired}
	case utf8.RuneCountInString(s) > NameMax:
		return &ValidationError{Field: field, Rule: RuleLength}
	}
	return nil
}

// ValidateUser checks what a form for a new user gives: username (already
// normalised), display name and role.
func ValidateUser(username, name string, role Role) error {
	if err := ValidateUsername(username); err != nil {
		return err
	}
	if err := validateName("name", name); err != nil {
		return err
	}
	if !role.Valid() {
		return &ValidationError{Field: "role", Rule: RuleUnknown}
	}
	return nil
}

// Validate checks an office's name, country, language and case code prefix.
// Letterhead fields are optional.
func (o Office) Validate() error {
	if err := validateName("office.name", o.Name); err != nil {
		return err
	}
	if o.Country == "" {
		return &ValidationError{Field: "office.country", Rule: RuleRequired}
	}
	if !KnownCountry(o.Country) {
		return &ValidationError{Field: "office.country", Rule: RuleUnknown}
	}
	if o.Lang == "" {
		return &ValidationError{Field: "office.lang", Rule: RuleRequired}
	}
	if !KnownLanguage(o.Lang) {
		return &ValidationError{Field: "office.lang", Rule: RuleUnknown}
	}
	if o.CodePrefix != "" {
		if n := len(o.CodePrefix); n < 2 || n > 6 {
			return &ValidationError{Field: "office.code_prefix", Rule: RuleLength}
		}
		for _, c := range o.CodePrefix {
			if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return &ValidationError{Field: "office.code_prefix", Rule: RuleFormat}
			}
		}
	}
	return nil
}

// DefaultCodePrefix makes a case code prefix from an office name: the
// initials of its first words, or its first letters for a one-word name,
// in ASCII capitals; "AMP" when the name gives fewer than two letters.
func DefaultCodePrefix(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if a := asciiLetters(w); a != "" {
			words = append(words, a)
		}
	}
	var p string
	switch {
	case len(words) >= 2:
		for _, w := range words[:min(len(words), 4)] {
			p += w[:1]
		}
	case len(words) == 1:
		p = words[0][:min(len(words[0]), 3)]
	}
	if len(p) < 2 {
		return "AMP"
	}
	return p
}

// asciiLetters keeps the ASCII letters of s, in capitals; accented letters
// are dropped rather than guessed.
func asciiLetters(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c - 'a' + 'A')
		case c >= 'A' && c <= 'Z':
			b.WriteRune(c)
		}
	}
	return b.String()
}
