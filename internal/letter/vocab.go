package letter

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/amparo-app/amparo/assets"
)

// Vocabulary labels: a stored value (a service type, an HTCDS picklist
// value, a consent method...) is printed with its label from the texts,
// key "case.vocab.<list>.<value>" like the window's, or the value itself
// when there is none (a website's name).

// has reports whether the texts have key.
func (t texts) has(key string) bool {
	_, ok := t[key]
	return ok
}

// label is the label of value in vocabulary list, or value when there is
// none; "" for an empty value.
func (t texts) label(list, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		return ""
	}
	if s, ok := t["case.vocab."+list+"."+value]; ok {
		return s
	}
	if n, ok := appNames[value]; ok && list == "app" {
		return n
	}
	return value
}

// appNames spell the websites and apps whose HTCDS value is not their
// name; the names are the same in every language.
var appNames = map[string]string{"FacebookMessenger": "Facebook Messenger", "SnapChat": "Snapchat", "QZone": "Qzone"}

// labels are the labels of values, the empty ones left out.
func (t texts) labels(list string, values []string) []string {
	var out []string
	for _, v := range values {
		if l := t.label(list, v); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// labelList is the labels of values joined by commas.
func (t texts) labelList(list string, values []string) string {
	return strings.Join(t.labels(list, values), ", ")
}

// language is the name of an ISO 639 language code, or the code when the
// texts do not name it.
func (t texts) language(code string) string {
	code = strings.TrimSpace(code)
	if s, ok := t["language."+code]; ok {
		return s
	}
	return code
}

// languages are the names of the language codes, joined by commas.
func (t texts) languages(codes []string) string {
	var out []string
	for _, c := range codes {
		if n := t.language(c); n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

var (
	countriesOnce sync.Once
	countryByCode map[string]map[string]string
)

// country is the name of an ISO 3166-1 alpha-2 code in lang, from the
// names the window uses; the code when it is not known.
func country(code, lang string) string {
	countriesOnce.Do(func() {
		// A file that cannot be read leaves the codes as they are.
		_ = json.Unmarshal(assets.Countries, &countryByCode)
	})
	code = strings.ToUpper(strings.TrimSpace(code))
	if n := countryByCode[code][lang]; n != "" {
		return n
	}
	return code
}

// countries are the names of the country codes, joined by commas.
func countries(codes []string, lang string) string {
	var out []string
	for _, c := range codes {
		if n := country(c, lang); n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}
