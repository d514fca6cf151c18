package casework

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
	"github.com/google/uuid"
)

// NewUser is what the add-user form (or amparoctl user add) gives.
type NewUser struct {
	Username, Name string
	Role           domain.Role
	Password       []byte // the caller may clear it after the call
}

// Users returns every user, disabled ones too (admin).
func (ss *Session) Users(ctx context.Context) ([]domain.User, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageUsers); err != nil {
		return nil, err
	}
	rows, err := ss.s.db.Users(ctx)
	if err != nil {
		return nil, err
	}
	us := make([]domain.User, len(rows))
	for i, r := range rows {
		us[i] = r.User
	}
	return us, nil
}

// AddUser adds a user with their own wrap of the data key (admin).
func (ss *Session) AddUser(ctx context.Context, u NewUser) (domain.User, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageUsers); err != nil {
		return domain.User{}, err
	}
	s := ss.s
	user := domain.User{
		ID: uuid.NewString(), Username: domain.NormalizeUsername(u.Username),
		Name: strings.TrimSpace(u.Name), Role: u.Role, CreatedAt: s.now(),
	}
	if err := domain.ValidateUser(user.Username, user.Name, user.Role); err != nil {
		return domain.User{}, err
	}
	if err := CheckPassword(u.Password, user.Username, ss.office.Name); err != nil {
		return domain.User{}, err
	}
	// Asked before the slow wrap; the insert checks again.
	if _, err := s.db.UserByUsername(ctx, user.Username); err == nil {
		return domain.User{}, ErrUsernameTaken
	} else if !errors.Is(err, store.ErrNotFound) {
		return domain.User{}, err
	}
	w, err := vault.WrapKey(ss.key, u.Password, s.kdf, userContext(user.ID))
	if err != nil {
		return domain.User{}, errorf("add user", err)
	}
	err = s.db.Update(ctx, "add user", func(tx *store.Tx) error {
		if err := tx.InsertUser(ctx, store.UserRow{User: user, WrappedKey: w}); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditUserAdd, ss.user.ID, user.ID, "role="+string(user.Role)))
	})
	if errors.Is(err, store.ErrExists) {
		return domain.User{}, ErrUsernameTaken
	}
	if err != nil {
		return domain.User{}, err
	}
	return user, nil
}

// SetUserDisabled disables or re-enables a user (admin). Users are never
// deleted, so the audit trail keeps its meaning; the last active admin
// cannot be disabled (ErrLastAdmin).
func (ss *Session) SetUserDisabled(ctx context.Context, userID string, disabled bool) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageUsers); err != nil {
		return err
	}
	s := ss.s
	action := domain.AuditUserEnable
	if disabled {
		action = domain.AuditUserDisable
	}
	return s.db.Update(ctx, "disable user", func(tx *store.Tx) error {
		target, err := tx.UserByID(ctx, userID)
		if errors.Is(err, store.ErrNotFound) {
			return ErrUnknownUser
		}
		if err != nil {
			return err
		}
		if target.Disabled == disabled {
			return nil
		}
		if disabled && target.Role == domain.RoleAdmin {
			n, err := tx.ActiveAdmins(ctx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return ErrLastAdmin
			}
		}
		if err := tx.SetUserDisabled(ctx, userID, disabled); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(action, ss.user.ID, userID, ""))
	})
}

// ResetPassword sets a new password for a user who forgot theirs (admin),
// wrapping the data key for them anew and clearing their lockout.
func (ss *Session) ResetPassword(ctx context.Context, userID string, newPassword []byte) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermManageUsers); err != nil {
		return err
	}
	s := ss.s
	target, err := s.db.UserByID(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return ErrUnknownUser
	}
	if err != nil {
		return err
	}
	if err := CheckPassword(newPassword, target.Username, ss.office.Name); err != nil {
		return err
	}
	w, err := vault.WrapKey(ss.key, newPassword, s.kdf, userContext(userID))
	if err != nil {
		return errorf("reset password", err)
	}
	return s.db.Update(ctx, "reset password", func(tx *store.Tx) error {
		if err := tx.SetWrappedKey(ctx, userID, w); err != nil {
			return err
		}
		if err := tx.SetLoginFailures(ctx, userID, 0, time.Time{}); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditPasswordReset, ss.user.ID, userID, ""))
	})
}

// ChangePassword replaces the user's own password. Only the wrap of the data
// key changes: no sealed data is touched. A wrong old password counts as a
// failed login.
func (ss *Session) ChangePassword(ctx context.Context, oldPassword, newPassword []byte) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return err
	}
	s := ss.s
	if err := CheckPassword(newPassword, ss.user.Username, ss.office.Name); err != nil {
		return err
	}
	row, err := s.db.UserByID(ctx, ss.user.ID)
	if err != nil {
		return err
	}
	k, err := s.authenticate(ctx, row, oldPassword, "password-change")
	if err != nil {
		return err
	}
	k.Wipe() // the session's own key wraps; this one only proved the old password
	w, err := vault.WrapKey(ss.key, newPassword, s.kdf, userContext(row.ID))
	if err != nil {
		return errorf("change password", err)
	}
	return s.db.Update(ctx, "change password", func(tx *store.Tx) error {
		if err := tx.SetWrappedKey(ctx, row.ID, w); err != nil {
			return err
		}
		if err := tx.SetLoginFailures(ctx, row.ID, 0, time.Time{}); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditPasswordChange, row.ID, row.ID, ""))
	})
}
