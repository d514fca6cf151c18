package casework

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

func TestRecover(t *testing.T) {
	ctx := context.Background()
	const newPW = "amber quarry lighthouse"

	t.Run("given the code typed in lower case without dashes when recovering then the admin has a new password", func(t *testing.T) {
		f, _ := staffOffice(t)
		for range 5 { // the admin also locked themself out
			f.svc.Login(ctx, "ama", []byte("what was it again"))
		}
		typed := strings.ToLower(strings.ReplaceAll(f.code, "-", " "))
		ss, err := f.svc.Recover(ctx, typed, "Ama", []byte(newPW))
		if err != nil {
			t.Fatalf("Recover: %v", err)
		}
		if ss.User().Username != "ama" || ss.Locked() {
			t.Errorf("session of %s, locked %v", ss.User().Username, ss.Locked())
		}
		if err := ss.SelfTest(ctx); err != nil {
			t.Errorf("SelfTest after recovery: %v", err)
		}
		es := f.lastAudit(2)
		if es[0].Action != domain.AuditRecovery || es[0].UserID != ss.User().ID || es[1].Action != domain.AuditLogin {
			t.Errorf("audit = %+v", es)
		}
		_, err = f.svc.Login(ctx, "ama", []byte(adminPW))
		wantErr(t, "Login with the old password", err, ErrBadCredentials)
		f.login("ama", newPW)
	})
	t.Run("given the code with dashes in lower case when recovering then it works", func(t *testing.T) {
		f := newOffice(t)
		if _, err := f.svc.Recover(ctx, strings.ToLower(f.code), "ama", []byte(newPW)); err != nil {
			t.Errorf("Recover: %v", err)
		}
	})
	t.Run("given another office's code when recovering then ErrBadRecoveryCode, audited, nothing changed", func(t *testing.T) {
		f := newOffice(t)
		other, err := vault.NewRecoveryCode()
		if err != nil {
			t.Fatal(err)
		}
		before, _ := f.db.UserByUsername(ctx, "ama")
		_, err = f.svc.Recover(ctx, other, "ama", []byte(newPW))
		wantErr(t, "Recover", err, ErrBadRecoveryCode)
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditLoginFailed || strings.Contains(e.Detail, other) {
			t.Errorf("last audit = %+v", e)
		}
		after, _ := f.db.UserByUsername(ctx, "ama")
		if !bytes.Equal(before.WrappedKey.Ciphertext, after.WrappedKey.Ciphertext) {
			t.Error("a failed recovery changed the admin's wrap")
		}
		f.login("ama", adminPW)
	})
	t.Run("given a mistyped code when recovering then ErrBadRecoveryCode saying it is a typing mistake", func(t *testing.T) {
		f := newOffice(t)
		typo := []byte(f.code)
		if typo[0] == '7' {
			typo[0] = '8'
		} else {
			typo[0] = '7'
		}
		_, err := f.svc.Recover(ctx, string(typo), "ama", []byte(newPW))
		if !errors.Is(err, ErrBadRecoveryCode) || !errors.Is(err, vault.ErrBadRecoveryCode) {
			t.Errorf("Recover = %v", err)
		}
	})
	t.Run("given a user who is not an admin when recovering then ErrWrongUser", func(t *testing.T) {
		f, _ := staffOffice(t)
		_, err := f.svc.Recover(ctx, f.code, "sam", []byte(newPW))
		wantErr(t, "Recover", err, ErrWrongUser)
		_, err = f.svc.Recover(ctx, f.code, "nobody", []byte(newPW))
		wantErr(t, "Recover for nobody", err, ErrBadCredentials)
	})
	t.Run("given a weak new password when recovering then refused", func(t *testing.T) {
		f := newOffice(t)
		var pe *PasswordError
		if _, err := f.svc.Recover(ctx, f.code, "ama", []byte("password123")); !errors.As(err, &pe) || pe.Rule != PasswordCommon {
			t.Errorf("Recover = %v", err)
		}
	})
	t.Run("given a reissued code when recovering then the old code fails and the new one works", func(t *testing.T) {
		f := newOffice(t)
		code, err := f.login("ama", adminPW).ReissueRecoveryCode(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditRecoveryReissued {
			t.Errorf("last audit = %+v", e)
		}
		_, err = f.svc.Recover(ctx, f.code, "ama", []byte(newPW))
		wantErr(t, "Recover with the old code", err, ErrBadRecoveryCode)
		_, err = f.svc.Recover(ctx, code, "ama", []byte(newPW))
		wantErr(t, "Recover with the new code", err, nil)
	})
}

// TestChangePassword shows that a password change re-wraps the data key
// only: sealed revisions stay byte for byte as they were, and still open.
func TestChangePassword(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	ss := f.login("sam", superPW)
	for i := range 5 {
		if _, err := ss.saveRevision(ctx, "person", "", nil, []byte(`{"name":"Person `+string(rune('A'+i))+`"}`), store.RecordColumns{}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := f.db.HeadBodies(ctx, "person")
	if err != nil {
		t.Fatal(err)
	}
	office, _ := f.db.Office(ctx)
	const newPW = "amber quarry lighthouse"

	var pe *PasswordError
	if err := ss.ChangePassword(ctx, []byte(superPW), []byte("sam")); !errors.As(err, &pe) || pe.Rule != PasswordTooShort {
		t.Errorf("ChangePassword to a short one = %v", err)
	}
	wantErr(t, "ChangePassword with a wrong old one", ss.ChangePassword(ctx, []byte("not my password"), []byte(newPW)), ErrBadCredentials)
	if err := ss.ChangePassword(ctx, []byte(superPW), []byte(newPW)); err != nil {
		t.Fatal(err)
	}
	if e := f.lastAudit(1)[0]; e.Action != domain.AuditPasswordChange || e.UserID != users["sam"].ID {
		t.Errorf("last audit = %+v", e)
	}
	if u, _ := f.db.UserByID(ctx, users["sam"].ID); u.FailedCount != 0 {
		t.Errorf("failures after a change = %d", u.FailedCount)
	}

	after, err := f.db.HeadBodies(ctx, "person")
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("%d revisions, want %d", len(after), len(before))
	}
	for i := range before {
		if before[i].ID != after[i].ID || !bytes.Equal(before[i].Body, after[i].Body) {
			t.Errorf("revision %s changed", before[i].ID)
		}
	}
	if office2, _ := f.db.Office(ctx); !bytes.Equal(office.Identity, office2.Identity) {
		t.Error("the sealed identity changed")
	}
	_, err = f.svc.Login(ctx, "sam", []byte(superPW))
	wantErr(t, "Login with the old password", err, ErrBadCredentials)
	bodies, err := f.login("sam", newPW).openHeads(ctx, "person")
	if err != nil || len(bodies) != 5 {
		t.Errorf("openHeads after the change = %d bodies, %v", len(bodies), err)
	}
}
