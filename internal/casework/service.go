package casework

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Clock tells the time; tests give a fake one.
type Clock func() time.Time

// Service is the entry point before login: setup, the office's public
// details, login and recovery. It is safe for concurrent use.
type Service struct {
	db    *store.DB
	clock Clock
	kdf   vault.KDFParams // argon2id parameters for new wraps
	hlc   hlc
	// unwrap is vault.UnwrapKey; tests count the argon2id derivations
	// through it, to show an unknown username costs what a real one does.
	unwrap func(w vault.WrappedKey, secret []byte, context string) (*vault.Key, error)
}

// Option changes how New builds a Service.
type Option func(*Service)

// WithKDF sets the argon2id parameters of new key wraps. It is for tests,
// which cannot afford 64 MiB per login; production keeps vault.DefaultKDF.
func WithKDF(p vault.KDFParams) Option { return func(s *Service) { s.kdf = p } }

// New returns the service over db; a nil clock means time.Now.
func New(db *store.DB, clock Clock, opts ...Option) *Service {
	if clock == nil {
		clock = time.Now
	}
	s := &Service{db: db, clock: clock, kdf: vault.DefaultKDF(), unwrap: vault.UnwrapKey}
	for _, o := range opts {
		o(s)
	}
	return s
}

// now is the service clock in UTC.
func (s *Service) now() time.Time { return s.clock().UTC() }

// IsSetUp reports whether the office exists, i.e. whether to show setup or login.
func (s *Service) IsSetUp(ctx context.Context) (bool, error) {
	return s.db.HasOffice(ctx)
}

// office returns the stored office, or ErrNotSetUp.
func (s *Service) office(ctx context.Context) (store.OfficeRow, error) {
	o, err := s.db.Office(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return store.OfficeRow{}, ErrNotSetUp
	}
	return o, err
}

// Office returns the office's public details (name, letterhead, logo); it
// needs no login.
func (s *Service) Office(ctx context.Context) (domain.Office, error) {
	o, err := s.office(ctx)
	return o.Office, err
}

// LoginUsers returns the active users, for the login list.
func (s *Service) LoginUsers(ctx context.Context) ([]domain.User, error) {
	if _, err := s.office(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.Users(ctx)
	if err != nil {
		return nil, err
	}
	var us []domain.User
	for _, r := range rows {
		if !r.Disabled {
			us = append(us, r.User)
		}
	}
	return us, nil
}

// VerifyAudit checks the audit chain; a *store.AuditBrokenError names the
// first entry that was edited or removed.
func (s *Service) VerifyAudit(ctx context.Context) error {
	return s.db.VerifyAudit(ctx)
}

// Auto-lock: the setting holds whole minutes.
const (
	SettingAutoLock = "security.autolock.minutes"
	defaultAutoLock = 5 * time.Minute
	minAutoLock     = time.Minute
	maxAutoLock     = 120 * time.Minute
)

// AutoLockAfter returns how long a session may stay idle before it locks
// (setting security.autolock.minutes, default 5 minutes).
func (s *Service) AutoLockAfter(ctx context.Context) (time.Duration, error) {
	v, ok, err := s.db.Setting(ctx, SettingAutoLock)
	if err != nil || !ok {
		return defaultAutoLock, err
	}
	m, err := strconv.Atoi(v)
	d := time.Duration(m) * time.Minute
	if err != nil || d < minAutoLock || d > maxAutoLock {
		return defaultAutoLock, nil // a bad value must not disable the lock
	}
	return d, nil
}

// audit appends one entry in its own transaction.
func (s *Service) audit(ctx context.Context, action domain.AuditAction, userID, recordID, detail string) error {
	_, err := s.db.AppendAudit(ctx, s.entry(action, userID, recordID, detail))
	return err
}

// entry makes an audit entry stamped with the service clock.
func (s *Service) entry(action domain.AuditAction, userID, recordID, detail string) domain.AuditEntry {
	return domain.AuditEntry{At: s.now(), UserID: userID, Action: action, RecordID: recordID, Detail: detail}
}

// appendAll appends entries inside tx.
func appendAll(ctx context.Context, tx *store.Tx, entries ...domain.AuditEntry) error {
	for _, e := range entries {
		if _, err := tx.AppendAudit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// userContext is the associated data of a user's wrap of the data key.
func userContext(userID string) string { return "user:" + userID }

// recoveryContext is the associated data of the recovery-code wrap.
const recoveryContext = "recovery"

// weaker reports whether p costs an attacker less than q.
func weaker(p, q vault.KDFParams) bool {
	return p.Time < q.Time || p.MemoryKiB < q.MemoryKiB
}

// errorf wraps err with what failed; err's sentinels stay visible.
func errorf(what string, err error) error {
	return fmt.Errorf("casework: %s: %w", what, err)
}
