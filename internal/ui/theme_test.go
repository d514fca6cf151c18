package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestThemeDefinesEveryColor(t *testing.T) {
	test.AssertAllColorNamesDefined(t, NewTheme(), "amparo")
}

// luminance and contrast follow WCAG 2.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestThemeContrast keeps text legible on the screens of the field, often
// dim and in bright rooms: body text at least 7:1 (WCAG AAA), everything
// else a person must read at least 4.5:1 (AA).
func TestThemeContrast(t *testing.T) {
	th := NewTheme()
	for name, variant := range map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark} {
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, variant) }
		checks := []struct {
			what   string
			fg, bg fyne.ThemeColorName
			min    float64
		}{
			{"text", theme.ColorNameForeground, theme.ColorNameBackground, 7},
			{"text in navigation", theme.ColorNameForeground, theme.ColorNameHeaderBackground, 7},
			{"text in fields", theme.ColorNameForeground, theme.ColorNameInputBackground, 7},
			{"text on buttons", theme.ColorNameForeground, theme.ColorNameButton, 7},
			{"text in dialogs", theme.ColorNameForeground, theme.ColorNameOverlayBackground, 7},
			{"placeholder", theme.ColorNamePlaceHolder, theme.ColorNameInputBackground, 4.5},
			{"highlighted button", theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, 4.5},
			{"links", theme.ColorNameHyperlink, theme.ColorNameBackground, 4.5},
			{"error text", theme.ColorNameError, theme.ColorNameBackground, 4.5},
			{"success text", theme.ColorNameSuccess, theme.ColorNameBackground, 4.5},
			{"warning text", theme.ColorNameWarning, theme.ColorNameBackground, 4.5},
		}
		for _, ck := range checks {
			if got := contrast(c(ck.fg), c(ck.bg)); got < ck.min {
				t.Errorf("%s %s: contrast %.2f, want at least %.1f", name, ck.what, got, ck.min)
			}
		}
	}
}

// TestThemeSizes: sizes are Fyne units, which Fyne multiplies by the user's
// scale; text stays at Fyne's readable default.
func TestThemeSizes(t *testing.T) {
	th := NewTheme()
	if got := th.Size(theme.SizeNameText); got != theme.DefaultTheme().Size(theme.SizeNameText) || got < 14 {
		t.Errorf("text size %v", got)
	}
	if th.Size(theme.SizeNameHeadingText) <= th.Size(theme.SizeNameSubHeadingText) ||
		th.Size(theme.SizeNameSubHeadingText) <= th.Size(theme.SizeNameText) {
		t.Error("headings must be larger than sub-headings, larger than text")
	}
}
