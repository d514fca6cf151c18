package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// applicationID marks a SQLite file as Amparo's ("AMPR"), so a foreign
// database is recognised before anything is written to it.
const applicationID = 0x414D5052

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations holds the embedded migrations in order; migrations[i] takes
// the schema from version i to i+1.
var migrations = loadMigrations(migrationFiles)

// latestVersion is the schema version this build creates and understands.
var latestVersion = len(migrations)

// loadMigrations panics on a misnamed or missing file: that is a build
// mistake, caught by any test, never a condition at a user's desk.
func loadMigrations(fsys fs.FS) []migration {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	var ms []migration // fs.Glob returns names sorted
	for i, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 4 || v != i+1 {
			panic(fmt.Sprintf("store: migration %s: want name %04d_something.sql", base, i+1))
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(body)})
	}
	return ms
}

// migrate brings the database on db (the write pool) up to version target,
// each migration with its bookkeeping in one transaction, so a failure
// leaves the database at the previous version. It returns the version reached.
func migrate(ctx context.Context, db *sql.DB, target int) (int, error) {
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return 0, classify(fmt.Errorf("store: read schema version: %w", err))
	}
	if v > latestVersion {
		return v, mark(ErrTooNew, fmt.Errorf("store: schema version %d is newer than this build knows (%d)", v, latestVersion))
	}
	for _, m := range migrations[min(v, target):target] {
		if err := apply(ctx, db, m); err != nil {
			return v, classify(fmt.Errorf("store: migration %s: %w", m.name, err))
		}
		v = m.version
	}
	return v, nil
}

func apply(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// user_version and application_id live in the file header, which is
	// written inside the transaction and rolled back with it.
	steps := []string{
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_at TEXT NOT NULL
		) STRICT`,
		m.sql,
		fmt.Sprintf(`PRAGMA user_version = %d`, m.version),
		fmt.Sprintf(`PRAGMA application_id = %d`, applicationID),
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	// PRAGMA foreign_keys cannot change inside a transaction, so a migration
	// that rebuilds a table must leave every reference valid; check it here.
	var bad int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&bad); err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("leaves %d broken foreign keys", bad)
	}
	return tx.Commit()
}
