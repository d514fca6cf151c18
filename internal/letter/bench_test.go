package letter

import (
	"bytes"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/amparo-app/amparo/assets"
)

// The referral letter's cost is measured against the least a PDF with
// the same font costs: a bare gofpdf page with Noto Sans Regular
// registered and one paragraph. Compare the two in the same run:
//
//	go test ./internal/letter -run XXX -bench 'ReferralLetter|BarePage' -benchmem
//
// BenchmarkReferralLetterVsBarePage times them in turn and reports the
// ratio itself (target at most 2); BenchmarkReferralLetter reports the
// letter's size without a logo (target under 60 KB).

// barePage renders the bare page.
func barePage(b *testing.B, font []byte, text string) []byte {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", font)
	pdf.AddPage()
	pdf.SetFont(family, "", 10.5)
	pdf.MultiCell(0, lineHeight, text, "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func regularFont(b *testing.B) []byte {
	font, err := assets.Fonts.ReadFile(fontFiles[""])
	if err != nil {
		b.Fatal(err)
	}
	return font
}

func BenchmarkBarePage(b *testing.B) {
	font, text := regularFont(b), sampleFree["fr"].reason
	b.ReportAllocs()
	for b.Loop() {
		barePage(b, font, text)
	}
}

func BenchmarkReferralLetter(b *testing.B) {
	r := sampleReferral("fr")
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		pdf, err := ReferralLetterPDF(r)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

func BenchmarkReferralLetterVsBarePage(b *testing.B) {
	font, text := regularFont(b), sampleFree["fr"].reason
	r := sampleReferral("fr")
	var bare, letter time.Duration
	for b.Loop() {
		start := time.Now()
		barePage(b, font, text)
		bare += time.Since(start)
		start = time.Now()
		if _, err := ReferralLetterPDF(r); err != nil {
			b.Fatal(err)
		}
		letter += time.Since(start)
	}
	b.ReportMetric(float64(letter)/float64(bare), "letter/bare")
}
