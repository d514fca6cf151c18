package letter

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/amparo-app/amparo/assets"
)

// Font family and the page geometry of A4 documents (mm).
const (
	family      = "NotoSans"
	marginLeft  = 20.0
	marginTop   = 18.0
	marginRight = 20.0
	lineHeight  = 5.6
)

// layout is a document's page size and margins, in mm.
type layout struct {
	size             string  // a gofpdf page size name ("A4"), used when wd and ht are 0
	wd, ht           float64 // else the page size, portrait
	left, top, right float64 // margins
	bottom           float64 // the automatic page break margin
	footerY          float64 // where the footer line starts, from the bottom (negative)
}

var (
	// layoutA4 is the letters' page: every newDocument caller gets it.
	layoutA4 = layout{size: "A4", left: marginLeft, top: marginTop, right: marginRight, bottom: 20, footerY: -14}
	// layoutA5 is half an A4 sheet, for pocket documents printed two to a
	// sheet or folded into a booklet. ISO A5 is 148 × 210 mm; gofpdf's
	// "A5" is 148.5 mm wide, so the size is given.
	layoutA5 = layout{wd: 148, ht: 210, left: 13, top: 12, right: 13, bottom: 15, footerY: -11}
)

// fontFiles maps gofpdf styles to the embedded Noto Sans files. Every style
// a document uses must be registered, or SetFont fails.
var fontFiles = map[string]string{
	"":   "fonts/NotoSans-Regular.ttf",
	"B":  "fonts/NotoSans-Bold.ttf",
	"I":  "fonts/NotoSans-Italic.ttf",
	"BI": "fonts/NotoSans-BoldItalic.ttf",
}

// document wraps a gofpdf document with Amparo's fonts, footer and texts.
type document struct {
	pdf *gofpdf.Fpdf
	t   texts
	// footer gives the footer line of the current page; "{nb}" in it
	// becomes the page count. A document may replace it before its first
	// page ends.
	footer func() string
	// drawBold draws bold with the regular face (see setFont); bold is
	// true while drawn bold is on.
	drawBold, bold bool
}

// newDocument starts an A4 document in lang. created is written as the
// PDF creation date, so the same input and date give the same bytes.
func newDocument(lang, title string, created time.Time) (*document, error) {
	return newDocumentLayout(layoutA4, lang, title, created)
}

// newDocumentLayout starts a portrait document with the page size and
// margins of l; otherwise as newDocument.
func newDocumentLayout(l layout, lang, title string, created time.Time) (*document, error) {
	return newDocumentStyles(l, lang, title, created, "", "B", "I", "BI")
}

// newDocumentStyles is newDocumentLayout registering only the font styles
// given ("" regular, "B", "I", "BI"; the footer uses regular, always
// registered). Each style registered costs a font parse when the document
// starts and a subset embedded when it ends, so a document that never uses
// italic need not pay for it. A style used but not registered is a
// gofpdf error, which bytes returns.
func newDocumentStyles(l layout, lang, title string, created time.Time, styles ...string) (*document, error) {
	t, err := loadTexts(lang)
	if err != nil {
		return nil, err
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P", UnitStr: "mm", SizeStr: l.size,
		Size: gofpdf.SizeType{Wd: l.wd, Ht: l.ht},
	})
	if !slices.Contains(styles, "") {
		styles = append(styles, "")
	}
	for _, style := range styles {
		file, ok := fontFiles[style]
		if !ok {
			return nil, fmt.Errorf("letter: no font style %q", style)
		}
		b, err := assets.Fonts.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("letter: font %s: %w", file, err)
		}
		pdf.AddUTF8FontFromBytes(family, style, b)
	}
	pdf.SetMargins(l.left, l.top, l.right)
	pdf.SetAutoPageBreak(true, l.bottom)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Amparo", true)
	pdf.SetCreationDate(created.UTC())
	pdf.SetModificationDate(created.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.AliasNbPages("{nb}")
	d := &document{pdf: pdf, t: t, drawBold: !slices.Contains(styles, "B")}
	d.footer = func() string {
		return t.get("page", "page", fmt.Sprint(pdf.PageNo()), "pages", "{nb}")
	}
	pdf.SetFooterFunc(func() {
		pdf.SetTextRenderingMode(0) // a page may end inside drawn bold text
		pdf.SetY(l.footerY)
		pdf.SetFont(family, "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, d.footer(), "", 0, "C", false, 0, "")
		if d.bold {
			pdf.SetTextRenderingMode(2)
		}
	})
	pdf.AddPage()
	return d, pdf.Error()
}

// setFont sets the family's style and size. When the document has no bold
// face registered (drawBold), bold is drawn: the regular glyphs filled and
// stroked with a thin outline of the text's colour. A bold face costs as
// much as the rest of a letter to embed; drawn bold costs nothing.
func (d *document) setFont(style string, size float64) {
	if d.drawBold && strings.Contains(style, "B") {
		d.pdf.SetFont(family, strings.ReplaceAll(style, "B", ""), size)
		d.pdf.SetTextRenderingMode(2)
		d.pdf.SetLineWidth(size * 0.011)
		r, g, b := d.pdf.GetTextColor()
		d.pdf.SetDrawColor(r, g, b)
		d.bold = true
		return
	}
	if d.bold {
		d.pdf.SetTextRenderingMode(0)
		d.pdf.SetLineWidth(0.2)
		d.pdf.SetDrawColor(0, 0, 0)
		d.bold = false
	}
	d.pdf.SetFont(family, style, size)
}

// setTextColour sets the text's colour (and the outline of drawn bold).
func (d *document) setTextColour(r, g, b int) {
	d.pdf.SetTextColor(r, g, b)
	if d.bold {
		d.pdf.SetDrawColor(r, g, b)
	}
}

// bytes finishes the document, returning gofpdf's first error if any (a
// font that fails to parse only records an error, it does not stop).
func (d *document) bytes() ([]byte, error) {
	if err := d.pdf.Error(); err != nil {
		return nil, fmt.Errorf("letter: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("letter: %w", err)
	}
	return buf.Bytes(), nil
}

// heading writes a bold heading of the given size.
func (d *document) heading(size float64, s string) {
	d.pdf.SetFont(family, "B", size)
	d.pdf.SetTextColor(20, 60, 60)
	d.pdf.MultiCell(0, size*0.5, s, "", "L", false)
	d.pdf.SetTextColor(0, 0, 0)
	d.pdf.Ln(1.5)
}

// paragraph writes wrapped body text.
func (d *document) paragraph(s string) {
	d.pdf.SetFont(family, "", 10.5)
	d.pdf.MultiCell(0, lineHeight, s, "", "L", false)
	d.pdf.Ln(2)
}

// bullet writes one wrapped item of a list with a hanging indent.
func (d *document) bullet(s string) {
	pdf := d.pdf
	pdf.SetFont(family, "", 10.5)
	left, _, _, _ := pdf.GetMargins()
	pdf.SetX(left + 2)
	pdf.CellFormat(5, lineHeight, "•", "", 0, "L", false, 0, "")
	pdf.SetLeftMargin(left + 7)
	pdf.MultiCell(0, lineHeight, s, "", "L", false)
	pdf.SetLeftMargin(left)
	pdf.Ln(1)
}

// field writes "label: value" on one line, the label in bold.
func (d *document) field(label, value string) {
	pdf := d.pdf
	pdf.SetFont(family, "B", 10.5)
	label += d.t.get("colon")
	w := pdf.GetStringWidth(label) + 1
	pdf.CellFormat(w, lineHeight, label, "", 0, "L", false, 0, "")
	pdf.SetFont(family, "", 10.5)
	pdf.MultiCell(0, lineHeight, value, "", "L", false)
}
