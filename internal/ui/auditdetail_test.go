package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestAuditDetailInPlainWords(t *testing.T) {
	test.NewTempApp(t)
	setOSLocale(t, "", "", "en_US.UTF-8")
	cases := []struct {
		lang, detail, want string
	}{
		{"en", "via=login reason=wrong-password", "at login; wrong password"},
		{"en", "failures=5 wait=30s", "5 failed attempts; refused for 30 s"},
		{"en", "reason=idle", "locked after inactivity"},
		{"fr", "via=unlock reason=wrong-password", "au déverrouillage; mot de passe erroné"},
		{"pt", "reason=manual", "bloqueado à mão"},
		{"en", "something new=1", "something; new=1"},
		{"en", "case=1 guide=child-first-interview", "guide: child-first-interview"},
		{"en", "outcome=ended-early reason=needs-rest", "ended early; why it ended: the person needed rest"},
		{"pt", "set=child-labour flag=yes fields=screenings", "lista de indicadores child-labour; sinal de triagem levantado; alterado: screenings"},
		{"fr", "part=interviews", "entretiens"},
		{"en", "", ""},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+c.detail, func(t *testing.T) {
			if err := UseLanguage(c.lang); err != nil {
				t.Fatal(err)
			}
			if got := auditDetail(c.detail, nil); got != c.want {
				t.Fatalf("auditDetail(%q) = %q, want %q", c.detail, got, c.want)
			}
		})
	}
	if err := UseLanguage("en"); err != nil {
		t.Fatal(err)
	}
	title := func(id string) string { return "First interview with a child" }
	if got := auditDetail("case=1 guide=child-first-interview", title); got != "guide: First interview with a child" {
		t.Errorf("guide by its title: %q", got)
	}
	if got := auditDetail("role=supervisor country=CV", nil); got != "role: "+roleName("supervisor")+"; country: "+countryName("CV", "en") {
		t.Fatalf("role and country: %q", got)
	}
}
