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

// BenchmarkTagsPost tags a whole post of a hundred questions at once, the
// worst case of a caller that does not split posts into questions.
func BenchmarkTagsPost(b *testing.B) {
	c := Default()
	post := strings.Repeat(benchQuestion+"\n"+
		"Find the lowest common ancestor of two nodes in a BST, then reverse a linked list in groups of k.\n"+
		"Why do you want to join us? Explain the difference between a process and a thread.\n", 33)
	b.ReportAllocs()
	for b.Loop() {
		c.Tags(post)
	}
}
