package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestRestoreWindowSize(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name          string
		width, height string // "" = not saved
		readErr       error
		want          fyne.Size
		wantErr       bool
	}{
		{name: "nothing saved", want: DefaultWindowSize},
		{name: "saved", width: "1100", height: "650", want: fyne.NewSize(1100, 650)},
		{name: "only width saved", width: "1100", want: DefaultWindowSize},
		{name: "too small grows to the minimum", width: "200", height: "100", want: MinWindowSize},
		{name: "not a number", width: "wide", height: "650", want: DefaultWindowSize, wantErr: true},
		{name: "negative", width: "-5", height: "650", want: DefaultWindowSize, wantErr: true},
		{name: "absurd", width: "1e9", height: "650", want: DefaultWindowSize, wantErr: true},
		{name: "NaN", width: "NaN", height: "650", want: DefaultWindowSize, wantErr: true},
		{name: "settings unreadable", readErr: errDiskFull, want: DefaultWindowSize, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefs := newFakePrefs()
			if tt.width != "" {
				prefs.set(SettingWindowWidth, tt.width)
			}
			if tt.height != "" {
				prefs.set(SettingWindowHeight, tt.height)
			}
			prefs.readErr = tt.readErr
			w := test.NewWindow(widget.NewLabel("x"))
			defer w.Close()
			err := RestoreWindowSize(w, prefs)
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error: %v", err, tt.wantErr)
			}
			if got := w.Canvas().Size(); got != tt.want {
				t.Errorf("size = %v, want %v", got, tt.want)
			}
		})
	}
	w := test.NewWindow(widget.NewLabel("x"))
	defer w.Close()
	if err := RestoreWindowSize(w, nil); err != nil || w.Canvas().Size() != DefaultWindowSize {
		t.Errorf("without prefs: %v, %v", w.Canvas().Size(), err)
	}
}

func TestSaveWindowSizeRoundTrip(t *testing.T) {
	test.NewTempApp(t)
	prefs := newFakePrefs()
	w := test.NewWindow(widget.NewLabel("x"))
	w.Resize(fyne.NewSize(1024.4, 600.6))
	if err := SaveWindowSize(w, prefs); err != nil {
		t.Fatal(err)
	}
	if v, _ := prefs.get(SettingWindowWidth); v != "1024" {
		t.Errorf("width saved as %q", v)
	}
	if v, _ := prefs.get(SettingWindowHeight); v != "601" {
		t.Errorf("height saved as %q", v)
	}
	w.Close()

	again := test.NewWindow(widget.NewLabel("x"))
	defer again.Close()
	if err := RestoreWindowSize(again, prefs); err != nil {
		t.Fatal(err)
	}
	if got := again.Canvas().Size(); got != fyne.NewSize(1024, 601) {
		t.Errorf("restored %v", got)
	}

	prefs.writeErr = errDiskFull
	if err := SaveWindowSize(again, prefs); err == nil {
		t.Error("a failed save must be reported")
	}
}

func TestShellSavesWindowSizeOnClose(t *testing.T) {
	f := newShell(t)
	f.w.Resize(fyne.NewSize(1200, 700))
	f.w.Close()
	if v, _ := f.prefs.get(SettingWindowWidth); v != "1200" {
		t.Errorf("width saved on close = %q", v)
	}
	if v, _ := f.prefs.get(SettingWindowHeight); v != "700" {
		t.Errorf("height saved on close = %q", v)
	}
}
