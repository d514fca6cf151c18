package ui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/amparo-app/amparo/internal/i18n"
)

// screenshotDir is where TestScreenshots writes the PNGs: the folder named
// by AMPARO_SCREENSHOTS to look at them, else a temporary folder.
func screenshotDir(t *testing.T) string {
	if dir := os.Getenv("AMPARO_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestScreenshots renders every screen of the shell at 1366x768 in each
// language with the software painter, so they can be looked at:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run Screenshots ./internal/ui/
func TestScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			f := newShell(t)
			f.shell.Show(SectionSettings)
			if err := f.shell.SetLanguage(code); err != nil {
				t.Fatal(err)
			}
			writePNG(t, filepath.Join(dir, code+"-settings-changed.png"), f.w.Canvas().Capture())
			for _, sec := range Sections() {
				f.shell.Show(sec)
				img := f.w.Canvas().Capture()
				if img.Bounds().Dx() != int(laptop.Width) || img.Bounds().Dy() != int(laptop.Height) {
					t.Fatalf("capture is %v", img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-"+sectionFile(sec)+".png"), img)
			}
			f.shell.ShowAbout()
			writePNG(t, filepath.Join(dir, code+"-about.png"), f.w.Canvas().Capture())
			f.w.Canvas().Overlays().Remove(f.w.Canvas().Overlays().Top())
			f.shell.ShowHelp()
			writePNG(t, filepath.Join(dir, code+"-help.png"), f.w.Canvas().Capture())
			f.w.Canvas().Overlays().Remove(f.w.Canvas().Overlays().Top())

			f.w.SetContent(NewProblemScreen(Problem{
				Kind:       ProblemCorrupt,
				Detail:     `C:\Users\aminata\AppData\Roaming\amparo\amparo.db`,
				BackupPath: `C:\Users\aminata\AppData\Roaming\amparo\backups\amparo-2026-11-26.db`,
				OnRestore:  func() {},
				OnQuit:     func() {},
			}))
			writePNG(t, filepath.Join(dir, code+"-problem.png"), f.w.Canvas().Capture())

			// The smallest window Amparo restores must still show the
			// whole navigation.
			f.w.Resize(MinWindowSize)
			f.shell.rebuild()
			f.shell.Show(SectionSettings)
			writePNG(t, filepath.Join(dir, code+"-settings-small.png"), f.w.Canvas().Capture())
			scrollToEnd(t, f.content())
			writePNG(t, filepath.Join(dir, code+"-settings-small-end.png"), f.w.Canvas().Capture())
		})
	}
}

// darkTheme shows Amparo's theme in its dark variant, as a laptop set to
// dark mode would.
type darkTheme struct{ fyne.Theme }

func (d darkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return d.Theme.Color(n, theme.VariantDark)
}

func TestScreenshotDark(t *testing.T) {
	f := newShell(t)
	// Switch while the window is open, as the OS would.
	fyne.CurrentApp().Settings().SetTheme(darkTheme{NewTheme()})
	writePNG(t, filepath.Join(screenshotDir(t), "en-dark-dashboard.png"), f.w.Canvas().Capture())
	f.shell.Show(SectionSettings)
	writePNG(t, filepath.Join(screenshotDir(t), "en-dark-settings.png"), f.w.Canvas().Capture())
}

// scrollToEnd scrolls the first vertical scroller inside o to its end.
func scrollToEnd(t *testing.T, o fyne.CanvasObject) *container.Scroll {
	t.Helper()
	var sc *container.Scroll
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && sc == nil {
			sc = s
		}
	})
	if sc == nil {
		t.Fatal("no scroller")
	}
	sc.ScrollToBottom()
	return sc
}

// TestSettingsFitSmallWindow scrolls Settings to its end in the smallest
// window and checks the last buttons are fully visible, not cut off by a
// wrong height of wrapped text.
func TestSettingsFitSmallWindow(t *testing.T) {
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			f := newShell(t)
			f.w.Resize(MinWindowSize)
			f.shell.Show(SectionSettings)
			if err := f.shell.SetLanguage(code); err != nil {
				t.Fatal(err)
			}
			sc := scrollToEnd(t, f.content())
			about := findButton(f.content(), catalog(t, code)["about.title"])
			d := fyne.CurrentApp().Driver()
			bottom := d.AbsolutePositionForObject(about).Y + about.Size().Height
			visible := d.AbsolutePositionForObject(sc).Y + sc.Size().Height
			if bottom > visible+0.5 {
				t.Errorf("the About button ends at %.0f, below the visible end %.0f", bottom, visible)
			}
		})
	}
}

func sectionFile(sec Section) string {
	return [...]string{"dashboard", "cases", "referrals", "exchange", "partners", "reports", "settings"}[sec]
}

// TestShellGoldenEnglish compares the English shell with the images kept
// under testdata/; a difference writes testdata/failed/... to look at.
func TestShellGoldenEnglish(t *testing.T) {
	f := newShell(t)
	test.AssertImageMatches(t, "shell_dashboard_en.png", f.w.Canvas().Capture())
	f.shell.Show(SectionSettings)
	test.AssertImageMatches(t, "shell_settings_en.png", f.w.Canvas().Capture())
}
