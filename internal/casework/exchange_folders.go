package casework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
)

// Settings of the exchange folders.
const (
	SettingInbox       = "exchange.inbox"
	SettingOutbox      = "exchange.outbox"
	SettingOutboxEvery = "exchange.outbox.hours"
)

// MaxOutboxHours bounds the time between automatic outbox writes (a week).
const MaxOutboxHours = 168

// Folders are the exchange folders: the inbox watched for export files,
// the outbox where exports for each trusted office are written, and how
// often that happens by itself (0: only on demand).
type Folders struct {
	Inbox, Outbox string
	OutboxEvery   time.Duration
}

// ExchangeFolders returns the folders, defaulting to inbox/ and outbox/ in
// the data folder.
func (s *Service) ExchangeFolders(ctx context.Context) (Folders, error) {
	f := Folders{Inbox: filepath.Join(s.db.Dir(), "inbox"), Outbox: filepath.Join(s.db.Dir(), "outbox")}
	for key, dst := range map[string]*string{SettingInbox: &f.Inbox, SettingOutbox: &f.Outbox} {
		v, ok, err := s.db.Setting(ctx, key)
		if err != nil {
			return Folders{}, err
		}
		if ok && v != "" {
			*dst = v
		}
	}
	v, ok, err := s.db.Setting(ctx, SettingOutboxEvery)
	if err != nil {
		return Folders{}, err
	}
	if h, err := strconv.Atoi(v); ok && err == nil && h > 0 && h <= MaxOutboxHours {
		f.OutboxEvery = time.Duration(h) * time.Hour
	}
	return f, nil
}

// ExchangeFolders returns the exchange folders (see Service.ExchangeFolders).
func (ss *Session) ExchangeFolders(ctx context.Context) (Folders, error) {
	return ss.s.ExchangeFolders(ctx)
}

// SetExchangeFolders saves the folders after checking them: absolute
// paths, not the same folder, created when missing. Supervisors, who
// exchange, and admins, who keep the settings, may. Audited as
// settings.change (the paths are not personal data).
func (ss *Session) SetExchangeFolders(ctx context.Context, f Folders) error {
	ss.mu.Lock()
	user := ss.user
	err := ss.ready(PermExchange)
	if errors.Is(err, ErrForbidden) {
		err = ss.ready(PermManageSettings)
	}
	ss.mu.Unlock()
	if err != nil {
		return err
	}
	f.Inbox, f.Outbox = strings.TrimSpace(f.Inbox), strings.TrimSpace(f.Outbox)
	var problems []Problem
	for field, dir := range map[string]string{"inbox": f.Inbox, "outbox": f.Outbox} {
		switch {
		case dir == "":
			problems = append(problems, Problem{Field: field, Rule: RuleRequired})
		case !filepath.IsAbs(dir):
			problems = append(problems, Problem{Field: field, Rule: RuleFormat})
		default:
			if err := os.MkdirAll(dir, 0o700); err != nil {
				problems = append(problems, Problem{Field: field, Rule: RuleFolder})
			}
		}
	}
	if len(problems) == 0 && filepath.Clean(f.Inbox) == filepath.Clean(f.Outbox) {
		problems = append(problems, Problem{Field: "outbox", Rule: RuleSameFolder})
	}
	hours := int(f.OutboxEvery / time.Hour)
	if f.OutboxEvery < 0 || f.OutboxEvery%time.Hour != 0 || hours > MaxOutboxHours {
		problems = append(problems, Problem{Field: "every", Rule: RuleRange})
	}
	if len(problems) > 0 {
		return &ValidationErrors{Problems: problems}
	}
	return ss.s.db.Update(ctx, "save exchange folders", func(tx *store.Tx) error {
		for key, v := range map[string]string{SettingInbox: f.Inbox, SettingOutbox: f.Outbox, SettingOutboxEvery: strconv.Itoa(hours)} {
			if err := tx.SetSetting(ctx, key, v); err != nil {
				return err
			}
		}
		return appendAll(ctx, tx, ss.s.entry(domain.AuditSettingsChange, user.ID, "", "exchange.folders every="+strconv.Itoa(hours)))
	})
}

// InboxResult is what happened to one file of the inbox.
type InboxResult struct {
	File    string // its name
	MovedTo string // where it went: inbox/imported/ or inbox/rejected/
	Report  ImportReport
	Err     error // the refusal, nil when applied (or already applied)
}

// ProcessInbox imports the files of the inbox that are ready (see
// exchange.Inbox): each applied file moves to inbox/imported/, each
// refused one to inbox/rejected/ with reason(err) written beside it. A
// file already imported counts as done. It stops at the first error that
// is not about the file (the session locked, the disk full), leaving the
// file where it is.
func (ss *Session) ProcessInbox(ctx context.Context, in *exchange.Inbox, reason func(error) string) ([]InboxResult, error) {
	if _, _, err := ss.exchangeUser(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(in.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("casework: inbox: %w", err)
	}
	ready, err := in.Ready()
	if err != nil {
		return nil, err
	}
	var out []InboxResult
	for _, path := range ready {
		res := InboxResult{File: filepath.Base(path)}
		data, err := os.ReadFile(path)
		if err != nil {
			continue // gone or unreadable for now: try again next time
		}
		rep, err := ss.ImportFile(ctx, data, "")
		clear(data)
		switch {
		case err == nil || errors.Is(err, exchange.ErrAlreadyImported):
			res.Report = rep
			res.MovedTo, err = exchange.Done(path)
		case IsRefusal(err):
			res.Err = err
			res.MovedTo, err = exchange.Reject(path, reason(res.Err))
		default:
			return out, err
		}
		in.Forget(path)
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// IsRefusal reports whether err refuses a file for what it is (not this
// office's, altered, already imported...), rather than a problem here.
func IsRefusal(err error) bool {
	for _, r := range []error{exchange.ErrNotAmparo, exchange.ErrNotForUs, exchange.ErrNeedsPassphrase,
		exchange.ErrWrongPassphrase, exchange.ErrTruncated, exchange.ErrDamaged, exchange.ErrBadSignature,
		exchange.ErrNewerVersion, exchange.ErrUnknownSender, exchange.ErrRevokedSender, exchange.ErrAlreadyImported,
		exchange.ErrReplayed, exchange.ErrTooLarge} {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// OutboxResult is one export written to the outbox.
type OutboxResult struct {
	Office string // receiver office id
	Name   string // receiver office name
	Path   string
	Result ExportResult
	Err    error // ErrNothingToSend when nothing was new
}

// WriteOutbox writes, for each trusted office, an export of what is new
// for it into its own folder of the outbox (outbox/<office>/), so each
// folder can be synced to one office. Offices with nothing new get no file.
func (ss *Session) WriteOutbox(ctx context.Context, dir string) ([]OutboxResult, error) {
	_, office, err := ss.exchangeUser()
	if err != nil {
		return nil, err
	}
	pins, err := ss.PinnedOffices(ctx)
	if err != nil {
		return nil, err
	}
	var out []OutboxResult
	for _, p := range pins {
		if !p.Active() {
			continue
		}
		sub := filepath.Join(dir, exchange.FolderName(p.Card.Name, p.Card.OfficeID))
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return out, fmt.Errorf("casework: outbox: %w", err)
		}
		var seq int64
		if err := ss.s.db.Update(ctx, "number export", func(tx *store.Tx) error {
			seq, err = tx.NextExportSeq(ctx, office.ID)
			return err
		}); err != nil {
			return out, err
		}
		path := filepath.Join(sub, exchange.FileName(office.Name, p.Card.Name, seq, ss.s.now()))
		res, err := ss.ExportFile(ctx, ExportRequest{To: []string{p.Card.OfficeID}}, path, nil)
		r := OutboxResult{Office: p.Card.OfficeID, Name: p.Card.Name, Result: res, Err: err}
		if err == nil {
			r.Path = path
		} else if !errors.Is(err, ErrNothingToSend) {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}
