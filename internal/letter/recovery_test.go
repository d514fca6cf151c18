package letter

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
)

func sampleOffice() domain.Office {
	return domain.Office{
		Name:    "Instituto Cabo-verdiano da Criança e do Adolescente – Praia",
		Country: "CV",
		Address: "Avenida Cidade de Lisboa, Praia",
		Phone:   "+238 260 00 00",
		Email:   "protecao@example.cv",
	}
}

const sampleCode = "7K3Q-9XMD-A2BC-DEFG-HJKM-NPQR-ST45"

func TestRecoverySheetInEachLanguage(t *testing.T) {
	created := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	cases := []struct {
		lang  string
		wants []string
	}{
		{"en", []string{"Recovery code", "Issued on: 27 November 2026", "Keep it safe", "Page 1 of 1"}},
		{"fr", []string{"Code de récupération", "Délivré le : 27 novembre 2026", "Le garder en lieu sûr", "Toute personne qui possède", "Page 1 sur 1"}},
		{"pt", []string{"Código de recuperação", "Emitido em: 27 de novembro de 2026", "Guarde-o em segurança", "Página 1 de 1"}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			pdf, err := RecoverySheet(Recovery{Office: sampleOffice(), Code: sampleCode, Lang: c.lang, Created: created})
			if err != nil {
				t.Fatal(err)
			}
			if !isPDF(pdf) {
				t.Fatal("output is not a PDF")
			}
			text := pdfText(t, pdf)
			assertContains(t, text, append(c.wants,
				"Instituto Cabo-verdiano da Criança e do Adolescente – Praia",
				"protecao@example.cv",
				"7K3Q - 9XMD - A2BC - DEFG - HJKM - NPQR - ST45")...)
			if n := pdfPages(t, pdf); n != 1 {
				t.Fatalf("recovery sheet has %d pages, want 1", n)
			}
		})
	}
}

func TestRecoverySheetIsDeterministic(t *testing.T) {
	r := Recovery{Office: sampleOffice(), Code: sampleCode, Lang: "fr", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	a, err := RecoverySheet(r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := RecoverySheet(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same input gave two different PDFs")
	}
}

func TestRecoverySheetWithLogo(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 120, 60))
	for x := 0; x < 120; x++ {
		for y := 0; y < 60; y++ {
			img.Set(x, y, color.RGBA{31, 111, byte(x), 255})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	o := sampleOffice()
	o.Logo = logo.Bytes()
	with, err := RecoverySheet(Recovery{Office: o, Code: sampleCode, Lang: "en", Created: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(with, []byte("/Subtype /Image")) {
		t.Fatal("the logo is not in the PDF")
	}

	t.Run("a logo that is not an image is left out, the sheet still prints", func(t *testing.T) {
		o.Logo = []byte("not an image at all")
		pdf, err := RecoverySheet(Recovery{Office: o, Code: sampleCode, Lang: "en", Created: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(pdf, []byte("/Subtype /Image")) {
			t.Fatal("a broken logo was embedded")
		}
		assertContains(t, pdfText(t, pdf), "Recovery code")
	})
}

func TestRecoverySheetRefusesUnknownLanguage(t *testing.T) {
	if _, err := RecoverySheet(Recovery{Office: sampleOffice(), Code: sampleCode, Lang: "de"}); err == nil || !strings.Contains(err.Error(), "de") {
		t.Fatalf("err = %v", err)
	}
}
