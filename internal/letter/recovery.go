package letter

import (
	"strings"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/i18n"
)

// Recovery is what the recovery sheet shows.
type Recovery struct {
	Office  domain.Office
	Code    string // as vault.NewRecoveryCode prints it, grouped with dashes
	Lang    string // en, fr or pt
	Created time.Time
}

// RecoverySheet renders the one-page sheet on which an office keeps its
// recovery code, with plain instructions on keeping and using it.
func RecoverySheet(r Recovery) ([]byte, error) {
	d, err := newDocument(r.Lang, "Amparo", r.Created)
	if err != nil {
		return nil, err
	}
	t, pdf := d.t, d.pdf
	d.letterhead(r.Office)
	d.heading(20, t.get("recovery.title"))
	d.field(t.get("recovery.office"), r.Office.Name)
	d.field(t.get("recovery.issued"), i18n.FormatDateLong(r.Created, r.Lang))
	pdf.Ln(4)
	d.paragraph(t.get("recovery.intro"))

	// The code itself: large, in a box, its groups spaced so it can be read
	// and typed back without mistakes.
	pdf.Ln(2)
	left, _, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	pdf.SetFont(family, "B", 19)
	pdf.SetFillColor(240, 246, 245)
	pdf.SetDrawColor(31, 111, 107)
	pdf.SetLineWidth(0.6)
	pdf.CellFormat(pageW-left-right, 20, strings.ReplaceAll(r.Code, "-", " - "), "1", 1, "C", true, 0, "")
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.Ln(6)

	d.heading(13, t.get("recovery.keep.title"))
	for _, k := range []string{"recovery.keep.1", "recovery.keep.2", "recovery.keep.3"} {
		d.bullet(t.get(k))
	}
	pdf.Ln(3)
	d.heading(13, t.get("recovery.use.title"))
	d.paragraph(t.get("recovery.use.1"))

	pdf.Ln(10)
	pdf.SetFont(family, "", 10)
	half := (pageW - left - right) / 2
	pdf.CellFormat(half-5, 12, strings.TrimRight(t.get("recovery.signed")+t.get("colon"), " "), "B", 0, "L", false, 0, "")
	pdf.CellFormat(10, 12, "", "", 0, "L", false, 0, "")
	pdf.CellFormat(half-5, 12, strings.TrimRight(t.get("recovery.date")+t.get("colon"), " "), "B", 1, "L", false, 0, "")
	return d.bytes()
}
