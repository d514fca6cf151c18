package letter

import "strings"

// The parts the referral letter and the case summary share: the
// guardian, and the consents as they are stated.

// guardianText is a guardian's name with the relation to the child in
// brackets, or either alone.
func guardianText(t texts, name, relation string) string {
	name = strings.TrimSpace(name)
	rel := t.label("guardianRelation", relation)
	switch {
	case rel == "":
		return name
	case name == "":
		return rel
	}
	return name + " (" + rel + ")"
}

// consentText is one consent as the documents state it: what it is for,
// who gave it, how and when, and the services or items it names.
func (s *sheet) consentText(c ConsentFacts) (title, detail string) {
	t := s.t
	title = t.label("consentPurpose", string(c.Purpose))
	giver := t.label("consentGiver", string(c.GivenBy))
	if n := strings.TrimSpace(c.GiverName); n != "" {
		giver = joined(", ", giver, n)
	}
	var parts []string
	if g := joined(" · ", cond(giver != "", s.tx("consent.givenBy", "giver", giver)),
		cond(c.Method != "", s.tx("consent.method", "method", t.label("consentMethod", string(c.Method)))),
		cond(c.GivenOn != "", s.tx("consent.givenOn", "date", s.date(c.GivenOn)))); g != "" {
		parts = append(parts, g)
	}
	if l := t.labelList("service", c.Services); l != "" {
		parts = append(parts, s.tx("consent.services", "list", l))
	}
	if l := t.labelList("share", c.Shares); l != "" {
		parts = append(parts, s.tx("consent.shares", "list", l))
	}
	return title, strings.Join(parts, "\n")
}

// cond is s when ok, else "".
func cond(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// consents writes a section with the consents, each its purpose in bold
// and who gave it, how, when and for what under it; nothing when there is
// none.
func (s *sheet) consents(heading, intro string, cs []ConsentFacts) {
	if len(cs) == 0 {
		return
	}
	pdf := s.pdf
	height := func(c ConsentFacts) float64 {
		title, detail := s.consentText(c)
		return s.height(title, "B", bodySize, bodyLine, s.width()-5) +
			s.height(detail, "", bodySize-0.5, 4.6, s.width()-5) + 1.5
	}
	keep := height(cs[0])
	if intro != "" {
		keep += s.height(intro, "", bodySize, bodyLine, s.width()) + 1.5
	}
	s.section(heading, keep)
	if intro != "" {
		s.para(intro, "", bodySize, bodyLine)
		pdf.Ln(1.5)
	}
	left := s.left()
	for _, c := range cs {
		title, detail := s.consentText(c)
		s.need(height(c))
		s.font("", bodySize)
		s.colour(colourTeal)
		pdf.SetX(left + 0.5)
		pdf.CellFormat(4.5, bodyLine, "•", "", 0, "L", false, 0, "")
		s.colour(colourBlack)
		pdf.SetLeftMargin(left + 5)
		s.font("B", bodySize)
		pdf.MultiCell(0, bodyLine, title, "", "L", false)
		if detail != "" {
			s.font("", bodySize-0.5)
			pdf.MultiCell(0, 4.6, detail, "", "L", false)
		}
		pdf.SetLeftMargin(left)
		pdf.SetX(left)
		pdf.Ln(1.5)
	}
}
