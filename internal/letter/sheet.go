package letter

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/i18n"
)

// Type sizes (pt), line heights and widths (mm) of the case documents:
// the referral letter, the consent form, the blank intake form and the
// case summary.
const (
	bodySize   = 10.0
	bodyLine   = 5.0
	labelSize  = 9.0
	smallSize  = 8.5
	smallLine  = 4.2
	labelWidth = 46.0 // the label column of a field row
	tickSide   = 3.2  // side of a tick box
	tickGap    = 5.2  // from a tick box to its label
	tickSize   = 9.5  // a tick box's label
	tickLine   = 4.6
)

// Colours (RGB) of the case documents.
var (
	colourTeal  = [3]int{31, 111, 107}
	colourDark  = [3]int{20, 60, 60}
	colourGrey  = [3]int{90, 90, 90}
	colourTint  = [3]int{240, 246, 245}
	colourBlack = [3]int{0, 0, 0}
)

// sheet draws the parts the case documents share on an A4 document:
// headings kept with what follows them, label and value rows, lists, tick
// boxes and lines to write on.
type sheet struct {
	*document
	lang string
}

// newSheet starts an A4 case document in lang registering only the font
// styles given.
func newSheet(lang, title string, created time.Time, styles ...string) (*sheet, error) {
	d, err := newDocumentStyles(layoutA4, lang, title, created, styles...)
	if err != nil {
		return nil, err
	}
	return &sheet{document: d, lang: lang}, nil
}

// row is a label and its value; a row with an empty value is left out.
type row struct {
	label, value string
}

// font sets the family's style and size.
func (s *sheet) font(style string, size float64) { s.setFont(style, size) }

func (s *sheet) colour(c [3]int) { s.setTextColour(c[0], c[1], c[2]) }

func (s *sheet) left() float64 {
	l, _, _, _ := s.pdf.GetMargins()
	return l
}

// width is the width between the margins.
func (s *sheet) width() float64 {
	l, _, r, _ := s.pdf.GetMargins()
	w, _ := s.pdf.GetPageSize()
	return w - l - r
}

// room is the height left above the page break.
func (s *sheet) room() float64 {
	_, h := s.pdf.GetPageSize()
	_, bottom := s.pdf.GetAutoPageBreak()
	return h - bottom - s.pdf.GetY()
}

// usable is the height between the top margin and the page break.
func (s *sheet) usable() float64 {
	_, h := s.pdf.GetPageSize()
	_, bottom := s.pdf.GetAutoPageBreak()
	_, top, _, _ := s.pdf.GetMargins()
	return h - bottom - top
}

// need starts a new page unless h mm are left on this one (and the page
// is not empty already), so that a block is not split.
func (s *sheet) need(h float64) {
	_, top, _, _ := s.pdf.GetMargins()
	if s.room() < h && s.pdf.GetY() > top+1 {
		s.pdf.AddPage()
	}
}

// lines counts the lines MultiCell writes for txt in a cell w mm wide with
// the current font: the same breaking as gofpdf's, at spaces only (a
// no-break space holds), a word wider than the cell cut where it
// overflows, an empty text one line.
func (s *sheet) lines(txt string, w float64) int {
	pdf := s.pdf
	_, unit := pdf.GetFontSize()
	wmax := int(math.Ceil((w - 2*pdf.GetCellMargin()) * 1000 / unit))
	runes := []rune(strings.TrimRight(strings.ReplaceAll(txt, "\r", ""), "\n"))
	widths := map[rune]int{}
	width := func(c rune) int {
		cw, ok := widths[c]
		if !ok {
			cw = pdf.GetStringSymbolWidth(string(c))
			widths[c] = cw
		}
		return cw
	}
	n, sep, i, j, l := 1, -1, 0, 0, 0
	for i < len(runes) {
		c := runes[i]
		if c == '\n' {
			i++
			sep, j, l = -1, i, 0
			n++
			continue
		}
		if c == ' ' {
			sep = i
		}
		l += width(c)
		if l > wmax {
			if sep == -1 {
				if i == j {
					i++
				}
			} else {
				i = sep + 1
			}
			sep, j, l = -1, i, 0
			n++
			continue
		}
		i++
	}
	return n
}

// height is the height of txt wrapped in w mm in a style, size and line
// height; it leaves that font set.
func (s *sheet) height(txt, style string, size, lh, w float64) float64 {
	s.font(style, size)
	return float64(s.lines(txt, w)) * lh
}

// fix trims a text and, in French, ties high punctuation to its word.
func (s *sheet) fix(txt string) string {
	txt = strings.TrimSpace(txt)
	if s.lang == "fr" {
		txt = frenchSpaces.Replace(txt)
	}
	return txt
}

// tx is a text of the document's language, French punctuation tied.
func (s *sheet) tx(key string, args ...string) string {
	return s.fix(s.t.get(key, args...))
}

// title writes the document's title, and a line under it in small type
// when sub is not empty.
func (s *sheet) title(txt, sub string) {
	pdf := s.pdf
	s.font("B", 17)
	s.colour(colourDark)
	pdf.MultiCell(0, 7.5, txt, "", "L", false)
	if sub != "" {
		pdf.Ln(0.5)
		s.font("", smallSize+0.5)
		s.colour(colourGrey)
		pdf.MultiCell(0, smallLine+0.3, sub, "", "L", false)
	}
	s.colour(colourBlack)
	pdf.Ln(3)
}

const headingSize = 11.5

// headingHeight is the height a section heading takes.
func (s *sheet) headingHeight(txt string) float64 {
	return s.height(txt, "B", headingSize, 5.6, s.width()) + 4.2
}

// section writes a section heading with a rule under it, on the page of
// the keep mm that follow it (its first row, its first lines).
func (s *sheet) section(txt string, keep float64) {
	pdf := s.pdf
	_, top, _, _ := pdf.GetMargins()
	if pdf.GetY() > top+1 {
		pdf.Ln(2.5)
	}
	s.need(s.headingHeight(txt) + keep)
	s.font("B", headingSize)
	s.colour(colourDark)
	pdf.MultiCell(0, 5.6, txt, "", "L", false)
	s.colour(colourBlack)
	y := pdf.GetY() + 0.8
	pdf.SetDrawColor(colourTeal[0], colourTeal[1], colourTeal[2])
	pdf.SetLineWidth(0.3)
	pdf.Line(s.left(), y, s.left()+s.width(), y)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetY(y + 2.6)
}

// filled keeps the rows whose value is not empty.
func filled(rows []row) []row {
	var out []row
	for _, r := range rows {
		r.value = strings.TrimSpace(r.value)
		if r.value != "" {
			out = append(out, r)
		}
	}
	return out
}

// rowHeight is the height of a row: its label and its value side by side.
func (s *sheet) rowHeight(r row) float64 {
	lh := s.height(r.label, "B", labelSize, bodyLine, labelWidth-2)
	vh := s.height(r.value, "", bodySize, bodyLine, s.width()-labelWidth)
	return max(lh, vh) + 1
}

// rows writes the rows with a value under a section heading; nothing at
// all (no heading) when no row has a value.
func (s *sheet) rows(heading string, rows []row) {
	rows = filled(rows)
	if len(rows) == 0 {
		return
	}
	// A short section is kept whole, a longer one with its first row.
	keep, whole := s.rowHeight(rows[0]), 0.0
	for _, r := range rows {
		whole += s.rowHeight(r)
	}
	if whole < s.usable()/4 {
		keep = whole
	}
	s.section(heading, keep)
	for i, r := range rows {
		if i == len(rows)-2 {
			// The last row is not left alone at the top of a page.
			s.need(s.rowHeight(r) + s.rowHeight(rows[i+1]))
		}
		s.row(r)
	}
}

// row writes one label and value side by side, the label in a column on
// the left, both wrapped; the row is not split between pages unless it is
// longer than a page.
func (s *sheet) row(r row) {
	pdf := s.pdf
	s.need(s.rowHeight(r))
	left := s.left()
	y := pdf.GetY()
	page := pdf.PageNo()
	s.font("B", labelSize)
	s.colour(colourGrey)
	pdf.SetXY(left, y)
	pdf.MultiCell(labelWidth-2, bodyLine, r.label, "", "L", false)
	labelEnd := pdf.GetY()
	s.colour(colourBlack)
	s.font("", bodySize)
	pdf.SetLeftMargin(left + labelWidth)
	pdf.SetXY(left+labelWidth, y)
	pdf.MultiCell(0, bodyLine, r.value, "", "L", false)
	pdf.SetLeftMargin(left)
	end := pdf.GetY()
	if pdf.PageNo() == page && labelEnd > end {
		end = labelEnd
	}
	pdf.SetXY(left, end+1)
}

// para writes wrapped text across the page in a style and size, kept
// together when it is short.
func (s *sheet) para(txt, style string, size, lh float64) {
	pdf := s.pdf
	h := s.height(txt, style, size, lh, s.width())
	if h < 4*lh {
		s.need(h)
	}
	s.font(style, size)
	pdf.MultiCell(0, lh, txt, "", "L", false)
}

// bulletHeight is the height of one item of a list.
func (s *sheet) bulletHeight(txt string) float64 {
	return s.height(txt, "", bodySize, bodyLine, s.width()-5) + 0.8
}

// bullets writes a list, one wrapped item after a bullet.
func (s *sheet) bullets(items []string) {
	pdf := s.pdf
	left := s.left()
	for i, it := range items {
		h := s.bulletHeight(it)
		if i == len(items)-2 {
			// The last item is not left alone at the top of a page.
			h += s.bulletHeight(items[i+1])
		}
		s.need(h)
		s.font("", bodySize)
		s.colour(colourTeal)
		pdf.SetX(left + 0.5)
		pdf.CellFormat(4.5, bodyLine, "•", "", 0, "L", false, 0, "")
		s.colour(colourBlack)
		pdf.SetLeftMargin(left + 5)
		pdf.MultiCell(0, bodyLine, it, "", "L", false)
		pdf.SetLeftMargin(left)
		pdf.SetX(left)
		pdf.Ln(0.8)
	}
}

// list writes a section of bullets; nothing when items is empty.
func (s *sheet) list(heading string, items []string) {
	if len(items) == 0 {
		return
	}
	s.section(heading, s.bulletHeight(items[0]))
	s.bullets(items)
}

// notice writes txt in small type in a tinted box.
func (s *sheet) notice(txt, style string) {
	pdf := s.pdf
	pdf.SetCellMargin(2.5)
	h := s.height(txt, style, smallSize, smallLine+0.3, s.width()) + 3
	s.need(h)
	pdf.SetFillColor(colourTint[0], colourTint[1], colourTint[2])
	y := pdf.GetY()
	pdf.Rect(s.left(), y, s.width(), h, "F")
	pdf.SetY(y + 1.5)
	s.font(style, smallSize)
	pdf.MultiCell(0, smallLine+0.3, txt, "", "L", false)
	pdf.SetCellMargin(1)
	pdf.SetY(y + h)
}

// box draws an empty tick box whose top left corner is at x, y.
func (s *sheet) box(x, y float64) {
	pdf := s.pdf
	pdf.SetDrawColor(60, 60, 60)
	pdf.SetLineWidth(0.25)
	pdf.Rect(x, y, tickSide, tickSide, "D")
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
}

// tickLabelHeight is the height of a tick box's label in a column w mm wide.
func (s *sheet) tickLabelHeight(label string, w float64) float64 {
	return s.height(label, "", tickSize, tickLine, w-tickGap)
}

// tick writes a tick box and its wrapped label in a column w mm wide whose
// left is x, from y; it returns the height used.
func (s *sheet) tick(x, y, w float64, label string) float64 {
	pdf := s.pdf
	s.box(x+0.3, y+(tickLine-tickSide)/2)
	left := s.left()
	_, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	// The label wraps in its own column: the margins are moved to it.
	pdf.SetLeftMargin(x + tickGap)
	pdf.SetRightMargin(pageW - x - w)
	pdf.SetXY(x+tickGap, y)
	s.font("", tickSize)
	pdf.MultiCell(0, tickLine, label, "", "L", false)
	h := pdf.GetY() - y
	pdf.SetLeftMargin(left)
	pdf.SetRightMargin(right)
	return h
}

// columnsFor is how many columns of tick boxes fit labels this wide,
// at most max.
func (s *sheet) columnsFor(labels []string, maxCols int) int {
	s.font("", tickSize)
	widest := 0.0
	for _, l := range labels {
		widest = max(widest, s.pdf.GetStringWidth(l))
	}
	need := widest + tickGap + 4 + 2*s.pdf.GetCellMargin()
	cols := int(s.width() / need)
	return max(1, min(cols, maxCols, len(labels)))
}

// ticksHeight is the height of a grid of tick boxes.
func (s *sheet) ticksHeight(labels []string, cols int) float64 {
	colW := s.width() / float64(cols)
	h := 0.0
	for i := 0; i < len(labels); i += cols {
		rowH := 0.0
		for j := i; j < min(i+cols, len(labels)); j++ {
			rowH = max(rowH, s.tickLabelHeight(labels[j], colW))
		}
		h += rowH + 1.2
	}
	return h
}

// ticks writes a grid of tick boxes with their labels, in columns read
// across; a row of the grid is not split between pages.
func (s *sheet) ticks(labels []string, cols int) {
	pdf := s.pdf
	left := s.left()
	colW := s.width() / float64(cols)
	for i := 0; i < len(labels); i += cols {
		end := min(i+cols, len(labels))
		rowH := 0.0
		for j := i; j < end; j++ {
			rowH = max(rowH, s.tickLabelHeight(labels[j], colW))
		}
		s.need(rowH + 1.2)
		y := pdf.GetY()
		for j := i; j < end; j++ {
			s.tick(left+float64(j-i)*colW, y, colW, labels[j])
		}
		pdf.SetXY(left, y+rowH+1.2)
	}
}

// fieldLabel writes a field's label in small bold grey, with a hint in
// regular type after it when hint is not empty.
func (s *sheet) fieldLabel(label, hint string) {
	s.labelText(label, hint, labelSize, 4.4)
	s.pdf.Ln(4.4)
}

// labelText writes a label in bold and its hint in regular type after it,
// flowing between the margins; the line is left open.
func (s *sheet) labelText(label, hint string, size, lh float64) {
	pdf := s.pdf
	s.colour(colourGrey)
	s.font("B", size)
	pdf.Write(lh, label)
	if hint != "" {
		s.font("", size)
		pdf.Write(lh, " — "+hint)
	}
	s.colour(colourBlack)
}

// labelHeight is the height of a label and its hint in a column w mm wide
// (measured in bold: never less than written).
func (s *sheet) labelHeight(label, hint string, size, lh, w float64) float64 {
	if hint != "" {
		label += " — " + hint
	}
	// Write breaks lines without the cell margins MultiCell keeps.
	return s.height(label, "B", size, lh, w+2*s.pdf.GetCellMargin())
}

// fieldLabelHeight is the height of a field's label.
func (s *sheet) fieldLabelHeight(label, hint string) float64 {
	return s.labelHeight(label, hint, labelSize, 4.4, s.width())
}

// choiceHeight is the height of a labelled grid of tick boxes.
func (s *sheet) choiceHeight(label, hint string, options []string, maxCols int) float64 {
	return s.fieldLabelHeight(label, hint) + 0.6 + s.ticksHeight(options, s.columnsFor(options, maxCols)) + 1.6
}

// choice writes a field's label with its options as tick boxes, the
// label kept with the first row of boxes.
func (s *sheet) choice(label, hint string, options []string, maxCols int) {
	cols := s.columnsFor(options, maxCols)
	// A short list is kept whole; a long one with its first row.
	keep := s.ticksHeight(options, cols)
	if keep > s.usable()/2 {
		keep = s.ticksHeight(options[:min(cols, len(options))], cols)
	}
	s.need(s.fieldLabelHeight(label, hint) + 0.6 + keep)
	s.fieldLabel(label, hint)
	s.pdf.Ln(0.6)
	s.ticks(options, cols)
	s.pdf.Ln(1.6)
}

// blank is a field to write on: a label over its part of the row.
type blank struct {
	label string
	hint  string  // in regular type after the label
	width float64 // a share of the row: the row's widths add up to 1
	value string  // written on the line when already known
}

// writeRowHeight is the height of a row of blanks.
const writeRowHeight = 12.5

// blanksHeight is the height of a row of blanks: labels that would not
// fit their share are wrapped, and the row grows; so it does for a value
// already written.
func (s *sheet) blanksHeight(fields ...blank) float64 {
	labelH, writeH := s.blanksParts(fields)
	return labelH + writeH
}

// blanksParts are the heights of a row of blanks' labels and of the space
// to write under them.
func (s *sheet) blanksParts(fields []blank) (labelH, writeH float64) {
	labelH = 3.8
	writeH = writeRowHeight - 3.8
	for _, f := range fields {
		w := f.width*s.width() - 3
		labelH = max(labelH, s.labelHeight(f.label, f.hint, labelSize-0.5, 3.8, w))
		if f.value != "" {
			writeH = max(writeH, s.height(f.value, "", bodySize, bodyLine, w)+3)
		}
	}
	return labelH, writeH
}

// blanks writes one row of fields to fill by hand: each label in small
// type over a line to write on (with the value on it when known).
func (s *sheet) blanks(fields ...blank) {
	pdf := s.pdf
	left := s.left()
	_, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	labelH, writeH := s.blanksParts(fields)
	h := labelH + writeH
	s.need(h)
	y := pdf.GetY()
	x := left
	for _, f := range fields {
		w := f.width * s.width()
		// Label and value wrap in the field's own column.
		pdf.SetLeftMargin(x)
		pdf.SetRightMargin(pageW - x - w + 3)
		pdf.SetXY(x, y)
		s.labelText(f.label, f.hint, labelSize-0.5, 3.8)
		if f.value != "" {
			vh := s.height(f.value, "", bodySize, bodyLine, w-3)
			pdf.SetXY(x, y+h-1.5-vh)
			pdf.MultiCell(0, bodyLine, f.value, "", "L", false)
		}
		pdf.SetLeftMargin(left)
		pdf.SetRightMargin(right)
		pdf.SetDrawColor(120, 120, 120)
		pdf.SetLineWidth(0.2)
		pdf.Line(x+1, y+h-1.5, x+w-3, y+h-1.5)
		pdf.SetDrawColor(0, 0, 0)
		x += w
	}
	pdf.SetXY(left, y+h)
}

// ruled writes n empty lines to write on, under a label when label is not
// empty.
func (s *sheet) ruled(label, hint string, n int) {
	pdf := s.pdf
	const gap = 7.5
	h := float64(n) * gap
	if label != "" {
		h += s.fieldLabelHeight(label, hint)
	}
	s.need(min(h+1, s.usable()))
	if label != "" {
		s.fieldLabel(label, hint)
	}
	left := s.left()
	pdf.SetDrawColor(150, 150, 150)
	for i := 0; i < n; i++ {
		s.need(gap)
		y := pdf.GetY() + gap
		pdf.Line(left+1, y-1.5, left+s.width()-1, y-1.5)
		pdf.SetY(y)
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.Ln(1.5)
}

// date writes a YYYY-MM-DD date in full in the document's language; a
// date that cannot be read is written as it is.
func (s *sheet) date(iso string) string {
	return longDate(iso, s.lang)
}

// longDate writes a YYYY-MM-DD date in full in lang; a text that is not
// such a date (a year, a month) is returned as it is.
func longDate(iso, lang string) string {
	iso = strings.TrimSpace(iso)
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return i18n.FormatDateLong(t, lang)
}

// shortDate writes a YYYY-MM-DD date the short way of lang.
func shortDate(iso, lang string) string {
	iso = strings.TrimSpace(iso)
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return i18n.FormatDate(t, lang)
}

// ageOn is the age in whole years on day at of a person born on the
// YYYY-MM-DD birth date; -1 when the date cannot be read or is later.
func ageOn(birth string, at time.Time) int {
	b, err := time.Parse("2006-01-02", strings.TrimSpace(birth))
	if err != nil || b.After(at) {
		return -1
	}
	age := at.Year() - b.Year()
	if at.Month() < b.Month() || (at.Month() == b.Month() && at.Day() < b.Day()) {
		age--
	}
	return age
}

// joined joins the non-empty parts with sep.
func joined(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func itoa(n int) string { return strconv.Itoa(n) }

// subhead writes the bold title of a group of fields (who signs).
func (s *sheet) subhead(txt string) {
	s.font("B", bodySize)
	s.colour(colourDark)
	s.pdf.MultiCell(0, bodyLine, txt, "", "L", false)
	s.colour(colourBlack)
	s.pdf.Ln(0.5)
}

// subheadHeight is the height of a subhead.
func (s *sheet) subheadHeight(txt string) float64 {
	return s.height(txt, "B", bodySize, bodyLine, s.width()) + 0.5
}
