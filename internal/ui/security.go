package ui

import (
	"context"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// Security is the office's front door: setting it up, logging in and
// recovering the admin password. cmd/amparo passes a small adapter over
// *casework.Service whose Login and Recover return a Session.
type Security interface {
	// IsSetUp reports whether the office exists; false shows the setup wizard.
	IsSetUp(ctx context.Context) (bool, error)
	// Setup creates the office and its first admin, and returns the
	// recovery code, which the wizard shows once.
	Setup(ctx context.Context, in casework.SetupInput) (recoveryCode string, err error)
	// Office returns the office, for its name on the login screen.
	Office(ctx context.Context) (domain.Office, error)
	// LoginUsers lists the users offered on the login screen.
	LoginUsers(ctx context.Context) ([]domain.User, error)
	// Login opens a session.
	Login(ctx context.Context, username string, password []byte) (Session, error)
	// Recover sets a new password for an admin with the recovery code and
	// opens a session for them.
	Recover(ctx context.Context, recoveryCode, adminUsername string, newPassword []byte) (Session, error)
	// AutoLockAfter is the idle time after which a session locks itself.
	AutoLockAfter(ctx context.Context) (time.Duration, error)
}

// Session is one logged-in user; *casework.Session satisfies it.
type Session interface {
	User() domain.User
	Office() domain.Office
	Locked() bool
	Lock(ctx context.Context) error
	Unlock(ctx context.Context, password []byte) error
	Logout(ctx context.Context) error
	// Touch tells the session the person is at work (typing, moving the mouse).
	Touch()
	// LockIfIdle locks the session when it has been idle for longer than
	// the auto-lock setting, and says whether it did.
	LockIfIdle(ctx context.Context) (bool, error)
	Can(p casework.Permission) bool
	ChangePassword(ctx context.Context, old, new []byte) error
	Users(ctx context.Context) ([]domain.User, error)
	AddUser(ctx context.Context, u casework.NewUser) (domain.User, error)
	SetUserDisabled(ctx context.Context, userID string, disabled bool) error
	ResetPassword(ctx context.Context, userID string, newPassword []byte) error
	Audit(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEntry, error)
	SetAutoLockAfter(ctx context.Context, d time.Duration) error
	// SealDraft and OpenDraft keep a form's unsaved input sealed while the
	// session is locked.
	SealDraft(name string, fields map[string]string) ([]byte, error)
	OpenDraft(name string, sealed []byte) (map[string]string, error)
}

// Drafter is a view holding a form whose unsaved input must survive a
// lock. Before the session locks, the shell takes Draft, seals it and
// calls ClearDraft, so no typed text is left in the widgets; after unlock
// it opens the sealed draft and hands it to the new view's RestoreDraft.
// Passwords are never part of a draft.
type Drafter interface {
	Draft() map[string]string
	RestoreDraft(fields map[string]string)
	ClearDraft()
}

// *casework.Session is the Session cmd/amparo hands in.
var _ Session = (*casework.Session)(nil)
