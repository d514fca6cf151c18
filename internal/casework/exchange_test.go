package casework

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
)

// office is one office of an exchange test: its own data folder, staff
// and sessions.
type office struct {
	*caseDesk
	id string
}

func newExchangeOffice(t *testing.T) *office {
	d := newCaseDesk(t)
	return &office{caseDesk: d, id: d.sam.Office().ID}
}

// trust makes each office pin the other's card.
func trust(t *testing.T, offices ...*office) {
	t.Helper()
	for _, a := range offices {
		for _, b := range offices {
			if a == b {
				continue
			}
			card, fp, err := b.sam.OfficeCard()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.sam.PinOffice(context.Background(), card, fp); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// shareWith records the person's consent to share the whole case with
// the receiving offices (and, for a child, a guardian's too).
func (o *office) shareWith(caseID string, child bool, to ...*office) {
	o.t.Helper()
	ids := make([]string, len(to))
	for i, r := range to {
		ids[i] = r.id
	}
	o.shareAs(o.kofi, caseID, child, ids...)
}

// sharedPair is two offices that trust each other and an adult's case
// registered at the first, with consent to share it with the second.
func sharedPair(t *testing.T) (a, b *office, cs domain.Case) {
	t.Helper()
	a, b = newExchangeOffice(t), newExchangeOffice(t)
	trust(t, a, b)
	cs = a.create(a.kofi, fileAdult())
	a.shareWith(cs.ID, false, b)
	return a, b, cs
}

// export writes an export of req from o and returns its bytes.
func (o *office) export(req ExportRequest) ([]byte, ExportResult) {
	o.t.Helper()
	path := filepath.Join(o.t.TempDir(), "out"+exchange.Extension)
	res, err := o.sam.ExportFile(context.Background(), req, path, nil)
	if err != nil {
		o.t.Fatalf("ExportFile: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		o.t.Fatal(err)
	}
	return b, res
}

// sendTo exports what is new for r and imports it there.
func (o *office) sendTo(r *office) ImportReport {
	o.t.Helper()
	data, _ := o.export(ExportRequest{To: []string{r.id}})
	rep, err := r.sam.ImportFile(context.Background(), data, "")
	if err != nil {
		o.t.Fatalf("ImportFile: %v", err)
	}
	return rep
}

// caseAt opens the case with that id at o.
func (o *office) caseAt(id string) domain.Case {
	o.t.Helper()
	c, err := o.sam.Case(context.Background(), id)
	if err != nil {
		o.t.Fatalf("Case at %s: %v", o.id, err)
	}
	return c
}

func (o *office) edit(id string, change func(c *domain.Case)) {
	o.t.Helper()
	c := o.caseAt(id)
	change(&c)
	if _, err := o.sam.UpdateCase(context.Background(), c); err != nil {
		o.t.Fatalf("UpdateCase: %v", err)
	}
}

func TestExchangeRoundTripMergeAndConflict(t *testing.T) {
	ctx := context.Background()
	a, b, c := sharedPair(t)

	rep := a.sendTo(b)
	if rep.New < 2 || rep.Conflicts != 0 || len(rep.Cases) != 1 {
		t.Fatalf("first import %+v", rep)
	}
	if got := b.caseAt(c.ID); got.Person.FirstName != "Akosua" || got.Code != c.Code {
		t.Fatalf("case at B: %+v", got.Person)
	}
	if _, err := a.sam.ExportFile(ctx, ExportRequest{To: []string{b.id}}, filepath.Join(t.TempDir(), "x.amparo"), nil); !errors.Is(err, ErrNothingToSend) {
		t.Fatalf("second export = %v, want nothing to send", err)
	}

	// B edits, A fast-forwards.
	b.edit(c.ID, func(c *domain.Case) { c.Person.Phone = "+238 900 0001"; c.Person.ContactConsent = true })
	rep = b.sendTo(a)
	if rep.Updated != 1 || rep.Conflicts != 0 {
		t.Fatalf("fast-forward %+v", rep)
	}
	if got := a.caseAt(c.ID); got.Person.Phone != "+238 900 0001" {
		t.Fatalf("phone at A after fast-forward: %q", got.Person.Phone)
	}

	// Both edit: different fields merge; the same field conflicts.
	a.edit(c.ID, func(c *domain.Case) { c.Person.Address = "Praia"; c.Person.Phone = "+238 111" })
	b.edit(c.ID, func(c *domain.Case) { c.Person.Disability = "hearing"; c.Person.Phone = "+238 222" })
	repB := a.sendTo(b)
	repA := b.sendTo(a)
	if repA.Conflicts != 1 || repB.Conflicts != 1 {
		t.Fatalf("concurrent edits: at A %+v, at B %+v", repA, repB)
	}
	ca, cb := a.caseAt(c.ID), b.caseAt(c.ID)
	if ca.Person.Address != "Praia" || ca.Person.Disability != "hearing" || ca.Person.Phone != cb.Person.Phone {
		t.Fatalf("merged at A %+v, at B %+v", ca.Person, cb.Person)
	}
	ha, _ := a.db.HeadRevision(ctx, c.ID)
	hb, _ := b.db.HeadRevision(ctx, c.ID)
	if ha.ID != hb.ID {
		t.Fatalf("heads differ: %s %s", ha.ID, hb.ID)
	}
	ls, err := a.sam.Conflicts(ctx)
	if err != nil || len(ls) != 1 || len(ls[0].Fields) != 1 || ls[0].Fields[0] != "person.phone" {
		t.Fatalf("conflicts at A %+v %v", ls, err)
	}
	lb, _ := b.sam.Conflicts(ctx)
	if len(lb) != 1 {
		t.Fatalf("conflicts at B %+v", lb)
	}
	view, err := a.sam.Conflict(ctx, ls[0].ID)
	if err != nil || string(view.Fields[0].Mine) != `"+238 111"` || string(view.Fields[0].Theirs) != `"+238 222"` {
		t.Fatalf("conflict view %+v %v", view, err)
	}
	if err := a.sam.ResolveConflict(ctx, ls[0].ID, map[string]Side{"person.phone": KeepMine}); err != nil {
		t.Fatal(err)
	}
	if got := a.caseAt(c.ID); got.Person.Phone != "+238 111" {
		t.Fatalf("resolved phone %q", got.Person.Phone)
	}
	rep = a.sendTo(b)
	if rep.ResolvedBy != 1 {
		t.Fatalf("resolution import %+v", rep)
	}
	if lb, _ := b.sam.Conflicts(ctx); len(lb) != 0 {
		t.Fatalf("B still has %+v", lb)
	}
	if got := b.caseAt(c.ID); got.Person.Phone != "+238 111" {
		t.Fatalf("phone at B after resolution %q", got.Person.Phone)
	}
}

// TestExchangeFollowUpsMergeItemByItem: two offices each plan a follow-up
// on the same case: both follow-ups are kept, no conflict. When both move
// the same follow-up to different dates, that date is the one conflict,
// and keeping theirs sets it.
func TestExchangeFollowUpsMergeItemByItem(t *testing.T) {
	ctx := context.Background()
	a, b, c := sharedPair(t)
	a.sendTo(b)

	a.edit(c.ID, func(c *domain.Case) { c.FollowUps = append(c.FollowUps, domain.FollowUp{Due: "2025-03-20"}) })
	b.edit(c.ID, func(c *domain.Case) { c.FollowUps = append(c.FollowUps, domain.FollowUp{Due: "2025-03-25"}) })
	if rep := a.sendTo(b); rep.Conflicts != 0 {
		t.Fatalf("two new follow-ups made a conflict: %+v", rep)
	}
	b.sendTo(a)
	for _, o := range []*office{a, b} {
		got := o.caseAt(c.ID).FollowUps
		if len(got) != 2 || got[0].Due == got[1].Due {
			t.Fatalf("follow-ups at %s: %+v", o.id, got)
		}
	}

	id := a.caseAt(c.ID).FollowUps[0].ID
	move := func(o *office, due string) {
		o.edit(c.ID, func(c *domain.Case) {
			for i := range c.FollowUps {
				if c.FollowUps[i].ID == id {
					c.FollowUps[i].Due = due
				}
			}
		})
	}
	move(a, "2025-04-01")
	move(b, "2025-04-02")
	a.sendTo(b)
	if rep := b.sendTo(a); rep.Conflicts != 1 {
		t.Fatalf("the same follow-up moved twice: %+v", rep)
	}
	list, err := a.sam.Conflicts(ctx)
	want := "followUps[" + id + "].due"
	if err != nil || len(list) != 1 || !slices.Equal(list[0].Fields, []string{want}) {
		t.Fatalf("conflicts %+v %v, want the field %s", list, err, want)
	}
	if err := a.sam.ResolveConflict(ctx, list[0].ID, map[string]Side{want: KeepTheirs}); err != nil {
		t.Fatal(err)
	}
	for _, f := range a.caseAt(c.ID).FollowUps {
		if f.ID == id && f.Due != "2025-04-02" {
			t.Fatalf("after keeping theirs the follow-up is due %s", f.Due)
		}
	}
	if got := a.caseAt(c.ID).FollowUps; len(got) != 2 {
		t.Fatalf("resolving lost a follow-up: %+v", got)
	}
}
