package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// TestInterviewScreenshots renders the interview screens in each language:
//
//	AMPARO_SCREENSHOTS=/tmp/shots CGO_ENABLED=0 go test -run InterviewScreenshots ./internal/ui/
func TestInterviewScreenshots(t *testing.T) {
	dir := screenshotDir(t)
	for _, code := range i18n.Supported {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			shot := func(name string) {
				t.Helper()
				writePNG(t, filepath.Join(dir, code+"-interview-"+name+".png"), d.w.Canvas().Capture())
			}
			c := d.addCase(t, aBoy())
			d.addConsent(t, c.ID, domain.GivenByPerson)
			openInterviews(t, d, c.ID)
			shot("1-tab")
			test.Tap(findButton(d.content(), catalog(t, code)["interview.prepare"]))
			is := interviewOf(t, &d.shellFixture)
			test.Tap(is.start)
			shot("2-preparation")
			for _, ck := range is.checks {
				test.Tap(ck)
			}
			d.addConsent(t, c.ID, domain.GivenByGuardian)
			is.readConsent()
			test.Tap(is.interpreterChecked)
			test.Tap(is.start)
			test.Tap(is.nextPhase)
			shot("3-engage")
			test.Tap(is.distress)
			shot("4-distress")
			is.dlg.buttons[1].OnTapped()
			test.Tap(is.nextPhase)
			shot("5-break-offered")
			is.dlg.buttons[0].OnTapped()
			shot("6-break")
			test.Tap(is.resume)
			if _, _, err := d.sess.AnswerInterview(context.Background(), is.is.ID, map[string][]string{
				"trafficking.narrative": {"I carried water at the bus station."}}); err != nil {
				t.Fatal(err)
			}
			test.Tap(is.nextPhase)
			is.dlg.buttons[1].OnTapped()
			shot("7-clarify")
			is.scroll.Offset.Y = 520
			is.scroll.Refresh()
			shot("7b-questions")
			is.scroll.ScrollToBottom()
			shot("7c-questions-end")
			test.Tap(is.stop)
			shot("8-stop")
		})
	}
}
