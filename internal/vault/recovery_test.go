package vault

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

var recoveryFormat = regexp.MustCompile(`^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$`)

func TestNewRecoveryCode(t *testing.T) {
	if bits := recoveryRandomChars * 5; bits < 128 {
		t.Fatalf("recovery code carries %d random bits, want >= 128", bits)
	}
	seen := map[string]bool{}
	for range 200 {
		code, err := NewRecoveryCode()
		if err != nil {
			t.Fatal(err)
		}
		if !recoveryFormat.MatchString(code) {
			t.Fatalf("recovery code %q is not 7 groups of 4 Crockford characters", code)
		}
		if seen[code] {
			t.Fatalf("recovery code %q repeated", code)
		}
		seen[code] = true
		if norm, err := NormalizeRecoveryCode(code); err != nil || norm != code {
			t.Fatalf("NormalizeRecoveryCode(%q) = %q, %v; want it unchanged", code, norm, err)
		}
	}
}

func TestNormalizeRecoveryCode(t *testing.T) {
	const canonical = "7K3Q-9XMD-0A1B-2C3D-4E5F-6G7H-8JMT"
	if _, err := NormalizeRecoveryCode(canonical); err != nil {
		t.Fatalf("the test's canonical code is not valid: %v", err)
	}
	good := []struct{ name, in string }{
		{"as printed", canonical},
		{"lower case", strings.ToLower(canonical)},
		{"no dashes", strings.ReplaceAll(canonical, "-", "")},
		{"spaces", strings.ReplaceAll(canonical, "-", " ")},
		{"extra dashes and spaces", " 7K-3Q--9XMD - 0A1B-2C3D-4E5F-6G7H-8JMT- "},
		{"tabs and newline", "7K3Q\t9XMD\n0A1B 2C3D 4E5F 6G7H 8JMT"},
		{"en dash from a word processor", strings.ReplaceAll(canonical, "-", "–")},
		{"O for zero", "7K3Q-9XMD-OA1B-2C3D-4E5F-6G7H-8JMT"},
		{"o for zero", "7K3Q-9XMD-oA1B-2C3D-4E5F-6G7H-8JMT"},
		{"I for one", "7K3Q-9XMD-0AIB-2C3D-4E5F-6G7H-8JMT"},
		{"l for one", "7K3Q-9XMD-0AlB-2C3D-4E5F-6G7H-8JMT"},
		{"L for one", "7K3Q-9XMD-0ALB-2C3D-4E5F-6G7H-8JMT"},
	}
	for _, tc := range good {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeRecoveryCode(tc.in)
			if err != nil || got != canonical {
				t.Fatalf("NormalizeRecoveryCode(%q) = %q, %v; want %q", tc.in, got, err, canonical)
			}
		})
	}
	bad := []struct{ name, in, says string }{
		{"empty", "", "0 letters"},
		{"one short", canonical[:len(canonical)-1], "27 letters"},
		{"one long", canonical + "0", "29 letters"},
		{"two codes", canonical + canonical, "56 letters"},
		{"U", "UK3Q-9XMD-0A1B-2C3D-4E5F-6G7H-8JMT", "character 1"},
		{"punctuation", "7K3Q.9XMD-0A1B-2C3D-4E5F-6G7H-8JMT", "character 5"},
		{"non-ASCII", "7K3Q-9XMD-0A1B-2C3D-4E5F-6G7H-8JMÉ", "character 28"},
		{"typo", "7K3Q-9XMD-0A1B-2C3D-4E5F-6G7H-8JMV", "typing mistake"},
		{"swap", "K73Q-9XMD-0A1B-2C3D-4E5F-6G7H-8JMT", "typing mistake"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizeRecoveryCode(tc.in)
			if !errors.Is(err, ErrBadRecoveryCode) || got != "" {
				t.Fatalf("NormalizeRecoveryCode(%q) = %q, %v; want ErrBadRecoveryCode", tc.in, got, err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %q does not say %q", err, tc.says)
			}
			if strings.Contains(err.Error(), "9XMD") || strings.Contains(err.Error(), "É") {
				t.Fatalf("error %q repeats what was typed", err)
			}
		})
	}
}

// The check characters catch every single wrong character and every swap
// of two characters in the random part, so a typo never costs a slow unwrap
// and never reads as "wrong code".
func TestRecoveryCodeCatchesTypos(t *testing.T) {
	for range 5 {
		code, err := NewRecoveryCode()
		if err != nil {
			t.Fatal(err)
		}
		chars := []byte(strings.ReplaceAll(code, "-", ""))
		for i := range chars {
			for _, c := range []byte(crockford) {
				if c == chars[i] {
					continue
				}
				typo := append([]byte(nil), chars...)
				typo[i] = c
				if _, err := NormalizeRecoveryCode(string(typo)); !errors.Is(err, ErrBadRecoveryCode) {
					t.Fatalf("character %d changed to %c: accepted", i+1, c)
				}
			}
		}
		for i := range recoveryRandomChars {
			for j := i + 1; j < recoveryRandomChars; j++ {
				if chars[i] == chars[j] {
					continue
				}
				swap := append([]byte(nil), chars...)
				swap[i], swap[j] = swap[j], swap[i]
				if _, err := NormalizeRecoveryCode(string(swap)); !errors.Is(err, ErrBadRecoveryCode) {
					t.Fatalf("characters %d and %d swapped: accepted", i+1, j+1)
				}
			}
		}
	}
}

func TestNewPassphrase(t *testing.T) {
	a, err := NewPassphrase()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewPassphrase()
	if len(a) != 24 || a == b {
		t.Errorf("passphrases %q and %q: want 5 groups of 4 characters, different each time", a, b)
	}
	for i, r := range a {
		if i%5 == 4 && r != '-' || i%5 != 4 && !strings.ContainsRune(crockford, r) {
			t.Errorf("passphrase %q: unexpected %q at %d", a, r, i)
		}
	}
}
