package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// screeningOf opens the file of case id on the Screening tab and returns
// the tab's panel.
func screeningOf(t *testing.T, d *realDesk, id string) (*caseFile, *screeningPanel) {
	t.Helper()
	d.shell.openCase(id)
	cf := caseFileOf(t, &d.shellFixture)
	cf.selectTab(tabScreening)
	return cf, screeningOn(t, cf)
}

// screeningOn returns the Screening tab's panel of the case file on screen.
func screeningOn(t *testing.T, cf *caseFile) *screeningPanel {
	t.Helper()
	item := cf.items[tabScreening]
	if item == nil {
		t.Fatal("no Screening tab")
	}
	if cf.tabs.Selected() != item {
		t.Fatalf("tab %q is selected, not Screening", cf.tabs.Selected().Text)
	}
	p, ok := item.Content.(*screeningPanel)
	if !ok {
		t.Fatalf("the Screening tab shows %T; texts: %q", item.Content, texts(item.Content))
	}
	return p
}

// tapIndicators ticks (or unticks) indicators by a tap on their boxes.
func tapIndicators(t *testing.T, p *screeningPanel, ids ...string) {
	t.Helper()
	for _, id := range ids {
		c := p.checks[id]
		if c == nil {
			t.Fatalf("no box for indicator %q in set %s", id, p.set.ID)
		}
		test.Tap(c)
	}
}

func dimState(t *testing.T, p *screeningPanel, id string) (state, counts string) {
	t.Helper()
	sc := p.dims[id]
	if sc == nil {
		t.Fatalf("no card for dimension %q", id)
	}
	return sc.state.Text, sc.counts.Text
}

func fill(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{{."+k+"}}", v)
	}
	return s
}

// anAdult is a man of about 30 who says he was promised work on a farm.
func anAdult() domain.Case {
	return domain.Case{Person: domain.Person{FirstName: "Kofi", LastName: "Mensah", Gender: domain.GenderMasculine,
		AgeEstimate: 30, AgeEstimateBy: domain.AgeSelfReported, Citizenship: []string{"GH"}, Languages: []string{"en"}}}
}

// TestScreeningChildFlagAndSave ticks indicators of a boy's labour
// screening one by one: a dimension turns positive at its threshold, the
// flag comes with the dimensions that carried it and goes when a box is
// unticked; Save records the screening and its HTCDS values in the case,
// and the tab is drawn again from the saved case.
func TestScreeningChildFlagAndSave(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	c := d.addCase(t, aBoy())
	cf, p := screeningOf(t, d, c.ID)

	if cf.items[tabScreening].Text != "Screening" || cf.items[tabInterviews].Text != "Interviews" {
		t.Errorf("tab titles %q, %q", cf.items[tabScreening].Text, cf.items[tabInterviews].Text)
	}
	if p.set == nil || p.set.ID != "child-labour" {
		t.Fatalf("set %v, want child-labour for a boy with nothing recorded", p.set)
	}
	if p.title.Text != "Trafficking indicators: labour exploitation of children" {
		t.Errorf("title %q", p.title.Text)
	}
	if p.exploitSel.Selected != "Labour exploitation" {
		t.Errorf("form of exploitation %q", p.exploitSel.Selected)
	}
	all := strings.Join(texts(p), "\n")
	for _, want := range []string{
		p.set.Disclaimer.In("en"), p.set.Source.In("en"),
		"Deceived about wages or earnings", "Strong", "Medium",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the tab does not show %q", want)
		}
	}
	// The tab's own words never conclude to a victim (an indicator may
	// speak of "other victims").
	for _, code := range i18n.Supported {
		for k, v := range catalog(t, code) {
			if strings.HasPrefix(k, "screening.") && strings.Contains(strings.ToLower(v), "victim") {
				t.Errorf("%s %s speaks of a victim: %q", code, k, v)
			}
		}
	}
	if p.pretickNote != nil || p.lastSaved != nil {
		t.Errorf("nothing was pre-ticked nor saved, yet: %v %v", p.pretickNote, p.lastSaved)
	}
	if len(p.dims) != 6 {
		t.Errorf("%d dimension cards, want 6", len(p.dims))
	}
	if p.result.label.Text != "No screening flag from the indicators ticked." {
		t.Errorf("result %q", p.result.label.Text)
	}

	// Deceptive recruitment: one strong is not enough, one strong and one
	// medium is.
	tapIndicators(t, p, "dr-job-nature")
	if st, n := dimState(t, p, "deceptive-recruitment"); st != "Not positive" || n != "Ticked: strong 1 · medium 0 · weak 0" {
		t.Errorf("after one strong: %q, %q", st, n)
	}
	tapIndicators(t, p, "dr-wages")
	if st, n := dimState(t, p, "deceptive-recruitment"); st != "Positive" || n != "Ticked: strong 1 · medium 1 · weak 0" {
		t.Errorf("after one strong and one medium: %q, %q", st, n)
	}
	if want := "No screening flag from the indicators ticked.\nPositive dimensions: Deceptive recruitment"; p.result.label.Text != want {
		t.Errorf("result %q, want %q", p.result.label.Text, want)
	}

	// Exploitation: a click on an indicator's text ticks its box too.
	tapTextIn(t, p.dims["exploitation"].box, p.set.Dimension("exploitation").Indicators[0].Text.In("en"))
	if !p.checks["ex-excessive-hours"].Checked {
		t.Fatal("a click on the text did not tick the box")
	}
	tapIndicators(t, p, "ex-low-pay", "cd-documents")
	if st, _ := dimState(t, p, "exploitation"); st != "Positive" {
		t.Errorf("exploitation is %q", st)
	}
	flag := "Screening flag: likely trafficked. Refer for formal identification.\n" +
		"Carried by: Deceptive recruitment, Exploitative conditions of work"
	if p.result.label.Text != flag {
		t.Errorf("result %q, want %q", p.result.label.Text, flag)
	}
	if p.result.label.Importance != widget.WarningImportance {
		t.Errorf("the flag shows with importance %v", p.result.label.Importance)
	}
	// Unticked, the flag goes; ticked again, it is back.
	tapIndicators(t, p, "dr-wages")
	if st, _ := dimState(t, p, "deceptive-recruitment"); st != "Not positive" || strings.HasPrefix(p.result.label.Text, "Screening flag") {
		t.Errorf("after unticking: %q, %q", st, p.result.label.Text)
	}
	tapIndicators(t, p, "dr-wages")
	if p.result.label.Text != flag {
		t.Errorf("result %q after ticking again", p.result.label.Text)
	}

	test.Tap(p.saveButton)
	saved := d.current(t, c.ID)
	if len(saved.Screenings) != 1 {
		t.Fatalf("screenings %+v", saved.Screenings)
	}
	sc := saved.Screenings[0]
	if sc.SetID != "child-labour" || !sc.Flag || !slices.Equal(sc.Carried, []string{"deceptive-recruitment", "exploitation"}) ||
		sc.By != d.sess.User().ID {
		t.Errorf("screening %+v", sc)
	}
	if want := []string{"dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay", "cd-documents"}; !slices.Equal(sc.Ticked, want) {
		t.Errorf("ticked %q, want %q", sc.Ticked, want)
	}
	for _, v := range []string{"WithholdsDocuments", "FalsePromises", "ExcessiveWorkingHours"} {
		if !slices.Contains(saved.Trafficking.Control, v) {
			t.Errorf("control %q lacks %q", saved.Trafficking.Control, v)
		}
	}
	if !slices.Contains(saved.Trafficking.Exploitation, "ChildLabour") {
		t.Errorf("exploitation %q lacks ChildLabour", saved.Trafficking.Exploitation)
	}

	// The tab is drawn again from the saved case.
	p2 := screeningOn(t, caseFileOf(t, &d.shellFixture))
	if p2 == p {
		t.Fatal("the tab was not drawn again after saving")
	}
	if !p2.notice.Visible() || p2.notice.Text != en["screening.saved"] {
		t.Errorf("message %q (visible %v)", p2.notice.Text, p2.notice.Visible())
	}
	if want := "Last saved on " + i18n.FormatDate(time.Now(), "en") + " by Rui Costa."; p2.lastSaved == nil || p2.lastSaved.Text != want {
		t.Errorf("last saved line %v, want %q", p2.lastSaved, want)
	}
	if p2.set.ID != "child-labour" || p2.result.label.Text != flag {
		t.Errorf("after saving: set %s, result %q", p2.set.ID, p2.result.label.Text)
	}
	for _, id := range sc.Ticked {
		if !p2.checks[id].Checked {
			t.Errorf("%s is not ticked after saving", id)
		}
	}
	if p2.pretickNote != nil {
		t.Errorf("a saved screening shows a pre-tick line: %q", p2.pretickNote.Text)
	}
	// Saved again unchanged: no second screening with the set.
	test.Tap(p2.saveButton)
	if n := len(d.current(t, c.ID).Screenings); n != 1 {
		t.Errorf("%d screenings after saving twice", n)
	}
}

// TestScreeningAdultSetAndPreticks: an adult gets the adult set, and the
// case's methods of control tick their indicators beforehand, said so.
func TestScreeningAdultSetAndPreticks(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	a := anAdult()
	a.Trafficking.Control = []string{"DebtBondage"}
	c := d.addCase(t, a)
	_, p := screeningOf(t, d, c.ID)
	if p.set == nil || p.set.ID != "adult-labour" {
		t.Fatalf("set %v, want adult-labour", p.set)
	}
	for id, c := range p.checks {
		want := id == "cr-debt-bondage" || id == "cd-debt-bondage"
		if c.Checked != want {
			t.Errorf("%s ticked %v, want %v", id, c.Checked, want)
		}
	}
	want := fill(en["screening.preticked.other"], map[string]string{"Count": "2"})
	if p.pretickNote == nil || p.pretickNote.Text != want {
		t.Errorf("pre-tick line %v, want %q", p.pretickNote, want)
	}
	if st, n := dimState(t, p, "coercion-destination"); st != "Not positive" || n != "Ticked: strong 1 · medium 0 · weak 0" {
		t.Errorf("coercion at destination: %q, %q", st, n)
	}
	// The adult flag needs destination too: recruitment and exploitation
	// alone do not raise it.
	tapIndicators(t, p, "dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay")
	if strings.HasPrefix(p.result.label.Text, "Screening flag") {
		t.Errorf("flag without a destination dimension: %q", p.result.label.Text)
	}
	tapIndicators(t, p, "cd-documents")
	if !strings.HasPrefix(p.result.label.Text, "Screening flag") ||
		!strings.HasSuffix(p.result.label.Text, "Carried by: Deceptive recruitment, Exploitative conditions of work, Coercion at destination") {
		t.Errorf("result %q", p.result.label.Text)
	}
	// An unticked pre-tick stays unticked when saved.
	tapIndicators(t, p, "cr-debt-bondage")
	test.Tap(p.saveButton)
	got := d.current(t, c.ID)
	if len(got.Screenings) != 1 || got.Screenings[0].SetID != "adult-labour" || slices.Contains(got.Screenings[0].Ticked, "cr-debt-bondage") ||
		!got.Screenings[0].Flag || !slices.Contains(got.Trafficking.Exploitation, "ForcedLabour") {
		t.Errorf("saved %+v, exploitation %q", got.Screenings, got.Trafficking.Exploitation)
	}
}

// TestScreeningSexualSet: the select shows the sexual set, ticks made in
// the other set stay; a case recording sexual exploitation opens on the
// sexual set.
func TestScreeningSexualSet(t *testing.T) {
	d := newRealDesk(t, "en")
	c := d.addCase(t, aBoy())
	_, p := screeningOf(t, d, c.ID)
	tapIndicators(t, p, "dr-wages")
	p.exploitSel.SetSelected("Sexual exploitation")
	if p.set == nil || p.set.ID != "child-sexual" {
		t.Fatalf("set %v after choosing sexual exploitation", p.set)
	}
	if p.title.Text != p.set.Title.In("en") || !strings.Contains(p.title.Text, "sexual") {
		t.Errorf("title %q", p.title.Text)
	}
	if p.checks["dr-prostitution-conditions"] == nil {
		t.Error("the sexual set's own indicator is not shown")
	}
	if p.checks["dr-wages"].Checked {
		t.Error("a tick of the labour set shows in the sexual set")
	}
	if p.exploitation != "sexual" {
		t.Errorf("exploitation %q", p.exploitation)
	}
	p.exploitSel.SetSelected("Labour exploitation")
	if p.set.ID != "child-labour" || !p.checks["dr-wages"].Checked {
		t.Errorf("back to labour: set %s, dr-wages ticked %v", p.set.ID, p.checks["dr-wages"].Checked)
	}

	girl := aChild()
	girl.Trafficking.Exploitation = []string{"SexualExploitation"}
	g := d.addCase(t, girl)
	_, p = screeningOf(t, d, g.ID)
	if p.set == nil || p.set.ID != "child-sexual" || p.exploitSel.Selected != "Sexual exploitation" {
		t.Errorf("a case of sexual exploitation opens on %v (%q)", p.set, p.exploitSel.Selected)
	}
}

// TestScreeningFrench shows the tab, its set and the result in French.
func TestScreeningFrench(t *testing.T) {
	d := newRealDesk(t, "fr")
	fr := catalog(t, "fr")
	c := d.addCase(t, aBoy())
	cf, p := screeningOf(t, d, c.ID)
	if cf.items[tabScreening].Text != "Dépistage" || cf.items[tabInterviews].Text != "Entretiens" {
		t.Errorf("tabs %q, %q", cf.items[tabScreening].Text, cf.items[tabInterviews].Text)
	}
	if p.title.Text != p.set.Title.In("fr") || !strings.HasPrefix(p.title.Text, "Indicateurs de traite") {
		t.Errorf("title %q", p.title.Text)
	}
	if p.exploitSel.Selected != fr["screening.exploitation.labour"] || p.saveButton.Text != fr["screening.save"] {
		t.Errorf("select %q, save %q", p.exploitSel.Selected, p.saveButton.Text)
	}
	all := texts(p)
	for _, want := range []string{"Tromperie sur le salaire ou les revenus", fr["screening.grade.strong"], fr["screening.grade.medium"],
		fr["screening.dimension.notPositive"], fr["screening.result.none"], "Recrutement trompeur"} {
		if !slices.Contains(all, want) {
			t.Errorf("no %q in French", want)
		}
	}
	tapIndicators(t, p, "dr-job-nature", "dr-wages", "ex-excessive-hours", "ex-low-pay")
	want := fr["screening.result.flag"] + "\n" + fill(fr["screening.result.carried"], map[string]string{"Dimensions": "Recrutement trompeur, " +
		p.set.Dimension("exploitation").Title.In("fr")})
	if got := p.result.label.Text; got != want {
		t.Errorf("result %q, want %q", got, want)
	}
	if st, _ := dimState(t, p, "deceptive-recruitment"); st != "Positif" {
		t.Errorf("state %q", st)
	}
}

// TestScreeningKeepsUnsavedTicks: the ticks not saved yet stay when the
// case file is drawn again (another tab saved the case) and when the
// language changes.
func TestScreeningKeepsUnsavedTicks(t *testing.T) {
	d := newRealDesk(t, "en")
	c := d.addCase(t, aBoy())
	cf, p := screeningOf(t, d, c.ID)
	tapIndicators(t, p, "dr-job-nature", "dr-wages")
	p.exploitSel.SetSelected("Sexual exploitation")
	tapIndicators(t, p, "cr-violence")

	cf.reload(d.current(t, c.ID))
	p = screeningOn(t, cf)
	if p.set.ID != "child-sexual" || !p.checks["cr-violence"].Checked {
		t.Errorf("after the case file was drawn again: set %s, cr-violence %v", p.set.ID, p.checks["cr-violence"].Checked)
	}

	if err := d.shell.SetLanguage("pt"); err != nil {
		t.Fatal(err)
	}
	p = screeningOn(t, caseFileOf(t, &d.shellFixture))
	if p.set.ID != "child-sexual" || !p.checks["cr-violence"].Checked || p.exploitSel.Selected != catalog(t, "pt")["screening.exploitation.sexual"] {
		t.Errorf("after a change of language: set %s, cr-violence %v, select %q", p.set.ID, p.checks["cr-violence"].Checked, p.exploitSel.Selected)
	}
	p.exploitSel.SetSelected(catalog(t, "pt")["screening.exploitation.labour"])
	if !p.checks["dr-job-nature"].Checked || !p.checks["dr-wages"].Checked {
		t.Error("the labour ticks were lost")
	}
	if st, _ := dimState(t, p, "deceptive-recruitment"); st != "Positivo" {
		t.Errorf("state %q in Portuguese", st)
	}
}

// TestScreeningClosedCase: a closed case's screening is read, not
// changed; a case closed while the tab is open refuses the save plainly.
func TestScreeningClosedCase(t *testing.T) {
	d := newRealDesk(t, "en")
	en := catalog(t, "en")
	c := d.addCase(t, anAdult())
	_, p := screeningOf(t, d, c.ID)
	tapIndicators(t, p, "dr-job-nature", "dr-wages")
	test.Tap(p.saveButton)
	if _, err := d.sess.CloseCase(context.Background(), c.ID, domain.Closure{Reason: domain.ClosedGoalsMet}); err != nil {
		t.Fatal(err)
	}

	_, p = screeningOf(t, d, c.ID)
	if p.saveButton != nil || p.saveBottom != nil || p.closedNote == nil || p.closedNote.Text != en["screening.closed"] || p.lastSaved == nil {
		t.Errorf("closed case: save %v/%v, note %v, last saved %v", p.saveButton, p.saveBottom, p.closedNote, p.lastSaved)
	}
	for id, box := range p.checks {
		if !box.Disabled() {
			t.Errorf("%s can be ticked in a closed case", id)
		}
	}
	if !p.checks["dr-wages"].Checked {
		t.Error("the saved ticks are not shown")
	}
	tapTextIn(t, p.dims["deceptive-recruitment"].box, p.set.Dimension("deceptive-recruitment").Indicators[2].Text.In("en"))
	if p.checks[p.set.Dimension("deceptive-recruitment").Indicators[2].ID].Checked {
		t.Error("a click on the text ticked a box of a closed case")
	}

	// Closed behind the tab's back.
	o := d.addCase(t, anAdult())
	_, p = screeningOf(t, d, o.ID)
	if _, err := d.sess.CloseCase(context.Background(), o.ID, domain.Closure{Reason: domain.ClosedGoalsMet}); err != nil {
		t.Fatal(err)
	}
	tapIndicators(t, p, "dr-job-nature")
	test.Tap(p.saveBottom)
	if !p.notice.Visible() || p.notice.Text != en["screening.closed"] || p.notice.Importance != widget.DangerImportance {
		t.Errorf("message %q (%v, visible %v)", p.notice.Text, p.notice.Importance, p.notice.Visible())
	}
	if n := len(d.current(t, o.ID).Screenings); n != 0 {
		t.Errorf("%d screenings saved in a closed case", n)
	}
}

// TestScreeningUnavailableWithoutInterviewServices: a session without the
// interview services shows the plain refusal.
func TestScreeningUnavailableWithoutInterviewServices(t *testing.T) {
	f, office := newCaseFileShell(t)
	c := office.add(aChild())
	f.shell.openCase(c.ID)
	cf := caseFileOf(t, f)
	cf.selectTab(tabScreening)
	if !slices.Contains(texts(cf.items[tabScreening].Content), catalog(t, "en")["error.forbidden"]) {
		t.Errorf("texts %q", texts(cf.items[tabScreening].Content))
	}
}
