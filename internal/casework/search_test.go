package casework

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// searchOffice is an office where kofi, tina and sam registered cases a
// minute apart:
//
//	Awa Diop       kofi  adult, identification, high
//	Binta Sow      kofi  child (born 2015), identification, no guardian
//	Carlos Lopes   kofi  adult, assistance, low, follow-up due 2025-03-01 (overdue)
//	Dara Ba        kofi  child, assistance, follow-up status, follow-up due 2025-03-15
//	Eze Obi        kofi  assigned to tina
//	Fatima Bello   tina
//	Gil Semedo     sam   assigned to kofi
//	Hawa Kane      kofi  closed last
func searchOffice(t *testing.T) (*fixture, map[string]*Session, map[string]domain.User) {
	t.Helper()
	ctx := context.Background()
	f, users := staffOffice(t)
	ss := map[string]*Session{"kofi": f.login("kofi", workerPW), "tina": f.login("tina", targetPW), "sam": f.login("sam", superPW)}
	possible := domain.Trafficking{Status: domain.TraffickingPossible}
	for _, r := range []struct {
		by string
		c  domain.Case
	}{
		{"kofi", domain.Case{Priority: domain.PriorityHigh, Person: domain.Person{FirstName: "Awa", LastName: "Diop"}}},
		{"kofi", domain.Case{Person: domain.Person{FirstName: "Binta", LastName: "Sow", BirthDate: "2015-01-01"}}},
		{"kofi", domain.Case{Priority: domain.PriorityLow, Stage: domain.StageAssistance, Trafficking: possible,
			Person: domain.Person{FirstName: "Carlos", LastName: "Lopes"}, FollowUps: []domain.FollowUp{{Due: "2025-03-01"}}}},
		{"kofi", domain.Case{Stage: domain.StageAssistance, Status: domain.StatusFollowUp, Trafficking: possible,
			Person:    domain.Person{FirstName: "Dara", LastName: "Ba", AgeEstimate: 12, AgeEstimateBy: domain.AgeAppearance},
			Child:     domain.ChildProtection{Guardian: domain.Guardian{Name: "Social worker on duty", Relation: "social-worker"}},
			FollowUps: []domain.FollowUp{{Due: "2025-03-15"}, {Due: "2025-02-01", Done: "2025-02-01"}}}},
		{"kofi", domain.Case{AssignedTo: users["tina"].ID, Person: domain.Person{FirstName: "Eze", LastName: "Obi"}}},
		{"tina", domain.Case{Person: domain.Person{FirstName: "Fatima", LastName: "Bello"}}},
		{"sam", domain.Case{AssignedTo: users["kofi"].ID, Person: domain.Person{FirstName: "Gil", LastName: "Semedo"}}},
		{"kofi", domain.Case{Person: domain.Person{FirstName: "Hawa", LastName: "Kane"}}},
	} {
		f.clock.Advance(time.Minute)
		ixCreate(t, ss[r.by], r.c)
	}
	f.clock.Advance(time.Minute)
	l := ixSearch(t, ss["kofi"], CaseQuery{Text: "hawa"})
	if _, err := ss["kofi"].CloseCase(ctx, l.Items[0].ID, domain.Closure{Reason: domain.ClosedGoalsMet}); err != nil {
		t.Fatal(err)
	}
	return f, ss, users
}

func TestSearchFiltersAndSort(t *testing.T) {
	_, ss, _ := searchOffice(t)
	yes, no := true, false
	for _, tc := range []struct {
		name string
		q    CaseQuery
		want []string
	}{
		{"newest first by default", CaseQuery{}, []string{"Hawa Kane", "Gil Semedo", "Eze Obi", "Dara Ba", "Carlos Lopes", "Binta Sow", "Awa Diop"}},
		{"stage", CaseQuery{Stage: domain.StageAssistance}, []string{"Dara Ba", "Carlos Lopes"}},
		{"status", CaseQuery{Status: domain.StatusFollowUp}, []string{"Dara Ba"}},
		{"closed", CaseQuery{Status: domain.StatusClosed}, []string{"Hawa Kane"}},
		{"children", CaseQuery{Child: &yes}, []string{"Dara Ba", "Binta Sow"}},
		{"adults", CaseQuery{Child: &no}, []string{"Hawa Kane", "Gil Semedo", "Eze Obi", "Carlos Lopes", "Awa Diop"}},
		{"priority", CaseQuery{Priority: domain.PriorityHigh}, []string{"Awa Diop"}},
		{"assigned to me", CaseQuery{AssignedToMe: true}, []string{"Hawa Kane", "Gil Semedo", "Dara Ba", "Carlos Lopes", "Binta Sow", "Awa Diop"}},
		{"overdue", CaseQuery{Overdue: true}, []string{"Carlos Lopes"}},
		{"text and filter", CaseQuery{Text: "a", Child: &no}, []string{"Awa Diop"}},
		{"by name", CaseQuery{Sort: SortName}, []string{"Awa Diop", "Binta Sow", "Carlos Lopes", "Dara Ba", "Eze Obi", "Gil Semedo", "Hawa Kane"}},
		{"by code", CaseQuery{Sort: SortCode}, []string{"Awa Diop", "Binta Sow", "Carlos Lopes", "Dara Ba", "Eze Obi", "Gil Semedo", "Hawa Kane"}},
		{"by priority", CaseQuery{Sort: SortPriority}, []string{"Awa Diop", "Hawa Kane", "Gil Semedo", "Eze Obi", "Dara Ba", "Binta Sow", "Carlos Lopes"}},
		{"a page", CaseQuery{Offset: 2, Limit: 2}, []string{"Eze Obi", "Dara Ba"}},
		{"past the end", CaseQuery{Offset: 7}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := ixSearch(t, ss["kofi"], tc.q)
			if got := ixNames(l); !slices.Equal(got, tc.want) {
				t.Errorf("names = %q, want %q", got, tc.want)
			}
			if l.All != 7 {
				t.Errorf("All = %d, want 7", l.All)
			}
			if tc.q.Offset == 0 && tc.q.Limit == 0 && l.Total != len(tc.want) {
				t.Errorf("Total = %d, want %d", l.Total, len(tc.want))
			}
		})
	}
	t.Run("the summary carries the next follow-up and whether it is overdue", func(t *testing.T) {
		for _, tc := range []struct {
			text, next string
			overdue    bool
		}{{"carlos", "2025-03-01", true}, {"dara", "2025-03-15", false}, {"awa", "", false}} {
			s := ixSearch(t, ss["kofi"], CaseQuery{Text: tc.text}).Items[0]
			if s.NextFollowUp != tc.next || s.Overdue != tc.overdue {
				t.Errorf("%s: next %q overdue %v, want %q %v", tc.text, s.NextFollowUp, s.Overdue, tc.next, tc.overdue)
			}
		}
	})
	t.Run("a page beyond the end still counts", func(t *testing.T) {
		if l := ixSearch(t, ss["kofi"], CaseQuery{Offset: 50}); l.Total != 7 || len(l.Items) != 0 {
			t.Errorf("page = %+v", l)
		}
	})
}

func TestSearchVisibility(t *testing.T) {
	f, ss, _ := searchOffice(t)
	for _, tc := range []struct {
		who  string
		want []string
	}{
		{"kofi", []string{"Awa Diop", "Binta Sow", "Carlos Lopes", "Dara Ba", "Eze Obi", "Gil Semedo", "Hawa Kane"}},
		{"tina", []string{"Eze Obi", "Fatima Bello"}},
		{"sam", []string{"Awa Diop", "Binta Sow", "Carlos Lopes", "Dara Ba", "Eze Obi", "Fatima Bello", "Gil Semedo", "Hawa Kane"}},
	} {
		t.Run(tc.who, func(t *testing.T) {
			l := ixSearch(t, ss[tc.who], CaseQuery{Sort: SortName})
			if got := ixNames(l); !slices.Equal(got, tc.want) || l.All != len(tc.want) || l.Total != len(tc.want) {
				t.Errorf("sees %q (total %d, all %d), want %q", got, l.Total, l.All, tc.want)
			}
			if l := ixSearch(t, ss[tc.who], CaseQuery{Text: "fatima"}); l.Total != btoi(slices.Contains(tc.want, "Fatima Bello")) {
				t.Errorf("search fatima = %q", ixNames(l))
			}
		})
	}
	t.Run("admin", func(t *testing.T) {
		admin := f.login("ama", adminPW)
		_, err := admin.SearchCases(context.Background(), CaseQuery{})
		wantErr(t, "SearchCases as admin", err, ErrForbidden)
		_, err = admin.Dashboard(context.Background())
		wantErr(t, "Dashboard as admin", err, ErrForbidden)
		_, err = admin.PossibleDuplicates(context.Background(), domain.Person{FirstName: "Awa"})
		wantErr(t, "PossibleDuplicates as admin", err, ErrForbidden)
	})
	t.Run("given a case reassigned when searched then visibility and counts follow", func(t *testing.T) {
		ctx := context.Background()
		l := ixSearch(t, ss["sam"], CaseQuery{Text: "fatima"})
		c, err := ss["sam"].Case(ctx, l.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		c.AssignedTo = ss["kofi"].User().ID
		if _, err := ss["sam"].UpdateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		if l := ixSearch(t, ss["kofi"], CaseQuery{Text: "fatima"}); l.Total != 1 || l.All != 8 {
			t.Errorf("kofi after the reassignment: %+v", l)
		}
		if l := ixSearch(t, ss["tina"], CaseQuery{}); l.All != 2 { // she created it
			t.Errorf("tina after the reassignment: all %d, want 2", l.All)
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCompareCodes(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"CA-2025-0001", "CA-2025-0002", -1},
		{"CA-2025-9999", "CA-2025-10000", -1},
		{"CA-2024-0500", "CA-2025-0001", -1},
		{"CA-2025-0041", "CA-2025-41", 0},
		{"AB-2025-0001", "CA-2025-0001", -1},
		{"CA-2025-0001", "CA-2025-0001", 0},
	} {
		if got := compareCodes(tc.a, tc.b); got != tc.want {
			t.Errorf("compareCodes(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := compareCodes(tc.b, tc.a); got != -tc.want {
			t.Errorf("compareCodes(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

// TestTopK checks the partial sort against a full one.
func TestTopK(t *testing.T) {
	cmp := func(a, b int32) int { return int(a%97) - int(b%97) + btoi(a%97 == b%97)*int(a-b) }
	for _, k := range []int{0, 1, 5, 50, 999, 1000} {
		s := make([]int32, 1000)
		for i := range s {
			s[i] = int32((i * 7919) % 1000)
		}
		want := slices.Clone(s)
		slices.SortFunc(want, cmp)
		topK(s, k, cmp)
		if !slices.Equal(s[:k], want[:k]) {
			t.Errorf("topK(%d) = %v, want %v", k, s[:min(k, 10)], want[:min(k, 10)])
		}
	}
}
