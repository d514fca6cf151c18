package ui

import (
	"context"
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
	"github.com/amparo-app/amparo/internal/i18n"
)

// partnersView is the Partners section: the referral directory.
func (s *Shell) partnersView() fyne.CanvasObject {
	svc := s.partners()
	if svc == nil {
		// A session offering no directory (a test of another screen).
		t, b := SectionPartners.emptyText()
		return newEmptyState(SectionPartners.Icon(), t, b)
	}
	return newPartnersPanel(s, svc)
}

// partnersPanel is the directory: a search box searched as one types, a
// service filter and "show deactivated", the list on the left, and on the
// right the partner chosen, or the form that adds or changes one. Every
// role reads the directory; only the administrator changes it.
type partnersPanel struct {
	widget.BaseWidget
	s       *Shell
	svc     PartnerService
	admin   bool
	content fyne.CanvasObject

	items    []domain.Partner
	all      int    // partners in the directory, deactivated ones too
	selected string // the partner shown on the right
	ready    bool   // the widgets are built: filter changes search
	marking  bool   // the list's highlight is being set, not chosen

	search      *activityEntry
	service     *widget.Select
	serviceOpts []option
	inactive    *widget.Check
	add         *widget.Button
	clear       *widget.Button
	count       *widget.Label
	readOnly    *widget.Label
	notice      *widget.Label
	list        *widget.List
	tools       fyne.CanvasObject
	noMatch     fyne.CanvasObject
	noPartners  fyne.CanvasObject
	side        *fyne.Container
	split       *container.Split
	searchRow   fyne.CanvasObject // hidden, with the split, while the directory is empty
	form        *partnerForm

	// The partner on the right, for the tests.
	edit, toggle *widget.Button
}

func newPartnersPanel(s *Shell, svc PartnerService) *partnersPanel {
	p := &partnersPanel{s: s, svc: svc, admin: s.sess.Can(casework.PermManagePartners)}
	p.ExtendBaseWidget(p)

	p.search = newActivityEntry(s.app.touch)
	p.search.SetPlaceHolder(lang.L("partners.search.placeholder"))
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(string) { p.reload() }

	p.serviceOpts = serviceTypeOptions()
	p.service = widget.NewSelect(append([]string{lang.L("partners.filter.allServices")}, optionLabels(p.serviceOpts)...),
		func(string) { p.reload() })
	p.service.SetSelectedIndex(0)
	p.inactive = widget.NewCheck(lang.L("partners.filter.inactive"), func(bool) { p.reload() })
	p.clear = widget.NewButtonWithIcon(lang.L("partners.filter.clear"), theme.ContentClearIcon(), p.clearFilters)
	p.clear.Importance = widget.LowImportance

	p.add = widget.NewButtonWithIcon(lang.L("partners.add"), theme.ContentAddIcon(), func() { p.openForm(domain.Partner{}) })
	p.add.Importance = widget.HighImportance
	setVisible(p.add, p.admin)

	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.readOnly = wrapped(lang.L("partners.readOnly"))
	p.readOnly.Importance = widget.LowImportance
	setVisible(p.readOnly, !p.admin)
	p.notice = newMessage()
	p.list = p.newList()

	// The search box spans the window; the filters wrap on a narrow one.
	p.searchRow = container.NewBorder(nil, nil, nil, p.add, p.search)
	p.tools = container.NewVBox(
		container.New(&wrapLayout{}, caseListSized(p.service, 16), p.inactive, p.clear),
		p.count)
	p.noMatch = p.noMatchState()
	p.noPartners = p.noPartnersState()

	left := container.NewBorder(p.tools, nil, nil, nil, container.NewStack(p.list, p.noMatch))
	p.side = container.NewStack()
	p.split = container.NewHSplit(left, p.side)
	p.split.Offset = 0.42
	body := container.NewStack(p.split, p.noPartners)
	p.content = container.NewBorder(container.NewVBox(p.readOnly, p.searchRow, p.notice), nil, nil, nil, body)

	s.addDrafter(draftPartner, p)
	p.ready = true
	p.reload()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *partnersPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// noMatchState says that the search and filter match no partner.
func (p *partnersPanel) noMatchState() fyne.CanvasObject {
	clear := widget.NewButtonWithIcon(lang.L("partners.filter.clear"), theme.ContentClearIcon(), p.clearFilters)
	st := newEmptyState(theme.SearchIcon(), lang.L("partners.noMatch.title"), lang.L("partners.noMatch.body"))
	if c, ok := st.(*fyne.Container); ok {
		c.Add(container.NewCenter(clear))
	}
	st.Hide()
	return st
}

// noPartnersState is an empty directory: the administrator is asked for
// the first partner, the others told who adds them.
func (p *partnersPanel) noPartnersState() fyne.CanvasObject {
	t, b := SectionPartners.emptyText()
	st := newEmptyState(SectionPartners.Icon(), t, b)
	if c, ok := st.(*fyne.Container); ok {
		if p.admin {
			first := widget.NewButtonWithIcon(lang.L("partners.add.first"), theme.ContentAddIcon(), func() { p.openForm(domain.Partner{}) })
			first.Importance = widget.HighImportance
			c.Add(container.NewCenter(first))
		} else {
			c.Add(container.NewCenter(widget.NewLabel(lang.L("partners.readOnly.empty"))))
		}
	}
	st.Hide()
	return st
}

func (p *partnersPanel) newList() *widget.List {
	l := widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return newPartnerRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.items) {
				o.(*partnerRow).set(p.items[id])
			}
		})
	l.OnSelected = func(id widget.ListItemID) {
		if p.marking || id >= len(p.items) || p.items[id].ID == p.selected {
			return
		}
		p.s.app.touch()
		if p.form != nil && !p.leaveForm(func() { p.showPartner(p.items[id].ID) }) {
			p.reselect()
			return
		}
		p.showPartner(p.items[id].ID)
	}
	return l
}

// query is what the search box and filters ask for.
func (p *partnersPanel) query() casework.PartnerQuery {
	q := casework.PartnerQuery{Text: strings.TrimSpace(p.search.Text), IncludeInactive: p.inactive.Checked}
	if i := p.service.SelectedIndex(); i > 0 && i <= len(p.serviceOpts) {
		q.Service = p.serviceOpts[i-1].value
	}
	return q
}

func (p *partnersPanel) filtered() bool {
	q := p.query()
	return q.Text != "" || q.Service != "" || q.IncludeInactive
}

// reload searches the directory again: on each keystroke in the search
// box and each change of a filter.
func (p *partnersPanel) reload() {
	if !p.ready {
		return
	}
	p.s.app.touch()
	ctx := context.Background()
	items, err := p.svc.Partners(ctx, p.query())
	if err == nil {
		p.all = len(items)
		if p.filtered() || len(items) == 0 {
			var all []domain.Partner
			if all, err = p.svc.Partners(ctx, casework.PartnerQuery{IncludeInactive: true}); err == nil {
				p.all = len(all)
			}
		}
	}
	if err != nil {
		p.items = nil
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
	} else {
		p.items = items
	}
	p.update()
}

// clearFilters empties the search box and sets the filters back.
func (p *partnersPanel) clearFilters() {
	p.ready = false
	p.search.SetText("")
	p.service.SetSelectedIndex(0)
	p.inactive.SetChecked(false)
	p.ready = true
	p.reload()
}

// update shows the count, the list or the right empty state, and what the
// right side shows.
func (p *partnersPanel) update() {
	n := len(p.items)
	args := map[string]any{"Count": caseListNumber(n)}
	if i18n.PluralCategory(Language(), int64(n)) == "one" {
		p.count.SetText(lang.L("partners.count.one", args))
	} else {
		p.count.SetText(lang.L("partners.count.other", args))
	}
	setVisible(p.clear, p.filtered() && n > 0) // the empty state has its own
	empty := p.all == 0 && p.form == nil
	setVisible(p.noPartners, empty)
	setVisible(p.split, !empty)
	setVisible(p.searchRow, !empty)
	setVisible(p.noMatch, p.all > 0 && n == 0)
	setVisible(p.list, n > 0)
	p.list.Refresh()
	p.reselect()
	if p.form == nil {
		p.showSide()
	}
	p.content.Refresh()
}

// reselect highlights the partner on the right when it is listed.
func (p *partnersPanel) reselect() {
	p.marking = true
	defer func() { p.marking = false }()
	for i, it := range p.items {
		if it.ID == p.selected {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

// showPartner shows a partner's details on the right.
func (p *partnersPanel) showPartner(id string) {
	p.form = nil
	p.selected = id
	p.showSide()
	p.reselect()
}

// showSide fills the right side: the partner chosen, or a line asking to
// choose one.
func (p *partnersPanel) showSide() {
	p.edit, p.toggle = nil, nil
	var view fyne.CanvasObject
	if p.selected != "" {
		pt, err := p.svc.Partner(context.Background(), p.selected)
		if err != nil {
			p.selected = ""
			showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		} else {
			view = p.details(pt)
		}
	}
	if view == nil {
		view = newEmptyState(theme.InfoIcon(), lang.L("partners.pick.title"), lang.L("partners.pick.body"))
	}
	p.side.Objects = []fyne.CanvasObject{view}
	p.side.Refresh()
}

// details shows everything the directory knows of a partner, with Edit and
// Deactivate or Reactivate for the administrator.
func (p *partnersPanel) details(pt domain.Partner) fyne.CanvasObject {
	name := subheading(pt.Name)
	name.Wrapping = fyne.TextWrapWord
	head := []fyne.CanvasObject{name}
	if pt.Inactive {
		badge := newCaseListBadge(lang.L("partners.inactive"), theme.ColorNameWarning)
		head = append(head, container.NewHBox(badge), wrapped(lang.L("partners.inactive.help")))
	}
	ff := newFacts()
	ff.add(lang.L("partners.field.type"), orgTypeLabel(pt.Type))
	ff.add(lang.L("partners.field.services"), labelsOf(serviceTypeOptions(), pt.Services))
	langs := partnerLanguagesText(pt.Languages)
	if len(pt.Languages) > 0 {
		langs += "\n" + lang.L("partners.letters", map[string]any{"Language": languageLabel(pt.LetterLanguage())})
	}
	ff.add(lang.L("partners.field.languages"), langs)
	country := ""
	if pt.Country != "" {
		country = countryName(pt.Country, Language())
	}
	ff.add(lang.L("partners.field.country"), country)
	ff.add(lang.L("partners.field.address"), pt.Address)
	ff.add(lang.L("partners.field.contact"), pt.Contact)
	ff.add(lang.L("partners.field.phone"), pt.Phone)
	ff.add(lang.L("partners.field.email"), pt.Email)
	ff.add(lang.L("partners.field.hours"), pt.Hours)
	ff.add(lang.L("partners.field.notes"), pt.Notes)
	card := lang.L("partners.card.none")
	if len(pt.Card) > 0 {
		card = lang.L("partners.card.attached", map[string]any{"Size": fileSizeText(int64(len(pt.Card)))})
	}
	ff.add(lang.L("partners.field.card"), card)
	ff.add(lang.L("partners.changed"), caseListDate(pt.Updated))

	objects := append(head, ff.box)
	if p.admin {
		p.edit = widget.NewButtonWithIcon(lang.L("partners.edit"), theme.DocumentCreateIcon(), func() { p.openForm(pt) })
		p.edit.Importance = widget.HighImportance
		if pt.Inactive {
			p.toggle = widget.NewButtonWithIcon(lang.L("partners.reactivate"), theme.ViewRefreshIcon(), func() { p.confirmActive(pt, true) })
		} else {
			p.toggle = widget.NewButtonWithIcon(lang.L("partners.deactivate"), theme.CancelIcon(), func() { p.confirmActive(pt, false) })
		}
		objects = append(objects, container.NewHBox(layout.NewSpacer(), p.toggle, p.edit))
	}
	return partnerSideScroll(container.NewVBox(objects...))
}

// partnerSideScroll scrolls the right side: down, and across too on a
// window too narrow for it, so the side never makes the window grow.
func partnerSideScroll(o fyne.CanvasObject) *container.Scroll {
	return container.NewScroll(container.NewPadded(o))
}

// confirmActive asks before deactivating or reactivating a partner.
func (p *partnersPanel) confirmActive(pt domain.Partner, active bool) {
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	args := map[string]any{"Name": pt.Name}
	title, text, button := lang.L("partners.deactivate.title", args), lang.L("partners.deactivate.text", args), lang.L("partners.deactivate")
	if active {
		title, text, button = lang.L("partners.reactivate.title", args), lang.L("partners.reactivate.text", args), lang.L("partners.reactivate")
	}
	d := dialog.NewConfirm(title, text, func(ok bool) {
		if ok {
			p.setActive(pt, active)
		}
	}, p.s.w)
	d.SetConfirmText(button)
	d.SetDismissText(lang.L("Cancel"))
	d.Show()
}

func (p *partnersPanel) setActive(pt domain.Partner, active bool) {
	p.s.app.touch()
	if _, err := p.svc.SetPartnerActive(context.Background(), pt.ID, active); err != nil {
		showMessage(p.notice, caseTabsErrorText(err, p.s.deps.now()), widget.DangerImportance)
		return
	}
	p.reload()
	msg := lang.L("partners.deactivated.done", map[string]any{"Name": pt.Name})
	if active {
		msg = lang.L("partners.reactivated.done", map[string]any{"Name": pt.Name})
	}
	showMessage(p.notice, msg, widget.SuccessImportance)
}

// openForm shows the form for a new partner (no ID) or for changing pt.
func (p *partnersPanel) openForm(pt domain.Partner) {
	if !p.admin {
		return
	}
	p.s.app.touch()
	showMessage(p.notice, "", widget.MediumImportance)
	p.form = newPartnerForm(p, pt)
	p.selected = pt.ID
	p.side.Objects = []fyne.CanvasObject{partnerSideScroll(p.form.box)}
	p.side.Refresh()
	setVisible(p.noPartners, false)
	setVisible(p.split, true)
	setVisible(p.searchRow, true)
	p.reselect()
	p.content.Refresh()
	p.s.w.Canvas().Focus(p.form.name)
}

// closeForm leaves the form without saving.
func (p *partnersPanel) closeForm() {
	p.form = nil
	p.update()
}

// leaveForm asks before dropping what was typed in the form when another
// partner is chosen; then runs next. It returns false when it asked.
func (p *partnersPanel) leaveForm(next func()) bool {
	d := dialog.NewConfirm(lang.L("partners.leave.title"), lang.L("partners.leave.text"), func(ok bool) {
		if ok {
			p.form = nil
			next()
		}
	}, p.s.w)
	d.SetConfirmText(lang.L("partners.leave.confirm"))
	d.SetDismissText(lang.L("partners.leave.stay"))
	d.Show()
	return false
}

// saved shows the partner just saved, with a line saying so.
func (p *partnersPanel) saved(pt domain.Partner, added bool) {
	p.form = nil
	p.selected = pt.ID
	p.reload()
	msg := lang.L("partners.saved", map[string]any{"Name": pt.Name})
	if added {
		msg = lang.L("partners.added", map[string]any{"Name": pt.Name})
	}
	showMessage(p.notice, msg, widget.SuccessImportance)
}

// Draft is part of Drafter: the form's fields while it is open.
func (p *partnersPanel) Draft() map[string]string {
	if p.form == nil {
		return nil
	}
	return p.form.Draft()
}

// RestoreDraft is part of Drafter: the form opens again with what was
// typed.
func (p *partnersPanel) RestoreDraft(d map[string]string) {
	if len(d) == 0 || !p.admin {
		return
	}
	base := domain.Partner{}
	if id := d["#id"]; id != "" {
		pt, err := p.svc.Partner(context.Background(), id)
		if err != nil {
			return
		}
		base = pt
	}
	p.openForm(base)
	p.form.restore(d)
}

// ClearDraft is part of Drafter: the form closes.
func (p *partnersPanel) ClearDraft() {
	if p.form != nil {
		p.form.restore(nil)
		p.form = nil
	}
}

// partnerRow is a line of the directory: the name, marked when
// deactivated, the phone, and under them the type, languages and
// services.
type partnerRow struct {
	widget.BaseWidget
	name   *widget.Label
	badge  *caseListBadge
	phone  *widget.Label
	detail *widget.Label
	box    *fyne.Container
}

func newPartnerRow() *partnerRow {
	r := &partnerRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		badge:  newCaseListBadge("", theme.ColorNameWarning),
		phone:  widget.NewLabel(""),
		detail: widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.phone.SizeName = theme.SizeNameCaptionText
	r.phone.Importance = widget.LowImportance
	r.detail.SizeName = theme.SizeNameCaptionText
	r.detail.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.badge, r.phone), r.name)
	r.box = container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.Padding()*2),
		container.New(caseListTwoLines{}, top, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is part of fyne.Widget.
func (r *partnerRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *partnerRow) set(pt domain.Partner) {
	r.name.Text = pt.Name
	r.name.Importance = widget.MediumImportance
	badge := ""
	if pt.Inactive {
		r.name.Importance = widget.LowImportance
		badge = lang.L("partners.inactive")
	}
	r.name.Refresh()
	r.badge.set(badge, theme.ColorNameWarning)
	r.phone.SetText(pt.Phone)
	var parts []string
	for _, s := range []string{orgTypeLabel(pt.Type), partnerLanguagesText(pt.Languages), labelsOf(serviceTypeOptions(), pt.Services)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	r.detail.SetText(strings.Join(parts, " · "))
	r.box.Refresh()
}
