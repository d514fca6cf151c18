package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestClassify(t *testing.T) {
	// A real SQLite error: a text file opened as a database.
	text := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(text, []byte("not a database, just some text that is long enough"), 0o600); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, text)
	_, notADB := raw.Exec(`SELECT * FROM sqlite_schema`)
	raw.Close()
	plain := errors.New("plain")

	cases := []struct {
		name string
		err  error
		want error // nil: returned unchanged
	}{
		{"given no space from the OS then ErrDiskFull", &fs.PathError{Op: "write", Path: "x", Err: diskFullErrnos[0]}, ErrDiskFull},
		{"given a read-only file system then ErrNotWritable", &fs.PathError{Op: "open", Path: "x", Err: readOnlyErrnos[0]}, ErrNotWritable},
		{"given permission denied then ErrNotWritable", fmt.Errorf("open: %w", fs.ErrPermission), ErrNotWritable},
		{"given SQLite's not-a-database then ErrCorrupt", notADB, ErrCorrupt},
		{"given an unrelated error then unchanged", plain, nil},
		{"given nil then nil", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := classify(c.err)
			if c.want == nil {
				if got != c.err {
					t.Errorf("classify(%v) = %v, want it unchanged", c.err, got)
				}
				return
			}
			if !errors.Is(got, c.want) || !errors.Is(got, c.err) || got.Error() != c.err.Error() {
				t.Errorf("classify(%v) = %v; want it marked %v, message unchanged", c.err, got, c.want)
			}
			if again := classify(got); again != got {
				t.Errorf("classify twice wrapped again: %v", again)
			}
		})
	}
}
