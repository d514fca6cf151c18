package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columnLayout places its objects one under the other in a column no wider
// than maxEms times the text size, so lines stay readable on a wide window.
// The width follows the theme's text size, and through it the user's scale
// setting. The column starts at the top left, or with centred set, sits in
// the middle of the space.
type columnLayout struct {
	maxEms  float32
	centred bool

	laidOut float32 // width of the last layout, so MinSize can tell how tall wrapped text is there
}

func (l *columnLayout) width(avail float32) float32 {
	w := theme.TextSize() * l.maxEms
	if avail < w {
		return avail
	}
	return w
}

// heights lays each object out at width w first, so wrapped text knows
// how tall it is, then returns the heights.
func (l *columnLayout) heights(objects []fyne.CanvasObject, w float32) ([]float32, float32) {
	hs := make([]float32, len(objects))
	var total float32
	visible := 0
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		hs[i] = o.MinSize().Height
		total += hs[i]
		visible++
	}
	if visible > 1 {
		total += theme.Padding() * float32(visible-1)
	}
	return hs, total
}

func (l *columnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.laidOut = size.Width
	w := l.width(size.Width)
	hs, total := l.heights(objects, w)
	var x, y float32
	if l.centred {
		x = (size.Width - w) / 2
		if total < size.Height {
			// A little above the true middle looks centred to the eye.
			y = (size.Height - total) * 0.4
		}
	}
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, hs[i]))
		y += hs[i] + theme.Padding()
	}
}

func (l *columnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var minW float32
	for _, o := range objects {
		if o.Visible() && o.MinSize().Width > minW {
			minW = o.MinSize().Width
		}
	}
	// Wrapped text is as tall as the width it gets: measure at the width
	// of the last layout, or at the widest before the first one.
	avail := theme.TextSize() * l.maxEms
	if l.laidOut > 0 {
		avail = l.laidOut
	}
	_, total := l.heights(objects, fyne.Max(minW, l.width(avail)))
	return fyne.NewSize(minW, total)
}

// sideLayout puts its first object on the left, taking the room left by
// the second, which sits on the right, sideEms text sizes wide (less on a
// narrow window).
type sideLayout struct {
	sideEms float32
}

func (l *sideLayout) side(width float32) float32 {
	return fyne.Min(theme.TextSize()*l.sideEms, width*0.45)
}

func (l *sideLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	side := l.side(size.Width)
	gap := theme.Padding() * 2
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width-side-gap, size.Height))
	objects[1].Move(fyne.NewPos(size.Width-side, 0))
	objects[1].Resize(fyne.NewSize(side, size.Height))
}

func (l *sideLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		w = fyne.Max(w, m.Width)
		h = fyne.Max(h, m.Height)
	}
	// On a narrow window both sides get less than they would like (the
	// list truncates its cells): ask only for the wider of the two.
	return fyne.NewSize(w, h)
}

// columnsLayout lays out a table row: each object gets its share of the
// width (weights add up to 1), and the row is as tall as its tallest cell.
type columnsLayout struct {
	weights []float32
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var x float32
	for i, o := range objects {
		w := size.Width * l.weight(i)
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (l *columnsLayout) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 0
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		h = fyne.Max(h, m.Height)
		w += m.Width
	}
	return fyne.NewSize(w, h)
}
