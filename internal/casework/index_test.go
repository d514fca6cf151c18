package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/amparo-app/amparo/internal/domain"
)

// person is a case about first and last, with no age: an adult for the rules.
func ixPerson(first, last string, aliases ...string) domain.Case {
	return domain.Case{Person: domain.Person{FirstName: first, LastName: last, Aliases: aliases}}
}

// create registers c with ss and fails the test on error.
func ixCreate(t *testing.T, ss *Session, c domain.Case) domain.Case {
	t.Helper()
	got, err := ss.CreateCase(context.Background(), c)
	if err != nil {
		t.Fatalf("CreateCase(%s %s): %v", c.Person.FirstName, c.Person.LastName, err)
	}
	return got
}

// search runs q and fails the test on error.
func ixSearch(t *testing.T, ss *Session, q CaseQuery) CaseList {
	t.Helper()
	l, err := ss.SearchCases(context.Background(), q)
	if err != nil {
		t.Fatalf("SearchCases(%+v): %v", q, err)
	}
	return l
}

// names lists the display names of a page, in order.
func ixNames(l CaseList) []string {
	var out []string
	for _, s := range l.Items {
		out = append(out, s.Name)
	}
	return out
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"José", "jose"},
		{"CONCEIÇÃO", "conceicao"},
		{"Adébáyọ̀", "adebayo"},
		{"Aïssatou", "aissatou"},
		{"João", "joao"},
		{"Ọláòṣebìkan", "olaosebikan"},
		{"Ngoné Guèye", "ngone gueye"},
		{"Ɗanjuma Ƙabiru Ɓadamasi", "danjuma kabiru badamasi"},
		{"N'Diaye", "n'diaye"},
		{"N’Diaye", "n'diaye"},
		{"Jean-Baptiste", "jean baptiste"},
		{"CV-PRA-2026-0041", "cv pra 2026 0041"},
		{"Ørsted Æbel", "orsted aebel"},
		{"ﬁfi", "fifi"}, // a ligature, as a pasted text may hold
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	var got []string
	indexTokens("Aïssatou N'Diaye-Sarr", func(s string) { got = append(got, s) })
	if want := []string{"aissatou", "ndiaye", "n", "diaye", "sarr"}; !slices.Equal(got, want) {
		t.Errorf("indexTokens = %q, want %q", got, want)
	}
	if got, want := queryTokens("  n'diaye  Fátima fatima "), []string{"ndiaye", "fatima"}; !slices.Equal(got, want) {
		t.Errorf("queryTokens = %q, want %q", got, want)
	}
}

// TestIndexMatching runs the matching rules on an index built in memory
// from cases as they come out of the store (imported cases may carry other
// offices' codes, such as CV-PRA-2026-0041).
func TestIndexMatching(t *testing.T) {
	cases := []domain.Case{
		ixPerson("José", "Tavares"), ixPerson("João", "Semedo"), ixPerson("Maria da", "Conceição", "Nena"),
		ixPerson("Adébáyọ̀", "Ọládípọ̀"), ixPerson("Aïssatou", "N'Diaye"), ixPerson("Fatou", "Diop"),
		ixPerson("Joseph", "Eze"), ixPerson("", "", "Tchutchu"),
	}
	codes := []string{"CV-PRA-2026-0041", "CV-PRA-2026-0042", "CV-MIN-2025-0007", "NG-LAG-2026-0041",
		"SN-DKR-2026-0100", "SN-DKR-2026-0101", "NG-LAG-2026-0002", "CV-PRA-2026-0043"}
	for i := range cases {
		cases[i].ID, cases[i].Code = codes[i], codes[i]
	}
	ix := buildIndex(slices.Clone(cases), t0)
	v := viewer{all: true, today: "2025-03-10"}
	for _, tc := range []struct {
		text string
		want []string // codes, by code
	}{
		{"Jose", []string{"CV-PRA-2026-0041", "NG-LAG-2026-0002"}}, // José, Joseph
		{"josé tavares", []string{"CV-PRA-2026-0041"}},
		{"TAVARES jose", []string{"CV-PRA-2026-0041"}},
		{"joao", []string{"CV-PRA-2026-0042"}},
		{"CONCEICAO", []string{"CV-MIN-2025-0007"}},
		{"conc", []string{"CV-MIN-2025-0007"}},
		{"nena", []string{"CV-MIN-2025-0007"}},
		{"adebayo", []string{"NG-LAG-2026-0041"}},
		{"oladipo", []string{"NG-LAG-2026-0041"}},
		{"ndiaye", []string{"SN-DKR-2026-0100"}},
		{"N'Diaye", []string{"SN-DKR-2026-0100"}},
		{"diaye", []string{"SN-DKR-2026-0100"}},
		{"aissatou", []string{"SN-DKR-2026-0100"}},
		{"tchu", []string{"CV-PRA-2026-0043"}},
		{"0041", []string{"CV-PRA-2026-0041", "NG-LAG-2026-0041"}},
		{"41", []string{"CV-PRA-2026-0041", "NG-LAG-2026-0041"}},
		{"cv-pra", []string{"CV-PRA-2026-0041", "CV-PRA-2026-0042", "CV-PRA-2026-0043"}},
		{"CV-PRA-2026-0041", []string{"CV-PRA-2026-0041"}},
		{"cv pra 004", []string{"CV-PRA-2026-0041", "CV-PRA-2026-0042", "CV-PRA-2026-0043"}},
		{"2025", []string{"CV-MIN-2025-0007"}},
		{"fatou diop", []string{"SN-DKR-2026-0101"}},
		{"fatou eze", nil},
		{"zzz", nil},
		{"'", []string{"CV-MIN-2025-0007", "CV-PRA-2026-0041", "CV-PRA-2026-0042", "CV-PRA-2026-0043", "NG-LAG-2026-0002", "NG-LAG-2026-0041", "SN-DKR-2026-0100", "SN-DKR-2026-0101"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			l := ix.search(CaseQuery{Text: tc.text, Sort: SortCode}, v)
			var got []string
			for _, s := range l.Items {
				got = append(got, s.Code)
			}
			if !slices.Equal(got, tc.want) || l.Total != len(tc.want) || l.All != len(cases) {
				t.Errorf("search %q = %q (total %d, all %d), want %q (all %d)", tc.text, got, l.Total, l.All, tc.want, len(cases))
			}
		})
	}
}

func TestIndexLifecycle(t *testing.T) {
	ctx := context.Background()
	f, _ := staffOffice(t)
	ss := f.login("kofi", workerPW)
	ixCreate(t, ss, ixPerson("Conceição", "Tavares"))
	if ss.index != nil {
		t.Fatal("the index was built before anyone searched")
	}

	t.Run("given cases when searched first then the index is built from the store", func(t *testing.T) {
		if got := ixNames(ixSearch(t, ss, CaseQuery{Text: "conceicao"})); !slices.Equal(got, []string{"Conceição Tavares"}) {
			t.Errorf("search = %q", got)
		}
	})

	t.Run("given an index when a case is created then it is found at once", func(t *testing.T) {
		ixCreate(t, ss, ixPerson("Adébáyọ̀", "Okafor"))
		if got := ixNames(ixSearch(t, ss, CaseQuery{Text: "adebayo"})); !slices.Equal(got, []string{"Adébáyọ̀ Okafor"}) {
			t.Errorf("search = %q", got)
		}
	})

	t.Run("given an index when a case is renamed then the old name no longer finds it", func(t *testing.T) {
		l := ixSearch(t, ss, CaseQuery{Text: "okafor"})
		c, err := ss.Case(ctx, l.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		c.Person.FirstName = "Ngozi"
		if _, err := ss.UpdateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got := ixSearch(t, ss, CaseQuery{Text: "adebayo"}); got.Total != 0 {
			t.Errorf("old name finds %q", ixNames(got))
		}
		if got := ixNames(ixSearch(t, ss, CaseQuery{Text: "ngozi ok"})); !slices.Equal(got, []string{"Ngozi Okafor"}) {
			t.Errorf("new name finds %q", got)
		}
	})

	t.Run("given an index when the session locks then it is dropped and searches are refused", func(t *testing.T) {
		ix := ss.index
		if ix == nil {
			t.Fatal("no index before the lock")
		}
		held := weak.Make(ix)
		ix = nil
		if err := ss.Lock(ctx); err != nil {
			t.Fatal(err)
		}
		if ss.index != nil {
			t.Error("the session still references the index after Lock")
		}
		if p := held.Value(); p != nil && (p.entries != nil || p.words.toks != nil || !p.dropped) {
			t.Error("the dropped index still holds its entries")
		}
		runtime.GC()
		runtime.GC()
		if held.Value() != nil {
			t.Error("the index is still reachable after Lock and a collection")
		}
		_, err := ss.SearchCases(ctx, CaseQuery{Text: "ngozi"})
		wantErr(t, "SearchCases while locked", err, ErrLocked)
		_, err = ss.Dashboard(ctx)
		wantErr(t, "Dashboard while locked", err, ErrLocked)
		_, err = ss.PossibleDuplicates(ctx, domain.Person{FirstName: "Ngozi"})
		wantErr(t, "PossibleDuplicates while locked", err, ErrLocked)
	})

	t.Run("given a locked session when unlocked then the index is built again", func(t *testing.T) {
		if err := ss.Unlock(ctx, []byte(workerPW)); err != nil {
			t.Fatal(err)
		}
		if l := ixSearch(t, ss, CaseQuery{}); l.Total != 2 || l.All != 2 {
			t.Errorf("after unlock: total %d, all %d, want 2, 2", l.Total, l.All)
		}
	})

	t.Run("given an index when the user logs out then it is dropped", func(t *testing.T) {
		if err := ss.Logout(ctx); err != nil {
			t.Fatal(err)
		}
		if ss.index != nil {
			t.Error("the session still references the index after Logout")
		}
		_, err := ss.SearchCases(ctx, CaseQuery{})
		wantErr(t, "SearchCases after Logout", err, ErrLoggedOut)
	})
}

// TestIndexPendingSaves covers a save that lands while the index is being
// built: it must not be lost, whichever comes first.
func TestIndexPendingSaves(t *testing.T) {
	ix := buildIndex(nil, t0)
	ix.ready = false
	c := ixPerson("Fatou", "Sarr")
	c.ID, c.Code = "id-1", "CA-2025-0001"
	ix.pending = append(ix.pending, newEntry(c, t0))
	c.Person.FirstName = "Awa"
	c.UpdatedAt = t0.Add(1)
	ix.pending = append(ix.pending, newEntry(c, t0))
	for _, e := range ix.pending {
		ix.upsert(e)
	}
	c.Person.FirstName = "Khady"
	c.UpdatedAt = t0 // an older save finishing late is ignored
	ix.upsert(newEntry(c, t0))
	v := viewer{all: true, today: "2025-03-10"}
	if got := ix.search(CaseQuery{Text: "awa sarr"}, v); got.Total != 1 || got.All != 1 {
		t.Errorf("search awa = %+v", got)
	}
	for _, old := range []string{"fatou", "khady"} {
		if got := ix.search(CaseQuery{Text: old}, v); got.Total != 0 {
			t.Errorf("search %s = %+v", old, got)
		}
	}
	if ix.words.has("fatou") || ix.words.has("khady") || !ix.words.has("awa") {
		t.Error("a token no case has is still indexed")
	}
}

// TestTokenTable checks the table against a plain map through adds,
// removals and merges.
func TestTokenTable(t *testing.T) {
	tt := newTokenTable(map[string][]int32{"ana": {0, 2}, "bia": {1}})
	want := map[string][]int32{"ana": {0, 2}, "bia": {1}}
	word := func(i int) string {
		return string(rune('a'+i%7)) + string(rune('a'+i%5)) + string(rune('a'+i%3)) + string(rune('0'+i%11))
	}
	for i := range 3 * mergeFresh {
		w, slot := word(i*31), int32(i%400)
		tt.add(w, slot)
		if !slices.Contains(want[w], slot) {
			want[w] = append(want[w], slot)
			slices.Sort(want[w])
		}
		if i%3 == 0 {
			v := word(i * 17)
			tt.remove(v, int32(i%400))
			if j := slices.Index(want[v], int32(i%400)); j >= 0 {
				want[v] = slices.Delete(want[v], j, j+1)
			}
		}
	}
	for _, prefix := range []string{"", "a", "ab", "bia", "ca", "dc", "zz"} {
		got := map[int32]bool{}
		tt.prefixed(prefix, func(p []int32) {
			for _, s := range p {
				got[s] = true
			}
		})
		exp := map[int32]bool{}
		for w, p := range want {
			if len(w) >= len(prefix) && w[:len(prefix)] == prefix {
				for _, s := range p {
					exp[s] = true
				}
			}
		}
		if len(got) != len(exp) {
			t.Errorf("prefix %q: %d slots, want %d", prefix, len(got), len(exp))
		}
	}
	n := 0
	tt.each(func(w string, p []int32) {
		n++
		if !slices.Equal(p, want[w]) {
			t.Errorf("%q: %v, want %v", w, p, want[w])
		}
	})
	live := 0
	for _, p := range want {
		if len(p) > 0 {
			live++
		}
	}
	if n != live {
		t.Errorf("each saw %d tokens, want %d", n, live)
	}
}

// TestIndexedCase checks that decoding only the fields the index reads
// gives the same entries as the whole case, over varied seeded cases.
func TestIndexedCase(t *testing.T) {
	g := newSeeder(3, t0, []string{"u1", "u2"})
	for i := range 400 {
		c := g.next().c
		c.ID, c.Code, c.CreatedBy = fmt.Sprintf("id-%d", i), fmt.Sprintf("CA-2025-%04d", i), "u1"
		c.CreatedAt, c.UpdatedAt = t0, t0.Add(time.Duration(i))
		if i%5 == 0 {
			c.Child.BIA = &domain.BestInterests{Priority: domain.BIANonUrgent}
		}
		body, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var ic indexedCase
		if err := json.Unmarshal(body, &ic); err != nil {
			t.Fatal(err)
		}
		if want, got := newEntry(c, t0), newEntry(ic.toCase(), t0); !reflect.DeepEqual(want, got) {
			t.Fatalf("case %d: entry from the indexed fields\n%+v\nwant\n%+v", i, got, want)
		}
	}
}

// TestIndexConcurrent searches while cases are saved and the session locks
// and unlocks (run with -race): no search may fail other than with
// ErrLocked, and once quiet the index holds every case.
func TestIndexConcurrent(t *testing.T) {
	ctx := context.Background()
	f, _ := staffOffice(t)
	ss := f.login("kofi", workerPW)
	for i := range 20 {
		ixCreate(t, ss, ixPerson(fmt.Sprintf("Awa%d", i), "Diop"))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for r := range 3 {
		wg.Go(func() {
			for range 40 {
				var err error
				switch r {
				case 0:
					_, err = ss.SearchCases(ctx, CaseQuery{Text: "aw di"})
				case 1:
					_, err = ss.Dashboard(ctx)
				default:
					_, err = ss.PossibleDuplicates(ctx, domain.Person{FirstName: "Awa3", LastName: "Diop", AgeEstimate: 20})
				}
				if err != nil && !errors.Is(err, ErrLocked) {
					errs <- err
				}
			}
		})
	}
	wg.Go(func() {
		for i := 0; i < 30; {
			_, err := ss.CreateCase(ctx, ixPerson(fmt.Sprintf("Fatou%d", i), "Sarr"))
			switch {
			case err == nil:
				i++
			case !errors.Is(err, ErrLocked):
				errs <- err
				return
			}
		}
	})
	for range 2 {
		if err := ss.Lock(ctx); err != nil {
			t.Fatal(err)
		}
		if err := ss.Unlock(ctx, []byte(workerPW)); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if l := ixSearch(t, ss, CaseQuery{}); l.Total != 50 || l.All != 50 {
		t.Errorf("after the storm: total %d, all %d, want 50", l.Total, l.All)
	}
	if l := ixSearch(t, ss, CaseQuery{Text: "fatou"}); l.Total != 30 {
		t.Errorf("fatou: %d, want 30", l.Total)
	}
}
