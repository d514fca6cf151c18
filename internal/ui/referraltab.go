package ui

import (
	"fyne.io/fyne/v2"

	"github.com/amparo-app/amparo/internal/domain"
)

// referralsTab is the Referrals tab of case c; saved calls back with the
// case as saved when something changed it.
func (s *Shell) referralsTab(c domain.Case, saved func(domain.Case)) fyne.CanvasObject {
	return caseTabsUnavailable()
}
