package casework

import (
	"archive/tar"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/google/uuid"
	_ "modernc.org/sqlite" // the "sqlite" driver, for the baselines
)

// The exchange benchmarks (issue 7, "Done means") run on two offices built
// once per process in one temporary folder:
//
//   - the sender: 10,000 seeded cases, each with a sharing consent in force
//     naming the receiver's office for every part of the case (and, for a
//     child, a guardian's too), and the receiver's card pinned;
//   - the receiver, set up with the sender's card pinned and closed: a
//     template data folder that each import iteration copies, so every
//     import lands in a fresh office;
//   - one export file of everything from sender to receiver, which the
//     import benchmark applies.
//
// TestMain (bench_cases_test.go) does not know this fixture: its folder,
// named after the process id, is removed by the next benchmark process
// that finds its process gone (sweepExchangeBench).

const (
	benchExchangeCases  = 10_000
	benchExchangePrefix = "amparo-bench-exchange-"
)

type exchangeBench struct {
	dir string

	sender     *store.DB
	senderSvc  *Service
	senderSS   *Session // sam, supervisor of the sender
	receiverID string   // office id of the receiver

	template     string // data folder of the empty receiving office (closed)
	receiverAge  *age.X25519Identity
	receiverRcpt string // its age recipient

	file      []byte   // an export of everything to the receiver
	plainLen  int      // bytes of the archive inside it (what age encrypts)
	revisions int      // revisions it carries
	records   int      // records it carries
	revIDs    []string // id and record id of each revision, in file order
	recIDs    []string
	revLines  []revLine // what the store keeps of each revision, in file order

	built time.Duration
}

var (
	exchOnce sync.Once
	exchFix  *exchangeBench
	exchErr  error
)

// benchExchange returns the fixture, building it on first use.
func benchExchange(b *testing.B) *exchangeBench {
	b.Helper()
	exchOnce.Do(func() { exchFix, exchErr = newExchangeBench() })
	if exchErr != nil {
		b.Fatal(exchErr)
	}
	return exchFix
}

// sweepExchangeBench removes the fixture folders of benchmark processes
// that have ended.
func sweepExchangeBench() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), benchExchangePrefix+"*"))
	for _, d := range dirs {
		rest := strings.TrimPrefix(filepath.Base(d), benchExchangePrefix)
		pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
		if err != nil || pid == os.Getpid() {
			continue
		}
		p, err := os.FindProcess(pid) // fails on Windows when the process is gone
		if err != nil || errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone) {
			os.RemoveAll(d)
		}
	}
}

// setupOffice sets up an office in dir with the staff of staffOffice and
// returns sam's session.
func setupOffice(ctx context.Context, dir, name string) (*store.DB, *Service, *Session, error) {
	db, err := store.Open(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	svc := New(db, nil, WithKDF(cheapKDF()))
	in := setupInput()
	in.Office.Name = name
	if _, err := svc.Setup(ctx, in); err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	admin, err := svc.Login(ctx, "ama", []byte(adminPW))
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	for _, u := range []NewUser{
		{Username: "sam", Name: "Sam Diallo", Role: domain.RoleSupervisor, Password: []byte(superPW)},
		{Username: "kofi", Name: "Kofi Boateng", Role: domain.RoleCaseworker, Password: []byte(workerPW)},
	} {
		if _, err := admin.AddUser(ctx, u); err != nil {
			db.Close()
			return nil, nil, nil, err
		}
	}
	admin.Logout(ctx)
	ss, err := svc.Login(ctx, "sam", []byte(superPW))
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, svc, ss, nil
}

// pin makes a pin b's card.
func pin(ctx context.Context, a, b *Session) error {
	card, fp, err := b.OfficeCard()
	if err != nil {
		return err
	}
	_, err = a.PinOffice(ctx, card, fp)
	return err
}

func newExchangeBench() (*exchangeBench, error) {
	sweepExchangeBench()
	ctx := context.Background()
	start := time.Now()
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", benchExchangePrefix, os.Getpid()))
	if err != nil {
		return nil, err
	}
	f := &exchangeBench{dir: dir, template: filepath.Join(dir, "receiver")}
	fail := func(err error) (*exchangeBench, error) {
		if f.sender != nil {
			f.sender.Close()
		}
		os.RemoveAll(dir)
		return nil, err
	}

	// The receiver: set up, then closed once it trusts the sender.
	rdb, _, rss, err := setupOffice(ctx, f.template, "Centre Praia")
	if err != nil {
		return fail(err)
	}
	f.receiverID = rss.Office().ID
	f.receiverRcpt = rss.id.Recipient()
	if f.receiverAge, err = age.ParseX25519Identity(rss.id.AgeIdentity().String()); err != nil {
		rdb.Close()
		return fail(err)
	}

	// The sender.
	if f.sender, f.senderSvc, f.senderSS, err = setupOffice(ctx, filepath.Join(dir, "sender"), "Centre Abidjan"); err != nil {
		rdb.Close()
		return fail(err)
	}
	err = errors.Join(pin(ctx, rss, f.senderSS), pin(ctx, f.senderSS, rss))
	rss.Logout(ctx)
	if err = errors.Join(err, rdb.Close()); err != nil {
		return fail(err)
	}
	seedStart := time.Now()
	n, err := f.senderSS.Seed(ctx, benchExchangeCases, 2026)
	if err != nil {
		return fail(fmt.Errorf("seed (%d done): %w", n, err))
	}
	seeded := time.Since(seedStart)
	consentStart := time.Now()
	consents, err := shareAll(ctx, f.senderSS, f.receiverID)
	if err != nil {
		return fail(fmt.Errorf("consents: %w", err))
	}
	consented := time.Since(consentStart)

	// The file the import benchmark applies.
	path := filepath.Join(dir, "fixture"+exchange.Extension)
	res, err := f.senderSS.ExportFile(ctx, ExportRequest{To: []string{f.receiverID}, All: true}, path, nil)
	if err != nil {
		return fail(err)
	}
	if res.Cases != benchExchangeCases || len(res.Withheld) > 0 {
		return fail(fmt.Errorf("export carries %d cases, %d withheld; want %d, none", res.Cases, len(res.Withheld),
			benchExchangeCases))
	}
	if f.file, err = os.ReadFile(path); err != nil {
		return fail(err)
	}
	os.Remove(path)
	f.revisions, f.records = res.Counts.Revisions, res.Counts.Records
	if err := f.readFile(); err != nil {
		return fail(err)
	}
	f.built = time.Since(start)
	fmt.Fprintf(os.Stderr, "exchange bench fixture: %d cases seeded in %v, %d consents in %v; file of %d revisions, "+
		"%d bytes (%d inside age), built in %v\n", n, seeded.Round(time.Millisecond), consents,
		consented.Round(time.Millisecond), f.revisions, len(f.file), f.plainLen, f.built.Round(time.Millisecond))
	return f, nil
}

// shareAll records, for every case of the office, the person's consent to
// share the whole case with office to, and a guardian's too for a child,
// as AddConsent would (validated, sealed, audited consent.add), a thousand
// cases per transaction. It returns how many consents it wrote.
func shareAll(ctx context.Context, ss *Session, to string) (int, error) {
	cases, err := ss.loadCases(ctx)
	if err != nil {
		return 0, err
	}
	user, today := ss.User(), ss.today()
	written := 0
	for len(cases) > 0 {
		batch := cases[:min(seedBatch, len(cases))]
		cases = cases[len(batch):]
		var consents []domain.Consent
		for _, c := range batch {
			givers := []domain.ConsentGiver{domain.GivenByPerson}
			if child, _ := ChildStatus(c.Person, today); child {
				givers = append(givers, domain.GivenByGuardian)
			}
			for _, g := range givers {
				k := consentBy(c.ID, domain.ConsentSharing, g)
				k.ID, k.RecordedBy, k.GivenOn = uuid.NewString(), user.ID, today.Format(dayLayout)
				k.PartnerID, k.Shares = to, domain.ShareFields
				if problems := validateConsent(k, c.Person, today); len(problems) > 0 {
					return written, &ValidationErrors{Problems: problems}
				}
				consents = append(consents, k)
			}
		}
		err := ss.commit(ctx, "bench consents", func(tx *store.Tx, now time.Time) ([]draft, []domain.AuditEntry, error) {
			drafts := make([]draft, 0, len(consents))
			entries := make([]domain.AuditEntry, 0, len(consents))
			for _, k := range consents {
				k.RecordedAt = now
				body, err := json.Marshal(k)
				if err != nil {
					return drafts, nil, err
				}
				drafts = append(drafts, draft{kind: kindConsent, recordID: k.ID, body: body, cols: consentColumns(k)})
				entries = append(entries, ss.s.entry(domain.AuditConsentAdd, user.ID, k.ID,
					"case="+k.CaseID+" purpose="+string(k.Purpose)))
			}
			return drafts, entries, nil
		})
		if err != nil {
			return written, err
		}
		written += len(consents)
	}
	return written, nil
}

// readFile opens the fixture's file once, untimed: the size of the
// archive age encrypts, and the ids and lines of its revisions for the
// import baseline.
func (f *exchangeBench) readFile() error {
	r, err := age.Decrypt(bytes.NewReader(f.file), f.receiverAge)
	if err != nil {
		return err
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	f.plainLen = len(plain)
	lines, err := revisionLines(plain)
	if err != nil {
		return err
	}
	for _, line := range lines {
		var v exchange.Revision
		if err := json.Unmarshal(line, &v); err != nil {
			return err
		}
		f.revIDs, f.recIDs = append(f.revIDs, v.ID), append(f.recIDs, v.Record)
		parents, _ := json.Marshal(append([]string{}, v.Parents...))
		f.revLines = append(f.revLines, revLine{id: v.ID, record: v.Record, kind: v.Kind, parents: string(parents),
			office: v.Office, user: v.User, hlc: v.HLC, created: v.Created.UTC().Format("2006-01-02T15:04:05.000000000Z")})
	}
	if len(lines) != f.revisions {
		return fmt.Errorf("file has %d revision lines, export said %d", len(lines), f.revisions)
	}
	return nil
}

// revisionLines finds revisions.jsonl in a decrypted archive and splits
// it into lines (no JSON decoding).
func revisionLines(plain []byte) ([][]byte, error) { return archiveLines(plain, "revisions.jsonl") }

// archiveLines finds a member of a decrypted archive and splits it into
// lines (no JSON decoding): revisions.jsonl, or bodies.jsonl, whose lines
// are the revisions' bodies (every revision of the benchmark has one).
func archiveLines(plain []byte, member string) ([][]byte, error) {
	tr := tar.NewReader(bytes.NewReader(plain))
	for {
		hdr, err := tr.Next()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", member, err)
		}
		if hdr.Name != member {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
		return lines, nil
	}
}

// receivingOffice copies the receiver's template folder to a new folder
// and logs sam in there.
func (f *exchangeBench) receivingOffice(ctx context.Context, n int) (string, *store.DB, *Session, error) {
	dir := filepath.Join(f.dir, fmt.Sprintf("import-%d", n))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", nil, nil, err
	}
	if err := copyFile(filepath.Join(f.template, store.FileName), filepath.Join(dir, store.FileName)); err != nil {
		return "", nil, nil, err
	}
	db, err := store.Open(dir)
	if err != nil {
		return "", nil, nil, err
	}
	ss, err := New(db, nil, WithKDF(cheapKDF())).Login(ctx, "sam", []byte(superPW))
	if err != nil {
		db.Close()
		return "", nil, nil, err
	}
	return dir, db, ss, nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}

// revLine is a revision as the store's tables keep it, for the baseline
// that inserts the file's data into them.
type revLine struct {
	id, record, kind, parents, office, user, hlc, created string
}

// Parameters of the baselines' own SQLite connections: those of the
// store (WAL, synchronous FULL) for writing; read-only for reading.
const (
	plainWriteParams = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"
	// storeWriteParams are the store's own for writing: foreign keys on and
	// the 64 MiB page cache.
	storeWriteParams = plainWriteParams + "&_pragma=foreign_keys(ON)&_pragma=cache_size(-65536)"
	plainReadParams  = "mode=ro&_pragma=busy_timeout(5000)&_pragma=query_only(ON)"
)

// openPlain opens a plain SQLite database at path with one connection.
func openPlain(path, params string) (*sql.DB, error) {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: p, RawQuery: params}).String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
