// The matchers of a query's composite nodes: disjunctions, conjunctions
// and booleans (postings.go has the leaves and how a matcher is built).

package index

// disjMatcher matches what any child matches; its score is the sum of the
// matching children's, times the share of children that match (bleve's
// DisjunctionQueryScorer).
type disjMatcher struct {
	kids    []matcher
	started bool
	doc     uint32
}

func (m *disjMatcher) current() uint32 { return m.doc }

func (m *disjMatcher) advance(d uint32) uint32 {
	if m.started && m.doc >= d {
		return m.doc
	}
	m.started = true
	low := noDoc
	for _, k := range m.kids {
		low = min(low, k.advance(d))
	}
	m.doc = low
	return low
}

func (m *disjMatcher) matchAt(d uint32) bool {
	found := false
	for _, k := range m.kids { // each is asked: score reads which match
		if k.matchAt(d) {
			found = true
		}
	}
	m.started, m.doc = found, d
	if !found {
		m.doc = noDoc
	}
	return found
}

func (m *disjMatcher) score() float64 {
	var sum float64
	n := 0
	for _, k := range m.kids {
		if k.current() == m.doc {
			sum += k.score()
			n++
		}
	}
	coord := float64(n) / float64(len(m.kids))
	return sum * coord
}

func (m *disjMatcher) count() (n uint64) {
	for _, k := range m.kids {
		n += k.count()
	}
	return n
}

func (m *disjMatcher) weight() (w float64) {
	for _, k := range m.kids {
		w += k.weight()
	}
	return w
}

func (m *disjMatcher) setNorm(norm float64) {
	for _, k := range m.kids {
		k.setNorm(norm)
	}
}

// conjMatcher matches what every child matches; its score is the sum of
// theirs.
type conjMatcher struct {
	kids    []matcher
	started bool
	doc     uint32
}

func (m *conjMatcher) current() uint32 { return m.doc }

func (m *conjMatcher) advance(d uint32) uint32 {
	if m.started && m.doc >= d {
		return m.doc
	}
	m.started = true
	for {
		agreed := true
		for _, k := range m.kids {
			got := k.advance(d)
			if got == noDoc {
				m.doc = noDoc
				return noDoc
			}
			if got > d {
				d, agreed = got, false
				break
			}
		}
		if agreed {
			m.doc = d
			return d
		}
	}
}

func (m *conjMatcher) matchAt(d uint32) bool {
	for _, k := range m.kids {
		if !k.matchAt(d) {
			m.started, m.doc = false, noDoc
			return false
		}
	}
	m.started, m.doc = true, d
	return true
}

func (m *conjMatcher) score() float64 {
	var sum float64
	for _, k := range m.kids {
		sum += k.score()
	}
	return sum
}

func (m *conjMatcher) count() (n uint64) {
	for _, k := range m.kids {
		n += k.count()
	}
	return n
}

func (m *conjMatcher) weight() (w float64) {
	for _, k := range m.kids {
		w += k.weight()
	}
	return w
}

func (m *conjMatcher) setNorm(norm float64) {
	for _, k := range m.kids {
		k.setNorm(norm)
	}
}

// boolMatcher matches what must matches (or, without must, should) and
// not does not; should only adds to the score (bleve's BooleanSearcher
// with a should of minimum 0).
type boolMatcher struct {
	must, should, not matcher // must or should is set
	started           bool
	doc               uint32
}

func (m *boolMatcher) current() uint32 { return m.doc }

func (m *boolMatcher) advance(d uint32) uint32 {
	if m.started && m.doc >= d {
		return m.doc
	}
	m.started = true
	lead := m.must
	if lead == nil {
		lead = m.should
	}
	for {
		got := lead.advance(d)
		if got == noDoc || m.not == nil || !m.not.matchAt(got) {
			m.doc = got
			return got
		}
		d = got + 1
	}
}

func (m *boolMatcher) matchAt(d uint32) bool {
	lead := m.must
	if lead == nil {
		lead = m.should
	}
	if !lead.matchAt(d) || (m.not != nil && m.not.matchAt(d)) {
		m.started, m.doc = false, noDoc
		return false
	}
	m.started, m.doc = true, d
	return true
}

func (m *boolMatcher) score() float64 {
	var sum float64
	if m.must != nil {
		sum += m.must.score()
	}
	switch {
	case m.must == nil: // should leads: it is at the match
		sum += m.should.score()
	case m.should != nil && m.should.matchAt(m.doc):
		sum += m.should.score()
	}
	return sum
}

func (m *boolMatcher) count() (n uint64) {
	if m.must != nil {
		n += m.must.count()
	}
	if m.should != nil {
		n += m.should.count()
	}
	return n
}

func (m *boolMatcher) weight() (w float64) {
	if m.must != nil {
		w += m.must.weight()
	}
	if m.should != nil {
		w += m.should.weight()
	}
	return w
}

func (m *boolMatcher) setNorm(norm float64) {
	if m.must != nil {
		m.must.setNorm(norm)
	}
	if m.should != nil {
		m.should.setNorm(norm)
	}
}
