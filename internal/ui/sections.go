package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// Section is one place of the main window, reached from the navigation.
type Section int

// The sections, in navigation order; Ctrl+1 to Ctrl+7 follow this order.
const (
	SectionDashboard Section = iota
	SectionCases
	SectionReferrals
	SectionExchange
	SectionPartners
	SectionReports
	SectionSettings
)

// Sections returns every section in navigation order.
func Sections() []Section {
	return []Section{SectionDashboard, SectionCases, SectionReferrals, SectionExchange,
		SectionPartners, SectionReports, SectionSettings}
}

// Title returns the section's name in the current language.
func (s Section) Title() string {
	switch s {
	case SectionDashboard:
		return lang.L("nav.dashboard")
	case SectionCases:
		return lang.L("nav.cases")
	case SectionReferrals:
		return lang.L("nav.referrals")
	case SectionExchange:
		return lang.L("nav.exchange")
	case SectionPartners:
		return lang.L("nav.partners")
	case SectionReports:
		return lang.L("nav.reports")
	case SectionSettings:
		return lang.L("nav.settings")
	}
	return ""
}

// Icon returns the section's icon in the navigation.
func (s Section) Icon() fyne.Resource {
	switch s {
	case SectionDashboard:
		return theme.HomeIcon()
	case SectionCases:
		return theme.FolderIcon()
	case SectionReferrals:
		return theme.MailForwardIcon()
	case SectionExchange:
		return theme.ViewRefreshIcon()
	case SectionPartners:
		return theme.AccountIcon()
	case SectionReports:
		return theme.GridIcon()
	case SectionSettings:
		return theme.SettingsIcon()
	}
	return nil
}

// emptyText returns the title and explanation a section shows until it has
// something to list: what will be there, in plain words.
func (s Section) emptyText() (title, body string) {
	switch s {
	case SectionDashboard:
		return lang.L("dashboard.empty.title"), lang.L("dashboard.empty.body")
	case SectionCases:
		return lang.L("cases.empty.title"), lang.L("cases.empty.body")
	case SectionReferrals:
		return lang.L("referrals.empty.title"), lang.L("referrals.empty.body")
	case SectionExchange:
		return lang.L("exchange.empty.title"), lang.L("exchange.empty.body")
	case SectionPartners:
		return lang.L("partners.empty.title"), lang.L("partners.empty.body")
	case SectionReports:
		return lang.L("reports.empty.title"), lang.L("reports.empty.body")
	}
	return "", ""
}
