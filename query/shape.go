package query

// A Shape counts the parts of a query without their words: what logs and
// metrics may say of a query without repeating what the user typed.
type Shape struct {
	Words    int `json:"words"`    // plain words
	Phrases  int `json:"phrases"`  // "quoted phrases"
	Prefixes int `json:"prefixes"` // prefix* terms
	Fields   int `json:"fields"`   // field:value filters and date ranges in the text
	Negated  int `json:"negated"`  // -left out words and phrases
	Ors      int `json:"ors"`      // OR operators
}

// Shape counts the parts of q.
func (q *Query) Shape() Shape {
	var s Shape
	for _, g := range q.Groups {
		s.Ors += len(g) - 1
		for _, c := range g {
			if c.Neg {
				s.Negated++
			}
			switch c.Kind {
			case WordClause:
				s.Words++
			case PhraseClause:
				s.Phrases++
			case PrefixClause:
				s.Prefixes++
			case FieldClause, DateClause:
				s.Fields++
			}
		}
	}
	return s
}
