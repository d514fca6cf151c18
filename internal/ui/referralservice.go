package ui

import (
	"context"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/letter"
)

// PartnerService is what the partner directory needs from casework.
// *casework.Session satisfies it; changing the directory is for admins.
type PartnerService interface {
	Partners(ctx context.Context, q casework.PartnerQuery) ([]domain.Partner, error)
	Partner(ctx context.Context, id string) (domain.Partner, error)
	SavePartner(ctx context.Context, p domain.Partner) (domain.Partner, error)
	SetPartnerActive(ctx context.Context, id string, active bool) (domain.Partner, error)
}

// ReferralService is what the referral screens need from casework.
// *casework.Session satisfies it.
type ReferralService interface {
	PartnerService
	SaveReferral(ctx context.Context, r domain.Referral) (domain.Referral, error)
	Referral(ctx context.Context, id string) (domain.Referral, error)
	Referrals(ctx context.Context, caseID string) ([]domain.Referral, error)
	AllReferrals(ctx context.Context, f casework.ReferralFilter) ([]casework.ReferralItem, error)
	CheckReferralConsent(ctx context.Context, r domain.Referral) (casework.ReferralConsent, error)
	MoveReferral(ctx context.Context, id string, to domain.ReferralState, on, how, note string) (domain.Referral, error)
	ReferralLetter(ctx context.Context, id, lang string) (letter.ReferralLetter, error)
	ConsentFormFor(ctx context.Context, caseID, lang string, purposes []domain.ConsentPurpose, partnerID string, services, shares []string) (letter.ConsentForm, error)
	CaseSummaryFor(ctx context.Context, caseID, lang string, guideTitle func(id string) string) (letter.CaseSummary, error)
}

// partners returns the directory services of the session, or nil.
func (s *Shell) partners() PartnerService {
	ps, _ := s.sess.(PartnerService)
	return ps
}

// referrals returns the referral services of the session, or nil.
func (s *Shell) referrals() ReferralService {
	rs, _ := s.sess.(ReferralService)
	return rs
}
