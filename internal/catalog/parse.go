package catalog

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// A block is one entry as read, with the lines things were said on, for
// the errors found after the whole file is read.
type block struct {
	entry      *Entry
	line       int
	topicsLine int
	nameLines  []int
	unlessLine int
	sameLine   int
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads a catalogue in the format of catalog.txt (see the package
// documentation) and indexes its names. It reports every error it finds,
// each with its line number.
func Parse(r io.Reader) (*Catalog, error) {
	blocks, errs := readBlocks(r)
	c, moreErrs := build(blocks)
	errs = append(errs, moreErrs...)
	if len(errs) > 0 {
		return nil, fmt.Errorf("parse catalogue: %w", errors.Join(errs...))
	}
	return c, nil
}

// readBlocks splits the file into blocks and checks each line on its own.
func readBlocks(r io.Reader) ([]*block, []error) {
	var (
		blocks []*block
		errs   []error
		cur    *block
		seen   map[string]bool // keys said in cur
	)
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...)))
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			cur = nil
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		key, value := splitKey(line)
		if key == KindProblem || key == KindTopic {
			if cur != nil {
				fail(n, "%s %q inside the block of %q (line %d): separate blocks by a blank line", key, value, cur.entry.ID, cur.line)
			}
			if !idPattern.MatchString(value) {
				fail(n, "bad id %q: want lower-case letters and digits separated by single dashes", value)
			}
			cur = &block{entry: &Entry{ID: value, Kind: key}, line: n}
			seen = map[string]bool{}
			blocks = append(blocks, cur)
			continue
		}
		if cur == nil {
			fail(n, "%q outside a block: a block starts with \"problem ID\" or \"topic ID\"", line)
			continue
		}
		if key != "=" && key != "ordered" && value == "" {
			fail(n, "%s of %q has no value", key, cur.entry.ID)
			continue
		}
		if key != "=" && seen[key] {
			fail(n, "second %s line in the block of %q", key, cur.entry.ID)
			continue
		}
		seen[key] = true
		e := cur.entry
		switch key {
		case "=":
			if value == "" {
				fail(n, "empty name in the block of %q", e.ID)
				continue
			}
			if len(e.Names) == 0 {
				e.Title = value
			}
			e.Names = append(e.Names, value)
			cur.nameLines = append(cur.nameLines, n)
		case "topics":
			e.Topics = strings.Fields(value)
			cur.topicsLine = n
		case "unless":
			for _, u := range strings.Split(value, ",") {
				if u = strings.TrimSpace(u); u != "" {
					e.Unless = append(e.Unless, u)
				}
			}
			cur.unlessLine = n
		case "same":
			e.Same = strings.Fields(value)
			cur.sameLine = n
		case "leetcode":
			e.LeetCode = value
		case "difficulty":
			switch value {
			case "Easy", "Medium", "Hard":
				if e.Kind != KindProblem {
					fail(n, "difficulty of topic %q: only a problem has one", e.ID)
				}
				e.Difficulty = value
			default:
				fail(n, "difficulty %q of %q: want Easy, Medium or Hard", value, e.ID)
			}
		case "ordered":
			if value != "" {
				fail(n, "ordered takes no value, got %q", value)
			}
			e.Ordered = true
		default:
			fail(n, "unknown key %q in the block of %q: want topics, unless, same, leetcode, difficulty, ordered or \"= name\"", key, e.ID)
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("line %d: read: %w", n+1, err))
	}
	return blocks, errs
}

// splitKey splits a line into its key and value: "= name" has the key
// "=", "topics array stack" the key "topics".
func splitKey(line string) (key, value string) {
	if rest, ok := strings.CutPrefix(line, "="); ok {
		return "=", strings.TrimSpace(rest)
	}
	key, value, _ = strings.Cut(line, " ")
	return key, strings.TrimSpace(value)
}

// build checks what needs the whole file (ids, topics, names shared by two
// entries) and indexes the names.
func build(blocks []*block) (*Catalog, []error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...)))
	}
	c := &Catalog{byID: map[string]int{}, vocab: map[string]int32{}}
	lineOf := map[string]int{}
	for _, b := range blocks {
		id := b.entry.ID
		if first, dup := lineOf[id]; dup {
			fail(b.line, "duplicate id %q (first at line %d)", id, first)
			continue
		}
		lineOf[id] = b.line
		c.byID[id] = len(c.entries)
		c.entries = append(c.entries, b.entry)
	}
	for _, b := range blocks {
		e := b.entry
		if len(e.Names) == 0 {
			fail(b.line, "%s %q has no names: want at least one \"= name\" line", e.Kind, e.ID)
		}
		for _, t := range e.Topics {
			i, ok := c.byID[t]
			switch {
			case !ok:
				fail(b.topicsLine, "%q has topic %q, which is not in the catalogue", e.ID, t)
			case c.entries[i].Kind != KindTopic:
				fail(b.topicsLine, "%q has topic %q, which is a %s, not a topic", e.ID, t, c.entries[i].Kind)
			case t == e.ID:
				fail(b.topicsLine, "%q is its own topic", e.ID)
			}
		}
	}
	c.question = sameQuestions(c, blocks, fail)
	if len(errs) > 0 {
		return nil, errs
	}

	// Names, each a phrase of stems; a name two entries share would make
	// the two always match together, so it is an error.
	type owner struct {
		entry string
		line  int
	}
	ownerOf := map[string]owner{}
	type pending struct {
		entry int
		parts [][]string
	}
	var names []pending
	pendingUnless := make([][][][]string, len(c.entries))
	for _, b := range blocks {
		e := b.entry
		ei := c.byID[e.ID]
		for j, nm := range e.Names {
			parts := phraseParts(nm, e.Ordered)
			if parts == nil {
				fail(b.nameLines[j], "name %q of %q has only stop words", nm, e.ID)
				continue
			}
			key := partsKey(parts)
			if o, dup := ownerOf[key]; dup {
				if o.entry != e.ID {
					fail(b.nameLines[j], "name %q of %q matches the same texts as a name of %q (line %d)", nm, e.ID, o.entry, o.line)
				}
				continue // the same name twice in one entry: harmless
			}
			ownerOf[key] = owner{e.ID, b.nameLines[j]}
			names = append(names, pending{ei, parts})
		}
		for _, u := range e.Unless {
			parts := phraseParts(u, false)
			if parts == nil {
				fail(b.unlessLine, "unless %q of %q has only stop words", u, e.ID)
				continue
			}
			pendingUnless[ei] = append(pendingUnless[ei], parts)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, p := range names {
		c.names = append(c.names, name{entry: int32(p.entry), phrase: c.compile(p.parts)})
	}
	c.unless = make([][]phrase, len(c.entries))
	for i, us := range pendingUnless {
		for _, parts := range us {
			c.unless[i] = append(c.unless[i], c.compile(parts))
		}
	}
	c.index()
	c.closure = make([][]int32, len(c.entries))
	for i := range c.entries {
		c.closure[i] = c.topicClosure(i)
	}
	return c, nil
}

// phraseParts normalises a name into its parts, each the sorted stems of
// its words, or nil when no word is left. Only an ordered name has more
// than one part. A stem may repeat: "binary tree is a binary search tree"
// needs two "binary" and two "tree".
func phraseParts(text string, ordered bool) [][]string {
	var parts [][]string
	var cur []string
	end := func() {
		if len(cur) > 0 {
			slices.Sort(cur)
			parts = append(parts, cur)
			cur = nil
		}
	}
	fields := strings.Fields(text)
	for i, f := range fields {
		if f == numberSlot {
			fields[i] = slotWord
		}
	}
	toks := tokenize(fields)
	fuseSequels(toks, nil)
	for _, t := range toks {
		if ordered && t.stop && orderWords[t.raw] {
			end()
			continue
		}
		switch {
		case t.raw == slotWord:
			cur = append(cur, slotWord)
		case !t.stop:
			cur = append(cur, t.stem)
		}
	}
	end()
	return parts
}

// numberSlot, a word of a name, stands for the parameter of a problem as a
// post gives it: k or a number from 3 up ("= reverse every #k nodes"
// is "reverse every 3 nodes" too). Not 1 and 2: "reverse every 2 nodes" and
// "merge 2 sorted lists" are problems of their own. slotWord stands for it
// through tokenizing (letters only, so it stays one word) and is the stem
// names hold in its place: no text has it.
const (
	numberSlot = "#k"
	slotWord   = "zqslotzq"
)

// inNumberRun reports whether toks[i] has a number beside it: "6 7 8 1 2"
// and "{1,2,3,4,5}" are example data, not a problem's parameter.
func inNumberRun(toks []token, i int) bool {
	isNum := func(j int) bool {
		if j < 0 || j >= len(toks) {
			return false
		}
		r := toks[j].raw
		return r != "" && strings.Trim(r, "0123456789") == ""
	}
	return isNum(i-1) || isNum(i+1)
}

// fillsSlot reports whether a text's word (raw, after variants) may stand
// where a name has numberSlot.
func fillsSlot(raw string) bool {
	if raw == "k" {
		return true
	}
	// Not "n": "of size n" is the size of the input in most posts, not the
	// problem's parameter.
	if raw == "" || len(raw) > 3 {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if !isDigitByte(raw[i]) {
			return false
		}
	}
	return raw != "0" && raw != "1" && raw != "2" && raw[0] != '0'
}

// partsKey is the same for two names that match the same texts.
func partsKey(parts [][]string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" > ")
		}
		b.WriteString(strings.Join(p, " "))
	}
	return b.String()
}

// compile numbers the stems of a phrase and sets its window.
func (c *Catalog) compile(parts [][]string) phrase {
	var ph phrase
	for _, p := range parts {
		ids := make([]int32, len(p))
		for i, s := range p {
			id, ok := c.vocab[s]
			if !ok {
				id = int32(len(c.vocab))
				c.vocab[s] = id
			}
			ids[i] = id
		}
		ph.n += len(ids)
		ph.parts = append(ph.parts, ids)
	}
	ph.window = max(2*ph.n, ph.n+4)
	return ph
}

// index keys each name by its rarest stem, the one fewest names have, so
// a text visits only the few names that can match it.
func (c *Catalog) index() {
	count := make([]int, len(c.vocab))
	for _, n := range c.names {
		for _, p := range n.parts {
			for _, s := range p {
				count[s]++
			}
		}
	}
	c.byRarest = make([][]int32, len(c.vocab))
	c.byEntry = make([][]int32, len(c.entries))
	for i, n := range c.names {
		c.byEntry[n.entry] = append(c.byEntry[n.entry], int32(i))
		best := n.parts[0][0]
		for _, p := range n.parts {
			for _, s := range p {
				if count[s] < count[best] {
					best = s
				}
			}
		}
		c.byRarest[best] = append(c.byRarest[best], int32(i))
	}
}

// topicClosure returns the topics of entry i, their topics and so on.
func (c *Catalog) topicClosure(i int) []int32 {
	var out []int32
	seen := map[int]bool{i: true}
	stack := []int{i}
	for len(stack) > 0 {
		e := c.entries[stack[len(stack)-1]]
		stack = stack[:len(stack)-1]
		for _, t := range e.Topics {
			j := c.byID[t]
			if !seen[j] {
				seen[j] = true
				out = append(out, int32(j))
				stack = append(stack, j)
			}
		}
	}
	slices.Sort(out)
	return out
}
