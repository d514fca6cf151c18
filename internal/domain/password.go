package domain

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PasswordRule names the rule a new password breaks.
type PasswordRule string

// Password rules. PasswordMismatch (the two typed copies differ) is the
// form's own check; it is here so every rule has one name.
const (
	PasswordTooShort     PasswordRule = "too_short"      // fewer than PasswordMinRunes characters
	PasswordIsUsername   PasswordRule = "is_username"    // the username, perhaps with digits after it
	PasswordIsOfficeName PasswordRule = "is_office_name" // the office name, perhaps with digits after it
	PasswordCommon       PasswordRule = "common"         // on the list of common passwords, perhaps with digits after it
	PasswordMismatch     PasswordRule = "mismatch"       // the confirmation differs (checked by the form)
)

// PasswordMinRunes is the shortest password allowed, counted in characters
// (runes), not bytes, so accented letters count once.
const PasswordMinRunes = 10

// CheckPassword returns the first rule password breaks, or "" when it is
// acceptable. Comparisons ignore case.
func CheckPassword(password []byte, username, officeName string) PasswordRule {
	if utf8.RuneCount(password) < PasswordMinRunes {
		return PasswordTooShort
	}
	lower := bytes.ToLower(password)
	defer clear(lower)
	stem := trimTail(lower)
	if u := strings.ToLower(strings.TrimSpace(username)); u != "" && (bytes.Equal(lower, []byte(u)) || bytes.Equal(stem, []byte(u))) {
		return PasswordIsUsername
	}
	if sameAsName(lower, stem, officeName) {
		return PasswordIsOfficeName
	}
	if isCommon(lower) {
		return PasswordCommon
	}
	return ""
}

// isCommon reports whether a lower-cased password is on the list, is a
// listed word with digits or symbols after it, or is one character repeated
// or a run of digits ("12345678901").
func isCommon(lower []byte) bool {
	stem := trimTail(lower)
	return commonPasswords[string(lower)] || len(stem) > 0 && commonPasswords[string(stem)] ||
		repeated(lower) || digitRun(lower)
}

// repeated reports whether b is one character over and over.
func repeated(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	for _, c := range string(b) {
		if c != r {
			return false
		}
	}
	return true
}

// digitRun reports whether b is digits counting up or down by one (wrapping
// 9 to 0), like 1234567890 or 98765432109.
func digitRun(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	for _, step := range []int{1, 9} { // +1 or -1 modulo 10
		ok := true
		for i, c := range b {
			if c < '0' || c > '9' || i > 0 && int(c-'0') != (int(b[i-1]-'0')+step)%10 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// sameAsName reports whether the password (lower case, and its stem without
// trailing digits) is the name, with or without its spaces.
func sameAsName(lower, stem []byte, name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return false
	}
	forms := []string{n, strings.Join(strings.Fields(n), "")}
	for _, f := range forms {
		if bytes.Equal(lower, []byte(f)) || bytes.Equal(stem, []byte(f)) {
			return true
		}
	}
	return false
}

// trimTail drops the digits and punctuation people add to the end of a
// word to satisfy a rule: "password 2024!" becomes "password".
func trimTail(b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeLastRune(b)
		if !unicode.IsDigit(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			break
		}
		b = b[:len(b)-size]
	}
	return b
}

// PasswordStrength is a 0 (weak) to 4 (strong) hint for the form, from an
// estimate of the password's entropy; it is advice, CheckPassword decides.
func PasswordStrength(password []byte) int {
	n := utf8.RuneCount(password)
	if n == 0 {
		return 0
	}
	var lower, upper, digit, other, nonASCII bool
	runes := []rune(string(password))
	defer clear(runes)
	for _, r := range runes {
		switch {
		case r > unicode.MaxASCII:
			nonASCII = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	slices.Sort(runes)
	distinct := len(slices.Compact(runes))
	pool := 0
	for _, c := range []struct {
		has  bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}, {nonASCII, 64}} {
		if c.has {
			pool += c.size
		}
	}
	// Repeats add little: count the length as distinct characters plus a
	// quarter of the rest.
	eff := float64(distinct) + float64(n-distinct)/4
	bits := eff * math.Log2(float64(pool))
	lowered := bytes.ToLower(password)
	defer clear(lowered)
	switch {
	case isCommon(lowered) || bits < 28:
		return 0
	case n < PasswordMinRunes || bits < 40:
		return 1
	case bits < 60:
		return 2
	case bits < 80:
		return 3
	}
	return 4
}

// commonPasswords holds frequent passwords (lower case) from public leak
// lists, with the French and Portuguese ones offices in the region meet.
// Shorter ones matter too: "password" + "12" passes the length rule.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Fields(commonPasswordList) {
		m[p] = true
	}
	return m
}()

const commonPasswordList = `
123456 1234567 12345678 123456789 1234567890 12345678910 0123456789 0987654321
987654321 9876543210 111111 1111111111 000000 0000000000 123123 123123123 121212
123321 654321 666666 696969 112233 159753 147258369 741852963 123qwe
password passw0rd p@ssword p@ssw0rd password1 mypassword thepassword
qwerty qwertyuiop qwerty123 qwertyui azerty azertyuiop azerty123 qwertz
asdfgh asdfghjkl zxcvbnm 1q2w3e4r 1q2w3e4r5t 1qaz2wsx qazwsx qazwsxedc
abc123 abcdef abcdefgh abcdefghij aaaaaa abcd1234 a1b2c3d4
letmein welcome welcome1 iloveyou loveyou lovely princess sunshine
monkey dragon football baseball soccer master shadow superman batman
michael jennifer jordan charlie freedom whatever trustno1 starwars
hello hello123 helloworld secret changeme default admin administrator
admin123 root toor login guest user test test123 testing
computer internet samsung google
motdepasse motdepasse1 soleil bonjour doudou loulou chouchou marseille
jetaime coucou nicolas camille cameroun senegal abidjan dakar
senha senha123 senhasecreta mudar123 mudarsenha brasil portugal
benfica sporting flamengo corinthians palmeiras amor amorzinho
saudade caboverde praia bissau luanda lisboa
amparo amparoapp
`
