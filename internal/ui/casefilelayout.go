package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fieldRowLayout puts a few form fields side by side, in equal columns
// when each fits in one (so the fields of rows under each other line up),
// else each with its least width and a fair share of the rest. Each field
// is measured at its width, so a message that wraps under one of them
// makes the row as tall as it needs.
type fieldRowLayout struct {
	laidOut float32
}

// widths shares width among the objects.
func (l *fieldRowLayout) widths(objects []fyne.CanvasObject, width float32) []float32 {
	n := len(objects)
	out := make([]float32, n)
	if n == 0 {
		return out
	}
	gap := theme.Padding() * 2
	avail := width - gap*float32(n-1)
	equal := avail / float32(n)
	var sum float32
	fits := true
	for _, o := range objects {
		m := o.MinSize().Width
		sum += m
		fits = fits && m <= equal
	}
	for i, o := range objects {
		switch {
		case fits:
			out[i] = equal
		case sum <= avail:
			out[i] = o.MinSize().Width + (avail-sum)/float32(n)
		default:
			out[i] = avail * o.MinSize().Width / sum
		}
	}
	return out
}

func (l *fieldRowLayout) visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

func (l *fieldRowLayout) height(objects []fyne.CanvasObject, ws []float32) float32 {
	var h float32
	for i, o := range objects {
		o.Resize(fyne.NewSize(ws[i], o.MinSize().Height))
		h = fyne.Max(h, o.MinSize().Height)
	}
	return h
}

func (l *fieldRowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	vis := l.visible(objects)
	ws := l.widths(vis, size.Width)
	h := l.height(vis, ws)
	var x float32
	for i, o := range vis {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(ws[i], fyne.Max(h, size.Height)))
		x += ws[i] + theme.Padding()*2
	}
}

func (l *fieldRowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	vis := l.visible(objects)
	var total float32
	for _, o := range vis {
		total += o.MinSize().Width
	}
	total += theme.Padding() * 2 * float32(max(len(vis)-1, 0))
	width := l.laidOut
	if width == 0 {
		width = theme.TextSize() * 50
	}
	return fyne.NewSize(total, l.height(vis, l.widths(vis, fyne.Max(width, total))))
}

func fieldRow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&fieldRowLayout{}, objects...)
}

// stepsLayout puts the list of steps (first object) on the left of the
// form (second), and leaves the list out when the window is too narrow for
// both: the form's heading still says which step it is.
type stepsLayout struct {
	mainEms float32
}

func (l *stepsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	left, main := objects[0], objects[1]
	lw := left.MinSize().Width
	if size.Width-lw < theme.TextSize()*l.mainEms {
		left.Hide()
		lw = 0
	} else {
		left.Show()
	}
	left.Move(fyne.NewPos(0, 0))
	left.Resize(fyne.NewSize(lw, size.Height))
	main.Move(fyne.NewPos(lw, 0))
	main.Resize(fyne.NewSize(size.Width-lw, size.Height))
}

func (l *stepsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.NewSize(0, 0)
	}
	// Only the form counts: the list gives way on a narrow window.
	return objects[1].MinSize()
}

// flowColumnsLayout lays short items (check boxes) in as many equal
// columns as the width allows, row after row.
type flowColumnsLayout struct {
	minEms  float32
	laidOut float32
}

func (l *flowColumnsLayout) cell(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(theme.TextSize()*l.minEms, 0)
	for _, o := range objects {
		m := o.MinSize()
		s = fyne.NewSize(fyne.Max(s.Width, m.Width), fyne.Max(s.Height, m.Height))
	}
	return s
}

func (l *flowColumnsLayout) columns(objects []fyne.CanvasObject, width float32) int {
	c := l.cell(objects)
	n := int((width + theme.Padding()) / (c.Width + theme.Padding()))
	return max(1, min(n, len(objects)))
}

func (l *flowColumnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	cols := l.columns(objects, size.Width)
	c := l.cell(objects)
	w := (size.Width - theme.Padding()*float32(cols-1)) / float32(cols)
	for i, o := range objects {
		row, col := i/cols, i%cols
		o.Move(fyne.NewPos(float32(col)*(w+theme.Padding()), float32(row)*c.Height))
		o.Resize(fyne.NewSize(w, c.Height))
	}
}

func (l *flowColumnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) == 0 {
		return fyne.NewSize(0, 0)
	}
	c := l.cell(objects)
	width := l.laidOut
	if width == 0 {
		width = theme.TextSize() * 50
	}
	cols := l.columns(objects, width)
	rows := (len(objects) + cols - 1) / cols
	return fyne.NewSize(c.Width, c.Height*float32(rows))
}

// wrapLayout places items at their own width, left to right, going to
// the next line when one does not fit (the countries chosen).
type wrapLayout struct {
	laidOut float32
}

func (l *wrapLayout) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	var x, y, line float32
	gap := theme.Padding()
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, line = 0, y+line+gap, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + gap
		line = fyne.Max(line, m.Height)
	}
	return y + line
}

func (l *wrapLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	l.place(objects, size.Width, true)
}

func (l *wrapLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objects {
		if o.Visible() {
			w = fyne.Max(w, o.MinSize().Width)
		}
	}
	width := l.laidOut
	if width == 0 {
		width = theme.TextSize() * 50
	}
	return fyne.NewSize(w, l.place(objects, fyne.Max(w, width), false))
}

// factsLayout shows pairs of a name and a value, the names in a column of
// fixed width, the values wrapping in the rest.
type factsLayout struct {
	keyEms  float32
	laidOut float32
}

func (l *factsLayout) keyWidth(width float32) float32 {
	return fyne.Min(theme.TextSize()*l.keyEms, width*0.4)
}

func (l *factsLayout) rows(objects []fyne.CanvasObject, width float32) []float32 {
	kw := l.keyWidth(width)
	vw := width - kw - theme.Padding()*2
	var hs []float32
	for i := 0; i+1 < len(objects); i += 2 {
		k, v := objects[i], objects[i+1]
		k.Resize(fyne.NewSize(kw, k.MinSize().Height))
		v.Resize(fyne.NewSize(vw, v.MinSize().Height))
		hs = append(hs, fyne.Max(k.MinSize().Height, v.MinSize().Height))
	}
	return hs
}

func (l *factsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	kw := l.keyWidth(size.Width)
	vw := size.Width - kw - theme.Padding()*2
	var y float32
	for i, h := range l.rows(objects, size.Width) {
		objects[2*i].Move(fyne.NewPos(0, y))
		objects[2*i].Resize(fyne.NewSize(kw, h))
		objects[2*i+1].Move(fyne.NewPos(kw+theme.Padding()*2, y))
		objects[2*i+1].Resize(fyne.NewSize(vw, h))
		y += h
	}
}

func (l *factsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := l.laidOut
	if width == 0 {
		width = theme.TextSize() * 50
	}
	var h float32
	for _, r := range l.rows(objects, width) {
		h += r
	}
	return fyne.NewSize(theme.TextSize()*20, h)
}

// facts is a list of names and values to read; an empty value shows a
// dash, so an empty field is seen as empty rather than forgotten.
type facts struct {
	box *fyne.Container
}

func newFacts() *facts { return &facts{box: container.New(&factsLayout{keyEms: 15})} }

func (f *facts) add(name, value string) *widget.Label {
	k := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	k.Wrapping = fyne.TextWrapWord
	if value == "" {
		value = "—"
	}
	v := wrapped(value)
	f.box.Add(k)
	f.box.Add(v)
	return v
}

// banner is a tinted box with an icon and a sentence that needs to be
// seen: the child case notice, an alert.
type banner struct {
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
	box   *fyne.Container
}

func newBanner(icon fyne.Resource, text string, imp widget.Importance) *banner {
	b := &banner{bg: canvas.NewRectangle(color.Transparent), icon: widget.NewIcon(icon), label: wrapped(text)}
	b.bg.CornerRadius = theme.InputRadiusSize()
	b.box = container.NewStack(b.bg, container.NewPadded(container.NewBorder(nil, nil, container.NewCenter(b.icon), nil, b.label)))
	b.set(icon, text, imp)
	return b
}

func (b *banner) set(icon fyne.Resource, text string, imp widget.Importance) {
	name := theme.ColorNamePrimary
	switch imp {
	case widget.WarningImportance:
		name = theme.ColorNameWarning
	case widget.DangerImportance:
		name = theme.ColorNameError
	case widget.SuccessImportance:
		name = theme.ColorNameSuccess
	}
	c := color.NRGBAModel.Convert(theme.Color(name)).(color.NRGBA)
	c.A = 0x22
	b.bg.FillColor = c
	b.bg.StrokeColor = theme.Color(name)
	b.bg.StrokeWidth = 1
	b.bg.Refresh()
	b.icon.SetResource(icon)
	b.label.Importance = imp
	b.label.SetText(text)
}

// badge is a short word on a coloured pill: "Child", "Closed".
func badge(text string, name fyne.ThemeColorName) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(name))
	bg.CornerRadius = theme.TextSize()
	t := canvas.NewText(text, theme.Color(theme.ColorNameForegroundOnPrimary))
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.TextSize = theme.CaptionTextSize() + 1
	pad := container.New(&badgePad{}, t)
	return container.NewCenter(container.NewStack(bg, pad))
}

type badgePad struct{}

func (badgePad) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		m := o.MinSize()
		o.Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
		o.Resize(m)
	}
}

func (badgePad) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(theme.TextSize()*1.2, theme.Padding()*1.5))
}
