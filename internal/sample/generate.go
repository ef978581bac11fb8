package sample

import (
	"bytes"
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/askedat/askedat"
)

// Source is the Source of every experience of the sample site.
const Source = "interviewexperiences"

// pcgStream is the second PCG word: the seed is the first.
const pcgStream = 0x5eed_a5ced_a7

// Config says what site to generate.
type Config struct {
	Posts      int    // number of experience posts (default 500 if 0)
	Seed       uint64 // same seed → byte-identical site
	PerListing int    // posts per listing page (default 20)
	Faults     bool   // add hostile and broken cases for tests (see FaultSet)
}

// withDefaults returns c with its zero fields given their defaults.
func (c Config) withDefaults() Config {
	if c.Posts == 0 {
		c.Posts = 500
	}
	if c.Posts < 0 {
		c.Posts = 0
	}
	if c.PerListing <= 0 {
		c.PerListing = 20
	}
	return c
}

// A Post is one experience post of the site.
type Post struct {
	// Path is the post's path, "/experience/<company-slug>/<title-slug>-<n>".
	Path string
	// Experience is the ground truth, normalised (askedat.Normalize applied),
	// with ID and URL empty: Site.Experiences fills them in. Body is the
	// paragraphs of "Full Experience" joined by a blank line ("\n\n").
	Experience askedat.Experience
	// Variant is the markup variant that renders the post: 0 or 1.
	Variant int
	// Number is the post's number, unique within the site: the order in
	// which it was generated, from 1.
	Number int
	// QuestionKeys holds, for each question, the key of its group in the
	// question bank: paraphrases of one question share a key.
	QuestionKeys []string

	companySlug string
	day         int // days since 2019-01-01
}

// The span of post dates.
var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	numDays  = int(lastDay.Sub(firstDay).Hours()/24) + 1
)

// dayTable holds each day's date as YYYY-MM-DD and as "January 2, 2006".
var dayTable = sync.OnceValue(func() (t struct{ iso, long []string }) {
	for d := range numDays {
		day := firstDay.AddDate(0, 0, d)
		t.iso = append(t.iso, day.Format(askedat.DateLayout))
		t.long = append(t.long, day.Format("January 2, 2006"))
	}
	return t
})

// Pickers over the vocabulary, fixed at start.
var (
	companyPick = newPicker(func() []float64 {
		w := make([]float64, len(companies))
		for i := range w {
			w[i] = 1 / float64(i+1)
		}
		return w
	}())
	rolePick       = newPicker(weightsOf(len(roles), func(i int) float64 { return roles[i].weight }))
	statusPick     = newPicker(weightsOf(len(statuses), func(i int) float64 { return statuses[i].weight }))
	roundPick      = newPicker([]float64{4, 2, 1})
	languagePick   = newPicker(zipf(len(languages)))
	teamPick       = newPicker(zipf(len(teams)))
	techPick       = newPicker(zipf(len(techs)))
	companyNames   = normalizedCompanies()
	companySlugs   = mapSlice(companies, slugify)
	dsaFollowUps   = []string{"The interviewer then asked for the time and space complexity.", "I had to code it in a shared editor and dry-run it on a small example.", "Follow-up: what changes if the input does not fit in memory?", "They also asked me to handle empty and single-element inputs."}
	designFollowUp = []string{"We spent most of the time on the data model and the bottlenecks.", "The interviewer kept raising the scale to see how the design would change."}
)

// zipf returns the weights 1, 1/2, 1/3, … of n items, most common first.
func zipf(n int) []float64 {
	return weightsOf(n, func(i int) float64 { return 1 / float64(i+1) })
}

func weightsOf(n int, f func(int) float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = f(i)
	}
	return w
}

func mapSlice(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	return out
}

// normalizedCompanies returns the canonical name of each company: the one
// askedat.NormalizeCompany gives its lower-case spelling, shown on the page.
func normalizedCompanies() []string {
	return mapSlice(companies, func(c string) string { return askedat.NormalizeCompany(strings.ToLower(c)) })
}

// Generate returns the posts of the site cfg describes, newest first (by
// date, then by number). The same cfg gives the same posts.
func Generate(cfg Config) []Post {
	cfg = cfg.withDefaults()
	g := &generator{r: rand.New(rand.NewPCG(cfg.Seed, pcgStream))}
	posts := make([]Post, cfg.Posts)
	for i := range posts {
		g.post(&posts[i], i+1)
	}
	slices.SortStableFunc(posts, func(a, b Post) int {
		return cmp.Or(cmp.Compare(b.day, a.day), cmp.Compare(b.Number, a.Number))
	})
	return posts
}

// A generator draws posts from one random stream.
type generator struct {
	r    *rand.Rand
	vars vars
	buf  bytes.Buffer // reused: the full experience is built here
	used []int        // bank groups of the post being generated
}

// hardestNames name the rounds of categoryOrder in "the {cat} round".
var hardestNames = [len(categoryOrder)]string{"behavioural", "DSA", "system design", "fundamentals", "aptitude"}

// vars are the values of a post's placeholders.
type vars struct {
	company, role, aRole, year, n, outcome, topics, topic, rounds, cat string
}

func (g *generator) post(p *Post, number int) {
	r := g.r
	ci := companyPick.pick(r.Float64())
	ri := rolePick.pick(r.Float64())
	status := statuses[statusPick.pick(r.Float64())].name
	day := min(int(float64(numDays)*math.Sqrt(r.Float64())), numDays-1)
	reads := int(math.Exp(r.Float64()*math.Log(50001))) - 1
	nq := min(3+int(23*math.Pow(r.Float64(), 1.3)), 25)
	role := roles[ri]
	company := companyNames[ci]
	days := dayTable()

	g.vars = vars{company: company, role: role.name, aRole: withArticle(role.name), year: days.iso[day][:4], n: strconv.Itoa(nq), outcome: outcomeWords[status]}
	qs, keys := g.questions(ri, nq)

	// Topics, rounds and the hardest category, from the questions.
	var topics []string
	var present [len(categoryOrder)]int
	for _, gi := range g.used {
		gr := &bank[gi]
		present[gr.cat]++
		if gr.cat != 0 && len(topics) < 3 && !slices.Contains(topics, gr.topic) {
			topics = append(topics, gr.topic)
		}
	}
	if len(topics) == 0 {
		topics = []string{"behavioural questions"}
	}
	var rounds []string
	for _, c := range []int{4, 1, 3, 2, 0} { // the order rounds happen in
		if present[c] > 0 {
			rounds = append(rounds, roundNames[c])
		}
	}
	hardest := 1
	for _, c := range []int{2, 1, 3, 4, 0} {
		if present[c] > 0 {
			hardest = c
			break
		}
	}
	g.vars.topics = joinList(topics)
	g.vars.topic = topics[0]
	g.vars.rounds = numberWord(len(rounds))
	g.vars.cat = hardestNames[hardest]

	title := g.expand(g.choose(titlePatterns))
	summary := g.expand(g.choose(summaryPatterns))

	// The full experience: one or two paragraphs.
	sb := &g.buf
	sb.Reset()
	sb.WriteString(g.expand(g.choose(openings)))
	if present[4] > 0 || (present[1] >= 4 && r.IntN(2) == 0) {
		sb.WriteString(" ")
		sb.WriteString(g.choose(assessments))
	}
	sb.WriteString(" The process had ")
	sb.WriteString(g.vars.rounds)
	if len(rounds) == 1 {
		sb.WriteString(" round: ")
	} else {
		sb.WriteString(" rounds: ")
	}
	sb.WriteString(joinList(rounds))
	sb.WriteString(".")
	if r.IntN(2) == 0 {
		sb.WriteString("\n\n")
		sb.WriteString(g.expand(g.choose(difficultyRemarks)))
	}
	sb.WriteString(" ")
	sb.WriteString(g.choose(outcomes[status]))
	sb.WriteString(" ")
	sb.WriteString(g.expand(g.choose(advice)))
	body := sb.String()

	p.Number = number
	p.day = day
	p.companySlug = companySlugs[ci]
	p.Path = "/experience/" + p.companySlug + "/" + slugify(title) + "-" + strconv.Itoa(number)
	if r.IntN(3) == 0 {
		p.Variant = 1
	} else {
		p.Variant = 0
	}
	p.QuestionKeys = keys
	p.Experience = askedat.Experience{
		Source:    Source,
		Extractor: Source,
		Title:     title,
		Company:   company,
		Role:      role.name,
		Status:    status,
		Date:      days.iso[day],
		Reads:     reads,
		Summary:   summary,
		Body:      body,
		Questions: qs,
	}
	// The questions are normalised by construction: the bank's values went
	// through index's normalisers when it was parsed, and follow-ups and
	// placeholders add clean text. Normalising them again would double the
	// time Generate takes; TestGenerateNormalized checks it changes nothing.
	e := &p.Experience
	e.Questions = nil
	askedat.Normalize(e)
	e.Questions = qs
}

// questions draws nq questions for role ri from distinct bank groups, in the
// order they are asked (by category), leaving their groups in g.used.
func (g *generator) questions(ri, nq int) ([]askedat.Question, []string) {
	r := g.r
	t := &tablesOf[ri]
	g.used = g.used[:0]
	for len(g.used) < nq {
		c := t.cats.pick(r.Float64())
		gi := -1
		for range 20 {
			j := t.groups[c].pick(r.Float64())
			if j >= 0 && !slices.Contains(g.used, groupsOf[c][j]) {
				gi = groupsOf[c][j]
				break
			}
		}
		if gi < 0 { // a crowded category: take the first unused group of any
			for i := range bank {
				if !slices.Contains(g.used, i) {
					gi = i
					break
				}
			}
		}
		g.used = append(g.used, gi)
	}
	slices.SortStableFunc(g.used, func(a, b int) int { return cmp.Compare(bank[a].cat, bank[b].cat) })

	qs := make([]askedat.Question, nq)
	keys := make([]string, nq)
	for i, gi := range g.used {
		gr := &bank[gi]
		v := &gr.variants[variantPick.pickN(r.Float64(), len(gr.variants))]
		title, body := v.title, v.body
		if v.templated {
			title, body = g.expand(title), g.expand(body)
		}
		diff := gr.difficulty
		switch gr.cat {
		case 1:
			if diff != "" && r.IntN(8) == 0 {
				diff = shiftDifficulty(diff, r.IntN(2))
			}
			if v.sentences < 3 && r.IntN(4) == 0 {
				body += " " + dsaFollowUps[r.IntN(len(dsaFollowUps))]
			}
		case 2:
			if v.sentences < 3 && r.IntN(5) == 0 {
				body += " " + designFollowUp[r.IntN(len(designFollowUp))]
			}
		}
		body = g.retell(gr.cat, body)
		qs[i] = askedat.Question{Ordinal: i + 1, Title: title, Category: gr.category, Difficulty: diff, Body: body}
		keys[i] = gr.key
	}
	return qs, keys
}

// retell returns body as a candidate retells it, with the words of the
// telling around the question: most often a lead-in that names the round it
// was asked in ("In the HR round, the interviewer asked:"), sometimes how it
// went, and now and then a detail that only this candidate mentions (the
// language they coded in, what the interviewer's team uses). Real posts read
// like that, and it gives the corpus the skew of real text: a few words
// ("interviewer", "asked", "round") are in most questions, many others in a
// handful.
func (g *generator) retell(cat int, body string) string {
	r := g.r
	lead := r.Float64() < 0.62
	tail := r.Float64() < 0.3
	detail := r.Float64() < 0.12
	if !lead && !tail && !detail {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + 160)
	if lead {
		names := roundsOf[cat]
		round := names[roundPick.pickN(r.Float64(), len(names))]
		b.WriteString(strings.Replace(g.choose(leadIns), "{round}", round, 1))
		b.WriteString(" ")
	}
	b.WriteString(body)
	if tail {
		b.WriteString(" ")
		b.WriteString(g.choose(tails))
	}
	if detail {
		b.WriteString(" ")
		if r.IntN(2) == 0 {
			b.WriteString(strings.Replace(g.choose(languageDetails), "{lang}", languages[languagePick.pick(r.Float64())], 1))
		} else {
			d := g.choose(techDetails)
			d = strings.Replace(d, "{team}", teams[teamPick.pick(r.Float64())], 1)
			d = strings.Replace(d, "{tech}", techs[techPick.pick(r.Float64())], 1)
			b.WriteString(d)
		}
	}
	return b.String()
}

// shiftDifficulty moves d one step: Medium to Easy (up 0) or Hard (up 1),
// Easy and Hard to Medium. Candidates disagree on how hard a question is.
func shiftDifficulty(d string, up int) string {
	switch d {
	case askedat.DifficultyMedium:
		if up == 1 {
			return askedat.DifficultyHard
		}
		return askedat.DifficultyEasy
	default:
		return askedat.DifficultyMedium
	}
}

// choose draws one text of ws.
func (g *generator) choose(ws []weighted) string {
	// The lists are short: a linear scan beats building pickers.
	sum := 0.0
	for _, w := range ws {
		sum += w.weight
	}
	x := g.r.Float64() * sum
	for _, w := range ws {
		if x < w.weight {
			return w.text
		}
		x -= w.weight
	}
	return ws[len(ws)-1].text
}

// expand replaces the placeholders of s ({company}, {role}, …) with g.vars.
// Braces that are not a placeholder are kept.
func (g *generator) expand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if v, ok := g.lookup(s[i+1 : i+j]); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

func (g *generator) lookup(name string) (string, bool) {
	v := &g.vars
	switch name {
	case "company":
		return v.company, true
	case "role":
		return v.role, true
	case "a_role":
		return v.aRole, true
	case "year":
		return v.year, true
	case "n":
		return v.n, true
	case "outcome":
		return v.outcome, true
	case "topics":
		return v.topics, true
	case "topic":
		return v.topic, true
	case "rounds":
		return v.rounds, true
	case "cat":
		return v.cat, true
	}
	return "", false
}

// withArticle returns role with "a" or "an" before it, as it is spoken:
// "an Android Developer", "an SDE Intern", "a QA Automation Engineer".
func withArticle(role string) string {
	if strings.HasPrefix(role, "SDE") || strings.ContainsAny(role[:1], "AEIOUi") {
		return "an " + role
	}
	return "a " + role
}

// joinList joins items as English does: "a", "a and b", "a, b, and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

func numberWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven"}
	if n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// slugify returns s in lower case with each run of characters other than
// ASCII letters and digits replaced by one hyphen.
func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, c := range strings.ToLower(s) {
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
