package screening

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/amparo-app/amparo/assets"
)

func readShipped(t *testing.T, id string) string {
	t.Helper()
	b, err := fs.ReadFile(assets.Indicators, "indicators/"+id+".json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
