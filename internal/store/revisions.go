package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/vault"
	sqlite3 "modernc.org/sqlite/lib"
)

// Revision is one version of a record. Everything that identifies a person
// is in Body, sealed by the caller with associated data naming Kind,
// RecordID and ID; the store only ever sees the sealed bytes.
type Revision struct {
	ID        string   // UUID
	RecordID  string   // UUID of the record, the same in every office
	Kind      string   // record kind: "case", "person"...
	Parents   []string // parent revision ids: none for the first, two after a merge
	OfficeID  string   // authoring office
	UserID    string   // authoring user (of that office)
	HLC       string   // hybrid logical clock stamp, sortable as text
	Body      vault.Sealed
	Tombstone bool      // a deletion; carries no personal data
	CreatedAt time.Time // zero means now
	// ReceivedFrom is the office whose export file brought the revision,
	// "" when it was written here.
	ReceivedFrom string
	// Resolves names the merge revision whose conflict this revision
	// resolves ("" for every other revision).
	Resolves string
	// Seq is the local order in which revisions were stored (read only):
	// exports to an office start after the last one it was sent.
	Seq int64
	// IsHead and RecordChild are read from the record's plain row (read
	// only): whether this revision is its head, and its child flag.
	IsHead, RecordChild bool
}

// RecordColumns are the plain columns lists and filters need, derived by the
// caller from the head revision. None of them may identify a person.
type RecordColumns struct {
	Code       string // case code, cases only
	Status     string
	Stage      string
	Priority   string
	IsChild    bool
	AssignedTo string // user id
}

// Record is a record's plain row.
type Record struct {
	ID, Kind, Head string
	RecordColumns
	CreatedAt, UpdatedAt time.Time
	Deleted              bool
}

func (r Revision) check() error {
	switch {
	case r.ID == "" || r.RecordID == "" || r.Kind == "":
		return errors.New("revision needs an id, a record id and a kind")
	case r.OfficeID == "" || r.UserID == "" || r.HLC == "":
		return errors.New("revision needs an office, a user and a clock stamp")
	case !r.Tombstone && len(r.Body) == 0:
		return errors.New("revision needs a sealed body")
	}
	return nil
}

// PutRevision adds rev inside the transaction, creating its record on the
// first revision. The revision becomes the record's head, and cols its plain
// columns, when its clock stamp is later than the current head's (ties go to
// the greater revision id, so every office picks the same head); an older
// revision, as an import may bring, is kept in the history only. A tombstone
// head marks the record deleted. It refuses a revision id already stored
// (ErrExists) and a record id already used by another kind.
func (tx *Tx) PutRevision(ctx context.Context, rev Revision, cols RecordColumns) error {
	fail := func(err error) error {
		return classify(fmt.Errorf("store: save %s %s revision %s: %w", rev.Kind, rev.RecordID, rev.ID, err))
	}
	if err := rev.check(); err != nil {
		return fail(err)
	}
	created := rev.CreatedAt
	if created.IsZero() {
		created = now()
	}
	at := formatTime(created)

	var kind string
	var headHLC, headID sql.NullString
	row, err := tx.queryRow(ctx, `SELECT r.kind, v.hlc, v.id FROM records r
		LEFT JOIN revisions v ON v.id = r.head WHERE r.id = ?`, rev.RecordID)
	if err != nil {
		return fail(err)
	}
	err = row.Scan(&kind, &headHLC, &headID)
	isNew := errors.Is(err, sql.ErrNoRows)
	switch {
	case isNew:
		// The head refers to the revision inserted just below; the foreign
		// key is deferred to the commit.
		_, err = tx.exec(ctx, `INSERT INTO records (id, kind, head, code, status, stage, priority,
				is_child, assigned_to, created_at, updated_at, deleted)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			rev.RecordID, rev.Kind, rev.ID, nullString(cols.Code), nullString(cols.Status), nullString(cols.Stage),
			nullString(cols.Priority), cols.IsChild, nullString(cols.AssignedTo), at, at, rev.Tombstone)
		if err != nil {
			return fail(err)
		}
	case err != nil:
		return fail(err)
	case kind != rev.Kind:
		return fail(fmt.Errorf("record is a %s", kind))
	}

	if err := tx.insertRevision(ctx, rev, at); err != nil {
		return fail(err)
	}
	if isNew || headHLC.Valid && (rev.HLC < headHLC.String || rev.HLC == headHLC.String && rev.ID < headID.String) {
		return nil
	}
	_, err = tx.exec(ctx, `UPDATE records SET head = ?, code = ?, status = ?, stage = ?, priority = ?,
			is_child = ?, assigned_to = ?, updated_at = ?, deleted = ? WHERE id = ?`,
		rev.ID, nullString(cols.Code), nullString(cols.Status), nullString(cols.Stage), nullString(cols.Priority),
		cols.IsChild, nullString(cols.AssignedTo), at, rev.Tombstone, rev.RecordID)
	if err != nil {
		return fail(err)
	}
	return nil
}

// insertRevision inserts the revision row (its record row must exist);
// ErrExists when the id is taken.
func (tx *Tx) insertRevision(ctx context.Context, rev Revision, at string) error {
	parents := rev.Parents
	if parents == nil {
		parents = []string{}
	}
	pj, err := json.Marshal(parents)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO revisions (id, record_id, parents, office_id, user_id, hlc, body,
			tombstone, created_at, received_from, resolves)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rev.ID, rev.RecordID, string(pj), rev.OfficeID, rev.UserID, rev.HLC, nullBytes(rev.Body), rev.Tombstone, at,
		nullString(rev.ReceivedFrom), nullString(rev.Resolves))
	if isConstraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE) {
		return ErrExists
	}
	return err
}

const revisionColumns = `v.id, v.record_id, r.kind, v.parents, v.office_id, v.user_id, v.hlc, v.body, v.tombstone,
	v.created_at, v.received_from, v.resolves, v.rowid, v.id = r.head, r.is_child`

func (db *DB) queryRevisions(ctx context.Context, what, where string, args ...any) ([]Revision, error) {
	return queryRevisions(ctx, db.r, what, where, args...)
}

func queryRevisions(ctx context.Context, q queryer, what, where string, args ...any) ([]Revision, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+revisionColumns+`
		FROM revisions v JOIN records r ON r.id = v.record_id `+where, args...)
	if err != nil {
		return nil, classify(fmt.Errorf("store: read %s: %w", what, err))
	}
	defer rows.Close()
	var revs []Revision
	for rows.Next() {
		var rev Revision
		var parents string
		var created, from, resolves sql.NullString
		var body []byte
		if err := rows.Scan(&rev.ID, &rev.RecordID, &rev.Kind, &parents, &rev.OfficeID, &rev.UserID, &rev.HLC,
			&body, &rev.Tombstone, &created, &from, &resolves, &rev.Seq, &rev.IsHead, &rev.RecordChild); err != nil {
			return nil, classify(fmt.Errorf("store: read %s: %w", what, err))
		}
		rev.Body, rev.ReceivedFrom, rev.Resolves = body, from.String, resolves.String
		if rev.Parents, err = parseParents(parents); err != nil {
			return nil, fmt.Errorf("store: read %s: parents of revision %s: %w", what, rev.ID, ErrCorrupt)
		}
		if rev.CreatedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("store: read %s: %w", what, err)
		}
		revs = append(revs, rev)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(fmt.Errorf("store: read %s: %w", what, err))
	}
	return revs, nil
}

// parseParents reads the JSON array of parent ids. The usual shapes (none,
// one id) are read without the JSON decoder: exports read every revision.
func parseParents(s string) ([]string, error) {
	switch {
	case s == "[]":
		return []string{}, nil
	case len(s) > 4 && s[0] == '[' && s[1] == '"' && s[len(s)-2] == '"' && s[len(s)-1] == ']' &&
		!strings.ContainsAny(s[2:len(s)-2], `"\\`):
		return []string{s[2 : len(s)-2]}, nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Revisions returns every revision of a record, oldest first by clock stamp.
func (db *DB) Revisions(ctx context.Context, recordID string) ([]Revision, error) {
	return db.queryRevisions(ctx, "revisions of "+recordID, `WHERE v.record_id = ? ORDER BY v.hlc, v.id`, recordID)
}

// HeadBodies returns the head revision of every record of kind that is not
// deleted (kind "" for every kind), with its sealed body: what the search
// index opens after unlock.
func (db *DB) HeadBodies(ctx context.Context, kind string) ([]Revision, error) {
	if kind == "" {
		return db.queryRevisions(ctx, "head revisions", `WHERE v.id = r.head AND r.deleted = 0 ORDER BY r.id`)
	}
	return db.queryRevisions(ctx, kind+" head revisions", `WHERE v.id = r.head AND r.deleted = 0 AND r.kind = ? ORDER BY r.id`, kind)
}

// SampleRevisions returns up to n revisions with a body, picked at random,
// for a self-test that sealed data still opens.
func (db *DB) SampleRevisions(ctx context.Context, n int) ([]Revision, error) {
	return db.queryRevisions(ctx, "sample of revisions", `WHERE v.body IS NOT NULL ORDER BY random() LIMIT ?`, n)
}

// Record returns a record's plain row, or ErrNotFound.
func (db *DB) Record(ctx context.Context, id string) (Record, error) {
	var r Record
	var head, code, status, stage, priority, assigned, created, updated sql.NullString
	err := db.r.QueryRowContext(ctx, `SELECT id, kind, head, code, status, stage, priority, is_child, assigned_to,
			created_at, updated_at, deleted FROM records WHERE id = ?`, id).Scan(&r.ID, &r.Kind, &head, &code, &status,
		&stage, &priority, &r.IsChild, &assigned, &created, &updated, &r.Deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Record{}, fmt.Errorf("store: read record %s: %w", id, ErrNotFound)
	case err != nil:
		return Record{}, classify(fmt.Errorf("store: read record %s: %w", id, err))
	}
	r.Head, r.Code, r.Status, r.Stage, r.Priority, r.AssignedTo = head.String, code.String, status.String, stage.String, priority.String, assigned.String
	if r.CreatedAt, err = parseTime(created); err == nil {
		r.UpdatedAt, err = parseTime(updated)
	}
	if err != nil {
		return Record{}, fmt.Errorf("store: read record %s: %w", id, err)
	}
	return r, nil
}
