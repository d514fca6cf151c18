package casework

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

func TestLogin(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)

	t.Run("given the right password in any case of username when logging in then a session", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		ss := f.login(" KOFI ", workerPW)
		if u := ss.User(); u.ID != users["kofi"].ID || u.Role != domain.RoleCaseworker || !u.LastLogin.Equal(f.clock.Now()) {
			t.Errorf("User = %+v", u)
		}
		if ss.Office().Name != officeName || ss.Locked() {
			t.Errorf("Office = %+v, locked %v", ss.Office(), ss.Locked())
		}
		if e := f.lastAudit(1)[0]; e.Action != domain.AuditLogin || e.UserID != users["kofi"].ID {
			t.Errorf("last audit = %+v", e)
		}
	})
	t.Run("given an unknown user or a wrong password when logging in then the same error", func(t *testing.T) {
		_, unknown := f.svc.Login(ctx, "nobody", []byte(workerPW))
		_, wrong := f.svc.Login(ctx, "kofi", []byte("not the password at all"))
		if !errors.Is(unknown, ErrBadCredentials) || !errors.Is(wrong, ErrBadCredentials) || unknown.Error() != wrong.Error() {
			t.Errorf("unknown user: %v; wrong password: %v; want the same ErrBadCredentials", unknown, wrong)
		}
		es := f.lastAudit(2)
		if es[0].Action != domain.AuditLoginFailed || es[0].UserID != "" || es[1].Action != domain.AuditLoginFailed || es[1].UserID != users["kofi"].ID {
			t.Errorf("audit = %+v", es)
		}
		for _, e := range es {
			for _, secret := range []string{"nobody", workerPW, "not the password"} {
				if strings.Contains(e.Detail, secret) {
					t.Errorf("audit detail %q holds what was typed", e.Detail)
				}
			}
		}
	})
	t.Run("given an empty password when logging in then refused, not counted", func(t *testing.T) {
		_, err := f.svc.Login(ctx, "tina", nil)
		wantErr(t, "Login", err, ErrBadCredentials)
		if u, _ := f.db.UserByID(ctx, users["tina"].ID); u.FailedCount != 0 {
			t.Errorf("failures = %d", u.FailedCount)
		}
	})
	t.Run("given a disabled user when logging in with the right password then ErrUserDisabled", func(t *testing.T) {
		admin := f.login("ama", adminPW)
		if err := admin.SetUserDisabled(ctx, users["tina"].ID, true); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.Login(ctx, "tina", []byte(targetPW))
		wantErr(t, "Login", err, ErrUserDisabled)
		_, err = f.svc.Login(ctx, "tina", []byte("wrong wrong wrong"))
		wantErr(t, "Login with a wrong password", err, ErrBadCredentials)
		us, _ := f.svc.LoginUsers(ctx)
		for _, u := range us {
			if u.Username == "tina" {
				t.Error("a disabled user is on the login list")
			}
		}
	})
}

// TestLogin_UnknownUserCostsTheSame counts argon2id derivations instead of
// timing them: an unknown username must derive once, with the parameters
// of a real wrap, as a wrong password does.
func TestLogin_UnknownUserCostsTheSame(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	var calls []vault.KDFParams
	f.svc.unwrap = func(w vault.WrappedKey, secret []byte, context string) (*vault.Key, error) {
		calls = append(calls, w.KDF)
		return vault.UnwrapKey(w, secret, context)
	}
	for _, name := range []string{"ama", "nobody"} {
		calls = nil
		_, err := f.svc.Login(ctx, name, []byte("a wrong password here"))
		wantErr(t, "Login("+name+")", err, ErrBadCredentials)
		if len(calls) != 1 || calls[0].MemoryKiB != cheapKDF().MemoryKiB || calls[0].Time != cheapKDF().Time {
			t.Errorf("Login(%s) derived %d times with %+v; want once with the wrap's parameters", name, len(calls), calls)
		}
	}
}

func TestLogin_LockoutAcrossRestart(t *testing.T) {
	ctx := context.Background()
	// fail logs in with a wrong password and returns the error.
	fail := func(f *fixture) error {
		_, err := f.svc.Login(ctx, "kofi", []byte("wrong password guess"))
		return err
	}
	lockedUntil := func(err error) time.Time {
		var lo *LockedOutError
		if !errors.As(err, &lo) || !errors.Is(err, ErrLockedOut) {
			return time.Time{}
		}
		return lo.Until
	}
	// fiveFailures makes four plain failures and a fifth that locks for 30 s, then restarts.
	fiveFailures := func(t *testing.T) *fixture {
		f, _ := staffOffice(t)
		for i := 1; i <= 4; i++ {
			if err := fail(f); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d = %v, want ErrBadCredentials", i, err)
			}
		}
		if got := lockedUntil(fail(f)); !got.Equal(t0.Add(30 * time.Second)) {
			t.Fatalf("fifth failure locks until %v, want %v", got, t0.Add(30*time.Second))
		}
		f.reopen()
		u, err := f.db.UserByUsername(ctx, "kofi")
		if err != nil || u.FailedCount != 5 {
			t.Fatalf("after restart: %d failures, %v; want 5", u.FailedCount, err)
		}
		return f
	}

	t.Run("given 5 failures and a restart when the right password comes at 29 s then still refused", func(t *testing.T) {
		f := fiveFailures(t)
		f.clock.Set(t0.Add(29 * time.Second))
		_, err := f.svc.Login(ctx, "kofi", []byte(workerPW))
		if got := lockedUntil(err); !got.Equal(t0.Add(30 * time.Second)) {
			t.Errorf("Login at 29 s = %v, want locked out until 30 s", err)
		}
	})
	t.Run("given 5 failures and a restart when the right password comes at 30 s then allowed, and the count resets", func(t *testing.T) {
		f := fiveFailures(t)
		f.clock.Set(t0.Add(30 * time.Second))
		f.login("kofi", workerPW)
		if err := fail(f); !errors.Is(err, ErrBadCredentials) || errors.Is(err, ErrLockedOut) {
			t.Errorf("a failure after a success = %v, want a plain ErrBadCredentials", err)
		}
	})
	t.Run("given 5 failures when a 6th comes at 30 s then locked for 60 s, then 120 s", func(t *testing.T) {
		f := fiveFailures(t)
		at := t0.Add(30 * time.Second)
		f.clock.Set(at)
		if got := lockedUntil(fail(f)); !got.Equal(at.Add(60 * time.Second)) {
			t.Fatalf("sixth failure locks until %v, want %v", got, at.Add(60*time.Second))
		}
		at = at.Add(60 * time.Second)
		f.clock.Set(at)
		if got := lockedUntil(fail(f)); !got.Equal(at.Add(120 * time.Second)) {
			t.Errorf("seventh failure locks until %v, want %v", got, at.Add(120*time.Second))
		}
	})
	t.Run("given a lockout when audited then each failure and the lockout are there without password material", func(t *testing.T) {
		f := fiveFailures(t)
		var failed, lockouts int
		for _, e := range f.audit() {
			switch e.Action {
			case domain.AuditLoginFailed:
				failed++
			case domain.AuditLockout:
				lockouts++
				if e.UserID == "" {
					t.Error("lockout entry without the user")
				}
			}
			if strings.Contains(e.Detail, "wrong password guess") || strings.Contains(e.Detail, workerPW) {
				t.Errorf("audit detail %q holds a password", e.Detail)
			}
		}
		if failed != 5 || lockouts != 1 {
			t.Errorf("%d failures and %d lockouts audited, want 5 and 1", failed, lockouts)
		}
	})
}

func TestLockoutFor(t *testing.T) {
	cases := []struct {
		failed int
		want   time.Duration
	}{{0, 0}, {4, 0}, {5, 30 * time.Second}, {6, time.Minute}, {7, 2 * time.Minute}, {10, 16 * time.Minute}, {20, maxLockout}, {1000, maxLockout}}
	for _, c := range cases {
		if got := lockoutFor(c.failed); got != c.want {
			t.Errorf("lockoutFor(%d) = %v, want %v", c.failed, got, c.want)
		}
	}
}

func TestLogin_RaisesWeakWraps(t *testing.T) {
	ctx := context.Background()
	f := newOffice(t)
	stronger := cheapKDF()
	stronger.Time = 2
	f.svc = New(f.db, f.clock.Now, WithKDF(stronger))
	f.login("ama", adminPW)
	u, err := f.db.UserByUsername(ctx, "ama")
	if err != nil || u.WrappedKey.KDF.Time != 2 {
		t.Errorf("after login the wrap has %d passes (%v), want 2", u.WrappedKey.KDF.Time, err)
	}
	f.login("ama", adminPW) // still opens
}
