package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/letter"
	"github.com/amparo-app/amparo/internal/screening"
)

// officeContent loads the guides and indicator sets as the window does:
// those shipped with Amparo, completed or replaced by the office's own
// files in the data folder.
func officeContent(e env, dataFlagValue string) (guide.Catalog, screening.Catalog, error) {
	dir, err := dataDir(e, dataFlagValue)
	if err != nil {
		return guide.Catalog{}, screening.Catalog{}, err
	}
	return guide.Load(filepath.Join(dir, guide.Folder)), screening.Load(filepath.Join(dir, screening.Folder)), nil
}

// subcommand dispatches "VERB SUB ..." to one of subs.
func subcommand(e env, verb string, args []string, subs map[string]func(env, []string) error) error {
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(args) == 0 {
		return usageError{fmt.Sprintf("%s needs a subcommand: %s", verb, strings.Join(names, ", "))}
	}
	if args[0] == "-h" || args[0] == "--help" {
		c := commands()[verb]
		fmt.Fprintf(e.stderr, "usage: %s %s %s\n%s\n", programName, verb, c.usage, c.summary)
		return flag.ErrHelp
	}
	run, ok := subs[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("unknown %s subcommand %q: use %s", verb, args[0], strings.Join(names, ", "))}
	}
	return run(e, args[1:])
}

// runGuide dispatches `guide list|check`.
func runGuide(e env, args []string) error {
	return subcommand(e, "guide", args, map[string]func(env, []string) error{
		"list": runGuideList, "check": runContentCheck,
	})
}

// runScreening dispatches `screening sets|check|run|show`.
func runScreening(e env, args []string) error {
	return subcommand(e, "screening", args, map[string]func(env, []string) error{
		"sets": runScreeningSets, "check": runContentCheck, "run": runScreeningRun, "show": runScreeningShow,
	})
}

// runInterview dispatches `interview list`.
func runInterview(e env, args []string) error {
	return subcommand(e, "interview", args, map[string]func(env, []string) error{"list": runInterviewList})
}

func runGuideList(e env, args []string) error {
	fs := newFlags(e, "guide")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	lang := fs.String("lang", "en", "language of the titles: en, fr or pt")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{"guide list takes no arguments"}
	}
	if !domain.KnownLanguage(*lang) {
		return usageError{"--lang must be en, fr or pt"}
	}
	guides, _, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	type row struct {
		ID       string `json:"id"`
		Version  int    `json:"version"`
		Kind     string `json:"kind"`
		Audience string `json:"audience"`
		Title    string `json:"title"`
		Phases   int    `json:"phases"`
		Source   string `json:"source"`
	}
	var rows []row
	for _, g := range guides.Guides {
		src := "shipped"
		if g.Office {
			src = g.Source
		}
		rows = append(rows, row{g.ID, g.Version, g.Kind, g.Audience, g.Title.In(*lang), len(g.Phases), src})
	}
	if *asJSON {
		if err := writeJSON(e, rows); err != nil {
			return err
		}
	} else {
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tVERSION\tKIND\tFOR\tPHASES\tTITLE\tFROM")
		for _, r := range rows {
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%d\t%s\t%s\n", r.ID, r.Version, r.Kind, r.Audience, r.Phases, r.Title, r.Source)
		}
		w.Flush()
	}
	return problemsError(guides.Problems)
}

// problemsError is nil when no file failed to load, else an error naming
// each problem (path:line), after they are all printed on stderr.
func problemsError(problems []content.Problem) error {
	if len(problems) == 0 {
		return nil
	}
	var parts []string
	for _, p := range problems {
		parts = append(parts, p.Error())
	}
	return fmt.Errorf("%d file problem(s), the other files load: %s", len(problems), strings.Join(parts, "; "))
}

// runContentCheck checks every guide and indicator file, shipped and the
// office's own, and names each problem with its path and line.
func runContentCheck(e env, args []string) error {
	fs := newFlags(e, "guide")
	data := dataFlag(fs)
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{"check takes no arguments"}
	}
	guides, sets, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	problems := append(slices.Clone(guides.Problems), sets.Problems...)
	for _, p := range problems {
		fmt.Fprintln(e.stdout, p.Error())
	}
	if err := problemsError(problems); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d guides and %d indicator sets load without problems.\n", len(guides.Guides), len(sets.Sets))
	return nil
}

func runScreeningSets(e env, args []string) error {
	fs := newFlags(e, "screening")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{"screening sets takes no arguments"}
	}
	_, sets, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(e, sets.Sets); err != nil {
			return err
		}
		return problemsError(sets.Problems)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tVERSION\tFOR\tEXPLOITATION\tINDICATORS\tTITLE")
	for _, s := range sets.Sets {
		n := 0
		for _, d := range s.Dimensions {
			n += len(d.Indicators)
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%d\t%s\n", s.ID, s.Version, s.Population, s.Exploitation, n, s.Title.In("en"))
	}
	w.Flush()
	return problemsError(sets.Problems)
}

// screeningReport is what `screening run` and `show` print for scripts.
type screeningReport struct {
	Case       string                      `json:"case"`
	Set        string                      `json:"set"`
	Ticked     []string                    `json:"ticked"`
	Dimensions []screening.DimensionResult `json:"dimensions"`
	Flag       bool                        `json:"flag"`
	Carried    []string                    `json:"carried"`
	Saved      bool                        `json:"saved"`
	Note       string                      `json:"note"`
}

const screeningNote = "A screening aid, never a legal determination: a flag means refer for formal identification."

func printScreening(e env, r screeningReport, asJSON bool) error {
	if asJSON {
		return writeJSON(e, r)
	}
	fmt.Fprintf(e.stdout, "Case %s, indicator set %s, %d indicators ticked.\n", r.Case, r.Set, len(r.Ticked))
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DIMENSION\tSTRONG\tMEDIUM\tWEAK\tPOSITIVE")
	for _, d := range r.Dimensions {
		pos := "no"
		if d.Positive {
			pos = "yes"
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%s\n", d.ID, d.Strong, d.Medium, d.Weak, pos)
	}
	w.Flush()
	if r.Flag {
		fmt.Fprintf(e.stdout, "Screening flag: likely trafficked; refer for formal identification. Carried by: %s.\n", strings.Join(r.Carried, ", "))
	} else {
		fmt.Fprintln(e.stdout, "No screening flag from the indicators ticked.")
	}
	if r.Saved {
		fmt.Fprintln(e.stdout, "Saved in the case.")
	}
	fmt.Fprintln(e.stdout, screeningNote)
	return nil
}

func runScreeningRun(e env, args []string) error {
	fs := newFlags(e, "screening")
	data := dataFlag(fs)
	code := fs.String("case", "", "the case code")
	setID := fs.String("set", "", "the indicator set (see `screening sets`); default: by the person's age, labour")
	tick := fs.String("tick", "", "comma-separated indicator ids; default: those the case's answers match")
	save := fs.Bool("save", false, "save the screening in the case (a revision)")
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *code == "" {
		return usageError{"screening run needs --case CODE"}
	}
	_, sets, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	sess, c, done, err := openCase(e, *data, *code)
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	set := sets.Get(*setID)
	if *setID == "" {
		pop := screening.Adult
		if child, _ := casework.ChildStatus(c.Person, time.Now()); child {
			pop = screening.Child
		}
		set = sets.For(pop, screening.Labour)
	}
	if set == nil {
		return fmt.Errorf("there is no indicator set %q; see %s screening sets", *setID, programName)
	}
	ticked := set.Pretick(c)
	if *tick != "" {
		ticked = nil
		for _, id := range strings.Split(*tick, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ticked = append(ticked, id)
			}
		}
		var unknown []string
		for _, id := range ticked {
			if !setHas(set, id) {
				unknown = append(unknown, id)
			}
		}
		if len(unknown) > 0 {
			return fmt.Errorf("the set %s has no indicator %s", set.ID, strings.Join(unknown, ", "))
		}
	}
	r := set.Evaluate(ticked)
	if *save {
		if _, r, err = sess.SaveScreening(ctx, c.ID, set, ticked); err != nil {
			return explainCasework(err)
		}
	}
	return printScreening(e, screeningReport{Case: c.Code, Set: set.ID, Ticked: ticked, Dimensions: r.Dimensions,
		Flag: r.Flag, Carried: r.Carried, Saved: *save, Note: screeningNote}, *asJSON)
}

func setHas(s *screening.Set, id string) bool {
	for _, d := range s.Dimensions {
		for _, in := range d.Indicators {
			if in.ID == id {
				return true
			}
		}
	}
	return false
}

func runScreeningShow(e env, args []string) error {
	fs := newFlags(e, "screening")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"screening show needs the case code"}
	}
	_, sets, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	c, err := sess.CaseByCode(context.Background(), rest[0])
	if err != nil {
		return explainCasework(err)
	}
	if len(c.Screenings) == 0 {
		return errors.New("this case has no saved screening yet; use screening run --save")
	}
	for _, sc := range c.Screenings {
		r := screeningReport{Case: c.Code, Set: sc.SetID, Ticked: sc.Ticked, Flag: sc.Flag, Carried: sc.Carried, Saved: true, Note: screeningNote}
		if set := sets.Get(sc.SetID); set != nil {
			r.Dimensions = set.Evaluate(sc.Ticked).Dimensions
		}
		if err := printScreening(e, r, *asJSON); err != nil {
			return err
		}
	}
	return nil
}

func runInterviewList(e env, args []string) error {
	fs := newFlags(e, "interview")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"interview list needs the case code"}
	}
	sess, c, done, err := openCase(e, *data, rest[0])
	if err != nil {
		return err
	}
	defer done()
	ctx := context.Background()
	list, err := sess.Interviews(ctx, c.ID)
	if err != nil {
		return explainCasework(err)
	}
	type row struct {
		ID        string    `json:"id"`
		Guide     string    `json:"guide"`
		Started   time.Time `json:"started"`
		Ended     time.Time `json:"ended,omitzero"`
		Outcome   string    `json:"outcome"`
		Reason    string    `json:"reason,omitempty"`
		Phases    []string  `json:"phases"`
		Breaks    int       `json:"breaks"`
		Filled    []string  `json:"filled"`
		Interview string    `json:"interviewer"`
	}
	rows := make([]row, 0, len(list))
	for _, s := range list {
		outcome := string(s.Outcome)
		if outcome == "" {
			outcome = "open"
		}
		var filled []string
		for _, f := range s.Filled {
			filled = append(filled, f.Field)
		}
		rows = append(rows, row{s.ID, s.GuideID, s.StartedAt, s.EndedAt, outcome, s.EndReason, s.Covered(), len(s.Breaks), filled, s.InterviewerID})
	}
	if *asJSON {
		return writeJSON(e, rows)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "STARTED\tGUIDE\tOUTCOME\tPHASES\tBREAKS\tANSWERS")
	for _, r := range rows {
		outcome := r.Outcome
		if r.Reason != "" {
			outcome += " (" + r.Reason + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\n", r.Started.Local().Format("2006-01-02 15:04"), r.Guide, outcome, len(r.Phases), r.Breaks, len(r.Filled))
	}
	return w.Flush()
}

// runPocketGuide writes a guide's printable pocket guide.
func runPocketGuide(e env, args []string) error {
	fs := newFlags(e, "letter")
	data := dataFlag(fs)
	id := fs.String("guide", "", "the guide (see `guide list`)")
	lang := fs.String("lang", "en", "language: en, fr or pt")
	out := fs.String("out", "", "the PDF file to write")
	if rest, err := parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 || *id == "" || *out == "" {
		return usageError{"letter pocket-guide needs --guide ID and --out FILE.pdf"}
	}
	if !domain.KnownLanguage(*lang) {
		return usageError{"--lang must be en, fr or pt"}
	}
	guides, _, err := officeContent(e, *data)
	if err != nil {
		return err
	}
	g := guides.Get(*id)
	if g == nil {
		return fmt.Errorf("there is no guide %q; see %s guide list", *id, programName)
	}
	pdf, err := letter.PocketGuide(g, *lang, time.Now())
	if err != nil {
		return err
	}
	return writeFileAtomic(*out, pdf)
}

// runLetter dispatches `letter referral|consent|intake-blank|summary|pocket-guide`.
func runLetter(e env, args []string) error {
	return subcommand(e, "letter", args, map[string]func(env, []string) error{
		"pocket-guide": runPocketGuide, "referral": runLetterReferral, "consent": runLetterConsent,
		"summary": runLetterSummary, "intake-blank": runLetterIntakeBlank,
	})
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a half-written file never has the final name.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".amparo-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
