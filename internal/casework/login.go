package casework

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Lockout: after maxFailures failed attempts an account is refused for
// firstLockout, and each further failure doubles the wait, up to maxLockout.
const (
	maxFailures  = 5
	firstLockout = 30 * time.Second
	maxLockout   = 24 * time.Hour
)

// lockoutFor returns how long to refuse an account after failed failures.
func lockoutFor(failed int) time.Duration {
	if failed < maxFailures {
		return 0
	}
	d := firstLockout
	for range failed - maxFailures {
		if d *= 2; d >= maxLockout {
			return maxLockout
		}
	}
	return d
}

// Login checks username and password and opens a session. An unknown
// username and a wrong password give the same ErrBadCredentials and cost the
// same argon2id time. After repeated failures it returns a *LockedOutError
// (errors.Is ErrLockedOut) until the wait is over. The caller may clear
// password after the call.
func (s *Service) Login(ctx context.Context, username string, password []byte) (*Session, error) {
	office, err := s.office(ctx)
	if err != nil {
		return nil, err
	}
	row, err := s.db.UserByUsername(ctx, domain.NormalizeUsername(username))
	if errors.Is(err, store.ErrNotFound) {
		return nil, s.failUnknown(ctx, password)
	}
	if err != nil {
		return nil, err
	}
	key, err := s.authenticate(ctx, row, password, "login")
	if err != nil {
		return nil, err
	}
	return s.open(ctx, office, row, key, s.upgradeWrap(ctx, row, key, password), s.entry(domain.AuditLogin, row.ID, "", ""))
}

// failUnknown spends on an unknown username the argon2id time a real
// account costs, by unwrapping a real wrap under a context no user has, so
// timing does not tell which usernames exist; then it audits the failure
// without the name typed (it could be a password typed in the wrong box).
func (s *Service) failUnknown(ctx context.Context, password []byte) error {
	if len(password) > 0 {
		if rows, err := s.db.Users(ctx); err == nil && len(rows) > 0 {
			k, err := s.unwrap(rows[0].WrappedKey, password, "unknown-user")
			if err == nil {
				k.Wipe() // cannot happen: no wrap has that context
			}
		}
	}
	if err := s.audit(ctx, domain.AuditLoginFailed, "", "", "reason=unknown-user"); err != nil {
		return err
	}
	return ErrBadCredentials
}

// authenticate unwraps the data key with the user's password, applying the
// lockout rules: refused while locked out; a failure is counted, audited,
// and after maxFailures starts a lockout; a success is left to the caller
// to record. what says where ("login", "unlock", "password-change"); audit
// details are space-separated key=value tokens that the window translates.
func (s *Service) authenticate(ctx context.Context, row store.UserRow, password []byte, what string) (*vault.Key, error) {
	now := s.now()
	if row.LockedUntil.After(now) {
		if err := s.audit(ctx, domain.AuditLoginFailed, row.ID, "", "via="+what+" reason=locked-out"); err != nil {
			return nil, err
		}
		return nil, &LockedOutError{Until: row.LockedUntil}
	}
	if len(password) == 0 {
		return nil, ErrBadCredentials // an empty submit: no guess, nothing to count
	}
	key, err := s.unwrap(row.WrappedKey, password, userContext(row.ID))
	if err != nil && !errors.Is(err, vault.ErrWrongSecret) {
		return nil, errorf(what, err) // a damaged wrap, not a wrong password
	}
	if err == nil {
		if row.Disabled {
			key.Wipe()
			if err := s.audit(ctx, domain.AuditLoginFailed, row.ID, "", "via="+what+" reason=disabled"); err != nil {
				return nil, err
			}
			return nil, ErrUserDisabled
		}
		return key, nil
	}
	var until time.Time
	err = s.db.Update(ctx, "record failed login", func(tx *store.Tx) error {
		cur, err := tx.UserByID(ctx, row.ID) // the count as of now, not as of the read before argon2id
		if err != nil {
			return err
		}
		n := cur.FailedCount + 1
		if d := lockoutFor(n); d > 0 {
			until = now.Add(d)
		}
		if err := tx.SetLoginFailures(ctx, row.ID, n, until); err != nil {
			return err
		}
		entries := []domain.AuditEntry{s.entry(domain.AuditLoginFailed, row.ID, "", "via="+what+" reason=wrong-password")}
		if !until.IsZero() {
			entries = append(entries, s.entry(domain.AuditLockout, row.ID, "",
				fmt.Sprintf("failures=%d wait=%ds", n, int(until.Sub(now).Seconds()))))
		}
		return appendAll(ctx, tx, entries...)
	})
	switch {
	case err != nil:
		return nil, err
	case !until.IsZero():
		return nil, &LockedOutError{Until: until}
	}
	return nil, ErrBadCredentials
}

// open finishes a successful authentication: it opens the office identity,
// and in one transaction runs write (if any), records the login and appends
// entries; then it returns the session, which owns key from then on.
func (s *Service) open(ctx context.Context, office store.OfficeRow, row store.UserRow, key *vault.Key, write func(*store.Tx) error, entries ...domain.AuditEntry) (*Session, error) {
	id, err := key.OpenIdentity(office.Identity, office.ID)
	if err != nil {
		key.Wipe()
		return nil, errorf("open the office identity", err)
	}
	now := s.now()
	err = s.db.Update(ctx, "record login", func(tx *store.Tx) error {
		if write != nil {
			if err := write(tx); err != nil {
				return err
			}
		}
		if err := tx.RecordLogin(ctx, row.ID, now); err != nil {
			return err
		}
		return appendAll(ctx, tx, entries...)
	})
	if err != nil {
		key.Wipe()
		id.Wipe()
		return nil, err
	}
	user := row.User
	user.LastLogin = now
	return &Session{s: s, user: user, office: office.Office, key: key, id: id, lastActivity: now}, nil
}

// upgradeWrap returns a write that re-wraps the data key with the service's
// argon2id parameters when the stored ones are weaker (they were raised
// since), or nil. A failure keeps the old wrap: the login itself is fine.
func (s *Service) upgradeWrap(ctx context.Context, row store.UserRow, key *vault.Key, password []byte) func(*store.Tx) error {
	if !weaker(row.WrappedKey.KDF, s.kdf) {
		return nil
	}
	w, err := vault.WrapKey(key, password, s.kdf, userContext(row.ID))
	if err != nil {
		return nil
	}
	return func(tx *store.Tx) error { return tx.SetWrappedKey(ctx, row.ID, w) }
}

// Recover opens the office with the recovery code after a forgotten admin
// password: it sets newPassword for the admin adminUsername and returns
// their session. The code may be typed in lower case, with or without
// dashes. It clears that admin's lockout.
func (s *Service) Recover(ctx context.Context, recoveryCode, adminUsername string, newPassword []byte) (*Session, error) {
	office, err := s.office(ctx)
	if err != nil {
		return nil, err
	}
	code, err := vault.NormalizeRecoveryCode(recoveryCode)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadRecoveryCode, err)
	}
	row, err := s.db.UserByUsername(ctx, domain.NormalizeUsername(adminUsername))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, ErrBadCredentials
	case err != nil:
		return nil, err
	case row.Role != domain.RoleAdmin:
		return nil, ErrWrongUser
	case row.Disabled:
		return nil, ErrUserDisabled
	}
	if err := CheckPassword(newPassword, row.Username, office.Name); err != nil {
		return nil, err
	}
	wrap, err := s.db.KeyWrap(ctx, recoveryContext)
	if err != nil {
		return nil, err
	}
	codeBytes := []byte(code)
	defer clear(codeBytes)
	key, err := vault.UnwrapKey(wrap, codeBytes, recoveryContext)
	if errors.Is(err, vault.ErrWrongSecret) {
		if err := s.audit(ctx, domain.AuditLoginFailed, row.ID, "", "via=recovery reason=wrong-code"); err != nil {
			return nil, err
		}
		return nil, ErrBadRecoveryCode
	}
	if err != nil {
		return nil, errorf("recover", err)
	}
	w, err := vault.WrapKey(key, newPassword, s.kdf, userContext(row.ID))
	if err != nil {
		key.Wipe()
		return nil, errorf("recover", err)
	}
	// The new wrap is saved with the login record, in one transaction.
	return s.open(ctx, office, row, key, func(tx *store.Tx) error {
		return tx.SetWrappedKey(ctx, row.ID, w)
	}, s.entry(domain.AuditRecovery, row.ID, row.ID, "via=recovery"),
		s.entry(domain.AuditLogin, row.ID, "", "via=recovery"))
}
