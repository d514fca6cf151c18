package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
)

// interviewsPanel is the Interviews tab of a case file: the interview not
// finished (to resume), a new interview with a guide, the pocket guides,
// and the sessions held before.
type interviewsPanel struct {
	s       *Shell
	c       domain.Case
	guides  []*guide.Guide
	message *widget.Label

	// For the tests.
	guideSel       *widget.Select
	prepare        *widget.Button
	resume         *widget.Button
	pocket         *widget.Button
	sessionsListed int
}

// interviewsTab is the Interviews tab of case c.
func (s *Shell) interviewsTab(c domain.Case) fyne.CanvasObject {
	svc := s.interviews()
	if svc == nil {
		return caseTabsUnavailable()
	}
	child, _ := casework.ChildStatus(c.Person, s.deps.now())
	p := &interviewsPanel{s: s, c: c, guides: s.deps.guides().Suggested(child), message: newMessage()}
	var parts []fyne.CanvasObject
	if b := contentProblemsBanner(s.deps.guides().Problems); b != nil {
		parts = append(parts, b)
	}
	list, err := svc.Interviews(context.Background(), c.ID)
	if err != nil {
		return wrapped(caseTabsErrorText(err, s.deps.now()))
	}
	var open *domain.InterviewSession
	for i := range list {
		if list[i].Open() {
			open = &list[i]
		}
	}
	if open != nil {
		parts = append(parts, p.openCard(*open))
	}
	parts = append(parts, p.newCard(open != nil), p.message)
	parts = append(parts, p.history(list)...)
	return container.NewVScroll(container.NewVBox(parts...))
}

// guideTitle is a guide's title in the window's language.
func guideTitle(g *guide.Guide) string { return g.Title.In(Language()) }

// openCard offers to resume the interview not finished.
func (p *interviewsPanel) openCard(open domain.InterviewSession) fyne.CanvasObject {
	title := open.GuideID
	if g := p.s.deps.guides().Get(open.GuideID); g != nil {
		title = guideTitle(g)
	}
	text := lang.L("interview.open", map[string]any{
		"Guide": title, "When": formatDateTime(open.StartedAt), "Name": p.s.staffName(open.InterviewerID)})
	b := newBanner(theme.HistoryIcon(), text, widget.WarningImportance)
	if open.InterviewerID != p.s.sess.User().ID {
		b.label.SetText(text + "\n" + lang.L("interview.open.notYours"))
		return b.box
	}
	p.resume = widget.NewButtonWithIcon(lang.L("interview.resume"), theme.MediaPlayIcon(), func() {
		p.s.app.touch()
		p.s.showCaseScreen(&caseScreenState{kind: screenInterview, caseID: p.c.ID, guideID: open.GuideID, interviewID: open.ID, tab: tabInterviews})
	})
	p.resume.Importance = widget.HighImportance
	return container.NewVBox(b.box, container.NewHBox(p.resume))
}

// newCard chooses a guide for a new interview, and offers its pocket guide.
func (p *interviewsPanel) newCard(busy bool) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(lang.L("interview.new"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if len(p.guides) == 0 {
		return container.NewVBox(heading, wrapped(lang.L("interview.noGuides")))
	}
	titles := make([]string, len(p.guides))
	for i, g := range p.guides {
		titles[i] = guideTitle(g)
	}
	summary := wrapped("")
	p.guideSel = widget.NewSelect(titles, func(string) {
		if g := p.selected(); g != nil {
			summary.SetText(g.Summary.In(Language()))
		}
	})
	p.prepare = widget.NewButtonWithIcon(lang.L("interview.prepare"), theme.NavigateNextIcon(), func() {
		p.s.app.touch()
		if g := p.selected(); g != nil {
			p.s.showCaseScreen(&caseScreenState{kind: screenInterview, caseID: p.c.ID, guideID: g.ID, tab: tabInterviews})
		}
	})
	p.prepare.Importance = widget.HighImportance
	p.pocket = widget.NewButtonWithIcon(lang.L("interview.pocket"), theme.DocumentPrintIcon(), func() {
		if g := p.selected(); g != nil {
			p.s.savePocketGuide(g, p.message)
		}
	})
	if p.s.deps.PocketGuidePDF == nil {
		p.pocket.Hide()
	}
	p.guideSel.SetSelectedIndex(0)
	hint := wrapped(lang.L("interview.suggested"))
	hint.Importance = widget.LowImportance
	switch {
	case isClosed(p.c):
		p.prepare.Disable()
		hint.SetText(lang.L("interview.closedCase"))
	case busy:
		p.prepare.Disable()
		hint.SetText(lang.L("interview.finishFirst"))
	}
	return container.NewVBox(heading, hint, p.guideSel, summary, container.NewHBox(p.prepare, p.pocket))
}

// isClosed reports whether the case is closed.
func isClosed(c domain.Case) bool {
	return c.Status == domain.StatusClosed || c.Status == domain.StatusClosedReferred
}

func (p *interviewsPanel) selected() *guide.Guide {
	i := p.guideSel.SelectedIndex()
	if i < 0 || i >= len(p.guides) {
		return nil
	}
	return p.guides[i]
}

// history lists the sessions held, the latest first.
func (p *interviewsPanel) history(list []domain.InterviewSession) []fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(lang.L("interview.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	out := []fyne.CanvasObject{widget.NewSeparator(), heading}
	if len(list) == 0 {
		return append(out, wrapped(lang.L("interview.history.none")))
	}
	for _, is := range list {
		p.sessionsListed++
		out = append(out, p.sessionCard(is), widget.NewSeparator())
	}
	return out
}

// sessionCard says what one session was: when, with which guide, by whom,
// how it ended, which phases it covered, its breaks and what it wrote.
func (p *interviewsPanel) sessionCard(is domain.InterviewSession) fyne.CanvasObject {
	g := p.s.deps.guides().Get(is.GuideID)
	title := is.GuideID
	if g != nil {
		title = guideTitle(g)
	}
	head := widget.NewLabelWithStyle(formatDateTime(is.StartedAt)+" · "+title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var outcome string
	switch is.Outcome {
	case domain.InterviewCompleted:
		outcome = lang.L("interview.outcome.completed")
	case domain.InterviewEndedEarly:
		outcome = lang.L("interview.outcome.endedEarly", map[string]any{"Reason": earlyReasonLabel(is.EndReason)})
	default:
		outcome = lang.L("interview.outcome.open")
	}
	phases := make([]string, 0, len(is.Phases))
	for _, id := range is.Covered() {
		phases = append(phases, phaseTitle(g, id))
	}
	lines := []string{
		lang.L("interview.by", map[string]any{"Name": p.s.staffName(is.InterviewerID)}) + " · " + outcome,
		lang.L("interview.phasesCovered", map[string]any{"Phases": strings.Join(phases, ", ")}),
		lang.L("interview.counts", map[string]any{"Breaks": strconv.Itoa(len(is.Breaks)), "Answers": strconv.Itoa(len(is.Filled))}),
	}
	if is.Language != "" {
		lines = append(lines, lang.L("interview.spokenLine", map[string]any{"Language": is.Language}))
	}
	if is.Interpreter != "" {
		lines = append(lines, lang.L("interview.withInterpreter"))
	}
	return container.NewVBox(head, wrapped(strings.Join(lines, "\n")))
}

// phaseTitle is a phase's title in the guide, or its plain name.
func phaseTitle(g *guide.Guide, id string) string {
	if g != nil {
		if ph, _ := g.Phase(id); ph != nil {
			return ph.Title.In(Language())
		}
	}
	switch id {
	case domain.PhasePrepare:
		return lang.L("interview.phase.prepare")
	case domain.PhaseEngage:
		return lang.L("interview.phase.engage")
	case domain.PhaseAccount:
		return lang.L("interview.phase.account")
	case domain.PhaseClarify:
		return lang.L("interview.phase.clarify")
	case domain.PhaseClosure:
		return lang.L("interview.phase.closure")
	case domain.PhaseEvaluation:
		return lang.L("interview.phase.evaluation")
	}
	return id
}

// earlyReasonLabel is an early end's reason in plain words.
func earlyReasonLabel(reason string) string {
	switch reason {
	case "person-asked":
		return lang.L("interview.reason.personAsked")
	case "needs-rest":
		return lang.L("interview.reason.needsRest")
	case "distress":
		return lang.L("interview.reason.distress")
	case "interruption":
		return lang.L("interview.reason.interruption")
	case "safety":
		return lang.L("interview.reason.safety")
	case "other":
		return lang.L("interview.reason.other")
	}
	return reason
}

// formatDateTime writes a time as the window's date and hour.
func formatDateTime(t time.Time) string {
	t = t.Local()
	return dayLabel(t.Format("2006-01-02")) + " " + t.Format("15:04")
}

// savePocketGuide renders g's pocket guide in the window's language and
// offers to save it; msg says how it went.
func (s *Shell) savePocketGuide(g *guide.Guide, msg *widget.Label) {
	s.savePDF(fmt.Sprintf("%s-%s.pdf", g.ID, Language()), func() ([]byte, error) {
		return s.deps.PocketGuidePDF(g, Language())
	}, msg)
}

// savePDF renders a document and offers to save it under a file name the
// person may change, then opens it in the system's viewer (to read or
// print). msg says how it went, in plain words; what failed is logged
// without the document's content.
func (s *Shell) savePDF(fileName string, render func() ([]byte, error), msg *widget.Label) {
	s.app.touch()
	data, err := render()
	if err != nil {
		fyne.LogError("render "+fileName, err)
		showMessage(msg, lang.L("document.failed"), widget.DangerImportance)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			fyne.LogError("save "+fileName, err)
			showMessage(msg, lang.L("document.saveFailed"), widget.DangerImportance)
			return
		}
		if w == nil {
			clear(data)
			return // cancelled
		}
		err = writeAll(w, data)
		clear(data)
		if err != nil {
			fyne.LogError("write "+fileName, err)
			showMessage(msg, lang.L("document.saveFailed"), widget.DangerImportance)
			return
		}
		showMessage(msg, lang.L("document.saved", map[string]any{"Path": w.URI().Path()}), widget.SuccessImportance)
		if u, err := url.Parse(w.URI().String()); err == nil && fyne.CurrentApp() != nil {
			if err := fyne.CurrentApp().OpenURL(u); err != nil {
				fyne.LogError("open "+fileName, err)
			}
		}
	}, s.w)
	d.SetFileName(fileName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// writeAll writes data and closes w.
func writeAll(w io.WriteCloser, data []byte) error {
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
