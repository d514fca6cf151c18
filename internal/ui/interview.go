package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/casework"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
)

// draftInterview names the interview screen's draft: the notes and the
// answers typed and not saved yet.
const draftInterview = "cases.interview"

// interviewScreen is interview mode: the preparation checks, then a calm
// view with large text of one phase at a time (its purpose, the next
// prompt, what is already known, the questions that fill the case, the
// interviewer's notes), with Pause, Stop and the distress protocol always
// in reach. Every step is saved in the session record, so an interview
// interrupted by a lock, a crash or a power cut resumes where it was.
type interviewScreen struct {
	s   *Shell
	st  *caseScreenState
	svc InterviewService
	g   *guide.Guide
	c   domain.Case
	is  domain.InterviewSession // zero until started
	// earlier are the sessions of the case before this one.
	earlier []domain.InterviewSession

	box     *fyne.Container
	message *widget.Label

	// Preparation.
	checks             map[string]*widget.Check
	checkErrors        map[string]*widget.Label
	consentPerson      bool
	consentAdult       bool
	consentRows        map[string]*fyne.Container
	interpreter        *activityEntry
	interpreterChecked *widget.Check
	spoken             *activityEntry
	present            *activityEntry
	start              *widget.Button
	recordConsent      *widget.Button

	// A phase.
	notes        *activityEntry
	notesByPhase map[string]string
	answers      map[string]*answerInput
	promptLabel  *widget.Label
	promptCount  *widget.Label
	prevPrompt   *widget.Button
	nextPrompt   *widget.Button
	prevPhase    *widget.Button
	nextPhase    *widget.Button
	finish       *widget.Button
	saveAnswers  *widget.Button
	answersMsg   *widget.Label
	pause        *widget.Button
	stop         *widget.Button
	distress     *widget.Button
	resume       *widget.Button
	known        *widget.Label
	scroll       *container.Scroll
	scrollOf     string // what scroll shows: "preparation", or a phase and prompt

	// restored holds a draft given back after a lock, applied as the
	// screen is built.
	restored map[string]string
	// For the tests: the dialog on show, if any.
	dlg *interviewDialog
}

// interviewView builds the interview screen of st.
func (s *Shell) interviewView(st *caseScreenState) fyne.CanvasObject {
	is := &interviewScreen{s: s, st: st, box: container.NewStack(), message: newMessage(), notesByPhase: map[string]string{}}
	is.svc = s.interviews()
	cs := s.cases()
	if is.svc == nil || cs == nil {
		return wrapped(lang.L("error.forbidden"))
	}
	ctx := context.Background()
	c, err := cs.Case(ctx, st.caseID)
	if err != nil {
		return wrapped(refusedText(err, s.deps.now()))
	}
	is.c = c
	if st.interviewID != "" {
		sess, err := is.svc.Interview(ctx, st.interviewID)
		if err != nil {
			return wrapped(refusedText(err, s.deps.now()))
		}
		is.is = sess
		st.guideID = sess.GuideID
		for p, n := range sess.Notes {
			is.notesByPhase[p] = n
		}
	}
	is.g = s.deps.guides().Get(st.guideID)
	if is.g == nil {
		return container.NewVBox(wrapped(lang.L("interview.guideMissing")), is.backButton())
	}
	if list, err := is.svc.Interviews(ctx, c.ID); err == nil {
		for _, x := range list {
			if x.ID != is.is.ID {
				is.earlier = append(is.earlier, x)
			}
		}
	}
	s.addDrafter(draftInterview, is)
	is.render()
	return is.box
}

// lang is the language of the guide's texts: the window's.
func (is *interviewScreen) lang() string { return Language() }

// render shows the step the interview is at.
func (is *interviewScreen) render() {
	var view fyne.CanvasObject
	switch {
	case is.is.ID == "":
		view = is.prepView()
	case is.is.OnBreak():
		view = is.pauseView()
	default:
		view = is.phaseView()
	}
	is.box.Objects = []fyne.CanvasObject{view}
	is.box.Refresh()
	is.restored = nil
}

// backButton goes back to the case file's Interviews tab.
func (is *interviewScreen) backButton() *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("interview.back"), theme.NavigateBackIcon(), func() { is.leave("") })
	b.Importance = widget.LowImportance
	return b
}

// leave goes back to the case file, showing notice there.
func (is *interviewScreen) leave(notice string) {
	is.s.app.touch()
	delete(is.s.drafters, draftInterview)
	is.s.showCaseScreen(&caseScreenState{kind: screenCaseFile, caseID: is.st.caseID, tab: tabInterviews, notice: notice})
}

// title is the line over every step: the guide and the case.
func (is *interviewScreen) title(step string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(is.g.Title.In(is.lang()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	t.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel(is.c.Code + " · " + step)
	sub.Importance = widget.LowImportance
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(t, sub)
}

// errorText is one plain sentence for an error of the interview services.
func (is *interviewScreen) errorText(err error) string {
	var refused *casework.RuleError
	if errors.As(err, &refused) {
		switch refused.Rule {
		case casework.RuleInterviewOpen:
			return lang.L("interview.rule.open")
		case casework.RuleInterviewEnded:
			return lang.L("interview.rule.ended")
		case casework.RuleNotInterviewer:
			return lang.L("interview.rule.notInterviewer")
		case casework.RuleClosed:
			return lang.L("interview.rule.closed")
		case casework.RuleStale:
			return lang.L("casetabs.error.stale")
		}
	}
	return caseTabsErrorText(err, is.s.deps.now())
}

// Draft is what was typed and not saved: the notes of the phase on show
// and the answers.
func (is *interviewScreen) Draft() map[string]string {
	d := map[string]string{}
	if is.notes != nil && is.notes.Text != "" {
		d["notes"] = is.notes.Text
	}
	for f, a := range is.answers {
		if v := a.values(); len(v) > 0 {
			d["answer."+f] = strings.Join(v, "\x1f")
		}
	}
	return d
}

// RestoreDraft gives back what was typed before a lock; the screen built
// after the unlock applies it.
func (is *interviewScreen) RestoreDraft(d map[string]string) {
	is.restored = d
	if is.notes != nil {
		is.applyRestored()
	}
}

func (is *interviewScreen) applyRestored() {
	if is.restored == nil {
		return
	}
	if n, ok := is.restored["notes"]; ok && is.notes != nil {
		is.notes.SetText(n)
	}
	for f, a := range is.answers {
		if v, ok := is.restored["answer."+f]; ok {
			a.set(strings.Split(v, "\x1f"))
		}
	}
	is.restored = nil
}

// ClearDraft forgets the typed text (the screen is going away).
func (is *interviewScreen) ClearDraft() {
	if is.notes != nil {
		is.notes.SetText("")
	}
	for _, a := range is.answers {
		a.set(nil)
	}
}

// bigText is the interview's calm, larger text: every size a quarter up.
type bigText struct{ fyne.Theme }

func (b bigText) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameSubHeadingText, theme.SizeNameHeadingText, theme.SizeNameInlineIcon:
		return b.Theme.Size(n) * 1.25
	}
	return b.Theme.Size(n)
}

// larger shows o with the interview's larger text.
func (is *interviewScreen) larger(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(o, bigText{fyne.CurrentApp().Settings().Theme()})
}

// phaseIndex is the index of the session's phase in the guide.
func (is *interviewScreen) phaseIndex() int {
	_, i := is.g.Phase(is.is.Phase)
	return max(i, 0)
}

// alwaysThere are Pause, Stop and the distress protocol.
func (is *interviewScreen) alwaysThere() fyne.CanvasObject {
	is.distress = widget.NewButtonWithIcon(lang.L("interview.distress"), theme.WarningIcon(), is.showDistress)
	is.distress.Importance = widget.WarningImportance
	is.pause = widget.NewButtonWithIcon(lang.L("interview.pause"), theme.MediaPauseIcon(), is.doPause)
	is.pause.Importance = widget.HighImportance
	is.stop = widget.NewButtonWithIcon(lang.L("interview.stop"), theme.MediaStopIcon(), is.showStop)
	is.stop.Importance = widget.DangerImportance
	return container.NewHBox(is.distress, is.pause, is.stop)
}

// keepScroll scrolls o; drawn again for the same step (after consent is
// recorded, after answers are saved), it stays where the person was.
func (is *interviewScreen) keepScroll(step string, o fyne.CanvasObject) *container.Scroll {
	var offset fyne.Position
	if is.scroll != nil && is.scrollOf == step {
		offset = is.scroll.Offset
	}
	sc := container.NewVScroll(o)
	sc.Offset = offset
	is.scrollOf = step
	return sc
}

// ctx is the context of the screen's calls.
func (is *interviewScreen) ctx() context.Context { return context.Background() }

// knownValue is what the case already holds for a field, in plain words;
// "" when nothing.
func knownValue(c domain.Case, field string) string {
	vals := c.FieldValue(field)
	if len(vals) == 0 {
		return ""
	}
	if f, ok := domain.LookupCaseField(field); ok {
		switch f.Kind {
		case domain.FieldChoice, domain.FieldMulti:
			return labelsOf(fieldOptions(field), vals)
		case domain.FieldDate:
			return dayLabel(vals[0])
		}
	}
	return strings.Join(vals, ", ")
}

// caseFieldName is a case field's name in the window.
func caseFieldName(field string) string {
	switch field {
	case "person.firstName":
		return lang.L("case.person.firstName")
	case "person.lastName":
		return lang.L("case.person.lastName")
	case "person.gender":
		return lang.L("case.person.gender")
	case "person.birthDate":
		return lang.L("case.person.birthDate")
	case "person.ageEstimate":
		return lang.L("case.person.ageEstimate")
	case "person.education":
		return lang.L("case.person.education")
	case "person.maritalStatus":
		return lang.L("case.person.maritalStatus")
	case "person.children":
		return lang.L("case.person.children")
	case "person.disability":
		return lang.L("case.person.disability")
	case "child.guardian.name":
		return lang.L("case.child.guardian.name")
	case "child.guardian.relation":
		return lang.L("case.child.guardian.relation")
	case "child.guardian.contact":
		return lang.L("case.child.guardian.contact")
	case "child.unaccompanied":
		return lang.L("case.child.unaccompanied")
	case "child.separated":
		return lang.L("case.child.separated")
	case "trafficking.narrative":
		return lang.L("case.trafficking.narrative")
	case "trafficking.relationship":
		return lang.L("case.trafficking.relationship")
	case "trafficking.ageWhenTrafficked":
		return lang.L("case.trafficking.ageWhenTrafficked")
	case "trafficking.recruitment":
		return lang.L("case.trafficking.recruitment")
	case "trafficking.control":
		return lang.L("case.trafficking.control")
	case "trafficking.exploitation":
		return lang.L("case.trafficking.exploitation")
	case "trafficking.labourSector":
		return lang.L("case.trafficking.labourSector")
	case "trafficking.vulnerabilities":
		return lang.L("case.trafficking.vulnerabilities")
	case "safety.immediateDanger":
		return lang.L("case.safety.immediateDanger")
	case "safety.traffickerContact":
		return lang.L("case.safety.traffickerContact")
	case "safety.threatsToFamily":
		return lang.L("case.safety.threatsToFamily")
	case "safety.urgentHealth":
		return lang.L("case.safety.urgentHealth")
	case "safety.safePlaceTonight":
		return lang.L("case.safety.safePlaceTonight")
	case "safety.level":
		return lang.L("case.safety.level")
	case "safety.notes":
		return lang.L("case.safety.notes")
	}
	return field
}

// filledBy says which earlier session wrote a field, if one did.
func (is *interviewScreen) filledBy(field string) string {
	for _, x := range is.earlier {
		for _, f := range x.Filled {
			if f.Field == field {
				return lang.L("interview.known.from", map[string]any{"When": formatDateTime(x.StartedAt)})
			}
		}
	}
	return ""
}

// count is n as text.
func count(n int) string { return strconv.Itoa(n) }

// containsID reports whether ids holds id.
func containsID(ids []string, id string) bool { return slices.Contains(ids, id) }
