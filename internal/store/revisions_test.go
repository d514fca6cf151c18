package store

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

// rev makes a revision of a person record with an opaque body.
func rev(id, record, hlc string, parents ...string) Revision {
	return Revision{ID: id, RecordID: record, Kind: "person", Parents: parents, OfficeID: "o1", UserID: "u1",
		HLC: hlc, Body: vault.Sealed("sealed:" + id), CreatedAt: day}
}

func putRevision(db *DB, r Revision, cols RecordColumns) error {
	ctx := context.Background()
	return db.Update(ctx, "save", func(tx *Tx) error { return tx.PutRevision(ctx, r, cols) })
}

func heads(t *testing.T, db *DB, kind string) []string {
	t.Helper()
	revs, err := db.HeadBodies(context.Background(), kind)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range revs {
		ids = append(ids, r.ID)
	}
	return ids
}

func TestPutRevision(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())

	t.Run("given a first revision when put then its record exists with the plain columns", func(t *testing.T) {
		if err := putRevision(db, rev("a1", "A", "0001"), RecordColumns{Status: "open", IsChild: true, AssignedTo: "u1"}); err != nil {
			t.Fatal(err)
		}
		r, err := db.Record(ctx, "A")
		if err != nil || r.Head != "a1" || r.Kind != "person" || r.Status != "open" || !r.IsChild || r.AssignedTo != "u1" || r.Deleted {
			t.Errorf("Record = %+v, %v", r, err)
		}
	})
	t.Run("given a later revision when put then it is the head", func(t *testing.T) {
		if err := putRevision(db, rev("a2", "A", "0002", "a1"), RecordColumns{Status: "closed"}); err != nil {
			t.Fatal(err)
		}
		if r, _ := db.Record(ctx, "A"); r.Head != "a2" || r.Status != "closed" || r.IsChild {
			t.Errorf("Record = %+v", r)
		}
	})
	t.Run("given an older revision from an import when put then it is kept but not the head", func(t *testing.T) {
		if err := putRevision(db, rev("a0", "A", "0000"), RecordColumns{Status: "stale"}); err != nil {
			t.Fatal(err)
		}
		if r, _ := db.Record(ctx, "A"); r.Head != "a2" || r.Status != "closed" {
			t.Errorf("Record = %+v", r)
		}
		revs, err := db.Revisions(ctx, "A")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range revs {
			ids = append(ids, r.ID)
		}
		if !slices.Equal(ids, []string{"a0", "a1", "a2"}) {
			t.Errorf("Revisions = %v", ids)
		}
		if !slices.Equal(revs[2].Parents, []string{"a1"}) || revs[0].Parents == nil || len(revs[0].Parents) != 0 ||
			!bytes.Equal(revs[2].Body, []byte("sealed:a2")) || revs[2].Kind != "person" || !revs[2].CreatedAt.Equal(day) {
			t.Errorf("revision a2 = %+v", revs[2])
		}
	})
	t.Run("given a revision id already stored when put then ErrExists and nothing changes", func(t *testing.T) {
		if err := putRevision(db, rev("a2", "A", "0009"), RecordColumns{}); !errors.Is(err, ErrExists) {
			t.Errorf("PutRevision = %v, want ErrExists", err)
		}
		if r, _ := db.Record(ctx, "A"); r.Head != "a2" {
			t.Errorf("head = %s", r.Head)
		}
	})
	t.Run("given a record of another kind when put then refused", func(t *testing.T) {
		r := rev("a3", "A", "0003")
		r.Kind = "case"
		if err := putRevision(db, r, RecordColumns{}); err == nil {
			t.Error("PutRevision with another kind succeeded")
		}
	})
	t.Run("given revisions missing what they need when put then refused", func(t *testing.T) {
		for _, r := range []Revision{
			{RecordID: "B", Kind: "person", OfficeID: "o", UserID: "u", HLC: "1", Body: vault.Sealed{1}},
			{ID: "b1", RecordID: "B", Kind: "person", OfficeID: "o", UserID: "u", HLC: "1"},
			{ID: "b1", RecordID: "B", Kind: "person", UserID: "u", HLC: "1", Body: vault.Sealed{1}},
		} {
			if err := putRevision(db, r, RecordColumns{}); err == nil {
				t.Errorf("PutRevision(%+v) succeeded", r)
			}
		}
	})
	t.Run("given records of two kinds when heads are read then by kind, deleted ones left out", func(t *testing.T) {
		for _, r := range []Revision{rev("b1", "B", "0001"), rev("c1", "C", "0001")} {
			if err := putRevision(db, r, RecordColumns{}); err != nil {
				t.Fatal(err)
			}
		}
		k := rev("k1", "K", "0001")
		k.Kind = "case"
		if err := putRevision(db, k, RecordColumns{Code: "ABJ-2025-0001"}); err != nil {
			t.Fatal(err)
		}
		if got := heads(t, db, "person"); !slices.Equal(got, []string{"a2", "b1", "c1"}) {
			t.Errorf("person heads = %v", got)
		}
		tomb := Revision{ID: "b2", RecordID: "B", Kind: "person", Parents: []string{"b1"}, OfficeID: "o1", UserID: "u1", HLC: "0002", Tombstone: true}
		if err := putRevision(db, tomb, RecordColumns{}); err != nil {
			t.Fatal(err)
		}
		if got := heads(t, db, "person"); !slices.Equal(got, []string{"a2", "c1"}) {
			t.Errorf("person heads after a deletion = %v", got)
		}
		if got := heads(t, db, ""); !slices.Equal(got, []string{"a2", "c1", "k1"}) {
			t.Errorf("all heads = %v", got)
		}
		if r, _ := db.Record(ctx, "B"); !r.Deleted {
			t.Error("record with a tombstone head is not deleted")
		}
	})
	t.Run("given a revision and its audit entry when the transaction fails then neither is kept", func(t *testing.T) {
		boom := errors.New("boom")
		err := db.Update(ctx, "save", func(tx *Tx) error {
			if err := tx.PutRevision(ctx, rev("d1", "D", "0001"), RecordColumns{}); err != nil {
				return err
			}
			if _, err := tx.AppendAudit(ctx, domain.AuditEntry{Action: domain.AuditCaseCreate, RecordID: "D"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update = %v", err)
		}
		if _, err := db.Record(ctx, "D"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Record after rollback = %v", err)
		}
		if es, _ := db.ListAudit(ctx, domain.AuditFilter{}); len(es) != 0 {
			t.Errorf("audit after rollback = %v", es)
		}
	})
	t.Run("given sealed revisions when sampled then only ones with a body, at most n", func(t *testing.T) {
		revs, err := db.SampleRevisions(ctx, 3)
		if err != nil || len(revs) != 3 {
			t.Fatalf("SampleRevisions = %d, %v", len(revs), err)
		}
		for _, r := range revs {
			if len(r.Body) == 0 {
				t.Errorf("sampled %s without a body", r.ID)
			}
		}
	})
	if err := db.Check(ctx); err != nil {
		t.Errorf("Check: %v", err)
	}
}
