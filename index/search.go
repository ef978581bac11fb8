package index

import (
	"strings"
	"unicode/utf8"
)

// snippetRunes is the length of a hit's snippet, in characters.
const snippetRunes = 220

// TitleBoost is how much more a word in a question's title counts than the
// same word in its body: a question titled "LRU Cache" is about LRU caches,
// one that mentions them in passing is not.
const TitleBoost = 3.0

// PhraseBoost weighs a matched "quoted phrase" (each of its word pairs): the
// user asked for those words together.
const PhraseBoost = 2.0

// ProximityBoost weighs, for words typed without quotes, each pair of them
// found side by side in the text: "hash map" ranks a text saying "hash map"
// above one with "hash" and "map" apart.
const ProximityBoost = 1.0

// FacetWordBoost weighs a word of the query that names the question's
// company, role, category or difficulty ("amazon", "system design",
// "hard") when the text lacks it.
const FacetWordBoost = 0.5

// truncate cuts s to at most n runes at a word boundary, adding "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexAny(cut, " \n\t"); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}
