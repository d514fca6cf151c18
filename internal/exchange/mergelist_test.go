package exchange

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestMerge3Lists: lists of items with ids (follow-ups) merge item by
// item, whichever side is preferred; only an item changed on both sides
// in the same field is a conflict, named list[id].field.
func TestMerge3Lists(t *testing.T) {
	tests := []struct {
		name, base, mine, theirs, want string
		conflicts                      []string
	}{
		{"both add an item", `{"f":[{"id":"a","due":"1"}]}`,
			`{"f":[{"id":"a","due":"1"},{"id":"b","due":"2"}]}`,
			`{"f":[{"id":"a","due":"1"},{"id":"c","due":"3"}]}`,
			`{"f":[{"due":"1","id":"a"},{"due":"2","id":"b"},{"due":"3","id":"c"}]}`, nil},
		{"one edits, the other adds", `{"f":[{"id":"a","due":"1"}]}`,
			`{"f":[{"id":"a","due":"5"}]}`,
			`{"f":[{"id":"a","due":"1"},{"id":"c","due":"3"}]}`,
			`{"f":[{"due":"5","id":"a"},{"due":"3","id":"c"}]}`, nil},
		{"one removes, the other leaves it", `{"f":[{"id":"a"},{"id":"b"}]}`,
			`{"f":[{"id":"b"}]}`, `{"f":[{"id":"a"},{"id":"b"}]}`, `{"f":[{"id":"b"}]}`, nil},
		{"everything removed on one side", `{"f":[{"id":"a"}]}`, `{"f":[]}`, `{"f":[{"id":"a"},{"id":"c"}]}`,
			`{"f":[{"id":"c"}]}`, nil},
		{"both change the same field of an item", `{"f":[{"id":"a","due":"1","done":false}]}`,
			`{"f":[{"id":"a","due":"2","done":false}]}`, `{"f":[{"id":"a","due":"3","done":true}]}`,
			`{"f":[{"done":true,"due":"3","id":"a"}]}`, []string{"f[a].due"}},
		{"removed on one side, changed on the other", `{"f":[{"id":"a","due":"1"}]}`,
			`{"f":[]}`, `{"f":[{"id":"a","due":"3"}]}`, `{"f":[{"due":"3","id":"a"}]}`, []string{"f[a]"}},
		{"lists without ids stay whole", `{"f":["x"]}`, `{"f":["x","y"]}`, `{"f":["x","z"]}`, `{"f":["x","z"]}`,
			[]string{"f"}},
	}
	for _, tt := range tests {
		got, conflicts, err := Merge3([]byte(tt.base), []byte(tt.mine), []byte(tt.theirs), true)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if string(got) != tt.want || !slices.Equal(conflicts, tt.conflicts) {
			t.Errorf("%s: got %s %v, want %s %v", tt.name, got, conflicts, tt.want, tt.conflicts)
		}
	}
}

// TestListFieldsResolve: a conflict inside a list item is shown and
// resolved by its path.
func TestListFieldsResolve(t *testing.T) {
	mine := []byte(`{"f":[{"id":"a","due":"2"},{"id":"b","due":"9"}]}`)
	theirs := []byte(`{"f":[{"id":"a","due":"3"}]}`)
	merged := []byte(`{"f":[{"id":"a","due":"3"},{"id":"b","due":"9"}]}`)
	if v, _ := Field(mine, "f[a].due"); string(v) != `"2"` {
		t.Errorf("Field(f[a].due) = %s", v)
	}
	if v, _ := Field(theirs, "f[b]"); v != nil {
		t.Errorf("Field of a missing item = %s", v)
	}
	got, err := SetFields(merged, map[string][]byte{"f[a].due": mine})
	if err != nil || string(got) != `{"f":[{"due":"2","id":"a"},{"due":"9","id":"b"}]}` {
		t.Errorf("keep mine for f[a].due = %s %v", got, err)
	}
	got, err = SetFields(merged, map[string][]byte{"f[b]": theirs})
	if err != nil || string(got) != `{"f":[{"due":"3","id":"a"}]}` {
		t.Errorf("keep theirs (no item b) = %s %v", got, err)
	}
	got, err = SetFields([]byte(`{"f":[]}`), map[string][]byte{"f[b]": mine})
	var v map[string][]map[string]string
	if err != nil || json.Unmarshal(got, &v) != nil || len(v["f"]) != 1 || v["f"][0]["id"] != "b" {
		t.Errorf("keep mine (item b back) = %s %v", got, err)
	}
}
