package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// caseForm holds what is typed in a case's fields, as text, by field id.
// The ids are casework's field paths ("person.birthDate",
// "child.guardian.name", "events[1].from"), so a problem casework names
// lands under its field. The intake form and the case file's Edit mode
// build their fields from the same caseForm; the widgets only mirror the
// values, so a section can be drawn again (another step, another
// language, after a lock) without losing a letter.
type caseForm struct {
	s     *Shell
	v     map[string]string // field id -> text as typed; flags "1"; lists comma separated
	errs  map[string]string // field id -> message shown under the field
	today time.Time

	// The widgets of the section on screen, by field id.
	fields  map[string]*formField
	entries map[string]*activityEntry
	selects map[string]*widget.Select
	checks  map[string]*widget.Check
	grids   map[string]*checkGrid
	radios  map[string]*widget.RadioGroup
	pickers map[string]*countryPicker
	options map[string][]option // the choices of each drop-down and radio group

	// redraw draws the section again after rows were added or removed.
	redraw func()
	// changed is told of every edit (the intake's child banner follows it).
	changed func(id string)
	// hooks run after a value changed, by field id, to show or hide parts.
	hooks map[string]func()
}

func newCaseForm(s *Shell) *caseForm {
	f := &caseForm{s: s, v: map[string]string{}, errs: map[string]string{}, today: s.deps.now()}
	f.reset()
	return f
}

// reset forgets the widgets, before a section is drawn again.
func (f *caseForm) reset() {
	f.fields = map[string]*formField{}
	f.entries = map[string]*activityEntry{}
	f.selects = map[string]*widget.Select{}
	f.checks = map[string]*widget.Check{}
	f.grids = map[string]*checkGrid{}
	f.radios = map[string]*widget.RadioGroup{}
	f.pickers = map[string]*countryPicker{}
	f.options = map[string][]option{}
	f.hooks = map[string]func(){}
}

func (f *caseForm) touch() {
	if f.s.app != nil {
		f.s.app.touch()
	}
}

// set records a value typed or chosen, and clears the field's message: it
// was about what was there before.
func (f *caseForm) set(id, value string) {
	if value == "" {
		delete(f.v, id)
	} else {
		f.v[id] = value
	}
	f.setError(id, "")
	if h := f.hooks[id]; h != nil {
		h()
	}
	if f.changed != nil {
		f.changed(id)
	}
}

func (f *caseForm) flag(id string) bool { return f.v[id] == "1" }

func (f *caseForm) list(id string) []string {
	if f.v[id] == "" {
		return nil
	}
	return strings.Split(f.v[id], ",")
}

func (f *caseForm) setList(id string, values []string) { f.set(id, strings.Join(values, ",")) }

// setError shows msg under a field (kept for when the field is drawn).
func (f *caseForm) setError(id, msg string) {
	if msg == "" {
		if _, ok := f.errs[id]; !ok {
			return
		}
		delete(f.errs, id)
	} else {
		f.errs[id] = msg
	}
	if ff := f.fields[id]; ff != nil {
		ff.setError(msg)
	}
}

// clearErrors forgets every message.
func (f *caseForm) clearErrors() {
	for id := range f.errs {
		f.setError(id, "")
	}
}

// field wraps an input with its name, message and help.
func (f *caseForm) field(id, label string, input fyne.CanvasObject, help string) *fyne.Container {
	ff := newFormField(label, input, help)
	ff.setError(f.errs[id])
	f.fields[id] = ff
	return ff.box
}

func (f *caseForm) entry(id string) *activityEntry {
	e := newActivityEntry(f.touch)
	e.SetText(f.v[id])
	e.OnChanged = func(s string) { f.set(id, s) }
	f.entries[id] = e
	return e
}

func (f *caseForm) multiline(id string, rows int) *activityEntry {
	e := newActivityEntry(f.touch)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetText(f.v[id])
	e.OnChanged = func(s string) { f.set(id, s) }
	f.entries[id] = e
	return e
}

func (f *caseForm) dateEntry(id string) *activityEntry {
	e := f.entry(id)
	e.SetPlaceHolder(datePlaceholder())
	return e
}

// selectOf is a drop-down of a vocabulary; the value kept is the stored one.
func (f *caseForm) selectOf(id string, opts []option, placeholder string) *widget.Select {
	sel := widget.NewSelect(optionLabels(opts), nil)
	sel.PlaceHolder = placeholder
	for i, o := range opts {
		if o.value == f.v[id] {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		f.touch()
		if i := sel.SelectedIndex(); i >= 0 && i < len(opts) {
			f.set(id, opts[i].value)
		}
	}
	f.selects[id] = sel
	f.options[id] = opts
	return sel
}

func (f *caseForm) radio(id string, opts []option, horizontal bool) *widget.RadioGroup {
	r := widget.NewRadioGroup(optionLabels(opts), nil)
	r.Horizontal = horizontal
	r.SetSelected(optionLabel(opts, f.v[id]))
	r.OnChanged = func(label string) {
		f.touch()
		value := ""
		for _, o := range opts {
			if o.label == label {
				value = o.value
			}
		}
		f.set(id, value)
	}
	f.radios[id] = r
	f.options[id] = opts
	return r
}

func (f *caseForm) check(id, label string) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(f.flag(id))
	c.OnChanged = func(on bool) {
		f.touch()
		if on {
			f.set(id, "1")
		} else {
			f.set(id, "")
		}
	}
	f.checks[id] = c
	return c
}

// checkGrid is a multi-select in plain words: a tick box per value, in
// columns.
type checkGrid struct {
	opts   []option
	checks []*widget.Check
	box    *fyne.Container
}

func (f *caseForm) grid(id string, opts []option, colEms float32) *checkGrid {
	g := &checkGrid{opts: opts}
	chosen := map[string]bool{}
	for _, v := range f.list(id) {
		chosen[v] = true
	}
	var objects []fyne.CanvasObject
	for _, o := range opts {
		c := widget.NewCheck(o.label, nil)
		c.SetChecked(chosen[o.value])
		c.OnChanged = func(bool) {
			f.touch()
			f.setList(id, g.selected())
		}
		g.checks = append(g.checks, c)
		objects = append(objects, c)
	}
	g.box = container.New(&flowColumnsLayout{minEms: colEms}, objects...)
	f.grids[id] = g
	return g
}

// selected returns the ticked values, in the list's order.
func (g *checkGrid) selected() []string {
	var out []string
	for i, c := range g.checks {
		if c.Checked {
			out = append(out, g.opts[i].value)
		}
	}
	return out
}

// tick ticks the box of a value, as a click would (tests).
func (g *checkGrid) tick(value string) {
	for i, o := range g.opts {
		if o.value == value {
			g.checks[i].SetChecked(true)
		}
	}
}

// countryPicker chooses several countries by name: type or open the list,
// then Add; each chosen country shows with a button to remove it.
type countryPicker struct {
	f      *caseForm
	id     string
	entry  *widget.SelectEntry
	add    *widget.Button
	chosen *fyne.Container
	last   string
	box    *fyne.Container
}

func (f *caseForm) countries(id string) *countryPicker {
	p := &countryPicker{f: f, id: id}
	lng := Language()
	p.entry = widget.NewSelectEntry(matchCountries("", lng))
	p.entry.SetPlaceHolder(lang.L("case.country.placeholder"))
	p.entry.OnChanged = func(s string) {
		f.touch()
		f.setError(id, "")
		// A whole name arriving at once is a choice from the list.
		jump := len([]rune(s))-len([]rune(p.last)) > 1
		p.last = s
		if _, exact := findCountry(s, lng); exact && jump {
			p.addTyped()
			return
		}
		p.entry.SetOptions(matchCountries(s, lng))
	}
	p.entry.OnSubmitted = func(string) { p.addTyped() }
	p.add = widget.NewButtonWithIcon(lang.L("case.country.add"), theme.ContentAddIcon(), p.addTyped)
	p.chosen = container.New(&wrapLayout{})
	p.draw()
	p.box = container.NewVBox(container.NewBorder(nil, nil, nil, p.add, p.entry), p.chosen)
	f.pickers[id] = p
	return p
}

// addTyped adds the country whose name is typed, or says it is not one.
func (p *countryPicker) addTyped() {
	p.f.touch()
	text := p.entry.Text
	if strings.TrimSpace(text) == "" {
		return
	}
	code, ok := findCountry(text, Language())
	if !ok {
		p.f.setError(p.id, lang.L("case.country.unknown"))
		return
	}
	codes := p.f.list(p.id)
	for _, c := range codes {
		if c == code {
			code = ""
		}
	}
	if code != "" {
		p.f.setList(p.id, append(codes, code))
	}
	p.last = ""
	p.entry.SetText("")
	p.draw()
}

func (p *countryPicker) draw() {
	p.chosen.Objects = nil
	for _, code := range p.f.list(p.id) {
		b := widget.NewButtonWithIcon(countryName(code, Language()), theme.CancelIcon(), func() {
			p.f.touch()
			var keep []string
			for _, c := range p.f.list(p.id) {
				if c != code {
					keep = append(keep, c)
				}
			}
			p.f.setList(p.id, keep)
			p.draw()
		})
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		p.chosen.Add(b)
	}
	p.chosen.Refresh()
	relayout(p.chosen)
}

// single country of a place: typed by name, kept as its code. The text
// typed is kept as is until it names a country.
func (f *caseForm) countryEntry(id string) *widget.SelectEntry {
	lng := Language()
	e := widget.NewSelectEntry(matchCountries("", lng))
	e.SetPlaceHolder(lang.L("case.country.placeholder"))
	e.SetText(f.v[id+"#text"])
	if code := f.v[id]; code != "" && f.v[id+"#text"] == "" {
		e.SetText(countryName(code, lng))
	}
	e.OnChanged = func(s string) {
		f.touch()
		if code, ok := findCountry(s, lng); ok {
			f.v[id+"#text"] = ""
			f.set(id, code)
			return
		}
		if strings.TrimSpace(s) == "" {
			delete(f.v, id+"#text")
		} else {
			f.v[id+"#text"] = s
		}
		f.set(id, "")
		e.SetOptions(matchCountries(s, lng))
	}
	return e
}

// count of the rows of a repeated group ("person.documents", "events").
func (f *caseForm) count(group string) int {
	n, _ := parseCount(f.v[group+".count"])
	return n
}

func (f *caseForm) setCount(group string, n int) {
	if n == 0 {
		delete(f.v, group+".count")
		return
	}
	f.v[group+".count"] = itoa(n)
}

// removeRow drops row i of a group, moving the rows below it up.
func (f *caseForm) removeRow(group string, i int, names []string) {
	n := f.count(group)
	for j := i; j < n; j++ {
		for _, name := range names {
			from, to := rowID(group, j+1, name), rowID(group, j, name)
			if v, ok := f.v[from]; ok && j+1 < n {
				f.v[to] = v
			} else {
				delete(f.v, to)
			}
			if msg, ok := f.errs[from]; ok && j+1 < n {
				f.errs[to] = msg
			} else {
				delete(f.errs, to)
			}
		}
	}
	f.setCount(group, n-1)
}

func rowID(group string, i int, name string) string {
	return group + "[" + itoa(i) + "]." + name
}

// Draft is what is typed, for a Drafter.
func (f *caseForm) draft() map[string]string {
	d := make(map[string]string, len(f.v))
	for k, v := range f.v {
		d[k] = v
	}
	return d
}

// wipe empties every value and the widgets on screen, before a lock.
func (f *caseForm) wipe() {
	for _, e := range f.entries {
		e.wipe()
	}
	for _, p := range f.pickers {
		p.entry.SetText("")
	}
	f.v = map[string]string{}
	f.errs = map[string]string{}
}

// firstError is the field on screen whose message is highest up, or nil.
func (f *caseForm) firstError() fyne.CanvasObject {
	d := fyne.CurrentApp().Driver()
	var first fyne.CanvasObject
	var top float32
	for id := range f.errs {
		ff := f.fields[id]
		if ff == nil || !ff.box.Visible() || d.CanvasForObject(ff.box) == nil {
			continue
		}
		if y := d.AbsolutePositionForObject(ff.box).Y; first == nil || y < top {
			first, top = ff.box, y
		}
	}
	return first
}

// scrollTo scrolls sc so that o, inside it, comes into view near the top.
func scrollTo(sc *container.Scroll, o fyne.CanvasObject) {
	if sc == nil || o == nil || sc.Content == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(o) == nil {
		return
	}
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(sc.Content).Y
	most := fyne.Max(0, sc.Content.MinSize().Height-sc.Size().Height)
	sc.Offset = fyne.NewPos(sc.Offset.X, fyne.Max(0, fyne.Min(y-theme.Padding()*2, most)))
	sc.Refresh()
}
