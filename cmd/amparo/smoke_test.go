package main

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The smoke test runs this very test binary as the real desktop app (the
// child branch of TestMain runs on the main goroutine, as GLFW requires), so
// it exercises the same code as `amparo --data DIR --smoke PNG`.
func TestMain(m *testing.M) {
	if os.Getenv("AMPARO_SMOKE_CHILD") == "1" {
		os.Exit(run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func TestSmokeRealWindowRendersFirstScreen(t *testing.T) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		t.Fatal("no display: run this test under Xvfb, as `make test` does (xvfb-run go test ./cmd/amparo)")
	}
	dir := t.TempDir()
	shot := filepath.Join(dir, "smoke.png")
	if keep := os.Getenv("AMPARO_SMOKE_KEEP"); keep != "" {
		shot = keep
	}

	cmd := exec.Command(os.Args[0], "--data", filepath.Join(dir, "data"), "--smoke", shot)
	cmd.Env = append(os.Environ(), "AMPARO_SMOKE_CHILD=1", "LANG=en_US.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("amparo --smoke failed: %v\n%s", err, out)
	}

	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot written: %v\n%s", err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	assertRealRendering(t, img)
	if _, err := os.Stat(filepath.Join(dir, "data", "amparo.db")); err != nil {
		t.Fatalf("the app did not create its database in the data folder: %v", err)
	}
}

// assertRealRendering fails for a blank, transparent or single-colour image:
// a rendered window has text, a navigation and a background, so many colours.
func assertRealRendering(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() < 600 || b.Dy() < 400 {
		t.Fatalf("screenshot is %dx%d, too small for the main window", b.Dx(), b.Dy())
	}
	colours := map[[4]uint32]int{}
	opaque := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r >> 8, g >> 8, bl >> 8, a >> 8}]++
			if a>>8 == 0xff {
				opaque++
			}
		}
	}
	if opaque == 0 {
		t.Fatal("screenshot is fully transparent: nothing was rendered")
	}
	if len(colours) < 16 {
		t.Fatalf("screenshot has only %d colours: not a real rendering", len(colours))
	}
}
