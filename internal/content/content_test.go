package content

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestLineOf(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"list\": [\n    {\"id\": \"x\"},\n    {\n      \"id\": \"y\"\n    }\n  ]\n}\n")
	for _, tc := range []struct {
		at   []any
		want int
	}{
		{[]any{"a"}, 2}, {[]any{"list"}, 3}, {[]any{"list", 0, "id"}, 4}, {[]any{"list", 1}, 5},
		{[]any{"list", 1, "id"}, 6}, {[]any{"list", 2}, 0}, {[]any{"nope"}, 0}, {[]any{"a", "b"}, 0},
	} {
		if got := LineOf(data, tc.at...); got != tc.want {
			t.Errorf("LineOf(%v) = %d, want %d", tc.at, got, tc.want)
		}
	}
}

func TestDecodeNamesTheLine(t *testing.T) {
	var v struct {
		A int    `json:"a"`
		B string `json:"b"`
	}
	for _, tc := range []struct {
		name, data, rule string
		line             int
	}{
		{"syntax", "{\n  \"a\": 1\n  \"b\": \"x\"\n}", RuleSyntax, 3},
		{"type", "{\n  \"a\": \"one\"\n}", RuleType, 2},
		{"unknown name", "{\n  \"a\": 1,\n  \"c\": 2\n}", RuleUnknown, 3},
		{"cut short", "{\n  \"a\": 1,\n", RuleSyntax, 3},
		{"trailing data", "{\"a\": 1}\n{}", RuleSyntax, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Decode(File{Path: "x.json", Data: []byte(tc.data)}, &v)
			if p == nil || p.Rule != tc.rule || p.Line != tc.line {
				t.Errorf("Decode = %+v, want %s at line %d", p, tc.rule, tc.line)
			}
		})
	}
	if p := Decode(File{Path: "x.json", Data: []byte(`{"a": 2, "b": "ok"}`)}, &v); p != nil || v.A != 2 {
		t.Errorf("a good file: %v %+v", p, v)
	}
}

func TestFilesOfficeReplacesAndAdds(t *testing.T) {
	fsys := fstest.MapFS{
		"g/one.json": {Data: []byte(`"shipped one"`)},
		"g/two.json": {Data: []byte(`"shipped two"`)},
		"g/note.txt": {Data: []byte(`not json`)},
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"two.json": `"office two"`, "three.JSON": `"office three"`, "readme.txt": "x"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files, problems := Files(fsys, "g", dir)
	if len(problems) != 0 || len(files) != 3 {
		t.Fatalf("files %v problems %v", files, problems)
	}
	want := []struct {
		data   string
		office bool
	}{{`"shipped one"`, false}, {`"office three"`, true}, {`"office two"`, true}}
	for i, w := range want {
		if string(files[i].Data) != w.data || files[i].Office != w.office {
			t.Errorf("file %d: %s %v", i, files[i].Data, files[i].Office)
		}
	}
	if files, problems := Files(fsys, "g", filepath.Join(dir, "missing")); len(problems) != 0 || len(files) != 2 {
		t.Errorf("a missing office folder: %v %v", files, problems)
	}
}

func TestTextIn(t *testing.T) {
	tx := Text{"en": "Hello", "fr": "Bonjour", "pt": ""}
	if tx.In("fr") != "Bonjour" || tx.In("pt") != "Hello" || tx.In("de") != "Hello" {
		t.Error("In does not fall back to English")
	}
	if m := tx.Missing(); len(m) != 1 || m[0] != "pt" {
		t.Errorf("Missing %v", m)
	}
}
