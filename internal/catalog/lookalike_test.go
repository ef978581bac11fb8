package catalog

import (
	"slices"
	"testing"
)

// TestInformalPhrasings checks problems told by their mechanics or in
// informal words, as interview posts tell them, rather than by name. The
// questions are written for this test. Each want is the exact set of
// problems found.
func TestInformalPhrasings(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Checking a tree is not converting it; children sum is not sum tree.
		{"Given a binary tree, write code to check if it is a binary search tree.", []string{"validate-bst"}},
		{"convert a binary tree to a bst keeping its shape", []string{"binary-tree-to-bst"}},
		{"check whether a tree satisfies the children sum property", []string{"children-sum-property"}},

		// Climbing stairs.
		{"You are climbing a staircase and can take 1 or 2 steps at a time; in how many ways can you reach the top?", []string{"climbing-stairs"}},
		{"there is a ladder of n steps, count the ways to go up it", []string{"climbing-stairs"}},
		{"reach position n from 0 with 1 or 2 steps", []string{"climbing-stairs"}},
		{"a person can take one step or two steps at a time, count the ways to reach the nth step", []string{"climbing-stairs"}},

		// Number of islands.
		{"given a matrix of 0s and 1s where 1 is land and 0 is water, count the islands", []string{"number-of-islands"}},
		{"Given a 2D grid map of '1's (land) and '0's (water), return the number of islands.", []string{"number-of-islands"}},
		{"count the connected groups of 1s in a grid", []string{"number-of-islands"}},

		// Merge intervals.
		{"given a list of intervals, group the overlapping intervals", []string{"merge-intervals"}},
		{"combine all overlapping time ranges", []string{"merge-intervals"}},

		// Word break.
		{"can the string be made from words of the dictionary?", []string{"word-break"}},
		{"check whether a string can be segmented into words of the dictionary", []string{"word-break"}},
		{"split a sentence without spaces into dictionary words", []string{"word-break"}},
		{"print all possible ways to break a sentence into dictionary words", []string{"word-break-ii"}},

		// Connecting ropes.
		{"merging sticks of various lengths at least cost", []string{"connect-ropes"}},
		{"there are n ropes of different lengths, join them into one rope with minimum cost", []string{"connect-ropes"}},

		// Longest substring without repeating characters.
		{"maximum distinct and contiguous sub-array in a character array", []string{"longest-substring-without-repeating"}},
		{"find the length of the longest substring in which no character repeats", []string{"longest-substring-without-repeating"}},

		// Diameter of a tree.
		{"maximum distance between two leaves of a binary tree", []string{"diameter-of-tree"}},
		{"find the longest path between two nodes of a tree", []string{"diameter-of-tree"}},
		{"number of nodes on the longest path between two leaves", []string{"diameter-of-tree"}},

		// OOP concepts.
		{"state OOPs concepts with examples", []string{"oops-concepts"}},
		{"explain encapsulation, abstraction, inheritance, polymorphism", []string{"oops-concepts"}},
		{"explain inheritance, polymorphism and encapsulation with real life examples", []string{"oops-concepts"}},
		{"what are the 4 pillars of OOPs?", []string{"oops-concepts"}},

		// Minimum window substring.
		{"smallest window in a string containing all characters of another string", []string{"minimum-window-substring"}},
		{"find the shortest substring of s that contains every character of t", []string{"minimum-window-substring"}},
		{"smallest window that contains all distinct characters of the string itself", []string{"smallest-distinct-window"}},

		// More of the kind, across the catalogue.
		{"compute how much rain water is trapped between the towers", []string{"trapping-rain-water"}},
		{"two lines that together with the x axis form a container holding the most water", []string{"container-with-most-water"}},
		{"find the contiguous subarray with the largest sum", []string{"maximum-subarray"}},
		{"return an array where each element is the product of all other elements, without division", []string{"product-except-self"}},
		{"move all zeroes to the end of the array keeping the order of the rest", []string{"move-zeroes"}},
		{"minimum platforms needed so that no train waits", []string{"minimum-platforms"}},
		{"find the maximum number of meetings that can be held in one room", []string{"activity-selection"}},
		{"find the first circular tour that visits all the petrol pumps", []string{"gas-station"}},
		{"compress aabcccccaaa to a2b1c5a3", []string{"string-compression"}},
		{"check that every opening bracket has a matching closing bracket", []string{"valid-parentheses"}},
		{"find the node where the loop in a linked list starts", []string{"linked-list-cycle-ii"}},
		{"find the middle of a linked list using slow and fast pointers", []string{"middle-of-linked-list"}},
		{"design a stack that supports push, pop and getting the minimum in O(1)", []string{"min-stack"}},
		{"print the nodes visible from the left side of a binary tree", []string{"left-view"}},
		{"swap the left and right children of every node", []string{"invert-binary-tree"}},
		{"check if two trees are mirror images of each other", []string{"mirror-trees-check"}},
		{"find the size of the largest island in a binary matrix", []string{"max-area-of-island"}},
		{"maximum money a thief can steal without robbing two adjacent houses", []string{"house-robber"}},
		{"find the number of ways to make change for an amount with the given coins", []string{"coin-change-ii"}},
		{"count the paths from top left to bottom right of a matrix moving only right or down", []string{"unique-paths"}},
		{"find the minimum number of operations required to convert word1 to word2", []string{"edit-distance"}},
		{"transform one word into another changing one letter at a time", []string{"word-ladder"}},
		{"every element appears twice except one, find it", []string{"single-number"}},
		{"print odd and even numbers using two threads", []string{"print-odd-even-threads"}},
		{"a pair with given difference", []string{"pair-with-difference"}},
		{"write a query to get the 2nd highest salary", []string{"nth-highest-salary"}},
		{"check if a tree is a BST", []string{"validate-bst"}},

		// Problems of the third pass, told by what they do.
		{"a judge is trusted by everyone and trusts no one; find the judge of the town", []string{"find-town-judge"}},
		{"squares of a sorted array that may contain negative numbers", []string{"squares-of-sorted-array"}},
		{"what is the minimum number of boats to carry every person if each boat holds at most two people", []string{"boats-to-save-people"}},
		{"find the skyline of a city from the buildings", []string{"skyline-problem"}},
		{"given a ransom note and a magazine, can the note be made from the letters of the magazine", []string{"ransom-note"}},
		{"compare strings with backspaces where # deletes the previous character", []string{"backspace-string-compare"}},
		{"what is the minimum number of cameras to monitor every node of a binary tree", []string{"binary-tree-cameras"}},
		{"print binary numbers from 1 to n using a queue", []string{"generate-binary-numbers"}},
		{"find the first bad version with the fewest calls to the api", []string{"first-bad-version"}},
		{"find the maximum of minimum for every window size", []string{"max-of-min-every-window"}},
		{"x total shapes", []string{"number-of-islands"}},
		{"count number of hops", []string{"climbing-stairs"}},

		// Problem statements, sentence by sentence: the definitions a
		// statement gives are not other problems.
		{"There is an integer array sorted in ascending order. It is possibly rotated at an unknown pivot index. Given the array and a target, return the index of the target.", []string{"search-rotated-sorted-array"}},
		{"Given an array of strings, group the anagrams together. An anagram is a word formed by rearranging the letters of a different word.", []string{"group-anagrams"}},
		{"You are given an array of k linked lists, each sorted in ascending order. Merge all the linked lists into one sorted linked list.", []string{"merge-k-sorted-lists"}},
		{"Return the maximum depth of a binary tree: the number of nodes along the longest path from the root down to the farthest leaf.", []string{"max-depth-binary-tree"}},
		{"Imagine yourself standing on the right side of a binary tree, return the values of the nodes you can see.", []string{"right-view"}},
		{"Given the coins and an amount, return the number of combinations that make up that amount.", []string{"coin-change-ii"}},
	}
	for _, tt := range tests {
		if got := problems(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("problems(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLookAlikes checks that problems that read alike stay apart: each
// want is the exact set of problems found, so the look-alike must not come
// along, and each notWant names the look-alike a wrong merge would add.
func TestLookAlikes(t *testing.T) {
	tests := []struct {
		text    string
		want    []string
		notWant string
	}{
		// Reversing a linked list, in groups of k, in alternate groups.
		{"reverse a linked list", []string{"reverse-linked-list"}, "reverse-k-group"},
		{"how do you reverse the given singly linked list in place", []string{"reverse-linked-list"}, "reverse-k-group"},
		{"reverse link list in k chunks", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"reverse the nodes of a linked list k at a time", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"reverse every k nodes", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"given a linked list, reverse every block of k nodes", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"reverse alternate k nodes of a linked list", []string{"reverse-alternate-k-nodes"}, "reverse-k-group"},
		{"reverse the first k nodes, skip the next k, and so on", []string{"reverse-alternate-k-nodes"}, "reverse-k-group"},
		{"reverse a linked list from position m to n", []string{"reverse-linked-list-ii"}, "reverse-linked-list"},

		// Nodes at distance k: from a given node, from a leaf, from the root.
		{"print all nodes at distance k from a given node", []string{"nodes-at-distance-k"}, "nodes-at-distance-k-from-root"},
		{"Given the root of a binary tree, a target node and an integer k, return all nodes at distance k from the target", []string{"nodes-at-distance-k"}, "nodes-at-distance-k-from-root"},
		{"print all nodes that are at distance k from a leaf", []string{"nodes-at-distance-k-from-leaf"}, "nodes-at-distance-k"},
		{"nodes at distance k from a leaf in a binary tree", []string{"nodes-at-distance-k-from-leaf"}, "nodes-at-distance-k"},
		{"print the nodes at distance k from the root of a binary tree", []string{"nodes-at-distance-k-from-root"}, "nodes-at-distance-k"},
		{"print all nodes at the kth level", []string{"nodes-at-distance-k-from-root"}, "nodes-at-distance-k"},

		// Rotating an array against the sorted and rotated array family.
		{"rotate an array by k steps to the right", []string{"rotate-array"}, "search-rotated-sorted-array"},
		{"cyclically rotate an array by one", []string{"rotate-array"}, "find-min-rotated-sorted-array"},
		{"search for an element in a sorted rotated array", []string{"search-rotated-sorted-array"}, "rotate-array"},
		{"a sorted array has been rotated at some pivot, find a target in O(log n)", []string{"search-rotated-sorted-array"}, "find-min-rotated-sorted-array"},
		{"find a key in a sorted array which is rotated", []string{"search-rotated-sorted-array"}, "rotate-array"},
		{"find the minimum element in a sorted and rotated array", []string{"find-min-rotated-sorted-array"}, "rotate-array"},
		{"find the maximum element of a sorted rotated array", []string{"find-min-rotated-sorted-array"}, "search-rotated-sorted-array"},
		{"find the pivot in a sorted rotated array", []string{"find-min-rotated-sorted-array"}, "rotate-array"},
		{"how many times has the sorted array been rotated?", []string{"find-min-rotated-sorted-array"}, "rotate-array"},
		{"find the rotation count of a rotated sorted array", []string{"find-min-rotated-sorted-array"}, "rotate-array"},
		{"find a pair with given sum in a sorted and rotated array", []string{"pair-sum-rotated-array"}, "two-sum"},

		// Anagrams: two strings, one in another, all occurrences, groups.
		{"check whether two strings are anagrams", []string{"valid-anagram"}, "find-all-anagrams"},
		{"given two strings, determine if they are anagrams of each other", []string{"valid-anagram"}, "group-anagrams"},
		{"find whether an anagram of one string is a substring of another", []string{"permutation-in-string"}, "valid-anagram"},
		{"check if any permutation of s1 is a substring of s2", []string{"permutation-in-string"}, "string-permutations"},
		{"check whether any anagram of the pattern is present in the text", []string{"permutation-in-string"}, "find-all-anagrams"},
		{"find all the start indices of anagrams of a pattern in a string", []string{"find-all-anagrams"}, "permutation-in-string"},
		{"count the occurrences of anagrams of a word in a text", []string{"find-all-anagrams"}, "character-frequency"},
		{"group the anagrams in an array of strings", []string{"group-anagrams"}, "find-all-anagrams"},
		{"print all anagrams together", []string{"group-anagrams"}, "valid-anagram"},

		// First non-repeating character: in a string, in a stream.
		{"find the first non-repeating character in a string", []string{"first-unique-character"}, "first-non-repeating-stream"},
		{"first character that appears only once in a word", []string{"first-unique-character"}, "first-non-repeating-stream"},
		{"find the first non-repeating character in a stream of characters", []string{"first-non-repeating-stream"}, "first-unique-character"},
		{"characters arrive one by one: after each, print the first non repeating character of the stream", []string{"first-non-repeating-stream"}, "first-unique-character"},

		// Next greater element against next greater number with the same digits.
		{"find the next greater element of every element of an array", []string{"next-greater-element"}, "next-greater-number-same-digits"},
		{"for each element, the first greater element to its right", []string{"next-greater-element"}, "next-greater-number-same-digits"},
		{"find the next greater number with the same set of digits", []string{"next-greater-number-same-digits"}, "next-greater-element"},
		{"given a number, find the smallest number greater than it with the same digits", []string{"next-greater-number-same-digits"}, "next-greater-element"},

		// Kth smallest: in a BST, in a sorted matrix, in an array.
		{"find the kth smallest element in a BST", []string{"kth-smallest-bst"}, "kth-largest-element"},
		{"kth largest element in a binary search tree", []string{"kth-smallest-bst"}, "kth-largest-element"},
		{"kth smallest element in a row-wise and column-wise sorted 2D array", []string{"kth-smallest-sorted-matrix"}, "kth-element-two-sorted-arrays"},
		{"find the kth smallest element in a sorted matrix", []string{"kth-smallest-sorted-matrix"}, "kth-largest-element"},
		{"find the kth smallest element in an unsorted array", []string{"kth-largest-element"}, "kth-smallest-bst"},
		{"find the kth element of two sorted arrays", []string{"kth-element-two-sorted-arrays"}, "kth-largest-element"},

		// Two sum, in a BST, three numbers.
		{"find a pair with a given sum in an array", []string{"two-sum"}, "two-sum-bst"},
		{"return the indices of the two numbers that add up to the target", []string{"two-sum"}, "three-sum"},
		{"find a pair with a given sum in a BST", []string{"two-sum-bst"}, "two-sum"},
		{"check if two nodes of a binary search tree sum to k", []string{"two-sum-bst"}, "two-sum"},
		{"find three numbers in the array whose sum is equal to x", []string{"three-sum"}, "two-sum"},
		{"find all unique triplets that sum to zero", []string{"three-sum"}, "two-sum"},
		{"find the triplet whose sum is closest to a given number", []string{"three-sum-closest"}, "three-sum"},

		// Buying and selling a stock: profit, loss.
		{"find the maximum profit from buying and selling a stock once", []string{"best-time-to-buy-sell-stock"}, "stock-max-loss"},
		{"given stock prices, find the maximum loss from buying and selling", []string{"stock-max-loss"}, "best-time-to-buy-sell-stock"},
		{"buy and sell stock with cooldown", []string{"best-time-to-buy-sell-stock-cooldown"}, "best-time-to-buy-sell-stock"},
		{"maximum profit with at most k transactions", []string{"best-time-to-buy-sell-stock-iv"}, "db-transaction"},

		// Islands: how many, how large.
		{"count the number of islands in the grid", []string{"number-of-islands"}, "max-area-of-island"},
		{"find the area of the largest island", []string{"max-area-of-island"}, "number-of-islands"},
		{"largest island size", []string{"max-area-of-island"}, "number-of-islands"},
		{"count the number of distinct islands", []string{"distinct-islands"}, "number-of-islands"},

		// Lowest common ancestor: binary tree, BST.
		{"find the lowest common ancestor of two nodes in a binary tree", []string{"lca-binary-tree"}, "lca-bst"},
		{"find the LCA of two nodes in a BST", []string{"lca-bst"}, "lca-binary-tree"},

		// Mutex, semaphore, deadlock.
		{"what is the difference between a semaphore and a mutex?", []string{"mutex-vs-semaphore"}, "mutex"},
		{"what is a mutex lock?", []string{"mutex"}, "mutex-vs-semaphore"},
		{"explain counting and binary semaphores", []string{"semaphore"}, "mutex-vs-semaphore"},
		{"what are the four necessary conditions for a deadlock?", []string{"deadlock"}, "mutex"},
		{"mutual exclusion, hold and wait, no preemption, circular wait", []string{"deadlock"}, "mutex"},

		// ACID against a transaction.
		{"explain the ACID properties", []string{"acid-properties"}, "db-transaction"},
		{"what are the ACID properties of a transaction?", []string{"acid-properties"}, "db-transaction"},
		{"what is a transaction in DBMS?", []string{"db-transaction"}, "acid-properties"},
		{"explain the states of a transaction", []string{"db-transaction"}, "acid-properties"},

		// A queue made of stacks against comparing them.
		{"implement a queue using stacks", []string{"queue-using-stacks"}, "stack-vs-queue"},
		{"what is the difference between a stack and a queue?", []string{"stack-vs-queue"}, "queue-using-stacks"},

		// Merging against its neighbours.
		{"merge the overlapping intervals and return the non-overlapping ones", []string{"merge-intervals"}, "non-overlapping-intervals"},
		{"merge two sorted linked lists into one sorted linked list", []string{"merge-two-sorted-lists"}, "sort-list"},
		{"check if the array has two numbers adding up to x", []string{"two-sum"}, "add-two-numbers"},
		{"add two numbers represented by linked lists", []string{"add-two-numbers"}, "two-sum"},

		// Look-alikes of the problems added in the third pass: words vs
		// elements, add vs remove, a whole queue vs its first k, large vs
		// small factorials, mountain vs any peak, 3 vs 2, total vs one pair,
		// count vs find, trees vs strings, k-th vs all permutations.
		{"find the top k frequent words in a list of words, ties broken alphabetically", []string{"top-k-frequent-words"}, "top-k-frequent"},
		{"return the k most frequent elements of an integer array", []string{"top-k-frequent"}, "top-k-frequent-words"},
		{"minimum number of parentheses to add so the string becomes valid", []string{"min-add-valid-parentheses"}, "min-remove-valid-parentheses"},
		{"remove the minimum number of brackets to make the string valid", []string{"min-remove-valid-parentheses"}, "min-add-valid-parentheses"},
		{"reverse a queue using recursion", []string{"reverse-queue"}, "reverse-first-k-queue"},
		{"reverse the first k elements of a queue", []string{"reverse-first-k-queue"}, "reverse-queue"},
		{"compute the factorial of 100, which does not fit in a long", []string{"factorial-large-number"}, "factorial"},
		{"write a recursive function for the factorial of n", []string{"factorial"}, "factorial-large-number"},
		{"find the peak index in a mountain array in O(log n)", []string{"peak-index-mountain"}, "peak-element"},
		{"find any peak element in an unsorted array", []string{"peak-element"}, "peak-index-mountain"},
		{"search for a target in a bitonic array", []string{"find-in-mountain-array"}, "peak-index-mountain"},
		{"check if a number is a power of 3 without loops", []string{"power-of-three"}, "power-of-two"},
		{"check if a number is a power of 2", []string{"power-of-two"}, "power-of-three"},
		{"find the total hamming distance of all pairs in the array", []string{"total-hamming-distance"}, "hamming-distance"},
		{"hamming distance between two integers", []string{"hamming-distance"}, "total-hamming-distance"},
		{"count the pairs with a given sum in an array", []string{"count-pairs-with-sum"}, "two-sum"},
		{"minimum number of arrows needed to burst all the balloons", []string{"minimum-arrows-balloons"}, "burst-balloons"},
		{"burst balloons to maximise the coins", []string{"burst-balloons"}, "minimum-arrows-balloons"},
		{"delete the middle node of a linked list", []string{"delete-middle-node"}, "middle-of-linked-list"},
		{"find the middle of a linked list", []string{"middle-of-linked-list"}, "delete-middle-node"},
		{"minimum falling path sum in a square matrix", []string{"minimum-falling-path-sum"}, "minimum-path-sum"},
		{"count the square submatrices with all ones", []string{"count-square-submatrices"}, "maximal-square"},
		{"trapping rain water ii on a 2d elevation map", []string{"trapping-rain-water-ii"}, "trapping-rain-water"},
		{"kth missing positive number in a sorted array", []string{"kth-missing-positive"}, "first-missing-positive"},
		{"find the kth permutation sequence of 1 to n", []string{"permutation-sequence"}, "string-permutations"},
		{"check if two binary trees are isomorphic", []string{"flip-equivalent-trees"}, "isomorphic-strings"},
		{"check if two strings are isomorphic", []string{"isomorphic-strings"}, "flip-equivalent-trees"},
		{"merge two binary trees by summing overlapping nodes", []string{"merge-two-binary-trees"}, "merge-two-bsts"},
		{"print all the ancestors of a given node in a binary tree", []string{"ancestors-of-node"}, "lca-binary-tree"},
		{"find the lowest common ancestor of two nodes in a binary tree", []string{"lca-binary-tree"}, "ancestors-of-node"},
		{"number of islands ii after each add land operation", []string{"number-of-islands-ii"}, "number-of-islands"},
		{"find the longest palindrome that can be built with the given letters", []string{"longest-palindrome-build"}, "longest-palindromic-substring"},
		{"can the characters of the string be rearranged to form a palindrome?", []string{"palindrome-permutation"}, "valid-palindrome"},
		{"sort an array by parity so even numbers come first", []string{"sort-array-by-parity"}, "odd-even-linked-list"},
		{"segregate even and odd nodes in a linked list", []string{"odd-even-linked-list"}, "sort-array-by-parity"},
		{"count subarrays with sum divisible by k", []string{"subarray-sums-divisible-k"}, "subarray-sum-equals-k"},
		{"count subarrays with sum equal to k", []string{"subarray-sum-equals-k"}, "subarray-sums-divisible-k"},
		{"convert a binary tree to a BST keeping its shape", []string{"binary-tree-to-bst"}, "validate-bst"},
		{"find the town judge who trusts nobody and is trusted by everyone", []string{"find-town-judge"}, "celebrity-problem"},
		{"find the celebrity in a party", []string{"celebrity-problem"}, "find-town-judge"},
		{"longest consecutive 1s in the binary representation of n", []string{"longest-consecutive-ones-binary"}, "max-consecutive-ones"},
		{"find the range sum of a BST between low and high", []string{"range-sum-bst"}, "range-sum-immutable"},
		{"range sum query 2d immutable with prefix sums", []string{"range-sum-2d"}, "range-sum-immutable"},
		{"count triplets with sum smaller than x", []string{"three-sum-smaller"}, "three-sum"},
		{"find the smallest sum contiguous subarray", []string{"smallest-sum-subarray"}, "maximum-subarray"},

		// Names of the third pass that must not stand in other questions.
		{"write a function to rotate a matrix by 90 degrees", []string{"rotate-image"}, "rotate-function"},
		{"count the number of perfect squares less than n", []string{"perfect-squares"}, "perfect-number"},
		{"what is the 2's complement of a number?", nil, "number-complement"},
		{"validate a phone number with regex", nil, "valid-number"},
		{"digits are stored in reverse order, add the two numbers", []string{"add-two-numbers", "reverse-integer"}, "add-digits"},

		// Words a question's constraints use are not its problem.
		{"the array can contain negative numbers and duplicates", nil, "contains-duplicate"},
		{"generate all combinations of well-formed parentheses for n pairs", []string{"generate-parentheses"}, "pair-with-difference"},
		{"find a subarray with sum equal to the target", []string{"subarray-with-given-sum"}, "target-sum"},
		{"In the second round the interviewer asked me to take it one step at a time", nil, "climbing-stairs"},
	}
	for _, tt := range tests {
		got := problems(tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("problems(%q) = %v, want %v", tt.text, got, tt.want)
		}
		if slices.Contains(got, tt.notWant) {
			t.Errorf("problems(%q) = %v, has the look-alike %s", tt.text, got, tt.notWant)
		}
		if Lookup(tt.notWant) == nil {
			t.Errorf("look-alike %q of %q is not in the catalogue", tt.notWant, tt.text)
		}
	}
}
