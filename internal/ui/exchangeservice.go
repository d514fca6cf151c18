package ui

import (
	"context"

	"github.com/amparo-app/amparo/internal/domain"
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

// exchange returns the exchange services of the session, or nil.
func (s *Shell) exchange() ExchangeService {
	es, _ := s.sess.(ExchangeService)
	return es
}
