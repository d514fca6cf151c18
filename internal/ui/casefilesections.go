package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

// The sections of a case's fields, in the order of a first meeting. The
// intake form shows them one at a time; the case file's tabs show them in
// Edit mode.

// Age modes: a known date of birth, or an estimated age.
const (
	ageByBirthDate = "birth"
	ageByEstimate  = "estimate"
	fieldAgeMode   = "age.mode"
)

// whoSection: names, sex, age. childBanner, when not nil, is placed under
// the age (the intake form keeps it up to date).
func (f *caseForm) whoSection(childBanner fyne.CanvasObject) []fyne.CanvasObject {
	first := f.entry("person.firstName")
	aliases := f.entry("person.aliases")
	aliases.SetPlaceHolder(lang.L("case.person.aliases.placeholder"))
	names := fieldRow(
		f.field("person.firstName", lang.L("case.person.firstName"), first, ""),
		f.field("person.middleName", lang.L("case.person.middleName"), f.entry("person.middleName"), ""),
		f.field("person.lastName", lang.L("case.person.lastName"), f.entry("person.lastName"), ""),
	)
	gender := f.selectOf("person.gender", genderOptions(), lang.L("case.choose"))

	if f.v[fieldAgeMode] == "" {
		f.v[fieldAgeMode] = ageByBirthDate
	}
	mode := f.radio(fieldAgeMode, []option{
		{ageByBirthDate, lang.L("case.person.age.byBirthDate")},
		{ageByEstimate, lang.L("case.person.age.byEstimate")},
	}, true)
	mode.Required = true
	birthField := f.field("person.birthDate", lang.L("case.person.birthDate"), f.dateEntry("person.birthDate"), lang.L("case.date.help"))
	birth := fieldRow(birthField, layout.NewSpacer())
	estimate := f.entry("person.ageEstimate")
	estimate.SetPlaceHolder(lang.L("case.person.ageEstimate.placeholder"))
	estimateRow := fieldRow(
		f.field("person.ageEstimate", lang.L("case.person.ageEstimate"), estimate, ""),
		f.field("person.ageEstimateBy", lang.L("case.person.ageEstimateBy"), f.selectOf("person.ageEstimateBy", ageMethodOptions(), lang.L("case.choose")), ""),
	)
	showMode := func() {
		if f.v[fieldAgeMode] == ageByEstimate {
			birth.Hide()
			estimateRow.Show()
		} else {
			estimateRow.Hide()
			birth.Show()
		}
		relayout(birth)
	}
	f.hooks[fieldAgeMode] = showMode
	showMode()

	uncertain := f.check("person.ageUncertain", lang.L("case.person.ageUncertain"))
	mayBeChild := f.check("person.mayBeChild", lang.L("case.person.mayBeChild"))
	objects := []fyne.CanvasObject{
		names,
		f.field("person.aliases", lang.L("case.person.aliases"), aliases, lang.L("case.person.aliases.help")),
		fieldRow(f.field("person.gender", lang.L("case.person.gender"), gender, ""), f.field(fieldAgeMode, lang.L("case.person.age"), mode, "")),
		birth, estimateRow,
		f.field("person.ageUncertain", lang.L("case.person.ageDoubt"), container.NewVBox(uncertain, mayBeChild), lang.L("case.person.ageDoubt.help")),
	}
	if childBanner != nil {
		objects = append(objects, childBanner)
	}
	return objects
}

// childSection: the guardian or caregiver and the child's situation.
func (f *caseForm) childSection() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		wrapped(lang.L("case.child.intro")),
		fieldRow(
			f.field("child.guardian.name", lang.L("case.child.guardian.name"), f.entry("child.guardian.name"), ""),
			f.field("child.guardian.relation", lang.L("case.child.guardian.relation"),
				f.selectOf("child.guardian.relation", guardianRelationOptions(), lang.L("case.choose")), ""),
		),
		fieldRow(
			f.field("child.guardian.contact", lang.L("case.child.guardian.contact"), f.entry("child.guardian.contact"), ""),
			f.field("child.guardian.appointedBy", lang.L("case.child.guardian.appointedBy"), f.entry("child.guardian.appointedBy"), lang.L("case.child.guardian.appointedBy.help")),
			f.field("child.guardian.appointedOn", lang.L("case.child.guardian.appointedOn"), f.dateEntry("child.guardian.appointedOn"), ""),
		),
		f.field("child.unaccompanied", lang.L("case.child.situation"), container.NewVBox(
			f.check("child.unaccompanied", lang.L("case.child.unaccompanied")),
			f.check("child.separated", lang.L("case.child.separated")),
		), lang.L("case.child.situation.help")),
	}
}

// biaSection: the Best Interests Assessment of a child.
func (f *caseForm) biaSection() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		wrapped(lang.L("case.bia.intro")),
		f.field("child.bia.priority", lang.L("case.bia.priority"), f.radio("child.bia.priority", biaPriorityOptions(), true), ""),
		f.field("child.bia.recommendations", lang.L("case.bia.recommendations"), f.grid("child.bia.recommendations", biaRecommendationOptions(), 17).box, ""),
		fieldRow(
			f.field("child.bia.assessedOn", lang.L("case.bia.assessedOn"), f.dateEntry("child.bia.assessedOn"), ""),
			f.field("child.bia.assessedBy", lang.L("case.bia.assessedBy"), f.entry("child.bia.assessedBy"), lang.L("case.bia.assessedBy.help")),
		),
		f.field("child.bia.notes", lang.L("case.bia.notes"), f.multiline("child.bia.notes", 3), ""),
	}
}

// Document fields of a row of "person.documents".
var documentNames = []string{"kind", "number", "heldBy"}

// moreSection: languages, citizenship, background, documents, contacts.
func (f *caseForm) moreSection() []fyne.CanvasObject {
	children := f.entry("person.children")

	docs := container.NewVBox()
	for i := 0; i < f.count("person.documents"); i++ {
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			f.touch()
			f.removeRow("person.documents", i, documentNames)
			f.redrawSection()
		})
		remove.Importance = widget.LowImportance
		row := fieldRow(
			f.field(rowID("person.documents", i, "kind"), lang.L("case.document.kind"),
				f.selectOf(rowID("person.documents", i, "kind"), documentKindOptions(), lang.L("case.choose")), ""),
			f.field(rowID("person.documents", i, "number"), lang.L("case.document.number"), f.entry(rowID("person.documents", i, "number")), ""),
			f.field(rowID("person.documents", i, "heldBy"), lang.L("case.document.heldBy"),
				f.selectOf(rowID("person.documents", i, "heldBy"), heldByOptions(), lang.L("case.choose")), ""),
		)
		docs.Add(container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), remove), row))
	}
	addDoc := widget.NewButtonWithIcon(lang.L("case.document.add"), theme.ContentAddIcon(), func() {
		f.touch()
		f.setCount("person.documents", f.count("person.documents")+1)
		f.redrawSection()
	})

	consent := f.check("person.contactConsent", lang.L("case.person.contactConsent"))
	why := wrapped(lang.L("case.person.contact.why"))
	why.Importance = widget.LowImportance
	phone := f.entry("person.phone")
	phone.SetPlaceHolder("+221 77 000 00 00")
	email := f.entry("person.email")
	address := f.multiline("person.address", 2)
	contacts := []*activityEntry{phone, email, address}
	// Without consent the contacts stay closed, with the reason; text
	// already there stays open so it can be removed (nothing is dropped
	// behind the person's back).
	syncContacts := func() {
		for _, e := range contacts {
			if f.flag("person.contactConsent") || e.Text != "" {
				e.Enable()
			} else {
				e.Disable()
			}
		}
		if f.flag("person.contactConsent") {
			why.Hide()
		} else {
			why.Show()
		}
		relayout(why)
	}
	f.hooks["person.contactConsent"] = syncContacts
	syncContacts()

	return []fyne.CanvasObject{
		f.field("person.languages", lang.L("case.person.languages"), f.grid("person.languages", languageOptions(), 12).box, ""),
		f.field("person.citizenship", lang.L("case.person.citizenship"), f.countries("person.citizenship").box, lang.L("case.person.citizenship.help")),
		fieldRow(
			f.field("person.education", lang.L("case.person.education"), f.selectOf("person.education", educationOptions(), lang.L("case.choose")), ""),
			f.field("person.maritalStatus", lang.L("case.person.maritalStatus"), f.selectOf("person.maritalStatus", maritalOptions(), lang.L("case.choose")), ""),
			f.field("person.children", lang.L("case.person.children"), children, ""),
		),
		f.field("person.disability", lang.L("case.person.disability"), f.entry("person.disability"), lang.L("case.person.disability.help")),
		f.field("person.documents", lang.L("case.person.documents"), container.NewVBox(docs, container.NewHBox(addDoc)), lang.L("case.person.documents.help")),
		widget.NewSeparator(),
		f.field("person.contactConsent", lang.L("case.person.contacts"), container.NewVBox(consent, why), ""),
		fieldRow(
			f.field("person.phone", lang.L("case.person.phone"), phone, ""),
			f.field("person.email", lang.L("case.person.email"), email, ""),
		),
		f.field("person.address", lang.L("case.person.address"), address, ""),
	}
}

// Event fields of a row of "events".
var eventNames = []string{"type", "country", "place", "from", "to"}

// Perpetrator fields of a row of "perpetrators": roles and what they did,
// never who they are.
var perpetratorNames = []string{"roles", "details"}

// perpetrators is the list of perpetrators' roles, each row with Remove,
// and "Add a perpetrator" under it. The hint that no identity is kept
// comes first, before anything is typed.
func (f *caseForm) perpetrators() fyne.CanvasObject {
	hint := wrapped(lang.L("case.trafficking.perpetrators.help"))
	hint.Importance = widget.LowImportance
	rows := container.NewVBox()
	for i := 0; i < f.count("perpetrators"); i++ {
		remove := widget.NewButtonWithIcon(lang.L("case.perpetrator.remove"), theme.DeleteIcon(), func() {
			f.touch()
			f.removeRow("perpetrators", i, perpetratorNames)
			f.redrawSection()
		})
		remove.Importance = widget.LowImportance
		details := f.entry(rowID("perpetrators", i, "details"))
		details.SetPlaceHolder(lang.L("case.perpetrator.details.placeholder"))
		rows.Add(container.NewVBox(
			f.field(rowID("perpetrators", i, "roles"), lang.L("case.perpetrator.title", map[string]any{"Number": i + 1}),
				f.grid(rowID("perpetrators", i, "roles"), roleOptions(), 17).box, ""),
			container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), remove),
				f.field(rowID("perpetrators", i, "details"), lang.L("case.perpetrator.details"), details, "")),
			widget.NewSeparator(),
		))
	}
	add := widget.NewButtonWithIcon(lang.L("case.perpetrator.add"), theme.ContentAddIcon(), func() {
		f.touch()
		f.setCount("perpetrators", f.count("perpetrators")+1)
		f.redrawSection()
	})
	return container.NewVBox(hint, rows, container.NewHBox(add))
}

// traffickingSection: what happened, in the HTCDS terms, and the person's
// account in their words.
func (f *caseForm) traffickingSection() []fyne.CanvasObject {
	events := container.NewVBox()
	for i := 0; i < f.count("events"); i++ {
		remove := widget.NewButtonWithIcon(lang.L("case.event.remove"), theme.DeleteIcon(), func() {
			f.touch()
			f.removeRow("events", i, append(eventNames, "country#text"))
			f.redrawSection()
		})
		remove.Importance = widget.LowImportance
		from := f.entry(rowID("events", i, "from"))
		from.SetPlaceHolder(partialDatePlaceholder())
		to := f.entry(rowID("events", i, "to"))
		to.SetPlaceHolder(partialDatePlaceholder())
		card := container.NewVBox(
			fieldRow(
				f.field(rowID("events", i, "type"), lang.L("case.event.type"),
					f.selectOf(rowID("events", i, "type"), eventTypeOptions(), lang.L("case.choose")), ""),
				f.field(rowID("events", i, "country"), lang.L("case.event.country"), f.countryEntry(rowID("events", i, "country")), ""),
				f.field(rowID("events", i, "place"), lang.L("case.event.place"), f.entry(rowID("events", i, "place")), ""),
			),
			fieldRow(
				f.field(rowID("events", i, "from"), lang.L("case.event.from"), from, ""),
				f.field(rowID("events", i, "to"), lang.L("case.event.to"), to, ""),
				container.NewVBox(layout.NewSpacer(), container.NewHBox(remove)),
			),
			widget.NewSeparator(),
		)
		events.Add(card)
	}
	addEvent := widget.NewButtonWithIcon(lang.L("case.event.add"), theme.ContentAddIcon(), func() {
		f.touch()
		f.setCount("events", f.count("events")+1)
		f.redrawSection()
	})

	sector := f.field("trafficking.labourSector", lang.L("case.trafficking.labourSector"),
		f.selectOf("trafficking.labourSector", labourSectorOptions(), lang.L("case.choose")), lang.L("case.trafficking.labourSector.help"))
	sex := f.field("trafficking.sexExploitation", lang.L("case.trafficking.sexExploitation"),
		f.grid("trafficking.sexExploitation", sexExploitationOptions(), 17).box, "")
	showKinds := func() {
		labour, sexual := false, false
		for _, v := range f.list("trafficking.exploitation") {
			labour = labour || v == "ForcedLabour" || v == "ChildLabour"
			sexual = sexual || v == "SexualExploitation"
		}
		// A value chosen earlier stays visible even when its kind was unticked.
		if labour || f.v["trafficking.labourSector"] != "" {
			sector.Show()
		} else {
			sector.Hide()
		}
		if sexual || f.v["trafficking.sexExploitation"] != "" {
			sex.Show()
		} else {
			sex.Hide()
		}
		relayout(sector)
	}
	f.hooks["trafficking.exploitation"] = showKinds
	showKinds()

	age := f.entry("trafficking.ageWhenTrafficked")
	age.SetPlaceHolder(lang.L("case.person.ageEstimate.placeholder"))

	return []fyne.CanvasObject{
		f.field("trafficking.status", lang.L("case.trafficking.status"), f.radio("trafficking.status", traffickingStatusOptions(), false), lang.L("case.trafficking.status.help")),
		fieldRow(
			f.field("trafficking.decidedBy", lang.L("case.trafficking.decidedBy"), f.selectOf("trafficking.decidedBy", decidedByOptions(), lang.L("case.choose")), ""),
			f.field("trafficking.relationship", lang.L("case.trafficking.relationship"), f.selectOf("trafficking.relationship", relationshipOptions(), lang.L("case.choose")), ""),
			f.field("trafficking.ageWhenTrafficked", lang.L("case.trafficking.ageWhenTrafficked"), age, ""),
		),
		f.field("trafficking.narrative", lang.L("case.trafficking.narrative"), f.multiline("trafficking.narrative", 5), lang.L("case.trafficking.narrative.help")),
		f.field("trafficking.recruitment", lang.L("case.trafficking.recruitment"), f.grid("trafficking.recruitment", recruitmentOptions(), 18).box, ""),
		f.field("trafficking.control", lang.L("case.trafficking.control"), f.grid("trafficking.control", controlOptions(), 18).box, lang.L("case.trafficking.control.help")),
		f.field("trafficking.exploitation", lang.L("case.trafficking.exploitation"), f.grid("trafficking.exploitation", exploitationOptions(), 18).box, ""),
		sector, sex,
		f.field("trafficking.vulnerabilities", lang.L("case.trafficking.vulnerabilities"), f.grid("trafficking.vulnerabilities", vulnerabilityOptions(), 18).box, lang.L("case.trafficking.vulnerabilities.help")),
		f.field("events", lang.L("case.trafficking.events"), container.NewVBox(events, container.NewHBox(addEvent)), lang.L("case.trafficking.events.help")),
		f.field("perpetrators", lang.L("case.trafficking.perpetrators"), f.perpetrators(), ""),
		f.field("trafficking.recruitmentApps", lang.L("case.trafficking.recruitmentApps"), f.grid("trafficking.recruitmentApps", appOptions(), 11).box, ""),
		f.field("trafficking.exploitationApps", lang.L("case.trafficking.exploitationApps"), f.grid("trafficking.exploitationApps", appOptions(), 11).box, ""),
	}
}

// First follow-up of the intake form, and its id once made.
const (
	fieldFirstFollowUp   = "followUp.first"
	fieldFirstFollowUpID = "followUp.first.id"
)

// planSection: priority, stage and the support plan; firstFollowUp adds the
// date of the first follow-up (the intake form), actualEnd the plan's end
// (the case file).
func (f *caseForm) planSection(firstFollowUp, actualEnd bool) []fyne.CanvasObject {
	if f.v["priority"] == "" {
		f.v["priority"] = string(domain.PriorityNormal)
	}
	if f.v["stage"] == "" {
		f.v["stage"] = string(domain.StageIdentification)
	}
	prio := f.radio("priority", priorityOptions(), true)
	prio.Required = true
	stage := f.selectOf("stage", stageOptions(), lang.L("case.choose"))
	objects := []fyne.CanvasObject{
		fieldRow(
			f.field("priority", lang.L("case.priority"), prio, ""),
			f.field("stage", lang.L("case.stage"), stage, lang.L("case.stage.help")),
		),
		f.field("plan.types", lang.L("case.plan.types"), f.grid("plan.types", planTypeOptions(), 18).box, ""),
		f.field("plan.objectives", lang.L("case.plan.objectives"), f.multiline("plan.objectives", 3), lang.L("case.plan.objectives.help")),
		f.field("plan.actions", lang.L("case.plan.actions"), f.multiline("plan.actions", 3), ""),
	}
	var dates []fyne.CanvasObject
	if firstFollowUp {
		dates = append(dates, f.field(fieldFirstFollowUp, lang.L("case.plan.firstFollowUp"), f.dateEntry(fieldFirstFollowUp), lang.L("case.plan.firstFollowUp.help")))
	}
	dates = append(dates, f.field("plan.plannedEnd", lang.L("case.plan.plannedEnd"), f.dateEntry("plan.plannedEnd"), ""))
	if actualEnd {
		dates = append(dates, f.field("plan.actualEnd", lang.L("case.plan.actualEnd"), f.dateEntry("plan.actualEnd"), ""))
	}
	return append(objects, fieldRow(dates...))
}

// redrawSection draws the section on screen again.
func (f *caseForm) redrawSection() {
	if f.redraw != nil {
		f.redraw()
	}
}
