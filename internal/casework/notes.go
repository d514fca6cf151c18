package casework

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// MaxNoteRunes bounds a note: a long account belongs in an attachment or
// the narrative.
const MaxNoteRunes = 20000

// AddNote adds a dated note to a case, by the session's user. An empty
// note is refused (RuleRequired on "text"), so is one over MaxNoteRunes
// characters (RuleTooLarge). Audited as note.add.
func (ss *Session) AddNote(ctx context.Context, caseID, text string) (domain.Note, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Note{}, err
	}
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return domain.Note{}, err
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return domain.Note{}, &ValidationErrors{Problems: []Problem{{Field: "text", Rule: RuleRequired}}}
	case utf8.RuneCountInString(text) > MaxNoteRunes:
		return domain.Note{}, &ValidationErrors{Problems: []Problem{{Field: "text", Rule: RuleTooLarge}}}
	}
	n := domain.Note{ID: uuid.NewString(), CaseID: caseID, Text: text, AuthorID: user.ID}
	err = ss.commit(ctx, "add note", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		n.At = now
		body, err := json.Marshal(n)
		if err != nil {
			return nil, nil, errorf("add note", err)
		}
		return []draft{{kind: kindNote, recordID: n.ID, body: body}},
			[]domain.AuditEntry{ss.s.entry(domain.AuditNoteAdd, user.ID, n.ID, "case="+caseID)}, nil
	})
	if err != nil {
		return domain.Note{}, err
	}
	return n, nil
}

// Notes lists a case's notes, newest first. Audited as case.view with
// part=notes.
func (ss *Session) Notes(ctx context.Context, caseID string) ([]domain.Note, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return nil, err
	}
	notes, err := openChildren(ctx, ss, kindNote, caseID, func(n *domain.Note) string { return n.CaseID })
	if err != nil {
		return nil, err
	}
	sort.Slice(notes, func(i, j int) bool {
		if !notes[i].At.Equal(notes[j].At) {
			return notes[i].At.After(notes[j].At)
		}
		return notes[i].ID > notes[j].ID
	})
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, caseID, "part=notes"); err != nil {
		return nil, err
	}
	return notes, nil
}
