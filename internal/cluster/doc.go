// Package cluster groups the questions of a corpus that are the same
// question asked in different words ("Two Sum", "Two Sum problem", "Find two
// numbers that add up to a target"), so that a search hit can say "asked at
// N companies" and link to the others.
//
// Assign is computed once, at index time, over every question of a corpus.
// It is deterministic: the same inputs and options give the same clusters,
// in the same order, with the same IDs, whatever the number of workers.
//
// # Method
//
// Stage 1, exact groups. Key normalises each title: lower case, punctuation
// stripped, number words as digits ("two" → "2"; "3Sum" → "3 sum"; "one"
// only in titles, where it is not a pronoun), a few unambiguous
// abbreviations expanded ("LRU" → "least recently used", "BST" → "binary
// search tree"), stop words and title filler ("problem", "question",
// "implement", "design", "explain", "find", "difference between", …)
// dropped, and a crude, consistent stemmer for plurals and -ing, -ed, -ly,
// -er. The sides of "X vs Y" and "difference between X and Y" are put in
// order; otherwise word order is kept ("Roman to Integer" is not "Integer
// to Roman"). Titles with the same key are one group.
//
// Stage 2, near duplicates across groups. Each group gets a feature set:
// the word unigrams and bigrams (shingles) of its normalised title and of
// the first 32 content words of its bodies. For a group of several
// questions only the features that more than half of its first 16
// questions share are kept, so the words of one candidate's telling ("in
// the coding round the interviewer asked …") drop out. Features found in
// more than a tenth of all questions (counted on up to 100,000 of them) do
// not count towards similarity ("interviewer", "round", "explain", …). The
// name of the asking company (Input.Company) is replaced by a placeholder,
// so "Why Google?" asked at Google and "Why Amazon?" asked at Amazon can
// meet. MinHash LSH (Options.Bands bands of Options.Rows multiply-shift
// hashes) proposes candidate pairs; a pair is merged, by union-find, only if
// all of these hold:
//
//   - every word of each title occurs among the other group's features
//     (its title or body): "Two Sum II" does not merge with "Two Sum"
//     unless the latter speaks of "II", nor "Three Sum" with "Two Sum",
//     nor "Reverse a Linked List in Groups of K" with "Reverse a Linked
//     List", nor "LFU Cache" with "LRU Cache";
//   - titles with the same words in another order do not merge when one
//     has "to", "into", "from", "using", "with", "by" or "via" ("Queue
//     Using Two Stacks" versus "Stack Using Two Queues");
//   - the Jaccard similarity of the two feature sets, without the common
//     features, is at least Options.Threshold.
//
// So "Design a URL Shortener" and "Design TinyURL" merge when their bodies
// agree (each speaks of the other's title words and they share most of
// their words), and not otherwise. "LRU Cache" and "Least Recently Used
// Cache" merge on their titles alone: LRU is defined as least recently
// used, so the abbreviation table in text.go makes their keys equal.
//
// Precision matters more than recall: a wrong "asked at 12 companies"
// misleads, a missed merge only understates. The tests measure both on
// generated posts labelled with their question-bank keys
// (TestPrecisionRecall) and check hand-written tricky pairs
// (TestTrickyPairs).
//
// # Canonical titles and IDs
//
// A cluster's canonical title is its most common original title (with
// white space collapsed); ties go to the shorter, then to the
// alphabetically first. Its ID is a slug of the canonical title (at most 60
// bytes) and the first 8 hex digits of the SHA-1 of the canonical title,
// "two-sum-3f2a9c1d": the same canonical title always has the same ID, and
// IDs are safe in URLs. No two clusters have the same canonical title.
//
// # Cost
//
// Time is linear in the number of questions plus the candidate pairs. A
// group's features come from at most 16 of its questions, and repeated
// titles are normalised once per worker, so a corpus of a few thousand
// distinct questions asked a million times takes well under a second. The
// hard case is a million distinct titles: a few hundred bytes per group,
// and LSH buckets of more than 16 groups give only the pairs of their first
// group, so that thousands of groups with one body cost linear time.
package cluster
