package ui

import (
	"errors"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// errorText turns an error from casework into one plain sentence in the
// current language: never Go error text, SQL or a stack. now is the clock
// for "try again in N seconds". The error itself goes to the log.
func errorText(err error, now time.Time) string {
	var locked *casework.LockedOutError
	var pw *casework.PasswordError
	var invalid *casework.ValidationError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &locked):
		return lockedOutText(locked.Until, now)
	case errors.Is(err, casework.ErrLockedOut):
		return lang.L("error.lockedOut.later")
	case errors.As(err, &pw):
		return passwordRuleText(pw.Rule)
	case errors.As(err, &invalid):
		return validationText(invalid)
	case errors.Is(err, casework.ErrBadCredentials):
		return lang.L("error.badCredentials")
	case errors.Is(err, casework.ErrUserDisabled):
		return lang.L("error.userDisabled")
	case errors.Is(err, casework.ErrForbidden):
		return lang.L("error.forbidden")
	case errors.Is(err, casework.ErrLocked):
		return lang.L("error.locked")
	case errors.Is(err, casework.ErrWrongUser):
		return lang.L("error.wrongUser")
	case errors.Is(err, casework.ErrLastAdmin):
		return lang.L("error.lastAdmin")
	case errors.Is(err, casework.ErrUsernameTaken):
		return lang.L("error.usernameTaken")
	case errors.Is(err, casework.ErrBadRecoveryCode):
		return lang.L("error.badRecoveryCode")
	case errors.Is(err, casework.ErrAlreadySetUp):
		return lang.L("error.alreadySetUp")
	case errors.Is(err, casework.ErrNotSetUp):
		return lang.L("error.notSetUp")
	}
	fyne.LogError("unexpected error shown as a generic message", err)
	return lang.L("error.other")
}

// lockedOutText says until when an account is refused, to the second,
// and how many seconds are left.
func lockedOutText(until, now time.Time) string {
	secs := int64(math.Ceil(until.Sub(now).Seconds()))
	if secs < 1 {
		secs = 1
	}
	args := map[string]any{
		"Time":  until.Local().Format("15:04:05"),
		"Count": i18n.FormatNumber(secs, Language()),
	}
	if i18n.PluralCategory(Language(), secs) == "one" {
		return lang.L("error.lockedOut.one", args)
	}
	return lang.L("error.lockedOut.other", args)
}

// passwordRuleText explains a password rule that was not met.
func passwordRuleText(rule casework.PasswordRule) string {
	switch rule {
	case casework.PasswordTooShort:
		return lang.L("password.rule.tooShort")
	case casework.PasswordIsUsername:
		return lang.L("password.rule.isUsername")
	case casework.PasswordIsOfficeName:
		return lang.L("password.rule.isOfficeName")
	case casework.PasswordCommon:
		return lang.L("password.rule.common")
	case casework.PasswordMismatch:
		return lang.L("password.mismatch")
	}
	return lang.L("password.rule.other")
}

// validationText is the message for a field casework refused; forms that
// know the field show it beside it (see validationField).
func validationText(v *casework.ValidationError) string {
	if validationField(v.Field) == "" {
		return lang.L("error.invalid")
	}
	switch v.Rule {
	case domain.RuleRequired:
		return lang.L("field.required")
	case domain.RuleLength:
		return lang.L("field.length")
	}
	return lang.L("field.invalid")
}

// validationField names the form field a casework validation error is
// about: one of the field ids the forms use, or "" when unknown.
func validationField(field string) string {
	f := strings.ToLower(field)
	f = strings.NewReplacer("_", "", "-", "", ".", "", " ", "").Replace(f)
	switch {
	case strings.Contains(f, "username"):
		return fieldUsername
	case strings.Contains(f, "password"):
		return fieldPassword
	case strings.Contains(f, "email"), strings.Contains(f, "mail"):
		return fieldEmail
	case strings.Contains(f, "phone"):
		return fieldPhone
	case strings.Contains(f, "country"):
		return fieldCountry
	case strings.Contains(f, "lang"):
		return fieldLanguage
	case strings.Contains(f, "logo"):
		return fieldLogo
	case strings.Contains(f, "address"):
		return fieldAddress
	case strings.Contains(f, "role"):
		return fieldRole
	case strings.Contains(f, "office"):
		return fieldOfficeName
	case strings.Contains(f, "name"):
		return fieldDisplayName
	}
	return ""
}

// Form field ids, shared by the wizard and the user forms.
const (
	fieldOfficeName  = "officeName"
	fieldCountry     = "country"
	fieldLanguage    = "language"
	fieldAddress     = "address"
	fieldPhone       = "phone"
	fieldEmail       = "email"
	fieldLogo        = "logo"
	fieldUsername    = "username"
	fieldDisplayName = "name"
	fieldRole        = "role"
	fieldPassword    = "password"
	fieldConfirm     = "confirm"
)
