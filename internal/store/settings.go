package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns the value stored under key; ok is false if there is none.
func (db *DB) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, classify(fmt.Errorf("store: read setting %q: %w", key, err))
	}
	return value, true, nil
}

// SetSetting stores value under key, replacing any earlier value.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("store: setting key is empty")
	}
	return db.Update(ctx, fmt.Sprintf("save setting %q", key), func(tx *Tx) error {
		return tx.SetSetting(ctx, key, value)
	})
}

// SetSetting stores value under key inside the transaction, so a change of
// setting and its audit entry commit together.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return errors.New("store: setting key is empty")
	}
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return classify(fmt.Errorf("store: save setting %q: %w", key, err))
	}
	return nil
}
