package letter

import (
	"strconv"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// intakeLanguages are the languages the blank form offers to tick, in the
// window's order: the office languages first, then the region's.
var intakeLanguages = []string{"en", "fr", "pt", "ar", "ak", "bm", "kea", "dyu", "ee", "fon", "ff", "pov", "ha", "ig",
	"kr", "kri", "mnk", "men", "mos", "snk", "sus", "tem", "wo", "yo", "dje"}

// IntakeBlankPDF renders the blank intake form for paper use when the
// laptop is not at hand, in lang, with office o's letterhead: the
// sections of the window's intake form in its order (who the person is,
// child protection, background and contacts, what happened, then the
// safety check, the plan and first needs, and the consents), each field
// with its label, lines to write on and tick boxes with the labels of the
// choices, so that it can be typed in later.
func IntakeBlankPDF(o domain.Office, lang string, created time.Time) ([]byte, error) {
	s, err := newSheet(lang, "", created, "", "B", "I")
	if err != nil {
		return nil, err
	}
	t := s.t
	s.pdf.SetTitle(t.get("intake.title"), true)
	s.footer = func() string {
		return s.tx("intake.footer", "page", strconv.Itoa(s.pdf.PageNo()), "pages", "{nb}")
	}
	s.letterhead(o)
	s.title(s.tx("intake.title"), s.tx("intake.subtitle"))
	s.blanks(blank{label: s.tx("intake.date"), width: 0.25}, blank{label: s.tx("intake.place"), width: 0.35},
		blank{label: s.tx("intake.worker"), width: 0.4})
	s.blanks(blank{label: s.tx("intake.caseCode"), width: 0.6}, blank{label: s.tx("intake.typedOn"), width: 0.4})

	s.intakeWho()
	s.intakeChild()
	s.intakeMore()
	s.intakeTrafficking()
	s.intakeSafety()
	s.intakePlan()
	s.intakeConsent()
	return s.bytes()
}

// step writes a numbered section of the form with its introduction, kept
// with keep mm of what follows.
func (s *sheet) step(n int, titleKey, introKey string, keep float64) {
	title := strconv.Itoa(n) + ". " + s.tx(titleKey)
	intro := ""
	if introKey != "" {
		intro = s.tx(introKey)
	}
	introH := 0.0
	if intro != "" {
		introH = s.height(intro, "I", smallSize+0.5, smallLine, s.width()) + 2
	}
	s.pdf.Ln(2)
	s.section(title, introH+keep)
	if intro != "" {
		s.colour(colourGrey)
		s.para(intro, "I", smallSize+0.5, smallLine)
		s.colour(colourBlack)
		s.pdf.Ln(2)
	}
}

// dateHint is how a date is written by hand in the form's language.
func (s *sheet) dateHint(label string) string {
	return label + " (" + s.tx("intake.dateFormat") + ")"
}

// pick writes a field's label with its choices as tick boxes.
func (s *sheet) pick(labelKey, helpKey, list string, values []string, cols int) {
	help := ""
	if helpKey != "" {
		help = s.tx(helpKey)
	}
	s.choice(s.tx(labelKey), help, s.t.labels(list, values), cols)
}

// intakeWho is the section "Who the person is": names, other names, sex,
// date of birth or estimated age and how, and the doubt about the age.
func (s *sheet) intakeWho() {
	names := []blank{
		{label: s.tx("case.person.firstName"), width: 1.0 / 3},
		{label: s.tx("case.person.middleName"), width: 1.0 / 3},
		{label: s.tx("case.person.lastName"), width: 1.0 / 3},
	}
	s.step(1, "intake.step.who", "intake.step.who.intro", s.blanksHeight(names...))
	s.blanks(names...)
	s.blanks(blank{label: s.tx("case.person.aliases"), hint: s.tx("case.person.aliases.help"), width: 1})
	s.pdf.Ln(1.5)
	s.pick("case.person.gender", "", "gender", stringsOf(domain.Genders), 3)
	s.blanks(blank{label: s.dateHint(s.tx("case.person.birthDate")), width: 0.5},
		blank{label: s.tx("intake.ageEstimate"), width: 0.5})
	s.pdf.Ln(1.5)
	s.pick("case.person.ageEstimateBy", "", "ageMethod", stringsOf(domain.AgeMethods), 3)
	s.choice(s.tx("case.person.ageDoubt"), s.tx("case.person.ageDoubt.help"),
		[]string{s.tx("case.person.ageUncertain"), s.tx("case.person.mayBeChild")}, 1)
}

// intakeChild is the section "Child protection": the guardian and whether
// the child is unaccompanied or separated.
func (s *sheet) intakeChild() {
	guardian := []blank{
		{label: s.tx("case.child.guardian.name"), width: 1},
	}
	s.step(2, "intake.step.child", "intake.child.only", s.blanksHeight(guardian...))
	s.blanks(guardian...)
	s.pdf.Ln(1.5)
	s.pick("case.child.guardian.relation", "", "guardianRelation", domain.GuardianRelations, 3)
	s.blanks(blank{label: s.tx("case.child.guardian.contact"), width: 1})
	s.blanks(blank{label: s.tx("case.child.guardian.appointedBy"), hint: s.tx("case.child.guardian.appointedBy.help"), width: 0.62},
		blank{label: s.dateHint(s.tx("case.child.guardian.appointedOn")), width: 0.38})
	s.pdf.Ln(1.5)
	s.choice(s.tx("case.child.situation"), s.tx("case.child.situation.help"),
		[]string{s.tx("case.child.unaccompanied"), s.tx("case.child.separated")}, 1)
}

// intakeMore is the section "Background and contacts": languages,
// citizenship, schooling, family, disability, documents and, only with the
// person's agreement, how to reach them.
func (s *sheet) intakeMore() {
	t := s.t
	langs := make([]string, len(intakeLanguages))
	for i, c := range intakeLanguages {
		langs[i] = t.language(c)
	}
	s.step(3, "intake.step.more", "intake.step.more.intro", s.choiceHeight(s.tx("case.person.languages"), "", langs[:4], 4))
	s.choice(s.tx("case.person.languages"), "", langs, 4)
	s.blanks(blank{label: s.tx("intake.otherLanguages"), width: 1})
	s.blanks(blank{label: s.tx("case.person.citizenship"), hint: s.tx("case.person.citizenship.help"), width: 1})
	s.pdf.Ln(1.5)
	s.pick("case.person.education", "", "education", domain.EducationLevels, 2)
	s.pick("case.person.maritalStatus", "", "maritalStatus", domain.MaritalStatuses, 3)
	s.blanks(blank{label: s.tx("case.person.children"), width: 0.3},
		blank{label: s.tx("case.person.disability"), hint: s.tx("case.person.disability.help"), width: 0.7})

	// Identity documents: two, each its kind, number and who holds it.
	kinds := t.labels("documentKind", domain.DocumentKinds)
	holders := t.labels("heldBy", domain.DocumentHolders)
	docH := s.choiceHeight(s.tx("case.document.kind"), "", kinds, 3) + s.blanksHeight(blank{label: "x", width: 1}) +
		s.choiceHeight(s.tx("case.document.heldBy"), "", holders, 3)
	help := s.tx("case.person.documents.help")
	s.need(s.subheadHeight(s.tx("case.person.documents")) + s.height(help, "I", smallSize, smallLine, s.width()) + 1 + docH)
	s.pdf.Ln(2)
	s.subhead(s.tx("case.person.documents"))
	s.colour(colourGrey)
	s.para(help, "I", smallSize, smallLine)
	s.colour(colourBlack)
	s.pdf.Ln(1)
	for i := 1; i <= 2; i++ {
		label := s.tx("intake.document", "n", strconv.Itoa(i))
		s.need(docH + 5)
		s.fieldLabel(label, "")
		s.pdf.Ln(0.5)
		s.ticks(kinds, s.columnsFor(kinds, 3))
		s.blanks(blank{label: s.tx("case.document.number"), width: 1})
		s.pdf.Ln(1)
		s.choice(s.tx("case.document.heldBy"), "", holders, 3)
	}

	// Contacts, only when the person agrees to be contacted.
	phone := []blank{{label: s.tx("case.person.phone"), width: 0.45}, {label: s.tx("case.person.email"), width: 0.55}}
	s.need(s.subheadHeight(s.tx("case.person.contacts")) + s.ticksHeight([]string{s.tx("case.person.contactConsent")}, 1) +
		s.blanksHeight(phone...) + 8)
	s.pdf.Ln(2)
	s.subhead(s.tx("case.person.contacts"))
	s.ticks([]string{s.tx("case.person.contactConsent")}, 1)
	s.colour(colourGrey)
	s.para(s.tx("intake.contact.only"), "I", smallSize, smallLine)
	s.colour(colourBlack)
	s.blanks(phone...)
	s.blanks(blank{label: s.tx("case.person.address"), width: 1})
}

// intakeTrafficking is the section "What happened", in the HTCDS terms,
// with the person's account.
func (s *sheet) intakeTrafficking() {
	t := s.t
	statuses := t.labels("traffickingStatus", stringsOf(domain.TraffickingStatuses))
	s.step(4, "intake.step.trafficking", "intake.step.trafficking.intro",
		s.choiceHeight(s.tx("case.trafficking.status"), s.tx("case.trafficking.status.help"), statuses, 3))
	s.choice(s.tx("case.trafficking.status"), s.tx("case.trafficking.status.help"), statuses, 3)
	s.pick("case.trafficking.decidedBy", "", "decidedBy", domain.DecisionMakingOrgs, 3)
	s.pick("case.trafficking.relationship", "", "relationship", domain.RelationshipsToTrafficker, 3)
	s.blanks(blank{label: s.tx("case.trafficking.ageWhenTrafficked"), width: 0.4})
	s.pdf.Ln(2)
	s.ruled(s.tx("case.trafficking.narrative"), s.tx("case.trafficking.narrative.help"), 8)
	s.pick("case.trafficking.recruitment", "", "recruitment", domain.MethodsOfRecruitment, 2)
	s.pick("case.trafficking.control", "case.trafficking.control.help", "control", domain.MethodsOfControl, 3)
	s.pick("case.trafficking.exploitation", "", "exploitation", domain.TypesOfExploitation, 3)
	s.pick("case.trafficking.labourSector", "case.trafficking.labourSector.help", "labourSector", domain.ForcedLabourIndustries, 2)
	s.pick("case.trafficking.sexExploitation", "", "sexExploitation", domain.TypesOfSexExploitation, 2)
	s.pick("case.trafficking.vulnerabilities", "case.trafficking.vulnerabilities.help", "vulnerability", domain.Vulnerabilities, 3)

	// Places and dates: three, each what happened there, country, town,
	// from and until.
	types := t.labels("eventType", domain.EventTypes)
	place := []blank{
		{label: s.tx("case.event.country"), width: 0.3},
		{label: s.tx("case.event.place"), width: 0.3},
		{label: s.tx("case.event.from"), width: 0.2},
		{label: s.tx("case.event.to"), width: 0.2},
	}
	placeH := s.fieldLabelHeight("x", "") + s.ticksHeight(types, 3) + s.blanksHeight(place...) + 2
	help := s.tx("case.trafficking.events.help")
	s.need(s.subheadHeight(s.tx("case.trafficking.events")) + s.height(help, "I", smallSize, smallLine, s.width()) + 1 + placeH)
	s.pdf.Ln(2)
	s.subhead(s.tx("case.trafficking.events"))
	s.colour(colourGrey)
	s.para(help+" "+s.tx("intake.partialDate"), "I", smallSize, smallLine)
	s.colour(colourBlack)
	s.pdf.Ln(1)
	for i := 1; i <= 3; i++ {
		s.need(placeH)
		s.fieldLabel(s.tx("intake.event", "n", strconv.Itoa(i))+" — "+s.tx("case.event.type"), "")
		s.pdf.Ln(0.5)
		s.ticks(types, 3)
		s.blanks(place...)
		s.pdf.Ln(2)
	}

	// Perpetrators: their roles and what they did, never who they are.
	roles := t.labels("role", domain.RolesInProcess)
	perpH := s.choiceHeight("x", "", roles, 3) + s.blanksHeight(blank{label: "x", width: 1})
	help = s.tx("case.trafficking.perpetrators.help")
	s.need(s.subheadHeight(s.tx("case.trafficking.perpetrators")) + s.height(help, "I", smallSize, smallLine, s.width()) + 1 + perpH)
	s.subhead(s.tx("case.trafficking.perpetrators"))
	s.colour(colourGrey)
	s.para(help, "I", smallSize, smallLine)
	s.colour(colourBlack)
	s.pdf.Ln(1)
	for i := 1; i <= 2; i++ {
		s.need(perpH)
		s.choice(s.tx("intake.perpetrator", "n", strconv.Itoa(i)), "", roles, 3)
		s.blanks(blank{label: s.tx("case.perpetrator.details"), width: 1})
		s.pdf.Ln(2)
	}
	s.pick("case.trafficking.recruitmentApps", "", "app", domain.RecruitmentWebsitesAndApps, 5)
	s.pick("case.trafficking.exploitationApps", "", "app", domain.ExploitationWebsitesAndApps, 5)
}

// yesNoWidth is the width of the Yes and No boxes at the right of a
// question.
const yesNoWidth = 46.0

// yesNoHeight is the height of a question with Yes and No boxes.
func (s *sheet) yesNoHeight(question string) float64 {
	return s.height(question, "", bodySize, bodyLine, s.width()-yesNoWidth) + 1.5
}

// yesNo writes a question with Yes and No boxes at the right.
func (s *sheet) yesNo(question string) {
	pdf := s.pdf
	h := s.yesNoHeight(question)
	s.need(h)
	left, w := s.left(), s.width()
	y := pdf.GetY()
	_, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	pdf.SetRightMargin(pageW - left - (w - yesNoWidth))
	s.font("", bodySize)
	pdf.MultiCell(0, bodyLine, question, "", "L", false)
	pdf.SetRightMargin(right)
	x := left + w - yesNoWidth
	s.tick(x+4, y, yesNoWidth/2-4, s.tx("ref.informed.yes"))
	s.tick(x+yesNoWidth/2+2, y, yesNoWidth/2-2, s.tx("ref.informed.no"))
	pdf.SetXY(left, y+h)
}

// intakeSafety is the safety check: the five questions, the interviewer's
// judgement of the risk and notes.
func (s *sheet) intakeSafety() {
	questions := []string{
		s.tx("case.safety.immediateDanger"), s.tx("case.safety.traffickerContact"), s.tx("case.safety.threatsToFamily"),
		s.tx("case.safety.urgentHealth"), s.tx("case.safety.safePlaceTonight"),
	}
	levels := make([]string, len(domain.SafetyLevels))
	for i, l := range domain.SafetyLevels {
		levels[i] = s.tx("case.safety.level." + l)
	}
	// The questions and the risk are kept together.
	keep := s.choiceHeight(s.tx("case.safety.level"), "", levels, 4) + 1.5
	for _, q := range questions {
		keep += s.yesNoHeight(q)
	}
	s.step(5, "intake.step.safety", "intake.step.safety.intro", keep)
	for _, q := range questions {
		s.yesNo(q)
	}
	s.pdf.Ln(1.5)
	s.choice(s.tx("case.safety.level"), "", levels, 4)
	s.ruled(s.tx("case.safety.notes"), "", 3)
}

// intakePlan is the section "Plan and next steps": priority, stage, the
// support planned, the first needs, objectives, actions and dates.
func (s *sheet) intakePlan() {
	t := s.t
	prios := t.labels("priority", stringsOf(domain.Priorities))
	s.step(6, "intake.step.plan", "intake.step.plan.intro", s.choiceHeight(s.tx("case.priority"), "", prios, 3))
	s.choice(s.tx("case.priority"), "", prios, 3)
	s.pick("case.stage", "", "stage", stringsOf(domain.Stages), 3)
	s.pick("case.plan.types", "", "planType", domain.SupportPlanTypes, 3)
	s.pick("intake.needs", "intake.needs.help", "service", domain.ServiceTypes, 3)
	s.ruled(s.tx("case.plan.objectives"), s.tx("case.plan.objectives.help"), 3)
	s.ruled(s.tx("case.plan.actions"), "", 3)
	s.blanks(blank{label: s.dateHint(s.tx("case.plan.firstFollowUp")), width: 0.5},
		blank{label: s.dateHint(s.tx("case.plan.plannedEnd")), width: 0.5})
}

// intakeConsent is the consents asked at intake: Yes or No for each
// purpose, the partner named, who gave them, how and when.
func (s *sheet) intakeConsent() {
	t := s.t
	var questions []string
	for _, p := range domain.ConsentPurposes {
		questions = append(questions, t.label("consentPurpose", string(p)))
	}
	partner := blank{label: s.tx("intake.consent.partner"), width: 1}
	givers := t.labels("consentGiver", stringsOf(domain.ConsentGivers))
	methods := t.labels("consentMethod", stringsOf(domain.ConsentMethods))
	who := []blank{{label: s.tx("intake.consent.giverName"), width: 0.6}, {label: s.dateHint(s.tx("common.date")), width: 0.4}}
	end := strings.TrimSpace(s.tx("intake.end"))
	// The whole section on one page: who gave the consents, how and when
	// belong with the answers.
	tail := s.choiceHeight(s.tx("intake.consent.givenBy"), "", givers, 4) + s.choiceHeight(s.tx("intake.consent.method"), "", methods, 2) +
		s.blanksHeight(who...) + 3 + s.height(end, "I", smallSize, smallLine, s.width())
	keep := 1 + s.blanksHeight(partner) + 1.5 + tail
	for _, q := range questions {
		keep += s.yesNoHeight(q)
	}
	s.step(7, "intake.step.consent", "intake.step.consent.intro", min(keep, s.usable()-30))
	for _, q := range questions {
		s.yesNo(q)
	}
	s.pdf.Ln(1)
	s.blanks(partner)
	s.pdf.Ln(1.5)
	s.need(tail)
	s.choice(s.tx("intake.consent.givenBy"), "", givers, 4)
	s.choice(s.tx("intake.consent.method"), "", methods, 2)
	s.blanks(who...)
	s.pdf.Ln(3)
	s.colour(colourGrey)
	s.para(end, "I", smallSize, smallLine)
	s.colour(colourBlack)
}
