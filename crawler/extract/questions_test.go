package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gfgArticle returns a GeeksforGeeks article of the 2017 layout with the
// given title, section and text (the inside of its .entry-content).
func gfgArticle(title, section, text string) []byte {
	return []byte(`<!DOCTYPE html><html><head><title>` + title + ` - GeeksforGeeks</title>
<link rel="canonical" href="http://www.geeksforgeeks.org/a-test-article/">
<meta property="og:site_name" content="GeeksforGeeks">
<meta property="article:section" content="` + section + `">
<meta property="article:tag" content="Initech">
<meta property="article:published_time" content="2016-05-04T10:00:00+00:00">
</head><body><article class="post"><header><h1 class="entry-title">` + title + `</h1></header>
<div class="entry-content">` + text + `</div></article></body></html>`)
}

// TestFreeQuestions splits questions out of rounds text written in the
// shapes the corpus review found split wrongly (each in its own words).
func TestFreeQuestions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []q
	}{{
		name: "a numbered round whose name holds the word problem",
		text: `<p><strong>Face to Face Interview 1 (Data structures)</strong><br>1. Merge two sorted arrays.<br>2. Find a cycle in a graph.</p>
<p><strong>Face to Face Interview 2 (Problem solving)</strong><br>1. Count the paths through a grid.</p>
<p><strong>Coding questions</strong><br>1. Reverse the words of a sentence.</p>`,
		want: []q{
			{"Merge two sorted arrays.", "Face to Face Interview 1 (Data structures)", ""},
			{"Find a cycle in a graph.", "Face to Face Interview 1 (Data structures)", ""},
			{"Count the paths through a grid.", "Face to Face Interview 2 (Problem solving)", ""},
			// A heading over questions, with no number of its own, is
			// part of the round before.
			{"Reverse the words of a sentence.", "Face to Face Interview 2 (Problem solving)", ""},
		},
	}, {
		name: "a round heading whose bold starts after its first letter",
		text: `<p><strong>Round 1</strong><br>1. Sort a list of names.</p>
<p>F<strong>ace to Face Interview 2 (Bar raiser)</strong><br>1. Describe a hard bug you fixed.</p>`,
		want: []q{
			{"Sort a list of names.", "Round 1", ""},
			{"Describe a hard bug you fixed.", "Face to Face Interview 2 (Bar raiser)", ""},
		},
	}, {
		name: "asks without a number before the numbered ones",
		text: `<p><strong>Round 3</strong><br>Tell me about yourself.<br>Why do you want to change jobs?<br>Questions asked:<br>1. Explain how a hash map grows.<br>2. What is a deadlock?</p>`,
		want: []q{
			{"Tell me about yourself.", "Round 3", ""},
			{"Why do you want to change jobs?", "Round 3", ""},
			{"Explain how a hash map grows.", "Round 3", ""},
			{"What is a deadlock?", "Round 3", ""},
		},
	}, {
		name: "the steps of an example numbered under a question",
		text: `<p>1) Given a number, find the next number with no two adjacent set bits.</p>
<p>2) You are given lamps of different heights that burn down one unit a day. For heights {2, 1, 1}: 1.Light the first lamp.<br>2.Light the second and third.<br>3.Light all of them.</p>`,
		want: []q{
			{"Given a number, find the next number with no two adjacent set bits.", "", ""},
			{"You are given lamps of different heights that burn down one unit a day.", "", ""},
		},
	}, {
		name: "a list of asks one a line in one paragraph",
		text: `<p><strong>Round 4:</strong><br>Hiring Manager round<br>This round was long.<br>They asked,<br>Self Intro<br>Project Explanation<br>Test cases for a lift – I wrote forty of them.<br>Communication was checked.<br>Culture fit questions.<br>At last, they thanked me.</p>`,
		want: []q{
			{"Self Intro", "Round 4: Hiring Manager round", ""},
			{"Project Explanation", "Round 4: Hiring Manager round", ""},
			{"Test cases for a lift – I wrote forty of them.", "Round 4: Hiring Manager round", ""},
			{"Culture fit questions.", "Round 4: Hiring Manager round", ""},
		},
	}, {
		name: "list items in the introduction that tell the test, not ask",
		text: `<p>It was an online test in two parts:</p><ul><li>Code debugging (20 min)</li><li>Reasoning (35 min multiple choice)</li></ul>
<p>The first part had six snippets with errors to fix.</p>`,
		want: nil,
	}, {
		name: "programs numbered as such",
		text: `<p><strong>Day 1: Coding round</strong></p><p>Program 1: Anagram groups</p><p>Program 2: Find the diameter of a binary tree.<br>Given a list of values, insert them into a binary search tree and find its diameter.</p>`,
		want: []q{
			{"Anagram groups", "Day 1: Coding round", ""},
			{"Find the diameter of a binary tree.", "Day 1: Coding round", ""},
		},
	}, {
		name: "a title cut before the next question",
		text: `<p>The written round had twenty MCQs and two coding questions –<br>1) Partition into equal subsets and<br>2) The longest path in a binary tree</p>`,
		want: []q{
			{"Partition into equal subsets", "Written Round", ""},
			{"The longest path in a binary tree", "Written Round", ""},
		},
	}, {
		name: "rounds told in prose",
		text: `<p>The written round had twenty MCQs.</p>
<p>In the first technical round I was asked to check whether a binary tree is height balanced and then to code it. It also had a question like to find whether a number is a power of 3.</p>
<p>The 2nd technical round consisted of a run length encoding problem. Given a string like AAABBC, you have to write it as A3B2C1 in place.</p>
<p>Then I asked him questions like what a day on his team looks like.</p>`,
		want: []q{
			{"Check whether a binary tree is height balanced.", "First technical round", ""},
			{"Find whether a number is a power of 3.", "First technical round", ""},
			{"Run length encoding problem", "2nd technical round", ""},
		},
	}, {
		name: "questions numbered within their round",
		text: `<p><strong>Round 4:</strong><br>4.1 Find the middle of a linked list.<br>4.2 Flood fill problem<br>4.3 Top view of a binary tree</p>`,
		want: []q{
			{"Find the middle of a linked list.", "Round 4", ""},
			{"Flood fill problem", "Round 4", ""},
			{"Top view of a binary tree", "Round 4", ""},
		},
	}, {
		name: "a link to a page of questions",
		text: `<p><strong>Round 2</strong><br>1. Design a parking lot.<br>2. <a href="https://www.careercup.com/question?id=5638261762424832">https://www.careercup.com/question?id=5638261762424832</a></p>`,
		want: []q{
			{"Design a parking lot.", "Round 2", ""},
			{"careercup.com question", "Round 2", "https://www.careercup.com/question?id=5638261762424832"},
		},
	}, {
		name: "follow-ups told after the story of a question join it",
		text: `<p><strong>Round 2</strong></p><p>Write a program to find the median of two sorted arrays.</p><p>I gave a merge based solution.</p>
<p>After that he asked me to write it in logarithmic time.</p><p>Then he asked me to prove it.</p>`,
		want: []q{{"Write a program to find the median of two sorted arrays.", "Round 2", ""}},
	}, {
		name: "questions quoted in a round's story, asked again in a later round",
		text: `<p><strong>Round 1</strong><br>It began with a “Tell me about yourself”.<br>1. Rotate a matrix by 90 degrees.</p>
<p><strong>Round 2</strong><br>Again a “Tell me about yourself” and then a “Why do you want to leave your company?”<br>1. Find the kth smallest element of a BST.</p>`,
		want: []q{
			{"Tell me about yourself", "Round 1", ""},
			{"Rotate a matrix by 90 degrees.", "Round 1", ""},
			{"Why do you want to leave your company?", "Round 2", ""},
			{"Find the kth smallest element of a BST.", "Round 2", ""},
		},
	}, {
		name: "the topics of some questions listed before the numbered ones; small talk told in the story",
		text: `<p><strong>Round 3</strong><br>Some questions on networks and compilers.<br>Then he asked me to brief my current project.<br>1. Find the longest palindromic substring.</p>`,
		want: []q{
			{"Some questions on networks and compilers.", "Round 3", ""},
			{"Find the longest palindromic substring.", "Round 3", ""},
		},
	}, {
		name: "a new ask told in a numbered question's story is a question of its own",
		text: `<p><strong>Round 3</strong></p><p>1) What is a page fault?<br>2) How to reduce them? (I talked about caching)<br>He asked me to design an LRU cache with constant time operations.<br>I did it with a map and a list.</p>`,
		want: []q{
			{"What is a page fault?", "Round 3", ""},
			{"How to reduce them?", "Round 3", ""},
			{"Design an LRU cache with constant time operations.", "Round 3", ""},
		},
	}, {
		name: "an ask that names what the question named, or asks how, is more of it",
		text: `<p><strong>Round 1</strong></p><p>1. Find the maximum sum subarray.<br>He asked me to find the start and end index of the subarray too.<br>He asked me to do it without extra space.</p>`,
		want: []q{{"Find the maximum sum subarray.", "Round 1", ""}},
	}, {
		name: "a question pointing back at the one before is more of it, unless it asks a variant",
		text: `<p><strong>Round 2</strong></p><p>1. He gave me a scheduling problem: tasks depend on other tasks.</p><p>2. Give an order for the above tasks so each runs after those it needs.</p>
<p>3. Variation of the above problem: some tasks may run in parallel.</p>`,
		want: []q{
			{"He gave me a scheduling problem: tasks depend on other tasks.", "Round 2", ""},
			{"Variation of the above problem: some tasks may run in parallel.", "Round 2", ""},
		},
	}, {
		name: "an ask told in prose that points back at the question before is more of it",
		text: `<p><strong>Round 2</strong></p><p>1) He gave me a scheduling problem:</p><p>Given a set of tasks, some depend on others.</p><p>Eg: task A depends on task B</p><p>so he asked me to give a schedule for above tasks such that each runs after those it needs.</p><p>2) Reverse a linked list.</p>`,
		want: []q{
			{"He gave me a scheduling problem:", "Round 2", ""},
			{"Reverse a linked list.", "Round 2", ""},
		},
	}, {
		name: "a list numbered from 0, a quote closed by an opening mark",
		text: `<p><strong>Round 1</strong></p><p>0. introduce yourself</p><p>1. check if a binary tree is a BST.</p>
<p><strong>Round 2</strong></p><p>Only one question was asked.<br>“Find the kth node from the end of a linked list “<br>He asked me to code the best approach.</p>`,
		want: []q{
			{"introduce yourself", "Round 1", ""},
			{"check if a binary tree is a BST.", "Round 1", ""},
			{"Find the kth node from the end of a linked list", "Round 2", ""},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			e := onePost(t, "http://www.geeksforgeeks.org/a-test-article/", gfgArticle("Initech Interview Experience | Set 1", "Interview Experiences", tc.text), "geeksforgeeks")
			if diff := cmp.Diff(tc.want, questionsOf(e)); diff != "" {
				t.Errorf("questions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLevelFullTime checks that a title that speaks of a full-time job
// gets no level Intern, from the title or from the section.
func TestLevelFullTime(t *testing.T) {
	for _, tc := range []struct{ title, section, want string }{
		{"Initech Interview Experience | Set 2 (On-Campus for Internship)", "Interview Experiences", "Intern"},
		{"Initech Interview Experience | Set 3 (On-Campus for Internship and Full-Time)", "Interview Experiences", ""},
		{"Initech Interview Experience | Set 4 (For FTE)", "Internship", ""},
		{"Initech Interview Experience | Set 5", "Internship", "Intern"},
	} {
		e := onePost(t, "http://www.geeksforgeeks.org/a-test-article/", gfgArticle(tc.title, tc.section, `<p>1. Reverse a string.</p>`), "geeksforgeeks")
		if got := e.Level; got != tc.want {
			t.Errorf("level of %q in section %q = %q, want %q", tc.title, tc.section, got, tc.want)
		}
	}
}

func TestSlugTitle(t *testing.T) {
	for _, tc := range []struct{ url, text, want string }{
		{"https://www.careercup.com/question?id=5638261762424832", "", "careercup.com question"},
		{"http://www.geeksforgeeks.org/find-number-of-islands/", "", "Find number of islands"},
		{"https://leetcode.com/problems/two-sum/", "", "Two sum"},
		{"https://example.org/problem/view/42", "", "example.org question"},
		{"https://example.org/q/42", "Merge intervals", "Merge intervals"},
	} {
		if got := slugTitle(tc.url, tc.text); got != tc.want {
			t.Errorf("slugTitle(%q, %q) = %q, want %q", tc.url, tc.text, got, tc.want)
		}
	}
}

// TestQuestionBodies checks what goes into a question's body and what
// does not.
func TestQuestionBodies(t *testing.T) {
	type qb struct{ Title, Body string }
	for _, tc := range []struct {
		name, text string
		want       []qb
	}{{
		name: "the candidate's turn to ask and the call for the next round are no part of a question",
		text: `<p><strong>Round 2</strong></p><p>Q1. What is a zombie process?<br>Q2. What is thrashing?</p>
<p>Then she asked if I had any questions for her.</p><p>I was selected for the next round.</p>`,
		want: []qb{{"What is a zombie process?", ""}, {"What is thrashing?", ""}},
	}, {
		name: "a yes-or-no lead-in takes the ask after it into the title",
		text: `<p><strong>Round 3</strong><br>1. Have you used Git? Explain how a rebase rewrites history.<br>2. Why is the sky blue? Answer in one line.</p>`,
		want: []qb{{"Have you used Git? Explain how a rebase rewrites history.", ""}, {"Why is the sky blue?", "Answer in one line."}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			e := onePost(t, "http://www.geeksforgeeks.org/a-test-article/", gfgArticle("Initech Interview Experience | Set 1", "Interview Experiences", tc.text), "geeksforgeeks")
			var got []qb
			for _, x := range e.Questions {
				got = append(got, qb{x.Title, x.Body})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("questions (-want +got):\n%s", diff)
			}
		})
	}
}
