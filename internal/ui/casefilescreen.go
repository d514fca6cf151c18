package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The Cases section shows the list (caselist.go), or in its place the
// intake form of a new case or the file of one case. Which one is kept
// per shell, so the view can be built again when the window is rebuilt
// (after a lock, or a change of language) and the forms' drafts find it.
//
// The shell builds the Cases section with s.casesView() (the list). For the
// intake form and the case file to come back after a lock or a language
// change, shell.go needs two calls (see the report for issue 4):
//
//	in Show, first thing:        s.leaveCaseScreen()
//	in sectionView, SectionCases: if v := s.caseScreen(); v != nil { view = v } else { view = s.casesView() }

type caseScreenKind int

const (
	screenIntake caseScreenKind = iota + 1
	screenCaseFile
	screenInterview
)

// caseScreenState says what the Cases section shows in place of the list.
type caseScreenState struct {
	kind   caseScreenKind
	caseID string // the case of the file, or the intake's case once created
	tab    string // the case file's tab on screen

	guideID     string // the interview screen: the guide chosen
	interviewID string // the interview screen: the session, once started
	notice      string // a message the case file shows once when built
}

// caseScreen returns the intake form or case file on show, built anew, or
// nil when the Cases section shows its list.
func (s *Shell) caseScreen() fyne.CanvasObject {
	st := s.caseState
	if st == nil {
		return nil
	}
	// The forms of the screen before register again as they are built.
	delete(s.drafters, draftIntake)
	delete(s.drafters, draftCaseFile)
	delete(s.drafters, draftInterview)
	switch st.kind {
	case screenIntake:
		return s.intakeView(st)
	case screenCaseFile:
		return s.caseFileView(st)
	case screenInterview:
		return s.interviewView(st)
	}
	return nil
}

// leaveCaseScreen goes back to the list the next time Cases is shown.
func (s *Shell) leaveCaseScreen() {
	s.caseState = nil
	delete(s.drafters, draftIntake)
	delete(s.drafters, draftCaseFile)
	delete(s.drafters, draftInterview)
}

// showCaseScreen puts a case screen in the Cases section.
func (s *Shell) showCaseScreen(st *caseScreenState) {
	s.caseState = st
	s.current = SectionCases
	s.notice = ""
	s.updateNav()
	if s.body == nil {
		return
	}
	s.body.Objects = []fyne.CanvasObject{caseSectionFrame(s.caseScreen())}
	s.body.Refresh()
}

// backToList leaves a case screen for the Cases list.
func (s *Shell) backToList() {
	s.app.touch()
	s.leaveCaseScreen()
	s.Show(SectionCases)
}

// caseSectionFrame frames a case screen as the shell frames its sections:
// the section's title over it.
func caseSectionFrame(view fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(SectionCases.Title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	return container.NewPadded(container.NewBorder(
		container.NewVBox(title, widget.NewSeparator()), nil, nil, nil, view))
}
