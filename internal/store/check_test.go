package store

import (
	"context"
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, dir)
	backup, _, err := db.DailyBackup(ctx, day)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("given a sound database when checked then no error", func(t *testing.T) {
		if err := db.Check(ctx); err != nil {
			t.Errorf("Check: %v", err)
		}
	})
	t.Run("given a revision of a missing record when checked then ErrCorrupt with the backup", func(t *testing.T) {
		// Written past the foreign key guard, as a buggy or hostile tool might.
		conn, err := db.w.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for _, s := range []string{
			`PRAGMA foreign_keys = OFF`,
			`INSERT INTO revisions (id, record_id, office_id, user_id, hlc, body, created_at)
			 VALUES ('r1', 'missing', 'o', 'u', '1', x'00', '2025-03-10T00:00:00Z')`,
			`PRAGMA foreign_keys = ON`,
		} {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		err = db.Check(ctx)
		var ce *CorruptError
		if !errors.Is(err, ErrCorrupt) || !errors.As(err, &ce) || ce.Backup != backup {
			t.Errorf("Check: %v; want a *CorruptError naming %s", err, backup)
		}
		t.Log(err)
	})
}
