package catalog

// sequelNumerals are the Roman numerals of LeetCode's sequels ("House
// Robber II", "Single Number III"), as digits. "i" is not one: it is the
// pronoun far more often than "jump game i".
var sequelNumerals = map[string]string{"ii": "2", "iii": "3", "iv": "4"}

// fuseSequels joins a sequel's number to the word before it, in toks as
// tokenize makes them: "house robber ii" and "house robber 2" have the
// stem "robber~2" where "house robber" has "robber". So the sequel's
// names are not the first problem's, and the sequel's number is no "2"
// another name can take ("two sum" in "round ii: two sum" is not "two sum
// ii"). Posts write sequels both ways, so both are read:
//
//   - a Roman numeral after a word of two letters or more (not a stop
//     word, in the same sentence) is always joined to it, in names and
//     texts; a Roman numeral not joined is its digit;
//   - a digit is joined only when it is a word of its own and the joined
//     stem is in known, the stems of the names (a sequel the catalogue knows):
//     "merge 2 sorted lists" and "round 2" keep their 2, and so does the
//     example in "jump game [2,3,1,1,4]". Names pass nil: a name's digit is
//     a number ("merge 2 sorted lists" must match "merge the two sorted
//     lists").
func fuseSequels(toks []token, known map[string]int32) {
	for i := range toks {
		t := &toks[i]
		digit, roman := sequelNumerals[t.raw]
		if !roman {
			if known == nil || (t.raw != "2" && t.raw != "3" && t.raw != "4") || !wholeWord(toks, i) {
				continue
			}
			digit = t.raw
		}
		if i > 0 {
			p := &toks[i-1]
			if !p.stop && !p.end && len(p.raw) >= 2 && isLetterRun(p.raw) {
				fused := p.stem + "~" + digit
				if _, ok := known[fused]; roman || ok {
					p.stem, p.end, p.last = fused, t.end, t.last
					t.raw, t.stem, t.stop = "", "", true
					continue
				}
			}
		}
		if roman {
			t.raw, t.stem = digit, digit
		}
	}
}

// isLetterRun reports whether s is all ASCII letters.
func isLetterRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// wholeWord reports whether toks[i] is all of the input word it came from:
// no token before or after it came from that word too.
func wholeWord(toks []token, i int) bool {
	t := toks[i]
	if t.first != t.last {
		return false
	}
	if i > 0 && toks[i-1].last >= t.first {
		return false
	}
	return i+1 >= len(toks) || toks[i+1].first > t.last
}
