package catalog

import (
	"maps"
	"strings"
	"sync"
	"sync/atomic"
)

// A wordInfo is what tokenizing needs of one lower-case word: the variants
// that start with it, the one-word variant it is the plural of, whether it
// is a stop word, and its stem. Each was a map lookup of its own for every
// word of every text (five with a plural), a fifth of tagging.
type wordInfo struct {
	variants []*variant // m[w], longest first
	plural   *variant   // the one-word variant w is the plural of ("bsts", "matrices")
	stop     bool
	stem     string // "" for a stop word
}

// newWordInfo makes w's wordInfo from the variants m.
func newWordInfo(m map[string][]*variant, w string) *wordInfo {
	wi := &wordInfo{variants: m[w], stop: stopWords[w]}
	if !wi.stop {
		wi.stem = stem(w)
	}
	for _, suffix := range [...]string{"s", "es"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && base != "" {
			if i := oneWordVariant(m[base]); i >= 0 {
				wi.plural = m[base][i]
				break
			}
		}
	}
	return wi
}

// oneWordVariant returns the index of the first variant of vs of one word,
// or -1.
func oneWordVariant(vs []*variant) int {
	for i, v := range vs {
		if len(v.from) == 1 {
			return i
		}
	}
	return -1
}

// knownWords remembers the wordInfo of the words seen, up to wordCacheMax
// of them: stemming costs more than the rest of matching a word, and the
// words of questions repeat. Past the limit, new words are looked up every
// time, so a stream of unique tokens cannot grow it without bound.
//
// It is a map read without locks and never written: words seen since it was
// made wait in pendingWords, under a lock, and join a new copy of the map
// once they are an eighth of it, so the copying costs a constant share of
// the words added. Every core reads each word of every text of a build, and
// sync.Map's Load was a twentieth of a build's CPU.
var (
	knownWords   atomic.Pointer[map[string]*wordInfo]
	wordsFull    atomic.Bool
	wordsMu      sync.Mutex
	pendingWords = map[string]*wordInfo{} // under wordsMu
)

const wordCacheMax = 1 << 17

// wordOf is the wordInfo of the lower-case word w under the variant table.
func wordOf(w string) *wordInfo {
	cur := knownWords.Load()
	if cur != nil {
		if wi, ok := (*cur)[w]; ok {
			return wi
		}
	}
	wi := newWordInfo(variantsByFirst, w)
	if wordsFull.Load() {
		return wi
	}
	wordsMu.Lock()
	defer wordsMu.Unlock()
	if _, ok := pendingWords[w]; ok || wordsFull.Load() {
		return wi
	}
	pendingWords[strings.Clone(w)] = wi // w may be a slice of a long text the cache must not pin
	cur = knownWords.Load()
	n := 0
	if cur != nil {
		n = len(*cur)
	}
	if len(pendingWords) >= max(64, n/8) || n+len(pendingWords) >= wordCacheMax {
		next := make(map[string]*wordInfo, n+len(pendingWords))
		if cur != nil {
			maps.Copy(next, *cur)
		}
		maps.Copy(next, pendingWords)
		knownWords.Store(&next)
		pendingWords = map[string]*wordInfo{}
		wordsFull.Store(len(next) >= wordCacheMax)
	}
	return wi
}
