package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

// OfficeRow is the office as stored: its public details, the sealed
// identity, and the public half of that identity for the office card.
type OfficeRow struct {
	domain.Office
	Identity      vault.Sealed // age X25519 + Ed25519 private keys, sealed with the data key for this office id
	AgeRecipient  string       // age1..., public
	SignPublicKey []byte       // Ed25519 public key
}

// Office returns the office, or ErrNotFound before setup.
func (db *DB) Office(ctx context.Context) (OfficeRow, error) {
	var o OfficeRow
	var created sql.NullString
	var identity []byte // database/sql cannot scan NULL into a named slice type
	err := db.r.QueryRowContext(ctx, `SELECT id, name, country, lang, code_prefix, created_at,
			address, phone, email, logo, identity, age_recipient, sign_public_key
		FROM office LIMIT 1`).Scan(&o.ID, &o.Name, &o.Country, &o.Lang, &o.CodePrefix, &created,
		&o.Address, &o.Phone, &o.Email, &o.Logo, &identity, &o.AgeRecipient, &o.SignPublicKey)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return OfficeRow{}, fmt.Errorf("store: read office: %w", ErrNotFound)
	case err != nil:
		return OfficeRow{}, classify(fmt.Errorf("store: read office: %w", err))
	}
	if o.CreatedAt, err = parseTime(created); err != nil {
		return OfficeRow{}, fmt.Errorf("store: read office: %w", err)
	}
	o.Identity = identity
	return o, nil
}

// HasOffice reports whether the office is set up.
func (db *DB) HasOffice(ctx context.Context) (bool, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM office`).Scan(&n); err != nil {
		return false, classify(fmt.Errorf("store: read office: %w", err))
	}
	return n > 0, nil
}

// InsertOffice writes the one office row; ErrExists if there is one already.
func (tx *Tx) InsertOffice(ctx context.Context, o OfficeRow) error {
	var n int
	if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM office`).Scan(&n); err != nil {
		return classify(fmt.Errorf("store: save office: %w", err))
	}
	if n > 0 {
		return fmt.Errorf("store: save office: %w", ErrExists)
	}
	if o.ID == "" || len(o.Identity) == 0 {
		return errors.New("store: save office: id and sealed identity are required")
	}
	created := o.CreatedAt
	if created.IsZero() {
		created = now()
	}
	_, err := tx.tx.ExecContext(ctx, `INSERT INTO office (id, name, country, lang, code_prefix, created_at,
			address, phone, email, logo, identity, age_recipient, sign_public_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.ID, o.Name, o.Country, o.Lang, o.CodePrefix, formatTime(created),
		o.Address, o.Phone, o.Email, nullBytes(o.Logo), []byte(o.Identity), o.AgeRecipient, nullBytes(o.SignPublicKey))
	if err != nil {
		return classify(fmt.Errorf("store: save office: %w", err))
	}
	return nil
}

// nullBytes gives NULL for an empty slice.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}
