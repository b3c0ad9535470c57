package lint

import (
	"strings"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/compose"
)

// Sample is a requester every template is rendered for.
type Sample struct {
	What string // how a message describes it: "a long name"
	Name string
}

// Samples are the requesters lint renders every wording for. The first
// is the normal one, used for the length of brief replies and by
// 'decline templates show'.
var Samples = []Sample{
	{"a normal name", "Alexandra Kim"},
	{"a long name", "Maximiliana Theodora Wolfeschlegelsteinhausen-Bergdorff"},
	{"a non-ASCII name", "Zoë Ångström-Núñez"},
	{"a name with an apostrophe", "D'Arcy O'Brien"},
}

// SampleSender is the sender every sample reply is signed by.
const SampleSender = "Jordan Avery"

// sampleValues fills the extra values the default catalog uses with
// something a reader would recognise.
var sampleValues = map[string]string{
	"skill":   "project management",
	"role":    "Senior Product Manager",
	"company": "Northwind",
	"contact": "Priya Natarajan",
	"service": "bookkeeping",
}

// SampleValue is the sample text for an extra value: a realistic one for
// the values the default catalog uses, else the name itself in words.
func SampleValue(name string) string {
	if v, ok := sampleValues[name]; ok {
		return v
	}
	return strings.ReplaceAll(name, "_", " ")
}

// SampleRequest is the request for sample s, variant (1-based), with
// every declared value given or, when withOptional is false, only the
// required ones.
func SampleRequest(t *catalog.Template, s Sample, variant int, withOptional bool) *compose.Request {
	values := map[string]string{}
	names := t.Requires
	if withOptional {
		names = append(append([]string(nil), t.Requires...), t.Optional...)
	}
	for _, n := range names {
		values[n] = SampleValue(n)
	}
	return &compose.Request{
		Name:    s.Name,
		Sender:  SampleSender,
		Signoff: compose.DefaultSignoff(t.Tone),
		Values:  values,
		Variant: variant,
	}
}
