package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
)

// answerInput is the input of one question: an entry, a choice or several
// choices, by the kind of case field it fills.
type answerInput struct {
	field domain.CaseField
	opts  []option
	entry *activityEntry
	sel   *widget.Select
	group []*widget.Check // FieldMulti: one box per choice, in opts' order
	ff    *formField
}

// fieldOptions are the choices of a choice field, in plain words.
func fieldOptions(field string) []option {
	yesNo := []option{{"yes", lang.L("casefile.yes")}, {"no", lang.L("casefile.no")}}
	switch field {
	case "person.gender":
		return genderOptions()
	case "person.education":
		return educationOptions()
	case "person.maritalStatus":
		return maritalOptions()
	case "child.guardian.relation":
		return guardianRelationOptions()
	case "trafficking.relationship":
		return relationshipOptions()
	case "trafficking.recruitment":
		return recruitmentOptions()
	case "trafficking.control":
		return controlOptions()
	case "trafficking.exploitation":
		return exploitationOptions()
	case "trafficking.labourSector":
		return labourSectorOptions()
	case "trafficking.vulnerabilities":
		return vulnerabilityOptions()
	case "safety.level":
		return []option{
			{"immediate", lang.L("case.safety.level.immediate")}, {"high", lang.L("case.safety.level.high")},
			{"moderate", lang.L("case.safety.level.moderate")}, {"low", lang.L("case.safety.level.low")},
		}
	}
	return yesNo
}

func newAnswerInput(is *interviewScreen, q guide.Question) *answerInput {
	f, _ := domain.LookupCaseField(q.Field)
	a := &answerInput{field: f}
	var input fyne.CanvasObject
	switch f.Kind {
	case domain.FieldChoice:
		a.opts = fieldOptions(f.ID)
		a.sel = widget.NewSelect(optionLabels(a.opts), func(string) { is.s.app.touch() })
		a.sel.PlaceHolder = lang.L("interview.answer.choose")
		input = a.sel
	case domain.FieldMulti:
		// Boxes in two columns, or one when a choice is long: a long list
		// must not widen the view.
		a.opts = fieldOptions(f.ID)
		cols := 2
		for _, o := range a.opts {
			if len([]rune(o.label)) > 38 {
				cols = 1
			}
		}
		grid := container.NewGridWithColumns(cols)
		for _, o := range a.opts {
			ck := widget.NewCheck(o.label, func(bool) { is.s.app.touch() })
			a.group = append(a.group, ck)
			grid.Add(ck)
		}
		input = grid
	default:
		a.entry = newActivityEntry(is.s.app.touch)
		switch f.Kind {
		case domain.FieldLongText:
			a.entry.MultiLine = true
			a.entry.Wrapping = fyne.TextWrapWord
			a.entry.SetMinRowsVisible(4)
		case domain.FieldDate:
			a.entry.SetPlaceHolder(datePlaceholder())
		case domain.FieldNumber:
			a.entry.SetPlaceHolder("0")
		}
		input = a.entry
	}
	a.ff = newFormField(q.Text.In(is.lang()), input, caseFieldName(f.ID))
	a.ff.label.Wrapping = fyne.TextWrapWord // a long question must not widen the window
	return a
}

// values are the answer as typed or chosen (stored values for choices).
func (a *answerInput) values() []string {
	switch {
	case a.sel != nil:
		if i := a.sel.SelectedIndex(); i >= 0 {
			return []string{a.opts[i].value}
		}
	case a.group != nil:
		var out []string
		for i, ck := range a.group {
			if ck.Checked {
				out = append(out, a.opts[i].value)
			}
		}
		return out
	case strings.TrimSpace(a.entry.Text) != "":
		return []string{a.entry.Text}
	}
	return nil
}

// answer is the value to save: a typed date becomes YYYY-MM-DD when it
// reads as one (else it goes as typed, and the case says it is not right).
func (a *answerInput) answer() []string {
	v := a.values()
	if a.field.Kind == domain.FieldDate && len(v) == 1 {
		if iso, ok := parseDay(v[0]); ok {
			return []string{iso}
		}
	}
	return v
}

// set puts values back (stored values for choices).
func (a *answerInput) set(v []string) {
	switch {
	case a.sel != nil:
		if len(v) == 0 {
			a.sel.ClearSelected()
			return
		}
		a.sel.SetSelected(optionLabel(a.opts, v[0]))
	case a.group != nil:
		for i, ck := range a.group {
			ck.SetChecked(containsID(v, a.opts[i].value))
		}
	default:
		a.entry.SetText(strings.Join(v, ""))
	}
}

// phaseView is one phase of the interview.
func (is *interviewScreen) phaseView() fyne.CanvasObject {
	i := is.phaseIndex()
	ph := &is.g.Phases[i]
	l := is.lang()
	step := lang.L("interview.phaseOf", map[string]any{"N": count(i + 1), "Total": count(len(is.g.Phases)), "Phase": ph.Title.In(l)})
	top := container.NewBorder(nil, nil, nil, is.alwaysThere(), is.title(step))

	purpose := wrapped(ph.Purpose.In(l))
	minutes := widget.NewLabel(lang.L("interview.minutes", map[string]any{"Minutes": count(ph.Minutes)}))
	minutes.Importance = widget.LowImportance

	parts := []fyne.CanvasObject{purpose, minutes, is.promptCard(ph)}
	parts = append(parts, is.doDont(ph))
	if k := is.knownBox(ph); k != nil {
		parts = append(parts, k)
	}
	parts = append(parts, is.questions(ph)...)
	if is.notes == nil {
		is.notes = newActivityEntry(is.s.app.touch)
		is.notes.MultiLine = true
		is.notes.Wrapping = fyne.TextWrapWord
		is.notes.SetMinRowsVisible(3)
	}
	is.notes.SetText(is.notesByPhase[ph.ID])
	parts = append(parts, newFormField(lang.L("interview.notes"), is.notes, lang.L("interview.notes.help")).box, is.message)
	is.applyRestored()

	is.prevPhase = widget.NewButtonWithIcon(lang.L("interview.prevPhase"), theme.NavigateBackIcon(), func() {
		if i > 0 {
			is.moveTo(is.g.Phases[i-1].ID, 0, false)
		}
	})
	if i == 0 {
		is.prevPhase.Disable()
	}
	bottom := container.NewHBox(is.prevPhase)
	if i+1 < len(is.g.Phases) {
		next := is.g.Phases[i+1]
		is.nextPhase = widget.NewButtonWithIcon(lang.L("interview.nextPhase", map[string]any{"Phase": next.Title.In(l)}),
			theme.NavigateNextIcon(), func() { is.toNextPhase(ph, next.ID) })
		is.nextPhase.Importance = widget.HighImportance
		is.finish = nil
		bottom.Objects = append(bottom.Objects, layoutSpacer(), is.nextPhase)
	} else {
		is.nextPhase = nil
		is.finish = widget.NewButtonWithIcon(lang.L("interview.finish"), theme.ConfirmIcon(), is.doFinish)
		is.finish.Importance = widget.HighImportance
		bottom.Objects = append(bottom.Objects, layoutSpacer(), is.finish)
	}
	is.scroll = is.keepScroll(ph.ID+"/"+count(is.is.Prompt), is.larger(container.NewPadded(container.NewVBox(parts...))))
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), bottom), nil, nil, is.scroll)
}

// promptCard shows the next prompt, large, with the way to the others.
func (is *interviewScreen) promptCard(ph *guide.Phase) fyne.CanvasObject {
	if len(ph.Prompts) == 0 {
		return widget.NewLabel("")
	}
	n := min(max(is.is.Prompt, 0), len(ph.Prompts)-1)
	p := ph.Prompts[n]
	kind := lang.L("interview.prompt.say")
	if !p.Open {
		kind = lang.L("interview.prompt.think")
	}
	head := widget.NewLabel(kind)
	head.Importance = widget.LowImportance
	is.promptLabel = widget.NewLabelWithStyle(p.Text.In(is.lang()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	is.promptLabel.Wrapping = fyne.TextWrapWord
	is.promptLabel.SizeName = theme.SizeNameSubHeadingText
	is.promptCount = widget.NewLabel(lang.L("interview.promptOf", map[string]any{"N": count(n + 1), "Total": count(len(ph.Prompts))}))
	is.prevPrompt = widget.NewButtonWithIcon(lang.L("interview.prevPrompt"), theme.NavigateBackIcon(), func() { is.moveTo(ph.ID, n-1, false) })
	is.nextPrompt = widget.NewButtonWithIcon(lang.L("interview.nextPrompt"), theme.NavigateNextIcon(), func() { is.moveTo(ph.ID, n+1, false) })
	if n == 0 {
		is.prevPrompt.Disable()
	}
	if n+1 >= len(ph.Prompts) {
		is.nextPrompt.Disable()
	}
	card := container.NewVBox(head, is.promptLabel, container.NewHBox(is.prevPrompt, is.promptCount, is.nextPrompt))
	return newCard(card)
}

// newCard frames o as a card.
func newCard(o fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", o)
}

// doDont are the phase's do's and don'ts, folded until opened.
func (is *interviewScreen) doDont(ph *guide.Phase) fyne.CanvasObject {
	list := func(items []string) fyne.CanvasObject {
		var b strings.Builder
		for _, it := range items {
			b.WriteString("• " + it + "\n")
		}
		return wrapped(strings.TrimRight(b.String(), "\n"))
	}
	texts := func(ts []content.Text) []string {
		out := make([]string, len(ts))
		for i, t := range ts {
			out[i] = t.In(is.lang())
		}
		return out
	}
	acc := widget.NewAccordion(
		widget.NewAccordionItem(lang.L("interview.do"), list(texts(ph.Do))),
		widget.NewAccordionItem(lang.L("interview.dont"), list(texts(ph.Dont))),
	)
	acc.MultiOpen = true
	return acc
}

// knownBox lists what the case already holds for this phase's questions,
// so nobody asks the person again.
func (is *interviewScreen) knownBox(ph *guide.Phase) fyne.CanvasObject {
	var lines []string
	for _, q := range ph.Questions {
		v := knownValue(is.c, q.Field)
		if v == "" {
			continue
		}
		if len([]rune(v)) > 240 {
			v = string([]rune(v)[:240]) + "…"
		}
		line := caseFieldName(q.Field) + lang.L("content.colon") + v
		if from := is.filledBy(q.Field); from != "" {
			line += " (" + from + ")"
		}
		lines = append(lines, "• "+line)
	}
	if len(lines) == 0 {
		is.known = nil
		return nil
	}
	b := newBanner(theme.InfoIcon(), lang.L("interview.known")+"\n"+strings.Join(lines, "\n"), widget.SuccessImportance)
	is.known = b.label
	return b.box
}

// questions are the inputs of the phase's questions whose answer the case
// does not hold yet (the account is always open to more).
func (is *interviewScreen) questions(ph *guide.Phase) []fyne.CanvasObject {
	is.answers = map[string]*answerInput{}
	var out []fyne.CanvasObject
	for _, q := range ph.Questions {
		f, _ := domain.LookupCaseField(q.Field)
		if knownValue(is.c, q.Field) != "" && f.Kind != domain.FieldLongText && f.Kind != domain.FieldMulti {
			continue
		}
		a := newAnswerInput(is, q)
		is.answers[q.Field] = a
		out = append(out, a.ff.box)
	}
	if len(out) == 0 {
		is.saveAnswers = nil
		is.answersMsg = newMessage()
		return nil
	}
	heading := widget.NewLabelWithStyle(lang.L("interview.questions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := wrapped(lang.L("interview.questions.help"))
	hint.Importance = widget.LowImportance
	saved := newMessage()
	is.saveAnswers = widget.NewButtonWithIcon(lang.L("interview.saveAnswers"), theme.DocumentSaveIcon(), func() {
		if is.doSaveAnswers() {
			is.render()
			// Said beside the button, where the eye is.
			showMessage(is.answersMsg, lang.L("interview.answersSaved"), widget.SuccessImportance)
		}
	})
	is.answersMsg = saved
	return append(append([]fyne.CanvasObject{widget.NewSeparator(), heading, hint}, out...),
		container.NewBorder(nil, nil, is.saveAnswers, nil, saved))
}

// typedAnswers are the answers typed and not saved yet.
func (is *interviewScreen) typedAnswers() map[string][]string {
	out := map[string][]string{}
	for f, a := range is.answers {
		if v := a.answer(); len(v) > 0 {
			out[f] = v
		}
	}
	return out
}

// doSaveAnswers writes the answers typed into the case; on a problem it
// says so under the field and keeps everything typed. It reports whether
// the answers are saved (true when there were none).
func (is *interviewScreen) doSaveAnswers() bool {
	is.s.app.touch()
	answers := is.typedAnswers()
	if len(answers) == 0 {
		return true
	}
	for _, a := range is.answers {
		a.ff.setError("")
	}
	c, sess, err := is.svc.AnswerInterview(is.ctx(), is.is.ID, answers)
	var invalid *casework.ValidationErrors
	switch {
	case errors.As(err, &invalid):
		for _, p := range invalid.Problems {
			msg := caseTabsRuleText(p.Rule)
			if p.Rule == casework.RuleImpossibleAge {
				msg = lang.L("interview.answer.range")
			}
			if a := is.answers[p.Field]; a != nil {
				a.ff.setError(msg)
			} else {
				showMessage(is.message, caseFieldName(p.Field)+lang.L("content.colon")+msg, widget.DangerImportance)
			}
		}
		return false
	case err != nil:
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return false
	}
	is.c, is.is = c, sess
	for _, a := range is.answers {
		a.set(nil)
	}
	return true
}

// progress is the session's place and notes, as shown.
func (is *interviewScreen) progress(phase string, prompt int) casework.InterviewProgress {
	if is.notes != nil {
		is.notesByPhase[is.is.Phase] = is.notes.Text
	}
	return casework.InterviewProgress{Phase: phase, Prompt: prompt, Notes: is.notesByPhase}
}

// moveTo saves what was typed and goes to a phase's prompt; then a break
// when pause is true.
func (is *interviewScreen) moveTo(phase string, prompt int, pause bool) {
	is.s.app.touch()
	if !is.doSaveAnswers() {
		return
	}
	sess, err := is.svc.MoveInterview(is.ctx(), is.is.ID, is.progress(phase, max(prompt, 0)))
	if err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.is = sess
	if is.notes != nil {
		is.notes.SetText(is.notesByPhase[sess.Phase])
	}
	is.message.Hide()
	if pause {
		is.doPause()
		return
	}
	is.render()
}

// toNextPhase goes on; after a phase that suggests it, a break is offered
// first.
func (is *interviewScreen) toNextPhase(ph *guide.Phase, next string) {
	if !ph.BreakSuggested {
		is.moveTo(next, 0, false)
		return
	}
	is.showDialogSized(lang.L("interview.breakSuggested.title"), wrapped(lang.L("interview.breakSuggested")), fyne.NewSize(600, 240),
		dialogAction{lang.L("interview.breakSuggested.take"), widget.HighImportance, func() { is.moveTo(next, 0, true) }},
		dialogAction{lang.L("interview.breakSuggested.continue"), widget.MediumImportance, func() { is.moveTo(next, 0, false) }})
}

// doPause saves the notes and starts a break.
func (is *interviewScreen) doPause() {
	is.s.app.touch()
	if is.notes != nil && is.notes.Text != is.notesByPhase[is.is.Phase] {
		if sess, err := is.svc.MoveInterview(is.ctx(), is.is.ID, is.progress(is.is.Phase, is.is.Prompt)); err == nil {
			is.is = sess
		}
	}
	sess, err := is.svc.PauseInterview(is.ctx(), is.is.ID)
	if err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.is = sess
	is.render()
}

// pauseView is the break: when it started, the grounding script to read
// slowly, and the way back.
func (is *interviewScreen) pauseView() fyne.CanvasObject {
	br := is.is.Breaks[len(is.is.Breaks)-1]
	heading := widget.NewLabelWithStyle(lang.L("interview.break"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	since := widget.NewLabel(lang.L("interview.break.since", map[string]any{"Time": br.Start.Local().Format("15:04")}))
	intro := wrapped(lang.L("interview.grounding"))
	intro.Importance = widget.LowImportance
	lines := make([]string, 0, len(is.g.Grounding))
	for _, t := range is.g.Grounding {
		lines = append(lines, t.In(is.lang()))
	}
	script := wrapped(strings.Join(lines, "\n\n"))
	script.SizeName = theme.SizeNameSubHeadingText
	is.resume = widget.NewButtonWithIcon(lang.L("interview.resume"), theme.MediaPlayIcon(), is.doResume)
	is.resume.Importance = widget.HighImportance
	is.stop = widget.NewButtonWithIcon(lang.L("interview.stop"), theme.MediaStopIcon(), is.showStop)
	is.stop.Importance = widget.DangerImportance
	is.pause, is.distress = nil, nil
	body := container.NewVBox(heading, since, widget.NewSeparator(), intro, script, is.message)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(is.resume, is.stop), is.title(lang.L("interview.break")))
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(is.larger(container.NewPadded(body))))
}

// doResume ends the break.
func (is *interviewScreen) doResume() {
	is.s.app.touch()
	sess, err := is.svc.ResumeInterview(is.ctx(), is.is.ID)
	if err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.is = sess
	is.render()
}

// doFinish saves the last answers and notes and ends the interview as
// completed.
func (is *interviewScreen) doFinish() {
	is.s.app.touch()
	if !is.doSaveAnswers() {
		return
	}
	if _, err := is.svc.MoveInterview(is.ctx(), is.is.ID, is.progress(is.is.Phase, is.is.Prompt)); err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	if _, err := is.svc.EndInterview(is.ctx(), is.is.ID, domain.InterviewCompleted, ""); err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.leave(lang.L("interview.finished"))
}

// layoutSpacer fills the space between buttons.
func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
