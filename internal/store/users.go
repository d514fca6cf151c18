package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// UserRow is a user as stored: the public details, the data key wrapped
// under their password, and the login state that survives a restart.
type UserRow struct {
	domain.User
	WrappedKey  vault.WrappedKey // context "user:<id>"
	FailedCount int              // failed logins since the last success
	LockedUntil time.Time        // logins refused before this; zero when not locked out
}

const userColumns = `id, username, name, role, disabled, created_at, last_login, wrapped_key, failed_count, locked_until`

func scanUser(sc interface{ Scan(...any) error }) (UserRow, error) {
	var u UserRow
	var created, last, locked sql.NullString
	var wrapped []byte
	if err := sc.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.Disabled, &created, &last, &wrapped, &u.FailedCount, &locked); err != nil {
		return UserRow{}, err
	}
	var err error
	if u.CreatedAt, err = parseTime(created); err != nil {
		return UserRow{}, err
	}
	if u.LastLogin, err = parseTime(last); err != nil {
		return UserRow{}, err
	}
	if u.LockedUntil, err = parseTime(locked); err != nil {
		return UserRow{}, err
	}
	if len(wrapped) > 0 {
		if err := u.WrappedKey.UnmarshalBinary(wrapped); err != nil {
			return UserRow{}, fmt.Errorf("%w: wrapped key of user %s: %w", ErrCorrupt, u.ID, err)
		}
	}
	return u, nil
}

func userWhere(ctx context.Context, q queryer, what, where string, arg any) (UserRow, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return UserRow{}, fmt.Errorf("store: read %s: %w", what, ErrNotFound)
	case err != nil:
		return UserRow{}, classify(fmt.Errorf("store: read %s: %w", what, err))
	}
	return u, nil
}

// UserByUsername returns the user with that username (case ignored), or ErrNotFound.
func (db *DB) UserByUsername(ctx context.Context, username string) (UserRow, error) {
	return userWhere(ctx, db.r, "user", `username = ?`, strings.TrimSpace(username))
}

// UserByID returns the user with that id, or ErrNotFound.
func (db *DB) UserByID(ctx context.Context, id string) (UserRow, error) {
	return userWhere(ctx, db.r, "user "+id, `id = ?`, id)
}

// UserByID reads a user inside the transaction, for checks that must hold at commit.
func (tx *Tx) UserByID(ctx context.Context, id string) (UserRow, error) {
	return userWhere(ctx, tx.tx, "user "+id, `id = ?`, id)
}

// Users returns every user, disabled ones too, by username.
func (db *DB) Users(ctx context.Context) ([]UserRow, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, classify(fmt.Errorf("store: list users: %w", err))
	}
	defer rows.Close()
	var us []UserRow
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, classify(fmt.Errorf("store: list users: %w", err))
		}
		us = append(us, u)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(fmt.Errorf("store: list users: %w", err))
	}
	return us, nil
}

// InsertUser adds a user; ErrExists if the username is taken (case ignored).
func (tx *Tx) InsertUser(ctx context.Context, u UserRow) error {
	wrapped, err := u.WrappedKey.MarshalBinary()
	if err != nil {
		return fmt.Errorf("store: add user: %w", err)
	}
	created := u.CreatedAt
	if created.IsZero() {
		created = now()
	}
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Username, u.Name, string(u.Role), u.Disabled, formatTime(created), nullTime(u.LastLogin),
		wrapped, u.FailedCount, nullTime(u.LockedUntil))
	if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) {
		return fmt.Errorf("store: add user: %w", ErrExists)
	}
	if err != nil {
		return classify(fmt.Errorf("store: add user: %w", err))
	}
	return nil
}

// isConstraint reports whether err is one of the given SQLite constraint codes.
func isConstraint(err error, codes ...int) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	for _, c := range codes {
		if se.Code() == c {
			return true
		}
	}
	return false
}

// execUser runs an UPDATE of one user and turns "no such row" into ErrNotFound.
func (tx *Tx) execUser(ctx context.Context, what, userID, set string, args ...any) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE users SET `+set+` WHERE id = ?`, append(args, userID)...)
	if err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	} else if n == 0 {
		return fmt.Errorf("store: %s: user %s: %w", what, userID, ErrNotFound)
	}
	return nil
}

// SetWrappedKey replaces the user's wrapped data key (password change or reset).
func (tx *Tx) SetWrappedKey(ctx context.Context, userID string, w vault.WrappedKey) error {
	b, err := w.MarshalBinary()
	if err != nil {
		return fmt.Errorf("store: save wrapped key: %w", err)
	}
	return tx.execUser(ctx, "save wrapped key", userID, `wrapped_key = ?`, b)
}

// SetUserDisabled disables or enables a user; users are never deleted.
func (tx *Tx) SetUserDisabled(ctx context.Context, userID string, disabled bool) error {
	return tx.execUser(ctx, "disable user", userID, `disabled = ?`, disabled)
}

// SetLoginFailures stores the failure count and lockout end (zero: none).
func (tx *Tx) SetLoginFailures(ctx context.Context, userID string, count int, lockedUntil time.Time) error {
	return tx.execUser(ctx, "save failed login", userID, `failed_count = ?, locked_until = ?`, count, nullTime(lockedUntil))
}

// RecordLogin notes a successful login at: the failure count and lockout
// are cleared.
func (tx *Tx) RecordLogin(ctx context.Context, userID string, at time.Time) error {
	return tx.execUser(ctx, "save login", userID, `failed_count = 0, locked_until = NULL, last_login = ?`, formatTime(at))
}

// ActiveAdmins counts the admins who are not disabled.
func (tx *Tx) ActiveAdmins(ctx context.Context) (int, error) {
	var n int
	err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0`).Scan(&n)
	if err != nil {
		return 0, classify(fmt.Errorf("store: count admins: %w", err))
	}
	return n, nil
}
