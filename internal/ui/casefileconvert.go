package ui

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// casePart is a group of a case's fields that a form section edits.
type casePart int

const (
	partWho casePart = iota
	partChild
	partBIA
	partMore
	partTrafficking
	partPlan
	partFirstFollowUp
)

// fill puts a case's values in the form, as they are typed.
func (f *caseForm) fill(c domain.Case) {
	set := func(id, v string) {
		if v != "" {
			f.v[id] = v
		}
	}
	flag := func(id string, b bool) {
		if b {
			f.v[id] = "1"
		}
	}
	list := func(id string, vs []string) { set(id, strings.Join(vs, ",")) }
	p := c.Person
	set("person.firstName", p.FirstName)
	set("person.middleName", p.MiddleName)
	set("person.lastName", p.LastName)
	set("person.aliases", strings.Join(p.Aliases, ", "))
	set("person.gender", string(p.Gender))
	set("person.birthDate", dayText(p.BirthDate))
	if p.AgeEstimate > 0 {
		set("person.ageEstimate", itoa(p.AgeEstimate))
	}
	set("person.ageEstimateBy", string(p.AgeEstimateBy))
	f.v[fieldAgeMode] = ageByBirthDate
	if p.BirthDate == "" && (p.AgeEstimate > 0 || p.AgeEstimateBy != "") {
		f.v[fieldAgeMode] = ageByEstimate
	}
	flag("person.ageUncertain", p.AgeUncertain)
	flag("person.mayBeChild", p.MayBeChild)
	list("person.citizenship", p.Citizenship)
	list("person.languages", p.Languages)
	set("person.education", p.Education)
	set("person.maritalStatus", p.MaritalStatus)
	if p.Children > 0 {
		set("person.children", itoa(p.Children))
	}
	set("person.disability", p.Disability)
	flag("person.contactConsent", p.ContactConsent)
	set("person.phone", p.Phone)
	set("person.email", p.Email)
	set("person.address", p.Address)
	f.setCount("person.documents", len(p.Documents))
	for i, d := range p.Documents {
		set(rowID("person.documents", i, "kind"), d.Kind)
		set(rowID("person.documents", i, "number"), d.Number)
		set(rowID("person.documents", i, "heldBy"), d.HeldBy)
	}

	g := c.Child.Guardian
	set("child.guardian.name", g.Name)
	set("child.guardian.relation", g.Relation)
	set("child.guardian.contact", g.Contact)
	set("child.guardian.appointedBy", g.AppointedBy)
	set("child.guardian.appointedOn", dayText(g.AppointedOn))
	flag("child.unaccompanied", c.Child.Unaccompanied)
	flag("child.separated", c.Child.Separated)
	if b := c.Child.BIA; b != nil {
		set("child.bia.priority", string(b.Priority))
		list("child.bia.recommendations", b.Recommendations)
		set("child.bia.assessedOn", dayText(b.AssessedOn))
		set("child.bia.assessedBy", b.AssessedBy)
		set("child.bia.notes", b.Notes)
	}

	t := c.Trafficking
	set("trafficking.status", string(t.Status))
	set("trafficking.decidedBy", t.DecidedBy)
	set("trafficking.relationship", t.Relationship)
	list("trafficking.recruitment", t.Recruitment)
	list("trafficking.control", t.Control)
	list("trafficking.exploitation", t.Exploitation)
	set("trafficking.labourSector", t.LabourSector)
	list("trafficking.sexExploitation", t.SexExploitation)
	list("trafficking.recruitmentApps", t.RecruitmentApps)
	list("trafficking.exploitationApps", t.ExploitationApps)
	list("trafficking.vulnerabilities", t.Vulnerabilities)
	if t.AgeWhenTrafficked > 0 {
		set("trafficking.ageWhenTrafficked", itoa(t.AgeWhenTrafficked))
	}
	set("trafficking.narrative", t.Narrative)
	f.setCount("perpetrators", len(c.Perpetrators))
	for i, pp := range c.Perpetrators {
		list(rowID("perpetrators", i, "roles"), pp.Roles)
		set(rowID("perpetrators", i, "details"), pp.Details)
	}
	f.setCount("events", len(c.Events))
	for i, e := range c.Events {
		set(rowID("events", i, "type"), e.Type)
		set(rowID("events", i, "country"), e.Country)
		set(rowID("events", i, "place"), e.Place)
		set(rowID("events", i, "from"), dayText(e.From))
		set(rowID("events", i, "to"), dayText(e.To))
	}

	set("priority", string(c.Priority))
	set("stage", string(c.Stage))
	list("plan.types", c.Plan.Types)
	set("plan.objectives", c.Plan.Objectives)
	set("plan.actions", c.Plan.Actions)
	set("plan.plannedEnd", dayText(c.Plan.PlannedEnd))
	set("plan.actualEnd", dayText(c.Plan.ActualEnd))
	if id := f.v[fieldFirstFollowUpID]; id != "" {
		for _, fu := range c.FollowUps {
			if fu.ID == id {
				set(fieldFirstFollowUp, dayText(fu.Due))
			}
		}
	}
}

// apply writes the form's parts onto base and returns the case, with the
// messages for what cannot be read (a date or a number typed the wrong
// way). A field with such a message keeps its old value in the case.
func (f *caseForm) apply(base domain.Case, parts ...casePart) (domain.Case, map[string]string) {
	c := base
	bad := map[string]string{}
	text := func(id string) string { return strings.TrimSpace(f.v[id]) }
	day := func(id, old string) string {
		iso, ok := parseDay(f.v[id])
		if !ok {
			bad[id] = lang.L("case.rule.dateFormat")
			return old
		}
		return iso
	}
	partial := func(id, old string) string {
		iso, ok := parsePartialDay(f.v[id])
		if !ok {
			bad[id] = lang.L("case.rule.partialDateFormat")
			return old
		}
		return iso
	}
	number := func(id string, old int) int {
		n, ok := parseCount(f.v[id])
		if !ok {
			bad[id] = lang.L("case.rule.number")
			return old
		}
		return n
	}
	for _, part := range parts {
		switch part {
		case partWho:
			p := &c.Person
			p.FirstName, p.MiddleName, p.LastName = text("person.firstName"), text("person.middleName"), text("person.lastName")
			p.Aliases = nil
			for _, a := range strings.Split(f.v["person.aliases"], ",") {
				if a = strings.TrimSpace(a); a != "" {
					p.Aliases = append(p.Aliases, a)
				}
			}
			p.Gender = domain.Gender(f.v["person.gender"])
			if f.v[fieldAgeMode] == ageByEstimate {
				p.BirthDate = ""
				p.AgeEstimate = number("person.ageEstimate", p.AgeEstimate)
				p.AgeEstimateBy = domain.AgeMethod(f.v["person.ageEstimateBy"])
			} else {
				p.BirthDate = day("person.birthDate", p.BirthDate)
				p.AgeEstimate, p.AgeEstimateBy = 0, ""
			}
			p.AgeUncertain = f.flag("person.ageUncertain")
			p.MayBeChild = f.flag("person.mayBeChild")
		case partChild:
			g := &c.Child.Guardian
			g.Name, g.Contact, g.AppointedBy = text("child.guardian.name"), text("child.guardian.contact"), text("child.guardian.appointedBy")
			g.Relation = f.v["child.guardian.relation"]
			g.AppointedOn = day("child.guardian.appointedOn", g.AppointedOn)
			c.Child.Unaccompanied = f.flag("child.unaccompanied")
			c.Child.Separated = f.flag("child.separated")
		case partBIA:
			old := domain.BestInterests{}
			if c.Child.BIA != nil {
				old = *c.Child.BIA
			}
			b := domain.BestInterests{
				Priority:        domain.BIAPriority(f.v["child.bia.priority"]),
				Recommendations: f.list("child.bia.recommendations"),
				AssessedOn:      day("child.bia.assessedOn", old.AssessedOn),
				AssessedBy:      text("child.bia.assessedBy"),
				Notes:           strings.TrimSpace(f.v["child.bia.notes"]),
			}
			if b.Priority == "" && len(b.Recommendations) == 0 && b.AssessedOn == "" && b.AssessedBy == "" && b.Notes == "" {
				c.Child.BIA = nil
			} else {
				c.Child.BIA = &b
			}
		case partMore:
			p := &c.Person
			p.Languages = f.list("person.languages")
			p.Citizenship = f.list("person.citizenship")
			p.Education = f.v["person.education"]
			p.MaritalStatus = f.v["person.maritalStatus"]
			p.Children = number("person.children", p.Children)
			p.Disability = text("person.disability")
			p.ContactConsent = f.flag("person.contactConsent")
			p.Phone, p.Email, p.Address = text("person.phone"), text("person.email"), strings.TrimSpace(f.v["person.address"])
			p.Documents = nil
			for i := 0; i < f.count("person.documents"); i++ {
				d := domain.DocumentHeld{
					Kind:   f.v[rowID("person.documents", i, "kind")],
					Number: text(rowID("person.documents", i, "number")),
					HeldBy: f.v[rowID("person.documents", i, "heldBy")],
				}
				if d != (domain.DocumentHeld{}) {
					p.Documents = append(p.Documents, d)
				}
			}
		case partTrafficking:
			t := &c.Trafficking
			t.Status = domain.TraffickingStatus(f.v["trafficking.status"])
			t.DecidedBy = f.v["trafficking.decidedBy"]
			t.Relationship = f.v["trafficking.relationship"]
			t.Recruitment = f.list("trafficking.recruitment")
			t.Control = f.list("trafficking.control")
			t.Exploitation = f.list("trafficking.exploitation")
			t.LabourSector = f.v["trafficking.labourSector"]
			t.SexExploitation = f.list("trafficking.sexExploitation")
			t.RecruitmentApps = f.list("trafficking.recruitmentApps")
			t.ExploitationApps = f.list("trafficking.exploitationApps")
			t.Vulnerabilities = f.list("trafficking.vulnerabilities")
			t.AgeWhenTrafficked = number("trafficking.ageWhenTrafficked", t.AgeWhenTrafficked)
			t.Narrative = strings.TrimSpace(f.v["trafficking.narrative"])
			var perpetrators []domain.Perpetrator
			for i := 0; i < f.count("perpetrators"); i++ {
				pp := domain.Perpetrator{
					Roles:   f.list(rowID("perpetrators", i, "roles")),
					Details: text(rowID("perpetrators", i, "details")),
				}
				if len(pp.Roles) > 0 || pp.Details != "" {
					perpetrators = append(perpetrators, pp)
				}
			}
			c.Perpetrators = perpetrators
			var events []domain.TraffickingEvent
			for i := 0; i < f.count("events"); i++ {
				var old domain.TraffickingEvent
				if i < len(base.Events) {
					old = base.Events[i]
				}
				e := domain.TraffickingEvent{
					Type:    f.v[rowID("events", i, "type")],
					Country: f.v[rowID("events", i, "country")],
					Place:   text(rowID("events", i, "place")),
					From:    partial(rowID("events", i, "from"), old.From),
					To:      partial(rowID("events", i, "to"), old.To),
				}
				if strings.TrimSpace(f.v[rowID("events", i, "country#text")]) != "" {
					bad[rowID("events", i, "country")] = lang.L("case.country.unknown")
				}
				if e != (domain.TraffickingEvent{}) {
					events = append(events, e)
				}
			}
			c.Events = events
		case partPlan:
			c.Priority = domain.Priority(f.v["priority"])
			c.Stage = domain.Stage(f.v["stage"])
			c.Plan.Types = f.list("plan.types")
			c.Plan.Objectives = strings.TrimSpace(f.v["plan.objectives"])
			c.Plan.Actions = strings.TrimSpace(f.v["plan.actions"])
			c.Plan.PlannedEnd = day("plan.plannedEnd", c.Plan.PlannedEnd)
			if _, ok := f.fields["plan.actualEnd"]; ok || f.v["plan.actualEnd"] != "" {
				c.Plan.ActualEnd = day("plan.actualEnd", c.Plan.ActualEnd)
			}
		case partFirstFollowUp:
			c.FollowUps = append([]domain.FollowUp(nil), c.FollowUps...)
			id := f.v[fieldFirstFollowUpID]
			at := -1
			for i, fu := range c.FollowUps {
				if id != "" && fu.ID == id {
					at = i
				}
			}
			old := ""
			if at >= 0 {
				old = c.FollowUps[at].Due
			}
			due := day(fieldFirstFollowUp, old)
			switch {
			case due == "" && at >= 0 && c.FollowUps[at].Done == "":
				c.FollowUps = append(c.FollowUps[:at], c.FollowUps[at+1:]...)
			case due == "":
			case at >= 0:
				c.FollowUps[at].Due = due
			default:
				if id == "" {
					id = uuid.NewString()
					f.v[fieldFirstFollowUpID] = id
				}
				c.FollowUps = append(c.FollowUps, domain.FollowUp{ID: id, Due: due})
			}
		}
	}
	return c, bad
}

var indexSuffix = regexp.MustCompile(`\[\d+\]$`)

// problemField is the form field a casework problem is about: its path,
// less an index into a list of values ("person.aliases[0]"); a follow-up's
// date is the intake's first follow-up when it is that one.
func (f *caseForm) problemField(c domain.Case, field string) string {
	if strings.HasPrefix(field, "followUps[") {
		for i, fu := range c.FollowUps {
			if fu.ID != "" && fu.ID == f.v[fieldFirstFollowUpID] && strings.HasPrefix(field, "followUps["+itoa(i)+"]") {
				return fieldFirstFollowUp
			}
		}
		return field
	}
	if base := indexSuffix.ReplaceAllString(field, ""); base != field {
		return base
	}
	return field
}

// ruleText is the sentence for a problem, in the user's language.
func ruleText(field, rule string) string {
	switch rule {
	case casework.RuleRequired:
		switch field {
		case "person.firstName":
			return lang.L("case.rule.nameRequired")
		case "trafficking.status":
			return lang.L("case.rule.statusRequired")
		}
		return lang.L("field.required")
	case casework.RuleFuture:
		return lang.L("case.rule.future")
	case casework.RuleImpossibleAge:
		if field == "trafficking.ageWhenTrafficked" {
			return lang.L("case.rule.ageWhenTrafficked")
		}
		return lang.L("case.rule.impossibleAge")
	case casework.RuleBeforeBirth:
		return lang.L("case.rule.beforeBirth")
	case casework.RuleFormat:
		switch field {
		case "person.phone":
			return lang.L("setup.letterhead.phone.invalid")
		case "person.email":
			return lang.L("setup.letterhead.email.invalid")
		}
		if strings.HasPrefix(field, "events[") {
			return lang.L("case.rule.partialDateFormat")
		}
		if isDateField(field) {
			return lang.L("case.rule.dateFormat")
		}
		return lang.L("field.invalid")
	case casework.RuleUnknownValue:
		return lang.L("case.rule.unknownValue")
	case casework.RuleContactWithoutConsent:
		return lang.L("case.rule.contactWithoutConsent")
	case casework.RuleGuardianRequired:
		return lang.L("case.rule.guardianRequired")
	case casework.RuleBIARequired:
		return lang.L("case.rule.biaRequired")
	case casework.RuleDateOrder:
		if strings.HasPrefix(field, "events[") {
			return lang.L("case.rule.endBeforeStart")
		}
		return lang.L("case.rule.dateOrder")
	}
	return lang.L("field.invalid")
}

func isDateField(field string) bool {
	for _, s := range []string{"Date", "On", ".due", ".done", ".date", "End", fieldFirstFollowUp} {
		if strings.HasSuffix(field, s) {
			return true
		}
	}
	return false
}

// fieldLabel names a field in a message about another section.
func fieldLabel(id string) string {
	base := id
	if i := strings.Index(id, "["); i >= 0 {
		base = id[:i]
	}
	switch {
	case id == "person.firstName":
		return lang.L("case.person.firstName")
	case id == "person.birthDate":
		return lang.L("case.person.birthDate")
	case id == "person.ageEstimate":
		return lang.L("case.person.ageEstimate")
	case strings.HasPrefix(id, "person.phone"), strings.HasPrefix(id, "person.email"), strings.HasPrefix(id, "person.address"):
		return lang.L("case.person.contacts")
	case strings.HasPrefix(id, "child.bia"):
		return lang.L("case.bia.title")
	case strings.HasPrefix(id, "child."):
		return lang.L("case.child.guardian.name")
	case id == "trafficking.status":
		return lang.L("case.trafficking.status")
	case base == "events":
		return lang.L("case.trafficking.events")
	case base == "perpetrators":
		return lang.L("case.trafficking.perpetrators")
	case id == "trafficking.ageWhenTrafficked":
		return lang.L("case.trafficking.ageWhenTrafficked")
	case id == fieldFirstFollowUp:
		return lang.L("case.plan.firstFollowUp")
	case strings.HasPrefix(id, "plan."):
		return lang.L("case.plan.title")
	}
	return ""
}
