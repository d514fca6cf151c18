package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
)

// dashboardView is the Dashboard section: what needs the user today.
func (s *Shell) dashboardView() fyne.CanvasObject {
	svc := s.cases()
	if svc == nil {
		// A session offering no case services (a test of another screen).
		t, b := SectionDashboard.emptyText()
		return newEmptyState(SectionDashboard.Icon(), t, b)
	}
	if !s.sess.Can(casework.PermOwnCases) {
		return s.adminNoCases(
			lang.L("dashboard.admin.title", map[string]any{"Name": s.sess.User().Name}),
			lang.L("dashboard.admin.body"))
	}
	return newDashboardPanel(s, svc)
}

// adminNoCases tells an administrator, in place of case lists, that case
// files are not theirs to see, with the way to the work that is.
func (s *Shell) adminNoCases(title, body string) fyne.CanvasObject {
	goTo := func(tab settingsTab) func() {
		return func() {
			s.app.touch()
			s.settingsTab = tab
			s.Show(SectionSettings)
		}
	}
	users := widget.NewButtonWithIcon(lang.L("dashboard.admin.users"), theme.AccountIcon(), goTo(tabUsers))
	users.Importance = widget.HighImportance
	audit := widget.NewButtonWithIcon(lang.L("dashboard.admin.audit"), theme.ListIcon(), goTo(tabAudit))
	settings := widget.NewButtonWithIcon(lang.L("dashboard.admin.settings"), theme.SettingsIcon(), goTo(tabGeneral))
	st := newEmptyState(theme.AccountIcon(), title, body)
	if c, ok := st.(*fyne.Container); ok {
		c.Add(container.NewCenter(container.NewHBox(users, audit, settings)))
	}
	return st
}

// Blocks of the dashboard, in the order they are shown: the most urgent
// first.
const (
	dashOverdue = iota
	dashReferrals
	dashDue
	dashMyOpen
	dashNoGuardian
	dashNoBIA
	dashRecent
	dashBlockCount
)

// dashboardPanel shows what needs the user: follow-ups overdue and due
// this week, their open cases, children still without a guardian or a
// Best Interests Assessment, and the cases changed last. Each row opens
// the case.
type dashboardPanel struct {
	widget.BaseWidget
	s       *Shell
	content fyne.CanvasObject

	// open and create are what choosing a row and "New case" do;
	// openReferrals what choosing an overdue referral does.
	open          func(id string)
	openReferrals func(caseID string)
	create        func()

	blocks [dashBlockCount]*dashBlock
	notice *widget.Label
}

// dashItem is a row of a block: the case and what to say about it, or
// an overdue referral.
type dashItem struct {
	c      casework.CaseSummary
	detail string
	imp    widget.Importance
	ref    *casework.ReferralItem
}

// dashBlock is one card: a title with a count, a list or a friendly line
// when the list is empty.
type dashBlock struct {
	title *widget.Label
	count *caseListBadge
	empty *widget.Label
	list  *widget.List
	items []dashItem
	box   fyne.CanvasObject
	alert bool // a count above zero is a warning (overdue follow-ups)
}

func newDashboardPanel(s *Shell, svc CaseService) *dashboardPanel {
	p := &dashboardPanel{s: s, open: s.openCase, openReferrals: s.openCaseReferrals, create: s.newCase, notice: newMessage()}
	p.ExtendBaseWidget(p)

	titles := [dashBlockCount]string{
		lang.L("dashboard.overdue"), lang.L("dashboard.overdueReferrals"), lang.L("dashboard.due"), lang.L("dashboard.myOpen"),
		lang.L("dashboard.noGuardian"), lang.L("dashboard.noBIA"), lang.L("dashboard.recent"),
	}
	empties := [dashBlockCount]string{
		lang.L("dashboard.overdue.empty"), lang.L("dashboard.overdueReferrals.empty"), lang.L("dashboard.due.empty"), lang.L("dashboard.myOpen.empty"),
		lang.L("dashboard.noGuardian.empty"), lang.L("dashboard.noBIA.empty"), lang.L("dashboard.recent.empty"),
	}
	cards := make([]fyne.CanvasObject, dashBlockCount)
	for i := range p.blocks {
		b := p.newBlock(titles[i], empties[i])
		b.alert = i == dashOverdue || i == dashReferrals
		p.blocks[i] = b
		cards[i] = b.box
	}

	d, err := svc.Dashboard(context.Background())
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, s.deps.now()), widget.DangerImportance)
	}
	p.fill(d)

	all := widget.NewButtonWithIcon(lang.L("dashboard.allCases"), theme.FolderIcon(), func() {
		s.app.touch()
		s.Show(SectionCases)
	})
	newCase := widget.NewButtonWithIcon(lang.L("cases.new"), theme.ContentAddIcon(), func() { p.create() })
	newCase.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("dashboard.intro"))
	intro.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(all, newCase), intro), p.notice)
	// What is late and due first, in four cards; then the cases, in three.
	p.content = container.NewBorder(top, nil, nil, nil, container.NewGridWithRows(2,
		container.NewGridWithColumns(4, cards[:4]...),
		container.NewGridWithColumns(3, cards[4:]...)))
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *dashboardPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

func (p *dashboardPanel) newBlock(title, empty string) *dashBlock {
	b := &dashBlock{
		title: widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		count: newCaseListBadge("0", theme.ColorNamePlaceHolder),
		empty: wrapped(empty),
	}
	b.title.Truncation = fyne.TextTruncateEllipsis
	b.empty.Importance = widget.LowImportance
	b.list = widget.NewList(
		func() int { return len(b.items) },
		func() fyne.CanvasObject { return newCaseListRowObject() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(b.items) {
				it := b.items[id]
				if it.ref != nil {
					refListDashRow(o.(*caseListRowObject).row, *it.ref)
				} else {
					o.(*caseListRowObject).row.set(it.c, it.detail, it.imp)
				}
			}
		})
	b.list.OnSelected = func(id widget.ListItemID) {
		b.list.UnselectAll()
		if id < len(b.items) {
			p.s.app.touch()
			if it := b.items[id]; it.ref != nil {
				p.openReferrals(it.ref.Case.ID)
			} else {
				p.open(it.c.ID)
			}
		}
	}
	head := container.NewBorder(nil, nil, nil, b.count, b.title)
	body := container.NewStack(b.list, container.NewVBox(b.empty))
	card := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, body)
	b.box = container.NewPadded(container.NewStack(newDashCardBackground(), container.NewPadded(card)))
	return b
}

// set lists items in the block, or says there is nothing.
func (b *dashBlock) set(items []dashItem) {
	b.items = items
	colour := theme.ColorNamePlaceHolder
	switch {
	case len(items) > 0 && b.alert:
		colour = theme.ColorNameError
	case len(items) > 0:
		colour = theme.ColorNamePrimary
	}
	b.count.set(caseListNumber(len(items)), colour)
	setVisible(b.list, len(items) > 0)
	setVisible(b.empty, len(items) == 0)
	b.list.Refresh()
}

// fill puts the dashboard's figures in the blocks.
func (p *dashboardPanel) fill(d casework.Dashboard) {
	today := p.s.deps.now()
	cases := func(cs []casework.CaseSummary, detail func(c casework.CaseSummary) (string, widget.Importance)) []dashItem {
		out := make([]dashItem, 0, len(cs))
		for _, c := range cs {
			text, imp := detail(c)
			out = append(out, dashItem{c: c, detail: text, imp: imp})
		}
		return out
	}
	follow := func(fs []casework.FollowUpItem, overdue bool) []dashItem {
		out := make([]dashItem, 0, len(fs))
		for _, f := range fs {
			out = append(out, dashItem{c: f.Case, detail: dashDueText(f.FollowUp.Due, today, overdue), imp: dashDueImportance(overdue)})
		}
		return out
	}
	stage := func(c casework.CaseSummary) (string, widget.Importance) {
		return caseListStage(c.Stage), widget.LowImportance
	}
	open := func(c casework.CaseSummary) (string, widget.Importance) {
		if c.Overdue {
			return lang.L("cases.overdue"), widget.DangerImportance
		}
		if c.NextFollowUp != "" {
			return dashDueText(c.NextFollowUp, today, false), widget.LowImportance
		}
		return caseListStage(c.Stage), widget.LowImportance
	}
	changed := func(c casework.CaseSummary) (string, widget.Importance) {
		return lang.L("dashboard.changedOn", map[string]any{"Date": caseListDate(c.UpdatedAt)}), widget.LowImportance
	}
	p.blocks[dashOverdue].set(follow(d.FollowUpsOverdue, true))
	refs := make([]dashItem, 0, len(d.OverdueReferrals))
	for i := range d.OverdueReferrals {
		it := &d.OverdueReferrals[i]
		refs = append(refs, dashItem{c: it.Case, detail: caseListDate(it.Referral.Due), imp: widget.DangerImportance, ref: it})
	}
	p.blocks[dashReferrals].set(refs)
	p.blocks[dashDue].set(follow(d.FollowUpsDue, false))
	p.blocks[dashMyOpen].set(cases(d.MyOpen, open))
	p.blocks[dashNoGuardian].set(cases(d.ChildrenWithoutGuardian, stage))
	p.blocks[dashNoBIA].set(cases(d.ChildrenWithoutBIA, stage))
	p.blocks[dashRecent].set(cases(d.RecentlyChanged, changed))
}

// dashDueText says when a follow-up is due: today, tomorrow, or the day.
func dashDueText(due string, now time.Time, overdue bool) string {
	if overdue {
		return lang.L("dashboard.dueWas", map[string]any{"Date": caseListDay(due)})
	}
	today := now.Format(time.DateOnly)
	switch due {
	case today:
		return lang.L("dashboard.dueToday")
	case now.AddDate(0, 0, 1).Format(time.DateOnly):
		return lang.L("dashboard.dueTomorrow")
	}
	return lang.L("dashboard.dueOn", map[string]any{"Date": caseListDay(due)})
}

func dashDueImportance(overdue bool) widget.Importance {
	if overdue {
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// caseListRowObject is a caseListRow as a widget, for widget.List.
type caseListRowObject struct {
	widget.BaseWidget
	row *caseListRow
}

func newCaseListRowObject() *caseListRowObject {
	o := &caseListRowObject{row: newCaseListRow()}
	o.ExtendBaseWidget(o)
	return o
}

// CreateRenderer is part of fyne.Widget.
func (o *caseListRowObject) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(o.row.box)
}

// dashCardBackground is the rounded, outlined panel behind a dashboard
// block, following the theme's colours.
type dashCardBackground struct{ widget.BaseWidget }

func newDashCardBackground() *dashCardBackground {
	b := &dashCardBackground{}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *dashCardBackground) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(nil)
	rect.CornerRadius = theme.InputRadiusSize() * 1.5
	rect.StrokeWidth = 1
	r := &dashCardRenderer{b: b, rect: rect}
	r.Refresh()
	return r
}

type dashCardRenderer struct {
	b    *dashCardBackground
	rect *canvas.Rectangle
}

func (r *dashCardRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *dashCardRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *dashCardRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *dashCardRenderer) Destroy()                     {}

func (r *dashCardRenderer) Refresh() {
	r.rect.FillColor = theme.ColorForWidget(theme.ColorNameInputBackground, r.b)
	r.rect.StrokeColor = theme.ColorForWidget(theme.ColorNameSeparator, r.b)
	r.rect.Refresh()
}
