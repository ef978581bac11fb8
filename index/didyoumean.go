// Did you mean: the corrected or shortened query offered for a query that
// found nothing.

package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// suggest returns a query that finds something, offered for a query that
// found nothing ("did you mean"): first the query with each word that may
// be a typo replaced by its likeliest correction; failing that, the
// (corrected) query without the word that keeps the most hits (tried for
// queries of up to maxDropWords words: each try is a search). It returns
// "" when there is nothing to offer, and an error wrapping ctx's when ctx
// ends first. Its re-searches share the search's budget b.
func (s *snapshot) suggest(ctx context.Context, r Request, pq *compiledQuery, b *budget) (string, error) {
	// Only words the index does not know are corrected: a rare word that
	// exists is what was meant.
	corrected := r.Query
	forms := make([]string, len(pq.words)) // each word as it stands in corrected
	for i, w := range pq.words {
		forms[i] = w.typed
		if s.docFreq(w.term, questionFields)+s.docFreq(w.term, experienceFields) > 0 {
			continue
		}
		fixes := w.fixes
		if fixes == nil {
			fixes = s.corrections(w.typed, w.term, questionFields, b)
		}
		if len(fixes) > 0 {
			corrected = replaceWord(corrected, w.typed, fixes[0].surface)
			forms[i] = fixes[0].surface
		}
	}
	// total counts the hits of q; a q the index refuses counts 0.
	total := func(q string) (uint64, error) {
		if !b.spend(1, "did-you-mean re-searches") {
			return 0, errOverBudget
		}
		r := r
		r.Query = q
		r.Collapse = "" // only the total is wanted
		p, err := s.plan(ctx, &r, nil, b)
		if err != nil {
			return 0, ctx.Err()
		}
		p.noRelax = true
		parts, err := p.run(ctx)
		if err != nil {
			return 0, err
		}
		var n uint64
		for _, pt := range parts {
			n += pt.total
		}
		return n, nil
	}
	if corrected != r.Query {
		n, err := total(corrected)
		if errors.Is(err, errOverBudget) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("did you mean: %w", err)
		}
		if n > 0 {
			return corrected, nil
		}
	}
	if len(pq.words) == 0 || len(pq.reqs) < 2 || len(pq.words) > maxDropWords {
		return "", nil
	}
	// Drop the most common word first (on a tie, the word typed last):
	// the rarest words say most about what was wanted, so the first
	// query without a common word that finds something is offered.
	order := make([]int, len(pq.words))
	docs := make([]uint64, len(pq.words))
	for i, w := range pq.words {
		order[i] = i
		docs[i] = s.docFreq(w.term, questionFields) + s.docFreq(w.term, experienceFields)
	}
	sort.SliceStable(order, func(a, b int) bool {
		if docs[order[a]] != docs[order[b]] {
			return docs[order[a]] > docs[order[b]]
		}
		return order[a] > order[b]
	})
	for _, i := range order {
		q := CleanSpace(replaceWord(corrected, forms[i], ""))
		if q == "" || q == corrected {
			continue
		}
		n, err := total(q)
		if errors.Is(err, errOverBudget) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("did you mean: %w", err)
		}
		if n > 0 {
			return q, nil
		}
	}
	return "", nil
}

// errOverBudget stops "did you mean" when the search's budget is spent:
// the search then offers nothing, and says it is partial.
var errOverBudget = errors.New("over the search's budget")

// replaceWord replaces the first whole-word occurrence of old in s.
func replaceWord(s, old, new string) string {
	for i := 0; ; {
		j := strings.Index(s[i:], old)
		if j < 0 {
			return s
		}
		j += i
		end := j + len(old)
		before := j == 0 || !isWordByte(s[j-1])
		after := end == len(s) || !isWordByte(s[end])
		if before && after {
			return s[:j] + new + s[end:]
		}
		i = end
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}
