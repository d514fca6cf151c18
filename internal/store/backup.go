package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

const (
	backupDir   = "backups"
	dailyPrefix = "amparo-" // automatic copies are amparo-YYYY-MM-DD.db
	dailySuffix = ".db"
	dailyLayout = "2006-01-02"
	keepDaily   = 7
)

// Backup writes a consistent copy of the database to outPath, which must
// not exist yet. The copy appears under its name only once complete and
// on disk, so a crash never leaves a half backup that looks whole.
func (db *DB) Backup(ctx context.Context, outPath string) error {
	name := filepath.Base(outPath)
	if _, err := os.Lstat(outPath); err == nil {
		return fmt.Errorf("store: backup: %s already exists: %w", name, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return classify(fmt.Errorf("store: backup to %s: %w", name, err))
	}
	// VACUUM INTO accepts an existing empty file, so it is created here
	// with owner-only permissions.
	tmp, err := os.CreateTemp(filepath.Dir(outPath), "."+name+".*.tmp")
	if err != nil {
		return classify(fmt.Errorf("store: backup to %s: %w", name, err))
	}
	tmp.Close()
	err = db.backupTo(ctx, tmp.Name(), outPath)
	if err != nil {
		os.Remove(tmp.Name())
		return classify(fmt.Errorf("store: backup to %s: %w", name, err))
	}
	return nil
}

func (db *DB) backupTo(ctx context.Context, tmp, outPath string) error {
	// On the write connection: VACUUM INTO writes a file, which query_only
	// forbids, and it reads one snapshot, so the copy is consistent.
	if _, err := db.w.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, outPath); err != nil {
		return err
	}
	syncDir(filepath.Dir(outPath))
	return nil
}

// DailyBackup makes the automatic backup for now's calendar day,
// backups/amparo-YYYY-MM-DD.db, unless it exists, and then keeps only the
// newest seven automatic backups. It returns the day's path and whether
// it made it now.
func (db *DB) DailyBackup(ctx context.Context, now time.Time) (path string, made bool, err error) {
	dir := filepath.Join(db.dir, backupDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, classify(fmt.Errorf("store: create backups folder: %w", err))
	}
	path = filepath.Join(dir, dailyPrefix+now.Format(dailyLayout)+dailySuffix)
	if _, err := os.Lstat(path); err == nil {
		return path, false, nil
	}
	if err := db.Backup(ctx, path); err != nil {
		return "", false, err
	}
	days, err := dailyBackups(dir)
	if err != nil {
		return path, true, err
	}
	// Pruning goes by the date in the name, never by file times; the copy
	// just made survives even if the clock was set back.
	var errs []error
	for _, old := range days[min(keepDaily, len(days)):] {
		if old != path {
			errs = append(errs, os.Remove(old))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return path, true, fmt.Errorf("store: remove old backups: %w", err)
	}
	return path, true, nil
}

// dailyBackups lists the automatic backups in dir, newest first. Other
// files (manual backups, before-restore copies) are not listed, so
// rotation never removes them.
func dailyBackups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, classify(fmt.Errorf("store: list backups: %w", err))
	}
	var names []string
	for _, e := range entries {
		day, ok := strings.CutPrefix(e.Name(), dailyPrefix)
		day, ok2 := strings.CutSuffix(day, dailySuffix)
		if _, err := time.Parse(dailyLayout, day); ok && ok2 && err == nil && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names) // the fixed-width date sorts as text
	slices.Reverse(names)
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(dir, n)
	}
	return paths, nil
}

// LatestBackup returns the newest automatic backup in the data folder dir
// that passes a quick check, or "" and nil when there is none.
func LatestBackup(dir string) (string, error) {
	days, err := dailyBackups(filepath.Join(dir, backupDir))
	if err != nil {
		return "", err
	}
	for _, p := range days {
		if v, err := examine(context.Background(), p, "quick_check"); err == nil && v > 0 {
			return p, nil
		}
	}
	return "", nil
}

// withBackup turns an ErrCorrupt error about the database in dir into a
// *CorruptError naming the latest good backup.
func withBackup(dir string, err error) error {
	var ce *CorruptError
	if !errors.Is(err, ErrCorrupt) || errors.As(err, &ce) {
		return err
	}
	backup, _ := LatestBackup(dir) // best effort: the corruption is the news
	return &CorruptError{Backup: backup, Err: err}
}

// syncFile flushes a written file to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename in dir durable where the OS supports it; Windows
// cannot sync a folder and does not need to, so errors are ignored.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
