package index

// Limits on what the text of a query may compile to. A query beyond one is
// refused with a *RequestError that names the limit (searchd answers 400),
// as a Request beyond the limits on a request (package askedat: the query's
// length, page sizes and depth, filters) is. Each limit has a test that
// fails without it (limits_test.go), and FuzzParseQuery checks that every
// query the parser accepts respects them.
const (
	// MaxQueryClauses is the most words, phrases, prefixes and field
	// filters a query may have; each side of an OR counts.
	MaxQueryClauses = 32
	// MaxWordRunes is the longest word, prefix or field value of a query,
	// in characters (a token between spaces: "two-sum" is one).
	MaxWordRunes = 64
	// MaxPhraseWords is the most words in one "quoted phrase".
	MaxPhraseWords = 16
	// MinPrefixLetters is the fewest letters before a * (recurs*); a
	// leading * is refused.
	MinPrefixLetters = 2
	// MaxPrefixTerms is the most index words the prefixes of one query may
	// stand for, all prefixes together.
	MaxPrefixTerms = 256
	// MaxCompiledTerms is the most term lookups a compiled query may make:
	// every word in each field it is searched in, its typo corrections and
	// synonyms, the word pairs of phrases, the words of the prefixes. The
	// limits above keep a query under it; it is checked again on the
	// compiled query, so no expansion can grow past it.
	MaxCompiledTerms = 512
)

// Internal bounds: not limits a user meets, but caps on work the engine
// does for a query.
const (
	// maxFuzzyRunes: longer words are not looked up for typos (a typo
	// lookup builds an automaton per word and walks the dictionary).
	maxFuzzyRunes = 24
	// maxDropWords: "did you mean" tries dropping each word (a search per
	// word) only for queries of at most this many words.
	maxDropWords = 8
	// maxHighlightBytes: highlighting analyses at most this much of a text;
	// matches beyond it are not marked (the text is still escaped).
	maxHighlightBytes = 256 << 10
)
