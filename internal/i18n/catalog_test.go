package i18n

import (
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/amparo-app/amparo/translations"
)

// readCatalog parses a translation file strictly: one flat JSON object of
// string values, no key twice (encoding/json would keep the last silently).
func readCatalog(t *testing.T, code string) (map[string]string, []string) {
	t.Helper()
	data, err := translations.FS.ReadFile(code + ".json")
	if err != nil {
		t.Fatalf("read %s.json: %v", code, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%s.json: want a JSON object, got %v %v", code, tok, err)
	}
	m := map[string]string{}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		key := tok.(string)
		var value any
		if err := dec.Decode(&value); err != nil {
			t.Fatalf("%s.json key %q: %v", code, key, err)
		}
		s, ok := value.(string)
		if !ok {
			t.Errorf("%s.json key %q: value must be a plain string (no plural maps, see i18n.PluralCategory), got %T", code, key, value)
		}
		if _, dup := m[key]; dup {
			t.Errorf("%s.json: key %q appears twice", code, key)
		}
		m[key] = s
		order = append(order, key)
	}
	if _, err := dec.Token(); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Errorf("%s.json: unexpected data after the object", code)
	}
	return m, order
}

func TestCatalogsHaveSameKeysAndNoEmptyValue(t *testing.T) {
	en, _ := readCatalog(t, "en")
	for _, code := range Supported {
		m, _ := readCatalog(t, code)
		for key, value := range m {
			if strings.TrimSpace(value) == "" {
				t.Errorf("%s.json: %q is empty", code, key)
			}
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which en.json lacks", code, key)
			}
		}
		for key := range en {
			if _, ok := m[key]; !ok {
				t.Errorf("%s.json lacks %q", code, key)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

func TestCatalogsKeepPlaceholders(t *testing.T) {
	en, _ := readCatalog(t, "en")
	for _, code := range Supported {
		m, _ := readCatalog(t, code)
		for key, enValue := range en {
			want := placeholder.FindAllString(enValue, -1)
			got := placeholder.FindAllString(m[key], -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s.json %q: placeholders %v, en.json has %v", code, key, got, want)
			}
		}
	}
}

// sameInEveryLanguage are keys whose text is rightly the same in French or
// Portuguese as in English.
var sameInEveryLanguage = map[string]bool{
	"app.name":      true, // the name of the program
	"OK":            true, // used as is in French and Portuguese
	"about.version": true, // "Version" is also French
	"content.colon": true, // ": " in Portuguese as in English
}

func TestCatalogsAreTranslated(t *testing.T) {
	en, _ := readCatalog(t, "en")
	for _, code := range []string{"fr", "pt"} {
		m, _ := readCatalog(t, code)
		for key, value := range m {
			if value == en[key] && !sameInEveryLanguage[key] {
				t.Errorf("%s.json %q is the same as in English: %q", code, key, value)
			}
		}
	}
}

// TestFrenchTypography checks the no-break space French puts before a
// colon, semicolon, question or exclamation mark, so they never start a line.
func TestFrenchTypography(t *testing.T) {
	fr, _ := readCatalog(t, "fr")
	for key, value := range fr {
		runes := []rune(value)
		for i, r := range runes {
			if !strings.ContainsRune(":;?!", r) || i == 0 {
				continue
			}
			if runes[i-1] == ' ' || (runes[i-1] != '\u00a0' && unicode.IsLetter(runes[i-1]) && r != ':') {
				t.Errorf("fr.json %q: want a no-break space before %q in %q", key, r, value)
			}
		}
	}
}

func TestStringsMatchesCatalog(t *testing.T) {
	for _, code := range Supported {
		want, _ := readCatalog(t, code)
		got, err := Strings(code)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || got["nav.cases"] != want["nav.cases"] {
			t.Errorf("Strings(%s) differs from %s.json", code, code)
		}
	}
}
