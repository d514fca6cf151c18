package letter

import (
	"strconv"
	"strings"

	"github.com/amparo-app/amparo/internal/domain"
)

// handBlank stands for a name to write by hand in a sentence.
const handBlank = "______________________________"

// ConsentFormPDF renders the consent form read aloud to the person and
// signed, in plain language in c.Lang: for each purpose asked about (all
// when c.Purposes is empty) what it means, Yes and No boxes, and that
// consent can be refused, limited or withdrawn without losing help; then
// the signatures of the person and, for a child, of a parent, guardian or
// social worker, how consent was given and who recorded it. The person's
// name and the partner are left blank to write by hand when not given.
func ConsentFormPDF(c ConsentForm) ([]byte, error) {
	s, err := newSheet(c.Lang, "", c.Created, "", "B", "I")
	if err != nil {
		return nil, err
	}
	t := s.t
	s.pdf.SetTitle(t.get("consent.title"), true)
	code := strings.TrimSpace(c.CaseCode)
	s.footer = func() string {
		page := strconv.Itoa(s.pdf.PageNo())
		if code == "" {
			return s.tx("consent.footerNoCode", "page", page, "pages", "{nb}")
		}
		return s.tx("consent.footer", "code", code, "page", page, "pages", "{nb}")
	}

	s.letterhead(c.Office)
	s.title(s.tx("consent.title"), s.tx("consent.subtitle"))
	s.blanks(blank{label: s.tx("consent.name"), width: 0.62, value: strings.TrimSpace(c.Name)},
		blank{label: s.tx("ref.caseCode"), width: 0.38, value: code})
	s.pdf.Ln(3)
	office := strings.TrimSpace(c.Office.Name)
	if office == "" {
		office = handBlank
	}
	s.para(s.tx("consent.intro", "office", office), "", bodySize+0.5, bodyLine+0.3)

	purposes := c.Purposes
	if len(purposes) == 0 {
		purposes = domain.ConsentPurposes
	}
	partner := strings.TrimSpace(c.Partner)
	if partner == "" {
		partner = handBlank
	}
	for i, p := range purposes {
		s.purpose(i+1, p, partner, c)
	}

	s.section(s.tx("consent.rights.title"), 20)
	s.notice(s.tx("consent.rights"), "B")
	if c.Child {
		s.pdf.Ln(2)
		s.para(s.tx("consent.child"), "", bodySize, bodyLine)
	}
	s.signatures(c)
	return s.bytes()
}

// purposeText is what one purpose means, read aloud: the text before the
// list of services or items, the list (nil when none), the text after it
// and the question.
func (s *sheet) purposeText(p domain.ConsentPurpose, partner string, c ConsentForm) (before string, items []string, after, question string) {
	t := s.t
	key := "consent." + string(p)
	before = s.tx(key+".text", "partner", partner)
	switch p {
	case domain.ConsentReferral:
		items = t.labels("service", c.Services)
		after = s.tx(key + ".after")
	case domain.ConsentSharing:
		items = t.labels("share", c.Shares)
		after = s.tx(key + ".after")
	}
	return before, items, after, s.tx(key+".question", "partner", partner)
}

// purposeHeight is the height of one purpose's part.
func (s *sheet) purposeHeight(p domain.ConsentPurpose, partner string, c ConsentForm) float64 {
	before, items, after, question := s.purposeText(p, partner, c)
	w := s.width()
	h := s.headingHeight("0. "+s.t.label("consentPurpose", string(p))) + 2.5
	h += s.height(before, "", bodySize+0.5, bodyLine+0.3, w) + 1
	switch {
	case len(items) > 0:
		for _, it := range items {
			h += s.bulletHeight(it)
		}
	case p == domain.ConsentReferral || p == domain.ConsentSharing:
		h += 2*7.5 + 1.5 + s.fieldLabelHeight(s.tx("consent."+string(p)+".blank"), "")
	}
	if after != "" {
		h += s.height(after, "", bodySize+0.5, bodyLine+0.3, w) + 1
	}
	h += s.height(question, "B", bodySize+0.5, bodyLine+0.3, w) + 1.5
	h += s.ticksHeight([]string{s.tx("consent.yes"), s.tx("consent.no")}, 2)
	h += s.height(s.tx("consent.right"), "I", smallSize+0.5, smallLine, w) + 1
	return h
}

// purpose writes one purpose: heading, what it means, the services or
// items named (lines to write them on when none are), the question, Yes
// and No, and that the person may say no. The part is kept on one page.
func (s *sheet) purpose(n int, p domain.ConsentPurpose, partner string, c ConsentForm) {
	pdf := s.pdf
	before, items, after, question := s.purposeText(p, partner, c)
	if h := s.purposeHeight(p, partner, c); h < s.usable() {
		s.need(h)
	}
	s.section(strconv.Itoa(n)+". "+s.t.label("consentPurpose", string(p)), 0)
	s.para(before, "", bodySize+0.5, bodyLine+0.3)
	pdf.Ln(1)
	switch {
	case len(items) > 0:
		s.bullets(items)
	case p == domain.ConsentReferral || p == domain.ConsentSharing:
		s.ruled(s.tx("consent."+string(p)+".blank"), "", 2)
	}
	if after != "" {
		s.para(after, "", bodySize+0.5, bodyLine+0.3)
		pdf.Ln(1)
	}
	s.colour(colourDark)
	s.para(question, "B", bodySize+0.5, bodyLine+0.3)
	s.colour(colourBlack)
	pdf.Ln(1.5)
	s.ticks([]string{s.tx("consent.yes"), s.tx("consent.no")}, 2)
	s.colour(colourGrey)
	s.para(s.tx("consent.right"), "I", smallSize+0.5, smallLine)
	s.colour(colourBlack)
	pdf.Ln(1)
}

// signatures writes the lines to sign: the person; for a child a parent,
// guardian or social worker with the relation; how consent was given; who
// read the form and recorded the answers, in which language, with which
// interpreter. They are kept on one page: nobody signs a page that does
// not show what the others signed.
func (s *sheet) signatures(c ConsentForm) {
	pdf := s.pdf
	t := s.t
	person := []blank{
		{label: s.tx("consent.name"), width: 0.5, value: strings.TrimSpace(c.Name)},
		{label: s.tx("consent.sign"), width: 0.3},
		{label: s.tx("common.date"), width: 0.2},
	}
	guardian := []blank{
		{label: s.tx("consent.guardianName"), width: 0.5},
		{label: s.tx("common.signature"), width: 0.3},
		{label: s.tx("common.date"), width: 0.2},
	}
	relations := t.labels("guardianRelation", domain.GuardianRelations)
	methods := t.labels("consentMethod", stringsOf(domain.ConsentMethods))
	recorder := []blank{
		{label: s.tx("consent.recordedBy"), width: 0.5},
		{label: s.tx("common.signature"), width: 0.3},
		{label: s.tx("common.date"), width: 0.2},
	}
	spoken := []blank{
		{label: s.tx("consent.language"), width: 0.5},
		{label: s.tx("consent.interpreter"), width: 0.5},
	}
	h := s.headingHeight(s.tx("consent.signatures")) + 2.5 +
		s.subheadHeight(s.tx("consent.byPerson")) + s.blanksHeight(person...) + 3 +
		s.subheadHeight(s.tx("consent.byWorker")) + s.choiceHeight(s.tx("consent.how"), "", methods, 2) + 1 +
		s.blanksHeight(recorder...) + s.blanksHeight(spoken...) + 3 +
		s.height(s.tx("consent.keep"), "I", smallSize, smallLine, s.width())
	if c.Child {
		h += s.subheadHeight(s.tx("consent.byGuardian")) + s.blanksHeight(guardian...) + 1.5 +
			s.choiceHeight(s.tx("consent.relation"), "", relations, 3) + 1.5
	}
	if h < s.usable() {
		s.need(h)
	}
	s.section(s.tx("consent.signatures"), s.subheadHeight(s.tx("consent.byPerson"))+s.blanksHeight(person...))
	s.subhead(s.tx("consent.byPerson"))
	s.blanks(person...)
	pdf.Ln(3)
	if c.Child {
		s.need(s.subheadHeight(s.tx("consent.byGuardian")) + s.blanksHeight(guardian...))
		s.subhead(s.tx("consent.byGuardian"))
		s.blanks(guardian...)
		pdf.Ln(1.5)
		s.choice(s.tx("consent.relation"), "", relations, 3)
		pdf.Ln(1.5)
	}
	s.need(s.subheadHeight(s.tx("consent.byWorker")) + s.choiceHeight(s.tx("consent.how"), "", methods, 2))
	s.subhead(s.tx("consent.byWorker"))
	s.choice(s.tx("consent.how"), "", methods, 2)
	pdf.Ln(1)
	s.blanks(recorder...)
	s.blanks(spoken...)
	pdf.Ln(3)
	s.colour(colourGrey)
	s.para(s.tx("consent.keep"), "I", smallSize, smallLine)
	s.colour(colourBlack)
}

// stringsOf converts a list of string values.
func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
