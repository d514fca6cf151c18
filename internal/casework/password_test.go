package casework

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCheckPassword(t *testing.T) {
	const user, office = "mariana.sow", "Centre Abidjan"
	cases := []struct {
		password string
		want     PasswordRule // "" means accepted
	}{
		{"", PasswordTooShort},
		{"abcdefghi", PasswordTooShort},             // 9
		{"ééééééééé", PasswordTooShort},             // 9 characters, 18 bytes
		{"éèêëàâäôöû", ""},                          // 10 characters, counted in runes
		{"correct horse battery", ""},               //
		{"Mariana.Sow", PasswordIsUsername},         // case ignored
		{"mariana.sow2025", PasswordIsUsername},     // digits after it
		{"centre abidjan", PasswordIsOfficeName},    //
		{"CentreAbidjan", PasswordIsOfficeName},     // without the space
		{"Centre Abidjan 1!", PasswordIsOfficeName}, //
		{"password12", PasswordCommon},              // listed word with digits
		{"Password2024!", PasswordCommon},           //
		{"QWERTYUIOP", PasswordCommon},              // case ignored
		{"azertyuiop", PasswordCommon},              //
		{"motdepasse123", PasswordCommon},           // French
		{"senha123456", PasswordCommon},             // Portuguese
		{"1234567890", PasswordCommon},              //
		{"12345678901", PasswordCommon},             // a run of digits
		{"0987654321", PasswordCommon},              //
		{"aaaaaaaaaaaa", PasswordCommon},            // one character repeated
		{"iloveyou12345", PasswordCommon},           //
		{"passwordpassword", ""},                    // not on the list as such: length helps
		{"9182736450", ""},                          // digits, but not a run
	}
	for _, c := range cases {
		t.Run(c.password, func(t *testing.T) {
			err := CheckPassword([]byte(c.password), user, office)
			var pe *PasswordError
			switch {
			case c.want == "" && err != nil:
				t.Errorf("CheckPassword = %v, want accepted", err)
			case c.want != "" && (!errors.As(err, &pe) || pe.Rule != c.want):
				t.Errorf("CheckPassword = %v, want %s", err, c.want)
			case err != nil && len(c.password) > 3 && strings.Contains(err.Error(), c.password):
				t.Errorf("the error %q repeats the password", err)
			}
		})
	}
}

func TestPasswordStrength(t *testing.T) {
	cases := []struct {
		password string
		min, max int
	}{
		{"", 0, 0},
		{"password12", 0, 0},
		{"aaaaaaaaaaaa", 0, 0},
		{"kofi1", 0, 1},
		{"sunflower7", 1, 2},
		{"correct horse battery", 3, 4},
		{"Tr0ub4dor&3-Xylophone!", 4, 4},
	}
	for _, c := range cases {
		if got := PasswordStrength([]byte(c.password)); got < c.min || got > c.max {
			t.Errorf("PasswordStrength(%q) = %d, want %d..%d", c.password, got, c.min, c.max)
		}
	}
}

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 249 || !slices.IsSorted(cs) {
		t.Errorf("%d codes, sorted %v; want the 249 of ISO 3166-1, sorted", len(cs), slices.IsSorted(cs))
	}
	for _, c := range []string{"CI", "SN", "CV", "GW", "NG", "GH", "ML", "BF", "NE", "TG", "BJ", "GN", "SL", "LR", "GM", "MR", "CM", "PT", "BR", "FR"} {
		if !slices.Contains(cs, c) {
			t.Errorf("%s missing", c)
		}
	}
	for _, c := range []string{"UK", "XK", "EU", "ZZ", "AN"} {
		if slices.Contains(cs, c) {
			t.Errorf("%s listed", c)
		}
	}
	cs[0] = "changed"
	if Countries()[0] != "AD" {
		t.Error("Countries returns its own slice")
	}
}
