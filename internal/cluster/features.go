package cluster

import (
	"slices"
	"strings"
)

// companyWord stands for the asking company's name in features.
const companyWord = "\x00company"

// A featurizer turns questions into feature sets. It reuses its buffers: a
// worker has its own.
type featurizer struct {
	raw       []string
	companies map[string][]string // company → its lower-case words
	title     []uint32
	feats     []uint32
	ordered   bool // of the last title: see hasOrderWord
}

func newFeaturizer() *featurizer {
	return &featurizer{companies: map[string][]string{}}
}

// features returns the hashes of the normalised title words of q, in order,
// and q's feature set: the unigrams and bigrams of its title words and of
// the first maxBodyWords content words of its body, sorted and unique. Both
// are valid until the next call.
func (f *featurizer) features(q *Input) (title, feats []uint32) {
	co := f.companyWords(q.Company)

	f.raw = words(f.raw[:0], strings.ToLower(q.Title))
	f.ordered = hasOrderWord(f.raw)
	tw := titleWords(replaceSeq(f.raw, co))
	f.title = f.title[:0]
	for _, w := range tw {
		f.title = append(f.title, hash(w))
	}
	f.feats = shingles(f.feats[:0], f.title)

	f.raw = words(f.raw[:0], strings.ToLower(q.Body))
	body := canonicalWords(replaceSeq(f.raw, co), false)
	n := 0
	for _, w := range body {
		if n == maxBodyWords {
			break
		}
		if stopWords[w] {
			continue
		}
		body[n] = stem(w)
		n++
	}
	start := len(f.feats)
	for _, w := range body[:n] {
		f.feats = append(f.feats, hash(w))
	}
	// The body's unigrams are in f.feats[start:]; add its bigrams.
	uni := f.feats[start:]
	for i := 1; i < len(uni); i++ {
		f.feats = append(f.feats, pair(uni[i-1], uni[i]))
	}
	f.feats = sortedSet(f.feats)
	return f.title, f.feats
}

// shingles appends to dst the words ws and their adjacent pairs.
func shingles(dst, ws []uint32) []uint32 {
	dst = append(dst, ws...)
	for i := 1; i < len(ws); i++ {
		dst = append(dst, pair(ws[i-1], ws[i]))
	}
	return dst
}

// companyWords returns the lower-case words of a company name.
func (f *featurizer) companyWords(company string) []string {
	if company == "" {
		return nil
	}
	ws, ok := f.companies[company]
	if !ok {
		ws = words(nil, strings.ToLower(company))
		f.companies[company] = ws
	}
	return ws
}

// replaceSeq replaces each occurrence of the word sequence seq in ws with
// companyWord, in place, and returns the result.
func replaceSeq(ws, seq []string) []string {
	if len(seq) == 0 || len(ws) < len(seq) {
		return ws
	}
	out := ws[:0]
	for i := 0; i < len(ws); {
		if i+len(seq) <= len(ws) && slices.Equal(ws[i:i+len(seq)], seq) {
			out = append(out, companyWord)
			i += len(seq)
			continue
		}
		out = append(out, ws[i])
		i++
	}
	return out
}

// hash returns the 32-bit feature of a word.
func hash(w string) uint32 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return uint32(mix64(h) >> 32)
}

// pair returns the feature of the bigram of two word features.
func pair(a, b uint32) uint32 {
	return uint32(mix64(uint64(a)<<32|uint64(b)^0xb16b00b5) >> 32)
}

// mix64 is the finaliser of SplitMix64.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
