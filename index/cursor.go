// Cursors: deep paging, a page's last hit sealed to the search and the
// index it came from.

package index

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
)

// A cursor names the last hit of a page by what ranks it, sealed with the
// snapshot and the request it came from, so it cannot be used with another
// query or index.
func (s *snapshot) encodeCursor(c candidate, r *Request) string {
	b := make([]byte, 0, cursorBytes)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.score))
	b = binary.BigEndian.AppendUint32(b, c.day)
	b = binary.BigEndian.AppendUint32(b, c.doc)
	b = binary.BigEndian.AppendUint32(b, c.asked)
	b = binary.BigEndian.AppendUint32(b, c.tier)
	b = binary.BigEndian.AppendUint64(b, s.cursorSeal(r))
	return base64.RawURLEncoding.EncodeToString(b)
}

// cursorBytes is the length of a cursor, maxCursorLen that of its text.
const (
	cursorBytes  = 32
	maxCursorLen = (cursorBytes*8 + 5) / 6
)

func (s *snapshot) decodeCursor(text string, r *Request) (candidate, error) {
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(b) != cursorBytes {
		return candidate{}, badRequest("cursor %q is not one this server gave", text)
	}
	if binary.BigEndian.Uint64(b[24:]) != s.cursorSeal(r) {
		return candidate{}, badRequest("the cursor belongs to another search or another version of the index; start again from the first page")
	}
	return candidate{
		score: math.Float64frombits(binary.BigEndian.Uint64(b)),
		day:   binary.BigEndian.Uint32(b[8:]),
		doc:   binary.BigEndian.Uint32(b[12:]),
		asked: binary.BigEndian.Uint32(b[16:]),
		tier:  binary.BigEndian.Uint32(b[20:]),
	}, nil
}

// cursorSeal hashes what a cursor must be used with: the index's content
// (any process serving the same version accepts it: replicas behind a load
// balancer, searchd after a restart) and every part of the request that
// selects or orders hits. A writable index's cursors are sealed to the
// snapshot itself.
func (s *snapshot) cursorSeal(r *Request) uint64 {
	h := fnv.New64a()
	if s.identity != "" {
		fmt.Fprintf(h, "%s|", s.identity)
	} else {
		fmt.Fprintf(h, "%p|", s)
	}
	fmt.Fprintf(h, "%d|%q|%q|%q|%d%s", s.cols.n, r.Query, r.Type, r.Sort, r.Size, describeSource(r.DifficultySource))
	if r.Collapse != "" {
		// A collapsed page's cursor names a group's best; the seal of an
		// uncollapsed search is as it was.
		fmt.Fprintf(h, "|collapse=%q", r.Collapse)
	}
	if r.Cluster != "" {
		// One cluster's search is another search than another's.
		fmt.Fprintf(h, "|cluster=%q", r.Cluster)
	}
	if r.DateFrom != "" || r.DateTo != "" {
		// As Normalize wrote them: date_from=2023 and 2023-01-01 are one.
		fmt.Fprintf(h, "|dates=%q..%q", r.DateFrom, r.DateTo)
	}
	fields := make([]string, 0, len(r.Filters))
	for f := range r.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		vs := append([]string(nil), r.Filters[f]...)
		sort.Strings(vs)
		fmt.Fprintf(h, "|%s=%q", f, vs)
	}
	return h.Sum64()
}
