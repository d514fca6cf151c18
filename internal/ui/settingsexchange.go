package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
)

// outboxSchedules are the choices of how often the outbox is written.
var outboxSchedules = []time.Duration{0, time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

func outboxScheduleName(d time.Duration) string {
	switch d {
	case 0:
		return lang.L("settings.exchange.every.off")
	case 24 * time.Hour:
		return lang.L("settings.exchange.every.day")
	}
	return lang.L("settings.exchange.every.hours", map[string]any{"Hours": int(d / time.Hour)})
}

// exchangeFoldersPanel is the Exchange folders tab of Settings: the inbox
// watched for export files, the outbox written for each trusted office,
// and how often the outbox is written by itself.
type exchangeFoldersPanel struct {
	s                 *Shell
	svc               TransferService
	inbox, outbox     *widget.Entry
	inField, outField *formField
	every             *widget.Select
	everyField        *formField
	msg               *widget.Label
	save              *widget.Button
	content           fyne.CanvasObject
	chosen            time.Duration
}

func (s *Shell) exchangeFoldersView(svc TransferService) *exchangeFoldersPanel {
	p := &exchangeFoldersPanel{s: s, svc: svc, inbox: widget.NewEntry(), outbox: widget.NewEntry(), msg: newMessage()}
	f, err := svc.ExchangeFolders(context.Background())
	if err != nil {
		showMessage(p.msg, errorText(err, s.deps.now()), widget.DangerImportance)
	}
	p.inbox.SetText(f.Inbox)
	p.outbox.SetText(f.Outbox)
	p.chosen = f.OutboxEvery
	for _, e := range []*widget.Entry{p.inbox, p.outbox} {
		e.OnChanged = func(string) { s.app.touch() }
	}
	choose := func(e *widget.Entry) *widget.Button {
		return widget.NewButtonWithIcon(lang.L("settings.exchange.choose"), theme.FolderOpenIcon(), func() {
			s.app.touch()
			dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					e.SetText(u.Path())
				}
			}, s.w).Show()
		})
	}
	var names []string
	for _, d := range outboxSchedules {
		names = append(names, outboxScheduleName(d))
	}
	p.every = widget.NewSelect(names, func(v string) {
		s.app.touch()
		for i, n := range names {
			if n == v {
				p.chosen = outboxSchedules[i]
			}
		}
	})
	p.every.SetSelected(outboxScheduleName(p.chosen))
	p.inField = newFormField(lang.L("settings.exchange.inbox"),
		container.NewBorder(nil, nil, nil, choose(p.inbox), p.inbox), lang.L("settings.exchange.inbox.help"))
	p.outField = newFormField(lang.L("settings.exchange.outbox"),
		container.NewBorder(nil, nil, nil, choose(p.outbox), p.outbox), lang.L("settings.exchange.outbox.help"))
	p.everyField = newFormField(lang.L("settings.exchange.every"), p.every, lang.L("settings.exchange.every.help"))
	p.save = widget.NewButtonWithIcon(lang.L("settings.exchange.save"), theme.DocumentSaveIcon(), p.submit)
	p.save.Importance = widget.HighImportance
	column := container.New(&columnLayout{maxEms: 44},
		wrapped(lang.L("settings.exchange.help")),
		p.inField.box, p.outField.box, p.everyField.box,
		container.NewHBox(p.save), p.msg)
	p.content = container.NewVScroll(container.NewPadded(column))
	return p
}

// submit saves the folders, or shows what to correct under each field.
func (p *exchangeFoldersPanel) submit() {
	p.s.app.touch()
	for _, f := range []*formField{p.inField, p.outField, p.everyField} {
		f.setError("")
	}
	err := p.svc.SetExchangeFolders(context.Background(), casework.Folders{Inbox: p.inbox.Text, Outbox: p.outbox.Text,
		OutboxEvery: p.chosen})
	var invalid *casework.ValidationErrors
	switch {
	case errors.As(err, &invalid):
		for _, pr := range invalid.Problems {
			field := map[string]*formField{"inbox": p.inField, "outbox": p.outField, "every": p.everyField}[pr.Field]
			if field != nil {
				field.setError(folderProblemText(pr.Rule))
			}
		}
		showMessage(p.msg, lang.L("settings.exchange.fix"), widget.DangerImportance)
	case err != nil:
		showMessage(p.msg, errorText(err, p.s.deps.now()), widget.DangerImportance)
	default:
		showMessage(p.msg, lang.L("settings.exchange.saved"), widget.SuccessImportance)
	}
}

func folderProblemText(rule string) string {
	switch rule {
	case casework.RuleRequired:
		return lang.L("settings.exchange.err.required")
	case casework.RuleFormat:
		return lang.L("settings.exchange.err.absolute")
	case casework.RuleSameFolder:
		return lang.L("settings.exchange.err.same")
	case casework.RuleRange:
		return lang.L("settings.exchange.err.range")
	}
	return lang.L("settings.exchange.err.folder")
}
