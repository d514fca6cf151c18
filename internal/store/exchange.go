package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// Exchange bookkeeping: what was sent to each office, which files were
// written and applied, and the conflicts imports left. None of it is
// personal data.

// RevisionsAfter returns the revisions stored after local sequence upto,
// of the given kinds, leaving out those that office "from" sent: what an
// export to that office may carry. Oldest first.
func (db *DB) RevisionsAfter(ctx context.Context, upto int64, notFrom string, kinds []string) ([]Revision, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	args := []any{upto, notFrom}
	for _, k := range kinds {
		args = append(args, k)
	}
	return db.queryRevisions(ctx, "revisions to export", `WHERE v.rowid > ?
		AND (v.received_from IS NULL OR v.received_from != ?)
		AND r.kind IN (?`+strings.Repeat(", ?", len(kinds)-1)+`) ORDER BY v.rowid`, args...)
}

// LastRevisionSeq returns the local sequence of the last revision stored.
func (db *DB) LastRevisionSeq(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := db.r.QueryRowContext(ctx, `SELECT max(rowid) FROM revisions`).Scan(&n); err != nil {
		return 0, classify(fmt.Errorf("store: last revision: %w", err))
	}
	return n.Int64, nil
}

// SentUpto returns the local sequence up to which office was sent
// revisions (0 when never).
func (db *DB) SentUpto(ctx context.Context, officeID string) (int64, error) {
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT upto FROM exchange_sent WHERE office_id = ?`, officeID).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, classify(fmt.Errorf("store: sent to %s: %w", officeID, err))
	}
	return n, nil
}

// SetSent records that office was sent everything up to local sequence upto.
func (tx *Tx) SetSent(ctx context.Context, officeID string, upto int64, at time.Time) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO exchange_sent (office_id, upto, sent_at) VALUES (?, ?, ?)
		ON CONFLICT (office_id) DO UPDATE SET upto = max(upto, excluded.upto), sent_at = excluded.sent_at`,
		officeID, upto, formatTime(at))
	if err != nil {
		return classify(fmt.Errorf("store: record export to %s: %w", officeID, err))
	}
	return nil
}

// Withheld returns the records left out of exports to office for want of
// consent.
func (db *DB) Withheld(ctx context.Context, officeID string) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT record_id FROM exchange_withheld WHERE office_id = ? ORDER BY record_id`, officeID)
	if err != nil {
		return nil, classify(fmt.Errorf("store: withheld from %s: %w", officeID, err))
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, classify(fmt.Errorf("store: withheld from %s: %w", officeID, err))
		}
		ids = append(ids, id)
	}
	return ids, classify(rows.Err())
}

// SetWithheld adds records to and removes records from the list of those
// withheld from office.
func (tx *Tx) SetWithheld(ctx context.Context, officeID string, add, remove []string) error {
	for _, id := range add {
		if _, err := tx.tx.ExecContext(ctx, `INSERT OR IGNORE INTO exchange_withheld (office_id, record_id) VALUES (?, ?)`,
			officeID, id); err != nil {
			return classify(fmt.Errorf("store: withhold from %s: %w", officeID, err))
		}
	}
	for _, id := range remove {
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM exchange_withheld WHERE office_id = ? AND record_id = ?`,
			officeID, id); err != nil {
			return classify(fmt.Errorf("store: withhold from %s: %w", officeID, err))
		}
	}
	return nil
}

// ExchangeFile is an export file written ("out") or applied ("in").
type ExchangeFile struct {
	ExportID  string
	Direction string // "out" or "in"
	OfficeID  string // the sender
	Seq       int64  // the sender's sequence number
	At        time.Time
}

// NextExportSeq returns the sequence number of this office's next export.
func (tx *Tx) NextExportSeq(ctx context.Context, officeID string) (int64, error) {
	var n sql.NullInt64
	err := tx.tx.QueryRowContext(ctx, `SELECT max(seq) FROM exchange_files WHERE direction = 'out' AND office_id = ?`,
		officeID).Scan(&n)
	if err != nil {
		return 0, classify(fmt.Errorf("store: next export number: %w", err))
	}
	return n.Int64 + 1, nil
}

// FileByID returns the file with that export id; ErrNotFound when none.
func (tx *Tx) FileByID(ctx context.Context, exportID string) (ExchangeFile, error) {
	return scanFile(tx.tx.QueryRowContext(ctx, `SELECT export_id, direction, office_id, seq, at FROM exchange_files
		WHERE export_id = ?`, exportID), exportID)
}

// FileBySeq returns the applied file of sender with that sequence number;
// ErrNotFound when none.
func (tx *Tx) FileBySeq(ctx context.Context, sender string, seq int64) (ExchangeFile, error) {
	return scanFile(tx.tx.QueryRowContext(ctx, `SELECT export_id, direction, office_id, seq, at FROM exchange_files
		WHERE direction = 'in' AND office_id = ? AND seq = ?`, sender, seq), fmt.Sprintf("%s #%d", sender, seq))
}

func scanFile(row *sql.Row, what string) (ExchangeFile, error) {
	var f ExchangeFile
	var at sql.NullString
	err := row.Scan(&f.ExportID, &f.Direction, &f.OfficeID, &f.Seq, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ExchangeFile{}, fmt.Errorf("store: export file %s: %w", what, ErrNotFound)
	case err != nil:
		return ExchangeFile{}, classify(fmt.Errorf("store: export file %s: %w", what, err))
	}
	f.At, err = parseTime(at)
	return f, err
}

// AddFile records an export file written or applied.
func (tx *Tx) AddFile(ctx context.Context, f ExchangeFile) error {
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO exchange_files (export_id, direction, office_id, seq, at)
		VALUES (?, ?, ?, ?, ?)`, f.ExportID, f.Direction, f.OfficeID, f.Seq, formatTime(f.At))
	if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE) {
		return fmt.Errorf("store: export file %s: %w", f.ExportID, ErrExists)
	}
	if err != nil {
		return classify(fmt.Errorf("store: record export file %s: %w", f.ExportID, err))
	}
	return nil
}

// RevisionRecord returns the record id of a revision; ErrNotFound when
// the revision is not stored.
func (tx *Tx) RevisionRecord(ctx context.Context, revID string) (string, error) {
	var id string
	err := tx.tx.QueryRowContext(ctx, `SELECT record_id FROM revisions WHERE id = ?`, revID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("store: revision %s: %w", revID, ErrNotFound)
	case err != nil:
		return "", classify(fmt.Errorf("store: revision %s: %w", revID, err))
	}
	return id, nil
}

// Revisions returns every revision of a record as the transaction sees
// it, oldest first by clock stamp.
func (tx *Tx) Revisions(ctx context.Context, recordID string) ([]Revision, error) {
	return queryRevisions(ctx, tx.tx, "revisions of "+recordID, `WHERE v.record_id = ? ORDER BY v.hlc, v.id`, recordID)
}

// Conflict is a merge whose two sides changed the same fields. Fields are
// paths into the record's body ("person.phone"); the values stay sealed in
// the revisions.
type Conflict struct {
	ID, RecordID, Kind string
	MergeRev, BaseRev  string
	MineRev, TheirsRev string
	Fields             []string
	CreatedAt          time.Time
	ResolvedAt         time.Time
	ResolvedBy         string
	ResolvedRev        string
}

// Open reports whether the conflict still waits for a resolution.
func (c Conflict) Open() bool { return c.ResolvedAt.IsZero() }

// AddConflict records a conflict; a second one for the same merge
// revision is ignored.
func (tx *Tx) AddConflict(ctx context.Context, c Conflict) error {
	fj, err := json.Marshal(c.Fields)
	if err != nil {
		return fmt.Errorf("store: record conflict: %w", err)
	}
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO conflicts (id, record_id, merge_rev, base_rev, mine_rev, theirs_rev,
			fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (merge_rev) DO NOTHING`,
		c.ID, c.RecordID, c.MergeRev, nullString(c.BaseRev), c.MineRev, c.TheirsRev, string(fj), formatTime(c.CreatedAt))
	if err != nil {
		return classify(fmt.Errorf("store: record conflict on %s: %w", c.RecordID, err))
	}
	return nil
}

// ResolveConflict marks a conflict resolved by a user (or an office) with
// a revision.
func (tx *Tx) ResolveConflict(ctx context.Context, id, by, rev string, at time.Time) error {
	res, err := tx.tx.ExecContext(ctx, `UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolved_rev = ?
		WHERE id = ? AND resolved_at IS NULL`, formatTime(at), by, rev, id)
	if err != nil {
		return classify(fmt.Errorf("store: resolve conflict %s: %w", id, err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: resolve conflict %s: %w", id, ErrNotFound)
	}
	return nil
}

const conflictColumns = `c.id, c.record_id, r.kind, c.merge_rev, c.base_rev, c.mine_rev, c.theirs_rev, c.fields,
	c.created_at, c.resolved_at, c.resolved_by, c.resolved_rev`

func queryConflicts(ctx context.Context, q queryer, where string, args ...any) ([]Conflict, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+conflictColumns+` FROM conflicts c JOIN records r ON r.id = c.record_id `+
		where+` ORDER BY c.created_at, c.id`, args...)
	if err != nil {
		return nil, classify(fmt.Errorf("store: read conflicts: %w", err))
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var c Conflict
		var base, resolvedBy, resolvedRev, created, resolved sql.NullString
		var fields string
		if err := rows.Scan(&c.ID, &c.RecordID, &c.Kind, &c.MergeRev, &base, &c.MineRev, &c.TheirsRev, &fields,
			&created, &resolved, &resolvedBy, &resolvedRev); err != nil {
			return nil, classify(fmt.Errorf("store: read conflicts: %w", err))
		}
		if err := json.Unmarshal([]byte(fields), &c.Fields); err != nil {
			return nil, fmt.Errorf("store: read conflict %s: %w", c.ID, ErrCorrupt)
		}
		c.BaseRev, c.ResolvedBy, c.ResolvedRev = base.String, resolvedBy.String, resolvedRev.String
		if c.CreatedAt, err = parseTime(created); err == nil {
			c.ResolvedAt, err = parseTime(resolved)
		}
		if err != nil {
			return nil, fmt.Errorf("store: read conflict %s: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, classify(rows.Err())
}

// Conflicts returns the conflicts, only those still open when open is set.
func (db *DB) Conflicts(ctx context.Context, open bool) ([]Conflict, error) {
	if open {
		return queryConflicts(ctx, db.r, `WHERE c.resolved_at IS NULL`)
	}
	return queryConflicts(ctx, db.r, ``)
}

// ConflictByID returns one conflict; ErrNotFound when there is none.
func (db *DB) ConflictByID(ctx context.Context, id string) (Conflict, error) {
	cs, err := queryConflicts(ctx, db.r, `WHERE c.id = ?`, id)
	if err != nil {
		return Conflict{}, err
	}
	if len(cs) == 0 {
		return Conflict{}, fmt.Errorf("store: conflict %s: %w", id, ErrNotFound)
	}
	return cs[0], nil
}

// OpenConflicts returns the open conflicts of a record inside the transaction.
func (tx *Tx) OpenConflicts(ctx context.Context, recordID string) ([]Conflict, error) {
	return queryConflicts(ctx, tx.tx, `WHERE c.record_id = ? AND c.resolved_at IS NULL`, recordID)
}

// Revision returns one revision by id; ErrNotFound when it is not stored.
func (db *DB) Revision(ctx context.Context, id string) (Revision, error) {
	revs, err := db.queryRevisions(ctx, "revision "+id, `WHERE v.id = ?`, id)
	if err != nil {
		return Revision{}, err
	}
	if len(revs) == 0 {
		return Revision{}, fmt.Errorf("store: revision %s: %w", id, ErrNotFound)
	}
	return revs[0], nil
}

// jsonIDs encodes ids as a JSON array for json_each.
func jsonIDs(ids []string) (string, error) {
	b, err := json.Marshal(ids)
	return string(b), err
}

// ExistingRevisions returns which of ids are stored: one query for a
// whole import instead of one per revision.
func (tx *Tx) ExistingRevisions(ctx context.Context, ids []string) (map[string]bool, error) {
	arg, err := jsonIDs(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.tx.QueryContext(ctx, `SELECT id FROM revisions WHERE id IN (SELECT value FROM json_each(?))`, arg)
	if err != nil {
		return nil, classify(fmt.Errorf("store: revisions held: %w", err))
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, classify(fmt.Errorf("store: revisions held: %w", err))
		}
		out[id] = true
	}
	return out, classify(rows.Err())
}

// RecordKinds returns the kind and head of those of ids that are stored
// records, by id.
func (tx *Tx) RecordKinds(ctx context.Context, ids []string) (map[string][2]string, error) {
	arg, err := jsonIDs(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.tx.QueryContext(ctx, `SELECT id, kind, coalesce(head, '') FROM records
		WHERE id IN (SELECT value FROM json_each(?))`, arg)
	if err != nil {
		return nil, classify(fmt.Errorf("store: records held: %w", err))
	}
	defer rows.Close()
	out := map[string][2]string{}
	for rows.Next() {
		var id, kind, head string
		if err := rows.Scan(&id, &kind, &head); err != nil {
			return nil, classify(fmt.Errorf("store: records held: %w", err))
		}
		out[id] = [2]string{kind, head}
	}
	return out, classify(rows.Err())
}

// PutNewRecord stores a record this office did not have with all its
// revisions at once, oldest first: head is the one that stays its head,
// cols its plain columns. It is what PutRevision does revision by
// revision, without reading anything back: for imports of many new records.
func (tx *Tx) PutNewRecord(ctx context.Context, revs []Revision, head string, cols RecordColumns) error {
	if len(revs) == 0 {
		return nil
	}
	first := revs[0]
	fail := func(err error) error {
		return classify(fmt.Errorf("store: save %s %s: %w", first.Kind, first.RecordID, err))
	}
	created, updated := first.CreatedAt, first.CreatedAt
	deleted := false
	for _, r := range revs {
		if err := r.check(); err != nil {
			return fail(err)
		}
		if r.RecordID != first.RecordID || r.Kind != first.Kind {
			return fail(errors.New("revisions of different records"))
		}
		if r.ID == head {
			updated, deleted = r.CreatedAt, r.Tombstone
		}
	}
	if created.IsZero() {
		created = now()
	}
	if updated.IsZero() {
		updated = created
	}
	_, err := tx.exec(ctx, `INSERT INTO records (id, kind, head, code, status, stage, priority,
			is_child, assigned_to, created_at, updated_at, deleted)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		first.RecordID, first.Kind, head, nullString(cols.Code), nullString(cols.Status), nullString(cols.Stage),
		nullString(cols.Priority), cols.IsChild, nullString(cols.AssignedTo), formatTime(created), formatTime(updated), deleted)
	if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE) {
		return fail(ErrExists)
	}
	if err != nil {
		return fail(err)
	}
	for _, r := range revs {
		at := r.CreatedAt
		if at.IsZero() {
			at = created
		}
		if err := tx.insertRevision(ctx, r, formatTime(at)); err != nil {
			return fail(err)
		}
	}
	return nil
}

// RecordKnownTo reports whether office wrote a revision of the record or
// sent one here: it holds the record already.
func (db *DB) RecordKnownTo(ctx context.Context, recordID, office string) (bool, error) {
	var n int
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM revisions
		WHERE record_id = ? AND (office_id = ? OR received_from = ?)`, recordID, office, office).Scan(&n)
	if err != nil {
		return false, classify(fmt.Errorf("store: offices of record %s: %w", recordID, err))
	}
	return n > 0, nil
}
