package inbound

import (
	"sync"

	"github.com/decline-cli/decline/templates"
)

var (
	langMu    sync.Mutex
	langRules = map[string]*Rules{}
)

// ForLang returns the rules for reading a request written in lang (a
// language code such as "fr"): the requests section of that language's
// built-in locale file, decoded the first time a message in that
// language is read. It returns false when the language has none:
// English's are used then, and a kind they find in such a message is a
// guess at best. Senders that take no replies are the same in every
// language: rules that list none take English's.
func ForLang(lang string) (*Rules, bool, error) {
	en, err := English()
	if err != nil || lang == "" || lang == "en" {
		return en, err == nil, err
	}
	langMu.Lock()
	defer langMu.Unlock()
	if r, ok := langRules[lang]; ok {
		return r, r != en, nil
	}
	text := ""
	for _, l := range templates.Locales {
		if l.Lang == lang {
			text = l.Requests
		}
	}
	if text == "" {
		langRules[lang] = en
		return en, false, nil
	}
	r, err := LoadRules([]byte(text), "templates/"+lang+"/locale.yaml: requests")
	if err != nil {
		return nil, false, err
	}
	if len(r.NoReplySenders) == 0 {
		r.NoReplySenders = en.NoReplySenders
	}
	langRules[lang] = r
	return r, true, nil
}
