package casework

import (
	"context"
	"slices"
	"testing"

	"github.com/amparo-app/amparo/internal/domain"
)

func TestPossibleDuplicates(t *testing.T) {
	ctx := context.Background()
	f, _ := staffOffice(t)
	ss := f.login("kofi", workerPW)
	for _, c := range []domain.Case{
		{Person: domain.Person{FirstName: "José", LastName: "Tavares", AgeEstimate: 15, AgeEstimateBy: domain.AgeAppearance, AgeUncertain: true}},
		{Person: domain.Person{FirstName: "Fatou", LastName: "Diop", BirthDate: "2010-05-01"}},
		{Person: domain.Person{FirstName: "Ngozi", LastName: "Okafor", AgeEstimate: 30, ContactConsent: true, Phone: "+234 803 555 1234"}},
		{Person: domain.Person{FirstName: "Adébáyọ̀", MiddleName: "Kọ́lá", LastName: "Ọládípọ̀", BirthDate: "1998-11-20"}},
		{Person: domain.Person{Aliases: []string{"Tchutchu"}, AgeEstimate: 9}},
	} {
		ixCreate(t, ss, c)
	}
	other := f.login("tina", targetPW) // a case kofi may not see
	ixCreate(t, other, domain.Case{Person: domain.Person{FirstName: "Jose", LastName: "Tavares", AgeEstimate: 15}})

	for _, tc := range []struct {
		name string
		p    domain.Person
		want []string // "Name: reasons" best first
	}{
		{"same name without accents, close age", domain.Person{FirstName: "Jose", LastName: "Tavares", AgeEstimate: 16},
			[]string{"José Tavares: name age"}},
		{"names in the other order", domain.Person{FirstName: "Tavares", LastName: "José", AgeEstimate: 14},
			[]string{"José Tavares: name age"}},
		{"a letter off", domain.Person{FirstName: "Jozé", LastName: "Tavarez", AgeEstimate: 15},
			[]string{"José Tavares: name age"}},
		{"similar name, distant age", domain.Person{FirstName: "José", LastName: "Tavares", AgeEstimate: 30}, nil},
		{"similar name, no age", domain.Person{FirstName: "José", LastName: "Tavares"}, nil},
		{"same birth date", domain.Person{FirstName: "FATOU", LastName: "DIOP", BirthDate: "2010-05-01"},
			[]string{"Fatou Diop: name birth-date"}},
		{"close birth date", domain.Person{FirstName: "Fatu", LastName: "Diop", BirthDate: "2011-09-01"},
			[]string{"Fatou Diop: name age"}},
		{"birth date against an estimate", domain.Person{FirstName: "Jose", LastName: "Tavares", BirthDate: "2010-01-15"},
			[]string{"José Tavares: name age"}},
		{"only the first name", domain.Person{FirstName: "Fatou", BirthDate: "2010-05-01"}, []string{"Fatou Diop: name birth-date"}},
		{"same phone with the trunk zero", domain.Person{FirstName: "Amaka", Phone: "0803 555 1234"},
			[]string{"Ngozi Okafor: phone"}},
		{"too few digits to compare", domain.Person{FirstName: "Amaka", Phone: "551234"}, nil},
		{"same phone with the country code", domain.Person{FirstName: "Amaka", Phone: "+2348035551234"},
			[]string{"Ngozi Okafor: phone"}},
		{"everything", domain.Person{FirstName: "Ngozi", LastName: "Okafor", AgeEstimate: 31, Phone: "803 555 1234"},
			[]string{"Ngozi Okafor: name age phone"}},
		{"tone marks and a missing middle name", domain.Person{FirstName: "Adebayo", LastName: "Oladipo", AgeEstimate: 26},
			[]string{"Adébáyọ̀ Ọládípọ̀: name age"}},
		{"an alias", domain.Person{FirstName: "Tchutchu", AgeEstimate: 10}, []string{"Tchutchu: name age"}},
		{"short names must be exact", domain.Person{FirstName: "Jo", LastName: "Tava", AgeEstimate: 15}, nil},
		{"nobody", domain.Person{FirstName: "Kofi", LastName: "Mensah", AgeEstimate: 15}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := ss.PossibleDuplicates(ctx, tc.p)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.Case.Name+": "+joinWords(m.Reasons))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("matches = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("best first, at most ten", func(t *testing.T) {
		for i := range 12 {
			ixCreate(t, ss, domain.Case{Person: domain.Person{FirstName: "Maria", LastName: "Semedo", AgeEstimate: 40 + i%3}})
		}
		ixCreate(t, ss, domain.Case{Person: domain.Person{FirstName: "Maria", LastName: "Semedo", BirthDate: "1985-02-02",
			ContactConsent: true, Phone: "+238 555 12 34"}})
		ms, err := ss.PossibleDuplicates(ctx, domain.Person{FirstName: "Maria", LastName: "Semedo", BirthDate: "1985-02-02", Phone: "5551234"})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != maxDuplicates {
			t.Fatalf("%d matches, want %d", len(ms), maxDuplicates)
		}
		if got := joinWords(ms[0].Reasons); got != "name birth-date phone" {
			t.Errorf("best match: %s", got)
		}
		for i := 1; i < len(ms); i++ {
			if ms[i].Score > ms[i-1].Score {
				t.Errorf("match %d scores %v after %v", i, ms[i].Score, ms[i-1].Score)
			}
		}
	})
}

func joinWords(ws []string) string {
	s := ""
	for i, w := range ws {
		if i > 0 {
			s += " "
		}
		s += w
	}
	return s
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"jose", "jose", 2, 0},
		{"jose", "joze", 2, 1},
		{"aminata", "aminta", 2, 1},
		{"fatou", "fatuo", 2, 1}, // two letters swapped
		{"mamadou", "mamadu", 2, 1},
		{"okafor", "okonkwo", 2, 3},
		{"ab", "abcdef", 2, 3},
		{"", "abc", 5, 3},
	} {
		if got := editDistance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
