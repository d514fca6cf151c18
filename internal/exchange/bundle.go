// Package exchange knows the export file: a standard age file holding a tar
// archive of a signed manifest, the revisions and the attachments. It
// writes and reads such files, merges two sides of a record field by
// field, and watches the inbox and outbox folders. It writes no SQL and
// holds no keys: casework hands it plain revisions and a signing function,
// and gets verified revisions back.
package exchange

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

// FormatPrefix starts the format name of every export file; the number
// after it is the format version.
const FormatPrefix = "amparo-export/"

// FormatVersion is the version this build writes and reads.
const FormatVersion = 1

// Format is the format name this build writes.
var Format = FormatPrefix + strconv.Itoa(FormatVersion)

// Member names inside the archive.
const (
	memberManifest  = "manifest.json"
	memberSignature = "manifest.sig"
	memberRevisions = "revisions.jsonl" // one revision per line, without its body
	memberBodies    = "bodies.jsonl"    // the bodies, one per line, in the order of the revisions that have one
	attachmentsDir  = "attachments/"
)

// Limits of what Read accepts, so a hostile file cannot exhaust memory.
const (
	MaxFileBytes     = 2 << 30  // the whole decrypted archive
	maxManifestBytes = 16 << 20 // manifest.json
	maxMembers       = 1 << 20
	// maxScryptWorkFactor bounds the scrypt cost a passphrase file may ask.
	maxScryptWorkFactor = 18
)

// Manifest describes an export file. It is signed by the sender; every
// other member is bound to it by its SHA-256.
type Manifest struct {
	Format     string            `json:"format"`
	ExportID   string            `json:"exportId"`
	Sender     string            `json:"sender"`               // office id
	SenderCard domain.OfficeCard `json:"senderCard"`           // for a first hand-over: its fingerprint is compared
	Recipients []string          `json:"recipients,omitempty"` // office ids; none for a passphrase file
	Passphrase bool              `json:"passphrase,omitempty"`
	Sequence   int64             `json:"sequence"` // the sender's export number
	Created    time.Time         `json:"created"`
	AppVersion string            `json:"appVersion,omitempty"`
	Counts     Counts            `json:"counts"`
	Members    map[string]string `json:"members"` // member name -> SHA-256, hex
}

// Counts are what the file holds.
type Counts struct {
	Records     int `json:"records"`
	Revisions   int `json:"revisions"`
	Tombstones  int `json:"tombstones"`
	Attachments int `json:"attachments"`
}

// Revision is one revision as it travels: the plain JSON body (no personal
// data in a tombstone), or, for attachment bytes, the member
// attachments/<id> instead of a body.
type Revision struct {
	ID         string          `json:"id"`
	Record     string          `json:"record"`
	Kind       string          `json:"kind"`
	Parents    []string        `json:"parents,omitempty"`
	Office     string          `json:"office"`
	User       string          `json:"user"`
	HLC        string          `json:"hlc"`
	Created    time.Time       `json:"created"`
	Tombstone  bool            `json:"tombstone,omitempty"`
	Resolves   string          `json:"resolves,omitempty"` // the merge revision whose conflict it resolves
	Attachment bool            `json:"attachment,omitempty"`
	Size       int             `json:"size,omitempty"` // length of the body in bodies.jsonl
	Body       json.RawMessage `json:"-"`
}

// Bundle is the content of an export file.
type Bundle struct {
	Manifest  Manifest
	Revisions []Revision
	// Attachments holds the bytes of revisions marked Attachment, by
	// revision id.
	Attachments map[string][]byte

	manifestBytes, signature []byte // as read, for Verify
	plain                    []byte // the decrypted archive bodies and attachments point into
}

// Wipe clears the plain bodies and attachments.
func (b *Bundle) Wipe() {
	for i := range b.Revisions {
		clear(b.Revisions[i].Body)
	}
	for _, a := range b.Attachments {
		clear(a)
	}
	clear(b.plain)
}

// Verify checks the manifest's signature with the sender's Ed25519 public
// key: ErrBadSignature when it does not hold.
func (b *Bundle) Verify(signingKey []byte) error {
	if !vault.VerifySignature(signingKey, b.manifestBytes, b.signature) {
		return ErrBadSignature
	}
	return nil
}

// Refusals: why a file is not applied. Each is a plain sentence for the
// window and the command line to translate.
var (
	ErrNotAmparo        = errors.New("exchange: not an Amparo export file")
	ErrNotForUs         = errors.New("exchange: the file is for another office")
	ErrNeedsPassphrase  = errors.New("exchange: the file is protected by a passphrase")
	ErrWrongPassphrase  = errors.New("exchange: wrong passphrase")
	ErrTruncated        = errors.New("exchange: the file is incomplete")
	ErrDamaged          = errors.New("exchange: the file was altered or damaged")
	ErrBadSignature     = errors.New("exchange: the signature does not match the sending office")
	ErrNewerVersion     = errors.New("exchange: the file was made by a newer version of Amparo")
	ErrUnknownSender    = errors.New("exchange: the sending office is not trusted here")
	ErrRevokedSender    = errors.New("exchange: the sending office's card was revoked")
	ErrAlreadyImported  = errors.New("exchange: the file was already imported")
	ErrReplayed         = errors.New("exchange: the file repeats an export number already used")
	ErrTooLarge         = errors.New("exchange: the file is too large")
	ErrCancelled        = errors.New("exchange: cancelled")
	errNoRecipients     = errors.New("exchange: no receiver")
	errMissingSignature = errors.New("exchange: no signature")
)

// Progress is told how far long work got: done of total steps.
type Progress func(done, total int)

// Seal is what Write needs to protect a file: the receivers' age
// recipients, or a passphrase for a one-off hand-over.
type Seal struct {
	Recipients []string // age1...
	Passphrase string
}

func (s Seal) recipients() ([]age.Recipient, error) {
	if s.Passphrase != "" {
		r, err := age.NewScryptRecipient(s.Passphrase)
		if err != nil {
			return nil, fmt.Errorf("exchange: passphrase: %w", err)
		}
		return []age.Recipient{r}, nil
	}
	if len(s.Recipients) == 0 {
		return nil, errNoRecipients
	}
	var out []age.Recipient
	for _, text := range s.Recipients {
		r, err := age.ParseX25519Recipient(text)
		if err != nil {
			return nil, fmt.Errorf("exchange: receiver key: %w", err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Write writes b to w as an export file: it fills in the manifest's
// counts and member hashes, signs the manifest with sign and encrypts the
// archive with age. It stops with ErrCancelled when ctx is done.
func Write(ctx context.Context, w io.Writer, b *Bundle, sign func([]byte) []byte, seal Seal) error {
	recipients, err := seal.recipients()
	if err != nil {
		return err
	}
	revs, bodies, err := encodeRevisions(b)
	if err != nil {
		return err
	}
	defer clear(bodies)
	m := b.Manifest
	m.Format = Format
	m.Passphrase = seal.Passphrase != ""
	m.Members = map[string]string{memberRevisions: digest(revs), memberBodies: digest(bodies)}
	ids := make([]string, 0, len(b.Attachments))
	for id, data := range b.Attachments {
		m.Members[attachmentsDir+id] = digest(data)
		ids = append(ids, id)
	}
	sort.Strings(ids)
	m.Counts = CountOf(b.Revisions)
	mb, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("exchange: write manifest: %w", err)
	}
	sig := sign(mb)
	if len(sig) == 0 {
		return errMissingSignature
	}
	cw := &ctxWriter{ctx: ctx, w: w}
	aw, err := age.Encrypt(cw, recipients...)
	if err != nil {
		return fmt.Errorf("exchange: encrypt: %w", err)
	}
	bw := bufio.NewWriterSize(aw, 1<<16)
	tw := tar.NewWriter(bw)
	put := func(name string, data []byte) error {
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: m.Created, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	err = put(memberManifest, mb)
	if err == nil {
		err = put(memberSignature, sig)
	}
	if err == nil {
		err = put(memberRevisions, revs)
	}
	if err == nil {
		err = put(memberBodies, bodies)
	}
	for _, id := range ids {
		if err != nil {
			break
		}
		err = put(attachmentsDir+id, b.Attachments[id])
	}
	clear(revs)
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = aw.Close()
	}
	if ctx.Err() != nil {
		return ErrCancelled
	}
	if err != nil {
		return fmt.Errorf("exchange: write: %w", err)
	}
	return nil
}

// ctxWriter stops writing once its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if c.ctx.Err() != nil {
		return 0, ErrCancelled
	}
	return c.w.Write(p)
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CountOf counts what revisions make: records, revisions, deletions,
// attachments, as a manifest gives them.
func CountOf(revs []Revision) Counts {
	var c Counts
	records := map[string]bool{}
	for _, r := range revs {
		records[r.Record] = true
		if r.Tombstone {
			c.Tombstones++
		}
		if r.Attachment {
			c.Attachments++
		}
	}
	c.Records, c.Revisions = len(records), len(revs)
	return c
}

// encodeRevisions writes one JSON revision per line, and the bodies, one
// per line, apart: reading the revisions then never scans the bodies.
// Attachment bytes go to their own members, so Body must be empty for
// those.
func encodeRevisions(b *Bundle) (revs, bodies []byte, err error) {
	size := 0
	for _, r := range b.Revisions {
		size += len(r.Body) + 1
	}
	bodies = make([]byte, 0, size)
	var buf bytes.Buffer
	for _, r := range b.Revisions {
		if r.Attachment && (len(r.Body) > 0 || b.Attachments[r.ID] == nil) {
			return nil, nil, fmt.Errorf("exchange: attachment revision %s: bytes belong in Attachments", r.ID)
		}
		r.Size = len(r.Body)
		buf.Write(appendRevision(nil, r))
		buf.WriteByte('\n')
		if r.Size > 0 {
			bodies = append(bodies, r.Body...)
			bodies = append(bodies, '\n')
		}
	}
	return buf.Bytes(), bodies, nil
}

// appendRevision appends r as one line of revisions.jsonl: what
// json.Marshal writes, field for field, without its reflection (an export
// writes tens of thousands of them).
func appendRevision(b []byte, r Revision) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"record":`...)
	b = appendString(b, r.Record)
	b = append(b, `,"kind":`...)
	b = appendString(b, r.Kind)
	if len(r.Parents) > 0 {
		b = append(b, `,"parents":[`...)
		for i, p := range r.Parents {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, p)
		}
		b = append(b, ']')
	}
	b = append(b, `,"office":`...)
	b = appendString(b, r.Office)
	b = append(b, `,"user":`...)
	b = appendString(b, r.User)
	b = append(b, `,"hlc":`...)
	b = appendString(b, r.HLC)
	b = append(b, `,"created":"`...)
	b = r.Created.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if r.Tombstone {
		b = append(b, `,"tombstone":true`...)
	}
	if r.Resolves != "" {
		b = append(b, `,"resolves":`...)
		b = appendString(b, r.Resolves)
	}
	if r.Attachment {
		b = append(b, `,"attachment":true`...)
	}
	if r.Size > 0 {
		b = append(b, `,"size":`...)
		b = strconv.AppendInt(b, int64(r.Size), 10)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string: as it is when it needs no
// escaping (ids, stamps), else through the JSON encoder.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Keys opens export files: the office's age identity, and a passphrase
// for a one-off hand-over ("" when none was typed).
type Keys struct {
	Identity   age.Identity
	Passphrase string
}

// ageMagic starts every binary age file.
const ageMagic = "age-encryption.org/v1\n"

// NeedsPassphrase reports whether data is an age file sealed with a
// passphrase rather than to office keys.
func NeedsPassphrase(data []byte) bool {
	if !bytes.HasPrefix(data, []byte(ageMagic)) {
		return false
	}
	header := data[len(ageMagic):]
	if i := bytes.Index(header, []byte("\n---")); i >= 0 {
		header = header[:i]
	}
	return bytes.HasPrefix(header, []byte("-> scrypt ")) || bytes.Contains(header, []byte("\n-> scrypt "))
}

// Read decrypts and checks an export file in memory: the outer age layer,
// the archive, the manifest's format, and the hash of every member. The
// caller verifies the signature (Bundle.Verify) against the sender it
// trusts. Errors are the refusals above.
func Read(data []byte, keys Keys) (*Bundle, error) {
	if !bytes.HasPrefix(data, []byte(ageMagic)) {
		if len(data) > 0 && len(data) < len(ageMagic) && strings.HasPrefix(ageMagic, string(data)) {
			return nil, ErrTruncated
		}
		return nil, ErrNotAmparo
	}
	var id age.Identity = keys.Identity
	passphrase := NeedsPassphrase(data)
	if passphrase {
		if keys.Passphrase == "" {
			return nil, ErrNeedsPassphrase
		}
		s, err := age.NewScryptIdentity(keys.Passphrase)
		if err != nil {
			return nil, ErrWrongPassphrase
		}
		// Files written here use age's default cost (2^18); a file asking
		// for more would make this laptop spend gigabytes on it.
		s.SetMaxWorkFactor(maxScryptWorkFactor)
		id = s
	}
	if id == nil {
		return nil, ErrNotForUs
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		return nil, headerError(err, passphrase)
	}
	plain, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		clear(plain)
		return nil, payloadError(err)
	}
	if len(plain) > MaxFileBytes {
		clear(plain)
		return nil, ErrTooLarge
	}
	b, err := readArchive(plain)
	if err != nil {
		clear(plain)
		return nil, err
	}
	return b, nil
}

func headerError(err error, passphrase bool) error {
	var none *age.NoIdentityMatchError
	switch {
	case errors.As(err, &none) && passphrase:
		return ErrWrongPassphrase
	case errors.As(err, &none):
		return ErrNotForUs
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return ErrTruncated
	}
	return ErrDamaged
}

func payloadError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "last chunk") || strings.Contains(err.Error(), "truncated") {
		return ErrTruncated
	}
	return ErrDamaged
}

// readArchive parses the decrypted tar archive.
func readArchive(plain []byte) (*Bundle, error) {
	br := bytes.NewReader(plain)
	tr := tar.NewReader(br)
	members := map[string][]byte{}
	var order []string
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(order) == 0 {
				return nil, ErrNotAmparo
			}
			return nil, ErrDamaged
		}
		if hdr.Typeflag != tar.TypeReg || hdr.Size < 0 || hdr.Size > MaxFileBytes || len(order) >= maxMembers {
			return nil, ErrDamaged
		}
		if _, dup := members[hdr.Name]; dup {
			return nil, ErrDamaged
		}
		// The member's bytes are where the reader stands in plain: take
		// them in place rather than copy tens of megabytes.
		at := int64(len(plain)) - int64(br.Len())
		if hdr.Size > int64(br.Len()) {
			return nil, ErrTruncated
		}
		data := plain[at : at+hdr.Size : at+hdr.Size]
		if _, err := io.Copy(io.Discard, tr); err != nil {
			return nil, ErrDamaged
		}
		if len(order) == 0 && (hdr.Name != memberManifest || len(data) > maxManifestBytes) {
			return nil, ErrNotAmparo
		}
		members[hdr.Name] = data
		order = append(order, hdr.Name)
	}
	if len(order) == 0 {
		return nil, ErrNotAmparo
	}
	b := &Bundle{manifestBytes: members[memberManifest], signature: members[memberSignature], plain: plain}
	if err := decodeManifest(b.manifestBytes, &b.Manifest); err != nil {
		return nil, err
	}
	if b.signature == nil {
		return nil, ErrBadSignature
	}
	// Every member but the manifest and signature must be listed with its
	// hash, and every listed member present.
	for _, name := range order {
		if name == memberManifest || name == memberSignature {
			continue
		}
		want, ok := b.Manifest.Members[name]
		if !ok || want != digest(members[name]) {
			return nil, ErrDamaged
		}
	}
	for name := range b.Manifest.Members {
		if _, ok := members[name]; !ok {
			return nil, ErrDamaged
		}
	}
	revs, err := decodeRevisions(members[memberRevisions], members[memberBodies])
	if err != nil {
		return nil, err
	}
	b.Revisions = revs
	b.Attachments = map[string][]byte{}
	for _, r := range revs {
		if !r.Attachment {
			continue
		}
		data, ok := members[attachmentsDir+r.ID]
		if !ok {
			return nil, ErrDamaged
		}
		b.Attachments[r.ID] = data
	}
	if CountOf(revs) != b.Manifest.Counts || len(b.Attachments) != len(order)-4 {
		return nil, ErrDamaged
	}
	return b, nil
}

// decodeManifest reads the manifest strictly: a format this build knows,
// a sender, an export id.
func decodeManifest(data []byte, m *Manifest) error {
	var probe struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(data, &probe); err != nil || !strings.HasPrefix(probe.Format, FormatPrefix) {
		return ErrNotAmparo
	}
	v, err := strconv.Atoi(strings.TrimPrefix(probe.Format, FormatPrefix))
	switch {
	case err != nil || v < 1:
		return ErrNotAmparo
	case v > FormatVersion:
		return ErrNewerVersion
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return ErrDamaged
	}
	if m.ExportID == "" || m.Sender == "" || m.Sender != m.SenderCard.OfficeID || m.Members == nil ||
		len(m.SenderCard.Problems()) > 0 || m.Sequence < 1 {
		return ErrDamaged
	}
	return nil
}

// decodeRevisions reads revisions.jsonl strictly, and takes each body
// from bodies.jsonl by its size.
func decodeRevisions(data, bodies []byte) ([]Revision, error) {
	if data == nil || bodies == nil {
		return nil, ErrDamaged
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var out []Revision
	seen := map[string]bool{}
	at := 0
	for dec.More() {
		var r Revision
		if err := dec.Decode(&r); err != nil {
			return nil, ErrDamaged
		}
		if r.ID == "" || r.Record == "" || r.Kind == "" || r.Office == "" || r.User == "" || r.HLC == "" || seen[r.ID] ||
			r.Size < 0 || (r.Tombstone && (r.Size > 0 || r.Attachment)) || (r.Attachment && r.Size > 0) ||
			(!r.Tombstone && !r.Attachment && r.Size == 0) {
			return nil, ErrDamaged
		}
		if r.Size > 0 {
			end := at + r.Size
			if end >= len(bodies) || bodies[end] != '\n' || bodies[at] != '{' {
				return nil, ErrDamaged
			}
			r.Body = bodies[at:end:end]
			at = end + 1
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	if at != len(bodies) {
		return nil, ErrDamaged
	}
	return out, nil
}
