package ui

import "fyne.io/fyne/v2"

// partnersView is the Partners section: the referral directory.
func (s *Shell) partnersView() fyne.CanvasObject {
	t, b := SectionPartners.emptyText()
	return newEmptyState(SectionPartners.Icon(), t, b)
}

// referralsView is the Referrals section: the office's referrals.
func (s *Shell) referralsView() fyne.CanvasObject {
	t, b := SectionReferrals.emptyText()
	return newEmptyState(SectionReferrals.Icon(), t, b)
}
