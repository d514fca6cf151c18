package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, dir)

	t.Run("given no value when read then not ok", func(t *testing.T) {
		if v, ok, err := db.Setting(ctx, "window.width"); v != "" || ok || err != nil {
			t.Errorf("Setting = %q, %v, %v; want none", v, ok, err)
		}
	})
	t.Run("given a value set twice when read then the last one", func(t *testing.T) {
		setSetting(t, db, "lang", "fr")
		setSetting(t, db, "lang", "pt")
		if got := setting(t, db, "lang"); got != "pt" {
			t.Errorf("lang = %q, want pt", got)
		}
	})
	t.Run("given an empty key when set then refused", func(t *testing.T) {
		if err := db.SetSetting(ctx, "", "x"); err == nil {
			t.Error("SetSetting with an empty key succeeded")
		}
	})
	t.Run("given a value when reopened then it is kept", func(t *testing.T) {
		closeDB(t, db)
		if got := setting(t, openDB(t, dir), "lang"); got != "pt" {
			t.Errorf("lang = %q after reopen, want pt", got)
		}
	})
}

func TestSetSetting_DiskFull(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, dir)
	setSetting(t, db, "lang", "fr")
	closeDB(t, db)
	before := snapshot(t, dir)

	db = openDB(t, dir)
	// max_page_count is per connection; the write pool has exactly one, so
	// this makes the file "full" for every write that needs a new page.
	var pages int
	if err := db.w.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}

	t.Run("given a full disk when a setting is saved then ErrDiskFull and nothing changes", func(t *testing.T) {
		err := db.SetSetting(ctx, "lang", strings.Repeat("x", 64<<10))
		if !errors.Is(err, ErrDiskFull) {
			t.Fatalf("SetSetting: %v, want ErrDiskFull", err)
		}
		if got := setting(t, db, "lang"); got != "fr" {
			t.Errorf("lang = %q after failed save, want fr", got)
		}
		closeDB(t, db)
		assertUnchanged(t, dir, before)
	})
}
