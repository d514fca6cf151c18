package letter

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
	"github.com/amparo-app/amparo/internal/screening"
)

// CaseSummaryPDF renders a case's summary for a case conference or a
// transfer in cs.Lang, marked confidential: the case (code, status,
// stage, priority, worker), the person, child protection and the Best
// Interests Assessment, the trafficking context, the safety check, the
// latest screening flag (a screening aid, not a determination), the plan
// and services, follow-ups, consents, referrals and interviews. A part
// with nothing in it is left out. cs.Worker is the responsible worker,
// named in the head with a telephone and e-mail to reach them.
func CaseSummaryPDF(cs CaseSummary) ([]byte, error) {
	s, err := newSheet(cs.Lang, "", cs.Created, "", "B", "I")
	if err != nil {
		return nil, err
	}
	t := s.t
	c := cs.Case
	code := strings.TrimSpace(c.Code)
	s.pdf.SetTitle(t.get("sum.title")+" "+code, true)
	s.footer = func() string {
		return s.tx("sum.footer", "code", code, "page", strconv.Itoa(s.pdf.PageNo()), "pages", "{nb}")
	}

	s.letterhead(cs.Office)
	s.confidentialBand(s.tx("sum.confidential"))
	s.title(s.tx("sum.title"), s.tx("sum.subtitle", "date", i18n.FormatDateLong(cs.Created, s.lang)))
	s.summaryCase(cs)
	s.summaryPerson(cs)
	s.summaryChild(c)
	s.summaryTrafficking(c)
	s.summarySafety(c.Safety)
	s.summaryScreenings(c.Screenings)
	s.summaryPlan(c)
	s.summaryFollowUps(c.FollowUps, cs.Created)
	s.consents(s.tx("sum.consents"), "", cs.Consents)
	s.summaryReferrals(cs.Referrals)
	s.summaryInterviews(cs.Interviews)
	s.pdf.Ln(3)
	s.notice(s.tx("sum.handling"), "")
	return s.bytes()
}

// confidentialBand writes txt in white bold capitals on a dark red band
// across the page.
func (s *sheet) confidentialBand(txt string) {
	pdf := s.pdf
	pdf.SetFillColor(150, 28, 28)
	pdf.SetTextColor(255, 255, 255)
	s.font("B", 10)
	pdf.SetCellMargin(3)
	pdf.MultiCell(0, 6.5, strings.ToUpper(txt), "", "C", true)
	pdf.SetCellMargin(1)
	s.colour(colourBlack)
	pdf.Ln(4)
}

// summaryCase is the case's head: code, status, stage, priority, the
// responsible worker, when it was opened and, when closed, why.
func (s *sheet) summaryCase(cs CaseSummary) {
	t, c := s.t, cs.Case
	w := cs.Worker
	worker := joined("\n", joined(", ", w.Name, w.Role), joined(" · ", w.Phone, w.Email))
	rows := []row{
		{s.tx("ref.caseCode"), c.Code},
		{s.tx("sum.status"), t.label("status", string(c.Status))},
		{s.tx("case.stage"), t.label("stage", string(c.Stage))},
		{s.tx("case.priority"), t.label("priority", string(c.Priority))},
		{s.tx("sum.worker"), worker},
		{s.tx("sum.opened"), s.date(c.OpenedOn)},
	}
	if cl := c.Closure; cl != nil {
		rows = append(rows,
			row{s.tx("sum.closed"), joined(" · ", s.date(cl.ClosedOn), t.label("closure", string(cl.Reason)), s.fix(cl.Note))},
			row{s.tx("sum.reopened"), s.date(cl.ReopenedOn)})
	}
	s.rows(s.tx("sum.case"), rows)
}

// summaryPerson is who the person is, as far as the summary may say.
func (s *sheet) summaryPerson(cs CaseSummary) {
	t, p := s.t, cs.Case.Person
	var age []row
	if p.BirthDate != "" {
		v := s.date(p.BirthDate)
		if a := ageOn(p.BirthDate, cs.Created); a >= 0 {
			v = s.tx("ref.birthAge", "date", v, "age", strconv.Itoa(a))
		}
		age = append(age, row{s.tx("ref.birthDate"), v})
	} else if p.AgeEstimate > 0 {
		v := s.tx("ref.ageYears", "age", strconv.Itoa(p.AgeEstimate))
		if by := t.label("ageMethod", string(p.AgeEstimateBy)); by != "" {
			v += " (" + by + ")"
		}
		age = append(age, row{s.tx("ref.ageEstimated"), v})
	}
	var doubt []string
	if p.AgeUncertain {
		doubt = append(doubt, s.tx("case.person.ageUncertain"))
	}
	if p.MayBeChild {
		doubt = append(doubt, s.tx("case.person.mayBeChild"))
	}
	children := ""
	if p.Children > 0 {
		children = strconv.Itoa(p.Children)
	}
	var docs []string
	for _, d := range p.Documents {
		line := t.label("documentKind", d.Kind)
		if h := t.label("heldBy", d.HeldBy); h != "" {
			line = joined(" — ", line, s.tx("sum.heldBy", "holder", h))
		}
		if line != "" {
			docs = append(docs, line)
		}
	}
	rows := []row{
		{s.tx("ref.name"), joined(" ", p.FirstName, p.MiddleName, p.LastName)},
		{s.tx("case.person.aliases"), strings.Join(p.Aliases, ", ")},
		{s.tx("ref.sex"), t.label("gender", string(p.Gender))},
	}
	rows = append(rows, age...)
	rows = append(rows,
		row{s.tx("case.person.ageDoubt"), strings.Join(doubt, "\n")},
		row{s.tx("case.person.citizenship"), countries(p.Citizenship, s.lang)},
		row{s.tx("ref.languages"), t.languages(p.Languages)},
		row{s.tx("case.person.education"), t.label("education", p.Education)},
		row{s.tx("case.person.maritalStatus"), t.label("maritalStatus", p.MaritalStatus)},
		row{s.tx("case.person.children"), children},
		row{s.tx("ref.disability"), s.fix(p.Disability)},
		row{s.tx("case.person.documents"), strings.Join(docs, "\n")},
	)
	// Contacts only when the person agreed to be contacted.
	if p.ContactConsent {
		rows = append(rows,
			row{s.tx("case.person.phone"), p.Phone},
			row{s.tx("case.person.email"), p.Email},
			row{s.tx("case.person.address"), s.fix(p.Address)})
	}
	s.rows(s.tx("sum.person"), rows)
}

// summaryChild is the child protection part and the Best Interests
// Assessment.
func (s *sheet) summaryChild(c domain.Case) {
	t, ch := s.t, c.Child
	g := ch.Guardian
	guardian := guardianText(t, g.Name, g.Relation)
	var situation []string
	if ch.Unaccompanied {
		situation = append(situation, s.tx("case.child.unaccompanied"))
	}
	if ch.Separated {
		situation = append(situation, s.tx("case.child.separated"))
	}
	s.rows(s.tx("ref.child"), []row{
		{s.tx("ref.guardian"), guardian},
		{s.tx("case.child.guardian.contact"), s.fix(g.Contact)},
		{s.tx("case.child.guardian.appointedBy"), joined(", ", s.fix(g.AppointedBy), s.date(g.AppointedOn))},
		{s.tx("case.child.situation"), strings.Join(situation, "\n")},
	})
	if b := ch.BIA; b != nil {
		s.rows(s.tx("case.bia.title"), []row{
			{s.tx("case.bia.priority"), t.label("biaPriority", string(b.Priority))},
			{s.tx("case.bia.recommendations"), strings.Join(t.labels("biaRecommendation", b.Recommendations), "\n")},
			{s.tx("case.bia.assessedOn"), s.date(b.AssessedOn)},
			{s.tx("case.bia.assessedBy"), s.fix(b.AssessedBy)},
			{s.tx("case.bia.notes"), s.fix(b.Notes)},
		})
	}
}

// summaryTrafficking is the trafficking context in the HTCDS terms, the
// places and dates, the perpetrators' roles and the person's account.
func (s *sheet) summaryTrafficking(c domain.Case) {
	t, tr := s.t, c.Trafficking
	status := t.label("traffickingStatus", string(tr.Status))
	if d := t.label("decidedBy", tr.DecidedBy); d != "" && status != "" {
		status += " (" + s.tx("sum.decidedBy", "who", d) + ")"
	}
	age := ""
	if tr.AgeWhenTrafficked > 0 {
		age = s.tx("ref.ageYears", "age", strconv.Itoa(tr.AgeWhenTrafficked))
	}
	lines := func(list string, values []string) string { return strings.Join(t.labels(list, values), "\n") }
	rows := filled([]row{
		{s.tx("case.trafficking.status"), status},
		{s.tx("case.trafficking.relationship"), t.label("relationship", tr.Relationship)},
		{s.tx("case.trafficking.ageWhenTrafficked"), age},
		{s.tx("case.trafficking.recruitment"), lines("recruitment", tr.Recruitment)},
		{s.tx("case.trafficking.control"), lines("control", tr.Control)},
		{s.tx("case.trafficking.exploitation"), lines("exploitation", tr.Exploitation)},
		{s.tx("case.trafficking.labourSector"), t.label("labourSector", tr.LabourSector)},
		{s.tx("case.trafficking.sexExploitation"), lines("sexExploitation", tr.SexExploitation)},
		{s.tx("case.trafficking.vulnerabilities"), lines("vulnerability", tr.Vulnerabilities)},
		{s.tx("case.trafficking.recruitmentApps"), t.labelList("app", tr.RecruitmentApps)},
		{s.tx("case.trafficking.exploitationApps"), t.labelList("app", tr.ExploitationApps)},
	})
	var events []string
	for _, e := range c.Events {
		where := joined(", ", s.fix(e.Place), country(e.Country, s.lang))
		if e.Country == "" {
			where = s.fix(e.Place)
		}
		when := joined(" – ", shortDate(e.From, s.lang), shortDate(e.To, s.lang))
		if l := joined(" · ", t.label("eventType", e.Type), where, when); l != "" {
			events = append(events, l)
		}
	}
	var perps []string
	for _, p := range c.Perpetrators {
		roles, details := t.labelList("role", p.Roles), s.fix(p.Details)
		if roles != "" && details != "" {
			perps = append(perps, s.tx("sum.roleDetails", "roles", roles, "details", details))
		} else if l := joined("", roles, details); l != "" {
			perps = append(perps, l)
		}
	}
	narrative := s.fix(tr.Narrative)
	if len(rows) == 0 && len(events) == 0 && len(perps) == 0 && narrative == "" {
		return
	}
	keep := 0.0
	if len(rows) > 0 {
		keep = s.rowHeight(rows[0])
	} else if len(events) > 0 {
		keep = s.bulletHeight(events[0])
	}
	s.section(s.tx("sum.trafficking"), keep)
	for _, r := range rows {
		s.row(r)
	}
	s.subList(s.tx("case.trafficking.events"), events)
	s.subList(s.tx("case.trafficking.perpetrators"), perps)
	if narrative != "" {
		s.pdf.Ln(1.5)
		s.need(s.subheadHeight(s.tx("case.trafficking.narrative")) + min(s.height(narrative, "", bodySize, bodyLine, s.width()), 3*bodyLine))
		s.subhead(s.tx("case.trafficking.narrative"))
		s.para(narrative, "", bodySize, bodyLine)
	}
}

// subList writes a subhead and its bullets within a section; nothing
// when items is empty.
func (s *sheet) subList(title string, items []string) {
	if len(items) == 0 {
		return
	}
	s.pdf.Ln(1.5)
	s.need(s.subheadHeight(title) + s.bulletHeight(items[0]))
	s.subhead(title)
	s.bullets(items)
}

// summarySafety is the latest safety check: the answers given, the risk
// judged and the notes.
func (s *sheet) summarySafety(sc domain.SafetyCheck) {
	yesNo := func(v string) string {
		switch v {
		case "yes":
			return s.tx("ref.informed.yes")
		case "no":
			return s.tx("ref.informed.no")
		}
		return ""
	}
	level := ""
	if sc.Level != "" {
		level = s.tx("case.safety.level." + sc.Level)
		if !s.t.has("case.safety.level." + sc.Level) {
			level = sc.Level
		}
	}
	s.rows(s.tx("sum.safety"), []row{
		{s.tx("case.safety.immediateDanger"), yesNo(sc.ImmediateDanger)},
		{s.tx("case.safety.traffickerContact"), yesNo(sc.TraffickerContact)},
		{s.tx("case.safety.threatsToFamily"), yesNo(sc.ThreatsToFamily)},
		{s.tx("case.safety.urgentHealth"), yesNo(sc.UrgentHealth)},
		{s.tx("case.safety.safePlaceTonight"), yesNo(sc.SafePlaceTonight)},
		{s.tx("case.safety.level"), level},
		{s.tx("case.safety.notes"), s.fix(sc.Notes)},
	})
}

var (
	setsOnce sync.Once
	sets     screening.Catalog
)

// indicatorSet is the shipped indicator set id, nil when unknown (an
// office's own set is named by its id).
func indicatorSet(id string) *screening.Set {
	setsOnce.Do(func() { sets = screening.Load("") })
	return sets.Get(id)
}

// summaryScreenings is the latest screening with each indicator set: the
// flag or its absence, the dimensions that carried it, and that it is a
// screening aid, never a determination.
func (s *sheet) summaryScreenings(scs []domain.Screening) {
	if len(scs) == 0 {
		return
	}
	var items []string
	aid := s.tx("sum.screening.aid")
	for _, sc := range scs {
		set := indicatorSet(sc.SetID)
		name := sc.SetID
		dims := sc.Carried
		if set != nil {
			name = s.fix(set.Title.In(s.lang))
			dims = nil
			for _, id := range sc.Carried {
				if d := set.Dimension(id); d != nil {
					dims = append(dims, s.fix(d.Title.In(s.lang)))
				} else {
					dims = append(dims, id)
				}
			}
			if d := s.fix(set.Disclaimer.In(s.lang)); d != "" {
				aid = d
			}
		}
		if !sc.At.IsZero() {
			name += " (" + i18n.FormatDate(sc.At, s.lang) + ")"
		}
		result := s.tx("sum.screening.none")
		if sc.Flag {
			result = s.tx("sum.screening.flag")
			if len(dims) > 0 {
				result += "\n" + s.tx("sum.screening.carried", "list", strings.Join(dims, ", "))
			}
		}
		items = append(items, name+"\n"+result)
	}
	s.section(s.tx("sum.screening"), s.bulletHeight(items[0]))
	s.bullets(items)
	s.colour(colourGrey)
	s.para(aid, "I", smallSize, smallLine)
	s.colour(colourBlack)
}

// summaryPlan is the support plan and the services given.
func (s *sheet) summaryPlan(c domain.Case) {
	t, p := s.t, c.Plan
	rows := filled([]row{
		{s.tx("case.plan.types"), t.labelList("planType", p.Types)},
		{s.tx("case.plan.objectives"), s.fix(p.Objectives)},
		{s.tx("case.plan.actions"), s.fix(p.Actions)},
		{s.tx("case.plan.plannedEnd"), s.date(p.PlannedEnd)},
		{s.tx("case.plan.actualEnd"), s.date(p.ActualEnd)},
	})
	var services []string
	for _, sv := range c.Services {
		line := joined(" · ", t.label("service", sv.Type), shortDate(sv.Date, s.lang), s.fix(sv.Provider))
		if n := s.fix(sv.Notes); n != "" {
			line = joined(" — ", line, n)
		}
		if line != "" {
			services = append(services, line)
		}
	}
	if len(rows) == 0 && len(services) == 0 {
		return
	}
	keep := 0.0
	if len(rows) > 0 {
		keep = s.rowHeight(rows[0])
	} else {
		keep = s.subheadHeight("x") + s.bulletHeight(services[0])
	}
	s.section(s.tx("sum.plan"), keep)
	for _, r := range rows {
		s.row(r)
	}
	s.subList(s.tx("sum.services"), services)
}

// summaryFollowUps lists the follow-ups: due, done or pending (late when
// due before the summary's day), and what to do.
func (s *sheet) summaryFollowUps(fs []domain.FollowUp, now time.Time) {
	today := now.Format("2006-01-02")
	var items []string
	for _, f := range fs {
		state := ""
		switch {
		case f.Done != "":
			state = s.tx("sum.followUp.done", "date", shortDate(f.Done, s.lang))
		case f.Due != "" && f.Due < today:
			state = s.tx("sum.followUp.late")
		default:
			state = s.tx("sum.followUp.pending")
		}
		due := ""
		if f.Due != "" {
			due = s.tx("sum.followUp.due", "date", shortDate(f.Due, s.lang))
		}
		items = append(items, joined(" — ", joined(", ", due, state), s.fix(f.Notes)))
	}
	s.list(s.tx("sum.followUps"), items)
}

// summaryReferrals lists the referrals: reference, partner, services,
// priority, state and when sent.
func (s *sheet) summaryReferrals(rs []ReferralLine) {
	t := s.t
	var items []string
	for _, r := range rs {
		sent := ""
		if r.SentOn != "" {
			sent = s.tx("sum.referral.sent", "date", shortDate(r.SentOn, s.lang))
		}
		head := joined(" — ", r.Number, s.fix(r.Partner))
		state := t.label("referralState", string(r.State))
		if r.State == domain.ReferralSent && sent != "" {
			state = "" // "sent on" says it
		}
		detail := joined(" · ", t.labelList("service", r.Services), t.label("referralPriority", string(r.Priority)), state, sent)
		if l := joined("\n", head, detail); l != "" {
			items = append(items, l)
		}
	}
	s.list(s.tx("sum.referrals"), items)
}

// summaryInterviews lists the interview sessions: when, the guide, how it
// ended and how many phases it reached.
func (s *sheet) summaryInterviews(is []InterviewLine) {
	var items []string
	for _, in := range is {
		when := ""
		if !in.On.IsZero() {
			when = i18n.FormatDate(in.On, s.lang)
		}
		outcome := s.tx("sum.interview.open")
		switch in.Outcome {
		case domain.InterviewCompleted:
			outcome = s.tx("sum.interview.completed")
		case domain.InterviewEndedEarly:
			outcome = s.tx("sum.interview.endedEarly")
		}
		phases := ""
		if in.Phases > 0 {
			phases = s.tx("sum.interview.phases."+i18n.PluralCategory(s.lang, int64(in.Phases)), "n", strconv.Itoa(in.Phases))
		}
		items = append(items, joined(" · ", when, s.fix(in.Guide), outcome, phases))
	}
	s.list(s.tx("sum.interviews"), items)
}
