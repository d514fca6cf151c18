package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// dbName is the database file inside the data folder.
const dbName = "amparo.db"

// Pragmas go in the DSN so that every pooled connection gets them, also
// ones the pool opens later; busy_timeout first so the others wait rather
// than fail while another connection holds a lock.
const (
	pragmas     = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(ON)"
	writeParams = pragmas + "&_txlock=immediate" // take the write lock at BEGIN, not halfway through
	readParams  = pragmas + "&_pragma=query_only(ON)"
)

// ResolveDir picks the data folder: the --data flag if given, else
// AMPARO_DATA, else "amparo" in the user's configuration folder.
func ResolveDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("AMPARO_DATA"); env != "" {
		return env, nil
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
	path := filepath.Join(dir, dbName)
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
			return nil, classify(fmt.Errorf("store: create %s: %w", dbName, err))
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
		return fmt.Errorf("store: open %s: %w", dbName, err)
	}
	db.w.SetMaxOpenConns(1)
	db.r, err = sql.Open("sqlite", dsn(db.path, readParams))
	if err != nil {
		db.w.Close()
		return fmt.Errorf("store: open %s: %w", dbName, err)
	}
	db.r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	defer func() {
		if err != nil {
			db.r.Close()
			db.w.Close()
		}
	}()
	if err := db.w.PingContext(ctx); err != nil {
		return classify(fmt.Errorf("store: open %s: %w", dbName, err))
	}
	if db.version, err = migrate(ctx, db.w, latestVersion); err != nil {
		return err
	}
	// The read pool connects after migration, when the file is surely in WAL mode.
	if err := db.r.PingContext(ctx); err != nil {
		return classify(fmt.Errorf("store: open %s for reading: %w", dbName, err))
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
		return fmt.Errorf("%w: the data folder path is a file", ErrNotWritable)
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
			return classify(fmt.Errorf("store: open %s for writing: %w", dbName+suffix, err))
		}
		f.Close()
	}
	return nil
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// examine reads the database at path without changing it and returns its
// schema version: 0 for a missing, empty or brand-new file. check is
// "quick_check" or "integrity_check". It refuses a file that is not SQLite
// or not Amparo's (ErrNotAmparo), newer than this build (ErrTooNew) or
// damaged (ErrCorrupt).
func examine(ctx context.Context, path, check string) (int, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, classify(fmt.Errorf("store: read %s: %w", name, err))
	}
	header := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, header)
	f.Close()
	switch {
	case n == 0 && err == io.EOF:
		return 0, nil // SQLite treats an empty file as an empty database
	case !bytes.Equal(header[:n], sqliteMagic):
		return 0, fmt.Errorf("%w: %s is not a SQLite database", ErrNotAmparo, name)
	}

	// immutable=1 keeps SQLite from creating -wal or -shm files, but it
	// must not be used when a -wal file holds committed pages (after a
	// crash): then a plain read-only open replays them.
	params := "mode=ro&immutable=1"
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		params = "mode=ro&_pragma=busy_timeout(5000)"
	}
	probe, err := sql.Open("sqlite", dsn(path, params))
	if err != nil {
		return 0, fmt.Errorf("store: read %s: %w", name, err)
	}
	defer probe.Close()
	conn, err := probe.Conn(ctx)
	if err != nil {
		return 0, classify(fmt.Errorf("store: read %s: %w", name, err))
	}
	defer conn.Close()

	var appID, version, objects, recorded int
	err = conn.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &objects)
	if err != nil {
		return 0, classify(fmt.Errorf("store: read %s: %w", name, err))
	}
	switch {
	case appID == 0 && version == 0 && objects == 0:
		return 0, nil // created but never migrated, e.g. the first Open crashed
	case appID != applicationID:
		return 0, fmt.Errorf("%w: %s belongs to another program (application id %#x)", ErrNotAmparo, name, appID)
	}
	err = conn.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&recorded)
	if err != nil {
		if errors.Is(classify(err), ErrCorrupt) {
			return 0, classify(fmt.Errorf("store: read %s: %w", name, err))
		}
		return 0, fmt.Errorf("%w: %s has no migrations table", ErrNotAmparo, name)
	}
	if v := max(version, recorded); v > latestVersion {
		return 0, fmt.Errorf("%w: %s has schema version %d, this build knows up to %d", ErrTooNew, name, v, latestVersion)
	}
	if err := runCheck(ctx, conn, check); err != nil {
		return 0, fmt.Errorf("store: %s: %w", name, err)
	}
	return version, nil
}

// querier is what runCheck needs from a *sql.Conn or *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// runCheck runs PRAGMA quick_check or integrity_check and turns anything
// but "ok" into an ErrCorrupt error with the first few findings. SQLite's
// findings name pages, rows and indexes, never the data in them.
func runCheck(ctx context.Context, q querier, check string) error {
	rows, err := q.QueryContext(ctx, "PRAGMA "+check+"(20)")
	if err != nil {
		return classify(fmt.Errorf("%s: %w", check, err))
	}
	defer rows.Close()
	var findings []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return classify(fmt.Errorf("%s: %w", check, err))
		}
		findings = append(findings, s)
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("%s: %w", check, err))
	}
	if len(findings) == 1 && findings[0] == "ok" {
		return nil
	}
	return fmt.Errorf("%w: %s: %s", ErrCorrupt, check, strings.Join(findings, "; "))
}
