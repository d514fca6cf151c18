// Package assets embeds the files Amparo ships with: the application icon
// now, and guides, indicator sets, fonts and letter templates as they come.
package assets

import "embed"

// Icon is the application icon (PNG, 512x512), also named in FyneApp.toml.
//
//go:embed icon.png
var Icon []byte

// Fonts are Noto Sans in the four styles documents use (SIL Open Font
// License 1.1, see fonts/OFL.txt).
//
//go:embed fonts/NotoSans-Regular.ttf fonts/NotoSans-Bold.ttf fonts/NotoSans-Italic.ttf fonts/NotoSans-BoldItalic.ttf fonts/OFL.txt
var Fonts embed.FS

// Letters holds the translated texts of printed documents, one JSON file
// per language (letters/en.json, fr.json, pt.json) with the same keys.
//
//go:embed letters/*.json
var Letters embed.FS

// Countries maps ISO 3166-1 alpha-2 codes to country names in English,
// French and Portuguese (translated data, as the letters are).
//
//go:embed countries.json
var Countries []byte

// Guides holds the interview guides (guides/*.json), each in English,
// French and Portuguese; see internal/guide for their shape.
//
//go:embed guides/*.json
var Guides embed.FS

// Indicators holds the screening indicator sets (indicators/*.json); see
// internal/screening for their shape and the decision rule.
//
//go:embed indicators/*.json
var Indicators embed.FS
