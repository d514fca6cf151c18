package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// askClose asks why and when the case is closed, then closes it. casework
// refuses to close a child's case without a Best Interests Assessment: the
// dialog then says so and leads to the Child tab.
func (cf *caseFile) askClose() {
	cf.s.app.touch()
	showMessage(cf.message, "", widget.LowImportance)
	opts := closureReasonOptions()
	cf.closeReason = widget.NewSelect(optionLabels(opts), func(string) { cf.s.app.touch() })
	cf.closeReason.PlaceHolder = lang.L("case.choose")
	cf.closeDate = newActivityEntry(cf.s.app.touch)
	cf.closeDate.SetPlaceHolder(datePlaceholder())
	cf.closeDate.SetText(dayText(isoDay(cf.s.deps.now())))
	cf.closeNote = newActivityEntry(cf.s.app.touch)
	cf.closeNote.MultiLine = true
	cf.closeNote.Wrapping = fyne.TextWrapWord
	cf.closeNote.SetMinRowsVisible(3)
	fReason := newFormField(lang.L("casefile.close.reason"), cf.closeReason, "")
	fDate := newFormField(lang.L("casefile.close.date"), cf.closeDate, "")
	fNote := newFormField(lang.L("casefile.close.note"), cf.closeNote, lang.L("casefile.close.note.help"))
	cf.closeMessage = newMessage()

	var d dialog.Dialog
	cf.closeToChild = widget.NewButtonWithIcon(lang.L("casefile.openTab", map[string]any{"Tab": lang.L("casefile.tab.child")}), theme.NavigateNextIcon(), func() {
		cf.s.app.touch()
		d.Hide()
		cf.selectTab(tabChild)
	})
	cf.closeToChild.Hide()

	submit := func() {
		cf.s.app.touch()
		fReason.setError("")
		fDate.setError("")
		i := cf.closeReason.SelectedIndex()
		if i < 0 {
			fReason.setError(lang.L("casefile.close.reasonMissing"))
		}
		day, ok := parseDay(cf.closeDate.Text)
		switch {
		case !ok:
			fDate.setError(lang.L("case.rule.dateFormat"))
		case day == "":
			fDate.setError(lang.L("field.required"))
		case day > isoDay(cf.s.deps.now()):
			fDate.setError(lang.L("case.rule.future"))
		}
		if i < 0 || !ok || day == "" || day > isoDay(cf.s.deps.now()) {
			return
		}
		cl := domain.Closure{Reason: domain.ClosureReason(opts[i].value), ClosedOn: day, Note: strings.TrimSpace(cf.closeNote.Text)}
		closed, err := cf.s.cases().CloseCase(context.Background(), cf.c.ID, cl)
		if err != nil {
			var refused *casework.RuleError
			if errors.As(err, &refused) && refused.Rule == casework.RuleBIARequired {
				showMessage(cf.closeMessage, lang.L("case.rule.biaRequired")+" "+lang.L("casefile.close.biaHow"), widget.DangerImportance)
				cf.closeToChild.Show()
				relayout(cf.closeToChild)
				return
			}
			var invalid *casework.ValidationErrors
			if errors.As(err, &invalid) {
				for _, p := range invalid.Problems {
					switch p.Field {
					case "closure.reason":
						fReason.setError(ruleText(p.Field, p.Rule))
					case "closure.closedOn":
						fDate.setError(ruleText(p.Field, p.Rule))
					default:
						showMessage(cf.closeMessage, ruleText(p.Field, p.Rule), widget.DangerImportance)
					}
				}
				return
			}
			showMessage(cf.closeMessage, refusedText(err, cf.s.deps.now()), widget.DangerImportance)
			return
		}
		d.Hide()
		cf.c = closed
		cf.editing, cf.form = "", nil
		cf.render()
		showMessage(cf.message, lang.L("casefile.close.done"), widget.SuccessImportance)
	}
	cf.closeSubmit = widget.NewButtonWithIcon(lang.L("casefile.close.submit"), theme.ConfirmIcon(), submit)
	cf.closeSubmit.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	content := container.NewVBox(
		wrapped(lang.L("casefile.close.intro")),
		fReason.box, fDate.box, fNote.box, cf.closeMessage,
		container.NewHBox(cf.closeToChild, layout.NewSpacer(), cancel, cf.closeSubmit))
	d = dialog.NewCustomWithoutButtons(lang.L("casefile.close.title", map[string]any{"Code": cf.c.Code}), content, cf.s.w)
	d.Resize(fyne.NewSize(fyne.Min(theme.TextSize()*36, cf.s.w.Canvas().Size().Width*0.9), content.MinSize().Height+theme.TextSize()*8))
	d.Show()
}

// reopen opens a closed case again, after a confirmation.
func (cf *caseFile) reopen() {
	cf.s.app.touch()
	d := dialog.NewConfirm(lang.L("casefile.reopen.title", map[string]any{"Code": cf.c.Code}), lang.L("casefile.reopen.text"),
		func(ok bool) {
			if !ok {
				return
			}
			opened, err := cf.s.cases().ReopenCase(context.Background(), cf.c.ID)
			if err != nil {
				showMessage(cf.message, refusedText(err, cf.s.deps.now()), widget.DangerImportance)
				return
			}
			cf.c = opened
			cf.render()
			showMessage(cf.message, lang.L("casefile.reopen.done"), widget.SuccessImportance)
		}, cf.s.w)
	d.SetConfirmText(lang.L("casefile.reopen"))
	d.SetDismissText(lang.L("Cancel"))
	d.Show()
}
