package casework

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
)

// attachmentDataSpace names the records holding attachment bytes: the data
// record of attachment A has the id UUIDv5(attachmentDataSpace, A), so the
// metadata needs no pointer and every office derives the same id.
var attachmentDataSpace = uuid.MustParse("6f1d9b52-3c1e-4d0a-9a55-0d7c1f3e2b84")

// dataRecordID is the id of the record holding an attachment's bytes.
func dataRecordID(attachmentID string) string {
	return uuid.NewSHA1(attachmentDataSpace, []byte(attachmentID)).String()
}

// maxFileNameRunes bounds an attachment's file name.
const maxFileNameRunes = 255

// cleanFileName keeps the last element of a path, without control
// characters or surrounding spaces.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > maxFileNameRunes {
		name = string(r[:maxFileNameRunes])
	}
	return name
}

// AddAttachment attaches a file to a case. Its bytes are sealed like every
// other identifying field, in a record of their own so that listing
// attachments never opens them. A file over domain.MaxAttachmentBytes is
// refused with *RuleError{Rule: RuleTooLarge}; an empty one or one without
// a name is invalid. The result carries the metadata, Data nil. Audited as
// attachment.add with the size.
func (ss *Session) AddAttachment(ctx context.Context, a domain.Attachment) (domain.Attachment, error) {
	user, _, err := ss.caseUser()
	if err != nil {
		return domain.Attachment{}, err
	}
	if _, _, err := ss.loadCase(ctx, a.CaseID); err != nil {
		return domain.Attachment{}, err
	}
	if len(a.Data) > domain.MaxAttachmentBytes {
		return domain.Attachment{}, &RuleError{Rule: RuleTooLarge}
	}
	a.Name, a.MIME = cleanFileName(a.Name), strings.TrimSpace(a.MIME)
	if a.Kind == "" {
		a.Kind = domain.AttachmentOther
	}
	if a.MIME == "" {
		a.MIME = "application/octet-stream"
	}
	ch := newChecker(ss.today(), domain.Person{})
	if len(a.Data) == 0 {
		ch.add("data", RuleRequired)
	}
	if a.Name == "" {
		ch.add("name", RuleRequired)
	}
	oneOf(ch, "kind", a.Kind, domain.AttachmentKinds)
	if len(ch.problems) > 0 {
		return domain.Attachment{}, &ValidationErrors{Problems: ch.problems}
	}
	data := bytes.Clone(a.Data) // commit clears what it seals; the caller's bytes stay theirs
	a.ID, a.Size, a.AddedBy, a.Data = uuid.NewString(), int64(len(data)), user.ID, nil
	err = ss.commit(ctx, "add attachment", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		a.AddedAt = now
		meta, err := json.Marshal(a)
		if err != nil {
			return nil, nil, errorf("add attachment", err)
		}
		return []draft{
				{kind: kindAttachment, recordID: a.ID, body: meta},
				{kind: kindAttachmentData, recordID: dataRecordID(a.ID), body: data},
			}, []domain.AuditEntry{ss.s.entry(domain.AuditAttachmentAdd, user.ID, a.ID,
				"case="+a.CaseID+" size="+strconv.FormatInt(a.Size, 10))}, nil
	})
	if err != nil {
		return domain.Attachment{}, err
	}
	return a, nil
}

// Attachments lists a case's attachments, newest first: metadata only,
// Data nil. Audited as case.view with part=attachments.
func (ss *Session) Attachments(ctx context.Context, caseID string) ([]domain.Attachment, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, caseID); err != nil {
		return nil, err
	}
	as, err := openChildren(ctx, ss, kindAttachment, caseID, func(a *domain.Attachment) string { return a.CaseID })
	if err != nil {
		return nil, err
	}
	sort.Slice(as, func(i, j int) bool {
		if !as[i].AddedAt.Equal(as[j].AddedAt) {
			return as[i].AddedAt.After(as[j].AddedAt)
		}
		return as[i].ID > as[j].ID
	})
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, caseID, "part=attachments"); err != nil {
		return nil, err
	}
	return as, nil
}

// AttachmentData opens an attachment's bytes, for the user to view or save
// them. Every read is audited as attachment.read; the bytes are not
// returned when the audit entry cannot be written.
func (ss *Session) AttachmentData(ctx context.Context, id string) ([]byte, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	var a domain.Attachment
	if _, err := ss.openRecordAs(ctx, kindAttachment, id, &a); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, a.CaseID); err != nil {
		return nil, err
	}
	data, _, err := ss.openRecord(ctx, kindAttachmentData, dataRecordID(id))
	if err != nil {
		return nil, err
	}
	if err := ss.s.audit(ctx, domain.AuditAttachmentRead, ss.User().ID, id, "case="+a.CaseID); err != nil {
		clear(data)
		return nil, err
	}
	return data, nil
}

// DeleteAttachment removes an attachment added by mistake (the wrong file,
// another person's photo): its metadata and its bytes become tombstones,
// deletions that carry no personal data and travel to the other offices
// like any revision. The sealed bytes stay in the history of this office's
// database until a backup rotation; the file is gone from every list.
// Audited as attachment.delete.
func (ss *Session) DeleteAttachment(ctx context.Context, id string) error {
	user, _, err := ss.caseUser()
	if err != nil {
		return err
	}
	var a domain.Attachment
	if _, err := ss.openRecordAs(ctx, kindAttachment, id, &a); err != nil {
		return err
	}
	if _, _, err := ss.loadCase(ctx, a.CaseID); err != nil {
		return err
	}
	return ss.commit(ctx, "delete attachment", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
		var drafts []draft
		for _, rid := range []string{id, dataRecordID(id)} {
			head, err := tx.RecordHead(ctx, rid)
			if err != nil {
				return nil, nil, err
			}
			kind := kindAttachment
			if rid != id {
				kind = kindAttachmentData
			}
			drafts = append(drafts, draft{kind: kind, recordID: rid, parents: []string{head}, tombstone: true})
		}
		return drafts, []domain.AuditEntry{ss.s.entry(domain.AuditAttachmentDelete, user.ID, id, "case="+a.CaseID)}, nil
	})
}
