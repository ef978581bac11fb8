package cluster

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are dropped from titles and bodies: function words that say
// nothing about which question it is. "not", "no" and "without" are kept:
// "Longest Substring Without Repeating Characters" needs its "without".
var stopWords = setOf(`a an the of in on at to for from with by and or as is are was were be been
	being it its this that these those there here do does did done doing you your yours we our
	us i my me he she they them their his her what which who whom whose how when where while
	can could would should will shall may might must if then than so such via into onto
	up about over under like also only just very any each every all some both either
	same other another s t using`)

// fillerWords are dropped from titles only: the words around a question
// that do not change which question it is ("Two Sum Problem", "Implement a
// Trie", "Design a Parking Lot", "Explain Consistent Hashing", "Difference
// Between a Process and a Thread").
var fillerWords = setOf(`problem problems question questions implement implementing implementation
	design designing explain explained explaining explanation describe find finding write writing
	code coding program solve solving given difference differences between vs versus compare
	comparison build create generate print return`)

// orderWords make word order matter in a title: "Roman to Integer" is not
// "Integer to Roman", "Queue Using Stacks" is not "Stack Using Queues".
var orderWords = setOf(`to into from using with by via`)

// numberWords are written as digits. "one" is a digit in titles only: in
// a body it is as often a pronoun ("turn one word into another"), and
// "Edit Distance" must not cover the "1" of "One Edit Distance".
var numberWords = map[string]string{
	"zero": "0", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"1st": "first", "2nd": "second", "3rd": "third",
}

// abbreviations are expanded wherever they occur. Only abbreviations that
// have one meaning in interviews are listed: "LRU Cache" and "Least Recently
// Used Cache" are one question by definition, so they share a key; "SD" or
// "TS" are not listed.
var abbreviations = func() map[string][]string {
	m := map[string][]string{}
	for _, line := range strings.Split(`lru least recently used
		lfu least frequently used
		bst binary search tree
		bfs breadth first search
		dfs depth first search
		lca lowest common ancestor
		lis longest increasing subsequence
		lcs longest common subsequence
		dp dynamic programming
		mst minimum spanning tree
		oop object oriented programming
		oops object oriented programming
		dbms database management system
		rdbms relational database management system
		lld low level design
		hld high level design
		dsa data structures algorithms
		k8s kubernetes
		js javascript
		gc garbage collection
		gil global interpreter lock
		kv key value
		linkedlist linked list
		hashmap hash map
		hashtable hash table
		hashset hash set
		minheap min heap
		maxheap max heap
		ecommerce e commerce
		ratelimiter rate limiter`, "\n") {
		f := strings.Fields(line)
		m[f[0]] = f[1:]
	}
	return m
}()

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// words appends to dst the words of s, which must be in lower case: runs of
// letters and digits, with "c++" and "c#" kept whole, "'s" dropped, a run
// of digits then three or more letters split ("3sum" → "3", "sum"), and
// "k-th" joined ("kth"). The words are substrings of s where possible.
func words(dst []string, s string) []string {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		// "3sum" → "3" "sum"; "2d", "1nf", "p99" stay.
		if d := digitPrefix(w); d > 0 && d < len(w) && len(w)-d >= 3 && isLetters(w[d:]) {
			dst = append(dst, w[:d], w[d:])
			return
		}
		if w == "th" && len(dst) > 0 && len(dst[len(dst)-1]) == 1 && isLetters(dst[len(dst)-1]) {
			dst[len(dst)-1] += "th"
			return
		}
		dst = append(dst, w)
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '+' || r == '#') && i-start == 1:
			// "c++", "c#", "f#"
			j := i + 1
			if r == '+' && j < len(s) && s[j] == '+' {
				j++
			}
			if j >= len(s) || !isWordRune(rune(s[j])) {
				dst = append(dst, s[start:j])
				start = -1
				i = j
				continue
			}
			flush(i)
		case start >= 0 && (r == '\'' || r == '’'):
			// "dijkstra's" → "dijkstra"; "don't" → "don" "t".
			flush(i)
			if j := i + size; j < len(s) && s[j] == 's' && (j+1 == len(s) || !isWordByte(s[j+1])) {
				size++
			}
		default:
			flush(i)
		}
		i += size
	}
	flush(len(s))
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf
}

func digitPrefix(w string) int {
	i := 0
	for i < len(w) && '0' <= w[i] && w[i] <= '9' {
		i++
	}
	return i
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// canonicalWords rewrites the words ws in place and appended: number words
// as digits, abbreviations expanded. It returns the result.
func canonicalWords(ws []string, title bool) []string {
	n := len(ws)
	expand := false
	for i, w := range ws {
		if d, ok := numberWords[w]; ok {
			ws[i] = d
		} else if title && w == "one" {
			ws[i] = "1"
		}
		if _, ok := abbreviations[w]; ok {
			expand = true
		}
	}
	if !expand {
		return ws
	}
	out := make([]string, 0, n+8)
	for _, w := range ws {
		if e, ok := abbreviations[w]; ok {
			out = append(out, e...)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// stem strips the common English inflections of w so that the forms of a
// word meet: "strategies" → "strategy", "caches" and "caching" → "cach",
// "sorted" → "sort". It is crude, and only meant to be consistent: stems are
// compared, never shown.
func stem(w string) string {
	if len(w) <= 3 || !isLetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w) >= 5:
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ly") && len(w) >= 6:
		w = w[:len(w)-2] // "iteratively" → "iterative"
	case strings.HasSuffix(w, "er") && len(w) >= 6:
		w = w[:len(w)-2] // "shortener" → "shorten", "limiter" → "limit"
	}
	if n := len(w); n > 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
		w = w[:n-1] // "overlapping" → "overlapp" → "overlap"
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}

// titleWords returns the normalised words of a title, in order: canonical,
// without stop words and filler, stemmed. If that leaves nothing, filler is
// kept; if that leaves nothing, stop words are kept too.
func titleWords(raw []string) []string {
	ws := canonicalWords(raw, true)
	for _, drop := range []func(string) bool{
		func(w string) bool { return stopWords[w] || fillerWords[w] },
		func(w string) bool { return stopWords[w] },
		func(string) bool { return false },
	} {
		var out []string
		for i, w := range ws {
			if drop(w) {
				continue
			}
			// "How does the event loop work?": the "work" of a "how" title.
			if (w == "work" || w == "works") && i == len(ws)-1 && ws[0] == "how" {
				continue
			}
			out = append(out, stem(w))
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// Key returns the normalised form of a question title: the key of its exact
// group. Titles with the same key are the same question ("Two Sum", "2 Sum
// problem", "TWO SUM!" all give "2 sum"); titles with different keys may
// still be merged by Assign when their bodies agree.
func Key(title string) string {
	raw := words(nil, strings.ToLower(title))
	sides := comparedSides(raw)
	if sides == nil {
		return strings.Join(titleWords(raw), " ")
	}
	var keys []string
	for _, s := range sides {
		if k := strings.Join(titleWords(slices.Clone(s)), " "); k != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}

// hasOrderWord reports whether the lower-case title words raw have a word
// that makes order matter.
func hasOrderWord(raw []string) bool {
	for _, w := range raw {
		if orderWords[w] {
			return true
		}
	}
	return false
}

// comparedSides returns the sides of a comparison, "X vs Y" or "difference
// between X and Y", or nil if raw (lower-case title words) is none. Key puts
// them in order, so "Y vs X" and "Difference between Y and X" are the same
// question as "X vs Y".
func comparedSides(raw []string) [][]string {
	var sides [][]string
	last := 0
	for i, w := range raw {
		if w == "vs" || w == "versus" {
			sides = append(sides, raw[last:i])
			last = i + 1
		}
	}
	if sides != nil {
		return append(sides, raw[last:])
	}
	// "between" only after filler: "What is the difference between", not
	// "Distance between nodes".
	i := slices.Index(raw, "between")
	if i < 0 || i == len(raw)-1 || slices.ContainsFunc(raw[:i], func(w string) bool { return !stopWords[w] && !fillerWords[w] }) {
		return nil
	}
	last = i + 1
	for j := last; j < len(raw); j++ {
		if raw[j] == "and" {
			sides = append(sides, raw[last:j])
			last = j + 1
		}
	}
	if sides == nil {
		return nil
	}
	return append(sides, raw[last:])
}
