package index

import (
	"fmt"
	"strings"
	"time"
)

// A search's optional work — typo lookups (a Levenshtein automaton walked
// over a field's dictionary for each probe of each word), prefix
// expansions, relaxation passes and the re-searches of "did you mean" —
// multiplies: a query of eight 24-letter nonsense words made 80 typo
// lookups, then did them again for "did you mean" and again in each of its
// eight re-searches, about 0.5 s of CPU (1.3 s searched as experiences)
// for a query that finds nothing. A budget bounds that work per search.
//
// Its unit is a step: one term-dictionary walk (one typo probe in one
// field, one prefix expanded in one field) or one extra search (a
// relaxation pass, a re-search of "did you mean"). Steps are counted
// rather than timed so that a query's answer does not depend on the load
// of the machine: the same query over the same index spends the same steps
// and gets the same answer. A deadline on the search's own time is a
// backstop for work the count does not foresee.
//
// What the budget bounds is optional: the query as typed always gets its
// strict pass (bounded by the limits of limits.go and the request's
// deadline). Over budget, a search skips the optional work left and
// answers what it found, with Result.Partial set and the reason in
// Result.PartialReason; it is never an error.
const (
	// SearchBudget is the steps one search may spend. A misspelt word
	// costs 6 to 10 (its probes in two fields), twice in an experience
	// search (its questions are searched too); the judged queries of the
	// relevance tests and a few typo-heavy ones spend at most 39
	// (TestBudgetOfNormalQueries, "revrse a linkd list in plce" as
	// experiences). The hostile query of issue 14 wants 97 as questions and
	// 178 as experiences even with the corrections kept for its re-searches
	// (and wanted about a thousand lookups before): within 64 it corrects
	// six of its words and skips the rest.
	SearchBudget = 64
	// SearchBudgetTime is the backstop: past it, a search does no more
	// optional work. It is wall time since the search began (Go has no
	// cheap per-goroutine CPU clock), so under heavy load a slow normal
	// search may reach it and answer partial; normal searches take
	// milliseconds, the hostile query within its steps tens of them.
	SearchBudgetTime = 500 * time.Millisecond
)

// budgetSteps and budgetTime are SearchBudget and SearchBudgetTime, but
// settable by tests.
var (
	budgetSteps = SearchBudget
	budgetTime  = SearchBudgetTime
)

// A budget is one search's allowance of optional work, with what that work
// found that the search may need again (the typo corrections of a word,
// looked up once for the query and its re-searches), and the count of what
// its scans visited. A search and its re-searches share one, through their
// plans; it is used by the search's own goroutine only (the workers of a
// pass never touch it: the pass adds up their visits after they end).
type budget struct {
	left     int
	deadline time.Time
	spent    int
	reasons  []string // what was skipped, in order, without repeats
	memo     map[correctionKey][]correction
	// visited counts the matches (or documents, without text) the scans
	// visited, in every pass: work outside the steps, bounded by the
	// limits and the deadline instead.
	visited uint64
}

type correctionKey struct {
	typed, term string
	f           textFields
}

func newBudget() *budget {
	return &budget{left: budgetSteps, deadline: time.Now().Add(budgetTime), memo: map[correctionKey][]correction{}}
}

// spend takes n steps for what (as "typo lookups") and reports whether
// they were allowed; when not, none are taken and what is noted as
// skipped. A nil budget allows everything.
func (b *budget) spend(n int, what string) bool {
	if b == nil {
		return true
	}
	switch {
	case b.left < n:
		b.skip(fmt.Sprintf("%s: the budget of %d steps was spent", what, budgetSteps))
		return false
	case time.Now().After(b.deadline):
		b.skip(fmt.Sprintf("%s: the search ran past %v", what, budgetTime))
		return false
	}
	b.left -= n
	b.spent += n
	return true
}

// charge takes n steps for work that is never skipped (a prefix's
// expansion, which MaxPrefixTerms bounds already), leaving less for the
// optional work after it.
func (b *budget) charge(n int) {
	if b == nil {
		return
	}
	b.left = max(0, b.left-n)
	b.spent += n
}

// visit counts n matches (or documents) a scan visited.
func (b *budget) visit(n uint64) {
	if b != nil {
		b.visited += n
	}
}

// stats returns what the search spent.
func (b *budget) stats() searchStats {
	if b == nil {
		return searchStats{}
	}
	return searchStats{spent: b.spent, visited: b.visited}
}

func (b *budget) skip(reason string) {
	for _, r := range b.reasons {
		if r == reason {
			return
		}
	}
	b.reasons = append(b.reasons, reason)
}

// partial reports whether the budget made the search skip any work, and
// why.
func (b *budget) partial() (bool, string) {
	if b == nil || len(b.reasons) == 0 {
		return false, ""
	}
	return true, "skipped " + strings.Join(b.reasons, "; ")
}
