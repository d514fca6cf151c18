package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
)

// prepView checks the preparation before the first question: each check of
// the guide, the interpreter, and consent as recorded in the case.
func (is *interviewScreen) prepView() fyne.CanvasObject {
	if is.checks == nil {
		is.checks = map[string]*widget.Check{}
		is.interpreter = newActivityEntry(is.s.app.touch)
		is.interpreter.SetPlaceHolder(lang.L("interview.interpreter.placeholder"))
		is.interpreterChecked = widget.NewCheck("", func(bool) { is.s.app.touch() })
		is.spoken = newActivityEntry(is.s.app.touch)
		is.spoken.SetPlaceHolder(lang.L("interview.spoken.placeholder"))
		is.present = newActivityEntry(is.s.app.touch)
		is.present.SetPlaceHolder(lang.L("interview.present.placeholder"))
	}
	is.checkErrors = map[string]*widget.Label{}
	is.consentRows = map[string]*fyne.Container{}
	is.readConsent()

	intro := wrapped(is.g.Summary.In(is.lang()))
	heading := widget.NewLabelWithStyle(lang.L("interview.prep.heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	parts := []fyne.CanvasObject{intro, widget.NewSeparator(), heading, wrapped(lang.L("interview.prep.intro"))}
	if known := is.earlierLine(); known != "" {
		parts = append(parts, newBanner(theme.InfoIcon(), known, widget.MediumImportance).box)
	}
	for _, c := range is.g.Preparation {
		parts = append(parts, is.checkRow(c))
	}
	parts = append(parts, widget.NewSeparator(),
		newFormField(lang.L("interview.spoken"), is.spoken, lang.L("interview.spoken.help")).box,
		newFormField(lang.L("interview.present"), is.present, lang.L("interview.present.help")).box)

	is.start = widget.NewButtonWithIcon(lang.L("interview.start"), theme.MediaPlayIcon(), is.doStart)
	is.start.Importance = widget.HighImportance
	buttons := container.NewHBox(is.start)
	if is.s.deps.PocketGuidePDF != nil {
		buttons.Add(widget.NewButtonWithIcon(lang.L("interview.pocket"), theme.DocumentPrintIcon(), func() {
			is.s.savePocketGuide(is.g, is.message)
		}))
	}
	parts = append(parts, is.message, buttons)
	top := container.NewBorder(nil, nil, nil, is.backButton(), is.title(lang.L("interview.prep.step")))
	is.scroll = is.keepScroll("preparation", is.larger(container.NewPadded(container.NewVBox(parts...))))
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, is.scroll)
}

// earlierLine says how many interviews the person already had, so nobody
// asks again what is known.
func (is *interviewScreen) earlierLine() string {
	if len(is.earlier) == 0 {
		return ""
	}
	last := is.earlier[0]
	return lang.L("interview.prep.earlier", map[string]any{"Count": count(len(is.earlier)), "When": formatDateTime(last.StartedAt)})
}

// readConsent asks the case whether interview consent is recorded.
func (is *interviewScreen) readConsent() {
	p, a, err := is.svc.InterviewConsent(is.ctx(), is.c.ID)
	if err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.consentPerson, is.consentAdult = p, a
}

// checkRow is one preparation check: a tick box with its help, or for
// consent, what the case's records say with a way to record it.
func (is *interviewScreen) checkRow(c guide.Check) fyne.CanvasObject {
	errLabel := wrapped("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Hide()
	is.checkErrors[c.ID] = errLabel
	help := wrapped(c.Help.In(is.lang()))
	help.Importance = widget.LowImportance
	text := c.Text.In(is.lang())
	if !c.Required {
		text += " " + lang.L("interview.prep.optional")
	}
	if guide.ConsentCheck(c.ID) {
		row := container.NewVBox()
		is.consentRows[c.ID] = row
		is.fillConsentRow(c.ID, text, help, errLabel)
		return row
	}
	// The text wraps beside the box: a long check text must not widen the view.
	ck := is.checks[c.ID]
	if ck == nil {
		ck = widget.NewCheck("", func(on bool) {
			is.s.app.touch()
			if on {
				is.hideCheckError(c.ID)
			}
		})
		is.checks[c.ID] = ck
	}
	label := wrapped(text)
	label.TextStyle = fyne.TextStyle{Bold: true}
	row := container.NewBorder(nil, nil, container.NewVBox(ck), nil, label)
	parts := []fyne.CanvasObject{row, help}
	if c.ID == domain.PrepInterpreter {
		parts = append(parts, newFormField(lang.L("interview.interpreter"), is.interpreter, lang.L("interview.interpreter.help")).box,
			container.NewBorder(nil, nil, container.NewVBox(is.interpreterChecked), nil, wrapped(lang.L("interview.interpreter.checked"))))
	}
	return container.NewVBox(append(parts, errLabel)...)
}

// fillConsentRow shows whether the consent a check needs is recorded.
func (is *interviewScreen) fillConsentRow(id, text string, help, errLabel *widget.Label) {
	row := is.consentRows[id]
	ok := is.consentPerson
	if id == domain.PrepGuardianConsent {
		ok = is.consentAdult
	}
	state := lang.L("interview.consent.missing")
	icon := theme.ErrorIcon()
	if ok {
		state, icon = lang.L("interview.consent.recorded"), theme.ConfirmIcon()
	}
	label := wrapped(text + " — " + state)
	label.TextStyle = fyne.TextStyle{Bold: true}
	line := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, label)
	objs := []fyne.CanvasObject{line, help}
	if !ok {
		giver := domain.GivenByPerson
		if id == domain.PrepGuardianConsent {
			giver = domain.GivenByGuardian
		}
		b := widget.NewButtonWithIcon(lang.L("interview.consent.record"), theme.ContentAddIcon(), func() { is.showConsentDialog(giver) })
		if id == domain.PrepConsent {
			is.recordConsent = b
		}
		objs = append(objs, container.NewHBox(b))
	}
	row.Objects = append(objs, errLabel)
	row.Refresh()
}

func (is *interviewScreen) hideCheckError(id string) {
	if l := is.checkErrors[id]; l != nil && l.Visible() {
		l.Hide()
		relayout(l)
	}
}

func (is *interviewScreen) showCheckError(id, msg string) {
	l := is.checkErrors[id]
	if l == nil {
		showMessage(is.message, msg, widget.DangerImportance)
		return
	}
	l.SetText(msg)
	l.Show()
	relayout(l)
}

// done lists the checks ticked.
func (is *interviewScreen) done() []string {
	var out []string
	for _, c := range is.g.Preparation {
		if ck := is.checks[c.ID]; ck != nil && ck.Checked {
			out = append(out, c.ID)
		}
	}
	return out
}

// doStart starts the interview when everything is ready, else says under
// each check what is missing; nothing typed is lost.
func (is *interviewScreen) doStart() {
	is.s.app.touch()
	for id := range is.checkErrors {
		is.hideCheckError(id)
	}
	in := domain.InterviewSession{
		CaseID: is.c.ID, GuideLanguage: is.lang(), Language: strings.TrimSpace(is.spoken.Text),
		Interpreter: is.interpreter.Text, InterpreterChecked: is.interpreterChecked.Checked,
		Present: is.present.Text, Preparation: is.done(),
	}
	sess, err := is.svc.StartInterview(is.ctx(), is.g, in)
	var invalid *casework.ValidationErrors
	switch {
	case errors.As(err, &invalid):
		for _, p := range invalid.Problems {
			id := strings.TrimPrefix(p.Field, "preparation.")
			switch p.Rule {
			case casework.RulePreparation:
				is.showCheckError(id, lang.L("interview.prep.notDone"))
			case casework.RuleConsentMissing:
				is.showCheckError(id, lang.L("interview.consent.needed"))
			case casework.RuleInterpreterUnchecked:
				is.showCheckError(domain.PrepInterpreter, lang.L("interview.interpreter.uncheckedError"))
			}
		}
		showMessage(is.message, lang.L("interview.prep.fixFirst"), widget.DangerImportance)
		return
	case err != nil:
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.is = sess
	is.st.interviewID = sess.ID
	is.message.Hide()
	is.render()
}
