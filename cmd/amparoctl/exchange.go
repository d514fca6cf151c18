package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/vault"
	"golang.org/x/term"
)

// passphraseVariable carries the passphrase of a one-off export file.
const passphraseVariable = "AMPARO_EXPORT_PASSPHRASE"

// refusalText says in plain words why a file was refused and what to do.
func refusalText(err error) string {
	var unknown *casework.UnknownSenderError
	switch {
	case errors.As(err, &unknown):
		return fmt.Sprintf("the file comes from %s, an office not trusted here; compare its fingerprint %s with that office by phone or in person, then import again with --trust %s",
			unknown.Card.Name, unknown.Fingerprint, unknown.Fingerprint)
	case errors.Is(err, exchange.ErrNotAmparo):
		return "this is not an Amparo export file"
	case errors.Is(err, exchange.ErrNotForUs):
		return "this file is addressed to another office; nothing was imported"
	case errors.Is(err, exchange.ErrNeedsPassphrase):
		return "this file is protected by a passphrase: set " + passphraseVariable + " or run the import at a terminal"
	case errors.Is(err, exchange.ErrWrongPassphrase):
		return "the passphrase is wrong; ask the sending office to tell it again"
	case errors.Is(err, exchange.ErrTruncated):
		return "the file is incomplete (cut short while copying); ask for it again"
	case errors.Is(err, exchange.ErrDamaged):
		return "the file was altered or damaged; nothing was imported; ask for it again"
	case errors.Is(err, exchange.ErrBadSignature):
		return "the signature does not match the sending office's card: the file may be forged; nothing was imported"
	case errors.Is(err, exchange.ErrNewerVersion):
		return "the file was made by a newer version of Amparo; update Amparo, then import it"
	case errors.Is(err, exchange.ErrRevokedSender):
		return "the sending office's card was revoked here; its files are refused"
	case errors.Is(err, exchange.ErrAlreadyImported):
		return "this file was already imported; nothing changed"
	case errors.Is(err, exchange.ErrReplayed):
		return "this file reuses an export number of the sending office already imported: it may be a tampered copy; nothing was imported"
	case errors.Is(err, exchange.ErrTooLarge):
		return "the file is too large to be an export file"
	case errors.Is(err, casework.ErrNothingToSend):
		return "there is nothing new to send to these offices"
	case errors.Is(err, casework.ErrNoReceiver):
		return "name at least one trusted office with --to (see 'amparoctl trust --list'), or --passphrase with --case and --partner"
	case errors.Is(err, casework.ErrConflictResolved):
		return "this conflict was already resolved"
	}
	return ""
}

// progressTo prints progress on stderr when it is a terminal.
func progressTo(e env, what string) exchange.Progress {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	last := -1
	return func(done, total int) {
		if total == 0 {
			return
		}
		if pct := done * 100 / total; pct != last {
			last = pct
			fmt.Fprintf(f, "\r%s: %d%%", what, pct)
			if done == total {
				fmt.Fprintln(f)
			}
		}
	}
}

// runExport writes an export file.
func runExport(e env, args []string) error {
	fs := newFlags(e, "export")
	data := dataFlag(fs)
	var to, cases listFlag
	fs.Var(&to, "to", "id of a trusted office to send to (repeat for several)")
	fs.Var(&cases, "case", "code of a case to send whole (repeat); without it, everything new for the receivers")
	withPass := fs.Bool("passphrase", false, "seal the file with a passphrase (from "+passphraseVariable+", else a new one is printed) for an office not trusted yet; needs --case and --partner")
	partner := fs.String("partner", "", "with --passphrase: the partner directory id of the receiving organisation, whose sharing consent each case needs")
	all := fs.Bool("all", false, "send everything again, not only what is new since the last export")
	out := fs.String("out", "", "the export file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *out == "" || (len(to) == 0) == !*withPass {
		return usageError{"export needs --out FILE and either --to OFFICE_ID or --passphrase"}
	}
	if *withPass && (len(cases) == 0 || *partner == "") {
		return usageError{"--passphrase needs --case CODE and --partner ID"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	req := casework.ExportRequest{To: to, All: *all, Partner: *partner}
	for _, code := range cases {
		c, err := sess.CaseByCode(ctx, code)
		if err != nil {
			return explainCasework(err)
		}
		req.Cases = append(req.Cases, c.ID)
	}
	printed := false
	if *withPass {
		req.Passphrase = strings.TrimSpace(e.getenv(passphraseVariable))
		if req.Passphrase == "" {
			if req.Passphrase, err = vault.NewPassphrase(); err != nil {
				return err
			}
			printed = true
		}
	}
	res, err := sess.ExportFile(ctx, req, *out, progressTo(e, "export"))
	for _, w := range res.Withheld {
		fmt.Fprintf(e.stdout, "Left out, no consent to share with %s: %s\n", officeLabel(w), w.Code)
	}
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "Export file written: %s (number %d): %d cases, %d records, %d revisions, %d attachments, %d deletions.\n",
		*out, res.Sequence, res.Cases, res.Counts.Records, res.Counts.Revisions, res.Counts.Attachments, res.Counts.Tombstones)
	if printed {
		fmt.Fprintf(e.stdout, "Passphrase (tell it to the receiving office by phone or in person, never with the file): %s\n", req.Passphrase)
	}
	return nil
}

func officeLabel(w casework.WithheldCase) string {
	switch {
	case w.OfficeName != "":
		return w.OfficeName
	case w.Office != "":
		return w.Office
	}
	return "the receiver"
}

// runImport verifies and applies an export file.
func runImport(e env, args []string) error {
	fs := newFlags(e, "import")
	data := dataFlag(fs)
	trustFP := fs.String("trust", "", "the fingerprint of the sending office, compared by phone: trust its card (from the file) before importing")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"import needs one FILE"}
	}
	content, err := os.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", rest[0], err)
	}
	defer clear(content)
	var pass string
	if exchange.NeedsPassphrase(content) {
		p, err := secretFrom(e, passphraseVariable, "Passphrase of the file: ", false)
		if err != nil {
			return err
		}
		pass = string(p)
		wipe(p)
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	rep, err := sess.ImportFile(ctx, content, pass)
	var unknown *casework.UnknownSenderError
	if errors.As(err, &unknown) && *trustFP != "" {
		if _, err := sess.PinOffice(ctx, unknown.Card, *trustFP); err != nil {
			return explainCasework(err)
		}
		fmt.Fprintf(e.stdout, "%s (%s) is now trusted. Fingerprint: %s\n", unknown.Card.Name, unknown.Card.Country, unknown.Fingerprint)
		rep, err = sess.ImportFile(ctx, content, pass)
	}
	if err != nil {
		return explainCasework(err)
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]any{
			"exportId": rep.ExportID, "sender": rep.Sender.OfficeID, "senderName": rep.Sender.Name, "sequence": rep.Sequence,
			"new": rep.New, "updated": rep.Updated, "conflicts": rep.Conflicts, "skipped": rep.Skipped, "cases": rep.Cases,
			"resolved": rep.ResolvedBy,
		})
	}
	fmt.Fprintf(e.stdout, "Imported file number %d from %s: %d new records, %d updated, %d with conflicts to review, %d revisions already here.\n",
		rep.Sequence, rep.Sender.Name, rep.New, rep.Updated, rep.Conflicts, rep.Skipped)
	if len(rep.Cases) > 0 {
		fmt.Fprintf(e.stdout, "Cases: %s\n", strings.Join(rep.Cases, ", "))
	}
	if rep.Conflicts > 0 {
		fmt.Fprintln(e.stdout, "Review the conflicts with 'amparoctl conflicts list'.")
	}
	return nil
}

// noArgsLogin parses a command that takes flags only, then logs in.
func noArgsLogin(e env, fs *flag.FlagSet, args []string, data *string, what string) (*casework.Session, func(), error) {
	if rest, err := parse(fs, args); err != nil {
		return nil, nil, err
	} else if len(rest) > 0 {
		return nil, nil, usageError{what + " takes no arguments"}
	}
	return login(e, *data)
}

// runConflicts dispatches `conflicts list|resolve`.
func runConflicts(e env, args []string) error {
	return subcommand(e, "conflicts", args, map[string]func(env, []string) error{
		"list": runConflictsList, "resolve": runConflictsResolve})
}

func runConflictsList(e env, args []string) error {
	fs := newFlags(e, "conflicts")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	sess, done, err := noArgsLogin(e, fs, args, data, "conflicts list")
	if err != nil {
		return err
	}
	defer done()
	list, err := sess.Conflicts(context.Background())
	if err != nil {
		return explainCasework(err)
	}
	if *asJSON {
		type row struct {
			ID       string    `json:"id"`
			Case     string    `json:"case"`
			Kind     string    `json:"kind"`
			RecordID string    `json:"recordId"`
			Fields   []string  `json:"fields"`
			Theirs   string    `json:"theirs"`
			At       time.Time `json:"at"`
		}
		rows := []row{}
		for _, c := range list {
			rows = append(rows, row{c.ID, c.CaseCode, c.Kind, c.RecordID, c.Fields, c.Theirs, c.At})
		}
		return json.NewEncoder(e.stdout).Encode(rows)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No conflicts to review.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tCASE\tRECORD\tFIELDS")
	for _, c := range list {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.ID, c.CaseCode, c.Kind, strings.Join(c.Fields, ", "))
	}
	return w.Flush()
}

func runConflictsResolve(e env, args []string) error {
	fs := newFlags(e, "conflicts")
	data := dataFlag(fs)
	keep := fs.String("keep", "", "mine (this office's values) or theirs (the other office's)")
	var fields listFlag
	fs.Var(&fields, "field", "resolve only this field (repeat); default every field of the conflict")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	side := casework.Side(*keep)
	if len(rest) != 1 || side != casework.KeepMine && side != casework.KeepTheirs {
		return usageError{"conflicts resolve needs an ID and --keep mine|theirs"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	view, err := sess.Conflict(ctx, rest[0])
	if err != nil {
		return explainCasework(err)
	}
	choice := map[string]casework.Side{}
	for _, f := range view.Fields {
		if len(fields) == 0 || slices.Contains(fields, f.Path) {
			choice[f.Path] = side
		}
	}
	for _, f := range fields {
		if _, ok := choice[f]; !ok {
			return usageError{fmt.Sprintf("the conflict has no field %q", f)}
		}
	}
	if err := sess.ResolveConflict(ctx, rest[0], choice); err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "Conflict on %s resolved, keeping %s values for %d fields. The resolution goes to the other office with the next export.\n",
		view.CaseCode, side, len(choice))
	return nil
}

// folderCommand parses a command about the exchange folders, logs in and
// reads the folders.
func folderCommand(e env, name string, args []string) (*casework.Session, casework.Folders, func(), error) {
	fs := newFlags(e, name)
	data := dataFlag(fs)
	sess, done, err := noArgsLogin(e, fs, args, data, name)
	if err != nil {
		return nil, casework.Folders{}, nil, err
	}
	folders, err := sess.ExchangeFolders(context.Background())
	if err != nil {
		done()
		return nil, casework.Folders{}, nil, err
	}
	return sess, folders, done, nil
}

// runInbox imports the files waiting in the inbox folder once.
func runInbox(e env, args []string) error {
	sess, folders, done, err := folderCommand(e, "inbox", args)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	in := &exchange.Inbox{Dir: folders.Inbox, OnePass: true}
	results, err := sess.ProcessInbox(ctx, in, refusalText)
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(e.stdout, "%s: refused, moved to %s: %s\n", r.File, r.MovedTo, refusalText(r.Err))
			continue
		}
		fmt.Fprintf(e.stdout, "%s: imported (%d new, %d updated, %d conflicts)\n", r.File, r.Report.New, r.Report.Updated, r.Report.Conflicts)
	}
	if err != nil {
		return explainCasework(err)
	}
	if len(results) == 0 {
		fmt.Fprintf(e.stdout, "No file ready in %s.\n", folders.Inbox)
	}
	return nil
}

// runOutbox writes an export for each trusted office into the outbox.
func runOutbox(e env, args []string) error {
	sess, folders, done, err := folderCommand(e, "outbox", args)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	results, err := sess.WriteOutbox(ctx, folders.Outbox)
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(e.stdout, "%s: nothing new\n", r.Name)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: %s (%d records)\n", r.Name, r.Path, r.Result.Counts.Records)
		for _, w := range r.Result.Withheld {
			fmt.Fprintf(e.stdout, "  left out, no consent to share: %s\n", w.Code)
		}
	}
	if err != nil {
		return explainCasework(err)
	}
	return nil
}
