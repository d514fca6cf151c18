package ui

import (
	"context"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// ageText says how old a person is and how it is known.
func ageText(p domain.Person, today time.Time) string {
	var s string
	switch {
	case p.BirthDate != "":
		years, ok := personAge(p, today)
		if !ok {
			return dayText(p.BirthDate)
		}
		s = lang.L("casefile.age.born", map[string]any{"Years": years, "Date": dayLabel(p.BirthDate)})
	case p.AgeEstimate > 0:
		how := optionLabel(ageMethodOptions(), string(p.AgeEstimateBy))
		if how == "" {
			s = lang.L("casefile.age.about", map[string]any{"Years": p.AgeEstimate})
		} else {
			s = lang.L("casefile.age.estimated", map[string]any{"Years": p.AgeEstimate, "How": how})
		}
	default:
		s = lang.L("casefile.age.unknown")
	}
	if p.AgeUncertain {
		s += " · " + lang.L("casefile.age.uncertain")
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return lang.L("casefile.yes")
	}
	return lang.L("casefile.no")
}

func countriesText(codes []string) string {
	var names []string
	for _, c := range codes {
		names = append(names, countryName(c, Language()))
	}
	return strings.Join(names, ", ")
}

func languagesText(codes []string) string {
	var names []string
	for _, c := range codes {
		names = append(names, languageLabel(c))
	}
	return strings.Join(names, ", ")
}

// nextFollowUp is the earliest follow-up not done, and whether it is late.
func nextFollowUp(c domain.Case, today time.Time) (domain.FollowUp, bool, bool) {
	var pending []domain.FollowUp
	for _, f := range c.FollowUps {
		if f.Done == "" && f.Due != "" {
			pending = append(pending, f)
		}
	}
	if len(pending) == 0 {
		return domain.FollowUp{}, false, false
	}
	sort.Slice(pending, func(i, j int) bool { return pending[i].Due < pending[j].Due })
	return pending[0], true, pending[0].Due < isoDay(today)
}

// childText says whether the case is a child's, and on what ground.
func childText(p domain.Person, today time.Time) string {
	switch isChild, presumed := caseChildStatus(p, today); {
	case presumed:
		return lang.L("casefile.childStatus.presumed")
	case isChild:
		return lang.L("casefile.childStatus.child")
	}
	return lang.L("casefile.childStatus.adult")
}

// summaryTab: what to know at a glance, and what needs doing.
func (cf *caseFile) summaryTab() fyne.CanvasObject {
	c := cf.c
	today := cf.s.deps.now()
	var objects []fyne.CanvasObject
	isChild, _ := cf.child()
	alert := func(icon fyne.Resource, text string, imp widget.Importance, tab string) {
		b := newBanner(icon, text, imp)
		cf.alertBoxes = append(cf.alertBoxes, b)
		if tab == "" {
			objects = append(objects, b.box)
			return
		}
		open := widget.NewButton(lang.L("casefile.openTab", map[string]any{"Tab": cf.tabTitle(tab)}), func() { cf.selectTab(tab) })
		if tab == tabChild {
			cf.childTabButton = open
		}
		objects = append(objects, container.NewBorder(nil, nil, nil, container.NewCenter(open), b.box))
	}
	if b := cf.conflictBanner(); b != nil {
		objects = append(objects, b)
	}
	if cf.closed() && c.Closure != nil {
		alert(theme.InfoIcon(), lang.L("casefile.alert.closed", map[string]any{
			"Reason": optionLabel(closureReasonOptions(), string(c.Closure.Reason)), "Date": dayLabel(c.Closure.ClosedOn)}),
			widget.MediumImportance, "")
	}
	if isChild && strings.TrimSpace(c.Child.Guardian.Name) == "" {
		alert(theme.WarningIcon(), lang.L("casefile.alert.noGuardian"), widget.DangerImportance, tabChild)
	}
	if isChild && c.Child.BIA == nil {
		alert(theme.WarningIcon(), lang.L("casefile.alert.noBIA"), widget.WarningImportance, tabChild)
	}
	next, has, late := nextFollowUp(c, today)
	if late {
		alert(theme.WarningIcon(), lang.L("casefile.alert.overdue", map[string]any{"Date": dayLabel(next.Due)}), widget.WarningImportance, tabPlan)
	}
	if lvl := c.Safety.Level; lvl == "immediate" || lvl == "high" {
		alert(theme.ErrorIcon(), lang.L("casefile.alert.safety", map[string]any{"Level": knownValue(c, "safety.level")}),
			widget.DangerImportance, tabInterviews)
	}
	for _, sc := range c.Screenings {
		if sc.Flag {
			alert(theme.WarningIcon(), lang.L("casefile.alert.screeningFlag"), widget.WarningImportance, tabScreening)
			break
		}
	}

	f := newFacts()
	f.add(lang.L("casefile.fact.name"), personName(c.Person))
	if len(c.Person.Aliases) > 0 {
		f.add(lang.L("case.person.aliases"), strings.Join(c.Person.Aliases, ", "))
	}
	f.add(lang.L("casefile.fact.age"), ageText(c.Person, today))
	f.add(lang.L("casefile.fact.child"), childText(c.Person, today))
	f.add(lang.L("case.person.gender"), optionLabel(genderOptions(), string(c.Person.Gender)))
	f.add(lang.L("case.person.citizenship"), countriesText(c.Person.Citizenship))
	f.add(lang.L("case.person.languages"), languagesText(c.Person.Languages))
	f.add(lang.L("case.trafficking.status"), optionLabel(traffickingStatusOptions(), string(c.Trafficking.Status)))
	f.add(lang.L("case.trafficking.exploitation"), labelsOf(exploitationOptions(), c.Trafficking.Exploitation))
	f.add(lang.L("casefile.fact.opened"), dayLabel(c.OpenedOn))
	nextText := lang.L("casefile.followUp.none")
	if has {
		nextText = dayLabel(next.Due)
		if late {
			nextText = lang.L("casefile.followUp.late", map[string]any{"Date": dayLabel(next.Due)})
		}
		if next.Notes != "" {
			nextText += " · " + next.Notes
		}
	}
	f.add(lang.L("casefile.fact.nextFollowUp"), nextText)
	// The latest safety check, as far as it was answered.
	for _, field := range []string{"safety.level", "safety.immediateDanger", "safety.traffickerContact", "safety.threatsToFamily",
		"safety.urgentHealth", "safety.safePlaceTonight", "safety.notes"} {
		if v := knownValue(c, field); v != "" {
			f.add(caseFieldName(field), v)
		}
	}
	objects = append(objects, f.box)
	column := container.New(&columnLayout{maxEms: 62}, objects...)
	return container.NewVScroll(container.NewPadded(column))
}

// conflictBanner says that another office changed the case at the same
// time as this one and the values shown are provisional; a supervisor gets
// Resolve…. Nil when nothing is in conflict.
func (cf *caseFile) conflictBanner() fyne.CanvasObject {
	svc := cf.s.conflicts()
	if svc == nil {
		return nil
	}
	items, err := svc.CaseConflicts(context.Background(), cf.c.ID)
	if err != nil {
		fyne.LogError("list the conflicts of a case", err)
		return nil
	}
	if len(items) == 0 {
		return nil
	}
	n := 0
	for _, it := range items {
		n += len(it.Fields)
	}
	args := map[string]any{"Count": caseListNumber(n)}
	text := lang.L("casefile.alert.conflict.other", args)
	if i18n.PluralCategory(Language(), int64(n)) == "one" {
		text = lang.L("casefile.alert.conflict.one", args)
	}
	b := newBanner(theme.WarningIcon(), text, widget.WarningImportance)
	cf.alertBoxes = append(cf.alertBoxes, b)
	if !cf.s.sess.Can(casework.PermResolveConflicts) {
		return b.box
	}
	first := items[0].ID
	resolve := widget.NewButtonWithIcon(lang.L("casefile.alert.conflict.resolve"), theme.NavigateNextIcon(), func() {
		cf.s.app.touch()
		cf.s.showConflicts(first)
	})
	return container.NewBorder(nil, nil, nil, container.NewCenter(resolve), b.box)
}

func (cf *caseFile) tabTitle(id string) string {
	switch id {
	case tabChild:
		return lang.L("casefile.tab.child")
	case tabPlan:
		return lang.L("casefile.tab.plan")
	case tabInterviews:
		return lang.L("casefile.tab.interviews")
	case tabScreening:
		return lang.L("casefile.tab.screening")
	}
	return ""
}

func (cf *caseFile) personRead() []fyne.CanvasObject {
	p := cf.c.Person
	today := cf.s.deps.now()
	f := newFacts()
	f.add(lang.L("case.person.firstName"), p.FirstName)
	f.add(lang.L("case.person.middleName"), p.MiddleName)
	f.add(lang.L("case.person.lastName"), p.LastName)
	f.add(lang.L("case.person.aliases"), strings.Join(p.Aliases, ", "))
	f.add(lang.L("case.person.gender"), optionLabel(genderOptions(), string(p.Gender)))
	f.add(lang.L("casefile.fact.age"), ageText(p, today))
	f.add(lang.L("casefile.fact.child"), childText(p, today))
	f.add(lang.L("case.person.languages"), languagesText(p.Languages))
	f.add(lang.L("case.person.citizenship"), countriesText(p.Citizenship))
	f.add(lang.L("case.person.education"), optionLabel(educationOptions(), p.Education))
	f.add(lang.L("case.person.maritalStatus"), optionLabel(maritalOptions(), p.MaritalStatus))
	children := ""
	if p.Children > 0 {
		children = itoa(p.Children)
	}
	f.add(lang.L("case.person.children"), children)
	f.add(lang.L("case.person.disability"), p.Disability)
	var docs []string
	for _, d := range p.Documents {
		parts := []string{optionLabel(documentKindOptions(), d.Kind)}
		if d.Number != "" {
			parts = append(parts, d.Number)
		}
		if d.HeldBy != "" {
			parts = append(parts, lang.L("casefile.document.heldBy", map[string]any{"Who": optionLabel(heldByOptions(), d.HeldBy)}))
		}
		docs = append(docs, strings.Join(parts, " · "))
	}
	f.add(lang.L("case.person.documents"), strings.Join(docs, "\n"))
	if p.ContactConsent {
		f.add(lang.L("case.person.phone"), p.Phone)
		f.add(lang.L("case.person.email"), p.Email)
		f.add(lang.L("case.person.address"), p.Address)
	} else {
		f.add(lang.L("case.person.contacts"), lang.L("casefile.person.noContactConsent"))
	}
	return []fyne.CanvasObject{f.box}
}

func (cf *caseFile) childRead() []fyne.CanvasObject {
	ch := cf.c.Child
	g := ch.Guardian
	var objects []fyne.CanvasObject
	if strings.TrimSpace(g.Name) == "" {
		b := newBanner(theme.WarningIcon(), lang.L("casefile.alert.noGuardian"), widget.DangerImportance)
		objects = append(objects, b.box)
	}
	f := newFacts()
	f.add(lang.L("case.child.guardian.name"), g.Name)
	f.add(lang.L("case.child.guardian.relation"), optionLabel(guardianRelationOptions(), g.Relation))
	f.add(lang.L("case.child.guardian.contact"), g.Contact)
	f.add(lang.L("case.child.guardian.appointedBy"), g.AppointedBy)
	f.add(lang.L("case.child.guardian.appointedOn"), dayLabel(g.AppointedOn))
	f.add(lang.L("case.child.unaccompanied"), yesNo(ch.Unaccompanied))
	f.add(lang.L("case.child.separated"), yesNo(ch.Separated))
	objects = append(objects, f.box, widget.NewSeparator(), subheading(lang.L("case.bia.title")))
	if ch.BIA == nil {
		b := newBanner(theme.WarningIcon(), lang.L("casefile.alert.noBIA"), widget.WarningImportance)
		return append(objects, b.box)
	}
	bf := newFacts()
	bf.add(lang.L("case.bia.priority"), optionLabel(biaPriorityOptions(), string(ch.BIA.Priority)))
	bf.add(lang.L("case.bia.recommendations"), labelsOf(biaRecommendationOptions(), ch.BIA.Recommendations))
	bf.add(lang.L("case.bia.assessedOn"), dayLabel(ch.BIA.AssessedOn))
	bf.add(lang.L("case.bia.assessedBy"), ch.BIA.AssessedBy)
	bf.add(lang.L("case.bia.notes"), ch.BIA.Notes)
	return append(objects, bf.box)
}

func (cf *caseFile) traffickingRead() []fyne.CanvasObject {
	t := cf.c.Trafficking
	f := newFacts()
	f.add(lang.L("case.trafficking.status"), optionLabel(traffickingStatusOptions(), string(t.Status)))
	f.add(lang.L("case.trafficking.decidedBy"), optionLabel(decidedByOptions(), t.DecidedBy))
	f.add(lang.L("case.trafficking.relationship"), optionLabel(relationshipOptions(), t.Relationship))
	age := ""
	if t.AgeWhenTrafficked > 0 {
		age = itoa(t.AgeWhenTrafficked)
	}
	f.add(lang.L("case.trafficking.ageWhenTrafficked"), age)
	f.add(lang.L("case.trafficking.recruitment"), labelsOf(recruitmentOptions(), t.Recruitment))
	f.add(lang.L("case.trafficking.control"), labelsOf(controlOptions(), t.Control))
	f.add(lang.L("case.trafficking.exploitation"), labelsOf(exploitationOptions(), t.Exploitation))
	if t.LabourSector != "" {
		f.add(lang.L("case.trafficking.labourSector"), optionLabel(labourSectorOptions(), t.LabourSector))
	}
	if len(t.SexExploitation) > 0 {
		f.add(lang.L("case.trafficking.sexExploitation"), labelsOf(sexExploitationOptions(), t.SexExploitation))
	}
	var events []string
	for _, e := range cf.c.Events {
		where := strings.Join(nonEmpty(countryName(e.Country, Language()), e.Place), ", ")
		if e.Country == "" {
			where = e.Place
		}
		when := ""
		switch {
		case e.From != "" && e.To != "":
			when = dayLabel(e.From) + " – " + dayLabel(e.To)
		case e.From != "":
			when = dayLabel(e.From)
		case e.To != "":
			when = dayLabel(e.To)
		}
		events = append(events, strings.Join(nonEmpty(optionLabel(eventTypeOptions(), e.Type), where, when), " · "))
	}
	f.add(lang.L("case.trafficking.vulnerabilities"), labelsOf(vulnerabilityOptions(), t.Vulnerabilities))
	f.add(lang.L("case.trafficking.events"), strings.Join(events, "\n"))
	var perpetrators []string
	for _, pp := range cf.c.Perpetrators {
		perpetrators = append(perpetrators, strings.Join(nonEmpty(labelsOf(roleOptions(), pp.Roles), pp.Details), " · "))
	}
	f.add(lang.L("case.trafficking.perpetrators"), strings.Join(perpetrators, "\n"))
	f.add(lang.L("case.trafficking.recruitmentApps"), labelsOf(appOptions(), t.RecruitmentApps))
	f.add(lang.L("case.trafficking.exploitationApps"), labelsOf(appOptions(), t.ExploitationApps))
	// The person's account, as recorded: read here, changed with Edit.
	account := wrapped(t.Narrative)
	if strings.TrimSpace(t.Narrative) == "" {
		account.SetText(lang.L("casefile.narrative.none"))
		account.Importance = widget.LowImportance
	}
	return []fyne.CanvasObject{f.box, widget.NewSeparator(), subheading(lang.L("casefile.narrative")), account}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
