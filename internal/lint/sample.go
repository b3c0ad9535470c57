package lint

import (
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

// SampleRequest is the request for sample s, variant (1-based), with
// every declared value given (with the locale's sample text) or, when
// withOptional is false, only the required ones.
func SampleRequest(t *catalog.Template, loc *catalog.Locale, s Sample, variant int, withOptional bool) *compose.Request {
	values := map[string]string{}
	names := t.Requires
	if withOptional {
		names = append(append([]string(nil), t.Requires...), t.Optional...)
	}
	for _, n := range names {
		values[n] = loc.Sample(n)
	}
	return &compose.Request{
		Name:    s.Name,
		Sender:  SampleSender,
		Signoff: sampleSignoff(t, loc),
		Values:  values,
		Variant: variant,
		Locale:  loc,
	}
}

// sampleSignoff is the sign-off a reply from t closes with when the user
// gives none: the template's own, else its tone's.
func sampleSignoff(t *catalog.Template, loc *catalog.Locale) string {
	if t.Signoff != "" {
		return t.Signoff
	}
	return loc.Signoff(t.Tone)
}
