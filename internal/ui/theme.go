package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// amparoTheme is a calm theme: a deep teal as the one accent, dark slate
// text on a soft off-white, and strong contrast for text (above 7:1 for body
// text, 4.5:1 for placeholders). Sizes are Fyne's defaults or set in Fyne's
// device-independent units, so the user's scale setting still applies.
// Fonts are Fyne's bundled Noto Sans.
type amparoTheme struct{}

// NewTheme returns Amparo's theme; cmd/amparo sets it with
// app.Settings().SetTheme.
func NewTheme() fyne.Theme { return amparoTheme{} }

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

func rgba(r, g, b, a uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: a} }

var lightPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          rgb(0xf6, 0xf7, 0xf8),
	theme.ColorNameButton:              rgb(0xe6, 0xea, 0xed),
	theme.ColorNameDisabledButton:      rgb(0xed, 0xef, 0xf1),
	theme.ColorNameDisabled:            rgb(0x8a, 0x95, 0x9c),
	theme.ColorNameError:               rgb(0xb3, 0x26, 0x1e),
	theme.ColorNameFocus:               rgba(0x1b, 0x6a, 0x7a, 0x66),
	theme.ColorNameForeground:          rgb(0x1f, 0x2a, 0x33),
	theme.ColorNameForegroundOnError:   rgb(0xff, 0xff, 0xff),
	theme.ColorNameForegroundOnPrimary: rgb(0xff, 0xff, 0xff),
	theme.ColorNameForegroundOnSuccess: rgb(0xff, 0xff, 0xff),
	theme.ColorNameForegroundOnWarning: rgb(0xff, 0xff, 0xff),
	theme.ColorNameHeaderBackground:    rgb(0xe8, 0xee, 0xf0),
	theme.ColorNameHover:               rgba(0x1b, 0x6a, 0x7a, 0x1a),
	theme.ColorNameHyperlink:           rgb(0x14, 0x5c, 0x6b),
	theme.ColorNameInputBackground:     rgb(0xff, 0xff, 0xff),
	theme.ColorNameInputBorder:         rgb(0xb4, 0xbe, 0xc4),
	theme.ColorNameMenuBackground:      rgb(0xff, 0xff, 0xff),
	theme.ColorNameOverlayBackground:   rgb(0xff, 0xff, 0xff),
	theme.ColorNamePlaceHolder:         rgb(0x5f, 0x6d, 0x76),
	theme.ColorNamePressed:             rgba(0x1b, 0x6a, 0x7a, 0x33),
	theme.ColorNamePrimary:             rgb(0x1b, 0x6a, 0x7a),
	theme.ColorNameScrollBar:           rgba(0x1f, 0x2a, 0x33, 0x80),
	theme.ColorNameScrollBarBackground: rgb(0xdf, 0xe4, 0xe7),
	theme.ColorNameSelection:           rgba(0x1b, 0x6a, 0x7a, 0x40),
	theme.ColorNameSeparator:           rgb(0xd6, 0xdc, 0xe0),
	theme.ColorNameShadow:              rgba(0x00, 0x00, 0x00, 0x30),
	theme.ColorNameSuccess:             rgb(0x2e, 0x7d, 0x32),
	theme.ColorNameWarning:             rgb(0xa8, 0x5d, 0x00),
}

var darkPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          rgb(0x17, 0x1d, 0x21),
	theme.ColorNameButton:              rgb(0x2a, 0x33, 0x39),
	theme.ColorNameDisabledButton:      rgb(0x22, 0x29, 0x2e),
	theme.ColorNameDisabled:            rgb(0x7d, 0x88, 0x8f),
	theme.ColorNameError:               rgb(0xf2, 0x8b, 0x82),
	theme.ColorNameFocus:               rgba(0x6f, 0xc2, 0xd0, 0x66),
	theme.ColorNameForeground:          rgb(0xe8, 0xec, 0xee),
	theme.ColorNameForegroundOnError:   rgb(0x17, 0x1d, 0x21),
	theme.ColorNameForegroundOnPrimary: rgb(0x0f, 0x1d, 0x21),
	theme.ColorNameForegroundOnSuccess: rgb(0x17, 0x1d, 0x21),
	theme.ColorNameForegroundOnWarning: rgb(0x17, 0x1d, 0x21),
	theme.ColorNameHeaderBackground:    rgb(0x1f, 0x27, 0x2c),
	theme.ColorNameHover:               rgba(0x6f, 0xc2, 0xd0, 0x1f),
	theme.ColorNameHyperlink:           rgb(0x7f, 0xcd, 0xda),
	theme.ColorNameInputBackground:     rgb(0x20, 0x28, 0x2d),
	theme.ColorNameInputBorder:         rgb(0x4a, 0x56, 0x5e),
	theme.ColorNameMenuBackground:      rgb(0x22, 0x2a, 0x30),
	theme.ColorNameOverlayBackground:   rgb(0x1d, 0x24, 0x29),
	theme.ColorNamePlaceHolder:         rgb(0xa3, 0xae, 0xb4),
	theme.ColorNamePressed:             rgba(0x6f, 0xc2, 0xd0, 0x33),
	theme.ColorNamePrimary:             rgb(0x6f, 0xc2, 0xd0),
	theme.ColorNameScrollBar:           rgba(0xe8, 0xec, 0xee, 0x80),
	theme.ColorNameScrollBarBackground: rgb(0x26, 0x2e, 0x33),
	theme.ColorNameSelection:           rgba(0x6f, 0xc2, 0xd0, 0x40),
	theme.ColorNameSeparator:           rgb(0x33, 0x3d, 0x43),
	theme.ColorNameShadow:              rgba(0x00, 0x00, 0x00, 0x66),
	theme.ColorNameSuccess:             rgb(0x81, 0xc7, 0x84),
	theme.ColorNameWarning:             rgb(0xff, 0xb7, 0x4d),
}

func (amparoTheme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	palette := lightPalette
	if variant == theme.VariantDark {
		palette = darkPalette
	}
	if c, ok := palette[name]; ok {
		return c
	}
	return theme.DefaultTheme().Color(name, variant)
}

func (amparoTheme) Font(style fyne.TextStyle) fyne.Resource {
	return theme.DefaultTheme().Font(style)
}

func (amparoTheme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(name)
}

func (amparoTheme) Size(name fyne.ThemeSizeName) float32 {
	switch name {
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	case theme.SizeNameInnerPadding:
		return 10
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 5
	}
	return theme.DefaultTheme().Size(name)
}
