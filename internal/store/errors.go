package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors, for errors.Is: each maps to one translated sentence in
// the window and one exit message in amparoctl.
var (
	// ErrNotWritable means the data folder or a file in it cannot be written.
	ErrNotWritable = errors.New("store: data folder is not writable")
	// ErrDiskFull means the disk (or a size limit) has no room left.
	ErrDiskFull = errors.New("store: disk is full")
	// ErrLocked means another running Amparo has this data folder open.
	ErrLocked = errors.New("store: data folder is in use by another Amparo")
	// ErrNotAmparo means the file is not SQLite, or is another program's database.
	ErrNotAmparo = errors.New("store: not an Amparo database")
	// ErrTooNew means the database was written by a newer Amparo than this one.
	ErrTooNew = errors.New("store: database is from a newer Amparo")
	// ErrCorrupt means the database failed an integrity check or cannot be read.
	ErrCorrupt = errors.New("store: database is damaged")
	// ErrNotFound means the row asked for (office, user, record, key wrap) does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrExists means a row with that identity (office, username, revision id) already exists.
	ErrExists = errors.New("store: already exists")
)

// CorruptError reports a damaged database and, when there is one, the
// latest automatic backup that passed its own check, so the caller can
// offer to restore it.
type CorruptError struct {
	Backup string // path of the latest good backup, "" if none
	Err    error
}

// Error names the backup by file name only: full paths can hold the
// account name of the person at the keyboard.
func (e *CorruptError) Error() string {
	if e.Backup == "" {
		return fmt.Sprintf("%v (no good backup found)", e.Err)
	}
	return fmt.Sprintf("%v (latest good backup: %s)", e.Err, filepath.Base(e.Backup))
}

// Unwrap returns the underlying error.
func (e *CorruptError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// classify adds to err the sentinel a caller can test for, judging by the
// SQLite result code or the OS error inside it. Other errors pass unchanged.
func classify(err error) error {
	var kind error
	var se *sqlite.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		switch se.Code() & 0xff { // primary code; extended codes keep it in the low byte
		case sqlite3.SQLITE_FULL:
			kind = ErrDiskFull
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			kind = ErrCorrupt
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			kind = ErrNotWritable
		}
	case isAny(err, diskFullErrnos):
		kind = ErrDiskFull
	case errors.Is(err, fs.ErrPermission), isAny(err, readOnlyErrnos):
		kind = ErrNotWritable
	}
	if kind == nil || errors.Is(err, kind) {
		return err
	}
	return mark(kind, err)
}

// mark makes errors.Is(err, kind) true without changing err's message.
func mark(kind, err error) error { return &kindError{kind, err} }

type kindError struct{ kind, err error }

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.kind, e.err} }

func isAny(err error, targets []error) bool {
	for _, t := range targets {
		if errors.Is(err, t) {
			return true
		}
	}
	return false
}
