package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newEmptyState shows an icon, a short title and a plain explanation of
// what a section will hold, centred in the space it is given.
func newEmptyState(icon fyne.Resource, title, body string) fyne.CanvasObject {
	img := canvas.NewImageFromResource(theme.NewDisabledResource(icon))
	img.FillMode = canvas.ImageFillContain
	side := theme.TextSize() * 4
	img.SetMinSize(fyne.NewSize(side, side))

	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Wrapping = fyne.TextWrapWord

	text := widget.NewLabel(body)
	text.Alignment = fyne.TextAlignCenter
	text.Wrapping = fyne.TextWrapWord

	return container.New(&columnLayout{maxEms: 34, centred: true},
		container.NewCenter(img), heading, text)
}
