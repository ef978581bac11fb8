// Documents: an experience turned into the index's documents, the
// experience's and one per question, with the text capped.

package index

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/askedat/askedat/internal/catalog"
)

// MaxFieldBytes bounds the text of one field of one document that is
// analysed and stored for search: a title, a body, an experience's text (its
// summary, body and question titles). Past it the text is cut (at a word
// where one ends near it) before analysis, and catalogue tagging reads only
// what is kept; the experience's _source, which the API returns, stays
// whole. Analysis costs 100-200 bytes of memory per byte of text (a 10 MB
// body took 2 GB); the largest real post is about 21 KB, three times less.
// At 256 KiB, 200 lines of 300 KB of random words took 10.3 GB to index; at
// 64 KiB, 3.7 GB (decision 109).
const MaxFieldBytes = 64 << 10

type document struct {
	id     string
	fields map[string]interface{}
}

// documents turns an experience into its index documents, the experience
// itself, then its questions, and its records for the text store
// (records.go), which are all a hit shows and the API returns. Each
// document is to get its ref (docRef) in the field ref.
func documents(e *Experience) ([]document, [][]byte, error) {
	recs, err := records(e)
	if err != nil {
		return nil, nil, err
	}
	common := func(typ string) map[string]interface{} {
		m := map[string]interface{}{fieldType: typ}
		putString(m, fieldCompany, e.Company)
		putString(m, fieldRole, e.Role)
		putString(m, fieldStatus, e.Status)
		putString(m, fieldDay, e.Date)
		return m
	}

	docs := make([]document, 0, len(e.Questions)+1)
	exp := common(TypeExperience)
	putString(exp, fieldETitle, capText(e.Title))
	cats, diffs := []string{}, []string{}
	seenCat, seenDiff := map[string]bool{}, map[string]bool{}
	if e.Difficulty != "" {
		// The interview's own rating: an experience search filtered to Hard
		// finds the interviews rated hard. Its questions keep their own
		// difficulty (often none); they do not inherit the interview's.
		seenDiff[e.Difficulty] = true
		diffs = append(diffs, e.Difficulty)
	}
	// The catalogue's problems and topics the post mentions: its
	// questions', and those its own words name (a problem told in prose).
	// Each line is tagged alone: a catalogue entry's "unless" words look
	// at the whole text given, and one line's "matrix" says nothing of
	// another line's tree.
	var concepts, rounds []string
	for _, text := range []string{e.Title, e.Summary, e.Body} {
		for _, line := range strings.Split(capText(text), "\n") {
			concepts = append(concepts, catalog.Tags(line)...)
		}
	}
	// A question's kinds of round (catalog.IsRound) go to a field of their
	// own: those its text names ("asked in the telephonic round") and
	// those its round's heading names ("Online Round", "Round 2 (F2F)"),
	// which is where it was asked though its text seldom says so. The
	// heading's other tags ("Round 3: System Design") are left out: in the
	// concept field they would lengthen the norm that weighs what the
	// question asks.
	qConcepts := make([][]string, len(e.Questions))
	qRounds := make([][]string, len(e.Questions))
	headings := map[string][]string{} // a round's kinds, tagged once for its questions
	for i, q := range e.Questions {
		qConcepts[i], qRounds[i] = splitRounds(catalog.Tags(capText(q.Title + "\n" + q.Body)))
		if q.Round != "" {
			kinds, ok := headings[q.Round]
			if !ok {
				_, kinds = splitRounds(catalog.Tags(q.Round))
				headings[q.Round] = kinds
			}
			qRounds[i] = append(qRounds[i], kinds...)
		}
		concepts = append(concepts, qConcepts[i]...)
		rounds = append(rounds, qRounds[i]...)
	}
	concepts, own := splitRounds(concepts)
	putList(exp, fieldConcept, concepts)
	putList(exp, fieldRound, append(rounds, own...))
	for _, q := range e.Questions {
		if q.Category != "" && !seenCat[q.Category] {
			seenCat[q.Category] = true
			cats = append(cats, q.Category)
		}
		if d := indexedDifficulty(&q); d != "" && !seenDiff[d] {
			seenDiff[d] = true
			diffs = append(diffs, d)
		}
	}
	putString(exp, fieldEBody, experienceText(e))
	if len(cats) > 0 {
		exp[fieldCategory] = cats
	}
	if len(diffs) > 0 {
		exp[fieldDifficulty] = diffs
	}
	docs = append(docs, document{id: e.ID, fields: exp})

	for i, q := range e.Questions {
		m := common(TypeQuestion)
		putList(m, fieldConcept, qConcepts[i])
		putList(m, fieldRound, qRounds[i])
		putString(m, fieldTitle, capText(q.Title))
		putString(m, fieldBody, capText(q.Body))
		putString(m, fieldCategory, q.Category)
		putString(m, fieldDifficulty, indexedDifficulty(&q))
		putString(m, fieldCluster, q.Cluster)
		if q.AskedAt > 0 {
			m[fieldAsked] = fmt.Sprintf("%06d", q.AskedAt)
		}
		docs = append(docs, document{id: QuestionID(e.ID, q.Ordinal), fields: m})
	}
	return docs, recs, nil
}

// splitRounds parts tags into the kinds of round (catalog.IsRound) and the
// others, each in the order given.
func splitRounds(tags []string) (others, rounds []string) {
	for _, t := range tags {
		if catalog.IsRound(t) {
			rounds = append(rounds, t)
		} else {
			others = append(others, t)
		}
	}
	return others, rounds
}

// experienceText is what an experience's document searches and shows as
// its text: its summary, its body and its questions' titles, capped.
func experienceText(e *Experience) string {
	var b strings.Builder
	b.WriteString(e.Summary)
	if e.Body != "" {
		b.WriteString("\n\n")
		b.WriteString(e.Body)
	}
	for _, q := range e.Questions {
		b.WriteString("\n\n")
		b.WriteString(q.Title)
	}
	return capText(strings.TrimSpace(b.String()))
}

// documentBytes is the text of a document's fields: what a batch's memory
// grows with.
func documentBytes(fields map[string]interface{}) int {
	n := 0
	for _, v := range fields {
		switch v := v.(type) {
		case string:
			n += len(v)
		case []string:
			for _, s := range v {
				n += len(s)
			}
		}
	}
	return n
}

// capText returns s cut to at most MaxFieldBytes, at the last space within
// the final 1 KiB before the limit when there is one (so no word is cut in
// two), else at a character boundary.
func capText(s string) string {
	if len(s) <= MaxFieldBytes {
		return s
	}
	cut := MaxFieldBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if c := s[cut]; c == ' ' || c == '\t' || c == '\n' {
		return s[:cut] // a word ends at the limit
	}
	if i := strings.LastIndexAny(s[:cut], " \t\n"); i >= cut-1024 && i > 0 {
		cut = i
	}
	return s[:cut]
}

// putList sets m[k] to the distinct values of vs, sorted, unless there are
// none.
func putList(m map[string]interface{}, k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	vs = slices.Compact(slices.Sorted(slices.Values(vs)))
	m[k] = vs
}

// putString sets m[k] = v unless v is empty: an empty facet value is no
// value, not a value "".
func putString(m map[string]interface{}, k, v string) {
	if v != "" {
		m[k] = v
	}
}
