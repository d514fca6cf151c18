// Package assets embeds the files Amparo ships with: the application icon
// now, and guides, indicator sets, fonts and letter templates as they come.
package assets

import _ "embed"

// Icon is the application icon (PNG, 512x512), also named in FyneApp.toml.
//
//go:embed icon.png
var Icon []byte
