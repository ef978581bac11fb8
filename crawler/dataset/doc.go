// Package dataset imports structured exports (CSV, a JSON array, JSON
// Lines) as experiences: the Glassdoor review tables and the LeetCode
// company-wise problem lists have built-in mappings (mappings/*.json), and a
// differently shaped export of the same kind imports with a mapping file of
// its own, not code.
//
// A Mapping says how to read the files, which column feeds which field of
// askedat.Experience and askedat.Question (with fallbacks, patterns, date
// layouts, constants and templates), how a cell holding a list of questions
// is cut, and how rows group into experiences. Import reads the rows,
// writes one experience per row or group, normalised (askedat.Normalize),
// with categories inferred for questions without one (classify.Fill), and
// checked (Validate); every row it cannot import is in its Report with its
// file, row number and reason.
//
//	m, _ := dataset.Builtin("glassdoor")
//	rep, err := dataset.Import(ctx, m, []string{"tcs_interviews.csv"}, out, dataset.Options{})
package dataset
