package casework

import (
	"context"
	"errors"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
	"github.com/google/uuid"
)

// SetupInput is what the first-start form (or amparoctl init) gives.
type SetupInput struct {
	Office        domain.Office // ID, CodePrefix and CreatedAt are filled in when empty
	AdminUsername string
	AdminName     string
	Password      []byte // the admin's; the caller may clear it after the call
}

// maxLogo bounds the letterhead logo.
const maxLogo = 1 << 20

// Setup creates the office: a fresh data key, the office identity sealed
// with it, the first admin, and the recovery wrap. It returns the recovery
// code, to be shown once for printing; it is stored nowhere in the clear.
func (s *Service) Setup(ctx context.Context, in SetupInput) (recoveryCode string, err error) {
	if ok, err := s.db.HasOffice(ctx); err != nil {
		return "", err
	} else if ok {
		return "", ErrAlreadySetUp
	}
	now := s.now()
	o := in.Office
	o.Name = strings.TrimSpace(o.Name)
	o.Country = strings.ToUpper(strings.TrimSpace(o.Country))
	o.Lang = strings.ToLower(strings.TrimSpace(o.Lang))
	o.CodePrefix = strings.ToUpper(strings.TrimSpace(o.CodePrefix))
	o.Address, o.Phone, o.Email = strings.TrimSpace(o.Address), strings.TrimSpace(o.Phone), strings.TrimSpace(o.Email)
	if o.ID == "" {
		o.ID = uuid.NewString()
	}
	if o.CodePrefix == "" {
		o.CodePrefix = domain.DefaultCodePrefix(o.Name)
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = now
	}
	if err := o.Validate(); err != nil {
		return "", err
	}
	if len(o.Logo) > maxLogo {
		return "", &ValidationError{Field: "office.logo", Rule: domain.RuleLength}
	}
	admin := domain.User{
		ID: uuid.NewString(), Username: domain.NormalizeUsername(in.AdminUsername),
		Name: strings.TrimSpace(in.AdminName), Role: domain.RoleAdmin, CreatedAt: now,
	}
	if err := domain.ValidateUser(admin.Username, admin.Name, admin.Role); err != nil {
		return "", err
	}
	if err := CheckPassword(in.Password, admin.Username, o.Name); err != nil {
		return "", err
	}

	dk, err := vault.NewDataKey()
	if err != nil {
		return "", errorf("setup", err)
	}
	defer dk.Wipe()
	id, err := vault.NewIdentity()
	if err != nil {
		return "", errorf("setup", err)
	}
	defer id.Wipe()
	sealedID, err := dk.SealIdentity(id, o.ID)
	if err != nil {
		return "", errorf("setup", err)
	}
	adminWrap, err := vault.WrapKey(dk, in.Password, s.kdf, userContext(admin.ID))
	if err != nil {
		return "", errorf("setup", err)
	}
	code, err := vault.NewRecoveryCode()
	if err != nil {
		return "", errorf("setup", err)
	}
	codeBytes := []byte(code)
	defer clear(codeBytes)
	recoveryWrap, err := vault.WrapKey(dk, codeBytes, s.kdf, recoveryContext)
	if err != nil {
		return "", errorf("setup", err)
	}

	err = s.db.Update(ctx, "set up office", func(tx *store.Tx) error {
		row := store.OfficeRow{Office: o, Identity: sealedID, AgeRecipient: id.Recipient(), SignPublicKey: id.SigningPublicKey()}
		if err := tx.InsertOffice(ctx, row); err != nil {
			return err
		}
		if err := tx.InsertUser(ctx, store.UserRow{User: admin, WrappedKey: adminWrap}); err != nil {
			return err
		}
		if err := tx.PutKeyWrap(ctx, recoveryContext, recoveryWrap); err != nil {
			return err
		}
		return appendAll(ctx, tx,
			s.entry(domain.AuditSetup, admin.ID, o.ID, "country="+o.Country),
			s.entry(domain.AuditUserAdd, admin.ID, admin.ID, "role="+string(admin.Role)))
	})
	if errors.Is(err, store.ErrExists) {
		return "", ErrAlreadySetUp // another setup won the race
	}
	if err != nil {
		return "", err
	}
	return code, nil
}
