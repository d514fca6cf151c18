package exchange

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/vault"
)

// ---- fixtures ---------------------------------------------------------

// sender is an office that writes export files in these tests: its
// signing identity and its card.
type sender struct {
	id   *vault.Identity
	card domain.OfficeCard
}

func newSender(t testing.TB, officeID, name string) sender {
	t.Helper()
	id, err := vault.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return sender{id: id, card: domain.OfficeCard{Format: domain.CardFormat, OfficeID: officeID, Name: name, Country: "CV",
		Recipient: id.Recipient(), SigningKey: id.SigningPublicKey(), Created: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}}
}

// receiver is an office that reads them: its age identity.
type receiver struct {
	id *age.X25519Identity
}

func newReceiver(t testing.TB) receiver {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return receiver{id: id}
}

func (r receiver) recipient() string { return r.id.Recipient().String() }
func (r receiver) keys() Keys        { return Keys{Identity: r.id} }

var created = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// smallBundle is a bundle of a few revisions: a case in two versions, a
// note, an attachment (metadata and bytes) and a deleted note.
func smallBundle(s sender, to ...string) *Bundle {
	rev := func(id, record, kind string, parents []string, body string) Revision {
		r := Revision{ID: id, Record: record, Kind: kind, Parents: parents, Office: s.card.OfficeID, User: "u-1",
			HLC: "000001741597200000-000001-" + s.card.OfficeID, Created: created}
		if body != "" {
			r.Body = json.RawMessage(body)
		}
		return r
	}
	revs := []Revision{
		rev("r1", "case-1", "case", nil, `{"code":"CV-2025-0001","person":{"firstName":"Akosua","phone":"+238 1"}}`),
		rev("r2", "case-1", "case", []string{"r1"}, `{"code":"CV-2025-0001","person":{"firstName":"Akosua","phone":"+238 2"}}`),
		rev("r3", "note-1", "note", nil, `{"caseId":"case-1","text":"Chegou ontem à noite."}`),
		rev("r4", "att-1", "attachment", nil, `{"caseId":"case-1","name":"foto.jpg","size":6}`),
		rev("r5", "data-1", "attachment-data", nil, ""),
		rev("r6", "note-1", "note", []string{"r3"}, ""),
	}
	revs[4].Attachment = true
	revs[5].Tombstone = true
	return &Bundle{
		Manifest: Manifest{ExportID: "export-1", Sender: s.card.OfficeID, SenderCard: s.card, Recipients: to, Sequence: 3,
			Created: created, AppVersion: "test"},
		Revisions:   revs,
		Attachments: map[string][]byte{"r5": []byte("\xff\xd8\xffJPG")},
	}
}

// write writes b as an export file and returns its bytes.
func write(t testing.TB, b *Bundle, sign func([]byte) []byte, seal Seal) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, b, sign, seal); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// sealTo encrypts plain with age to the recipients (no archive, no
// signature: for files built by hand).
func sealTo(t testing.TB, plain []byte, recipients ...age.Recipient) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, recipients...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decrypt opens an age file with the receiver's identity.
func decrypt(t testing.TB, data []byte, r receiver) []byte {
	t.Helper()
	rd, err := age.Decrypt(bytes.NewReader(data), r.id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

// member is a tar member of a hand-built archive.
type member struct {
	name string
	data []byte
	typ  byte
}

func archive(t testing.TB, members ...member) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, m := range members {
		typ := m.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		hdr := &tar.Header{Name: m.name, Mode: 0o600, Size: int64(len(m.data)), Typeflag: typ, ModTime: created}
		if typ != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if typ == tar.TypeReg {
			if _, err := tw.Write(m.data); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rebuilt is a real export file taken apart, so that a test changes one
// thing (the manifest, then signed again, or a member) and seals it again.
// It knows nothing of the members but the manifest and its signature.
type rebuilt struct {
	m       Manifest
	names   []string // member order
	members map[string][]byte
}

func takeApart(t testing.TB, data []byte, r receiver) *rebuilt {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(decrypt(t, data, r)))
	h := &rebuilt{members: map[string][]byte{}}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		h.names = append(h.names, hdr.Name)
		h.members[hdr.Name] = b
	}
	if h.names[0] != memberManifest || json.Unmarshal(h.members[memberManifest], &h.m) != nil {
		t.Fatalf("members %v", h.names)
	}
	return h
}

// newRebuilt takes apart a small export file from s to office-b.
func newRebuilt(t testing.TB, s sender, r receiver) *rebuilt {
	t.Helper()
	return takeApart(t, write(t, smallBundle(s, "office-b"), s.id.Sign, Seal{Recipients: []string{r.recipient()}}), r)
}

// set replaces (or adds, at the end) a member and lists its hash.
func (h *rebuilt) set(name string, data []byte) {
	if _, ok := h.members[name]; !ok {
		h.names = append(h.names, name)
	}
	h.members[name] = data
	h.m.Members[name] = digest(data)
}

// drop removes a member, and its hash when unlisted is set.
func (h *rebuilt) drop(name string, unlisted bool) {
	h.names = slices.DeleteFunc(h.names, func(n string) bool { return n == name })
	delete(h.members, name)
	if unlisted {
		delete(h.m.Members, name)
	}
}

// editLine changes the JSON object of line i of a member.
func (h *rebuilt) editLine(t testing.TB, name string, i int, edit func(o map[string]any)) {
	t.Helper()
	lines := bytes.SplitAfter(h.members[name], []byte("\n"))
	var o map[string]any
	if err := json.Unmarshal(lines[i], &o); err != nil {
		t.Fatalf("%s line %d: %v", name, i, err)
	}
	edit(o)
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	lines[i] = append(b, '\n')
	h.set(name, bytes.Join(lines, nil))
}

// file signs the manifest (raw, when given, instead of h.m) with s and
// seals the members, in order, to r.
func (h *rebuilt) file(t testing.TB, s sender, r receiver, raw []byte) []byte {
	t.Helper()
	mb := raw
	if mb == nil {
		var err error
		if mb, err = json.Marshal(h.m); err != nil {
			t.Fatal(err)
		}
	}
	var members []member
	for _, n := range h.names {
		data := h.members[n]
		switch n {
		case memberManifest:
			data = mb
		case memberSignature:
			data = s.id.Sign(mb)
		}
		members = append(members, member{name: n, data: data})
	}
	return sealTo(t, archive(t, members...), r.id.Recipient())
}

// ---- Merge3 -------------------------------------------------------------

func TestMerge3(t *testing.T) {
	tests := []struct {
		name               string
		base, mine, theirs string // base "" means none in common
		quiet              []string
		wantTheirs         string   // merged body, preferring theirs
		wantMine           string   // merged body, preferring mine ("" = same as wantTheirs)
		conflicts          []string // the same whichever side is preferred
	}{
		{name: "nothing changed",
			base: `{"a":1,"b":"x"}`, mine: `{"a":1,"b":"x"}`, theirs: `{"a":1,"b":"x"}`,
			wantTheirs: `{"a":1,"b":"x"}`},
		{name: "mine changed a field",
			base: `{"a":1,"b":"x"}`, mine: `{"a":2,"b":"x"}`, theirs: `{"a":1,"b":"x"}`,
			wantTheirs: `{"a":2,"b":"x"}`},
		{name: "theirs changed a field",
			base: `{"a":1,"b":"x"}`, mine: `{"a":1,"b":"x"}`, theirs: `{"a":1,"b":"y"}`,
			wantTheirs: `{"a":1,"b":"y"}`},
		{name: "each side changed another field",
			base: `{"a":1,"b":"x"}`, mine: `{"a":2,"b":"x"}`, theirs: `{"a":1,"b":"y"}`,
			wantTheirs: `{"a":2,"b":"y"}`},
		{name: "both sides made the same change",
			base: `{"a":1,"b":"x"}`, mine: `{"a":7,"b":"x"}`, theirs: `{"a":7,"b":"x"}`,
			wantTheirs: `{"a":7,"b":"x"}`},
		{name: "both sides changed a field differently",
			base: `{"a":1,"b":"x"}`, mine: `{"a":2,"b":"x"}`, theirs: `{"a":3,"b":"x"}`,
			wantTheirs: `{"a":3,"b":"x"}`, wantMine: `{"a":2,"b":"x"}`, conflicts: []string{"a"}},
		{name: "nested objects merge field by field",
			base:       `{"person":{"phone":"1","address":"Praia","name":"Ana"}}`,
			mine:       `{"person":{"phone":"2","address":"Praia","name":"Ana"}}`,
			theirs:     `{"person":{"phone":"1","address":"Mindelo","name":"Ana"}}`,
			wantTheirs: `{"person":{"address":"Mindelo","name":"Ana","phone":"2"}}`},
		{name: "nested conflict is named by its path",
			base:       `{"person":{"phone":"1","contact":{"email":"a@x"}},"status":"Active"}`,
			mine:       `{"person":{"phone":"2","contact":{"email":"b@x"}},"status":"Active"}`,
			theirs:     `{"person":{"phone":"3","contact":{"email":"a@x"}},"status":"Closed"}`,
			wantTheirs: `{"person":{"contact":{"email":"b@x"},"phone":"3"},"status":"Closed"}`,
			wantMine:   `{"person":{"contact":{"email":"b@x"},"phone":"2"},"status":"Closed"}`,
			conflicts:  []string{"person.phone"}},
		{name: "conflict paths come sorted",
			base:       `{"z":0,"a":0,"m":{"b":0,"a":0}}`,
			mine:       `{"z":1,"a":1,"m":{"b":1,"a":1}}`,
			theirs:     `{"z":2,"a":2,"m":{"b":2,"a":2}}`,
			wantTheirs: `{"a":2,"m":{"a":2,"b":2},"z":2}`,
			wantMine:   `{"a":1,"m":{"a":1,"b":1},"z":1}`,
			conflicts:  []string{"a", "m.a", "m.b", "z"}},
		{name: "a field removed on one side is removed",
			base: `{"a":1,"b":2}`, mine: `{"a":1}`, theirs: `{"a":1,"b":2}`,
			wantTheirs: `{"a":1}`},
		{name: "a field added on one side is added",
			base: `{"a":1}`, mine: `{"a":1}`, theirs: `{"a":1,"c":[1,2]}`,
			wantTheirs: `{"a":1,"c":[1,2]}`},
		{name: "a field removed on both sides stays removed",
			base: `{"a":1,"b":2}`, mine: `{"a":1}`, theirs: `{"a":1}`,
			wantTheirs: `{"a":1}`},
		{name: "removed on one side, changed on the other: a conflict",
			base: `{"a":1,"b":2}`, mine: `{"a":1}`, theirs: `{"a":1,"b":3}`,
			wantTheirs: `{"a":1,"b":3}`, wantMine: `{"a":1}`, conflicts: []string{"b"}},
		{name: "added on both sides with different values: a conflict",
			base: `{"a":1}`, mine: `{"a":1,"n":"x"}`, theirs: `{"a":1,"n":"y"}`,
			wantTheirs: `{"a":1,"n":"y"}`, wantMine: `{"a":1,"n":"x"}`, conflicts: []string{"n"}},
		{name: "null is a value, not an absence",
			base: `{"a":1}`, mine: `{"a":null}`, theirs: `{"a":1}`,
			wantTheirs: `{"a":null}`},
		{name: "arrays are compared whole",
			base: `{"l":["fr","pt"]}`, mine: `{"l":["fr","pt","en"]}`, theirs: `{"l":["wo","fr","pt"]}`,
			wantTheirs: `{"l":["wo","fr","pt"]}`, wantMine: `{"l":["fr","pt","en"]}`, conflicts: []string{"l"}},
		{name: "an object against a plain value: a conflict on the whole field",
			base: `{"p":{"x":1}}`, mine: `{"p":"gone"}`, theirs: `{"p":{"x":2}}`,
			wantTheirs: `{"p":{"x":2}}`, wantMine: `{"p":"gone"}`, conflicts: []string{"p"}},
		{name: "no common base: equal fields merge, different ones conflict",
			base: "", mine: `{"a":1,"b":{"x":1,"y":1},"only":"m"}`, theirs: `{"a":1,"b":{"x":1,"y":2},"also":"t"}`,
			wantTheirs: `{"a":1,"also":"t","b":{"x":1,"y":2},"only":"m"}`,
			wantMine:   `{"a":1,"also":"t","b":{"x":1,"y":1},"only":"m"}`,
			conflicts:  []string{"b.y"}},
		{name: "quiet paths take the preferred side without a conflict",
			base:       `{"updatedAt":"t0","a":1,"n":{"updatedAt":"t0"}}`,
			mine:       `{"updatedAt":"t1","a":2,"n":{"updatedAt":"t1"}}`,
			theirs:     `{"updatedAt":"t2","a":1,"n":{"updatedAt":"t2"}}`,
			quiet:      []string{"updatedAt"},
			wantTheirs: `{"a":2,"n":{"updatedAt":"t2"},"updatedAt":"t2"}`,
			wantMine:   `{"a":2,"n":{"updatedAt":"t1"},"updatedAt":"t1"}`,
			conflicts:  []string{"n.updatedAt"}},
		{name: "large numbers keep every digit",
			base: `{"n":1}`, mine: `{"n":12345678901234567890123}`, theirs: `{"n":1}`,
			wantTheirs: `{"n":12345678901234567890123}`},
		{name: "text with accents and markup is kept as it is",
			base: `{"t":"a"}`, mine: `{"t":"a"}`, theirs: `{"t":"São Tomé <b>&</b>"}`,
			wantTheirs: `{"t":"São Tomé <b>&</b>"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var base []byte
			if tc.base != "" {
				base = []byte(tc.base)
			}
			wantMine := tc.wantMine
			if wantMine == "" {
				wantMine = tc.wantTheirs
			}
			for _, prefer := range []bool{true, false} {
				want := tc.wantTheirs
				if !prefer {
					want = wantMine
				}
				got, conflicts, err := Merge3(base, []byte(tc.mine), []byte(tc.theirs), prefer, tc.quiet...)
				if err != nil {
					t.Fatalf("Merge3(preferTheirs=%v): %v", prefer, err)
				}
				if !jsonEqual(t, got, []byte(want)) {
					t.Errorf("Merge3(preferTheirs=%v) = %s, want %s", prefer, got, want)
				}
				if !slices.Equal(conflicts, tc.conflicts) {
					t.Errorf("Merge3(preferTheirs=%v) conflicts = %q, want %q", prefer, conflicts, tc.conflicts)
				}
				// Whatever the order of the sides, preferring the same
				// side gives the same body and the same conflicts.
				got2, conflicts2, err := Merge3(base, []byte(tc.theirs), []byte(tc.mine), !prefer, tc.quiet...)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, got2) || !slices.Equal(conflicts, conflicts2) {
					t.Errorf("swapped sides: %s %q, want %s %q", got2, conflicts2, got, conflicts)
				}
			}
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	// Also compare the bytes exactly for large numbers: Unmarshal into
	// float64 would hide a lost digit.
	return reflect.DeepEqual(x, y) && bytes.Equal(compact(t, a), compact(t, b))
}

// compact re-encodes JSON with sorted keys and no space, numbers as written.
func compact(t *testing.T, b []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSpace(out.Bytes())
}

func TestMerge3Deterministic(t *testing.T) {
	base := []byte(`{"person":{"firstName":"Ana","phone":"1","langs":["pt"]},"status":"Active","updatedAt":"t0"}`)
	x := []byte(`{"person":{"firstName":"Ana","phone":"2","langs":["pt","en"]},"status":"Active","updatedAt":"t1"}`)
	y := []byte(`{"person":{"firstName":"Anna","phone":"3","langs":["pt"]},"status":"Closed","updatedAt":"t2"}`)
	first, fields, err := Merge3(base, x, y, true, "updatedAt")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fields, []string{"person.phone"}) {
		t.Fatalf("conflicts %q", fields)
	}
	// Byte for byte the same, however often and in whichever order: two
	// offices merging the same sides make the same body.
	for i := 0; i < 50; i++ {
		got, f, err := Merge3(base, x, y, true, "updatedAt")
		if err != nil || !bytes.Equal(got, first) || !slices.Equal(f, fields) {
			t.Fatalf("run %d: %s %q %v, want %s", i, got, f, err, first)
		}
		got, f, err = Merge3(base, y, x, false, "updatedAt")
		if err != nil || !bytes.Equal(got, first) || !slices.Equal(f, fields) {
			t.Fatalf("run %d swapped: %s %q %v, want %s", i, got, f, err, first)
		}
	}
	want := `{"person":{"firstName":"Anna","langs":["pt","en"],"phone":"3"},"status":"Closed","updatedAt":"t2"}`
	if string(first) != want {
		t.Fatalf("merged %s, want %s", first, want)
	}
}

func TestMerge3RefusesWhatIsNotARecord(t *testing.T) {
	obj := []byte(`{"a":1}`)
	for _, tc := range []struct {
		name               string
		base, mine, theirs []byte
	}{
		{"mine not JSON", obj, []byte(`{"a":`), obj},
		{"theirs not JSON", obj, obj, []byte(`nope`)},
		{"base not JSON", []byte(`{`), obj, obj},
		{"mine an array", obj, []byte(`[1]`), obj},
		{"theirs a string", obj, obj, []byte(`"x"`)},
		{"base a number", []byte(`3`), obj, obj},
		{"mine missing", obj, nil, obj},
	} {
		if _, _, err := Merge3(tc.base, tc.mine, tc.theirs, true); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestField(t *testing.T) {
	body := []byte(`{"person":{"phone":"+238 1","contact":{"email":"a@b"},"langs":["pt"],"none":null},"n":12345678901234567890}`)
	for _, tc := range []struct{ path, want string }{
		{"person.phone", `"+238 1"`},
		{"person.contact", `{"email":"a@b"}`},
		{"person.contact.email", `"a@b"`},
		{"person.langs", `["pt"]`},
		{"person.none", `null`},
		{"n", `12345678901234567890`},
		{"person.missing", ""},
		{"missing.deeper", ""},
		{"person.phone.deeper", ""},
		{"person.langs.0", ""},
	} {
		got, err := Field(body, tc.path)
		if err != nil {
			t.Fatalf("Field(%s): %v", tc.path, err)
		}
		if string(got) != tc.want {
			t.Errorf("Field(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
	if _, err := Field([]byte(`[1]`), "a"); err == nil {
		t.Error("Field of an array: no error")
	}
	if _, err := Field([]byte(`{`), "a"); err == nil {
		t.Error("Field of bad JSON: no error")
	}
}

func TestSetFields(t *testing.T) {
	head := []byte(`{"person":{"phone":"merged","address":"Praia","email":"x@y"},"status":"Active","updatedAt":"t3"}`)
	mine := []byte(`{"person":{"phone":"mine","address":"Praia"},"status":"Closed","extra":{"deep":{"v":1}}}`)
	theirs := []byte(`{"person":{"phone":"theirs","address":"Mindelo","email":"t@y"},"status":"Active"}`)
	got, err := SetFields(head, map[string][]byte{
		"person.phone":   theirs, // taken from theirs
		"status":         mine,   // a top-level field
		"person.email":   mine,   // absent in mine: removed
		"extra.deep.v":   mine,   // intermediate objects created
		"person.missing": theirs, // absent on both: stays absent
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"extra":{"deep":{"v":1}},"person":{"address":"Praia","phone":"theirs"},"status":"Closed","updatedAt":"t3"}`
	if string(got) != want {
		t.Fatalf("SetFields = %s\nwant        %s", got, want)
	}
	// Nothing to set: the body as it was (re-encoded).
	if got, err := SetFields(head, nil); err != nil || !jsonEqual(t, got, head) {
		t.Fatalf("SetFields(nil) = %s %v", got, err)
	}
	if _, err := SetFields(head, map[string][]byte{"a": []byte(`[`)}); err == nil {
		t.Fatal("SetFields with a bad source: no error")
	}
	if _, err := SetFields([]byte(`"x"`), map[string][]byte{"a": mine}); err == nil {
		t.Fatal("SetFields on a string: no error")
	}
}

// A resolution built with SetFields from the sides of a Merge3 conflict
// gives each field the chosen side's value and keeps the rest merged.
func TestSetFieldsResolvesAMerge(t *testing.T) {
	base := []byte(`{"p":{"phone":"0","addr":"a"},"s":"x"}`)
	mine := []byte(`{"p":{"phone":"1","addr":"a"},"s":"y"}`)
	theirs := []byte(`{"p":{"phone":"2","addr":"b"},"s":"z"}`)
	merged, fields, err := Merge3(base, mine, theirs, true)
	if err != nil || !slices.Equal(fields, []string{"p.phone", "s"}) {
		t.Fatalf("%s %q %v", merged, fields, err)
	}
	resolved, err := SetFields(merged, map[string][]byte{"p.phone": mine})
	if err != nil {
		t.Fatal(err)
	}
	if string(resolved) != `{"p":{"addr":"b","phone":"1"},"s":"z"}` {
		t.Fatalf("resolved %s", resolved)
	}
}

// ---- Write and Read ----------------------------------------------------

func TestWriteReadRoundTrip(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	r := newReceiver(t)
	other := newReceiver(t)
	b := smallBundle(s, "office-b")
	data := write(t, b, s.id.Sign, Seal{Recipients: []string{r.recipient(), other.recipient()}})
	if !bytes.HasPrefix(data, []byte(ageMagic)) || NeedsPassphrase(data) {
		t.Fatalf("not an age file for office keys: %.60q", data)
	}
	for _, who := range []receiver{r, other} {
		got, err := Read(data, who.keys())
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if err := got.Verify(s.card.SigningKey); err != nil {
			t.Fatalf("Verify: %v", err)
		}
		m := got.Manifest
		if m.Format != "amparo-export/1" || m.ExportID != "export-1" || m.Sender != "office-a" || m.Sequence != 3 ||
			!m.Created.Equal(created) || m.Passphrase || !slices.Equal(m.Recipients, []string{"office-b"}) ||
			!reflect.DeepEqual(m.SenderCard, s.card) || m.AppVersion != "test" {
			t.Fatalf("manifest %+v", m)
		}
		if m.Counts != (Counts{Records: 4, Revisions: 6, Tombstones: 1, Attachments: 1}) {
			t.Fatalf("counts %+v", m.Counts)
		}
		if m.Members[memberRevisions] == "" || m.Members["attachments/r5"] != digest([]byte("\xff\xd8\xffJPG")) ||
			m.Members[memberManifest] != "" || m.Members[memberSignature] != "" {
			t.Fatalf("members %v", m.Members)
		}
		if len(got.Revisions) != len(b.Revisions) {
			t.Fatalf("%d revisions", len(got.Revisions))
		}
		for i, rv := range got.Revisions {
			want := b.Revisions[i]
			if rv.ID != want.ID || rv.Record != want.Record || rv.Kind != want.Kind || !slices.Equal(rv.Parents, want.Parents) ||
				rv.Office != want.Office || rv.User != want.User || rv.HLC != want.HLC || !rv.Created.Equal(want.Created) ||
				rv.Tombstone != want.Tombstone || rv.Attachment != want.Attachment || !bytes.Equal(rv.Body, want.Body) {
				t.Fatalf("revision %d: %+v, want %+v", i, rv, want)
			}
		}
		if len(got.Attachments) != 1 || string(got.Attachments["r5"]) != "\xff\xd8\xffJPG" {
			t.Fatalf("attachments %q", got.Attachments)
		}
		other := newSender(t, "office-a", "Centro da Praia")
		if err := got.Verify(other.card.SigningKey); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("Verify with another key = %v", err)
		}
		got.Wipe()
		if !bytes.Equal(got.Attachments["r5"], make([]byte, 6)) || bytes.Contains(got.Revisions[0].Body, []byte("Akosua")) {
			t.Fatal("Wipe left plain data")
		}
	}
	// The caller's bundle is left as it was: Write does not fill it in.
	if b.Manifest.Format != "" || b.Manifest.Members != nil {
		t.Fatalf("Write changed the caller's manifest: %+v", b.Manifest)
	}

	t.Run("another office's identity", func(t *testing.T) {
		_, err := Read(data, newReceiver(t).keys())
		wantRefusal(t, err, ErrNotForUs)
	})
	t.Run("no identity", func(t *testing.T) {
		_, err := Read(data, Keys{})
		wantRefusal(t, err, ErrNotForUs)
	})
	t.Run("a passphrase given for an office file is not used", func(t *testing.T) {
		got, err := Read(data, Keys{Identity: r.id, Passphrase: "anything"})
		if err != nil || got.Verify(s.card.SigningKey) != nil {
			t.Fatalf("Read = %v", err)
		}
	})
}

func wantRefusal(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
}

func TestWriteReadPassphrase(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	b := smallBundle(s)
	const pass = "ridge-otter-lamp-93"
	data := write(t, b, s.id.Sign, Seal{Passphrase: pass, Recipients: []string{newReceiver(t).recipient()}})
	if !NeedsPassphrase(data) {
		t.Fatal("NeedsPassphrase = false for a passphrase file")
	}
	_, err := Read(data, Keys{Identity: newReceiver(t).id})
	wantRefusal(t, err, ErrNeedsPassphrase)
	_, err = Read(data, Keys{Passphrase: "ridge-otter-lamp-94"})
	wantRefusal(t, err, ErrWrongPassphrase)
	got, err := Read(data, Keys{Passphrase: pass})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if err := got.Verify(s.card.SigningKey); err != nil {
		t.Fatal(err)
	}
	if !got.Manifest.Passphrase || len(got.Revisions) != 6 || string(got.Attachments["r5"]) != "\xff\xd8\xffJPG" {
		t.Fatalf("manifest %+v, %d revisions", got.Manifest, len(got.Revisions))
	}
}

func TestNeedsPassphrase(t *testing.T) {
	for _, tc := range []struct {
		data string
		want bool
	}{
		{"", false},
		{"hello", false},
		{"age-encryption.org/v1\n-> scrypt abc 18\nxyz\n--- mac\n", true},
		{"age-encryption.org/v1\n-> X25519 abc\nxyz\n--- mac\n", false},
		// "scrypt" in the payload, after the header, does not count.
		{"age-encryption.org/v1\n-> X25519 abc\nxyz\n--- mac\n\n-> scrypt ", false},
		{"-> scrypt abc 18\n", false},
	} {
		if got := NeedsPassphrase([]byte(tc.data)); got != tc.want {
			t.Errorf("NeedsPassphrase(%q) = %v", tc.data, got)
		}
	}
}

func TestWriteRefusals(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	r := newReceiver(t)
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, smallBundle(s), s.id.Sign, Seal{}); err == nil {
		t.Fatal("Write without a receiver: no error")
	}
	if err := Write(context.Background(), &buf, smallBundle(s), s.id.Sign, Seal{Recipients: []string{"age1nope"}}); err == nil {
		t.Fatal("Write to a bad recipient: no error")
	}
	if err := Write(context.Background(), &buf, smallBundle(s), func([]byte) []byte { return nil }, Seal{Recipients: []string{r.recipient()}}); err == nil {
		t.Fatal("Write without a signature: no error")
	}
	b := smallBundle(s)
	b.Revisions[4].Body = json.RawMessage(`{"x":1}`) // attachment bytes in the body
	if err := Write(context.Background(), &buf, b, s.id.Sign, Seal{Recipients: []string{r.recipient()}}); err == nil {
		t.Fatal("Write of an attachment with a body: no error")
	}
	b = smallBundle(s)
	delete(b.Attachments, "r5")
	if err := Write(context.Background(), &buf, b, s.id.Sign, Seal{Recipients: []string{r.recipient()}}); err == nil {
		t.Fatal("Write of an attachment without bytes: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, &buf, smallBundle(s), s.id.Sign, Seal{Recipients: []string{r.recipient()}}); !errors.Is(err, ErrCancelled) {
		t.Fatalf("Write cancelled = %v", err)
	}
}

// TestReadRefusals: each way a file can be wrong gets its refusal.
func TestReadRefusals(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	r := newReceiver(t)
	good := write(t, smallBundle(s, "office-b"), s.id.Sign, Seal{Recipients: []string{r.recipient()}})
	otherSigner := newSender(t, "office-x", "Other")

	refuse := func(name string, data []byte, want error) {
		t.Helper()
		_, err := Read(data, r.keys())
		if !errors.Is(err, want) {
			t.Errorf("%s: Read = %v, want %v", name, err, want)
		}
	}
	refuse("random bytes", []byte("\x89PNG\r\n\x1a\n this is a picture"), ErrNotAmparo)
	refuse("empty", nil, ErrNotAmparo)
	refuse("a text file", []byte("Lista de compras: arroz, feijão\n"), ErrNotAmparo)
	refuse("the start of the age magic", good[:10], ErrTruncated)
	refuse("the magic only", good[:len(ageMagic)], ErrTruncated)
	hdrEnd := bytes.Index(good, []byte("\n--- ")) + 1
	refuse("cut inside the header", good[:hdrEnd+3], ErrTruncated)
	macEnd := hdrEnd + bytes.IndexByte(good[hdrEnd:], '\n') + 1
	refuse("cut after the header", good[:macEnd], ErrTruncated)
	refuse("cut inside the nonce", good[:macEnd+7], ErrTruncated)
	refuse("cut after the nonce", good[:macEnd+16], ErrTruncated)
	if _, err := Read(good[:len(good)/2], r.keys()); !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrDamaged) {
		// A cut inside the payload's last chunk cannot be told from
		// damage by age: either refusal will do.
		t.Errorf("cut in half: %v", err)
	}
	refuse("trailing bytes", append(slices.Clone(good), 0), ErrDamaged)
	refuse("an age file of other content", sealTo(t, []byte("just some text\n"), r.id.Recipient()), ErrNotAmparo)
	refuse("an age file of another tar", sealTo(t, archive(t, member{name: "photo.jpg", data: []byte("jpg")}), r.id.Recipient()), ErrNotAmparo)
	refuse("an age file of an empty tar", sealTo(t, archive(t), r.id.Recipient()), ErrNotAmparo)

	hm := func() *rebuilt { return newRebuilt(t, s, r) }
	if b, err := Read(hm().file(t, s, r, nil), r.keys()); err != nil || b.Verify(s.card.SigningKey) != nil {
		t.Fatalf("a good file taken apart and sealed again: %v", err)
	}
	h := hm()
	h.m.Format = "amparo-export/2"
	refuse("format 2", h.file(t, s, r, nil), ErrNewerVersion)
	h.m.Format = "amparo-export/10"
	refuse("format 10", h.file(t, s, r, nil), ErrNewerVersion)
	for _, f := range []string{"amparo-export/0", "amparo-export/x", "amparo-export/", "other/1", ""} {
		h.m.Format = f
		refuse("format "+f, h.file(t, s, r, nil), ErrNotAmparo)
	}
	refuse("a manifest that is not JSON", hm().file(t, s, r, []byte("{not json")), ErrNotAmparo)
	refuse("a manifest with an unknown field", hm().file(t, s, r, []byte(`{"format":"amparo-export/1","surprise":1}`)), ErrDamaged)

	for name, change := range map[string]func(h *rebuilt){
		"a sender that is not the card's": func(h *rebuilt) { h.m.Sender = "office-z" },
		"no export id":                    func(h *rebuilt) { h.m.ExportID = "" },
		"sequence 0":                      func(h *rebuilt) { h.m.Sequence = 0 },
		"a bad card":                      func(h *rebuilt) { h.m.SenderCard.SigningKey = []byte("short") },
		"no member hashes":                func(h *rebuilt) { h.m.Members = nil },
		"wrong counts":                    func(h *rebuilt) { h.m.Counts.Revisions++ },
		"wrong tombstone count":           func(h *rebuilt) { h.m.Counts.Tombstones = 0 },
		"a wrong hash":                    func(h *rebuilt) { h.m.Members[memberRevisions] = digest([]byte("other")) },
		"a listed member missing":         func(h *rebuilt) { h.m.Members["attachments/zz"] = digest([]byte("x")) },
		"a member not listed": func(h *rebuilt) {
			h.names = append(h.names, "attachments/zz")
			h.members["attachments/zz"] = []byte("x")
		},
		"attachment bytes no revision names": func(h *rebuilt) { h.set("attachments/zz", []byte("x")) },
		"attachment bytes missing":           func(h *rebuilt) { h.drop("attachments/r5", true) },
		"attachment bytes changed":           func(h *rebuilt) { h.members["attachments/r5"] = []byte("\xff\xd8\xffJPh") },
		"the revisions missing":              func(h *rebuilt) { h.drop(memberRevisions, true) },
		"a member twice":                     func(h *rebuilt) { h.names = append(h.names, memberRevisions) },
		"a revision twice": func(h *rebuilt) {
			revs := h.members[memberRevisions]
			h.set(memberRevisions, append(slices.Clone(revs), revs[:bytes.IndexByte(revs, '\n')+1]...))
			h.m.Counts.Revisions++
		},
		"a revision with an unknown field": func(h *rebuilt) { h.editLine(t, memberRevisions, 0, func(o map[string]any) { o["x"] = 1 }) },
		"a revision without an id":         func(h *rebuilt) { h.editLine(t, memberRevisions, 0, func(o map[string]any) { delete(o, "id") }) },
		"a revision without a record":      func(h *rebuilt) { h.editLine(t, memberRevisions, 0, func(o map[string]any) { delete(o, "record") }) },
		"a revision without a clock":       func(h *rebuilt) { h.editLine(t, memberRevisions, 0, func(o map[string]any) { delete(o, "hlc") }) },
		"a revision without an office":     func(h *rebuilt) { h.editLine(t, memberRevisions, 0, func(o map[string]any) { delete(o, "office") }) },
		"a tombstone with a body": func(h *rebuilt) {
			h.editLine(t, memberRevisions, 0, func(o map[string]any) { o["tombstone"] = true })
			h.m.Counts.Tombstones++
		},
		"attachment bytes with a body": func(h *rebuilt) {
			h.editLine(t, memberRevisions, 0, func(o map[string]any) { o["attachment"] = true })
			h.set("attachments/r1", []byte("x"))
			h.m.Counts.Attachments++
		},
		"broken JSON": func(h *rebuilt) {
			revs := h.members[memberRevisions]
			h.set(memberRevisions, append(slices.Clone(revs), []byte(`{"id":"r9",`+"\n")...))
		},
		"an empty member not listed": func(h *rebuilt) {
			h.names = append(h.names, "attachments/empty")
			h.members["attachments/empty"] = nil
		},
		"manifest not first": func(h *rebuilt) {
			h.names[0], h.names[1] = h.names[1], h.names[0]
		},
		"no signature": func(h *rebuilt) { h.drop(memberSignature, false) },
	} {
		h := hm()
		change(h)
		want := ErrDamaged
		switch name {
		case "manifest not first":
			want = ErrNotAmparo
		case "no signature":
			want = ErrBadSignature
		}
		refuse(name, h.file(t, s, r, nil), want)
	}
	// A folder, as tar writes one.
	h = hm()
	data := h.file(t, s, r, nil)
	plain := decrypt(t, data, r)
	var folder bytes.Buffer
	tw := tar.NewWriter(&folder)
	tw.WriteHeader(&tar.Header{Name: "attachments/", Typeflag: tar.TypeDir, Mode: 0o700})
	tw.Flush()
	plain = append(plain[:len(plain)-1024], append(folder.Bytes(), make([]byte, 1024)...)...)
	refuse("a folder entry", sealTo(t, plain, r.id.Recipient()), ErrDamaged)

	// Signed by another key: Read accepts it, Verify refuses it.
	forged := write(t, smallBundle(s, "office-b"), otherSigner.id.Sign, Seal{Recipients: []string{r.recipient()}})
	b, err := Read(forged, r.keys())
	if err != nil {
		t.Fatalf("Read of a forged file: %v", err)
	}
	if err := b.Verify(s.card.SigningKey); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("Verify of a forged file = %v", err)
	}
}

// ---- every bit flip refused ---------------------------------------------

// TestEveryByteFlipRefused flips one bit of each byte of a small export
// file in turn; every variant must be refused by Read, or by Verify.
func TestEveryByteFlipRefused(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	r := newReceiver(t)
	good := write(t, smallBundle(s, "office-b"), s.id.Sign, Seal{Recipients: []string{r.recipient()}})
	if b, err := Read(good, r.keys()); err != nil || b.Verify(s.card.SigningKey) != nil {
		t.Fatalf("the original: %v", err)
	}
	variant := make([]byte, len(good))
	reasons := map[string]int{}
	for i := range good {
		copy(variant, good)
		variant[i] ^= 1 << (i % 8)
		b, err := Read(variant, r.keys())
		if err == nil {
			err = b.Verify(s.card.SigningKey)
		}
		if err == nil {
			t.Fatalf("byte %d (of %d) flipped: accepted", i, len(good))
		}
		if !isRefusal(err) {
			t.Fatalf("byte %d flipped: %v is not a refusal", i, err)
		}
		reasons[err.Error()]++
	}
	t.Logf("%d variants refused: %v", len(good), reasons)
}

func isRefusal(err error) bool {
	for _, r := range []error{ErrNotAmparo, ErrNotForUs, ErrNeedsPassphrase, ErrWrongPassphrase, ErrTruncated,
		ErrDamaged, ErrBadSignature, ErrNewerVersion, ErrTooLarge} {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// ---- fuzzing ------------------------------------------------------------

// fuzzIdentity is fixed so that a failing input the fuzzer saves (a
// whole file sealed to it) still opens on the next run.
const (
	fuzzIdentity = "AGE-SECRET-KEY-1FKP92GCCQ0WRANLLRZUCJWEUWNTEXHTPEPR2SZDQ09Q7MR4U56QQ097XEZ"
)

// FuzzRead feeds Read (and Verify) with arbitrary bytes, as a whole
// file and, so that the fuzzer reaches the archive parser behind the
// encryption, as the plain archive Read finds inside a well-sealed file.
// Neither may panic, every error is a refusal, and a bundle they accept
// verifies only with the sending office's key, and then only when its
// manifest is one that office signed.
func FuzzRead(f *testing.F) {
	id, err := age.ParseX25519Identity(fuzzIdentity)
	if err != nil {
		f.Fatal(err)
	}
	r := receiver{id: id}
	s := newSender(f, "office-a", "Centro da Praia")
	wrong := newSender(f, "office-a", "Centro da Praia")
	seed := write(f, smallBundle(s, "office-b"), s.id.Sign, Seal{Recipients: []string{r.recipient()}})
	other := newRebuilt(f, s, r)
	other.m.Sequence, other.m.ExportID = 9, "export-9"
	hand := other.file(f, s, r, nil)
	var signed []*Bundle // what the sender signed
	for _, file := range [][]byte{seed, hand} {
		b, err := Read(file, r.keys())
		if err != nil {
			f.Fatal(err)
		}
		signed = append(signed, b)
	}
	f.Add(seed)
	f.Add(decrypt(f, seed, r))
	f.Add(hand)
	f.Add(decrypt(f, hand, r))
	f.Add([]byte{})
	f.Add([]byte(ageMagic))
	f.Add([]byte(ageMagic + "-> scrypt c2FsdA 18\nAAAA\n--- AAAA\n"))
	f.Add([]byte("\x00\x01\x02garbage\xff"))
	f.Add(archive(f, member{name: memberManifest, data: []byte(`{"format":"amparo-export/1"}`)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(b *Bundle, err error) {
			if err != nil {
				if !isRefusal(err) {
					t.Fatalf("error %v is not a refusal", err)
				}
				return
			}
			if b.Verify(wrong.card.SigningKey) == nil {
				t.Fatal("a bundle verified with another office's key")
			}
			if b.Verify(s.card.SigningKey) == nil {
				i := slices.IndexFunc(signed, func(x *Bundle) bool { return bytes.Equal(x.manifestBytes, b.manifestBytes) })
				if i < 0 || !reflect.DeepEqual(b.Manifest, signed[i].Manifest) {
					t.Fatalf("a manifest the sender never signed verified: %s", b.manifestBytes)
				}
				if len(b.Revisions) != len(signed[i].Revisions) || len(b.Attachments) != len(signed[i].Attachments) {
					t.Fatalf("a verified bundle with other content: %d revisions", len(b.Revisions))
				}
			}
			b.Wipe()
		}
		check(Read(data, r.keys()))
		check(readArchive(data))
	})
}

// ---- folders -------------------------------------------------------------

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.amparo")
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("first")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Fatalf("content %q", b)
	}
	// A failed write leaves the old file and no temporary file.
	boom := errors.New("disk full")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("half of the sec"))
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("while writing: %d entries, want the file and a temporary one", len(entries))
		}
		for _, e := range entries {
			if e.Name() != "a.amparo" && (!strings.HasPrefix(e.Name(), ".") || !partialName(e.Name())) {
				t.Errorf("temporary name %q is not hidden from the inbox", e.Name())
			}
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Fatalf("after a failed write: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("after a failed write: %d entries", len(entries))
	}
	// A second good write replaces it.
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("second")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Fatalf("content %q", b)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x.amparo"), func(io.Writer) error { return nil }); err == nil {
		t.Fatal("a write into a missing folder: no error")
	}
}

func TestInboxReady(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	in := &Inbox{Dir: dir, Settle: 5 * time.Second, Now: func() time.Time { return now }}
	put := func(name, content string, mod time.Time) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := now.Add(-time.Minute)
	good := put("b-good.amparo", "complete", old)
	upper := put("A-UPPER.AMPARO", "complete", old)
	growing := put("c-growing.amparo", "part", old)
	recent := put("d-recent.amparo", "just copied", now.Add(-2*time.Second))
	for _, name := range []string{".hidden.amparo", "e.amparo.tmp", "f.amparo.part", "g.amparo.partial",
		"h.amparo.crdownload", "~i.amparo", "j.amparo~", "notes.txt", ".syncthing.k.amparo.tmp", "l.amparo.TMP"} {
		put(name, "x", old)
	}
	if err := os.Mkdir(filepath.Join(dir, "m.amparo"), 0o700); err != nil {
		t.Fatal(err)
	}

	ready, err := in.Ready()
	if err != nil || len(ready) != 0 {
		t.Fatalf("first poll: %v %v, want nothing before a second look", ready, err)
	}
	// Between the polls, one file grows.
	if err := os.WriteFile(growing, []byte("part and more"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(growing, old, old)
	ready, err = in.Ready()
	if err != nil || !slices.Equal(ready, []string{upper, good}) {
		t.Fatalf("second poll: %v %v, want %v", ready, err, []string{upper, good})
	}
	// It stopped growing; the recent one is old enough now.
	now = now.Add(10 * time.Second)
	ready, _ = in.Ready()
	if !slices.Equal(ready, []string{upper, good, growing, recent}) {
		t.Fatalf("third poll: %v", ready)
	}
	// A file touched again (same size, new time) waits again.
	os.Chtimes(good, now.Add(-time.Second), now.Add(-time.Second))
	in.Forget(upper)
	ready, _ = in.Ready()
	if !slices.Equal(ready, []string{growing, recent}) {
		t.Fatalf("fourth poll: %v", ready)
	}

	// OnePass takes a settled file at the first look, never a recent one.
	one := &Inbox{Dir: dir, Settle: 5 * time.Second, Now: func() time.Time { return now }, OnePass: true}
	put("n-now.amparo", "x", now)
	ready, _ = one.Ready()
	if !slices.Equal(ready, []string{upper, growing, recent}) {
		t.Fatalf("one pass: %v", ready)
	}
	if _, err := (&Inbox{Dir: filepath.Join(dir, "missing")}).Ready(); err == nil {
		t.Fatal("a missing inbox: no error")
	}
}

func TestRejectAndDone(t *testing.T) {
	dir := t.TempDir()
	put := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	to, err := Reject(put("x.amparo"), "the file was altered")
	if err != nil || to != filepath.Join(dir, RejectedDir, "x.amparo") {
		t.Fatalf("Reject = %s %v", to, err)
	}
	if b, _ := os.ReadFile(to + ".txt"); string(b) != "the file was altered\n" {
		t.Fatalf("reason %q", b)
	}
	// The same name again keeps the first.
	to2, err := Reject(put("x.amparo"), "again")
	if err != nil || to2 != filepath.Join(dir, RejectedDir, "x (2).amparo") {
		t.Fatalf("second Reject = %s %v", to2, err)
	}
	if b, _ := os.ReadFile(to + ".txt"); string(b) != "the file was altered\n" {
		t.Fatalf("first reason overwritten: %q", b)
	}
	if b, _ := os.ReadFile(to2 + ".txt"); string(b) != "again\n" {
		t.Fatalf("second reason %q", b)
	}
	done, err := Done(put("y.amparo"))
	if err != nil || done != filepath.Join(dir, ImportedDir, "y.amparo") {
		t.Fatalf("Done = %s %v", done, err)
	}
	if b, _ := os.ReadFile(done); string(b) != "y.amparo" {
		t.Fatalf("moved content %q", b)
	}
	for _, gone := range []string{"x.amparo", "y.amparo"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s still in the inbox", gone)
		}
	}
	if _, err := Done(filepath.Join(dir, "missing.amparo")); err == nil {
		t.Fatal("Done of a missing file: no error")
	}
}

func TestFileNameAndFolderName(t *testing.T) {
	at := time.Date(2025, 3, 9, 23, 30, 0, 0, time.FixedZone("CVT", -3600)) // 2025-03-10 in UTC
	if got := FileName("Centro de Acolhimento São Tomé", "Bureau d'Écoute Côte d'Ivoire", 7, at); got != "centro-de-acolhimento-sa-to-bureau-d-ecoute-cote-d-i-20250310-0007.amparo" {
		t.Errorf("FileName = %q", got)
	}
	if got := FileName("Praia", "Dakar", 0, at); got != "praia-to-dakar-20250310-003000.amparo" {
		t.Errorf("FileName without a number = %q", got)
	}
	for _, tc := range []struct{ in, want string }{
		{"São Tomé", "sao-tome"},
		{"Île de Gorée", "ile-de-goree"},
		{"ÎLE DE GORÉE", "ile-de-goree"},
		{"ÉCOLE ÀÇÃÕÜ", "ecole-acaou"},
		{"Bureau d'Écoute", "bureau-d-ecoute"},
		{"  --Praia--  ", "praia"},
		{"Ação Social nº 2", "acao-social-n-2"},
		{"", "office"},
		{"!!!", "office"},
		{"Ðakar ŁÓDŹ", "akar-od"},
		{"abcdefghijklmnopqrstuvw xyz", "abcdefghijklmnopqrstuvw"},
		{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwx"},
		{"a b c d e f g h i j k l m n o p", "a-b-c-d-e-f-g-h-i-j-k-l"},
	} {
		got := slug(tc.in)
		if got != tc.want {
			t.Errorf("slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) > 24 || strings.HasSuffix(got, "-") || strings.HasPrefix(got, "-") {
			t.Errorf("slug(%q) = %q: more than 24 characters or a dash at an end", tc.in, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("slug(%q) = %q: %q is not a safe letter", tc.in, got, r)
			}
		}
	}
	if got := FolderName("Centre d'Accueil de Ziguinchor", "5f0c2a9e-1b7d-4c3e-8a21-9d3b4e5f6a7b"); got != "centre-d-accueil-de-zigu-5f0c2a9e" {
		t.Errorf("FolderName = %q", got)
	}
	if got := FolderName("Praia", "ab-c"); got != "praia-abc" {
		t.Errorf("FolderName short id = %q", got)
	}
	if a, b := FolderName("Praia", "11111111-aaaa"), FolderName("Praia", "22222222-aaaa"); a == b {
		t.Errorf("two offices of the same name share a folder: %s", a)
	}
}

// ---- memory bounds --------------------------------------------------------

// rawBlock is a ustar header block, built by hand so that a test can say
// what archive/tar's writer would not.
func rawBlock(name string, typ byte, size int) []byte {
	b := make([]byte, 512)
	copy(b[0:], name)
	copy(b[100:], "0000600\x00")
	copy(b[108:], "0000000\x00")
	copy(b[116:], "0000000\x00")
	copy(b[124:], fmt.Sprintf("%011o\x00", size))
	copy(b[136:], "00000000000\x00")
	b[156] = typ
	copy(b[257:], "ustar\x0000")
	copy(b[148:], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:], fmt.Sprintf("%06o\x00 ", sum))
	return b
}

func padBlock(b []byte) []byte {
	if r := len(b) % 512; r != 0 {
		b = append(b, make([]byte, 512-r)...)
	}
	return b
}

// paxRecord is one "length key=value" record of a PAX header.
func paxRecord(k, v string) string {
	s := " " + k + "=" + v + "\n"
	n := len(s) + 1
	for len(fmt.Sprint(n))+len(s) != n {
		n = len(fmt.Sprint(n)) + len(s)
	}
	return fmt.Sprint(n) + s
}

// sparseMember is a PAX (GNU 0.1) sparse member: a few bytes in the file
// that archive/tar reads back as size bytes, mostly zeros.
func sparseMember(name string, size int) []byte {
	pax := paxRecord("GNU.sparse.size", fmt.Sprint(size)) + paxRecord("GNU.sparse.map", fmt.Sprintf("%d,1", size-1)) +
		paxRecord("GNU.sparse.numblocks", "1")
	var raw []byte
	raw = append(raw, rawBlock("PaxHeaders/"+name, 'x', len(pax))...)
	raw = append(raw, padBlock([]byte(pax))...)
	raw = append(raw, rawBlock(name, '0', 1)...)
	return append(raw, padBlock([]byte("}"))...)
}

// TestReadBoundsMemory: a tiny file whose archive declares a member far
// larger than itself (a sparse member, which the tar reader expands) is
// refused without reading that much: anyone holding an office's public
// card can seal such a file to it and drop it in its inbox.
func TestReadBoundsMemory(t *testing.T) {
	s := newSender(t, "office-a", "Centro da Praia")
	r := newReceiver(t)
	const declared = 256 << 20
	good := newRebuilt(t, s, r)
	mb, _ := json.Marshal(good.m)
	var first, later bytes.Buffer
	first.Write(sparseMember(memberManifest, declared))
	first.Write(make([]byte, 1024))
	head := archive(t, member{name: memberManifest, data: mb}, member{name: memberSignature, data: s.id.Sign(mb)})
	later.Write(head[:len(head)-1024]) // without the end of the archive
	later.Write(sparseMember(memberRevisions, declared))
	later.Write(make([]byte, 1024))
	for name, plain := range map[string][]byte{"the manifest": first.Bytes(), "a later member": later.Bytes()} {
		data := sealTo(t, plain, r.id.Recipient())
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Read(data, r.keys())
		runtime.ReadMemStats(&after)
		if !isRefusal(err) {
			t.Errorf("%s sparse: Read = %v, want a refusal", name, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Errorf("%s sparse: a %d-byte file made Read allocate %d MiB", name, len(data), grew>>20)
		}
	}
}
