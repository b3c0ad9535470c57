package reply

import (
	"errors"
	"fmt"

	"github.com/decline-cli/decline/internal/catalog"
	"github.com/decline-cli/decline/internal/config"
	"github.com/decline-cli/decline/internal/deliver"
	"github.com/decline-cli/decline/internal/langs"
	"github.com/decline-cli/decline/internal/safetext"
)

// CheckSettings checks the settings that only the rest of decline knows,
// so that a changed configuration is refused before it is written: the
// kind and tone (those of cat's locale, the user's own included, or the
// built-in ones when cat is nil), the output format (one draft can
// write, since draft reads it as its default), the clipboard mode
// and the address.
func CheckSettings(cat *catalog.Catalog) config.Check {
	return func(c *config.Config) error {
		kinds, tones := Kinds(), Tones()
		if cat != nil {
			kinds, tones = cat.Locale(Lang).Kinds, cat.Locale(Lang).Tones
		}
		// draft reads format and refuses one it cannot write, so a
		// format of batch only (mbox, jsonl) would stop every draft.
		formats := deliver.Names(deliver.ForOne, deliver.DefaultOne)
		if f, ok := deliver.Lookup(c.Format); ok && f.One == nil {
			return &ChoiceError{What: "format", Value: c.Format, Valid: formats, Config: c.Path,
				Why: "writes many replies, and this setting is read for a single one too", BatchOnly: true}
		}
		for _, s := range []struct {
			what, value string
			valid       []string
		}{
			{"kind", c.Kind, catalog.IDs(kinds)},
			{"tone", c.Tone, catalog.IDs(tones)},
			{"format", c.Format, formats},
			{"clipboard", c.Clipboard, deliver.ClipboardModes},
		} {
			if _, err := Setting(s.what, "", s.value, c.Path, "", s.valid); err != nil {
				return err
			}
		}
		if c.Lang != "" {
			have := []string{Lang}
			if cat != nil {
				have = cat.Languages()
			}
			if _, ok := langs.Match(have, c.Lang); !ok {
				return &LangError{Value: c.Lang, Have: have, Config: c.Path}
			}
		}
		if c.Address != "" {
			if err := CheckAddress(c.Address); err != nil {
				msg := fmt.Sprintf("address %s %v", safetext.Quote(c.Address), err)
				if c.Path != "" {
					msg = "config file " + c.Path + ": " + msg
				}
				return errors.New(msg)
			}
		}
		return nil
	}
}
