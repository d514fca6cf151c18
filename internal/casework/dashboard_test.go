package casework

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestDashboard(t *testing.T) {
	ctx := context.Background()
	f, users := staffOffice(t)
	kofi, tina, sam := f.login("kofi", workerPW), f.login("tina", targetPW), f.login("sam", superPW)
	possible := domain.Trafficking{Status: domain.TraffickingPossible}
	guardian := domain.ChildProtection{Guardian: domain.Guardian{Name: "Maria das Dores", Relation: "relative"}}
	bia := &domain.BestInterests{Priority: domain.BIAWithin1Week, AssessedOn: "2025-03-01"}
	fu := func(due, done string) domain.FollowUp { return domain.FollowUp{Due: due, Done: done} }
	for _, r := range []struct {
		by *Session
		c  domain.Case
	}{
		{kofi, domain.Case{Person: domain.Person{FirstName: "Awa", LastName: "Diop"}, FollowUps: []domain.FollowUp{
			fu("2025-03-01", ""), fu("2025-03-10", ""), fu("2025-03-17", ""), fu("2025-03-18", ""), fu("2025-03-05", "2025-03-05")}}},
		{kofi, domain.Case{Person: domain.Person{FirstName: "Binta", LastName: "Sow", BirthDate: "2015-01-01"}}},
		{kofi, domain.Case{Stage: domain.StageAssistance, Trafficking: possible, Child: guardian,
			Person: domain.Person{FirstName: "Dara", LastName: "Ba", AgeEstimate: 12}}},
		{kofi, domain.Case{Stage: domain.StageAssistance, Trafficking: possible, Child: domain.ChildProtection{Guardian: guardian.Guardian, BIA: bia},
			Person: domain.Person{FirstName: "Eze", LastName: "Obi", BirthDate: "2012-06-01"}}},
		{kofi, domain.Case{AssignedTo: users["tina"].ID, Person: domain.Person{FirstName: "Femi", LastName: "Ade"},
			FollowUps: []domain.FollowUp{fu("2025-03-02", "")}}},
		{kofi, domain.Case{Person: domain.Person{FirstName: "Hawa", LastName: "Kane"}, FollowUps: []domain.FollowUp{fu("2025-03-03", "")}}},
		{tina, domain.Case{Person: domain.Person{FirstName: "Gil", LastName: "Semedo"}, FollowUps: []domain.FollowUp{fu("2025-02-20", "")}}},
	} {
		f.clock.Advance(time.Minute)
		ixCreate(t, r.by, r.c)
	}
	f.clock.Advance(time.Minute)
	hawa := ixSearch(t, kofi, CaseQuery{Text: "hawa"}).Items[0]
	if _, err := kofi.CloseCase(ctx, hawa.ID, domain.Closure{Reason: domain.ClosedDeclined}); err != nil {
		t.Fatal(err)
	}

	dashboard := func(ss *Session) Dashboard {
		t.Helper()
		d, err := ss.Dashboard(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	items := func(fs []FollowUpItem) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Case.Name+" "+f.FollowUp.Due)
		}
		return out
	}
	sums := func(ss []CaseSummary) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	check := func(t *testing.T, what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}

	t.Run("given kofi's cases on 10 March", func(t *testing.T) {
		d := dashboard(kofi)
		check(t, "MyOpen", sums(d.MyOpen), []string{"Eze Obi", "Dara Ba", "Binta Sow", "Awa Diop"})
		check(t, "FollowUpsOverdue", items(d.FollowUpsOverdue), []string{"Awa Diop 2025-03-01", "Femi Ade 2025-03-02"})
		check(t, "FollowUpsDue", items(d.FollowUpsDue), []string{"Awa Diop 2025-03-10", "Awa Diop 2025-03-17"})
		check(t, "ChildrenWithoutGuardian", sums(d.ChildrenWithoutGuardian), []string{"Binta Sow"})
		check(t, "ChildrenWithoutBIA", sums(d.ChildrenWithoutBIA), []string{"Dara Ba", "Binta Sow"})
		check(t, "RecentlyChanged", sums(d.RecentlyChanged), []string{"Hawa Kane", "Femi Ade", "Eze Obi", "Dara Ba", "Binta Sow", "Awa Diop"})
		if len(d.FollowUpsOverdue) > 0 && !d.FollowUpsOverdue[0].Case.Overdue {
			t.Error("an overdue item's case is not marked overdue")
		}
	})

	t.Run("given two days later then today's follow-up is overdue and the next week moves", func(t *testing.T) {
		f.clock.Set(time.Date(2025, 3, 12, 8, 0, 0, 0, time.UTC))
		d := dashboard(kofi)
		check(t, "FollowUpsOverdue", items(d.FollowUpsOverdue), []string{"Awa Diop 2025-03-01", "Femi Ade 2025-03-02", "Awa Diop 2025-03-10"})
		check(t, "FollowUpsDue", items(d.FollowUpsDue), []string{"Awa Diop 2025-03-17", "Awa Diop 2025-03-18"})
	})

	t.Run("given a follow-up marked done then it leaves the dashboard", func(t *testing.T) {
		awa := ixSearch(t, kofi, CaseQuery{Text: "awa"}).Items[0]
		c, err := kofi.Case(ctx, awa.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.FollowUps[0].Done = "2025-03-11"
		if _, err := kofi.UpdateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		d := dashboard(kofi)
		check(t, "FollowUpsOverdue", items(d.FollowUpsOverdue), []string{"Femi Ade 2025-03-02", "Awa Diop 2025-03-10"})
	})

	t.Run("given a supervisor then the whole office is on the dashboard", func(t *testing.T) {
		d := dashboard(sam)
		check(t, "MyOpen", sums(d.MyOpen), nil)
		check(t, "FollowUpsOverdue", items(d.FollowUpsOverdue), []string{"Gil Semedo 2025-02-20", "Femi Ade 2025-03-02", "Awa Diop 2025-03-10"})
		for i := range 6 {
			f.clock.Advance(time.Minute)
			ixCreate(t, sam, domain.Case{Person: domain.Person{FirstName: fmt.Sprintf("Person%d", i), LastName: "Test"}})
		}
		d = dashboard(sam)
		check(t, "RecentlyChanged", sums(d.RecentlyChanged), []string{"Person5 Test", "Person4 Test", "Person3 Test",
			"Person2 Test", "Person1 Test", "Person0 Test", "Awa Diop", "Hawa Kane", "Gil Semedo", "Femi Ade"})
		check(t, "MyOpen", sums(d.MyOpen), []string{"Person5 Test", "Person4 Test", "Person3 Test", "Person2 Test", "Person1 Test", "Person0 Test"})
	})
}
