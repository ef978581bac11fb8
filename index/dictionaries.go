package index

import (
	"fmt"

	"github.com/askedat/askedat"
)

// Dictionaries are the tables a version is searched with: the synonyms of
// query words, and the companies table that spelt its documents' companies
// and reads a filter's or a company: clause's value. The indexer writes
// them into the index it builds (Writer.SetDictionaries), so a version
// carries them to every reader and replica, and changing them is a reindex,
// not a rebuild of searchd.
type Dictionaries struct {
	Synonyms  *Synonyms
	Companies *askedat.CompanyAliases
}

// DefaultDictionaries returns the built-in tables: what an index that
// records none is searched with.
func DefaultDictionaries() Dictionaries {
	return Dictionaries{Synonyms: DefaultSynonyms(), Companies: askedat.DefaultCompanyAliases()}
}

// The keys of the dictionaries in the index's internal records.
const (
	synonymsKey  = "askedat.dict.synonyms"
	companiesKey = "askedat.dict.companies"
)

// SetDictionaries queues d's tables to be written with the next batch: a
// nil table leaves the index's as it is.
func (w *Writer) SetDictionaries(d Dictionaries) {
	if d.Synonyms != nil {
		w.batch.SetInternal([]byte(synonymsKey), []byte(d.Synonyms.Text()))
		w.batchDocs++
	}
	if d.Companies != nil {
		w.batch.SetInternal([]byte(companiesKey), []byte(d.Companies.Text()))
		w.batchDocs++
		w.companies = d.Companies
	}
}

// writerCompanies is the companies table a new Writer spells companies by:
// the one the index records, so that an update's documents are spelt as its
// base's were. An unreadable table is the built-in one here; the search
// that reads it reports the error.
func (x *Index) writerCompanies() *askedat.CompanyAliases {
	d, err := x.Dictionaries()
	if err != nil {
		return askedat.DefaultCompanyAliases()
	}
	return d.Companies
}

// renormalize spells e's company by w's table, where it is not the built-in
// one Normalize spelt it by.
func (w *Writer) renormalize(e *Experience) {
	if w.companies != nil && w.companies != askedat.DefaultCompanyAliases() {
		w.companies.Renormalize(e)
	}
}

// Dictionaries returns the tables the index records, the built-in one for
// each it records none of.
func (x *Index) Dictionaries() (Dictionaries, error) {
	d := DefaultDictionaries()
	raw, err := x.bi.GetInternal([]byte(synonymsKey))
	if err != nil {
		return d, fmt.Errorf("read synonyms of index %s: %w", x.path, err)
	}
	if raw != nil {
		if d.Synonyms, err = ParseSynonyms(string(raw)); err != nil {
			return d, fmt.Errorf("synonyms of index %s: %w", x.path, err)
		}
	}
	raw, err = x.bi.GetInternal([]byte(companiesKey))
	if err != nil {
		return d, fmt.Errorf("read companies of index %s: %w", x.path, err)
	}
	if raw != nil {
		if d.Companies, err = askedat.ParseCompanyAliases(string(raw)); err != nil {
			return d, fmt.Errorf("companies of index %s: %w", x.path, err)
		}
	}
	return d, nil
}

// synonymsOf returns the words and phrases that mean the same as s, by the
// index's synonyms.
func (s *snapshot) synonymsOf(phrase string) []string { return s.dict.Synonyms.Of(phrase) }

// normalizeFacet returns v spelt as this index's documents spell field's
// values: the company by the index's companies table, the others as
// askedat.NormalizeFacet does.
func (s *snapshot) normalizeFacet(field, v string) string {
	if field == fieldCompany {
		return s.dict.Companies.Normalize(v)
	}
	return askedat.NormalizeFacet(field, v)
}

// companyAliases is askedat.CompanyAliases, for the Writer's field.
type companyAliases = askedat.CompanyAliases
