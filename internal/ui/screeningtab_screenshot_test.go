package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
)

// TestScreeningTabScreenshots renders the Screening tab of a boy's case
// file with a flag, at 1280x720, in English and French, before and after
// saving, scrolled to its cards and its end:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run ScreeningTabScreenshots ./internal/ui/
func TestScreeningTabScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	size := fyne.NewSize(1280, 720)
	for _, code := range []string{"en", "fr"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			d.w.Resize(size)
			shot := func(name string) {
				t.Helper()
				img := d.w.Canvas().Capture()
				if img.Bounds().Dx() != int(size.Width) || img.Bounds().Dy() != int(size.Height) {
					t.Errorf("%s: capture is %v, the window grew", name, img.Bounds())
				}
				writePNG(t, filepath.Join(dir, code+"-screening-"+name+".png"), img)
			}
			boy := aBoy()
			boy.Trafficking.Control = []string{"DebtBondage"}
			c := d.addCase(t, boy)
			_, p := screeningOf(t, d, c.ID)
			shot("1-open")
			scrollTo(p.scroll, p.dims["coercive-recruitment"].box)
			shot("1-open-preticked")
			tapIndicators(t, p, "dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-documents")
			p.scroll.ScrollToTop()
			shot("2-flag")
			scrollTo(p.scroll, p.dims["deceptive-recruitment"].box)
			shot("3-cards")
			scrollTo(p.scroll, p.dims["exploitation"].box)
			shot("4-exploitation")
			p.scroll.ScrollToBottom()
			shot("5-end")
			test.Tap(p.saveBottom)
			p = screeningOn(t, caseFileOf(t, &d.shellFixture))
			shot("6-saved")
			p.exploitSel.SetSelected(p.exploitOpts[1].label)
			shot("7-sexual")
			scrollTo(p.scroll, p.dims["deceptive-recruitment"].box)
			shot("8-sexual-preticked")

			// A closed adult case: read, not changed.
			a := d.addCase(t, anAdult())
			_, p = screeningOf(t, d, a.ID)
			tapIndicators(t, p, "dr-job-nature", "dr-wages")
			test.Tap(p.saveButton)
			if _, err := d.sess.CloseCase(context.Background(), a.ID, domain.Closure{Reason: domain.ClosedGoalsMet}); err != nil {
				t.Fatal(err)
			}
			screeningOf(t, d, a.ID)
			shot("9-closed")
		})
	}
}

// TestScreeningTabSmallWindow: in the smallest window Amparo restores the
// tab scrolls, it does not make the window grow.
func TestScreeningTabSmallWindow(t *testing.T) {
	d := newRealDesk(t, "fr")
	d.w.Resize(MinWindowSize)
	boy := aBoy()
	boy.Trafficking.Control = []string{"DebtBondage", "FalsePromises"}
	c := d.addCase(t, boy)
	_, p := screeningOf(t, d, c.ID)
	tapIndicators(t, p, "ex-excessive-hours", "ex-low-pay")
	img := d.w.Canvas().Capture()
	if img.Bounds().Dx() != int(MinWindowSize.Width) || img.Bounds().Dy() != int(MinWindowSize.Height) {
		t.Errorf("capture is %v, the window grew", img.Bounds())
	}
	writePNG(t, filepath.Join(screenshotDir(t), "fr-small-screening.png"), img)
}
