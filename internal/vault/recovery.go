package vault

import (
	"crypto/rand"
	"fmt"
	"unicode"
)

// A recovery code is 26 random Crockford base32 characters (130 bits) and
// two check characters, printed as 7 groups of 4: 7K3Q-9XMD-.... The check
// value is sum((i+1) * v_i) mod 1021 over the 26 random characters: 1021 is
// prime and larger than every weight and digit difference, so any one wrong
// character and any swap of two characters is caught before the slow
// unwrap, and the person hears "typing mistake", not "wrong code".
const (
	recoveryRandomChars = 26
	recoveryCheckChars  = 2
	recoveryChars       = recoveryRandomChars + recoveryCheckChars
	recoveryGroup       = 4
	recoveryModulus     = 1021
)

// NewRecoveryCode returns a fresh recovery code (130 random bits) in its printed, grouped form.
func NewRecoveryCode() (string, error) {
	var raw [recoveryRandomChars]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", fmt.Errorf("vault: new recovery code: %w", err)
	}
	var v [recoveryChars]byte
	for i, r := range raw {
		v[i] = r & 31 // 32 divides 256: uniform, 5 bits each
	}
	clear(raw[:])
	code := formatRecovery(&v)
	clear(v[:])
	return code, nil
}

// NormalizeRecoveryCode returns the canonical form of a typed recovery code (the string NewRecoveryCode gave), or an error matching ErrBadRecoveryCode.
// It accepts lower case, spaces and any dashes, and reads O as 0 and I, L as
// 1. Errors give counts and positions, never the characters typed.
func NormalizeRecoveryCode(s string) (string, error) {
	var v [recoveryChars]byte
	defer clear(v[:])
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Dash, r) {
			continue
		}
		n++
		c, ok := crockfordValue(r)
		if !ok {
			return "", fmt.Errorf("%w: character %d is not a letter or digit used in recovery codes", ErrBadRecoveryCode, n)
		}
		if n <= recoveryChars {
			v[n-1] = c
		}
	}
	if n != recoveryChars {
		return "", fmt.Errorf("%w: it has %d letters and digits, a recovery code has %d", ErrBadRecoveryCode, n, recoveryChars)
	}
	if recoveryCheck(v[:recoveryRandomChars]) != int(v[recoveryRandomChars])<<5|int(v[recoveryRandomChars+1]) {
		return "", fmt.Errorf("%w: there is a typing mistake in it", ErrBadRecoveryCode)
	}
	return formatRecovery(&v), nil
}

// formatRecovery fills in the check characters of v and prints it grouped.
func formatRecovery(v *[recoveryChars]byte) string {
	c := recoveryCheck(v[:recoveryRandomChars])
	v[recoveryRandomChars], v[recoveryRandomChars+1] = byte(c>>5), byte(c&31)
	var chars [recoveryChars]byte
	defer clear(chars[:])
	for i, x := range v {
		chars[i] = crockford[x]
	}
	return groupChars(chars[:], recoveryGroup)
}

func recoveryCheck(v []byte) int {
	sum := 0
	for i, x := range v {
		sum += (i + 1) * int(x)
	}
	return sum % recoveryModulus
}
