package index

import (
	"fmt"
	"slices"

	"github.com/askedat/askedat"
)

// The document model, its normalisation and the wire types of a search are
// package askedat's, which imports no bleve, so that the programs that only
// read or write documents link no engine (docs/decisions.md 114). The
// engine's code and its tests read them by their short names, as they did
// when the types were declared here: the aliases and forwarders below keep
// it so, and keep compiling the callers that still say index.Experience.
// Code outside index uses package askedat's names.
type (
	Experience   = askedat.Experience
	Question     = askedat.Question
	Request      = askedat.Request
	Result       = askedat.Result
	Hit          = askedat.Hit
	FacetValue   = askedat.FacetValue
	RequestError = askedat.RequestError
)

// Constants of package askedat, by the names the engine and its tests use.
const (
	TypeQuestion       = askedat.TypeQuestion
	TypeExperience     = askedat.TypeExperience
	CollapseCluster    = askedat.CollapseCluster
	DifficultyInferred = askedat.DifficultyInferred
	SourceAny          = askedat.SourceAny
	SourceStated       = askedat.SourceStated
	SourceInferred     = askedat.SourceInferred

	CategoryDSA = askedat.CategoryDSA

	MaxQueryRunes   = askedat.MaxQueryRunes
	MaxSize         = askedat.MaxSize
	MaxWindow       = askedat.MaxWindow
	MaxFacetSize    = askedat.MaxFacetSize
	MaxFilterValues = askedat.MaxFilterValues
	MaxValueRunes   = askedat.MaxValueRunes
)

// FacetFields is askedat.FacetFields, the same slice.
var FacetFields = askedat.FacetFields

// Normalize is askedat.Normalize.
func Normalize(e *Experience) { askedat.Normalize(e) }

// FilterKey is askedat.FilterKey.
func FilterKey(field, v string) string { return askedat.FilterKey(field, v) }

// CleanSpace is askedat.CleanSpace.
func CleanSpace(s string) string { return askedat.CleanSpace(s) }

// IsFacetField is askedat.IsFacetField.
func IsFacetField(f string) bool { return askedat.IsFacetField(f) }

// DifficultySourceKey is askedat.DifficultySourceKey.
func DifficultySourceKey(s string) string { return askedat.DifficultySourceKey(s) }

// IDForURL is askedat.IDForURL.
func IDForURL(canonical string) string { return askedat.IDForURL(canonical) }

// QuestionID is askedat.QuestionID.
func QuestionID(expID string, n int) string { return askedat.QuestionID(expID, n) }

func checkValue(what, v string) error { return askedat.CheckValue(what, v) }
func key(s string) string             { return askedat.Fold(s) }
func facetIndex(f string) int         { return slices.Index(FacetFields, f) }

func badRequest(format string, args ...any) error {
	return &RequestError{Msg: fmt.Sprintf(format, args...)}
}
