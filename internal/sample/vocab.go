package sample

// The vocabulary of the sample site other than the question bank. All of it
// is written for this project.

// companies lists the companies, most popular first: a post picks the
// company of rank r with weight 1/(r+1). Names in aliases/companies.txt
// keep the spelling listed there; for the others, the spelling is the one
// askedat.NormalizeCompany gives the lower-case name, so the lower-case link
// text on a page normalises to the name in the title.
var companies = []string{
	"Amazon", "Google", "Microsoft", "Flipkart", "Goldman Sachs",
	"Walmart Labs", "Adobe", "Meta", "Uber", "Atlassian",
	"Tata Consultancy Services", "Infosys", "Oracle", "Salesforce", "Razorpay",
	"PayPal", "Swiggy", "Zomato", "Paytm", "JPMorgan Chase",
	"DE Shaw", "NxtWave", "Myntra", "Meesho", "Morgan Stanley",
	"Apple", "Netflix", "LinkedIn", "Intuit", "Cisco",
	"VMware", "Qualcomm", "Nvidia", "Samsung", "Bloomberg",
	"Airbnb", "Dropbox", "Deloitte", "Accenture", "Capgemini",
	"Cognizant", "Wipro", "Zoho", "Freshworks", "Groww",
	"Zepto", "Nutanix", "Rubrik", "Sprinklr", "Arcesium",
	"Juspay", "Dream11", "Stripe", "Shopify", "Twilio",
	"Coinbase", "Databricks", "Snowflake", "Pinterest", "Expedia",
	"Media.net", "Barclays", "American Express", "Texas Instruments", "Thoughtworks",
	"Urban Company",
}

// A role is a job title with how often posts have it, which kinds of
// question (tracks, see data/questions.txt) it is asked, and the weights of
// the categories of its questions.
type role struct {
	name   string
	weight float64
	tracks []string
	// cat holds the weights of Behavioral, Data Structures & Algorithms,
	// System Design, Other and Aptitude, in the order of categoryOrder.
	cat [5]float64
}

var roles = []role{
	{"Software Engineer", 30, []string{"be", "fe"}, [5]float64{2, 5, 2, 2, 0.2}},
	{"SDE Intern", 12, nil, [5]float64{1.5, 6, 0.3, 1.5, 1}},
	{"Back-End Developer", 12, []string{"be"}, [5]float64{2, 2.5, 3, 4, 0.1}},
	{"Front-End Developer", 9, []string{"fe"}, [5]float64{2, 2.5, 1, 5, 0.1}},
	{"Full-Stack Developer", 8, []string{"be", "fe"}, [5]float64{2, 3, 2, 4, 0.1}},
	{"Senior Software Engineer", 6, []string{"be"}, [5]float64{2, 3, 4, 2, 0}},
	{"Data Scientist", 6, []string{"data", "ml"}, [5]float64{2, 2, 0.5, 5, 0.5}},
	{"Graduate Engineer Trainee", 5, nil, [5]float64{3, 3, 0.2, 3, 4}},
	{"Data Engineer", 4, []string{"data", "be"}, [5]float64{2, 2.5, 2, 4, 0.3}},
	{"Machine Learning Engineer", 4, []string{"ml", "data"}, [5]float64{2, 3, 2, 4, 0}},
	{"Android Developer", 3, []string{"mob"}, [5]float64{2, 3, 1, 4, 0}},
	{"DevOps Engineer", 3, []string{"ops"}, [5]float64{2, 1.5, 2.5, 5, 0}},
	{"iOS Developer", 2, []string{"mob"}, [5]float64{2, 3, 1, 4, 0}},
	{"Site Reliability Engineer", 2, []string{"ops", "be"}, [5]float64{2, 2, 3, 4, 0}},
	{"QA Automation Engineer", 2, nil, [5]float64{2, 2, 0.5, 5, 0.5}},
	{"Business Analyst", 2, []string{"data"}, [5]float64{3, 1, 0.2, 3, 3}},
}

// statuses are the outcomes of a post with their weights.
var statuses = []struct {
	name   string
	weight float64
}{
	{"Offer", 45}, {"Rejected", 35}, {"Ongoing", 20},
}

// Title patterns. {role}, {company}, {year}, {n} and {outcome} are filled in.
var titlePatterns = []weighted{
	{"{role} Interview Experience — {company}", 8},
	{"{role} Interview Questions — {company}", 6},
	{"{company} {role} Interview Experience ({year})", 3},
	{"{company} {role} Interview: {n} Questions I Was Asked", 2},
	{"My {role} Interview at {company} ({outcome})", 2},
	{"{company} {role} Interview — DSA & System Design Rounds", 1},
}

// outcomeWords are the {outcome} of a title, by status.
var outcomeWords = map[string]string{
	"Offer":    "Selected",
	"Rejected": "Rejected",
	"Ongoing":  "Result Awaited",
}

// Summary patterns. {topics} is a list of the post's question topics,
// {topic} the first of them, {rounds} the number of rounds in words.
var summaryPatterns = []weighted{
	{"I recently interviewed for the {role} role at {company}, and this post lists the questions I was asked, covering {topics}.", 6},
	{"My {role} interview at {company} had {rounds} rounds with a focus on {topics}.", 4},
	{"Sharing every question from my {company} {role} interview so you know what to expect: {topics}.", 3},
	{"A round-by-round account of interviewing with {company} for {a_role} position, with questions on {topics}.", 3},
	{"{company} {role} interview: {n} questions on {topics}, plus a few tips on how to prepare.", 2},
	{"Here's what {company} asked me for the {role} role: mostly {topic}, with a behavioural discussion at the end.", 2},
}

// How the candidate got the interview: the first sentence of the full
// experience.
var openings = []weighted{
	{"I applied through the {company} careers page and heard back from a recruiter about two weeks later.", 5},
	{"A recruiter from {company} reached out to me on LinkedIn about {a_role} opening.", 5},
	{"I got a referral from a friend who works at {company}, and the recruiter called me within a week.", 4},
	{"{company} visited our campus for placements, and I registered for the {role} profile.", 3},
	{"I applied through an off-campus hiring drive that {company} announced on its careers page.", 2},
	{"I had applied to {company} months earlier and had forgotten about it when the HR team emailed me.", 1},
}

// The online assessment, when the post has Aptitude or many DSA questions.
var assessments = []weighted{
	{"The first step was an online assessment on HackerRank with two coding problems and 20 MCQs on aptitude and CS fundamentals.", 3},
	{"There was a 90-minute online test first: quantitative aptitude, logical reasoning and one coding question.", 2},
	{"The online assessment had three coding questions of increasing difficulty, and I solved two and a half of them.", 2},
}

// Sentences about how hard it was; {cat} is the category of the hardest round.
var difficultyRemarks = []weighted{
	{"Overall the difficulty was moderate; the {cat} round was the hardest part for me.", 4},
	{"The interviewers were friendly, but the {cat} questions went deeper than I expected.", 3},
	{"Honestly the process was tougher than the reviews suggested, especially the {cat} round.", 2},
	{"None of the questions were tricky, but they expected clean code and clear reasoning throughout.", 2},
}

// Outcome sentences by status.
var outcomes = map[string][]weighted{
	"Offer": {
		{"I received the offer a week after the final round and accepted it.", 4},
		{"HR called three days later with an offer, and the negotiation took another week.", 3},
		{"I was selected, and the offer letter arrived after the background check.", 2},
	},
	"Rejected": {
		{"Unfortunately I was rejected after the final round, but the experience taught me a lot.", 4},
		{"I did not make it past the last technical round; the feedback was to work on my system design.", 3},
		{"I got a rejection email after ten days without any detailed feedback.", 2},
	},
	"Ongoing": {
		{"I'm still waiting to hear back about the final round.", 4},
		{"The result is pending as of writing this, and I will update the post when I know more.", 3},
		{"HR said the team would get back within two weeks, so the outcome is still open.", 2},
	},
}

// Advice to close the full experience; {topic} is one of the post's topics.
var advice = []weighted{
	{"My advice: practise medium-level LeetCode problems and be ready to explain trade-offs out loud.", 4},
	{"Revise SQL joins & indexing, they came up more than once.", 2},
	{"Don't skip the basics of {topic}; the interviewer kept coming back to them.", 3},
	{"Think aloud, ask clarifying questions before coding, and test your code with edge cases.", 3},
	{"Prepare two or three stories from your projects in the STAR format; they are reused across rounds.", 2},
}

// Comments shown in the discussion section of a post page. They are not
// part of the experience.
var comments = []struct{ author, text string }{
	{"Aarav", "Thanks for sharing, this helped a lot with my preparation!"},
	{"Meera", "How long did it take to get the result after the last round?"},
	{"Rohan", "Was the system design round virtual or on-site?"},
	{"Priya", "Great write-up. Did they ask you to write code on a whiteboard?"},
	{"Kabir", "I had almost the same questions last month, good luck!"},
	{"Sneha", "Which resources did you use for DSA?"},
	{"Vikram", "Congrats! Could you share the compensation range?"},
}

// categoryOrder is the order of categories in role.cat; it is also the order
// in which a post's questions are asked, Behavioral first, with the bank's
// category names.
var categoryOrder = [5]string{"Behavioral", "Data Structures & Algorithms", "System Design", "Other", "Aptitude"}

// roundNames names the round in which a category is asked.
var roundNames = [5]string{"a hiring manager round", "a DSA round", "a system design round", "a technical round on fundamentals", "an aptitude test"}

// A weighted is a text with how often it is chosen.
type weighted struct {
	text   string
	weight float64
}

// roundsOf names the rounds in which a question of each category (in the
// order of categoryOrder) is asked, most common name first.
var roundsOf = [5][]string{
	{"HR round", "managerial round", "hiring manager round"},
	{"coding round", "DSA round", "technical round"},
	{"system design round", "design round", "technical round"},
	{"technical round", "fundamentals round", "second round"},
	{"aptitude round", "online test", "first round"},
}

// Lead-ins put before a question's text; {round} is the round it was asked
// in.
var leadIns = []weighted{
	{"In the {round}, the interviewer asked:", 4},
	{"The interviewer asked this in the {round}.", 3},
	{"This question came up in the {round} of my interview.", 3},
	{"Asked in the {round}.", 2},
	{"The interviewer opened the {round} with this one.", 1},
	{"Early in the {round} the interviewer asked me this.", 1},
}

// Tails put after a question's text: how it went.
var tails = []weighted{
	{"The interviewer expected me to explain my approach before writing any code.", 3},
	{"The interviewer gave me a hint when I got stuck.", 2},
	{"I explained my thinking aloud and the interviewer seemed satisfied.", 2},
	{"It is a common interview question, but the follow-up questions were tricky.", 2},
	{"This took most of the round.", 1},
	{"I was asked to improve my first answer twice.", 1},
}

// Details that a few candidates add; {lang}, {team} and {tech} are drawn
// from the lists below with Zipf weights, which gives the vocabulary its
// long tail of rare words.
var (
	languageDetails = []weighted{
		{"I wrote my solution in {lang}.", 3},
		{"The interviewer let me code it in {lang}.", 2},
		{"I chose {lang} for this one.", 1},
	}
	techDetails = []weighted{
		{"The interviewer was from the {team} team, which runs on {tech}.", 2},
		{"We talked about how the {team} team uses {tech} for this.", 2},
		{"The interviewer mentioned {tech} as a hint.", 1},
	}
	languages = []string{
		"Python", "Java", "C++", "JavaScript", "Go", "C#", "Kotlin", "TypeScript",
		"C", "Swift", "Rust", "Scala", "Ruby", "PHP", "Haskell", "Elixir",
		"Clojure", "OCaml", "Dart", "Julia", "Perl", "Lua", "Erlang", "Fortran",
	}
	teams = []string{
		"payments", "search", "ads", "checkout", "growth", "platform", "infrastructure",
		"identity", "catalog", "logistics", "fraud", "recommendations", "billing",
		"notifications", "maps", "pricing", "storage", "messaging", "analytics",
		"onboarding", "compliance", "ledger", "inventory", "telemetry", "localization",
		"accessibility", "marketplace", "subscriptions", "rewards", "dispatch",
		"underwriting", "reconciliation", "ranking", "moderation", "provisioning",
		"observability", "experimentation", "payroll", "ticketing", "warehousing",
	}
	techs = []string{
		"Kafka", "Redis", "PostgreSQL", "Kubernetes", "MySQL", "Elasticsearch", "DynamoDB",
		"Cassandra", "MongoDB", "Spark", "gRPC", "GraphQL", "RabbitMQ", "Terraform",
		"Airflow", "Flink", "BigQuery", "Snowflake", "Memcached", "Zookeeper", "Hadoop",
		"Prometheus", "Grafana", "Envoy", "Nginx", "HBase", "ClickHouse", "CockroachDB",
		"Druid", "Pulsar", "etcd", "Consul", "Vault", "Istio", "Jenkins", "Ansible",
		"Presto", "Trino", "Pinot", "Samza", "Storm", "Beam", "Hive", "Kinesis",
		"Spanner", "Bigtable", "Aerospike", "ScyllaDB", "Couchbase", "Neo4j",
		"TimescaleDB", "InfluxDB", "Vitess", "TiDB", "FoundationDB", "RocksDB",
		"LevelDB", "Lucene", "Solr", "Vespa", "Milvus", "Faiss", "Temporal", "Nomad",
	}
)
