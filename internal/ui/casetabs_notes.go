package ui

import (
	"context"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// draftCaseNote names the draft of a note being written; the case id is
// part of the name, so a draft never comes back in another case's tab.
const draftCaseNote = "case.note."

// notesPanel is the Notes tab: a box to write a note, and the notes of
// the case, newest first, each with its author and time. Notes are not
// edited afterwards: a correction is a new note.
type notesPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     CaseService
	caseID  string
	content fyne.CanvasObject

	names  map[string]string
	notes  []domain.Note
	text   *activityEntry
	fText  *formField
	add    *widget.Button
	notice *widget.Label
	list   *fyne.Container
}

func newNotesPanel(s *Shell, svc CaseService, caseID string) *notesPanel {
	p := &notesPanel{s: s, svc: svc, caseID: caseID, names: s.caseTabsNames(),
		notice: newMessage(), list: container.NewVBox()}
	p.ExtendBaseWidget(p)
	p.text = newActivityEntry(s.app.touch)
	p.text.MultiLine = true
	p.text.Wrapping = fyne.TextWrapWord
	p.text.SetMinRowsVisible(4)
	p.text.SetPlaceHolder(lang.L("casetabs.notes.placeholder"))
	p.text.OnChanged = func(string) { p.fText.setError("") }
	p.fText = newFormField(lang.L("casetabs.notes.new"), p.text, lang.L("casetabs.notes.help"))
	p.add = widget.NewButtonWithIcon(lang.L("casetabs.notes.add"), theme.ContentAddIcon(), p.addNote)
	p.add.Importance = widget.HighImportance
	s.addDrafter(draftCaseNote+caseID, p)

	top := container.NewVBox(p.fText.box, container.NewHBox(p.add), p.notice, widget.NewSeparator())
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list))
	p.reload()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *notesPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }

// reload reads the notes again, newest first.
func (p *notesPanel) reload() {
	notes, err := p.svc.Notes(context.Background(), p.caseID)
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].At.After(notes[j].At) })
	p.notes = notes
	var objects []fyne.CanvasObject
	if len(notes) == 0 {
		empty := wrapped(lang.L("casetabs.notes.empty"))
		empty.Importance = widget.LowImportance
		objects = append(objects, empty)
	}
	for i, n := range notes {
		if i > 0 {
			objects = append(objects, widget.NewSeparator())
		}
		head := widget.NewLabelWithStyle(lang.L("casetabs.notes.by", map[string]any{
			"User": caseTabsUserName(p.names, n.AuthorID), "Date": i18n.FormatDateTime(n.At.Local(), Language())}),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = theme.SizeNameCaptionText
		head.Importance = widget.LowImportance
		body := wrapped(n.Text)
		body.Selectable = true
		objects = append(objects, container.New(layout.NewCustomPaddedVBoxLayout(0), head, body))
	}
	p.list.Objects = objects
	p.list.Refresh()
}

// addNote saves what was typed as a new note.
func (p *notesPanel) addNote() {
	p.s.app.touch()
	text := strings.TrimSpace(p.text.Text)
	if text == "" {
		p.fText.setError(lang.L("casetabs.notes.required"))
		return
	}
	if _, err := p.svc.AddNote(context.Background(), p.caseID, text); err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.text.wipe()
	p.reload()
	showMessage(p.notice, lang.L("casetabs.notes.saved"), widget.SuccessImportance)
}

// Draft is part of Drafter: the note being written survives a lock.
func (p *notesPanel) Draft() map[string]string {
	if p.text.Text == "" {
		return nil
	}
	return map[string]string{"text": p.text.Text}
}

// RestoreDraft is part of Drafter.
func (p *notesPanel) RestoreDraft(d map[string]string) { p.text.SetText(d["text"]) }

// ClearDraft is part of Drafter.
func (p *notesPanel) ClearDraft() { p.text.wipe() }
