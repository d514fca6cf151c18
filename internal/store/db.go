// Package store keeps an office's data in one SQLite file (modernc.org/sqlite,
// no cgo): opening it safely, schema migrations, settings, backups and
// integrity checks; the office, users and key wraps; records and their
// revisions; the hash-chained audit trail. It is the only package that
// writes SQL. Identifying data reaches it only as vault.Sealed: the write
// APIs take no plain string or []byte for it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// DB is an open Amparo data folder. It is safe for concurrent use.
type DB struct {
	dir, path string
	version   int
	w         *sql.DB // exactly one connection: SQLite has one writer anyway, and queuing here beats SQLITE_BUSY
	r         *sql.DB // read pool; query_only so a read path can never write
	lock      *os.File
}

// Dir returns the data folder.
func (db *DB) Dir() string { return db.dir }

// Path returns the database file.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the schema version the database is at.
func (db *DB) SchemaVersion() int { return db.version }

// Close closes the database and releases the data folder for another instance.
func (db *DB) Close() error {
	// The write pool closes last: the last connection checkpoints the WAL
	// into amparo.db and removes the -wal and -shm files.
	err := errors.Join(db.r.Close(), db.w.Close())
	return errors.Join(err, unlockDir(db.lock))
}

// update runs fn in one write transaction and commits it, classifying the
// error so callers can tell a full disk from a bug.
func (db *DB) update(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	if err := tx.Commit(); err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	return nil
}
