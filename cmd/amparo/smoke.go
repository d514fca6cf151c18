package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// smokeDelay leaves the window time to be mapped and painted by the driver
// before the screenshot; only the --smoke mode waits.
const smokeDelay = 1500 * time.Millisecond

// startSmoke arranges for the first screen to be written to path as a PNG,
// after which the app quits. *status becomes 1 when that fails.
func startSmoke(a fyne.App, w fyne.Window, path string, status *int) {
	w.Resize(fyne.NewSize(1280, 720))
	a.Lifecycle().SetOnStarted(func() {
		time.AfterFunc(smokeDelay, func() {
			fyne.Do(func() {
				if err := writeScreenshot(w, path); err != nil {
					fmt.Fprintln(os.Stderr, "amparo: smoke:", err)
					*status = 1
				}
				a.Quit()
			})
		})
	})
}

// writeScreenshot captures the window. Under Xvfb with Mesa the GL capture
// comes back empty (see PLATFORM.md), so a blank capture falls back to
// Fyne's software painter over the same canvas and content.
func writeScreenshot(w fyne.Window, path string) error {
	img := w.Canvas().Capture()
	source := "window"
	if blank(img) {
		img = renderSoftware(w)
		source = "software renderer"
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	b := img.Bounds()
	fmt.Fprintf(os.Stderr, "amparo: smoke: %dx%d screenshot from the %s written to %s\n", b.Dx(), b.Dy(), source, path)
	return f.Close()
}

// renderSoftware paints the window's content at the window's size with
// Fyne's software painter. It moves the content to an offscreen canvas, which
// is fine because the smoke mode quits right after.
func renderSoftware(w fyne.Window) image.Image {
	size := w.Canvas().Size()
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetContent(w.Content())
	c.Resize(size)
	return c.Capture()
}

// blank reports whether every pixel of img is the same.
func blank(img image.Image) bool {
	if img == nil {
		return true
	}
	b := img.Bounds()
	if b.Empty() {
		return true
	}
	first := img.At(b.Min.X, b.Min.Y)
	r0, g0, b0, a0 := first.RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, al := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bl != b0 || al != a0 {
				return false
			}
		}
	}
	return true
}
