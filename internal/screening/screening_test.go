package screening

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
)

// testSet builds a set with one dimension per group needed, each holding
// three strong, three medium and three weak indicators named
// <dim>-s1..s3, -m1..m3, -w1..w3, and the rule of PRACTICE.md.
func testSet(population string) *Set {
	s := &Set{ID: "test-" + population, Version: 1, Population: population, Exploitation: Labour, ExploitationType: "ForcedLabour"}
	dims := []struct{ id, group string }{
		{"deceptive-recruitment", GroupRecruitment}, {"coercive-recruitment", GroupRecruitment},
		{"vulnerability-recruitment", GroupRecruitment}, {"exploitation", GroupExploitation},
		{"coercion-destination", GroupDestination}, {"vulnerability-destination", GroupDestination},
	}
	for _, d := range dims {
		dim := Dimension{ID: d.id, Group: d.group}
		for _, g := range []string{Strong, Medium, Weak} {
			for i := 1; i <= 3; i++ {
				dim.Indicators = append(dim.Indicators, Indicator{ID: fmt.Sprintf("%s-%s%d", d.id, strings.ToLower(g), i), Grade: g})
			}
		}
		s.Dimensions = append(s.Dimensions, dim)
	}
	s.Rule.PositiveWhen = []map[string]int{{"S": 2}, {"S": 1, "M": 1}, {"S": 1, "W": 1}, {"M": 3}, {"M": 2, "W": 1}}
	s.Rule.FlagWhen = [][]string{{"deceptive-recruitment", "coercive-recruitment", "vulnerability-recruitment"}, {"exploitation"}}
	if population == Adult {
		s.Rule.FlagWhen = append(s.Rule.FlagWhen, []string{"coercion-destination", "vulnerability-destination"})
	}
	return s
}

// tick names n indicators of grade g in dimension dim.
func tick(dim, g string, n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf("%s-%s%d", dim, strings.ToLower(g), i))
	}
	return out
}

func ticks(dim string, s, m, w int) []string {
	return slices.Concat(tick(dim, Strong, s), tick(dim, Medium, m), tick(dim, Weak, w))
}

// TestDimensionThresholds checks each way a dimension turns positive at
// its threshold, and the counts just below it.
func TestDimensionThresholds(t *testing.T) {
	set := testSet(Adult)
	for _, tc := range []struct {
		name    string
		s, m, w int
		want    bool
	}{
		{"nothing", 0, 0, 0, false},
		{"two strong (at)", 2, 0, 0, true},
		{"one strong (below two strong)", 1, 0, 0, false},
		{"three strong (above)", 3, 0, 0, true},
		{"strong and medium (at)", 1, 1, 0, true},
		{"strong and weak (at)", 1, 0, 1, true},
		{"strong, two medium (above)", 1, 2, 0, true},
		{"three medium (at)", 0, 3, 0, true},
		{"two medium (below three medium)", 0, 2, 0, false},
		{"two medium and weak (at)", 0, 2, 1, true},
		{"one medium and two weak (below)", 0, 1, 2, false},
		{"one medium and three weak (below: weak never replaces medium)", 0, 1, 3, false},
		{"three weak (below)", 0, 0, 3, false},
		{"two medium, two weak (above)", 0, 2, 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := set.Evaluate(ticks("exploitation", tc.s, tc.m, tc.w))
			d := r.Dimensions[3]
			if d.ID != "exploitation" || d.Strong != tc.s || d.Medium != tc.m || d.Weak != tc.w {
				t.Fatalf("counted %+v", d)
			}
			if d.Positive != tc.want {
				t.Errorf("positive = %v, want %v", d.Positive, tc.want)
			}
			if got := slices.Contains(r.Positive, "exploitation"); got != tc.want {
				t.Errorf("Positive list has exploitation = %v", got)
			}
		})
	}
}

// TestFlagRule checks the adult and child paths of the flag.
func TestFlagRule(t *testing.T) {
	pos := func(dim string) []string { return ticks(dim, 2, 0, 0) }
	neg := func(dim string) []string { return ticks(dim, 1, 0, 0) }
	for _, tc := range []struct {
		name    string
		pop     string
		ticked  []string
		flag    bool
		carried []string
	}{
		{"adult: all three groups", Adult, slices.Concat(pos("deceptive-recruitment"), pos("exploitation"), pos("coercion-destination")),
			true, []string{"deceptive-recruitment", "exploitation", "coercion-destination"}},
		{"adult: vulnerability at recruitment and destination", Adult, slices.Concat(pos("vulnerability-recruitment"), pos("exploitation"), pos("vulnerability-destination")),
			true, []string{"vulnerability-recruitment", "exploitation", "vulnerability-destination"}},
		{"adult: no means at destination", Adult, slices.Concat(pos("coercive-recruitment"), pos("exploitation"), neg("coercion-destination")), false, nil},
		{"adult: no exploitation", Adult, slices.Concat(pos("coercive-recruitment"), neg("exploitation"), pos("coercion-destination")), false, nil},
		{"adult: no recruitment", Adult, slices.Concat(neg("deceptive-recruitment"), pos("exploitation"), pos("coercion-destination")), false, nil},
		{"adult: two recruitment dimensions carry", Adult, slices.Concat(pos("deceptive-recruitment"), pos("coercive-recruitment"), pos("exploitation"), pos("vulnerability-destination")),
			true, []string{"deceptive-recruitment", "coercive-recruitment", "exploitation", "vulnerability-destination"}},
		{"child: recruitment and exploitation, no means", Child, slices.Concat(pos("deceptive-recruitment"), pos("exploitation")),
			true, []string{"deceptive-recruitment", "exploitation"}},
		{"child: exploitation only", Child, pos("exploitation"), false, nil},
		{"child: recruitment only", Child, pos("coercive-recruitment"), false, nil},
		{"child: recruitment just below", Child, slices.Concat(ticks("coercive-recruitment", 0, 2, 0), pos("exploitation")), false, nil},
		{"nothing ticked", Adult, nil, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testSet(tc.pop).Evaluate(tc.ticked)
			if r.Flag != tc.flag || !slices.Equal(r.Carried, tc.carried) {
				t.Errorf("flag %v carried %v, want %v %v", r.Flag, r.Carried, tc.flag, tc.carried)
			}
		})
	}
}

// TestUnknownIndicatorsIgnored: ids the set does not have count for
// nothing and are not kept.
func TestUnknownIndicatorsIgnored(t *testing.T) {
	set := testSet(Child)
	r := set.Evaluate([]string{"nope", "exploitation-s1"})
	if len(r.Positive) != 0 || r.Dimensions[3].Strong != 1 {
		t.Fatalf("result %+v", r)
	}
	var c domain.Case
	set.Apply(&c, []string{"nope", "exploitation-s1"}, r, domain.Screening{By: "u1"})
	if len(c.Screenings) != 1 || !slices.Equal(c.Screenings[0].Ticked, []string{"exploitation-s1"}) {
		t.Fatalf("screenings %+v", c.Screenings)
	}
}

// TestPretickAndApply: the case's HTCDS values pre-tick their indicators;
// saving fills the values of the ticked ones and the exploitation type,
// replaces an earlier screening with the same set and removes nothing.
func TestPretickAndApply(t *testing.T) {
	set := testSet(Adult)
	set.Dimensions[4].Indicators[0].HTCDS = map[string][]string{"control": {"WithholdsDocuments"}}
	set.Dimensions[4].Indicators[1].HTCDS = map[string][]string{"control": {"DebtBondage"}}
	set.Dimensions[2].Indicators[3].HTCDS = map[string][]string{"vulnerabilities": {"Poverty"}}
	c := domain.Case{Trafficking: domain.Trafficking{Control: []string{"WithholdsDocuments", "PhysicalThreats"}}}
	if got := set.Pretick(c); !slices.Equal(got, []string{"coercion-destination-s1"}) {
		t.Fatalf("pretick %v", got)
	}
	// A value behind more than two indicators says too little: none is pre-ticked.
	for i := range 3 {
		set.Dimensions[0].Indicators[i].HTCDS = map[string][]string{"control": {"PhysicalThreats"}}
	}
	if got := set.Pretick(c); !slices.Equal(got, []string{"coercion-destination-s1"}) {
		t.Fatalf("pretick with an ambiguous value %v", got)
	}
	ticked := slices.Concat([]string{"coercion-destination-s1", "coercion-destination-s2", "vulnerability-recruitment-m1"}, ticks("exploitation", 2, 0, 0))
	r := set.Evaluate(ticked)
	set.Apply(&c, ticked, r, domain.Screening{By: "u1"})
	if !slices.Equal(c.Trafficking.Control, []string{"WithholdsDocuments", "PhysicalThreats", "DebtBondage"}) {
		t.Errorf("control %v", c.Trafficking.Control)
	}
	if !slices.Equal(c.Trafficking.Vulnerabilities, []string{"Poverty"}) {
		t.Errorf("vulnerabilities %v", c.Trafficking.Vulnerabilities)
	}
	if !slices.Equal(c.Trafficking.Exploitation, []string{"ForcedLabour"}) {
		t.Errorf("exploitation %v", c.Trafficking.Exploitation)
	}
	set.Apply(&c, nil, set.Evaluate(nil), domain.Screening{By: "u2"})
	if len(c.Screenings) != 1 || c.Screenings[0].By != "u2" || c.Screenings[0].Flag {
		t.Errorf("screenings after a second save: %+v", c.Screenings)
	}
	if len(c.Trafficking.Control) != 3 || len(c.Trafficking.Exploitation) != 1 {
		t.Errorf("a later screening removed values: %+v", c.Trafficking)
	}
}

// TestExploitationTypeOnlyWhenPositive: an exploitation dimension below
// its threshold fills no type.
func TestExploitationTypeOnlyWhenPositive(t *testing.T) {
	set := testSet(Child)
	var c domain.Case
	ticked := ticks("exploitation", 1, 0, 0)
	set.Apply(&c, ticked, set.Evaluate(ticked), domain.Screening{})
	if len(c.Trafficking.Exploitation) != 0 {
		t.Errorf("exploitation %v", c.Trafficking.Exploitation)
	}
}

// TestShippedSets loads the four shipped lists and checks their shape.
func TestShippedSets(t *testing.T) {
	cat := Load("")
	if len(cat.Problems) > 0 {
		t.Fatalf("problems: %v", cat.Problems)
	}
	for _, tc := range []struct {
		pop, expl, typ string
		groups         int
	}{
		{Adult, Labour, "ForcedLabour", 3}, {Child, Labour, "ChildLabour", 2},
		{Adult, Sexual, "SexualExploitation", 3}, {Child, Sexual, "SexualExploitation", 2},
	} {
		s := cat.For(tc.pop, tc.expl)
		if s == nil {
			t.Errorf("no %s %s set", tc.pop, tc.expl)
			continue
		}
		if s.ExploitationType != tc.typ || len(s.Rule.FlagWhen) != tc.groups || len(s.Dimensions) != 6 {
			t.Errorf("%s: type %s, %d groups, %d dimensions", s.ID, s.ExploitationType, len(s.Rule.FlagWhen), len(s.Dimensions))
		}
	}
	if s := cat.Get("adult-labour"); s != nil {
		var counts []int
		for _, d := range s.Dimensions {
			counts = append(counts, len(d.Indicators))
		}
		if !slices.Equal(counts, []int{10, 10, 16, 9, 15, 7}) {
			t.Errorf("adult labour counts %v, want 10/10/16/9/15/7", counts)
		}
	}
}

// TestOfficeOverride: an office's file replaces the shipped one of the
// same name, a broken office file is reported with its path and line and
// the other sets still load.
func TestOfficeOverride(t *testing.T) {
	dir := t.TempDir()
	shipped := Load("").Get("child-labour")
	if shipped == nil {
		t.Fatal("no child-labour set")
	}
	writeFile(t, dir, "child-labour.json", strings.Replace(readShipped(t, "child-labour"), `"version": 1`, `"version": 7`, 1))
	writeFile(t, dir, "adult-labour.json", "{\n  \"id\": \"adult-labour\",\n  \"version\": 1,\n  \"population\": \"adult\" \"x\"\n}\n")
	cat := Load(dir)
	if s := cat.Get("child-labour"); s == nil || s.Version != 7 || !s.Office {
		t.Errorf("office child-labour not used: %+v", s)
	}
	if cat.Get("adult-labour") != nil {
		t.Error("a broken adult-labour loaded")
	}
	if cat.Get("adult-sexual") == nil || cat.Get("child-sexual") == nil {
		t.Error("the other sets did not load")
	}
	if len(cat.Problems) != 1 || !strings.HasSuffix(cat.Problems[0].Path, "adult-labour.json") || cat.Problems[0].Line != 4 ||
		cat.Problems[0].Rule != content.RuleSyntax {
		t.Errorf("problems %+v", cat.Problems)
	}
}

// TestCheckNamesLine: semantic faults name the line of what is wrong.
func TestCheckNamesLine(t *testing.T) {
	src := readShipped(t, "adult-labour")
	bad := strings.Replace(src, `"grade": "S"`, `"grade": "X"`, 1)
	wantLine := 1 + strings.Count(bad[:strings.Index(bad, `"grade": "X"`)], "\n")
	_, problems := Parse(content.File{Path: "adult-labour.json", Data: []byte(bad)})
	if len(problems) != 1 || problems[0].Line != wantLine || problems[0].Rule != content.RuleUnknown {
		t.Fatalf("problems %+v, want one at line %d", problems, wantLine)
	}
	missing := strings.Replace(src, `"flagWhen"`, `"flagWhenX"`, 1)
	if _, problems := Parse(content.File{Path: "adult-labour.json", Data: []byte(missing)}); len(problems) != 1 || problems[0].Rule != content.RuleUnknown {
		t.Fatalf("unknown name: %+v", problems)
	}
}
