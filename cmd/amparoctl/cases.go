package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
)

// runCase dispatches `case add|list|show`.
func runCase(e env, args []string) error {
	if len(args) == 0 {
		return usageError{"case needs a subcommand: add, list or show"}
	}
	switch args[0] {
	case "add":
		return runCaseAdd(e, args[1:])
	case "list":
		return runCaseList(e, args[1:])
	case "show":
		return runCaseShow(e, args[1:])
	case "-h", "--help":
		c := commands()["case"]
		fmt.Fprintf(e.stderr, "usage: %s case %s\n%s\n", programName, c.usage, c.summary)
		return flag.ErrHelp
	}
	return usageError{fmt.Sprintf("unknown case subcommand %q: use add, list or show", args[0])}
}

func runCaseAdd(e env, args []string) error {
	fs := newFlags(e, "case")
	data := dataFlag(fs)
	file := fs.String("file", "", "JSON document with the intake form's fields (see README)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *file == "" {
		return usageError{"case add needs --file CASE.json"}
	}
	raw, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("read %s: %w", *file, err)
	}
	var c domain.Case
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return fmt.Errorf("%s is not a valid case document: %v", *file, err)
	}
	clear(raw)
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	saved, err := sess.CreateCase(context.Background(), c)
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintln(e.stdout, saved.Code)
	return nil
}

func runCaseList(e env, args []string) error {
	fs := newFlags(e, "case")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	text := fs.String("search", "", "only cases whose names, aliases or code match")
	limit := fs.Int("limit", 0, "at most this many cases (default: all)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{"case list takes no arguments"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	q := casework.CaseQuery{Text: *text, Sort: casework.SortCode, Limit: 500}
	var all []casework.CaseSummary
	for {
		page, err := sess.SearchCases(context.Background(), q)
		if err != nil {
			return explainCasework(err)
		}
		all = append(all, page.Items...)
		q.Offset += len(page.Items)
		if len(page.Items) == 0 || q.Offset >= page.Total || (*limit > 0 && len(all) >= *limit) {
			break
		}
	}
	if *limit > 0 && len(all) > *limit {
		all = all[:*limit]
	}
	if *asJSON {
		return writeJSON(e, all)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CODE\tNAME\tSTATUS\tSTAGE\tPRIORITY\tCHILD\tNEXT FOLLOW-UP")
	for _, c := range all {
		child := ""
		if c.IsChild {
			child = "yes"
		}
		next := c.NextFollowUp
		if c.Overdue {
			next += " (overdue)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Code, c.Name, c.Status, c.Stage, c.Priority, child, next)
	}
	return w.Flush()
}

func runCaseShow(e env, args []string) error {
	fs := newFlags(e, "case")
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print the whole case as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"case show needs exactly one case CODE"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	c, err := sess.CaseByCode(context.Background(), rest[0])
	if errors.Is(err, casework.ErrNotFound) {
		return fmt.Errorf("no case %s that you can see", rest[0])
	} else if err != nil {
		return explainCasework(err)
	}
	if *asJSON {
		return writeJSON(e, c)
	}
	p := c.Person
	name := strings.TrimSpace(strings.Join([]string{p.FirstName, p.MiddleName, p.LastName}, " "))
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, row := range [][2]string{
		{"Code", c.Code}, {"Name", name}, {"Aliases", strings.Join(p.Aliases, ", ")},
		{"Status", string(c.Status)}, {"Stage", string(c.Stage)}, {"Priority", string(c.Priority)},
		{"Opened", c.OpenedOn}, {"Birth date", p.BirthDate}, {"Age estimate", ageText(p)},
		{"Trafficking status", string(c.Trafficking.Status)},
		{"Follow-ups", fmt.Sprint(len(c.FollowUps))},
	} {
		if row[1] != "" {
			fmt.Fprintf(w, "%s:\t%s\n", row[0], row[1])
		}
	}
	return w.Flush()
}

func ageText(p domain.Person) string {
	if p.AgeEstimate == 0 {
		return ""
	}
	s := fmt.Sprint(p.AgeEstimate)
	if p.AgeEstimateBy != "" {
		s += " (" + string(p.AgeEstimateBy) + ")"
	}
	return s
}

func writeJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runSeed(e env, args []string) error {
	fs := newFlags(e, "seed")
	data := dataFlag(fs)
	n := fs.Int("cases", 0, "how many fictional cases to add")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same cases")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || *n <= 0 {
		return usageError{"seed needs --cases N (N > 0)"}
	}
	sess, done, err := login(e, *data)
	if err != nil {
		return err
	}
	defer done()
	added, err := sess.Seed(context.Background(), *n, *seed)
	if err != nil {
		return explainCasework(err)
	}
	fmt.Fprintf(e.stdout, "%d fictional cases added\n", added)
	return nil
}
