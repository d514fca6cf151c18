package casework

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

func TestAutoLock(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	ss := f.login("ama", adminPW)

	idle := func(t *testing.T, at time.Duration, want bool) {
		t.Helper()
		f.clock.Set(t0.Add(at))
		got, err := ss.LockIfIdle(ctx)
		if err != nil || got != want {
			t.Fatalf("LockIfIdle at %v = %v, %v; want %v", at, got, err, want)
		}
	}
	t.Run("given no setting when asked then 5 minutes", func(t *testing.T) {
		if d, err := f.svc.AutoLockAfter(ctx); d != 5*time.Minute || err != nil {
			t.Errorf("AutoLockAfter = %v, %v", d, err)
		}
	})
	t.Run("given activity when idle less than 5 minutes then not locked", func(t *testing.T) {
		idle(t, 4*time.Minute+59*time.Second, false)
	})
	t.Run("given a touch when idle 5 minutes from the start then not locked, since the touch restarted the timer", func(t *testing.T) {
		f.clock.Set(t0.Add(4 * time.Minute))
		ss.Touch()
		idle(t, 5*time.Minute, false)
		idle(t, 8*time.Minute+59*time.Second, false)
	})
	t.Run("given 5 idle minutes after the touch when checked then locked and audited", func(t *testing.T) {
		idle(t, 9*time.Minute, true)
		if !ss.Locked() {
			t.Error("Locked = false")
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditLock || e.Detail != "reason=idle" {
			t.Errorf("last audit = %+v", e)
		}
		idle(t, 20*time.Minute, false) // already locked
	})
	t.Run("given an admin setting of 10 minutes when idle 9 then not locked, 10 then locked", func(t *testing.T) {
		if err := ss.Unlock(ctx, []byte(adminPW)); err != nil {
			t.Fatal(err)
		}
		if err := ss.SetAutoLockAfter(ctx, 10*time.Minute); err != nil {
			t.Fatal(err)
		}
		if v, _, _ := f.db.Setting(ctx, SettingAutoLock); v != "10" {
			t.Errorf("setting = %q", v)
		}
		start := f.clock.Now().Sub(t0)
		idle(t, start+9*time.Minute, false)
		idle(t, start+10*time.Minute, true)
	})
	t.Run("given bad durations when set then refused", func(t *testing.T) {
		if err := ss.Unlock(ctx, []byte(adminPW)); err != nil {
			t.Fatal(err)
		}
		for _, d := range []time.Duration{0, 30 * time.Second, 90 * time.Second, 121 * time.Minute, -time.Minute} {
			var ve *ValidationError
			if err := ss.SetAutoLockAfter(ctx, d); !errors.As(err, &ve) {
				t.Errorf("SetAutoLockAfter(%v) = %v, want a validation error", d, err)
			}
		}
	})
	t.Run("given a damaged setting when read then the default, never no lock", func(t *testing.T) {
		for _, v := range []string{"0", "-3", "soon", "100000"} {
			if err := f.db.SetSetting(ctx, SettingAutoLock, v); err != nil {
				t.Fatal(err)
			}
			if d, _ := f.svc.AutoLockAfter(ctx); d != 5*time.Minute {
				t.Errorf("setting %q gives %v", v, d)
			}
		}
	})
}

func TestLockAndUnlock(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	ss := f.login("kofi", workerPW)
	rev, err := ss.saveRevision(ctx, "person", "", nil, []byte(`{"name":"Test Person"}`), store.RecordColumns{})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := ss.SealDraft("intake", map[string]string{"name": "half typed"})
	if err != nil {
		t.Fatal(err)
	}
	key := ss.key

	t.Run("given a lock when the session is used then ErrLocked and the key is wiped", func(t *testing.T) {
		if err := ss.Lock(ctx); err != nil {
			t.Fatal(err)
		}
		if !ss.Locked() {
			t.Error("Locked = false")
		}
		_, err := ss.SealDraft("intake", map[string]string{"x": "y"})
		wantErr(t, "SealDraft", err, ErrLocked)
		_, err = ss.OpenDraft("intake", draft)
		wantErr(t, "OpenDraft", err, ErrLocked)
		_, err = ss.openHeads(ctx, "person")
		wantErr(t, "openHeads", err, ErrLocked)
		_, err = ss.saveRevision(ctx, "person", "", nil, []byte(`{}`), store.RecordColumns{})
		wantErr(t, "saveRevision", err, ErrLocked)
		wantErr(t, "SelfTest", ss.SelfTest(ctx), ErrLocked)
		wantErr(t, "ChangePassword", ss.ChangePassword(ctx, []byte(workerPW), []byte("a brand new passphrase")), ErrLocked)
		if _, err := key.Seal(vault.AD{Kind: "x", Record: "y"}, []byte("z")); !errors.Is(err, vault.ErrLocked) {
			t.Errorf("the old key still seals: %v", err)
		}
		if ss.key != nil || ss.id != nil {
			t.Error("the session still holds key or identity")
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditLock || e.UserID != users["kofi"].ID {
			t.Errorf("last audit = %+v", e)
		}
		wantErr(t, "second Lock", ss.Lock(ctx), nil)
	})
	t.Run("given another user when unlocking then refused", func(t *testing.T) {
		wantErr(t, "UnlockAs(sam)", ss.UnlockAs(ctx, "sam", []byte(superPW)), ErrWrongUser)
		wantErr(t, "Unlock with sam's password", ss.Unlock(ctx, []byte(superPW)), ErrBadCredentials)
		if !ss.Locked() {
			t.Error("unlocked by another user")
		}
		if u, _ := f.db.UserByID(ctx, users["kofi"].ID); u.FailedCount != 1 {
			t.Errorf("failures = %d, want 1", u.FailedCount)
		}
	})
	t.Run("given the user's password when unlocking then the draft and data open again and failures reset", func(t *testing.T) {
		f.clock.Advance(time.Hour)
		if err := ss.UnlockAs(ctx, "Kofi", []byte(workerPW)); err != nil {
			t.Fatal(err)
		}
		got, err := ss.OpenDraft("intake", draft)
		if err != nil || !maps.Equal(got, map[string]string{"name": "half typed"}) {
			t.Errorf("OpenDraft = %v, %v", got, err)
		}
		bodies, err := ss.openHeads(ctx, "person")
		if err != nil || string(bodies[rev.RecordID]) != `{"name":"Test Person"}` {
			t.Errorf("openHeads = %q, %v", bodies, err)
		}
		if u, _ := f.db.UserByID(ctx, users["kofi"].ID); u.FailedCount != 0 {
			t.Errorf("failures = %d, want 0", u.FailedCount)
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditUnlock {
			t.Errorf("last audit = %+v", e)
		}
		if locked, _ := ss.LockIfIdle(ctx); locked {
			t.Error("unlocking did not restart the idle timer")
		}
	})
	t.Run("given a draft when opened under another name or by another user then refused", func(t *testing.T) {
		if _, err := ss.OpenDraft("referral", draft); !errors.Is(err, vault.ErrTampered) {
			t.Errorf("OpenDraft under another name = %v", err)
		}
		other := f.login("tina", targetPW)
		if _, err := other.OpenDraft("intake", draft); !errors.Is(err, vault.ErrTampered) {
			t.Errorf("OpenDraft by another user = %v", err)
		}
	})
	t.Run("given failures on the lock screen when they reach 5 then locked out like login", func(t *testing.T) {
		ss.Lock(ctx)
		var err error
		for range 5 {
			err = ss.Unlock(ctx, []byte("still not my password"))
		}
		wantErr(t, "fifth Unlock", err, ErrLockedOut)
		wantErr(t, "Unlock while locked out", ss.Unlock(ctx, []byte(workerPW)), ErrLockedOut)
		f.clock.Advance(30 * time.Second)
		wantErr(t, "Unlock after the wait", ss.Unlock(ctx, []byte(workerPW)), nil)
	})
	t.Run("given a user disabled while locked when unlocking then ErrUserDisabled", func(t *testing.T) {
		admin := f.login("ama", adminPW)
		ss.Lock(ctx)
		if err := admin.SetUserDisabled(ctx, users["kofi"].ID, true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "Unlock", ss.Unlock(ctx, []byte(workerPW)), ErrUserDisabled)
		if err := admin.SetUserDisabled(ctx, users["kofi"].ID, false); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "Unlock once enabled", ss.Unlock(ctx, []byte(workerPW)), nil)
	})
	t.Run("given a logout when the session is used then ErrLoggedOut", func(t *testing.T) {
		if err := ss.Logout(ctx); err != nil {
			t.Fatal(err)
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditLogout {
			t.Errorf("last audit = %+v", e)
		}
		wantErr(t, "Unlock", ss.Unlock(ctx, []byte(workerPW)), ErrLoggedOut)
		_, err := ss.SealDraft("intake", nil)
		wantErr(t, "SealDraft", err, ErrLoggedOut)
		if !ss.Locked() || ss.key != nil {
			t.Error("a logged out session is not locked")
		}
		wantErr(t, "second Logout", ss.Logout(ctx), nil)
	})
	t.Run("given a lock when a forget hook is registered then it runs", func(t *testing.T) {
		s2 := f.login("kofi", workerPW)
		dropped := 0
		s2.forget = append(s2.forget, func() { dropped++ })
		s2.Lock(ctx)
		if dropped != 1 {
			t.Errorf("forget ran %d times", dropped)
		}
	})
	if err := f.svc.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit: %v", err)
	}
}
