package casework

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/guide"
	"github.com/amparo-app/amparo/internal/screening"
)

var guides = guide.Load("")

// allChecks is every preparation check of g, done.
func allChecks(g *guide.Guide) []string {
	var ids []string
	for _, c := range g.Preparation {
		ids = append(ids, c.ID)
	}
	return ids
}

func (d *caseDesk) consent(ss *Session, caseID string, giver domain.ConsentGiver) {
	d.t.Helper()
	if _, err := ss.AddConsent(context.Background(), consentBy(caseID, domain.ConsentInterview, giver)); err != nil {
		d.t.Fatal(err)
	}
}

// TestStartInterviewPreparation: a session starts only once every required
// check is done, the interpreter checked and consent recorded; a child
// needs an adult's consent too.
func TestStartInterviewPreparation(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	child := d.create(d.kofi, fileChild())
	g := guides.Get("child-first-interview")
	in := domain.InterviewSession{CaseID: child.ID, GuideLanguage: "fr", Language: "fr", Preparation: []string{domain.PrepPrivateSpace}}
	_, err := d.kofi.StartInterview(ctx, g, in)
	var want []Problem
	for _, id := range g.MissingPreparation(in.Preparation) {
		want = append(want, Problem{Field: "preparation." + id, Rule: RulePreparation})
	}
	want = append(want, Problem{Field: "preparation.consent", Rule: RuleConsentMissing},
		Problem{Field: "preparation.guardian-consent", Rule: RuleConsentMissing})
	wantProblems(t, "nothing prepared", err, want...)

	in.Preparation = allChecks(g)
	in.Interpreter = "Fatou (Wolof)"
	d.consent(d.kofi, child.ID, domain.GivenByPerson)
	_, err = d.kofi.StartInterview(ctx, g, in)
	wantProblems(t, "interpreter unchecked, no guardian consent", err,
		Problem{Field: "interpreter", Rule: RuleInterpreterUnchecked},
		Problem{Field: "preparation.guardian-consent", Rule: RuleConsentMissing})

	in.InterpreterChecked = true
	d.consent(d.kofi, child.ID, domain.GivenByGuardian)
	s, err := d.kofi.StartInterview(ctx, g, in)
	if err != nil {
		t.Fatal(err)
	}
	if s.InterviewerID != d.users["kofi"].ID || !s.StartedAt.Equal(t0) || s.Phase != domain.PhasePrepare || !s.Open() ||
		!slices.Equal(s.Covered(), []string{domain.PhasePrepare}) {
		t.Errorf("session %+v", s)
	}
	if a := d.lastAudit(1)[0]; a.Action != domain.AuditInterviewStart || a.RecordID != s.ID || a.Detail != "case="+child.ID+" guide="+g.ID {
		t.Errorf("audit %+v", a)
	}
	_, err = d.kofi.StartInterview(ctx, g, in)
	wantRule(t, "a second open session", err, RuleInterviewOpen)
	if open, err := d.kofi.OpenInterview(ctx, child.ID); err != nil || open == nil || open.ID != s.ID {
		t.Errorf("OpenInterview = %v, %v", open, err)
	}
	// Someone who cannot see the case cannot start one either.
	_, err = d.tina.StartInterview(ctx, g, in)
	wantErr(t, "another worker's case", err, ErrForbidden)
}

// TestAdultConsentAlone: an adult's own consent is enough.
func TestAdultConsentAlone(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	if p, a, err := d.kofi.InterviewConsent(ctx, c.ID); err != nil || p || a {
		t.Fatalf("no consent yet: %v %v %v", p, a, err)
	}
	d.consent(d.kofi, c.ID, domain.GivenByPerson)
	if p, a, err := d.kofi.InterviewConsent(ctx, c.ID); err != nil || !p || !a {
		t.Fatalf("adult consent: %v %v %v", p, a, err)
	}
	g := guides.Get("adult-first-interview")
	if _, err := d.kofi.StartInterview(ctx, g, domain.InterviewSession{CaseID: c.ID, Preparation: allChecks(g)}); err != nil {
		t.Fatal(err)
	}
}

// TestInterviewLifecycle: progress, breaks, answers landing in the case as
// the interviewer's revision, the end; everything survives a reopen of the
// office (a crash or a power cut) and resumes where it was.
func TestInterviewLifecycle(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileChild())
	d.consent(d.kofi, c.ID, domain.GivenByPerson)
	d.consent(d.kofi, c.ID, domain.GivenByGuardian)
	g := guides.Get("child-first-interview")
	s, err := d.kofi.StartInterview(ctx, g, domain.InterviewSession{CaseID: c.ID, Preparation: allChecks(g), Language: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	d.clock.Advance(time.Minute)
	s, err = d.kofi.MoveInterview(ctx, s.ID, InterviewProgress{Phase: domain.PhaseEngage, Prompt: 1, Notes: map[string]string{"engage": " calm, asked for water "}})
	if err != nil {
		t.Fatal(err)
	}
	d.clock.Advance(time.Minute)
	if s, err = d.kofi.PauseInterview(ctx, s.ID); err != nil || !s.OnBreak() {
		t.Fatalf("pause: %v %+v", err, s.Breaks)
	}
	revsBefore := len(d.revisions(c.ID))

	// Crash: the office closes and opens again; the session is where it was.
	d.reopen()
	kofi := d.login("kofi", workerPW)
	open, err := kofi.OpenInterview(ctx, c.ID)
	if err != nil || open == nil {
		t.Fatalf("after reopen: %v %v", open, err)
	}
	if open.Phase != domain.PhaseEngage || open.Prompt != 1 || open.Notes["engage"] != "calm, asked for water" || !open.OnBreak() {
		t.Errorf("resumed at %+v", open)
	}
	d.clock.Advance(3 * time.Minute)
	s, err = kofi.ResumeInterview(ctx, s.ID)
	if err != nil || s.OnBreak() || s.Breaks[0].End.Sub(s.Breaks[0].Start) != 3*time.Minute {
		t.Fatalf("resume: %v %+v", err, s.Breaks)
	}

	// Answers: a bad one names its field and saves nothing.
	_, _, err = kofi.AnswerInterview(ctx, s.ID, map[string][]string{"person.ageEstimate": {"twelve"}, "child.unaccompanied": {"maybe"}})
	wantProblems(t, "bad answers", err, Problem{Field: "child.unaccompanied", Rule: RuleUnknownValue}, Problem{Field: "person.ageEstimate", Rule: RuleFormat})
	if n := len(d.revisions(c.ID)); n != revsBefore {
		t.Errorf("a refused answer wrote a revision")
	}
	saved, s, err := kofi.AnswerInterview(ctx, s.ID, map[string][]string{
		"child.guardian.name":   {"Aminata Diallo"},
		"child.unaccompanied":   {"yes"},
		"trafficking.narrative": {"He worked at the market from dawn."},
		"safety.level":          {"high"},
		"person.disability":     {""},
	})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Child.Guardian.Name != "Aminata Diallo" || !saved.Child.Unaccompanied || saved.Safety.Level != "high" ||
		saved.Trafficking.Narrative != "He worked at the market from dawn." {
		t.Errorf("case %+v", saved)
	}
	revs := d.revisions(c.ID)
	if len(revs) != revsBefore+1 || revs[len(revs)-1].UserID != d.users["kofi"].ID {
		t.Errorf("revisions %d (was %d)", len(revs), revsBefore)
	}
	var filled []string
	for _, f := range s.Filled {
		filled = append(filled, f.Field)
	}
	if !slices.Equal(filled, []string{"child.guardian.name", "child.unaccompanied", "safety.level", "trafficking.narrative"}) {
		t.Errorf("filled %v", filled)
	}
	// The account grows; it is never replaced.
	saved, _, err = kofi.AnswerInterview(ctx, s.ID, map[string][]string{"trafficking.narrative": {"Then a man took him to the coast."}})
	if err != nil || saved.Trafficking.Narrative != "He worked at the market from dawn.\n\nThen a man took him to the coast." {
		t.Errorf("narrative %q %v", saved.Trafficking.Narrative, err)
	}
	a := d.lastAudit(1)[0]
	if a.Action != domain.AuditCaseEdit || !strings.Contains(a.Detail, "interview="+s.ID) || strings.Contains(a.Detail, "coast") {
		t.Errorf("audit %+v", a)
	}

	// Only the interviewer changes the session.
	_, err = d.login("sam", superPW).MoveInterview(ctx, s.ID, InterviewProgress{Phase: domain.PhaseClosure})
	wantRule(t, "supervisor moves another's session", err, RuleNotInterviewer)

	// The end: early, with a reason that blames nobody.
	_, err = kofi.EndInterview(ctx, s.ID, domain.InterviewEndedEarly, "lazy")
	wantProblems(t, "unknown reason", err, Problem{Field: "reason", Rule: RuleUnknownValue})
	s, err = kofi.EndInterview(ctx, s.ID, domain.InterviewEndedEarly, "needs-rest")
	if err != nil || s.Open() || s.EndReason != "needs-rest" || s.EndedAt.IsZero() {
		t.Fatalf("end: %v %+v", err, s)
	}
	if a := d.lastAudit(1)[0]; a.Action != domain.AuditInterviewEnd || a.Detail != "outcome=ended-early reason=needs-rest" {
		t.Errorf("audit %+v", a)
	}
	_, err = kofi.PauseInterview(ctx, s.ID)
	wantRule(t, "pause after the end", err, RuleInterviewEnded)
	if open, err := kofi.OpenInterview(ctx, c.ID); err != nil || open != nil {
		t.Errorf("still open: %v %v", open, err)
	}
	list, err := kofi.Interviews(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0].ID != s.ID {
		t.Errorf("Interviews = %v, %v", list, err)
	}
}

// TestSaveScreening: the result and the HTCDS values land in the case as a
// revision, audited with the set and the flag only.
func TestSaveScreening(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	set := screening.Load("").Get("adult-labour")
	ticked := []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-documents", "cd-debt-bondage"}
	saved, r, err := d.kofi.SaveScreening(ctx, c.ID, set, ticked)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Flag || !slices.Equal(r.Carried, []string{"deceptive-recruitment", "exploitation", "coercion-destination"}) {
		t.Errorf("result %+v", r)
	}
	if len(saved.Screenings) != 1 || !saved.Screenings[0].Flag || saved.Screenings[0].By != d.users["kofi"].ID {
		t.Errorf("screenings %+v", saved.Screenings)
	}
	for _, v := range []string{"WithholdsDocuments", "DebtBondage", "ExcessiveWorkingHours", "FalsePromises"} {
		if !slices.Contains(saved.Trafficking.Control, v) {
			t.Errorf("control lacks %s: %v", v, saved.Trafficking.Control)
		}
	}
	if !slices.Equal(saved.Trafficking.Exploitation, []string{"ForcedLabour"}) {
		t.Errorf("exploitation %v", saved.Trafficking.Exploitation)
	}
	if a := d.lastAudit(1)[0]; a.Action != domain.AuditScreeningSave || !strings.HasPrefix(a.Detail, "set=adult-labour flag=yes fields=") {
		t.Errorf("audit %+v", a)
	}
	// Pre-ticking from the saved case finds the indicators it filled.
	pre := set.Pretick(saved)
	for _, id := range []string{"cd-documents", "cd-debt-bondage", "ex-excessive-hours"} {
		if !slices.Contains(pre, id) {
			t.Errorf("pretick lacks %s: %v", id, pre)
		}
	}
	_, _, err = d.tina.SaveScreening(ctx, c.ID, set, ticked)
	wantErr(t, "another worker", err, ErrForbidden)
}

// TestInterviewCanaries: the interviewer's notes, the interpreter's name
// and the answers never reach the data file or its WAL in the clear.
func TestInterviewCanaries(t *testing.T) {
	ctx := context.Background()
	d := newCaseDesk(t)
	c := d.create(d.kofi, fileAdult())
	d.consent(d.kofi, c.ID, domain.GivenByPerson)
	g := guides.Get("adult-first-interview")
	s, err := d.kofi.StartInterview(ctx, g, domain.InterviewSession{CaseID: c.ID, Preparation: allChecks(g),
		Interpreter: canaries[3], InterpreterChecked: true, Present: canaries[4]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.kofi.MoveInterview(ctx, s.ID, InterviewProgress{Phase: domain.PhaseAccount,
		Notes: map[string]string{"engage": canaries[10] + " " + canaries[5]}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.kofi.AnswerInterview(ctx, s.ID, map[string][]string{
		"trafficking.narrative": {canaries[11] + " " + canaries[13]}, "person.lastName": {canaries[0]}}); err != nil {
		t.Fatal(err)
	}
	scan(t, d.db.Path()+"-wal", canaries)
	scan(t, d.db.Path(), canaries)
}
