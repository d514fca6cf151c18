package domain

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

func TestSetField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		field string
		vals  []string
		rule  string
		check func(c Case) bool
	}{
		{"text", "person.firstName", []string{" Adama "}, "", func(c Case) bool { return c.Person.FirstName == "Adama" }},
		{"empty answer changes nothing", "person.firstName", []string{" "}, "", func(c Case) bool { return c.Person.FirstName == "Awa" }},
		{"long text grows", "trafficking.narrative", []string{"More."}, "", func(c Case) bool { return c.Trafficking.Narrative == "Before.\n\nMore." }},
		{"number at the limit", "person.ageEstimate", []string{"120"}, "", func(c Case) bool { return c.Person.AgeEstimate == 120 }},
		{"number above", "person.ageEstimate", []string{"121"}, RuleRange, nil},
		{"number below", "person.children", []string{"-1"}, RuleRange, nil},
		{"not a number", "person.children", []string{"two"}, RuleFormat, nil},
		{"date", "person.birthDate", []string{"2010-02-03"}, "", func(c Case) bool { return c.Person.BirthDate == "2010-02-03" }},
		{"bad date", "person.birthDate", []string{"03/02/2010"}, RuleFormat, nil},
		{"yes", "child.separated", []string{"yes"}, "", func(c Case) bool { return c.Child.Separated }},
		{"no", "child.unaccompanied", []string{"no"}, "", func(c Case) bool { return !c.Child.Unaccompanied }},
		{"unknown choice", "safety.level", []string{"extreme"}, RuleUnknown, nil},
		{"two values for one", "safety.level", []string{"high", "low"}, RuleFormat, nil},
		{"multi adds", "trafficking.control", []string{"DebtBondage", "WithholdsDocuments"}, "",
			func(c Case) bool {
				return slices.Equal(c.Trafficking.Control, []string{"WithholdsDocuments", "DebtBondage"})
			}},
		{"multi unknown", "trafficking.control", []string{"DebtBondage", "Magic"}, RuleUnknown, nil},
		{"unknown field", "person.shoeSize", []string{"42"}, RuleUnknown, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Case{Person: Person{FirstName: "Awa"}, Child: ChildProtection{Unaccompanied: true},
				Trafficking: Trafficking{Narrative: "Before.", Control: []string{"WithholdsDocuments"}}}
			before := c
			err := c.SetField(tc.field, tc.vals)
			if tc.rule != "" {
				var ve *ValidationError
				if !errors.As(err, &ve) || ve.Rule != tc.rule || ve.Field != tc.field {
					t.Fatalf("err %v, want rule %s", err, tc.rule)
				}
				if !reflect.DeepEqual(c, before) || !slices.Equal(c.Trafficking.Control, before.Trafficking.Control) {
					t.Error("a refused answer changed the case")
				}
				return
			}
			if err != nil || !tc.check(c) {
				t.Errorf("err %v, case %+v", err, c)
			}
		})
	}
}

// TestFieldValue: nothing known reads as nothing; every listed field has a
// place in the case.
func TestFieldValue(t *testing.T) {
	var c Case
	for _, f := range CaseFields {
		if v := c.FieldValue(f.ID); v != nil {
			t.Errorf("%s of an empty case = %v", f.ID, v)
		}
		if _, ok := c.ref(f.ID); !ok {
			t.Errorf("%s has no place in a case", f.ID)
		}
	}
	c.Person.AgeEstimate, c.Child.Separated = 12, true
	if !slices.Equal(c.FieldValue("person.ageEstimate"), []string{"12"}) || !slices.Equal(c.FieldValue("child.separated"), []string{"yes"}) {
		t.Error("values not read back")
	}
}
