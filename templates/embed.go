// Package templates embeds decline's default template catalog: the
// *.yaml files in this directory, one per request kind.
package templates

import "embed"

// FS holds the default catalog files.
//
//go:embed *.yaml
var FS embed.FS
