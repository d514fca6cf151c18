package letter

import (
	"regexp"
	"sort"
	"testing"

	"github.com/amparo-app/amparo/internal/i18n"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// sameInEnglish are the keys whose text is rightly the same word in
// another language ("Date", "Signature" in French).
var sameInEnglish = map[string]bool{"colon": true, "recovery.date": true, "common.date": true, "common.signature": true,
	"sum.roleDetails": true} // "{roles}: {details}" in Portuguese too

// The letter texts are translated data: the three languages carry the same
// keys, with the same placeholders, and French and Portuguese are not English.
func TestLetterTextsHaveSameKeysAndPlaceholders(t *testing.T) {
	en, err := loadTexts("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range i18n.Supported {
		tx, err := loadTexts(code)
		if err != nil {
			t.Fatal(err)
		}
		if len(tx) != len(en) {
			t.Errorf("%s has %d keys, en has %d", code, len(tx), len(en))
		}
		for k, v := range en {
			got, ok := tx[k]
			if !ok || got == "" {
				t.Errorf("%s lacks %q", code, k)
				continue
			}
			a, b := placeholder.FindAllString(v, -1), placeholder.FindAllString(got, -1)
			sort.Strings(a)
			sort.Strings(b)
			if len(a) != len(b) {
				t.Errorf("%s %q placeholders %v, en has %v", code, k, b, a)
			}
			if code != "en" && got == v && !sameInEnglish[k] {
				t.Errorf("%s %q is still English: %q", code, k, got)
			}
		}
	}
}
