package catalog

import (
	"slices"
	"strings"
)

// variantTable lists, one a line, the canonical words and after "<-" the
// ways of writing them that become those words, separated by "|". Each way
// is matched as whole lower-case words (after splitting on punctuation and
// between letters and digits, and after number words became digits), the
// last of them also with a plural "s" or "es". Canonical words are put
// through the table again, so "lca" becomes what "lowest common ancestor"
// becomes.
//
// The table joins the split and joined spellings of one term into one word
// ("sub-array" and "sub array" are "subarray"; "two sum", "2sum" and
// "2 sum" are "twosum", so "the sum of two numbers" is not the problem),
// fixes the misspellings
// interview posts keep making, expands abbreviations that mean one thing in
// an interview, and makes one word of synonyms whose difference never
// changes which question is asked ("largest" and "maximum").
const variantTable = `
twosum <- 2 sum
threesum <- 3 sum
foursum <- 4 sum
linkedlist <- linked list | link list | linklist | ll
singly linked list <- sll
doubly linked list <- dll
circular linked list <- cll
binary tree <- bt
subarray <- sub array | subarry | sub arry
substring <- sub string | substirng | sub str
subsequence <- sub sequence | subsequnce | subsequece | sub seq | subseq
subset <- sub set
subtree <- sub tree
submatrix <- sub matrix
subgraph <- sub graph
hashmap <- hash map | hashtable | hash table | hash maps
hashset <- hash set
bitwise <- bit wise
bitmask <- bit mask | bitmasking | bit masking
zigzag <- zig zag
preorder <- pre order
postorder <- post order
inorder traversal <- in order traversal
inorder successor <- in order successor
inorder predecessor <- in order predecessor
level order <- levelorder
backtracking <- back tracking | backtrack
multithreading <- multi threading | multi thread | multithread
multiprocessing <- multi processing
deadlock <- dead lock
database <- data base | db
nosql <- no sql
tinyurl <- tiny url
shortener <- shortner | shortening
ecommerce <- e commerce
rate limiter <- ratelimiter | rate limiting
load balancer <- loadbalancer | load balancing
min heap <- minheap
max heap <- maxheap
min stack <- minstack
quicksort <- quick sort
mergesort <- merge sort
heapsort <- heap sort
bubblesort <- bubble sort
insertionsort <- insertion sort
selectionsort <- selection sort
countingsort <- counting sort | count sort
radixsort <- radix sort
bucketsort <- bucket sort
topological <- topo | toplogical | topologcal
tictactoe <- tic tac toe | tic tac to | tictac toe
n queens <- nqueens | nqueen
kth <- k th
nth <- n th
2d <- 2 d | 2 dimensional | 2 dimension
nonrepeating <- non repeating | non repeated | nonrepeated | not repeating
nonoverlapping <- non overlapping | non overlapped
get random <- getrandom
without <- w o
astar <- a star
palindrome <- pallindrome | palindrom | palindrone | plaindrome | pallindrom | palidrome | palindorme | pallindrom
palindromic <- pallindromic | palindromik
sibling <- sibiling | sibbling | siblling
fibonacci <- fibonnaci | fibonaci | fibbonacci | fibonnacci | fibbonaci | fibanocci | fibo
dijkstra <- djikstra | dijikstra | djkstra | dijkstras | dikstra | dijsktra
knapsack <- knapsak | knap sack | knapsac
bracket <- parenthesis | parentheses | paranthesis | parantheses | parenthese | paren | brace
recursion <- recurssion | recusion | recurison
occurrence <- occurence | occurance | occurrance
permutation <- permuation | permutaion
length <- lenght | lenth
height <- hieght | heigth
character <- char | charecter | charachter | charcter | charector
matrix <- matrices | matirx | martix | matrics
array <- arr | arrray | aray | arry
string <- stirng | str | strng
algorithm <- algo | algorithim | algoritm | algorithem
traversal <- travesal | traversel | traveral
anagram <- anagaram | annagram
sudoku <- soduku | suduko
max <- maximum | largest | biggest | greatest | highest | maximal | maximun | maxmimum
min <- minimum | smallest | least | lowest | minimal | fewest | minimun
greater <- larger | bigger
gcd <- greatest common divisor | highest common factor | hcf | greatest common factor | gcf
lcm <- least common multiple | lowest common multiple
lowest common ancestor <- lca
longest increasing subsequence <- lis
longest common subsequence <- lcs
least recently used <- lru
least frequently used <- lfu
dynamic programming <- dp
breadth first search <- bfs
depth first search <- dfs
minimum spanning tree <- mst
directed acyclic graph <- dag
next greater element <- nge
object oriented programming <- oop | oops
operating system <- os
database management system <- dbms
relational database management system <- rdbms
binary search tree <- bst
priority queue <- pq
high level design <- hld
low level design <- lld
years <- yrs | yr
behavioural <- behavioral
behaviour <- behavior
color <- colour
0 1 <- 01
btree <- b tree | b plus tree | btrees
normalisation <- normalization | normalize | normalise
get min <- getmin
unionfind <- union find
machinecoding <- machine coding
httpsecure <- https
finallykw <- finally
finalizekw <- finalize
lift <- elevator
disagree <- disagreement | disagreed
leaf <- leaves
add <- adding | added
between <- difference between | differences between | diff between | difference b w | diff b w | b w
maximize <- maximise | maximising | maximised | maximizing | maximized
minimize <- minimise | minimising | minimised | minimizing | minimized
coloring <- colouring
chessboard <- chess board
number <- no of | nos of
dictionary <- dict | dictonary | dictionery
frequency <- freq | frequncy | freqency | frequecy
element <- ele | elem | elment | elemnt
difference <- diff
duplicate <- dup | dupe | duplicat
average <- avg
index <- idx
pointer <- ptr
previous <- prev
sequence <- seq
consecutive <- consequtive | consecuative | consequetive | consicutive | consective
triplet <- tripplet | triplate | tripplets
ancestor <- ancester | ancestar
successor <- sucessor | successer
diameter <- diamter | diametre
histogram <- histrogram | histogarm
celebrity <- celebrety | celebraty
intersection <- intersecton | intersaction
integer <- interger | intger
queue <- queu | qeue | queqe
priority <- prority | priorty
sentence <- sentense
separate <- seperate
inheritance <- inheritence | inheritanse
polymorphism <- polymorphisim | polymorhism | polymorpism
encapsulation <- encaptulation | incapsulation | encapsulaton
abstraction <- abstration
constructor <- constructer
destructor <- destructer
overriding <- over riding | overridding
overloading <- over loading
singleton <- singelton | singletone
semaphore <- semaphor | semophore | semaphone
concurrency <- concurency | concurrancy
scheduling <- sheduling | scheduleing
transaction <- transcation | trasaction
query <- querry
protocol <- protocal
teammate <- team mate
coworker <- co worker
colleague <- collegue | colleage | collegues
achievement <- achievment
challenging <- challanging
tell me about yourself <- tmay
computer networks <- cn
system design <- sys design
`

// specials are whole words whose punctuation is their meaning.
var specials = map[string][]string{
	"c++":     {"cpp"},
	"c#":      {"csharp"},
	"node.js": {"nodejs"},
	"a*":      {"astar"},
	"tcp/ip":  {"tcp", "ip"},
}

// numberWords are written as digits, so "two sum" is "2sum" is "2 sum".
var numberWords = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}

// ordinals are the numbers whose ordinal is written as a word as often as
// not: "2nd largest" is "second largest". Other ordinals keep the number.
var ordinals = map[string]string{"1": "first", "2": "second", "3": "third"}

// stopWords are dropped from names and texts: function words and the words
// around a question that never tell which question it is. "not", "no",
// "non" and "without" are kept: "longest substring without repeating
// characters" needs its "without". So are "why" ("why this company") and
// "same" ("connect nodes at the same level"). So is "difference": "pair
// with given difference" is not "pair with given sum"; "difference
// between", which only asks to compare, is the variant "between", a stop
// word.
var stopWords = setOf(`a an the of in on at to for from with by and or as is are was were be been
	being it its this that these those there here do does did done doing you your we our us i my
	me he she they them their his her what which who whom whose how when where while can could
	would should will shall may might must if then than so such via into onto using use used up
	about over under like also only just very any each every all some both either other another
	have has had s t th given find finding write writing program code coding implement implementing
	implementation print printing return returns display output compute calculate determine get
	check whether problem problems question questions solve solving explain describe between vs
	versus compare comparison asked ask interviewer following`)

// orderWords split the names of an ordered entry into parts that must
// come in this order in a text: "bst to dll" is not "dll to bst".
var orderWords = setOf(`to into from using with via`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// A variant is one way of writing some canonical words.
type variant struct {
	from []string
	out  []token
}

// variantsByFirst indexes the variants by their first word, longest first.
var variantsByFirst = buildVariants(variantTable)

func buildVariants(table string) map[string][]*variant {
	m := map[string][]*variant{}
	var all []*variant
	for _, line := range strings.Split(table, "\n") {
		out, froms, ok := strings.Cut(line, "<-")
		if !ok {
			continue
		}
		var outTokens []token
		for _, w := range strings.Fields(out) {
			outTokens = append(outTokens, token{raw: w, stem: stem(w), stop: stopWords[w]})
		}
		for _, f := range strings.Split(froms, "|") {
			v := &variant{from: strings.Fields(f), out: outTokens}
			m[v.from[0]] = append(m[v.from[0]], v)
			all = append(all, v)
		}
	}
	for _, vs := range m {
		slices.SortStableFunc(vs, func(a, b *variant) int { return len(b.from) - len(a.from) })
	}
	// Canonical words go through the table again: "lca" gives "lowest
	// common ancestor", which gives "min common ancestor". Two rounds reach
	// the end of every chain the table has.
	for range 2 {
		for _, v := range all {
			var pieces []piece
			for _, t := range v.out {
				pieces = append(pieces, piece{raw: t.raw})
			}
			v.out = applyVariantsWith(func(w string) *wordInfo { return newWordInfo(m, w) }, nil, pieces)
		}
	}
	return m
}
