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
	top := container.NewVBox(help, row, p.notice)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.list))
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
	// The button's column is as wide as the button, in every row.
	saveWidth := widget.NewButtonWithIcon(lang.L("casetabs.files.save"), theme.DocumentSaveIcon(), nil).MinSize().Width
	buttonColumn := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(saveWidth, o.MinSize().Height), o)
	}
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, buttonColumn(head("")),
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
		name := cell(a.Name)
		name.TextStyle = fyne.TextStyle{Bold: true}
		rows = append(rows, container.NewBorder(nil, nil, nil, buttonColumn(save),
			container.New(&columnsLayout{weights: attachmentColumns},
				name, cell(attachmentKindName(a.Kind)), cell(fileSizeText(a.Size)),
				cell(caseTabsUserName(p.names, a.AddedBy)), cell(caseListDate(a.AddedAt)))))
	}
	p.list.Objects = rows
	p.list.Refresh()
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
