// Package content loads the translated data files Amparo ships with
// (interview guides, indicator sets) and the copies an office puts in its
// data folder to complete or correct them, without rebuilding. A file that
// does not load is reported with its path and line; the others still load.
package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Text is a text in every language Amparo ships: "en", "fr" and "pt".
type Text map[string]string

// Languages are the languages every Text must have.
var Languages = []string{"en", "fr", "pt"}

// In returns the text in lang, or in English when lang is missing.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

// Missing lists the languages t lacks (or has only spaces in).
func (t Text) Missing() []string {
	var out []string
	for _, l := range Languages {
		if strings.TrimSpace(t[l]) == "" {
			out = append(out, l)
		}
	}
	return out
}

// Rules a Problem names; the window turns each into a sentence.
const (
	RuleRead      = "read"      // the file could not be read
	RuleSyntax    = "syntax"    // not valid JSON
	RuleType      = "type"      // a value of the wrong type (text for a number...)
	RuleUnknown   = "unknown"   // a name or value that is not known
	RuleRequired  = "required"  // something required is missing or empty
	RuleLanguage  = "language"  // a text lacks one of the languages
	RuleDuplicate = "duplicate" // an id used twice
	RuleOrder     = "order"     // parts out of their required order
	RuleRange     = "range"     // a number out of its bounds
)

// Problem is a fault in a data file: where (path and line, 0 when unknown),
// which rule, and a technical detail (a JSON name or value, never personal
// data).
type Problem struct {
	Path   string
	Line   int
	Rule   string
	Detail string
}

func (p Problem) Error() string {
	where := p.Path
	if p.Line > 0 {
		where = fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	if p.Detail == "" {
		return fmt.Sprintf("%s: %s", where, p.Rule)
	}
	return fmt.Sprintf("%s: %s: %s", where, p.Rule, p.Detail)
}

// File is one data file read: its path as shown to people, its bytes, and
// whether it came from the office's folder rather than the application.
type File struct {
	Path   string
	Data   []byte
	Office bool
}

// Files reads the *.json files of dir in the embedded fsys, then those of
// officeDir on disk (when it exists): an office file replaces the embedded
// file of the same name and adds the others. Files come sorted by name.
func Files(fsys fs.FS, dir, officeDir string) ([]File, []Problem) {
	byName := map[string]File{}
	var problems []Problem
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		problems = append(problems, Problem{Path: dir, Rule: RuleRead, Detail: err.Error()})
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			problems = append(problems, Problem{Path: n, Rule: RuleRead, Detail: err.Error()})
			continue
		}
		byName[path.Base(n)] = File{Path: n, Data: data}
	}
	if officeDir != "" {
		entries, err := os.ReadDir(officeDir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			problems = append(problems, Problem{Path: officeDir, Rule: RuleRead})
		}
		for _, e := range entries {
			if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				continue
			}
			p := filepath.Join(officeDir, e.Name())
			data, err := os.ReadFile(p)
			if err != nil {
				problems = append(problems, Problem{Path: p, Rule: RuleRead})
				continue
			}
			byName[e.Name()] = File{Path: p, Data: data, Office: true}
		}
	}
	files := make([]File, 0, len(byName))
	for _, f := range byName {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return filepath.Base(files[i].Path) < filepath.Base(files[j].Path) })
	return files, problems
}

// Decode decodes f.Data into v, refusing unknown names and trailing data.
// A fault comes back as a Problem with the line it is on.
func Decode(f File, v any) *Problem {
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra == nil {
			return &Problem{Path: f.Path, Line: lineAt(f.Data, dec.InputOffset()), Rule: RuleSyntax, Detail: "data after the end"}
		}
		return nil
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return &Problem{Path: f.Path, Line: lineAt(f.Data, syntax.Offset), Rule: RuleSyntax, Detail: syntax.Error()}
	case errors.As(err, &typ):
		return &Problem{Path: f.Path, Line: lineAt(f.Data, typ.Offset), Rule: RuleType, Detail: typ.Field}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return &Problem{Path: f.Path, Line: lineAt(f.Data, int64(len(f.Data))), Rule: RuleSyntax, Detail: "the file ends too early"}
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		line := 0
		if i := bytes.Index(f.Data, []byte(name)); i >= 0 {
			line = lineAt(f.Data, int64(i))
		}
		return &Problem{Path: f.Path, Line: line, Rule: RuleUnknown, Detail: strings.Trim(name, `"`)}
	}
	return &Problem{Path: f.Path, Rule: RuleSyntax, Detail: msg}
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// LineOf finds the line of the value at a path of object names (string)
// and array indexes (int) in a JSON document, e.g. LineOf(data, "phases",
// 2, "id"); 0 when there is no such value.
func LineOf(data []byte, at ...any) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	off, ok := seek(dec, at)
	if !ok {
		return 0
	}
	return lineAt(data, off)
}

// seek reads dec up to the value at path and returns the offset just after
// its name (in an object) or its first token (in an array).
func seek(dec *json.Decoder, at []any) (int64, bool) {
	tok, err := dec.Token()
	if err != nil {
		return 0, false
	}
	if len(at) == 0 {
		return dec.InputOffset(), true
	}
	switch tok {
	case json.Delim('{'):
		want, ok := at[0].(string)
		for ok && dec.More() {
			key, err := dec.Token()
			if err != nil {
				return 0, false
			}
			if key == want {
				if len(at) == 1 {
					return dec.InputOffset(), true
				}
				return seek(dec, at[1:])
			}
			if !skip(dec) {
				return 0, false
			}
		}
	case json.Delim('['):
		want, ok := at[0].(int)
		for i := 0; ok && dec.More(); i++ {
			if i == want {
				return seek(dec, at[1:])
			}
			if !skip(dec) {
				return 0, false
			}
		}
	}
	return 0, false
}

// skip reads one whole value.
func skip(dec *json.Decoder) bool {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}

// Checker collects the problems of one file, each with the line of the
// JSON path it names.
type Checker struct {
	File     File
	Problems []Problem
}

// Add records a problem at a JSON path.
func (c *Checker) Add(rule, detail string, at ...any) {
	c.Problems = append(c.Problems, Problem{Path: c.File.Path, Line: LineOf(c.File.Data, at...), Rule: rule, Detail: detail})
}

// Text checks that t has every language, naming the path when not.
func (c *Checker) Text(t Text, at ...any) {
	if len(t) == 0 {
		c.Add(RuleRequired, pathString(at), at...)
		return
	}
	for _, l := range t.Missing() {
		c.Add(RuleLanguage, pathString(at)+"."+l, at...)
	}
	for l := range t {
		if !isLanguage(l) {
			c.Add(RuleUnknown, pathString(at)+"."+l, at...)
		}
	}
}

// Texts checks a list of texts: at least min of them, each complete.
func (c *Checker) Texts(ts []Text, min int, at ...any) {
	if len(ts) < min {
		c.Add(RuleRequired, pathString(at), at...)
	}
	for i, t := range ts {
		c.Text(t, append(append([]any{}, at...), i)...)
	}
}

func isLanguage(l string) bool {
	for _, x := range Languages {
		if x == l {
			return true
		}
	}
	return false
}

// pathString writes a JSON path as "phases[2].id".
func pathString(at []any) string {
	var b strings.Builder
	for _, p := range at {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}

// PathString is pathString for callers that name a path in a detail.
func PathString(at ...any) string { return pathString(at) }

// LoadAll reads the *.json files of dir in fsys and of officeDir (see
// Files) and parses each with parse, keeping what parses and every problem.
func LoadAll[T any](fsys fs.FS, dir, officeDir string, parse func(File) (*T, []Problem)) ([]*T, []Problem) {
	files, problems := Files(fsys, dir, officeDir)
	var out []*T
	for _, f := range files {
		v, ps := parse(f)
		problems = append(problems, ps...)
		if v != nil {
			out = append(out, v)
		}
	}
	return out, problems
}

// Parse decodes f into v and runs check on it with a Checker and the
// file's name without its extension (which must be the record's id). It
// returns every problem found; none means v is good to use.
func Parse(f File, v any, check func(ck *Checker, name string)) []Problem {
	if p := Decode(f, v); p != nil {
		return []Problem{*p}
	}
	ck := &Checker{File: f}
	check(ck, strings.TrimSuffix(filepath.Base(f.Path), filepath.Ext(f.Path)))
	return ck.Problems
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether s is a data file id: lowercase letters and
// digits in words joined by single hyphens ("child-first-interview").
func ValidID(s string) bool { return idPattern.MatchString(s) }
