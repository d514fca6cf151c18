package casework

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

// seeded seeds n cases with seed into a new office as sam, and returns
// them by code, with the office's users by id.
func seeded(t *testing.T, n int, seed int64) ([]domain.Case, map[string]string, *fixture) {
	t.Helper()
	ctx := context.Background()
	f, users := staffOffice(t)
	ss := f.login("sam", superPW)
	got, err := ss.Seed(ctx, n, seed)
	if err != nil || got != n {
		t.Fatalf("Seed = %d, %v; want %d", got, err, n)
	}
	cases, err := ss.loadCases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(cases, func(a, b domain.Case) int { return compareCodes(a.Code, b.Code) })
	byID := map[string]string{}
	for name, u := range users {
		byID[u.ID] = name
	}
	return cases, byID, f
}

// seedFingerprint blanks what differs between two offices seeded alike: ids,
// stamps, and user ids (replaced by usernames).
func seedFingerprint(t *testing.T, cases []domain.Case, users map[string]string) string {
	t.Helper()
	out := make([]domain.Case, len(cases))
	for i, c := range cases {
		c.ID, c.CreatedAt, c.UpdatedAt = "", time.Time{}, time.Time{}
		c.CreatedBy, c.AssignedTo = users[c.CreatedBy], users[c.AssignedTo]
		out[i] = c
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSeedDeterministic(t *testing.T) {
	a, ua, _ := seeded(t, 150, 7)
	b, ub, _ := seeded(t, 150, 7)
	c, uc, _ := seeded(t, 150, 8)
	if seedFingerprint(t, a, ua) != seedFingerprint(t, b, ub) {
		t.Error("the same seed gave different cases")
	}
	if seedFingerprint(t, a, ua) == seedFingerprint(t, c, uc) {
		t.Error("another seed gave the same cases")
	}
	if a[0].Person.FirstName+a[0].Person.LastName == c[0].Person.FirstName+c[0].Person.LastName &&
		a[1].Person.FirstName+a[1].Person.LastName == c[1].Person.FirstName+c[1].Person.LastName {
		t.Error("another seed starts with the same people")
	}
}

func TestSeedVariety(t *testing.T) {
	const n = 600
	cases, users, f := seeded(t, n, 42)
	today := f.clock.Now()
	count := map[string]map[string]int{}
	add := func(what, v string) {
		if count[what] == nil {
			count[what] = map[string]int{}
		}
		count[what][v]++
	}
	nonASCII := 0
	for _, c := range cases {
		if !strings.HasPrefix(c.Trafficking.Narrative, FictionalMark+" ") {
			t.Fatalf("case %s narrative %q is not marked fictional", c.Code, c.Trafficking.Narrative)
		}
		if ps := ValidateCase(c, today); len(ps) > 0 {
			t.Errorf("case %s: %v", c.Code, ps)
		}
		name := displayName(c.Person)
		add("name", name)
		add("last", c.Person.LastName)
		if fold(name) != strings.ToLower(name) {
			nonASCII++
		}
		child, presumed := ChildStatus(c.Person, today)
		add("child", map[bool]string{true: "child", false: "adult"}[child])
		if presumed {
			add("child", "presumed")
		}
		add("gender", string(c.Person.Gender))
		add("status", string(c.Status))
		add("stage", string(c.Stage))
		add("priority", string(c.Priority))
		add("assigned", users[c.AssignedTo])
		for _, x := range c.Person.Citizenship {
			add("citizenship", x)
		}
		for _, x := range c.Trafficking.Control {
			add("control", x)
		}
		for _, x := range c.Trafficking.Exploitation {
			add("exploitation", x)
		}
		add("trafficking", string(c.Trafficking.Status))
		for _, e := range c.Events {
			add("place", e.Place)
		}
		if c.Person.BirthDate != "" {
			add("age", "birth-date")
		} else {
			add("age", "estimate")
		}
		if child {
			add("guardian", map[bool]string{true: "without", false: "with"}[strings.TrimSpace(c.Child.Guardian.Name) == ""])
			add("bia", map[bool]string{true: "without", false: "with"}[c.Child.BIA == nil])
		}
		for _, fu := range c.FollowUps {
			switch {
			case fu.Done != "":
				add("follow-up", "done")
			case fu.Due < today.Format(dayLayout):
				add("follow-up", "overdue")
			default:
				add("follow-up", "pending")
			}
		}
	}
	for _, tc := range []struct {
		what string
		min  int
	}{
		{"name", n * 3 / 4}, {"last", 60}, {"child", 3}, {"gender", 3}, {"status", 4}, {"stage", 6}, {"priority", 3},
		{"assigned", 3}, {"citizenship", 8}, {"control", 10}, {"exploitation", 6}, {"trafficking", 4}, {"place", 30},
		{"age", 2}, {"guardian", 2}, {"bia", 2}, {"follow-up", 3},
	} {
		if got := len(count[tc.what]); got < tc.min {
			t.Errorf("%d distinct %s, want at least %d: %v", got, tc.what, tc.min, count[tc.what])
		}
	}
	if nonASCII < n/5 {
		t.Errorf("%d of %d names have accents or tone marks, want at least %d", nonASCII, n, n/5)
	}
	for _, reg := range []*seedRegion{caboVerde, senegal, yoruba, igbo, hausa} {
		if !slices.ContainsFunc(reg.last, func(l string) bool { return count["last"][l] > 0 }) {
			t.Errorf("no one from the %s pool with first names like %s", reg.country, reg.female[0])
		}
	}
	creates, closes := 0, 0
	for _, e := range f.audit() {
		switch e.Action {
		case domain.AuditCaseCreate:
			creates++
		case domain.AuditCaseClose:
			closes++
		}
	}
	if creates != n || closes != count["status"]["closed"]+count["status"]["closed-referred"] {
		t.Errorf("audit: %d creates, %d closes; want %d and %d", creates, closes, n, count["status"]["closed"]+count["status"]["closed-referred"])
	}
	if err := f.svc.VerifyAudit(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestSeedRefusals(t *testing.T) {
	ctx := context.Background()
	f, _ := staffOffice(t)
	for _, tc := range []struct {
		who, pw string
		want    error
	}{
		{"ama", adminPW, ErrForbidden},
		{"kofi", workerPW, nil},
		{"sam", superPW, ErrNotEmpty},
	} {
		t.Run(tc.who, func(t *testing.T) {
			_, err := f.login(tc.who, tc.pw).Seed(ctx, 5, 1)
			wantErr(t, "Seed", err, tc.want)
		})
	}
	t.Run("given seeded cases when searched then they are found", func(t *testing.T) {
		ss := f.login("kofi", workerPW)
		if l := ixSearch(t, ss, CaseQuery{}); l.All != 5 || l.Total != 5 {
			t.Errorf("after seeding 5: %+v", l)
		}
	})
}
