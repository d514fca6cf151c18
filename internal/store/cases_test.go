package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// caseRev is a revision of a case record.
func caseRev(id, record, hlc string) Revision {
	r := rev(id, record, hlc)
	r.Kind = "case"
	return r
}

func TestNextCaseSeq(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())
	next := func(prefix string, year int) int {
		t.Helper()
		var n int
		if err := db.Update(ctx, "next", func(tx *Tx) error {
			var err error
			n, err = tx.NextCaseSeq(ctx, prefix, year)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := next("CA", 2025); n != 1 {
		t.Errorf("first of the year = %d, want 1", n)
	}
	records := []struct {
		kind, id, code string
	}{
		{"case", "c1", "CA-2025-0001"},
		{"case", "c2", "CA-2025-0007"},
		{"case", "c3", "CA-2024-0042"},     // another year
		{"case", "c4", "CAB-2025-0099"},    // another prefix
		{"case", "c5", "CA-2025-00x9"},     // not a number
		{"case", "c6", "CA-2025--500"},     // not a number either
		{"person", "p1", "CA-2025-0500"},   // not a case
		{"case", "c7", "XCA-2025-0300"},    // the prefix is not a suffix match
		{"case", "c8", "CA-2025-10000"},    // past four digits, still counted
		{"case", "c9", "OTHER-2025-20000"}, // another office
	}
	for i, r := range records {
		rv := caseRev("r"+r.id, r.id, "000"+string(rune('0'+i)))
		rv.Kind = r.kind
		if err := putRevision(db, rv, RecordColumns{Code: r.code}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		prefix string
		year   int
		want   int
	}{
		{"CA", 2025, 10001},
		{"CA", 2024, 43},
		{"CA", 2026, 1},
		{"CAB", 2025, 100},
	}
	for _, tt := range tests {
		if n := next(tt.prefix, tt.year); n != tt.want {
			t.Errorf("NextCaseSeq(%s, %d) = %d, want %d", tt.prefix, tt.year, n, tt.want)
		}
	}
}

func TestRecordIDsByCodeAndHeads(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())
	for _, r := range []Revision{caseRev("a1", "A", "0001"), caseRev("b1", "B", "0002"), caseRev("a2", "A", "0003")} {
		if err := putRevision(db, r, RecordColumns{Code: "CA-2025-0001"}); err != nil {
			t.Fatal(err)
		}
	}
	tomb := caseRev("c1", "C", "0004")
	if err := putRevision(db, tomb, RecordColumns{Code: "CA-2025-0002"}); err != nil {
		t.Fatal(err)
	}
	tomb2 := Revision{ID: "c2", RecordID: "C", Kind: "case", OfficeID: "o1", UserID: "u1", HLC: "0005", Tombstone: true, Parents: []string{"c1"}}
	if err := putRevision(db, tomb2, RecordColumns{Code: "CA-2025-0002"}); err != nil {
		t.Fatal(err)
	}

	t.Run("given two live cases with one code when looked up then both, oldest first (ties by id)", func(t *testing.T) {
		ids, err := db.RecordIDsByCode(ctx, "case", "CA-2025-0001")
		if err != nil || !slices.Equal(ids, []string{"A", "B"}) {
			t.Errorf("RecordIDsByCode = %v, %v", ids, err)
		}
	})
	t.Run("given a deleted case or another kind when looked up then nothing", func(t *testing.T) {
		for _, q := range [][2]string{{"case", "CA-2025-0002"}, {"person", "CA-2025-0001"}, {"case", "nope"}} {
			if ids, err := db.RecordIDsByCode(ctx, q[0], q[1]); err != nil || len(ids) != 0 {
				t.Errorf("RecordIDsByCode(%s, %s) = %v, %v", q[0], q[1], ids, err)
			}
		}
	})
	t.Run("given a record when its head is read then the latest revision with its body", func(t *testing.T) {
		r, err := db.HeadRevision(ctx, "A")
		if err != nil || r.ID != "a2" || string(r.Body) != "sealed:a2" || r.Kind != "case" {
			t.Errorf("HeadRevision = %+v, %v", r, err)
		}
		if r, err := db.HeadRevision(ctx, "C"); err != nil || !r.Tombstone {
			t.Errorf("HeadRevision of a deleted record = %+v, %v; want its tombstone", r, err)
		}
		if _, err := db.HeadRevision(ctx, "Z"); !errors.Is(err, ErrNotFound) {
			t.Errorf("HeadRevision of no record = %v, want ErrNotFound", err)
		}
	})
	t.Run("given a write transaction when the head is asked then the same", func(t *testing.T) {
		err := db.Update(ctx, "head", func(tx *Tx) error {
			if h, err := tx.RecordHead(ctx, "A"); err != nil || h != "a2" {
				t.Errorf("RecordHead = %q, %v", h, err)
			}
			if _, err := tx.RecordHead(ctx, "Z"); !errors.Is(err, ErrNotFound) {
				t.Errorf("RecordHead of no record = %v, want ErrNotFound", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
