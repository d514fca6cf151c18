package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Tx is one write transaction, handed to the function given to Update. Its
// methods are the typed writes of the store: a change and the audit entries
// that record it commit together or not at all.
type Tx struct {
	tx *sql.Tx
	// stmts caches the statements prepared in this transaction: the
	// driver parses SQL text on every call otherwise, which dominated
	// importing thousands of revisions. They close with the transaction.
	stmts map[string]*sql.Stmt
}

// stmt returns the prepared statement for query in this transaction.
func (tx *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// exec runs a write through the statement cache.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRow runs a one-row query through the statement cache.
func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) (*sql.Row, error) {
	st, err := tx.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(ctx, args...), nil
}

// Update runs fn in one write transaction and commits it if fn returns nil;
// otherwise it rolls back and returns fn's error unchanged, so a caller's
// own sentinel errors pass through. Errors of the Tx methods already say
// what failed and carry the store's sentinels (ErrDiskFull...).
func (db *DB) Update(ctx context.Context, what string, fn func(tx *Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	if err := fn(&Tx{tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return classify(fmt.Errorf("store: %s: %w", what, err))
	}
	return nil
}

// queryer is what the read helpers need from the read pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction, so stored
// times sort and compare as text, to the nanosecond.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// formatTime formats t for a TEXT column.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime formats t, or gives NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// parseTime reads a stored time; NULL and "" give the zero time. It also
// reads the second-precision times of the first schema.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: stored time %q does not parse", ErrCorrupt, s.String)
	}
	return t.UTC(), nil
}

// nullString gives NULL for "".
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// now is the time the store stamps rows with when the caller gives none.
func now() time.Time { return time.Now().UTC() }
