package inbound

import (
	"net/mail"
	"slices"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	rules := englishRules(t)
	tests := []struct {
		name, subject, text string
		kind                string
		sure                bool
		also                string // a second kind that must be listed
		values              map[string]string
		doubt               []string // values that must be below Confident, so they are asked
		confidence          float64  // the kind's confidence, when not 0
	}{
		{name: "plain recommendation", subject: "Favour", text: "Would you write me a recommendation?", kind: "recommendation", sure: true},
		{name: "endorse skill stops at punctuation", text: "Could you endorse me for Go, when you have time?", kind: "endorsement", sure: true, values: map[string]string{"skill": "Go"}},
		{name: "endorse skill keeps C++", text: "Please endorse me for C++ on LinkedIn", kind: "endorsement", sure: true, values: map[string]string{"skill": "C++"}},
		{name: "endorse skill across a wrapped line", text: "could you endorse me for distributed\nsystems design? thanks", kind: "endorsement", sure: true, values: map[string]string{"skill": "distributed systems design"}},
		{name: "reference with role and company", text: "Would you be a reference for the Staff Engineer position at Acme Corp.? Thanks", kind: "reference", sure: true, values: map[string]string{"role": "Staff Engineer", "company": "Acme Corp"}},
		{name: "referral with role at company", subject: "Referral?", text: "Could you refer me for the Backend Developer role at Initech", kind: "referral", sure: true, values: map[string]string{"role": "Backend Developer", "company": "Initech"}},
		{name: "introduction to contact", text: "Could you introduce me to Jane O’Neil? She runs hiring.", kind: "introduction", sure: true, values: map[string]string{"contact": "Jane O’Neil"}},
		{name: "testimonial for service", text: "Would you write a testimonial for my photography services?", kind: "testimonial", sure: true, values: map[string]string{"service": "photography"}},
		{name: "subject alone, weak", subject: "recommendation", text: "Hi Pat, hope all is well!", kind: "recommendation", sure: false},
		{name: "nothing asked", subject: "Lunch?", text: "Are you free on Thursday?", kind: ""},
		{name: "weak words only", text: "I'm working on my skills and my references.", kind: "endorsement", sure: false, also: "reference"},
		{name: "two strong asks", text: "Could you write me a recommendation? And could you also introduce me to Sam Park?", kind: "recommendation", sure: false, also: "introduction", values: map[string]string{"contact": "Sam Park"}},
		{name: "reference or referral", text: "Would you be a reference for me, or refer me internally?", kind: "reference", sure: false, also: "referral"},
		{name: "not a value: new job", text: "I'm looking for a new job, could you be a reference?", kind: "reference", sure: true},
		{name: "quoted text is not the request", text: "Thanks, that helps!\n\n> could you endorse me for Go?\n", kind: ""},
		{name: "signature is not the request", text: "See you soon.\n-- \nAsk me for a recommendation any time\n", kind: ""},
		{name: "a pronoun is no role", text: "Could you be a reference for me for a job at Northwind next week?", kind: "reference", sure: true, values: map[string]string{"company": "Northwind"}},
		{name: "company ends at and", text: "I applied for the Analyst role at Northwind Traders and they've asked for references. Could you be a reference?", kind: "reference", sure: true, values: map[string]string{"role": "Analyst", "company": "Northwind Traders"}},
		{name: "company keeps a capitalized and", text: "Could you be a reference for the Analyst role at Procter and Gamble?", kind: "reference", sure: true, values: map[string]string{"role": "Analyst", "company": "Procter and Gamble"}},
		{name: "contact that names nobody", text: "Could you connect me with the hiring manager on your team?", kind: "introduction", sure: true, values: map[string]string{"contact": "hiring manager"}, doubt: []string{"contact"}},
		{name: "contact your boss", text: "Could you introduce me to your boss?", kind: "introduction", sure: true, values: map[string]string{"contact": "boss"}, doubt: []string{"contact"}},
		{name: "contact named after a noun", text: "Could you introduce me to your cofounder Lisa?", kind: "introduction", sure: true, values: map[string]string{"contact": "Lisa"}},
		{name: "LinkedIn is no skill", text: "Can you endorse me on LinkedIn for my skills in data analysis?", kind: "endorsement", sure: true, values: map[string]string{"skill": "data analysis"}},
		{name: "skills as a list", text: "Can you endorse me for Go, Rust and Kubernetes?", kind: "endorsement", sure: true, values: map[string]string{"skill": "Go, Rust and Kubernetes"}},
		{name: "your company names none; refer me to the X position", text: "Could you refer me to the Backend Engineer position at your company?", kind: "referral", sure: true, values: map[string]string{"role": "Backend Engineer"}},
		{name: "your firm names none", text: "Could you be a reference for the Analyst role at your firm?", kind: "reference", sure: true, values: map[string]string{"role": "Analyst"}},
		{name: "a title before a contact's name", text: "Could you introduce me to your CTO Ann Lee?", kind: "introduction", sure: true, values: map[string]string{"contact": "Ann Lee"}},
		{name: "a title alone names nobody", text: "Could you introduce me to your CTO?", kind: "introduction", sure: true, values: map[string]string{"contact": "CTO"}, doubt: []string{"contact"}},
		{name: "would you mind endorsing me", text: "Would you mind endorsing me for Python on LinkedIn?", kind: "endorsement", sure: true, values: map[string]string{"skill": "Python"}},
		{name: "a few words on my profile", text: "Could you write a few words about me on my LinkedIn profile?", kind: "recommendation", sure: true},
		{name: "a good word, unsure", text: "Could you put in a good word for me at Globex?", kind: "referral", sure: false, values: map[string]string{"company": "Globex"}, confidence: 0.25},
		{name: "pattern does not span sentences", text: "Could you endorse me. For Go I need help.", kind: "endorsement", sure: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := rules.Detect(&Message{Subject: tt.subject, Text: tt.text, Requester: mail.Address{Name: "Ann", Address: "ann@example.com"}})
			if req.Kind != tt.kind {
				t.Fatalf("kind = %q, want %q (kinds %+v)", req.Kind, tt.kind, req.Kinds)
			}
			if tt.confidence != 0 && req.Confidence != tt.confidence {
				t.Errorf("confidence %.2f, want %.2f", req.Confidence, tt.confidence)
			}
			if tt.kind != "" && (req.Confidence >= Confident) != tt.sure {
				t.Errorf("confidence %.2f, want sure %v (kinds %+v)", req.Confidence, tt.sure, req.Kinds)
			}
			if tt.also != "" && !slices.ContainsFunc(req.Kinds, func(k KindMatch) bool { return k.Kind == tt.also }) {
				t.Errorf("kinds %+v do not list %s", req.Kinds, tt.also)
			}
			for _, k := range req.Kinds {
				if len(k.Evidence) == 0 || k.Evidence[0].Pattern == "" || k.Evidence[0].Text == "" {
					t.Errorf("kind %s without evidence: %+v", k.Kind, k)
				}
			}
			got := map[string]string{}
			for k, v := range req.Values {
				got[k] = v.Text
				if v.Confidence <= 0 || v.Confidence > 1 || v.Evidence.Pattern == "" {
					t.Errorf("value %s: confidence %.2f, evidence %+v", k, v.Confidence, v.Evidence)
				}
			}
			for k, v := range req.Values {
				if doubt := slices.Contains(tt.doubt, k); doubt != (v.Confidence < Confident) {
					t.Errorf("value %s %q: confidence %.2f, want doubtful %v", k, v.Text, v.Confidence, doubt)
				}
			}
			if len(got) != len(tt.values) {
				t.Errorf("values %v, want %v", got, tt.values)
			}
			for k, want := range tt.values {
				if got[k] != want {
					t.Errorf("value %s = %q, want %q", k, got[k], want)
				}
			}
		})
	}
}

func TestDetectNotification(t *testing.T) {
	rules := englishRules(t)
	for _, tt := range []struct {
		name, from, subject, text string
		auto                      bool
		notification              bool
		who                       string
	}{
		{"linkedin subject", "notifications-noreply@linkedin.com", "Scott Lee requested a recommendation", "", false, true, "Scott Lee"},
		{"name after a greeting", "no-reply@network.example", "New request", "Hi Pat, Scott Lee has asked you for an endorsement.", false, true, "Scott Lee"},
		{"name after other words", "noreply@network.example", "", "Your former colleague Ana María Ruiz is asking for a reference", false, true, "Ana María Ruiz"},
		{"request from name", "do-not-reply@careers.example", "Reference request from Dana Whitfield", "", false, true, "Dana Whitfield"},
		{"no name in text", "noreply@example.com", "You have a new request", "Log in to see it.", false, true, ""},
		{"automated, reads like one", "alerts@network.example", "Scott Lee has asked you for a recommendation", "", true, true, "Scott Lee"},
		{"automated, does not read like one", "alerts@network.example", "Your weekly digest", "", true, false, ""},
		{"a person", "scott@example.com", "Scott Lee has asked you for a recommendation", "", false, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := mail.Address{Name: "Network", Address: tt.from}
			req := rules.Detect(&Message{From: a, Requester: a, Subject: tt.subject, Text: tt.text, AutoSubmitted: tt.auto})
			if tt.notification && !tt.auto {
				// A no-reply Reply-To makes a notification as well.
				person := mail.Address{Name: "Scott Lee", Address: "scott@example.com"}
				if r2 := rules.Detect(&Message{From: person, Requester: a, Subject: tt.subject, Text: tt.text}); !r2.Notification || r2.Address != "" {
					t.Errorf("no-reply Reply-To: %+v", r2)
				}
			}
			if req.Notification != tt.notification {
				t.Fatalf("Notification = %v (%s), want %v", req.Notification, req.NotificationWhy, tt.notification)
			}
			if !tt.notification {
				return
			}
			if req.Name != tt.who || req.Address != "" || req.NotificationWhy == "" {
				t.Errorf("name %q (%s), address %q, why %q; want %q, no address", req.Name, req.NameFrom, req.Address, req.NotificationWhy, tt.who)
			}
		})
	}
}

func TestPersonalName(t *testing.T) {
	for in, want := range map[string]string{
		"Okafor, Ngozi":               "Ngozi Okafor",
		"Scott Lee":                   "Scott Lee",
		"Lee, Scott, Jr.":             "Lee, Scott, Jr.",
		"Scott Lee, Jr.":              "Scott Lee, Jr.",
		"Acme, Inc.":                  "Acme, Inc.",
		"'Scott Lee' via Alumni":      "Scott Lee",
		"Maria Chen via Acme Careers": "Maria Chen",
		"van der Berg, Anna":          "van der Berg, Anna",
		"Dr. Amara Nwosu (Acme)":      "Dr. Amara Nwosu",
		"Lee, Scott (Sales)":          "Scott Lee",
		"s@x.com":                     "",
	} {
		if got, _ := personalName(in); got != want {
			t.Errorf("personalName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadRulesStrict(t *testing.T) {
	base := "max-value-words: 6\nmax-name-words: 4\nattribution: {with-date: a, without-date: b, date-layout: c}\n"
	for _, tt := range []struct{ yaml, want string }{
		{base + "kinds: {recommendation: {strong: [x], week: [y]}}\n", "field week not found"},
		{base + "kindz: {}\n", "field kindz not found"},
		{base + "kinds: {letter: {strong: [x]}}\n", `unknown kind "letter"`},
		{base + "values: ['endorse me for {skil}']\n", "unknown slot {skil}"},
		{base + "values: ['for {role} {company}']\n", "two slots next to each other"},
		{base + "values: [endorse me]\n", "needs a slot"},
		{base + "values: ['{skill}']\n", "at least one word that is not a slot"},
		{base + "notifications: [asked you]\n", "needs the slot {name}"},
		{base + "notifications: ['{skill} asked']\n", "only the slot {name}"},
		{base + "no-reply-senders: [noreply]\n", "not an address pattern"},
		{base + "values: ['endorse ||']\n", "is not a word"},
		{"max-value-words: 0\n", "max-value-words"},
	} {
		_, err := LoadRules([]byte(tt.yaml), "r.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "r.yaml:") {
			t.Errorf("LoadRules(%q): %v, want an error about %q", tt.yaml, err, tt.want)
		}
	}
	r, err := LoadRules([]byte(base+"kinds: {endorsement: {strong: ['vouch for my {skill} skills']}}\nvalues: ['vouch for my {skill} skills']\n"), "r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	req := r.Detect(&Message{Text: "Could you vouch for my SQL skills?"})
	if req.Kind != "endorsement" || req.Values["skill"].Text != "SQL" {
		t.Errorf("rules from YAML: %+v", req)
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tt := range []struct {
		p, s string
		want bool
	}{
		{"noreply@*", "noreply@linkedin.com", true},
		{"*-noreply@*", "notifications-noreply@linkedin.com", true},
		{"*-noreply@*", "noreply@linkedin.com", false},
		{"noreply@*", "not-noreply@x.com", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"*", "", true},
		{"", "x", false},
	} {
		if got := globMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}

func TestHTMLText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"<p>Hello</p><p>World</p>", "Hello\n\nWorld\n"},
		{"<div>a</div><div><br></div><div>b</div>", "a\n\nb\n"},
		{"<head><title>T</title><style>p{x:1}</style></head><body>Hi <b>there</b>,&nbsp;you</body>", "Hi there, you\n"},
		{"<script>if (a < b) alert('x')</script>text", "text\n"},
		{"<SCRIPT type=x>hidden</Script >shown", "shown\n"},
		{"<!-- hidden --><!--[if mso]><p>x</p><![endif]-->seen", "seen\n"},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n- two\n"},
		{"<pre>  keep\n   this</pre>after", "  keep\n   this\n\nafter\n"},
		{"<a href=\"x>y\" title='>'>link</a>", "link\n"},
		{"5 &lt; 6 &amp;&amp; 7 &gt; 6 &#8217; &eacute;", "5 < 6 && 7 > 6 ’ é\n"},
		{"a < b and c", "a < b and c\n"},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "a b\n"},
		{"unclosed <b", "unclosed\n"},
		{"", ""},
	} {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
