package ui

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
)

// Prefs keys of the window size, in Fyne's device-independent units (so a
// size saved at one scale stays right at another).
const (
	SettingWindowWidth  = "ui.window.width"
	SettingWindowHeight = "ui.window.height"
)

// DefaultWindowSize fits a 1366x768 screen at scale 1, leaving room for the
// taskbar and the title bar.
var DefaultWindowSize = fyne.NewSize(1240, 680)

// MinWindowSize is the smallest size restored, so a bad value cannot make
// the window unusably small.
var MinWindowSize = fyne.NewSize(720, 480)

// maxWindowSide guards against absurd saved values.
const maxWindowSide = 16384

// RestoreWindowSize resizes w to the size saved by SaveWindowSize, or to
// DefaultWindowSize when none is saved or it cannot be read (the error is
// returned for logging; the window is resized anyway).
//
// Only the size is remembered: Fyne has no API to read or set a window's
// position on screen, so the window manager places it.
func RestoreWindowSize(w fyne.Window, prefs Prefs) error {
	size, err := savedWindowSize(prefs)
	w.Resize(size)
	return err
}

func savedWindowSize(prefs Prefs) (fyne.Size, error) {
	if prefs == nil {
		return DefaultWindowSize, nil
	}
	ctx := context.Background()
	read := func(key string) (float32, bool, error) {
		v, ok, err := prefs.Setting(ctx, key)
		if err != nil || !ok {
			return 0, false, err
		}
		f, err := strconv.ParseFloat(v, 32)
		if err != nil || math.IsNaN(f) || f <= 0 || f > maxWindowSide {
			return 0, false, fmt.Errorf("window size setting %s=%q is not a size", key, v)
		}
		return float32(f), true, nil
	}
	width, okW, err := read(SettingWindowWidth)
	if err != nil {
		return DefaultWindowSize, err
	}
	height, okH, err := read(SettingWindowHeight)
	if err != nil {
		return DefaultWindowSize, err
	}
	if !okW || !okH {
		return DefaultWindowSize, nil
	}
	return fyne.NewSize(fyne.Max(width, MinWindowSize.Width), fyne.Max(height, MinWindowSize.Height)), nil
}

// SaveWindowSize saves w's current content size for RestoreWindowSize.
func SaveWindowSize(w fyne.Window, prefs Prefs) error {
	if prefs == nil {
		return nil
	}
	size := w.Canvas().Size()
	if size.Width <= 0 || size.Height <= 0 {
		return nil // not laid out yet: nothing worth keeping
	}
	ctx := context.Background()
	if err := prefs.SetSetting(ctx, SettingWindowWidth, strconv.Itoa(int(math.Round(float64(size.Width))))); err != nil {
		return fmt.Errorf("save window width: %w", err)
	}
	if err := prefs.SetSetting(ctx, SettingWindowHeight, strconv.Itoa(int(math.Round(float64(size.Height))))); err != nil {
		return fmt.Errorf("save window height: %w", err)
	}
	return nil
}
