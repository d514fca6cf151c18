package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const langImport = "fyne.io/fyne/v2/lang"

// moduleRoot walks up from the test's folder to the folder holding go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

type keyUse struct {
	key string
	pos string
}

// scanKeys parses every non-test .go file of the module and returns the
// literal keys passed to Fyne's lang.L, lang.X, lang.Localize and
// lang.LocalizeKey, and the places that break the rules: a key that is not
// a string literal (the test could not check it), and any plural call
// (lang.N, lang.XN...), which would follow the OS locale's plural rule.
func scanKeys(t *testing.T, root string) (uses []keyUse, problems []string) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			if path != root {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // another module
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		local := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == langImport {
				local = "lang"
				if imp.Name != nil {
					local = imp.Name.Name
				}
			}
		}
		if local == "" {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != local {
				return true
			}
			where := rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
			switch sel.Sel.Name {
			case "L", "X", "Localize", "LocalizeKey":
			case "N", "XN", "LocalizePlural", "LocalizePluralKey":
				problems = append(problems, where+": lang."+sel.Sel.Name+" uses the OS locale's plural rule, not the chosen language's; use i18n.PluralCategory and two keys")
				return true
			default:
				return true
			}
			if len(call.Args) == 0 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				problems = append(problems, where+": the key of lang."+sel.Sel.Name+" must be a string literal so this test can check it")
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				problems = append(problems, where+": "+err.Error())
				return true
			}
			uses = append(uses, keyUse{key: key, pos: where})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatalf("scan %s: %v", root, err)
	}
	return uses, problems
}

func TestEveryKeyInCodeIsInEnglishCatalog(t *testing.T) {
	en, _ := readCatalog(t, "en")
	uses, problems := scanKeys(t, moduleRoot(t))
	for _, p := range problems {
		t.Error(p)
	}
	if len(uses) < 20 {
		t.Fatalf("found only %d lang.L/lang.X keys in the code: the scan is broken", len(uses))
	}
	for _, u := range uses {
		if _, ok := en[u.key]; !ok {
			t.Errorf("%s: key %q is missing from translations/en.json", u.pos, u.key)
		}
	}
}

// TestScanFindsKeys guards the scanner itself on a small made-up file.
func TestScanFindsKeys(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := `package x

import tr "fyne.io/fyne/v2/lang"

var k = "dynamic"

func f() {
	_ = tr.L("a.one")
	_ = tr.X("a.two", "Two")
	_ = tr.LocalizeKey(` + "`a.three`" + `, "Three")
	_ = tr.L(k)
	_ = tr.N("a.four", 2)
}
`
	if err := os.WriteFile(filepath.Join(root, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	uses, problems := scanKeys(t, root)
	var keys []string
	for _, u := range uses {
		keys = append(keys, u.key)
	}
	if strings.Join(keys, ",") != "a.one,a.two,a.three" {
		t.Errorf("keys = %v", keys)
	}
	if len(problems) != 2 {
		t.Errorf("problems = %q, want the dynamic key and the plural call", problems)
	}
}

// fyneKeys are the keys Fyne's own widgets and dialogs look up; our
// catalogs carry them so Fyne's strings follow the chosen language too.
// internal/ui tests that this list covers Fyne's own translation files.
var fyneKeys = []string{
	"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
	"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste",
	"Quit", "Redo", "Save", "Select all", "Show Hidden Files", "Undo", "Yes",
	"file.name", "file.parent",
	"monday", "monday.short", "tuesday", "tuesday.short", "wednesday", "wednesday.short",
	"thursday", "thursday.short", "friday", "friday.short", "saturday", "saturday.short",
	"sunday", "sunday.short",
}

func TestEveryCatalogKeyIsUsed(t *testing.T) {
	en, _ := readCatalog(t, "en")
	uses, _ := scanKeys(t, moduleRoot(t))
	used := map[string]bool{}
	for _, u := range uses {
		used[u.key] = true
	}
	for _, k := range fyneKeys {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks Fyne's key %q", k)
		}
		used[k] = true
	}
	for key := range en {
		if !used[key] {
			t.Errorf("en.json key %q is used nowhere in the code: remove it from the three files", key)
		}
	}
}
