package store

import (
	"context"
	"fmt"
	"strings"
)

// Check runs a full integrity check and a foreign key check; a fault is
// returned as a *CorruptError (errors.Is ErrCorrupt) with the latest good
// backup. It reads every page, so it is for "verify", not for every start.
func (db *DB) Check(ctx context.Context) error {
	if err := runCheck(ctx, db.r, "integrity_check"); err != nil {
		return withBackup(db.dir, fmt.Errorf("store: check %s: %w", dbName, err))
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
		findings = append(findings, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid, parent))
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("store: foreign key check: %w", err))
	}
	if len(findings) > 0 {
		return withBackup(db.dir, fmt.Errorf("store: check %s: %w: foreign_key_check: %s", dbName, ErrCorrupt, strings.Join(findings, "; ")))
	}
	return nil
}
