package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// Statuses and stages read as in the case file (its case.vocab words);
// priorities get shorter words of their own, under a Priority heading.

// caseListStatuses, caseListStages and caseListPriorities are the filter
// choices, in a sensible order.
var (
	caseListStatuses   = []domain.CaseStatus{domain.StatusActive, domain.StatusFollowUp, domain.StatusClosed, domain.StatusClosedReferred}
	caseListStages     = []domain.Stage{domain.StageIdentification, domain.StageAssistance, domain.StageReferral, domain.StageInvestigation, domain.StageReintegration, domain.StageClosed}
	caseListPriorities = []domain.Priority{domain.PriorityHigh, domain.PriorityNormal, domain.PriorityLow}
)

// caseListStatus is a case status in plain words.
func caseListStatus(v domain.CaseStatus) string {
	switch v {
	case domain.StatusActive:
		return lang.L("case.vocab.status.active")
	case domain.StatusFollowUp:
		return lang.L("case.vocab.status.follow-up")
	case domain.StatusClosed:
		return lang.L("case.vocab.status.closed")
	case domain.StatusClosedReferred:
		return lang.L("case.vocab.status.closed-referred")
	}
	return string(v)
}

// caseListStage is a step of the procedure in plain words.
func caseListStage(v domain.Stage) string {
	switch v {
	case domain.StageIdentification:
		return lang.L("case.vocab.stage.identification")
	case domain.StageAssistance:
		return lang.L("case.vocab.stage.assistance")
	case domain.StageReferral:
		return lang.L("case.vocab.stage.referral")
	case domain.StageInvestigation:
		return lang.L("case.vocab.stage.investigation")
	case domain.StageReintegration:
		return lang.L("case.vocab.stage.reintegration")
	case domain.StageClosed:
		return lang.L("case.vocab.stage.closed")
	}
	return string(v)
}

// caseListPriority is a priority in plain words.
func caseListPriority(v domain.Priority) string {
	switch v {
	case domain.PriorityHigh:
		return lang.L("cases.priority.high")
	case domain.PriorityNormal:
		return lang.L("cases.priority.normal")
	case domain.PriorityLow:
		return lang.L("cases.priority.low")
	}
	return string(v)
}

// caseListName is the name a list shows for a case: the person's name, or
// a plain word when the case has none yet (a person may give no name).
func caseListName(c casework.CaseSummary) string {
	if c.Name != "" {
		return c.Name
	}
	return lang.L("cases.unnamed")
}

// caseListChild is the badge text of a child case, "" for an adult.
func caseListChild(c casework.CaseSummary) string {
	switch {
	case c.PresumedChild:
		return lang.L("cases.child.presumed")
	case c.IsChild:
		return lang.L("cases.child")
	}
	return ""
}

// caseListDay writes a YYYY-MM-DD day in the user's language; text that is
// not such a day is shown as it is.
func caseListDay(day string) string {
	if day == "" {
		return ""
	}
	t, err := time.ParseInLocation(time.DateOnly, day, time.Local)
	if err != nil {
		return day
	}
	return i18n.FormatDate(t, Language())
}

// caseListDate writes the day of a moment in the user's language.
func caseListDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.FormatDate(t.Local(), Language())
}

// caseListNumber writes a count the way the user's language groups digits.
func caseListNumber(n int) string { return i18n.FormatNumber(int64(n), Language()) }

// caseListBadge is a short word on a tinted, rounded background, such as "Child"
// beside a name.
type caseListBadge struct {
	widget.BaseWidget
	text  string
	color fyne.ThemeColorName
}

func newCaseListBadge(text string, color fyne.ThemeColorName) *caseListBadge {
	b := &caseListBadge{text: text, color: color}
	b.ExtendBaseWidget(b)
	return b
}

// set changes the word and colour; an empty word hides the badge.
func (b *caseListBadge) set(text string, color fyne.ThemeColorName) {
	b.text, b.color = text, color
	if text == "" {
		b.Hide()
		return
	}
	b.Show()
	b.Refresh()
}

func (b *caseListBadge) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(nil)
	bg.CornerRadius = theme.InputRadiusSize()
	txt := canvas.NewText("", nil)
	txt.TextStyle = fyne.TextStyle{Bold: true}
	txt.TextSize = theme.CaptionTextSize()
	r := &caseListBadgeRenderer{b: b, bg: bg, txt: txt}
	r.Refresh()
	return r
}

type caseListBadgeRenderer struct {
	b   *caseListBadge
	bg  *canvas.Rectangle
	txt *canvas.Text
}

func (r *caseListBadgeRenderer) pad() fyne.Size {
	return fyne.NewSize(theme.InnerPadding()*0.6, theme.InnerPadding()*0.3)
}

func (r *caseListBadgeRenderer) Layout(size fyne.Size) {
	ts := r.txt.MinSize()
	p := r.pad()
	h := ts.Height + 2*p.Height
	y := (size.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(ts.Width+2*p.Width, h))
	r.txt.Move(fyne.NewPos(p.Width, y+p.Height))
	r.txt.Resize(ts)
}

func (r *caseListBadgeRenderer) MinSize() fyne.Size {
	ts := r.txt.MinSize()
	p := r.pad()
	return fyne.NewSize(ts.Width+2*p.Width, ts.Height+2*p.Height)
}

func (r *caseListBadgeRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.txt}
}
func (r *caseListBadgeRenderer) Destroy() {}

func (r *caseListBadgeRenderer) Refresh() {
	c := theme.ColorForWidget(r.b.color, r.b)
	cr, cg, cb, _ := c.RGBA()
	r.bg.FillColor = rgba(uint8(cr>>8), uint8(cg>>8), uint8(cb>>8), 0x26)
	r.bg.StrokeColor = c
	r.bg.StrokeWidth = 1
	r.txt.Text = r.b.text
	r.txt.Color = c
	r.txt.TextSize = theme.CaptionTextSize()
	r.bg.Refresh()
	r.txt.Refresh()
	r.Layout(r.b.Size())
}

// caseListRow is a case in the dashboard's lists, on two lines: the name
// with a child badge, then the code and a detail (a due date, a stage).
type caseListRow struct {
	name   *widget.Label
	child  *caseListBadge
	code   *widget.Label
	detail *widget.Label
	box    *fyne.Container
}

func newCaseListRow() *caseListRow {
	r := &caseListRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		child:  newCaseListBadge("", theme.ColorNamePrimary),
		code:   widget.NewLabel(""),
		detail: widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.code.SizeName = theme.SizeNameCaptionText
	r.code.Importance = widget.LowImportance
	r.detail.SizeName = theme.SizeNameCaptionText
	r.detail.Alignment = fyne.TextAlignTrailing
	r.detail.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, nil, r.child, r.name)
	bottom := container.NewBorder(nil, nil, r.code, nil, r.detail)
	// A little room on the right, where the list's scroll bar shows.
	r.box = container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2),
		container.New(caseListTwoLines{}, top, bottom))
	return r
}

// set shows case c with a detail and its importance.
func (r *caseListRow) set(c casework.CaseSummary, detail string, imp widget.Importance) {
	r.name.Text = caseListName(c)
	r.name.Importance = widget.MediumImportance
	if c.Name == "" {
		r.name.Importance = widget.LowImportance
	}
	r.name.Refresh()
	r.child.set(caseListChild(c), theme.ColorNamePrimary)
	r.code.SetText(c.Code)
	r.detail.Importance = imp
	r.detail.SetText(detail)
	r.box.Refresh() // lay out again: the badge's width follows its word
}

// caseListTwoLines sets two rows of labels close together: the labels'
// own padding between the lines would make each row twice as tall as it
// needs to be.
type caseListTwoLines struct{}

func (caseListTwoLines) overlap() float32 { return theme.InnerPadding() * 1.2 }

func (l caseListTwoLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	h0 := objects[0].MinSize().Height
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width, h0))
	objects[1].Move(fyne.NewPos(0, h0-l.overlap()))
	objects[1].Resize(fyne.NewSize(size.Width, size.Height-h0+l.overlap()))
}

func (l caseListTwoLines) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.Size{}
	}
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(fyne.Max(a.Width, b.Width), a.Height+b.Height-l.overlap())
}
