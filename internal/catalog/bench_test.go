package catalog

import (
	"strings"
	"testing"
)

// benchQuestion is a question of about 30 words, as the index tags them.
const benchQuestion = "Given the root of a binary tree, print its level order traversal in spiral form: " +
	"the first level left to right, the next right to left, and so on, using two stacks or a deque."

func BenchmarkTags(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for b.Loop() {
		c.Tags(benchQuestion)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(stringsReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
