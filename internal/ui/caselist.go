package ui

import "fyne.io/fyne/v2"

// casesView is the Cases section: search, filters and the list.
func (s *Shell) casesView() fyne.CanvasObject {
	t, b := SectionCases.emptyText()
	return newEmptyState(SectionCases.Icon(), t, b)
}
