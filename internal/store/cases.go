package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// NextCaseSeq returns the next sequence number of the case codes
// PREFIX-YEAR-NNNN: one more than the highest already used by a case
// record (live or deleted, so a number is never given twice), 1 for the
// first of the year. Called inside the write transaction that stores the
// new case, so two cases cannot get the same number.
func (tx *Tx) NextCaseSeq(ctx context.Context, prefix string, year int) (int, error) {
	stem := fmt.Sprintf("%s-%04d-", prefix, year)
	// A range on the code, so the records_code index serves it: every code
	// starting with "PREFIX-YEAR-" sorts between that and "PREFIX-YEAR.".
	rows, err := tx.tx.QueryContext(ctx, `SELECT code FROM records
		WHERE code IS NOT NULL AND code >= ? AND code < ? AND kind = 'case'`, stem, stem[:len(stem)-1]+".")
	if err != nil {
		return 0, classify(fmt.Errorf("store: next case number of %s: %w", stem, err))
	}
	defer rows.Close()
	highest := 0
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return 0, classify(fmt.Errorf("store: next case number of %s: %w", stem, err))
		}
		rest := strings.TrimPrefix(code, stem)
		if rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue // not a number this office gave
		}
		if n, err := strconv.Atoi(rest); err == nil && n > highest {
			highest = n
		}
	}
	if err := rows.Err(); err != nil {
		return 0, classify(fmt.Errorf("store: next case number of %s: %w", stem, err))
	}
	return highest + 1, nil
}

// RecordHead returns the head revision id of a record inside the
// transaction, so a writer can check that nobody saved a newer revision
// since it read the one it builds on. ErrNotFound when there is no record.
func (tx *Tx) RecordHead(ctx context.Context, id string) (string, error) {
	var head sql.NullString
	err := tx.tx.QueryRowContext(ctx, `SELECT head FROM records WHERE id = ?`, id).Scan(&head)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("store: head of record %s: %w", id, ErrNotFound)
	case err != nil:
		return "", classify(fmt.Errorf("store: head of record %s: %w", id, err))
	}
	return head.String, nil
}

// RecordIDsByCode returns the ids of the live records of kind with that
// code (plain column), oldest first. Codes are unique within an office,
// but an import may bring another office's case with the same code.
func (db *DB) RecordIDsByCode(ctx context.Context, kind, code string) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM records
		WHERE kind = ? AND code = ? AND deleted = 0 ORDER BY created_at, id`, kind, code)
	if err != nil {
		return nil, classify(fmt.Errorf("store: find %s by code: %w", kind, err))
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, classify(fmt.Errorf("store: find %s by code: %w", kind, err))
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(fmt.Errorf("store: find %s by code: %w", kind, err))
	}
	return ids, nil
}

// HeadRevision returns the head revision of one record with its sealed
// body, or ErrNotFound. A deleted record's head is its tombstone.
func (db *DB) HeadRevision(ctx context.Context, recordID string) (Revision, error) {
	revs, err := db.queryRevisions(ctx, "head of "+recordID, `WHERE r.id = ? AND v.id = r.head`, recordID)
	if err != nil {
		return Revision{}, err
	}
	if len(revs) == 0 {
		return Revision{}, fmt.Errorf("store: read head of record %s: %w", recordID, ErrNotFound)
	}
	return revs[0], nil
}
