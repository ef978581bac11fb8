package catalog

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
)

// A phrase is a compiled name or unless phrase: the stem numbers of its
// parts (one part unless its entry is ordered), sorted within each part,
// its number of stems and the widest window, in words, its stems may be
// spread over.
type phrase struct {
	parts  [][]int32
	n      int
	window int
}

// A name is a phrase of an entry.
type name struct {
	entry int32
	phrase
}

// An occ is an occurrence of a known stem at a position of a text.
type occ struct{ id, pos int32 }

// A text is a list of words prepared for matching.
type text struct {
	toks []token // stop words dropped; a position is an index here
	occ  []occ   // the stems the catalogue knows, sorted by id then pos

	// Scratch space of find, kept between its calls.
	lists  [][]occ
	ends   []int32
	chosen []int32
}

// A match is one occurrence of an entry: the positions of the stems of
// the names that matched there, sorted.
type match struct {
	entry int32
	pos   []int32
	// first and last are the input words the match spans.
	first, last int32
}

// MatchWords returns the mentions of entries in words, ordered by their
// first word, then their last, then ID. Each word is a word as typed and
// may hold punctuation ("sub-array", "k?").
func (c *Catalog) MatchWords(words []string) []Span {
	t := c.prepare(words)
	ms := c.match(t)
	var spans []Span
	for _, m := range ms {
		spans = append(spans, Span{ID: c.entries[m.entry].ID, First: int(m.first), Last: int(m.last)})
	}
	slices.SortFunc(spans, func(a, b Span) int {
		return cmp.Or(cmp.Compare(a.First, b.First), cmp.Compare(a.Last, b.Last), cmp.Compare(a.ID, b.ID))
	})
	return spans
}

// Tags returns the IDs of the entries text mentions and of their topics
// (and the topics' topics), sorted, each once. A line break ends a
// sentence, as "." or "?" does.
func (c *Catalog) Tags(s string) []string {
	ms := c.match(c.prepare(lineFields(s)))
	if len(ms) == 0 {
		return nil
	}
	var ids []int32
	for _, m := range ms {
		ids = append(ids, m.entry)
		ids = append(ids, c.closure[m.entry]...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	tags := make([]string, len(ids))
	for i, id := range ids {
		tags[i] = c.entries[id].ID
	}
	slices.Sort(tags)
	return tags
}

// lineFields splits s into words, and ends the last word of each line
// with ";" so that it ends a sentence.
func lineFields(s string) []string {
	var words []string
	for line := range strings.Lines(s) {
		n := len(words)
		words = append(words, strings.Fields(line)...)
		if len(words) > n && strings.HasSuffix(line, "\n") {
			words[len(words)-1] += ";"
		}
	}
	return words
}

// prepare normalises words and finds the stems the catalogue knows.
func (c *Catalog) prepare(words []string) *text {
	all := tokenize(words)
	t := &text{toks: all[:0]}
	seg := int32(0)
	for _, tok := range all {
		if !tok.stop {
			tok.seg = seg
			t.toks = append(t.toks, tok)
		}
		if tok.end {
			seg++
		}
	}
	for i, tok := range t.toks {
		if id, ok := c.vocab[tok.stem]; ok {
			t.occ = append(t.occ, occ{id, int32(i)})
		}
	}
	slices.SortFunc(t.occ, func(a, b occ) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.pos, b.pos))
	})
	return t
}

// match finds every name in t, drops the entries an unless phrase rules
// out, and keeps the most specific of overlapping matches.
func (c *Catalog) match(t *text) []match {
	var ms []match
	var ruledOut []entryVerdict
	for i := 0; i < len(t.occ); {
		id := t.occ[i].id
		for ; i < len(t.occ) && t.occ[i].id == id; i++ {
		}
		for _, ni := range c.byRarest[id] {
			n := &c.names[ni]
			wins := t.find(&n.phrase, false)
			if len(wins) == 0 {
				continue
			}
			vi := slices.IndexFunc(ruledOut, func(v entryVerdict) bool { return v.entry == n.entry })
			if vi < 0 {
				ruledOut = append(ruledOut, entryVerdict{n.entry, c.ruledOut(t, n.entry)})
				vi = len(ruledOut) - 1
			}
			if ruledOut[vi].out {
				continue
			}
			for _, w := range wins {
				ms = append(ms, match{entry: n.entry, pos: w})
			}
		}
	}
	return c.mostSpecific(t, ms)
}

// An entryVerdict remembers whether an unless phrase ruled an entry out
// of a text.
type entryVerdict struct {
	entry int32
	out   bool
}

// ruledOut reports whether one of the entry's unless phrases is in t.
func (c *Catalog) ruledOut(t *text, entry int32) bool {
	for i := range c.unless[entry] {
		if len(t.find(&c.unless[entry][i], true)) > 0 {
			return true
		}
	}
	return false
}

// mostSpecific first merges the overlapping matches of each entry into
// one, whose positions are all the words its names matched there, so an
// entry with several names that each cover part of a phrase beats a less
// specific entry that covers another part: "level order traversal in
// spiral form of a binary tree" is the zigzag traversal, not also the
// plain level order one.
//
// Then, from the matches of most words down, each word goes to the match
// of more words. A match that shares a word with one of more words and
// lies within its span is dropped: "binary tree" inside "lowest common
// ancestor in a binary tree", "binary tree" and "tree" inside "BST". One
// that shares a word but reaches outside it stays only if its names still
// match without the words of the bigger matches: in "given a string, find
// its longest palindromic subsequence" the "palindrome string" of the
// valid palindrome has lost its "palindromic", in "LCA in a BST, then the
// left view" the left view keeps "left view" and gives the BST back its
// "tree". Matches that share no word are kept ("normal forms" inside
// "DBMS: normal forms and indexing"), and so are matches of as many words.
func (c *Catalog) mostSpecific(t *text, ms []match) []match {
	slices.SortFunc(ms, func(a, b match) int {
		return cmp.Or(cmp.Compare(a.entry, b.entry), cmp.Compare(a.pos[0], b.pos[0]))
	})
	merged := ms[:0]
	for _, m := range ms {
		if n := len(merged); n > 0 && merged[n-1].entry == m.entry && overlap(merged[n-1].pos, m.pos) {
			merged[n-1].pos = union(merged[n-1].pos, m.pos)
			continue
		}
		merged = append(merged, m)
	}
	for i := range merged {
		t.setSpan(&merged[i])
	}
	slices.SortStableFunc(merged, func(a, b match) int { return cmp.Compare(len(b.pos), len(a.pos)) })
	kept := make([]match, 0, len(merged))
next:
	for _, m := range merged {
		leans := false
		for _, k := range kept {
			if len(k.pos) <= len(m.pos) || !meet(k.pos, m.pos) {
				continue
			}
			if k.first <= m.first && m.last <= k.last {
				continue next
			}
			leans = true
		}
		if leans {
			var ok bool
			if m, ok = c.rematch(t, m, kept); !ok {
				continue
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// rematch finds the names of m's entry again where m was, without the
// words of the kept matches of more words than m.
func (c *Catalog) rematch(t *text, m match, kept []match) (match, bool) {
	var taken []int32
	for _, k := range kept {
		if len(k.pos) > len(m.pos) {
			taken = append(taken, k.pos...)
		}
	}
	slices.Sort(taken)
	saved := t.occ
	defer func() { t.occ = saved }()
	t.occ = make([]occ, 0, len(saved))
	for _, o := range saved {
		if _, found := slices.BinarySearch(taken, o.pos); !found {
			t.occ = append(t.occ, o)
		}
	}
	var pos []int32
	for _, ni := range c.byEntry[m.entry] {
		for _, w := range t.find(&c.names[ni].phrase, false) {
			if overlap(w, m.pos) {
				pos = union(pos, w)
			}
		}
	}
	if len(pos) == 0 {
		return m, false
	}
	m.pos = pos
	t.setSpan(&m)
	return m, true
}

// setSpan sets the input words a match spans from its positions.
func (t *text) setSpan(m *match) {
	m.first, m.last = t.toks[m.pos[0]].first, t.toks[m.pos[0]].last
	for _, p := range m.pos {
		m.first = min(m.first, t.toks[p].first)
		m.last = max(m.last, t.toks[p].last)
	}
}

// meet reports whether two sorted position lists share a position.
func meet(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// union returns the sorted union of two sorted position lists.
func union(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// overlap reports whether the ranges of two sorted position lists meet.
func overlap(a, b []int32) bool {
	return a[0] <= b[len(b)-1] && b[0] <= a[len(a)-1]
}

// positions returns the occurrences of a stem in t.
func (t *text) positions(id int32) []occ {
	lo := sort.Search(len(t.occ), func(i int) bool { return t.occ[i].id >= id })
	hi := lo
	for hi < len(t.occ) && t.occ[hi].id == id {
		hi++
	}
	return t.occ[lo:hi]
}

// find returns the windows of t where the phrase occurs, each as the
// sorted positions of its stems; with first, at most one. For each
// position its last part can end at, it takes the latest occurrence of
// each stem of the last part before it, then of each stem of the part
// before before those, and so on: the tightest window ending there that
// keeps the parts in order. Overlapping windows leave the tightest.
func (t *text) find(ph *phrase, first bool) [][]int32 {
	// Most names a text visits lack one of their stems: find out before
	// doing anything else.
	lists := t.lists[:0]
	for _, p := range ph.parts {
		for _, s := range p {
			l := t.positions(s)
			if len(l) == 0 {
				return nil
			}
			lists = append(lists, l)
		}
	}
	t.lists = lists
	lastPart := ph.parts[len(ph.parts)-1]
	ends := t.ends[:0]
	for _, l := range lists[len(lists)-len(lastPart):] {
		for _, o := range l {
			ends = append(ends, o.pos)
		}
	}
	slices.Sort(ends)
	ends = slices.Compact(ends)
	t.ends = ends
	chosen := slices.Grow(t.chosen[:0], len(lists))[:len(lists)]
	t.chosen = chosen

	var wins [][]int32
	for _, r := range ends {
		bound, ok := r+1, true
		li := len(lists)
		for k := len(ph.parts) - 1; k >= 0 && ok; k-- {
			li -= len(ph.parts[k])
			partMin := int32(math.MaxInt32)
			part := ph.parts[k]
			for j := range part {
				l := lists[li+j]
				// A stem the part has d times before this one takes the
				// occurrence d before the last.
				d := 0
				for j-d-1 >= 0 && part[j-d-1] == part[j] {
					d++
				}
				x := lastBefore(l, bound) - d
				if x < 0 {
					ok = false
					break
				}
				chosen[li+j] = l[x].pos
				partMin = min(partMin, l[x].pos)
			}
			bound = partMin
		}
		if !ok || int(r-bound)+1 > ph.window || t.toks[bound].seg != t.toks[r].seg {
			continue
		}
		w := slices.Clone(chosen)
		slices.Sort(w)
		w = slices.Compact(w)
		if first {
			return [][]int32{w}
		}
		if n := len(wins); n > 0 {
			prev := wins[n-1]
			if w[0] <= prev[len(prev)-1] {
				// Overlapping windows: keep the one that spans fewer
				// input words ("3sum and then two-sum": "two sum" is the
				// last word, not "sum and then two"), then fewer tokens.
				if cmp.Or(cmp.Compare(t.wordSpan(w), t.wordSpan(prev)), cmp.Compare(w[len(w)-1]-w[0], prev[len(prev)-1]-prev[0])) < 0 {
					wins[n-1] = w
				}
				continue
			}
		}
		wins = append(wins, w)
	}
	return wins
}

// wordSpan is the number of input words the sorted positions span.
func (t *text) wordSpan(pos []int32) int32 {
	return t.toks[pos[len(pos)-1]].last - t.toks[pos[0]].first
}

// lastBefore returns the index of the last occurrence in l before the
// position bound, or -1. Lists are short: a linear scan beats a search.
func lastBefore(l []occ, bound int32) int {
	x := -1
	for i := range l {
		if l[i].pos >= bound {
			break
		}
		x = i
	}
	return x
}
