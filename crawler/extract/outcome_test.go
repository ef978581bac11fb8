package extract

import "testing"

// The sentences here are written for the tests, each for one rule or one
// trap a rule must not fall into.

func TestSentenceOutcome(t *testing.T) {
	tests := []struct {
		name, sentence, company, want string
	}{
		// Offer.
		{"selected", "Two weeks later I was selected for the role.", "", "Offer"},
		{"I'm typed without its apostrophe", "Then HR mailed that I m rejected.", "", "Rejected"},
		{"got selected", "Happy to say that I got selected!", "", "Offer"},
		{"finally selected", "After a long wait I was finally selected.", "", "Offer"},
		{"hired", "I got hired by Initech last month.", "Initech", "Offer"},
		{"offer", "I received the offer letter on Monday.", "", "Offer"},
		{"an offer from the company", "I recently got an offer from Initech Pune.", "Initech", "Offer"},
		{"extended me the offer", "The recruiter called to extend me the offer for the SDE-2 role.", "", "Offer"},
		{"offered me the job", "They offered me the job the same evening.", "", "Offer"},
		{"cleared all rounds", "I cleared all the rounds in one day.", "", "Offer"},
		{"cleared the interview", "I have cleared the Initech interview.", "Initech", "Offer"},
		{"result label", "Final result - Selected", "", "Offer"},
		{"verdict label", "Verdict: selected :)", "", "Offer"},
		{"one of them", "Only four were hired in the end and I was one of them.", "", "Offer"},
		{"confirmation", "Three days on I got the confirmation mail.", "", "Offer"},
		{"works there now", "I have been working at Initech since then.", "Initech", "Offer"},
		{"helped me crack it", "This site helped me crack the interview.", "", "Offer"},
		{"no subject", "The firm came to our college and was hired as an intern.", "", "Offer"},
		{"placed at the company", "I got placed in Initech through the drive.", "Initech", "Offer"},
		{"HR told", "The HR told me that you are selected.", "", "Offer"},

		// A further step is no offer.
		{"next round", "I was selected for the next round.", "", ""},
		{"round 2", "I got selected for round 2 after the test.", "", ""},
		{"shortlisted", "I was shortlisted for the interviews.", "", ""},
		{"cleared online round", "I cleared the online coding round easily.", "", ""},
		{"cleared telephonic interview", "I cleared the telephonic interview and was called onsite.", "", ""},
		{"selected into the F2F", "I got selected in the written test.", "", ""},
		{"helped with the MCQs", "Practice sets helped me get through the MCQs.", "", ""},
		{"helped with questions", "The site helped me a lot in cracking tough questions.", "", ""},
		{"others selected", "At the end five students were selected.", "", ""},
		{"friend selected", "My friend got selected in the same drive.", "", ""},
		{"other subject, no subject", "My friend went on and was selected.", "", ""},
		{"active select", "I selected the project I knew best.", "", ""},
		{"other company offer", "I already had an offer from Globex at that time.", "Initech", ""},
		{"offer from elsewhere", "He asked if I had an offer from another company.", "", ""},
		{"question", "Have I got the offer?", "", ""},
		{"hope", "I hope I get selected this time.", "", ""},
		{"snacks", "The interviewer offered me some tea.", "", ""},
		{"no offer in hand", "I had no offer in hand back then.", "", ""},

		// Rejected.
		{"not selected", "Sadly I was not selected.", "", "Rejected"},
		{"didn't get selected", "I didn't get selected this time.", "", "Rejected"},
		{"rejected", "So I got rejected after the last round.", "", "Rejected"},
		{"am rejected", "The recruiter mailed that I am rejected.", "", "Rejected"},
		{"rejected me", "They rejected me without feedback.", "", "Rejected"},
		{"could not clear", "I could not clear the final round.", "", "Rejected"},
		{"could not clear it", "A mail said I could not clear it.", "", "Rejected"},
		{"did not clear", "I did not clear the interview but learned a lot.", "", "Rejected"},
		{"didn't get through", "That was the round I didn't get through.", "", "Rejected"},
		{"dint get through", "I dint get through the manager round.", "", "Rejected"},
		{"did not make it", "I did not make it to the final list.", "", "Rejected"},
		{"so no offer", "Two rounds went badly, so no offer.", "", "Rejected"},
		{"failed", "I failed in the bar raiser round.", "", "Rejected"},
		{"didn't get the offer", "In the end I didn't get the offer.", "", "Rejected"},
		{"result not selected", "Result: not selected", "", "Rejected"},
		{"eliminated", "I was eliminated after the group discussion.", "", "Rejected"},
		{"where I failed", "The third problem stumped me and that is where I failed.", "", "Rejected"},
		{"where I failed, short", "That's where I failed, sadly.", "", "Rejected"},
		{"failed a question", "I failed to see the trick at first.", "", ""},

		// Not rejections.
		{"advice", "Do not lose heart even if you are rejected.", "", ""},
		{"could not clear a doubt", "I could not clear my doubt about the input.", "", ""},
		{"could not pass tests", "I could not pass all test cases in the second problem.", "", ""},
		{"could not make it work", "I could not make it faster than n log n.", "", ""},
		{"students rejected", "Many students got rejected in the first round.", "", ""},
		{"not rejected", "I was not rejected outright.", "", ""},

		// Ongoing.
		{"waiting", "I am still waiting for the result.", "", "Ongoing"},
		{"waiting alone", "Waiting for the final results now.", "", "Ongoing"},
		{"result awaited", "The result is awaited.", "", "Ongoing"},
		{"not heard back", "I haven't heard back from them yet.", "", "Ongoing"},
		{"had to wait", "I had to wait a week for the results.", "", ""},

		// Declined.
		{"declined", "I declined the offer as I had a better one.", "", "Declined"},
		{"turned down", "I turned down their offer for family reasons.", "", "Declined"},
		{"rejected the offer", "I rejected the offer because of the location.", "", "Declined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			for _, s := range lowSentences(tt.sentence) {
				if o := sentenceOutcome(s, tt.company); outcomeRank[o] > outcomeRank[got] {
					got = o
				}
			}
			if got != tt.want {
				t.Errorf("outcome of %q = %q, want %q", tt.sentence, got, tt.want)
			}
		})
	}
}

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  string
	}{
		{"none told", []string{"Round 1: two coding problems.", "Round 2: design a cache.", "Thanks to everyone who helped."}, ""},
		{"selected for rounds only", []string{"I was selected for the next round.", "I got shortlisted for round 3.", "Some tips follow."}, ""},
		{"rejected, then selected", []string{"I got rejected in round 1 but they called me again.", "After two more rounds I got selected."}, "Offer"},
		{"offer told first, setback in the story", []string{"I recently got an offer from Initech.", "I didn't get selected at first, but they looked at my profile again."}, "Offer"},
		{"next round, then not selected", []string{"I was selected for the next round.", "The last round went badly and I was not selected."}, "Rejected"},
		{"offer then declined", []string{"They offered me the position.", "I declined the offer to stay in my city."}, "Declined"},
		{"waiting", []string{"Round 1 went well.", "I am waiting for the result."}, "Ongoing"},
		{"waiting, then an update", []string{"I am waiting for the result.", "Update: I got the offer!"}, "Offer"},
		{"rejected, tried again, nothing told", []string{"I was rejected after the second round.", "I applied again after half a year.", "Round 1: a tree problem."}, ""},
		{"rejected, second attempt, selected", []string{"First attempt: I got rejected.", "Second attempt", "This time I got selected."}, "Offer"},
		{"rejected, called again, rejected", []string{"I was not selected.", "They called me again a year later.", "I was rejected once more."}, "Rejected"},
		{"rejected, asked again in the interview", []string{"I got rejected in the end.", "Tips: apply again later."}, "Rejected"},
		{"friend's outcome", []string{"My friend got rejected in the HR round.", "My rounds are below."}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outcomeOf(tt.paras, "Initech"); got != tt.want {
				t.Errorf("outcomeOf(%q) = %q, want %q", tt.paras, got, tt.want)
			}
		})
	}
}
