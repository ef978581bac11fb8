package query_test

import (
	"fmt"

	"github.com/askedat/askedat/query"
)

func ExampleParse() {
	q, err := query.Parse(`"hash map" company:amazon -django OR c*`)
	fmt.Println(err)
	q, err = query.Parse(`"hash map" company:amazon date>2023 -django recurs* OR dp`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range q.Groups {
		fmt.Printf("%+v\n", g)
	}
	fmt.Printf("%+v\n", q.Shape())
	// Output:
	// "c*": a * may only end a word, after at least 2 letters, as in recurs*
	// [{Kind:phrase Neg:false Text:hash map Field: Dates:}]
	// [{Kind:field Neg:false Text:amazon Field:company Dates:}]
	// [{Kind:date Neg:false Text:>2023 Field:date Dates:2024-01-01..}]
	// [{Kind:word Neg:true Text:django Field: Dates:}]
	// [{Kind:prefix Neg:false Text:recurs Field: Dates:} {Kind:word Neg:false Text:dp Field: Dates:}]
	// {Words:2 Phrases:1 Prefixes:1 Fields:2 Negated:1 Ors:1}
}
