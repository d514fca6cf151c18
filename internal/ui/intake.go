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

// draftIntake names the intake form's draft.
const draftIntake = "cases.intake"

// intakeStep is a section of the intake form, in the order of a first
// meeting.
type intakeStep int

const (
	stepWho intakeStep = iota
	stepChild
	stepMore
	stepTrafficking
	stepPlan
)

// intakeForm registers a new case, one section at a time. The case is
// created when the first section is done (after a look for possible
// duplicates), and every later section is saved as it is left, so a
// first meeting cut short loses nothing.
type intakeForm struct {
	s     *Shell
	st    *caseScreenState
	form  *caseForm
	base  domain.Case // as last saved; no ID before it is created
	step  intakeStep
	seen  map[intakeStep]bool
	saved bool // a section was saved since the form opened

	// dups are the possible duplicates on screen, with the cases read to
	// compare them; nil while the form is on screen.
	dups     []casework.DuplicateMatch
	dupCases map[string]domain.Case

	box     *fyne.Container // the whole view, drawn again on each step
	message *widget.Label
	others  *fyne.Container // problems in other sections, with a way to them
	banner  *banner
	stepBox *fyne.Container
	scroll  *container.Scroll

	// For the tests.
	next, back, create *widget.Button
	stepButtons        map[intakeStep]*widget.Button
	sameButtons        []*widget.Button
	differentButton    *widget.Button
}

// newCase starts the intake form for a new case in the Cases section.
func (s *Shell) newCase() {
	s.app.touch()
	s.showCaseScreen(&caseScreenState{kind: screenIntake})
}

// intakeView builds the intake form of the case screen st.
func (s *Shell) intakeView(st *caseScreenState) fyne.CanvasObject {
	in := &intakeForm{s: s, st: st, form: newCaseForm(s), seen: map[intakeStep]bool{stepWho: true},
		box: container.NewStack(), message: newMessage(), others: container.NewVBox()}
	in.form.changed = in.changed
	in.form.redraw = in.show
	if st.caseID != "" {
		in.load(st.caseID)
	}
	s.addDrafter(draftIntake, in)
	in.show()
	return in.box
}

// load reads the case the form already created (after a lock).
func (in *intakeForm) load(id string) {
	cs := in.s.cases()
	if cs == nil {
		return
	}
	c, err := cs.Case(context.Background(), id)
	if err != nil {
		showMessage(in.message, errorText(err, in.s.deps.now()), widget.DangerImportance)
		in.base = domain.Case{ID: id}
		return
	}
	in.base = c
	in.form.fill(c)
	for st := stepWho; st <= stepPlan; st++ {
		in.seen[st] = true
	}
}

// steps are the sections of this case: the child's only for a child.
func (in *intakeForm) steps() []intakeStep {
	out := []intakeStep{stepWho}
	if in.isChild() {
		out = append(out, stepChild)
	}
	return append(out, stepMore, stepTrafficking, stepPlan)
}

func (in *intakeForm) person() domain.Person {
	c, _ := in.form.apply(domain.Case{}, partWho)
	return c.Person
}

func (in *intakeForm) isChild() bool {
	child, _ := caseChildStatus(in.person(), in.form.today)
	return child
}

func stepTitle(st intakeStep) string {
	switch st {
	case stepWho:
		return lang.L("intake.step.who")
	case stepChild:
		return lang.L("intake.step.child")
	case stepMore:
		return lang.L("intake.step.more")
	case stepTrafficking:
		return lang.L("intake.step.trafficking")
	}
	return lang.L("intake.step.plan")
}

func stepIntro(st intakeStep) string {
	switch st {
	case stepWho:
		return lang.L("intake.step.who.intro")
	case stepChild:
		return lang.L("intake.step.child.intro")
	case stepMore:
		return lang.L("intake.step.more.intro")
	case stepTrafficking:
		return lang.L("intake.step.trafficking.intro")
	}
	return lang.L("intake.step.plan.intro")
}

// stepOf is the section of the intake form a field belongs to.
func stepOf(field string) intakeStep {
	switch {
	case strings.HasPrefix(field, "child."):
		return stepChild
	case strings.HasPrefix(field, "trafficking."), strings.HasPrefix(field, "events"), strings.HasPrefix(field, "perpetrators"):
		return stepTrafficking
	case strings.HasPrefix(field, "plan."), field == "priority", field == "stage", strings.HasPrefix(field, "followUp"):
		return stepPlan
	}
	for _, p := range []string{"person.languages", "person.citizenship", "person.education", "person.maritalStatus",
		"person.children", "person.disability", "person.documents", "person.contactConsent", "person.phone",
		"person.email", "person.address"} {
		if strings.HasPrefix(field, p) {
			return stepMore
		}
	}
	return stepWho
}

// show draws the form at its step (or the duplicates to compare).
func (in *intakeForm) show() {
	in.form.reset()
	in.stepButtons = map[intakeStep]*widget.Button{}
	in.sameButtons, in.differentButton = nil, nil
	in.next, in.back, in.create = nil, nil, nil
	if in.step == stepChild && !in.isChild() {
		in.step = stepMore
	}

	back := widget.NewButtonWithIcon(lang.L("intake.toList"), theme.NavigateBackIcon(), in.s.backToList)
	back.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(lang.L("intake.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	state := widget.NewLabel(lang.L("intake.notSaved"))
	state.Importance = widget.LowImportance
	if in.base.Code != "" {
		state.SetText(lang.L("intake.savedAs", map[string]any{"Code": in.base.Code}))
		state.Importance = widget.SuccessImportance
	}
	state.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, container.NewHBox(back, title), nil, state)

	var center, bar fyne.CanvasObject
	if in.dups != nil {
		center, bar = in.duplicatesView()
	} else {
		center, bar = in.stepView()
	}
	in.stepBox = in.stepList()
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), container.NewPadded(in.stepBox))
	body := container.New(&stepsLayout{mainEms: 32}, left, center)
	view := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), bar, nil, nil, body)
	in.box.Objects = []fyne.CanvasObject{view}
	in.box.Refresh()
}

// stepList shows the sections; the ones already seen can be opened.
func (in *intakeForm) stepList() *fyne.Container {
	box := container.NewVBox(widget.NewLabelWithStyle(lang.L("intake.steps"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i, st := range in.steps() {
		icon := theme.RadioButtonIcon()
		if in.seen[st] && st != in.step {
			icon = theme.ConfirmIcon()
		}
		b := widget.NewButtonWithIcon(itoa(i+1)+". "+stepTitle(st), icon, func() { in.goTo(st) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		switch {
		case st == in.step && in.dups == nil:
			b.Importance = widget.HighImportance
		case !in.seen[st] || in.base.ID == "" || in.dups != nil:
			b.Disable()
		}
		in.stepButtons[st] = b
		box.Add(b)
	}
	return box
}

// stepView is the current section, with Back and Next under it.
func (in *intakeForm) stepView() (fyne.CanvasObject, fyne.CanvasObject) {
	f := in.form
	steps := in.steps()
	pos := 0
	for i, st := range steps {
		if st == in.step {
			pos = i
		}
	}
	heading := widget.NewLabelWithStyle(lang.L("intake.step.heading", map[string]any{
		"Step": pos + 1, "Count": len(steps), "Title": stepTitle(in.step)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	intro := wrapped(stepIntro(in.step))
	intro.Importance = widget.LowImportance
	objects := []fyne.CanvasObject{heading, intro}
	switch in.step {
	case stepWho:
		in.banner = newBanner(theme.InfoIcon(), "", widget.WarningImportance)
		objects = append(objects, f.whoSection(in.banner.box)...)
		in.updateBanner()
	case stepChild:
		objects = append(objects, f.childSection()...)
		note := newBanner(theme.InfoIcon(), lang.L("intake.child.biaNote"), widget.MediumImportance)
		objects = append(objects, note.box)
	case stepMore:
		objects = append(objects, f.moreSection()...)
	case stepTrafficking:
		objects = append(objects, f.traffickingSection()...)
	case stepPlan:
		objects = append(objects, f.planSection(true, false)...)
	}
	objects = append(objects, in.others, in.message)
	column := container.New(&columnLayout{maxEms: 62}, objects...)
	in.scroll = container.NewVScroll(container.NewPadded(column))

	buttons := container.NewHBox()
	if pos > 0 {
		in.back = widget.NewButtonWithIcon(lang.L("intake.back"), theme.NavigateBackIcon(), func() { in.goTo(steps[pos-1]) })
		buttons.Add(in.back)
	}
	if pos < len(steps)-1 {
		in.next = widget.NewButtonWithIcon(lang.L("intake.next"), theme.NavigateNextIcon(), func() { in.goTo(steps[pos+1]) })
		in.next.IconPlacement = widget.ButtonIconTrailingText
		in.next.Importance = widget.HighImportance
		buttons.Add(in.next)
	} else {
		in.create = widget.NewButtonWithIcon(lang.L("intake.finish"), theme.ConfirmIcon(), in.finish)
		in.create.Importance = widget.HighImportance
		buttons.Add(in.create)
	}
	hint := widget.NewLabel(lang.L("intake.savesEachStep"))
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	bar := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, buttons, hint))
	return in.scroll, bar
}

// changed follows the edits: the child banner and the steps change with
// the age.
func (in *intakeForm) changed(id string) {
	if len(in.form.errs) == 0 && in.message.Visible() {
		showMessage(in.message, "", widget.DangerImportance)
		in.others.Objects = nil
		in.others.Refresh()
	}
	switch id {
	case "person.birthDate", "person.ageEstimate", "person.ageUncertain", "person.mayBeChild", fieldAgeMode:
		in.updateBanner()
		if in.stepBox != nil {
			in.stepBox.Objects = in.stepList().Objects
			in.stepBox.Refresh()
		}
	}
}

// updateBanner says when the case is a child's case, and why.
func (in *intakeForm) updateBanner() {
	if in.banner == nil {
		return
	}
	child, presumed := caseChildStatus(in.person(), in.form.today)
	switch {
	case presumed:
		in.banner.set(theme.WarningIcon(), lang.L("intake.child.presumed"), widget.WarningImportance)
		in.banner.box.Show()
	case child:
		in.banner.set(theme.InfoIcon(), lang.L("intake.child.byAge"), widget.WarningImportance)
		in.banner.box.Show()
	default:
		in.banner.box.Hide()
	}
	relayout(in.banner.box)
}

// check applies the form and shows every message: what cannot be read,
// and casework's rules. It returns the case and whether it can be saved.
func (in *intakeForm) check() (domain.Case, bool) {
	f := in.form
	f.clearErrors()
	c, bad := f.apply(in.base, partWho, partChild, partMore, partTrafficking, partPlan, partFirstFollowUp)
	problems := caseProblems(c, f.today)
	in.showProblems(c, bad, problems)
	return c, len(bad) == 0 && len(problems) == 0
}

// showProblems puts each message under its field, and lists the ones of
// other sections with a button to go there.
func (in *intakeForm) showProblems(c domain.Case, bad map[string]string, problems []casework.Problem) {
	f := in.form
	msgs := map[string]string{}
	for id, m := range bad {
		msgs[id] = m
	}
	for _, p := range problems {
		id := f.problemField(c, p.Field)
		if _, ok := msgs[id]; !ok {
			msgs[id] = ruleText(p.Field, p.Rule)
		}
	}
	in.others.Objects = nil
	elsewhere := map[intakeStep][]string{}
	for id, m := range msgs {
		f.setError(id, m)
		st := stepOf(id)
		_, onScreen := f.fields[id]
		if st != in.step || !onScreen {
			elsewhere[st] = append(elsewhere[st], m)
		}
	}
	for _, st := range in.steps() {
		ms := elsewhere[st]
		if len(ms) == 0 {
			continue
		}
		if st == in.step {
			l := wrapped(strings.Join(ms, "\n"))
			l.Importance = widget.DangerImportance
			in.others.Add(l)
			continue
		}
		l := wrapped(lang.L("intake.problemsIn", map[string]any{"Step": stepTitle(st)}) + "\n" + strings.Join(ms, "\n"))
		l.Importance = widget.DangerImportance
		go2 := widget.NewButtonWithIcon(lang.L("intake.goToStep", map[string]any{"Step": stepTitle(st)}), theme.NavigateNextIcon(), func() {
			in.seen[st] = true
			in.step = st
			in.show()
		})
		in.others.Add(container.NewVBox(l, container.NewHBox(go2)))
	}
	in.others.Refresh()
	if len(msgs) > 0 {
		showMessage(in.message, lang.L("intake.fixFirst"), widget.DangerImportance)
	} else {
		showMessage(in.message, "", widget.DangerImportance)
	}
	relayout(in.others)
	// Bring the first message into view: the one under a field, or the
	// list of the other sections' problems.
	if first := f.firstError(); first != nil {
		scrollTo(in.scroll, first)
	} else if len(in.others.Objects) > 0 {
		scrollTo(in.scroll, in.others)
	}
}

// goTo leaves the current section for another: the section is checked and
// saved first (the first one creates the case, after the duplicate check).
// Going back never stops on a message: what was typed stays in the form.
func (in *intakeForm) goTo(target intakeStep) {
	in.s.app.touch()
	backwards := target < in.step
	c, ok := in.check()
	if !ok {
		if backwards {
			in.step = target
			in.show()
		}
		return
	}
	if in.base.ID == "" {
		in.lookForDuplicates(c)
		return
	}
	if !in.save(c) && !backwards {
		return
	}
	in.seen[target] = true
	in.step = target
	in.show()
}

// lookForDuplicates asks casework for cases that may be the same person
// before the first save; it creates the case when there are none.
func (in *intakeForm) lookForDuplicates(c domain.Case) {
	cs := in.s.cases()
	if cs == nil {
		showMessage(in.message, lang.L("error.other"), widget.DangerImportance)
		return
	}
	matches, err := cs.PossibleDuplicates(context.Background(), c.Person)
	if err != nil {
		showMessage(in.message, errorText(err, in.s.deps.now()), widget.DangerImportance)
		return
	}
	if len(matches) == 0 {
		in.createCase(c)
		return
	}
	in.dups = matches
	in.dupCases = map[string]domain.Case{}
	for _, m := range matches {
		// The file shows the age to compare; a case this user may not
		// open is compared on its list entry only.
		if full, err := cs.Case(context.Background(), m.Case.ID); err == nil {
			in.dupCases[m.Case.ID] = full
		}
	}
	in.show()
}

// createCase creates the case from the first section and goes on.
func (in *intakeForm) createCase(c domain.Case) {
	created, err := in.s.cases().CreateCase(context.Background(), c)
	if err != nil {
		in.refused(c, err)
		return
	}
	in.base = created
	in.st.caseID = created.ID
	in.saved = true
	in.dups = nil
	steps := in.steps()
	in.step = steps[1]
	in.seen[in.step] = true
	in.show()
}

// save saves the form onto the case; false when it was not saved.
func (in *intakeForm) save(c domain.Case) bool {
	saved, err := in.s.cases().UpdateCase(context.Background(), c)
	if err != nil {
		in.refused(c, err)
		return false
	}
	in.base = saved
	in.saved = true
	return true
}

// refused shows why casework did not save: its problems under the fields,
// anything else as a sentence.
func (in *intakeForm) refused(c domain.Case, err error) {
	var invalid *casework.ValidationErrors
	if errors.As(err, &invalid) {
		in.showProblems(c, nil, invalid.Problems)
		return
	}
	showMessage(in.message, refusedText(err, in.s.deps.now()), widget.DangerImportance)
}

// finish saves the last section and opens the case file.
func (in *intakeForm) finish() {
	in.s.app.touch()
	c, ok := in.check()
	if !ok {
		return
	}
	if in.base.ID == "" {
		in.lookForDuplicates(c)
		return
	}
	if !in.save(c) {
		return
	}
	in.s.openCase(in.base.ID)
}

// Draft is part of Drafter: every value typed, the section and the case.
func (in *intakeForm) Draft() map[string]string {
	d := in.form.draft()
	if len(d) == 0 && in.base.ID == "" {
		return nil
	}
	d["_step"] = itoa(int(in.step))
	if in.base.ID != "" {
		d["_case"] = in.base.ID
	}
	return d
}

// RestoreDraft is part of Drafter.
func (in *intakeForm) RestoreDraft(d map[string]string) {
	if id := d["_case"]; id != "" && id != in.base.ID {
		in.st.caseID = id
		in.load(id)
	}
	step, _ := parseCount(d["_step"])
	in.form.v = map[string]string{}
	for k, v := range d {
		if !strings.HasPrefix(k, "_") {
			in.form.v[k] = v
		}
	}
	in.step = intakeStep(step)
	in.seen[in.step] = true
	in.dups = nil
	in.show()
}

// ClearDraft is part of Drafter: the form forgets what was typed and the
// case it read.
func (in *intakeForm) ClearDraft() {
	in.form.wipe()
	in.base = domain.Case{ID: in.base.ID}
	in.dups, in.dupCases = nil, nil
}
