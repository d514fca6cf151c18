package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/i18n"
)

// caseListPage is how many cases one search brings; "Show more" brings the
// next page. The office may hold a hundred thousand cases: the list only
// ever holds the summaries asked for, and the table draws the visible rows.
const caseListPage = 50

// casesView is the Cases section: search, filters and the list.
func (s *Shell) casesView() fyne.CanvasObject {
	svc := s.cases()
	if svc == nil {
		// A session offering no case services (a test of another screen).
		t, b := SectionCases.emptyText()
		return newEmptyState(SectionCases.Icon(), t, b)
	}
	if !s.sess.Can(casework.PermOwnCases) {
		return s.adminNoCases(lang.L("cases.admin.title"), lang.L("cases.admin.body"))
	}
	return newCasesPanel(s, svc)
}

// Columns of the case table. The child badge sits in the name column.
const (
	caseColCode = iota
	caseColName
	caseColStatus
	caseColStage
	caseColPriority
	caseColFollowUp
	caseColChanged
	caseColCount
)

// caseNameMinEms is the least width of the name column, in text sizes; it
// takes whatever room the other columns leave.
const caseNameMinEms = 13

// caseColWidths measures each column for the words it can hold in the
// current language (its title, the statuses, the stages...), so no column
// cuts a word that always fits on a laptop screen, in any language.
func caseColWidths(codePrefix string) [caseColCount]float32 {
	size := theme.TextSize()
	// A label's padding on both sides, and the table's between cells.
	pad := theme.InnerPadding()*2 + theme.Padding()
	measure := func(bold bool, words ...string) float32 {
		var w float32
		for _, t := range words {
			w = fyne.Max(w, fyne.MeasureText(t, size, fyne.TextStyle{Bold: bold}).Width)
		}
		return w + pad
	}
	sampleDay := caseListDate(time.Date(2026, time.September, 30, 0, 0, 0, 0, time.Local))
	var out [caseColCount]float32
	for col := range out {
		title := measure(true, caseColTitle(col))
		var w float32
		switch col {
		case caseColCode:
			if codePrefix == "" {
				codePrefix = "CV-PRA"
			}
			w = measure(true, codePrefix+"-2026-0000")
		case caseColName:
			w = size * caseNameMinEms
		case caseColStatus:
			for _, v := range caseListStatuses {
				w = fyne.Max(w, measure(false, caseListStatus(v)))
			}
		case caseColStage:
			for _, v := range caseListStages {
				w = fyne.Max(w, measure(false, caseListStage(v)))
			}
		case caseColPriority:
			for _, v := range caseListPriorities {
				w = fyne.Max(w, measure(true, caseListPriority(v)))
			}
		case caseColFollowUp:
			w = measure(false, sampleDay, lang.L("cases.overdue")) + theme.IconInlineSize() + theme.InnerPadding() + theme.Padding()
		case caseColChanged:
			w = measure(false, sampleDay)
		}
		out[col] = fyne.Max(w, title)
	}
	return out
}

// casesPanel is the case list: a search box searched as one types, filters,
// a sort order, the count, the table of one or more pages, and the empty
// states.
type casesPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     CaseService
	content fyne.CanvasObject

	// open and create are what choosing a row and "New case" do.
	open   func(id string)
	create func()

	items      []casework.CaseSummary
	total, all int
	widths     [caseColCount]float32 // measured for the language on screen
	ready      bool                  // the widgets are built: filter changes search

	search   *activityEntry
	stage    *widget.Select
	status   *widget.Select
	child    *widget.Select
	priority *widget.Select
	sortBy   *widget.Select
	mine     *widget.Check
	overdue  *widget.Check
	clear    *widget.Button
	newCase  *widget.Button
	blank    *widget.Button // the blank intake form, to fill in on paper
	blankMsg *widget.Label
	count    *widget.Label
	notice   *widget.Label
	table    *widget.Table
	more     *widget.Button
	shown    *widget.Label
	moreRow  fyne.CanvasObject
	tools    fyne.CanvasObject // search, filters, count: hidden while the office has no case
	noMatch  fyne.CanvasObject
	noCases  fyne.CanvasObject
}

func newCasesPanel(s *Shell, svc CaseService) *casesPanel {
	p := &casesPanel{s: s, svc: svc, open: s.openCase, create: s.newCase}
	p.ExtendBaseWidget(p)

	p.search = newActivityEntry(s.app.touch)
	p.search.SetPlaceHolder(lang.L("cases.search.placeholder"))
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(string) { p.reload() }

	p.newCase = widget.NewButtonWithIcon(lang.L("cases.new"), theme.ContentAddIcon(), func() { p.create() })
	p.newCase.Importance = widget.HighImportance

	stages := []string{lang.L("cases.filter.allStages")}
	for _, v := range caseListStages {
		stages = append(stages, caseListStage(v))
	}
	statuses := []string{lang.L("cases.filter.allStatuses")}
	for _, v := range caseListStatuses {
		statuses = append(statuses, caseListStatus(v))
	}
	priorities := []string{lang.L("cases.filter.allPriorities")}
	for _, v := range caseListPriorities {
		priorities = append(priorities, caseListPriority(v))
	}
	changed := func(string) { p.reload() }
	p.stage = widget.NewSelect(stages, changed)
	p.status = widget.NewSelect(statuses, changed)
	p.child = widget.NewSelect([]string{lang.L("cases.filter.anyAge"), lang.L("cases.filter.children"), lang.L("cases.filter.adults")}, changed)
	p.priority = widget.NewSelect(priorities, changed)
	p.sortBy = widget.NewSelect([]string{lang.L("cases.sort.updated"), lang.L("cases.sort.code"), lang.L("cases.sort.name"), lang.L("cases.sort.priority")}, changed)
	for _, sel := range []*widget.Select{p.stage, p.status, p.child, p.priority, p.sortBy} {
		sel.SetSelectedIndex(0)
	}
	p.mine = widget.NewCheck(lang.L("cases.filter.mine"), func(bool) { p.reload() })
	p.overdue = widget.NewCheck(lang.L("cases.filter.overdue"), func(bool) { p.reload() })
	p.clear = widget.NewButtonWithIcon(lang.L("cases.filter.clear"), theme.ContentClearIcon(), p.clearFilters)
	p.clear.Importance = widget.LowImportance

	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.notice = newMessage()
	p.widths = caseColWidths(s.sess.Office().CodePrefix)
	p.table = p.newTable()
	p.more = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.showMore)
	p.shown = widget.NewLabel("")
	p.moreRow = container.NewHBox(layout.NewSpacer(), p.shown, p.more, layout.NewSpacer())

	// The blank intake form is for the days without the laptop: offered
	// while the office has no case yet too.
	p.blankMsg = newMessage()
	p.blank = widget.NewButtonWithIcon(lang.L("cases.intakeBlank"), theme.DocumentPrintIcon(), p.saveBlankIntake)
	setVisible(p.blank, s.deps.Documents.IntakeBlank != nil)
	searchRow := container.New(&blankFormRowLayout{blank: p.blank, text: p.blank.Text}, p.search, p.blank, p.newCase)
	filters := container.NewHBox(
		caseListSized(p.stage, 15), caseListSized(p.status, 13), caseListSized(p.child, 13), caseListSized(p.priority, 13),
		p.clear)
	countRow := container.NewBorder(nil, nil, p.count,
		container.NewHBox(p.mine, p.overdue, widget.NewLabel(lang.L("cases.sort")), caseListSized(p.sortBy, 15)))
	p.tools = container.NewVBox(container.NewHScroll(filters), countRow)

	p.noMatch = p.noMatchState()
	p.noCases = p.noCasesState()

	center := container.New(&caseTableLayout{table: p.table, widths: p.widths}, p.table)
	body := container.NewStack(center, p.noMatch, p.noCases)
	top := container.NewVBox(searchRow, p.blankMsg, p.tools, p.notice)
	p.content = container.NewBorder(top, p.moreRow, nil, nil, body)

	p.ready = true
	p.reload()
	return p
}

// saveBlankIntake renders the blank intake form of the office in the
// window's language and offers to save it.
func (p *casesPanel) saveBlankIntake() {
	render := p.s.deps.Documents.IntakeBlank
	if render == nil {
		return
	}
	lng := Language()
	office := p.s.sess.Office()
	p.s.savePDF("intake-form-"+lng+".pdf", func() ([]byte, error) { return render(office, lng) }, p.blankMsg)
}

// blankFormRowLayout lays out the search box with the blank form and New
// case buttons on its right; on a narrow window the blank form's button
// keeps only its icon, so the search box stays wide enough to type in.
type blankFormRowLayout struct {
	blank *widget.Button
	text  string
}

func (l *blankFormRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	search := objects[0]
	text := l.text
	if size.Width-l.buttonsWidth(objects[1:], l.text) < theme.TextSize()*16 {
		text = ""
	}
	if l.blank.Text != text {
		l.blank.SetText(text)
	}
	x := size.Width
	for i := len(objects) - 1; i >= 1; i-- {
		o := objects[i]
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		x -= w
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x -= theme.Padding()
	}
	search.Move(fyne.NewPos(0, 0))
	search.Resize(fyne.NewSize(fyne.Max(x, 0), size.Height))
}

// buttonsWidth is the width of the visible buttons with the blank form's
// button showing text.
func (l *blankFormRowLayout) buttonsWidth(buttons []fyne.CanvasObject, text string) float32 {
	var w float32
	for _, o := range buttons {
		if !o.Visible() {
			continue
		}
		if o == l.blank {
			w += widget.NewButtonWithIcon(text, l.blank.Icon, nil).MinSize().Width
		} else {
			w += o.MinSize().Width
		}
		w += theme.Padding()
	}
	return w
}

func (l *blankFormRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if i > 0 {
			w += m.Width + theme.Padding()
		} else {
			w += m.Width
		}
		h = fyne.Max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

// caseListSized gives a select the width of its longest choice in the
// language on screen, up to maxEms text sizes.
func caseListSized(sel *widget.Select, maxEms float32) fyne.CanvasObject {
	var w float32
	for _, o := range sel.Options {
		w = fyne.Max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w += theme.InnerPadding()*2 + theme.IconInlineSize() + theme.Padding()*2
	w = fyne.Min(w, theme.TextSize()*maxEms)
	return container.NewGridWrap(fyne.NewSize(w, sel.MinSize().Height), sel)
}

// CreateRenderer is part of fyne.Widget.
func (p *casesPanel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.content) }

// noMatchState says that the search and filters match no case.
func (p *casesPanel) noMatchState() fyne.CanvasObject {
	clear := widget.NewButtonWithIcon(lang.L("cases.noMatch.clear"), theme.ContentClearIcon(), p.clearFilters)
	st := newEmptyState(theme.SearchIcon(), lang.L("cases.noMatch.title"), lang.L("cases.noMatch.body"))
	if c, ok := st.(*fyne.Container); ok {
		c.Add(container.NewCenter(clear))
	}
	st.Hide()
	return st
}

// noCasesState welcomes the first case of the office (or of this user).
func (p *casesPanel) noCasesState() fyne.CanvasObject {
	first := widget.NewButtonWithIcon(lang.L("cases.new.first"), theme.ContentAddIcon(), func() { p.create() })
	first.Importance = widget.HighImportance
	t, b := SectionCases.emptyText()
	st := newEmptyState(SectionCases.Icon(), t, b)
	if c, ok := st.(*fyne.Container); ok {
		c.Add(container.NewCenter(first))
	}
	st.Hide()
	return st
}

func (p *casesPanel) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.items), caseColCount },
		newCaseCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= 0 && id.Row < len(p.items) {
				updateCaseCell(o, p.items[id.Row], id.Col)
			}
		})
	headColumns(t, caseColTitle, p.widths[:])
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row >= 0 && id.Row < len(p.items) {
			p.s.app.touch()
			p.open(p.items[id.Row].ID)
		}
	}
	return t
}

func caseColTitle(col int) string {
	switch col {
	case caseColCode:
		return lang.L("cases.col.code")
	case caseColName:
		return lang.L("cases.col.name")
	case caseColStatus:
		return lang.L("cases.col.status")
	case caseColStage:
		return lang.L("cases.col.stage")
	case caseColPriority:
		return lang.L("cases.col.priority")
	case caseColFollowUp:
		return lang.L("cases.col.followUp")
	}
	return lang.L("cases.col.changed")
}

// caseCell is the template of every cell of the case table: a label, a
// badge (the child badge of the name column) and a warning icon (an
// overdue follow-up).
type caseCell struct {
	label    *widget.Label
	badge    *caseListBadge
	icon     *widget.Icon
	badgeBox fyne.CanvasObject
	iconBox  fyne.CanvasObject
}

func newCaseCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	b := newCaseListBadge("", theme.ColorNamePrimary)
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	// The icon lines up with the text of the labels above and below it.
	left := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), icon)
	right := container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.InnerPadding()), b)
	left.Hide()
	right.Hide()
	return container.NewBorder(nil, nil, left, right, l)
}

func caseCellParts(o fyne.CanvasObject) caseCell {
	c := o.(*fyne.Container)
	iconBox, badgeBox := c.Objects[1].(*fyne.Container), c.Objects[2].(*fyne.Container)
	return caseCell{
		label:    c.Objects[0].(*widget.Label),
		icon:     iconBox.Objects[0].(*widget.Icon),
		badge:    badgeBox.Objects[0].(*caseListBadge),
		iconBox:  iconBox,
		badgeBox: badgeBox,
	}
}

func updateCaseCell(o fyne.CanvasObject, c casework.CaseSummary, col int) {
	cell := caseCellParts(o)
	text, imp, style := "", widget.MediumImportance, fyne.TextStyle{}
	badgeText, overdue := "", false
	switch col {
	case caseColCode:
		text, style = c.Code, fyne.TextStyle{Bold: true}
	case caseColName:
		text, badgeText = caseListName(c), caseListChild(c)
		if c.Name == "" {
			imp, style = widget.LowImportance, fyne.TextStyle{Italic: true}
		}
	case caseColStatus:
		text = caseListStatus(c.Status)
		if strings.HasPrefix(string(c.Status), "closed") {
			imp = widget.LowImportance
		}
	case caseColStage:
		text = caseListStage(c.Stage)
	case caseColPriority:
		text = caseListPriority(c.Priority)
		switch c.Priority {
		case "high":
			imp, style = widget.DangerImportance, fyne.TextStyle{Bold: true}
		case "low":
			imp = widget.LowImportance
		}
	case caseColFollowUp:
		text = caseListDay(c.NextFollowUp)
		if c.Overdue {
			// The warning icon and the colour say overdue; the day stays
			// whole in the column.
			overdue, imp = true, widget.DangerImportance
			if text == "" {
				text = lang.L("cases.overdue")
			}
		}
	case caseColChanged:
		text = caseListDate(c.UpdatedAt)
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

// query is what the search box, filters and sort ask for, from offset.
func (p *casesPanel) query(offset int) casework.CaseQuery {
	q := casework.CaseQuery{
		Text:         strings.TrimSpace(p.search.Text),
		AssignedToMe: p.mine.Checked,
		Overdue:      p.overdue.Checked,
		Sort:         casework.CaseSort(max(p.sortBy.SelectedIndex(), 0)),
		Offset:       offset,
		Limit:        caseListPage,
	}
	if i := p.stage.SelectedIndex(); i > 0 {
		q.Stage = caseListStages[i-1]
	}
	if i := p.status.SelectedIndex(); i > 0 {
		q.Status = caseListStatuses[i-1]
	}
	if i := p.priority.SelectedIndex(); i > 0 {
		q.Priority = caseListPriorities[i-1]
	}
	switch p.child.SelectedIndex() {
	case 1:
		yes := true
		q.Child = &yes
	case 2:
		no := false
		q.Child = &no
	}
	return q
}

// filtered reports whether the search or a filter narrows the list.
func (p *casesPanel) filtered() bool {
	q := p.query(0)
	return q.Text != "" || q.Stage != "" || q.Status != "" || q.Priority != "" || q.Child != nil || q.AssignedToMe || q.Overdue
}

// reload searches again from the first page: on each keystroke in the
// search box and each change of a filter or of the sort.
func (p *casesPanel) reload() {
	if !p.ready {
		return
	}
	p.s.app.touch()
	res, err := p.svc.SearchCases(context.Background(), p.query(0))
	if err != nil {
		p.items, p.total = nil, 0
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		p.update()
		return
	}
	showMessage(p.notice, "", widget.MediumImportance)
	p.items, p.total, p.all = res.Items, res.Total, res.All
	p.table.ScrollToTop()
	p.update()
}

// showMore brings the next page under the rows already listed.
func (p *casesPanel) showMore() {
	p.s.app.touch()
	res, err := p.svc.SearchCases(context.Background(), p.query(len(p.items)))
	if err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.items = append(p.items, res.Items...)
	p.total, p.all = res.Total, res.All
	p.update()
}

// clearFilters empties the search box and sets every filter back to all.
func (p *casesPanel) clearFilters() {
	p.ready = false
	p.search.SetText("")
	for _, sel := range []*widget.Select{p.stage, p.status, p.child, p.priority} {
		sel.SetSelectedIndex(0)
	}
	p.mine.SetChecked(false)
	p.overdue.SetChecked(false)
	p.ready = true
	p.reload()
}

// update shows the count, the rows or the right empty state, and "Show
// more" while rows are left to bring.
func (p *casesPanel) update() {
	lng := Language()
	args := map[string]any{"Count": caseListNumber(p.total), "All": caseListNumber(p.all)}
	if i18n.PluralCategory(lng, int64(p.all)) == "one" {
		p.count.SetText(lang.L("cases.count.one", args))
	} else {
		p.count.SetText(lang.L("cases.count.other", args))
	}
	if p.filtered() {
		p.clear.Show()
	} else {
		p.clear.Hide()
	}

	noCases := p.all == 0 && p.notice.Text == ""
	noMatch := !noCases && len(p.items) == 0 && p.notice.Text == ""
	setVisible(p.noCases, noCases)
	setVisible(p.noMatch, noMatch)
	setVisible(p.table, !noCases && !noMatch)
	setVisible(p.tools, !noCases)
	setVisible(p.search, !noCases)
	setVisible(p.newCase, !noCases)

	left := p.total - len(p.items)
	if left > 0 && len(p.items) > 0 {
		p.shown.SetText(lang.L("cases.shown", map[string]any{"Shown": caseListNumber(len(p.items)), "Count": caseListNumber(p.total)}))
		p.more.SetText(lang.L("cases.more", map[string]any{"Count": caseListNumber(min(left, caseListPage))}))
		p.moreRow.Show()
	} else {
		p.moreRow.Hide()
	}
	p.table.Refresh()
	p.content.Refresh()
}

func setVisible(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// caseTableLayout gives the table all its space, and the name column
// whatever width the other columns leave.
type caseTableLayout struct {
	table  *widget.Table
	widths [caseColCount]float32
	name   float32
}

func (l *caseTableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var others float32
	for col, w := range l.widths {
		if col != caseColName {
			others += w
		}
	}
	// Leave room for the separators and the vertical scroll bar.
	name := fyne.Max(l.widths[caseColName], size.Width-others-theme.Padding()*float32(caseColCount)-theme.ScrollBarSize())
	if name != l.name {
		l.name = name
		l.table.SetColumnWidth(caseColName, name)
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *caseTableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	return m
}
