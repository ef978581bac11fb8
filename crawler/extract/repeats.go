package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/askedat/askedat"
)

// This file drops the questions a post repeats. Interviewers of later
// rounds ask again what the first one asked ("Tell me about yourself" in
// every round, the project talk once more), and the post lists it again;
// a reader counts it once, where it was first asked.

var (
	// repeatWordRE is a word of a question's title as repeats compare it.
	repeatWordRE = regexp.MustCompile(`[a-z0-9]+`)

	// fillerWords carry nothing of what was asked: function words, and
	// the words that tell how it went ("started with", "of around 25
	// minutes").
	fillerWords = wordSet(`a an the of in on at to for from by with and or but is are was were be it its this that
		me my i we he him she you your our his her their them us some any all what which how why do does did can could
		would should will have has had tell ask asked asking again also then first started start starting began
		begin begun around about approx approximately minutes minute mins min hour hours long brief briefly`)

	// introWords are the words of a self-introduction ask: "Tell me
	// about yourself", "Introduce yourself", "Started with a formal
	// introduction".
	introWords = wordSet(`yourself self myself introduce introduction introductions intro formal basic short
		little small quick give`)
	// introCore are the words of which a self-introduction ask has one.
	introCore = wordSet(`yourself self myself introduce introduction introductions intro`)

	// projectWords are the words of an ask to talk about one's projects
	// and nothing more: "Detailed project discussion", "Discussion on
	// my projects".
	projectWords = wordSet(`project projects discussion discussions discuss discussed detailed detail details deep
		current previous past last company resume cv work worked done explain explanation describe`)
	// projectCore are the words of which a project-talk ask has one.
	projectCore = wordSet(`project projects`)
)

// wordSet returns the words of a space-separated list as a set.
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

// repeatKey returns what a question asks, for finding its repeats: the
// words of its title other than filler, sorted; a self-introduction or a
// bare project talk, however worded, has one key each. A title with no
// word that counts has no key ("").
func repeatKey(title string) string {
	var words, named []string // named: without numbers ("of around 25 minutes")
	for _, w := range repeatWordRE.FindAllString(strings.ToLower(title), -1) {
		if fillerWords[w] {
			continue
		}
		words = append(words, w)
		if strings.Trim(w, "0123456789") != "" {
			named = append(named, w)
		}
	}
	if len(words) == 0 {
		return ""
	}
	if only(named, introWords) && some(named, introCore) {
		return "\x00introduction"
	}
	if only(named, projectWords) && some(named, projectCore) {
		return "\x00projects"
	}
	slices.Sort(words)
	return strings.Join(slices.Compact(words), " ")
}

// smallTalk reports whether an ask is a self-introduction or a talk about
// one's projects and asks nothing more. A post that tells it in its story
// ("then he asked me to brief my current project") tells how the round
// went; only when it lists or quotes it is it a question.
func smallTalk(ask string) bool {
	return strings.HasPrefix(repeatKey(ask), "\x00")
}

// foldWords returns the words of s in lower case, one space apart.
func foldWords(s string) string {
	return strings.Join(repeatWordRE.FindAllString(strings.ToLower(s), -1), " ")
}

// only reports whether every word is in set.
func only(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}

// some reports whether a word is in set.
func some(words []string, set map[string]bool) bool {
	return slices.ContainsFunc(words, func(w string) bool { return set[w] })
}

// dropRepeats returns qs without the questions that ask again what one
// before them asked, keeping the first. A repeat whose body says more
// than the first's ("Why leave your company?" and then "Why us?") is
// kept: it is not all asked before.
func dropRepeats(qs []askedat.Question) []askedat.Question {
	seen := map[string]string{} // title key → body of the first, folded
	out := qs[:0]
	for _, q := range qs {
		k := repeatKey(q.Title)
		if body, ok := seen[k]; ok && k != "" && (q.Body == "" || foldWords(q.Body) == body) {
			continue
		}
		if _, ok := seen[k]; !ok {
			seen[k] = foldWords(q.Body)
		}
		out = append(out, q)
	}
	return out
}
