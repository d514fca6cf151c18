package casework

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
)

// The case benchmarks (issue 4, "Done means") run on an office seeded with
// 100,000 cases, built once per process into a temporary folder that
// TestMain removes. Cheap argon2id: the login is not what is measured.

const benchCaseCount = 100_000

type benchOffice struct {
	dir    string
	db     *store.DB
	svc    *Service
	ss     *Session // sam, a supervisor: sees every case
	seeded time.Duration
	ids    []string
}

var (
	benchOnce sync.Once
	benchFix  *benchOffice
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchFix != nil {
		benchFix.db.Close()
		os.RemoveAll(benchFix.dir)
	}
	os.Exit(code)
}

// benchCases returns the 100,000-case office, seeding it on first use.
func benchCases(b *testing.B) *benchOffice {
	b.Helper()
	benchOnce.Do(func() { benchFix, benchErr = newBenchOffice() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFix
}

func newBenchOffice() (*benchOffice, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "amparo-bench-cases-")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	o := &benchOffice{dir: dir, db: db, svc: New(db, nil, WithKDF(cheapKDF()))}
	benchFix = o // so TestMain cleans up even if seeding fails
	if _, err := o.svc.Setup(ctx, setupInput()); err != nil {
		return nil, err
	}
	admin, err := o.svc.Login(ctx, "ama", []byte(adminPW))
	if err != nil {
		return nil, err
	}
	for _, u := range []NewUser{
		{Username: "sam", Name: "Sam Diallo", Role: domain.RoleSupervisor, Password: []byte(superPW)},
		{Username: "kofi", Name: "Kofi Boateng", Role: domain.RoleCaseworker, Password: []byte(workerPW)},
		{Username: "tina", Name: "Tina Kouassi", Role: domain.RoleCaseworker, Password: []byte(targetPW)},
	} {
		if _, err := admin.AddUser(ctx, u); err != nil {
			return nil, err
		}
	}
	admin.Logout(ctx)
	if o.ss, err = o.svc.Login(ctx, "sam", []byte(superPW)); err != nil {
		return nil, err
	}
	start := time.Now()
	n, err := o.ss.Seed(ctx, benchCaseCount, 2026)
	o.seeded = time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("seed (%d done): %w", n, err)
	}
	fmt.Fprintf(os.Stderr, "bench fixture: seeded %d cases in %v\n", n, o.seeded.Round(time.Millisecond))
	l, err := o.ss.SearchCases(ctx, CaseQuery{Limit: 1000, Sort: SortCode})
	if err != nil {
		return nil, err
	}
	for _, s := range l.Items {
		o.ids = append(o.ids, s.ID)
	}
	return o, nil
}

// percentile is the p-th percentile (0 to 100) of ds, in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)-1, int(float64(len(s))*p/100))
	return float64(s[i]) / float64(time.Millisecond)
}

// typed are names a case worker types into the search box, without
// accents, one letter at a time.
var typed = []string{
	"fatou diop", "jose tavares", "ngozi okafor", "adebayo oladipo", "aissatou ndiaye", "conceicao semedo",
	"hauwa bello", "mamadou sarr", "maria da graca", "chinedu eze", "0417",
}

// BenchmarkSearchKeystroke types a name letter by letter, each keystroke a
// SearchCases with Limit 50 over 100,000 cases; one op is one name.
// Target: p95 under 30 ms per keystroke.
func BenchmarkSearchKeystroke(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	var per []time.Duration
	i := 0
	for b.Loop() {
		name := typed[i%len(typed)]
		i++
		for k := 1; k <= len(name); k++ {
			start := time.Now()
			if _, err := o.ss.SearchCases(ctx, CaseQuery{Text: name[:k], Limit: 50}); err != nil {
				b.Fatal(err)
			}
			per = append(per, time.Since(start))
		}
	}
	b.ReportMetric(percentile(per, 50), "p50-ms")
	b.ReportMetric(percentile(per, 95), "p95-ms")
	b.ReportMetric(percentile(per, 100), "max-ms")
}

// BenchmarkCaseListFirstPage is opening the case list: the newest 50 of
// 100,000 cases, no filter.
func BenchmarkCaseListFirstPage(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	for b.Loop() {
		l, err := o.ss.SearchCases(ctx, CaseQuery{})
		if err != nil || len(l.Items) != defaultLimit || l.All < benchCaseCount {
			b.Fatalf("first page: %d items of %d, %v", len(l.Items), l.All, err)
		}
	}
}

// BenchmarkOpenCase opens one case (decrypting its head, audited).
func BenchmarkOpenCase(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := o.ss.Case(ctx, o.ids[i%len(o.ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSaveEdit saves an edited case: a new revision, the audit entry
// and the index update. Reading the case first is not timed.
func BenchmarkSaveEdit(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		b.StopTimer()
		c, err := o.ss.Case(ctx, o.ids[i%len(o.ids)])
		if err != nil {
			b.Fatal(err)
		}
		i++
		c.Person.MiddleName = fmt.Sprintf("Edit%d", i)
		b.StartTimer()
		if _, err := o.ss.UpdateCase(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateCase registers one more case in the 100,000-case office
// (code numbering, first revision, audit, index update).
func BenchmarkCreateCase(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	g := newSeeder(99, time.Now(), []string{o.ss.User().ID})
	for b.Loop() {
		b.StopTimer()
		c := g.next().c
		b.StartTimer()
		if _, err := o.ss.CreateCase(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexBuild is unlock to index ready: Unlock (cheap argon2id
// here; add BenchmarkArgon2idAlone for the real one), then the first
// search, which opens and indexes all 100,000 sealed cases. It also
// reports the Go heap in use with the index built (heap-MB) and what the
// index adds to the heap of a locked session (index-MB).
func BenchmarkIndexBuild(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	var build time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := o.ss.Lock(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := o.ss.Unlock(ctx, []byte(superPW)); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := o.ss.SearchCases(ctx, CaseQuery{Limit: 1}); err != nil {
			b.Fatal(err)
		}
		build += time.Since(start)
	}
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms/op")

	b.StopTimer()
	var locked, ready runtime.MemStats
	if err := o.ss.Lock(ctx); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&locked)
	if err := o.ss.Unlock(ctx, []byte(superPW)); err != nil {
		b.Fatal(err)
	}
	if _, err := o.ss.SearchCases(ctx, CaseQuery{Limit: 1}); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&ready)
	b.ReportMetric(float64(ready.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(ready.HeapAlloc)/(1<<20), "live-MB")
	b.ReportMetric((float64(ready.HeapInuse)-float64(locked.HeapInuse))/(1<<20), "index-MB")
	b.ReportMetric(o.seeded.Seconds(), "seed100k-s")
}

// BenchmarkDuplicates is the duplicate check of a registration form over
// 100,000 cases.
func BenchmarkDuplicates(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	p := domain.Person{FirstName: "Fatou", LastName: "Diop", AgeEstimate: 15, Phone: "+221 77 555 12 34"}
	for b.Loop() {
		if _, err := o.ss.PossibleDuplicates(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDashboard is the supervisor's dashboard over 100,000 cases.
func BenchmarkDashboard(b *testing.B) {
	o := benchCases(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := o.ss.Dashboard(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
