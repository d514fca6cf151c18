package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Fixtures shared by the tests of this package: real SQLite files in t.TempDir().

// day is a fixed "now" for backup tests.
var day = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

// openDB opens dir and closes it when the test ends.
func openDB(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// closeDB closes db, failing the test on error.
func closeDB(t *testing.T, db *DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// setSetting stores a setting, failing the test on error.
func setSetting(t *testing.T, db *DB, key, value string) {
	t.Helper()
	if err := db.SetSetting(context.Background(), key, value); err != nil {
		t.Fatalf("SetSetting(%q): %v", key, err)
	}
}

// setting reads a setting that must exist.
func setting(t *testing.T, db *DB, key string) string {
	t.Helper()
	v, ok, err := db.Setting(context.Background(), key)
	if err != nil || !ok {
		t.Fatalf("Setting(%q) = %q, %v, %v; want a value", key, v, ok, err)
	}
	return v
}

// populatedDB makes a closed Amparo database in dir with enough rows to
// span many pages, and returns its path.
func populatedDB(t *testing.T, dir string) string {
	t.Helper()
	db := openDB(t, dir)
	err := db.update(context.Background(), "fill", func(tx *sql.Tx) error {
		for i := range 300 {
			if _, err := tx.Exec(`INSERT INTO settings VALUES (?, ?)`, fmt.Sprintf("key-%03d", i), strings.Repeat("v", 200)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	closeDB(t, db)
	return db.Path()
}

// damage overwrites one whole page in the middle of the database file at
// path with garbage, the way a failing disk would.
func damage(t *testing.T, path string) {
	t.Helper()
	const page = 4096
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := fi.Size() / page
	if pages < 4 {
		t.Fatalf("%s has %d pages; too small to damage in the middle", path, pages)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xDE, 0xAD, 0xBE, 0xEF}, page/4), pages/2*page); err != nil {
		t.Fatal(err)
	}
}

// rawDB opens path with plain database/sql, as another program would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(5000)"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// execRaw runs statements on path outside the store API and closes it.
func execRaw(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// snapshot returns a digest of every file and folder under root (except
// lock files, which Open may create), to prove that a refusal changed nothing.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() == lockName {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			files[rel+"/"] = "folder"
			return nil
		}
		b, err := os.ReadFile(path)
		sum := sha256.Sum256(b)
		files[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// assertUnchanged fails if any file under root differs from before.
func assertUnchanged(t *testing.T, root string, before map[string]string) {
	t.Helper()
	after := snapshot(t, root)
	if maps.Equal(before, after) {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(before)) {
		if after[k] != before[k] {
			t.Errorf("%s changed or vanished", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}
