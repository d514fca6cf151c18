package ui

import (
	"context"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
)

// ExchangeService is what the Exchange section needs from casework: this
// office's card for everyone, and the trusted (pinned) offices for
// supervisors. *casework.Session satisfies it.
type ExchangeService interface {
	OfficeCard() (domain.OfficeCard, string, error)
	PinOffice(ctx context.Context, card domain.OfficeCard, confirmed string) (domain.PinnedOffice, error)
	RevokeOffice(ctx context.Context, officeID string) (domain.PinnedOffice, error)
	PinnedOffices(ctx context.Context) ([]domain.PinnedOffice, error)
}

// TransferService writes and reads export files and runs the exchange
// folders (supervisors). *casework.Session satisfies it.
type TransferService interface {
	ExportFile(ctx context.Context, req casework.ExportRequest, path string, progress exchange.Progress) (casework.ExportResult, error)
	ImportFile(ctx context.Context, data []byte, passphrase string) (casework.ImportReport, error)
	ExchangeFolders(ctx context.Context) (casework.Folders, error)
	SetExchangeFolders(ctx context.Context, f casework.Folders) error
	ProcessInbox(ctx context.Context, in *exchange.Inbox, reason func(error) string) ([]casework.InboxResult, error)
	WriteOutbox(ctx context.Context, dir string) ([]casework.OutboxResult, error)
}

// ConflictService lists and resolves the conflicts imports left: the
// banner of a case for anyone who sees it, the rest for supervisors.
// *casework.Session satisfies it.
type ConflictService interface {
	Conflicts(ctx context.Context) ([]casework.ConflictItem, error)
	Conflict(ctx context.Context, id string) (casework.ConflictView, error)
	ResolveConflict(ctx context.Context, id string, keep map[string]casework.Side) error
	CaseConflicts(ctx context.Context, caseID string) ([]casework.ConflictItem, error)
}

// exchange returns the exchange services of the session, or nil.
func (s *Shell) exchange() ExchangeService {
	es, _ := s.sess.(ExchangeService)
	return es
}

// transfer returns the export and import services of the session, or nil.
func (s *Shell) transfer() TransferService {
	ts, _ := s.sess.(TransferService)
	return ts
}

// conflicts returns the conflict services of the session, or nil.
func (s *Shell) conflicts() ConflictService {
	cs, _ := s.sess.(ConflictService)
	return cs
}
