package casework

import "github.com/amparo-app/amparo/internal/domain"

// CheckPassword returns a *PasswordError if password may not be used by
// username in the office named officeName: fewer than 10 characters, the
// username or office name, or a common password (also with digits added).
func CheckPassword(password []byte, username, officeName string) error {
	if rule := domain.CheckPassword(password, username, officeName); rule != "" {
		return &PasswordError{Rule: rule}
	}
	return nil
}

// PasswordStrength is a 0 (weak) to 4 (strong) hint for the password form.
func PasswordStrength(password []byte) int { return domain.PasswordStrength(password) }

// Countries returns the ISO 3166-1 alpha-2 codes an office may be in, sorted.
func Countries() []string { return domain.Countries() }
