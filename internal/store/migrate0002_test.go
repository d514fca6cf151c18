package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestMigrate0002_KeepsRows: users and an office written by a version 1
// build keep their rows, with empty security columns, after 0002.
func TestMigrate0002_KeepsRows(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if v, err := migrate(ctx, raw, 1); err != nil || v != 1 {
		t.Fatalf("migrate to 1: %d, %v", v, err)
	}
	for _, s := range []string{
		`INSERT INTO office (id, name, country, lang, code_prefix, created_at) VALUES ('o1', 'Centre', 'CI', 'fr', 'CA', '2025-03-10T09:30:00Z')`,
		`INSERT INTO users (id, username, role, created_at) VALUES ('u1', 'ama', 'admin', '2025-03-10T09:30:00Z')`,
	} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db := openDB(t, dir)
	o, err := db.Office(ctx)
	if err != nil || o.ID != "o1" || o.Address != "" || len(o.Identity) != 0 || !o.CreatedAt.Equal(day) {
		t.Errorf("office after 0002 = %+v, %v", o, err)
	}
	u, err := db.UserByID(ctx, "u1")
	if err != nil || u.Username != "ama" || u.Name != "" || u.FailedCount != 0 || !u.LockedUntil.IsZero() || u.WrappedKey.Ciphertext != nil {
		t.Errorf("user after 0002 = %+v, %v", u, err)
	}
}
