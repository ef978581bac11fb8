package index

import (
	_ "embed"
	"strings"
)

//go:embed data/fillers.txt
var fillersTxt string

// fillers holds the words of data/fillers.txt, lower case.
var fillers = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(fillersTxt, "\n") {
		line, _, _ = strings.Cut(line, "#")
		for _, w := range strings.Fields(line) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// isFiller reports whether a word typed in a query is a question word or a
// filler: it never decides whether a document matches.
func isFiller(typed string) bool { return fillers[strings.ToLower(strings.Trim(typed, `.,;:!?"'()`))] }
