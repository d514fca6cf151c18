package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// conflictsView is the Conflicts tab (to be written).
func (s *Shell) conflictsView(svc ConflictService) fyne.CanvasObject {
	return widget.NewLabel("")
}
