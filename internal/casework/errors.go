package casework

import (
	"errors"
	"fmt"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// Sentinel errors, for errors.Is. None of them carries a password, key or
// anything typed.
var (
	// ErrNotSetUp means the data folder has no office yet: show setup.
	ErrNotSetUp = errors.New("casework: the office is not set up")
	// ErrAlreadySetUp means Setup was called on an office that exists.
	ErrAlreadySetUp = errors.New("casework: the office is already set up")
	// ErrBadCredentials means the username or the password is wrong; which one is not said.
	ErrBadCredentials = errors.New("casework: wrong username or password")
	// ErrUserDisabled means the account was disabled by an admin.
	ErrUserDisabled = errors.New("casework: this account is disabled")
	// ErrForbidden means the user's role does not allow the action.
	ErrForbidden = errors.New("casework: not allowed for this role")
	// ErrLocked means the session is locked: unlock it first.
	ErrLocked = errors.New("casework: the session is locked")
	// ErrLoggedOut means the session was ended by Logout.
	ErrLoggedOut = errors.New("casework: the session has ended")
	// ErrWrongUser means another user tried to unlock a session, or a
	// recovery named a user who is not an admin.
	ErrWrongUser = errors.New("casework: this session belongs to another user")
	// ErrLastAdmin means the change would leave the office without an active admin.
	ErrLastAdmin = errors.New("casework: the office needs at least one active admin")
	// ErrUsernameTaken means another user has that username (case ignored).
	ErrUsernameTaken = errors.New("casework: the username is taken")
	// ErrUnknownUser means no user has the id given to an admin action.
	ErrUnknownUser = errors.New("casework: no such user")
	// ErrBadRecoveryCode means the recovery code is mistyped or not this office's.
	ErrBadRecoveryCode = errors.New("casework: the recovery code is not right")
	// ErrLockedOut is matched by every *LockedOutError.
	ErrLockedOut = errors.New("casework: too many failed attempts")
)

// LockedOutError refuses a login until Until, after repeated failures.
type LockedOutError struct {
	Until time.Time
}

func (e *LockedOutError) Error() string {
	return fmt.Sprintf("casework: too many failed attempts; try again after %s", e.Until.UTC().Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrLockedOut) true.
func (e *LockedOutError) Is(target error) bool { return target == ErrLockedOut }

// PasswordRule names the rule a new password breaks.
type PasswordRule = domain.PasswordRule

// The password rules; see domain.
const (
	PasswordTooShort     = domain.PasswordTooShort
	PasswordIsUsername   = domain.PasswordIsUsername
	PasswordIsOfficeName = domain.PasswordIsOfficeName
	PasswordCommon       = domain.PasswordCommon
	PasswordMismatch     = domain.PasswordMismatch
)

// PasswordError refuses a new password; it names the rule, never the password.
type PasswordError struct {
	Rule PasswordRule
}

func (e *PasswordError) Error() string {
	return fmt.Sprintf("casework: password not accepted: %s", e.Rule)
}

// ValidationError says which field of office or user input broke which
// rule (domain.RuleRequired, RuleUnknown, RuleFormat, RuleLength, RuleRange).
type ValidationError = domain.ValidationError
