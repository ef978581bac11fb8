package index

// A QueryShape counts the parts of a query without their words: what logs
// and metrics may say of a query without repeating what the user typed.
type QueryShape struct {
	Words    int `json:"words"`    // plain words
	Phrases  int `json:"phrases"`  // "quoted phrases"
	Prefixes int `json:"prefixes"` // prefix* terms
	Fields   int `json:"fields"`   // field:value filters in the text
	Negated  int `json:"negated"`  // -left out words and phrases
	Ors      int `json:"ors"`      // OR operators
}

// Shape lexes text as a search does and counts its parts. A query a search
// would refuse returns the same *RequestError.
func Shape(text string) (QueryShape, error) {
	groups, err := lexQuery(text)
	if err != nil {
		return QueryShape{}, err
	}
	var s QueryShape
	for _, g := range groups {
		s.Ors += len(g) - 1
		for _, c := range g {
			if c.neg {
				s.Negated++
			}
			switch c.kind {
			case wordClause:
				s.Words++
			case phraseClause:
				s.Phrases++
			case prefixClause:
				s.Prefixes++
			case fieldClause:
				s.Fields++
			}
		}
	}
	return s, nil
}
