package index

import (
	"fmt"
	"slices"
	"strings"
)

// inferredSuffix marks, in the index, a difficulty the indexer inferred:
// "Hard" stated and "Hard (inferred)" are two values of the difficulty
// column, so a filter, a facet count and a hit can tell them apart without
// a column of their own, and a filter on Hard takes both unless the
// request asks for stated values only.
const inferredSuffix = " (inferred)"

// indexedDifficulty is the value the difficulty field of q holds.
func indexedDifficulty(q *Question) string {
	if q.Difficulty != "" && q.DifficultySource == DifficultyInferred {
		return q.Difficulty + inferredSuffix
	}
	return q.Difficulty
}

// splitInferred returns an indexed difficulty as shown, and whether it was
// inferred.
func splitInferred(v string) (string, bool) {
	if base, ok := strings.CutSuffix(v, inferredSuffix); ok {
		return base, true
	}
	return v, false
}

// checkDifficultySource returns the canonical value of a
// Request.DifficultySource, or an error naming the values.
func checkDifficultySource(s string) (string, error) {
	switch k := DifficultySourceKey(s); k {
	case "", SourceStated, SourceInferred:
		return k, nil
	}
	return "", badRequest("difficulty_source %q is unknown: use %s (the default), %s or %s", s, SourceAny, SourceStated, SourceInferred)
}

// hiddenDifficulties returns, by ordinal of the difficulty column, the
// values a request with that source treats as absent (nil: none).
func hiddenDifficulties(col *column, source string) []bool {
	if source == "" {
		return nil
	}
	hide := make([]bool, len(col.values))
	for o := 1; o < len(col.values); o++ {
		_, inferred := splitInferred(col.values[o])
		hide[o] = inferred == (source == SourceStated)
	}
	return hide
}

// describeSource is the source's part of a cursor's seal.
func describeSource(source string) string {
	if source == "" {
		return ""
	}
	return fmt.Sprintf("|difficulty_source=%q", source)
}

// shownDifficulty returns a hit's difficulty column entry (values joined
// by ", ") as shown, each value once, and DifficultyInferred when every
// value was inferred.
func shownDifficulty(v string) (shown, source string) {
	if v == "" {
		return "", ""
	}
	var out []string
	all := true
	for _, part := range strings.Split(v, ", ") {
		base, inferred := splitInferred(part)
		all = all && inferred
		if !slices.Contains(out, base) {
			out = append(out, base)
		}
	}
	if all {
		source = DifficultyInferred
	}
	return strings.Join(out, ", "), source
}

// addFacetValue adds n documents of the indexed value v to vals: an
// inferred difficulty counts under its value as shown, and in its
// Inferred.
func addFacetValue(vals []FacetValue, v string, n int) []FacetValue {
	base, inferred := splitInferred(v)
	i := slices.IndexFunc(vals, func(x FacetValue) bool { return x.Value == base })
	if i < 0 {
		vals = append(vals, FacetValue{Value: base})
		i = len(vals) - 1
	}
	vals[i].Count += n
	if inferred {
		vals[i].Inferred += n
	}
	return vals
}
