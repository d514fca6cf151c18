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
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, nil
		}
		if v, ok = o[k]; !ok {
			return nil, nil
		}
	}
	return json.Marshal(v)
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
		keys := strings.Split(p, ".")
		val, present := src, true
		for _, k := range keys {
			o, ok := val.(map[string]any)
			if !ok {
				present = false
				break
			}
			if val, ok = o[k]; !ok {
				present = false
				break
			}
		}
		dst := root.(map[string]any)
		for _, k := range keys[:len(keys)-1] {
			next, ok := dst[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				dst[k] = next
			}
			dst = next
		}
		last := keys[len(keys)-1]
		if present {
			dst[last] = val
		} else {
			delete(dst, last)
		}
	}
	return json.Marshal(root)
}
