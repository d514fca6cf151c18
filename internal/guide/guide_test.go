package guide

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
)

func shipped(t *testing.T, id string) string {
	t.Helper()
	b, err := fs.ReadFile(assets.Guides, "guides/"+id+".json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestShippedGuides: the three guides load without problems and have what
// the practice asks for.
func TestShippedGuides(t *testing.T) {
	cat := Load("")
	if len(cat.Problems) > 0 {
		t.Fatalf("problems: %v", cat.Problems)
	}
	adult, child, safety := cat.Get("adult-first-interview"), cat.Get("child-first-interview"), cat.Get("safety-check")
	if adult == nil || child == nil || safety == nil {
		t.Fatalf("guides: %v", cat.Guides)
	}
	if adult.Audience != AudienceAdult || child.Audience != AudienceChild || safety.Kind != KindSafety {
		t.Error("audiences or kinds are wrong")
	}
	for _, g := range []*Guide{adult, child} {
		var ids []string
		for _, p := range g.Phases {
			ids = append(ids, p.ID)
			if len(p.Prompts) > 0 && p.ID != domain.PhasePrepare && p.ID != domain.PhaseEvaluation && !p.Prompts[0].Open {
				t.Errorf("%s %s: the first prompt is not open", g.ID, p.ID)
			}
		}
		if !slices.Equal(ids, domain.Phases) {
			t.Errorf("%s phases %v", g.ID, ids)
		}
		if !slices.Contains(g.Fields(), "trafficking.narrative") {
			t.Errorf("%s does not record the account", g.ID)
		}
	}
	// A child interview is shorter and has more breaks than an adult one.
	minutes := func(g *Guide) (m, breaks int) {
		for _, p := range g.Phases {
			m += p.Minutes
			if p.BreakSuggested {
				breaks++
			}
		}
		return
	}
	am, ab := minutes(adult)
	cm, cb := minutes(child)
	if cm >= am || cb <= ab {
		t.Errorf("child guide %d min / %d breaks, adult %d min / %d breaks", cm, cb, am, ab)
	}
	for _, id := range []string{domain.PrepGuardianConsent, domain.PrepGuardianPresent, domain.PrepAlreadyInterviewed} {
		if !child.Check(id).Required {
			t.Errorf("child guide lacks the required check %s", id)
		}
	}
	for _, f := range safety.Fields() {
		if !strings.HasPrefix(f, "safety.") {
			t.Errorf("safety check fills %s", f)
		}
	}
}

// TestSuggested: a child's guides come first for a child, the adult's for
// an adult; guides for anyone in between.
func TestSuggested(t *testing.T) {
	cat := Load("")
	ids := func(gs []*Guide) (out []string) {
		for _, g := range gs {
			out = append(out, g.ID)
		}
		return
	}
	if got := ids(cat.Suggested(true)); !slices.Equal(got, []string{"child-first-interview", "safety-check", "adult-first-interview"}) {
		t.Errorf("child: %v", got)
	}
	if got := ids(cat.Suggested(false)); !slices.Equal(got, []string{"adult-first-interview", "safety-check", "child-first-interview"}) {
		t.Errorf("adult: %v", got)
	}
}

// TestMissingPreparation: consent checks are left to the case's records.
func TestMissingPreparation(t *testing.T) {
	g := Load("").Get("child-first-interview")
	missing := g.MissingPreparation([]string{domain.PrepPrivateSpace, domain.PrepInterpreter})
	if slices.Contains(missing, domain.PrepPrivateSpace) || slices.Contains(missing, domain.PrepConsent) ||
		slices.Contains(missing, domain.PrepGuardianConsent) || !slices.Contains(missing, domain.PrepRightToStop) {
		t.Errorf("missing %v", missing)
	}
	var all []string
	for _, c := range g.Preparation {
		all = append(all, c.ID)
	}
	if m := g.MissingPreparation(all); len(m) != 0 {
		t.Errorf("all done, still missing %v", m)
	}
}

// TestBrokenOfficeGuide: a broken office file is reported with its path and
// the line of the fault; the other guides still load; a good office file
// replaces the shipped one.
func TestBrokenOfficeGuide(t *testing.T) {
	dir := t.TempDir()
	src := shipped(t, "adult-first-interview")
	broken := strings.Replace(src, `"field": "trafficking.narrative"`, `"field": "trafficking.story"`, 1)
	line := 1 + strings.Count(broken[:strings.Index(broken, "trafficking.story")], "\n")
	if err := os.WriteFile(filepath.Join(dir, "adult-first-interview.json"), []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(shipped(t, "safety-check"), `"version": 1`, `"version": 3`, 1)
	if err := os.WriteFile(filepath.Join(dir, "safety-check.json"), []byte(own), 0o600); err != nil {
		t.Fatal(err)
	}
	cat := Load(dir)
	if len(cat.Problems) != 1 {
		t.Fatalf("problems %v", cat.Problems)
	}
	p := cat.Problems[0]
	if p.Path != filepath.Join(dir, "adult-first-interview.json") || p.Line != line || p.Rule != content.RuleUnknown {
		t.Errorf("problem %+v, want line %d", p, line)
	}
	if !strings.Contains(p.Error(), "adult-first-interview.json:") {
		t.Errorf("Error() = %q", p.Error())
	}
	if cat.Get("adult-first-interview") != nil || cat.Get("child-first-interview") == nil {
		t.Error("wrong guides loaded")
	}
	if g := cat.Get("safety-check"); g == nil || g.Version != 3 || !g.Office {
		t.Errorf("office safety check not used: %+v", g)
	}
}

// TestGuideRules: each rule a guide file can break is found, at its line.
func TestGuideRules(t *testing.T) {
	src := shipped(t, "child-first-interview")
	for _, tc := range []struct {
		name, old, new, rule string
		at                   string // where the fault is found, when not at new
	}{
		{"missing French", `"fr": "`, `"xx": "`, content.RuleLanguage, `"title"`},
		{"unknown phase", `"id": "clarify"`, `"id": "questions"`, content.RuleUnknown, ""},
		{"phases out of order", `"id": "engage"`, `"id": "clarify"`, content.RuleOrder, `"id": "account"`},
		{"guardian consent missing", `"id": "guardian-consent"`, `"id": "guardian-consent-x"`, content.RuleRequired, ""},
		{"zero minutes", `"minutes": 5`, `"minutes": 0`, content.RuleRange, ""},
		{"wrong type", `"minutes": 5`, `"minutes": "5"`, content.RuleType, ""},
		{"syntax", `"minutes": 5`, `"minutes": 5,,`, content.RuleSyntax, ""},
		{"unknown name", `"minutes": 5`, `"minutes": 5, "colour": "red"`, content.RuleUnknown, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(src, tc.old) {
				t.Fatalf("the shipped guide has no %s", tc.old)
			}
			bad := strings.Replace(src, tc.old, tc.new, 1)
			at := tc.at
			if at == "" {
				at = tc.new
			}
			line := 1 + strings.Count(bad[:strings.Index(bad, at)], "\n")
			g, problems := Parse(content.File{Path: "child-first-interview.json", Data: []byte(bad)})
			if g != nil || len(problems) == 0 {
				t.Fatal("accepted")
			}
			found := false
			for _, p := range problems {
				found = found || (p.Rule == tc.rule && (p.Line == line || tc.rule == content.RuleRequired))
			}
			if !found {
				t.Errorf("problems %+v, want %s at line %d", problems, tc.rule, line)
			}
		})
	}
}
