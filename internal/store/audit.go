package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
)

// The audit chain: hash = SHA-256(prev_hash || canonical entry), where the
// canonical entry is auditDomain, seq as 8 bytes big-endian, then at (as
// stored), user_id, action, record_id and detail, each with a 4-byte
// big-endian length prefix so no two entries share an encoding. The first
// entry's prev_hash is 32 zero bytes. A plain hash, not a keyed one: the
// chain must verify without a password (amparoctl verify), so it proves
// that entries were not edited or removed one by one, not that a patient
// attacker did not rewrite the whole tail.
const (
	auditDomain    = "amparo/audit/v1"
	auditDetailMax = 500 // bytes; details are short technical words
	auditListMax   = 10000
	auditListDef   = 500
)

var auditGenesis = make([]byte, sha256.Size)

// AuditBrokenError says where the audit chain first fails to verify: an
// edited entry, a missing one, or one whose link to its predecessor is wrong.
type AuditBrokenError struct {
	Seq    int64  // the first entry that is altered, missing or mislinked
	Reason string // "altered", "missing", "wrong link"
}

func (e *AuditBrokenError) Error() string {
	return fmt.Sprintf("store: audit trail broken at entry %d: %s", e.Seq, e.Reason)
}

// auditHash chains one entry onto prev.
func auditHash(prev []byte, seq int64, at, userID, action, recordID, detail string) []byte {
	h := sha256.New()
	h.Write(prev)
	b := make([]byte, 0, len(auditDomain)+8+5*4+len(at)+len(userID)+len(action)+len(recordID)+len(detail))
	b = append(b, auditDomain...)
	b = binary.BigEndian.AppendUint64(b, uint64(seq))
	for _, s := range []string{at, userID, action, recordID, detail} {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	h.Write(b)
	return h.Sum(nil)
}

// AppendAudit appends e to the audit trail in its own transaction and
// returns its sequence number. Writes that have an audit entry append it
// with Tx.AppendAudit instead, in their own transaction.
func (db *DB) AppendAudit(ctx context.Context, e domain.AuditEntry) (seq int64, err error) {
	err = db.Update(ctx, "append audit entry", func(tx *Tx) error {
		seq, err = tx.AppendAudit(ctx, e)
		return err
	})
	return seq, err
}

// AppendAudit appends e to the audit trail inside the transaction and
// returns its sequence number. e.Seq and e.Username are ignored; a zero
// e.At means now. The detail must not hold personal data or secrets.
func (tx *Tx) AppendAudit(ctx context.Context, e domain.AuditEntry) (int64, error) {
	if e.Action == "" {
		return 0, errors.New("store: append audit entry: no action")
	}
	if len(e.Detail) > auditDetailMax {
		return 0, fmt.Errorf("store: append audit entry %s: detail longer than %d bytes", e.Action, auditDetailMax)
	}
	if e.At.IsZero() {
		e.At = now()
	}
	// The next number comes from sqlite_sequence, not from max(seq): when
	// the last entry was deleted, the gap stays visible.
	var last sql.NullInt64
	err := tx.tx.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'audit'`).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, classify(fmt.Errorf("store: append audit entry: %w", err))
	}
	prev := auditGenesis
	err = tx.tx.QueryRowContext(ctx, `SELECT hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, classify(fmt.Errorf("store: append audit entry: %w", err))
	}
	seq := last.Int64 + 1
	at := formatTime(e.At)
	hash := auditHash(prev, seq, at, e.UserID, string(e.Action), e.RecordID, e.Detail)
	_, err = tx.tx.ExecContext(ctx, `INSERT INTO audit (seq, at, user_id, action, record_id, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, at, nullString(e.UserID), string(e.Action), nullString(e.RecordID), e.Detail, prev, hash)
	if err != nil {
		return 0, classify(fmt.Errorf("store: append audit entry: %w", err))
	}
	return seq, nil
}

// VerifyAudit walks the audit chain from the first entry and returns a
// *AuditBrokenError naming the first entry that was edited, deleted or
// relinked; nil when the whole chain holds.
func (db *DB) VerifyAudit(ctx context.Context) error {
	// One read transaction: the walk and the sequence counter see the same
	// snapshot, so an entry appended meanwhile is no false alarm.
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return classify(fmt.Errorf("store: verify audit trail: %w", err))
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT seq, at, coalesce(user_id, ''), action, coalesce(record_id, ''), detail, prev_hash, hash
		FROM audit ORDER BY seq`)
	if err != nil {
		return classify(fmt.Errorf("store: verify audit trail: %w", err))
	}
	defer rows.Close()
	prevSeq, prevHash := int64(0), auditGenesis
	for rows.Next() {
		var seq int64
		var at, userID, action, recordID, detail string
		var linked, hash []byte
		if err := rows.Scan(&seq, &at, &userID, &action, &recordID, &detail, &linked, &hash); err != nil {
			return classify(fmt.Errorf("store: verify audit trail: %w", err))
		}
		switch {
		case seq != prevSeq+1:
			return &AuditBrokenError{Seq: prevSeq + 1, Reason: "missing"}
		case !bytes.Equal(linked, prevHash):
			return &AuditBrokenError{Seq: seq, Reason: "wrong link"}
		case !bytes.Equal(hash, auditHash(linked, seq, at, userID, action, recordID, detail)):
			return &AuditBrokenError{Seq: seq, Reason: "altered"}
		}
		prevSeq, prevHash = seq, hash
	}
	if err := rows.Err(); err != nil {
		return classify(fmt.Errorf("store: verify audit trail: %w", err))
	}
	var last sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'audit'`).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return classify(fmt.Errorf("store: verify audit trail: %w", err))
	}
	if last.Int64 > prevSeq { // the newest entries were deleted
		return &AuditBrokenError{Seq: prevSeq + 1, Reason: "missing"}
	}
	return nil
}

// ListAudit returns the entries that match f, newest first, with the
// username of each entry's user filled in.
func (db *DB) ListAudit(ctx context.Context, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	var where []string
	var args []any
	if f.UserID != "" {
		where, args = append(where, "a.user_id = ?"), append(args, f.UserID)
	}
	if f.Action != "" {
		where, args = append(where, "a.action = ?"), append(args, string(f.Action))
	}
	if !f.From.IsZero() {
		where, args = append(where, "a.at >= ?"), append(args, formatTime(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "a.at < ?"), append(args, formatTime(f.To))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = auditListDef
	}
	limit = min(limit, auditListMax)
	q := `SELECT a.seq, a.at, coalesce(a.user_id, ''), coalesce(u.username, ''), a.action, coalesce(a.record_id, ''), a.detail
		FROM audit a LEFT JOIN users u ON u.id = a.user_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.seq DESC LIMIT ?"
	rows, err := db.r.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, classify(fmt.Errorf("store: list audit trail: %w", err))
	}
	defer rows.Close()
	var es []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		var at sql.NullString
		if err := rows.Scan(&e.Seq, &at, &e.UserID, &e.Username, &e.Action, &e.RecordID, &e.Detail); err != nil {
			return nil, classify(fmt.Errorf("store: list audit trail: %w", err))
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("store: list audit trail: %w", err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(fmt.Errorf("store: list audit trail: %w", err))
	}
	return es, nil
}
