// Package e2e holds the end-to-end test: it builds the real programs, serves
// a generated site on loopback, crawls it, indexes what was crawled, serves
// the index and checks searchd's answers against the generator's ground
// truth — the pipeline a user runs with make demo.
package e2e
