// Package catalog is a hand-written catalogue of the classic interview
// problems and topics, each with the many names and phrasings interview
// posts give it, and a matcher that finds which of them a text mentions.
//
// It lets a query that names a problem find posts that describe it in other
// words ("trapping rain water" and "how much water an elevation map holds
// after rain"), tags each question with the concepts it mentions, and tells
// question grouping that two questions tagged with one problem are one
// question.
//
// # The file
//
// catalog.txt, embedded, holds blocks separated by blank lines; lines
// starting with "#" are comments:
//
//	problem trapping-rain-water
//	topics array two-pointers stack
//	leetcode Trapping Rain Water
//	= trapping rain water
//	= water collected between buildings
//
// A block starts with "problem ID" or "topic ID" (IDs lower case, words
// joined by dashes, unique). A problem is a question that is asked: a
// coding problem, a fundamentals or design question, a behavioural one. A
// topic is a field questions belong to. Then, each at most once:
//
//   - topics: the IDs of the topic blocks the entry belongs to.
//   - unless: phrases, separated by commas, whose presence anywhere in the
//     text means the text is not about this entry ("unless matrix, grid"
//     on the tree's spiral traversal).
//   - same: the IDs of problems this one is the same question as, told in
//     another framing ("same book-allocation" on painter's partition).
//     Grouping joins the questions of such problems (Question); each keeps
//     its own names, tags and difficulty. Not for look-alikes whose output
//     or constraints differ (3Sum and 3Sum Closest).
//   - leetcode: the LeetCode title, when there is one. It is not a name.
//   - difficulty: Easy, Medium or Hard, how the problem is usually rated
//     (LeetCode's rating when it has one); problems only.
//   - ordered: the order of the words of the names matters; see below.
//
// and one "= name" line per name or phrasing, at least one, the first the
// canonical title. No two entries may have names that match the same texts.
//
// # Normalising
//
// Names, unless phrases and texts are normalised alike:
//
//   - Lower case; split into words on anything that is not a letter or a
//     digit, and between letters and digits ("3sum" is "3 sum"). "c++",
//     "c#" and "a*" are words of their own.
//   - Number words are digits ("two" is "2"); "1st", "2nd", "3rd" are
//     "first", "second", "third", other ordinals their number; "k-th" and
//     "n-th" are "kth" and "nth".
//   - A table of variants (variants.go) makes one form of the split and
//     joined spellings of a term ("linked list", "linkedlist",
//     "linked-list"; "sub array", "subarray"), common misspellings
//     ("pallindrome"), unambiguous abbreviations ("bst", "lca", "dll",
//     "lru", "dp", "os") and synonyms that never change the question
//     ("largest", "biggest", "maximum" are "max").
//   - Each word is reduced to its Porter stem.
//   - Stop words are dropped: function words and the words around a
//     question ("given", "find", "write", "program", "implement",
//     "difference between", ...). "not", "no", "non" and "without" are kept.
//
// # Matching
//
// A name of n stems matches when all of them occur, in any order, within a
// window of max(2n, n+4) consecutive words of the text (stop words not
// counted) inside one sentence, and no unless phrase of its entry occurs
// anywhere in the text. A stem a name has twice must occur twice ("binary
// tree is a binary search tree"). An unless phrase occurs as a name does.
// Because unless looks at the whole text, pass one question at a time.
//
// A name's word "#k" is the problem's parameter, as posts give it: "k" or a
// number from 3 to 999 ("= reverse every #k nodes" matches "reverse every
// 3 nodes"). 1 and 2 are not taken ("merge 2 sorted lists" is a problem of
// its own, not "merge #k sorted lists"), nor "n", which is most often the
// size of the input.
//
// A sentence ends at a word ending in "?", "!" or ";", or in "." after
// more than three letters ("vs." and "etc." end nothing), and, in Tags, at
// a line break.
//
// In an ordered entry the words "to", "into", "from", "using", "with" and
// "via" split each name into parts that must occur in the text in the order
// of the name, with one of those words between them, so "convert a BST to
// a DLL" is not "DLL to BST", nor "stack using queues" "queue using
// stacks" or "the difference between a stack and a queue".
//
// When matches overlap, the most specific wins. The overlapping matches of
// one entry's names count as one match of all their words. Then, from the
// matches of most words down, each word goes to the match of more words (of
// as many, a match of an ordered entry counts as more: "queue using
// stacks" is not also "stack vs queue"): a
// match that shares a word with a match of more words and lies within its
// span is dropped ("binary search tree" and "lowest common ancestor"
// inside "lowest common ancestor in a BST" leave only the BST problem,
// whose name has both); one that shares a word but reaches outside that
// span stays only if its names still match without the bigger match's
// words. Matches that share no word, and matches of as many words, are
// all kept.
//
// Tags adds to the entries found their topics, and the topics' topics, so
// a question about the LCA of a BST is also tagged binary-search-tree,
// binary-tree and tree.
//
// # Speed
//
// Each name is indexed under its rarest stem, the one the fewest names
// have, so a text visits only the names keyed by one of its own stems (a
// few dozen of the catalogue's thousands) and tags a 30-word question in
// microseconds. Stems of the words seen are cached, up to a bound.
package catalog
