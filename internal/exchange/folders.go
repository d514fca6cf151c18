package exchange

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Extension names export files; the inbox imports only these.
const Extension = ".amparo"

// Sub-folders of the inbox.
const (
	RejectedDir = "rejected"
	ImportedDir = "imported"
)

// WriteFileAtomic writes a file through write so that the name only ever
// holds a complete file: a temporary name in the same folder, fsync, rename,
// and fsync of the folder. On error (or ErrCancelled) the temporary file is
// removed and an existing file of that name is left as it was. The
// temporary file holds what write gives it; exports write only ciphertext.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("exchange: write %s: %w", base, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("exchange: write %s: %w", base, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("exchange: write %s: %w", base, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("exchange: write %s: %w", base, err)
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not every system syncs a folder
		d.Close()
	}
	return nil
}

// Inbox watches a folder for export files. A file is ready when it looked
// the same (size and modification time) at two polls and was last changed
// at least Settle ago: a sync tool or a slow USB copy still writing it is
// waited for, not rejected. Hidden files and the temporary names sync
// tools use are never picked up.
type Inbox struct {
	Dir    string
	Settle time.Duration    // default 5 s
	Now    func() time.Time // default time.Now
	// OnePass takes a file unchanged for Settle as ready at the first
	// poll: for a command run once (amparoctl inbox), not a watcher.
	OnePass bool

	seen map[string]fileState
}

type fileState struct {
	size int64
	mod  time.Time
}

// partialName reports names that are files still being written by a copy
// or a sync tool (Syncthing, browsers, rsync).
func partialName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".part") ||
		strings.HasSuffix(lower, ".partial") || strings.HasSuffix(lower, ".crdownload") ||
		strings.HasSuffix(name, "~")
}

// Ready returns the paths of the files ready to import, by name.
func (in *Inbox) Ready() ([]string, error) {
	now, settle := time.Now, in.Settle
	if in.Now != nil {
		now = in.Now
	}
	if settle == 0 {
		settle = 5 * time.Second
	}
	entries, err := os.ReadDir(in.Dir)
	if err != nil {
		return nil, fmt.Errorf("exchange: read inbox: %w", err)
	}
	seen := map[string]fileState{}
	var ready []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || partialName(name) || !strings.EqualFold(filepath.Ext(name), Extension) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		st := fileState{size: info.Size(), mod: info.ModTime()}
		seen[name] = st
		if prev, ok := in.seen[name]; (ok && prev == st || in.OnePass) && now().Sub(st.mod) >= settle {
			ready = append(ready, filepath.Join(in.Dir, name))
		}
	}
	in.seen = seen
	sort.Strings(ready)
	return ready, nil
}

// Forget drops what the inbox remembers of a file (after it was moved).
func (in *Inbox) Forget(path string) { delete(in.seen, filepath.Base(path)) }

// Reject moves a file of the inbox to inbox/rejected/ and writes the
// reason beside it, in NAME.txt.
func Reject(path, reason string) (string, error) {
	to, err := moveInto(path, RejectedDir)
	if err != nil {
		return "", err
	}
	return to, os.WriteFile(to+".txt", []byte(reason+"\n"), 0o600)
}

// Done moves an imported file of the inbox to inbox/imported/.
func Done(path string) (string, error) { return moveInto(path, ImportedDir) }

// moveInto moves path into sub, a folder beside it, without replacing a
// file already there (a number is added to the name).
func moveInto(path, sub string) (string, error) {
	dir := filepath.Join(filepath.Dir(path), sub)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("exchange: move %s: %w", filepath.Base(path), err)
	}
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	to := filepath.Join(dir, base)
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, os.ErrNotExist) {
			break
		}
		to = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, i, ext))
	}
	if err := os.Rename(path, to); err != nil {
		return "", fmt.Errorf("exchange: move %s: %w", base, err)
	}
	return to, nil
}

// FileName is the name of an export file from an office to a receiver:
// sender-to-receiver-date-number.amparo, with names reduced to safe
// letters; with no number (seq 0), the time of day takes its place.
func FileName(from, to string, seq int64, at time.Time) string {
	if seq <= 0 {
		return fmt.Sprintf("%s-to-%s-%s%s", slug(from), slug(to), at.UTC().Format("20060102-150405"), Extension)
	}
	return fmt.Sprintf("%s-to-%s-%s-%04d%s", slug(from), slug(to), at.UTC().Format("20060102"), seq, Extension)
}

// slug keeps ASCII letters and digits of a name, lower case, dashes
// between words, at most 24 characters.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range foldASCII(strings.ToLower(s)) {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			dash = true
			continue
		}
		sep := dash && b.Len() > 0
		if n := b.Len() + 1; n > 24 || sep && n+1 > 24 {
			break
		}
		if sep {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "office"
	}
	return b.String()
}

// foldASCII replaces the accented letters of West African office names
// (French and Portuguese) by their base letters.
func foldASCII(s string) string {
	return strings.NewReplacer("á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e",
		"ë", "e", "í", "i", "î", "i", "ï", "i", "ó", "o", "ô", "o", "õ", "o", "ö", "o", "ú", "u", "ù", "u", "û", "u",
		"ü", "u", "Á", "A", "À", "A", "Â", "A", "Ã", "A", "Ç", "C", "É", "E", "È", "E", "Ê", "E", "Í", "I", "Ó", "O",
		"Ô", "O", "Õ", "O", "Ú", "U").Replace(s)
}

// FolderName is the outbox folder of a receiving office: its name made
// safe, and the start of its id so two offices of the same name differ.
func FolderName(name, officeID string) string {
	id := strings.ReplaceAll(officeID, "-", "")
	if len(id) > 8 {
		id = id[:8]
	}
	return slug(name) + "-" + id
}
