package casework

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// rulesToday is the day the rule tests run on (t0's date: 2025-03-10).
var rulesToday = dateOf(t0)

// fileAdult is a valid adult case at identification: 29 years old on rulesToday.
func fileAdult() domain.Case {
	return domain.Case{
		Status: domain.StatusActive, Stage: domain.StageIdentification, Priority: domain.PriorityNormal, OpenedOn: "2025-03-01",
		Person: domain.Person{FirstName: "Akosua", LastName: "Mensah", Gender: domain.GenderFeminine, BirthDate: "1995-06-01",
			Citizenship: []string{"GH"}, Languages: []string{"en", "tw"}},
	}
}

// fileChild is a valid child case at identification: 12 years old on rulesToday.
func fileChild() domain.Case {
	c := fileAdult()
	c.Person = domain.Person{FirstName: "Kwame", Gender: domain.GenderMasculine, BirthDate: "2012-04-02", Citizenship: []string{"BF"}}
	return c
}

func TestChildStatus(t *testing.T) {
	tests := []struct {
		name            string
		p               domain.Person
		child, presumed bool
	}{
		{"born today", domain.Person{BirthDate: "2025-03-10"}, true, false},
		{"17 until tomorrow", domain.Person{BirthDate: "2007-03-11"}, true, false},
		{"18 today", domain.Person{BirthDate: "2007-03-10"}, false, false},
		{"born tomorrow: no valid birth date, no estimate", domain.Person{BirthDate: "2025-03-11"}, false, false},
		{"born tomorrow with an estimate of 9", domain.Person{BirthDate: "2025-03-11", AgeEstimate: 9}, true, false},
		{"malformed birth date, estimate 30", domain.Person{BirthDate: "10/03/2010", AgeEstimate: 30}, false, false},
		{"estimate 17", domain.Person{AgeEstimate: 17}, true, false},
		{"estimate 18", domain.Person{AgeEstimate: 18}, false, false},
		{"estimate 18, uncertain, may be a child", domain.Person{AgeEstimate: 18, AgeUncertain: true, MayBeChild: true}, true, true},
		{"estimate 18, uncertain only", domain.Person{AgeEstimate: 18, AgeUncertain: true}, false, false},
		{"estimate 25, may be a child but age certain", domain.Person{AgeEstimate: 25, MayBeChild: true}, false, false},
		{"no age at all, may be a child", domain.Person{MayBeChild: true}, true, true},
		{"no age at all", domain.Person{}, false, false},
		{"adult by a doubtful document, uncertain, may be a child", domain.Person{BirthDate: "2000-01-01", AgeUncertain: true, MayBeChild: true}, true, true},
		{"child by birth date and also presumed: known wins", domain.Person{BirthDate: "2015-01-01", AgeUncertain: true, MayBeChild: true}, true, false},
		{"birth date wins over the estimate", domain.Person{BirthDate: "1990-01-01", AgeEstimate: 12}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			child, presumed := ChildStatus(tt.p, t0) // t0 is 09:00 on rulesToday: the hour must not matter
			if child != tt.child || presumed != tt.presumed {
				t.Errorf("ChildStatus = %v, %v; want %v, %v", child, presumed, tt.child, tt.presumed)
			}
		})
	}
}

func TestValidateCase(t *testing.T) {
	p := func(field, rule string) Problem { return Problem{Field: field, Rule: rule} }
	tests := []struct {
		name  string
		base  func() domain.Case
		edit  func(c *domain.Case)
		today time.Time // zero: rulesToday
		want  []Problem
	}{
		{"valid adult", fileAdult, func(c *domain.Case) {}, time.Time{}, nil},
		{"valid child", fileChild, func(c *domain.Case) {}, time.Time{}, nil},

		// Names.
		{"no name and no alias", fileAdult, func(c *domain.Case) { c.Person.FirstName, c.Person.LastName = "", " " }, time.Time{},
			[]Problem{p("person.firstName", RuleRequired)}},
		{"only blank aliases", fileAdult, func(c *domain.Case) { c.Person.FirstName, c.Person.LastName, c.Person.Aliases = "", "", []string{" "} }, time.Time{},
			[]Problem{p("person.firstName", RuleRequired)}},
		{"an alias is enough", fileAdult, func(c *domain.Case) {
			c.Person.FirstName, c.Person.LastName, c.Person.Aliases = "", "", []string{"Sisi"}
		}, time.Time{}, nil},
		{"a last name is enough", fileAdult, func(c *domain.Case) { c.Person.FirstName = "" }, time.Time{}, nil},

		// Birth dates and ages, at and around the limits.
		{"born today", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "2025-03-10" }, time.Time{}, nil},
		{"born tomorrow", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "2025-03-11" }, time.Time{}, []Problem{p("person.birthDate", RuleFuture)}},
		{"malformed birth date", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "01/06/1995" }, time.Time{}, []Problem{p("person.birthDate", RuleFormat)}},
		{"impossible calendar date", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "1995-02-30" }, time.Time{}, []Problem{p("person.birthDate", RuleFormat)}},
		{"age 120 today", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "1905-03-10" }, time.Time{}, nil},
		{"age 120, 121 tomorrow", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "1904-03-11" }, time.Time{}, nil},
		{"age 121 today", fileAdult, func(c *domain.Case) { c.Person.BirthDate = "1904-03-10" }, time.Time{}, []Problem{p("person.birthDate", RuleImpossibleAge)}},
		{"born 1900-01-01, age 119", fileAdult, func(c *domain.Case) { c.Person.BirthDate, c.OpenedOn = "1900-01-01", "2019-05-01" }, time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), nil},
		{"born 1899-12-31, age 119", fileAdult, func(c *domain.Case) { c.Person.BirthDate, c.OpenedOn = "1899-12-31", "2019-05-01" }, time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC),
			[]Problem{p("person.birthDate", RuleImpossibleAge)}},
		{"estimate 120", fileAdult, func(c *domain.Case) { c.Person.BirthDate, c.Person.AgeEstimate = "", 120 }, time.Time{}, nil},
		{"estimate 121", fileAdult, func(c *domain.Case) { c.Person.BirthDate, c.Person.AgeEstimate = "", 121 }, time.Time{}, []Problem{p("person.ageEstimate", RuleImpossibleAge)}},
		{"estimate -1", fileAdult, func(c *domain.Case) { c.Person.BirthDate, c.Person.AgeEstimate = "", -1 }, time.Time{}, []Problem{p("person.ageEstimate", RuleImpossibleAge)}},
		{"unknown estimate method", fileAdult, func(c *domain.Case) { c.Person.AgeEstimateBy = "guess" }, time.Time{}, []Problem{p("person.ageEstimateBy", RuleUnknownValue)}},

		// Contacts only with consent.
		{"phone without contact consent", fileAdult, func(c *domain.Case) { c.Person.Phone = "+225 07 00 00 00" }, time.Time{},
			[]Problem{p("person.phone", RuleContactWithoutConsent)}},
		{"every contact without consent", fileAdult, func(c *domain.Case) {
			c.Person.Phone, c.Person.Email, c.Person.Address = "+225 07 00 00 00", "a@b.ci", "Rue 4"
		}, time.Time{}, []Problem{p("person.phone", RuleContactWithoutConsent), p("person.email", RuleContactWithoutConsent), p("person.address", RuleContactWithoutConsent)}},
		{"contacts with consent", fileAdult, func(c *domain.Case) {
			c.Person.ContactConsent, c.Person.Phone, c.Person.Email, c.Person.Address = true, "+225 (07) 00-00.00", "a@b.ci", "Rue 4"
		}, time.Time{}, nil},
		{"malformed contacts with consent", fileAdult, func(c *domain.Case) {
			c.Person.ContactConsent, c.Person.Phone, c.Person.Email = true, "call Ama", "a@b"
		}, time.Time{}, []Problem{p("person.phone", RuleFormat), p("person.email", RuleFormat)}},

		// Vocabularies.
		{"HTCDS gender", fileAdult, func(c *domain.Case) { c.Person.Gender = "Female" }, time.Time{}, []Problem{p("person.gender", RuleUnknownValue)}},
		{"citizenship", fileAdult, func(c *domain.Case) { c.Person.Citizenship = []string{"GH", "XX"} }, time.Time{}, []Problem{p("person.citizenship", RuleUnknownValue)}},
		{"languages", fileAdult, func(c *domain.Case) { c.Person.Languages = []string{"French"} }, time.Time{}, []Problem{p("person.languages", RuleFormat)}},
		{"education and marital status", fileAdult, func(c *domain.Case) { c.Person.Education, c.Person.MaritalStatus = "University", "Married" }, time.Time{},
			[]Problem{p("person.education", RuleUnknownValue)}},
		{"document kind and holder", fileAdult, func(c *domain.Case) {
			c.Person.Documents = []domain.DocumentHeld{{Kind: "passport", HeldBy: "trafficker"}, {HeldBy: "boss"}}
		}, time.Time{}, []Problem{p("person.documents[1].kind", RuleRequired), p("person.documents[1].heldBy", RuleUnknownValue)}},
		{"methods of control", fileAdult, func(c *domain.Case) { c.Trafficking.Control = []string{"DebtBondage", "Beating", "Shouting"} }, time.Time{},
			[]Problem{p("trafficking.control", RuleUnknownValue)}},
		{"every HTCDS list of the trafficking section", fileAdult, func(c *domain.Case) {
			c.Trafficking = domain.Trafficking{Status: "Victim", DecidedBy: "Army", Relationship: "Friend", Recruitment: []string{"x"},
				Exploitation: []string{"x"}, LabourSector: "Farming", SexExploitation: []string{"x"}, RecruitmentApps: []string{"x"},
				ExploitationApps: []string{"x"}, Vulnerabilities: []string{"x"}}
		}, time.Time{}, []Problem{
			p("trafficking.status", RuleUnknownValue), p("trafficking.decidedBy", RuleUnknownValue), p("trafficking.relationship", RuleUnknownValue),
			p("trafficking.recruitment", RuleUnknownValue), p("trafficking.exploitation", RuleUnknownValue), p("trafficking.labourSector", RuleUnknownValue),
			p("trafficking.sexExploitation", RuleUnknownValue), p("trafficking.recruitmentApps", RuleUnknownValue),
			p("trafficking.exploitationApps", RuleUnknownValue), p("trafficking.vulnerabilities", RuleUnknownValue)}},
		{"valid HTCDS values", fileAdult, func(c *domain.Case) {
			c.Trafficking = domain.Trafficking{Status: domain.TraffickingActual, DecidedBy: "NGO", Relationship: "Unaquainted",
				Control: []string{"WithholdsDocuments"}, Exploitation: []string{"ForcedLabour"}, LabourSector: "A_AgricultureForestryAndFishing",
				RecruitmentApps: []string{"WhatsApp"}, AgeWhenTrafficked: 16}
			c.Perpetrators = []domain.Perpetrator{{Roles: []string{"RecruiterOrIntermediary"}}}
			c.Plan.Types = []string{"Health", "Legal"}
		}, time.Time{}, nil},
		{"case status, stage, priority", fileAdult, func(c *domain.Case) { c.Status, c.Stage, c.Priority = "open", "done", "urgent" }, time.Time{},
			[]Problem{p("status", RuleUnknownValue), p("stage", RuleUnknownValue), p("priority", RuleUnknownValue)}},
		{"no status or stage", fileAdult, func(c *domain.Case) { c.Status, c.Stage = "", "" }, time.Time{},
			[]Problem{p("status", RuleRequired), p("stage", RuleRequired)}},
		{"perpetrator roles", fileAdult, func(c *domain.Case) {
			c.Perpetrators = []domain.Perpetrator{{Roles: []string{"Exploiter"}}, {Roles: []string{"Boss"}}}
		}, time.Time{},
			[]Problem{p("perpetrators[1].roles", RuleUnknownValue)}},
		{"support plan types", fileAdult, func(c *domain.Case) { c.Plan.Types = []string{"Shelter"} }, time.Time{}, []Problem{p("plan.types", RuleUnknownValue)}},
		{"services", fileAdult, func(c *domain.Case) {
			c.Services = []domain.ServiceGiven{{Type: "health", Date: "2025-03-09"}, {Type: "massage", Date: "2025-03-11"}, {Date: "1990-01-01"}}
		}, time.Time{}, []Problem{p("services[1].type", RuleUnknownValue), p("services[1].date", RuleFuture), p("services[2].type", RuleRequired), p("services[2].date", RuleBeforeBirth)}},

		// Stage rules.
		{"assistance without trafficking status", fileAdult, func(c *domain.Case) { c.Stage = domain.StageAssistance }, time.Time{},
			[]Problem{p("trafficking.status", RuleRequired)}},
		{"assistance with a trafficking status", fileAdult, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status = domain.StageAssistance, domain.TraffickingPossible
		}, time.Time{}, nil},
		{"child at assistance without a guardian", fileChild, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status = domain.StageAssistance, domain.TraffickingPossible
		}, time.Time{}, []Problem{p("child.guardian.name", RuleGuardianRequired)}},
		{"child at assistance with a guardian", fileChild, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status = domain.StageAssistance, domain.TraffickingPossible
			c.Child.Guardian = domain.Guardian{Name: "Mariam Ouédraogo", Relation: "appointed-guardian", AppointedOn: "2025-03-05"}
		}, time.Time{}, nil},
		{"presumed child at referral without a guardian", fileAdult, func(c *domain.Case) {
			c.Person.BirthDate, c.Person.AgeEstimate, c.Person.AgeUncertain, c.Person.MayBeChild = "", 19, true, true
			c.Stage, c.Trafficking.Status = domain.StageReferral, domain.TraffickingPossible
		}, time.Time{}, []Problem{p("child.guardian.name", RuleGuardianRequired)}},
		{"adult at assistance needs no guardian", fileAdult, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status = domain.StageAssistance, domain.TraffickingPossible
		}, time.Time{}, nil},
		{"child at reintegration without a BIA", fileChild, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status, c.Child.Guardian.Name = domain.StageReintegration, domain.TraffickingActual, "Mariam"
		}, time.Time{}, []Problem{p("child.bia", RuleBIARequired)}},
		{"child at reintegration with a BIA", fileChild, func(c *domain.Case) {
			c.Stage, c.Trafficking.Status, c.Child.Guardian.Name = domain.StageReintegration, domain.TraffickingActual, "Mariam"
			c.Child.BIA = &domain.BestInterests{Priority: domain.BIAWithin1Week, Recommendations: []string{"family-reunification"}, AssessedOn: "2025-03-08"}
		}, time.Time{}, nil},
		{"child section values", fileChild, func(c *domain.Case) {
			c.Child.Guardian = domain.Guardian{Relation: "uncle", AppointedOn: "2025-04-01"}
			c.Child.BIA = &domain.BestInterests{Priority: "now", Recommendations: []string{"adoption"}, AssessedOn: "2010-01-01"}
		}, time.Time{}, []Problem{p("child.guardian.relation", RuleUnknownValue), p("child.guardian.appointedOn", RuleFuture),
			p("child.bia.priority", RuleUnknownValue), p("child.bia.recommendations", RuleUnknownValue), p("child.bia.assessedOn", RuleBeforeBirth)}},

		// Dates in the person's life and in order.
		{"trafficking events", fileAdult, func(c *domain.Case) {
			c.Events = []domain.TraffickingEvent{
				{Type: "Recruitment", Country: "GH", From: "2019-05", To: "2019"},
				{Type: "Transit", Country: "ZZ", From: "1995", To: "1994-12"},
				{From: "2026", To: "2019/01/01"},
				{Type: "Exploitation", From: "2020-02-01", To: "2020-01-31"},
			}
		}, time.Time{}, []Problem{
			p("events[1].country", RuleUnknownValue), p("events[1].to", RuleBeforeBirth), p("events[1].to", RuleDateOrder),
			p("events[2].type", RuleRequired), p("events[2].from", RuleFuture), p("events[2].to", RuleFormat),
			p("events[3].to", RuleDateOrder)}},
		{"follow-ups", fileAdult, func(c *domain.Case) {
			c.FollowUps = []domain.FollowUp{
				{Due: "2025-04-01"},
				{Due: "1995-05-31", Done: "2025-03-11"},
				{Done: "1995-06-01"},
				{Due: "soon"},
			}
		}, time.Time{}, []Problem{p("followUps[1].due", RuleBeforeBirth), p("followUps[1].done", RuleFuture),
			p("followUps[2].due", RuleRequired), p("followUps[3].due", RuleFormat)}},
		{"plan ends before the case opened", fileAdult, func(c *domain.Case) { c.Plan.PlannedEnd, c.Plan.ActualEnd = "2025-02-28", "2025-02-28" }, time.Time{},
			[]Problem{p("plan.plannedEnd", RuleDateOrder), p("plan.actualEnd", RuleDateOrder)}},
		{"plan ends the day the case opened", fileAdult, func(c *domain.Case) { c.Plan.PlannedEnd, c.Plan.ActualEnd = "2025-03-01", "2025-03-01" }, time.Time{}, nil},
		{"plan actual end in the future", fileAdult, func(c *domain.Case) { c.Plan.PlannedEnd, c.Plan.ActualEnd = "2025-12-01", "2025-03-11" }, time.Time{},
			[]Problem{p("plan.actualEnd", RuleFuture)}},
		{"opened tomorrow", fileAdult, func(c *domain.Case) { c.OpenedOn = "2025-03-11" }, time.Time{}, []Problem{p("openedOn", RuleFuture)}},
		{"trafficked older than now", fileAdult, func(c *domain.Case) { c.Trafficking.AgeWhenTrafficked = 30 }, time.Time{},
			[]Problem{p("trafficking.ageWhenTrafficked", RuleImpossibleAge)}},
		{"closure values", fileAdult, func(c *domain.Case) { c.Closure = &domain.Closure{Reason: "bored", ClosedOn: "2025-03-12"} }, time.Time{},
			[]Problem{p("closure.reason", RuleUnknownValue), p("closure.closedOn", RuleFuture)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.base()
			tt.edit(&c)
			today := tt.today
			if today.IsZero() {
				today = t0
			}
			got := ValidateCase(c, today)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ValidateCase =\n  %v\nwant\n  %v", got, tt.want)
			}
		})
	}
}

// TestProblemPathsAreFieldPaths checks that every path validation can name
// is a field path of a case as History names them, so the window can put a
// message beside the field whichever of the two gave it.
func TestProblemPathsAreFieldPaths(t *testing.T) {
	var full domain.Case
	fill(reflect.ValueOf(&full).Elem())
	body, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := flatten(body)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, l := range leaves {
		paths[l.path] = true
	}
	paths["child.bia"] = true // a pointer: the section itself is a field
	// Every problem the rule tests expect, plus those of a case broken everywhere.
	var problems []Problem
	broken := full
	broken.Person.BirthDate, broken.Stage = "x", domain.StageReintegration
	problems = append(problems, ValidateCase(broken, t0)...)
	problems = append(problems, ValidateCase(domain.Case{Stage: domain.StageAssistance, Person: domain.Person{MayBeChild: true}}, t0)...)
	if len(problems) < 30 {
		t.Fatalf("only %d problems to check", len(problems))
	}
	for _, pr := range problems {
		if !paths[pr.Field] {
			t.Errorf("problem path %q is not a field path of a case", pr.Field)
		}
	}
	for path := range domain.HTCDSField {
		if !paths[regexp.MustCompile(`\[\]`).ReplaceAllString(path, "[0]")] {
			t.Errorf("HTCDSField path %q is not a field path of a case", path)
		}
	}
}

// fill sets every field of v to a non-zero value, lists to two items.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int64:
		v.SetInt(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i))
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem())
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(t0))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i))
		}
	}
}

func TestLowerCamel(t *testing.T) {
	for in, want := range map[string]string{
		"FirstName": "firstName", "ID": "id", "BIA": "bia", "PartnerID": "partnerID", "MIME": "mime",
		"HTMLBody": "htmlBody", "followUps": "followUps", "": "", "X": "x",
	} {
		if got := lowerCamel(in); got != want {
			t.Errorf("lowerCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRuleErrorsMatchTheirSentinels(t *testing.T) {
	var err error = &ValidationErrors{Problems: []Problem{{Field: "person.firstName", Rule: RuleRequired}}}
	if !errors.Is(err, ErrInvalid) || errors.Is(err, ErrRefused) {
		t.Errorf("ValidationErrors: Is(ErrInvalid) = %v, Is(ErrRefused) = %v", errors.Is(err, ErrInvalid), errors.Is(err, ErrRefused))
	}
	err = &RuleError{Rule: RuleBIARequired}
	if !errors.Is(err, ErrRefused) || errors.Is(err, ErrInvalid) {
		t.Errorf("RuleError: Is(ErrRefused) = %v, Is(ErrInvalid) = %v", errors.Is(err, ErrRefused), errors.Is(err, ErrInvalid))
	}
}
