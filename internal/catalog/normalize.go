package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"

	porter "github.com/blevesearch/go-porterstemmer"
)

// A token is one word of a text or a name after normalisation.
type token struct {
	raw  string // lower case, after variants, before stemming
	stem string
	// first and last are the indices of the input words the token came
	// from: more than one when a variant joined words ("linked" "list").
	first, last int32
	stop        bool
	// end is set on the last token of a sentence: a name never matches
	// across it. seg numbers the sentences of a text.
	end bool
	seg int32
	// links counts the order words ("to", "using", ...) of the text before
	// the token: two tokens have one between them when their links differ.
	links int32
}

// A piece is a run of letters or of digits in one input word.
type piece struct {
	raw    string
	origin int32
	end    bool // the last piece of a word that ends a sentence
}

// tokenize normalises words into tokens, stop words included (flagged):
// names need them to find the parts of an ordered name, texts drop them.
func tokenize(words []string) []token {
	pieces := make([]piece, 0, len(words)+len(words)/4)
	for i, w := range words {
		n := len(pieces)
		pieces = appendPieces(pieces, w, int32(i))
		if len(pieces) > n && endsSentence(w) {
			pieces[len(pieces)-1].end = true
		}
	}
	return applyVariantsWith(wordOf, make([]token, 0, len(pieces)+4), pieces)
}

// appendPieces splits one word into pieces: lower case, split on anything
// that is not a letter or digit and between letters and digits ("3sum" is
// "3 sum"), ordinals as words or bare digits ("2nd" is "second", "5th" is
// "5"), number words as digits.
func appendPieces(dst []piece, word string, origin int32) []piece {
	lw := lower(word)
	if hasSpecialChar(lw) {
		if rep, ok := specials[strings.Trim(lw, trimPunct)]; ok {
			for _, r := range rep {
				dst = append(dst, piece{raw: r, origin: origin})
			}
			return dst
		}
	}
	start, class := -1, 0 // class: 1 letter, 2 digit, 0 neither
	for i, r := range lw {
		c := 0
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z'):
			c = 1
		case r < utf8.RuneSelf && ('0' <= r && r <= '9'):
			c = 2
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 1
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			c = 2
		}
		if c != class && start >= 0 {
			dst = appendPiece(dst, lw, start, i, class, origin)
			start = -1
		}
		if c != 0 && start < 0 {
			start = i
		}
		class = c
	}
	if start >= 0 {
		dst = appendPiece(dst, lw, start, len(lw), class, origin)
	}
	return dst
}

// appendPiece appends lw[start:end], a run of letters (class 1) or digits.
func appendPiece(dst []piece, lw string, start, end, class int, origin int32) []piece {
	p := lw[start:end]
	if class == 1 && afterApostrophe(lw, start) && contractions[p] {
		// The end of a contraction ("we'll", "I've", "you're"): a word of
		// its own it is not, and "ll" would be a linked list.
		return dst
	}
	if class == 1 && start > 0 && isDigitByte(lw[start-1]) && isOrdinalSuffix(p) {
		// The suffix of an ordinal: "1st" "2nd" "3rd" are words, other
		// ordinals keep their number.
		prev := &dst[len(dst)-1]
		if o, ok := ordinals[prev.raw]; ok {
			prev.raw = o
		}
		return dst
	}
	if d, ok := numberWords[p]; ok {
		p = d
	}
	return append(dst, piece{raw: p, origin: origin})
}

// contractions are the endings of contracted words ("we'll", "I'd",
// "they've"), dropped after an apostrophe.
var contractions = map[string]bool{"ll": true, "d": true, "ve": true, "re": true, "m": true, "s": true, "t": true}

// afterApostrophe reports whether lw[start] follows an apostrophe that
// follows a letter: "we'll", "don’t".
func afterApostrophe(lw string, start int) bool {
	var before string
	switch {
	case start >= 2 && lw[start-1] == '\'':
		before = lw[:start-1]
	case start >= 4 && strings.HasSuffix(lw[:start], "’"):
		before = lw[:start-len("’")]
	default:
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r)
}

// specialChars are the characters of the words in specials: only a word
// with one of them is looked up there.
const specialChars = "+#*./"

// isSpecialChar has the bytes of specialChars, all ASCII, so no byte of a
// multi-byte character is one.
var isSpecialChar = func() (set [256]bool) {
	for i := range len(specialChars) {
		set[specialChars[i]] = true
	}
	return set
}()

// hasSpecialChar is strings.ContainsAny(w, specialChars), which cost a
// sixteenth of tagging on words of a few letters.
func hasSpecialChar(w string) bool {
	for i := range len(w) {
		if isSpecialChar[w[i]] {
			return true
		}
	}
	return false
}

// endsSentence reports whether a word ends a sentence: it ends in "?",
// "!" or ";", or in "." after more than three letters with no other dot,
// so "vs.", "etc.", "e.g." and "node.js" end nothing.
func endsSentence(w string) bool {
	if n := len(w); n > 0 && w[n-1] < utf8.RuneSelf && isWordByte[w[n-1]] {
		return false // most words end in a letter: no trimming to do
	}
	w = strings.TrimRight(w, "\"')”’)")
	switch {
	case w == "":
		return false
	case strings.HasSuffix(w, "?"), strings.HasSuffix(w, "!"), strings.HasSuffix(w, ";"):
		return true
	case strings.HasSuffix(w, "."):
		w = strings.TrimRight(w, ".")
		return utf8.RuneCountInString(w) > 3 && !strings.Contains(w, ".")
	}
	return false
}

const trimPunct = ".,;:!?()[]{}\"'`“”‘’"

// isWordByte has the ASCII letters and digits.
var isWordByte = func() (set [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		set[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return set
}()

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

func isOrdinalSuffix(s string) bool {
	return s == "st" || s == "nd" || s == "rd" || s == "th"
}

// lower is strings.ToLower without the allocation for a word that is
// already lower-case ASCII, which most words of a text are.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// applyVariantsWith turns pieces into tokens, replacing the variants of the
// variants info gives a word's (wordInfo.variants and .plural) by their
// canonical words, longest match first.
func applyVariantsWith(info func(w string) *wordInfo, dst []token, pieces []piece) []token {
	for i := 0; i < len(pieces); {
		wi := info(pieces[i].raw)
		if v, n := matchVariant(wi, pieces[i:]); n > 0 {
			first, last := pieces[i].origin, pieces[i+n-1].origin
			for _, out := range v.out {
				dst = append(dst, token{raw: out.raw, stem: out.stem, first: first, last: last, stop: out.stop})
			}
			dst[len(dst)-1].end = pieces[i+n-1].end
			i += n
			continue
		}
		p := pieces[i]
		dst = append(dst, token{raw: p.raw, stem: wi.stem, first: p.origin, last: p.origin, stop: wi.stop, end: p.end})
		i++
	}
	return dst
}

// matchVariant returns the longest variant at the start of pieces, whose
// first word's wordInfo is wi, and the number of pieces it covers, or 0.
func matchVariant(wi *wordInfo, pieces []piece) (*variant, int) {
	// The variants are listed longest first.
	for _, v := range wi.variants {
		if len(v.from) > len(pieces) {
			continue
		}
		ok := true
		for j, f := range v.from {
			if !sameWord(pieces[j].raw, f, j == len(v.from)-1) {
				ok = false
				break
			}
		}
		if ok {
			return v, len(v.from)
		}
	}
	if wi.plural != nil {
		return wi.plural, 1
	}
	return nil, 0
}

// sameWord reports whether a text word is the word w of a variant. The
// last word of a variant may take a plural ending, so "sub arrays" is a
// variant of "sub array" without listing both.
func sameWord(got, w string, last bool) bool {
	if got == w {
		return true
	}
	if !last || !strings.HasPrefix(got, w) {
		return false
	}
	rest := got[len(w):]
	return rest == "s" || rest == "es"
}

// stem is the Porter stem of a lower-case word. It is not cached here:
// tokenizing reads a word's stem from its cached wordInfo (words.go).
func stem(w string) string { return porter.StemString(w) }
