package domain

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// FieldKind says what input a case field takes when an interview question
// fills it.
type FieldKind string

// Kinds of case fields.
const (
	FieldText     FieldKind = "text"     // one line
	FieldLongText FieldKind = "longtext" // several lines; an answer is added after what is there
	FieldNumber   FieldKind = "number"   // a whole number >= 0
	FieldDate     FieldKind = "date"     // YYYY-MM-DD
	FieldChoice   FieldKind = "choice"   // one of Choices
	FieldMulti    FieldKind = "multi"    // any of Choices
)

// CaseField is a case field an interview question can fill, so that an
// answer is typed once, in the case file.
type CaseField struct {
	ID      string
	Kind    FieldKind
	Choices []string // FieldChoice and FieldMulti
	Max     int      // FieldNumber: the largest value
}

// CaseFields lists the fields interview questions may name.
var CaseFields = []CaseField{
	{ID: "person.firstName", Kind: FieldText},
	{ID: "person.lastName", Kind: FieldText},
	{ID: "person.gender", Kind: FieldChoice, Choices: stringsOf(Genders)},
	{ID: "person.birthDate", Kind: FieldDate},
	{ID: "person.ageEstimate", Kind: FieldNumber, Max: MaxAge},
	{ID: "person.education", Kind: FieldChoice, Choices: EducationLevels},
	{ID: "person.maritalStatus", Kind: FieldChoice, Choices: MaritalStatuses},
	{ID: "person.children", Kind: FieldNumber, Max: MaxChildren},
	{ID: "person.disability", Kind: FieldText},
	{ID: "child.guardian.name", Kind: FieldText},
	{ID: "child.guardian.relation", Kind: FieldChoice, Choices: GuardianRelations},
	{ID: "child.guardian.contact", Kind: FieldText},
	{ID: "child.unaccompanied", Kind: FieldChoice, Choices: YesNo},
	{ID: "child.separated", Kind: FieldChoice, Choices: YesNo},
	{ID: "trafficking.narrative", Kind: FieldLongText},
	{ID: "trafficking.relationship", Kind: FieldChoice, Choices: RelationshipsToTrafficker},
	{ID: "trafficking.ageWhenTrafficked", Kind: FieldNumber, Max: MaxAge},
	{ID: "trafficking.recruitment", Kind: FieldMulti, Choices: MethodsOfRecruitment},
	{ID: "trafficking.control", Kind: FieldMulti, Choices: MethodsOfControl},
	{ID: "trafficking.exploitation", Kind: FieldMulti, Choices: TypesOfExploitation},
	{ID: "trafficking.labourSector", Kind: FieldChoice, Choices: ForcedLabourIndustries},
	{ID: "trafficking.vulnerabilities", Kind: FieldMulti, Choices: Vulnerabilities},
	{ID: "safety.immediateDanger", Kind: FieldChoice, Choices: YesNo},
	{ID: "safety.traffickerContact", Kind: FieldChoice, Choices: YesNo},
	{ID: "safety.threatsToFamily", Kind: FieldChoice, Choices: YesNo},
	{ID: "safety.urgentHealth", Kind: FieldChoice, Choices: YesNo},
	{ID: "safety.safePlaceTonight", Kind: FieldChoice, Choices: YesNo},
	{ID: "safety.level", Kind: FieldChoice, Choices: SafetyLevels},
	{ID: "safety.notes", Kind: FieldLongText},
}

// Limits of the number fields.
const (
	MaxAge      = 120
	MaxChildren = 30
)

// LookupCaseField finds a field of CaseFields by id.
func LookupCaseField(id string) (CaseField, bool) {
	i := slices.IndexFunc(CaseFields, func(f CaseField) bool { return f.ID == id })
	if i < 0 {
		return CaseField{}, false
	}
	return CaseFields[i], true
}

// fieldRef is where a field lives in a Case: a string, an int, a bool, or a
// list of strings.
type fieldRef struct {
	s    *string
	n    *int
	b    *bool
	list *[]string
}

func (c *Case) ref(id string) (fieldRef, bool) {
	p, t, s := &c.Person, &c.Trafficking, &c.Safety
	refs := map[string]fieldRef{
		"person.firstName":              {s: &p.FirstName},
		"person.lastName":               {s: &p.LastName},
		"person.gender":                 {s: (*string)(&p.Gender)},
		"person.birthDate":              {s: &p.BirthDate},
		"person.ageEstimate":            {n: &p.AgeEstimate},
		"person.education":              {s: &p.Education},
		"person.maritalStatus":          {s: &p.MaritalStatus},
		"person.children":               {n: &p.Children},
		"person.disability":             {s: &p.Disability},
		"child.guardian.name":           {s: &c.Child.Guardian.Name},
		"child.guardian.relation":       {s: &c.Child.Guardian.Relation},
		"child.guardian.contact":        {s: &c.Child.Guardian.Contact},
		"child.unaccompanied":           {b: &c.Child.Unaccompanied},
		"child.separated":               {b: &c.Child.Separated},
		"trafficking.narrative":         {s: &t.Narrative},
		"trafficking.relationship":      {s: &t.Relationship},
		"trafficking.ageWhenTrafficked": {n: &t.AgeWhenTrafficked},
		"trafficking.recruitment":       {list: &t.Recruitment},
		"trafficking.control":           {list: &t.Control},
		"trafficking.exploitation":      {list: &t.Exploitation},
		"trafficking.labourSector":      {s: &t.LabourSector},
		"trafficking.vulnerabilities":   {list: &t.Vulnerabilities},
		"safety.immediateDanger":        {s: &s.ImmediateDanger},
		"safety.traffickerContact":      {s: &s.TraffickerContact},
		"safety.threatsToFamily":        {s: &s.ThreatsToFamily},
		"safety.urgentHealth":           {s: &s.UrgentHealth},
		"safety.safePlaceTonight":       {s: &s.SafePlaceTonight},
		"safety.level":                  {s: &s.Level},
		"safety.notes":                  {s: &s.Notes},
	}
	r, ok := refs[id]
	return r, ok
}

// FieldValue returns the value of a CaseFields field as text: nothing when
// it is not known yet (an empty text, a zero number, a false yes/no), one
// value, or several for a FieldMulti field.
func (c *Case) FieldValue(id string) []string {
	r, ok := c.ref(id)
	switch {
	case !ok:
		return nil
	case r.s != nil && *r.s != "":
		return []string{*r.s}
	case r.n != nil && *r.n > 0:
		return []string{strconv.Itoa(*r.n)}
	case r.b != nil && *r.b:
		return []string{"yes"}
	case r.list != nil && len(*r.list) > 0:
		return slices.Clone(*r.list)
	}
	return nil
}

// SetField writes an answer to a CaseFields field. A FieldLongText answer
// is added after the text already there, separated by a blank line; a
// FieldMulti answer adds values not already there; others replace. An
// empty answer changes nothing. A value that does not fit the field is
// refused with a *ValidationError naming the field and RuleFormat,
// RuleUnknown or RuleRange, and the case is left unchanged.
func (c *Case) SetField(id string, vals []string) error {
	f, known := LookupCaseField(id)
	r, ok := c.ref(id)
	if !known || !ok {
		return &ValidationError{Field: id, Rule: RuleUnknown}
	}
	var clean []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			clean = append(clean, v)
		}
	}
	if len(clean) == 0 {
		return nil
	}
	if f.Kind != FieldMulti && len(clean) > 1 {
		return &ValidationError{Field: id, Rule: RuleFormat}
	}
	v := clean[0]
	switch f.Kind {
	case FieldText:
		*r.s = v
	case FieldLongText:
		if *r.s != "" {
			v = *r.s + "\n\n" + v
		}
		*r.s = v
	case FieldDate:
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return &ValidationError{Field: id, Rule: RuleFormat}
		}
		*r.s = v
	case FieldNumber:
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			return &ValidationError{Field: id, Rule: RuleFormat}
		case n < 0 || n > f.Max:
			return &ValidationError{Field: id, Rule: RuleRange}
		}
		*r.n = n
	case FieldChoice:
		if !slices.Contains(f.Choices, v) {
			return &ValidationError{Field: id, Rule: RuleUnknown}
		}
		if r.b != nil {
			*r.b = v == "yes"
		} else {
			*r.s = v
		}
	case FieldMulti:
		for _, x := range clean {
			if !slices.Contains(f.Choices, x) {
				return &ValidationError{Field: id, Rule: RuleUnknown}
			}
		}
		for _, x := range clean {
			if !slices.Contains(*r.list, x) {
				*r.list = append(*r.list, x)
			}
		}
	}
	return nil
}
