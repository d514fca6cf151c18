package ui

// openCase shows the case file of case id in the Cases section.
func (s *Shell) openCase(id string) {}

// newCase starts the intake form for a new case in the Cases section.
func (s *Shell) newCase() {}
