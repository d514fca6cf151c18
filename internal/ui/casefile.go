package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// draftCaseFile names the case file's draft (a tab in Edit mode, and the
// service and follow-up being added).
const draftCaseFile = "cases.file"

// The tabs of a case file.
const (
	tabSummary     = "summary"
	tabPerson      = "person"
	tabChild       = "child"
	tabTrafficking = "trafficking"
	tabPlan        = "plan"
	tabConsent     = "consent"
	tabNotes       = "notes"
	tabAttachments = "attachments"
	tabHistory     = "history"
	tabInterviews  = "interviews"
	tabScreening   = "screening"
	tabReferrals   = "referrals"
)

// caseFile shows one case: a header with what identifies it and where it
// stands, and tabs. The person, child, trafficking and plan tabs are read
// first and changed with Edit, then Save or Cancel; consent, notes,
// attachments and history are the tabs of casetabs.go.
type caseFile struct {
	s  *Shell
	st *caseScreenState
	c  domain.Case

	box     *fyne.Container
	tabs    *container.AppTabs
	items   map[string]*container.TabItem
	message *widget.Label

	editing    string    // the tab in Edit mode, "" when none
	form       *caseForm // the fields of the tab in Edit mode
	others     *fyne.Container
	editScroll *container.Scroll

	service  *caseForm // the service being added
	followUp *caseForm // the follow-up being added

	// For the tests.
	editButtons                         map[string]*widget.Button
	saveButton, cancelButton            *widget.Button
	closeButton, reopenButton           *widget.Button
	addServiceButton, addFollowUpButton *widget.Button
	doneButtons                         map[string]*widget.Button // follow-up id -> Mark done
	closeReason                         *widget.Select
	closeDate, closeNote                *activityEntry
	closeMessage                        *widget.Label
	closeSubmit, closeToChild           *widget.Button
	headerName, headerCode, headerState *widget.Label
	headerBadges                        *fyne.Container
	alertBoxes                          []*banner
	childTabButton                      *widget.Button
	assignedName                        string
}

// openCase shows the case file of case id in the Cases section.
func (s *Shell) openCase(id string) {
	s.app.touch()
	s.showCaseScreen(&caseScreenState{kind: screenCaseFile, caseID: id, tab: tabSummary})
}

// caseFileView builds the file of the case screen st.
func (s *Shell) caseFileView(st *caseScreenState) fyne.CanvasObject {
	cf := &caseFile{s: s, st: st, box: container.NewStack(), message: newMessage(), others: container.NewVBox(),
		items: map[string]*container.TabItem{}}
	cf.service = newCaseForm(s)
	cf.followUp = newCaseForm(s)
	cs := s.cases()
	if cs == nil {
		return cf.failure(lang.L("error.other"))
	}
	c, err := cs.Case(context.Background(), st.caseID)
	if err != nil {
		return cf.failure(refusedText(err, s.deps.now()))
	}
	cf.c = c
	cf.assignedName = cf.workerName(c.AssignedTo)
	s.addDrafter(draftCaseFile, cf)
	cf.render()
	if st.notice != "" {
		showMessage(cf.message, st.notice, widget.SuccessImportance)
		st.notice = ""
	}
	return cf.box
}

// failure is the view of a case that cannot be opened.
func (cf *caseFile) failure(msg string) fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("casefile.toList"), theme.NavigateBackIcon(), cf.s.backToList)
	l := wrapped(msg)
	l.Importance = widget.DangerImportance
	return container.NewVBox(container.NewHBox(back), l)
}

// workerName is the name of the worker a case is assigned to.
func (cf *caseFile) workerName(id string) string { return cf.s.workerName(id) }

// staffName is a staff member's plain name ("by Rui Costa"): the user's
// own, another's when the session may list users, else a plain word.
func (s *Shell) staffName(id string) string {
	if me := s.sess.User(); id == me.ID {
		return me.Name
	}
	return s.workerName(id)
}

// workerName is a staff member's name for the screens: "—" for none, the
// user's own name marked as theirs, another's name when the session may
// list users, else a plain word.
func (s *Shell) workerName(id string) string {
	me := s.sess.User()
	if id == "" {
		return "—"
	}
	if id == me.ID {
		return lang.L("casefile.assigned.you", map[string]any{"Name": me.Name})
	}
	// Only administrators may list the users; others see a plain word.
	if users, err := s.sess.Users(context.Background()); err == nil {
		for _, u := range users {
			if u.ID == id {
				return u.Name
			}
		}
	}
	return lang.L("casefile.assigned.other")
}

func (cf *caseFile) child() (isChild, presumed bool) {
	return caseChildStatus(cf.c.Person, cf.s.deps.now())
}

func (cf *caseFile) closed() bool {
	return cf.c.Status == domain.StatusClosed || cf.c.Status == domain.StatusClosedReferred
}

// render draws the header and the tabs from the case; the consent, notes,
// attachments and history tabs are made once and kept, with whatever is
// being typed in them.
func (cf *caseFile) render() {
	cf.editButtons = map[string]*widget.Button{}
	cf.doneButtons = map[string]*widget.Button{}
	cf.alertBoxes = nil
	isChild, _ := cf.child()
	if cf.editing == tabChild && !isChild {
		cf.editing = ""
	}

	order := []string{tabSummary, tabPerson}
	if isChild {
		order = append(order, tabChild)
	}
	order = append(order, tabTrafficking, tabInterviews, tabScreening, tabReferrals, tabPlan, tabConsent, tabNotes, tabAttachments, tabHistory)
	titles := map[string]string{
		tabSummary: lang.L("casefile.tab.summary"), tabPerson: lang.L("casefile.tab.person"),
		tabChild: lang.L("casefile.tab.child"), tabTrafficking: lang.L("casefile.tab.trafficking"),
		tabPlan: lang.L("casefile.tab.plan"), tabConsent: lang.L("casefile.tab.consent"),
		tabNotes: lang.L("casefile.tab.notes"), tabAttachments: lang.L("casefile.tab.attachments"),
		tabHistory: lang.L("casefile.tab.history"), tabInterviews: lang.L("casefile.tab.interviews"),
		tabScreening: lang.L("casefile.tab.screening"), tabReferrals: lang.L("casefile.tab.referrals"),
	}
	var items []*container.TabItem
	for _, id := range order {
		content := cf.tabContent(id)
		item := cf.items[id]
		if item == nil {
			item = container.NewTabItem(titles[id], content)
			cf.items[id] = item
		} else if content != nil {
			item.Content = content
		}
		items = append(items, item)
	}
	if cf.tabs == nil {
		cf.tabs = container.NewAppTabs(items...)
		cf.tabs.OnSelected = cf.selected
	} else {
		cf.tabs.SetItems(items)
	}
	cf.selectTab(cf.st.tab)
	cf.tabs.Refresh()

	view := container.NewBorder(container.NewVBox(cf.header(), cf.message), nil, nil, nil, cf.tabs)
	cf.box.Objects = []fyne.CanvasObject{view}
	cf.box.Refresh()
}

// tabContent makes a tab's content; nil keeps the one there (the tabs of
// casetabs.go, made once).
func (cf *caseFile) tabContent(id string) fyne.CanvasObject {
	cid := cf.c.ID
	switch id {
	case tabSummary:
		return cf.summaryTab()
	case tabPerson, tabChild, tabTrafficking, tabPlan:
		return cf.editableTab(id)
	case tabInterviews:
		return cf.s.interviewsTab(cf.c)
	case tabScreening:
		return cf.s.screeningTab(cf.c, cf.reload)
	case tabReferrals:
		return cf.s.referralsTab(cf.c, cf.reload)
	case tabConsent:
		if cf.items[id] == nil {
			return cf.s.consentTab(cid)
		}
	case tabNotes:
		if cf.items[id] == nil {
			return cf.s.notesTab(cid)
		}
	case tabAttachments:
		if cf.items[id] == nil {
			return cf.s.attachmentsTab(cid)
		}
	case tabHistory:
		if cf.items[id] == nil {
			return cf.s.historyTab(cid)
		}
	}
	return nil
}

// reload shows the case again as c, after a screen saved it.
func (cf *caseFile) reload(c domain.Case) {
	cf.c = c
	cf.render()
}

// selected follows the tab chosen; History is read again, as the other
// tabs may have changed the case since.
func (cf *caseFile) selected(item *container.TabItem) {
	cf.s.app.touch()
	for id, it := range cf.items {
		if it != item {
			continue
		}
		cf.st.tab = id
		if id == tabHistory {
			item.Content = cf.s.historyTab(cf.c.ID)
			cf.tabs.Refresh()
		}
	}
}

// selectTab brings a tab forward by its id (the summary when it has none).
func (cf *caseFile) selectTab(id string) {
	item := cf.items[id]
	if item == nil {
		item = cf.items[tabSummary]
		id = tabSummary
	}
	for _, it := range cf.tabs.Items {
		if it == item {
			cf.st.tab = id
			if cf.tabs.Selected() != item {
				cf.tabs.Select(item)
			}
			return
		}
	}
	cf.st.tab = tabSummary
	cf.tabs.Select(cf.items[tabSummary])
}

// header: the case code, the person's name, child and closed badges,
// status, stage, priority and worker, with Close or Reopen.
func (cf *caseFile) header() fyne.CanvasObject {
	c := cf.c
	back := widget.NewButtonWithIcon(lang.L("casefile.toList"), theme.NavigateBackIcon(), cf.s.backToList)
	back.Importance = widget.LowImportance
	cf.headerCode = widget.NewLabelWithStyle(c.Code, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cf.headerCode.SizeName = theme.SizeNameSubHeadingText
	cf.headerName = widget.NewLabelWithStyle(personName(c.Person), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cf.headerName.SizeName = theme.SizeNameSubHeadingText
	cf.headerName.Truncation = fyne.TextTruncateEllipsis

	cf.headerBadges = container.NewHBox()
	switch isChild, presumed := cf.child(); {
	case presumed:
		cf.headerBadges.Add(badge(lang.L("casefile.badge.presumedChild"), theme.ColorNameWarning))
	case isChild:
		cf.headerBadges.Add(badge(lang.L("casefile.badge.child"), theme.ColorNamePrimary))
	}
	if cf.closed() {
		cf.headerBadges.Add(badge(optionLabel(statusOptions(), string(c.Status)), theme.ColorNameDisabled))
	}
	if c.Priority == domain.PriorityHigh {
		cf.headerBadges.Add(badge(optionLabel(priorityOptions(), string(c.Priority)), theme.ColorNameError))
	}

	var action fyne.CanvasObject
	if cf.closed() {
		cf.reopenButton = widget.NewButtonWithIcon(lang.L("casefile.reopen"), theme.HistoryIcon(), cf.reopen)
		cf.closeButton = nil
		action = cf.reopenButton
	} else {
		cf.closeButton = widget.NewButtonWithIcon(lang.L("casefile.close"), theme.ContentClearIcon(), cf.askClose)
		cf.reopenButton = nil
		action = cf.closeButton
	}
	top := container.NewBorder(nil, nil,
		container.NewHBox(back, cf.headerCode, cf.headerBadges), action, cf.headerName)

	cf.headerState = widget.NewLabel(lang.L("casefile.state", map[string]any{
		"Status":   optionLabel(statusOptions(), string(c.Status)),
		"Stage":    stageLabel(c.Stage),
		"Priority": optionLabel(priorityOptions(), string(c.Priority)),
		"Worker":   cf.assignedName,
	}))
	cf.headerState.Truncation = fyne.TextTruncateEllipsis
	cf.headerState.Importance = widget.LowImportance
	return container.NewVBox(top, cf.headerState)
}

// editableTab is a tab read first, changed with Edit, then Save or Cancel.
func (cf *caseFile) editableTab(id string) fyne.CanvasObject {
	if cf.editing == id {
		return cf.editView(id)
	}
	var body []fyne.CanvasObject
	switch id {
	case tabPerson:
		body = cf.personRead()
	case tabChild:
		body = cf.childRead()
	case tabTrafficking:
		body = cf.traffickingRead()
	case tabPlan:
		body = cf.planRead()
	}
	var top fyne.CanvasObject
	if cf.closed() {
		note := widget.NewLabel(lang.L("casefile.closedNoEdit"))
		note.Importance = widget.LowImportance
		note.Truncation = fyne.TextTruncateEllipsis
		top = note
	} else {
		edit := widget.NewButtonWithIcon(lang.L("casefile.edit"), theme.DocumentCreateIcon(), func() { cf.startEdit(id) })
		cf.editButtons[id] = edit
		hint := widget.NewLabel(editHint(id))
		hint.Importance = widget.LowImportance
		hint.Truncation = fyne.TextTruncateEllipsis
		top = container.NewBorder(nil, nil, nil, edit, hint)
	}
	column := container.New(&columnLayout{maxEms: 62}, body...)
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column)))
}

func editHint(id string) string {
	switch id {
	case tabPerson:
		return lang.L("casefile.hint.person")
	case tabChild:
		return lang.L("casefile.hint.child")
	case tabTrafficking:
		return lang.L("casefile.hint.trafficking")
	}
	return lang.L("casefile.hint.plan")
}

// tabParts are the parts of the case a tab edits.
func tabParts(id string) []casePart {
	switch id {
	case tabPerson:
		return []casePart{partWho, partMore}
	case tabChild:
		return []casePart{partChild, partBIA}
	case tabTrafficking:
		return []casePart{partTrafficking}
	}
	return []casePart{partPlan}
}

// tabOf is the tab that shows a field.
func tabOf(field string) string {
	switch {
	case strings.HasPrefix(field, "child."):
		return tabChild
	case strings.HasPrefix(field, "trafficking."), strings.HasPrefix(field, "events"), strings.HasPrefix(field, "perpetrators"):
		return tabTrafficking
	case strings.HasPrefix(field, "person."):
		return tabPerson
	}
	return tabPlan
}

func (cf *caseFile) startEdit(id string) {
	cf.s.app.touch()
	cf.form = newCaseForm(cf.s)
	cf.form.fill(cf.c)
	cf.editing = id
	showMessage(cf.message, "", widget.LowImportance)
	cf.redrawTab(id)
}

// redrawTab draws one of the editable tabs again.
func (cf *caseFile) redrawTab(id string) {
	item := cf.items[id]
	if item == nil {
		return
	}
	cf.others.Objects = nil
	item.Content = cf.editableTab(id)
	cf.tabs.Refresh()
}

// editView is a tab in Edit mode: the fields of its parts, Save and Cancel.
func (cf *caseFile) editView(id string) fyne.CanvasObject {
	f := cf.form
	f.reset()
	f.redraw = func() { cf.redrawTab(id) }
	var objects []fyne.CanvasObject
	switch id {
	case tabPerson:
		objects = append(f.whoSection(nil), widget.NewSeparator())
		objects = append(objects, f.moreSection()...)
	case tabChild:
		objects = append(f.childSection(), widget.NewSeparator(), subheading(lang.L("case.bia.title")))
		objects = append(objects, f.biaSection()...)
	case tabTrafficking:
		objects = f.traffickingSection()
	case tabPlan:
		objects = f.planSection(false, true)
	}
	objects = append(objects, cf.others)
	column := container.New(&columnLayout{maxEms: 62}, objects...)

	cf.saveButton = widget.NewButtonWithIcon(lang.L("casefile.save"), theme.DocumentSaveIcon(), func() { cf.save(id) })
	cf.saveButton.Importance = widget.HighImportance
	cf.cancelButton = widget.NewButtonWithIcon(lang.L("casefile.cancel"), theme.CancelIcon(), cf.cancelEdit)
	hint := widget.NewLabel(lang.L("casefile.editing"))
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(cf.cancelButton, cf.saveButton), hint)
	cf.editScroll = container.NewVScroll(container.NewPadded(column))
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, cf.editScroll)
}

func (cf *caseFile) cancelEdit() {
	cf.s.app.touch()
	showMessage(cf.message, "", widget.LowImportance)
	id := cf.editing
	cf.editing, cf.form = "", nil
	cf.redrawTab(id)
}

// save checks the tab's fields with casework's rules and saves them.
func (cf *caseFile) save(id string) {
	cf.s.app.touch()
	f := cf.form
	f.clearErrors()
	c, bad := f.apply(cf.c, tabParts(id)...)
	problems := caseProblems(c, cf.s.deps.now())
	if len(bad) > 0 || len(problems) > 0 {
		cf.showProblems(id, c, bad, problems)
		return
	}
	saved, err := cf.s.cases().UpdateCase(context.Background(), c)
	if err != nil {
		var invalid *casework.ValidationErrors
		if errors.As(err, &invalid) {
			cf.showProblems(id, c, nil, invalid.Problems)
			return
		}
		showMessage(cf.message, refusedText(err, cf.s.deps.now()), widget.DangerImportance)
		return
	}
	cf.c = saved
	cf.editing, cf.form = "", nil
	cf.render()
	showMessage(cf.message, lang.L("casefile.saved"), widget.SuccessImportance)
}

// showProblems puts the messages under the fields of the tab, and names
// those of other tabs with a button to open them.
func (cf *caseFile) showProblems(id string, c domain.Case, bad map[string]string, problems []casework.Problem) {
	f := cf.form
	msgs := map[string]string{}
	for k, m := range bad {
		msgs[k] = m
	}
	for _, p := range problems {
		k := f.problemField(c, p.Field)
		if _, ok := msgs[k]; !ok {
			msgs[k] = ruleText(p.Field, p.Rule)
		}
	}
	cf.others.Objects = nil
	for k, m := range msgs {
		f.setError(k, m)
		if _, onScreen := f.fields[k]; onScreen {
			continue
		}
		l := wrapped(m)
		l.Importance = widget.DangerImportance
		cf.others.Add(l)
		if t := tabOf(k); t != id && cf.items[t] != nil {
			open := widget.NewButtonWithIcon(lang.L("casefile.openTab", map[string]any{"Tab": cf.items[t].Text}), theme.NavigateNextIcon(), func() {
				cf.selectTab(t)
			})
			cf.others.Add(container.NewHBox(open))
		}
	}
	cf.others.Refresh()
	showMessage(cf.message, lang.L("casefile.fixFirst"), widget.DangerImportance)
	relayout(cf.others)
	if first := f.firstError(); first != nil {
		scrollTo(cf.editScroll, first)
	} else if len(cf.others.Objects) > 0 {
		scrollTo(cf.editScroll, cf.others)
	}
}

// Draft is part of Drafter: the tab in Edit mode and what is typed there,
// and the service and follow-up being added.
func (cf *caseFile) Draft() map[string]string {
	d := map[string]string{}
	if cf.form != nil && cf.editing != "" {
		for k, v := range cf.form.draft() {
			d["edit:"+k] = v
		}
		d["_tab"] = cf.editing
	}
	for k, v := range cf.service.draft() {
		d["service:"+k] = v
	}
	for k, v := range cf.followUp.draft() {
		d["followUp:"+k] = v
	}
	if len(d) == 0 {
		return nil
	}
	d["_case"] = cf.c.ID
	return d
}

// RestoreDraft is part of Drafter.
func (cf *caseFile) RestoreDraft(d map[string]string) {
	if d["_case"] != cf.c.ID {
		return
	}
	if tab := d["_tab"]; tab != "" {
		cf.form = newCaseForm(cf.s)
		cf.editing = tab
		cf.st.tab = tab
	}
	for k, v := range d {
		switch {
		case strings.HasPrefix(k, "edit:") && cf.form != nil:
			cf.form.v[strings.TrimPrefix(k, "edit:")] = v
		case strings.HasPrefix(k, "service:"):
			cf.service.v[strings.TrimPrefix(k, "service:")] = v
		case strings.HasPrefix(k, "followUp:"):
			cf.followUp.v[strings.TrimPrefix(k, "followUp:")] = v
		}
	}
	cf.render()
}

// ClearDraft is part of Drafter: the forms are emptied and the case
// forgotten until it is read again.
func (cf *caseFile) ClearDraft() {
	if cf.form != nil {
		cf.form.wipe()
	}
	cf.service.wipe()
	cf.followUp.wipe()
	cf.c = domain.Case{ID: cf.c.ID}
}
