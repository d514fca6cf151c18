package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/amparo-app/amparo/internal/vault"
)

// PutKeyWrap stores (or replaces) the wrap of the data key for context,
// e.g. "recovery".
func (tx *Tx) PutKeyWrap(ctx context.Context, context string, w vault.WrappedKey) error {
	b, err := w.MarshalBinary()
	if err != nil {
		return fmt.Errorf("store: save %s key wrap: %w", context, err)
	}
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO key_wraps (context, wrapped, created_at) VALUES (?, ?, ?)
		ON CONFLICT (context) DO UPDATE SET wrapped = excluded.wrapped, created_at = excluded.created_at`,
		context, b, formatTime(now()))
	if err != nil {
		return classify(fmt.Errorf("store: save %s key wrap: %w", context, err))
	}
	return nil
}

// KeyWrap returns the wrap stored for context, or ErrNotFound.
func (db *DB) KeyWrap(ctx context.Context, context string) (vault.WrappedKey, error) {
	var b []byte
	err := db.r.QueryRowContext(ctx, `SELECT wrapped FROM key_wraps WHERE context = ?`, context).Scan(&b)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return vault.WrappedKey{}, fmt.Errorf("store: read %s key wrap: %w", context, ErrNotFound)
	case err != nil:
		return vault.WrappedKey{}, classify(fmt.Errorf("store: read %s key wrap: %w", context, err))
	}
	var w vault.WrappedKey
	if err := w.UnmarshalBinary(b); err != nil {
		return vault.WrappedKey{}, fmt.Errorf("store: read %s key wrap: %w: %w", context, ErrCorrupt, err)
	}
	return w, nil
}
