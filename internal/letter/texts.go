package letter

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/amparo-app/amparo/assets"
	"github.com/amparo-app/amparo/internal/i18n"
)

// texts are the translated sentences of one language's documents.
type texts map[string]string

var (
	textsOnce  sync.Once
	textsByLng map[string]texts
	textsErr   error
)

// loadTexts returns the document texts for lang, read once from assets.
func loadTexts(lang string) (texts, error) {
	textsOnce.Do(func() {
		textsByLng = map[string]texts{}
		for _, code := range i18n.Supported {
			b, err := assets.Letters.ReadFile("letters/" + code + ".json")
			if err != nil {
				textsErr = fmt.Errorf("letter texts %s: %w", code, err)
				return
			}
			var t texts
			if err := json.Unmarshal(b, &t); err != nil {
				textsErr = fmt.Errorf("letter texts %s: %w", code, err)
				return
			}
			textsByLng[code] = t
		}
	})
	if textsErr != nil {
		return nil, textsErr
	}
	t, ok := textsByLng[lang]
	if !ok {
		return nil, fmt.Errorf("letter: no texts for language %q", lang)
	}
	return t, nil
}

// get returns the text for key, with {name} placeholders filled from args
// given as name, value pairs. A missing key is a bug the parity test catches;
// it shows as the key rather than an empty line.
func (t texts) get(key string, args ...string) string {
	s, ok := t[key]
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}
