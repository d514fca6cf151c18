package letter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/content"
	"github.com/amparo-app/amparo/internal/guide"
)

// Type sizes (pt) and line heights (mm) of the pocket guide, smaller than
// the letters' so that an A5 page holds a useful amount.
const (
	pocketBody      = 9.5
	pocketLine      = 4.4
	pocketSmall     = 8.3
	pocketSmallLine = 3.9
	pocketIndent    = 5.0 // hanging indent of list items
	pocketBox       = 3.0 // side of a tick box
)

// PocketGuide renders guide g in lang as an A5 booklet the interviewer can
// keep at hand: the summary, the preparation checklist with boxes to tick,
// every phase with its do's and don'ts, prompts and questions, then the
// pause, distress and stopping texts, set apart at the end. created is the
// PDF creation date, so the same guide and date give the same bytes.
func PocketGuide(g *guide.Guide, lang string, created time.Time) ([]byte, error) {
	if g == nil {
		return nil, fmt.Errorf("letter: no guide")
	}
	d, err := newDocumentLayout(layoutA5, lang, strings.TrimSpace(g.Title.In(lang)), created)
	if err != nil {
		return nil, err
	}
	p := &pocket{document: d, lang: lang}
	title := p.fix(g.Title.In(lang))
	version := strconv.Itoa(g.Version)
	d.footer = func() string {
		return p.footerLine(title, version)
	}
	d.pdf.SetHeaderFunc(p.header)

	p.cover(g, title)
	p.preparation(g.Preparation)
	for i, ph := range g.Phases {
		p.phase(i+1, ph)
	}
	p.support(g)
	return d.bytes()
}

// pocket draws the parts of a pocket guide on a document.
type pocket struct {
	*document
	lang string
	// cont is the label of the list being written, repeated with
	// "(continued)" at the top of a page the list runs on to.
	cont *listLabel
	// running is the section being written (a phase, the checklist),
	// named at the top of a page it runs on to.
	running string
}

// listLabel is a list's label and its colour.
type listLabel struct {
	text    string
	r, g, b int
}

// footerLine is "title · version v · page n of m", the title shortened
// when the line would not fit on the page in the footer's font.
func (p *pocket) footerLine(title, version string) string {
	pdf := p.pdf
	line := func(t string) string {
		return p.t.get("pocket.footer", "title", t, "version", version,
			"page", strconv.Itoa(pdf.PageNo()), "pages", "{nb}")
	}
	s := line(title)
	width := p.textWidth()
	for r := []rune(title); pdf.GetStringWidth(s) > width && len(r) > 8; {
		r = r[:len(r)-4]
		s = line(strings.TrimSpace(string(r)) + "…")
	}
	return s
}

// header names, at the top of a page, the section that runs on to it.
func (p *pocket) header() {
	if p.running == "" {
		return
	}
	pdf := p.pdf
	pdf.SetFont(family, "I", 7.5)
	pdf.SetTextColor(110, 110, 110)
	pdf.MultiCell(0, 3.5, p.running+" "+p.t.get("pocket.continued"), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1.5)
}

// textWidth is the width between the margins.
func (p *pocket) textWidth() float64 {
	left, _, right, _ := p.pdf.GetMargins()
	w, _ := p.pdf.GetPageSize()
	return w - left - right
}

// room is the height left above the page break.
func (p *pocket) room() float64 {
	_, h := p.pdf.GetPageSize()
	_, bottom := p.pdf.GetAutoPageBreak()
	return h - bottom - p.pdf.GetY()
}

// need starts a new page unless h mm are left on this one, so that a
// block (a heading with what follows it, a list item) is not split. It
// reports whether it started a page.
func (p *pocket) need(h float64) bool {
	if p.room() < h && p.pdf.GetY() > p.topY()+1 {
		p.pdf.AddPage()
		return true
	}
	return false
}

// continued starts a new page unless h mm are left, and then repeats the
// label of the list being written.
func (p *pocket) continued(h float64) {
	if p.need(h) && p.cont != nil {
		p.label(p.cont.text+" "+p.t.get("pocket.continued"), p.cont.r, p.cont.g, p.cont.b, 0)
	}
}

// usable is the height of a page between the top margin and the break.
func (p *pocket) usable() float64 {
	_, h := p.pdf.GetPageSize()
	_, bottom := p.pdf.GetAutoPageBreak()
	return h - bottom - p.topY()
}

// topY is where text starts on a page.
func (p *pocket) topY() float64 {
	_, top, _, _ := p.pdf.GetMargins()
	return top
}

// lines counts the lines MultiCell needs for s in a cell w mm wide, with
// the current font: the same greedy breaking at spaces and new lines.
func (p *pocket) lines(s string, w float64) int {
	pdf := p.pdf
	w -= 2 * pdf.GetCellMargin()
	space := pdf.GetStringWidth(" ")
	n := 0
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		n++
		x := 0.0
		for _, word := range strings.Split(para, " ") {
			ww := pdf.GetStringWidth(word)
			switch {
			case x == 0:
				x = ww
			case x+space+ww <= w:
				x += space + ww
			default:
				n++
				x = ww
			}
			for x > w { // a word longer than the line is cut
				n++
				x -= w
			}
		}
	}
	return n
}

// height is the height of s wrapped in w mm with the given font and line
// height; it leaves the font set.
func (p *pocket) height(s, style string, size, lh, w float64) float64 {
	p.pdf.SetFont(family, style, size)
	return float64(p.lines(s, w)) * lh
}

// heading writes a section heading, kept on one page with the next after
// mm of what follows it.
func (p *pocket) heading(s string, size float64, after float64) {
	pdf := p.pdf
	lh := size * 0.48
	p.need(p.height(s, "B", size, lh, p.textWidth()) + 2 + after)
	pdf.SetFont(family, "B", size)
	pdf.SetTextColor(20, 60, 60)
	pdf.MultiCell(0, lh, s, "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1.5)
}

// label writes the bold label of a list in colour r, g, b, kept with
// after mm of the list.
func (p *pocket) label(s string, r, g, b int, after float64) {
	pdf := p.pdf
	p.need(pocketLine + 0.5 + after)
	pdf.SetFont(family, "B", pocketBody)
	pdf.SetTextColor(r, g, b)
	pdf.MultiCell(0, pocketLine, s, "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(0.5)
}

// text writes wrapped text across the page.
func (p *pocket) text(s, style string, size, lh float64) {
	p.pdf.SetFont(family, style, size)
	p.pdf.MultiCell(0, lh, strings.TrimSpace(s), "", "L", false)
}

// itemHeight is the height of a list item of text s.
func (p *pocket) itemHeight(s, style string) float64 {
	return p.height(strings.TrimSpace(s), style, pocketBody, pocketLine, p.textWidth()-pocketIndent) + 1
}

// item writes one list item: marker (a bullet or a number) in the hanging
// indent, s wrapped beside it in style. The item is not split between
// pages unless it is longer than a page, and it keeps tail mm below it on
// the same page (for what must not be separated from the last item).
func (p *pocket) item(marker, s, style string, tail float64) {
	pdf := p.pdf
	s = strings.TrimSpace(s)
	p.continued(p.itemHeight(s, style) + tail)
	left, _, _, _ := pdf.GetMargins()
	pdf.SetFont(family, "", pocketBody)
	pdf.SetTextColor(20, 60, 60)
	pdf.SetX(left)
	pdf.CellFormat(pocketIndent, pocketLine, marker, "", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetLeftMargin(left + pocketIndent)
	pdf.SetFont(family, style, pocketBody)
	pdf.MultiCell(0, pocketLine, s, "", "L", false)
	pdf.SetLeftMargin(left)
	pdf.SetX(left)
	pdf.Ln(1)
}

// list writes a labelled bullet list; nothing when items is empty. Its
// label is kept with its first two items, and where the list runs on to
// the next page its label is repeated. tail mm are kept with the last item.
func (p *pocket) list(label string, r, g, b int, items []string, style string, tail float64) {
	if len(items) == 0 {
		return
	}
	first := p.itemHeight(items[0], style)
	if len(items) > 1 {
		first += p.itemHeight(items[1], style)
	}
	if len(items) <= 2 {
		first += tail
	}
	p.label(label, r, g, b, first)
	p.cont = &listLabel{label, r, g, b}
	p.items(items, style, false, tail)
	p.cont = nil
	p.pdf.Ln(1.5)
}

// items writes list items, bulleted or numbered, keeping the last two
// together so that no item is left alone at the top of a page; tail mm
// are kept with the last one.
func (p *pocket) items(items []string, style string, numbered bool, tail float64) {
	n := len(items)
	for i, s := range items {
		keep := 0.0
		switch {
		case i == n-1:
			keep = tail
		case i == n-2:
			keep = p.itemHeight(items[n-1], style) + tail
		}
		marker := "•"
		if numbered {
			marker = strconv.Itoa(i+1) + "."
		}
		p.item(marker, s, style, keep)
	}
}

// itemsHeight is the height of a whole list of items.
func (p *pocket) itemsHeight(items []string, style string) float64 {
	h := 0.0
	for _, s := range items {
		h += p.itemHeight(s, style)
	}
	return h
}

// quote puts s in the language's quotation marks.
func (p *pocket) quote(s string) string {
	return p.t.get("pocket.quote", "text", p.fix(s))
}

// cover writes the first page's head: what the document is, the guide's
// title and summary, the time it takes and the rule on personal data.
func (p *pocket) cover(g *guide.Guide, title string) {
	pdf := p.pdf
	pdf.SetFont(family, "B", pocketSmall)
	pdf.SetTextColor(31, 111, 107)
	pdf.MultiCell(0, pocketSmallLine, strings.ToUpper(p.t.get("pocket.kind")), "", "L", false)
	pdf.Ln(1.5)
	pdf.SetFont(family, "B", 17)
	pdf.SetTextColor(20, 60, 60)
	pdf.MultiCell(0, 7.5, title, "", "L", false)
	pdf.SetTextColor(0, 0, 0)

	left, _, _, _ := pdf.GetMargins()
	w, _ := pdf.GetPageSize()
	_, _, right, _ := pdf.GetMargins()
	y := pdf.GetY() + 1.5
	pdf.SetDrawColor(31, 111, 107)
	pdf.SetLineWidth(0.5)
	pdf.Line(left, y, w-right, y)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetY(y + 4)

	if s := p.fix(g.Summary.In(p.lang)); s != "" {
		p.text(s, "", pocketBody+0.5, pocketLine+0.3)
		pdf.Ln(2.5)
	}
	total := 0
	for _, ph := range g.Phases {
		total += ph.Minutes
	}
	if total > 0 {
		pdf.SetTextColor(60, 60, 60)
		p.text(p.t.get("pocket.total", "minutes", strconv.Itoa(total)), "I", pocketSmall+0.5, pocketSmallLine+0.2)
		pdf.SetTextColor(0, 0, 0)
		pdf.Ln(2.5)
	}
	// The rule on personal data, in a tinted box: a printed guide that
	// carries notes about a person is a leak waiting to happen.
	pdf.SetFillColor(240, 246, 245)
	pdf.SetFont(family, "B", pocketSmall)
	pdf.SetCellMargin(2)
	pdf.MultiCell(0, pocketSmallLine+0.6, p.t.get("pocket.nodata"), "", "L", true)
	pdf.SetCellMargin(1)
	pdf.Ln(5)
}

// preparation writes the checklist, one empty box per check with the help
// text under it.
func (p *pocket) preparation(checks []guide.Check) {
	if len(checks) == 0 {
		return
	}
	pdf := p.pdf
	first := p.checkHeight(checks[0])
	p.heading(p.t.get("pocket.before"), 12.5, pocketSmallLine+2+first)
	p.running = p.t.get("pocket.before")
	defer func() { p.running = "" }()
	pdf.SetTextColor(60, 60, 60)
	p.text(p.t.get("pocket.before.intro"), "I", pocketSmall, pocketSmallLine)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(2)
	for _, c := range checks {
		p.need(p.checkHeight(c))
		left, _, _, _ := pdf.GetMargins()
		y := pdf.GetY()
		pdf.SetDrawColor(31, 111, 107)
		pdf.SetLineWidth(0.3)
		pdf.Rect(left+0.3, y+(pocketLine-pocketBox)/2, pocketBox, pocketBox, "D")
		pdf.SetLineWidth(0.2)
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetLeftMargin(left + pocketIndent)
		pdf.SetX(left + pocketIndent)
		p.text(p.checkText(c), "", pocketBody, pocketLine)
		if h := p.fix(c.Help.In(p.lang)); h != "" {
			pdf.Ln(0.4)
			pdf.SetTextColor(80, 80, 80)
			p.text(h, "", pocketSmall, pocketSmallLine)
			pdf.SetTextColor(0, 0, 0)
		}
		pdf.SetLeftMargin(left)
		pdf.SetX(left)
		pdf.Ln(2.2)
	}
	pdf.Ln(2)
}

// checkText is a check's sentence, marked when it is only recommended.
func (p *pocket) checkText(c guide.Check) string {
	s := p.fix(c.Text.In(p.lang))
	if !c.Required {
		s += " " + p.t.get("pocket.recommended")
	}
	return s
}

// checkHeight is the height of one check with its help.
func (p *pocket) checkHeight(c guide.Check) float64 {
	w := p.textWidth() - pocketIndent
	h := p.height(p.checkText(c), "", pocketBody, pocketLine, w) + 2.2
	if help := p.fix(c.Help.In(p.lang)); help != "" {
		h += 0.4 + p.height(help, "", pocketSmall, pocketSmallLine, w)
	}
	return h
}

// phase writes one phase: its heading with the time it takes, its
// purpose, what to do and not to do, the prompts (open ones first) and
// the questions whose answers go in the case.
func (p *pocket) phase(n int, ph guide.Phase) {
	pdf := p.pdf
	lang := p.lang
	// A phase starts on a new page when less than a third of this one is
	// left, so its heading and purpose are read with what follows.
	_, pageH := pdf.GetPageSize()
	if p.room() < pageH/3 {
		pdf.AddPage()
	} else if pdf.GetY() > p.topY()+1 {
		pdf.Ln(2)
	}
	purpose := p.fix(ph.Purpose.In(lang))
	after := p.height(purpose, "I", pocketBody, pocketLine, p.textWidth()) + 2 + 2*pocketLine
	title := p.fix(ph.Title.In(lang))
	p.heading(p.t.get("pocket.phase", "n", strconv.Itoa(n), "title", title,
		"minutes", strconv.Itoa(ph.Minutes)), 12.5, after)
	p.running = strconv.Itoa(n) + ". " + title
	defer func() { p.running = "" }()
	if purpose != "" {
		pdf.SetTextColor(60, 60, 60)
		p.text(purpose, "I", pocketBody, pocketLine)
		pdf.SetTextColor(0, 0, 0)
		pdf.Ln(2.5)
	}

	var prompts []string
	for _, open := range []bool{true, false} {
		for _, pr := range ph.Prompts {
			if pr.Open == open {
				prompts = append(prompts, p.quote(pr.Text.In(lang)))
			}
		}
	}
	var questions []string
	for _, q := range ph.Questions {
		questions = append(questions, p.fix(q.Text.In(lang)))
	}
	lists := []struct {
		label   string
		r, g, b int
		items   []string
		style   string
	}{
		{p.t.get("pocket.do"), 31, 111, 107, p.inLang(ph.Do), ""},
		{p.t.get("pocket.dont"), 170, 40, 40, p.inLang(ph.Dont), ""},
		{p.t.get("pocket.prompts"), 20, 60, 60, prompts, "I"},
		{p.t.get("pocket.questions"), 20, 60, 60, questions, ""},
	}
	// The suggested break is kept on the page of the phase's last item.
	breakH := 0.0
	if ph.BreakSuggested {
		breakH = pocketSmallLine + 0.8 + 2
	}
	last := -1
	for i, l := range lists {
		if len(l.items) > 0 {
			last = i
		}
	}
	for i, l := range lists {
		tail := 0.0
		if i == last {
			tail = breakH
		}
		p.list(l.label, l.r, l.g, l.b, l.items, l.style, tail)
	}

	if ph.BreakSuggested {
		pdf.SetY(pdf.GetY() - 1.5) // the list's own space below is enough
		p.need(breakH)
		pdf.SetFillColor(240, 246, 245)
		pdf.SetFont(family, "B", pocketSmall)
		pdf.SetCellMargin(2)
		pdf.MultiCell(0, pocketSmallLine+0.8, p.t.get("pocket.break"), "", "L", true)
		pdf.SetCellMargin(1)
		pdf.Ln(2)
	}
}

// support writes, on a page of their own so they are found fast, the
// grounding lines to read during a pause, the distress protocol and the
// words for ending early.
func (p *pocket) support(g *guide.Guide) {
	pdf := p.pdf
	lang := p.lang
	grounding := p.inLang(g.Grounding)
	distress := p.inLang(g.Distress)
	stopping := p.fix(g.Stopping.In(lang))
	if len(grounding)+len(distress) == 0 && stopping == "" {
		return
	}
	// These are looked for in a hurry: they start a page of their own,
	// unless more than half of this one is still free (a rule then sets
	// them apart).
	if p.room() < p.usable()/2 {
		pdf.AddPage()
	} else {
		pdf.Ln(3)
		left, _, right, _ := pdf.GetMargins()
		w, _ := pdf.GetPageSize()
		pdf.SetDrawColor(31, 111, 107)
		pdf.SetLineWidth(0.5)
		pdf.Line(left, pdf.GetY(), w-right, pdf.GetY())
		pdf.SetLineWidth(0.2)
		pdf.SetDrawColor(0, 0, 0)
		pdf.Ln(5)
	}
	// Each part is kept on one page when it fits on one: nobody should
	// have to turn a page in the middle of the distress protocol.
	whole := func(h float64) float64 { return min(h, p.usable()-12) }
	if len(grounding) > 0 {
		intro := p.t.get("pocket.grounding.intro")
		for i := range grounding {
			grounding[i] = p.quote(grounding[i])
		}
		p.heading(p.t.get("pocket.grounding"), 12.5,
			whole(p.height(intro, "I", pocketSmall, pocketSmallLine, p.textWidth())+2+p.itemsHeight(grounding, "I")))
		pdf.SetTextColor(60, 60, 60)
		p.text(intro, "I", pocketSmall, pocketSmallLine)
		pdf.SetTextColor(0, 0, 0)
		pdf.Ln(2)
		p.cont = &listLabel{p.t.get("pocket.grounding"), 20, 60, 60}
		p.items(grounding, "I", false, 0)
		p.cont = nil
		pdf.Ln(3)
	}
	if len(distress) > 0 {
		p.heading(p.t.get("pocket.distress"), 12.5, whole(p.itemsHeight(distress, "")))
		p.cont = &listLabel{p.t.get("pocket.distress"), 20, 60, 60}
		p.items(distress, "", true, 0)
		p.cont = nil
		pdf.Ln(3)
	}
	if stopping != "" {
		intro := p.t.get("pocket.stopping.intro")
		words := p.quote(stopping)
		p.heading(p.t.get("pocket.stopping"), 12.5,
			whole(p.height(intro, "", pocketBody, pocketLine, p.textWidth())+1.5+
				p.height(words, "I", pocketBody, pocketLine, p.textWidth())))
		p.text(intro, "", pocketBody, pocketLine)
		pdf.Ln(1.5)
		p.text(words, "I", pocketBody, pocketLine)
	}
}

// inLang returns the non-empty texts of ts in the guide's language.
func (p *pocket) inLang(ts []content.Text) []string {
	var out []string
	for _, t := range ts {
		if s := p.fix(t.In(p.lang)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// frenchSpaces ties French high punctuation and guillemets to the word
// before or after with a no-break space, as French typography wants, so
// that a line never starts with "?" or ends with "«".
var frenchSpaces = strings.NewReplacer(
	" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;",
	" »", "\u00a0»", "« ", "«\u00a0",
)

// fix trims a guide text and, in French, ties its punctuation.
func (p *pocket) fix(s string) string {
	s = strings.TrimSpace(s)
	if p.lang == "fr" {
		s = frenchSpaces.Replace(s)
	}
	return s
}
