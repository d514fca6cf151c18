package ui

// cases returns the case services of the logged-in session, or nil when the
// session offers none (a fake in a test of another screen).
func (s *Shell) cases() CaseService {
	cs, _ := s.sess.(CaseService)
	return cs
}
