package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

// interviewDialog is a dialog of the interview screen, with its widgets for
// the tests.
type interviewDialog struct {
	d       dialog.Dialog
	buttons []*widget.Button
	reason  *widget.Select
	giver   *widget.Select
	name    *activityEntry
	method  *widget.Select
	date    *activityEntry
	message *widget.Label
}

// dialogAction is a button of a dialog.
type dialogAction struct {
	text string
	imp  widget.Importance
	do   func()
}

// showDialog shows content with the actions as buttons; each closes the
// dialog, then acts. A Close button is added when no action is given.
func (is *interviewScreen) showDialog(title string, content fyne.CanvasObject, actions ...dialogAction) *interviewDialog {
	return is.showDialogSized(title, content, fyne.NewSize(820, 580), actions...)
}

// showDialogSized is showDialog at a given size (a short question needs
// less room).
func (is *interviewScreen) showDialogSized(title string, content fyne.CanvasObject, size fyne.Size, actions ...dialogAction) *interviewDialog {
	id := &interviewDialog{}
	bar := container.NewHBox()
	for _, a := range actions {
		a := a
		b := widget.NewButton(a.text, func() {
			id.d.Hide()
			is.dlg = nil
			if a.do != nil {
				a.do()
			}
		})
		b.Importance = a.imp
		id.buttons = append(id.buttons, b)
		bar.Add(b)
	}
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bar), nil, nil,
		container.NewVScroll(content))
	id.d = dialog.NewCustomWithoutButtons(title, body, is.s.w)
	id.d.Resize(size)
	is.dlg = id
	id.d.Show()
	return id
}

// showStop asks how the interview ends early, showing words to say; it
// blames nobody and records only that it ended early, and why.
func (is *interviewScreen) showStop() {
	is.s.app.touch()
	words := wrapped(is.g.Stopping.In(is.lang()))
	words.TextStyle = fyne.TextStyle{Italic: true}
	labels := make([]string, len(domain.EarlyEndReasons))
	for i, r := range domain.EarlyEndReasons {
		labels[i] = earlyReasonLabel(r)
	}
	reason := widget.NewSelect(labels, nil)
	reason.PlaceHolder = lang.L("interview.answer.choose")
	msg := newMessage()
	content := container.NewVBox(wrapped(lang.L("interview.stop.intro")),
		widget.NewLabelWithStyle(lang.L("interview.stop.say"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), words,
		newFormField(lang.L("interview.stop.reason"), reason, lang.L("interview.stop.reasonHelp")).box, msg)
	var id *interviewDialog
	end := func() {
		i := reason.SelectedIndex()
		if i < 0 {
			id.d.Show()
			is.dlg = id
			showMessage(msg, lang.L("interview.stop.chooseReason"), widget.DangerImportance)
			return
		}
		is.endEarly(domain.EarlyEndReasons[i])
	}
	id = is.showDialog(lang.L("interview.stop.title"), content,
		dialogAction{lang.L("interview.stop.confirm"), widget.DangerImportance, end},
		dialogAction{lang.L("interview.stop.back"), widget.MediumImportance, nil})
	id.reason, id.message = reason, msg
}

// endEarly saves what was typed, records the early end and goes back to
// the case. An answer that does not fit its field keeps the interview
// open, with the message under the answer, so nothing typed is lost.
func (is *interviewScreen) endEarly(reason string) {
	if !is.is.OnBreak() && !is.doSaveAnswers() {
		showMessage(is.message, lang.L("interview.stop.fixAnswers"), widget.DangerImportance)
		return
	}
	if is.notes != nil && is.is.ID != "" && !is.is.OnBreak() {
		if sess, err := is.svc.MoveInterview(is.ctx(), is.is.ID, is.progress(is.is.Phase, is.is.Prompt)); err == nil {
			is.is = sess
		}
	}
	if _, err := is.svc.EndInterview(is.ctx(), is.is.ID, domain.InterviewEndedEarly, reason); err != nil {
		showMessage(is.message, is.errorText(err), widget.DangerImportance)
		return
	}
	is.leave(lang.L("interview.endedEarly"))
}

// showDistress shows the distress protocol, with a break one tap away.
func (is *interviewScreen) showDistress() {
	is.s.app.touch()
	var b strings.Builder
	for i, t := range is.g.Distress {
		b.WriteString(count(i+1) + ". " + t.In(is.lang()) + "\n")
	}
	steps := wrapped(strings.TrimRight(b.String(), "\n"))
	is.showDialog(lang.L("interview.distress"), is.larger(steps),
		dialogAction{lang.L("interview.distress.break"), widget.HighImportance, is.doPause},
		dialogAction{lang.L("interview.distress.close"), widget.MediumImportance, nil})
}

// showConsentDialog records an interview consent without leaving the
// preparation: who gave it, how, when.
func (is *interviewScreen) showConsentDialog(giver domain.ConsentGiver) {
	is.s.app.touch()
	cs := is.s.cases()
	givers := make([]string, len(consentGivers))
	for i, g := range consentGivers {
		givers[i] = consentGiverName(g)
	}
	methods := make([]string, len(consentMethods))
	for i, m := range consentMethods {
		methods[i] = consentMethodName(m)
	}
	id := &interviewDialog{giver: widget.NewSelect(givers, nil), method: widget.NewSelect(methods, nil),
		name: newActivityEntry(is.s.app.touch), date: newActivityEntry(is.s.app.touch), message: newMessage()}
	id.giver.SetSelected(consentGiverName(giver))
	id.method.SetSelected(consentMethodName(domain.ConsentVerbal))
	id.date.SetText(dayText(isoDay(is.s.deps.now())))
	nameField := newFormField(lang.L("interview.consent.giverName"), id.name, lang.L("interview.consent.giverNameHelp"))
	content := container.NewVBox(wrapped(lang.L("interview.consent.intro")),
		newFormField(lang.L("interview.consent.giver"), id.giver, "").box, nameField.box,
		newFormField(lang.L("interview.consent.method"), id.method, "").box,
		newFormField(lang.L("interview.consent.date"), id.date, datePlaceholder()).box, id.message)
	save := func() {
		c := domain.Consent{CaseID: is.c.ID, Purpose: domain.ConsentInterview, GiverName: strings.TrimSpace(id.name.Text)}
		if i := id.giver.SelectedIndex(); i >= 0 {
			c.GivenBy = consentGivers[i]
		}
		if i := id.method.SelectedIndex(); i >= 0 {
			c.Method = consentMethods[i]
		}
		day, ok := parseDay(id.date.Text)
		if !ok {
			day = id.date.Text
		}
		c.GivenOn = day
		if _, err := cs.AddConsent(is.ctx(), c); err != nil {
			// Keep the dialog and what was typed; say what to correct.
			id.d.Show()
			is.dlg = id
			showMessage(id.message, caseTabsErrorText(err, is.s.deps.now()), widget.DangerImportance)
			return
		}
		is.readConsent()
		is.render()
		showMessage(is.message, lang.L("interview.consent.saved"), widget.SuccessImportance)
	}
	d := is.showDialog(lang.L("interview.consent.title"), content,
		dialogAction{lang.L("interview.consent.save"), widget.HighImportance, save},
		dialogAction{lang.L("interview.stop.back"), widget.MediumImportance, nil})
	id.d, id.buttons = d.d, d.buttons
	is.dlg = id
}
