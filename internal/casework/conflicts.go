package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
)

// Side picks one version of a field in conflict.
type Side string

// The two sides of a conflict, as this office sees them.
const (
	KeepMine   Side = "mine"   // the value this office had
	KeepTheirs Side = "theirs" // the value the other office sent
)

// ErrConflictResolved: the conflict was resolved already (here or by the
// other office).
var ErrConflictResolved = errors.New("casework: the conflict was already resolved")

// ConflictItem is an open conflict in a list: no personal data.
type ConflictItem struct {
	ID       string
	RecordID string
	Kind     string // record kind: case, consent, referral...
	CaseID   string // the case it is about
	CaseCode string
	Fields   []string // paths into the record ("person.phone")
	Theirs   string   // the other office's id
	At       time.Time
}

// ConflictField is one field in conflict with both values and the
// provisional one, as JSON.
type ConflictField struct {
	Path                      string
	Mine, Theirs, Provisional json.RawMessage // nil when the side has no value
}

// ConflictView is a conflict with its values, for the side-by-side view.
type ConflictView struct {
	ConflictItem
	MineOffice, TheirOffice string // office ids
	Fields                  []ConflictField
}

// Conflicts lists the open conflicts the imports left, oldest first.
// Supervisors only (PermResolveConflicts).
func (ss *Session) Conflicts(ctx context.Context) ([]ConflictItem, error) {
	if err := ss.needs(PermResolveConflicts); err != nil {
		return nil, err
	}
	cs, err := ss.s.db.Conflicts(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make([]ConflictItem, 0, len(cs))
	for _, c := range cs {
		item, err := ss.conflictItem(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

// needs checks that the session is open and its role has p.
func (ss *Session) needs(p Permission) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.ready(p)
}

func (ss *Session) conflictItem(ctx context.Context, c store.Conflict) (ConflictItem, error) {
	item := ConflictItem{ID: c.ID, RecordID: c.RecordID, Kind: c.Kind, Fields: c.Fields, At: c.CreatedAt}
	if theirs, err := ss.s.db.Revision(ctx, c.TheirsRev); err == nil {
		item.Theirs = theirs.OfficeID
	}
	item.CaseID = c.RecordID
	if c.Kind != kindCase {
		rev, err := ss.s.db.Revision(ctx, c.MergeRev)
		if err != nil {
			return ConflictItem{}, err
		}
		if item.CaseID, err = ss.caseOfRecord(ctx, rev); err != nil {
			return ConflictItem{}, err
		}
	}
	if rec, err := ss.s.db.Record(ctx, item.CaseID); err == nil {
		item.CaseCode = rec.Code
	}
	return item, nil
}

// CaseConflicts lists the open conflicts about a case (the case itself or
// its consents, referrals...), for the banner on the case file. Anyone who
// may see the case sees them; only supervisors resolve.
func (ss *Session) CaseConflicts(ctx context.Context, caseID string) ([]ConflictItem, error) {
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return nil, err
	}
	cs, err := ss.s.db.Conflicts(ctx, true)
	if err != nil {
		return nil, err
	}
	var out []ConflictItem
	for _, c := range cs {
		item, err := ss.conflictItem(ctx, c)
		if err != nil {
			return nil, err
		}
		if item.CaseID == caseID {
			out = append(out, item)
		}
	}
	return out, nil
}

// Conflict opens one conflict with both values of each field, for a
// supervisor to compare them. Audited as case.view with part=conflict.
func (ss *Session) Conflict(ctx context.Context, id string) (ConflictView, error) {
	if err := ss.needs(PermResolveConflicts); err != nil {
		return ConflictView{}, err
	}
	c, err := ss.s.db.ConflictByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return ConflictView{}, notFound("conflict", id, err)
	}
	if err != nil {
		return ConflictView{}, err
	}
	item, err := ss.conflictItem(ctx, c)
	if err != nil {
		return ConflictView{}, err
	}
	v := ConflictView{ConflictItem: item}
	bodies := map[string][]byte{}
	defer func() {
		for _, b := range bodies {
			clear(b)
		}
	}()
	for _, rid := range []string{c.MineRev, c.TheirsRev, c.MergeRev} {
		rev, err := ss.s.db.Revision(ctx, rid)
		if err != nil {
			return ConflictView{}, err
		}
		switch rid {
		case c.MineRev:
			v.MineOffice = rev.OfficeID
		case c.TheirsRev:
			v.TheirOffice = rev.OfficeID
		}
		if rev.Tombstone {
			continue
		}
		if bodies[rid], err = ss.openRevision(rev); err != nil {
			return ConflictView{}, err
		}
	}
	for _, path := range c.Fields {
		f := ConflictField{Path: path}
		if f.Mine, err = fieldOf(bodies[c.MineRev], path); err == nil {
			if f.Theirs, err = fieldOf(bodies[c.TheirsRev], path); err == nil {
				f.Provisional, err = fieldOf(bodies[c.MergeRev], path)
			}
		}
		if err != nil {
			return ConflictView{}, errorf("read conflict", err)
		}
		v.Fields = append(v.Fields, f)
	}
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, item.CaseID, "part=conflict"); err != nil {
		return ConflictView{}, err
	}
	return v, nil
}

func fieldOf(body []byte, path string) (json.RawMessage, error) {
	if body == nil {
		return nil, nil
	}
	v, err := exchange.Field(body, path)
	if string(v) == "null" {
		v = nil
	}
	return v, err
}

// ResolveConflict settles a conflict field by field: keep maps each field
// in conflict to the side to keep (a field not named keeps the
// provisional value). The result is a new revision of the record, on top
// of its current head, that names the merge it resolves, so the other
// office closes the same conflict when it receives it. Supervisors only.
// Audited as exchange.conflict.resolve with the fields and sides.
func (ss *Session) ResolveConflict(ctx context.Context, id string, keep map[string]Side) error {
	if err := ss.needs(PermResolveConflicts); err != nil {
		return err
	}
	c, err := ss.s.db.ConflictByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("conflict", id, err)
	}
	if err != nil {
		return err
	}
	if !c.Open() {
		return ErrConflictResolved
	}
	for path, side := range keep {
		if side != KeepMine && side != KeepTheirs || !slices.Contains(c.Fields, path) {
			return fmt.Errorf("casework: resolve conflict %s: no field %q or side %q", id, path, side)
		}
	}
	sides := map[Side][]byte{}
	defer func() {
		for _, b := range sides {
			clear(b)
		}
	}()
	for side, rid := range map[Side]string{KeepMine: c.MineRev, KeepTheirs: c.TheirsRev} {
		rev, err := ss.s.db.Revision(ctx, rid)
		if err != nil {
			return err
		}
		if !rev.Tombstone {
			if sides[side], err = ss.openRevision(rev); err != nil {
				return err
			}
		}
	}
	var parts []string
	for _, p := range c.Fields {
		if s, ok := keep[p]; ok {
			parts = append(parts, p+"="+string(s))
		}
	}
	sort.Strings(parts)
	user := ss.User()
	return ss.commitAs(ctx, "resolve conflict", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		open, err := tx.OpenConflicts(ctx, c.RecordID)
		if err != nil {
			return nil, nil, err
		}
		if !containsConflict(open, c.ID) {
			return nil, nil, ErrConflictResolved
		}
		head, err := tx.RecordHead(ctx, c.RecordID)
		if err != nil {
			return nil, nil, err
		}
		headRev, err := ss.s.db.Revision(ctx, head)
		if err != nil {
			return nil, nil, err
		}
		if headRev.Tombstone {
			return nil, nil, notFound(c.Kind, c.RecordID, nil)
		}
		body, err := ss.key.Open(revisionAD(headRev), headRev.Body)
		if err != nil {
			return nil, nil, errorf("resolve conflict", err)
		}
		from := map[string][]byte{}
		for path, side := range keep {
			src := sides[side]
			if src == nil {
				src = []byte("{}")
			}
			from[path] = src
		}
		resolved, err := exchange.SetFields(body, from)
		clear(body)
		if err != nil {
			return nil, nil, errorf("resolve conflict", err)
		}
		cols, err := columnsOf(c.Kind, resolved, dateOf(now))
		if err != nil {
			return nil, nil, errorf("resolve conflict", err)
		}
		d := draft{kind: c.Kind, recordID: c.RecordID, parents: []string{head}, body: resolved, cols: cols, resolves: c.MergeRev}
		if err := tx.ResolveConflict(ctx, c.ID, user.ID, "", now); err != nil {
			return nil, nil, err
		}
		return []draft{d}, []domain.AuditEntry{ss.s.entry(domain.AuditConflictResolve, user.ID, c.RecordID,
			"conflict="+c.ID+" "+strings.Join(parts, " "))}, nil
	}, PermResolveConflicts)
}

func containsConflict(list []store.Conflict, id string) bool {
	for _, c := range list {
		if c.ID == id {
			return true
		}
	}
	return false
}
