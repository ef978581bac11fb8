// Package classify infers the category of an interview question from its
// text: Behavioral, Data Structures & Algorithms, System Design, Aptitude or
// Other (the canonical names of package index).
//
// The model is a multinomial naive Bayes classifier over the stems of the
// question's words and of its neighbouring word pairs, trained when the
// package loads from data/train.txt: questions and phrases written for this
// project, each under the category it belongs to. No labelled question from
// a crawled site or dataset is in the training text; the tests measure the
// classifier on those.
//
// Typical use, on every experience a crawl or an import makes:
//
//	askedat.Normalize(e)
//	classify.Fill(e) // questions without a category get an inferred one
package classify

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"

	"github.com/askedat/askedat"
)

//go:embed data/train.txt
var trainTxt string

// settings are the model's parameters.
type settings struct {
	// alpha is the additive (Laplace) smoothing of feature counts.
	alpha float64
	// lambda is the weight of a category's own estimate of a feature's
	// probability against the feature's probability in all categories.
	lambda float64
	// bodyWeight is how much a word of a question's body counts against a
	// word of its title: the title says what the question is about, a
	// body adds detail (and, being longer, would otherwise outvote it).
	bodyWeight float64
	// pairWeight is how much a word pair counts against a single word.
	pairWeight float64
	// temperature softens the posterior behind the confidence: naive
	// Bayes multiplies dependent evidence and is overconfident.
	temperature float64
	// weak is the confidence below which a System Design or Aptitude
	// answer becomes Other. Those two need words of their own ("design",
	// "scale", "probability"); a vague question ("Azure related", "how
	// many types of OS are there") lands on them only because their
	// training text is smaller, and is better called Other.
	weak float64
}

// defaults are the settings of the package's model, chosen on the seed
// page and the dev half of the Darwinbox questions (see the tests).
var defaults = settings{alpha: 0.1, lambda: 0.9, bodyWeight: 0.6, pairWeight: 1, temperature: 4, weak: 0.4}

// A Model scores texts against categories.
type Model struct {
	classes []string
	// logPrior[c] is the log prior of class c (uniform: how often a
	// category appears in the training text says nothing about how often
	// it is asked).
	logPrior []float64
	// feats maps a feature to its row of log P(feature | class) in
	// weights, len(classes) values a row.
	feats   map[string]int
	weights []float64
	set     settings
}

var model = mustTrain(trainTxt)

func mustTrain(txt string) *Model {
	m, err := Train(txt)
	if err != nil {
		panic("classify: data/train.txt: " + err.Error())
	}
	return m
}

// Infer returns the category of the question with this title and body, one
// of the canonical names of package index, and a confidence between 0 and
// 1 (the model's probability of that category, softened). A question with
// no word the model knows is Other, with confidence 0.
func Infer(title, body string) (category string, confidence float64) {
	return model.Infer(title, body)
}

// Fill sets the category of each question of e that has none to the one
// inferred from its title and body, and marks it CategoryInferred. Stated
// categories are left alone. Call it after askedat.Normalize, so that a
// category a page spelt its own way ("coding") counts as stated.
func Fill(e *askedat.Experience) {
	for i := range e.Questions {
		q := &e.Questions[i]
		if strings.TrimSpace(q.Category) != "" {
			continue
		}
		q.Category, _ = model.Infer(q.Title, q.Body)
		q.CategoryInferred = true
	}
}

// Train builds a model from training text: "## Category" lines start a
// category (a name askedat.NormalizeCategory knows), each other line is one
// example, '#' starts a comment line.
func Train(txt string) (*Model, error) { return train(txt, defaults) }

func train(txt string, set settings) (*Model, error) {
	type example struct {
		class int
		text  string
	}
	var (
		classes  []string
		examples []example
		class    = -1
	)
	for n, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "##"):
			continue
		case strings.HasPrefix(line, "## "):
			name := askedat.NormalizeCategory(line[3:])
			if !canonical(name) {
				return nil, fmt.Errorf("line %d: %q is not a canonical category", n+1, line[3:])
			}
			class = -1
			for i, c := range classes {
				if c == name {
					class = i
				}
			}
			if class < 0 {
				classes = append(classes, name)
				class = len(classes) - 1
			}
		case class < 0:
			return nil, fmt.Errorf("line %d: example before any \"## Category\" line", n+1)
		default:
			examples = append(examples, example{class, line})
		}
	}
	if len(classes) < 2 {
		return nil, fmt.Errorf("want examples of two categories or more, have %d", len(classes))
	}
	k := len(classes)
	counts := map[string][]float64{}
	totals := make([]float64, k)
	for _, ex := range examples {
		for f, w := range features(ex.text, set.pairWeight) {
			row := counts[f]
			if row == nil {
				row = make([]float64, k)
				counts[f] = row
			}
			row[ex.class] += w
			totals[ex.class] += w
		}
	}
	m := &Model{
		classes:  classes,
		logPrior: make([]float64, k),
		feats:    make(map[string]int, len(counts)),
		weights:  make([]float64, 0, len(counts)*k),
		set:      set,
	}
	for c := range classes {
		m.logPrior[c] = -math.Log(float64(k))
		if totals[c] == 0 {
			return nil, fmt.Errorf("category %q has no examples", classes[c])
		}
	}
	// Every category's counts are scaled to the same total, so that a
	// category with less training text does not win on the words it has
	// never seen (additive smoothing gives those a larger share of a
	// smaller total); the estimate is then mixed with the word's
	// frequency over all categories (Jelinek-Mercer smoothing), which
	// suits texts as short as a question.
	all := 0.0
	for _, t := range totals {
		all += t
	}
	mean := all / float64(k)
	v := float64(len(counts))
	for f, row := range counts {
		m.feats[f] = len(m.weights) / k
		background := 0.0
		for c, n := range row {
			background += n * mean / totals[c]
		}
		background /= all
		for c, n := range row {
			p := (n*mean/totals[c] + set.alpha) / (mean + set.alpha*v)
			m.weights = append(m.weights, math.Log(set.lambda*p+(1-set.lambda)*background))
		}
	}
	return m, nil
}

// canonical reports whether name is one of the categories the classifier
// may answer.
func canonical(name string) bool {
	switch name {
	case askedat.CategoryBehavioral, askedat.CategoryDSA, askedat.CategorySystemDesign, askedat.CategoryOther, "Aptitude":
		return true
	}
	return false
}

// Infer is the package's Infer with model m.
func (m *Model) Infer(title, body string) (string, float64) {
	k := len(m.classes)
	var buf [8]float64
	score := buf[:0]
	if k > len(buf) {
		score = make([]float64, 0, k)
	}
	score = append(score, m.logPrior...)
	known := false
	add := func(f string, w float64) {
		i, ok := m.feats[f]
		if !ok {
			return
		}
		known = true
		row := m.weights[i*k : i*k+k]
		for c := range score {
			score[c] += w * row[c]
		}
	}
	tok := tokenizers.Get().(*tokenizer)
	tok.each(title, 1, m.set.pairWeight, add)
	tok.each(body, m.set.bodyWeight, m.set.pairWeight, add)
	tokenizers.Put(tok)
	if !known {
		return askedat.CategoryOther, 0
	}
	best := 0
	for c := range score {
		if score[c] > score[best] {
			best = c
		}
	}
	sum := 0.0
	for c := range score {
		sum += math.Exp((score[c] - score[best]) / m.set.temperature)
	}
	conf := 1 / sum
	if name := m.classes[best]; conf < m.set.weak && (name == askedat.CategorySystemDesign || name == "Aptitude") {
		if other := slices.Index(m.classes, askedat.CategoryOther); other >= 0 {
			return askedat.CategoryOther, math.Exp((score[other]-score[best])/m.set.temperature) / sum
		}
	}
	return m.classes[best], conf
}

// features returns the features of text with their weights, for training.
func features(text string, pairWeight float64) map[string]float64 {
	out := map[string]float64{}
	var tok tokenizer
	tok.each(text, 1, pairWeight, func(f string, w float64) { out[f] += w })
	return out
}

// tokenizers holds tokenizers for reuse, so that a call to Infer does not
// allocate its buffers again.
var tokenizers = sync.Pool{New: func() any { return new(tokenizer) }}

// A tokenizer splits text into features: the stem of each word, and each
// pair of neighbouring stems as "a b". Its zero value is ready; it reuses
// its buffers between calls.
type tokenizer struct {
	word []rune
	pair strings.Builder
}

// each calls f for every feature of text with weight w (pw*w for pairs).
func (t *tokenizer) each(text string, w, pw float64, f func(feature string, w float64)) {
	prev := ""
	flush := func() {
		if len(t.word) == 0 {
			return
		}
		s := t.stem(string(t.word))
		t.word = t.word[:0]
		f(s, w)
		if prev != "" {
			t.pair.Reset()
			t.pair.WriteString(prev)
			t.pair.WriteByte(' ')
			t.pair.WriteString(s)
			f(t.pair.String(), w*pw)
		}
		prev = s
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			t.word = append(t.word, unicode.ToLower(r))
		case (r == '+' || r == '#') && len(t.word) > 0:
			// c++, c#
			t.word = append(t.word, r)
		case r == '\'' || r == '’':
			// "don't", "company's": the apostrophe stays inside the word
			// and the stemmer drops a possessive.
			if len(t.word) > 0 {
				t.word = append(t.word, '\'')
			}
		default:
			flush()
		}
	}
	flush()
}

// stem returns the English (Porter2) stem of a lower-case word.
//
// The stemmer is kljensen/snowball's, not bleve's snowballstem (the same
// Porter2, with the same stems on the training text and the catalogue), so
// that the crawler does not depend on the search engine's modules.
func (t *tokenizer) stem(word string) string {
	return english.Stem(word, true)
}
