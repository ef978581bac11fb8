package main

import "askedat/internal/catalog"

// problemOf returns the catalogue's problem a question asks, for grouping:
// the one problem its title names, else the one its title and body name
// together; "" when they name none or several (a question that asks two
// things is grouped by its words alone).
func problemOf(title, body string) string {
	if p := onlyProblem(catalog.Tags(title)); p != "" {
		return p
	}
	return onlyProblem(catalog.Tags(title + "\n" + body))
}

// onlyProblem returns the one problem among tags, or "".
func onlyProblem(tags []string) string {
	found := ""
	for _, id := range tags {
		if e := catalog.Lookup(id); e != nil && e.Kind == catalog.KindProblem {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// knownProblemOf is problemOf for a question whose title is a problem's
// known name (a LeetCode title of an imported list): the catalogue's entry
// of that LeetCode title; else problemOf's, unless that entry is another
// LeetCode problem. "Permutation Sequence" mentions permutations, but it is
// not LeetCode's Permutations, and must neither join its group nor give it
// its rating.
func knownProblemOf(title, body string) string {
	if e := catalog.ByLeetCode(title); e != nil && e.Kind == catalog.KindProblem {
		return e.ID
	}
	p := problemOf(title, body)
	if e := catalog.Lookup(p); e != nil && e.LeetCode != "" {
		return ""
	}
	return p
}
