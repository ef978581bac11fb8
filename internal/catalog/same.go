package catalog

// Question returns the ID of the entry whose question id's is: the first,
// in file order, of the problems that same lines join to id (a problem
// told in two framings is one question: "painter's partition" and "book
// allocation"), id itself when none does, "" for an unknown id. Grouping
// joins questions by it; each entry keeps its own names, tags and rating.
func (c *Catalog) Question(id string) string {
	i, ok := c.byID[id]
	if !ok {
		return ""
	}
	return c.entries[c.question[i]].ID
}

// Question is Catalog.Question of the embedded catalogue.
func Question(id string) string { return std().Question(id) }

// sameQuestions checks the same lines of blocks and returns, for each
// entry of c, the first entry (by index) of those they join it to.
func sameQuestions(c *Catalog, blocks []*block, fail func(line int, format string, args ...any)) []int32 {
	parent := make([]int32, len(c.entries))
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, b := range blocks {
		e := b.entry
		if len(e.Same) == 0 {
			continue
		}
		if e.Kind != KindProblem {
			fail(b.sameLine, "same of topic %q: only a problem is a question", e.ID)
			continue
		}
		for _, id := range e.Same {
			j, ok := c.byID[id]
			switch {
			case !ok:
				fail(b.sameLine, "%q is the same question as %q, which is not in the catalogue", e.ID, id)
			case c.entries[j].Kind != KindProblem:
				fail(b.sameLine, "%q is the same question as %q, which is a topic", e.ID, id)
			case id == e.ID:
				fail(b.sameLine, "%q is the same question as itself", e.ID)
			default:
				ri, rj := find(int32(c.byID[e.ID])), find(int32(j))
				parent[max(ri, rj)] = min(ri, rj) // the first is the root
			}
		}
	}
	question := make([]int32, len(c.entries))
	for i := range question {
		question[i] = find(int32(i))
	}
	return question
}
