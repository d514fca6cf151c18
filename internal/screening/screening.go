// Package screening holds the indicator sets used to screen a case for
// signs of trafficking (the ILO / European Commission operational
// indicators, adults and children, labour and sexual exploitation) and the
// decision rule, all as data in assets/indicators that an office can
// complete or correct by putting its own copy in the "indicators" folder of
// its data folder. The result is a screening flag, never a legal
// determination.
package screening

import (
	"fmt"
	"slices"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
)

// Indicator grades.
const (
	Strong = "S"
	Medium = "M"
	Weak   = "W"
)

// Dimension groups of the trafficking definition.
const (
	GroupRecruitment  = "recruitment"
	GroupExploitation = "exploitation"
	GroupDestination  = "destination"
)

// Populations and forms of exploitation a set is for.
const (
	Adult  = "adult"
	Child  = "child"
	Labour = "labour"
	Sexual = "sexual"
)

// Set is one indicator list with its decision rule.
type Set struct {
	ID               string       `json:"id"`
	Version          int          `json:"version"`
	Population       string       `json:"population"`
	Exploitation     string       `json:"exploitation"`
	ExploitationType string       `json:"exploitationType"` // HTCDS vic_TypeOfExploitation filled when the exploitation dimension is positive
	Title            content.Text `json:"title"`
	Source           content.Text `json:"source"`
	Disclaimer       content.Text `json:"disclaimer"`
	Dimensions       []Dimension  `json:"dimensions"`
	Rule             Rule         `json:"rule"`

	Path   string `json:"-"` // the file it came from
	Office bool   `json:"-"` // the office's own file
}

// Dimension groups the indicators of one element of the definition.
type Dimension struct {
	ID         string       `json:"id"`
	Group      string       `json:"group"`
	Title      content.Text `json:"title"`
	Indicators []Indicator  `json:"indicators"`
}

// Indicator is one sign, graded strong, medium or weak. HTCDS lists the
// case values it clearly matches (keys "control" and "vulnerabilities"):
// the case's answers pre-tick it, and ticking it fills them.
type Indicator struct {
	ID    string              `json:"id"`
	Grade string              `json:"grade"`
	Text  content.Text        `json:"text"`
	HTCDS map[string][]string `json:"htcds,omitempty"`
}

// Rule is the decision rule. A dimension is positive when its ticked
// indicators reach any one of PositiveWhen's minimum counts per grade
// (e.g. {"S":1,"M":1}: one strong and one medium). The flag is raised when
// every group of FlagWhen has a positive dimension.
type Rule struct {
	PositiveWhen []map[string]int `json:"positiveWhen"`
	FlagWhen     [][]string       `json:"flagWhen"`
}

// DimensionResult is one dimension's state.
type DimensionResult struct {
	ID       string
	Strong   int
	Medium   int
	Weak     int
	Positive bool
}

// Result is a screening's outcome: each dimension's state, and the flag
// with the positive dimensions that carried it.
type Result struct {
	Dimensions []DimensionResult
	Positive   []string // ids of the positive dimensions
	Flag       bool
	Carried    []string // the positive dimensions in the groups the flag needs
}

// Evaluate applies the set's rule to the ticked indicator ids (unknown ids
// are ignored).
func (s *Set) Evaluate(ticked []string) Result {
	var r Result
	for _, d := range s.Dimensions {
		dr := DimensionResult{ID: d.ID}
		for _, in := range d.Indicators {
			if !slices.Contains(ticked, in.ID) {
				continue
			}
			switch in.Grade {
			case Strong:
				dr.Strong++
			case Medium:
				dr.Medium++
			case Weak:
				dr.Weak++
			}
		}
		for _, need := range s.Rule.PositiveWhen {
			if dr.Strong >= need[Strong] && dr.Medium >= need[Medium] && dr.Weak >= need[Weak] {
				dr.Positive = true
				break
			}
		}
		if dr.Positive {
			r.Positive = append(r.Positive, d.ID)
		}
		r.Dimensions = append(r.Dimensions, dr)
	}
	r.Flag = len(s.Rule.FlagWhen) > 0
	for _, group := range s.Rule.FlagWhen {
		met := false
		for _, id := range group {
			if slices.Contains(r.Positive, id) {
				met = true
				r.Carried = append(r.Carried, id)
			}
		}
		r.Flag = r.Flag && met
	}
	if !r.Flag {
		r.Carried = nil
	}
	return r
}

// Dimension returns the dimension with that id, or nil.
func (s *Set) Dimension(id string) *Dimension {
	for i := range s.Dimensions {
		if s.Dimensions[i].ID == id {
			return &s.Dimensions[i]
		}
	}
	return nil
}

// caseValues are the case lists an indicator's HTCDS values match.
func caseValues(c *domain.Case) map[string]*[]string {
	return map[string]*[]string{
		"control":         &c.Trafficking.Control,
		"vulnerabilities": &c.Trafficking.Vulnerabilities,
	}
}

// Pretick lists the indicators the case's answers clearly match: those
// with an HTCDS value the case already has. A value that the set maps to
// more than two indicators (such as false promises, behind every kind of
// deception) says too little about which one applies, and pre-ticks none.
func (s *Set) Pretick(c domain.Case) []string {
	have := caseValues(&c)
	uses := map[string]int{}
	for _, d := range s.Dimensions {
		for _, in := range d.Indicators {
			for key, vals := range in.HTCDS {
				for _, v := range vals {
					uses[key+"/"+v]++
				}
			}
		}
	}
	var out []string
	for _, d := range s.Dimensions {
		for _, in := range d.Indicators {
			if matches(in, have, func(key, v string) bool { return uses[key+"/"+v] <= 2 }) {
				out = append(out, in.ID)
			}
		}
	}
	return out
}

func matches(in Indicator, have map[string]*[]string, telling func(key, v string) bool) bool {
	for key, vals := range in.HTCDS {
		for _, v := range vals {
			if list := have[key]; list != nil && slices.Contains(*list, v) && telling(key, v) {
				return true
			}
		}
	}
	return false
}

// Apply records a screening in the case: the ticked indicators and the
// result (replacing an earlier screening with the same set), the HTCDS
// methods of control and vulnerabilities of the ticked indicators, and the
// set's type of exploitation when the exploitation dimension is positive.
// Nothing already in the case is removed.
func (s *Set) Apply(c *domain.Case, ticked []string, r Result, sc domain.Screening) {
	have := caseValues(c)
	for _, d := range s.Dimensions {
		for _, in := range d.Indicators {
			if !slices.Contains(ticked, in.ID) {
				continue
			}
			for key, vals := range in.HTCDS {
				if list := have[key]; list != nil {
					for _, v := range vals {
						if !slices.Contains(*list, v) {
							*list = append(*list, v)
						}
					}
				}
			}
		}
	}
	for _, d := range s.Dimensions {
		if d.Group == GroupExploitation && slices.Contains(r.Positive, d.ID) && s.ExploitationType != "" &&
			!slices.Contains(c.Trafficking.Exploitation, s.ExploitationType) {
			c.Trafficking.Exploitation = append(c.Trafficking.Exploitation, s.ExploitationType)
		}
	}
	sc.SetID, sc.SetVersion = s.ID, s.Version
	sc.Ticked = s.known(ticked)
	sc.Positive, sc.Flag, sc.Carried = r.Positive, r.Flag, r.Carried
	c.Screenings = slices.DeleteFunc(c.Screenings, func(x domain.Screening) bool { return x.SetID == s.ID })
	c.Screenings = append(c.Screenings, sc)
}

// known keeps the ticked ids that name an indicator of the set, in the
// set's order.
func (s *Set) known(ticked []string) []string {
	var out []string
	for _, d := range s.Dimensions {
		for _, in := range d.Indicators {
			if slices.Contains(ticked, in.ID) {
				out = append(out, in.ID)
			}
		}
	}
	return out
}

// Catalog is every set that loaded and the problems of those that did not.
type Catalog struct {
	Sets     []*Set
	Problems []content.Problem
}

// Get finds a set by id; nil when none.
func (c Catalog) Get(id string) *Set {
	for _, s := range c.Sets {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// For finds the set for a population and a form of exploitation; nil when
// none.
func (c Catalog) For(population, exploitation string) *Set {
	for _, s := range c.Sets {
		if s.Population == population && s.Exploitation == exploitation {
			return s
		}
	}
	return nil
}

// Folder is the folder, inside an office's data folder, that holds the
// office's own indicator set files.
const Folder = "indicators"

// Load reads the sets shipped with Amparo and, when officeDir is not
// empty, the office's own from officeDir (its data folder's Folder).
func Load(officeDir string) Catalog {
	sets, problems := content.LoadAll(assets.Indicators, "indicators", officeDir, Parse)
	return Catalog{Sets: sets, Problems: problems}
}

// Parse decodes and checks one indicator set file; a set with any problem
// is not returned.
func Parse(f content.File) (*Set, []content.Problem) {
	var s Set
	if problems := content.Parse(f, &s, s.check); len(problems) > 0 {
		return nil, problems
	}
	s.Path, s.Office = f.Path, f.Office
	return &s, nil
}

// htcdsKeys are the case lists an indicator may name, with their values.
var htcdsKeys = map[string][]string{
	"control":         domain.MethodsOfControl,
	"vulnerabilities": domain.Vulnerabilities,
}

func (s *Set) check(ck *content.Checker, name string) {
	switch {
	case !content.ValidID(s.ID):
		ck.Add(content.RuleRequired, "id", "id")
	case s.ID != name:
		ck.Add(content.RuleUnknown, fmt.Sprintf("id %q is not the file name %q", s.ID, name), "id")
	}
	if s.Version < 1 {
		ck.Add(content.RuleRange, "version", "version")
	}
	if s.Population != Adult && s.Population != Child {
		ck.Add(content.RuleUnknown, "population "+s.Population, "population")
	}
	if s.Exploitation != Labour && s.Exploitation != Sexual {
		ck.Add(content.RuleUnknown, "exploitation "+s.Exploitation, "exploitation")
	}
	if s.ExploitationType != "" && !slices.Contains(domain.TypesOfExploitation, s.ExploitationType) {
		ck.Add(content.RuleUnknown, "exploitationType "+s.ExploitationType, "exploitationType")
	}
	ck.Text(s.Title, "title")
	ck.Text(s.Source, "source")
	ck.Text(s.Disclaimer, "disclaimer")
	if len(s.Dimensions) == 0 {
		ck.Add(content.RuleRequired, "dimensions", "dimensions")
	}
	dims := map[string]bool{}
	inds := map[string]bool{}
	for i, d := range s.Dimensions {
		at := []any{"dimensions", i}
		if !content.ValidID(d.ID) {
			ck.Add(content.RuleRequired, content.PathString(append(at, "id")...), at...)
		} else if dims[d.ID] {
			ck.Add(content.RuleDuplicate, d.ID, append(at, "id")...)
		}
		dims[d.ID] = true
		if !slices.Contains([]string{GroupRecruitment, GroupExploitation, GroupDestination}, d.Group) {
			ck.Add(content.RuleUnknown, "group "+d.Group, append(at, "group")...)
		}
		ck.Text(d.Title, append(at, "title")...)
		if len(d.Indicators) == 0 {
			ck.Add(content.RuleRequired, content.PathString(append(at, "indicators")...), append(at, "indicators")...)
		}
		for j, in := range d.Indicators {
			iat := append(slices.Clone(at), "indicators", j)
			if !content.ValidID(in.ID) {
				ck.Add(content.RuleRequired, content.PathString(append(iat, "id")...), iat...)
			} else if inds[in.ID] {
				ck.Add(content.RuleDuplicate, in.ID, append(iat, "id")...)
			}
			inds[in.ID] = true
			if in.Grade != Strong && in.Grade != Medium && in.Grade != Weak {
				ck.Add(content.RuleUnknown, "grade "+in.Grade, append(iat, "grade")...)
			}
			ck.Text(in.Text, append(iat, "text")...)
			for key, vals := range in.HTCDS {
				allowed, ok := htcdsKeys[key]
				if !ok {
					ck.Add(content.RuleUnknown, "htcds "+key, append(iat, "htcds")...)
					continue
				}
				for _, v := range vals {
					if !slices.Contains(allowed, v) {
						ck.Add(content.RuleUnknown, "htcds "+key+" "+v, append(iat, "htcds", key)...)
					}
				}
			}
		}
	}
	s.checkRule(ck, dims)
}

func (s *Set) checkRule(ck *content.Checker, dims map[string]bool) {
	if len(s.Rule.PositiveWhen) == 0 {
		ck.Add(content.RuleRequired, "rule.positiveWhen", "rule")
	}
	for i, need := range s.Rule.PositiveWhen {
		total := 0
		for grade, n := range need {
			if grade != Strong && grade != Medium && grade != Weak {
				ck.Add(content.RuleUnknown, "grade "+grade, "rule", "positiveWhen", i)
			}
			if n < 0 {
				ck.Add(content.RuleRange, content.PathString("rule", "positiveWhen", i, grade), "rule", "positiveWhen", i)
			}
			total += n
		}
		if total == 0 {
			ck.Add(content.RuleRange, content.PathString("rule", "positiveWhen", i), "rule", "positiveWhen", i)
		}
	}
	if len(s.Rule.FlagWhen) == 0 {
		ck.Add(content.RuleRequired, "rule.flagWhen", "rule")
	}
	for i, group := range s.Rule.FlagWhen {
		if len(group) == 0 {
			ck.Add(content.RuleRequired, content.PathString("rule", "flagWhen", i), "rule", "flagWhen", i)
		}
		for j, id := range group {
			if !dims[id] {
				ck.Add(content.RuleUnknown, "dimension "+id, "rule", "flagWhen", i, j)
			}
		}
	}
}
