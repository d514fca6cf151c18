package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakePrefs is an in-memory Prefs that can be made to fail.
type fakePrefs struct {
	mu       sync.Mutex
	values   map[string]string
	readErr  error
	writeErr error
	writes   int
}

func newFakePrefs() *fakePrefs { return &fakePrefs{values: map[string]string{}} }

func (p *fakePrefs) Setting(_ context.Context, key string) (string, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readErr != nil {
		return "", false, p.readErr
	}
	v, ok := p.values[key]
	return v, ok, nil
}

func (p *fakePrefs) SetSetting(_ context.Context, key, value string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.writeErr != nil {
		return p.writeErr
	}
	p.values[key] = value
	p.writes++
	return nil
}

func (p *fakePrefs) get(key string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.values[key]
	return v, ok
}

func (p *fakePrefs) set(key, value string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.values[key] = value
}

var errDiskFull = errors.New("disk full")

// walk visits o and everything drawn inside it that is visible, through
// the renderers Fyne actually uses, with the chain of ancestors.
func walk(o fyne.CanvasObject, visit func(o fyne.CanvasObject, parents []fyne.CanvasObject)) {
	var rec func(o fyne.CanvasObject, parents []fyne.CanvasObject)
	rec = func(o fyne.CanvasObject, parents []fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		visit(o, parents)
		parents = append(parents, o)
		switch c := o.(type) {
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				rec(child, parents)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				rec(child, parents)
			}
		}
	}
	rec(o, nil)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

func buttonTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	})
	return out
}

// texts returns the text of every label, button, select and canvas text.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Select:
			out = append(out, w.Selected)
		case *canvas.Text:
			out = append(out, w.Text)
		}
	})
	return out
}

// findText returns the first label, button or canvas text showing exactly s.
func findText(o fyne.CanvasObject, s string) fyne.CanvasObject {
	var found fyne.CanvasObject
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			if w.Text == s {
				found = w
			}
		case *widget.Button:
			if w.Text == s {
				found = w
			}
		case *canvas.Text:
			if w.Text == s {
				found = w
			}
		}
	})
	return found
}

func findSelect(o fyne.CanvasObject) *widget.Select {
	var found *widget.Select
	walk(o, func(o fyne.CanvasObject, _ []fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && found == nil {
			found = s
		}
	})
	return found
}

// tapTextIn taps the nearest tappable holding a canvas text s inside o, as
// a click on that text would.
func tapTextIn(t *testing.T, o fyne.CanvasObject, s string) {
	t.Helper()
	var target fyne.Tappable
	walk(o, func(o fyne.CanvasObject, parents []fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && txt.Text == s && target == nil {
			for i := len(parents) - 1; i >= 0; i-- {
				if tp, ok := parents[i].(fyne.Tappable); ok {
					target = tp
					return
				}
			}
		}
	})
	if target == nil {
		t.Fatalf("nothing tappable shows %q; texts: %s", s, strings.Join(texts(o), " | "))
	}
	test.Tap(target)
}

// hasLabel reports whether a label with exactly text s is on screen.
func hasLabel(o fyne.CanvasObject, s string) bool {
	_, ok := findText(o, s).(*widget.Label)
	return ok
}
