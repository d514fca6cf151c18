// Package translations embeds the UI strings of Amparo in English, French
// and Portuguese (Fyne lang JSON format).
package translations

import "embed"

// FS holds en.json, fr.json and pt.json.
//
//go:embed *.json
var FS embed.FS
