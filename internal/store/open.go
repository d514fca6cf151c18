package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// FileName is the name of the database file inside the data folder.
const FileName = "amparo.db"

// Pragmas go in the DSN so that every pooled connection gets them, also
// ones the pool opens later; busy_timeout first so the others wait rather
// than fail while another connection holds a lock.
const (
	pragmas = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(ON)"
	// The writer keeps a 64 MiB page cache (SQLite's default is 2 MiB): an
	// import writes tens of megabytes in one transaction, and spilling
	// pages to disk and reading them back cost it a tenth of its time.
	writeParams = pragmas + "&_pragma=cache_size(-65536)&_txlock=immediate" // take the write lock at BEGIN, not halfway through
	readParams  = pragmas + "&_pragma=query_only(ON)"
)

// ResolveDir picks the data folder: the --data flag if given, else
// AMPARO_DATA, else "amparo" in the user's configuration folder. On Windows
// that is %LocalAppData%, not the roaming %AppData% that a domain profile
// may copy to a server: case data stays on the laptop.
func ResolveDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("AMPARO_DATA"); env != "" {
		return env, nil
	}
	if runtime.GOOS == "windows" && os.Getenv("LocalAppData") != "" {
		return filepath.Join(os.Getenv("LocalAppData"), "amparo"), nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("store: find the user configuration folder: %w", err)
	}
	return filepath.Join(cfg, "amparo"), nil
}

// Open opens the data folder dir, creating it and the database if missing,
// and migrates the schema to the latest version. A second Open of the same
// folder, from any process, gets ErrLocked until Close. When Open fails,
// nothing on disk has changed, except perhaps a new empty lock file.
func Open(dir string) (*DB, error) {
	ctx := context.Background()
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store: data folder: %w", err)
	}
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, dir, lock)
	if err != nil {
		unlockDir(lock)
		return nil, withBackup(dir, err)
	}
	return db, nil
}

// open does the work of Open once the folder is locked.
func open(ctx context.Context, dir string, lock *os.File) (*DB, error) {
	path := filepath.Join(dir, FileName)
	if err := checkWritable(dir, path); err != nil {
		return nil, err
	}
	// Read what is there before anything writes to it: the journal_mode
	// pragma alone would rewrite the header of a foreign database.
	if _, err := examine(ctx, path, "quick_check"); err != nil {
		return nil, err
	}
	created := false
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		// Created here rather than by SQLite to get 0600; SQLite gives the
		// -wal and -shm files the same mode.
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, classify(fmt.Errorf("store: create %s: %w", FileName, err))
		}
		f.Close()
		created = true
	}
	db := &DB{dir: dir, path: path, lock: lock}
	if err := db.connect(ctx); err != nil {
		if created { // leave the folder as it was
			for _, suffix := range walFiles {
				os.Remove(path + suffix)
			}
		}
		return nil, err
	}
	return db, nil
}

// connect opens both pools and migrates; on failure it closes what it opened.
func (db *DB) connect(ctx context.Context) (err error) {
	db.w, err = sql.Open("sqlite", dsn(db.path, writeParams))
	if err != nil {
		return fmt.Errorf("store: open %s: %w", FileName, err)
	}
	db.w.SetMaxOpenConns(1)
	db.r, err = sql.Open("sqlite", dsn(db.path, readParams))
	if err != nil {
		db.w.Close()
		return fmt.Errorf("store: open %s: %w", FileName, err)
	}
	db.r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	defer func() {
		if err != nil {
			db.r.Close()
			db.w.Close()
		}
	}()
	if err := db.w.PingContext(ctx); err != nil {
		return classify(fmt.Errorf("store: open %s: %w", FileName, err))
	}
	if db.version, err = migrate(ctx, db.w, latestVersion); err != nil {
		return err
	}
	// The read pool connects after migration, when the file is surely in WAL mode.
	if err := db.r.PingContext(ctx); err != nil {
		return classify(fmt.Errorf("store: open %s for reading: %w", FileName, err))
	}
	return nil
}

// dsn builds a SQLite URI for path that also holds on Windows: forward
// slashes, a leading slash before a drive letter, and percent-escapes for
// characters such as '?', '#' and '%' that a URI would misread.
func dsn(path, params string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x becomes file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: params}).String()
}

// makeDir creates the data folder if missing, private to the user.
func makeDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return mark(ErrNotWritable, errors.New("store: the data folder path is a file"))
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return classify(fmt.Errorf("store: data folder: %w", err))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return classify(fmt.Errorf("store: create data folder: %w", err))
	}
	return nil
}

// checkWritable makes sure SQLite will be able to write: the folder (for
// the -wal and -shm files) and any existing database files. Without it a
// read-only database would open "successfully" and fail at the first save.
func checkWritable(dir, path string) error {
	probe, err := os.CreateTemp(dir, ".amparo-write-test-*")
	if err != nil {
		return classify(fmt.Errorf("store: write in data folder: %w", err))
	}
	probe.Close()
	os.Remove(probe.Name())
	for _, suffix := range walFiles {
		f, err := os.OpenFile(path+suffix, os.O_RDWR, 0)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return classify(fmt.Errorf("store: open %s for writing: %w", FileName+suffix, err))
		}
		f.Close()
	}
	return nil
}
