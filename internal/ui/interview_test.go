package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
)

// interviewOf is the interview screen on show.
func interviewOf(t *testing.T, f *shellFixture) *interviewScreen {
	t.Helper()
	is, ok := f.shell.drafters[draftInterview].(*interviewScreen)
	if !ok {
		t.Fatalf("no interview screen; the window shows %q", texts(f.content()))
	}
	return is
}

// openInterviews opens the case file of id on its Interviews tab.
func openInterviews(t *testing.T, d *realDesk, id string) *caseFile {
	t.Helper()
	d.shell.openCase(id)
	cf := caseFileOf(t, &d.shellFixture)
	cf.selectTab(tabInterviews)
	return cf
}

// mustTap taps the button with that text in o.
func mustTap(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := findButton(o, text)
	if b == nil {
		t.Fatalf("no button %q; there are %q", text, buttonTexts(o))
	}
	if b.Disabled() {
		t.Fatalf("the button %q is disabled", text)
	}
	test.Tap(b)
}

// dialogButton taps the dialog's button with that text.
func dialogButton(t *testing.T, is *interviewScreen, text string) {
	t.Helper()
	if is.dlg == nil {
		t.Fatalf("no dialog on show")
	}
	for _, b := range is.dlg.buttons {
		if b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the dialog has no button %q", text)
}

func visibleError(l *widget.Label) string {
	if l == nil || !l.Visible() {
		return ""
	}
	return l.Text
}

// TestChildInterviewOnRealOffice drives a whole child interview in the
// window over a real office: the preparation checks and the consents (the
// child's and a guardian's, recorded from the screen), the phases with
// their prompts, a suggested break with the grounding script, a lock in
// the middle that loses nothing, answers that land in the case, what is
// already known shown instead of asked, and the closure.
func TestChildInterviewOnRealOffice(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	ctx := context.Background()
	c := d.addCase(t, aBoy())
	g := d.app.deps.guides().Get("child-first-interview")

	// The Interviews tab offers the child guide first.
	cf := openInterviews(t, d, c.ID)
	d.mustShow(t, en["interview.history.none"])
	sel := findSelect(cf.items[tabInterviews].Content)
	if sel == nil || sel.Selected != g.Title.In("en") {
		t.Fatalf("the guide offered first is %v", sel)
	}
	mustTap(t, d.content(), en["interview.prepare"])
	is := interviewOf(t, &d.shellFixture)
	if is.is.ID != "" || is.start == nil {
		t.Fatal("the interview started before its preparation")
	}

	// Start with nothing prepared: each missing point says so; nothing starts.
	test.Type(is.spoken, "Kriol")
	test.Tap(is.start)
	if is.is.ID != "" {
		t.Fatal("started without preparation")
	}
	for _, id := range []string{domain.PrepPrivateSpace, domain.PrepRightToStop, domain.PrepGuardianPresent} {
		if got := visibleError(is.checkErrors[id]); got != en["interview.prep.notDone"] {
			t.Errorf("%s: message %q", id, got)
		}
	}
	for _, id := range []string{domain.PrepConsent, domain.PrepGuardianConsent} {
		if got := visibleError(is.checkErrors[id]); got != en["interview.consent.needed"] {
			t.Errorf("%s: message %q", id, got)
		}
	}
	d.mustShow(t, en["interview.prep.fixFirst"])
	if is.spoken.Text != "Kriol" {
		t.Errorf("the language typed became %q", is.spoken.Text)
	}

	// Tick every point; name an interpreter without checking them.
	for _, ck := range is.checks {
		test.Tap(ck)
	}
	if got := visibleError(is.checkErrors[domain.PrepPrivateSpace]); got != "" {
		t.Errorf("the message stays once ticked: %q", got)
	}
	test.Type(is.interpreter, "Fatu Embaló, community interpreter")
	test.Tap(is.start)
	if got := visibleError(is.checkErrors[domain.PrepInterpreter]); got != en["interview.interpreter.uncheckedError"] {
		t.Errorf("interpreter: %q", got)
	}
	test.Tap(is.interpreterChecked)

	// The child's consent, then a guardian's, recorded from the screen.
	test.Tap(is.recordConsent)
	if is.dlg == nil || is.dlg.giver.Selected != en["casetabs.consent.giver.person"] {
		t.Fatal("the consent dialog does not propose the child")
	}
	dialogButton(t, is, en["interview.consent.save"])
	d.mustShow(t, en["interview.consent.saved"])
	mustTap(t, is.consentRows[domain.PrepGuardianConsent], en["interview.consent.record"])
	if is.dlg.giver.Selected != en["casetabs.consent.giver.guardian"] {
		t.Fatalf("giver %q", is.dlg.giver.Selected)
	}
	dialogButton(t, is, en["interview.consent.save"]) // no name: refused, kept open
	if is.dlg == nil || !is.dlg.message.Visible() {
		t.Fatal("a guardian's consent without a name was not refused in the dialog")
	}
	test.Type(is.dlg.name, "Mariama Sow")
	dialogButton(t, is, en["interview.consent.save"])
	if p, a, err := d.sess.InterviewConsent(ctx, c.ID); err != nil || !p || !a {
		t.Fatalf("consents in the office: %v %v %v", p, a, err)
	}
	// The preparation screen was drawn again: what was ticked and typed stays.
	if !is.checks[domain.PrepPrivateSpace].Checked || is.interpreter.Text != "Fatu Embaló, community interpreter" || is.spoken.Text != "Kriol" {
		t.Fatal("recording consent lost the preparation")
	}

	test.Tap(is.start)
	if is.is.ID == "" {
		t.Fatalf("not started; the window shows %q", texts(d.content()))
	}
	if is.is.Phase != domain.PhasePrepare || is.promptLabel.Text != g.Phases[0].Prompts[0].Text.In("en") {
		t.Errorf("phase %s, prompt %q", is.is.Phase, is.promptLabel.Text)
	}
	for _, b := range []*widget.Button{is.pause, is.stop, is.distress} {
		if b == nil || !b.Visible() {
			t.Fatal("Pause, Stop or the distress protocol is missing")
		}
	}

	// Prompts and phases; every move is saved.
	test.Tap(is.nextPrompt)
	if is.promptLabel.Text != g.Phases[0].Prompts[1].Text.In("en") || is.is.Prompt != 1 {
		t.Errorf("next prompt: %q", is.promptLabel.Text)
	}
	test.Tap(is.nextPhase) // prepare -> engage
	if is.is.Phase != domain.PhaseEngage {
		t.Fatalf("phase %s", is.is.Phase)
	}
	test.Type(is.notes, "Calm; asked for water.")

	// The distress protocol is one tap away, with a break in it.
	test.Tap(is.distress)
	if !overlayHas(d.w, g.Distress[0].In("en")) {
		t.Error("the distress protocol does not show its first step")
	}
	dialogButton(t, is, en["interview.distress.close"])

	// Engage suggests a break before the account: take it.
	test.Tap(is.nextPhase)
	dialogButton(t, is, en["interview.breakSuggested.take"])
	if !is.is.OnBreak() || is.resume == nil {
		t.Fatal("no break")
	}
	if !screenHas(d.content(), g.Grounding[0].In("en")) {
		t.Error("the break does not show the grounding script")
	}
	stored, err := d.sess.Interview(ctx, is.is.ID)
	if err != nil || !stored.OnBreak() || stored.Phase != domain.PhaseAccount || stored.Notes["engage"] != "Calm; asked for water." {
		t.Fatalf("stored session %+v, %v", stored, err)
	}
	test.Tap(is.resume)
	if is.is.OnBreak() || is.is.Phase != domain.PhaseAccount {
		t.Fatalf("after resume: phase %s, on break %v", is.is.Phase, is.is.OnBreak())
	}

	// The account: typed, then a lock in the middle loses nothing.
	account := is.answers["trafficking.narrative"]
	if account == nil {
		t.Fatal("the account phase does not ask for the account")
	}
	test.Type(account.entry, "I sold water at the bus station for a man.")
	test.Type(is.notes, "Spoke freely.")
	d.app.Lock()
	test.Type(d.app.lock.password, e2eSuperPW)
	test.Tap(d.app.lock.unlock)
	d.shell = d.app.Shell()
	is = interviewOf(t, &d.shellFixture)
	if is.is.Phase != domain.PhaseAccount || is.answers["trafficking.narrative"].entry.Text != "I sold water at the bus station for a man." ||
		is.notes.Text != "Spoke freely." {
		t.Fatalf("after the lock: phase %s, account %q, notes %q", is.is.Phase, is.answers["trafficking.narrative"].entry.Text, is.notes.Text)
	}

	// On to the questions: the account is saved into the case on the way.
	test.Tap(is.nextPhase)
	dialogButton(t, is, en["interview.breakSuggested.continue"])
	if is.is.Phase != domain.PhaseClarify {
		t.Fatalf("phase %s", is.is.Phase)
	}
	saved := d.current(t, c.ID)
	if saved.Trafficking.Narrative != "I sold water at the bus station for a man." {
		t.Errorf("the account in the case: %q", saved.Trafficking.Narrative)
	}
	// The estimated age is known: shown, not asked.
	if _, asked := is.answers["person.ageEstimate"]; asked || is.known == nil || !strings.Contains(is.known.Text, "13") {
		t.Errorf("the known age: asked %v, known %v", asked, is.known)
	}
	name := is.answers["child.guardian.name"]
	alone := is.answers["child.unaccompanied"]
	if name == nil || alone == nil {
		t.Fatalf("questions asked: %v", slices.Collect(mapKeys(is.answers)))
	}
	test.Type(name.entry, "Mariama Sow")
	alone.sel.SetSelected(en["casefile.yes"])
	if a := is.answers["trafficking.ageWhenTrafficked"]; a != nil {
		test.Type(a.entry, "two hundred")
	}
	mustTap(t, d.content(), en["interview.saveAnswers"])
	if a := is.answers["trafficking.ageWhenTrafficked"]; a != nil {
		if got := a.ff.err.Text; !a.ff.err.Visible() || got != en["field.invalid"] {
			t.Errorf("a bad number: message %q", got)
		}
		if name.entry.Text != "Mariama Sow" {
			t.Error("a refused answer lost the others typed")
		}
		a.entry.SetText("11")
		mustTap(t, d.content(), en["interview.saveAnswers"])
	}
	if !is.answersMsg.Visible() || is.answersMsg.Text != en["interview.answersSaved"] {
		t.Errorf("no word that the answers are saved: %q", is.answersMsg.Text)
	}
	saved = d.current(t, c.ID)
	if saved.Child.Guardian.Name != "Mariama Sow" || !saved.Child.Unaccompanied {
		t.Errorf("the case after the answers: %+v", saved.Child)
	}
	if !strings.Contains(is.known.Text, "Mariama Sow") {
		t.Errorf("the guardian's name is not shown as known: %q", is.known.Text)
	}

	// Closure and evaluation, then Finish.
	test.Tap(is.nextPhase)
	if findButton(d.content(), en["interview.breakSuggested.take"]) == nil && is.dlg != nil {
		dialogButton(t, is, en["interview.breakSuggested.continue"])
	}
	for is.nextPhase != nil {
		test.Tap(is.nextPhase)
		if is.dlg != nil {
			dialogButton(t, is, en["interview.breakSuggested.continue"])
		}
	}
	if is.is.Phase != domain.PhaseEvaluation || is.finish == nil {
		t.Fatalf("last phase %s", is.is.Phase)
	}
	if lvl := is.answers["safety.level"]; lvl != nil {
		lvl.sel.SetSelected(en["case.safety.level.moderate"])
	}
	test.Type(is.notes, "Follow up with the guardian on Friday.")
	id := is.is.ID
	test.Tap(is.finish)

	// Back in the case file, the session is listed as completed.
	cf = caseFileOf(t, &d.shellFixture)
	d.mustShow(t, en["interview.finished"])
	done, err := d.sess.Interview(ctx, id)
	if err != nil || done.Outcome != domain.InterviewCompleted || len(done.Breaks) != 1 ||
		!slices.Equal(done.Covered(), domain.Phases) || done.Notes["evaluation"] != "Follow up with the guardian on Friday." ||
		done.Interpreter == "" || !done.InterpreterChecked || done.Language != "Kriol" {
		t.Errorf("the session as stored: %+v, %v", done, err)
	}
	if saved := d.current(t, c.ID); saved.Safety.Level != "moderate" {
		t.Errorf("safety level %q", saved.Safety.Level)
	}
	cf.selectTab(tabInterviews)
	if !screenHas(d.content(), en["interview.outcome.completed"]) || !screenHas(d.content(), "Kriol") {
		t.Errorf("the session is not listed as completed: %q", texts(d.content()))
	}
}

// TestInterviewStopAndResume: a session left on a break resumes there from
// the case file (as after a crash); Stop ends it early with a reason, in
// words that blame nobody.
func TestInterviewStopAndResume(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	ctx := context.Background()
	c := d.addCase(t, domain.Case{Person: domain.Person{FirstName: "Comfort", Gender: domain.GenderFeminine, AgeEstimate: 24}})
	d.addConsent(t, c.ID, domain.GivenByPerson)
	g := d.app.deps.guides().Get("adult-first-interview")
	var prep []string
	for _, ck := range g.Preparation {
		prep = append(prep, ck.ID)
	}
	s, err := d.sess.StartInterview(ctx, g, domain.InterviewSession{CaseID: c.ID, Preparation: prep})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.sess.PauseInterview(ctx, s.ID); err != nil {
		t.Fatal(err)
	}

	// The window opens anew: the case offers to resume, and it resumes on the break.
	openInterviews(t, d, c.ID)
	mustTap(t, d.content(), en["interview.pocket"])
	if d.pdfs != 1 {
		t.Errorf("the pocket guide was rendered %d times", d.pdfs)
	}
	if b := findButton(d.content(), en["interview.prepare"]); b == nil || !b.Disabled() {
		t.Error("a second interview may start while one is open")
	}
	mustTap(t, d.content(), en["interview.resume"])
	is := interviewOf(t, &d.shellFixture)
	if !is.is.OnBreak() || is.resume == nil {
		t.Fatal("did not resume on the break")
	}

	// Stop: a reason is needed; the words to say are shown.
	test.Tap(is.stop)
	if !overlayHas(d.w, g.Stopping.In("en")) {
		t.Error("Stop does not show the words to say")
	}
	dialogButton(t, is, en["interview.stop.confirm"])
	if is.dlg == nil || is.dlg.message.Text != en["interview.stop.chooseReason"] {
		t.Fatal("ended without a reason")
	}
	is.dlg.reason.SetSelected(en["interview.reason.needsRest"])
	dialogButton(t, is, en["interview.stop.confirm"])
	caseFileOf(t, &d.shellFixture)
	d.mustShow(t, en["interview.endedEarly"])
	ended, err := d.sess.Interview(ctx, s.ID)
	if err != nil || ended.Outcome != domain.InterviewEndedEarly || ended.EndReason != "needs-rest" || ended.OnBreak() {
		t.Errorf("stored %+v %v", ended, err)
	}
	for _, word := range []string{"fail", "refus", "uncooperative"} {
		if strings.Contains(strings.ToLower(en["interview.endedEarly"]+en["interview.stop.intro"]), word) {
			t.Errorf("the wording blames: %q", word)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// screenHas reports whether a text shown in o contains s.
func screenHas(o fyne.CanvasObject, s string) bool {
	for _, x := range texts(o) {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// overlayHas reports whether the dialog on top of w shows a text
// containing s.
func overlayHas(w fyne.Window, s string) bool {
	top := w.Canvas().Overlays().Top()
	return top != nil && screenHas(top, s)
}

// TestInterviewFitsTheWindow walks every phase of every shipped guide in
// each language and checks that nothing asks for a wider window than a
// small laptop's: a long question or prompt wraps instead.
func TestInterviewFitsTheWindow(t *testing.T) {
	for _, code := range []string{"en", "fr", "pt"} {
		t.Run(code, func(t *testing.T) {
			d := newRealDesk(t, code)
			for _, g := range d.app.deps.guides().Guides {
				c := d.addCase(t, domain.Case{Person: domain.Person{FirstName: "Ama", Gender: domain.GenderFeminine, AgeEstimate: 30}})
				d.addConsent(t, c.ID, domain.GivenByPerson)
				d.shell.showCaseScreen(&caseScreenState{kind: screenInterview, caseID: c.ID, guideID: g.ID})
				is := interviewOf(t, &d.shellFixture)
				fits := func(where string) {
					t.Helper()
					if w := d.w.Content().MinSize().Width; w > 1024 {
						t.Errorf("%s %s: the window needs %.0f px", g.ID, where, w)
					}
				}
				fits("preparation")
				for _, ck := range is.checks {
					test.Tap(ck)
				}
				test.Tap(is.start)
				if is.is.ID == "" {
					t.Fatalf("%s did not start: %q", g.ID, texts(d.content()))
				}
				for {
					fits(is.is.Phase)
					if is.nextPhase == nil {
						break
					}
					test.Tap(is.nextPhase)
					if is.dlg != nil {
						is.dlg.buttons[1].OnTapped()
					}
				}
				test.Tap(is.distress)
				fits("distress")
				is.dlg.buttons[0].OnTapped() // a break
				fits("break")
				test.Tap(is.stop)
				is.dlg.reason.SetSelectedIndex(0)
				is.dlg.buttons[0].OnTapped()
			}
		})
	}
}

// TestStopKeepsWhatWasTyped: Stop saves the answers typed before it ends
// the interview; an answer that does not fit keeps the interview open.
func TestStopKeepsWhatWasTyped(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	c := d.addCase(t, domain.Case{Person: domain.Person{FirstName: "Comfort", Gender: domain.GenderFeminine, AgeEstimate: 24}})
	d.addConsent(t, c.ID, domain.GivenByPerson)
	d.shell.showCaseScreen(&caseScreenState{kind: screenInterview, caseID: c.ID, guideID: "adult-first-interview"})
	is := interviewOf(t, &d.shellFixture)
	for _, ck := range is.checks {
		test.Tap(ck)
	}
	test.Tap(is.start)
	for is.is.Phase != domain.PhaseClarify {
		test.Tap(is.nextPhase)
		if is.dlg != nil {
			dialogButton(t, is, en["interview.breakSuggested.continue"])
		}
	}
	age := is.answers["trafficking.ageWhenTrafficked"]
	name := is.answers["person.lastName"]
	if age == nil || name == nil {
		t.Fatalf("questions %v", slices.Collect(mapKeys(is.answers)))
	}
	test.Type(name.entry, "Owusu")
	test.Type(age.entry, "many")
	stop := func() {
		t.Helper()
		test.Tap(is.stop)
		is.dlg.reason.SetSelected(en["interview.reason.interruption"])
		dialogButton(t, is, en["interview.stop.confirm"])
	}
	stop()
	if !is.is.Open() || interviewOf(t, &d.shellFixture) != is || !is.message.Visible() || is.message.Text != en["interview.stop.fixAnswers"] {
		t.Fatalf("a bad answer did not keep the interview open: %q", is.message.Text)
	}
	if name.entry.Text != "Owusu" {
		t.Error("the name typed was lost")
	}
	age.entry.SetText("19")
	stop()
	caseFileOf(t, &d.shellFixture)
	saved := d.current(t, c.ID)
	if saved.Person.LastName != "Owusu" || saved.Trafficking.AgeWhenTrafficked != 19 {
		t.Errorf("the answers typed before Stop: %q %d", saved.Person.LastName, saved.Trafficking.AgeWhenTrafficked)
	}
}

// TestSummaryShowsSafetyAndScreening: the Summary tab warns of a high risk
// and of a screening flag, and lists the safety answers.
func TestSummaryShowsSafetyAndScreening(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	c := aBoy()
	c.Safety = domain.SafetyCheck{Level: "high", SafePlaceTonight: "no"}
	c.Screenings = []domain.Screening{{SetID: "child-labour", Flag: true}}
	saved := d.addCase(t, c)
	d.shell.openCase(saved.ID)
	content := d.content()
	for _, want := range []string{"Safety check, risk: High.", en["casefile.alert.screeningFlag"], en["case.safety.safePlaceTonight"]} {
		if !screenHas(content, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
}
