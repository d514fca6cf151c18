package ui

import (
	"context"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// CaseService is what the case screens need from casework. *casework.Session
// satisfies it; the screens get it from the logged-in Session.
type CaseService interface {
	CreateCase(ctx context.Context, c domain.Case) (domain.Case, error)
	UpdateCase(ctx context.Context, c domain.Case) (domain.Case, error)
	Case(ctx context.Context, id string) (domain.Case, error)
	CloseCase(ctx context.Context, id string, cl domain.Closure) (domain.Case, error)
	ReopenCase(ctx context.Context, id string) (domain.Case, error)
	History(ctx context.Context, id string) ([]casework.Change, error)

	SearchCases(ctx context.Context, q casework.CaseQuery) (casework.CaseList, error)
	PossibleDuplicates(ctx context.Context, p domain.Person) ([]casework.DuplicateMatch, error)
	Dashboard(ctx context.Context) (casework.Dashboard, error)

	AddConsent(ctx context.Context, c domain.Consent) (domain.Consent, error)
	WithdrawConsent(ctx context.Context, consentID, reason string) (domain.Consent, error)
	Consents(ctx context.Context, caseID string) ([]domain.Consent, error)
	AddNote(ctx context.Context, caseID, text string) (domain.Note, error)
	Notes(ctx context.Context, caseID string) ([]domain.Note, error)
	AddAttachment(ctx context.Context, a domain.Attachment) (domain.Attachment, error)
	Attachments(ctx context.Context, caseID string) ([]domain.Attachment, error)
	AttachmentData(ctx context.Context, id string) ([]byte, error)
	DeleteAttachment(ctx context.Context, id string) error
}
