package ui

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/i18n"
)

// Country names live in assets/countries.json as data (code to the
// name in each language), not as catalog keys: the list is the ISO 3166-1
// alpha-2 list, and a key per country would be 249 keys that no code names.

// nearCountries are offered first: ECOWAS, Mauritania, and the countries of
// Central Africa (ECCAS), where Amparo's offices work and where most of the
// people they help come from or go through.
var nearCountries = []string{
	"BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "NE", "NG", "SN", "SL", "TG", "MR",
	"AO", "BI", "CM", "CF", "TD", "CG", "CD", "GQ", "GA", "RW", "ST",
}

var (
	countriesOnce sync.Once
	countryNames  map[string]map[string]string // code -> language -> name
	countriesErr  error
)

func loadCountries() (map[string]map[string]string, error) {
	countriesOnce.Do(func() {
		countriesErr = json.Unmarshal(assets.Countries, &countryNames)
	})
	return countryNames, countriesErr
}

// countryName returns a country's name in a language, or the code when the
// list does not know it.
func countryName(code, lang string) string {
	names, err := loadCountries()
	if err != nil {
		return code
	}
	if n, ok := names[code][lang]; ok {
		return n
	}
	if n, ok := names[code][i18n.Default]; ok {
		return n
	}
	return code
}

// countryCodes returns every known country code, the near countries first,
// each group in the order of its names in lang.
func countryCodes(lang string) []string {
	names, err := loadCountries()
	if err != nil {
		return nil
	}
	near := map[string]bool{}
	for _, c := range nearCountries {
		near[c] = true
	}
	var first, rest []string
	for code := range names {
		if near[code] {
			first = append(first, code)
		} else {
			rest = append(rest, code)
		}
	}
	col := collate.New(language.Make(lang), collate.IgnoreCase, collate.IgnoreDiacritics)
	byName := func(list []string) {
		sort.Slice(list, func(i, j int) bool {
			return col.CompareString(countryName(list[i], lang), countryName(list[j], lang)) < 0
		})
	}
	byName(first)
	byName(rest)
	return append(first, rest...)
}

// foldName is a name without case, accents or punctuation differences, to
// match what a person types against country names.
func foldName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	out = strings.NewReplacer("’", "'", "-", " ").Replace(out)
	return strings.Join(strings.Fields(out), " ")
}

// findCountry returns the code of the country whose name in lang (or
// code) matches text, ignoring case and accents.
func findCountry(text, lang string) (string, bool) {
	t := foldName(text)
	if t == "" {
		return "", false
	}
	names, err := loadCountries()
	if err != nil {
		return "", false
	}
	for code := range names {
		if foldName(countryName(code, lang)) == t || strings.ToLower(code) == t {
			return code, true
		}
	}
	return "", false
}

// matchCountries returns the names in lang of the countries whose name
// contains text, in list order.
func matchCountries(text, lang string) []string {
	t := foldName(text)
	var out []string
	for _, code := range countryCodes(lang) {
		name := countryName(code, lang)
		if t == "" || strings.Contains(foldName(name), t) {
			out = append(out, name)
		}
	}
	return out
}
