package index

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/askedat/askedat"
)

//go:embed data/synonyms.txt
var synonymsTxt string

// Synonyms are interview vocabulary: sets of words and phrases that mean
// the same ("lru | least recently used"), so that a query for one also finds
// the others. The built-in sets (data/synonyms.txt, DefaultSynonyms) are the
// default; a version built with `indexer reindex -synonyms FILE` carries its
// own, which every reader of that version searches with.
type Synonyms struct {
	sets map[string][]string // foldSynonym(phrase) → the other phrases of its sets
	text string
}

// maxSynonymRunes bounds one word or phrase of a synonyms file: a longer
// one is a mistake (a paragraph pasted), not a phrase anyone types.
const maxSynonymRunes = 100

var defaultSynonyms = func() *Synonyms {
	s, err := ParseSynonyms(synonymsTxt)
	if err != nil {
		panic("index/data/synonyms.txt: " + err.Error())
	}
	return s
}()

// DefaultSynonyms returns the built-in sets.
func DefaultSynonyms() *Synonyms { return defaultSynonyms }

// ParseSynonyms reads a synonyms file: one set per line, its words and
// phrases separated by "|"; "#" starts a comment; matching ignores case. A
// line with one entry only, an entry over 100 characters, or a file over askedat.MaxAliasFileBytes is
// an error naming the line.
func ParseSynonyms(txt string) (*Synonyms, error) {
	if len(txt) > askedat.MaxAliasFileBytes {
		return nil, fmt.Errorf("%d bytes; at most %d", len(txt), askedat.MaxAliasFileBytes)
	}
	s := &Synonyms{sets: map[string][]string{}, text: txt}
	line := 0
	for raw := range strings.SplitSeq(txt, "\n") {
		line++
		body, _, _ := strings.Cut(raw, "#")
		var set []string
		for _, p := range strings.Split(body, "|") {
			p = CleanSpace(p)
			switch {
			case p == "":
				continue
			case utf8.RuneCountInString(p) > maxSynonymRunes:
				return nil, fmt.Errorf("line %d: %.40q… is over %d characters", line, p, maxSynonymRunes)
			}
			set = append(set, p)
		}
		switch len(set) {
		case 0:
			continue
		case 1:
			return nil, fmt.Errorf("line %d: %q has nothing it means the same as (a line is \"word | phrase | phrase\")", line, set[0])
		}
		for _, p := range set {
			k := foldSynonym(p)
			for _, q := range set {
				if foldSynonym(q) != k {
					s.sets[k] = append(s.sets[k], q)
				}
			}
		}
	}
	return s, nil
}

// foldSynonym is the lookup form of a word or phrase: lower case, single
// spaces, "&" and "and" alike.
func foldSynonym(s string) string {
	s = strings.ToLower(CleanSpace(s))
	s = strings.ReplaceAll(s, " & ", " and ")
	return s
}

// Of returns the words and phrases that mean the same as s.
func (s *Synonyms) Of(phrase string) []string { return s.sets[foldSynonym(phrase)] }

// Text returns the sets as they were written.
func (s *Synonyms) Text() string { return s.text }

// Len returns the number of words and phrases that have synonyms.
func (s *Synonyms) Len() int { return len(s.sets) }

// SHA256 returns the hex SHA-256 of the file's text: what a version records.
func (s *Synonyms) SHA256() string {
	sum := sha256.Sum256([]byte(s.text))
	return hex.EncodeToString(sum[:])
}
