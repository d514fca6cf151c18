package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// lockName is the file that holds the one-instance lock. It is separate
// from SQLite's own locks because those must stay shared between our write
// connection and read pool; an OS lock on it is released by the OS when a
// process dies, so a crash never leaves the folder locked. The file stays
// on disk (empty): removing it on close would race with the next opener.
const lockName = "amparo.lock"

// lockDir takes the exclusive lock on dir, or returns ErrLocked.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, classify(fmt.Errorf("store: open lock file: %w", err))
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, ErrLocked) {
			return nil, err
		}
		return nil, fmt.Errorf("store: lock data folder: %w", err)
	}
	return f, nil
}

// unlockDir releases the lock taken by lockDir.
func unlockDir(f *os.File) error {
	return errors.Join(unlockFile(f), f.Close())
}
