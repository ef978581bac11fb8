package catalog

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Kinds of entries.
const (
	KindProblem = "problem"
	KindTopic   = "topic"
)

// Entry is one concept of the catalogue. Callers must not modify it.
type Entry struct {
	ID string
	// Kind is KindProblem (a question that is asked: a coding problem, a
	// fundamentals or design question, a behavioural one) or KindTopic (a
	// field the questions belong to).
	Kind string
	// Title is the canonical title: the first name.
	Title string
	// LeetCode is the title of the problem on LeetCode, if it has one.
	LeetCode string
	// Difficulty is how hard the problem is usually rated (Easy, Medium,
	// Hard; LeetCode's rating when it has one), if the catalogue says.
	Difficulty string
	// Topics are the IDs of the topics the entry belongs to.
	Topics []string
	// Names are the names and phrasings that mention the entry, as written
	// in the catalogue, Title first.
	Names []string
	// Unless are the phrases whose presence in a text means the text is not
	// about this entry, even if it has one of its names.
	Unless []string
	// Same are the IDs of the problems this problem is the same question
	// as, in other framing ("next greater number with the same digits" is
	// next permutation); see Question.
	Same []string
	// Ordered is set when the word order of the names matters: the parts
	// of a name split at "to", "into", "from", "using", "with" and "via"
	// must come in that order ("bst to dll" is not "dll to bst").
	Ordered bool
}

// A Span is a mention of an entry in a list of words: words[First..Last]
// (inclusive).
type Span struct {
	ID          string
	First, Last int
}

// A Catalog is a parsed catalogue and the index of its names. It is safe
// for concurrent use.
type Catalog struct {
	entries []*Entry
	byID    map[string]int
	// closure[e] are the topics of entry e, and their topics, as indices.
	closure [][]int32
	// vocab numbers the stems of all names and unless phrases.
	vocab map[string]int32
	names []name
	// byRarest[s] are the names whose rarest stem is s, as indices into
	// names: a text visits only the names keyed by one of its stems.
	byRarest [][]int32
	byEntry  [][]int32 // the names of each entry
	// question[e] is the entry whose question entry e's is: the first, in
	// file order, of the entries joined to it by same lines.
	question []int32
	unless   [][]phrase

	leetOnce sync.Once
	byLeet   map[string]int // foldTitle(LeetCode title) → entry
}

//go:embed catalog.txt
var embedded string

var std = sync.OnceValue(func() *Catalog {
	c, err := Parse(strings.NewReader(embedded))
	if err != nil {
		panic(fmt.Sprintf("catalog: embedded catalog.txt: %v", err))
	}
	return c
})

// Default returns the catalogue embedded in the package, parsed on first use.
func Default() *Catalog { return std() }

// Entries returns all entries of the embedded catalogue, in file order.
func Entries() []*Entry { return std().Entries() }

// Lookup returns the entry of the embedded catalogue with the ID, or nil.
func Lookup(id string) *Entry { return std().Lookup(id) }

// MatchWords returns the mentions of entries of the embedded catalogue in
// words, ordered by position.
func MatchWords(words []string) []Span { return std().MatchWords(words) }

// Tags returns the IDs of the entries of the embedded catalogue that text
// mentions and of their topics, sorted.
func Tags(text string) []string { return std().Tags(text) }

// Entries returns all entries, in file order.
func (c *Catalog) Entries() []*Entry {
	return append([]*Entry(nil), c.entries...)
}

// Lookup returns the entry with the ID, or nil.
func (c *Catalog) Lookup(id string) *Entry {
	if i, ok := c.byID[id]; ok {
		return c.entries[i]
	}
	return nil
}

// ByLeetCode returns the entry whose LeetCode title is title (any case and
// spacing), or nil.
func (c *Catalog) ByLeetCode(title string) *Entry {
	c.leetOnce.Do(func() {
		c.byLeet = map[string]int{}
		for i, e := range c.entries {
			if e.LeetCode != "" {
				c.byLeet[foldTitle(e.LeetCode)] = i
			}
		}
	})
	if i, ok := c.byLeet[foldTitle(title)]; ok {
		return c.entries[i]
	}
	return nil
}

// ByLeetCode returns the entry of the embedded catalogue whose LeetCode
// title is title, or nil.
func ByLeetCode(title string) *Entry { return std().ByLeetCode(title) }

// RoundTopic is the topic whose topics are the kinds of interview rounds
// ("online-assessment", "phone-screen"): what a round's heading names.
const RoundTopic = "interview-round"

// IsRound reports whether the entry of the embedded catalogue with the ID
// is RoundTopic or a kind of round: a tag of where a question was asked,
// not of what it asks.
func IsRound(id string) bool {
	if id == RoundTopic {
		return true
	}
	e := Lookup(id)
	return e != nil && e.Kind == KindTopic && slices.Contains(e.Topics, RoundTopic)
}

func foldTitle(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
