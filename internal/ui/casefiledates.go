package ui

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/amparo-app/amparo/internal/i18n"
)

// Dates in the case forms are typed day first, DD/MM/YYYY, in every
// language: it is how dates are written in the three languages' countries
// of West Africa, and one format is easier to teach than three. Parsing is
// strict: a date that is not a real day gets a message, and what was typed
// stays in the field.

var dayPattern = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// parseDay turns a typed DD/MM/YYYY into YYYY-MM-DD; "" stays "". ok is
// false when the text is not a real day written that way.
func parseDay(text string) (iso string, ok bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return "", true
	}
	m := dayPattern.FindStringSubmatch(t)
	if m == nil {
		return "", false
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.Local)
	if day.Day() != d || int(day.Month()) != mo || day.Year() != y {
		return "", false
	}
	return day.Format(time.DateOnly), true
}

// parsePartialDay accepts DD/MM/YYYY, MM/YYYY or YYYY (a place and time
// of trafficking is often remembered only by month or year) and returns
// YYYY-MM-DD, YYYY-MM or YYYY.
func parsePartialDay(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return "", true
	}
	parts := strings.Split(t, "/")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
	}
	switch len(parts) {
	case 3:
		return parseDay(t)
	case 2:
		mo, _ := strconv.Atoi(parts[0])
		if len(parts[0]) > 2 || len(parts[1]) != 4 || mo < 1 || mo > 12 {
			return "", false
		}
		return parts[1] + "-" + twoDigits(mo), true
	case 1:
		if len(parts[0]) != 4 {
			return "", false
		}
		return parts[0], true
	}
	return "", false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dayText writes a stored YYYY-MM-DD (or YYYY-MM, YYYY) the way it is
// typed: 05/03/2014, 03/2014, 2014. Anything else is shown as it is.
func dayText(iso string) string {
	switch len(iso) {
	case 10:
		if t, err := time.ParseInLocation(time.DateOnly, iso, time.Local); err == nil {
			return t.Format("02/01/2006")
		}
	case 7:
		if t, err := time.ParseInLocation("2006-01", iso, time.Local); err == nil {
			return t.Format("01/2006")
		}
	}
	return iso
}

// dayLabel writes a stored day for reading, in the window's language
// ("5 Mar 2014", "5 mars 2014", "05/03/2014"); partial dates are shown as
// typed.
func dayLabel(iso string) string {
	if len(iso) == 10 {
		if t, err := time.ParseInLocation(time.DateOnly, iso, time.Local); err == nil {
			return i18n.FormatDate(t, Language())
		}
	}
	return dayText(iso)
}

// datePlaceholder shows the format in the letters of the window's language.
func datePlaceholder() string { return lang.L("case.date.placeholder") }

func partialDatePlaceholder() string { return lang.L("case.date.partialPlaceholder") }

// parseCount reads a whole number typed with digits; "" is 0.
func parseCount(text string) (int, bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, true
	}
	if len(t) > 4 || strings.Trim(t, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(t)
	return n, err == nil
}

// isoDay is a moment's day as stored.
func isoDay(t time.Time) string { return t.Format(time.DateOnly) }
