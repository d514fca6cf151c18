// Package guide loads the trauma-informed interview guides: data files in
// assets/guides (one per guide, every text in English, French and
// Portuguese), completed or corrected by the files an office puts in the
// "guides" folder of its data folder. Interview sessions themselves are
// records kept by casework; this package says what a guide asks for.
package guide

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
)

// Kinds of guides.
const (
	KindInterview = "interview"
	KindSafety    = "safety"
)

// Audiences of guides.
const (
	AudienceAdult = "adult"
	AudienceChild = "child"
	AudienceAny   = "any"
)

// Guide is one interview guide.
type Guide struct {
	ID          string         `json:"id"`
	Version     int            `json:"version"`
	Kind        string         `json:"kind"`
	Audience    string         `json:"audience"`
	Title       content.Text   `json:"title"`
	Summary     content.Text   `json:"summary"`
	Preparation []Check        `json:"preparation"`
	Phases      []Phase        `json:"phases"`
	Grounding   []content.Text `json:"grounding"` // read aloud during a pause
	Distress    []content.Text `json:"distress"`  // the distress protocol, step by step
	Stopping    content.Text   `json:"stopping"`  // what to say when ending early

	// Source is the file the guide came from; Office is true when the file
	// is the office's own rather than the application's.
	Source string `json:"-"`
	Office bool   `json:"-"`
}

// Check is one preparation check made before the first question.
type Check struct {
	ID       string       `json:"id"`
	Required bool         `json:"required"`
	Text     content.Text `json:"text"`
	Help     content.Text `json:"help"`
}

// Phase is one phase of an interview.
type Phase struct {
	ID             string         `json:"id"`
	Title          content.Text   `json:"title"`
	Purpose        content.Text   `json:"purpose"`
	Minutes        int            `json:"minutes"`
	BreakSuggested bool           `json:"breakSuggested"`
	Do             []content.Text `json:"do"`
	Dont           []content.Text `json:"dont"`
	Prompts        []Prompt       `json:"prompts"`
	Questions      []Question     `json:"questions"`
}

// Prompt is something the interviewer may say; open prompts come first.
type Prompt struct {
	Open bool         `json:"open"`
	Text content.Text `json:"text"`
}

// Question asks for one case field, so the answer is typed once, in the
// case file.
type Question struct {
	ID    string       `json:"id"`
	Field string       `json:"field"` // a domain.CaseFields id
	Text  content.Text `json:"text"`
}

// Catalog is every guide that loaded, sorted by id, and the problems of
// the files that did not.
type Catalog struct {
	Guides   []*Guide
	Problems []content.Problem
}

// Get finds a guide by id; nil when there is none.
func (c Catalog) Get(id string) *Guide {
	for _, g := range c.Guides {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// Suggested orders the guides for a person: for a child (or a person
// presumed to be one) the child guides first, else the adult ones; guides
// for anyone after; guides for the other audience last.
func (c Catalog) Suggested(child bool) []*Guide {
	rank := func(g *Guide) int {
		switch {
		case g.Audience == AudienceChild && child, g.Audience == AudienceAdult && !child:
			return 0
		case g.Audience == AudienceAny:
			return 1
		}
		return 2
	}
	out := slices.Clone(c.Guides)
	slices.SortStableFunc(out, func(a, b *Guide) int { return rank(a) - rank(b) })
	return out
}

// Folder is the folder, inside an office's data folder, that holds the
// office's own guide files.
const Folder = "guides"

// Load reads the guides shipped with Amparo and, when officeDir is not
// empty, the office's own from officeDir (its data folder's Folder).
func Load(officeDir string) Catalog {
	guides, problems := content.LoadAll(assets.Guides, "guides", officeDir, Parse)
	return Catalog{Guides: guides, Problems: problems}
}

// Parse decodes and checks one guide file. A guide with any problem is not
// returned.
func Parse(f content.File) (*Guide, []content.Problem) {
	var g Guide
	if problems := content.Parse(f, &g, g.check); len(problems) > 0 {
		return nil, problems
	}
	g.Source, g.Office = f.Path, f.Office
	return &g, nil
}

// requiredChecks are the preparation checks every guide of a kind must
// have; a child guide also needs the guardian's.
var requiredChecks = map[string][]string{
	KindInterview: {domain.PrepPrivateSpace, domain.PrepInterpreter, domain.PrepSameGender,
		domain.PrepReferralList, domain.PrepConsent, domain.PrepRightToStop},
	KindSafety: {domain.PrepPrivateSpace, domain.PrepConsent, domain.PrepRightToStop},
}

var childChecks = []string{domain.PrepGuardianConsent, domain.PrepGuardianPresent, domain.PrepAlreadyInterviewed}

// check records every fault of g in ck; name is the file's base name,
// which must be the id.
func (g *Guide) check(ck *content.Checker, name string) {
	switch {
	case !content.ValidID(g.ID):
		ck.Add(content.RuleRequired, "id", "id")
	case g.ID != name:
		ck.Add(content.RuleUnknown, fmt.Sprintf("id %q is not the file name %q", g.ID, name), "id")
	}
	if g.Version < 1 {
		ck.Add(content.RuleRange, "version", "version")
	}
	required, ok := requiredChecks[g.Kind]
	if !ok {
		ck.Add(content.RuleUnknown, "kind "+g.Kind, "kind")
	}
	if !slices.Contains([]string{AudienceAdult, AudienceChild, AudienceAny}, g.Audience) {
		ck.Add(content.RuleUnknown, "audience "+g.Audience, "audience")
	}
	if g.Audience == AudienceChild {
		required = append(slices.Clone(required), childChecks...)
	}
	ck.Text(g.Title, "title")
	ck.Text(g.Summary, "summary")

	seen := map[string]bool{}
	for i, c := range g.Preparation {
		if !content.ValidID(c.ID) {
			ck.Add(content.RuleRequired, content.PathString("preparation", i, "id"), "preparation", i)
		} else if seen[c.ID] {
			ck.Add(content.RuleDuplicate, c.ID, "preparation", i, "id")
		}
		seen[c.ID] = true
		ck.Text(c.Text, "preparation", i, "text")
		ck.Text(c.Help, "preparation", i, "help")
	}
	for _, id := range required {
		if !seen[id] {
			ck.Add(content.RuleRequired, "preparation "+id, "preparation")
		} else if c := g.Check(id); !c.Required {
			ck.Add(content.RuleRequired, "preparation "+id+" must be required", "preparation")
		}
	}

	g.checkPhases(ck)
	ck.Texts(g.Grounding, 3, "grounding")
	ck.Texts(g.Distress, 3, "distress")
	ck.Text(g.Stopping, "stopping")
}

func (g *Guide) checkPhases(ck *content.Checker) {
	if len(g.Phases) == 0 {
		ck.Add(content.RuleRequired, "phases", "phases")
	}
	if g.Kind == KindInterview && len(g.Phases) != len(domain.Phases) {
		ck.Add(content.RuleRequired, "an interview guide has the six phases "+strings.Join(domain.Phases, ", "), "phases")
	}
	last := -1
	fields := map[string]bool{}
	questions := map[string]bool{}
	for i, p := range g.Phases {
		at := []any{"phases", i}
		order := slices.Index(domain.Phases, p.ID)
		switch {
		case order < 0:
			ck.Add(content.RuleUnknown, "phase "+p.ID, append(at, "id")...)
		case order <= last:
			ck.Add(content.RuleOrder, "phase "+p.ID, append(at, "id")...)
		}
		last = max(last, order)
		ck.Text(p.Title, append(at, "title")...)
		ck.Text(p.Purpose, append(at, "purpose")...)
		if p.Minutes < 1 || p.Minutes > 120 {
			ck.Add(content.RuleRange, content.PathString(append(at, "minutes")...), append(at, "minutes")...)
		}
		ck.Texts(p.Do, 1, append(at, "do")...)
		ck.Texts(p.Dont, 1, append(at, "dont")...)
		if len(p.Prompts) == 0 {
			ck.Add(content.RuleRequired, content.PathString(append(at, "prompts")...), append(at, "prompts")...)
		}
		for j, pr := range p.Prompts {
			ck.Text(pr.Text, append(at, "prompts", j, "text")...)
		}
		for j, q := range p.Questions {
			qat := append(slices.Clone(at), "questions", j)
			if !content.ValidID(q.ID) {
				ck.Add(content.RuleRequired, content.PathString(append(qat, "id")...), qat...)
			} else if questions[q.ID] {
				ck.Add(content.RuleDuplicate, q.ID, append(qat, "id")...)
			}
			questions[q.ID] = true
			if _, ok := domain.LookupCaseField(q.Field); !ok {
				ck.Add(content.RuleUnknown, "field "+q.Field, append(qat, "field")...)
			} else if fields[q.Field] {
				ck.Add(content.RuleDuplicate, "field "+q.Field, append(qat, "field")...)
			}
			fields[q.Field] = true
			ck.Text(q.Text, append(qat, "text")...)
		}
	}
}

// Check returns the preparation check with that id (zero when none).
func (g *Guide) Check(id string) Check {
	for _, c := range g.Preparation {
		if c.ID == id {
			return c
		}
	}
	return Check{}
}

// Phase returns the phase with that id and its index; -1 when none.
func (g *Guide) Phase(id string) (*Phase, int) {
	for i := range g.Phases {
		if g.Phases[i].ID == id {
			return &g.Phases[i], i
		}
	}
	return nil, -1
}

// Fields lists the case fields the guide's questions fill, in order.
func (g *Guide) Fields() []string {
	var out []string
	for _, p := range g.Phases {
		for _, q := range p.Questions {
			out = append(out, q.Field)
		}
	}
	return out
}

// MissingPreparation lists the required preparation checks not in done.
// Consent checks are answered from the case's consent records by the
// caller, so they are left out here.
func (g *Guide) MissingPreparation(done []string) []string {
	var out []string
	for _, c := range g.Preparation {
		if c.Required && !slices.Contains(done, c.ID) && !ConsentCheck(c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// ConsentCheck reports whether a preparation check is answered by the
// case's consent records rather than by a tick.
func ConsentCheck(id string) bool {
	return id == domain.PrepConsent || id == domain.PrepGuardianConsent
}
