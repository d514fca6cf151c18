package casework

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
	"github.com/google/uuid"
)

// Tests of the exchange between offices, each with its own data folder:
// three offices relaying and merging, refusals that change nothing, a
// case transfer, a deletion, consent, a passphrase hand-over, the inbox
// and the outbox, and every byte of a file flipped.

// ---- helpers --------------------------------------------------------------

// snapshotTables are the tables an import writes to.
var snapshotTables = []string{"revisions", "records", "conflicts", "exchange_files", "exchange_sent", "exchange_withheld", "audit"}

// dbSnapshot is, per table, its row count and a digest of every row.
type dbSnapshot map[string]string

// snapshot reads o's database file through a read-only connection of its
// own (not the store's), so that it sees what is committed.
func (o *office) snapshot() dbSnapshot {
	o.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(o.dir, store.FileName)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		o.t.Fatal(err)
	}
	defer db.Close()
	snap := dbSnapshot{}
	for _, table := range snapshotTables {
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
		if err != nil {
			o.t.Fatalf("snapshot %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		h := sha256.New()
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				o.t.Fatal(err)
			}
			fmt.Fprintf(h, "%q\n", vals)
			n++
		}
		if err := rows.Err(); err != nil {
			o.t.Fatal(err)
		}
		rows.Close()
		snap[table] = fmt.Sprintf("%d rows %x", n, h.Sum(nil)[:8])
	}
	return snap
}

func (s dbSnapshot) count(table string) int {
	var n int
	fmt.Sscanf(s[table], "%d", &n)
	return n
}

// sameSnapshot fails the test when a table changed between two snapshots.
func sameSnapshot(t *testing.T, what string, before, after dbSnapshot) {
	t.Helper()
	for _, table := range snapshotTables {
		if before[table] != after[table] {
			t.Errorf("%s changed %s: %s -> %s", what, table, before[table], after[table])
		}
	}
}

// refused imports data at o and checks that it is refused with want (any
// refusal when want is nil) and that the database did not change.
func (o *office) refused(what string, data []byte, passphrase string, want error) error {
	o.t.Helper()
	before := o.snapshot()
	_, err := o.sam.ImportFile(context.Background(), data, passphrase)
	if want != nil && !errors.Is(err, want) {
		o.t.Errorf("%s: ImportFile = %v, want %v", what, err, want)
	}
	if !IsRefusal(err) {
		o.t.Errorf("%s: %v is not a refusal", what, err)
	}
	sameSnapshot(o.t, what, before, o.snapshot())
	return err
}

// shareAs records, as ss, the person's consent to share the whole case
// with the receivers (and a guardian's for a child).
func (o *office) shareAs(ss *Session, caseID string, child bool, partnerIDs ...string) []domain.Consent {
	o.t.Helper()
	var out []domain.Consent
	for _, id := range partnerIDs {
		givers := []domain.ConsentGiver{domain.GivenByPerson}
		if child {
			givers = append(givers, domain.GivenByGuardian)
		}
		for _, g := range givers {
			c := consentBy(caseID, domain.ConsentSharing, g)
			c.PartnerID, c.Shares = id, domain.ShareFields
			saved, err := ss.AddConsent(context.Background(), c)
			if err != nil {
				o.t.Fatal(err)
			}
			out = append(out, saved)
		}
	}
	return out
}

// exportErr writes an export of req from o: its bytes (nil on error), the
// result and the error.
func (o *office) exportErr(req ExportRequest) ([]byte, ExportResult, error) {
	o.t.Helper()
	path := filepath.Join(o.t.TempDir(), "out"+exchange.Extension)
	res, err := o.sam.ExportFile(context.Background(), req, path, nil)
	if err != nil {
		if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
			o.t.Errorf("a failed export left %s", path)
		}
		return nil, res, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		o.t.Fatal(err)
	}
	return b, res, nil
}

// importOK imports data at o and fails the test on error.
func (o *office) importOK(data []byte, passphrase string) ImportReport {
	o.t.Helper()
	rep, err := o.sam.ImportFile(context.Background(), data, passphrase)
	if err != nil {
		o.t.Fatalf("ImportFile at %s: %v", o.id, err)
	}
	return rep
}

func (o *office) card() (domain.OfficeCard, string) {
	o.t.Helper()
	c, fp, err := o.sam.OfficeCard()
	if err != nil {
		o.t.Fatal(err)
	}
	return c, fp
}

// pin makes o trust r's card (one way).
func (o *office) pin(r *office) {
	o.t.Helper()
	c, fp := r.card()
	if _, err := o.sam.PinOffice(context.Background(), c, fp); err != nil {
		o.t.Fatal(err)
	}
}

// revIDs lists the ids of a record's revisions at o, sorted.
func (o *office) revIDs(recordID string) []string {
	o.t.Helper()
	var ids []string
	for _, r := range o.revisions(recordID) {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

func (o *office) head(recordID string) store.Revision {
	o.t.Helper()
	h, err := o.db.HeadRevision(context.Background(), recordID)
	if err != nil {
		o.t.Fatalf("head of %s at %s: %v", recordID, o.id, err)
	}
	return h
}

// conflictsAt lists o's open conflicts.
func (o *office) conflictsAt() []ConflictItem {
	o.t.Helper()
	cs, err := o.sam.Conflicts(context.Background())
	if err != nil {
		o.t.Fatal(err)
	}
	return cs
}

// readFile opens an export file addressed to o, as exchange reads it.
func (o *office) readFile(data []byte) *exchange.Bundle {
	o.t.Helper()
	b, err := exchange.Read(data, exchange.Keys{Identity: o.sam.id.AgeIdentity()})
	if err != nil {
		o.t.Fatalf("exchange.Read: %v", err)
	}
	return b
}

// signedFile writes an export file as office from would, with the
// manifest and revisions given, signed by sign and sealed to the
// receivers' recipients.
func signedFile(t *testing.T, m exchange.Manifest, revs []exchange.Revision, sign func([]byte) []byte, to ...*office) []byte {
	t.Helper()
	var recipients []string
	for _, r := range to {
		c, _ := r.card()
		recipients = append(recipients, c.Recipient)
	}
	var buf bytes.Buffer
	b := &exchange.Bundle{Manifest: m, Revisions: revs}
	if err := exchange.Write(context.Background(), &buf, b, sign, exchange.Seal{Recipients: recipients}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// aCaseRevision is a plausible new case, as it travels.
func aCaseRevision(t *testing.T, from *office) exchange.Revision {
	t.Helper()
	c := fileAdult()
	c.ID, c.Code = uuid.NewString(), "XX-2025-0999"
	body, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return exchange.Revision{ID: uuid.NewString(), Record: c.ID, Kind: kindCase, Office: from.id, User: "someone",
		HLC: fmt.Sprintf("%015d-%06d-%s", t0.UnixMilli(), 7, from.id), Created: t0, Body: body}
}

// manifestFrom is a manifest of a file from an office to others.
func manifestFrom(t *testing.T, from *office, seq int64, to ...*office) exchange.Manifest {
	t.Helper()
	card, _ := from.card()
	m := exchange.Manifest{ExportID: uuid.NewString(), Sender: from.id, SenderCard: card, Sequence: seq, Created: t0}
	for _, r := range to {
		m.Recipients = append(m.Recipients, r.id)
	}
	return m
}

// ---- three offices ----------------------------------------------------------

// TestExchangeThreeOffices: A registers a case and sends it to B, B relays
// it to C. B and C edit it at the same time (crossing files): fields one
// side changed merge, a field both set alike merges, two fields both
// changed differently are one conflict at each side, with the same merge
// revision as head at both. C's supervisor keeps B's values; the next
// file closes B's conflict, and A, B and C end with the same head and
// values.
func TestExchangeThreeOffices(t *testing.T) {
	ctx := context.Background()
	a, b, c := newExchangeOffice(t), newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	trust(t, b, c)
	cs := a.create(a.kofi, fileAdult())
	a.shareWith(cs.ID, false, b)
	if rep := a.sendTo(b); rep.New != 2 || rep.Conflicts != 0 { // the case and its consent
		t.Fatalf("A to B: %+v", rep)
	}
	// B records the person's consent to share with C and relays A's case.
	b.shareAs(b.sam, cs.ID, false, c.id)
	rep := b.sendTo(c)
	if rep.Conflicts != 0 || !slices.Equal(rep.Cases, []string{cs.Code}) {
		t.Fatalf("B to C: %+v", rep)
	}
	if got := c.caseAt(cs.ID); got.Code != cs.Code || got.Person.FirstName != "Akosua" {
		t.Fatalf("case at C: %+v", got)
	}
	if !slices.Equal(c.revIDs(cs.ID), a.revIDs(cs.ID)) || len(a.revIDs(cs.ID)) != 1 {
		t.Fatalf("revisions at C %v, at A %v", c.revIDs(cs.ID), a.revIDs(cs.ID))
	}
	// C did not pin A: the relayed revisions are B's to vouch for.
	for _, r := range c.revisions(cs.ID) {
		if r.OfficeID != a.id || r.ReceivedFrom != b.id {
			t.Fatalf("relayed revision %+v", r)
		}
	}
	base := c.head(cs.ID).ID

	// Concurrent edits at B and C.
	b.edit(cs.ID, func(c *domain.Case) {
		c.Person.Disability, c.Person.Children = "hearing", 2 // B only
		c.Person.Address, c.Person.ContactConsent = "Rua 5, Mindelo", true
		c.Person.Phone, c.Person.Email = "+238 200 0000", "b@acolhe.cv"
	})
	c.edit(cs.ID, func(c *domain.Case) {
		c.Person.MiddleName, c.Person.Languages = "Maria", []string{"en", "tw", "pt"} // C only
		c.Person.Address, c.Person.ContactConsent = "Rua 5, Mindelo", true
		c.Person.Phone, c.Person.Email = "+238 300 0000", "c@acolhe.cv"
	})
	hB, hC := b.head(cs.ID), c.head(cs.ID)
	// The files cross: each office exports before it imports the other's.
	toC, _ := b.export(ExportRequest{To: []string{c.id}})
	toB, _ := c.export(ExportRequest{To: []string{b.id}})
	repC := c.importOK(toC, "")
	repB := b.importOK(toB, "")
	if repC.Conflicts != 1 || repB.Conflicts != 1 || repC.New != 0 || repB.New != 0 {
		t.Fatalf("crossing imports: at C %+v, at B %+v", repC, repB)
	}
	// The provisional value of a field in conflict is the later side's.
	later := map[bool]string{true: "b", false: "c"}[hB.HLC > hC.HLC || hB.HLC == hC.HLC && hB.ID > hC.ID]
	wantPerson := func(p domain.Person, where string) {
		t.Helper()
		if p.Disability != "hearing" || p.Children != 2 || p.MiddleName != "Maria" ||
			!slices.Equal(p.Languages, []string{"en", "tw", "pt"}) || p.Address != "Rua 5, Mindelo" || !p.ContactConsent ||
			p.FirstName != "Akosua" || p.LastName != "Mensah" {
			t.Fatalf("merged person at %s: %+v", where, p)
		}
	}
	for name, o := range map[string]*office{"B": b, "C": c} {
		got := o.caseAt(cs.ID)
		wantPerson(got.Person, name)
		if got.Person.Phone != "+238 "+map[string]string{"b": "200", "c": "300"}[later]+" 0000" ||
			got.Person.Email != later+"@acolhe.cv" {
			t.Fatalf("provisional values at %s: %q %q, want %s's", name, got.Person.Phone, got.Person.Email, later)
		}
	}
	mB, mC := b.head(cs.ID), c.head(cs.ID)
	if mB.ID != mC.ID || mB.UserID != mergeUser || !slices.Equal(sorted(mB.Parents), sorted([]string{hB.ID, hC.ID})) {
		t.Fatalf("heads: at B %+v, at C %+v", mB, mC)
	}
	// Exactly one merge revision, and the same revisions, at both.
	for name, o := range map[string]*office{"B": b, "C": c} {
		revs := o.revisions(cs.ID)
		merges := 0
		for _, r := range revs {
			if r.UserID == mergeUser {
				merges++
			}
		}
		if len(revs) != 4 || merges != 1 {
			t.Fatalf("at %s: %d revisions, %d merges", name, len(revs), merges)
		}
	}
	if !slices.Equal(b.revIDs(cs.ID), c.revIDs(cs.ID)) {
		t.Fatalf("revisions differ: B %v, C %v", b.revIDs(cs.ID), c.revIDs(cs.ID))
	}
	// Exactly one conflict at each side, on the two fields, each seeing
	// its own value as mine.
	sides := map[*office][2]string{b: {"b", "c"}, c: {"c", "b"}}
	for _, o := range []*office{b, c} {
		list := o.conflictsAt()
		if len(list) != 1 || list[0].RecordID != cs.ID || list[0].CaseCode != cs.Code || list[0].Kind != kindCase ||
			!slices.Equal(list[0].Fields, []string{"person.email", "person.phone"}) {
			t.Fatalf("conflicts at %s: %+v", o.id, list)
		}
		if banner, err := o.sam.CaseConflicts(ctx, cs.ID); err != nil || len(banner) != 1 {
			t.Fatalf("case banner at %s: %+v %v", o.id, banner, err)
		}
		view, err := o.sam.Conflict(ctx, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		mine, theirs := sides[o][0], sides[o][1]
		if view.Fields[0].Path != "person.email" || string(view.Fields[0].Mine) != `"`+mine+`@acolhe.cv"` ||
			string(view.Fields[0].Theirs) != `"`+theirs+`@acolhe.cv"` || string(view.Fields[0].Provisional) != `"`+later+`@acolhe.cv"` {
			t.Fatalf("conflict view at %s: %+v", o.id, view.Fields)
		}
		other := map[*office]*office{b: c, c: b}[o]
		if view.MineOffice != o.id || view.TheirOffice != other.id || list[0].Theirs != other.id {
			t.Fatalf("conflict offices at %s: %+v", o.id, view)
		}
	}
	stored, _ := b.db.Conflicts(ctx, true)
	if len(stored) != 1 || stored[0].MergeRev != mB.ID || stored[0].BaseRev != base {
		t.Fatalf("stored conflict at B %+v (base %s)", stored, base)
	}

	// Another round changes nothing: the merge each made is the other's.
	before := c.snapshot()
	rep = b.sendTo(c)
	if rep.Skipped != 1 || rep.New+rep.Updated+rep.Conflicts != 0 {
		t.Fatalf("B to C again: %+v", rep)
	}
	after := c.snapshot()
	if after.count("revisions") != before.count("revisions") || after.count("conflicts") != before.count("conflicts") ||
		after.count("records") != before.count("records") {
		t.Fatalf("a round with nothing new: %v -> %v", before, after)
	}

	// C's supervisor keeps B's values.
	list := c.conflictsAt()
	if err := c.sam.ResolveConflict(ctx, list[0].ID, map[string]Side{"person.phone": KeepTheirs, "person.email": KeepTheirs}); err != nil {
		t.Fatal(err)
	}
	if err := c.sam.ResolveConflict(ctx, list[0].ID, map[string]Side{"person.phone": KeepMine}); !errors.Is(err, ErrConflictResolved) {
		t.Fatalf("resolving twice = %v", err)
	}
	resolution := c.head(cs.ID)
	if resolution.Resolves != mC.ID || !slices.Equal(resolution.Parents, []string{mC.ID}) {
		t.Fatalf("resolution %+v, want it on the merge %s", resolution, mC.ID)
	}
	checkFinal := func(o *office, name string) {
		t.Helper()
		got := o.caseAt(cs.ID)
		wantPerson(got.Person, name)
		if got.Person.Phone != "+238 200 0000" || got.Person.Email != "b@acolhe.cv" {
			t.Fatalf("at %s after the resolution: %q %q, want B's", name, got.Person.Phone, got.Person.Email)
		}
		if h := o.head(cs.ID); h.ID != resolution.ID {
			t.Fatalf("head at %s = %s, want the resolution %s", name, h.ID, resolution.ID)
		}
		if cs := o.conflictsAt(); len(cs) != 0 {
			t.Fatalf("open conflicts at %s: %+v", name, cs)
		}
	}
	checkFinal(c, "C")
	rep = c.sendTo(b)
	if rep.ResolvedBy != 1 || rep.Conflicts != 0 {
		t.Fatalf("resolution at B: %+v", rep)
	}
	checkFinal(b, "B")
	all, _ := b.db.Conflicts(ctx, false)
	if len(all) != 1 || all[0].ResolvedBy != c.id || all[0].ResolvedRev != resolution.ID {
		t.Fatalf("B's conflict: %+v", all)
	}
	// A gets everything from B: the edits of both, the merge, the resolution.
	rep = b.sendTo(a)
	if rep.Conflicts != 0 || rep.Updated < 1 {
		t.Fatalf("B to A: %+v", rep)
	}
	checkFinal(a, "A")
	if !slices.Equal(a.revIDs(cs.ID), b.revIDs(cs.ID)) || !slices.Equal(a.revIDs(cs.ID), c.revIDs(cs.ID)) {
		t.Fatalf("revisions: A %v, B %v, C %v", a.revIDs(cs.ID), b.revIDs(cs.ID), c.revIDs(cs.ID))
	}
	// And a later edit anywhere goes on top.
	a.edit(cs.ID, func(c *domain.Case) { c.Person.Phone = "+238 400 0000" })
	a.sendTo(b)
	if got := b.caseAt(cs.ID); got.Person.Phone != "+238 400 0000" {
		t.Fatalf("a later edit at B: %q", got.Person.Phone)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// TestExchangeResolveAtTheMergingOffice: both offices edit, the files
// cross, each merges; the office whose edit came later (its stamp is the
// merge's) resolves at once, keeping its value. The resolution, written
// after the merge, must become the head there and then at the other
// office. Several rounds, as the head is picked by clock stamp and id.
func TestExchangeResolveAtTheMergingOffice(t *testing.T) {
	ctx := context.Background()
	a, b, cs := sharedPair(t)
	a.sendTo(b)
	phone := func(o *office, round int) string {
		return fmt.Sprintf("+238 %s%02d", map[*office]string{a: "1", b: "2"}[o], round)
	}
	for round := 0; round < 8; round++ {
		for _, o := range []*office{a, b} {
			o.edit(cs.ID, func(c *domain.Case) { c.Person.ContactConsent, c.Person.Phone = true, phone(o, round) })
		}
		ha, hb := a.head(cs.ID), b.head(cs.ID)
		toA, _ := b.export(ExportRequest{To: []string{a.id}})
		toB, _ := a.export(ExportRequest{To: []string{b.id}})
		if rep := a.importOK(toA, ""); rep.Conflicts != 1 {
			t.Fatalf("round %d at A: %+v", round, rep)
		}
		if rep := b.importOK(toB, ""); rep.Conflicts != 1 {
			t.Fatalf("round %d at B: %+v", round, rep)
		}
		later, other := a, b
		if hb.HLC > ha.HLC || hb.HLC == ha.HLC && hb.ID > ha.ID {
			later, other = b, a
		}
		merge := later.head(cs.ID)
		list := later.conflictsAt()
		if len(list) != 1 {
			t.Fatalf("round %d: conflicts %+v", round, list)
		}
		if err := later.sam.ResolveConflict(ctx, list[0].ID, map[string]Side{"person.phone": KeepMine}); err != nil {
			t.Fatal(err)
		}
		if h := later.head(cs.ID); h.Resolves != merge.ID {
			t.Fatalf("round %d: the head at the resolving office is %+v, not the resolution of %s (stamp %s)", round, h, merge.ID, merge.HLC)
		}
		if got := later.caseAt(cs.ID); got.Person.Phone != phone(later, round) {
			t.Fatalf("round %d: phone %q after keeping %q", round, got.Person.Phone, phone(later, round))
		}
		if rep := later.sendTo(other); rep.ResolvedBy != 1 {
			t.Fatalf("round %d: %+v", round, rep)
		}
		if got := other.caseAt(cs.ID); got.Person.Phone != phone(later, round) || len(other.conflictsAt()) != 0 {
			t.Fatalf("round %d at the other office: phone %q, conflicts %+v", round, got.Person.Phone, other.conflictsAt())
		}
		if ha, hb := a.head(cs.ID), b.head(cs.ID); ha.ID != hb.ID {
			t.Fatalf("round %d: heads differ %s %s", round, ha.ID, hb.ID)
		}
	}
}

// ---- replay and refusals ----------------------------------------------------

func TestExchangeDoubleImportIsANoOp(t *testing.T) {
	a, b, cs := sharedPair(t)
	data, _ := a.export(ExportRequest{To: []string{b.id}})
	b.importOK(data, "")
	after := b.snapshot()
	if after.count("exchange_files") != 1 || after.count("revisions") < 2 {
		t.Fatalf("after the import: %v", after)
	}
	b.refused("the same file again", data, "", exchange.ErrAlreadyImported)
	// Also after other files came in between.
	a.edit(cs.ID, func(c *domain.Case) { c.Person.ContactConsent, c.Person.Address = true, "Praia" })
	a.sendTo(b)
	b.refused("the first file once more", data, "", exchange.ErrAlreadyImported)
	// A copy renamed (the same bytes) is the same file.
	b.refused("a copy", bytes.Clone(data), "", exchange.ErrAlreadyImported)
}

// TestExchangeRefusalsChangeNothing: every way a file can be refused
// leaves the receiving database exactly as it was.
func TestExchangeRefusalsChangeNothing(t *testing.T) {
	ctx := context.Background()
	a, b, c := newExchangeOffice(t), newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	trust(t, b, c)
	a.pin(c) // A trusts C; C does not trust A
	cs := a.create(a.kofi, fileAdult())
	a.shareWith(cs.ID, false, b, c)
	toB, res := a.export(ExportRequest{To: []string{b.id}})
	aCard, aFP := a.card()

	t.Run("not for this office", func(t *testing.T) {
		c.refused("a file for B at C", toB, "", exchange.ErrNotForUs)
		// Sealed to C as well, but the signed manifest names only B.
		m := manifestFrom(t, a, 50, b)
		data := signedFile(t, m, []exchange.Revision{aCaseRevision(t, a)}, a.sam.id.Sign, b, c)
		c.refused("a manifest naming B only", data, "", exchange.ErrNotForUs)
		// A file this office sent itself.
		m = manifestFrom(t, b, 51, b)
		data = signedFile(t, m, []exchange.Revision{aCaseRevision(t, b)}, b.sam.id.Sign, b)
		b.refused("its own file", data, "", exchange.ErrNotForUs)
	})
	t.Run("unknown sender", func(t *testing.T) {
		toC, _ := a.export(ExportRequest{To: []string{c.id}})
		err := c.refused("a file from A, not pinned at C", toC, "", exchange.ErrUnknownSender)
		var unknown *UnknownSenderError
		if !errors.As(err, &unknown) {
			t.Fatalf("err = %T %v, want *UnknownSenderError", err, err)
		}
		if unknown.Fingerprint != aFP || unknown.Card.OfficeID != a.id || !bytes.Equal(unknown.Card.SigningKey, aCard.SigningKey) ||
			unknown.Card.Recipient != aCard.Recipient || unknown.Card.Name != aCard.Name {
			t.Fatalf("the error carries %+v %s, want A's card and %s", unknown.Card, unknown.Fingerprint, aFP)
		}
	})
	t.Run("bad signature", func(t *testing.T) {
		forger, err := vault.NewIdentity()
		if err != nil {
			t.Fatal(err)
		}
		m := manifestFrom(t, a, 60, b)
		data := signedFile(t, m, []exchange.Revision{aCaseRevision(t, a)}, forger.Sign, b)
		b.refused("a manifest signed by another key", data, "", exchange.ErrBadSignature)
		// The forger's card in the manifest does not help.
		m.SenderCard.SigningKey = forger.SigningPublicKey()
		data = signedFile(t, m, []exchange.Revision{aCaseRevision(t, a)}, forger.Sign, b)
		b.refused("a forged card", data, "", exchange.ErrBadSignature)
	})
	t.Run("truncated", func(t *testing.T) {
		err := b.refused("cut in half", toB[:len(toB)/2], "", nil)
		if !errors.Is(err, exchange.ErrTruncated) && !errors.Is(err, exchange.ErrDamaged) {
			t.Errorf("cut in half: %v", err)
		}
		b.refused("cut in the header", toB[:40], "", exchange.ErrTruncated)
		end := bytes.Index(toB, []byte("\n--- "))
		end += bytes.IndexByte(toB[end+1:], '\n') + 2
		b.refused("the header only", toB[:end], "", exchange.ErrTruncated)
	})
	t.Run("passphrase", func(t *testing.T) {
		admin := a.login("ama", adminPW)
		p := aPartner()
		bCard, _ := b.card()
		p.Card, _ = EncodeCard(bCard)
		partner, err := admin.SavePartner(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		a.shareAs(a.kofi, cs.ID, false, partner.ID)
		data, _, err := a.exportErr(ExportRequest{Passphrase: "lamp-otter-ridge-93", Cases: []string{cs.ID}, Partner: partner.ID})
		if err != nil {
			t.Fatal(err)
		}
		b.refused("no passphrase", data, "", exchange.ErrNeedsPassphrase)
		b.refused("a wrong passphrase", data, "lamp-otter-ridge-39", exchange.ErrWrongPassphrase)
	})
	t.Run("not an Amparo file", func(t *testing.T) {
		junk := make([]byte, 4096)
		rand.Read(junk)
		b.refused("random bytes", junk, "", exchange.ErrNotAmparo)
		b.refused("an empty file", nil, "", exchange.ErrNotAmparo)
		bCard, _ := b.card()
		rcp, err := age.ParseX25519Recipient(bCard.Recipient)
		if err != nil {
			t.Fatal(err)
		}
		b.refused("an age file of a letter", sealed(t, []byte("Caro colega, segue o relatório.\n"), rcp), "", exchange.ErrNotAmparo)
		b.refused("an age file of a tar", sealed(t, tarOf(t, map[string][]byte{"photo.jpg": []byte("jpg")}), rcp), "", exchange.ErrNotAmparo)
	})
	t.Run("newer version", func(t *testing.T) {
		m := manifestFrom(t, a, 70, b)
		m.Format = "amparo-export/2"
		m.Members = map[string]string{}
		mb, _ := json.Marshal(m)
		bCard, _ := b.card()
		rcp, _ := age.ParseX25519Recipient(bCard.Recipient)
		data := sealed(t, tarOf(t, map[string][]byte{"manifest.json": mb, "manifest.sig": a.sam.id.Sign(mb),
			"revisions.jsonl": []byte("{}\n")}), rcp)
		b.refused("format 2", data, "", exchange.ErrNewerVersion)
	})
	t.Run("revoked sender", func(t *testing.T) {
		m := manifestFrom(t, a, 80, b)
		data := signedFile(t, m, []exchange.Revision{aCaseRevision(t, a)}, a.sam.id.Sign, b)
		if _, err := b.sam.RevokeOffice(ctx, a.id); err != nil {
			t.Fatal(err)
		}
		b.refused("a file from a revoked office", data, "", exchange.ErrRevokedSender)
		b.pin(a) // trusted again: the same file is applied
		b.importOK(data, "")
	})
	t.Run("damaged content, signed", func(t *testing.T) {
		// Well signed, but carrying what no export carries: a pinned
		// office (trust is never imported).
		card, fp := c.card()
		body, _ := json.Marshal(domain.PinnedOffice{Card: card, Fingerprint: fp, PinnedBy: "x", PinnedAt: t0})
		pinRev := exchange.Revision{ID: uuid.NewString(), Record: uuid.NewString(), Kind: kindPinned, Office: a.id, User: "u",
			HLC: "x", Created: t0, Body: body}
		b.refused("a pinned office", signedFile(t, manifestFrom(t, a, 90, b), []exchange.Revision{pinRev}, a.sam.id.Sign, b), "", exchange.ErrDamaged)
		// A good new case and a consent whose body is not a consent: all or nothing.
		bad := exchange.Revision{ID: uuid.NewString(), Record: uuid.NewString(), Kind: kindConsent, Office: a.id, User: "u",
			HLC: fmt.Sprintf("%015d-%06d-%s", t0.UnixMilli(), 9, a.id), Created: t0, Body: json.RawMessage(`{"caseId":5}`)}
		good := aCaseRevision(t, a)
		b.refused("half good", signedFile(t, manifestFrom(t, a, 91, b), []exchange.Revision{good, bad}, a.sam.id.Sign, b), "", exchange.ErrDamaged)
		if _, err := b.db.Record(ctx, good.Record); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the good half was written: %v", err)
		}
		// A revision id already used by another record.
		clash := aCaseRevision(t, a)
		clash.ID = b.revisions(a.id)[0].ID // the revision of B's pin of A
		clash.Record = uuid.NewString()
		rep, err := b.sam.ImportFile(ctx, signedFile(t, manifestFrom(t, a, 92, b), []exchange.Revision{clash}, a.sam.id.Sign, b), "")
		if err == nil && rep.Skipped != 1 {
			t.Fatalf("a reused revision id: %+v", rep)
		}
		if _, err := b.db.Record(ctx, clash.Record); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a reused revision id made a record: %v", err)
		}
	})
	t.Run("already imported and replayed", func(t *testing.T) {
		b.importOK(toB, "")
		b.refused("the same file", toB, "", exchange.ErrAlreadyImported)
		// Another export id with a sequence number A already used for B:
		// a tampered copy even when properly signed.
		m := manifestFrom(t, a, res.Sequence, b)
		data := signedFile(t, m, []exchange.Revision{aCaseRevision(t, a)}, a.sam.id.Sign, b)
		b.refused("a replayed sequence number", data, "", exchange.ErrReplayed)
	})
}

func sealed(t *testing.T, plain []byte, to ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, to...)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarOf is a tar of the members, manifest.json first when present.
func tarOf(t *testing.T, members map[string][]byte) []byte {
	t.Helper()
	var names []string
	for n := range members {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "manifest.json") != (names[j] == "manifest.json") {
			return names[i] == "manifest.json"
		}
		return names[i] < names[j]
	})
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o600, Size: int64(len(members[n]))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(members[n])
	}
	tw.Close()
	return buf.Bytes()
}

// ---- a case transfer, a deletion ----------------------------------------------

func TestExchangeCaseTransfer(t *testing.T) {
	ctx := context.Background()
	a, b := newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	cs := a.create(a.kofi, fileChild())
	consents := a.shareAs(a.kofi, cs.ID, true, b.id)
	a.consent(a.kofi, cs.ID, domain.GivenByPerson) // assistance
	var notes []string
	for _, text := range []string{"Chegou à noite com a tia.", "Pediu para ligar à mãe."} {
		n, err := a.kofi.AddNote(ctx, cs.ID, text)
		if err != nil {
			t.Fatal(err)
		}
		notes = append(notes, n.ID)
	}
	photo := append([]byte("\xff\xd8\xff\xe0JFIF"), make([]byte, 3000)...)
	rand.Read(photo[10:])
	att, err := a.kofi.AddAttachment(ctx, domain.Attachment{CaseID: cs.ID, Name: "certidão.jpg", MIME: "image/jpeg", Data: photo})
	if err != nil {
		t.Fatal(err)
	}
	other := a.create(a.kofi, fileAdult()) // not transferred
	a.shareWith(other.ID, false, b)

	data, res := a.export(ExportRequest{To: []string{b.id}, Cases: []string{cs.ID}})
	// The case, 2 sharing + 1 assistance consents, 2 notes, the attachment and its bytes.
	if res.Cases != 1 || res.Counts.Records != 8 || res.Counts.Attachments != 1 || res.Counts.Tombstones != 0 || len(res.Withheld) != 0 {
		t.Fatalf("export %+v", res)
	}
	rep := b.importOK(data, "")
	if rep.New != 8 || rep.Conflicts != 0 || !slices.Equal(rep.Cases, []string{cs.Code}) {
		t.Fatalf("import %+v", rep)
	}
	got := b.caseAt(cs.ID)
	if got.Code != cs.Code || got.Person.FirstName != "Kwame" || got.Person.BirthDate != "2012-04-02" {
		t.Fatalf("case at B %+v", got)
	}
	bc, err := b.sam.Consents(ctx, cs.ID)
	if err != nil || len(bc) != 3 {
		t.Fatalf("consents at B %d %v", len(bc), err)
	}
	for _, k := range consents {
		if !slices.ContainsFunc(bc, func(x domain.Consent) bool { return x.ID == k.ID && x.PartnerID == b.id }) {
			t.Fatalf("consent %s missing at B", k.ID)
		}
	}
	bn, err := b.sam.Notes(ctx, cs.ID)
	if err != nil || len(bn) != 2 {
		t.Fatalf("notes at B %+v %v", bn, err)
	}
	for _, n := range bn {
		if !slices.Contains(notes, n.ID) || !strings.Contains("Chegou à noite com a tia.|Pediu para ligar à mãe.", n.Text) {
			t.Fatalf("note at B %+v", n)
		}
	}
	ba, err := b.sam.Attachments(ctx, cs.ID)
	if err != nil || len(ba) != 1 || ba[0].ID != att.ID || ba[0].Name != "certidão.jpg" || ba[0].Size != int64(len(photo)) {
		t.Fatalf("attachments at B %+v %v", ba, err)
	}
	bytesAtB, err := b.sam.AttachmentData(ctx, att.ID)
	if err != nil || !bytes.Equal(bytesAtB, photo) {
		t.Fatalf("attachment bytes at B: %d bytes, %v", len(bytesAtB), err)
	}
	if _, err := b.sam.Case(ctx, other.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the case not transferred is at B: %v", err)
	}
	for _, id := range []string{cs.ID, att.ID, dataRecordID(att.ID), notes[0]} {
		if !slices.Equal(a.revIDs(id), b.revIDs(id)) {
			t.Fatalf("record %s: A %v, B %v", id, a.revIDs(id), b.revIDs(id))
		}
	}
	// The attachment bytes are sealed at B too, never stored in the clear.
	for _, r := range b.revisions(dataRecordID(att.ID)) {
		if bytes.Contains(r.Body, photo[:64]) {
			t.Fatal("attachment bytes stored in the clear")
		}
	}
}

func TestExchangeDeletionTravels(t *testing.T) {
	ctx := context.Background()
	a, b, cs := sharedPair(t)
	keep, err := a.kofi.AddAttachment(ctx, domain.Attachment{CaseID: cs.ID, Name: "passaporte.pdf", Data: []byte("%PDF-1.4 keep")})
	if err != nil {
		t.Fatal(err)
	}
	wrong, err := a.kofi.AddAttachment(ctx, domain.Attachment{CaseID: cs.ID, Name: "outra-pessoa.jpg", Data: []byte("\xff\xd8 Fatou's photo")})
	if err != nil {
		t.Fatal(err)
	}
	a.sendTo(b)
	if list, _ := b.sam.Attachments(ctx, cs.ID); len(list) != 2 {
		t.Fatalf("attachments at B before: %+v", list)
	}
	if err := a.kofi.DeleteAttachment(ctx, wrong.ID); err != nil {
		t.Fatal(err)
	}
	data, res := a.export(ExportRequest{To: []string{b.id}})
	if res.Counts.Tombstones != 2 || res.Counts.Revisions != 2 || res.Counts.Attachments != 0 {
		t.Fatalf("the deletion's export %+v", res)
	}
	// In the file the tombstones carry no body, no bytes, nothing of the photo.
	bundle := b.readFile(data)
	for _, r := range bundle.Revisions {
		if !r.Tombstone || len(r.Body) != 0 || r.Attachment {
			t.Fatalf("revision in the file %+v", r)
		}
	}
	if len(bundle.Attachments) != 0 {
		t.Fatalf("attachment bytes in a deletion's file: %d", len(bundle.Attachments))
	}
	rep := b.importOK(data, "")
	if rep.Updated != 2 || rep.Conflicts != 0 {
		t.Fatalf("import %+v", rep)
	}
	list, err := b.sam.Attachments(ctx, cs.ID)
	if err != nil || len(list) != 1 || list[0].ID != keep.ID {
		t.Fatalf("attachments at B after: %+v %v", list, err)
	}
	if _, err := b.sam.AttachmentData(ctx, wrong.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the deleted attachment's bytes at B: %v", err)
	}
	for _, id := range []string{wrong.ID, dataRecordID(wrong.ID)} {
		rec, err := b.db.Record(ctx, id)
		if err != nil || !rec.Deleted {
			t.Fatalf("record %s at B: %+v %v", id, rec, err)
		}
		h := b.head(id)
		if !h.Tombstone || len(h.Body) != 0 || h.OfficeID != a.id {
			t.Fatalf("head of %s at B: %+v", id, h)
		}
		if !slices.Equal(a.revIDs(id), b.revIDs(id)) {
			t.Fatalf("record %s: A %v, B %v", id, a.revIDs(id), b.revIDs(id))
		}
	}
	if data, err := b.sam.AttachmentData(ctx, keep.ID); err != nil || string(data) != "%PDF-1.4 keep" {
		t.Fatalf("the kept attachment: %q %v", data, err)
	}
}

// ---- consent ------------------------------------------------------------------

func TestExchangeConsentFilter(t *testing.T) {
	ctx := context.Background()
	a, b := newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	bCard, _ := b.card()
	cardFile, _ := EncodeCard(bCard)
	p := aPartner()
	p.Card = cardFile
	dirEntry := a.addPartner(p) // B in A's referral directory

	shared := a.create(a.kofi, fileAdult())
	a.shareWith(shared.ID, false, b)
	none := a.create(a.kofi, fileAdult()) // no consent yet
	a.edit(none.ID, func(c *domain.Case) { c.Person.ContactConsent, c.Person.Address = true, "Praia" })
	child := a.create(a.kofi, fileChild()) // the child's consent only
	a.shareAs(a.kofi, child.ID, false, b.id)
	partial := a.create(a.kofi, fileAdult()) // name only
	k := consentBy(partial.ID, domain.ConsentSharing, domain.GivenByPerson)
	k.PartnerID, k.Shares = b.id, []string{"name", "contact"}
	if _, err := a.kofi.AddConsent(ctx, k); err != nil {
		t.Fatal(err)
	}
	byDirectory := a.create(a.kofi, fileAdult()) // names B's entry in the directory
	a.shareAs(a.kofi, byDirectory.ID, false, dirEntry.ID)
	withdrawn := a.create(a.kofi, fileAdult())
	w := a.shareAs(a.kofi, withdrawn.ID, false, b.id)
	if _, err := a.kofi.WithdrawConsent(ctx, w[0].ID, "changed her mind"); err != nil {
		t.Fatal(err)
	}
	otherOffice := a.create(a.kofi, fileAdult()) // consent for another office
	a.shareAs(a.kofi, otherOffice.ID, false, uuid.NewString())

	_, res := a.export(ExportRequest{To: []string{b.id}})
	var withheld []string
	for _, w := range res.Withheld {
		if w.Office != b.id {
			t.Fatalf("withheld %+v", w)
		}
		withheld = append(withheld, w.CaseID)
	}
	wantWithheld := sortedByCode(none, child, partial, withdrawn, otherOffice)
	if !slices.Equal(withheld, wantWithheld) || res.Cases != 2 {
		t.Fatalf("withheld %v, want %v; %d cases sent", withheld, wantWithheld, res.Cases)
	}
	// (The result's list is in code order.)
	if !sort.SliceIsSorted(res.Withheld, func(i, j int) bool { return res.Withheld[i].Code < res.Withheld[j].Code }) {
		t.Fatalf("withheld not in code order: %+v", res.Withheld)
	}
}

// sortedByCode returns the case ids in the order of their codes.
func sortedByCode(cases ...domain.Case) []string {
	sort.Slice(cases, func(i, j int) bool { return cases[i].Code < cases[j].Code })
	var ids []string
	for _, c := range cases {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestExchangeConsentLaterSendsTheWholeCase(t *testing.T) {
	ctx := context.Background()
	a, b, _ := sharedPair(t) // a case shared from the start, beside the ones below
	later := a.create(a.kofi, fileAdult())
	a.edit(later.ID, func(c *domain.Case) { c.Person.ContactConsent, c.Person.Address = true, "Praia" })
	note, err := a.kofi.AddNote(ctx, later.ID, "Primeira conversa.")
	if err != nil {
		t.Fatal(err)
	}
	child := a.create(a.kofi, fileChild())
	a.shareAs(a.kofi, child.ID, false, b.id) // the child's own consent: not enough

	data, res := a.export(ExportRequest{To: []string{b.id}})
	if len(res.Withheld) != 2 || res.Cases != 1 {
		t.Fatalf("first export %+v", res)
	}
	bundle := b.readFile(data)
	for _, r := range bundle.Revisions {
		if r.Record == later.ID || r.Record == note.ID || r.Record == child.ID {
			t.Fatalf("a withheld case's revision in the file: %+v", r)
		}
	}
	b.importOK(data, "")
	if _, err := b.sam.Case(ctx, later.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the withheld case at B: %v", err)
	}
	if ids, _ := a.db.Withheld(ctx, b.id); !slices.Equal(ids, sorted([]string{later.ID, child.ID})) {
		t.Fatalf("remembered as withheld: %v", ids)
	}
	// Nothing new, nothing sent: still withheld.
	if _, res, err := a.exportErr(ExportRequest{To: []string{b.id}}); !errors.Is(err, ErrNothingToSend) || len(res.Withheld) != 2 {
		t.Fatalf("an export with nothing new: %+v %v", res, err)
	}

	// The person agrees; a guardian agrees for the child.
	a.shareWith(later.ID, false, b)
	g := consentBy(child.ID, domain.ConsentSharing, domain.GivenByGuardian)
	g.PartnerID, g.Shares = b.id, domain.ShareFields
	if _, err := a.kofi.AddConsent(ctx, g); err != nil {
		t.Fatal(err)
	}
	data, res = a.export(ExportRequest{To: []string{b.id}})
	if len(res.Withheld) != 0 || res.Cases != 2 {
		t.Fatalf("second export %+v", res)
	}
	b.importOK(data, "")
	for _, id := range []string{later.ID, note.ID, child.ID} {
		if ra, rb := a.revIDs(id), b.revIDs(id); len(ra) == 0 || !slices.Equal(ra, rb) {
			t.Fatalf("record %s: A %v, B %v", id, ra, rb)
		}
	}
	if len(a.revIDs(later.ID)) != 2 {
		t.Fatalf("the case had two revisions: %v", a.revIDs(later.ID))
	}
	if got := b.caseAt(later.ID); got.Person.Address != "Praia" {
		t.Fatalf("the case at B: %+v", got.Person)
	}
	if notes, _ := b.sam.Notes(ctx, later.ID); len(notes) != 1 || notes[0].Text != "Primeira conversa." {
		t.Fatalf("notes at B %+v", notes)
	}
	if ids, _ := a.db.Withheld(ctx, b.id); len(ids) != 0 {
		t.Fatalf("still remembered as withheld: %v", ids)
	}
	// Then nothing is new.
	if _, _, err := a.exportErr(ExportRequest{To: []string{b.id}}); !errors.Is(err, ErrNothingToSend) {
		t.Fatalf("third export: %v", err)
	}
}

// ---- passphrase hand-over ------------------------------------------------------

func TestExchangePassphraseHandOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := newExchangeOffice(t), newExchangeOffice(t) // neither trusts the other
	bCard, _ := b.card()
	p := aPartner()
	p.Card, _ = EncodeCard(bCard)
	partner := a.addPartner(p)
	cs := a.create(a.kofi, fileAdult())
	a.shareAs(a.kofi, cs.ID, false, partner.ID)
	noConsent := a.create(a.kofi, fileAdult())
	const pass = "harbour-violet-kettle-17"

	if _, _, err := a.exportErr(ExportRequest{Passphrase: pass, Cases: []string{cs.ID}}); !errors.Is(err, ErrNoReceiver) {
		t.Fatalf("a passphrase export without a partner: %v", err)
	}
	if _, _, err := a.exportErr(ExportRequest{Passphrase: pass, Partner: partner.ID}); !errors.Is(err, ErrNoReceiver) {
		t.Fatalf("a passphrase export without a case: %v", err)
	}
	if _, _, err := a.exportErr(ExportRequest{To: []string{b.id}}); !errors.Is(err, ErrNoReceiver) {
		t.Fatalf("an export to an office not pinned: %v", err)
	}
	data, res, err := a.exportErr(ExportRequest{Passphrase: pass, Cases: []string{cs.ID, noConsent.ID}, Partner: partner.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != 1 || len(res.Withheld) != 1 || res.Withheld[0].CaseID != noConsent.ID || res.Withheld[0].Office != "" {
		t.Fatalf("export %+v", res)
	}
	if !exchange.NeedsPassphrase(data) {
		t.Fatal("not a passphrase file")
	}
	b.refused("no passphrase", data, "", exchange.ErrNeedsPassphrase)
	err = b.refused("from an office not trusted yet", data, pass, exchange.ErrUnknownSender)
	var unknown *UnknownSenderError
	if !errors.As(err, &unknown) {
		t.Fatalf("err = %v", err)
	}
	aCard, aFP := a.card()
	if unknown.Fingerprint != aFP || unknown.Card.OfficeID != a.id || !bytes.Equal(unknown.Card.SigningKey, aCard.SigningKey) {
		t.Fatalf("unknown sender %+v", unknown)
	}
	// The fingerprint read over the phone matches: B trusts A's card.
	if _, err := b.sam.PinOffice(ctx, unknown.Card, unknown.Fingerprint); err != nil {
		t.Fatal(err)
	}
	rep := b.importOK(data, pass)
	if rep.Sender.OfficeID != a.id || !slices.Equal(rep.Cases, []string{cs.Code}) || rep.New < 2 {
		t.Fatalf("import %+v", rep)
	}
	if got := b.caseAt(cs.ID); got.Person.FirstName != "Akosua" {
		t.Fatalf("case at B %+v", got)
	}
	if _, err := b.sam.Case(ctx, noConsent.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the case without consent at B: %v", err)
	}
}

// ---- inbox and outbox ----------------------------------------------------------

func TestExchangeProcessInbox(t *testing.T) {
	ctx := context.Background()
	a, b, cs := sharedPair(t)
	good, _ := a.export(ExportRequest{To: []string{b.id}})
	second := a.create(a.kofi, fileAdult())
	a.shareWith(second.ID, false, b)
	later, _ := a.export(ExportRequest{To: []string{b.id}})

	folders, err := b.sam.ExchangeFolders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inboxDir := filepath.Join(t.TempDir(), "Sync", "inbox")
	outboxDir := filepath.Join(t.TempDir(), "outbox")
	if err := b.sam.SetExchangeFolders(ctx, Folders{Inbox: inboxDir, Outbox: outboxDir, OutboxEvery: 6 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	if f, _ := b.sam.ExchangeFolders(ctx); f.Inbox != inboxDir || f.Outbox != outboxDir || f.OutboxEvery != 6*time.Hour || f == folders {
		t.Fatalf("folders %+v", f)
	}
	now := time.Date(2025, 3, 10, 15, 0, 0, 0, time.UTC)
	old := now.Add(-time.Hour)
	put := func(name string, data []byte, mod time.Time) string {
		t.Helper()
		p := filepath.Join(inboxDir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		return p
	}
	put("1-good.amparo", good, old)
	put("2-again.amparo", good, old) // the same file twice: done, not refused
	put("3-bad.amparo", []byte("not an export at all"), old)
	growing := put("4-growing.amparo", later[:len(later)/2], old)
	put("5-recent.amparo", later, now.Add(-time.Second))
	put(".6-hidden.amparo", later, old)
	put("7-partial.amparo.tmp", later, old)
	put("8-download.amparo.part", later, old)
	in := &exchange.Inbox{Dir: inboxDir, Settle: 10 * time.Second, Now: func() time.Time { return now }}
	reason := func(err error) string { return "refused: " + err.Error() }

	before := b.snapshot()
	results, err := b.sam.ProcessInbox(ctx, in, reason)
	if err != nil || len(results) != 0 {
		t.Fatalf("first look: %+v %v", results, err)
	}
	sameSnapshot(t, "a first look at the inbox", before, b.snapshot())
	// The sync tool writes more of one file.
	if err := os.WriteFile(growing, later[:len(later)*3/4], 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(growing, old, old)
	results, err = b.sam.ProcessInbox(ctx, in, reason)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range results {
		names = append(names, r.File)
	}
	if !slices.Equal(names, []string{"1-good.amparo", "2-again.amparo", "3-bad.amparo"}) {
		t.Fatalf("second look: %+v", results)
	}
	if results[0].Err != nil || results[0].MovedTo != filepath.Join(inboxDir, "imported", "1-good.amparo") ||
		results[0].Report.New < 2 {
		t.Fatalf("good file: %+v", results[0])
	}
	if results[1].Err != nil || results[1].MovedTo != filepath.Join(inboxDir, "imported", "2-again.amparo") {
		t.Fatalf("the same file again: %+v", results[1])
	}
	bad := results[2]
	if !errors.Is(bad.Err, exchange.ErrNotAmparo) || bad.MovedTo != filepath.Join(inboxDir, "rejected", "3-bad.amparo") {
		t.Fatalf("bad file: %+v", bad)
	}
	if why, err := os.ReadFile(bad.MovedTo + ".txt"); err != nil || string(why) != "refused: "+exchange.ErrNotAmparo.Error()+"\n" {
		t.Fatalf("reason file: %q %v", why, err)
	}
	if got := b.caseAt(cs.ID); got.Code != cs.Code {
		t.Fatalf("case at B %+v", got)
	}
	// Untouched: the file still growing, the one just copied, the
	// hidden and temporary ones.
	for name, want := range map[string][]byte{"4-growing.amparo": later[:len(later)*3/4], "5-recent.amparo": later,
		".6-hidden.amparo": later, "7-partial.amparo.tmp": later, "8-download.amparo.part": later} {
		if data, err := os.ReadFile(filepath.Join(inboxDir, name)); err != nil || !bytes.Equal(data, want) {
			t.Fatalf("%s: %d bytes, %v", name, len(data), err)
		}
	}
	if _, err := b.sam.Case(ctx, second.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a file not ready was imported: %v", err)
	}

	// The copy completes; time passes.
	if err := os.WriteFile(growing, later, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(growing, now, now)
	now = now.Add(time.Minute)
	results, _ = b.sam.ProcessInbox(ctx, in, reason)
	names = nil
	for _, r := range results {
		names = append(names, r.File)
	}
	if !slices.Equal(names, []string{"5-recent.amparo"}) || results[0].Err != nil {
		t.Fatalf("third look: %+v", results)
	}
	results, _ = b.sam.ProcessInbox(ctx, in, reason)
	if len(results) != 1 || results[0].File != "4-growing.amparo" || !errors.Is(results[0].Err, exchange.ErrAlreadyImported) && results[0].Err != nil {
		t.Fatalf("fourth look: %+v", results)
	}
	if got := b.caseAt(second.ID); got.Code != second.Code {
		t.Fatalf("second case at B %+v", got)
	}
	entries, _ := os.ReadDir(inboxDir)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, []string{".6-hidden.amparo", "7-partial.amparo.tmp", "8-download.amparo.part", "imported", "rejected"}) {
		t.Fatalf("inbox holds %v", left)
	}
	// A case worker may not empty the inbox.
	if _, err := b.kofi.ProcessInbox(ctx, in, reason); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a case worker's ProcessInbox: %v", err)
	}
}

func TestExchangeWriteOutbox(t *testing.T) {
	ctx := context.Background()
	a, b, c, d := newExchangeOffice(t), newExchangeOffice(t), newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	trust(t, a, c)
	a.pin(d)
	if _, err := a.sam.RevokeOffice(ctx, d.id); err != nil {
		t.Fatal(err)
	}
	first := a.create(a.kofi, fileAdult())
	a.shareWith(first.ID, false, b, c)
	dir := filepath.Join(t.TempDir(), "outbox")
	results, err := a.sam.WriteOutbox(ctx, dir)
	if err != nil || len(results) != 2 {
		t.Fatalf("outbox: %+v %v", results, err)
	}
	folderOf := func(o *office) string {
		card, _ := o.card()
		return filepath.Join(dir, exchange.FolderName(card.Name, card.OfficeID))
	}
	files := func(o *office) []string {
		entries, _ := os.ReadDir(folderOf(o))
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	for _, r := range results {
		o := map[string]*office{b.id: b, c.id: c}[r.Office]
		if o == nil || r.Err != nil || filepath.Dir(r.Path) != folderOf(o) || !strings.HasSuffix(r.Path, exchange.Extension) {
			t.Fatalf("outbox result %+v", r)
		}
		data, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		if rep := o.importOK(data, ""); !slices.Equal(rep.Cases, []string{first.Code}) {
			t.Fatalf("import at %s: %+v", o.id, rep)
		}
	}
	if len(files(b)) != 1 || len(files(c)) != 1 {
		t.Fatalf("outbox folders: B %v, C %v", files(b), files(c))
	}
	if _, err := os.Stat(folderOf(d)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a folder for a revoked office: %v", err)
	}
	// A new case for B only: C gets nothing.
	second := a.create(a.kofi, fileAdult())
	a.shareWith(second.ID, false, b)
	results, err = a.sam.WriteOutbox(ctx, dir)
	if err != nil || len(results) != 2 {
		t.Fatalf("second outbox: %+v %v", results, err)
	}
	for _, r := range results {
		switch r.Office {
		case b.id:
			if r.Err != nil || r.Result.Cases != 1 {
				t.Fatalf("B: %+v", r)
			}
		case c.id:
			if !errors.Is(r.Err, ErrNothingToSend) || r.Path != "" || len(r.Result.Withheld) != 1 || r.Result.Withheld[0].CaseID != second.ID {
				t.Fatalf("C: %+v", r)
			}
		default:
			t.Fatalf("result for %s", r.Office)
		}
	}
	if len(files(b)) != 2 || len(files(c)) != 1 {
		t.Fatalf("outbox folders: B %v, C %v", files(b), files(c))
	}
	// Nothing new for anyone: no file at all.
	results, err = a.sam.WriteOutbox(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !errors.Is(r.Err, ErrNothingToSend) {
			t.Fatalf("third outbox: %+v", r)
		}
	}
	if len(files(b)) != 2 || len(files(c)) != 1 {
		t.Fatalf("outbox folders: B %v, C %v", files(b), files(c))
	}
	// File names are sender-to-receiver-date-number.
	for _, n := range append(files(b), files(c)...) {
		if !strings.HasPrefix(n, "centre-abidjan-to-centre-abidjan-20250310-") {
			t.Fatalf("outbox file name %q", n)
		}
	}
}

// ---- every byte flipped -----------------------------------------------------------

// TestExchangeImportEveryByteFlipRefused: a small real export file with
// one bit of one byte flipped, for every byte, is refused by ImportFile,
// and nothing is written; the original is then applied.
func TestExchangeImportEveryByteFlipRefused(t *testing.T) {
	ctx := context.Background()
	a, b, cs := sharedPair(t)
	if _, err := a.kofi.AddNote(ctx, cs.ID, "Curta."); err != nil {
		t.Fatal(err)
	}
	if _, err := a.kofi.AddAttachment(ctx, domain.Attachment{CaseID: cs.ID, Name: "a.txt", Data: []byte("small attachment")}); err != nil {
		t.Fatal(err)
	}
	data, _ := a.export(ExportRequest{To: []string{b.id}})
	before := b.snapshot()
	variant := make([]byte, len(data))
	reasons := map[string]int{}
	start := time.Now()
	for i := range data {
		copy(variant, data)
		variant[i] ^= 1 << (i % 8)
		_, err := b.sam.ImportFile(ctx, variant, "")
		if err == nil {
			t.Fatalf("byte %d of %d flipped: imported", i, len(data))
		}
		if !IsRefusal(err) {
			t.Fatalf("byte %d flipped: %v is not a refusal", i, err)
		}
		reasons[err.Error()]++
		if i%1000 == 0 {
			sameSnapshot(t, fmt.Sprintf("byte %d flipped", i), before, b.snapshot())
		}
	}
	sameSnapshot(t, "every byte flipped", before, b.snapshot())
	t.Logf("%d variants refused in %v: %v", len(data), time.Since(start).Round(time.Millisecond), reasons)
	rep := b.importOK(data, "")
	if rep.New < 4 {
		t.Fatalf("the original: %+v", rep)
	}
}

// TestExchangeBookkeepingMergesQuietly: two offices edit different fields
// of a partner of the directory at different times; the time each save
// stamps (updated) is bookkeeping, not a conflict for a supervisor.
func TestExchangeBookkeepingMergesQuietly(t *testing.T) {
	ctx := context.Background()
	a, b := newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	p := a.addPartner(aPartner())
	a.sendTo(b) // partners always travel
	edit := func(o *office, change func(p *domain.Partner)) {
		t.Helper()
		admin := o.login("ama", adminPW)
		cur, err := admin.Partner(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		change(&cur)
		if _, err := admin.SavePartner(ctx, cur); err != nil {
			t.Fatal(err)
		}
	}
	a.clock.Advance(time.Hour)
	edit(a, func(p *domain.Partner) { p.Phone = "+221 33 111 11 11" })
	b.clock.Advance(2 * time.Hour)
	edit(b, func(p *domain.Partner) { p.Hours = "08:00-16:00" })
	toB, _ := a.export(ExportRequest{To: []string{b.id}})
	toA, _ := b.export(ExportRequest{To: []string{a.id}})
	for _, step := range []struct {
		o    *office
		data []byte
	}{{b, toB}, {a, toA}} {
		if rep := step.o.importOK(step.data, ""); rep.Conflicts != 0 || rep.Updated != 1 {
			t.Errorf("import at %s: %+v, conflicts %+v", step.o.id, rep, step.o.conflictsAt())
		}
		got, err := step.o.sam.Partner(ctx, p.ID)
		if err != nil || got.Phone != "+221 33 111 11 11" || got.Hours != "08:00-16:00" || !got.Updated.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("partner at %s: %+v %v", step.o.id, got, err)
		}
	}
	if ha, hb := a.head(p.ID), b.head(p.ID); ha.ID != hb.ID {
		t.Fatalf("heads differ: %s %s", ha.ID, hb.ID)
	}
}

// TestExchangeExportCancelAndProgress: a cancelled export leaves no file
// and moves no mark (the next export still carries everything); a
// finished one reports its progress up to the end.
func TestExchangeExportCancelAndProgress(t *testing.T) {
	a, b, _ := sharedPair(t)
	path := filepath.Join(t.TempDir(), "out.amparo")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := a.snapshot()
	if _, err := a.sam.ExportFile(ctx, ExportRequest{To: []string{b.id}}, path, nil); !errors.Is(err, exchange.ErrCancelled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
		t.Fatalf("a cancelled export left %v", entries)
	}
	sameSnapshot(t, "a cancelled export", before, a.snapshot())
	var steps [][2]int
	res, err := a.sam.ExportFile(context.Background(), ExportRequest{To: []string{b.id}}, path, func(done, total int) {
		steps = append(steps, [2]int{done, total})
	})
	if err != nil || res.Counts.Revisions != 2 {
		t.Fatalf("export: %+v %v", res, err)
	}
	if len(steps) == 0 || steps[len(steps)-1] != [2]int{2, 2} {
		t.Fatalf("progress %v", steps)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i][0] < steps[i-1][0] {
			t.Fatalf("progress goes back: %v", steps)
		}
	}
	data, _ := os.ReadFile(path)
	if rep := b.importOK(data, ""); rep.New != 2 {
		t.Fatalf("import %+v", rep)
	}
	// A case worker does not export.
	if _, err := a.kofi.ExportFile(context.Background(), ExportRequest{To: []string{b.id}, All: true}, path+"2", nil); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a case worker's export: %v", err)
	}
	if _, err := b.kofi.ImportFile(context.Background(), data, ""); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a case worker's import: %v", err)
	}
}

// TestExchangeKindClashRefused: a signed file whose revision would add to
// an existing record under another kind is refused as damaged, like any
// file that is not what it should be, and changes nothing; the inbox
// moves it aside instead of stopping on it.
func TestExchangeKindClashRefused(t *testing.T) {
	ctx := context.Background()
	a, b, cs := sharedPair(t)
	a.sendTo(b)
	note := exchange.Revision{ID: uuid.NewString(), Record: cs.ID, Kind: kindNote, Office: a.id, User: "u",
		HLC: fmt.Sprintf("%015d-%06d-%s", t0.UnixMilli()+1, 0, a.id), Created: t0,
		Body: json.RawMessage(`{"caseId":"` + cs.ID + `","text":"x"}`)}
	data := signedFile(t, manifestFrom(t, a, 40, b), []exchange.Revision{note}, a.sam.id.Sign, b)
	b.refused("a note on a case's record", data, "", exchange.ErrDamaged)
	// Within one file: the same record as two kinds.
	c1 := aCaseRevision(t, a)
	n1 := note
	n1.ID, n1.Record = uuid.NewString(), c1.Record
	data2 := signedFile(t, manifestFrom(t, a, 41, b), []exchange.Revision{c1, n1}, a.sam.id.Sign, b)
	b.refused("a record as two kinds", data2, "", exchange.ErrDamaged)

	dir := filepath.Join(t.TempDir(), "inbox")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "clash.amparo"), data, 0o600)
	results, err := b.sam.ProcessInbox(ctx, &exchange.Inbox{Dir: dir, OnePass: true, Settle: time.Nanosecond}, func(err error) string { return err.Error() })
	if err != nil || len(results) != 1 || !errors.Is(results[0].Err, exchange.ErrDamaged) {
		t.Fatalf("inbox: %+v %v", results, err)
	}
}

// TestExchangeOneFileForTwoOffices: one file sealed to two offices is
// applied at each; a case whose consent names only one of them stays out
// for both, listed once per receiver.
func TestExchangeOneFileForTwoOffices(t *testing.T) {
	ctx := context.Background()
	a, b, c := newExchangeOffice(t), newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	trust(t, a, c)
	both := a.create(a.kofi, fileAdult())
	a.shareWith(both.ID, false, b, c)
	onlyB := a.create(a.kofi, fileAdult())
	a.shareWith(onlyB.ID, false, b)
	data, res := a.export(ExportRequest{To: []string{b.id, c.id}})
	if res.Cases != 1 || len(res.Withheld) != 2 || res.Withheld[0].CaseID != onlyB.ID || res.Withheld[1].CaseID != onlyB.ID ||
		res.Withheld[0].Office == res.Withheld[1].Office {
		t.Fatalf("export %+v", res)
	}
	for _, o := range []*office{b, c} {
		if rep := o.importOK(data, ""); !slices.Equal(rep.Cases, []string{both.Code}) {
			t.Fatalf("import at %s: %+v", o.id, rep)
		}
		if _, err := o.sam.Case(ctx, onlyB.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("the case for B only at %s: %v", o.id, err)
		}
	}
	// Each receiver's mark moved: to C nothing is new; B now gets its case.
	if _, res, err := a.exportErr(ExportRequest{To: []string{c.id}}); !errors.Is(err, ErrNothingToSend) || len(res.Withheld) != 1 {
		t.Fatalf("to C again: %+v %v", res, err)
	}
	data, res = a.export(ExportRequest{To: []string{b.id}})
	if res.Cases != 1 || len(res.Withheld) != 0 {
		t.Fatalf("to B again: %+v", res)
	}
	if rep := b.importOK(data, ""); !slices.Equal(rep.Cases, []string{onlyB.Code}) {
		t.Fatalf("import at B: %+v", rep)
	}
}
