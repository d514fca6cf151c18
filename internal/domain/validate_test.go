package domain

import (
	"errors"
	"testing"
)

func TestDefaultCodePrefix(t *testing.T) {
	cases := map[string]string{
		"Centre Abidjan":                  "CA",
		"Centre d'Accueil de Bissau":      "CDDB",
		"Dakar":                           "DAK",
		"Unité de Protection de l'Enfant": "UDPD",
		"É":                               "AMP",
		"":                                "AMP",
	}
	for name, want := range cases {
		if got := DefaultCodePrefix(name); got != want {
			t.Errorf("DefaultCodePrefix(%q) = %q, want %q", name, got, want)
		}
		if got := DefaultCodePrefix(name); (Office{Name: "x", Country: "CI", Lang: "fr", CodePrefix: got}).Validate() != nil {
			t.Errorf("prefix %q is not valid", got)
		}
	}
}

func TestOfficeValidate(t *testing.T) {
	ok := Office{Name: "Centre", Country: "SN", Lang: "pt"}
	cases := []struct {
		change      func(*Office)
		field, rule string
	}{
		{func(o *Office) {}, "", ""},
		{func(o *Office) { o.Name = " " }, "office.name", RuleRequired},
		{func(o *Office) { o.Country = "sn" }, "office.country", RuleUnknown},
		{func(o *Office) { o.Lang = "es" }, "office.lang", RuleUnknown},
		{func(o *Office) { o.CodePrefix = "A" }, "office.code_prefix", RuleLength},
		{func(o *Office) { o.CodePrefix = "ab" }, "office.code_prefix", RuleFormat},
	}
	for _, c := range cases {
		o := ok
		c.change(&o)
		err := o.Validate()
		var ve *ValidationError
		if c.field == "" && err != nil || c.field != "" && (!errors.As(err, &ve) || ve.Field != c.field || ve.Rule != c.rule) {
			t.Errorf("Validate(%+v) = %v, want %s %s", o, err, c.field, c.rule)
		}
	}
}
