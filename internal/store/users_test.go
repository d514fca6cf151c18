package store

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

// testWrap wraps a fresh data key under secret with cheap argon2id parameters.
func testWrap(t *testing.T, secret, context string) vault.WrappedKey {
	t.Helper()
	k, err := vault.NewDataKey()
	if err != nil {
		t.Fatal(err)
	}
	defer k.Wipe()
	w, err := vault.WrapKey(k, []byte(secret), vault.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}, context)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// insertUser adds u, giving it a wrapped key if it has none.
func insertUser(t *testing.T, db *DB, u UserRow) {
	t.Helper()
	if u.WrappedKey.Ciphertext == nil {
		u.WrappedKey = testWrap(t, "correct horse battery", "user:"+u.ID)
	}
	if err := db.Update(context.Background(), "add user", func(tx *Tx) error { return tx.InsertUser(context.Background(), u) }); err != nil {
		t.Fatalf("InsertUser: %v", err)
	}
}

func TestUsers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	outer := t // a database reopened in a subtest lives until the end of the test
	db := openDB(t, dir)
	w := testWrap(t, "correct horse battery", "user:u1")
	insertUser(t, db, UserRow{User: domain.User{ID: "u1", Username: "ama", Name: "Ama Mensah", Role: domain.RoleAdmin, CreatedAt: day}, WrappedKey: w})
	insertUser(t, db, UserRow{User: domain.User{ID: "u2", Username: "kofi", Name: "Kofi", Role: domain.RoleCaseworker}})

	t.Run("given a user when read by username in another case then found with every field", func(t *testing.T) {
		u, err := db.UserByUsername(ctx, " AMA ")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != "u1" || u.Name != "Ama Mensah" || u.Role != domain.RoleAdmin || u.Disabled || !u.CreatedAt.Equal(day) {
			t.Errorf("user = %+v", u.User)
		}
		if !bytes.Equal(u.WrappedKey.Ciphertext, w.Ciphertext) || u.WrappedKey.KDF.MemoryKiB != 64 {
			t.Error("wrapped key did not round-trip")
		}
	})
	t.Run("given a taken username in another case when added then ErrExists", func(t *testing.T) {
		err := db.Update(ctx, "add", func(tx *Tx) error {
			return tx.InsertUser(ctx, UserRow{User: domain.User{ID: "u3", Username: "Kofi", Role: domain.RoleCaseworker}, WrappedKey: w})
		})
		if !errors.Is(err, ErrExists) {
			t.Errorf("InsertUser = %v, want ErrExists", err)
		}
	})
	t.Run("given no such user when read then ErrNotFound", func(t *testing.T) {
		if _, err := db.UserByUsername(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
			t.Errorf("UserByUsername = %v", err)
		}
		if _, err := db.UserByID(ctx, "u9"); !errors.Is(err, ErrNotFound) {
			t.Errorf("UserByID = %v", err)
		}
		err := db.Update(ctx, "x", func(tx *Tx) error { return tx.SetUserDisabled(ctx, "u9", true) })
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("SetUserDisabled = %v", err)
		}
	})
	t.Run("given failures and a lockout when reopened then they are kept", func(t *testing.T) {
		until := day.Add(30*time.Second + 5*time.Nanosecond)
		if err := db.Update(ctx, "fail", func(tx *Tx) error { return tx.SetLoginFailures(ctx, "u2", 5, until) }); err != nil {
			t.Fatal(err)
		}
		closeDB(t, db)
		db = openDB(outer, dir)
		u, err := db.UserByID(ctx, "u2")
		if err != nil || u.FailedCount != 5 || !u.LockedUntil.Equal(until) {
			t.Fatalf("after reopen: %d failures until %v, %v", u.FailedCount, u.LockedUntil, err)
		}
		if err := db.Update(ctx, "login", func(tx *Tx) error { return tx.RecordLogin(ctx, "u2", day) }); err != nil {
			t.Fatal(err)
		}
		u, _ = db.UserByID(ctx, "u2")
		if u.FailedCount != 0 || !u.LockedUntil.IsZero() || !u.LastLogin.Equal(day) {
			t.Errorf("after login: %d failures until %v, last %v", u.FailedCount, u.LockedUntil, u.LastLogin)
		}
	})
	t.Run("given admins disabled when counted then only active ones", func(t *testing.T) {
		var before, after int
		err := db.Update(ctx, "count", func(tx *Tx) error {
			var err error
			if before, err = tx.ActiveAdmins(ctx); err != nil {
				return err
			}
			if err := tx.SetUserDisabled(ctx, "u1", true); err != nil {
				return err
			}
			after, err = tx.ActiveAdmins(ctx)
			return err
		})
		if err != nil || before != 1 || after != 0 {
			t.Errorf("ActiveAdmins = %d then %d, %v; want 1 then 0", before, after, err)
		}
		us, err := db.Users(ctx)
		if err != nil || len(us) != 2 || us[0].Username != "ama" || !us[0].Disabled {
			t.Errorf("Users = %+v, %v", us, err)
		}
	})
	t.Run("given a new wrapped key when saved then it replaces the old", func(t *testing.T) {
		w2 := testWrap(t, "another long secret", "user:u2")
		if err := db.Update(ctx, "rewrap", func(tx *Tx) error { return tx.SetWrappedKey(ctx, "u2", w2) }); err != nil {
			t.Fatal(err)
		}
		u, _ := db.UserByID(ctx, "u2")
		if !bytes.Equal(u.WrappedKey.Ciphertext, w2.Ciphertext) {
			t.Error("wrapped key not replaced")
		}
	})
}

func TestKeyWraps(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())
	if _, err := db.KeyWrap(ctx, "recovery"); !errors.Is(err, ErrNotFound) {
		t.Errorf("KeyWrap before any = %v, want ErrNotFound", err)
	}
	for _, secret := range []string{"first code", "second code"} {
		w := testWrap(t, secret, "recovery")
		if err := db.Update(ctx, "wrap", func(tx *Tx) error { return tx.PutKeyWrap(ctx, "recovery", w) }); err != nil {
			t.Fatal(err)
		}
		got, err := db.KeyWrap(ctx, "recovery")
		if err != nil || !bytes.Equal(got.Ciphertext, w.Ciphertext) {
			t.Errorf("KeyWrap = %v; want the wrap last put", err)
		}
	}
}

func TestOffice(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())
	if ok, err := db.HasOffice(ctx); ok || err != nil {
		t.Errorf("HasOffice = %v, %v before setup", ok, err)
	}
	if _, err := db.Office(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("Office = %v, want ErrNotFound", err)
	}
	o := OfficeRow{
		Office: domain.Office{ID: "o1", Name: "Centre Abidjan", Country: "CI", Lang: "fr", CodePrefix: "ABJ",
			Address: "Rue 12, Cocody", Phone: "+225 27 22 00 00", Email: "contact@example.org", Logo: []byte{0x89, 'P', 'N', 'G'}, CreatedAt: day},
		Identity: vault.Sealed{1, 2, 3}, AgeRecipient: "age1xyz", SignPublicKey: bytes.Repeat([]byte{9}, 32),
	}
	put := func(o OfficeRow) error {
		return db.Update(ctx, "setup", func(tx *Tx) error { return tx.InsertOffice(ctx, o) })
	}
	if err := put(o); err != nil {
		t.Fatal(err)
	}
	got, err := db.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != o.ID || got.Name != o.Name || got.Address != o.Address || got.Phone != o.Phone || got.Email != o.Email ||
		!bytes.Equal(got.Logo, o.Logo) || !bytes.Equal(got.Identity, o.Identity) || got.AgeRecipient != o.AgeRecipient ||
		!bytes.Equal(got.SignPublicKey, o.SignPublicKey) || !got.CreatedAt.Equal(day) || got.CodePrefix != "ABJ" {
		t.Errorf("Office = %+v, want %+v", got, o)
	}
	o.ID = "o2"
	if err := put(o); !errors.Is(err, ErrExists) {
		t.Errorf("second InsertOffice = %v, want ErrExists", err)
	}
	if ok, _ := db.HasOffice(ctx); !ok {
		t.Error("HasOffice = false after setup")
	}
}
