package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// mergeSpace names merge revisions: a merge's id is derived from its
// parents and base, so every office that merges the same two sides makes
// the same revision, and exchanging it again changes nothing.
var mergeSpace = uuid.MustParse("2d0f5a8e-7c41-4b6e-9a0c-3e55b1f0c7d2")

// mergeUser is the author of merge revisions: no person, the merge itself.
const mergeUser = "merge"

// quietPaths are bookkeeping fields that both sides change with every
// save (a case's updatedAt, a referral's or partner's updated); a merge
// takes the later side's value without a conflict.
var quietPaths = []string{"updatedAt", "updated"}

// UnknownSenderError refuses a file from an office that is not trusted
// here. It carries the card the file came with, so the person can compare
// its fingerprint with the sending office by phone and trust it
// (PinOffice), then import again.
type UnknownSenderError struct {
	Card        domain.OfficeCard
	Fingerprint string
}

func (e *UnknownSenderError) Error() string {
	return "casework: " + exchange.ErrUnknownSender.Error()
}

// Is makes errors.Is(err, exchange.ErrUnknownSender) true.
func (e *UnknownSenderError) Is(target error) bool { return target == exchange.ErrUnknownSender }

// ImportReport says what an import did.
type ImportReport struct {
	ExportID   string
	Sender     domain.OfficeCard
	Sequence   int64
	New        int      // records this office did not have
	Updated    int      // records brought forward (fast-forward or merged without conflict)
	Conflicts  int      // records whose merge left fields for a supervisor
	Skipped    int      // revisions this office already had
	Cases      []string // codes of the cases the file brought or changed
	Revisions  int      // revisions in the file
	ResolvedBy int      // conflicts the sender resolved

	caseIDs []string
}

// ImportFile verifies and applies an export file: decrypt (with the
// office identity, or the passphrase of a one-off hand-over), check it is
// addressed to this office, verify the manifest signature against the
// pinned sender and every member's hash, refuse a file already applied,
// then apply every revision and merge in one transaction, or nothing.
// Refusals are exchange's errors (exchange.ErrNotForUs...) and
// *UnknownSenderError. Supervisors only. Audited as exchange.import.
func (ss *Session) ImportFile(ctx context.Context, data []byte, passphrase string) (ImportReport, error) {
	user, office, err := ss.exchangeUser()
	if err != nil {
		return ImportReport{}, err
	}
	ss.mu.Lock()
	if err := ss.ready(PermExchange); err != nil {
		ss.mu.Unlock()
		return ImportReport{}, err
	}
	keys := exchange.Keys{Identity: ss.id.AgeIdentity(), Passphrase: passphrase}
	ss.mu.Unlock()
	b, err := exchange.Read(data, keys)
	if err != nil {
		return ImportReport{}, err
	}
	defer b.Wipe()
	m := b.Manifest
	if m.Sender == office.ID || !m.Passphrase && !slices.Contains(m.Recipients, office.ID) {
		return ImportReport{}, exchange.ErrNotForUs
	}
	var pin domain.PinnedOffice
	if _, err := ss.openPinned(ctx, m.Sender, &pin); errors.Is(err, ErrNotFound) {
		return ImportReport{}, &UnknownSenderError{Card: m.SenderCard, Fingerprint: CardFingerprint(m.SenderCard)}
	} else if err != nil {
		return ImportReport{}, err
	}
	if !pin.Active() {
		return ImportReport{}, exchange.ErrRevokedSender
	}
	if err := b.Verify(pin.Card.SigningKey); err != nil {
		return ImportReport{}, err
	}
	for _, r := range b.Revisions {
		if !slices.Contains(travelKinds, r.Kind) || r.Attachment != (r.Kind == kindAttachmentData && !r.Tombstone) {
			return ImportReport{}, exchange.ErrDamaged
		}
	}
	rep := ImportReport{ExportID: m.ExportID, Sender: pin.Card, Sequence: m.Sequence, Revisions: len(b.Revisions)}
	err = ss.withKey(func(k keyOps) error {
		return ss.s.db.Update(ctx, "import", func(tx *store.Tx) error {
			return ss.apply(ctx, tx, k, b, &rep, user.ID)
		})
	})
	if err != nil {
		return ImportReport{}, err
	}
	ss.mu.Lock()
	ss.dropIndex() // cases came in or changed: the index is rebuilt on next use
	ss.mu.Unlock()
	for _, id := range rep.caseIDs {
		if rec, err := ss.s.db.Record(ctx, id); err == nil && rec.Code != "" {
			rep.Cases = append(rep.Cases, rec.Code)
		}
	}
	sort.Strings(rep.Cases)
	return rep, nil
}

// keyOps seals and opens with the session's data key while it holds it.
type keyOps struct {
	seal func(r store.Revision, plain []byte) ([]byte, error)
	open func(r store.Revision) ([]byte, error)
}

// withKey runs f with the data key, holding the session lock so that a
// lock or logout waits for it.
func (ss *Session) withKey(f func(k keyOps) error) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermExchange); err != nil {
		return err
	}
	k := keyOps{
		seal: func(r store.Revision, plain []byte) ([]byte, error) { return ss.key.Seal(revisionAD(r), plain) },
		open: func(r store.Revision) ([]byte, error) { return ss.key.Open(revisionAD(r), r.Body) },
	}
	return f(k)
}

// apply writes the revisions of b that are new here, merges the records
// they touch, and records the file, inside tx.
func (ss *Session) apply(ctx context.Context, tx *store.Tx, k keyOps, b *exchange.Bundle, rep *ImportReport, userID string) error {
	m := b.Manifest
	if _, err := tx.FileByID(ctx, m.ExportID); err == nil {
		return exchange.ErrAlreadyImported
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if _, err := tx.FileBySeq(ctx, m.Sender, m.Sequence); err == nil {
		return exchange.ErrReplayed
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	revs := slices.Clone(b.Revisions)
	sort.SliceStable(revs, func(i, j int) bool { return revs[i].HLC < revs[j].HLC })
	today := ss.today()
	ids := make([]string, len(revs))
	for i, r := range revs {
		ids[i] = r.ID
	}
	have, err := tx.ExistingRevisions(ctx, ids)
	if err != nil {
		return err
	}
	// The new revisions by record, oldest first, records in the order
	// they first appear.
	byRecord := map[string][]exchange.Revision{}
	var order []string
	for _, r := range revs {
		if have[r.ID] {
			rep.Skipped++
			continue
		}
		if _, seen := byRecord[r.Record]; !seen {
			order = append(order, r.Record)
		}
		byRecord[r.Record] = append(byRecord[r.Record], r)
	}
	known, err := tx.RecordKinds(ctx, order)
	if err != nil {
		return err
	}
	bodyOf := func(r exchange.Revision) []byte {
		if r.Attachment {
			return b.Attachments[r.ID]
		}
		return r.Body
	}
	// toStore checks a revision's body for its kind, seals it, and gives
	// the plain columns it would give its record as head.
	toStore := func(r exchange.Revision) (store.Revision, store.RecordColumns, error) {
		rev := store.Revision{ID: r.ID, RecordID: r.Record, Kind: r.Kind, Parents: r.Parents, OfficeID: r.Office,
			UserID: r.User, HLC: r.HLC, CreatedAt: r.Created, Tombstone: r.Tombstone, ReceivedFrom: m.Sender,
			Resolves: r.Resolves}
		if r.Tombstone {
			return rev, store.RecordColumns{}, nil
		}
		body := bodyOf(r)
		cols, err := columnsOf(r.Kind, body, today)
		if err != nil {
			return rev, cols, exchange.ErrDamaged
		}
		if rev.Body, err = k.seal(rev, body); err != nil {
			return rev, cols, errorf("import", err)
		}
		return rev, cols, nil
	}
	now := ss.s.now()
	cases := map[string]bool{}
	codes := map[string]string{} // case id -> code, for the report
	var touched []string
	for _, rec := range order {
		group := byRecord[rec]
		for _, r := range group {
			ss.s.hlc.observe(r.HLC)
			if r.Kind != group[0].Kind {
				return exchange.ErrDamaged // one record as two kinds
			}
		}
		if kh, ok := known[rec]; ok && kh[0] != group[0].Kind {
			return exchange.ErrDamaged // a record id used by another kind here
		}
	}
	// Records this office did not have, whose revisions end in one leaf
	// that is not another office's merge, are stored whole at once. They
	// are checked and sealed on a second core while this one writes.
	type prepared struct {
		rec    string
		leaf   exchange.Revision
		stored []store.Revision
		cols   store.RecordColumns
		err    error
	}
	var fast []string
	for _, rec := range order {
		if _, ok := known[rec]; ok {
			continue
		}
		if leaf, ok := singleLeaf(byRecord[rec]); ok && !(leaf.User == mergeUser && len(leaf.Parents) == 2) {
			fast = append(fast, rec)
		}
	}
	// In id order, the records' B-trees grow at their end instead of
	// splitting pages all over.
	sort.Strings(fast)
	isFast := make(map[string]bool, len(fast))
	ready := make(chan prepared, 256)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ready)
		for _, rec := range fast {
			group := byRecord[rec]
			leaf, _ := singleLeaf(group)
			p := prepared{rec: rec, leaf: leaf, stored: make([]store.Revision, 0, len(group))}
			for _, r := range group {
				rev, c, err := toStore(r)
				if err != nil {
					p.err = err
					break
				}
				if r.ID == leaf.ID {
					p.cols = c
				}
				p.stored = append(p.stored, rev)
			}
			select {
			case ready <- p:
			case <-stop:
				return
			}
			if p.err != nil {
				return
			}
		}
	}()
	for _, rec := range fast {
		isFast[rec] = true
	}
	for p := range ready {
		if p.err != nil {
			return p.err
		}
		if err := tx.PutNewRecord(ctx, p.stored, p.leaf.ID, p.cols); err != nil {
			if errors.Is(err, store.ErrExists) {
				return exchange.ErrDamaged
			}
			return err
		}
		rep.New++
		if p.leaf.Kind == kindCase {
			cases[p.rec] = true
			codes[p.rec] = p.cols.Code
		}
	}
	// The others revision by revision, then merged.
	for _, rec := range order {
		if isFast[rec] {
			continue
		}
		for _, r := range byRecord[rec] {
			rev, cols, err := toStore(r)
			if err != nil {
				return err
			}
			if err := tx.PutRevision(ctx, rev, cols); err != nil {
				if errors.Is(err, store.ErrExists) {
					return exchange.ErrDamaged
				}
				return err
			}
		}
		touched = append(touched, rec)
	}
	// Conflicts resolved by the sender close here too.
	for _, rec := range order {
		for _, r := range byRecord[rec] {
			if r.Resolves == "" {
				continue
			}
			if err := ss.closeResolved(ctx, tx, r.Resolves, r.Office, r.ID); err != nil {
				return err
			}
			rep.ResolvedBy++
		}
	}
	for _, id := range touched {
		before := known[id][1]
		outcome, err := ss.reconcile(ctx, tx, k, id, before, now, today)
		if err != nil {
			return err
		}
		switch {
		case outcome.conflict:
			rep.Conflicts++
		case before == "":
			rep.New++
		default:
			rep.Updated++
		}
		if outcome.caseID != "" {
			cases[outcome.caseID] = true
		}
	}
	for id := range cases {
		if code, ok := codes[id]; ok {
			if code != "" {
				rep.Cases = append(rep.Cases, code)
			}
			continue
		}
		rep.caseIDs = append(rep.caseIDs, id)
	}
	if err := tx.AddFile(ctx, store.ExchangeFile{ExportID: m.ExportID, Direction: "in", OfficeID: m.Sender,
		Seq: m.Sequence, At: now}); err != nil {
		return err
	}
	detail := fmt.Sprintf("from=%s seq=%d new=%d updated=%d conflicts=%d skipped=%d", m.Sender, m.Sequence, rep.New,
		rep.Updated, rep.Conflicts, rep.Skipped)
	_, err = tx.AppendAudit(ctx, ss.s.entry(domain.AuditImport, userID, m.ExportID, detail))
	return err
}

// singleLeaf returns the revision of group no other revision of group
// builds on, when there is exactly one.
func singleLeaf(group []exchange.Revision) (exchange.Revision, bool) {
	parent := map[string]bool{}
	for _, r := range group {
		for _, p := range r.Parents {
			parent[p] = true
		}
	}
	var leaf exchange.Revision
	n := 0
	for _, r := range group {
		if !parent[r.ID] {
			leaf = r
			n++
		}
	}
	return leaf, n == 1
}

// closeResolved closes this office's conflict on a merge revision that
// another office resolved.
func (ss *Session) closeResolved(ctx context.Context, tx *store.Tx, mergeRev, byOffice, rev string) error {
	rec, err := tx.RevisionRecord(ctx, mergeRev)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	open, err := tx.OpenConflicts(ctx, rec)
	if err != nil {
		return err
	}
	for _, c := range open {
		if c.MergeRev == mergeRev {
			if err := tx.ResolveConflict(ctx, c.ID, byOffice, rev, ss.s.now()); err != nil {
				return err
			}
		}
	}
	return nil
}

// ageFields are the fields of a person that say whether they are a child
// (ChildStatus): decoding only these is much cheaper than a whole case.
type ageFields struct {
	BirthDate    string `json:"birthDate"`
	AgeEstimate  int    `json:"ageEstimate"`
	AgeUncertain bool   `json:"ageUncertain"`
	MayBeChild   bool   `json:"mayBeChild"`
}

func (a ageFields) person() domain.Person {
	return domain.Person{BirthDate: a.BirthDate, AgeEstimate: a.AgeEstimate, AgeUncertain: a.AgeUncertain,
		MayBeChild: a.MayBeChild}
}

// columnsOf derives the plain columns of a record from its body.
func columnsOf(kind string, body []byte, today time.Time) (store.RecordColumns, error) {
	switch kind {
	case kindCase:
		// Only what the columns need: decoding a whole case costs more.
		var c struct {
			Code       string            `json:"code"`
			Status     domain.CaseStatus `json:"status"`
			Stage      domain.Stage      `json:"stage"`
			Priority   domain.Priority   `json:"priority"`
			AssignedTo string            `json:"assignedTo"`
			Person     ageFields         `json:"person"`
		}
		if err := json.Unmarshal(body, &c); err != nil {
			return store.RecordColumns{}, err
		}
		return caseColumns(domain.Case{Code: c.Code, Status: c.Status, Stage: c.Stage, Priority: c.Priority,
			AssignedTo: c.AssignedTo, Person: c.Person.person()}, today), nil
	case kindConsent:
		var c struct {
			CaseID      string `json:"caseId"`
			GivenOn     string `json:"givenOn"`
			WithdrawnOn string `json:"withdrawnOn"`
		}
		if err := json.Unmarshal(body, &c); err != nil {
			return store.RecordColumns{}, err
		}
		return consentColumns(domain.Consent{GivenOn: c.GivenOn, WithdrawnOn: c.WithdrawnOn}), nil
	case kindAttachmentData:
		return store.RecordColumns{}, nil
	case kindPartner:
		var p struct {
			Name string `json:"name"`
		}
		return store.RecordColumns{}, json.Unmarshal(body, &p)
	}
	// The records of a case name it.
	var c struct {
		CaseID string `json:"caseId"`
	}
	if err := json.Unmarshal(body, &c); err != nil {
		return store.RecordColumns{}, err
	}
	if c.CaseID == "" {
		return store.RecordColumns{}, errors.New("no case")
	}
	return store.RecordColumns{}, nil
}

// reconcileOutcome says how a record came out of an import.
type reconcileOutcome struct {
	conflict bool
	caseID   string // the case it belongs to, when it is a case
}

// reconcile brings a record touched by an import to one head: when its
// revisions end in one leaf, that leaf is the head (a fast-forward);
// when they end in several (both sides edited), they are merged two by
// two into merge revisions, recording the fields both sides changed as a
// conflict. A merge revision received from another office is checked the
// same way, so both offices show the same conflict.
func (ss *Session) reconcile(ctx context.Context, tx *store.Tx, k keyOps, recordID, before string, now, today time.Time) (reconcileOutcome, error) {
	revs, err := tx.Revisions(ctx, recordID)
	if err != nil {
		return reconcileOutcome{}, err
	}
	g := newRevGraph(revs)
	var out reconcileOutcome
	if len(revs) > 0 && revs[0].Kind == kindCase {
		out.caseID = recordID
	}
	leaves := g.leaves()
	if len(leaves) == 1 {
		leaf := leaves[0]
		if leaf.UserID == mergeUser && len(leaf.Parents) == 2 && !leaf.Tombstone {
			conflict, err := ss.checkMerge(ctx, tx, k, g, leaf, before, now)
			out.conflict = conflict
			return out, err
		}
		return out, nil
	}
	cur := leaves[0]
	for _, next := range leaves[1:] {
		m, fields, err := ss.mergeTwo(k, g, cur, next, today)
		if err != nil {
			return reconcileOutcome{}, err
		}
		if !g.has(m.rev.ID) {
			if err := tx.PutRevision(ctx, m.rev, m.cols); err != nil {
				return reconcileOutcome{}, err
			}
			g.add(m.rev)
			// What this office writes next (a resolution) must sort
			// after the merge, whose stamp is one past its later side's.
			ss.s.hlc.observe(m.rev.HLC)
		}
		if len(fields) > 0 {
			mine, theirs := g.sides(cur, next, before)
			c := store.Conflict{ID: uuid.NewString(), RecordID: recordID, MergeRev: m.rev.ID, BaseRev: m.base,
				MineRev: mine.ID, TheirsRev: theirs.ID, Fields: fields, CreatedAt: now}
			if err := tx.AddConflict(ctx, c); err != nil {
				return reconcileOutcome{}, err
			}
			out.conflict = true
		}
		cur = m.rev
	}
	return out, nil
}

// checkMerge records the conflict of a merge revision another office
// made, unless this office has it already.
func (ss *Session) checkMerge(ctx context.Context, tx *store.Tx, k keyOps, g *revGraph, merge store.Revision, before string, now time.Time) (bool, error) {
	a, b := g.byID[merge.Parents[0]], g.byID[merge.Parents[1]]
	if a.ID == "" || b.ID == "" {
		return false, nil // a parent this office never had: nothing to compare
	}
	_, fields, base, err := ss.mergeBodies(k, g, a, b)
	if err != nil || len(fields) == 0 {
		return false, err
	}
	if before == merge.ID {
		return false, nil
	}
	mine, theirs := g.sides(a, b, before)
	c := store.Conflict{ID: uuid.NewString(), RecordID: merge.RecordID, MergeRev: merge.ID, BaseRev: base,
		MineRev: mine.ID, TheirsRev: theirs.ID, Fields: fields, CreatedAt: now}
	return true, tx.AddConflict(ctx, c)
}

// merged is a merge revision ready to store.
type merged struct {
	rev  store.Revision
	cols store.RecordColumns
	base string
}

// mergeTwo makes the merge revision of two leaves. Everything in it is
// derived from the two sides, so every office makes the same one.
func (ss *Session) mergeTwo(k keyOps, g *revGraph, x, y store.Revision, today time.Time) (merged, []string, error) {
	a, b := ordered(x, y)
	body, fields, base, err := ss.mergeBodies(k, g, a, b)
	if err != nil {
		return merged{}, nil, err
	}
	wall, counter, office, ok := parseHLC(b.HLC)
	if !ok {
		wall, counter, office = 0, 0, b.OfficeID
	}
	rev := store.Revision{
		ID:       uuid.NewSHA1(mergeSpace, []byte(a.ID+"+"+b.ID+"@"+base)).String(),
		RecordID: b.RecordID, Kind: b.Kind, Parents: []string{a.ID, b.ID}, OfficeID: b.OfficeID, UserID: mergeUser,
		HLC:       fmt.Sprintf("%015d-%06d-%s", wall, counter+1, office),
		CreatedAt: b.CreatedAt, Tombstone: body == nil,
	}
	var cols store.RecordColumns
	if body != nil {
		defer clear(body)
		if cols, err = columnsOf(rev.Kind, body, today); err != nil {
			return merged{}, nil, errorf("merge", err)
		}
		if rev.Body, err = k.seal(rev, body); err != nil {
			return merged{}, nil, errorf("merge", err)
		}
	}
	return merged{rev: rev, cols: cols, base: base}, fields, nil
}

// mergeBodies merges the bodies of a and b (a before b) against their
// latest common ancestor. A deletion on either side wins: the merge is a
// tombstone (nil body). Attachment bytes are never edited, only added and
// deleted.
func (ss *Session) mergeBodies(k keyOps, g *revGraph, a, b store.Revision) ([]byte, []string, string, error) {
	base := g.commonAncestor(a.ID, b.ID)
	if a.Tombstone || b.Tombstone {
		return nil, nil, base, nil
	}
	if a.Kind == kindAttachmentData {
		body, err := k.open(b)
		return body, nil, base, err
	}
	open := func(r store.Revision) ([]byte, error) {
		if r.ID == "" || r.Tombstone {
			return nil, nil
		}
		return k.open(r)
	}
	var bases, ab, bb []byte
	var err error
	if bases, err = open(g.byID[base]); err == nil {
		if ab, err = open(a); err == nil {
			bb, err = open(b)
		}
	}
	defer clear(bases)
	defer clear(ab)
	defer clear(bb)
	if err != nil {
		return nil, nil, "", errorf("merge", err)
	}
	body, fields, err := exchange.Merge3(bases, ab, bb, true, quietPaths...)
	if err != nil {
		return nil, nil, "", errorf("merge", err)
	}
	return body, fields, base, nil
}

// ordered returns x and y by clock stamp, then id: b is the side whose
// values a merge keeps where both changed a field.
func ordered(x, y store.Revision) (store.Revision, store.Revision) {
	if x.HLC < y.HLC || x.HLC == y.HLC && x.ID < y.ID {
		return x, y
	}
	return y, x
}

// revGraph is the revisions of one record and their parent links.
type revGraph struct {
	byID     map[string]store.Revision
	children map[string]int
	order    []string
}

func newRevGraph(revs []store.Revision) *revGraph {
	g := &revGraph{byID: map[string]store.Revision{}, children: map[string]int{}}
	for _, r := range revs {
		g.add(r)
	}
	return g
}

func (g *revGraph) add(r store.Revision) {
	g.byID[r.ID] = r
	g.order = append(g.order, r.ID)
	for _, p := range r.Parents {
		g.children[p]++
	}
}

func (g *revGraph) has(id string) bool { _, ok := g.byID[id]; return ok }

// leaves returns the revisions no other revision builds on, oldest first.
func (g *revGraph) leaves() []store.Revision {
	var out []store.Revision
	for _, id := range g.order {
		if g.children[id] == 0 {
			out = append(out, g.byID[id])
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := ordered(out[i], out[j])
		return a.ID == out[i].ID && a.ID != b.ID
	})
	return out
}

// ancestors returns id and every revision it descends from.
func (g *revGraph) ancestors(id string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[cur] {
			continue
		}
		seen[cur] = true
		stack = append(stack, g.byID[cur].Parents...)
	}
	return seen
}

// commonAncestor returns the latest revision both a and b descend from
// ("" when none).
func (g *revGraph) commonAncestor(a, b string) string {
	left, right := g.ancestors(a), g.ancestors(b)
	var best store.Revision
	for id := range left {
		r, ok := g.byID[id]
		if !ok || !right[id] {
			continue
		}
		if best.ID == "" || best.HLC < r.HLC || best.HLC == r.HLC && best.ID < r.ID {
			best = r
		}
	}
	return best.ID
}

// sides tells which of x and y this office had (mine) before the import
// whose head was before, and which came in (theirs).
func (g *revGraph) sides(x, y store.Revision, before string) (store.Revision, store.Revision) {
	if before != "" && g.ancestors(y.ID)[before] && !g.ancestors(x.ID)[before] {
		return y, x
	}
	return x, y
}
