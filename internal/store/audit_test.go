package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// appendAudit appends n entries at one-minute steps from day and returns db.
func appendAudit(t *testing.T, db *DB, n int) {
	t.Helper()
	for i := range n {
		_, err := db.AppendAudit(context.Background(), domain.AuditEntry{
			At: day.Add(time.Duration(i) * time.Minute), UserID: fmt.Sprintf("u%d", i%2),
			Action: domain.AuditLogin, RecordID: fmt.Sprintf("r%d", i), Detail: fmt.Sprintf("entry %d", i+1),
		})
		if err != nil {
			t.Fatalf("AppendAudit: %v", err)
		}
	}
}

func TestAudit_AppendAndVerify(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())

	t.Run("given an empty trail when verified then it holds", func(t *testing.T) {
		if err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("VerifyAudit: %v", err)
		}
	})
	t.Run("given entries when appended then they number from 1 and the chain holds", func(t *testing.T) {
		appendAudit(t, db, 3)
		seq, err := db.AppendAudit(ctx, domain.AuditEntry{Action: domain.AuditLock})
		if err != nil || seq != 4 {
			t.Fatalf("AppendAudit = %d, %v; want 4", seq, err)
		}
		if err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("VerifyAudit: %v", err)
		}
	})
	t.Run("given a write that fails when its transaction rolls back then its audit entry goes too", func(t *testing.T) {
		boom := errors.New("boom")
		err := db.Update(ctx, "test", func(tx *Tx) error {
			if _, err := tx.AppendAudit(ctx, domain.AuditEntry{Action: domain.AuditSettingsChange}); err != nil {
				return err
			}
			if err := tx.SetSetting(ctx, "k", "v"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update = %v, want boom unchanged", err)
		}
		if _, ok, _ := db.Setting(ctx, "k"); ok {
			t.Error("setting of a rolled back transaction was kept")
		}
		if es, _ := db.ListAudit(ctx, domain.AuditFilter{}); len(es) != 4 {
			t.Errorf("%d entries, want 4", len(es))
		}
		seq, err := db.AppendAudit(ctx, domain.AuditEntry{Action: domain.AuditUnlock})
		if err != nil || seq != 5 {
			t.Errorf("AppendAudit after a rollback = %d, %v; want 5 (no gap)", seq, err)
		}
		if err := db.VerifyAudit(ctx); err != nil {
			t.Errorf("VerifyAudit: %v", err)
		}
	})
	t.Run("given a bad entry when appended then refused", func(t *testing.T) {
		for _, e := range []domain.AuditEntry{{}, {Action: domain.AuditLogin, Detail: string(make([]byte, 501))}} {
			if _, err := db.AppendAudit(ctx, e); err == nil {
				t.Errorf("AppendAudit(%.20q) succeeded", e.Detail)
			}
		}
	})
}

func TestVerifyAudit_Tampering(t *testing.T) {
	ctx := context.Background()
	// An attacker with the file drops the triggers first, then edits.
	const drop = `DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete`
	cases := []struct {
		name       string
		stmts      []string
		wantSeq    int64
		wantReason string
	}{
		{"given a detail edited when verified then that entry is named",
			[]string{drop, `UPDATE audit SET detail = 'nothing happened' WHERE seq = 3`}, 3, "altered"},
		{"given a user edited when verified then that entry is named",
			[]string{drop, `UPDATE audit SET user_id = 'someone-else' WHERE seq = 2`}, 2, "altered"},
		{"given a time edited when verified then that entry is named",
			[]string{drop, `UPDATE audit SET at = '2020-01-01T00:00:00.000000000Z' WHERE seq = 4`}, 4, "altered"},
		{"given a hash edited when verified then that entry is named",
			[]string{drop, `UPDATE audit SET hash = zeroblob(32) WHERE seq = 3`}, 3, "altered"},
		{"given a wrong previous hash when verified then that entry is named",
			[]string{drop, `UPDATE audit SET prev_hash = zeroblob(32) WHERE seq = 3`}, 3, "wrong link"},
		{"given an entry deleted when verified then the missing number is named",
			[]string{drop, `DELETE FROM audit WHERE seq = 3`}, 3, "missing"},
		{"given the first entry deleted when verified then 1 is named",
			[]string{drop, `DELETE FROM audit WHERE seq = 1`}, 1, "missing"},
		{"given the last entry deleted when verified then its number is named",
			[]string{drop, `DELETE FROM audit WHERE seq = 5`}, 5, "missing"},
		{"given entries renumbered to hide a deletion when verified then the next link breaks",
			[]string{drop, `DELETE FROM audit WHERE seq = 3`, `UPDATE audit SET seq = seq - 1 WHERE seq > 3`}, 3, "wrong link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := openDB(t, dir)
			appendAudit(t, db, 5)
			closeDB(t, db)
			execRaw(t, db.Path(), c.stmts...)

			db = openDB(t, dir)
			err := db.VerifyAudit(ctx)
			var broken *AuditBrokenError
			if !errors.As(err, &broken) || broken.Seq != c.wantSeq || broken.Reason != c.wantReason {
				t.Fatalf("VerifyAudit = %v, want entry %d %s", err, c.wantSeq, c.wantReason)
			}
		})
	}
	t.Run("given an entry appended after a deletion when verified then the gap is still named", func(t *testing.T) {
		dir := t.TempDir()
		db := openDB(t, dir)
		appendAudit(t, db, 5)
		closeDB(t, db)
		execRaw(t, db.Path(), drop, `DELETE FROM audit WHERE seq = 5`)
		db = openDB(t, dir)
		if seq, err := db.AppendAudit(ctx, domain.AuditEntry{Action: domain.AuditLogin}); err != nil || seq != 6 {
			t.Fatalf("AppendAudit = %d, %v; want 6", seq, err)
		}
		var broken *AuditBrokenError
		if err := db.VerifyAudit(ctx); !errors.As(err, &broken) || broken.Seq != 5 {
			t.Errorf("VerifyAudit = %v, want entry 5 missing", err)
		}
	})
}

func TestListAudit(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, t.TempDir())
	insertUser(t, db, UserRow{User: domain.User{ID: "u0", Username: "ama", Role: domain.RoleAdmin}})
	appendAudit(t, db, 6) // seq i+1 at day+i min, user u(i%2)
	if _, err := db.AppendAudit(ctx, domain.AuditEntry{At: day.Add(time.Hour), Action: domain.AuditLoginFailed, Detail: "unknown username"}); err != nil {
		t.Fatal(err)
	}
	seqs := func(es []domain.AuditEntry) []int64 {
		var s []int64
		for _, e := range es {
			s = append(s, e.Seq)
		}
		return s
	}
	cases := []struct {
		name string
		f    domain.AuditFilter
		want []int64
	}{
		{"given no filter when listed then all, newest first", domain.AuditFilter{}, []int64{7, 6, 5, 4, 3, 2, 1}},
		{"given a user when listed then only theirs", domain.AuditFilter{UserID: "u0"}, []int64{5, 3, 1}},
		{"given an action when listed then only it", domain.AuditFilter{Action: domain.AuditLoginFailed}, []int64{7}},
		{"given a period when listed then from inclusive, to exclusive", domain.AuditFilter{From: day.Add(time.Minute), To: day.Add(3 * time.Minute)}, []int64{3, 2}},
		{"given a limit when listed then the newest ones", domain.AuditFilter{Limit: 2}, []int64{7, 6}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es, err := db.ListAudit(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := seqs(es); !slices.Equal(got, c.want) {
				t.Errorf("seqs = %v, want %v", got, c.want)
			}
		})
	}
	t.Run("given entries when listed then fields and usernames are filled", func(t *testing.T) {
		es, err := db.ListAudit(ctx, domain.AuditFilter{UserID: "u0", Limit: 1})
		if err != nil || len(es) != 1 {
			t.Fatalf("ListAudit = %v, %v", es, err)
		}
		want := domain.AuditEntry{Seq: 5, At: day.Add(4 * time.Minute), UserID: "u0", Username: "ama",
			Action: domain.AuditLogin, RecordID: "r4", Detail: "entry 5"}
		if es[0] != want {
			t.Errorf("entry = %+v, want %+v", es[0], want)
		}
		all, _ := db.ListAudit(ctx, domain.AuditFilter{})
		if all[0].UserID != "" || all[0].Username != "" {
			t.Errorf("entry without a user = %+v", all[0])
		}
	})
}
