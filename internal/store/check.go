package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Check runs a full integrity check and a foreign key check; a fault is
// returned as a *CorruptError (errors.Is ErrCorrupt) with the latest good
// backup. It reads every page, so it is for "verify", not for every start.
func (db *DB) Check(ctx context.Context) error {
	if err := runCheck(ctx, db.r, "integrity_check"); err != nil {
		return withBackup(db.dir, fmt.Errorf("store: check %s: %w", FileName, err))
	}
	rows, err := db.r.QueryContext(ctx, `SELECT "table", coalesce(rowid, 0), parent FROM pragma_foreign_key_check`)
	if err != nil {
		return classify(fmt.Errorf("store: foreign key check: %w", err))
	}
	defer rows.Close()
	var findings []string
	for rows.Next() && len(findings) < 20 {
		var table, parent string
		var rowid int64
		if err := rows.Scan(&table, &rowid, &parent); err != nil {
			return classify(fmt.Errorf("store: foreign key check: %w", err))
		}
		findings = append(findings, fmt.Sprintf("%s row %d refers to a missing row of %s", table, rowid, parent))
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("store: foreign key check: %w", err))
	}
	if len(findings) > 0 {
		return withBackup(db.dir, mark(ErrCorrupt, fmt.Errorf("store: check %s: foreign_key_check: %s", FileName, strings.Join(findings, "; "))))
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
	// After a crash, committed pages can sit in the -wal file only (the
	// main file may even be empty): then SQLite must read them, which
	// takes a plain read-only open. Otherwise immutable=1 keeps SQLite
	// from creating -wal and -shm files next to a file it must not touch.
	fi, werr := os.Stat(path + "-wal")
	hasWAL := werr == nil && fi.Size() > 0
	switch {
	case n == 0 && err == io.EOF && !hasWAL:
		return 0, nil // SQLite treats an empty file as an empty database
	case n > 0 && !bytes.Equal(header[:n], sqliteMagic):
		return 0, mark(ErrNotAmparo, fmt.Errorf("store: %s is not a SQLite database", name))
	}
	params := "mode=ro&immutable=1"
	if hasWAL {
		params = "mode=ro&_pragma=busy_timeout(5000)"
		// The read-only open creates the -shm index if missing; it holds
		// nothing durable, so it goes again when the probe is done.
		if _, err := os.Lstat(path + "-shm"); errors.Is(err, fs.ErrNotExist) {
			defer os.Remove(path + "-shm")
		}
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
		return 0, mark(ErrNotAmparo, fmt.Errorf("store: %s belongs to another program (application id %#x)", name, appID))
	}
	err = conn.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&recorded)
	if err := classify(err); errors.Is(err, ErrCorrupt) {
		return 0, fmt.Errorf("store: read %s: %w", name, err)
	} else if err != nil {
		return 0, mark(ErrNotAmparo, fmt.Errorf("store: %s has no migrations table", name))
	}
	if v := max(version, recorded); v > latestVersion {
		return 0, mark(ErrTooNew, fmt.Errorf("store: %s has schema version %d, this build knows up to %d", name, v, latestVersion))
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
	return mark(ErrCorrupt, fmt.Errorf("%s: %s", check, strings.Join(findings, "; ")))
}
