package ui

import "fyne.io/fyne/v2"

// dashboardView is the Dashboard section: what needs the user today.
func (s *Shell) dashboardView() fyne.CanvasObject {
	t, b := SectionDashboard.emptyText()
	return newEmptyState(SectionDashboard.Icon(), t, b)
}
