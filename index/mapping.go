package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// MappingVersion changes whenever buildMapping changes in a way that needs a
// rebuild. It is recorded in each index and checked at Open.
const MappingVersion = 13

// The fields of an index document. Every question is a document of type
// "question" carrying its experience's facets; every experience is a
// document of type "experience" whose category and difficulty fields hold the
// values of all its questions.
//
//	field          analyzer  stored  used for
//	type           keyword   no      question / experience (a column)
//	title          en_words  no      a question's title: search (boosted)
//	body           en_words  no      a question's body: search
//	pairs          en_pairs  no      a question's title and body as word pairs: phrases
//	etitle         en_words  no      an experience's title (as title, for experiences)
//	ebody          en_words  no      an experience's summary, text and question titles
//	epairs         en_pairs  no      an experience's word pairs
//	company        keyword   no      facet and filter (a column)
//	role           keyword   no      facet and filter (a column)
//	status         keyword   no      facet and filter (a column)
//	category       keyword   no      facet and filter (a column)
//	difficulty     keyword   no      facet and filter (a column)
//	day            keyword   no      date (YYYY-MM-DD): sort, shown in hits (a column)
//	cluster        keyword   no      the question's cluster: the same question asked elsewhere (a column)
//	asked          keyword   no      companies the cluster was asked at, zero-padded (a column; sort=asked)
//	concept        keyword   no      the catalogue's problems and topics the text mentions (internal/catalog): search
//	round          keyword   no      the kinds of interview round (catalog.IsRound) a question's round heading
//	                                 and its text name, or an experience's: search
//	ref            -         yes     where the text store keeps the document's experience, and
//	                                 which of its questions a question document is (textstore.go)
//
// What a hit shows and the API returns (titles, bodies, the URL, the whole
// experience) is kept once, in the text store beside the segments: each
// experience as JSON records, compressed with zstd in blocks of many
// experiences (decision 144). zap would compress each document's stored
// fields alone. The experience a document is of is read from its id
// (loadExperienceColumn), not from a field of its own.
//
// Keyword fields are read into columns when an index is opened for search
// (see column), so they need neither doc values nor stored copies.
//
// Questions and experiences search different text fields, so a search for
// questions never reads (or scores) the long texts of experiences, and
// BM25's average field length is that of questions.
//
// Phrases are matched on word pairs (shingles): "linked list" is the one
// term "link list" of the pairs field, a single postings list, where a
// positional phrase search would decode term locations for every document
// holding both words. A longer phrase must have all its pairs of words next
// to each other, and each word a stop word cuts off from both neighbours in
// the title or the body: no pair spans a stop word (decision 142).
// Highlights are computed from the stored text of the hits shown, so no
// field keeps term vectors. Scoring is BM25.
const (
	fieldType       = "type"
	fieldTitle      = "title"
	fieldBody       = "body"
	fieldPairs      = "pairs"
	fieldETitle     = "etitle"
	fieldEBody      = "ebody"
	fieldEPairs     = "epairs"
	fieldCompany    = "company"
	fieldRole       = "role"
	fieldStatus     = "status"
	fieldCategory   = "category"
	fieldDifficulty = "difficulty"
	fieldDay        = "day"
	fieldCluster    = "cluster"
	fieldAsked      = "asked"
	fieldConcept    = "concept"
	fieldRound      = "round"
	fieldRef        = "ref"
)

// The analyzers of the text fields: en's words, and pairs of them.
const (
	wordsAnalyzer     = "en_words"
	pairsAnalyzerName = "en_pairs"
)

// buildMapping returns the one index mapping of this product.
func buildMapping() mapping.IndexMapping {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = wordsAnalyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	pairs := func(name string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = pairsAnalyzerName
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		f.SkipFreqNorm = true
		return f
	}
	storedOnly := func(f *mapping.FieldMapping) *mapping.FieldMapping {
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldType, keywordField())
	doc.AddFieldMappingsAt(fieldTitle, text(), pairs(fieldPairs))
	doc.AddFieldMappingsAt(fieldBody, text(), pairs(fieldPairs))
	doc.AddFieldMappingsAt(fieldETitle, text(), pairs(fieldEPairs))
	doc.AddFieldMappingsAt(fieldEBody, text(), pairs(fieldEPairs))
	for _, f := range FacetFields {
		doc.AddFieldMappingsAt(f, keywordField())
	}
	doc.AddFieldMappingsAt(fieldDay, keywordField())
	doc.AddFieldMappingsAt(fieldCluster, keywordField())
	doc.AddFieldMappingsAt(fieldAsked, keywordField())
	// Concepts keep their norms: a concept match scores as a word does
	// (without them every match scored 0, and a post that names the problem
	// in other words ranked below any that shares one word with the query);
	// a question tagged with few concepts is more about each than a post
	// with forty.
	concept := keywordField()
	concept.SkipFreqNorm = false
	doc.AddFieldMappingsAt(fieldConcept, concept)
	// The kinds of rounds apart from the other concepts: a round is where
	// a question was asked, and a tag of it in the concept field would
	// lengthen that field's norm, which weighs what the question is about.
	round := keywordField()
	round.SkipFreqNorm = false
	doc.AddFieldMappingsAt(fieldRound, round)
	doc.AddFieldMappingsAt(fieldRef, storedOnly(bleve.NewTextFieldMapping()))
	// No composite _all field: every search names its fields, and _all
	// would cost indexing time and space for nothing.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	// The words of each text are analysed once, for its words field and
	// its pairs field (analyseonce.go).
	if err := m.AddCustomAnalyzer(wordsAnalyzer, map[string]interface{}{"type": wordsKeepingType}); err != nil {
		panic(fmt.Sprintf("mapping: %v", err)) // a constant configuration
	}
	if err := m.AddCustomAnalyzer(pairsAnalyzerName, map[string]interface{}{"type": pairsOfWordsType}); err != nil {
		panic(fmt.Sprintf("mapping: %v", err))
	}
	m.DefaultMapping = doc
	m.TypeField = "_mapping_type" // one mapping for both document types
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.ScoringModel = bindex.BM25Scoring
	return m
}
