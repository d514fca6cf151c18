package casework

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/amparo-app/amparo/internal/domain"
	"github.com/amparo-app/amparo/internal/store"
	"github.com/amparo-app/amparo/internal/vault"
	"github.com/google/uuid"
)

// hlc is a hybrid logical clock: wall milliseconds, a counter for events in
// the same millisecond (or while the wall clock stands still or goes back),
// and the office id, printed at fixed width so stamps sort as text.
// An import observes the stamps it brings, so what is written here after
// it sorts after what it brought.
type hlc struct {
	mu      sync.Mutex
	wall    int64
	counter int64
}

// next returns a stamp later than every one this clock gave before.
func (c *hlc) next(now time.Time, officeID string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ms := now.UnixMilli(); ms > c.wall {
		c.wall, c.counter = ms, 0
	} else {
		c.counter++
	}
	return fmt.Sprintf("%015d-%06d-%s", c.wall, c.counter, officeID)
}

// observe moves the clock to at least a stamp received from another
// office (a malformed stamp is ignored).
func (c *hlc) observe(stamp string) {
	wall, counter, _, ok := parseHLC(stamp)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if wall > c.wall || wall == c.wall && counter > c.counter {
		c.wall, c.counter = wall, counter
	}
}

// parseHLC reads a stamp made by next.
func parseHLC(stamp string) (wall, counter int64, office string, ok bool) {
	w, rest, ok1 := strings.Cut(stamp, "-")
	cnt, office, ok2 := strings.Cut(rest, "-")
	if !ok1 || !ok2 || len(w) != 15 || len(cnt) != 6 {
		return 0, 0, "", false
	}
	var err1, err2 error
	wall, err1 = strconv.ParseInt(w, 10, 64)
	counter, err2 = strconv.ParseInt(cnt, 10, 64)
	return wall, counter, office, err1 == nil && err2 == nil
}

// revisionAD binds a revision's sealed body to its kind, record and revision.
func revisionAD(r store.Revision) vault.AD {
	return vault.AD{Kind: r.Kind, Record: r.RecordID, Revision: r.ID}
}

// saveRevision seals body as a new revision of the record (a new record
// when recordID is "") and stores it with its plain columns and the audit
// entries, in one transaction. The body (JSON of the record) is sealed
// before it leaves this function; the caller may clear it afterwards.
func (ss *Session) saveRevision(ctx context.Context, kind, recordID string, parents []string, body []byte,
	cols store.RecordColumns, entries ...domain.AuditEntry) (store.Revision, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return store.Revision{}, err
	}
	if recordID == "" {
		recordID = uuid.NewString()
	}
	now := ss.s.now()
	rev := store.Revision{
		ID: uuid.NewString(), RecordID: recordID, Kind: kind, Parents: parents,
		OfficeID: ss.office.ID, UserID: ss.user.ID, HLC: ss.s.hlc.next(now, ss.office.ID), CreatedAt: now,
	}
	sealed, err := ss.key.Seal(revisionAD(rev), body)
	if err != nil {
		return store.Revision{}, errorf("save "+kind, err)
	}
	rev.Body = sealed
	err = ss.s.db.Update(ctx, "save "+kind, func(tx *store.Tx) error {
		if err := tx.PutRevision(ctx, rev, cols); err != nil {
			return err
		}
		return appendAll(ctx, tx, entries...)
	})
	return rev, err
}

// openHeads opens the head body of every live record of kind, by record id:
// what building the search index costs after unlock. A body that does not
// open (altered, or moved from another record) fails the whole call with an
// error naming its record.
func (ss *Session) openHeads(ctx context.Context, kind string) (map[string][]byte, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if err := ss.ready(""); err != nil {
		return nil, err
	}
	revs, err := ss.s.db.HeadBodies(ctx, kind)
	if err != nil {
		return nil, err
	}
	bodies := make(map[string][]byte, len(revs))
	for _, r := range revs {
		plain, err := ss.key.Open(revisionAD(r), r.Body)
		if err != nil {
			for _, b := range bodies {
				clear(b)
			}
			return nil, errorf(fmt.Sprintf("open %s %s", r.Kind, r.RecordID), err)
		}
		bodies[r.RecordID] = plain
	}
	return bodies, nil
}
