package index

import (
	_ "embed"
	"strings"
)

//go:embed data/synonyms.txt
var synonymsTxt string

// synonymSets maps a folded word or phrase to the others of its set.
var synonymSets = parseSynonyms(synonymsTxt)

func parseSynonyms(txt string) map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(txt, "\n") {
		line, _, _ = strings.Cut(line, "#")
		var set []string
		for _, p := range strings.Split(line, "|") {
			if p = CleanSpace(p); p != "" {
				set = append(set, p)
			}
		}
		for _, p := range set {
			k := foldSynonym(p)
			for _, q := range set {
				if foldSynonym(q) != k {
					m[k] = append(m[k], q)
				}
			}
		}
	}
	return m
}

// foldSynonym is the lookup form of a word or phrase: lower case, single
// spaces, "&" and "and" alike.
func foldSynonym(s string) string {
	s = strings.ToLower(CleanSpace(s))
	s = strings.ReplaceAll(s, " & ", " and ")
	return s
}

// synonymsOf returns the words and phrases that mean the same as s.
func synonymsOf(s string) []string { return synonymSets[foldSynonym(s)] }
