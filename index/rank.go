// Ranking: the order of hits (the sorts, the default one, rankAbove), the
// top-k heap each worker keeps, and the merge of the workers' best
// candidates.

package index

import (
	"container/heap"
	"sort"
)

// A candidate is a matching document with what ranks it.
type candidate struct {
	doc   uint32
	day   uint32
	asked uint32 // ordinal of "asked at N companies"
	n     uint32 // collapsed: the matches of its group
	// tier is 0 for a match of the query as typed, i for one of its i-th
	// relaxation (plan.run): every tier ranks below the one before.
	tier  uint32
	score float64
}

// How hits are ordered.
type sortKind int

const (
	byRelevance sortKind = iota
	byDate               // newest first
	byDateAsc            // oldest first
	byAsked
)

// sortKinds maps Request.Sort to the order it names.
var sortKinds = map[string]sortKind{"relevance": byRelevance, "date": byDate, "date_asc": byDateAsc, "asked": byAsked}

// ranked returns the best candidates up to the end of the page asked for,
// best first, and how many hits the pages run over: the matches, or, for a
// collapsed search, the groups (which it also puts in res.Groups).
func (p *plan) ranked(parts []*partial, res *Result) ([]candidate, uint64) {
	var all []candidate
	hits := res.Total
	if p.collapse {
		gs := mergeGroups(parts, p.sortBy)
		res.Groups = uint64(len(gs.groups)) + gs.singles
		hits = res.Groups
		top := topK{k: p.k, sortBy: p.sortBy}
		for _, g := range gs.groups {
			if p.after == nil || rankAbove(*p.after, g.best, p.sortBy) {
				top.offer(g.best)
			}
		}
		for _, pt := range parts {
			for _, c := range pt.top.items {
				top.offer(c) // the questions of their own, past the cursor already
			}
		}
		all = top.items
		p.snap.releaseGroups(parts)
	} else {
		for _, pt := range parts {
			all = append(all, pt.top.items...)
		}
	}
	sort.Slice(all, func(i, j int) bool { return p.less(all[j], all[i]) })
	return all, hits
}

// topK keeps the k best candidates seen, as a min-heap on rank.
type topK struct {
	k      int
	sortBy sortKind
	items  []candidate
}

func (t *topK) offer(c candidate) {
	if len(t.items) < t.k {
		heap.Push(t, c)
		return
	}
	if t.better(c, t.items[0]) {
		t.items[0] = c
		heap.Fix(t, 0)
	}
}

// better reports whether a ranks above b.
func (t *topK) better(a, b candidate) bool { return rankAbove(a, b, t.sortBy) }

func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(i, j int) bool { return t.better(t.items[j], t.items[i]) }
func (t *topK) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *topK) Push(x any)         { t.items = append(t.items, x.(candidate)) }
func (t *topK) Pop() any {
	x := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return x
}

// less reports whether a ranks below b for this plan.
func (p *plan) less(a, b candidate) bool { return rankAbove(b, a, p.sortBy) }

// rankAbove orders hits: matches of the query as typed first, then those of
// each relaxation in turn (candidate.tier); within a tier by score, then newest, then document number; by
// date: newest, then score; by date_asc: oldest, then score; by asked: the
// most companies, then score, then newest. A hit without a date (day
// ordinal 0) is below every dated one by date_asc as by date, as
// Elasticsearch sorts missing values last either way. The document number
// breaks every tie, so the order is total and pages (and cursors, which
// name the last hit by these keys) never repeat or skip a hit.
func rankAbove(a, b candidate, by sortKind) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	switch by {
	case byDate:
		if a.day != b.day {
			return a.day > b.day
		}
		if a.score != b.score {
			return a.score > b.score
		}
	case byDateAsc:
		if a.day != b.day {
			if a.day == 0 || b.day == 0 {
				return b.day == 0 // undated last
			}
			return a.day < b.day
		}
		if a.score != b.score {
			return a.score > b.score
		}
	case byAsked:
		if a.asked != b.asked {
			return a.asked > b.asked
		}
		if a.score != b.score {
			return a.score > b.score
		}
		if a.day != b.day {
			return a.day > b.day
		}
	default:
		if a.score != b.score {
			return a.score > b.score
		}
		if a.day != b.day {
			return a.day > b.day
		}
	}
	return a.doc < b.doc
}
