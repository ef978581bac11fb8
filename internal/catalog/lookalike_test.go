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

		// The fourth pass: problems told in other words than their
		// titles, the way candidates retell them (a share bought once for
		// the most gain, a man standing to the right of a tree, the
		// shortest part of s with every letter of t), and puzzles told as
		// stories.
		{"find two numbers in the list which add to the given total", []string{"two-sum"}},
		{"find if any 2 numbers from an array sum up to a target number", []string{"two-sum"}},
		{"largest sum of any continuous part of the array", []string{"maximum-subarray"}},
		{"you have the price of a share for each day, find the best days to buy and sell", []string{"best-time-to-buy-sell-stock"}},
		{"product of every number except the one at that position", []string{"product-except-self"}},
		{"element that occurs in more than half of the positions", []string{"majority-element"}},
		{"combine overlapping time slots into one", []string{"merge-intervals"}},
		{"shift the array elements k places to the right", []string{"rotate-array"}},
		{"find the largest window in the array with sum zero", []string{"longest-subarray-zero-sum"}},
		{"index where the sum of elements before it equals the sum after it", []string{"equilibrium-index"}},
		{"fewest jumps needed to get from the first index to the last", []string{"jump-game-ii"}},
		{"longest stretch of a string with all different characters", []string{"longest-substring-without-repeating"}},
		{"two words formed from the same letters", []string{"valid-anagram"}},
		{"the longest part of a string that reads the same backwards", []string{"longest-palindromic-substring"}},
		{"a string reads the same from both ends", []string{"valid-palindrome"}},
		{"check if every opening bracket is closed in the correct order", []string{"valid-parentheses"}},
		{"all possible ways to arrange n pairs of brackets correctly", []string{"generate-parentheses"}},
		{"the first character that never repeats in a string", []string{"first-unique-character"}},
		{"minimum edits needed to turn one string into another", []string{"edit-distance"}},
		{"find the node where the cycle starts in the list", []string{"linked-list-cycle-ii"}},
		{"combine k sorted lists into one sorted list", []string{"merge-k-sorted-lists"}},
		{"point where two singly linked lists join", []string{"intersection-of-linked-lists"}},
		{"number of consecutive days the price was less than or equal to today's", []string{"stock-span"}},
		{"print a binary tree level wise alternating direction", []string{"zigzag-level-order"}},
		{"nodes that are visible to a person standing on the left of the tree", []string{"left-view"}},
		{"number of edges on the longest path from root to a leaf", []string{"max-depth-binary-tree"}},
		{"swap the left and right subtree of every node", []string{"invert-binary-tree"}},
		{"common ancestor of two nodes in a BST that is closest to them", []string{"lca-bst"}},
		{"check that every node of a tree is greater than its left subtree and smaller than its right subtree", []string{"validate-bst"}},
		{"count the groups of connected land in a grid map", []string{"number-of-islands"}},
		{"the biggest group of connected 1s in a grid", []string{"max-area-of-island"}},
		{"can you take all courses given which course requires which", []string{"course-schedule"}},
		{"how many minutes until no fresh orange remains", []string{"rotting-oranges"}},
		{"choose items with weights and values to maximise value without exceeding capacity", []string{"knapsack-0-1"}},
		{"is there a subset of the array that adds up to the target", []string{"subset-sum"}},
		{"rob houses along a street without robbing two neighbours", []string{"house-robber"}},
		{"number that appears once when all others appear twice, use XOR", []string{"single-number"}},
		{"check if a number has only one bit set", []string{"power-of-two"}},
		{"how many times does a number occur in a sorted array", []string{"first-last-position"}},
		{"find the smallest subarray whose sum is at least the target", []string{"minimum-size-subarray-sum"}},
		{"longest streak of 1s if you can flip at most k 0s", []string{"max-consecutive-ones-iii"}},
		{"number of triangles that can be made from the given sticks", []string{"count-triangles"}},
		{"schedule jobs with deadlines to get maximum profit", []string{"job-sequencing"}},
		{"least number of characters to add at the start of a string to make it a palindrome", []string{"shortest-palindrome"}},
		{"find the first index where the pattern occurs in the text", []string{"implement-strstr"}},
		{"regex matching with . and *", []string{"regular-expression-matching"}},
		{"print the characters that appear more than once in a string", []string{"duplicate-characters"}},
		{"split a string into parts so that every part is a palindrome", []string{"palindrome-partitioning"}},
		{"put all odd positioned nodes before the even positioned nodes", []string{"odd-even-linked-list"}},
		{"move n disks from source to destination rod", []string{"tower-of-hanoi"}},
		{"tasks with a cooling period between same tasks, least time to finish", []string{"task-scheduler"}},
		{"root to leaf path whose node values add up to the target", []string{"path-sum"}},
		{"time for fire to spread to the whole tree from a node", []string{"burning-tree"}},
		{"find a word in a grid moving to adjacent cells", []string{"word-search"}},
		{"order in which to finish the courses given their prerequisites", []string{"course-schedule-ii"}},
		{"shortest distance from a source to every node in a weighted graph", []string{"dijkstra"}},
		{"check if the given edges make a valid tree", []string{"graph-valid-tree"}},
		{"knight visits every square exactly once", []string{"knights-tour"}},
		{"visit every city exactly once and return with minimum cost", []string{"travelling-salesman"}},
		{"measure exactly 4 litres using a 3 litre and a 5 litre jug", []string{"water-jug"}},
		{"max loot from houses arranged as a binary tree", []string{"house-robber-iii"}},
		{"assign + and - signs to numbers to get the target", []string{"target-sum"}},
		{"paths in a grid from top left to bottom right with some blocked cells", []string{"unique-paths-ii"}},
		{"ways to get a sum with n dice of m faces", []string{"dice-throw"}},
		{"two elements appear once and all others twice", []string{"single-number-iii"}},
		{"add two integers without using + or -", []string{"sum-of-two-integers"}},
		{"divide without using the division operator", []string{"divide-two-integers"}},
		{"column number from an excel column title like AB", []string{"excel-column-number"}},
		{"compute a to the power b efficiently", []string{"pow-x-n"}},
		{"find where a target would be inserted in a sorted array", []string{"search-insert-position"}},
		{"row with the most 1s in a sorted binary matrix", []string{"row-with-max-ones"}},
		{"how do you avoid two threads accessing the same variable at the same time", []string{"race-condition"}},
		{"explain the 7 layers of networking", []string{"osi-model"}},
		{"difference between PUT and POST", []string{"http-methods"}},
		{"how do indexes speed up queries", []string{"database-indexing"}},
		{"how would you limit the number of requests a user can make per second", []string{"design-rate-limiter"}},
		{"why are you switching jobs", []string{"why-leave-current-job"}},
		{"tell me about a project that failed", []string{"time-you-failed"}},
		{"describe a challenging situation and how you handled it", []string{"most-challenging-project"}},
		{"there are 25 horses and only 5 can race at a time, what is the minimum number of races to find the top 3", []string{"twenty-five-horses"}},
		{"you have two ropes that each take an hour to burn, measure 45 minutes", []string{"burning-ropes"}},
		{"1000 bottles of wine, one is poisoned, find it in one day with the minimum number of testers", []string{"poisoned-wine"}},
		{"3 switches outside and 3 bulbs inside a room, you can enter once", []string{"three-bulbs-switches"}},
		{"a farmer has to cross a river with a fox, a chicken and a sack of grain", []string{"river-crossing"}},
		{"two doors, one leads to heaven and one to hell, two guards", []string{"two-doors-guards"}},
		{"3 ants are on the corners of a triangle", []string{"ants-on-triangle"}},
		{"give me a brief overview of yourself", []string{"tell-me-about-yourself"}},
		{"what do you consider your biggest flaw", []string{"strengths-weaknesses"}},
		{"tell me about a time you had to work with someone difficult", []string{"conflict-with-teammate"}},
		{"what was the toughest bug you fixed", []string{"most-challenging-project"}},
		{"tell me about a time you led a project", []string{"leadership-experience"}},
		{"you have two hourglasses of 4 and 7 minutes, measure 9 minutes", []string{"hourglass-timing"}},
		{"12 balls, one is defective, find it in 3 weighings", []string{"twelve-coins"}},
		{"there are 4 people who need to cross a bridge, they take 1, 2, 5 and 10 minutes", []string{"bridge-and-torch"}},
		{"design a ride hailing app", []string{"design-ride-sharing"}},
		{"He gave me a linked list and asked me to find its length.", []string{"linked-list-length"}},
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

		// A range's minimum is not its sum: the segment tree's topic, not
		// Range Sum Query - Mutable.
		{"range minimum query with a segment tree", nil, "segment-tree-range-sum"},
		{"range sum query with point updates", []string{"segment-tree-range-sum"}, "range-sum-immutable"},

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

		// Look-alikes of the fourth pass, in the abbreviations and words
		// of posts (LL, BT, DLL, no. of): a linked list reversed whole or
		// in groups, LCA and kth smallest in a tree, a BST, a matrix or an
		// array, random pointers in a list or a tree, two sum against its
		// BST, triplet and counting variants, a stock bought once or many
		// times, islands counted or measured, palindromes of lists,
		// strings and numbers, the first unique character of a string or
		// a stream, distance k from a node, a leaf or the root, mutex,
		// semaphore and deadlock, ACID against atomic operations, the
		// merges, the loops of a list, the conflicts with a manager or a
		// teammate, the weighing puzzles, and the sorting algorithms
		// against the problems that use them.
		{"reverse a LL", []string{"reverse-linked-list"}, "reverse-k-group"},
		{"WAP to reverse a singly linked list iteratively and recursively", []string{"reverse-linked-list"}, "reverse-doubly-linked-list"},
		{"reverse LL in groups of 3", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"reverse a DLL", []string{"reverse-doubly-linked-list"}, "reverse-linked-list"},
		{"I'll explain how to reverse the list in k groups", []string{"reverse-k-group"}, "reverse-linked-list"},
		{"find LCA of two nodes in BT", []string{"lca-binary-tree"}, "lca-bst"},
		{"find the least common ancestor in a BST", []string{"lca-bst"}, "lca-binary-tree"},
		{"kth smallest element in a row and column sorted matrix", []string{"kth-smallest-sorted-matrix"}, "kth-smallest-bst"},
		{"find the kth largest element in a BST", []string{"kth-smallest-bst"}, "kth-largest-element"},
		{"kth smallest element in an unsorted array using quickselect", []string{"kth-largest-element"}, "kth-smallest-sorted-matrix"},
		{"clone a linked list with next and random pointers", []string{"copy-list-random-pointer"}, "clone-binary-tree-random"},
		{"clone a binary tree with random pointers", []string{"clone-binary-tree-random"}, "copy-list-random-pointer"},
		{"given an array of integers and a target, return the indices of two numbers such that they add up to the target", []string{"two-sum"}, "three-sum"},
		{"find a pair of nodes in a BST that add up to the target", []string{"two-sum-bst"}, "two-sum"},
		{"find three numbers in the array that sum to the target", []string{"three-sum"}, "two-sum"},
		{"count all pairs with given sum in an array", []string{"count-pairs-with-sum"}, "two-sum"},
		{"maximum profit by buying and selling a stock once", []string{"best-time-to-buy-sell-stock"}, "best-time-to-buy-sell-stock-ii"},
		{"you may buy and sell the stock multiple times, find the maximum profit", []string{"best-time-to-buy-sell-stock-ii"}, "best-time-to-buy-sell-stock"},
		{"find the maximum loss from buying and selling a stock", []string{"stock-max-loss"}, "best-time-to-buy-sell-stock"},
		{"count the number of islands in a matrix", []string{"number-of-islands"}, "max-area-of-island"},
		{"find the area of the biggest island in a grid", []string{"max-area-of-island"}, "number-of-islands"},
		{"check if LL is palindrome", []string{"palindrome-linked-list"}, "longest-palindromic-substring"},
		{"find the longest palindrome in a given string", []string{"longest-palindromic-substring"}, "palindrome-linked-list"},
		{"check if a number is palindrome or not", []string{"palindrome-number"}, "valid-palindrome"},
		{"find the first non repeated character in a string", []string{"first-unique-character"}, "first-non-repeating-stream"},
		{"first non repeated character in a stream", []string{"first-non-repeating-stream"}, "first-unique-character"},
		{"print all nodes which are at k distance from leaf", []string{"nodes-at-distance-k-from-leaf"}, "nodes-at-distance-k"},
		{"print all nodes at distance k from a given node in BT", []string{"nodes-at-distance-k"}, "nodes-at-distance-k-from-leaf"},
		{"print nodes at k distance from root", []string{"nodes-at-distance-k-from-root"}, "nodes-at-distance-k-from-leaf"},
		{"explain semaphores and their types", []string{"semaphore"}, "mutex-vs-semaphore"},
		{"how is a mutex different from a semaphore", []string{"mutex-vs-semaphore"}, "semaphore"},
		{"how can deadlocks be prevented", []string{"deadlock"}, "mutex"},
		{"what are atomic variables in java", []string{"atomic-operations"}, "acid-properties"},
		{"explain the ACID properties with examples", []string{"acid-properties"}, "atomic-operations"},
		{"find the missing number in an array of 1 to n", []string{"missing-number"}, "first-missing-positive"},
		{"find the smallest positive missing number in an unsorted array", []string{"first-missing-positive"}, "missing-number"},
		{"find the missing and repeating number", []string{"missing-and-repeating"}, "missing-number"},
		{"find the element that appears once where every other element appears twice", []string{"single-number"}, "find-all-duplicates"},
		{"find the element that appears once while all others appear three times", []string{"single-number-ii"}, "single-number"},
		{"minimum number of coins to make a given value", []string{"coin-change"}, "coin-change-ii"},
		{"number of ways to make change using given coins", []string{"coin-change-ii"}, "coin-change"},
		{"merge two sorted LL", []string{"merge-two-sorted-lists"}, "merge-sorted-arrays"},
		{"merge two sorted arrays without extra space", []string{"merge-sorted-arrays"}, "merge-two-sorted-lists"},
		{"merge k sorted arrays using a min heap", []string{"merge-k-sorted-arrays"}, "merge-k-sorted-lists"},
		{"detect and remove loop in a LL", []string{"remove-loop-linked-list"}, "linked-list-cycle"},
		{"find the starting point of the loop in a linked list", []string{"linked-list-cycle-ii"}, "remove-loop-linked-list"},
		{"find the length of the loop in a linked list", []string{"length-of-loop"}, "linked-list-cycle"},
		{"find the intersection point of two LL", []string{"intersection-of-linked-lists"}, "intersection-of-arrays"},
		{"find the intersection of two unsorted arrays", []string{"intersection-of-arrays"}, "intersection-of-linked-lists"},
		{"find the height of a BT", []string{"max-depth-binary-tree"}, "diameter-of-tree"},
		{"find the diameter of a BT", []string{"diameter-of-tree"}, "max-depth-binary-tree"},
		{"convert a binary tree into its mirror tree", []string{"invert-binary-tree"}, "symmetric-tree"},
		{"check if a tree is a mirror of itself", []string{"symmetric-tree"}, "invert-binary-tree"},
		{"implement LRU", []string{"lru-cache"}, "page-replacement"},
		{"explain the LRU page replacement algorithm", []string{"page-replacement"}, "lru-cache"},
		{"implement an LFU cache", []string{"lfu-cache"}, "lru-cache"},
		{"quicksort on a linked list", []string{"sort-list"}, "quick-sort"},
		{"implement quick sort", []string{"quick-sort"}, "sort-list"},
		{"count inversions using merge sort", []string{"count-inversions"}, "merge-sort"},
		{"find the second highest salary", []string{"nth-highest-salary"}, "dept-highest-salary"},
		{"find the highest salary in each department", []string{"dept-highest-salary"}, "nth-highest-salary"},
		{"move all negative numbers to one side of the array", []string{"move-negatives-one-side"}, "rearrange-positive-negative"},
		{"rearrange positive and negative numbers alternately", []string{"rearrange-positive-negative"}, "move-negatives-one-side"},
		{"tell me about a time you disagreed with a team mate", []string{"conflict-with-teammate"}, "conflict-with-manager"},
		{"a time you did not agree with your manager", []string{"conflict-with-manager"}, "conflict-with-teammate"},
		{"tell me about a time you could not meet a deadline", []string{"missed-deadline"}, "time-you-failed"},
		{"tell me about a mistake you made", []string{"time-you-failed"}, "missed-deadline"},
		{"why do you want to leave your current company", []string{"why-leave-current-job"}, "why-this-company"},
		{"why do you want to work for us", []string{"why-this-company"}, "why-this-role"},
		{"how does the system handle node failures", nil, "time-you-failed"},
		{"8 balls, one is heavier, find it in 2 weighings", []string{"heavier-ball-weighing"}, "twelve-coins"},
		{"12 coins, one counterfeit heavier or lighter, 3 weighings", []string{"twelve-coins"}, "heavier-ball-weighing"},
		{"you have 2 eggs and a 100 storey building, find the highest floor from which an egg does not break", []string{"egg-dropping"}, "twenty-five-horses"},
		{"reverse each word in a string individually", []string{"reverse-each-word"}, "reverse-words"},
		{"reverse the order of words in a sentence", []string{"reverse-words"}, "reverse-each-word"},
		{"find the minimum element in a sorted and rotated array", []string{"find-min-rotated-sorted-array"}, "search-rotated-sorted-array"},
		{"search a number in a rotated sorted array", []string{"search-rotated-sorted-array"}, "find-min-rotated-sorted-array"},
		{"level order traversal of a tree line by line", []string{"level-order-traversal"}, "zigzag-level-order"},
		{"print a binary tree in spiral order", []string{"zigzag-level-order"}, "spiral-matrix"},
		{"print the matrix in spiral form", []string{"spiral-matrix"}, "zigzag-level-order"},
		{"implement a stack using 2 queues", []string{"stack-using-queues"}, "queue-using-stacks"},
		{"implement a queue using 2 stacks", []string{"queue-using-stacks"}, "stack-using-queues"},
		{"implement 2 stacks in an array", []string{"stacks-in-array"}, "queue-using-stacks"},
		{"next greater element in a circular array", []string{"next-greater-element-ii"}, "next-greater-element"},
		{"next smaller element for each element", []string{"next-smaller-element"}, "next-greater-element"},
		{"count subarrays with given sum", []string{"subarray-sum-equals-k"}, "subarray-with-given-sum"},
		{"find a subarray with a given sum in an array of non negative numbers", []string{"subarray-with-given-sum"}, "subarray-sum-equals-k"},
		{"length of the longest subarray with sum k", []string{"longest-subarray-sum-k"}, "subarray-sum-equals-k"},
		{"longest common substring of two strings", []string{"longest-common-substring"}, "longest-common-subsequence"},
		{"lcs of 2 strings", []string{"longest-common-subsequence"}, "longest-common-substring"},
		{"delete a node from LL without head pointer", []string{"delete-node-without-head"}, "delete-middle-node"},
		{"remove the nth node from the end of a LL", []string{"remove-nth-from-end"}, "nth-node-from-end"},
		{"find the nth node from the end of a LL", []string{"nth-node-from-end"}, "remove-nth-from-end"},
		{"median of two sorted arrays of different sizes", []string{"median-of-two-sorted-arrays"}, "median-of-stream"},
		{"find the median in a stream of integers", []string{"median-of-stream"}, "median-of-two-sorted-arrays"},
		{"TMAY", []string{"tell-me-about-yourself"}, "five-year-plan"},
		{"no. of islands", []string{"number-of-islands"}, "max-area-of-island"},
		{"what is the difference between a process and a thread", []string{"process-vs-thread"}, "multithreading-vs-multiprocessing"},
		{"3 switches outside a room and 3 bulbs inside", []string{"three-bulbs-switches"}, "hundred-doors"},
		{"100 doors toggled in 100 passes, which are open", []string{"hundred-doors"}, "three-bulbs-switches"},
		{"what is atomicity in DBMS", nil, "acid-properties"},
		{"count the number of nodes in a binary tree", []string{"tree-size"}, "count-leaf-nodes"},
		{"count nodes in a complete binary tree", []string{"count-complete-tree-nodes"}, "tree-size"},
		{"find the length of a linked list", []string{"linked-list-length"}, "length-of-loop"},
		{"find the length of the loop in a linked list", []string{"length-of-loop"}, "linked-list-length"},
		{"swap two nodes x and y in a linked list without swapping data", []string{"swap-two-nodes-ll"}, "swap-nodes-in-pairs"},
		{"swap nodes in pairs", []string{"swap-nodes-in-pairs"}, "swap-two-nodes-ll"},
		{"find the minimum coins needed for an amount", []string{"coin-change"}, "coin-change-ii"},
		{"count pairs in an array whose sum is equal to a given number", []string{"count-pairs-with-sum"}, "two-sum"},
		{"houses in a circle, a thief cannot rob adjacent ones", []string{"house-robber-ii"}, "house-robber"},
		{"what is a mutex lock used for", []string{"mutex"}, "mutex-vs-semaphore"},
		{"one number is missing and one is repeated in an array of 1 to n", []string{"missing-and-repeating"}, "missing-number"},
		{"buy and sell stocks any number of times to maximize profit", []string{"best-time-to-buy-sell-stock-ii"}, "best-time-to-buy-sell-stock"},
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
