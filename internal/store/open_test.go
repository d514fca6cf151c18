package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestOpen_PragmasOnBothPools(t *testing.T) {
	ctx := context.Background()
	// A folder name with characters a URI would misread (and Windows allows).
	db := openDB(t, filepath.Join(t.TempDir(), "data a#b%20c"))
	want := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"}

	pools := []struct {
		name      string
		pool      *sql.DB
		conns     int
		queryOnly string
	}{
		{"write", db.w, 1, "0"},
		{"read", db.r, 3, "1"}, // several at once, so each is a separate connection
	}
	for _, p := range pools {
		t.Run("given an opened database when the "+p.name+" pool is asked then every pragma is in effect", func(t *testing.T) {
			for i := range p.conns {
				conn, err := p.pool.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				want := maps.Clone(want)
				want["query_only"] = p.queryOnly
				for name, w := range want {
					var got string
					if err := conn.QueryRowContext(ctx, "PRAGMA "+name).Scan(&got); err != nil {
						t.Fatal(err)
					}
					if got != w {
						t.Errorf("connection %d: PRAGMA %s = %q, want %q", i, name, got, w)
					}
				}
			}
		})
	}
	t.Run("given the read pool when it writes then SQLite refuses", func(t *testing.T) {
		_, err := db.r.ExecContext(ctx, `INSERT INTO settings VALUES ('k', 'v')`)
		if !errors.Is(classify(err), ErrNotWritable) {
			t.Errorf("write on read pool: %v, want a read-only error", err)
		}
	})
}

func TestOpen_NewFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "amparo")
	db := openDB(t, dir)

	t.Run("given no folder when opened then folder and database exist at the latest version", func(t *testing.T) {
		if db.Dir() != dir || db.Path() != filepath.Join(dir, "amparo.db") {
			t.Errorf("Dir, Path = %q, %q", db.Dir(), db.Path())
		}
		if db.SchemaVersion() != latestVersion || latestVersion < 1 {
			t.Errorf("SchemaVersion = %d, want %d", db.SchemaVersion(), latestVersion)
		}
		var appID int
		if err := db.r.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil || appID != applicationID {
			t.Errorf("application_id = %#x, %v", appID, err)
		}
	})
	t.Run("given no folder when opened then folder and database are private to the user", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			return // Windows uses ACLs, not mode bits; the user profile folder is private already
		}
		for path, want := range map[string]os.FileMode{dir: 0o700, db.Path(): 0o600, db.Path() + "-wal": 0o600} {
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("%s mode %v, want %v", filepath.Base(path), got, want)
			}
		}
	})
}

func TestOpen_Reopen(t *testing.T) {
	dir := t.TempDir()
	db := openDB(t, dir)
	setSetting(t, db, "lang", "fr")
	closeDB(t, db)

	db = openDB(t, dir)
	t.Run("given a closed database when reopened then nothing is migrated twice and data is kept", func(t *testing.T) {
		var n, max int
		if err := db.r.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
			t.Fatal(err)
		}
		if n != latestVersion || max != latestVersion || db.SchemaVersion() != latestVersion {
			t.Errorf("schema_migrations has %d rows up to %d, version %d; want %d", n, max, db.SchemaVersion(), latestVersion)
		}
		if got := setting(t, db, "lang"); got != "fr" {
			t.Errorf("lang = %q after reopen, want fr", got)
		}
	})
}

func TestOpen_Refuses(t *testing.T) {
	type refusal struct {
		name  string
		setup func(t *testing.T, root string) (dir string) // the data folder to open
		want  error
		check func(t *testing.T, root string, err error) // optional
	}
	cases := []refusal{
		{
			name: "given the data folder path is a file when opened then ErrNotWritable",
			setup: func(t *testing.T, root string) string {
				path := filepath.Join(root, "amparo")
				if err := os.WriteFile(path, []byte("notes"), 0o600); err != nil {
					t.Fatal(err)
				}
				return path
			},
			want: ErrNotWritable,
		},
		{
			name: "given the data folder lies under a file when opened then ErrNotWritable",
			setup: func(t *testing.T, root string) string {
				path := filepath.Join(root, "file")
				if err := os.WriteFile(path, []byte("notes"), 0o600); err != nil {
					t.Fatal(err)
				}
				dir := filepath.Join(path, "amparo")
				if err := os.MkdirAll(dir, 0o700); err == nil {
					t.Fatal("precondition: a folder could be made under a file")
				}
				return dir
			},
			want: ErrNotWritable,
		},
		{
			name: "given amparo.db is a folder when opened then ErrNotWritable",
			setup: func(t *testing.T, root string) string {
				if err := os.Mkdir(filepath.Join(root, FileName), 0o700); err != nil {
					t.Fatal(err)
				}
				return root
			},
			want: ErrNotWritable,
		},
		{
			name: "given amparo.db is a text file when opened then ErrNotAmparo",
			setup: func(t *testing.T, root string) string {
				if err := os.WriteFile(filepath.Join(root, FileName), []byte("Dear diary,\nnot a database.\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				return root
			},
			want: ErrNotAmparo,
		},
		{
			name: "given another program's SQLite database when opened then ErrNotAmparo",
			setup: func(t *testing.T, root string) string {
				execRaw(t, filepath.Join(root, FileName), `CREATE TABLE contacts (name TEXT)`, `INSERT INTO contacts VALUES ('x')`)
				return root
			},
			want: ErrNotAmparo,
		},
		{
			name: "given a SQLite database with another application_id when opened then ErrNotAmparo",
			setup: func(t *testing.T, root string) string {
				execRaw(t, filepath.Join(root, FileName), `PRAGMA application_id = 1234`)
				return root
			},
			want: ErrNotAmparo,
		},
		{
			name: "given a database from a newer Amparo (user_version) when opened then ErrTooNew",
			setup: func(t *testing.T, root string) string {
				closeDB(t, openDB(t, root))
				execRaw(t, filepath.Join(root, FileName), fmt.Sprintf(`PRAGMA user_version = %d`, latestVersion+1))
				return root
			},
			want: ErrTooNew,
		},
		{
			name: "given a database from a newer Amparo (migrations table) when opened then ErrTooNew",
			setup: func(t *testing.T, root string) string {
				closeDB(t, openDB(t, root))
				execRaw(t, filepath.Join(root, FileName),
					fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, 'later')`, latestVersion+1))
				return root
			},
			want: ErrTooNew,
		},
		{
			name: "given a damaged database and backups when opened then ErrCorrupt names the latest good backup",
			setup: func(t *testing.T, root string) string {
				db := openDB(t, root)
				for i := range 3 {
					if _, _, err := db.DailyBackup(context.Background(), day.AddDate(0, 0, i)); err != nil {
						t.Fatal(err)
					}
				}
				closeDB(t, db)
				damage(t, populatedDB(t, root))
				return root
			},
			want: ErrCorrupt,
			check: func(t *testing.T, root string, err error) {
				var ce *CorruptError
				want := filepath.Join(root, "backups", "amparo-2025-03-12.db")
				if !errors.As(err, &ce) || ce.Backup != want {
					t.Errorf("error %v; want a *CorruptError with backup %s", err, want)
				}
			},
		},
		{
			name: "given the folder is open in another Amparo when opened then ErrLocked",
			setup: func(t *testing.T, root string) string {
				openDB(t, root) // stays open until the test ends
				return root
			},
			want: ErrLocked,
		},
	}
	if chmodStopsWrites(t) {
		// Only meaningful without root: root writes through any mode bits,
		// which is why the two "file in the way" cases above exist.
		cases = append(cases, refusal{
			name: "given a read-only data folder when opened then ErrNotWritable",
			setup: func(t *testing.T, root string) string {
				dir := filepath.Join(root, "ro")
				if err := os.Mkdir(dir, 0o500); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(dir, 0o700) })
				return dir
			},
			want: ErrNotWritable,
		}, refusal{
			name: "given a read-only amparo.db when opened then ErrNotWritable",
			setup: func(t *testing.T, root string) string {
				closeDB(t, openDB(t, root))
				if err := os.Chmod(filepath.Join(root, FileName), 0o400); err != nil {
					t.Fatal(err)
				}
				return root
			},
			want: ErrNotWritable,
		})
	} else {
		t.Log("running as root: chmod does not stop writes, the two read-only cases are not run")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			dir := c.setup(t, root)
			before := snapshot(t, root)

			db, err := Open(dir)
			if err == nil {
				db.Close()
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Open: %v, want %v", err, c.want)
			}
			assertUnchanged(t, root, before)
			if c.check != nil {
				c.check(t, root, err)
			}
		})
	}
}

// chmodStopsWrites tells whether a folder's mode bits stop this process
// writing in it (false for root, and on Windows).
func chmodStopsWrites(t *testing.T) bool {
	dir := filepath.Join(t.TempDir(), "probe")
	if err := os.Mkdir(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	return os.WriteFile(filepath.Join(dir, "x"), nil, 0o600) != nil
}

func TestOpen_LockReleasedByClose(t *testing.T) {
	dir := t.TempDir()
	db := openDB(t, dir)
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	closeDB(t, db)
	t.Run("given the first instance closed when opened again then it opens", func(t *testing.T) {
		closeDB(t, openDB(t, dir))
	})
}

// holdEnv makes the test binary, started as a child by
// TestOpen_LockedByAnotherProcess, hold a data folder open.
const holdEnv = "AMPARO_STORE_TEST_HOLD"

func TestOpen_LockedByAnotherProcess(t *testing.T) {
	if dir := os.Getenv(holdEnv); dir != "" {
		holdOpen(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpen_LockedByAnotherProcess$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	if !waitForLine(stdout, "holding") {
		t.Fatal("child process did not open the folder")
	}

	t.Run("given another process has the folder open when opened then ErrLocked", func(t *testing.T) {
		before := snapshot(t, dir)
		if _, err := Open(dir); !errors.Is(err, ErrLocked) {
			t.Fatalf("Open: %v, want ErrLocked", err)
		}
		assertUnchanged(t, dir, before)
	})
	t.Run("given the other process closed when opened then it opens", func(t *testing.T) {
		stdin.Close()
		if !waitForLine(stdout, "closed") {
			t.Fatal("child process did not close")
		}
		closeDB(t, openDB(t, dir))
	})
}

// holdOpen opens dir, says so on stdout, and closes it when stdin closes.
func holdOpen(dir string) {
	db, err := Open(dir)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("holding")
	io.Copy(io.Discard, os.Stdin)
	db.Close()
	fmt.Println("closed")
	os.Exit(0)
}

// waitForLine reads r until a line equal to want, or the end.
func waitForLine(r io.Reader, want string) bool {
	s := bufio.NewScanner(r)
	for s.Scan() {
		if strings.TrimSpace(s.Text()) == want {
			return true
		}
	}
	return false
}

func TestResolveDir(t *testing.T) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, flag, env, want string
	}{
		{"given a flag when resolved then the flag wins", "/x/flag", "/x/env", "/x/flag"},
		{"given only AMPARO_DATA when resolved then the environment is used", "", "/x/env", "/x/env"},
		{"given neither when resolved then the user config folder is used", "", "", filepath.Join(cfg, "amparo")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("AMPARO_DATA", c.env)
			got, err := ResolveDir(c.flag)
			if err != nil || got != c.want {
				t.Errorf("ResolveDir(%q) = %q, %v; want %q", c.flag, got, err, c.want)
			}
		})
	}
}

func TestDSN(t *testing.T) {
	cases := []struct{ name, path, want string }{
		{"given a unix path when made a DSN then it is a file URI", "/var/lib/amparo/amparo.db", "file:///var/lib/amparo/amparo.db?q"},
		{"given URI characters when made a DSN then they are escaped", "/a b/c?d#e%f.db", "file:///a%20b/c%3Fd%23e%25f.db?q"},
	}
	if runtime.GOOS == "windows" {
		cases = append(cases, struct{ name, path, want string }{
			"given a drive letter when made a DSN then it follows file:///C:/", `C:\Users\a\amparo.db`, "file:///C:/Users/a/amparo.db?q"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := dsn(c.path, "q"); got != c.want {
				t.Errorf("dsn(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
}

func TestOpen_AfterCrash(t *testing.T) {
	t.Run("given a crash left a -wal file when opened then its committed data is there", func(t *testing.T) {
		dir := crashedCopy(t, func(db *DB) { setSetting(t, db, "lang", "fr") })
		if got := setting(t, openDB(t, dir), "lang"); got != "fr" {
			t.Errorf("lang = %q, want fr", got)
		}
	})
	t.Run("given a newer Amparo crashed when opened then ErrTooNew and nothing changes", func(t *testing.T) {
		dir := crashedCopy(t, func(db *DB) {
			if _, err := db.w.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, latestVersion+1)); err != nil {
				t.Fatal(err)
			}
		})
		before := snapshot(t, dir)
		if _, err := Open(dir); !errors.Is(err, ErrTooNew) {
			t.Fatalf("Open: %v, want ErrTooNew", err)
		}
		assertUnchanged(t, dir, before)
	})
}

// crashedCopy opens a database, lets change run on it, and copies its
// files while still open into a new folder: the state a crash leaves, with
// every commit in amparo.db-wal and none yet in amparo.db.
func crashedCopy(t *testing.T, change func(db *DB)) string {
	t.Helper()
	live := t.TempDir()
	db := openDB(t, live)
	if _, err := db.w.Exec(`PRAGMA wal_autocheckpoint = 0`); err != nil {
		t.Fatal(err)
	}
	change(db)
	crashed := t.TempDir()
	for _, name := range []string{FileName, FileName + "-wal"} {
		b, err := os.ReadFile(filepath.Join(live, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(crashed, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Precondition: amparo.db alone does not even hold the schema.
	main, err := sql.Open("sqlite", dsn(filepath.Join(crashed, FileName), "mode=ro&immutable=1"))
	if err != nil {
		t.Fatal(err)
	}
	defer main.Close()
	var v int
	if err := main.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != 0 {
		t.Fatalf("amparo.db alone is at version %d (%v), want everything in the -wal file", v, err)
	}
	return crashed
}
