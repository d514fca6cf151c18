package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month names are written here rather than taken from the OS, so a date
// reads the same on every laptop whatever its regional settings.
var (
	// Portuguese short dates are numeric (see FormatDate).
	monthsShort = map[string][12]string{
		"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		"fr": {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	}
	monthsLong = map[string][12]string{
		"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		"pt": {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	}
)

// NoBreakSpace separates thousands in French, so a number never breaks
// across two lines.
const NoBreakSpace = "\u00a0"

func known(code string) string {
	if IsSupported(code) {
		return code
	}
	return Default
}

// MonthName returns the full name of a month in a language ("novembre").
func MonthName(m time.Month, code string) string {
	return monthsLong[known(code)][m-1]
}

// FormatDate writes a date the short, unambiguous way of each language:
// "27 Nov 2026" (en), "27 nov. 2026" (fr), "27/11/2026" (pt, day first as
// in Portugal and Cabo Verde). The time zone of t is kept as given.
func FormatDate(t time.Time, code string) string {
	code = known(code)
	switch code {
	case "pt":
		return fmt.Sprintf("%02d/%02d/%d", t.Day(), int(t.Month()), t.Year())
	default:
		return fmt.Sprintf("%d %s %d", t.Day(), monthsShort[code][t.Month()-1], t.Year())
	}
}

// FormatDateLong writes a date in full, as in a letter: "27 November 2026",
// "27 novembre 2026", "27 de novembro de 2026".
func FormatDateLong(t time.Time, code string) string {
	code = known(code)
	month := monthsLong[code][t.Month()-1]
	if code == "pt" {
		return fmt.Sprintf("%d de %s de %d", t.Day(), month, t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
}

// FormatDateTime writes a date and a 24-hour time: "27 Nov 2026, 14:05".
func FormatDateTime(t time.Time, code string) string {
	return fmt.Sprintf("%s, %02d:%02d", FormatDate(t, code), t.Hour(), t.Minute())
}

// FormatNumber writes a whole number with thousands grouped the way each
// language does: 100,000 (en), 100 000 with a no-break space (fr), 100.000
// (pt).
func FormatNumber(n int64, code string) string {
	sep := ","
	switch known(code) {
	case "fr":
		sep = NoBreakSpace
	case "pt":
		sep = "."
	}
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	if len(digits) <= 3 {
		return sign + digits
	}
	var b strings.Builder
	b.WriteString(sign)
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > len(sign) {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// PluralCategory returns the CLDR plural category ("one" or "other") of a
// whole count in a language: French counts 0 and 1 as singular, English
// and Portuguese (as written in Portugal and Cabo Verde) only 1.
//
// Use it to pick between keys such as "cases.count.one" and
// "cases.count.other". Do not use Fyne's lang.N: it applies the plural rule
// of the OS locale, which is not the language the user chose.
func PluralCategory(code string, n int64) string {
	switch known(code) {
	case "fr":
		if n == 0 || n == 1 {
			return "one"
		}
	default:
		if n == 1 {
			return "one"
		}
	}
	return "other"
}
