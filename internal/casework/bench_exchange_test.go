package casework

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/amparo-app/amparo/internal/exchange"
	"github.com/amparo-app/amparo/internal/store"
)

// Exchange benchmarks (issue 7, "Done means"): exporting 10,000 cases with
// their consents to a trusted office, and importing that file into a fresh
// office, each timed in turn with a baseline of the same data in the same
// run, the way BenchmarkReferralLetterVsBarePage does (target: at most 2x
// each). The fixture (bench_exchange_helpers_test.go) is built once per
// process. Run:
//
//	go test ./internal/casework -run '^$' -bench 'Export10k|Import10k' -benchtime 3x -timeout 60m
//
// Each reports ns/export (ns/import), ns/baseline, their ratio
// (export/baseline, import/baseline), the file's size (file-bytes) and
// bytes/case. ns/op is the sum of the two timed parts.

// BenchmarkExport10k exports everything (All: every iteration sends all
// 10,000 cases again, as the first export to an office does) to the
// receiving office, against a baseline of the least an export can do: a
// plain SQLite select of the same revisions (same rows and columns, from
// the same amparo.db, on a read-only connection of its own) and age
// encryption of as many bytes as the export's archive holds, to the same
// recipient, written to a file and synced as the export is.
func BenchmarkExport10k(b *testing.B) {
	f := benchExchange(b)
	ctx := context.Background()
	dir := b.TempDir()
	ro, err := openPlain(f.sender.Path(), plainReadParams)
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	recipient, err := age.ParseX25519Recipient(f.receiverRcpt)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, f.plainLen) // what the baseline encrypts: the rows read, then padding
	var export, baseline time.Duration
	var size int64
	i := 0
	for b.Loop() {
		i++
		path := filepath.Join(dir, fmt.Sprintf("export-%d%s", i, exchange.Extension))
		start := time.Now()
		res, err := f.senderSS.ExportFile(ctx, ExportRequest{To: []string{f.receiverID}, All: true}, path, nil)
		export += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if res.Cases != benchExchangeCases || res.Counts.Revisions != f.revisions || len(res.Withheld) > 0 {
			b.Fatalf("export: %d cases, %d revisions, %d withheld; want %d, %d, none", res.Cases, res.Counts.Revisions,
				len(res.Withheld), benchExchangeCases, f.revisions)
		}
		b.StopTimer()
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = fi.Size()
		os.Remove(path)
		b.StartTimer()

		start = time.Now()
		rows, err := selectAndEncrypt(ctx, ro, recipient, buf, filepath.Join(dir, "baseline.age"))
		baseline += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if rows != f.revisions {
			b.Fatalf("baseline read %d revisions, the export %d", rows, f.revisions)
		}
	}
	reportExchange(b, "export", export, baseline, size)
}

// selectAndEncrypt is the export baseline: select every revision of the
// kinds an export carries, copy the rows into buf, and age-encrypt all of
// buf to a file, synced. It returns the rows read.
func selectAndEncrypt(ctx context.Context, db *sql.DB, to age.Recipient, buf []byte, path string) (int, error) {
	args := make([]any, len(travelKinds))
	for i, k := range travelKinds {
		args[i] = k
	}
	rows, err := db.QueryContext(ctx, `SELECT `+revisionColumnsSQL+` FROM revisions v JOIN records r ON r.id = v.record_id
		WHERE r.kind IN (?`+strings.Repeat(", ?", len(travelKinds)-1)+`) ORDER BY v.rowid`, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n, off := 0, 0
	var id, record, kind, parents, office, user, hlc string
	var body []byte
	var tombstone bool
	var created, from, resolves sql.NullString
	var seq int64
	for rows.Next() {
		if err := rows.Scan(&id, &record, &kind, &parents, &office, &user, &hlc, &body, &tombstone, &created, &from,
			&resolves, &seq); err != nil {
			return n, err
		}
		off += copy(buf[off:], id)
		off += copy(buf[off:], record)
		off += copy(buf[off:], body)
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	out, err := os.Create(path)
	if err != nil {
		return n, err
	}
	defer out.Close()
	w, err := age.Encrypt(out, to)
	if err != nil {
		return n, err
	}
	if _, err := w.Write(buf); err != nil {
		return n, err
	}
	if err := w.Close(); err != nil {
		return n, err
	}
	return n, out.Sync()
}

// revisionColumnsSQL are the columns the store reads for an export
// (store.revisionColumns).
const revisionColumnsSQL = `v.id, v.record_id, r.kind, v.parents, v.office_id, v.user_id, v.hlc, v.body, v.tombstone,
	v.created_at, v.received_from, v.resolves, v.rowid`

// BenchmarkImport10k imports the file of 10,000 cases into a fresh
// receiving office (a copy of an office set up and trusting the sender,
// made with the timer stopped), against two baselines timed in turn in
// the same loop, each in a fresh database file, in one transaction:
//
//   - baseline (the target's): age-decrypt the same file and insert the
//     same data into the store's own tables (records and revisions, with
//     their indexes, foreign keys and pragmas): one records row per record
//     and one revisions row per revision with its body, no verification,
//     no sealing, no merging;
//   - plaintable: age-decrypt and insert one row per revision (id, record
//     id, body) into a plain table with a primary key.
//
// It reports ns/import, ns/baseline, import/baseline, ns/plaintable and
// import/plaintable.
func BenchmarkImport10k(b *testing.B) {
	f := benchExchange(b)
	ctx := context.Background()
	var imp, baseline, plainTable time.Duration
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		dir, db, ss, err := f.receivingOffice(ctx, i)
		if err != nil {
			b.Fatal(err)
		}
		schemaDir := filepath.Join(dir, "schema")
		sdb, err := store.Open(schemaDir) // an empty office database: the store's tables and indexes
		if err != nil {
			b.Fatal(err)
		}
		sdb.Close()
		schema, err := openPlain(filepath.Join(schemaDir, store.FileName), storeWriteParams)
		if err != nil {
			b.Fatal(err)
		}
		plain, err := openPlain(filepath.Join(dir, "baseline.db"), plainWriteParams)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := plain.ExecContext(ctx, `CREATE TABLE revisions (id TEXT PRIMARY KEY, record_id TEXT NOT NULL,
			body BLOB) STRICT`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		start := time.Now()
		rep, err := ss.ImportFile(ctx, f.file, "")
		imp += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if rep.New != f.records || rep.Updated+rep.Conflicts+rep.Skipped > 0 || len(rep.Cases) != benchExchangeCases {
			b.Fatalf("import: %+v; want %d new records, %d cases", rep, f.records, benchExchangeCases)
		}

		start = time.Now()
		rows, err := decryptAndInsertSchema(ctx, schema, f)
		baseline += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if rows != f.revisions {
			b.Fatalf("baseline inserted %d revisions, the file has %d", rows, f.revisions)
		}

		start = time.Now()
		rows, err = decryptAndInsert(ctx, plain, f)
		plainTable += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if rows != f.revisions {
			b.Fatalf("plain-table baseline inserted %d rows, the file has %d revisions", rows, f.revisions)
		}

		b.StopTimer()
		schema.Close()
		plain.Close()
		ss.Logout(ctx)
		db.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	reportExchange(b, "import", imp, baseline, int64(len(f.file)))
	b.ReportMetric(float64(plainTable.Nanoseconds())/float64(b.N), "ns/plaintable")
	b.ReportMetric(float64(imp)/float64(plainTable), "import/plaintable")
}

// decryptBodies age-decrypts the file and returns the bodies of its
// revisions, one per line of bodies.jsonl.
func decryptBodies(f *exchangeBench) ([][]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(f.file), f.receiverAge)
	if err != nil {
		return nil, err
	}
	archive, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return archiveLines(archive, "bodies.jsonl")
}

// decryptAndInsertSchema is the import baseline: the file's data into the
// store's own tables, as plainly as SQL allows. It returns the revisions
// inserted.
func decryptAndInsertSchema(ctx context.Context, db *sql.DB, f *exchangeBench) (int, error) {
	bodies, err := decryptBodies(f)
	if err != nil {
		return 0, err
	}
	if len(bodies) != len(f.revLines) {
		return 0, fmt.Errorf("%d bodies, %d revisions", len(bodies), len(f.revLines))
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rec, err := tx.PrepareContext(ctx, `INSERT INTO records (id, kind, head, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer rec.Close()
	rev, err := tx.PrepareContext(ctx, `INSERT INTO revisions (id, record_id, parents, office_id, user_id, hlc, body,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer rev.Close()
	// The head of each record is its last revision in the file (the file
	// lists a record's revisions oldest first).
	head := map[string]string{}
	for _, l := range f.revLines {
		head[l.record] = l.id
	}
	seen := map[string]bool{}
	for i, l := range f.revLines {
		if !seen[l.record] {
			seen[l.record] = true
			if _, err := rec.ExecContext(ctx, l.record, l.kind, head[l.record], l.created, l.created); err != nil {
				return i, err
			}
		}
		if _, err := rev.ExecContext(ctx, l.id, l.record, l.parents, l.office, l.user, l.hlc, bodies[i], l.created); err != nil {
			return i, err
		}
	}
	return len(f.revLines), tx.Commit()
}

// decryptAndInsert is the import baseline. It returns the rows inserted.
func decryptAndInsert(ctx context.Context, db *sql.DB, f *exchangeBench) (int, error) {
	lines, err := decryptBodies(f)
	if err != nil {
		return 0, err
	}
	if len(lines) != len(f.revIDs) {
		return 0, fmt.Errorf("%d lines, %d ids", len(lines), len(f.revIDs))
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO revisions (id, record_id, body) VALUES (?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	for i, line := range lines {
		if _, err := stmt.ExecContext(ctx, f.revIDs[i], f.recIDs[i], line); err != nil {
			return i, err
		}
	}
	return len(lines), tx.Commit()
}

// reportExchange reports the two timings per iteration, their ratio and
// the file's size.
func reportExchange(b *testing.B, what string, work, baseline time.Duration, size int64) {
	b.ReportMetric(float64(work.Nanoseconds())/float64(b.N), "ns/"+what)
	b.ReportMetric(float64(baseline.Nanoseconds())/float64(b.N), "ns/baseline")
	b.ReportMetric(float64(work)/float64(baseline), what+"/baseline")
	b.ReportMetric(float64(size), "file-bytes")
	b.ReportMetric(float64(size)/benchExchangeCases, "bytes/case")
}
