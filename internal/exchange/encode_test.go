package exchange

import (
	"encoding/json"
	"testing"
	"time"
)

func TestAppendRevisionMatchesMarshal(t *testing.T) {
	for _, r := range []Revision{
		{ID: "a", Record: "b", Kind: "case", Office: "o", User: "u", HLC: "h", Created: time.Date(2025, 3, 10, 9, 0, 0, 123, time.UTC), Size: 12},
		{ID: "a\"<>&é\n", Record: "b", Kind: "note", Parents: []string{"p1", "p2"}, Office: "o", User: "u", HLC: "h", Tombstone: true, Resolves: "m"},
		{ID: "x", Record: "y", Kind: "attachment-data", Office: "o", User: "u", HLC: "h", Attachment: true, Created: time.Date(2025, 3, 10, 9, 0, 0, 0, time.FixedZone("x", 3600))},
	} {
		want, _ := json.Marshal(r)
		if got := appendRevision(nil, r); string(got) != string(want) {
			t.Errorf("appendRevision =\n%s\nwant\n%s", got, want)
		}
	}
}
