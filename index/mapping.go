package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// MappingVersion changes whenever buildMapping changes in a way that needs a
// rebuild. It is recorded in each index and checked at Open.
const MappingVersion = 3

// The fields of an index document. Every question is a document of type
// "question" carrying its experience's facets; every experience is a
// document of type "experience" whose category and difficulty fields hold the
// values of all its questions.
//
//	field          analyzer  stored  used for
//	type           keyword   no      question / experience (a column)
//	experience_id  keyword   yes     link to the post; delete by post
//	ordinal        -         yes     question number shown in hits
//	title          en        yes     search (boosted), highlights
//	body           en        yes     search, highlights, snippets
//	company        keyword   no      facet and filter (a column)
//	role           keyword   no      facet and filter (a column)
//	status         keyword   no      facet and filter (a column)
//	category       keyword   no      facet and filter (a column)
//	difficulty     keyword   no      facet and filter (a column)
//	day            keyword   no      date (YYYY-MM-DD): sort, shown in hits (a column)
//	url            -         yes     link shown in hits
//	reads          -         yes     shown in hits
//	_source        -         yes     the whole Experience as JSON (experience documents only)
//
// Keyword fields are read into columns when an index is opened for search
// (see column), so they need neither doc values nor stored copies. Title
// and body keep term vectors: phrase queries need term positions. Scoring
// is BM25.
const (
	fieldType         = "type"
	fieldExperienceID = "experience_id"
	fieldOrdinal      = "ordinal"
	fieldTitle        = "title"
	fieldBody         = "body"
	fieldCompany      = "company"
	fieldRole         = "role"
	fieldStatus       = "status"
	fieldCategory     = "category"
	fieldDifficulty   = "difficulty"
	fieldDay          = "day"
	fieldURL          = "url"
	fieldReads        = "reads"
	fieldSource       = "_source"
)

// FacetFields lists the facet fields in the order they are shown.
var FacetFields = []string{fieldCompany, fieldRole, fieldCategory, fieldDifficulty, fieldStatus}

// Document types.
const (
	TypeQuestion   = "question"
	TypeExperience = "experience"
)

// buildMapping returns the one index mapping of this product.
func buildMapping() mapping.IndexMapping {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
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
	doc.AddFieldMappingsAt(fieldType, keywordField(false))
	doc.AddFieldMappingsAt(fieldExperienceID, keywordField(true))
	doc.AddFieldMappingsAt(fieldOrdinal, storedOnly(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldTitle, text())
	doc.AddFieldMappingsAt(fieldBody, text())
	for _, f := range FacetFields {
		doc.AddFieldMappingsAt(f, keywordField(false))
	}
	doc.AddFieldMappingsAt(fieldDay, keywordField(false))
	doc.AddFieldMappingsAt(fieldURL, storedOnly(bleve.NewTextFieldMapping()))
	doc.AddFieldMappingsAt(fieldReads, storedOnly(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldSource, storedOnly(bleve.NewTextFieldMapping()))
	// No composite _all field: every search names its fields, and _all
	// would cost indexing time and space for nothing.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.TypeField = "_mapping_type" // one mapping for both document types
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	m.ScoringModel = bindex.BM25Scoring
	return m
}
