package datadir

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

// A Smoke query checks one document of a version: the experience is there
// with its title (or gone, for a deletion), and a search made of words of
// one of its questions' title, narrowed by that question's facets, finds the
// question.
type Smoke struct {
	Experience string `json:"experience"`
	Title      string `json:"title,omitempty"`
	// Gone says the experience must not be there (it was deleted).
	Gone bool `json:"gone,omitempty"`

	Query   string              `json:"query,omitempty"`
	Filters map[string][]string `json:"filters,omitempty"`
	Cluster string              `json:"cluster,omitempty"`
	// Want is the question the search must find.
	Want string `json:"want,omitempty"`
}

// errInconclusive says that a smoke search matched more documents than it
// may page through without meeting its document, or that the query was
// refused (a title of common words only): it neither passes nor fails.
var errInconclusive = errors.New("inconclusive")

// IsInconclusive reports whether err from Smoke.Run says the search
// matched too many documents to tell.
func IsInconclusive(err error) bool { return errors.Is(err, errInconclusive) }

// smokePages and smokePageSize bound the hits a smoke search pages through.
const (
	smokePages    = 10
	smokePageSize = 100
	// smokeWords bounds the title words a smoke query takes.
	smokeWords = 8
)

// Run checks the document s describes in idx.
func (s Smoke) Run(ctx context.Context, idx *index.Index) error {
	e, err := idx.Experience(ctx, s.Experience)
	switch {
	case s.Gone && errors.Is(err, index.ErrNotFound):
		return nil
	case s.Gone && err == nil:
		return fmt.Errorf("experience %s was deleted but is still there", s.Experience)
	case err != nil:
		return fmt.Errorf("experience %s: %w", s.Experience, err)
	case e.Title != s.Title:
		return fmt.Errorf("experience %s has title %q, want %q", s.Experience, e.Title, s.Title)
	}
	if s.Want == "" {
		return nil
	}
	req := askedat.Request{Query: s.Query, Filters: s.Filters, Cluster: s.Cluster, Size: smokePageSize, FacetSize: 1}
	for page := 0; page < smokePages; page++ {
		res, err := idx.Search(ctx, req)
		var rerr *askedat.RequestError
		if errors.As(err, &rerr) {
			// only common words, say: the title cannot be searched
			return fmt.Errorf("search %q is refused (%v): %w", s.Query, err, errInconclusive)
		}
		if err != nil {
			return fmt.Errorf("search %q: %w", s.Query, err)
		}
		for _, h := range res.Hits {
			if h.ID == s.Want {
				return nil
			}
		}
		if res.NextCursor == "" {
			return fmt.Errorf("search %q (filters %v, cluster %q) found %d documents but not %s", s.Query, s.Filters, s.Cluster, res.Total, s.Want)
		}
		req.Cursor = res.NextCursor
	}
	return fmt.Errorf("search %q matched more than %d documents before %s: %w", s.Query, smokePages*smokePageSize, s.Want, errInconclusive)
}

// SmokeFor derives a smoke query from an indexed (normalised, clustered)
// experience: one of its questions, chosen with rng, searched by the words
// of its title. For a deletion (Deleted set) the experience must be gone.
func SmokeFor(e *askedat.Experience, rng *rand.Rand) Smoke {
	if e.Deleted {
		return Smoke{Experience: e.ID, Gone: true}
	}
	s := Smoke{Experience: e.ID, Title: e.Title}
	var usable []int
	for i, q := range e.Questions {
		if len(titleWords(q.Title)) > 0 {
			usable = append(usable, i)
		}
	}
	if len(usable) == 0 {
		return s
	}
	q := e.Questions[usable[rng.IntN(len(usable))]]
	s.Query = TitleQuery(q.Title)
	s.Filters = map[string][]string{}
	for f, v := range map[string]string{"company": e.Company, "role": e.Role, "status": e.Status, "category": q.Category, "difficulty": q.Difficulty} {
		if v != "" {
			s.Filters[f] = []string{v}
		}
	}
	s.Cluster = q.Cluster
	s.Want = askedat.QuestionID(e.ID, q.Ordinal)
	return s
}

// TitleQuery returns a query for the words of a title: every word must
// match, and no word is an operator.
func TitleQuery(title string) string { return strings.Join(titleWords(title), " ") }

// titleWords returns the words of a title fit for a query: split at white
// space as the query is, lower-cased (so no word is OR), without the
// characters the query language gives a meaning (quotes, *, :, a leading
// -), and only those with a letter or digit; at most smokeWords. Each word
// is then analysed as the indexed title was ("bit.ly" stays one word).
func titleWords(title string) []string {
	clean := strings.Map(func(r rune) rune {
		if r == '"' || r == '*' || r == ':' {
			return ' '
		}
		return r
	}, strings.ToLower(title))
	var ws []string
	for _, w := range strings.Fields(clean) {
		w = strings.TrimLeft(w, "-")
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			ws = append(ws, w)
		}
		if len(ws) == smokeWords {
			break
		}
	}
	return ws
}
