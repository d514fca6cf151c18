package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
)

// Session is one user's time at the keyboard. While unlocked it holds the
// office data key and identity; Lock (by hand or after idle minutes) and
// Logout wipe them and drop whatever it had decrypted. It is safe for
// concurrent use: an auto-lock ticker may call LockIfIdle while the window
// works.
type Session struct {
	s *Service

	mu           sync.Mutex
	user         domain.User
	office       domain.Office
	key          *vault.Key      // nil while locked
	id           *vault.Identity // nil while locked
	locked       bool
	closed       bool
	lastActivity time.Time
	// forget holds what later features register to drop their decrypted
	// state (the search index) on lock and logout.
	forget []func()
	index  *caseIndex // the search index (index.go): built on first use, dropped by wipe
}

// User returns the session's user as of login or last unlock.
func (ss *Session) User() domain.User {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.user
}

// Office returns the office as of login.
func (ss *Session) Office() domain.Office {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.office
}

// Locked reports whether the session is locked (or ended by Logout).
func (ss *Session) Locked() bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.locked || ss.closed
}

// Can reports whether the user's role allows p. It says nothing about the
// lock: a locked session refuses every action with ErrLocked.
func (ss *Session) Can(p Permission) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return RoleCan(ss.user.Role, p)
}

// ready returns nil if the session is open and unlocked and the role has p
// ("" for actions every role may take). The caller holds mu.
func (ss *Session) ready(p Permission) error {
	switch {
	case ss.closed:
		return ErrLoggedOut
	case ss.locked:
		return ErrLocked
	case p != "" && !RoleCan(ss.user.Role, p):
		return ErrForbidden
	}
	return nil
}

// wipe drops the keys and everything decrypted. The caller holds mu.
func (ss *Session) wipe() {
	ss.key.Wipe()
	ss.id.Wipe()
	ss.key, ss.id = nil, nil
	ss.dropIndex()
	for _, f := range ss.forget {
		f()
	}
}

// Lock wipes the data key and identity and drops everything decrypted; the
// user's password unlocks it again. Locking a locked session does nothing.
func (ss *Session) Lock(ctx context.Context) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.lock(ctx, "reason=manual")
}

// lock is Lock with a reason for the audit; the caller holds mu. The wipe
// comes first: a failing audit write must not leave the key in memory.
func (ss *Session) lock(ctx context.Context, reason string) error {
	if ss.locked || ss.closed {
		return nil
	}
	ss.wipe()
	ss.locked = true
	return ss.s.audit(ctx, domain.AuditLock, ss.user.ID, "", reason)
}

// Touch records activity: the idle timer starts again.
func (ss *Session) Touch() {
	now := ss.s.now()
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.lastActivity = now
}

// LockIfIdle locks the session when it has been idle for the auto-lock
// time or longer, and reports whether it did.
func (ss *Session) LockIfIdle(ctx context.Context) (bool, error) {
	after, err := ss.s.AutoLockAfter(ctx)
	if err != nil {
		after = defaultAutoLock // never let a read error keep a session open
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.locked || ss.closed || ss.s.now().Sub(ss.lastActivity) < after {
		return false, nil
	}
	return true, ss.lock(ctx, "reason=idle")
}

// Unlock reopens a locked session with its user's password. The lockout
// rules of Login apply; a wrong password counts as a failed login.
func (ss *Session) Unlock(ctx context.Context, password []byte) error {
	ss.mu.Lock()
	username := ss.user.Username
	ss.mu.Unlock()
	return ss.UnlockAs(ctx, username, password)
}

// UnlockAs is Unlock for a lock screen that asks for the username too: any
// user other than the session's gets ErrWrongUser, without a password check
// (they should log in on their own; the session is not theirs).
func (ss *Session) UnlockAs(ctx context.Context, username string, password []byte) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	switch {
	case ss.closed:
		return ErrLoggedOut
	case domain.NormalizeUsername(username) != ss.user.Username:
		return ErrWrongUser
	case !ss.locked:
		return nil
	}
	s := ss.s
	office, err := s.office(ctx)
	if err != nil {
		return err
	}
	row, err := s.db.UserByID(ctx, ss.user.ID)
	if err != nil {
		return err
	}
	key, err := s.authenticate(ctx, row, password, "unlock")
	if err != nil {
		return err
	}
	id, err := key.OpenIdentity(office.Identity, office.ID)
	if err != nil {
		key.Wipe()
		return errorf("open the office identity", err)
	}
	err = s.db.Update(ctx, "record unlock", func(tx *store.Tx) error {
		if err := tx.SetLoginFailures(ctx, row.ID, 0, time.Time{}); err != nil {
			return err
		}
		return appendAll(ctx, tx, s.entry(domain.AuditUnlock, row.ID, "", ""))
	})
	if err != nil {
		key.Wipe()
		id.Wipe()
		return err
	}
	ss.key, ss.id, ss.locked = key, id, false
	ss.user = row.User
	ss.lastActivity = s.now()
	return nil
}

// Logout ends the session: keys wiped, nothing can be done with it again.
func (ss *Session) Logout(ctx context.Context) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.closed {
		return nil
	}
	if !ss.locked {
		ss.wipe()
	}
	ss.closed = true
	return ss.s.audit(ctx, domain.AuditLogout, ss.user.ID, "", "")
}

// draftAD binds a sealed draft to its user and form.
func draftAD(userID, name string) vault.AD {
	return vault.AD{Kind: "draft", Record: userID, Field: name}
}

// SealDraft seals unsaved form input, so the window can hold it across a
// lock without keeping it readable in memory: call it before Lock, and
// OpenDraft after Unlock. The name says which form.
func (ss *Session) SealDraft(name string, fields map[string]string) ([]byte, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return nil, err
	}
	plain, err := json.Marshal(fields)
	if err != nil {
		return nil, errorf("seal draft "+name, err)
	}
	defer clear(plain)
	sealed, err := ss.key.Seal(draftAD(ss.user.ID, name), plain)
	if err != nil {
		return nil, errorf("seal draft "+name, err)
	}
	return sealed, nil
}

// OpenDraft opens what SealDraft sealed for the same user and form name.
func (ss *Session) OpenDraft(name string, sealed []byte) (map[string]string, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return nil, err
	}
	plain, err := ss.key.Open(draftAD(ss.user.ID, name), sealed)
	if err != nil {
		return nil, errorf("open draft "+name, err)
	}
	defer clear(plain)
	var fields map[string]string
	if err := json.Unmarshal(plain, &fields); err != nil {
		return nil, errorf("open draft "+name, errors.New("not a draft"))
	}
	return fields, nil
}

// selfTestSample is how many sealed revisions SelfTest opens.
const selfTestSample = 50

// SelfTest checks that sealing works with this office's key
// (vault.SelfTest), that the sealed identity opens and matches the public
// card, and that a random sample of sealed revisions opens; the first fault
// names the record. Used by `amparoctl verify`.
func (ss *Session) SelfTest(ctx context.Context) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return err
	}
	if err := vault.SelfTest(ss.key); err != nil {
		return err
	}
	office, err := ss.s.office(ctx)
	if err != nil {
		return err
	}
	id, err := ss.key.OpenIdentity(office.Identity, office.ID)
	if err != nil {
		return errorf("self-test: office identity", err)
	}
	same := id.Recipient() == office.AgeRecipient && string(id.SigningPublicKey()) == string(office.SignPublicKey)
	id.Wipe()
	if !same {
		return errorf("self-test", errors.New("the office identity does not match the office card"))
	}
	revs, err := ss.s.db.SampleRevisions(ctx, selfTestSample)
	if err != nil {
		return err
	}
	for _, r := range revs {
		plain, err := ss.key.Open(revisionAD(r), r.Body)
		if err != nil {
			return errorf(fmt.Sprintf("self-test: revision %s", r.ID), err)
		}
		clear(plain)
	}
	return nil
}
