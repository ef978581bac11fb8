package client_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

// A search narrowed by a filter: values match in any case and the answer
// names them as the index spells them.
func ExampleClient_Search() {
	c, err := client.New(baseURL)
	if err != nil {
		panic(err)
	}
	res, err := c.Search(context.Background(), askedat.Request{
		Query:   "cache",
		Filters: map[string][]string{"company": {"quokka labs"}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Total, "questions at", res.Filters["company"])
	for _, h := range res.Hits {
		fmt.Printf("%s · %s · %s\n", h.Title, h.Difficulty, h.Date)
	}
	// Output:
	// 2 questions at [Quokka Labs]
	// Cache invalidation strategies for a feed · Medium · 2023-03-15
	// Design an LRU cache · Hard · 2024-05-01
}

// Every hit of a search, one page of one hit at a time by cursor.
func ExampleClient_Hits() {
	c, err := client.New(baseURL)
	if err != nil {
		panic(err)
	}
	req := askedat.Request{
		Query:   "cache",
		Filters: map[string][]string{"company": {"Quokka Labs", "Numbat"}},
		Sort:    "date",
		Size:    1,
	}
	for h, err := range c.Hits(context.Background(), req) {
		if err != nil {
			panic(err)
		}
		fmt.Println(h.Date, h.Company, "·", h.Title)
	}
	// Output:
	// 2024-05-01 Quokka Labs · Design an LRU cache
	// 2023-03-15 Quokka Labs · Cache invalidation strategies for a feed
	// 2022-11-20 Numbat · Design a least recently used cache
}

// What searchd refuses comes back as an *Error with its status and
// message.
func ExampleError() {
	c, err := client.New(baseURL)
	if err != nil {
		panic(err)
	}
	_, err = c.Search(context.Background(), askedat.Request{Query: "cache", Size: 500})
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Message)
	}
	// Output:
	// 400 size 500 is out of range: it must be between 1 and 100
}
