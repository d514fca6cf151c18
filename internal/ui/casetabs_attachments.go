package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// attachmentKinds are the kinds offered, in order.
var attachmentKinds = []domain.AttachmentKind{domain.AttachmentDocument, domain.AttachmentConsent, domain.AttachmentPhoto, domain.AttachmentOther}

// attachmentKindName is a kind of attachment in plain words.
func attachmentKindName(k domain.AttachmentKind) string {
	switch k {
	case domain.AttachmentDocument:
		return lang.L("casetabs.files.kind.document")
	case domain.AttachmentConsent:
		return lang.L("casetabs.files.kind.signedConsent")
	case domain.AttachmentPhoto:
		return lang.L("casetabs.files.kind.photo")
	case domain.AttachmentOther:
		return lang.L("casetabs.files.kind.other")
	}
	return string(k)
}

// fileSizeText writes a size the way the user's language does: "850 KB",
// "2.4 MB" (en), "2,4 Mo" (fr), "2,4 MB" (pt).
func fileSizeText(n int64) string {
	// One decimal under ten ("2.4 MB"), whole numbers above ("402 KB").
	decimal := func(v float64) string {
		prec := 1
		if v >= 10 {
			prec = 0
		}
		s := strconv.FormatFloat(v, 'f', prec, 64)
		s = strings.TrimSuffix(s, ".0")
		if Language() != "en" {
			s = strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	switch {
	case n < 1<<10:
		return lang.L("casetabs.size.b", map[string]any{"Size": i18n.FormatNumber(n, Language())})
	case n < 1<<20:
		return lang.L("casetabs.size.kb", map[string]any{"Size": decimal(float64(n) / (1 << 10))})
	}
	return lang.L("casetabs.size.mb", map[string]any{"Size": decimal(float64(n) / (1 << 20))})
}

// attachmentsPanel is the Files tab: add a file of a kind, the list of
// files (name, kind, size, who added it and when) and Save a copy.
type attachmentsPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     CaseService
	caseID  string
	content fyne.CanvasObject

	names  map[string]string
	files  []domain.Attachment
	kind   *widget.Select
	add    *widget.Button
	notice *widget.Label
	list   *fyne.Container

	deleteDlg *dialog.ConfirmDialog // the confirmation on screen, for the tests
}

func newAttachmentsPanel(s *Shell, svc CaseService, caseID string) *attachmentsPanel {
	p := &attachmentsPanel{s: s, svc: svc, caseID: caseID, names: s.caseTabsNames(),
		notice: newMessage(), list: container.NewVBox()}
	p.ExtendBaseWidget(p)
	kinds := make([]string, len(attachmentKinds))
	for i, k := range attachmentKinds {
		kinds[i] = attachmentKindName(k)
	}
	p.kind = widget.NewSelect(kinds, func(string) { s.app.touch() })
	p.kind.SetSelectedIndex(0)
	p.add = widget.NewButtonWithIcon(lang.L("casetabs.files.add"), theme.UploadIcon(), p.chooseFile)
	p.add.Importance = widget.HighImportance

	help := wrapped(lang.L("casetabs.files.help", map[string]any{"Max": fileSizeText(domain.MaxAttachmentBytes)}))
	sizedKind := container.NewGridWrap(fyne.NewSize(theme.TextSize()*16, p.kind.MinSize().Height), p.kind)
	row := container.NewHBox(widget.NewLabel(lang.L("casetabs.files.kind")), sizedKind, p.add)
	top := container.New(&columnLayout{maxEms: 1000}, help, row, p.notice)
	p.content = container.New(attachmentsLayout{}, container.NewVScroll(p.list), top)
	p.reload()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *attachmentsPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// attachmentColumns share a row's width left of the Save a copy button.
var attachmentColumns = []float32{0.34, 0.2, 0.1, 0.19, 0.17}

// reload reads the list of files again, newest first.
func (p *attachmentsPanel) reload() {
	files, err := p.svc.Attachments(context.Background(), p.caseID)
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].AddedAt.After(files[j].AddedAt) })
	p.files = files
	if len(files) == 0 {
		empty := wrapped(lang.L("casetabs.files.empty"))
		empty.Importance = widget.LowImportance
		p.list.Objects = []fyne.CanvasObject{empty}
		p.list.Refresh()
		return
	}
	head := func(text string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	// The buttons are as wide in every row, so the columns line up.
	buttonsWidth := container.NewHBox(
		widget.NewButtonWithIcon(lang.L("casetabs.files.save"), theme.DocumentSaveIcon(), nil),
		widget.NewButtonWithIcon(lang.L("casetabs.files.delete"), theme.DeleteIcon(), nil)).MinSize().Width
	row := func(objects ...fyne.CanvasObject) fyne.CanvasObject {
		return container.New(&attachmentRowLayout{buttons: buttonsWidth}, objects...)
	}
	rows := []fyne.CanvasObject{row(
		container.New(&columnsLayout{weights: attachmentColumns},
			head(lang.L("casetabs.files.col.name")), head(lang.L("casetabs.files.col.kind")),
			head(lang.L("casetabs.files.col.size")), head(lang.L("casetabs.files.col.addedBy")),
			head(lang.L("casetabs.files.col.addedAt")))), widget.NewSeparator()}
	cell := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	for _, a := range files {
		save := widget.NewButtonWithIcon(lang.L("casetabs.files.save"), theme.DocumentSaveIcon(), func() { p.chooseSave(a) })
		save.Importance = widget.LowImportance
		del := widget.NewButtonWithIcon(lang.L("casetabs.files.delete"), theme.DeleteIcon(), func() { p.confirmDelete(a) })
		del.Importance = widget.LowImportance
		name := cell(a.Name)
		name.TextStyle = fyne.TextStyle{Bold: true}
		rows = append(rows, row(
			container.New(&columnsLayout{weights: attachmentColumns},
				name, cell(attachmentKindName(a.Kind)), cell(fileSizeText(a.Size)),
				cell(caseTabsUserName(p.names, a.AddedBy)), cell(caseListDate(a.AddedAt))),
			container.NewHBox(save, del)))
	}
	p.list.Objects = rows
	p.list.Refresh()
}

// attachmentsLayout puts the help and the Attach row (the second object)
// on top, measured at the width they get, so that help wrapping on a
// narrow window pushes the list of files (the first object) down instead
// of running over it.
type attachmentsLayout struct{}

func (attachmentsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	list, top := objects[0], objects[1]
	top.Resize(fyne.NewSize(size.Width, top.MinSize().Height)) // lays the help out at this width
	h := top.MinSize().Height
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, h))
	y := h + theme.Padding()
	list.Move(fyne.NewPos(0, y))
	list.Resize(fyne.NewSize(size.Width, fyne.Max(0, size.Height-y)))
}

func (attachmentsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.NewSize(0, 0)
	}
	list, top := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(fyne.Max(list.Width, top.Width), top.Height+theme.Padding()+list.Height)
}

// attachmentRowLayout puts a file's cells (the first object) left of its
// buttons (the second), which take the same width in every row (the
// header has none, and leaves their room). When the row is too narrow for
// the cells to be read (a small window, long French words), the buttons
// go under the cells, at the right.
type attachmentRowLayout struct {
	buttons float32 // the buttons' width
	laidOut float32
}

// attachmentCellsEms is the least width, in text sizes, the five cells
// need to be read beside the buttons.
const attachmentCellsEms = 40

func (l *attachmentRowLayout) stacked(width float32) bool {
	return width-l.buttons-theme.Padding() < theme.TextSize()*attachmentCellsEms
}

func (l *attachmentRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	if len(objects) == 0 {
		return
	}
	cells := objects[0]
	ch := cells.MinSize().Height
	if l.stacked(size.Width) {
		cells.Move(fyne.NewPos(0, 0))
		cells.Resize(fyne.NewSize(size.Width, ch))
		if len(objects) > 1 {
			b := objects[1]
			bs := b.MinSize()
			b.Move(fyne.NewPos(size.Width-bs.Width, ch))
			b.Resize(bs)
		}
		return
	}
	cw := size.Width - l.buttons - theme.Padding()
	cells.Move(fyne.NewPos(0, (size.Height-ch)/2))
	cells.Resize(fyne.NewSize(cw, ch))
	if len(objects) > 1 {
		b := objects[1]
		bs := b.MinSize()
		b.Move(fyne.NewPos(size.Width-bs.Width, (size.Height-bs.Height)/2))
		b.Resize(bs)
	}
}

func (l *attachmentRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var cells, buttons fyne.Size
	if len(objects) > 0 {
		cells = objects[0].MinSize()
	}
	if len(objects) > 1 {
		buttons = objects[1].MinSize()
	}
	w := fyne.Max(cells.Width, buttons.Width)
	if l.laidOut > 0 && l.stacked(l.laidOut) {
		return fyne.NewSize(w, cells.Height+buttons.Height)
	}
	return fyne.NewSize(w, fyne.Max(cells.Height, buttons.Height))
}

// chosenKind is the kind the new file will have.
func (p *attachmentsPanel) chosenKind() domain.AttachmentKind {
	if i := p.kind.SelectedIndex(); i >= 0 {
		return attachmentKinds[i]
	}
	return domain.AttachmentOther
}

// chooseFile opens the file dialog for a file to attach.
func (p *attachmentsPanel) chooseFile() {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			fyne.LogError("choose a file to attach", err)
			showMessage(p.notice, lang.L("casetabs.files.unreadable"), widget.DangerImportance)
			return
		}
		if r == nil {
			return // cancelled
		}
		p.addFile(r)
	}, p.s.w)
	d.Show()
}

// addFile attaches the file r reads, of the kind chosen. A file over
// domain.MaxAttachmentBytes is refused before it is read: by its size on
// disk when it has one, else as soon as reading passes the limit.
func (p *attachmentsPanel) addFile(r fyne.URIReadCloser) {
	defer r.Close()
	name := r.URI().Name()
	tooLarge := func() {
		showMessage(p.notice, lang.L("casetabs.files.tooLarge", map[string]any{
			"Name": name, "Max": fileSizeText(domain.MaxAttachmentBytes)}), widget.DangerImportance)
	}
	if r.URI().Scheme() == "file" {
		if st, err := os.Stat(r.URI().Path()); err == nil && st.Size() > domain.MaxAttachmentBytes {
			tooLarge()
			return
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, domain.MaxAttachmentBytes+1))
	if err != nil {
		fyne.LogError("read a file to attach", fmt.Errorf("read %s: %w", name, err))
		showMessage(p.notice, lang.L("casetabs.files.unreadable"), widget.DangerImportance)
		return
	}
	if len(data) > domain.MaxAttachmentBytes {
		clear(data)
		tooLarge()
		return
	}
	a := domain.Attachment{CaseID: p.caseID, Kind: p.chosenKind(), Name: name,
		MIME: r.URI().MimeType(), Size: int64(len(data)), Data: data}
	_, err = p.svc.AddAttachment(context.Background(), a)
	clear(data)
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.reload()
	showMessage(p.notice, lang.L("casetabs.files.added", map[string]any{"Name": name}), widget.SuccessImportance)
}

// chooseSave asks where to save a copy of a; the file is read from the
// case only once a place is chosen.
func (p *attachmentsPanel) chooseSave(a domain.Attachment) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			fyne.LogError("choose where to save an attachment", err)
			showMessage(p.notice, lang.L("casetabs.files.saveFailed"), widget.DangerImportance)
			return
		}
		if w == nil {
			return // cancelled
		}
		p.saveCopy(a, w)
	}, p.s.w)
	d.SetFileName(a.Name)
	d.Show()
}

// saveCopy writes the file's content to w.
func (p *attachmentsPanel) saveCopy(a domain.Attachment, w fyne.URIWriteCloser) {
	data, err := p.svc.AttachmentData(context.Background(), a.ID)
	if err != nil {
		_ = w.Close()
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	clear(data)
	if err != nil {
		fyne.LogError("save an attachment", fmt.Errorf("write %s: %w", w.URI(), err))
		showMessage(p.notice, lang.L("casetabs.files.saveFailed"), widget.DangerImportance)
		return
	}
	showMessage(p.notice, lang.L("casetabs.files.saved", map[string]any{"Name": w.URI().Name()}), widget.SuccessImportance)
}

// confirmDelete asks before deleting a: the file leaves this case here
// and, with the next exchange, the offices it was shared with.
func (p *attachmentsPanel) confirmDelete(a domain.Attachment) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	args := map[string]any{"Name": a.Name}
	d := dialog.NewConfirm(lang.L("casetabs.files.delete.title", args), lang.L("casetabs.files.delete.text", args),
		func(ok bool) {
			p.deleteDlg = nil
			if ok {
				p.deleteFile(a)
			}
		}, p.s.w)
	d.SetConfirmText(lang.L("casetabs.files.delete.confirm"))
	d.SetDismissText(lang.L("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	p.deleteDlg = d
	d.Show()
}

// deleteFile deletes a and lists the files again.
func (p *attachmentsPanel) deleteFile(a domain.Attachment) {
	p.s.app.touch()
	if err := p.svc.DeleteAttachment(context.Background(), a.ID); err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.reload()
	showMessage(p.notice, lang.L("casetabs.files.deleted", map[string]any{"Name": a.Name}), widget.SuccessImportance)
}
