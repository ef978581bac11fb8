// Records: an experience as the text store keeps it, a group of records:
// the experience's own (the number of its questions, then its JSON without
// them) and one per question (its JSON), so that a hit decodes its own
// question, not the whole post (decision 144).

package index

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bindex "github.com/blevesearch/bleve_index_api"
)

// records returns the text store's records of e.
func records(e *Experience) ([][]byte, error) {
	own := *e
	own.Questions = nil
	js, err := json.Marshal(&own)
	if err != nil {
		return nil, fmt.Errorf("encode experience %s: %w", e.ID, err)
	}
	recs := [][]byte{append(binary.AppendUvarint(make([]byte, 0, len(js)+2), uint64(len(e.Questions))), js...)}
	for i := range e.Questions {
		q, err := json.Marshal(&e.Questions[i])
		if err != nil {
			return nil, fmt.Errorf("encode question %d of experience %s: %w", e.Questions[i].Ordinal, e.ID, err)
		}
		recs = append(recs, q)
	}
	return recs, nil
}

// refOf returns the ref of a document's group and which of the group's
// records is the document's: 0 the experience, i its i-th question.
func refOf(doc bindex.Document, id string) ([]byte, int, error) {
	var ref []byte
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fieldRef {
			ref = f.Value()
		}
	})
	if ref == nil {
		return nil, 0, fmt.Errorf("document %s has no ref to its text", id)
	}
	rec, i, err := splitDocRef(ref)
	if err != nil {
		return nil, 0, fmt.Errorf("document %s: %w", id, err)
	}
	return rec, i, nil
}

// ownRecord decodes an experience's own record into e, and returns the
// number of its questions.
func ownRecord(raw []byte, e any, id string) (int, error) {
	n, k := binary.Uvarint(raw)
	if k <= 0 {
		return 0, fmt.Errorf("experience of %s: its record is damaged", id)
	}
	if err := json.Unmarshal(raw[k:], e); err != nil {
		return 0, fmt.Errorf("decode experience of %s: %w", id, err)
	}
	return int(n), nil
}

// experience returns the whole experience of the group ref names.
func (s *textStore) experience(ref []byte, id string) (*Experience, error) {
	g, err := s.group(ref)
	if err != nil {
		return nil, fmt.Errorf("experience %s: %w", id, err)
	}
	raw, err := g(0)
	if err != nil {
		return nil, fmt.Errorf("experience %s: %w", id, err)
	}
	var e Experience
	n, err := ownRecord(raw, &e, id)
	if err != nil {
		return nil, err
	}
	e.Questions = make([]Question, n)
	for i := range e.Questions {
		if err := decodeRecord(g, i+1, &e.Questions[i], id); err != nil {
			return nil, err
		}
	}
	return &e, nil
}

// decodeRecord decodes record i of group g into v.
func decodeRecord(g func(int) ([]byte, error), i int, v any, id string) error {
	raw, err := g(i)
	if err != nil {
		return fmt.Errorf("experience of %s: %w", id, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode record %d of the experience of %s: %w", i, id, err)
	}
	return nil
}

// hitText is what a hit shows of its document: its experience's id and
// URL, and its title and text (a question's body; an experience's summary,
// body and questions' titles), and for a question its ordinal, round and
// cluster title.
type hitText struct {
	expID, url, title, body string
	ordinal                 int
	round, clusterTitle     string
}

// hitText reads what a hit of document doc shows: for a question, its
// experience's id and URL and its own record; for an experience, its own
// and its questions' titles.
func (s *textStore) hitText(doc bindex.Document, id string) (hitText, error) {
	ref, i, err := refOf(doc, id)
	if err != nil {
		return hitText{}, err
	}
	g, err := s.group(ref)
	if err != nil {
		return hitText{}, fmt.Errorf("experience of %s: %w", id, err)
	}
	raw, err := g(0)
	if err != nil {
		return hitText{}, fmt.Errorf("experience of %s: %w", id, err)
	}
	if i > 0 {
		var own struct {
			ID  string `json:"id"`
			URL string `json:"url"`
		}
		n, err := ownRecord(raw, &own, id)
		if err != nil {
			return hitText{}, err
		}
		if i > n {
			return hitText{}, fmt.Errorf("document %s: its experience has %d questions, not %d", id, n, i)
		}
		var q struct {
			Ordinal      int    `json:"ordinal"`
			Title        string `json:"title"`
			Body         string `json:"body"`
			Round        string `json:"round"`
			ClusterTitle string `json:"cluster_title"`
		}
		if err := decodeRecord(g, i, &q, id); err != nil {
			return hitText{}, err
		}
		return hitText{expID: own.ID, url: own.URL, title: capText(q.Title), body: capText(q.Body),
			ordinal: q.Ordinal, round: q.Round, clusterTitle: q.ClusterTitle}, nil
	}
	var e Experience
	n, err := ownRecord(raw, &e, id)
	if err != nil {
		return hitText{}, err
	}
	e.Questions = make([]Question, n)
	for j := range e.Questions {
		var q struct {
			Title string `json:"title"`
		}
		if err := decodeRecord(g, j+1, &q, id); err != nil {
			return hitText{}, err
		}
		e.Questions[j].Title = q.Title
	}
	return hitText{expID: e.ID, url: e.URL, title: capText(e.Title), body: experienceText(&e)}, nil
}
