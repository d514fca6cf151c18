package vault

import (
	"errors"
	"fmt"
)

// ErrLocked is returned when a wiped (locked) key is asked to seal or open.
var ErrLocked = errors.New("vault: the key is locked")

// ErrWrongSecret is returned by UnwrapKey when the password or recovery code does not open the wrapped key.
var ErrWrongSecret = errors.New("vault: wrong password or recovery code")

// ErrTampered is matched (errors.Is) by every *OpenError: the sealed value was altered, moved, truncated or sealed with another key.
var ErrTampered = errors.New("vault: sealed value cannot be opened")

// ErrBadRecoveryCode is matched by every error of NormalizeRecoveryCode.
var ErrBadRecoveryCode = errors.New("vault: not a valid recovery code")

// ErrMalformed is matched by errors about parameters, a wrapped key or a sealed identity not in a known format.
var ErrMalformed = errors.New("malformed data")

// OpenError says which sealed value failed to open; it never carries any of its content.
type OpenError struct {
	Kind, Record, Field string
	reason              string
}

// Error names the kind, record and field of the value that failed to open.
func (e *OpenError) Error() string {
	field := e.Field
	if field == "" {
		field = "(whole record)"
	}
	return fmt.Sprintf("vault: cannot open field %s of %s %s: %s", field, e.Kind, e.Record, e.reason)
}

// Unwrap makes errors.Is(err, ErrTampered) true.
func (e *OpenError) Unwrap() error { return ErrTampered }
