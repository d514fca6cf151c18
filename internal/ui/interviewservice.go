package ui

import (
	"context"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/screening"
)

// InterviewService is what the interview and screening screens need from
// casework. *casework.Session satisfies it.
type InterviewService interface {
	InterviewConsent(ctx context.Context, caseID string) (person, adult bool, err error)
	StartInterview(ctx context.Context, g *guide.Guide, in domain.InterviewSession) (domain.InterviewSession, error)
	Interview(ctx context.Context, id string) (domain.InterviewSession, error)
	Interviews(ctx context.Context, caseID string) ([]domain.InterviewSession, error)
	OpenInterview(ctx context.Context, caseID string) (*domain.InterviewSession, error)
	MoveInterview(ctx context.Context, id string, p casework.InterviewProgress) (domain.InterviewSession, error)
	PauseInterview(ctx context.Context, id string) (domain.InterviewSession, error)
	ResumeInterview(ctx context.Context, id string) (domain.InterviewSession, error)
	EndInterview(ctx context.Context, id string, outcome domain.InterviewOutcome, reason string) (domain.InterviewSession, error)
	AnswerInterview(ctx context.Context, id string, answers map[string][]string) (domain.Case, domain.InterviewSession, error)
	SaveScreening(ctx context.Context, caseID string, set *screening.Set, ticked []string) (domain.Case, screening.Result, error)
}

// interviews returns the interview services of the logged-in session, or
// nil when it offers none (a fake in a test of another screen).
func (s *Shell) interviews() InterviewService {
	is, _ := s.sess.(InterviewService)
	return is
}
