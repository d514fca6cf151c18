package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// testCode is the recovery code the fake office hands out.
const testCode = "7K3Q-9XMD-ABCD-EFGH-JKMN-PQRS-TV12"

// testNow is the clock of the tests.
var testNow = time.Date(2026, time.November, 27, 14, 5, 0, 0, time.Local)

// fakeSecurity is an office in memory, with casework's rules where the
// window depends on them (lockout, disabled accounts, the last admin).
type fakeSecurity struct {
	setUp     bool
	office    domain.Office
	users     []domain.User
	passwords map[string]string    // user id -> password
	lockedOut map[string]time.Time // username -> until
	autoLock  time.Duration
	audit     []domain.AuditEntry

	setupIn    *casework.SetupInput
	setupErr   error
	isSetUpErr error
	logins     int
	sessions   []*fakeSession
}

func newFakeSecurity() *fakeSecurity {
	return &fakeSecurity{passwords: map[string]string{}, lockedOut: map[string]time.Time{}, autoLock: 5 * time.Minute}
}

// withOffice sets up the fake office with an admin, aminata, whose
// password is "correct horse battery".
func (f *fakeSecurity) withOffice() *fakeSecurity {
	f.setUp = true
	f.office = domain.Office{ID: "office-1", Name: "Unité de protection de l’enfance, Kolda", Country: "SN", Lang: "fr"}
	f.addUser("u-admin", "aminata", "Aminata Diallo", domain.RoleAdmin, "correct horse battery")
	return f
}

func (f *fakeSecurity) addUser(id, username, name string, role domain.Role, password string) domain.User {
	u := domain.User{ID: id, Username: username, Name: name, Role: role, CreatedAt: testNow}
	f.users = append(f.users, u)
	f.passwords[id] = password
	return u
}

func (f *fakeSecurity) user(username string) (domain.User, bool) {
	for _, u := range f.users {
		if u.Username == username {
			return u, true
		}
	}
	return domain.User{}, false
}

func (f *fakeSecurity) IsSetUp(context.Context) (bool, error) { return f.setUp, f.isSetUpErr }

func (f *fakeSecurity) Setup(_ context.Context, in casework.SetupInput) (string, error) {
	if f.setupErr != nil {
		return "", f.setupErr
	}
	if f.setUp {
		return "", casework.ErrAlreadySetUp
	}
	cp := in
	cp.Password = append([]byte(nil), in.Password...)
	f.setupIn = &cp
	f.office = in.Office
	f.office.ID = "office-new"
	f.setUp = true
	f.addUser("u-first", in.AdminUsername, in.AdminName, domain.RoleAdmin, string(in.Password))
	return testCode, nil
}

func (f *fakeSecurity) Office(context.Context) (domain.Office, error) {
	if !f.setUp {
		return domain.Office{}, casework.ErrNotSetUp
	}
	return f.office, nil
}

func (f *fakeSecurity) LoginUsers(context.Context) ([]domain.User, error) {
	var out []domain.User
	for _, u := range f.users {
		if !u.Disabled {
			out = append(out, u)
		}
	}
	return out, nil
}

func (f *fakeSecurity) Login(_ context.Context, username string, password []byte) (Session, error) {
	f.logins++
	if until, ok := f.lockedOut[username]; ok {
		return nil, &casework.LockedOutError{Until: until}
	}
	u, ok := f.user(username)
	if !ok || f.passwords[u.ID] != string(password) {
		return nil, casework.ErrBadCredentials
	}
	if u.Disabled {
		return nil, casework.ErrUserDisabled
	}
	return f.open(u), nil
}

func (f *fakeSecurity) open(u domain.User) *fakeSession {
	s := &fakeSession{sec: f, user: u}
	f.sessions = append(f.sessions, s)
	return s
}

func (f *fakeSecurity) Recover(_ context.Context, code, username string, pw []byte) (Session, error) {
	if code != testCode {
		return nil, casework.ErrBadRecoveryCode
	}
	u, ok := f.user(username)
	if !ok || u.Role != domain.RoleAdmin {
		return nil, casework.ErrWrongUser
	}
	f.passwords[u.ID] = string(pw)
	return f.open(u), nil
}

func (f *fakeSecurity) AutoLockAfter(context.Context) (time.Duration, error) { return f.autoLock, nil }

// fakeSession is a session of fakeSecurity. Its drafts are "sealed" by a
// marker and refuse to seal or open while locked, as casework's do.
type fakeSession struct {
	sec       *fakeSecurity
	user      domain.User
	locked    bool
	loggedOut bool
	touches   int
	idle      bool // LockIfIdle locks when set
	lockCalls int
	sealCalls int
	lockErr   error
}

var errFakeLocked = errors.New("fake: locked")

func (s *fakeSession) User() domain.User     { return s.user }
func (s *fakeSession) Office() domain.Office { return s.sec.office }
func (s *fakeSession) Locked() bool          { return s.locked }

func (s *fakeSession) Lock(context.Context) error {
	s.lockCalls++
	s.locked = true
	return s.lockErr
}

func (s *fakeSession) Unlock(_ context.Context, pw []byte) error {
	if s.sec.passwords[s.user.ID] != string(pw) {
		return casework.ErrBadCredentials
	}
	s.locked = false
	return nil
}

func (s *fakeSession) Logout(context.Context) error {
	s.loggedOut = true
	s.locked = true
	return nil
}

func (s *fakeSession) Touch() { s.touches++ }

func (s *fakeSession) LockIfIdle(context.Context) (bool, error) {
	if s.idle && !s.locked {
		s.locked = true
		return true, nil
	}
	return false, nil
}

func (s *fakeSession) Can(p casework.Permission) bool { return casework.RoleCan(s.user.Role, p) }

func (s *fakeSession) check(p casework.Permission) error {
	if s.locked {
		return casework.ErrLocked
	}
	if p != "" && !s.Can(p) {
		return casework.ErrForbidden
	}
	return nil
}

func (s *fakeSession) ChangePassword(_ context.Context, old, new []byte) error {
	if err := s.check(""); err != nil {
		return err
	}
	if s.sec.passwords[s.user.ID] != string(old) {
		return casework.ErrBadCredentials
	}
	s.sec.passwords[s.user.ID] = string(new)
	return nil
}

func (s *fakeSession) Users(context.Context) ([]domain.User, error) {
	if err := s.check(casework.PermManageUsers); err != nil {
		return nil, err
	}
	return append([]domain.User(nil), s.sec.users...), nil
}

func (s *fakeSession) AddUser(_ context.Context, nu casework.NewUser) (domain.User, error) {
	if err := s.check(casework.PermManageUsers); err != nil {
		return domain.User{}, err
	}
	if _, taken := s.sec.user(strings.ToLower(nu.Username)); taken {
		return domain.User{}, casework.ErrUsernameTaken
	}
	return s.sec.addUser("u-"+nu.Username, strings.ToLower(nu.Username), nu.Name, nu.Role, string(nu.Password)), nil
}

func (s *fakeSession) SetUserDisabled(_ context.Context, id string, disabled bool) error {
	if err := s.check(casework.PermManageUsers); err != nil {
		return err
	}
	for i, u := range s.sec.users {
		if u.ID != id {
			continue
		}
		if disabled && u.Role == domain.RoleAdmin {
			others := 0
			for _, o := range s.sec.users {
				if o.ID != id && o.Role == domain.RoleAdmin && !o.Disabled {
					others++
				}
			}
			if others == 0 {
				return casework.ErrLastAdmin
			}
		}
		s.sec.users[i].Disabled = disabled
		return nil
	}
	return casework.ErrUnknownUser
}

func (s *fakeSession) ResetPassword(_ context.Context, id string, pw []byte) error {
	if err := s.check(casework.PermManageUsers); err != nil {
		return err
	}
	s.sec.passwords[id] = string(pw)
	return nil
}

func (s *fakeSession) Audit(_ context.Context, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	if err := s.check(casework.PermViewAudit); err != nil {
		return nil, err
	}
	var out []domain.AuditEntry
	for _, e := range s.sec.audit {
		if f.UserID != "" && e.UserID != f.UserID ||
			f.Action != "" && e.Action != f.Action ||
			!f.From.IsZero() && e.At.Before(f.From) ||
			!f.To.IsZero() && !e.At.Before(f.To) {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *fakeSession) SetAutoLockAfter(_ context.Context, d time.Duration) error {
	if err := s.check(casework.PermManageSettings); err != nil {
		return err
	}
	s.sec.autoLock = d
	return nil
}

const sealMark = "sealed:"

func (s *fakeSession) SealDraft(name string, fields map[string]string) ([]byte, error) {
	s.sealCalls++
	if s.locked {
		return nil, errFakeLocked
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	// Not encryption: enough for the tests to see the draft went through here.
	for i := range b {
		b[i] ^= 0x5a
	}
	return append([]byte(sealMark+name+":"), b...), nil
}

func (s *fakeSession) OpenDraft(name string, sealed []byte) (map[string]string, error) {
	if s.locked {
		return nil, errFakeLocked
	}
	prefix := sealMark + name + ":"
	if !strings.HasPrefix(string(sealed), prefix) {
		return nil, errors.New("fake: not this draft")
	}
	b := append([]byte(nil), sealed[len(prefix):]...)
	for i := range b {
		b[i] ^= 0x5a
	}
	var m map[string]string
	return m, json.Unmarshal(b, &m)
}

// tinyPNG is a blank PNG image of w×h pixels.
func tinyPNG(t testingT, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type testingT interface {
	Helper()
	Fatal(args ...any)
}
