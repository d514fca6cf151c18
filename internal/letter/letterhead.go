package letter

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/amparo-app/amparo/internal/domain"
)

// letterhead writes the office block at the top of a page: logo on the
// right when there is one, name and contact details on the left, a rule.
func (d *document) letterhead(o domain.Office) {
	pdf := d.pdf
	left, top, right, _ := pdf.GetMargins()
	pageW, _ := pdf.GetPageSize()
	textW := pageW - left - right
	if opt, ok := imageOptions(o.Logo); ok {
		const logoH = 18.0
		pdf.RegisterImageOptionsReader("logo", opt, bytes.NewReader(o.Logo))
		if pdf.Ok() {
			info := pdf.GetImageInfo("logo")
			w := logoH * info.Width() / info.Height()
			if w > 45 {
				w = 45
			}
			pdf.ImageOptions("logo", pageW-right-w, top, w, 0, false, opt, 0, "")
			textW -= w + 4
		} else {
			// A logo that cannot be read must not stop the letter; the
			// office sees its letters without it and can replace the file.
			pdf.ClearError()
		}
	}
	pdf.SetXY(left, top)
	d.setFont("B", 14)
	d.setTextColour(20, 60, 60)
	pdf.MultiCell(textW, 6.5, o.Name, "", "L", false)
	d.setTextColour(60, 60, 60)
	d.setFont("", 9)
	var contact []string
	for _, s := range []string{o.Address, o.Phone, o.Email} {
		if s = strings.TrimSpace(s); s != "" {
			contact = append(contact, s)
		}
	}
	if len(contact) > 0 {
		pdf.MultiCell(textW, 4.4, strings.Join(contact, "\n"), "", "L", false)
	}
	pdf.SetTextColor(0, 0, 0)
	y := pdf.GetY()
	if y < top+20 {
		y = top + 20
	}
	pdf.SetDrawColor(31, 111, 107)
	pdf.SetLineWidth(0.5)
	pdf.Line(left, y+1, pageW-right, y+1)
	pdf.SetLineWidth(0.2)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetY(y + 6)
}

// imageOptions recognises a PNG or JPEG logo by its content.
func imageOptions(b []byte) (gofpdf.ImageOptions, bool) {
	if len(b) == 0 {
		return gofpdf.ImageOptions{}, false
	}
	switch http.DetectContentType(b) {
	case "image/png":
		return gofpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}, true
	case "image/jpeg":
		return gofpdf.ImageOptions{ImageType: "JPG", ReadDpi: false}, true
	}
	return gofpdf.ImageOptions{}, false
}
