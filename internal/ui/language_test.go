package ui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/i18n"
)

// setOSLocale makes the OS locale what Fyne reads on Linux and BSD.
// On Windows Fyne asks GetUserDefaultLocaleName and gets one tag such as
// "fr-SN" or "ha-Latn-NG"; after that call, the same code runs as here
// with LANG set to that tag, so the Windows-style tags below cover it.
func setOSLocale(t *testing.T, language, lcAll, lang string) {
	t.Helper()
	t.Setenv("LANGUAGE", language)
	t.Setenv("LC_ALL", lcAll)
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

func catalog(t *testing.T, code string) map[string]string {
	t.Helper()
	m, err := i18n.Strings(code)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// osLocales are OS settings seen on laptops in the field and in tests:
// Linux (LANG, LANGUAGE lists, C) and Windows-style tags with regions and
// scripts, including languages Fyne has its own strings for (de, es, pt-BR)
// and ones go-i18n has no plural rule for.
var osLocales = []struct {
	name, language, lcAll, lang string
}{
	{"en_US", "", "", "en_US.UTF-8"},
	{"fr_FR", "", "", "fr_FR.UTF-8"},
	{"pt_PT", "", "", "pt_PT.UTF-8"},
	{"pt_BR", "", "", "pt_BR.UTF-8"},
	{"de_DE", "", "", "de_DE.UTF-8"},
	{"es_ES", "", "", "es_ES.UTF-8"},
	{"C", "", "", "C"},
	{"C.UTF-8", "", "", "C.UTF-8"},
	{"POSIX via LC_ALL", "", "POSIX", "fr_FR.UTF-8"},
	{"nothing set", "", "", ""},
	{"LANGUAGE list", "de:fr:en", "", "en_GB.UTF-8"},
	{"LANGUAGE unknown then Fyne's", "dyo:ru", "", "en_GB.UTF-8"},
	{"windows fr-SN", "", "", "fr-SN"},
	{"windows pt-CV", "", "", "pt-CV"},
	{"windows en-NG", "", "", "en-NG"},
	{"windows ha-Latn-NG", "", "", "ha-Latn-NG"},
	{"windows wo-SN", "", "", "wo-SN"},
	{"windows kea-CV", "", "", "kea-CV"},
	{"windows dyo-SN (no plural rule)", "", "", "dyo-SN"},
	{"windows zh-Hans-CN", "", "", "zh-Hans-CN"},
	{"garbage", "", "", "not a locale!"},
}

// TestChosenLanguageWinsOverOSLocale is the heart of the language design:
// whatever the OS says, what Amparo and Fyne show is the chosen language,
// including Fyne's dialog buttons and day names.
func TestChosenLanguageWinsOverOSLocale(t *testing.T) {
	test.NewTempApp(t)
	probes := []string{"nav.cases", "settings.language", "Yes", "No", "Cancel", "OK", "Confirm", "Save", "Quit", "file.parent", "monday.short"}
	for _, loc := range osLocales {
		t.Run(loc.name, func(t *testing.T) {
			setOSLocale(t, loc.language, loc.lcAll, loc.lang)
			// Switch back and forth: a later choice must replace an
			// earlier one completely.
			for _, code := range []string{"fr", "pt", "en", "pt", "fr"} {
				if err := UseLanguage(code); err != nil {
					t.Fatalf("UseLanguage(%s): %v", code, err)
				}
				want := catalog(t, code)
				for _, key := range probes {
					if got := lang.L(key); got != want[key] {
						t.Errorf("after UseLanguage(%s), %q = %q, want %q", code, key, got, want[key])
					}
				}
				if got := lang.X("file.name", "Name"); got != want["file.name"] {
					t.Errorf("after UseLanguage(%s), file.name = %q", code, got)
				}
				if Language() != code {
					t.Errorf("Language() = %q, want %q", Language(), code)
				}
			}
		})
	}
}

// TestFyneDialogsFollowChosenLanguage opens Fyne's own dialogs and reads
// their buttons.
func TestFyneDialogsFollowChosenLanguage(t *testing.T) {
	test.NewTempApp(t)
	setOSLocale(t, "", "", "de_DE.UTF-8") // Fyne has German strings of its own
	for _, tt := range []struct{ code, yes, no, ok string }{
		{"fr", "Oui", "Non", "OK"},
		{"pt", "Sim", "Não", "OK"},
		{"en", "Yes", "No", "OK"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			if err := UseLanguage(tt.code); err != nil {
				t.Fatal(err)
			}
			w := test.NewWindow(widget.NewLabel(""))
			defer w.Close()
			w.Resize(DefaultWindowSize)

			dialog.NewConfirm("?", "?", func(bool) {}, w).Show()
			overlay := w.Canvas().Overlays().Top()
			if findButton(overlay, tt.yes) == nil || findButton(overlay, tt.no) == nil {
				t.Errorf("confirm dialog buttons are %q, want %q and %q", buttonTexts(overlay), tt.yes, tt.no)
			}
			w.Canvas().Overlays().Remove(overlay)

			dialog.NewError(errors.New("x"), w).Show()
			overlay = w.Canvas().Overlays().Top()
			if findButton(overlay, tt.ok) == nil || findText(overlay, catalog(t, tt.code)["Error"]) == nil {
				t.Errorf("error dialog: buttons %q, texts %q", buttonTexts(overlay), texts(overlay))
			}
		})
	}
}

func TestUseLanguageRefusesUnsupported(t *testing.T) {
	test.NewTempApp(t)
	if err := UseLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	if err := UseLanguage("de"); err == nil {
		t.Error("UseLanguage(de): want an error")
	}
	if Language() != "fr" || lang.L("nav.cases") != catalog(t, "fr")["nav.cases"] {
		t.Error("a refused language must leave the current one in place")
	}
}

func TestSystemLanguage(t *testing.T) {
	for _, tt := range []struct{ language, lang, want string }{
		{"", "fr_SN.UTF-8", "fr"},
		{"", "pt_CV.UTF-8", "pt"},
		{"", "en_NG.UTF-8", "en"},
		{"", "de_DE.UTF-8", "en"},
		{"", "C", "en"},
		{"", "", "en"},
		{"fr:en", "de_DE.UTF-8", "fr"},
		{"", "pt-CV", "pt"}, // as Windows names it
	} {
		setOSLocale(t, tt.language, "", tt.lang)
		if got := SystemLanguage(); got != tt.want {
			t.Errorf("LANGUAGE=%q LANG=%q: SystemLanguage() = %q, want %q", tt.language, tt.lang, got, tt.want)
		}
	}
}

func TestLoadLanguage(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()

	t.Run("first start follows the OS and saves nothing", func(t *testing.T) {
		setOSLocale(t, "", "", "pt_PT.UTF-8")
		prefs := newFakePrefs()
		code, err := LoadLanguage(ctx, prefs)
		if err != nil || code != "pt" || Language() != "pt" {
			t.Fatalf("LoadLanguage = %q, %v", code, err)
		}
		if _, ok := prefs.get(SettingLanguage); ok {
			t.Error("the guessed language must not be saved")
		}
		if lang.L("nav.cases") != "Casos" {
			t.Errorf("nav.cases = %q", lang.L("nav.cases"))
		}
	})
	t.Run("first start on an OS language Amparo lacks is English", func(t *testing.T) {
		setOSLocale(t, "", "", "de_DE.UTF-8")
		code, err := LoadLanguage(ctx, newFakePrefs())
		if err != nil || code != "en" || lang.L("Cancel") != "Cancel" {
			t.Fatalf("LoadLanguage = %q, %v; Cancel = %q", code, err, lang.L("Cancel"))
		}
	})
	t.Run("saved choice wins over the OS", func(t *testing.T) {
		setOSLocale(t, "", "", "pt_PT.UTF-8")
		prefs := newFakePrefs()
		prefs.set(SettingLanguage, "fr")
		code, err := LoadLanguage(ctx, prefs)
		if err != nil || code != "fr" || lang.L("nav.cases") != "Cas" || lang.L("Yes") != "Oui" {
			t.Fatalf("LoadLanguage = %q, %v", code, err)
		}
	})
	t.Run("unknown saved value falls back to the OS", func(t *testing.T) {
		setOSLocale(t, "", "", "fr_FR.UTF-8")
		prefs := newFakePrefs()
		prefs.set(SettingLanguage, "xx")
		if code, err := LoadLanguage(ctx, prefs); err != nil || code != "fr" {
			t.Fatalf("LoadLanguage = %q, %v", code, err)
		}
	})
	t.Run("unreadable settings still give a language", func(t *testing.T) {
		setOSLocale(t, "", "", "pt_PT.UTF-8")
		prefs := newFakePrefs()
		prefs.readErr = errors.New("disk error")
		code, err := LoadLanguage(ctx, prefs)
		if err == nil || code != "pt" || Language() != "pt" {
			t.Fatalf("LoadLanguage = %q, %v", code, err)
		}
	})
}

// fyneModuleDir finds the Fyne module in use, to compare with its files.
func fyneModuleDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list fyne: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestFyneLanguagesAndKeysMatchFyne fails when a Fyne upgrade adds a
// language (it must join fyneLanguages, or an OS in that language would
// get Fyne's strings for it) or a key our catalogs lack.
func TestFyneLanguagesAndKeysMatchFyne(t *testing.T) {
	dir := filepath.Join(fyneModuleDir(t), "lang", "translations")
	files, err := filepath.Glob(filepath.Join(dir, "base.*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Fyne translations in %s: %v", dir, err)
	}
	var tags []string
	for _, f := range files {
		tag := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "base."), ".json")
		tags = append(tags, strings.ReplaceAll(tag, "_", "-"))
	}
	slices.Sort(tags)
	want := slices.Clone(fyneLanguages)
	slices.Sort(want)
	if !slices.Equal(tags, want) {
		t.Errorf("Fyne ships %v, fyneLanguages is %v", tags, want)
	}

	data, err := os.ReadFile(filepath.Join(dir, "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fyneEN map[string]any
	if err := json.Unmarshal(data, &fyneEN); err != nil {
		t.Fatal(err)
	}
	en := catalog(t, "en")
	for key := range fyneEN {
		if _, ok := en[key]; !ok {
			t.Errorf("Fyne's key %q is missing from translations/en.json: Fyne would show it in the OS language", key)
		}
	}
}

func TestSystemTags(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"fr_SN.UTF-8", []string{"fr-SN", "fr-SN", "fr"}},
		{"ha-Latn-NG", []string{"ha-NG-Latn", "ha-NG", "ha"}},
		{"C.UTF-8", []string{"en", "en", "en"}},
		{"not a locale!", nil}, // Fyne reads "und": not worth registering
	} {
		setOSLocale(t, "", "", tt.lang)
		if got := systemTags(); !slices.Equal(got, tt.want) {
			t.Errorf("LANG=%q: systemTags() = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestLoadLanguageWithoutPrefs(t *testing.T) {
	test.NewTempApp(t)
	setOSLocale(t, "", "", "fr_SN.UTF-8")
	if code, err := LoadLanguage(context.Background(), nil); err != nil || code != "fr" {
		t.Errorf("LoadLanguage(nil) = %q, %v", code, err)
	}
}
