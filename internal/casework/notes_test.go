package casework

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestNotes(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	a := d.create(d.kofi, fileAdult())
	b := d.create(d.kofi, fileAdult())

	first, err := d.kofi.AddNote(ctx, a.ID, "  First visit at the shelter.  ")
	t.Run("given a note when added then trimmed, dated, by its author and audited", func(t *testing.T) {
		if err != nil || first.ID == "" || first.CaseID != a.ID || first.Text != "First visit at the shelter." ||
			first.AuthorID != d.users["kofi"].ID || !first.At.Equal(t0) {
			t.Fatalf("AddNote = %+v, %v", first, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditNoteAdd || e.RecordID != first.ID || e.Detail != "case="+a.ID {
			t.Errorf("audit = %+v", e)
		}
	})
	d.clock.Advance(time.Hour)
	second, _ := d.sam.AddNote(ctx, a.ID, "Called the family.")
	if _, err := d.kofi.AddNote(ctx, b.ID, "Another case."); err != nil {
		t.Fatal(err)
	}
	t.Run("given notes on two cases when listed then the case's own, newest first", func(t *testing.T) {
		notes, err := d.kofi.Notes(ctx, a.ID)
		if err != nil || len(notes) != 2 || notes[0].ID != second.ID || notes[1].ID != first.ID {
			t.Fatalf("Notes = %+v, %v", notes, err)
		}
		if e := d.lastAudit(1)[0]; e.Action != domain.AuditCaseView || e.Detail != "part=notes" {
			t.Errorf("audit = %+v", e)
		}
	})
	limits := []struct {
		name string
		text string
		want []Problem
	}{
		{"empty", "", []Problem{{"text", RuleRequired}}},
		{"only spaces", " \n\t ", []Problem{{"text", RuleRequired}}},
		{"at the limit", strings.Repeat("é", MaxNoteRunes), nil},
		{"one character over", strings.Repeat("é", MaxNoteRunes+1), []Problem{{"text", RuleTooLarge}}},
	}
	for _, tt := range limits {
		t.Run("given a note "+tt.name, func(t *testing.T) {
			_, err := d.kofi.AddNote(ctx, b.ID, tt.text)
			if tt.want == nil {
				wantErr(t, "AddNote", err, nil)
				return
			}
			wantProblems(t, "AddNote", err, tt.want...)
		})
	}
	t.Run("given another worker's case then no note either way", func(t *testing.T) {
		_, err := d.tina.AddNote(ctx, a.ID, "x")
		wantErr(t, "AddNote", err, ErrForbidden)
		_, err = d.tina.Notes(ctx, a.ID)
		wantErr(t, "Notes", err, ErrForbidden)
	})
}
