package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestBackupRestore_RoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	out := filepath.Join(t.TempDir(), "usb", "copy.db")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, dir)
	setSetting(t, db, "lang", "fr")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	setSetting(t, db, "lang", "pt")
	closeDB(t, db)

	if err := Restore(dir, out); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	db = openDB(t, dir)
	t.Run("given a backup and a later change when restored then the old value is back", func(t *testing.T) {
		if got := setting(t, db, "lang"); got != "fr" {
			t.Errorf("lang = %q, want fr", got)
		}
	})
	t.Run("given a restore when done then the replaced database is kept aside", func(t *testing.T) {
		asides, _ := filepath.Glob(filepath.Join(dir, "backups", "before-restore-*.db"))
		if len(asides) != 1 {
			t.Fatalf("before-restore files: %v", asides)
		}
		raw := rawDB(t, asides[0])
		defer raw.Close()
		var lang string
		if err := raw.QueryRow(`SELECT value FROM settings WHERE key = 'lang'`).Scan(&lang); err != nil || lang != "pt" {
			t.Errorf("kept-aside lang = %q, %v; want pt", lang, err)
		}
	})
}

func TestBackup_RefusesExistingFile(t *testing.T) {
	db := openDB(t, t.TempDir())
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(out, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Dir(out))
	err := db.Backup(context.Background(), out)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over a file: %v, want fs.ErrExist", err)
	}
	assertUnchanged(t, filepath.Dir(out), before)
}

func TestDailyBackup_KeepsSeven(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, dir)
	backups := filepath.Join(dir, "backups")
	// Files rotation must leave alone.
	others := []string{"before-restore-2025-01-01-101010.db", "amparo-manual.db", "amparo-2025-13-40.db"}
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range others {
		if err := os.WriteFile(filepath.Join(backups, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	for i := range 10 {
		now := day.AddDate(0, 0, i)
		path, made, err := db.DailyBackup(ctx, now)
		if err != nil || !made || path != filepath.Join(backups, "amparo-"+now.Format("2006-01-02")+".db") {
			t.Fatalf("day %d: DailyBackup = %q, %v, %v", i, path, made, err)
		}
		// Later the same day: nothing new.
		again, made, err := db.DailyBackup(ctx, now.Add(8*time.Hour))
		if err != nil || made || again != path {
			t.Fatalf("day %d again: DailyBackup = %q, %v, %v", i, again, made, err)
		}
	}

	t.Run("given ten days of backups when rotated then the newest seven and other files remain", func(t *testing.T) {
		var want []string
		for i := 3; i < 10; i++ {
			want = append(want, fmt.Sprintf("amparo-%s.db", day.AddDate(0, 0, i).Format("2006-01-02")))
		}
		want = append(want, others...)
		entries, err := os.ReadDir(backups)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("backups = %v\nwant %v", got, want)
		}
	})
	t.Run("given daily backups when asked for the latest then it is the newest", func(t *testing.T) {
		got, err := LatestBackup(dir)
		if want := filepath.Join(backups, "amparo-2025-03-19.db"); err != nil || got != want {
			t.Errorf("LatestBackup = %q, %v; want %q", got, err, want)
		}
	})
}

func TestLatestBackup(t *testing.T) {
	ctx := context.Background()
	t.Run("given no backups when asked then none", func(t *testing.T) {
		dir := t.TempDir()
		if got, err := LatestBackup(dir); got != "" || err != nil {
			t.Errorf("LatestBackup = %q, %v; want none", got, err)
		}
	})
	t.Run("given the newest backup is damaged when asked then the one before", func(t *testing.T) {
		dir := t.TempDir()
		populatedDB(t, dir) // big enough to damage in the middle
		db := openDB(t, dir)
		var paths []string
		for i := range 2 {
			p, _, err := db.DailyBackup(ctx, day.AddDate(0, 0, i))
			if err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		damage(t, paths[1])
		if got, err := LatestBackup(dir); got != paths[0] || err != nil {
			t.Errorf("LatestBackup = %q, %v; want %q", got, err, paths[0])
		}
	})
}

func TestRestore_Refuses(t *testing.T) {
	cases := []struct {
		name   string
		source func(t *testing.T, path string) // writes the file to restore from
		want   error
	}{
		{"given a text file when restored then ErrNotAmparo", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("hello"), 0o600)
		}, ErrNotAmparo},
		{"given an empty file when restored then ErrNotAmparo", func(t *testing.T, path string) {
			os.WriteFile(path, nil, 0o600)
		}, ErrNotAmparo},
		{"given another program's database when restored then ErrNotAmparo", func(t *testing.T, path string) {
			execRaw(t, path, `CREATE TABLE contacts (name TEXT)`)
		}, ErrNotAmparo},
		{"given a damaged backup when restored then ErrCorrupt", func(t *testing.T, path string) {
			src := populatedDB(t, t.TempDir())
			b, _ := os.ReadFile(src)
			os.WriteFile(path, b, 0o600)
			damage(t, path)
		}, ErrCorrupt},
		{"given a backup from a newer Amparo when restored then ErrTooNew", func(t *testing.T, path string) {
			db := openDB(t, t.TempDir())
			if err := db.Backup(context.Background(), path); err != nil {
				t.Fatal(err)
			}
			execRaw(t, path, fmt.Sprintf(`PRAGMA user_version = %d`, latestVersion+1))
		}, ErrTooNew},
		{"given no such file when restored then fs.ErrNotExist", func(t *testing.T, path string) {}, fs.ErrNotExist},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "data")
			db := openDB(t, dir)
			setSetting(t, db, "lang", "fr")
			closeDB(t, db)
			from := filepath.Join(root, "from.db")
			c.source(t, from)
			before := snapshot(t, root)

			err := Restore(dir, from)
			if !errors.Is(err, c.want) {
				t.Fatalf("Restore: %v, want %v", err, c.want)
			}
			assertUnchanged(t, root, before)
		})
	}
	t.Run("given the folder is open when restored then ErrLocked", func(t *testing.T) {
		root := t.TempDir()
		dir := filepath.Join(root, "data")
		db := openDB(t, dir)
		from := filepath.Join(root, "from.db")
		if err := db.Backup(context.Background(), from); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, root)
		if err := Restore(dir, from); !errors.Is(err, ErrLocked) {
			t.Fatalf("Restore: %v, want ErrLocked", err)
		}
		assertUnchanged(t, root, before)
	})
}
