package casework

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
)

// leaf is one value of a flattened record: its path ("person.firstName",
// "followUps[2].done") and the value as text. A list of plain values is
// one leaf, its values joined by ", "; a list of objects gives a path per
// item and field.
type leaf struct{ path, value string }

// skippedPaths are stamps every save changes; History does not list them.
var skippedPaths = map[string]bool{"createdAt": true, "updatedAt": true}

// skipped reports whether a path is left out of History: the stamps, and
// the ids that let list items (follow-ups) merge between offices, which
// mean nothing to a person.
func skipped(path string) bool {
	return skippedPaths[path] || strings.HasSuffix(path, ".id")
}

// flatten turns a record's JSON into leaves, in the order of its fields.
// Keys become lower camel case (FirstName → firstName, BIA → bia), as the
// field paths of validation problems.
func flatten(body []byte) ([]leaf, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var out []leaf
	if err := walk(dec, "", &out); err != nil {
		return nil, err
	}
	return out, nil
}

func walk(dec *json.Decoder, path string, out *[]leaf) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				sub := lowerCamel(key)
				if path != "" {
					sub = path + "." + sub
				}
				if err := walk(dec, sub, out); err != nil {
					return err
				}
			}
		case '[':
			start := len(*out)
			scalars := true
			for i := 0; dec.More(); i++ {
				item := fmt.Sprintf("%s[%d]", path, i)
				before := len(*out)
				if err := walk(dec, item, out); err != nil {
					return err
				}
				added := (*out)[before:]
				scalars = scalars && len(added) == 1 && added[0].path == item
			}
			if scalars && len(*out) > start {
				vals := make([]string, 0, len(*out)-start)
				for _, l := range (*out)[start:] {
					vals = append(vals, l.value)
				}
				*out = append((*out)[:start], leaf{path, strings.Join(vals, ", ")})
			}
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case string:
		*out = append(*out, leaf{path, t})
	case json.Number:
		*out = append(*out, leaf{path, t.String()})
	case bool:
		*out = append(*out, leaf{path, fmt.Sprint(t)})
	case nil:
		*out = append(*out, leaf{path, ""})
	}
	return nil
}

// lowerCamel lowers the leading capitals of a Go field name: FirstName →
// firstName, ID → id, BIA → bia, PartnerID → partnerID.
func lowerCamel(s string) string {
	r := []rune(s)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	switch {
	case n == 0:
		return s
	case n == len(r):
		return strings.ToLower(s)
	case n > 1:
		n-- // "HTMLBody": the B starts the next word
	}
	return strings.ToLower(string(r[:n])) + string(r[n:])
}

// isZero reports whether a leaf value is a zero value: "", 0 or false
// count as nothing, so a field first filled in shows as a change from "".
func isZero(v string) bool { return v == "" || v == "0" || v == "false" }

// diffLeaves lists the changes from old to new, in the order of new's
// fields, then the fields only old had.
func diffLeaves(old, new []leaf) []leaf3 {
	oldVals := make(map[string]string, len(old))
	for _, l := range old {
		oldVals[l.path] = l.value
	}
	seen := make(map[string]bool, len(new))
	var out []leaf3
	for _, l := range new {
		seen[l.path] = true
		if skipped(l.path) {
			continue
		}
		o := oldVals[l.path]
		if o != l.value && !(isZero(o) && isZero(l.value)) {
			out = append(out, leaf3{l.path, o, l.value})
		}
	}
	for _, l := range old {
		if !seen[l.path] && !skipped(l.path) && !isZero(l.value) {
			out = append(out, leaf3{l.path, l.value, ""})
		}
	}
	return out
}

// leaf3 is a changed field: path, old and new value.
type leaf3 struct{ path, old, new string }

// changedFields lists the paths of the fields that differ between two
// versions of a record, stamps excepted.
func changedFields(old, new any) ([]string, error) {
	ob, err := json.Marshal(old)
	if err != nil {
		return nil, err
	}
	defer clear(ob)
	nb, err := json.Marshal(new)
	if err != nil {
		return nil, err
	}
	defer clear(nb)
	ol, err := flatten(ob)
	if err != nil {
		return nil, err
	}
	nl, err := flatten(nb)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, d := range diffLeaves(ol, nl) {
		paths = append(paths, d.path)
	}
	return paths, nil
}

// History lists a case's changes field by field, oldest first: each
// revision compared with its parent (the first, after a merge), the first
// revision with nothing. Stamps (createdAt, updatedAt) are left out; the
// author's display name is given when they are a user of this office.
// Audited as case.view with part=history.
func (ss *Session) History(ctx context.Context, id string) ([]Change, error) {
	if _, _, err := ss.caseUser(); err != nil {
		return nil, err
	}
	if _, _, err := ss.loadCase(ctx, id); err != nil {
		return nil, err
	}
	revs, err := ss.openRevisions(ctx, id)
	if err != nil {
		return nil, err
	}
	users, err := ss.s.db.Users(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	flat := make(map[string][]leaf, len(revs))
	var prev []leaf
	var changes []Change
	for _, r := range revs {
		if r.Tombstone {
			continue
		}
		leaves, err := flatten(r.Body)
		clear(r.Body)
		if err != nil {
			return nil, errorf(fmt.Sprintf("read revision %s", r.ID), err)
		}
		flat[r.ID] = leaves
		base := prev
		if len(r.Parents) > 0 {
			if p, ok := flat[r.Parents[0]]; ok {
				base = p
			}
		} else {
			base = nil
		}
		for _, d := range diffLeaves(base, leaves) {
			changes = append(changes, Change{
				RevisionID: r.ID, At: r.CreatedAt, UserID: r.UserID, UserName: names[r.UserID],
				Field: d.path, Old: d.old, New: d.new,
			})
		}
		prev = leaves
	}
	if err := ss.s.audit(ctx, domain.AuditCaseView, ss.User().ID, id, "part=history"); err != nil {
		return nil, err
	}
	return changes, nil
}

// openRevisions opens every revision of a record, oldest first; the bodies
// are plain (tombstones have none).
func (ss *Session) openRevisions(ctx context.Context, recordID string) ([]store.Revision, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(PermOwnCases); err != nil {
		return nil, err
	}
	revs, err := ss.s.db.Revisions(ctx, recordID)
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 {
		return nil, notFound(kindCase, recordID, nil)
	}
	for i, r := range revs {
		if r.Tombstone {
			continue
		}
		plain, err := ss.key.Open(revisionAD(r), r.Body)
		if err != nil {
			for _, done := range revs[:i] {
				clear(done.Body)
			}
			return nil, errorf(fmt.Sprintf("open revision %s", r.ID), err)
		}
		revs[i].Body = plain
	}
	return revs, nil
}
