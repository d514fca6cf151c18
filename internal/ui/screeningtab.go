package ui

import (
	"context"
	"errors"
	"image/color"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
	"github.com/amparo-app/amparo/internal/screening"
)

// draftScreening names the Screening tab's draft: the indicators ticked
// and not saved yet, and the form of exploitation chosen.
const draftScreening = "case.screening"

// screeningTab is the indicator screening of case c; saved calls back with
// the case as saved.
func (s *Shell) screeningTab(c domain.Case, saved func(domain.Case)) fyne.CanvasObject {
	is := s.interviews()
	if is == nil {
		return caseTabsUnavailable()
	}
	return newScreeningPanel(s, is, c, saved)
}

// screeningPanel is the Screening tab: the indicator set for the person
// (child or adult) and the form of exploitation chosen, one card per
// dimension with its indicators to tick, the rule's result as the boxes
// are ticked, and Save. The result is a screening flag (refer for formal
// identification), never a legal determination.
type screeningPanel struct {
	widget.BaseWidget
	s       *Shell
	is      InterviewService
	c       domain.Case
	saved   func(domain.Case)
	state   *caseScreenState // the case screen the panel belongs to
	content fyne.CanvasObject

	cat        screening.Catalog
	population string // screening.Child or screening.Adult
	presumed   bool   // a presumed child
	closed     bool
	names      map[string]string // user id -> name, read when first needed

	exploitation string                     // screening.Labour or screening.Sexual
	ticks        map[string]map[string]bool // set id -> indicator ids ticked
	dirty        map[string]bool            // set id -> changed since read from the case
	chosen       bool                       // the form of exploitation was chosen by hand
	flash        string                     // a message for the panel that replaces this one

	column *fyne.Container
	scroll *container.Scroll

	// On screen, for the tests.
	set         *screening.Set
	exploitSel  *widget.Select
	title       *widget.Label
	result      *banner
	pretickNote *widget.Label
	lastSaved   *widget.Label
	closedNote  *widget.Label
	noSet       *widget.Label
	checks      map[string]*widget.Check // indicator id -> its box
	fromCase    map[string]bool          // indicators the case's answers match, when nothing was saved
	dims        map[string]*screeningCard
	saveButton  *widget.Button
	saveBottom  *widget.Button
	notice      *widget.Label
	gradeWidth  float32
	exploitOpts []option
}

// screeningCard is one dimension: its title, whether it is positive, and
// how many of its indicators of each grade are ticked.
type screeningCard struct {
	bg     *canvas.Rectangle
	title  *widget.Label
	state  *widget.Label
	counts *widget.Label
	box    *fyne.Container
}

func newScreeningPanel(s *Shell, is InterviewService, c domain.Case, saved func(domain.Case)) *screeningPanel {
	p := &screeningPanel{s: s, is: is, c: c, saved: saved, state: s.caseState, cat: s.deps.indicators(),
		ticks: map[string]map[string]bool{}, dirty: map[string]bool{}, notice: newMessage()}
	p.ExtendBaseWidget(p)
	isChild, presumed := casework.ChildStatus(c.Person, s.deps.now())
	p.population, p.presumed = screening.Adult, false
	if isChild {
		p.population, p.presumed = screening.Child, presumed
	}
	p.closed = c.Status == domain.StatusClosed || c.Status == domain.StatusClosedReferred
	p.exploitation = screeningDefaultExploitation(c, p.cat, p.population)

	// The case file draws its tabs again when any of them saves the case:
	// what was ticked here and not saved yet stays.
	if prev, ok := s.drafters[draftScreening].(*screeningPanel); ok && prev != p && prev.c.ID == c.ID &&
		prev.state == s.caseState && s.caseState != nil {
		p.takeOver(prev)
	}

	p.exploitOpts = []option{
		{screening.Labour, lang.L("screening.exploitation.labour")},
		{screening.Sexual, lang.L("screening.exploitation.sexual")},
	}
	p.exploitSel = widget.NewSelect(optionLabels(p.exploitOpts), nil)
	// A Select is as wide as its placeholder: the longest choice, so the
	// one chosen is never cut.
	for _, o := range p.exploitOpts {
		if fyne.MeasureText(o.label, theme.TextSize(), fyne.TextStyle{}).Width >
			fyne.MeasureText(p.exploitSel.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width {
			p.exploitSel.PlaceHolder = o.label
		}
	}
	p.exploitSel.SetSelected(optionLabel(p.exploitOpts, p.exploitation))
	p.exploitSel.OnChanged = func(label string) {
		for _, o := range p.exploitOpts {
			if o.label == label && o.value != p.exploitation {
				p.s.app.touch()
				p.exploitation, p.chosen = o.value, true
				showMessage(p.notice, "", widget.LowImportance)
				p.show()
			}
		}
	}

	p.column = container.New(&columnLayout{maxEms: 72})
	p.scroll = container.NewVScroll(container.NewPadded(p.column))
	p.content = p.scroll
	s.addDrafter(draftScreening, p)
	p.show()
	if p.flash != "" {
		showMessage(p.notice, p.flash, widget.SuccessImportance)
		p.flash = ""
	}
	return p
}

// takeOver keeps the unsaved ticks and the form of exploitation of the
// panel this one replaces, and the message it left.
func (p *screeningPanel) takeOver(prev *screeningPanel) {
	for id, dirty := range prev.dirty {
		if dirty {
			p.ticks[id] = maps.Clone(prev.ticks[id])
			p.dirty[id] = true
		}
	}
	if prev.chosen {
		p.exploitation, p.chosen = prev.exploitation, true
	}
	p.flash = prev.flash
	prev.flash = ""
}

// CreateRenderer is part of fyne.Widget.
func (p *screeningPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// screeningDefaultExploitation is the form of exploitation shown first:
// that of the case's latest screening of the person's population, else
// sexual when a screening used a sexual set or the case records sexual
// exploitation, else labour.
func screeningDefaultExploitation(c domain.Case, cat screening.Catalog, population string) string {
	var latest *domain.Screening
	var latestSet *screening.Set
	sexual := slices.Contains(c.Trafficking.Exploitation, "SexualExploitation")
	for i := range c.Screenings {
		sc := &c.Screenings[i]
		set := cat.Get(sc.SetID)
		if set == nil {
			continue
		}
		if set.Exploitation == screening.Sexual {
			sexual = true
		}
		if set.Population == population && (latest == nil || sc.At.After(latest.At)) {
			latest, latestSet = sc, set
		}
	}
	switch {
	case latestSet != nil:
		return latestSet.Exploitation
	case sexual:
		return screening.Sexual
	}
	return screening.Labour
}

// savedScreening is the case's screening with a set, nil when none.
func savedScreening(c domain.Case, setID string) *domain.Screening {
	for i := range c.Screenings {
		if c.Screenings[i].SetID == setID {
			return &c.Screenings[i]
		}
	}
	return nil
}

// show draws the tab for the form of exploitation chosen.
func (p *screeningPanel) show() {
	code := Language()
	p.checks = map[string]*widget.Check{}
	p.dims = map[string]*screeningCard{}
	p.fromCase = map[string]bool{}
	p.result, p.pretickNote, p.lastSaved, p.closedNote, p.noSet = nil, nil, nil, nil, nil
	p.saveButton, p.saveBottom = nil, nil
	p.set = p.cat.For(p.population, p.exploitation)

	var objects []fyne.CanvasObject
	titleText := lang.L("casefile.tab.screening")
	if p.set != nil {
		titleText = p.set.Title.In(code)
	}
	p.title = subheading(titleText)
	p.title.Wrapping = fyne.TextWrapWord
	objects = append(objects, p.title)

	choose := widget.NewLabelWithStyle(lang.L("screening.exploitation"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objects = append(objects, container.NewHBox(choose, p.exploitSel))
	if p.presumed {
		note := wrapped(lang.L("screening.presumedChild"))
		note.Importance = widget.LowImportance
		objects = append(objects, note)
	}
	if b := contentProblemsBanner(p.cat.Problems); b != nil {
		objects = append(objects, b)
	}
	if p.set == nil {
		p.noSet = wrapped(lang.L("screening.noSet"))
		p.noSet.Importance = widget.WarningImportance
		objects = append(objects, p.noSet)
		p.setObjects(objects)
		return
	}
	set := p.set

	about := newBanner(theme.InfoIcon(), set.Disclaimer.In(code), widget.MediumImportance)
	source := wrapped(set.Source.In(code))
	source.SizeName = theme.SizeNameCaptionText
	source.Importance = widget.LowImportance
	objects = append(objects, container.New(layout.NewCustomPaddedVBoxLayout(0), about.box, source))

	ticked := p.tickedOf(set)
	saved := savedScreening(p.c, set.ID)
	var lines []fyne.CanvasObject
	if p.closed {
		p.closedNote = wrapped(lang.L("screening.closed"))
		p.closedNote.Importance = widget.WarningImportance
		objects = append(objects, p.closedNote)
		if saved == nil {
			none := wrapped(lang.L("screening.closedNone"))
			none.Importance = widget.LowImportance
			objects = append(objects, none)
		}
	}
	if saved != nil {
		if p.names == nil {
			p.names = p.s.caseTabsNames()
		}
		p.lastSaved = wrapped(lang.L("screening.lastSaved", map[string]any{
			"Date": i18n.FormatDate(saved.At.Local(), code), "Name": caseTabsUserName(p.names, saved.By)}))
		p.lastSaved.Importance = widget.LowImportance
		lines = append(lines, p.lastSaved)
	} else if !p.closed {
		pre := set.Pretick(p.c)
		for _, id := range pre {
			p.fromCase[id] = true
		}
		if n := len(pre); n > 0 {
			key := lang.L("screening.preticked.other", map[string]any{"Count": itoa(n)})
			if i18n.PluralCategory(code, int64(n)) == "one" {
				key = lang.L("screening.preticked.one", map[string]any{"Count": itoa(n)})
			}
			p.pretickNote = wrapped(key)
			p.pretickNote.Importance = widget.WarningImportance
			lines = append(lines, p.pretickNote)
		}
	}

	p.result = newBanner(theme.InfoIcon(), "", widget.MediumImportance)
	var top fyne.CanvasObject = p.result.box
	if !p.closed {
		p.saveButton = widget.NewButtonWithIcon(lang.L("screening.save"), theme.DocumentSaveIcon(), p.save)
		p.saveButton.Importance = widget.HighImportance
		top = container.NewBorder(nil, nil, nil, container.NewVBox(p.saveButton), p.result.box)
	}
	objects = append(objects, top, p.notice)
	objects = append(objects, lines...)

	p.gradeWidth = 0
	for _, g := range []string{screening.Strong, screening.Medium, screening.Weak} {
		p.gradeWidth = fyne.Max(p.gradeWidth, screeningGradeLabel(g).MinSize().Width)
	}
	for _, d := range set.Dimensions {
		objects = append(objects, p.card(d, ticked))
	}
	if !p.closed {
		p.saveBottom = widget.NewButtonWithIcon(lang.L("screening.save"), theme.DocumentSaveIcon(), p.save)
		p.saveBottom.Importance = widget.HighImportance
		objects = append(objects, container.NewHBox(layout.NewSpacer(), p.saveBottom))
	}
	p.update()
	p.setObjects(objects)
}

func (p *screeningPanel) setObjects(objects []fyne.CanvasObject) {
	p.column.Objects = objects
	p.column.Refresh()
	p.scroll.ScrollToTop()
	relayout(p.column)
}

// tickedOf is what is ticked in set: as left on screen, else as saved in
// the case, else what the case's answers match (none in a closed case).
func (p *screeningPanel) tickedOf(set *screening.Set) map[string]bool {
	if t, ok := p.ticks[set.ID]; ok {
		return t
	}
	var ids []string
	if sc := savedScreening(p.c, set.ID); sc != nil {
		ids = sc.Ticked
	} else if !p.closed {
		ids = set.Pretick(p.c)
	}
	t := map[string]bool{}
	for _, id := range ids {
		t[id] = true
	}
	p.ticks[set.ID] = t
	return t
}

// ticked lists the indicators ticked in the set on screen, in its order.
func (p *screeningPanel) ticked() []string {
	if p.set == nil {
		return nil
	}
	t := p.ticks[p.set.ID]
	var out []string
	for _, d := range p.set.Dimensions {
		for _, in := range d.Indicators {
			if t[in.ID] {
				out = append(out, in.ID)
			}
		}
	}
	return out
}

// card is one dimension with its indicators.
func (p *screeningPanel) card(d screening.Dimension, ticked map[string]bool) fyne.CanvasObject {
	code := Language()
	sc := &screeningCard{bg: canvas.NewRectangle(color.Transparent)}
	sc.bg.CornerRadius = theme.InputRadiusSize()
	sc.bg.StrokeWidth = 1
	sc.title = widget.NewLabelWithStyle(d.Title.In(code), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sc.title.Wrapping = fyne.TextWrapWord
	sc.title.SizeName = theme.SizeNameSubHeadingText
	sc.state = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	sc.counts = widget.NewLabel("")
	sc.counts.SizeName = theme.SizeNameCaptionText
	sc.counts.Importance = widget.LowImportance

	head := container.NewBorder(nil, nil, nil, container.NewVBox(layout.NewSpacer(), sc.state, layout.NewSpacer()), sc.title)
	rows := []fyne.CanvasObject{container.New(layout.NewCustomPaddedVBoxLayout(0), head, sc.counts), widget.NewSeparator()}
	for _, in := range d.Indicators {
		rows = append(rows, p.row(in, ticked))
	}
	body := container.New(layout.NewCustomPaddedVBoxLayout(0), rows...)
	sc.box = container.NewStack(sc.bg, container.NewPadded(body))
	p.dims[d.ID] = sc
	return sc.box
}

// row is one indicator: its box, its text (a click on it ticks the box
// too) and its grade.
func (p *screeningPanel) row(in screening.Indicator, ticked map[string]bool) fyne.CanvasObject {
	set := p.set
	check := widget.NewCheck("", nil)
	check.Checked = ticked[in.ID]
	check.OnChanged = func(on bool) {
		p.s.app.touch()
		t := p.ticks[set.ID]
		if on {
			t[in.ID] = true
		} else {
			delete(t, in.ID)
		}
		p.dirty[set.ID] = true
		showMessage(p.notice, "", widget.LowImportance)
		p.update()
	}
	p.checks[in.ID] = check
	var text fyne.CanvasObject = wrapped(in.Text.In(Language()))
	if p.fromCase[in.ID] {
		// Said under the indicators the case's answers ticked, to be
		// checked with the person's own account.
		from := widget.NewLabel(lang.L("screening.fromCase"))
		from.SizeName = theme.SizeNameCaptionText
		from.Importance = widget.WarningImportance
		text = container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), text, from)
	}
	var onTap func()
	if p.closed {
		check.Disable()
	} else {
		onTap = func() { check.SetChecked(!check.Checked) }
	}
	return container.New(&screeningRowLayout{gradeWidth: p.gradeWidth},
		check, newTapArea(text, onTap), screeningGradeLabel(in.Grade))
}

// screeningGradeLabel is an indicator's grade in words.
func screeningGradeLabel(grade string) *widget.Label {
	l := widget.NewLabel("")
	switch grade {
	case screening.Strong:
		l.SetText(lang.L("screening.grade.strong"))
		l.TextStyle.Bold = true
	case screening.Medium:
		l.SetText(lang.L("screening.grade.medium"))
	default:
		l.SetText(lang.L("screening.grade.weak"))
		l.Importance = widget.LowImportance
	}
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// update shows the rule's result for what is ticked: each dimension's
// state and counts, and the flag with the dimensions that carried it.
func (p *screeningPanel) update() {
	set := p.set
	if set == nil || p.result == nil {
		return
	}
	code := Language()
	r := set.Evaluate(p.ticked())
	for _, dr := range r.Dimensions {
		sc := p.dims[dr.ID]
		if sc == nil {
			continue
		}
		sc.counts.SetText(lang.L("screening.dimension.counts", map[string]any{
			"Strong": itoa(dr.Strong), "Medium": itoa(dr.Medium), "Weak": itoa(dr.Weak)}))
		name := theme.ColorNameSeparator
		sc.bg.FillColor = color.Transparent
		if dr.Positive {
			sc.state.Importance = widget.WarningImportance
			sc.state.SetText(lang.L("screening.dimension.positive"))
			name = theme.ColorNameWarning
			tint := color.NRGBAModel.Convert(theme.Color(name)).(color.NRGBA)
			tint.A = 0x14
			sc.bg.FillColor = tint
		} else {
			sc.state.Importance = widget.LowImportance
			sc.state.SetText(lang.L("screening.dimension.notPositive"))
		}
		sc.bg.StrokeColor = theme.Color(name)
		sc.bg.Refresh()
	}
	titles := func(ids []string) string {
		var out []string
		for _, id := range ids {
			if d := set.Dimension(id); d != nil {
				out = append(out, d.Title.In(code))
			}
		}
		return strings.Join(out, ", ")
	}
	if r.Flag {
		p.result.set(theme.WarningIcon(), lang.L("screening.result.flag")+"\n"+
			lang.L("screening.result.carried", map[string]any{"Dimensions": titles(r.Carried)}), widget.WarningImportance)
	} else {
		text := lang.L("screening.result.none")
		if len(r.Positive) > 0 {
			text += "\n" + lang.L("screening.result.positive", map[string]any{"Dimensions": titles(r.Positive)})
		}
		p.result.set(theme.InfoIcon(), text, widget.MediumImportance)
	}
	relayout(p.column)
}

// save records the screening with the set on screen.
func (p *screeningPanel) save() {
	p.s.app.touch()
	if p.set == nil || p.closed {
		return
	}
	c, _, err := p.is.SaveScreening(context.Background(), p.c.ID, p.set, p.ticked())
	if err != nil {
		text := caseTabsErrorText(err, p.s.deps.now())
		var refused *casework.RuleError
		if errors.As(err, &refused) && refused.Rule == casework.RuleClosed {
			text = lang.L("screening.closed") // closed since the tab was drawn
		}
		showMessage(p.notice, text, widget.DangerImportance)
		scrollTo(p.scroll, p.notice)
		return
	}
	p.c = c
	delete(p.ticks, p.set.ID)
	delete(p.dirty, p.set.ID)
	p.chosen = true
	msg := lang.L("screening.saved")
	if p.saved == nil {
		p.show()
		showMessage(p.notice, msg, widget.SuccessImportance)
		return
	}
	// The case file shows the tab again from the saved case: the panel
	// that replaces this one shows the message.
	p.flash = msg
	p.saved(c)
	if p.flash != "" { // nothing replaced this panel
		p.flash = ""
		p.show()
		showMessage(p.notice, msg, widget.SuccessImportance)
	}
}

// Draft is part of Drafter: the ticks not saved yet, by set, and the form
// of exploitation chosen.
func (p *screeningPanel) Draft() map[string]string {
	d := map[string]string{}
	for id, dirty := range p.dirty {
		if !dirty {
			continue
		}
		var ids []string
		for in, on := range p.ticks[id] {
			if on {
				ids = append(ids, in)
			}
		}
		slices.Sort(ids)
		d["set:"+id] = strings.Join(ids, ",")
	}
	if p.chosen {
		d["exploitation"] = p.exploitation
	}
	if len(d) == 0 {
		return nil
	}
	d["_case"] = p.c.ID
	return d
}

// RestoreDraft is part of Drafter.
func (p *screeningPanel) RestoreDraft(d map[string]string) {
	if d == nil || d["_case"] != p.c.ID {
		return
	}
	for k, v := range d {
		id, ok := strings.CutPrefix(k, "set:")
		if !ok || p.cat.Get(id) == nil {
			continue
		}
		t := map[string]bool{}
		for _, in := range strings.Split(v, ",") {
			if in != "" {
				t[in] = true
			}
		}
		p.ticks[id] = t
		p.dirty[id] = true
	}
	if e := d["exploitation"]; e == screening.Labour || e == screening.Sexual {
		p.exploitation, p.chosen = e, true
		p.exploitSel.SetSelected(optionLabel(p.exploitOpts, e))
	}
	p.show()
}

// ClearDraft is part of Drafter: the ticks are forgotten.
func (p *screeningPanel) ClearDraft() {
	p.ticks = map[string]map[string]bool{}
	p.dirty = map[string]bool{}
	p.c = domain.Case{ID: p.c.ID}
}

// screeningRowLayout lays out an indicator: the box on the left, the text
// wrapping in the middle, the grade on the right in a column of fixed
// width, all at the top of the row.
type screeningRowLayout struct {
	gradeWidth float32
	laidOut    float32
}

func (l *screeningRowLayout) textWidth(objects []fyne.CanvasObject, width float32) float32 {
	return fyne.Max(0, width-objects[0].MinSize().Width-l.gradeWidth-theme.Padding()*2)
}

func (l *screeningRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 3 {
		return
	}
	l.laidOut = size.Width
	check, text, grade := objects[0], objects[1], objects[2]
	cw := check.MinSize().Width
	check.Move(fyne.NewPos(0, 0))
	check.Resize(check.MinSize())
	text.Move(fyne.NewPos(cw+theme.Padding(), 0))
	text.Resize(fyne.NewSize(l.textWidth(objects, size.Width), size.Height))
	grade.Move(fyne.NewPos(size.Width-l.gradeWidth, 0))
	grade.Resize(fyne.NewSize(l.gradeWidth, grade.MinSize().Height))
}

func (l *screeningRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 3 {
		return fyne.Size{}
	}
	width := l.laidOut
	if width == 0 {
		width = theme.TextSize() * 50
	}
	check, text, grade := objects[0], objects[1], objects[2]
	tw := l.textWidth(objects, width)
	text.Resize(fyne.NewSize(tw, text.MinSize().Height))
	h := fyne.Max(check.MinSize().Height, fyne.Max(text.MinSize().Height, grade.MinSize().Height))
	w := check.MinSize().Width + l.gradeWidth + theme.Padding()*2 + theme.TextSize()*10
	return fyne.NewSize(w, h)
}

// tapArea makes what it shows answer a click, as the text of a check box
// does: a click on an indicator's text ticks its box.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapArea(content fyne.CanvasObject, onTap func()) *tapArea {
	a := &tapArea{content: content, onTap: onTap}
	a.ExtendBaseWidget(a)
	return a
}

// CreateRenderer is part of fyne.Widget.
func (a *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.content) }

// Tapped is part of fyne.Tappable.
func (a *tapArea) Tapped(*fyne.PointEvent) {
	if a.onTap != nil {
		a.onTap()
	}
}

// Cursor is part of desktop.Cursorable: a hand over text that can be
// clicked.
func (a *tapArea) Cursor() desktop.Cursor {
	if a.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
