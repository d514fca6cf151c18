package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// referralsView is the Referrals section: the office's referrals.
func (s *Shell) referralsView() fyne.CanvasObject {
	svc := s.referrals()
	if svc == nil {
		// A session offering no referral services (a test of another screen).
		t, b := SectionReferrals.emptyText()
		return newEmptyState(SectionReferrals.Icon(), t, b)
	}
	if !s.sess.Can(casework.PermOwnCases) {
		return s.adminNoCases(lang.L("referrals.list.admin.title"), lang.L("referrals.list.admin.body"))
	}
	return newReferralListPanel(s, svc)
}

// openCaseReferrals shows a case file on its Referrals tab.
func (s *Shell) openCaseReferrals(caseID string) {
	s.app.touch()
	s.showCaseScreen(&caseScreenState{kind: screenCaseFile, caseID: caseID, tab: tabReferrals})
}

// Which referrals the Referrals view lists.
const (
	refShowAll = iota
	refShowOpen
	refShowOverdue
)

// Columns of the referral table.
const (
	refColNumber = iota
	refColCase
	refColPartner
	refColServices
	refColPriority
	refColState
	refColDue
	refColCount
)

// refFlexible are the columns sharing the width the others leave, with
// their least width in text sizes and their share of the rest.
var refFlexible = map[int]struct{ minEms, share float32 }{
	refColCase:     {9, 0.3},
	refColPartner:  {9, 0.35},
	refColServices: {9, 0.35},
}

// referralListPanel lists the referrals of the cases the user may see, open
// ones first by default, overdue ones marked; a row opens its case on the
// Referrals tab.
type referralListPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     ReferralService
	content fyne.CanvasObject

	items  []casework.ReferralItem
	any    bool // the user's cases have referrals at all
	show   int
	widths [refColCount]float32

	filter  *widget.RadioGroup
	choices []string
	count   *widget.Label
	notice  *widget.Label
	table   *widget.Table
	none    fyne.CanvasObject // no referral at all
	noneNow fyne.CanvasObject // none open, or none overdue
	noneMsg *widget.Label

	// open is what choosing a row does (tests replace it).
	open func(caseID string)
}

func newReferralListPanel(s *Shell, svc ReferralService) *referralListPanel {
	p := &referralListPanel{s: s, svc: svc, show: refShowOpen, open: s.openCaseReferrals}
	p.ExtendBaseWidget(p)
	p.choices = []string{lang.L("referrals.list.filter.all"), lang.L("referrals.list.filter.open"), lang.L("referrals.list.filter.overdue")}
	p.filter = widget.NewRadioGroup(p.choices, func(v string) {
		for i, c := range p.choices {
			if c == v && i != p.show {
				p.show = i
				p.reload()
			}
		}
	})
	p.filter.Horizontal = true
	p.filter.Required = true
	p.filter.SetSelected(p.choices[p.show])
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.notice = newMessage()
	p.widths = refColWidths(s.sess.Office().CodePrefix)
	p.table = p.newTable()

	t, b := SectionReferrals.emptyText()
	p.none = newEmptyState(SectionReferrals.Icon(), t, b)
	p.noneMsg = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.noneMsg.Wrapping = fyne.TextWrapWord
	showAll := widget.NewButtonWithIcon(lang.L("referrals.list.showAll"), theme.ListIcon(), func() {
		p.filter.SetSelected(p.choices[refShowAll])
	})
	p.noneNow = container.NewVBox(spacer(2), p.noneMsg, container.NewCenter(showAll))

	intro := wrapped(lang.L("referrals.list.intro"))
	top := container.NewVBox(intro, container.NewBorder(nil, nil, p.filter, p.count), p.notice)
	table := container.New(&refTableLayout{table: p.table, widths: p.widths}, p.table)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewStack(table, p.none, p.noneNow))
	p.reload()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *referralListPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// reload reads the referrals again for the filter chosen.
func (p *referralListPanel) reload() {
	p.s.app.touch()
	ctx := context.Background()
	f := casework.ReferralFilter{OpenOnly: p.show == refShowOpen, OverdueOnly: p.show == refShowOverdue}
	items, err := p.svc.AllReferrals(ctx, f)
	if err == nil {
		p.any = len(items) > 0
		if !p.any && p.show != refShowAll {
			var all []casework.ReferralItem
			all, err = p.svc.AllReferrals(ctx, casework.ReferralFilter{})
			p.any = len(all) > 0
		}
	}
	if err != nil {
		p.items = nil
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
	} else {
		showMessage(p.notice, "", widget.MediumImportance)
		p.items = items
	}
	p.update()
}

func (p *referralListPanel) update() {
	n := len(p.items)
	args := map[string]any{"Count": caseListNumber(n)}
	if i18n.PluralCategory(Language(), int64(n)) == "one" {
		p.count.SetText(lang.L("referrals.list.count.one", args))
	} else {
		p.count.SetText(lang.L("referrals.list.count.other", args))
	}
	failed := p.notice.Visible()
	setVisible(p.none, !p.any && !failed)
	setVisible(p.noneNow, p.any && n == 0 && !failed)
	setVisible(p.table, n > 0)
	if p.show == refShowOverdue {
		p.noneMsg.SetText(lang.L("referrals.list.none.overdue"))
	} else {
		p.noneMsg.SetText(lang.L("referrals.list.none.open"))
	}
	p.table.ScrollToTop()
	p.table.Refresh()
	p.content.Refresh()
}

func (p *referralListPanel) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.items), refColCount },
		newCaseCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= 0 && id.Row < len(p.items) {
				updateRefListCell(o, p.items[id.Row], id.Col, p.s.deps.now())
			}
		})
	headColumns(t, refColTitle, p.widths[:])
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row >= 0 && id.Row < len(p.items) {
			p.s.app.touch()
			p.open(p.items[id.Row].Case.ID)
		}
	}
	return t
}

func refColTitle(col int) string {
	switch col {
	case refColNumber:
		return lang.L("referrals.list.col.number")
	case refColCase:
		return lang.L("referrals.list.col.case")
	case refColPartner:
		return lang.L("referrals.list.col.partner")
	case refColServices:
		return lang.L("referrals.list.col.services")
	case refColPriority:
		return lang.L("referrals.list.col.priority")
	case refColState:
		return lang.L("referrals.list.col.state")
	}
	return lang.L("referrals.list.col.due")
}

// refListStateText is a referral's state in plain words.
func refListStateText(s domain.ReferralState) string {
	switch s {
	case domain.ReferralDraft:
		return lang.L("referrals.list.state.draft")
	case domain.ReferralSent:
		return lang.L("referrals.list.state.sent")
	case domain.ReferralAcknowledged:
		return lang.L("referrals.list.state.acknowledged")
	case domain.ReferralAccepted:
		return lang.L("referrals.list.state.accepted")
	case domain.ReferralDeclined:
		return lang.L("referrals.list.state.declined")
	case domain.ReferralServiceGiven:
		return lang.L("referrals.list.state.serviceGiven")
	case domain.ReferralClosed:
		return lang.L("referrals.list.state.closed")
	}
	return string(s)
}

// refListPriorityText is a referral's priority in a word.
func refListPriorityText(p domain.ReferralPriority) string {
	switch p {
	case domain.ReferralEmergency:
		return lang.L("referrals.list.priority.emergency")
	case domain.ReferralUrgent:
		return lang.L("referrals.list.priority.urgent")
	case domain.ReferralNormal:
		return lang.L("referrals.list.priority.normal")
	}
	return string(p)
}

// refListPartnerName is the partner's name, or a word when the directory
// no longer knows it.
func refListPartnerName(it casework.ReferralItem) string {
	if it.Partner != "" {
		return it.Partner
	}
	return lang.L("referrals.list.unknownPartner")
}

// refListDueText says when a referral is due: the day, with "overdue"
// once it is past; nothing before it is sent.
func refListDueText(it casework.ReferralItem, now time.Time) string {
	if it.Referral.Due.IsZero() {
		if it.Referral.State == domain.ReferralDraft {
			return lang.L("referrals.list.notSent")
		}
		return ""
	}
	day := caseListDate(it.Referral.Due)
	if it.Overdue {
		return lang.L("referrals.list.overdueOn", map[string]any{"Date": day})
	}
	if refListSameDay(it.Referral.Due.Local(), now.Local()) {
		return lang.L("referrals.list.dueToday", map[string]any{"Time": it.Referral.Due.Local().Format("15:04")})
	}
	return day
}

func refListSameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func updateRefListCell(o fyne.CanvasObject, it casework.ReferralItem, col int, now time.Time) {
	cell := caseCellParts(o)
	r := it.Referral
	text, imp, style := "", widget.MediumImportance, fyne.TextStyle{}
	badgeText, overdue := "", false
	switch col {
	case refColNumber:
		text, style = r.Number, fyne.TextStyle{Bold: true}
	case refColCase:
		// The reference starts with the case's code: the name is enough.
		text, badgeText = caseListName(it.Case), caseListChild(it.Case)
		if it.Case.Name == "" {
			imp, style = widget.LowImportance, fyne.TextStyle{Italic: true}
		}
	case refColPartner:
		text = refListPartnerName(it)
		if it.Partner == "" {
			imp, style = widget.LowImportance, fyne.TextStyle{Italic: true}
		}
	case refColServices:
		text = labelsOf(serviceTypeOptions(), r.Services)
	case refColPriority:
		text = refListPriorityText(r.Priority)
		if r.Priority == domain.ReferralEmergency {
			imp, style = widget.DangerImportance, fyne.TextStyle{Bold: true}
		}
	case refColState:
		text = refListStateText(r.State)
		if !r.Open() && r.State != domain.ReferralDraft {
			imp = widget.LowImportance
		}
	case refColDue:
		text = refListDueText(it, now)
		if it.Overdue {
			overdue, imp, style = true, widget.DangerImportance, fyne.TextStyle{Bold: true}
		} else if r.Due.IsZero() {
			imp = widget.LowImportance
		}
	}
	if it.Overdue && col != refColDue && col != refColPriority {
		imp = widget.DangerImportance
	}
	if cell.label.Text != text || cell.label.Importance != imp || cell.label.TextStyle != style {
		cell.label.Text, cell.label.Importance, cell.label.TextStyle = text, imp, style
		cell.label.Refresh()
	}
	relayout := cell.badge.text != badgeText || cell.badgeBox.Visible() != (badgeText != "") || cell.iconBox.Visible() != overdue
	cell.badge.set(badgeText, theme.ColorNamePrimary)
	setVisible(cell.badgeBox, badgeText != "")
	setVisible(cell.iconBox, overdue)
	if relayout {
		o.(*fyne.Container).Refresh()
	}
}

// refColWidths measures the fixed columns for the words they can hold in
// the current language, and gives the others their least width.
func refColWidths(codePrefix string) [refColCount]float32 {
	size := theme.TextSize()
	pad := theme.InnerPadding()*2 + theme.Padding()
	measure := func(bold bool, words ...string) float32 {
		var w float32
		for _, t := range words {
			w = fyne.Max(w, fyne.MeasureText(t, size, fyne.TextStyle{Bold: bold}).Width)
		}
		return w + pad
	}
	if codePrefix == "" {
		codePrefix = "CV-PRA"
	}
	sampleDay := caseListDate(time.Date(2026, time.September, 30, 0, 0, 0, 0, time.Local))
	var out [refColCount]float32
	for col := range out {
		title := measure(true, refColTitle(col))
		var w float32
		switch col {
		case refColNumber:
			w = measure(true, codePrefix+"-2026-0000-R10")
		case refColPriority:
			for _, v := range domain.ReferralPriorities {
				w = fyne.Max(w, measure(true, refListPriorityText(v)))
			}
		case refColState:
			for _, v := range domain.ReferralStates {
				w = fyne.Max(w, measure(false, refListStateText(v)))
			}
		case refColDue:
			w = measure(true, lang.L("referrals.list.overdueOn", map[string]any{"Date": sampleDay}), lang.L("referrals.list.notSent")) +
				theme.IconInlineSize() + theme.InnerPadding() + theme.Padding()
		default:
			w = size * refFlexible[col].minEms
		}
		out[col] = fyne.Max(w, title)
	}
	return out
}

// refTableLayout gives the table all its space; the case, partner and
// services columns share what the others leave.
type refTableLayout struct {
	table  *widget.Table
	widths [refColCount]float32
	last   float32
}

func (l *refTableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.last {
		l.last = size.Width
		var fixed, flexMin float32
		for col, w := range l.widths {
			if _, ok := refFlexible[col]; ok {
				flexMin += w
			} else {
				fixed += w
			}
		}
		rest := size.Width - fixed - theme.Padding()*float32(refColCount) - theme.ScrollBarSize()
		extra := fyne.Max(0, rest-flexMin)
		for col, f := range refFlexible {
			l.table.SetColumnWidth(col, l.widths[col]+extra*f.share)
		}
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *refTableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}

// refListDashRow shows an overdue referral in a dashboard row: the
// partner on the first line, the reference and since when it is overdue
// on the second.
func refListDashRow(r *caseListRow, it casework.ReferralItem) {
	r.name.Text = refListPartnerName(it)
	r.name.Importance = widget.MediumImportance
	r.name.Refresh()
	r.child.set("", theme.ColorNamePrimary)
	r.code.SetText(strings.TrimSpace(it.Referral.Number))
	// The card's title says they are overdue: the day is enough.
	r.detail.Importance = widget.DangerImportance
	r.detail.SetText(caseListDate(it.Referral.Due))
	r.box.Refresh()
}
