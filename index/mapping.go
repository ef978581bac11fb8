package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever buildMapping changes in a way that needs a
// rebuild. It is recorded in each index and checked at Open.
const MappingVersion = 1

// The fields of an index document. Every question is a document of type
// "question" carrying its experience's facets; every experience is a
// document of type "experience" whose category and difficulty fields hold the
// values of all its questions.
//
//	field          analyzer  stored  docValues  used for
//	type           keyword   no      no         question / experience filter
//	experience_id  keyword   yes     no         link to the post; delete by post
//	ordinal        -         yes     -          question number shown in hits
//	title          en        yes     -          search (boosted), highlights
//	body           en        yes     -          search, highlights, snippets
//	company        keyword   yes     yes        facet, filter
//	role           keyword   yes     yes        facet, filter
//	status         keyword   yes     yes        facet, filter
//	category       keyword   yes     yes        facet, filter
//	difficulty     keyword   yes     yes        facet, filter
//	date           datetime  yes     yes        sort, date shown in hits
//	url            -         yes     -          link shown in hits
//	reads          -         yes     -          shown in hits
//	_source        -         yes     -          the whole Experience as JSON (experience documents only)
//
// Title and body keep term vectors: highlighting and phrase queries need
// term locations.
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
	fieldDate         = "date"
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
	facet := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	keywordOnly := func(store bool) *mapping.FieldMapping {
		f := facet()
		f.Store = store
		f.DocValues = false
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
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	date.DocValues = true

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldType, keywordOnly(false))
	doc.AddFieldMappingsAt(fieldExperienceID, keywordOnly(true))
	doc.AddFieldMappingsAt(fieldOrdinal, storedOnly(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldTitle, text())
	doc.AddFieldMappingsAt(fieldBody, text())
	for _, f := range FacetFields {
		doc.AddFieldMappingsAt(f, facet())
	}
	doc.AddFieldMappingsAt(fieldDate, date)
	doc.AddFieldMappingsAt(fieldURL, storedOnly(bleve.NewTextFieldMapping()))
	doc.AddFieldMappingsAt(fieldReads, storedOnly(bleve.NewNumericFieldMapping()))
	doc.AddFieldMappingsAt(fieldSource, storedOnly(bleve.NewTextFieldMapping()))

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.TypeField = "_mapping_type" // one mapping for both document types
	m.DefaultAnalyzer = en.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
