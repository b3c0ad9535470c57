package inbound

import (
	"embed"
	"errors"
	"io/fs"
	"sync"
)

// otherRules are the rules for requests written in languages other than
// English, read the first time a message in that language is.
//
//go:embed rules_de.yaml rules_es.yaml rules_fr.yaml
var otherRules embed.FS

var (
	langMu    sync.Mutex
	langRules = map[string]*Rules{}
)

// ForLang returns the rules for reading a request written in lang (a
// language code such as "fr"), and false when there are none: English's
// are used then, and a kind they find in such a message is a guess at
// best. Senders that take no replies are the same in every language:
// rules that list none take English's.
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
	name := "rules_" + lang + ".yaml"
	data, err := otherRules.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		langRules[lang] = en
		return en, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	r, err := LoadRules(data, name)
	if err != nil {
		return nil, false, err
	}
	if len(r.NoReplySenders) == 0 {
		r.NoReplySenders = en.NoReplySenders
	}
	langRules[lang] = r
	return r, true, nil
}
