package casework

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Canaries: names, phone numbers and narrative words no real file holds.
// If any of them is found on disk in any common encoding, identifying data
// left the sealed API in the clear.
var canaries = []string{
	"Zyxqueira", "Canarinho", "Zyxqueira Canarinho", "Blorvath", "Quentaline",
	"+238 991 7734", "991 7734", "9917734", "+225 07 4419 8821", "4419 8821",
	"quokkalumen", "brindlewhisk", "fennomarsh", "Ouagadoumbra",
}

// forms lists the byte patterns a string can take in a file: UTF-8 and
// UTF-16 (both byte orders), each as given, in lower and in upper case.
func forms(s string) [][]byte {
	var out [][]byte
	for _, v := range []string{s, strings.ToLower(s), strings.ToUpper(s)} {
		u := utf16.Encode([]rune(v))
		le, be := make([]byte, 2*len(u)), make([]byte, 2*len(u))
		for i, c := range u {
			binary.LittleEndian.PutUint16(le[2*i:], c)
			binary.BigEndian.PutUint16(be[2*i:], c)
		}
		out = append(out, []byte(v), le, be)
	}
	return out
}

// scan fails the test if any canary (or secret) is in the file at path,
// which must exist and not be empty.
func scan(t *testing.T, path string, secrets []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		t.Fatalf("%s: %d bytes, %v; want a file to scan", filepath.Base(path), len(b), err)
	}
	for _, s := range secrets {
		for _, form := range forms(s) {
			if i := bytes.Index(b, form); i >= 0 {
				t.Errorf("%s holds %q (as %q) at byte %d", filepath.Base(path), s, form, i)
			}
		}
	}
}

func TestCanaryScan(t *testing.T) {
	ctx := context.Background()
	f, _ := staffOffice(t)
	ss := f.login("sam", superPW)
	for i := range 20 {
		body := fmt.Sprintf(`{"name":"%s %s","alias":"%s","phone":"%s","narrative":"%s","dob":"2011-04-0%d"}`,
			canaries[0], canaries[1+i%4], canaries[3+i%2], canaries[5+i%5], strings.Join(canaries[10:], " "), 1+i%9)
		if _, err := ss.saveRevision(ctx, "person", "", nil, []byte(body),
			store.RecordColumns{Status: "open", IsChild: i%2 == 0}); err != nil {
			t.Fatal(err)
		}
	}
	// The password and the recovery code must not be on disk either.
	secrets := append(append([]string{}, canaries...), superPW, adminPW, f.code, strings.ReplaceAll(f.code, "-", ""))

	t.Run("given the scanner when a canary is there then it finds it", func(t *testing.T) {
		probe := filepath.Join(t.TempDir(), "probe")
		os.WriteFile(probe, append([]byte("xx"), forms("quokkalumen")[7]...), 0o600) // upper case, UTF-16LE
		b, _ := os.ReadFile(probe)
		found := false
		for _, form := range forms("quokkalumen") {
			found = found || bytes.Contains(b, form)
		}
		if !found {
			t.Fatal("the scanner misses an upper-case UTF-16 canary")
		}
	})
	t.Run("given sealed data still in the WAL when the files are scanned then no canary", func(t *testing.T) {
		wal := f.db.Path() + "-wal"
		if fi, err := os.Stat(wal); err != nil || fi.Size() == 0 {
			t.Fatalf("no WAL to scan: %v", err)
		}
		scan(t, wal, secrets)
		scan(t, f.db.Path(), secrets)
	})
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := f.db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	t.Run("given the office closed and backed up when every file is scanned then no canary", func(t *testing.T) {
		scan(t, f.db.Path(), secrets)
		scan(t, backup, secrets)
		if _, err := os.Stat(f.db.Path() + "-wal"); err == nil {
			scan(t, f.db.Path()+"-wal", secrets)
		}
	})
	t.Run("given the office reopened when the records are opened then the canaries are there", func(t *testing.T) {
		f.open()
		bodies, err := f.login("sam", superPW).openHeads(ctx, "person")
		if err != nil || len(bodies) != 20 {
			t.Fatalf("openHeads = %d, %v", len(bodies), err)
		}
		for _, b := range bodies {
			if !bytes.Contains(b, []byte("Zyxqueira")) {
				t.Errorf("body %q lost its canary", b)
			}
		}
	})
}

// rawExec changes the closed database at path behind the store's back, as
// someone holding the laptop could.
func rawExec(t *testing.T, path, query string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestSealedBodies_Tampering(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*fixture, store.Revision, store.Revision) {
		f, _ := staffOffice(t)
		ss := f.login("sam", superPW)
		a, err := ss.saveRevision(ctx, "person", "", nil, []byte(`{"name":"Alpha"}`), store.RecordColumns{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := ss.saveRevision(ctx, "person", "", nil, []byte(`{"name":"Bravo"}`), store.RecordColumns{})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.db.Close(); err != nil {
			t.Fatal(err)
		}
		return f, a, b
	}
	// opensNot checks that reading the heads fails naming record, and that
	// the self-test fails too.
	opensNot := func(t *testing.T, f *fixture, record string) {
		t.Helper()
		f.open()
		ss := f.login("sam", superPW)
		_, err := ss.openHeads(ctx, "person")
		var oe *vault.OpenError
		if !errors.Is(err, vault.ErrTampered) || !errors.As(err, &oe) || oe.Record != record || !strings.Contains(err.Error(), record) {
			t.Errorf("openHeads = %v, want an error naming record %s", err, record)
		}
		if err := ss.SelfTest(ctx); !errors.Is(err, vault.ErrTampered) {
			t.Errorf("SelfTest = %v, want it to find the damage", err)
		}
	}

	t.Run("given two records' ciphertexts swapped when opened then refused, naming a record", func(t *testing.T) {
		f, a, b := setup(t)
		rawExec(t, f.db.Path(), `UPDATE revisions SET body = ? WHERE id = ?`, []byte(b.Body), a.ID)
		rawExec(t, f.db.Path(), `UPDATE revisions SET body = ? WHERE id = ?`, []byte(a.Body), b.ID)
		first := a.RecordID // HeadBodies reads by record id
		if b.RecordID < first {
			first = b.RecordID
		}
		opensNot(t, f, first)
	})
	t.Run("given one byte of a ciphertext altered when opened then refused, naming its record", func(t *testing.T) {
		f, a, _ := setup(t)
		altered := bytes.Clone(a.Body)
		altered[len(altered)/2] ^= 0x01
		rawExec(t, f.db.Path(), `UPDATE revisions SET body = ? WHERE id = ?`, altered, a.ID)
		opensNot(t, f, a.RecordID)
	})
	t.Run("given the sealed identity altered when logging in then refused", func(t *testing.T) {
		f, _, _ := setup(t)
		rawExec(t, f.db.Path(), `UPDATE office SET identity = CAST(substr(identity, 1, 40) ||
			CASE WHEN substr(identity, 41, 1) = x'00' THEN x'01' ELSE x'00' END || substr(identity, 42) AS BLOB)`)
		f.open()
		_, err := f.svc.Login(ctx, "sam", []byte(superPW))
		if !errors.Is(err, vault.ErrTampered) {
			t.Errorf("Login = %v, want ErrTampered", err)
		}
	})
}

func TestVerifyAudit_Tampering(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		sql  string
		want int64
	}{
		{"given an entry edited in SQLite when verified then its seq is named",
			`DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'innocent' WHERE seq = 4`, 4},
		{"given an entry deleted in SQLite when verified then its seq is named",
			`DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 6`, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, _ := staffOffice(t) // setup, 3 user adds, logins: well over 6 entries
			if err := f.svc.VerifyAudit(ctx); err != nil {
				t.Fatalf("VerifyAudit before = %v", err)
			}
			f.db.Close()
			rawExec(t, f.db.Path(), c.sql)
			f.open()
			var broken *store.AuditBrokenError
			if err := f.svc.VerifyAudit(ctx); !errors.As(err, &broken) || broken.Seq != c.want {
				t.Errorf("VerifyAudit = %v, want entry %d", err, c.want)
			}
		})
	}
}
