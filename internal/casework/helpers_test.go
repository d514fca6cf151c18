package casework

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Fixtures shared by the tests of this package: a real office in a data
// folder under t.TempDir(), a fake clock, cheap argon2id parameters.

// t0 is when the test office is set up.
var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

const (
	officeName = "Centre Abidjan"
	adminPW    = "violet kettle harbour"
	superPW    = "granite lantern meadow"
	workerPW   = "copper falcon riverbank"
	targetPW   = "saffron tundra whistle"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *fakeClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// cheapKDF keeps argon2id fast in tests; TestSetup_DefaultKDF checks the real one.
func cheapKDF() vault.KDFParams { return vault.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }

type fixture struct {
	t     *testing.T
	dir   string
	db    *store.DB
	clock *fakeClock
	svc   *Service
	code  string // recovery code from Setup
}

// newFixture opens an empty data folder.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir(), clock: &fakeClock{now: t0}}
	f.open()
	return f
}

func (f *fixture) open() {
	f.t.Helper()
	db, err := store.Open(f.dir)
	if err != nil {
		f.t.Fatalf("store.Open: %v", err)
	}
	f.t.Cleanup(func() { db.Close() })
	f.db = db
	f.svc = New(db, f.clock.Now, WithKDF(cheapKDF()))
}

// reopen closes the store and opens it again, as after a restart.
func (f *fixture) reopen() {
	f.t.Helper()
	if err := f.db.Close(); err != nil {
		f.t.Fatalf("Close: %v", err)
	}
	f.open()
}

func setupInput() SetupInput {
	return SetupInput{
		Office:        domain.Office{Name: officeName, Country: "CI", Lang: "fr", Address: "Rue 12, Cocody", Phone: "+225 27 22 00 00"},
		AdminUsername: "ama", AdminName: "Ama Mensah", Password: []byte(adminPW),
	}
}

// newOffice sets up an office with the admin "ama".
func newOffice(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	code, err := f.svc.Setup(context.Background(), setupInput())
	if err != nil {
		t.Fatalf("Setup: %v", err)
	}
	f.code = code
	return f
}

// login logs in and fails the test on error.
func (f *fixture) login(username, password string) *Session {
	f.t.Helper()
	ss, err := f.svc.Login(context.Background(), username, []byte(password))
	if err != nil {
		f.t.Fatalf("Login(%s): %v", username, err)
	}
	return ss
}

// staffOffice is an office with an admin (ama), a supervisor (sam), a case
// worker (kofi) and another case worker to act on (tina).
func staffOffice(t *testing.T) (*fixture, map[string]domain.User) {
	t.Helper()
	f := newOffice(t)
	admin := f.login("ama", adminPW)
	users := map[string]domain.User{"ama": admin.User()}
	for _, u := range []NewUser{
		{Username: "sam", Name: "Sam Diallo", Role: domain.RoleSupervisor, Password: []byte(superPW)},
		{Username: "kofi", Name: "Kofi Boateng", Role: domain.RoleCaseworker, Password: []byte(workerPW)},
		{Username: "tina", Name: "Tina Kouassi", Role: domain.RoleCaseworker, Password: []byte(targetPW)},
	} {
		added, err := admin.AddUser(context.Background(), u)
		if err != nil {
			t.Fatalf("AddUser(%s): %v", u.Username, err)
		}
		users[u.Username] = added
	}
	if err := admin.Logout(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f, users
}

// auditActions lists the actions of the audit trail, oldest first.
func (f *fixture) audit() []domain.AuditEntry {
	f.t.Helper()
	es, err := f.db.ListAudit(context.Background(), domain.AuditFilter{Limit: 10000})
	if err != nil {
		f.t.Fatal(err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

// lastAudit returns the newest n entries, oldest first.
func (f *fixture) lastAudit(n int) []domain.AuditEntry {
	es := f.audit()
	return es[max(0, len(es)-n):]
}

// wantErr fails unless errors.Is(err, want); want nil means success.
func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if want == nil && err != nil || want != nil && !errors.Is(err, want) {
		t.Errorf("%s = %v, want %v", what, err, want)
	}
}
