package catalog

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// spans finds each stem's run of occ (indexOccs): a hash table of
	// len(spans) slots, a power of two.
	spans []occSpan

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
//
// It is strings.Fields line by line, in one pass over s without a slice
// for each line: those were a tenth of tagging.
func lineFields(s string) []string {
	words := make([]string, 0, len(s)/6)
	lineStart := 0 // index in words of the line's first word
	start := -1    // start of the word being read, or -1
	for i := 0; i < len(s); {
		c := s[i]
		size, space := 1, false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space && start >= 0 {
			words = append(words, s[start:i])
			start = -1
		} else if !space && start < 0 {
			start = i
		}
		if c == '\n' {
			if len(words) > lineStart {
				words[len(words)-1] += ";"
			}
			lineStart = len(words)
		}
		i += size
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// asciiSpace has the ASCII bytes strings.Fields splits on.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// prepare normalises words and finds the stems the catalogue knows.
func (c *Catalog) prepare(words []string) *text {
	all := tokenize(words)
	fuseSequels(all, c.vocab)
	data := exampleData(all)
	t := &text{toks: all[:0]}
	seg, links := int32(0), int32(0)
	for i, tok := range all {
		if !tok.stop && !data[i] {
			tok.seg, tok.links = seg, links
			t.toks = append(t.toks, tok)
		} else if orderWords[tok.raw] {
			links++
		}
		if tok.end {
			seg++
		}
	}
	slot, hasSlot := c.vocab[slotWord]
	for i, tok := range t.toks {
		if id, ok := c.vocab[tok.stem]; ok {
			t.occ = append(t.occ, occ{id, int32(i)})
		}
		if hasSlot && fillsSlot(tok.raw) && !inNumberRun(t.toks, i) {
			t.occ = append(t.occ, occ{slot, int32(i)})
		}
	}
	sortOccs(t.occ)
	t.indexOccs()
	return t
}

// sortOccs sorts occurrences by id, then position, as one key each: the
// comparison function of slices.SortFunc cost a twentieth of tagging.
func sortOccs(occs []occ) {
	keys := make([]uint64, len(occs))
	for i, o := range occs {
		keys[i] = uint64(uint32(o.id))<<32 | uint64(uint32(o.pos))
	}
	slices.Sort(keys)
	for i, k := range keys {
		occs[i] = occ{int32(k >> 32), int32(uint32(k))}
	}
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

// exampleData marks the numbers of runs of three or more ("6 7 8 1 2",
// "{1,2,3,4,5}"): a question's example input, which says nothing of the
// problem and would spread its words beyond a name's window ("a sorted
// but rotated array like 6 7 8 1 2 3 4 5: search an element").
func exampleData(toks []token) []bool {
	drop := make([]bool, len(toks))
	isNum := func(t token) bool { return t.raw != "" && strings.Trim(t.raw, "0123456789") == "" }
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && isNum(toks[j]) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				drop[k] = true
			}
		}
		i = max(j, i+1)
	}
	return drop
}

// RuledOut reports whether s holds one of the unless phrases of the entry
// id: the text is not about it, though part of it names it ("task
// scheduling" whose modules depend on each other is an ordering problem,
// not the scheduler with cooldowns). For a name found in one part of a
// question (its title) checked against the whole.
func (c *Catalog) RuledOut(id, s string) bool {
	i, ok := c.byID[id]
	if !ok || len(c.unless[i]) == 0 {
		return false // most entries have no unless phrase: s need not be read
	}
	return c.ruledOut(c.prepare(lineFields(s)), int32(i))
}

// RuledOut is Default().RuledOut.
func RuledOut(id, s string) bool { return std().RuledOut(id, s) }
