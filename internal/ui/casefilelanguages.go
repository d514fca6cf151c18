package ui

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The languages a person may speak, as ISO 639 codes with their names in
// each window language. Like the country names (countries.go), the names
// are data rather than catalog keys: a language's name is often the same
// word in the three languages, and they are a list, not sentences.
//
// The list holds the office languages and the languages most spoken by the
// people West African offices meet; the office languages come first, the
// others follow in the order of their names.

var officeLanguages = []string{"en", "fr", "pt", "ar"}

var languageNames = map[string][3]string{ // en, fr, pt
	"en":  {"English", "anglais", "inglês"},
	"fr":  {"French", "français", "francês"},
	"pt":  {"Portuguese", "portugais", "português"},
	"ar":  {"Arabic", "arabe", "árabe"},
	"ak":  {"Akan (Twi, Fante)", "akan (twi, fanti)", "akan (twi, fante)"},
	"bm":  {"Bambara", "bambara", "bambara"},
	"kea": {"Cabo Verdean Creole (Kriolu)", "créole cap-verdien (kriolu)", "crioulo cabo-verdiano (kriolu)"},
	"dyu": {"Dyula", "dioula", "diula"},
	"ee":  {"Ewe", "éwé", "ewe"},
	"fon": {"Fon", "fon", "fon"},
	"ff":  {"Fula (Pulaar, Fulfulde)", "peul (pulaar, fulfulde)", "fula (pulaar, fulfulde)"},
	"pov": {"Guinea-Bissau Creole (Kriol)", "créole de Guinée-Bissau (kriol)", "crioulo da Guiné-Bissau (kriol)"},
	"ha":  {"Hausa", "haoussa", "hauçá"},
	"ig":  {"Igbo", "igbo", "igbo"},
	"kr":  {"Kanuri", "kanouri", "canúri"},
	"kri": {"Krio", "krio", "krio"},
	"mnk": {"Mandinka", "mandingue", "mandinga"},
	"men": {"Mende", "mendé", "mende"},
	"mos": {"Mooré", "mooré", "mooré"},
	"snk": {"Soninke", "soninké", "soninquê"},
	"sus": {"Susu", "soussou", "susu"},
	"tem": {"Temne", "temné", "temne"},
	"wo":  {"Wolof", "wolof", "uolofe"},
	"yo":  {"Yoruba", "yoruba", "iorubá"},
	"dje": {"Zarma", "zarma", "zarma"},
}

// languageLabel is a language's name in the window's language, or its code.
func languageLabel(code string) string {
	names, ok := languageNames[code]
	if !ok {
		return code
	}
	switch Language() {
	case "fr":
		return names[1]
	case "pt":
		return names[2]
	}
	return names[0]
}

// languageOptions lists the languages: the office languages first, then the
// others by name in the window's language.
func languageOptions() []option {
	var out, rest []option
	first := map[string]bool{}
	for _, c := range officeLanguages {
		first[c] = true
		out = append(out, option{c, languageLabel(c)})
	}
	for c := range languageNames {
		if !first[c] {
			rest = append(rest, option{c, languageLabel(c)})
		}
	}
	col := collate.New(language.Make(Language()), collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.Slice(rest, func(i, j int) bool { return col.CompareString(rest[i].label, rest[j].label) < 0 })
	return append(out, rest...)
}
