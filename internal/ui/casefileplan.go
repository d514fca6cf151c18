package ui

import (
	"context"
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// Field ids of the service and follow-up being added.
const (
	fieldServiceType     = "service.type"
	fieldServiceDate     = "service.date"
	fieldServiceProvider = "service.provider"
	fieldServiceNotes    = "service.notes"
	fieldFollowUpDue     = "followUp.due"
	fieldFollowUpNotes   = "followUp.notes"
)

// planRead: the plan, the services given and the follow-ups, with a way to
// add a service or a follow-up and to mark a follow-up done.
func (cf *caseFile) planRead() []fyne.CanvasObject {
	c := cf.c
	f := newFacts()
	f.add(lang.L("case.priority"), optionLabel(priorityOptions(), string(c.Priority)))
	f.add(lang.L("case.stage"), stageLabel(c.Stage))
	f.add(lang.L("case.plan.types"), labelsOf(planTypeOptions(), c.Plan.Types))
	f.add(lang.L("case.plan.objectives"), c.Plan.Objectives)
	f.add(lang.L("case.plan.actions"), c.Plan.Actions)
	f.add(lang.L("case.plan.plannedEnd"), dayLabel(c.Plan.PlannedEnd))
	f.add(lang.L("case.plan.actualEnd"), dayLabel(c.Plan.ActualEnd))
	objects := []fyne.CanvasObject{f.box, widget.NewSeparator()}
	objects = append(objects, cf.followUpsPart()...)
	objects = append(objects, widget.NewSeparator())
	return append(objects, cf.servicesPart()...)
}

// followUpsPart lists the follow-ups, soonest first, the late ones marked.
func (cf *caseFile) followUpsPart() []fyne.CanvasObject {
	today := isoDay(cf.s.deps.now())
	objects := []fyne.CanvasObject{subheading(lang.L("casefile.followUps"))}
	fus := append([]domain.FollowUp(nil), cf.c.FollowUps...)
	sort.SliceStable(fus, func(i, j int) bool {
		if (fus[i].Done == "") != (fus[j].Done == "") {
			return fus[i].Done == ""
		}
		return fus[i].Due < fus[j].Due
	})
	list := newFacts()
	for _, fu := range fus {
		var state string
		switch {
		case fu.Done != "":
			state = lang.L("casefile.followUp.doneOn", map[string]any{"Date": dayLabel(fu.Done)})
		case fu.Due < today:
			state = lang.L("casefile.followUp.overdue")
		default:
			state = lang.L("casefile.followUp.planned")
		}
		text := strings.Join(nonEmpty(state, fu.Notes), " · ")
		v := list.add(dayLabel(fu.Due), text)
		if fu.Done == "" && fu.Due < today {
			v.Importance = widget.WarningImportance
		}
		if fu.Done == "" && !cf.closed() {
			done := widget.NewButtonWithIcon(lang.L("casefile.followUp.markDone"), theme.ConfirmIcon(), func() { cf.markDone(fu.ID) })
			done.Importance = widget.LowImportance
			cf.doneButtons[fu.ID] = done
			list.box.Add(widget.NewLabel(""))
			list.box.Add(container.NewHBox(done))
		}
	}
	if len(fus) == 0 {
		l := widget.NewLabel(lang.L("casefile.followUp.none"))
		l.Importance = widget.LowImportance
		objects = append(objects, l)
	} else {
		objects = append(objects, list.box)
	}
	if cf.closed() {
		return objects
	}
	ff := cf.followUp
	ff.reset()
	ff.redraw = func() { cf.redrawTab(tabPlan) }
	cf.addFollowUpButton = widget.NewButtonWithIcon(lang.L("casefile.followUp.add"), theme.ContentAddIcon(), cf.addFollowUp)
	notes := ff.entry(fieldFollowUpNotes)
	notes.SetPlaceHolder(lang.L("casefile.followUp.notes.placeholder"))
	return append(objects, fieldRow(
		ff.field(fieldFollowUpDue, lang.L("casefile.followUp.due"), ff.dateEntry(fieldFollowUpDue), ""),
		ff.field(fieldFollowUpNotes, lang.L("casefile.followUp.notes"), notes, ""),
	), container.NewHBox(cf.addFollowUpButton))
}

// servicesPart lists the services given, newest first.
func (cf *caseFile) servicesPart() []fyne.CanvasObject {
	objects := []fyne.CanvasObject{subheading(lang.L("casefile.services"))}
	svcs := append([]domain.ServiceGiven(nil), cf.c.Services...)
	sort.SliceStable(svcs, func(i, j int) bool { return svcs[i].Date > svcs[j].Date })
	list := newFacts()
	for _, sv := range svcs {
		list.add(dayLabel(sv.Date), strings.Join(nonEmpty(optionLabel(serviceTypeOptions(), sv.Type), sv.Provider, sv.Notes), " · "))
	}
	if len(svcs) == 0 {
		l := widget.NewLabel(lang.L("casefile.service.none"))
		l.Importance = widget.LowImportance
		objects = append(objects, l)
	} else {
		objects = append(objects, list.box)
	}
	if cf.closed() {
		return objects
	}
	sf := cf.service
	sf.reset()
	sf.redraw = func() { cf.redrawTab(tabPlan) }
	if sf.v[fieldServiceDate] == "" {
		sf.v[fieldServiceDate] = dayText(isoDay(cf.s.deps.now()))
	}
	cf.addServiceButton = widget.NewButtonWithIcon(lang.L("casefile.service.add"), theme.ContentAddIcon(), cf.addService)
	provider := sf.entry(fieldServiceProvider)
	provider.SetPlaceHolder(lang.L("casefile.service.provider.placeholder"))
	return append(objects,
		fieldRow(
			sf.field(fieldServiceType, lang.L("casefile.service.type"), sf.selectOf(fieldServiceType, serviceTypeOptions(), lang.L("case.choose")), ""),
			sf.field(fieldServiceDate, lang.L("casefile.service.date"), sf.dateEntry(fieldServiceDate), ""),
			sf.field(fieldServiceProvider, lang.L("casefile.service.provider"), provider, ""),
		),
		sf.field(fieldServiceNotes, lang.L("casefile.service.notes"), sf.entry(fieldServiceNotes), ""),
		container.NewHBox(cf.addServiceButton))
}

// addService records a service given.
func (cf *caseFile) addService() {
	cf.s.app.touch()
	sf := cf.service
	sf.clearErrors()
	day, ok := parseDay(sf.v[fieldServiceDate])
	bad := false
	if sf.v[fieldServiceType] == "" {
		sf.setError(fieldServiceType, lang.L("casefile.service.typeMissing"))
		bad = true
	}
	switch {
	case !ok:
		sf.setError(fieldServiceDate, lang.L("case.rule.dateFormat"))
		bad = true
	case day == "":
		sf.setError(fieldServiceDate, lang.L("field.required"))
		bad = true
	case day > isoDay(cf.s.deps.now()):
		sf.setError(fieldServiceDate, lang.L("case.rule.future"))
		bad = true
	}
	if bad {
		return
	}
	c := cf.c
	c.Services = append(append([]domain.ServiceGiven(nil), c.Services...), domain.ServiceGiven{
		Type: sf.v[fieldServiceType], Date: day,
		Provider: strings.TrimSpace(sf.v[fieldServiceProvider]), Notes: strings.TrimSpace(sf.v[fieldServiceNotes]),
	})
	if cf.update(c, sf, len(c.Services)-1, "services", map[string]string{"type": fieldServiceType, "date": fieldServiceDate}) {
		cf.service = newCaseForm(cf.s)
		cf.render()
		showMessage(cf.message, lang.L("casefile.service.added"), widget.SuccessImportance)
	}
}

// addFollowUp plans a follow-up.
func (cf *caseFile) addFollowUp() {
	cf.s.app.touch()
	ff := cf.followUp
	ff.clearErrors()
	day, ok := parseDay(ff.v[fieldFollowUpDue])
	switch {
	case !ok:
		ff.setError(fieldFollowUpDue, lang.L("case.rule.dateFormat"))
		return
	case day == "":
		ff.setError(fieldFollowUpDue, lang.L("field.required"))
		return
	}
	c := cf.c
	c.FollowUps = append(append([]domain.FollowUp(nil), c.FollowUps...), domain.FollowUp{
		ID: uuid.NewString(), Due: day, Notes: strings.TrimSpace(ff.v[fieldFollowUpNotes]),
	})
	if cf.update(c, ff, len(c.FollowUps)-1, "followUps", map[string]string{"due": fieldFollowUpDue}) {
		cf.followUp = newCaseForm(cf.s)
		cf.render()
		showMessage(cf.message, lang.L("casefile.followUp.added"), widget.SuccessImportance)
	}
}

// markDone records that a follow-up happened today.
func (cf *caseFile) markDone(id string) {
	cf.s.app.touch()
	c := cf.c
	c.FollowUps = append([]domain.FollowUp(nil), c.FollowUps...)
	for i := range c.FollowUps {
		if c.FollowUps[i].ID == id {
			c.FollowUps[i].Done = isoDay(cf.s.deps.now())
		}
	}
	if cf.update(c, nil, -1, "", nil) {
		cf.render()
		showMessage(cf.message, lang.L("casefile.followUp.doneSaved"), widget.SuccessImportance)
	}
}

// update saves a change made outside Edit mode. The problems about the
// new row (list[row].name) show under the fields of form; others as a
// sentence.
func (cf *caseFile) update(c domain.Case, form *caseForm, row int, list string, fields map[string]string) bool {
	problems := caseProblems(c, cf.s.deps.now())
	if len(problems) == 0 {
		saved, err := cf.s.cases().UpdateCase(context.Background(), c)
		if err == nil {
			cf.c = saved
			return true
		}
		var invalid *casework.ValidationErrors
		if !errors.As(err, &invalid) {
			showMessage(cf.message, refusedText(err, cf.s.deps.now()), widget.DangerImportance)
			return false
		}
		problems = invalid.Problems
	}
	var other []string
	for _, p := range problems {
		if form != nil && row >= 0 {
			prefix := list + "[" + itoa(row) + "]."
			if id, ok := fields[strings.TrimPrefix(p.Field, prefix)]; ok && strings.HasPrefix(p.Field, prefix) {
				form.setError(id, ruleText(p.Field, p.Rule))
				continue
			}
		}
		if l := fieldLabel(p.Field); l != "" {
			other = append(other, l+" — "+ruleText(p.Field, p.Rule))
		} else {
			other = append(other, ruleText(p.Field, p.Rule))
		}
	}
	if len(other) > 0 {
		showMessage(cf.message, strings.Join(other, "\n"), widget.DangerImportance)
	}
	return false
}
