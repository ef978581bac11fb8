// Package datadir keeps the versions of a search index under one data
// directory, and the pointer to the version being served. The indexer is
// its only writer; searchd reads it.
//
// The layout:
//
//	DIR/current                 the id of the version served, one line
//	DIR/versions/ID/index/      a complete version's bleve index
//	DIR/versions/ID/version.json    what it holds: counts, mapping version,
//	                            the version it replaced, its smoke queries,
//	                            and the size and SHA-256 of every file
//	DIR/versions/ID.partial/    a version being built; the next job removes it
//	DIR/reports/ID-JOB.json     the report of each job
//	DIR/lock                    held (flock) by the one indexer job running
//
// A version is immutable once it is published: jobs build into a partial
// folder, seal it (manifest, version.json, everything fsynced), rename it to
// its id, and only then switch current, by writing the new id beside the
// old pointer, fsyncing it, renaming it over the old one and fsyncing the
// folder. A reader therefore sees either the old id or the new one, and
// whichever it sees names a complete version, whenever the writer dies.
//
// Version ids sort by time: the UTC time of creation to the millisecond and
// six random hex digits, "20250601T120000.123Z-3f9a1c".
package datadir
