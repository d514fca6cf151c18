package casework

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
	"github.com/google/uuid"
)

// benchRecords is the size of a busy office after some years.
const benchRecords = 10_000

// seedSealed writes n sealed person records of about 700 bytes each in one
// transaction, sealed with the session's key as saveRevision would.
func seedSealed(b *testing.B, ss *Session, n int) {
	b.Helper()
	ctx := context.Background()
	narrative := strings.Repeat("Fictional narrative text for a benchmark record. ", 10)
	err := ss.s.db.Update(ctx, "seed", func(tx *store.Tx) error {
		for i := range n {
			rev := store.Revision{
				ID: uuid.NewString(), RecordID: uuid.NewString(), Kind: "person",
				OfficeID: ss.office.ID, UserID: ss.user.ID, HLC: ss.s.hlc.next(time.Now(), ss.office.ID),
			}
			body := fmt.Sprintf(`{"name":"Person %05d Example","aliases":["P%d"],"dob":"2009-01-01","phone":"+225 00 00 %05d","narrative":%q}`,
				i, i, i, narrative)
			sealed, err := ss.key.Seal(revisionAD(rev), []byte(body))
			if err != nil {
				return err
			}
			rev.Body = sealed
			if err := tx.PutRevision(ctx, rev, store.RecordColumns{Status: "open"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkUnlock10k is what a case worker waits for after typing their
// password: Login (argon2id at DefaultKDF, the identity, the audit write)
// plus opening every sealed head body of a 10,000-record office, which is
// what building the search index costs. Compare with BenchmarkArgon2idAlone.
func BenchmarkUnlock10k(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := New(db, nil) // production argon2id parameters
	in := setupInput()
	if _, err := svc.Setup(ctx, in); err != nil {
		b.Fatal(err)
	}
	admin, err := svc.Login(ctx, "ama", []byte(adminPW))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := admin.AddUser(ctx, NewUser{Username: "sam", Name: "Sam", Role: domain.RoleSupervisor, Password: []byte(superPW)}); err != nil {
		b.Fatal(err)
	}
	seedSealed(b, admin, benchRecords)
	admin.Logout(ctx)

	var opening time.Duration
	for b.Loop() {
		ss, err := svc.Login(ctx, "sam", []byte(superPW))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		bodies, err := ss.openHeads(ctx, "person")
		opening += time.Since(start)
		if err != nil || len(bodies) != benchRecords {
			b.Fatalf("openHeads = %d bodies, %v", len(bodies), err)
		}
		if err := ss.Logout(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(opening.Milliseconds())/float64(b.N), "open-ms/op")
}

// BenchmarkArgon2idAlone is one argon2id derivation at DefaultKDF: the
// floor of every login and unlock.
func BenchmarkArgon2idAlone(b *testing.B) {
	kdf := vault.DefaultKDF()
	for b.Loop() {
		kek, err := vault.DeriveKEK([]byte(superPW), kdf)
		if err != nil {
			b.Fatal(err)
		}
		clear(kek)
	}
}
