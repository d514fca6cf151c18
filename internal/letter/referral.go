package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// DueBy is when the receiving agency should act: Due when set, else the
// letter's date plus the time its priority gives.
func (r ReferralLetter) DueBy() time.Time {
	if !r.Due.IsZero() {
		return r.Due
	}
	return r.Date.Add(r.priority().Within())
}

// priority is the letter's priority, normal when it has none or an
// unknown one.
func (r ReferralLetter) priority() domain.ReferralPriority {
	switch r.Priority {
	case domain.ReferralEmergency, domain.ReferralUrgent:
		return r.Priority
	}
	return domain.ReferralNormal
}

// ReferralLetterPDF renders a referral letter in r.Lang: the office's
// letterhead, the reference and date, the receiving partner, the priority
// and the date to act by, what the person agreed may be said about them
// (the case code alone when their name is not to be shared), for a child
// the guardian and whether they know, the reason, the services requested
// and already given, the consents, the referring worker, a
// confidentiality notice and a reply part for the receiving agency to cut
// off and return. Every part whose facts are empty is left out.
func ReferralLetterPDF(r ReferralLetter) ([]byte, error) {
	// Bold and regular only: every style registered is parsed and embedded.
	s, err := newSheet(r.Lang, "", r.Created, "")
	if err != nil {
		return nil, err
	}
	t := s.t
	title := t.get("ref.title")
	s.pdf.SetTitle(joined(" ", title, r.Number), true)
	number := strings.TrimSpace(r.Number)
	s.footer = func() string {
		return s.fix(t.get("ref.footer", "number", number, "page", strconv.Itoa(s.pdf.PageNo()), "pages", "{nb}"))
	}

	s.letterhead(r.Office)
	s.title(title, s.fix(t.get("ref.subtitle")))
	s.row(row{s.tx("ref.number"), number})
	s.row(row{s.tx("ref.date"), i18n.FormatDateLong(r.Date, r.Lang)})
	s.recipient(r.Partner)
	s.priorityBox(r)
	s.person(r)
	if r.Child != nil {
		s.child(*r.Child)
	}
	if reason := s.fix(r.Reason); reason != "" {
		s.section(s.tx("ref.reason"), min(s.height(reason, "", bodySize, bodyLine, s.width()), 3*bodyLine))
		s.para(reason, "", bodySize, bodyLine)
	}
	s.list(s.tx("ref.services"), t.labels("service", r.Services))
	s.list(s.tx("ref.given"), t.labels("service", r.Given))
	s.consents(s.tx("ref.consent"), s.tx("ref.consent.intro"), r.Consents)
	s.worker(r)
	s.pdf.Ln(3)
	s.notice(s.tx("ref.confidential"), "")
	s.reply(r)
	return s.bytes()
}

// recipient writes the partner the letter goes to: name, type, contact
// person, address, telephone, e-mail and opening hours, each when known.
func (s *sheet) recipient(p domain.Partner) {
	t := s.t
	var lines []string
	if name := strings.TrimSpace(p.Name); name != "" {
		if kind := t.label("orgType", p.Type); kind != "" {
			name += " (" + kind + ")"
		}
		lines = append(lines, name)
	}
	if c := strings.TrimSpace(p.Contact); c != "" {
		lines = append(lines, s.tx("ref.attn", "name", c))
	}
	if a := strings.TrimSpace(p.Address); a != "" {
		lines = append(lines, a)
	}
	if c := joined(" · ", p.Phone, p.Email); c != "" {
		lines = append(lines, c)
	}
	if h := strings.TrimSpace(p.Hours); h != "" {
		lines = append(lines, s.tx("ref.hours", "hours", h))
	}
	if len(lines) == 0 {
		return
	}
	s.row(row{s.tx("ref.to"), strings.Join(lines, "\n")})
}

// priorityColour is the colour of a priority: red, amber, teal.
func priorityColour(p domain.ReferralPriority) [3]int {
	switch p {
	case domain.ReferralEmergency:
		return [3]int{178, 34, 34}
	case domain.ReferralUrgent:
		return [3]int{196, 110, 0}
	}
	return colourTeal
}

// priorityBox writes the priority, with the time it gives, and the date
// (and for an emergency or an urgent referral the hour) to act by, in a
// box with a bar of the priority's colour.
func (s *sheet) priorityBox(r ReferralLetter) {
	pdf := s.pdf
	p := r.priority()
	due := r.DueBy()
	when := i18n.FormatDateLong(due, s.lang)
	if p != domain.ReferralNormal {
		when = s.tx("ref.dueTime", "date", when, "time", fmt.Sprintf("%02d:%02d", due.Hour(), due.Minute()))
	}
	line1 := s.tx("ref.priority", "priority", s.t.label("referralPriority", string(p)))
	line2 := s.tx("ref.dueBy", "due", when)
	w := s.width() - 8
	h := s.height(line1, "B", 11, 5.4, w) + s.height(line2, "", bodySize, bodyLine, w) + 5
	pdf.Ln(2)
	s.need(h)
	c := priorityColour(p)
	y := pdf.GetY()
	left := s.left()
	pdf.SetFillColor(c[0], c[1], c[2])
	pdf.Rect(left, y, 2.2, h, "F")
	pdf.SetDrawColor(c[0], c[1], c[2])
	pdf.SetLineWidth(0.4)
	pdf.Rect(left, y, s.width(), h, "D")
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLeftMargin(left + 6)
	pdf.SetXY(left+6, y+2.5)
	s.font("B", 11)
	s.colour(c)
	pdf.MultiCell(w, 5.4, line1, "", "L", false)
	s.colour(colourBlack)
	s.font("", bodySize)
	pdf.MultiCell(w, bodyLine, line2, "", "L", false)
	pdf.SetLeftMargin(left)
	pdf.SetXY(left, y+h+1)
}

// person writes what the letter may say about the person: the name, or
// the case code alone with the reason; age or date of birth, sex,
// languages, nationality, disability and contact when shared.
func (s *sheet) person(r ReferralLetter) {
	t, p := s.t, r.Person
	name := strings.TrimSpace(p.Name)
	if name == "" {
		name = s.tx("ref.nameWithheld")
	}
	rows := []row{
		{s.tx("ref.name"), name},
		{s.tx("ref.caseCode"), p.CaseCode},
	}
	if p.BirthDate != "" {
		v := s.date(p.BirthDate)
		if age := ageOn(p.BirthDate, r.Date); age >= 0 {
			v = s.tx("ref.birthAge", "date", v, "age", strconv.Itoa(age))
		}
		rows = append(rows, row{s.tx("ref.birthDate"), v})
	} else if p.Age > 0 {
		rows = append(rows, row{s.tx("ref.ageEstimated"), s.tx("ref.ageYears", "age", strconv.Itoa(p.Age))})
	}
	rows = append(rows,
		row{s.tx("ref.sex"), t.label("gender", p.Gender)},
		row{s.tx("ref.languages"), t.languages(p.Languages)},
		row{s.tx("ref.nationality"), countries(p.Nationality, s.lang)},
		row{s.tx("ref.disability"), s.fix(p.Disability)},
		row{s.tx("ref.contact"), s.fix(p.Contact)},
	)
	s.rows(s.tx("ref.person"), rows)
}

// child writes a child's care: that the person is a child, the guardian,
// whether the child is unaccompanied or separated, and whether the
// guardian knows of the referral (and why not).
func (s *sheet) child(c ChildFacts) {
	t := s.t
	guardian := guardianText(t, c.GuardianName, c.GuardianRelation)
	var situation []string
	if c.Unaccompanied {
		situation = append(situation, s.tx("case.child.unaccompanied"))
	}
	if c.Separated {
		situation = append(situation, s.tx("case.child.separated"))
	}
	informed := ""
	switch c.GuardianInformed {
	case "yes":
		informed = s.tx("ref.informed.yes")
	case "no":
		informed = s.tx("ref.informed.no")
		if why := s.fix(c.NotInformedWhy); why != "" {
			informed = s.tx("ref.informed.noWhy", "why", why)
		}
	}
	rows := filled([]row{
		{s.tx("ref.guardian"), guardian},
		{s.tx("case.child.situation"), strings.Join(situation, "\n")},
		{s.tx("ref.informed"), informed},
	})
	note := s.tx("ref.child.note")
	keep := s.height(note, "", bodySize, bodyLine, s.width()) + 1.5
	if len(rows) > 0 {
		keep += s.rowHeight(rows[0])
	}
	s.section(s.tx("ref.child"), keep)
	s.para(note, "", bodySize, bodyLine)
	s.pdf.Ln(1.5)
	for _, r := range rows {
		s.row(r)
	}
}

// worker writes who referred: name, role, office, telephone, e-mail.
func (s *sheet) worker(r ReferralLetter) {
	w := r.Worker
	s.rows(s.tx("ref.by"), []row{
		{s.tx("ref.worker.name"), w.Name},
		{s.tx("ref.worker.role"), w.Role},
		{s.tx("ref.worker.office"), r.Office.Name},
		{s.tx("ref.worker.phone"), w.Phone},
		{s.tx("ref.worker.email"), w.Email},
	})
}

// scissors draws a small pair of open scissors pointing right, centred
// on x, y.
func (s *sheet) scissors(x, y float64) {
	pdf := s.pdf
	pdf.SetDrawColor(90, 90, 90)
	pdf.SetLineWidth(0.3)
	pdf.Circle(x-1.6, y-1.3, 0.9, "D")
	pdf.Circle(x-1.6, y+1.3, 0.9, "D")
	pdf.Line(x-0.9, y-0.8, x+3.2, y+1.4)
	pdf.Line(x-0.9, y+0.8, x+3.2, y-1.4)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
}

// replyLine is the gap between the lines of the reply part.
const replyLine = 9.0

// replyHeight is the height of the reply part, measured as reply writes
// it.
func (s *sheet) replyHeight(r ReferralLetter) float64 {
	h := 4.5 // the cut line and the gap under it
	h += s.height(s.replyCutText(r), "", smallSize, smallLine, s.width()) + 1.5
	h += s.height(s.tx("ref.reply.title"), "B", headingSize, 5.6, s.width()) + 1.5
	h += s.rowHeight(s.replyRefRow(r)) + 1
	h += 4*replyLine + 1.5 // three ticks, the declined reason's second line
	h += s.blanksHeight(s.replySigned()...)
	return h
}

// replyCutText is the line over the reply part: where to send it back.
func (s *sheet) replyCutText(r ReferralLetter) string {
	o := r.Office
	return s.tx("ref.reply.cut", "office", joined(" · ", o.Name, o.Phone, o.Email))
}

// replyRefRow names the referral the reply is about: its reference and
// the case code, never the person's name.
func (s *sheet) replyRefRow(r ReferralLetter) row {
	return row{s.tx("ref.number"), joined(" · ", r.Number, s.tx("ref.reply.code", "code", r.Person.CaseCode))}
}

// replySigned are the blanks for who replies.
func (s *sheet) replySigned() []blank {
	return []blank{{label: s.tx("ref.reply.name"), width: 0.5}, {label: s.tx("common.signature"), width: 0.3}, {label: s.tx("common.date"), width: 0.2}}
}

// reply writes the part the receiving agency cuts off and sends back,
// kept whole on one page: reference and case code (never the name),
// accepted, declined with the reason, or service given on a date, and who
// answers.
func (s *sheet) reply(r ReferralLetter) {
	pdf := s.pdf
	pdf.Ln(5)
	if s.room() < s.replyHeight(r) {
		pdf.AddPage()
	}
	left, w := s.left(), s.width()
	y := pdf.GetY() + 1.5
	pdf.SetDrawColor(110, 110, 110)
	pdf.SetDashPattern([]float64{1.6, 1.2}, 0)
	pdf.Line(left+6, y, left+w, y)
	pdf.SetDashPattern(nil, 0)
	pdf.SetDrawColor(0, 0, 0)
	s.scissors(left+1.6, y)
	pdf.SetY(y + 3)
	s.font("", smallSize)
	s.colour(colourGrey)
	pdf.MultiCell(0, smallLine, s.replyCutText(r), "", "L", false)
	s.colour(colourBlack)
	pdf.Ln(1.5)
	s.font("B", headingSize)
	s.colour(colourDark)
	pdf.MultiCell(0, 5.6, s.tx("ref.reply.title"), "", "L", false)
	s.colour(colourBlack)
	pdf.Ln(1.5)
	s.row(s.replyRefRow(r))
	s.tickLine(s.tx("ref.reply.accepted"))
	s.tickLine(s.tx("ref.reply.declined"))
	// A second line for the reason, under the first.
	y = pdf.GetY() + replyLine
	pdf.SetDrawColor(120, 120, 120)
	pdf.Line(left+tickGap+1, y-1.5, left+w-1, y-1.5)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetY(y)
	s.tickLine(s.tx("ref.reply.given"))
	pdf.Ln(1.5)
	s.blanks(s.replySigned()...)
}

// tickLine writes a tick box, its label and a line to write on after it
// to the right margin, replyLine high.
func (s *sheet) tickLine(label string) {
	pdf := s.pdf
	left, w := s.left(), s.width()
	y := pdf.GetY() + replyLine - bodyLine - 1.5
	s.box(left+0.3, y+(bodyLine-tickSide)/2)
	s.font("", bodySize)
	lw := pdf.GetStringWidth(label) + 2*pdf.GetCellMargin()
	pdf.SetXY(left+tickGap, y)
	pdf.CellFormat(lw, bodyLine, label, "", 0, "L", false, 0, "")
	if x := left + tickGap + lw + 1; x < left+w-20 {
		pdf.SetDrawColor(120, 120, 120)
		pdf.Line(x, y+bodyLine-0.5, left+w-1, y+bodyLine-0.5)
		pdf.SetDrawColor(0, 0, 0)
	}
	pdf.SetXY(left, y+bodyLine+1.5)
}
