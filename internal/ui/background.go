package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// background fills its space with a theme colour and follows theme changes
// (a plain canvas.Rectangle keeps the colour it was made with when the OS
// switches between light and dark).
type background struct {
	widget.BaseWidget
	color   fyne.ThemeColorName
	minSize fyne.Size
}

func newBackground(color fyne.ThemeColorName, minSize fyne.Size) *background {
	b := &background{color: color, minSize: minSize}
	b.ExtendBaseWidget(b)
	return b
}

func (b *background) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(theme.Color(b.color))
	return &backgroundRenderer{b: b, rect: rect}
}

type backgroundRenderer struct {
	b    *background
	rect *canvas.Rectangle
}

func (r *backgroundRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *backgroundRenderer) MinSize() fyne.Size           { return r.b.minSize }
func (r *backgroundRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *backgroundRenderer) Destroy()                     {}

func (r *backgroundRenderer) Refresh() {
	r.rect.FillColor = theme.ColorForWidget(r.b.color, r.b)
	r.rect.Refresh()
}
