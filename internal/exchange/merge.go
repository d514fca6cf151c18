package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Merge3 merges two versions of a record's JSON body, mine and theirs,
// against the version both started from (base; nil when they share
// none). It walks the objects field by field: a field changed on one side
// only takes that side's value; a field changed on both sides to
// different values is a conflict, named by its path ("person.phone"), and
// takes the value of the preferred side (theirs when preferTheirs), so
// that every office computes the same provisional body. Arrays and plain
// values are compared whole. Quiet paths (bookkeeping such as updatedAt)
// take the preferred side without a conflict. Conflict paths come sorted.
func Merge3(base, mine, theirs []byte, preferTheirs bool, quiet ...string) ([]byte, []string, error) {
	var b, m, t any
	if err := decodeBody(base, &b, true); err != nil {
		return nil, nil, err
	}
	if err := decodeBody(mine, &m, false); err != nil {
		return nil, nil, err
	}
	if err := decodeBody(theirs, &t, false); err != nil {
		return nil, nil, err
	}
	mg := merger{preferTheirs: preferTheirs, quiet: map[string]bool{}}
	for _, q := range quiet {
		mg.quiet[q] = true
	}
	v, _ := mg.merge("", b, m, t)
	out, err := json.Marshal(v)
	if err != nil {
		return nil, nil, fmt.Errorf("exchange: merge: %w", err)
	}
	sort.Strings(mg.conflicts)
	return out, mg.conflicts, nil
}

// absent stands for a field one version does not have.
type absentT struct{}

var absent any = absentT{}

func decodeBody(data []byte, v *any, optional bool) error {
	if data == nil && optional {
		*v = absent
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("exchange: merge: %w", err)
	}
	if _, ok := (*v).(map[string]any); !ok {
		return errors.New("exchange: merge: a record body is a JSON object")
	}
	return nil
}

type merger struct {
	preferTheirs bool
	quiet        map[string]bool
	conflicts    []string
}

// merge returns the merged value at path, and whether it is present.
func (mg *merger) merge(path string, base, mine, theirs any) (any, bool) {
	switch {
	case same(mine, theirs):
		return mine, mine != absent
	case same(base, mine):
		return theirs, theirs != absent
	case same(base, theirs):
		return mine, mine != absent
	}
	if ma, ok := idList(mine); ok {
		if ta, ok := idList(theirs); ok {
			if ba, ok := idList(base); ok || base == absent {
				return mg.mergeList(path, ba, ma, ta), true
			}
		}
	}
	mo, okM := mine.(map[string]any)
	to, okT := theirs.(map[string]any)
	bo, okB := base.(map[string]any)
	if okM && okT && (okB || base == absent) {
		out := map[string]any{}
		keys := map[string]bool{}
		for k := range mo {
			keys[k] = true
		}
		for k := range to {
			keys[k] = true
		}
		for k := range keys {
			bv, mv, tv := any(absent), any(absent), any(absent)
			if okB {
				if v, ok := bo[k]; ok {
					bv = v
				}
			}
			if v, ok := mo[k]; ok {
				mv = v
			}
			if v, ok := to[k]; ok {
				tv = v
			}
			if v, present := mg.merge(join(path, k), bv, mv, tv); present {
				out[k] = v
			}
		}
		return out, true
	}
	if !mg.quiet[path] {
		mg.conflicts = append(mg.conflicts, path)
	}
	if mg.preferTheirs {
		return theirs, theirs != absent
	}
	return mine, mine != absent
}

// idList reads v as a list of objects that each carry a distinct "id"
// (follow-ups): such lists merge item by item. An empty list is one too.
func idList(v any) ([]map[string]any, bool) {
	arr, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]map[string]any, 0, len(arr))
	seen := map[string]bool{}
	for _, e := range arr {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		id, ok := o["id"].(string)
		if !ok || id == "" || seen[id] || strings.ContainsAny(id, ".[]") {
			return nil, false
		}
		seen[id] = true
		out = append(out, o)
	}
	return out, true
}

// mergeList merges lists of items with ids, item by item: an item added
// on either side is kept, one removed on one side and untouched on the
// other goes, and an item changed on both sides merges field by field
// (path "list[id].field"). Items keep the base's order, then mine's new
// ones, then theirs'.
func (mg *merger) mergeList(path string, base, mine, theirs []map[string]any) []any {
	index := func(list []map[string]any) map[string]map[string]any {
		m := make(map[string]map[string]any, len(list))
		for _, o := range list {
			m[o["id"].(string)] = o
		}
		return m
	}
	b, m, t := index(base), index(mine), index(theirs)
	var order []string
	seen := map[string]bool{}
	for _, list := range [][]map[string]any{base, mine, theirs} {
		for _, o := range list {
			if id := o["id"].(string); !seen[id] {
				seen[id] = true
				order = append(order, id)
			}
		}
	}
	out := []any{}
	for _, id := range order {
		get := func(m map[string]map[string]any) any {
			if o, ok := m[id]; ok {
				return o
			}
			return absent
		}
		if v, present := mg.merge(path+"["+id+"]", get(b), get(m), get(t)); present {
			out = append(out, v)
		}
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// same compares two decoded JSON values.
func same(a, b any) bool {
	if a == absent || b == absent {
		return a == b
	}
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// Field returns the JSON value at a dotted path of a body (nil when the
// body has none there), for showing both sides of a conflict.
func Field(body []byte, path string) (json.RawMessage, error) {
	var v any
	if err := decodeBody(body, &v, false); err != nil {
		return nil, err
	}
	v, ok := lookup(v, path)
	if !ok {
		return nil, nil
	}
	return json.Marshal(v)
}

// segment splits one element of a path: "followUps[abc]" is the item
// with id abc of the list followUps; "phone" a plain key.
func segment(seg string) (key, id string) {
	if i := strings.IndexByte(seg, '['); i > 0 && strings.HasSuffix(seg, "]") {
		return seg[:i], seg[i+1 : len(seg)-1]
	}
	return seg, ""
}

// lookup walks a decoded body along a path.
func lookup(v any, path string) (any, bool) {
	for _, seg := range strings.Split(path, ".") {
		key, id := segment(seg)
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[key]; !ok {
			return nil, false
		}
		if id == "" {
			continue
		}
		found := false
		list, _ := v.([]any)
		for _, e := range list {
			if eo, ok := e.(map[string]any); ok && eo["id"] == id {
				v, found = eo, true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return v, true
}

// SetFields returns body with the value at each path taken from the body
// chosen for it (a path absent there is removed): how a supervisor's
// choices become the resolved body.
func SetFields(body []byte, from map[string][]byte) ([]byte, error) {
	var root any
	if err := decodeBody(body, &root, false); err != nil {
		return nil, err
	}
	paths := make([]string, 0, len(from))
	for p := range from {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		var src any
		if err := decodeBody(from[p], &src, false); err != nil {
			return nil, err
		}
		val, present := lookup(src, p)
		setPath(root.(map[string]any), strings.Split(p, "."), val, present)
	}
	return json.Marshal(root)
}

// setPath sets (or, when !present, removes) the value at the path given
// as segments, creating objects on the way; a list item segment finds the
// item by id, adding it at the end of its list when it is missing.
func setPath(dst map[string]any, segs []string, val any, present bool) {
	key, id := segment(segs[0])
	last := len(segs) == 1
	if id == "" {
		if last {
			if present {
				dst[key] = val
			} else {
				delete(dst, key)
			}
			return
		}
		next, ok := dst[key].(map[string]any)
		if !ok {
			if !present {
				return
			}
			next = map[string]any{}
			dst[key] = next
		}
		setPath(next, segs[1:], val, present)
		return
	}
	list, _ := dst[key].([]any)
	at := -1
	for i, e := range list {
		if eo, ok := e.(map[string]any); ok && eo["id"] == id {
			at = i
			break
		}
	}
	switch {
	case last && !present:
		if at >= 0 {
			list = append(list[:at:at], list[at+1:]...)
		}
	case last:
		if at >= 0 {
			list[at] = val
		} else {
			list = append(list, val)
		}
	default:
		if at < 0 {
			if !present {
				return
			}
			list = append(list, map[string]any{"id": id})
			at = len(list) - 1
		}
		item, ok := list[at].(map[string]any)
		if !ok {
			return
		}
		setPath(item, segs[1:], val, present)
	}
	dst[key] = list
}
