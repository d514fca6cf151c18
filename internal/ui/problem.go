package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ProblemKind is a reason Amparo could not open its data at start.
// cmd/amparo maps store errors to these.
type ProblemKind int

// The startup problems a person can be told about in plain words.
const (
	ProblemOther       ProblemKind = iota // anything else
	ProblemNotWritable                    // the data folder cannot be written
	ProblemDiskFull                       // no space left on the disk
	ProblemLocked                         // the data is open in another Amparo
	ProblemNotAmparo                      // the data file is not an Amparo file
	ProblemTooNew                         // made by a newer version of Amparo
	ProblemCorrupt                        // the data file is damaged
)

// ProblemTitle returns a short title for a problem, in the current language.
func ProblemTitle(kind ProblemKind) string {
	switch kind {
	case ProblemNotWritable:
		return lang.L("problem.notWritable.title")
	case ProblemDiskFull:
		return lang.L("problem.diskFull.title")
	case ProblemLocked:
		return lang.L("problem.locked.title")
	case ProblemNotAmparo:
		return lang.L("problem.notAmparo.title")
	case ProblemTooNew:
		return lang.L("problem.tooNew.title")
	case ProblemCorrupt:
		return lang.L("problem.corrupt.title")
	}
	return lang.L("problem.other.title")
}

// ProblemText returns what happened and what to do, in plain words in the
// current language.
func ProblemText(kind ProblemKind) string {
	switch kind {
	case ProblemNotWritable:
		return lang.L("problem.notWritable.text")
	case ProblemDiskFull:
		return lang.L("problem.diskFull.text")
	case ProblemLocked:
		return lang.L("problem.locked.text")
	case ProblemNotAmparo:
		return lang.L("problem.notAmparo.text")
	case ProblemTooNew:
		return lang.L("problem.tooNew.text")
	case ProblemCorrupt:
		return lang.L("problem.corrupt.text")
	}
	return lang.L("problem.other.text")
}

// Problem describes what the problem screen shows.
type Problem struct {
	Kind ProblemKind
	// Detail is shown under the explanation for whoever helps the user, e.g.
	// the data folder path. Keep it short; never SQL or a stack trace.
	Detail string
	// BackupPath, when not empty and OnRestore is set, offers to restore
	// the latest backup (shown by its path).
	BackupPath string
	// OnRestore restores the backup at BackupPath; the caller asks for any
	// confirmation and restarts the store.
	OnRestore func()
	// OnQuit ends the program.
	OnQuit func()
}

// NewProblemScreen returns the content of a window that explains, in the
// current language, why Amparo could not open its data, with a Quit button
// and, when a backup exists, a button to restore it. The caller applies
// a language first (SystemLanguage when settings cannot be read).
func NewProblemScreen(p Problem) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	icon.FillMode = canvas.ImageFillContain
	side := theme.TextSize() * 4
	icon.SetMinSize(fyne.NewSize(side, side))

	title := widget.NewLabelWithStyle(ProblemTitle(p.Kind), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord

	text := wrapped(ProblemText(p.Kind))
	text.Alignment = fyne.TextAlignCenter

	objects := []fyne.CanvasObject{container.NewCenter(icon), title, text}
	if p.Detail != "" {
		head := widget.NewLabelWithStyle(lang.L("problem.details"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
		detail := widget.NewLabel(p.Detail)
		detail.Alignment = fyne.TextAlignCenter
		detail.Wrapping = fyne.TextWrapBreak
		detail.Selectable = true
		objects = append(objects, head, detail)
	}

	quit := widget.NewButtonWithIcon(lang.L("action.quit"), theme.LogoutIcon(), func() {
		if p.OnQuit != nil {
			p.OnQuit()
		}
	})
	buttons := container.NewHBox(quit)
	if p.BackupPath != "" && p.OnRestore != nil {
		backup := wrapped(lang.L("problem.backup", map[string]any{"Path": p.BackupPath}))
		backup.Alignment = fyne.TextAlignCenter
		backup.Wrapping = fyne.TextWrapBreak
		objects = append(objects, backup)
		restore := widget.NewButtonWithIcon(lang.L("problem.restore"), theme.HistoryIcon(), p.OnRestore)
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
	}
	objects = append(objects, spacer(0.5), container.NewCenter(buttons))

	column := container.New(&columnLayout{maxEms: 36, centred: true}, objects...)
	return container.NewVScroll(container.NewPadded(column))
}
