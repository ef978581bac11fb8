package index

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2"
	bleveq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/askedat/askedat/query"
)

// SetWorkers sets how many workers share a search, for tests; it returns
// the previous value.
func SetWorkers(n int) int {
	old := workers
	workers = n
	fixedWorkers = true
	return old
}

// BleveTotal counts the documents matching r through bleve's own search,
// as a reference for the engine's one-pass counting.
func BleveTotal(x *Index, r Request) (uint64, error) {
	if err := r.Normalize(); err != nil {
		return 0, err
	}
	must := []bleveq.Query{termQuery(fieldType, r.Type)}
	if r.Query != "" {
		snap, err := x.snapshot(context.Background())
		if err != nil {
			return 0, err
		}
		f := questionFields
		if r.Type == TypeExperience {
			f = experienceFields
		}
		pq, err := snap.parse(context.Background(), r.Query, f, nil)
		if err != nil {
			return 0, err
		}
		if pq.text != nil {
			must = append(must, pq.text)
		}
	}
	for _, f := range FacetFields {
		if vs := r.Filters[f]; len(vs) > 0 {
			var or []bleveq.Query
			for _, v := range vs {
				or = append(or, termQuery(f, v))
			}
			must = append(must, bleveq.NewDisjunctionQuery(or))
		}
	}
	res, err := x.bi.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(bleveq.NewConjunctionQuery(must), 0, 0, false))
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// parse lexes text and compiles it for the fields f, as a search does.
func (s *snapshot) parse(ctx context.Context, text string, f textFields, b *budget) (*compiledQuery, error) {
	lexed, err := query.Parse(text)
	if err != nil {
		return nil, asRequestError(err)
	}
	return s.compile(ctx, lexed, f, b, nil)
}

func termQuery(field, v string) bleveq.Query {
	q := bleveq.NewTermQuery(v)
	q.SetField(field)
	return q
}

// CheckEvery is how many matches pass between checks of the context.
const CheckEvery = checkEvery

// SearchVisiting runs x.Search and also returns the matches (or
// documents) its scans visited, its re-searches' included, also when it
// fails.
func SearchVisiting(ctx context.Context, x *Index, r Request) (*Result, uint64, error) {
	res, st, err := x.search(ctx, r, nil)
	return res, st.visited, err
}

// SetRelaxBelow sets the number of hits under which queries are relaxed,
// until t ends.
func SetRelaxBelow(t interface{ Cleanup(func()) }, n uint64) {
	old := relaxBelow
	relaxBelow = n
	t.Cleanup(func() { relaxBelow = old })
}

// SearchSpending runs x.Search and also returns the steps of its budget it
// spent.
func SearchSpending(ctx context.Context, x *Index, r Request) (*Result, int, error) {
	res, st, err := x.search(ctx, r, nil)
	return res, st.spent, err
}

// SetBudget sets the steps and time of a search's budget, for tests; it
// returns a function that restores them.
func SetBudget(steps int, d time.Duration) func() {
	oldSteps, oldTime := budgetSteps, budgetTime
	budgetSteps, budgetTime = steps, d
	return func() { budgetSteps, budgetTime = oldSteps, oldTime }
}

// A DocScore is one match of a query and its score.
type DocScore struct {
	Doc   uint32
	Score float64
}

// MatchesBothWays compiles text for the fields of documents of type typ,
// as a search does, and returns, for the query and each of its relaxed
// forms, its matches with their scores found by bleve's searchers and by
// the matchers of postings.go, and whether the matchers took each form.
func MatchesBothWays(x *Index, text, typ string) (bleve, fast [][]DocScore, took []bool, err error) {
	ctx := context.Background()
	snap, err := x.snapshot(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	f := questionFields
	if typ == TypeExperience {
		f = experienceFields
	}
	pq, err := snap.parse(ctx, text, f, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	forms := []bleveq.Query{pq.text}
	for _, rx := range pq.relaxations() {
		forms = append(forms, rx.q)
	}
	p := &plan{snap: snap, budget: newBudget()}
	collect := func(q bleveq.Query, viaBleve bool) ([]DocScore, error) {
		old := bleveSearchers
		bleveSearchers = viaBleve
		defer func() { bleveSearchers = old }()
		var out []DocScore
		_, err := p.matches(ctx, q, 0, snap.cols.n, func(d uint32, s float64) { out = append(out, DocScore{d, s}) })
		return out, err
	}
	for _, q := range forms {
		if q == nil {
			continue
		}
		b, err := collect(q, true)
		if err != nil {
			return nil, nil, nil, err
		}
		fm, _, err := snap.fastMatcher(q)
		if err != nil {
			return nil, nil, nil, err
		}
		fs, err := collect(q, false)
		if err != nil {
			return nil, nil, nil, err
		}
		bleve, fast, took = append(bleve, b), append(fast, fs), append(took, fm != nil)
	}
	return bleve, fast, took, nil
}

// SetFullScoring makes searches score every match (on) or only those that
// may rank (off, as they do), until t ends.
func SetFullScoring(t interface{ Cleanup(func()) }, on bool) {
	old := fullScoring
	fullScoring = on
	t.Cleanup(func() { fullScoring = old })
}

// SetMissesPerValue sets how many matches a single filter must turn away,
// per value of its facet, for the ranked pass to count them from bitmaps
// (0: always), until t ends.
func SetMissesPerValue(t interface{ Cleanup(func()) }, n uint64) {
	old := missesPerValue
	missesPerValue = n
	t.Cleanup(func() { missesPerValue = old })
}

// SetVisitEveryDocument makes searches without text visit every document
// of the type (on) or those their filters leave (off, as they do), until t
// ends.
func SetVisitEveryDocument(t interface{ Cleanup(func()) }, on bool) {
	old := visitEveryDocument
	visitEveryDocument = on
	t.Cleanup(func() { visitEveryDocument = old })
}

// LeafBoundViolations compiles text for the fields of documents of type
// typ and returns, over every posting of every leaf of its matcher, how
// many score above the leaf's bound (termMatcher.bound), and how many
// postings it read.
func LeafBoundViolations(x *Index, text, typ string) (violations, postings int, err error) {
	ctx := context.Background()
	snap, err := x.snapshot(ctx)
	if err != nil {
		return 0, 0, err
	}
	f := questionFields
	if typ == TypeExperience {
		f = experienceFields
	}
	pq, err := snap.parse(ctx, text, f, nil)
	if err != nil || pq.text == nil {
		return 0, 0, err
	}
	m, src, err := snap.fastMatcher(pq.text)
	if err != nil || m == nil {
		return 0, 0, err
	}
	none := make([]bool, len(src.keys))
	for _, l := range scoringLeaves(m) {
		own := &termMatcher{postingsCursor: &postingsCursor{src: src, pls: l.pls}, key: l.key, idf: l.idf, avg: l.avg, boost: l.boost, queryWeight: l.queryWeight}
		for _, pl := range l.pls {
			own.its = append(own.its, pl.Iterator(true, true, false, nil))
		}
		b, _ := own.bound(none)
		for d := own.advance(0); d != noDoc; d = own.advance(d + 1) {
			postings++
			if own.score() > b {
				violations++
			}
		}
	}
	return violations, postings, src.err
}
