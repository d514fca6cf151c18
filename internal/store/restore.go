package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Restore replaces the database in the data folder dir with the backup
// file from, for use while no DB is open on dir (it takes the folder lock,
// so a running Amparo makes it fail with ErrLocked). The backup is checked
// first: a damaged, foreign or newer file is refused with nothing touched.
// The replaced database is kept as backups/before-restore-<time>.db.
func Restore(dir, from string) error {
	ctx := context.Background()
	name := filepath.Base(from)
	fi, err := os.Stat(from)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("store: restore: %s is not a file", name)
	}
	v, err := examine(ctx, from, "integrity_check")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if v == 0 {
		return mark(ErrNotAmparo, fmt.Errorf("store: restore: %s is empty", name))
	}

	if dir, err = filepath.Abs(dir); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if err := makeDir(dir); err != nil {
		return err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlockDir(lock)

	tmp, err := copyInto(dir, from)
	if err != nil {
		return classify(fmt.Errorf("store: restore: copy %s: %w", name, err))
	}
	defer os.Remove(tmp) // fails harmlessly once renamed into place
	// Check the copy too: a failing USB stick can read differently twice.
	if _, err := examine(ctx, tmp, "quick_check"); err != nil {
		return fmt.Errorf("store: restore: copy of %s: %w", name, err)
	}
	path := filepath.Join(dir, FileName)
	aside, err := moveAside(dir, path)
	if err != nil {
		return classify(fmt.Errorf("store: restore: keep current database: %w", err))
	}
	if err := os.Rename(tmp, path); err != nil {
		if aside != "" {
			putBack(aside, path)
		}
		return classify(fmt.Errorf("store: restore: %w", err))
	}
	syncDir(dir)
	return nil
}

// copyInto copies the file from into a new temporary file in dir and
// flushes it to disk.
func copyInto(dir, from string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", err
	}
	defer src.Close()
	dst, err := os.CreateTemp(dir, ".amparo-restore-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Sync()
	}
	if err = errors.Join(err, dst.Close()); err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

// walFiles are the suffixes of a database's files; the -wal file can hold
// committed data after a crash, so it travels with the database.
var walFiles = []string{"", "-wal", "-shm"}

// moveAside moves the database at path and its -wal and -shm files to
// backups/before-restore-<time>.db*, returning the new path ("" when there
// was no database). On failure everything is put back.
func moveAside(dir, path string) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	bdir := filepath.Join(dir, backupDir)
	if err := os.MkdirAll(bdir, 0o700); err != nil {
		return "", err
	}
	stamp := time.Now().Format("2006-01-02-150405")
	aside := filepath.Join(bdir, "before-restore-"+stamp+".db")
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = filepath.Join(bdir, fmt.Sprintf("before-restore-%s-%d.db", stamp, i))
	}
	for _, suffix := range walFiles {
		err := os.Rename(path+suffix, aside+suffix)
		if suffix != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			putBack(aside, path)
			return "", err
		}
	}
	return aside, nil
}

// putBack undoes moveAside as far as it went.
func putBack(aside, path string) {
	for _, suffix := range walFiles {
		os.Rename(aside+suffix, path+suffix)
	}
}
